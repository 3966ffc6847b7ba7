"""`kg.open` never locks the store for reads: a notebook and the CLI share one store folder.

Reads go to a read-only handle, reopened when the store's files change (and by `refresh()`);
each write opens the store read-write only while it runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import kg
from kg.errors import InputError, StoreLocked
from kg.store import open_store

PROJECT = Path(__file__).resolve().parents[2]
TRIG = """\
@prefix kgo: <https://w3id.org/geopol-kg/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<http://e/g/one> {
  <http://e/ev1> a kgo:Event ; kgo:eventKind "visit" ; kgo:eventDate "2024-06"^^xsd:gYearMonth .
}
"""
ASK_EXTRA = "ASK { <http://e/extra> ?p ?o }"


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """A tiny TriG file (3 triples, one named graph) and two one-triple Turtle files."""
    out = {"trig": tmp_path / "tiny.trig"}
    out["trig"].write_text(TRIG, encoding="utf-8")
    for name in ("extra", "more"):
        out[name] = tmp_path / f"{name}.ttl"
        out[name].write_text(f'<http://e/{name}> <http://e/p> "{name}" .\n', encoding="utf-8")
    return out


def _cli_load(store: Path, file: Path) -> subprocess.CompletedProcess[str]:
    """`python -m kg.cli.main --store STORE load FILE` in another process."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    return subprocess.run(
        [sys.executable, "-m", "kg.cli.main", "--store", str(store), "load", str(file)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_cli_writes_while_a_notebook_graph_is_open(tmp_path: Path, files) -> None:
    store = tmp_path / "store"
    with kg.open(store, create=True) as setup:
        setup.load(files["trig"])
    g = kg.open(store)  # what a notebook cell does, and keeps
    assert len(g) == 3
    snapshot = g.store

    done = _cli_load(store, files["extra"])
    assert done.returncode == 0, done.stderr  # E002 "in use" when kg.open held the lock
    assert g.ask(ASK_EXTRA) and len(g) == 4  # the next read sees the CLI's write
    assert len(snapshot) == 3  # ... through a new handle: one kept from before is a snapshot

    done = _cli_load(store, files["more"])
    assert done.returncode == 0, done.stderr
    assert len(g.refresh()) == 5
    g.close()


def test_two_graphs_on_one_store_folder(tmp_path: Path, files, backend: str) -> None:
    store = tmp_path / "store"
    first = kg.open(store, backend=backend, create=True)
    second = kg.KnowledgeGraph(store, backend=backend, create=True)
    first.load(files["trig"])
    assert len(second) == 3  # sees the other object's write without being told
    second.load(files["extra"])
    assert len(first) == 4 and first.ask(ASK_EXTRA)
    assert len(second.refresh()) == 4
    first.close()
    second.close()
    with kg.open(store, backend=backend) as again:
        assert len(again) == 4


def test_open_again_without_closing(tmp_path: Path, files, backend: str) -> None:
    """Re-running the `g = kg.open()` cell: the first graph was never closed."""
    store = tmp_path / "store"
    kg.open(store, backend=backend, create=True).load(files["trig"])
    g = kg.open(store, backend=backend)
    g = kg.open(store, backend=backend)
    g.load(files["extra"])  # a write works while the first objects still hold read handles
    assert len(g) == 4
    with kg.open(store, backend=backend) as h:
        assert len(h) == 4


def test_a_write_while_another_writer_holds_the_store(tmp_path: Path, files, backend) -> None:
    store = tmp_path / "store"
    with kg.open(store, backend=backend, create=True) as setup:
        setup.load(files["trig"])
    g = kg.open(store, backend=backend)
    writer = open_store(store, backend=backend)  # a `kg build` running elsewhere
    try:
        assert len(g) == 3  # reads still work
        with pytest.raises(StoreLocked) as caught:
            g.load(files["extra"])
        assert "\n" not in str(caught.value) and str(caught.value).startswith("error[E002]")
    finally:
        writer.close()
    g.load(files["extra"])  # the lock is free again
    assert len(g) == 4


def test_writing_block_keeps_the_store_open_for_several_writes(tmp_path: Path, files) -> None:
    store = tmp_path / "store"
    g = kg.open(store, create=True)
    with g.writing() as rw:
        g.load(files["trig"])
        g.load(files["extra"])
        assert g.store is rw and len(g) == 4  # reads inside see the writes so far
        with pytest.raises(StoreLocked):
            kg.open(store).load(files["more"])  # another writer waits for the block
    assert len(kg.open(store)) == 4
    g.close()


def test_create_makes_the_store_on_the_first_write(tmp_path: Path, files, backend: str) -> None:
    store = tmp_path / "new"
    g = kg.open(store, backend=backend, create=True)
    assert not store.exists() and len(g) == 0 and g.graphs() == []
    g.update('INSERT DATA { GRAPH <http://e/g/u> { <http://e/s> <http://e/p> "o" } }')
    assert store.is_dir() and len(g) == 1
    g.close()
    with kg.open(store, backend=backend) as again:
        assert [str(x) for x in again.graphs()] == ["http://e/g/u"]


def test_read_only_graph_refuses_writes(tmp_path: Path, files) -> None:
    store = tmp_path / "store"
    kg.open(store, create=True).load(files["trig"])
    g = kg.open(store, read_only=True)
    with pytest.raises(InputError, match="read_only=True"):
        g.load(files["extra"])
    assert len(g) == 3


def test_in_memory_graph_keeps_one_store(files, backend: str) -> None:
    g = kg.open(":memory:", backend=backend)
    g.load(files["trig"])
    with g.writing() as rw:
        assert rw is g.store
    assert len(g) == 3 and g.ask("ASK { <http://e/ev1> kgo:eventKind 'visit' }")


def test_closed_graph_says_so(tmp_path: Path, files) -> None:
    store = tmp_path / "store"
    kg.open(store, create=True).load(files["trig"])
    g = kg.open(store)
    g.close()
    g.close()
    with pytest.raises(InputError, match="closed"):
        g.query("ASK { ?s ?p ?o }")
    assert "closed" in repr(g)
