"""`kg serve` as its users meet it: real SPARQL clients, the token, the bounds of a request,
the Graph Store Protocol, writes by `kg load` while it serves, its pages and its log."""

from __future__ import annotations

import json
import logging
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import quote

import pyoxigraph as ox
import pytest
from serving import D1, D2, D3, EX, TOKEN, make_store, reply, running

from kg.errors import InputError, StoreNotFound
from kg.serve import ServeConfig, Server

AUTH = {"Authorization": f"Bearer {TOKEN}"}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
# over the 3,000 triples of `cross_store`: 8e13 solutions to count, in one engine call
KG = [sys.executable, "-m", "kg.cli.main"]
FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def ask(url: str, query: str) -> bool:
    r = reply("GET", f"{url}sparql?query={quote(query)}")
    assert r.status == 200, r.text
    return json.loads(r.body)["boolean"]


# -- real clients ----------------------------------------------------------------------
def test_serve_sparqlwrapper_select_ask_construct(endpoint: str) -> None:
    from SPARQLWrapper import JSON, POST, TURTLE, XML, SPARQLWrapper

    client = SPARQLWrapper(endpoint + "sparql")
    client.setQuery(f"SELECT ?doc WHERE {{ ?doc a <{EX}Doc> }} ORDER BY ?doc")
    client.setReturnFormat(JSON)
    rows = client.queryAndConvert()["results"]["bindings"]
    assert [row["doc"]["value"] for row in rows] == [D1, D2]

    client.setMethod(POST)  # a form POST
    client.setQuery(f"ASK {{ <{D3}> <{EX}n> 3 }}")
    assert client.queryAndConvert()["boolean"] is True

    client.setQuery(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{D2}> {{ ?s ?p ?o }} }}")
    client.setReturnFormat(XML)  # RDF/XML, which SPARQLWrapper parses into an rdflib Graph
    graph = client.queryAndConvert()
    assert len(graph) == 3
    client.setReturnFormat(TURTLE)
    assert b"<http://example.org/b>" in client.queryAndConvert()


def test_serve_sparqlwrapper_sees_the_syntax_error(endpoint: str) -> None:
    from SPARQLWrapper import JSON, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    client = SPARQLWrapper(endpoint + "sparql")
    client.setQuery("SELECT ?s WHERE { ?s ")
    client.setReturnFormat(JSON)
    with pytest.raises(QueryBadFormed, match="invalid SPARQL: error at 1:"):
        client.query()


def test_serve_rdflib_sparqlstore(endpoint: str) -> None:
    from rdflib import Graph, URIRef
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    for fmt in ("xml", "json", "csv"):
        graph = Graph(store=SPARQLStore(endpoint + "sparql", returnFormat=fmt))
        rows = graph.query(f"SELECT ?s ?o WHERE {{ ?s <{EX}knows> ?o }} ORDER BY ?s")
        assert [(str(s), str(o)) for s, o in rows] == [(f"{EX}a", f"{EX}b"), (f"{EX}b", f"{EX}c")]
    triples = set(graph.triples((URIRef(D1), None, None)))
    assert len(triples) == 2


def test_serve_sparqlwrapper_update_needs_the_token(writable) -> None:
    from SPARQLWrapper import POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import Unauthorized

    insert = f"INSERT DATA {{ GRAPH <{EX}new> {{ <{EX}x> <{EX}p> 'via SPARQLWrapper' }} }}"
    with writable() as (url, _):
        client = SPARQLWrapper(url + "sparql")
        client.setMethod(POST)
        client.setQuery(insert)
        with pytest.raises(Unauthorized):
            client.query()
        client.addCustomHttpHeader("Authorization", "Bearer wrong-token")
        with pytest.raises(HTTPError) as info:
            client.query()
        assert info.value.code == 403
        assert not ask(url, f"ASK {{ <{EX}x> ?p ?o }}")
        client.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
        client.query()
        assert ask(url, f"ASK {{ GRAPH <{EX}new> {{ <{EX}x> <{EX}p> 'via SPARQLWrapper' }} }}")


# -- the token -------------------------------------------------------------------------
UPDATE = f"update={quote(f'INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}s> <{EX}p> 1 }} }}')}"
WAS_WRITTEN = f"ASK {{ <{EX}s> <{EX}p> 1 }}"


