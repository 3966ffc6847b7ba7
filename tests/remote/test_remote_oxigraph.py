"""A remote store on a real Oxigraph server: blank nodes and named graphs round trip,
writes are one request, `kg push`, `kg.open(URL)`, `KG_STORE=URL`, and the failures a user
meets (no server, a wrong port, a 500, refused credentials, a timeout) are one line with a
code."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from servers import OxigraphServer, free_port

import kg
from kg.errors import InputError
from kg.store import open_store

EX = "http://example.org/"
G1, G2, G3 = URIRef(f"{EX}g1"), URIRef(f"{EX}g2"), URIRef(f"{EX}g3")
TRIG = """\
@prefix ex: <http://example.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
ex:g1 {
  ex:event1 ex:actor ex:RUS ; ex:mention [ ex:sentence "Poutine a rencontré…"@fr ; ex:offset 12 ] .
}
ex:g2 {
  ex:g1 prov:wasDerivedFrom ex:article1 ; prov:generatedAtTime "2024-06-18T10:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> .
  _:x ex:says "a \\"quoted\\" line\\nand another" .
}
"""


def test_named_graphs_blank_nodes_and_provenance_round_trip(
    fresh_oxigraph: Callable[[], OxigraphServer], tmp_path: Path
) -> None:
    server = fresh_oxigraph()
    data = tmp_path / "data.trig"
    data.write_text(TRIG, encoding="utf-8")
    with open_store(server.url) as remote, open_store(None) as embedded:
        assert remote.transaction_aware and remote.profile.name == "oxigraph"
        assert remote.load_file(data) == embedded.load_file(data) == [G1, G2]
        assert len(remote) == len(embedded) == 7
        got = sorted((str(g), p, o) for s, p, o, g in remote.quads() if not isinstance(o, BNode))
        want = sorted((str(g), p, o) for s, p, o, g in embedded.quads() if not isinstance(o, BNode))
        assert got == want  # literals with a language, a datatype, quotes and a newline
        # the mention is one blank node: the subject of its two triples and the object of one
        mention = remote.query(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{G1}> {{ ?e <{EX}mention> ?m . "
            f"?m <{EX}sentence> ?s ; <{EX}offset> 12 }} }}"
        )
        assert mention.rows[0]["n"] == Literal(1)
        provenance = remote.query(
            f"SELECT ?source WHERE {{ GRAPH ?g {{ <{G1}> <http://www.w3.org/ns/prov#wasDerivedFrom> ?source }} }}"
        )
        assert [r["source"] for r in provenance.rows] == [URIRef(f"{EX}article1")]
        # loading the file again replaces its graphs: same count, blank nodes not doubled
        remote.load_file(data)
        assert len(remote) == 7


def test_a_blank_node_in_two_graphs_of_one_write_stays_one_node(
    fresh_oxigraph: Callable[[], OxigraphServer],
) -> None:
    server = fresh_oxigraph()
    shared = BNode()
    one, two = Graph(), Graph()
    one.add((URIRef(f"{EX}a"), URIRef(f"{EX}p"), shared))
    two.add((shared, URIRef(f"{EX}q"), Literal("x")))
    with open_store(server.url) as remote:
        remote.replace_graphs({G1: one, G2: two})
        joined = remote.query(
            f"ASK {{ GRAPH <{G1}> {{ <{EX}a> <{EX}p> ?b }} GRAPH <{G2}> {{ ?b <{EX}q> 'x' }} }}"
        )
        assert joined.boolean
        # a second write with the same rdflib node makes a new node (as the embedded store)
        remote.replace_graphs({G3: two})
        count = remote.query("SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE { ?b ?p 'x' }")
        assert count.rows[0]["n"] == Literal(2)
        labels = {s for s, *_ in remote.quads() if isinstance(s, BNode)}
        assert len(labels) == 2


def test_clear_replaces_the_whole_store_and_queries_keep_their_bounds(
    fresh_oxigraph: Callable[[], OxigraphServer],
) -> None:
    server = fresh_oxigraph()
    graph = Graph()
    for i in range(5):
        graph.add((URIRef(f"{EX}s{i}"), URIRef(f"{EX}p"), Literal(i)))
    with open_store(server.url) as remote:
        remote.replace_graphs({G1: graph, G2: graph})
        remote.replace_graphs({G3: graph}, clear=True)
        assert remote.graphs() == [G3]
        cut = remote.query("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s", max_rows=3)
        assert len(cut.rows) == 3 and cut.truncated
        built = remote.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", max_rows=2)
        assert built.kind == "graph" and len(built) == 2 and built.truncated
        described = remote.query(f"DESCRIBE <{EX}s1>")
        assert len(described) == 1
        assert remote.query("ASK { ?s ?p 4 }").boolean is True
        remote.update(f"DROP GRAPH <{G3}>")
        assert len(remote) == 0


def test_a_read_only_store_refuses_writes_on_a_server(
    fresh_oxigraph: Callable[[], OxigraphServer],
) -> None:
    server = fresh_oxigraph()
    with open_store(server.url, read_only=True) as remote:
        with pytest.raises(InputError, match="read-only"):
            remote.update("CLEAR ALL")


def test_the_python_api_opens_a_server(fresh_oxigraph, tmp_path: Path) -> None:
    server = fresh_oxigraph()
    data = tmp_path / "data.trig"
    data.write_text(TRIG, encoding="utf-8")
    url = f"oxigraph+{server.url}"
    with kg.open(url) as g:
        assert g.load(data) == [G1, G2]
        g.update(f"INSERT DATA {{ GRAPH <{G3}> {{ <{EX}a> <{EX}p> 1 }} }}")
        assert len(g) == 8 and g.graphs() == [G1, G2, G3]
        assert g.ask(f"ASK {{ <{EX}event1> <{EX}actor> <{EX}RUS> }}")
        assert g.backend == "remote" and url in repr(g)
    with kg.open(server.url, read_only=True) as g, pytest.raises(InputError):
        g.update("CLEAR ALL")
    with kg.open_store(server.url) as store:
        assert len(store) == 8


def test_kg_store_in_the_environment_may_be_a_url(
    fresh_oxigraph, kg_cli, monkeypatch, tmp_path
) -> None:
    server = fresh_oxigraph()
    data = tmp_path / "data.trig"
    data.write_text(TRIG, encoding="utf-8")
    monkeypatch.setenv("KG_STORE", server.url)
    loaded = kg_cli("load", str(data))
    assert loaded.code == 0, loaded.err
    assert "store: 7 triples in 2 named graphs" in loaded.out
    stats = kg_cli("stats", "--json")
    assert json.loads(stats.out)["triples"] == 7
    refused = kg_cli("serve")
    assert refused.code == 2 and "already a SPARQL server" in refused.err


def test_push_copies_a_local_store_and_a_second_push_changes_nothing(
    fresh_oxigraph, oxigraph_seed_store, kg_cli
) -> None:
    server = fresh_oxigraph()
    with open_store(oxigraph_seed_store.path, read_only=True) as seed:
        total, graphs = len(seed), seed.graphs()
        ontology = next(g for g in graphs if g.endswith("/graph/ontology"))
        ontology_size = sum(1 for q in seed.quads() if q[3] == ontology)
    for _ in range(2):
        pushed = kg_cli("--store", str(oxigraph_seed_store.path), "push", "--to", server.url)
        assert pushed.code == 0, pushed.err
        assert f"pushed {total} quads in {len(graphs)} graphs to {server.url}" in pushed.out
        assert "push: " in pushed.err  # progress
    with open_store(server.url) as remote:
        assert len(remote) == total and remote.graphs() == graphs
    only = fresh_oxigraph()
    one = kg_cli(
        "--store",
        str(oxigraph_seed_store.path),
        "push",
        "--to",
        only.url,
        "--graph",
        str(ontology),
        "-q",
    )
    assert one.code == 0 and one.err == ""
    with open_store(only.url) as remote:
        assert remote.graphs() == [ontology] and len(remote) == ontology_size
    missing = kg_cli(
        "--store", str(oxigraph_seed_store.path), "push", "--to", only.url, "--graph", f"{EX}none"
    )
    assert missing.code == 1 and "no such graph" in missing.err


# -- failures: one line with a code, no traceback ----------------------------------------
def one_line_error(result, code: str) -> str:
    assert result.code != 0
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error[{code}]"), result.err
    assert "Traceback" not in result.err
    return lines[0]


def test_a_stopped_server_and_a_wrong_port_are_one_line(fresh_oxigraph, kg_process) -> None:
    server = fresh_oxigraph()
    server.stop()
    for url in (server.url, f"oxigraph+http://127.0.0.1:{free_port()}"):
        line = one_line_error(kg_process("--store", url, "stats"), "E071")
        assert "no SPARQL server answers" in line


class _Stub(BaseHTTPRequestHandler):
    status = 500
    body = b"Internal error: the disk is full"
    delay = 0.0
    headers_out: dict[str, str] = {}

    def _answer(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        self.rfile.read(length)
        time.sleep(self.delay)
        self.send_response(self.status)
        for name, value in self.headers_out.items():
            self.send_header(name, value)
        self.send_header("content-length", str(len(self.body)))
        self.end_headers()
        try:
            self.wfile.write(self.body)
        except BrokenPipeError:  # the client gave up waiting (the timeout tests)
            pass

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def stub(**answer: object) -> Iterator[str]:
    """A loopback HTTP server that answers every request the same way."""
    handler = type("Handler", (_Stub,), answer)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_server_error_is_one_line_with_the_engine_message(kg_process) -> None:
    with stub() as url:
        line = one_line_error(kg_process("--store", f"oxigraph+{url}", "query", "actors"), "E070")
    assert "(500 Internal Server Error): Internal error: the disk is full" in line


def test_refused_credentials_are_one_line_without_the_password(kg_process) -> None:
    with stub(
        status=401, body=b"Unauthorized", headers_out={"WWW-Authenticate": 'Basic realm="x"'}
    ) as url:
        store = url.replace("http://", "sparql+http://dba:s3cret@")
        line = one_line_error(kg_process("--store", store, "stats"), "E072")
    assert "refused" in line and "s3cret" not in line and "KG_STORE_USER" in line


def test_a_slow_server_ends_in_a_timeout_error(kg_process) -> None:
    with stub(status=200, body=b"{}", delay=3.0) as url:
        line = one_line_error(
            kg_process("--store", f"oxigraph+{url}", "--store-timeout", "0.5", "stats"), "E073"
        )
        assert "within 0.5 s" in line
        line = one_line_error(
            kg_process("--store", f"oxigraph+{url}", "query", "actors", "--timeout", "0.5"), "E022"
        )
        assert "timed out after 0.5 s" in line
