"""`kg --store URL build` and `kg --store URL ingest` into a real server give the store an
embedded build gives: the same quads per graph, and every named query of the library the
same answers (rows compared sorted, blank nodes by position only). Each test runs against
each engine: an Oxigraph server and a Virtuoso (7.2.5, `tests/virtuoso_server.py`); each
skips with the reason where its server program is missing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import BNode
from servers import start_oxigraph
from virtuoso_server import running_virtuoso, virtuoso_missing

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
ENGINES = ("oxigraph", "virtuoso")
VIRTUOSO_SYSTEM_GRAPHS = {
    "http://www.openlinksw.com/schemas/virtrdf#",
    "http://www.w3.org/ns/ldp#",
    "http://localuriqaserver/sparql",
}
"""What a new Virtuoso database holds before kg writes (docs/virtuoso.md)."""


@dataclass
class Pair:
    embedded: Path
    url: str
    """The server as kg names it: `http://…` (Oxigraph, recognised by its Server header) or
    `virtuoso+http://dba:PASSWORD@…`."""
    engine: str


def run_kg(*args: str) -> None:
    try:
        main(list(args))
    except SystemExit as exc:
        assert not exc.code, f"kg {' '.join(args)} exited {exc.code}"


def start_server(engine: str, folder: Path, stack: ExitStack) -> str:
    """A new, empty server of `engine` in `folder`, stopped with `stack`; its kg URL."""
    if engine == "oxigraph":
        server = start_oxigraph(folder)
        stack.callback(server.stop)
        return server.url
    reason = virtuoso_missing()
    if reason is not None:
        pytest.skip(reason)
    virtuoso = stack.enter_context(running_virtuoso(folder))
    return f"virtuoso+http://{virtuoso.user}:{virtuoso.password}@127.0.0.1:{virtuoso.http_port}"


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("articles") / "articles.jsonl"
    path.write_text(
        "".join(
            json.dumps({"id": i, "lang": "fr", "date": "2024-06-18", "text": t}) + "\n"
            for i, t in ARTICLES
        ),
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory, articles: Path) -> Path:
    """The seeds built and the articles ingested into a store folder."""
    folder = tmp_path_factory.mktemp("embedded") / "store"
    run_kg("--store", str(folder), "build", "--no-extract", "-q")
    run_kg("--store", str(folder), "ingest", str(articles), "--method", "rules", "--no-progress")
    return folder


@pytest.fixture(scope="module", params=ENGINES)
def pair(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    embedded: Path,
    articles: Path,
) -> Iterator[Pair]:
    """The same build and ingest into a server of each engine, through `--store URL`."""
    engine: str = request.param
    with ExitStack() as stack:
        url = start_server(engine, tmp_path_factory.mktemp(engine) / "server", stack)
        run_kg("--store", url, "build", "--no-extract", "-q")
        run_kg("--store", url, "ingest", str(articles), "--method", "rules", "--no-progress")
        yield Pair(embedded, url, engine)


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
        open_store(pair.url) as remote,
    ):
        assert remote.profile.name == pair.engine  # type: ignore[attr-defined]
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
        open_store(pair.url) as remote,
    ):
        assert rows(remote, name) == rows(embedded, name)


def test_the_named_queries_answer_something(pair: Pair) -> None:
    """The parity above is not the parity of empty answers."""
    with open_store(pair.url) as remote:
        answered = [q.name for q in list_queries() if rows(remote, q.name)]
    assert len(answered) >= len(list_queries()) - 1, answered


@pytest.mark.parametrize("name", ["actors", "events", "provenance"])
def test_kg_query_prints_the_same_csv(pair: Pair, name: str, kg_cli) -> None:
    local = kg_cli("--store", str(pair.embedded), "query", name, "--format", "csv")
    remote = kg_cli("--store", pair.url, "query", name, "--format", "csv")
    assert remote.code == local.code == 0, remote.err
    assert sorted(remote.out.splitlines()) == sorted(local.out.splitlines())


def test_stats_export_and_validate_read_the_server_as_the_folder(pair: Pair, kg_cli) -> None:
    local = kg_cli("--store", str(pair.embedded), "stats", "--json")
    remote = kg_cli("--store", pair.url, "stats", "--json")
    remote_stats = json.loads(remote.out)
    # the graphs kg stats lists are the store's own (never Virtuoso's system graphs)
    assert not VIRTUOSO_SYSTEM_GRAPHS & set(remote_stats["graphs"])
    assert remote_stats == json.loads(local.out)
    local_nq = kg_cli("--store", str(pair.embedded), "export", "--format", "nq")
    remote_nq = kg_cli("--store", pair.url, "export", "--format", "nq")
    assert len(remote_nq.out.splitlines()) == len(local_nq.out.splitlines())
    assert (
        kg_cli("--store", pair.url, "validate").code
        == kg_cli("--store", str(pair.embedded), "validate").code
    )


def test_push_of_the_folder_gives_the_server_the_same_quads(
    pair: Pair, kg_cli, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """`kg push --to URL` into a second, empty server of the same engine."""
    with ExitStack() as stack:
        url = start_server(pair.engine, tmp_path_factory.mktemp("push") / "server", stack)
        pushed = kg_cli("--store", str(pair.embedded), "push", "--to", url)
        assert pushed.code == 0, pushed.err
        with open_store(pair.embedded, read_only=True) as embedded, open_store(url) as remote:
            assert int(pushed.out.split()[1]) == len(embedded) == len(remote)
            assert canonical(remote) == canonical(embedded)
        again = kg_cli("--store", str(pair.embedded), "push", "--to", url)  # replaces, no doubles
        assert again.code == 0, again.err
        with open_store(pair.embedded, read_only=True) as embedded, open_store(url) as remote:
            assert len(remote) == len(embedded)
