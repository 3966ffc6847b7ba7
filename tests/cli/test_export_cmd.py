"""`kg export`: RDF formats round-trip; network formats via kg.analysis."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.store import open_store


@pytest.mark.parametrize(
    ("fmt", "suffix"), [("trig", ".trig"), ("nq", ".nq"), ("jsonld", ".jsonld")]
)
def test_export_cmd_quad_formats_round_trip(
    kg_cli, oxigraph_seed_store, tmp_path: Path, fmt: str, suffix: str
) -> None:
    out = tmp_path / f"dump{suffix}"
    result = kg_cli(*oxigraph_seed_store.args(), "export", "--format", fmt, "--out", str(out))
    assert result.code == 0, result.err
    original = open_store(oxigraph_seed_store.path)
    copy = open_store(None)
    try:
        copy.load_file(out)
        assert len(copy) == len(original)
        assert sorted(map(str, copy.graphs())) == sorted(map(str, original.graphs()))
    finally:
        original.close()


def test_export_cmd_turtle_to_stdout(kg_cli, oxigraph_seed_store) -> None:
    from rdflib import Graph

    result = kg_cli(*oxigraph_seed_store.args(), "export", "--format", "ttl")
    assert result.code == 0
    assert len(Graph().parse(data=result.out, format="turtle")) > 100


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "csv-edges"])
def test_export_cmd_network_formats(kg_cli, oxigraph_seed_store, tmp_path: Path, fmt: str) -> None:
    pytest.importorskip("kg.analysis.export")
    out = tmp_path / f"net.{fmt}"
    result = kg_cli(*oxigraph_seed_store.args(), "export", "--format", fmt, "--out", str(out))
    assert result.code == 0, result.err
    assert out.stat().st_size > 0 and "nodes" in result.err


def test_export_cmd_unknown_format(kg_cli, oxigraph_seed_store) -> None:
    result = kg_cli(*oxigraph_seed_store.args(), "export", "--format", "xls")
    assert result.code == 2 and "xls" in result.err
