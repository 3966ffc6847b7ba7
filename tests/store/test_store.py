"""The Store interface on both backends: loading, idempotence, atomic failures, persistence."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from kg.errors import (
    EncodingError,
    InputError,
    ParseError,
    QueryError,
    StoreLocked,
    StoreNotFound,
    UnknownFormat,
)
from kg.store import file_graph, open_store

EX = "http://example.org/"
TTL = f"""@prefix ex: <{EX}> .
ex:a ex:p ex:b .
ex:a ex:label "café"@fr .
ex:b ex:n 3 .
"""
TRIG = f"""@prefix ex: <{EX}> .
ex:g1 {{ ex:a ex:p ex:b . }}
ex:g2 {{ ex:c ex:p ex:d . ex:c ex:p ex:e . }}
"""


def _write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_store_load_turtle_into_file_graph(tmp_path: Path, backend: str) -> None:
    store = open_store(tmp_path / "s", backend=backend, create=True)
    graphs = store.load_file(_write(tmp_path, "data.ttl", TTL))
    assert graphs == [file_graph(Path("data.ttl"))]
    assert len(store) == 3
    assert store.graphs() == graphs
    store.close()


def test_store_load_twice_same_triple_count(tmp_path: Path, backend: str) -> None:
    store = open_store(tmp_path / "s", backend=backend, create=True)
    path = _write(tmp_path, "data.trig", TRIG)
    store.load_file(path)
    first = len(store)
    store.load_file(path)
    assert len(store) == first == 3
    store.close()


def test_store_load_trig_keeps_named_graphs(tmp_path: Path, backend: str) -> None:
    store = open_store(None, backend=backend)
    graphs = store.load_file(_write(tmp_path, "data.trig", TRIG))
    assert graphs == [URIRef(EX + "g1"), URIRef(EX + "g2")]
    result = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{EX}g2> {{ ?s ?p ?o }} }}")
    assert int(result.rows[0]["n"]) == 2


def test_store_malformed_turtle_leaves_store_unchanged(tmp_path: Path, backend: str) -> None:
    store = open_store(None, backend=backend)
    good = _write(tmp_path, "data.ttl", TTL)
    store.load_file(good)
    before = sorted(store.quads())
    bad = _write(tmp_path, "data2.ttl", TTL + "ex:broken ex:p .\n")
    with pytest.raises(ParseError) as err:
        store.load_file(bad, graph=file_graph(good))
    assert "data2.ttl" in str(err.value)
    assert "\n" not in str(err.value)
    assert sorted(store.quads()) == before


def test_store_parse_error_names_line(tmp_path: Path) -> None:
    store = open_store(None, backend="oxigraph")
    bad = _write(tmp_path, "bad.ttl", TTL + "ex:broken ex:p .\n")
    with pytest.raises(ParseError, match=r"bad\.ttl: .*line 5"):
        store.load_file(bad)


def test_store_non_utf8_file_is_one_line_error(tmp_path: Path, backend: str) -> None:
    store = open_store(None, backend=backend)
    bad = _write(tmp_path, "latin1.ttl", f'<{EX}a> <{EX}p> "caf\xe9" .\n'.encode("latin-1"))
    with pytest.raises(EncodingError, match=r"latin1\.ttl:1: not UTF-8"):
        store.load_file(bad)
    assert len(store) == 0


def test_store_unknown_suffix(tmp_path: Path, backend: str) -> None:
    store = open_store(None, backend=backend)
    with pytest.raises(UnknownFormat):
        store.load_file(_write(tmp_path, "data.txt", TTL))


def test_store_invalid_sparql_is_query_error(backend: str) -> None:
    store = open_store(None, backend=backend)
    with pytest.raises(QueryError):
        store.query("SELECT WHERE {")


def test_store_replace_graph_is_idempotent(backend: str) -> None:
    store = open_store(None, backend=backend)
    g = Graph()
    g.add((URIRef(EX + "a"), URIRef(EX + "p"), Literal("x")))
    store.replace_graph(URIRef(EX + "g"), g)
    store.replace_graph(URIRef(EX + "g"), g)
    assert len(store) == 1
    store.remove_graph(URIRef(EX + "g"))
    assert len(store) == 0 and store.graphs() == []


def test_store_persists_across_reopen(tmp_path: Path, backend: str) -> None:
    path = tmp_path / "s"
    store = open_store(path, backend=backend, create=True)
    store.load_file(_write(tmp_path, "data.ttl", TTL))
    store.close()
    again = open_store(path, backend=backend)
    assert len(again) == 3
    again.close()


def test_store_missing_folder_is_store_not_found(tmp_path: Path, backend: str) -> None:
    with pytest.raises(StoreNotFound):
        open_store(tmp_path / "nothing-here", backend=backend)


def test_store_existing_folder_without_store_is_not_found(tmp_path: Path) -> None:
    """Regression: opening an existing folder that holds no store used to create an Oxigraph
    store inside it (and answer queries on it) instead of saying there is no store."""
    folder = tmp_path / "plain"
    folder.mkdir()
    with pytest.raises(StoreNotFound):
        open_store(folder, backend="oxigraph")
    assert list(folder.iterdir()) == []


def test_store_refuses_to_create_in_non_empty_folder(tmp_path: Path) -> None:
    """Regression: `--store` pointing at a folder of other files must not litter it."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(StoreNotFound, match="not empty"):
        open_store(folder, backend="oxigraph", create=True)
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_store_export_round_trips(tmp_path: Path, backend: str) -> None:
    store = open_store(None, backend=backend)
    store.load_file(_write(tmp_path, "data.trig", TRIG))
    out = _write(tmp_path, "out.nq", store.export("nquads"))
    other = open_store(None, backend=backend)
    other.load_file(out)
    assert sorted(other.quads()) == sorted(store.quads())


