"""`kg --store URL build` and `kg --store URL ingest` into a real Oxigraph server give the
store an embedded build gives: the same quads per graph, and every named query of the
library the same answers (rows compared sorted, blank nodes by position only)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import BNode
from servers import OxigraphServer, start_oxigraph

from kg.cli.main import main
from kg.query import list_queries
from kg.query.runner import run_query
from kg.store import Store, open_store

pytestmark = pytest.mark.slow  # ingest parses the articles with spaCy

ARTICLES = [
    ("p1", "Le président russe Vladimir Poutine a rencontré mardi le dirigeant nord-coréen."),
    ("p2", "La France a condamné lundi les essais de missiles de la Corée du Nord."),
    ("p3", "Les États-Unis ont imposé de nouvelles sanctions à la Russie."),
]


@dataclass
class Pair:
    embedded: Path
    server: OxigraphServer


def run_kg(*args: str) -> None:
    try:
        main(list(args))
    except SystemExit as exc:
        assert not exc.code, f"kg {' '.join(args)} exited {exc.code}"


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    """The seeds built and three articles ingested, into a folder and into a server."""
    base = tmp_path_factory.mktemp("parity")
    articles = base / "articles.jsonl"
    articles.write_text(
        "".join(
            json.dumps({"id": i, "lang": "fr", "date": "2024-06-18", "text": t}) + "\n"
            for i, t in ARTICLES
        ),
        encoding="utf-8",
    )
    server = start_oxigraph(base / "server")
    try:
        for store in (str(base / "embedded"), server.url):
            run_kg("--store", store, "build", "--no-extract", "-q")
            run_kg("--store", store, "ingest", str(articles), "--method", "rules", "--no-progress")
        yield Pair(base / "embedded", server)
    finally:
        server.stop()


def canonical(store: Store) -> dict[str, list[tuple[str, ...]]]:
    """Quads by graph, sorted, blank nodes written `_:` (their labels differ by store)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for s, p, o, g in store.quads():
        out.setdefault(str(g), []).append(
            tuple("_:" if isinstance(t, BNode) else t.n3() for t in (s, p, o))
        )
    return {g: sorted(quads) for g, quads in out.items()}


def test_build_and_ingest_write_the_same_graphs_and_quads(pair: Pair) -> None:
    with (
        open_store(pair.embedded, read_only=True) as embedded,
        open_store(pair.server.url) as remote,
    ):
        assert remote.graphs() == embedded.graphs()
        assert len(remote) == len(embedded) > 10_000
        assert canonical(remote) == canonical(embedded)
        docs = [g for g in remote.graphs() if "/graph/doc/p" in g]
        assert len(docs) == len(ARTICLES)  # ingest wrote one graph per document


def rows(store: Store, name: str) -> list[tuple[str, ...]]:
    result = run_query(store, name)
    return sorted(
        tuple("_:" if isinstance(v, BNode) else ("" if v is None else v.n3()) for v in row.values())
        for row in result.rows
    )


@pytest.mark.parametrize("name", [q.name for q in list_queries()])
def test_every_named_query_answers_the_same_on_the_server(pair: Pair, name: str) -> None:
    with (
        open_store(pair.embedded, read_only=True) as embedded,
        open_store(pair.server.url) as remote,
    ):
        assert rows(remote, name) == rows(embedded, name)


def test_the_named_queries_answer_something(pair: Pair) -> None:
    """The parity above is not the parity of empty answers."""
    with open_store(pair.server.url) as remote:
        answered = [q.name for q in list_queries() if rows(remote, q.name)]
    assert len(answered) >= len(list_queries()) - 1, answered


@pytest.mark.parametrize("name", ["actors", "events", "provenance"])
def test_kg_query_prints_the_same_csv(pair: Pair, name: str, kg_cli) -> None:
    local = kg_cli("--store", str(pair.embedded), "query", name, "--format", "csv")
    remote = kg_cli("--store", pair.server.url, "query", name, "--format", "csv")
    assert remote.code == local.code == 0, remote.err
    assert sorted(remote.out.splitlines()) == sorted(local.out.splitlines())


def test_stats_export_and_validate_read_the_server_as_the_folder(pair: Pair, kg_cli) -> None:
    local = kg_cli("--store", str(pair.embedded), "stats", "--json")
    remote = kg_cli("--store", pair.server.url, "stats", "--json")
    assert json.loads(remote.out) == json.loads(local.out)
    local_nq = kg_cli("--store", str(pair.embedded), "export", "--format", "nq")
    remote_nq = kg_cli("--store", pair.server.url, "export", "--format", "nq")
    assert len(remote_nq.out.splitlines()) == len(local_nq.out.splitlines())
    assert (
        kg_cli("--store", pair.server.url, "validate").code
        == kg_cli("--store", str(pair.embedded), "validate").code
    )
