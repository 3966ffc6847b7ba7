"""`kg ingest`: batches committed as they go, resumable, duplicate ids refused, the store
checked before any extraction (`kg.ingest`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.store import open_store

pytestmark = pytest.mark.slow  # spaCy parses the articles

ARTICLES = [
    ("a1", "Le président russe Vladimir Poutine a rencontré mardi le dirigeant nord-coréen."),
    ("a2", "La France a condamné lundi les essais de missiles de la Corée du Nord."),
    ("a3", "Les États-Unis ont imposé de nouvelles sanctions à la Russie."),
    ("a4", "Il a plu toute la journée à Lyon."),
    ("a5", "Le Japon a protesté auprès de la Chine après l'incident."),
]


def _jsonl(path: Path, articles: list[tuple[str, str]]) -> Path:
    path.write_text(
        "".join(
            json.dumps({"id": i, "lang": "fr", "date": "2024-06-18", "text": t}) + "\n"
            for i, t in articles
        ),
        encoding="utf-8",
    )
    return path


def _doc_graphs(store: Path) -> dict[str, int]:
    with open_store(store, read_only=True) as s:
        counts: dict[str, int] = {}
        for *_, g in s.quads():
            if "/graph/doc/" in str(g):  # not the corpus event layer (graph/events/...)
                counts[str(g)] = counts.get(str(g), 0) + 1
    return counts


def test_ingest_commits_every_batch_and_a_rerun_skips_unchanged_documents(
    tmp_path: Path, kg_cli
) -> None:
    src = _jsonl(tmp_path / "a.jsonl", ARTICLES)
    store = tmp_path / "store"
    first = kg_cli("--store", str(store), "ingest", str(src), "--method", "rules",
                   "--commit-every", "2", "--no-progress")  # fmt: skip
    assert first.code == 0, first.err
    assert first.out.startswith("ingested 5 documents")
    graphs = _doc_graphs(store)
    assert len(graphs) == 5
    again = kg_cli("--store", str(store), "ingest", str(src), "--method", "rules", "--no-progress")
    assert again.code == 0, again.err
    assert "ingested 0 documents" in again.out
    assert "5 unchanged documents skipped" in again.out
    assert _doc_graphs(store) == graphs


def test_ingest_replaces_a_changed_document_and_keeps_the_others(tmp_path: Path, kg_cli) -> None:
    store = tmp_path / "store"
    src = _jsonl(tmp_path / "a.jsonl", ARTICLES[:3])
    assert kg_cli("--store", str(store), "ingest", str(src), "--method", "rules",
                  "--no-progress").code == 0  # fmt: skip
    before = _doc_graphs(store)
    changed = [ARTICLES[0], ("a2", "La France a salué la libération des otages."), ARTICLES[2]]
    result = kg_cli("--store", str(store), "ingest", str(_jsonl(src, changed)), "--method",
                    "rules", "--no-progress")  # fmt: skip
    assert result.code == 0, result.err
    assert "ingested 1 documents" in result.out and "1 changed documents replaced" in result.out
    after = _doc_graphs(store)
    assert after.keys() == before.keys()
    changed_graph = next(g for g in after if g.endswith("/graph/doc/a2"))
    with open_store(store, read_only=True) as s:
        text = s.query(
            f"SELECT ?t WHERE {{ GRAPH <{changed_graph}> {{ ?d <https://w3id.org/geopol-kg/ontology#text> ?t }} }}"
        ).rows
    assert [str(r["t"]) for r in text] == [changed[1][1]]


def test_duplicate_ids_are_an_error_naming_both_sources(tmp_path: Path, kg_cli) -> None:
    one = _jsonl(tmp_path / "one.jsonl", ARTICLES[:2])
    two = _jsonl(tmp_path / "two.jsonl", [("a2", "Autre texte.")])
    store = tmp_path / "store"
    result = kg_cli("--store", str(store), "ingest", str(one), str(two), "--no-progress")
    assert result.code != 0
    assert result.err.startswith("error[E040]: document id 'a2' appears twice")
    assert "one.jsonl (record 2)" in result.err and "two.jsonl" in result.err
    assert not store.exists()  # nothing was written, not even an empty store


def test_same_stem_txt_files_are_refused(tmp_path: Path, kg_cli) -> None:
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "article.txt").write_text("La France a condamné la Russie.")
    result = kg_cli("--store", str(tmp_path / "s"), "ingest", str(tmp_path / "x" / "article.txt"),
                    str(tmp_path / "y" / "article.txt"), "--no-progress")  # fmt: skip
    assert result.code != 0 and "appears twice" in result.err


def test_a_locked_store_is_reported_before_any_extraction(
    tmp_path: Path, kg_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.extract.pipeline as pipeline

    src = _jsonl(tmp_path / "a.jsonl", ARTICLES)
    store = tmp_path / "store"
    holder = open_store(store, create=True)  # another writer holds the lock
    called = []
    monkeypatch.setattr(pipeline, "extract_documents", lambda *a, **k: called.append(1) or [])
    try:
        result = kg_cli("--store", str(store), "ingest", str(src), "--no-progress")
    finally:
        holder.close()
    assert result.code != 0 and result.err.startswith("error[E002]")
    assert called == []


def test_ids_that_name_one_graph_are_refused(tmp_path: Path, kg_cli) -> None:
    src = _jsonl(tmp_path / "a.jsonl", [("Doc 1", "Texte."), ("doc-1", "Autre texte.")])
    result = kg_cli("--store", str(tmp_path / "s"), "ingest", str(src), "--no-progress")
    assert result.code != 0
    assert "'doc-1' and 'Doc 1' name one graph" in result.err or "name one graph" in result.err


def test_force_reextracts_without_calling_unchanged_documents_replaced(
    tmp_path: Path, kg_cli
) -> None:
    src = _jsonl(tmp_path / "a.jsonl", ARTICLES[:2])
    store = tmp_path / "store"
    args = ("--store", str(store), "ingest", str(src), "--method", "rules", "--no-progress")
    assert kg_cli(*args).code == 0
    forced = kg_cli(*args, "--force")
    assert forced.code == 0, forced.err
    assert forced.out.startswith("ingested 2 documents") and "replaced" not in forced.out