def test_serve_read_only_refuses_every_write(writable) -> None:
    with writable(allow_update=False) as (url, _):
        r = reply("POST", url + "sparql", UPDATE, {**FORM, **AUTH})
        assert r.status == 403 and "--allow-update" in r.text
        put = reply(
            "PUT",
            url + f"store?graph={EX}g",
            "<a:s> <a:p> 1 .",
            {"Content-Type": "text/turtle", **AUTH},
        )
        assert put.status == 403
        assert not ask(url, WAS_WRITTEN)


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        pytest.param({}, 401, id="no-token"),
        pytest.param({"Authorization": "Basic dXNlcjpwYXNz"}, 401, id="not-bearer"),
        pytest.param({"Authorization": "Bearer "}, 401, id="empty-token"),
        pytest.param({"Authorization": "Bearer wrong"}, 403, id="wrong-token"),
        pytest.param({"Authorization": f"Bearer {TOKEN}x"}, 403, id="longer-token"),
        pytest.param(AUTH, 204, id="the-token"),
    ],
)
def test_serve_updates_need_the_token(writable, headers: dict[str, str], status: int) -> None:
    with writable() as (url, _):
        r = reply("POST", url + "sparql", UPDATE, {**FORM, **headers})
        assert r.status == status, r.text
        if status == 401:
            assert r.headers["www-authenticate"].startswith("Bearer")
        assert ask(url, WAS_WRITTEN) is (status == 204)  # and the next query sees it


def test_serve_update_syntax_error_is_placed_in_the_text_sent(writable) -> None:
    with writable() as (url, _):
        r = reply(
            "POST",
            url + "sparql",
            "INSERT DATA {\n  <a:s> <a:p> \n}",
            {"Content-Type": "application/sparql-update", **AUTH},
        )
    assert r.status == 400 and r.text.startswith("invalid SPARQL update at 3:"), r.text


def test_serve_updates_declare_kg_prefixes(writable) -> None:
    with writable() as (url, _):
        text = "INSERT DATA { GRAPH kgr:testgraph { kgr:x rdfs:label 'x' } }"
        r = reply(
            "POST", url + "sparql", text, {"Content-Type": "application/sparql-update", **AUTH}
        )
        assert r.status == 204, r.text
        assert ask(url, "ASK { kgr:x rdfs:label 'x' }")


def test_serve_memory_backend_reads_and_writes(writable) -> None:
    with writable(backend="memory") as (url, store):
        assert ask(url, f"ASK {{ <{D1}> a <{EX}Doc> }}")
        r = reply("POST", url + "sparql", UPDATE, {**FORM, **AUTH})
        assert r.status == 204, r.text
        assert ask(url, WAS_WRITTEN)
    assert f"<{EX}s> <{EX}p>" in (store / "dataset.nq").read_text(encoding="utf-8")


# -- bounds: time limit and row cap ----------------------------------------------------
@pytest.fixture(scope="module")
def bounded(cross_store) -> str:
    """A server over the 3,000 triples of `cross_store` with a 3 s limit and a 3,000-row cap."""
    with running(ServeConfig(store=cross_store("oxigraph").path, timeout=3, max_rows=3000)) as url:
        yield url


def test_serve_timeout_is_a_clean_error_while_others_are_served(bounded: str) -> None:
    slow: dict[str, object] = {}

    def send_slow() -> None:
        slow["reply"] = reply("POST", bounded + "sparql", f"query={quote(FOREVER)}", FORM)

    thread = threading.Thread(target=send_slow)
    thread.start()
    quick = reply("GET", bounded + "sparql?query=" + quote("ASK { ?s ?p ?o }"))
    still_running = thread.is_alive()
    thread.join(60)
    assert quick.status == 200 and json.loads(quick.body)["boolean"] is True
    assert still_running, "the quick query waited for the slow one"
    r = slow["reply"]
    assert r.status == 504  # type: ignore[attr-defined]
    assert r.text == "query timed out after 3 s (the limit of this endpoint: kg serve --timeout)\n"  # type: ignore[attr-defined]


SELECTS = [
    pytest.param("SELECT * WHERE { ?s ?p ?o }", 200, id="at-the-cap"),
    pytest.param("SELECT * WHERE { ?s ?p ?o } LIMIT 10", 200, id="under-the-cap"),
    pytest.param("SELECT * WHERE { { ?s ?p ?o } UNION { BIND (1 AS ?x) } }", 413, id="one-over"),
    pytest.param("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }", 413, id="nine-million-rows"),
]


@pytest.mark.parametrize(("query", "status"), SELECTS)
@pytest.mark.parametrize("accept", ["application/sparql-results+json", "text/csv"])
def test_serve_row_cap_refuses_rather_than_cuts(
    bounded: str, query: str, status: int, accept: str
) -> None:
    r = reply("POST", bounded + "sparql", f"query={quote(query)}", {**FORM, "Accept": accept})
    assert r.status == status, r.text
    if status == 413:
        assert r.media_type == "text/plain" and "more than 3000 rows" in r.text
    elif accept == "text/csv":
        assert r.text.count("\n") == (3001 if "LIMIT" not in query else 11)
    else:
        assert len(json.loads(r.body)["results"]["bindings"]) == (
            3000 if "LIMIT" not in query else 10
        )


