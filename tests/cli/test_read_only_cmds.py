"""Commands that only read open the store read-only: they work while a writer holds it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.store import open_store


@pytest.fixture
def held_store(oxigraph_seed_store, store_copy):
    """A copy of the seed store, held open read-write (as a running `kg build` holds it)."""
    built = store_copy(oxigraph_seed_store)
    writer = open_store(built.path)
    yield built
    writer.close()


def test_read_only_cmds_work_beside_a_writer(kg_cli, held_store, tmp_path: Path) -> None:
    args = held_store.args()
    stats = kg_cli(*args, "stats", "--json")
    assert stats.code == 0, stats.err
    assert json.loads(stats.out)["triples"] > 0
    export = kg_cli(*args, "export", "--format", "nq", "--out", str(tmp_path / "all.nq"))
    assert export.code == 0, export.err
    validate = kg_cli(*args, "validate")
    assert validate.code == 0 and validate.out.startswith("conforms"), validate.err
    viz = kg_cli(*args, "viz", "--out", str(tmp_path / "v.html"))
    assert viz.code == 0 and (tmp_path / "v.html").stat().st_size > 0, viz.err
    report = kg_cli(*args, "report", "--out", str(tmp_path / "report"))
    assert report.code == 0 and (tmp_path / "report" / "index.html").exists(), report.err
    query = kg_cli(*args, "query", "ASK { ?s owl:sameAs wd:Q159 }")
    assert (query.code, query.out) == (0, "true\n"), query.err


def test_read_only_cmds_writers_still_refuse_a_held_store(kg_cli, held_store, tiny_seeds) -> None:
    """A second writer gets E002, with a message that says what to do."""
    result = kg_cli(*held_store.args(), "build", "--seeds", str(tiny_seeds))
    assert result.code != 0 and result.err.startswith("error[E002]")
    assert "wait for it to finish" in result.err and "query" in result.err
