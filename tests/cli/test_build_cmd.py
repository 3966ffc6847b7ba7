"""`kg build`: seeds -> store, idempotent, atomic on a bad seed file, both backends."""

from __future__ import annotations

from pathlib import Path

from kg.store import open_store

CURATED_TINY = "https://w3id.org/geopol-kg/resource/graph/curated/tiny"
DOC_TINY = "https://w3id.org/geopol-kg/resource/graph/doc/tiny-1"


def _count(path: Path, backend: str) -> tuple[int, list[str]]:
    store = open_store(path, backend=backend)
    try:
        return len(store), [str(g) for g in store.graphs()]
    finally:
        store.close()


def test_build_cmd_writes_graphs_and_summary(
    kg_cli, tmp_path: Path, tiny_seeds: Path, backend: str
) -> None:
    store = tmp_path / "store"
    result = kg_cli(
        "--store",
        str(store),
        "--backend",
        backend,
        "build",
        "--seeds",
        str(tiny_seeds),
        "--no-extract",
        "-q",
    )
    assert result.code == 0, result.err
    assert "graphs written" in result.out and "events: 2" in result.out
    triples, graphs = _count(store, backend)
    assert CURATED_TINY in graphs and DOC_TINY in graphs
    assert "https://w3id.org/geopol-kg/resource/graph/ontology" in graphs
    assert f"store: {triples} triples" in result.out


def test_build_cmd_is_idempotent(kg_cli, tmp_path: Path, tiny_seeds: Path, backend: str) -> None:
    args = [
        "--store",
        str(tmp_path / "s"),
        "--backend",
        backend,
        "build",
        "--seeds",
        str(tiny_seeds),
        "--no-extract",
        "-q",
    ]
    assert kg_cli(*args).code == 0
    first = _count(tmp_path / "s", backend)
    assert kg_cli(*args).code == 0
    assert _count(tmp_path / "s", backend) == first


def test_build_cmd_fresh_drops_other_graphs(kg_cli, tmp_path: Path, tiny_seeds: Path) -> None:
    store = tmp_path / "s"
    extra = tmp_path / "extra.ttl"
    extra.write_text("<http://e/a> <http://e/p> <http://e/b> .\n", encoding="utf-8")
    assert kg_cli("--store", str(store), "load", str(extra)).code == 0
    assert (
        kg_cli(
            "--store", str(store), "build", "--seeds", str(tiny_seeds), "--no-extract", "-q"
        ).code
        == 0
    )
    assert any("graph/file/extra" in g for g in _count(store, "oxigraph")[1])
    assert (
        kg_cli(
            "--store",
            str(store),
            "build",
            "--seeds",
            str(tiny_seeds),
            "--no-extract",
            "-q",
            "--fresh",
        ).code
        == 0
    )
    assert not any("graph/file/extra" in g for g in _count(store, "oxigraph")[1])


def test_build_cmd_bad_seed_leaves_store_unchanged(
    kg_cli, tmp_path: Path, tiny_seeds: Path
) -> None:
    store = tmp_path / "s"
    assert (
        kg_cli(
            "--store", str(store), "build", "--seeds", str(tiny_seeds), "--no-extract", "-q"
        ).code
        == 0
    )
    before = _count(store, "oxigraph")
    (tiny_seeds / "curated" / "broken.ttl").write_text(
        "<http://e/a> <http://e/p> .\n", encoding="utf-8"
    )
    (tiny_seeds / "articles" / "articles.jsonl").write_text(
        '{"id": "x", "text": "changed"}\n', encoding="utf-8"
    )
    result = kg_cli(
        "--store", str(store), "build", "--seeds", str(tiny_seeds), "--no-extract", "-q"
    )
    assert result.code != 0
    assert "broken.ttl" in result.err and len(result.err.strip().splitlines()) == 1
    assert _count(store, "oxigraph") == before


def test_build_cmd_bad_article_line_is_named(kg_cli, tmp_path: Path, tiny_seeds: Path) -> None:
    path = tiny_seeds / "articles" / "articles.jsonl"
    path.write_text(path.read_text(encoding="utf-8") + "{not json\n", encoding="utf-8")
    result = kg_cli(
        "--store", str(tmp_path / "s"), "build", "--seeds", str(tiny_seeds), "--no-extract", "-q"
    )
    assert result.code != 0
    assert "articles.jsonl:2" in result.err


def test_build_cmd_missing_seeds_folder(kg_cli, tmp_path: Path) -> None:
    result = kg_cli(
        "--store", str(tmp_path / "s"), "build", "--seeds", str(tmp_path / "nope"), "-q"
    )
    assert result.code != 0 and "no seeds folder" in result.err