def test_serve_row_cap_counts_construct_triples(bounded: str) -> None:
    query = "CONSTRUCT { ?a ?b ?f } WHERE { ?a ?b ?c . ?d ?e ?f }"
    r = reply("POST", bounded + "sparql", f"query={quote(query)}", FORM)
    assert r.status == 413 and "more than 3000 triples" in r.text
    whole = reply("GET", bounded + "store?default", headers={"Accept": "application/n-triples"})
    assert whole.status == 200 and whole.text.count("\n") == 3000


# -- the Graph Store Protocol ------------------------------------------------------------
def _triples(body: bytes, fmt: ox.RdfFormat) -> set[str]:
    return {str(t) for t in ox.parse(body, format=fmt)}


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [("text/turtle", ox.RdfFormat.TURTLE), ("application/n-triples", ox.RdfFormat.N_TRIPLES)],
)
def test_serve_graph_store_get_a_named_graph(endpoint: str, accept: str, fmt) -> None:
    r = reply("GET", f"{endpoint}store?graph={quote(D2)}", headers={"Accept": accept})
    assert (r.status, r.media_type) == (200, accept)
    assert _triples(r.body, fmt) == {
        f"<{D2}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{EX}Doc>",
        f'<{D2}> <{EX}title> "two"',
        f"<{EX}b> <{EX}knows> <{EX}c>",
    }


def test_serve_graph_store_default_dataset_and_missing(endpoint: str) -> None:
    union = reply("GET", endpoint + "store?default", headers={"Accept": "application/n-triples"})
    assert union.status == 200 and len(_triples(union.body, ox.RdfFormat.N_TRIPLES)) == 7
    dataset = reply("GET", endpoint + "store", headers={"Accept": "application/n-quads"})
    graphs = {q.graph_name.value for q in ox.parse(dataset.body, format=ox.RdfFormat.N_QUADS)}
    assert dataset.status == 200 and graphs == {D1, D2, D3}
    assert reply("GET", f"{endpoint}store?graph={quote(EX + 'nope')}").status == 404
    head = reply("HEAD", f"{endpoint}store?graph={quote(D1)}")
    assert (head.status, head.body) == (200, b"")
    assert reply("PUT", f"{endpoint}store?graph={quote(D1)}", "", AUTH).status == 403


def test_serve_graph_store_writes(writable) -> None:
    turtle = {"Content-Type": "text/turtle", **AUTH}
    new = f"{EX}new"
    with writable() as (url, _):
        target = f"{url}store?graph={quote(new)}"
        assert (
            reply("PUT", target, "<a:s> <a:p> 1 .", {"Content-Type": "text/turtle"}).status == 401
        )
        assert reply("PUT", target, "<a:s> <a:p> 1 .", turtle).status == 201
        assert reply("PUT", target, "<a:s> <a:p> 2 .", turtle).status == 204  # replaced
        assert reply("POST", target, "<a:s> <a:p> 3 .", turtle).status == 204  # added
        got = reply("GET", target, headers={"Accept": "application/n-triples"})
        integer = "<http://www.w3.org/2001/XMLSchema#integer>"
        assert sorted(got.text.splitlines()) == [
            f'<a:s> <a:p> "2"^^{integer} .',
            f'<a:s> <a:p> "3"^^{integer} .',
        ]
        assert reply("PUT", target, "<a:s> <a:p> .", turtle).status == 400  # not Turtle
        assert reply("PUT", target, "x", {"Content-Type": "image/png", **AUTH}).status == 415
        assert reply("PUT", url + "store?default", "<a:s> <a:p> 1 .", turtle).status == 400
        assert reply("DELETE", target, headers=AUTH).status == 204
        assert reply("DELETE", target, headers=AUTH).status == 404
        assert reply("GET", target).status == 404
        assert ask(url, f"ASK {{ <{D1}> ?p ?o }}")  # the other graphs are untouched