def test_store_backends_agree_on_query(tmp_path: Path) -> None:
    path = _write(tmp_path, "data.ttl", TTL)
    results = []
    for backend in ("oxigraph", "memory"):
        store = open_store(None, backend=backend)
        store.load_file(path)
        results.append(store.query(f"SELECT ?s ?o WHERE {{ ?s <{EX}label> ?o }}").rows)
    assert results[0] == results[1]


def test_store_aggregate_over_unbound_is_none(tmp_path: Path, backend: str) -> None:
    """Regression: rdflib bound an aggregate over unbound values (the `sanctions` query's
    first/last dates of undated events) to a NotBoundError object instead of leaving it
    unbound, so memory-backend rows held non-RDF values."""
    from kg.query import run_query

    trig = """@prefix kgo: <https://w3id.org/geopol-kg/ontology#> .
@prefix state: <https://w3id.org/geopol-kg/resource/state/> .
<https://w3id.org/geopol-kg/resource/graph/curated/t> {
  <https://w3id.org/geopol-kg/resource/event/e1> a kgo:Event ; kgo:eventKind "sanction" ;
    kgo:actor state:USA ; kgo:target state:RUS ; kgo:modality kgo:Asserted . }
"""
    store = open_store(None, backend=backend)
    store.load_file(_write(tmp_path, "t.trig", trig))
    rows = run_query(store, "sanctions").rows
    assert len(rows) == 1
    assert rows[0]["first"] is None and rows[0]["last"] is None
    assert all(v is None or isinstance(v, URIRef | Literal) for v in rows[0].values())


def test_store_read_only_opens_queries_and_closes(oxigraph_seed_store) -> None:
    """Regression: `close()` on a store opened read-only raised RuntimeError (it flushed)."""
    store = open_store(oxigraph_seed_store.path, read_only=True)
    rows = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows
    assert int(rows[0]["n"]) == len(store) > 0
    store.close()
    store.close()  # a second close is harmless


def test_store_read_only_refuses_writes(oxigraph_seed_store, tmp_path: Path) -> None:
    before = None
    with open_store(oxigraph_seed_store.path, read_only=True) as store:
        before = len(store)
        with pytest.raises(InputError, match="read-only"):
            store.load_file(_write(tmp_path, "data.ttl", TTL))
        with pytest.raises(InputError, match="read-only"):
            store.update(f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}a> <{EX}p> 1 }} }}")
        with pytest.raises(InputError, match="read-only"):
            store.remove_graph(store.graphs()[0])
    with open_store(oxigraph_seed_store.path, read_only=True) as again:
        assert len(again) == before


