"""The engine profiles and the registry, without a server: every request goes to an
`httpx.MockTransport` that records it and answers as the engine would. Virtuoso and the
generic `sparql` profile are tested only this way here (Oxigraph against the real server
in `test_remote_oxigraph.py`)."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs

import httpx
import pytest
from rdflib import BNode, Graph, Literal, URIRef

from kg.errors import (
    InputError,
    KGError,
    QueryError,
    RemoteIncomplete,
    RemoteRefused,
    RemoteStoreError,
    RemoteTimeout,
    StoreUnreachable,
)
from kg.store import BACKENDS, open_store
from kg.store.registry import backends, display_location, get_backend, is_url, resolve_backend
from kg.store.remote import RemoteStore, engine_profiles, query_form

G1 = URIRef("http://example.org/g1")
G2 = URIRef("http://example.org/g2")
EMPTY_SELECT = {"head": {"vars": ["g"]}, "results": {"bindings": []}}


class FakeEngine:
    """Answers requests as a SPARQL server would; `requests` keeps each one."""

    def __init__(
        self, server: str = "", answer: Callable[[httpx.Request], httpx.Response] | None = None
    ) -> None:
        self.server = server
        self.requests: list[httpx.Request] = []
        self.answer = answer or self.default

    def default(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.headers.get("accept", "").startswith(
            "application/sparql-results+json"
        ):
            return httpx.Response(200, json=EMPTY_SELECT, headers=self._headers())
        if request.method == "GET" and request.url.path != "/":
            return httpx.Response(
                200,
                content=b'<http://example.org/s> <http://example.org/p> "o" .\n',
                headers={"content-type": "application/n-triples", **self._headers()},
            )
        return httpx.Response(204 if request.method != "GET" else 200, headers=self._headers())

    def _headers(self) -> dict[str, str]:
        return {"server": self.server} if self.server else {}

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        return self.answer(request)

    def store(self, url: str, **kwargs: object) -> RemoteStore:
        return RemoteStore(url, transport=httpx.MockTransport(self), **kwargs)  # type: ignore[arg-type]


def form(request: httpx.Request) -> dict[str, list[str]]:
    return parse_qs(request.content.decode("utf-8"))


# -- the registry ------------------------------------------------------------------------
def test_the_backend_list_is_written_once_and_the_cli_offers_it() -> None:
    from kg.cli.main import cli

    names = [b.name for b in backends()]
    assert list(BACKENDS) == names == ["oxigraph", "memory", "remote"]
    option = next(p for p in cli.params if p.name == "backend")
    assert list(option.type.choices) == names  # type: ignore[attr-defined]
    for backend in backends():
        assert backend.name in (option.help or "")


def test_each_backend_declares_what_its_class_does() -> None:
    for backend in backends():
        cls = backend.store_class()
        assert cls.remote is backend.remote
        if not backend.remote:  # a remote store's transactions are its engine's (below)
            assert cls.transaction_aware is backend.transaction_aware
    profiles = engine_profiles()
    assert profiles["oxigraph"].transactional
    assert not profiles["virtuoso"].transactional and not profiles["sparql"].transactional


@pytest.mark.parametrize(
    "location, url",
    [
        ("http://127.0.0.1:7878", True),
        ("HTTPS://example.org/sparql", True),
        ("oxigraph+http://127.0.0.1:7878", True),
        ("virtuoso+http://host:8890", True),
        ("sparql+https://host/ds", True),
        (".kg-store", False),
        ("/tmp/http://x", False),
        ("ftp://host", False),
        (Path("http:/x"), False),
    ],
)
def test_a_location_is_a_url_or_a_folder(location: object, url: bool) -> None:
    assert is_url(location) is url


def test_the_backend_follows_the_location_and_a_mismatch_is_one_line() -> None:
    assert resolve_backend("http://h:1", None).name == "remote"
    assert resolve_backend(Path("store"), None).name == "oxigraph"
    assert resolve_backend(None, "memory").name == "memory"
    with pytest.raises(InputError, match="opens a folder"):
        resolve_backend("http://h:1", "oxigraph")
    with pytest.raises(InputError, match="opens an http"):
        resolve_backend("store", "remote")
    with pytest.raises(InputError, match="needs a URL"):
        open_store(None, backend="remote")
    with pytest.raises(KGError, match="unknown store backend 'nope'"):
        get_backend("nope")


def test_a_password_is_never_shown() -> None:
    assert (
        display_location("oxigraph+http://dba:s3cret@host:8890/x")
        == "oxigraph+http://dba@host:8890/x"
    )
    assert display_location(Path("a/b")) == "a/b"


def test_existing_callers_open_folders_by_path(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s", backend="oxigraph", create=True)
    store.close()
    with open_store(str(tmp_path / "s"), read_only=True) as again:
        assert len(again) == 0


@pytest.mark.parametrize(
    "sparql, form_",
    [
        ("SELECT * { ?s ?p ?o }", "select"),
        ("PREFIX a: <http://x/CONSTRUCT> ask { ?s ?p ?o }", "ask"),
        ("# SELECT\nCONSTRUCT { ?s ?p ?o } WHERE { { SELECT ?s ?p ?o { ?s ?p ?o } } }", "graph"),
        ('DESCRIBE <http://x> # "SELECT"', "graph"),
    ],
)
def test_the_query_form_decides_what_to_ask_for(sparql: str, form_: str) -> None:
    assert query_form(sparql) == form_


# -- Virtuoso (facts measured on a real server by another session; tested here with a fake) --
def test_virtuoso_queries_ask_for_json_and_read_its_typed_literals() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        body = {
            "head": {"vars": ["n", "x"]},
            "results": {
                "bindings": [
                    {
                        "n": {
                            "type": "typed-literal",
                            "value": "3",
                            "datatype": "http://www.w3.org/2001/XMLSchema#integer",
                        },
                        "x": {"type": "bnode", "value": "nodeID://b10"},
                    }
                ]
            },
        }
        return httpx.Response(
            200,
            content=json.dumps(body),
            headers={"content-type": "application/sparql-results+json"},
        )

    engine = FakeEngine(answer=answer)
    store = engine.store("virtuoso+http://host:8890")
    result = store.query("SELECT ?n ?x WHERE { ?x ?p ?n }")
    assert result.rows[0]["n"] == Literal(3)
    assert isinstance(result.rows[0]["x"], BNode)
    request = engine.requests[-1]
    assert request.url.path == "/sparql" and request.method == "POST"
    assert request.headers["accept"].startswith("application/sparql-results+json")
    assert "union-default-graph" not in str(request.url)  # Virtuoso's default graph is the union
    assert form(request)["query"] == ["SELECT ?n ?x WHERE { ?x ?p ?n }"]


def test_virtuoso_writes_graph_by_graph_with_digest_auth_on_the_auth_endpoints() -> None:
    challenge = 'Digest realm="SPARQL", nonce="abc", qop="auth", opaque="o", algorithm="MD5"'

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("-auth") and not request.headers.get(
            "authorization", ""
        ).startswith("Digest "):
            return httpx.Response(401, headers={"www-authenticate": challenge})
        return httpx.Response(201)

    engine = FakeEngine(answer=answer)
    store = engine.store("virtuoso+http://dba:secret@host:8890")
    b = BNode()
    g1 = Graph()
    g1.add((URIRef("http://x/a"), URIRef("http://x/p"), b))
    g1.add((b, URIRef("http://x/q"), Literal("é", lang="fr")))
    store.replace_graphs({G1: g1, G2: Graph()})
    # httpx's DigestAuth sends the request it retries with the challenge's answer again
    sent = list(dict.fromkeys(r for r in engine.requests if "authorization" in r.headers))
    assert {r.url.path for r in sent} == {"/sparql-auth", "/sparql-graph-crud-auth"}
    assert all('username="dba"' in r.headers["authorization"] for r in sent)
    # a small request takes the challenge before the body; the PUTs come before the DROP of
    # the graphs left empty (a reader never sees a graph emptied before it is refilled)
    assert [(r.method, r.url.path) for r in sent] == [
        ("POST", "/sparql-auth"),
        ("PUT", "/sparql-graph-crud-auth"),
        ("POST", "/sparql-auth"),
    ]
    assert form(sent[0])["query"] == ["ASK WHERE { }"]
    assert form(sent[-1])["query"] == [f"DROP SILENT GRAPH <{G2}>"]  # the graph left empty
    put = sent[1]
    assert put.url.params["graph-uri"] == str(G1)
    assert put.headers["content-type"].startswith("text/turtle")
    lines = put.content.decode("utf-8").splitlines()
    labels = {w for line in lines for w in line.split() if w.startswith("_:")}
    assert len(lines) == 2 and len(labels) == 1  # the blank node stays one node
    assert "secret" not in repr(store) and "secret" not in store.location


def virtuoso_answer(cap: int, triples: int) -> Callable[[httpx.Request], httpx.Response]:
    """Virtuoso with a row cap of `cap` and one graph G1 of `triples` triples: a SELECT is
    cut to `cap` rows with `X-SPARQL-MaxRows`, a CONSTRUCT silently to `cap` + 1 triples."""
    integer = "http://www.w3.org/2001/XMLSchema#integer"

    def answer(request: httpx.Request) -> httpx.Response:
        query = form(request)["query"][0]
        if query.startswith("SELECT ?g (COUNT(*) AS ?n)"):
            assert 'STRSTARTS(STR(?g), "http://www.openlinksw.com/")' in query
            assert 'STRSTARTS(STR(?g), "http://localuriqaserver/")' in query
            bindings = [
                {"g": {"type": "uri", "value": str(G1)},
                 "n": {"type": "typed-literal", "datatype": integer, "value": str(triples)}}
            ] if 'STR(?g) > ""' in query else []  # fmt: skip
            return httpx.Response(200, json={"head": {"vars": ["g", "n"]},
                                             "results": {"bindings": bindings}})  # fmt: skip
        if query.startswith("SELECT"):
            bindings = [{"n": {"type": "literal", "value": str(i)}} for i in range(cap)]
            return httpx.Response(
                200,
                json={"head": {"vars": ["n"]}, "results": {"bindings": bindings}},
                headers={"x-sparql-maxrows": str(cap)},
            )
        assert query.startswith("CONSTRUCT") and "ORDER BY" not in query
        offset, limit = (int(w) for w in re.findall(r"(?:OFFSET|LIMIT) (\d+)", query))
        count = min(limit, cap + 1, max(0, triples - offset))
        lines = "".join(
            f"<http://x/s{offset + i}> <http://x/p> <http://x/o> .\n" for i in range(count)
        )
        return httpx.Response(
            200, content=lines.encode(), headers={"content-type": "application/n-triples"}
        )

    return answer


def test_virtuoso_reads_whole_graphs_in_pages_past_a_row_cap_it_does_not_announce() -> None:
    engine = FakeEngine(answer=virtuoso_answer(cap=100, triples=250))
    store = engine.store("virtuoso+http://host:8890")
    assert store.graphs() == [G1]
    assert sorted(str(s) for s, *_ in store.quads()) == sorted(f"http://x/s{i}" for i in range(250))
    pages = [form(r)["query"][0] for r in engine.requests if "CONSTRUCT" in form(r)["query"][0]]
    # 10000 asked, 101 given (the cap + 1, silently): the next pages ask for 100
    assert [re.findall(r"OFFSET \d+ LIMIT \d+", q)[0] for q in pages] == [
        "OFFSET 0 LIMIT 10000",
        "OFFSET 101 LIMIT 100",
        "OFFSET 201 LIMIT 100",
    ]


def test_virtuoso_answers_cut_by_its_row_cap_are_truncated_or_refused() -> None:
    store = FakeEngine(answer=virtuoso_answer(cap=100, triples=250)).store("virtuoso+http://h:8890")
    few = store.query("SELECT ?n WHERE { ?s ?p ?n }", max_rows=20)
    assert few.truncated and len(few.rows) == 20
    with pytest.raises(RemoteIncomplete, match=r"row cap of 100 rows") as cut:
        store.query("SELECT ?n WHERE { ?s ?p ?n }")
    assert cut.value.code == "E074"
    with pytest.raises(RemoteIncomplete, match=r"101 triples, the server's row cap \+ 1"):
        store.query(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }} OFFSET 0 LIMIT 500"
        )


def test_a_virtuoso_answer_stopped_by_its_time_limit_is_refused() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            json={"head": {"vars": ["n"]}, "results": {"bindings": []}},
            headers={
                "x-sql-state": "S1TAT",
                "x-sql-message": "RC...: Returning incomplete results",
            },
        )

    store = FakeEngine(answer=answer).store("virtuoso+http://h:8890")
    with pytest.raises(RemoteIncomplete, match="stopped the query early.*S1TAT"):
        store.query("SELECT ?n WHERE { ?s ?p ?n }")


def test_virtuoso_booleans_and_blank_nodes_read_as_kg_wrote_them() -> None:
    boolean = "http://www.w3.org/2001/XMLSchema#boolean"
    body = {
        "head": {"vars": ["b", "x"]},
        "results": {"bindings": [{"b": {"type": "typed-literal", "datatype": boolean, "value": "1"},
                                  "x": {"type": "bnode", "value": "nodeID://b10003"}}]},
    }  # fmt: skip
    store = FakeEngine(answer=lambda r: httpx.Response(200, json=body)).store(
        "virtuoso+http://h:8890"
    )
    row = store.query("SELECT ?b ?x WHERE { ?x ?p ?b }").rows[0]
    assert row["b"].n3() == '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>'
    assert row["x"] == BNode("b10003")  # as its N-Triples label it


def test_virtuoso_push_puts_each_graph() -> None:
    engine = FakeEngine()
    store = engine.store("virtuoso+http://host:8890")
    quads = [
        (URIRef("http://x/a"), URIRef("http://x/p"), Literal(1), G1),
        (URIRef("http://x/b"), URIRef("http://x/p"), Literal(2), G2),
    ]
    assert store.push(iter(quads), [G1, G2]) == 2
    puts = [r for r in engine.requests if r.method == "PUT"]
    assert sorted(r.url.params["graph-uri"] for r in puts) == [str(G1), str(G2)]


def test_a_plain_url_is_recognised_by_the_server_header() -> None:
    assert (
        FakeEngine("Virtuoso/07.20.3238 (Linux)").store("http://h:8890").profile.name == "virtuoso"
    )
    assert FakeEngine("Oxigraph/0.5.13").store("http://h:7878").profile.name == "oxigraph"
    assert FakeEngine("Apache Jena Fuseki").store("http://h:3030/ds").profile.name == "sparql"


# -- the generic SPARQL 1.1 profile --------------------------------------------------------
def test_generic_engine_paths_and_basic_auth_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KG_STORE_USER", "ann")
    monkeypatch.setenv("KG_STORE_PASSWORD", "pw")

    def answer(request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and "query" in form(request):
            body = {
                "head": {"vars": ["g"]},
                "results": {"bindings": [{"g": {"type": "uri", "value": str(G1)}}]},
            }
            return httpx.Response(200, json=body)
        if request.method == "GET":
            return httpx.Response(
                200, content=b"", headers={"content-type": "application/n-triples"}
            )
        return httpx.Response(204)

    engine = FakeEngine(answer=answer)
    store = engine.store("sparql+http://h:3030/ds")
    store.update("INSERT DATA { GRAPH <http://x/g> { <http://x/a> <http://x/p> 1 } }")
    assert store.graphs() == [G1]
    assert list(store.quads()) == []
    update, select, get = engine.requests[0], engine.requests[1], engine.requests[-1]
    assert update.url.path == "/ds/sparql"
    assert update.headers["content-type"].startswith("application/sparql-update")
    assert update.headers["authorization"] == "Basic " + base64.b64encode(b"ann:pw").decode()
    assert select.url.path == "/ds/sparql" and "union-default-graph" not in str(select.url)
    assert get.url.path == "/ds/store" and get.url.params["graph"] == str(G1)
    assert get.headers["accept"].startswith("application/n-triples")


def test_a_token_goes_as_a_bearer_header(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_STORE_TOKEN", "t0k")
    engine = FakeEngine()
    engine.store("sparql+http://h:3030").graphs()
    assert engine.requests[-1].headers["authorization"] == "Bearer t0k"


def test_a_generic_push_without_bulk_path_puts_each_graph() -> None:
    engine = FakeEngine()
    store = engine.store("sparql+http://h:3030")
    store.push(iter([(URIRef("http://x/a"), URIRef("http://x/p"), Literal(1), G1)]), [G1])
    assert [r.method for r in engine.requests] == ["PUT"]  # it replaces the graph: no DROP
    assert engine.requests[-1].url.path == "/store"


# -- errors: one line, a code, never the password ------------------------------------------
@pytest.mark.parametrize(
    "status, error, words",
    [
        (401, RemoteRefused, "refused the query (401"),
        (403, RemoteRefused, "refused the query (403"),
        (400, QueryError, "invalid SPARQL: bad query at 1:3"),
        (500, RemoteStoreError, "the query failed (500 Internal Server Error): bad query at 1:3"),
        (503, RemoteStoreError, "(503 Service Unavailable)"),
    ],
)
def test_http_errors_become_kg_errors_with_the_engine_message(
    status: int, error: type, words: str
) -> None:
    engine = FakeEngine(answer=lambda r: httpx.Response(status, text="bad query\nat 1:3"))
    store = engine.store("sparql+http://u:hunter2@h:1")
    with pytest.raises(error) as caught:
        store.query("SELECT * { ?s ?p ?o }")
    text = str(caught.value)
    assert words in text and "\n" not in text and "hunter2" not in text
    assert text.startswith(f"error[{error.code}]")


def test_no_server_and_a_timeout_are_one_line_errors() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    with pytest.raises(StoreUnreachable, match="no SPARQL server answers"):
        FakeEngine(answer=refuse).store("http://h:1")

    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    store = FakeEngine(answer=slow).store("oxigraph+http://h:1", timeout=2)
    with pytest.raises(RemoteTimeout, match="no answer to the query within 2 s"):
        store.query("SELECT * { ?s ?p ?o }")


def test_a_read_only_remote_store_refuses_writes() -> None:
    store = FakeEngine().store("oxigraph+http://h:1", read_only=True)
    with pytest.raises(InputError, match="read-only"):
        store.update("CLEAR ALL")
    with pytest.raises(InputError, match="read-only"):
        store.replace_graph(G1, Graph())


# -- Oxigraph: a write is one request ------------------------------------------------------
def test_oxigraph_writes_several_graphs_in_one_update_request() -> None:
    engine = FakeEngine()
    store = engine.store("oxigraph+http://h:7878")
    b = BNode()
    one, two = Graph(), Graph()
    one.add((URIRef("http://x/a"), URIRef("http://x/p"), b))
    two.add((b, URIRef("http://x/q"), Literal("x")))
    store.replace_graphs({G1: one, G2: two})
    assert len(engine.requests) == 1
    request = engine.requests[0]
    assert request.url.path == "/update"
    text = request.content.decode("utf-8")
    assert text.index(f"DROP SILENT GRAPH <{G1}>") < text.index("INSERT DATA")
    assert text.count("INSERT DATA") == 1  # one operation: the blank node is one node
    query = engine.store("oxigraph+http://h:7878")
    query.query("SELECT * { ?s ?p ?o }")
    assert engine.requests[-1].url.params["union-default-graph"] == "true"


def test_oxigraph_push_posts_one_nquads_stream_to_its_bulk_loader() -> None:
    engine = FakeEngine()
    store = engine.store("oxigraph+http://h:7878")
    b = BNode()
    quads = [
        (URIRef("http://x/a"), URIRef("http://x/p"), b, G1),
        (b, URIRef("http://x/q"), Literal("x"), G2),
    ]
    seen: list[int] = []
    assert store.push(iter(quads), [G1, G2], progress=seen.append) == 2
    drop, post = engine.requests
    assert drop.url.path == "/update" and "DROP SILENT GRAPH" in drop.content.decode()
    assert post.url.path == "/store" and "no_transaction" in post.url.params
    assert post.headers["content-type"] == "application/n-quads"
    lines = post.content.decode("utf-8").splitlines()
    assert len(lines) == 2 and lines[0].split()[2] == lines[1].split()[0]  # one blank node
    assert seen == [2]