# -- writes by other processes while it serves -------------------------------------------
def test_serve_kg_load_writes_while_it_serves(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    added = tmp_path / "added.ttl"
    added.write_text(f"<{EX}late> <{EX}p> 'loaded while serving' .\n", encoding="utf-8")
    with running(ServeConfig(store=store, timeout=30)) as url:
        assert not ask(url, f"ASK {{ <{EX}late> ?p ?o }}")
        load = subprocess.run(
            [*KG, "--store", str(store), "load", str(added)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert load.returncode == 0, load.stderr
        assert ask(url, f"ASK {{ <{EX}late> ?p 'loaded while serving' }}")
        assert ask(url, f"ASK {{ <{D1}> ?p ?o }}")


# -- pages, log, CORS, start-up errors ---------------------------------------------------
def test_serve_viewer_and_query_page(endpoint: str) -> None:
    viewer = reply("GET", endpoint)
    assert (viewer.status, viewer.media_type) == (200, "text/html")
    assert "<title>kg: network viewer</title>" in viewer.text
    page = reply("GET", endpoint + "query")
    assert page.status == 200
    for name in ("dyad", "visits", "sanctions", "actors"):
        assert f'"name":"{name}"' in page.text
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=\"?https?:", page.text)  # offline
    assert reply("POST", endpoint + "query").status == 405


def test_serve_access_log_has_one_line_per_request(endpoint: str, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="kg.serve.access"):
        reply("GET", endpoint + "sparql?query=ASK%20%7B%7D")
        reply("PUT", endpoint + "sparql")
        reply("GET", endpoint + "query")
    lines = [r.getMessage() for r in caplog.records if r.name == "kg.serve.access"]
    assert len(lines) == 3
    pattern = r'127\.0\.0\.1 - - \[[^]]+\] "(\w+) (\S+) HTTP/1\.1" (\d{3}) (\d+) [\d.]+ms'
    parsed = [re.fullmatch(pattern, line).groups() for line in lines]  # type: ignore[union-attr]
    assert [(m, p, s) for m, p, s, _ in parsed] == [
        ("GET", "/sparql?query=ASK%20%7B%7D", "200"),
        ("PUT", "/sparql", "405"),
        ("GET", "/query", "200"),
    ]


def test_serve_cors(read_store: Path) -> None:
    origin = "http://localhost:8888"
    with running(ServeConfig(store=read_store, cors=(origin,))) as url:
        preflight = reply(
            "OPTIONS",
            url + "sparql",
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type",
            },
        )
        assert preflight.status == 200
        assert preflight.headers["access-control-allow-origin"] == origin
        get = reply("GET", url + "sparql?query=ASK%7B%7D", headers={"Origin": origin})
        assert get.headers["access-control-allow-origin"] == origin
        other = reply("GET", url + "sparql?query=ASK%7B%7D", headers={"Origin": "http://evil.test"})
        assert "access-control-allow-origin" not in other.headers
    with running(ServeConfig(store=read_store)) as url:
        get = reply("GET", url + "sparql?query=ASK%7B%7D", headers={"Origin": origin})
        assert "access-control-allow-origin" not in get.headers


def test_serve_start_up_errors(tmp_path: Path, read_store: Path) -> None:
    with pytest.raises(StoreNotFound):
        Server(ServeConfig(store=tmp_path / "none"), port=0)
    with running(ServeConfig(store=read_store)) as url:
        port = int(url.rsplit(":", 1)[1].strip("/"))
        with pytest.raises(InputError, match="port .*: Address already in use"):
            Server(ServeConfig(store=read_store), port=port)


def _has_child(pid: int) -> bool:
    """Whether process `pid` has a child process now (Linux: /proc/PID/task/*/children)."""
    return any(p.read_text().strip() for p in Path(f"/proc/{pid}/task").glob("*/children"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_serve_command_in_a_process(cross_store) -> None:
    """`kg serve --port 0` prints its address, serves, logs, and on Ctrl-C answers the request
    under way (504 at its time limit, not a 500 or a cut connection), then exits 0."""
    store = cross_store("oxigraph").path
    proc = subprocess.Popen(
        [*KG, "--store", str(store), "serve", "--port", "0", "--timeout", "1"],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert proc.stderr is not None
        banner = [proc.stderr.readline() for _ in range(6)]
        url = re.search(r"(http://127\.0\.0\.1:\d+/)sparql", banner[1]).group(1)  # type: ignore[union-attr]
        assert banner[-1] == "Ctrl-C stops it.\n"
        assert ask(url, "ASK { ?s ?p ?o }")
        log = proc.stderr.readline()
        assert re.match(r'127\.0\.0\.1 - - \[.*\] "GET /sparql\?query=\S+ HTTP/1\.1" 200 \d+ ', log)
        slow: dict[str, object] = {}
        thread = threading.Thread(
            target=lambda: slow.update(
                r=reply("POST", url + "sparql", f"query={quote(FOREVER)}", FORM)
            )
        )
        thread.start()
        for _ in range(600):  # the query runs once the server has forked its child
            if _has_child(proc.pid) or not thread.is_alive():
                break
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        thread.join(60)
        rest = proc.stderr.read()
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    assert slow["r"].status == 504  # type: ignore[attr-defined]
    assert rest.endswith("kg serve: stopped\n") and "Traceback" not in rest