def test_store_read_only_opens_while_a_writer_holds_it(tmp_path: Path) -> None:
    """A read-only store opens beside a read-write one (no lock) and sees what was written,
    flushed or not; a second read-write open is refused with StoreLocked."""
    path = tmp_path / "s"
    writer = open_store(path, create=True)
    try:
        writer.load_file(_write(tmp_path, "data.ttl", TTL))
        with pytest.raises(StoreLocked, match="only read"):
            open_store(path)
        with open_store(path, read_only=True) as reader:
            assert len(reader) == 3
    finally:
        writer.close()


def test_memory_backend_never_downloads_a_from_graph(monkeypatch) -> None:  # noqa: ANN001
    """rdflib fetches a `FROM <http://…>` IRI it does not hold unless told not to."""
    import socket

    def no_network(self, address):  # noqa: ANN001, ANN202
        raise AssertionError(f"the query tried to connect to {address}")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    from kg.store import open_store

    store = open_store(None, backend="memory")
    result = store.query("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }")
    assert result.rows == []


# -- found in review: blank nodes, triple terms, interrupted writes --------------------------
def test_blank_node_labels_are_scoped_to_each_file_on_both_write_paths(tmp_path) -> None:  # noqa: ANN001
    from kg.store import open_store

    for name in ("a", "b"):
        (tmp_path / f"{name}.nt").write_text(f'_:b0 <http://example.org/p> "{name}" .\n')
    store = open_store(tmp_path / "s", create=True)
    try:
        for _ in range(2):  # first: new graphs (extend); then: replaced (an update request)
            store.load_files([tmp_path / "a.nt", tmp_path / "b.nt"])
            subjects = {s for s, _, _, _ in store.quads()}
            assert len(subjects) == 2
    finally:
        store.close()


@pytest.mark.parametrize(
    "text, message",
    [
        (
            "@prefix ex: <http://example.org/> .\nex:a ex:b <<( ex:s ex:p ex:o )>> .\n",
            "triple terms",
        ),
        ("_:g { <http://example.org/s> <http://example.org/p> 1 . }\n", "blank node"),
    ],
)
def test_what_the_store_cannot_write_back_is_refused_at_load(tmp_path, text, message) -> None:  # noqa: ANN001
    from kg.errors import ParseError
    from kg.store import open_store

    path = tmp_path / "x.trig"
    path.write_text(text)
    store = open_store(tmp_path / "s", create=True)
    try:
        with pytest.raises(ParseError, match=message):
            store.load_files([path])
        assert len(store) == 0
    finally:
        store.close()


def test_memory_store_never_saves_a_write_left_halfway(tmp_path) -> None:  # noqa: ANN001
    from rdflib import Graph, Literal, URIRef

    from kg.store import open_store

    good = Graph()
    good.add((URIRef("http://example.org/s"), URIRef("http://example.org/p"), Literal(1)))
    store = open_store(tmp_path / "m", backend="memory", create=True)
    store.replace_graphs({URIRef("http://example.org/g1"): good})

    class Interrupted(Graph):
        def __iter__(self):  # noqa: ANN204
            yield from good
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        store.replace_graphs({URIRef("http://example.org/g2"): Interrupted()})
    store.close()
    with open_store(tmp_path / "m", backend="memory", read_only=True) as reader:
        assert reader.graphs() == [URIRef("http://example.org/g1")]


def test_memory_store_refuses_writes_after_close(tmp_path) -> None:  # noqa: ANN001
    from rdflib import Graph, URIRef

    from kg.errors import InputError
    from kg.store import open_store

    store = open_store(tmp_path / "m", backend="memory", create=True)
    store.close()
    with pytest.raises(InputError, match="closed"):
        store.replace_graph(URIRef("http://example.org/g"), Graph())
