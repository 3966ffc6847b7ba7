"""`kg stats`: triples, graphs, events by modality and kind, documents."""

from __future__ import annotations

import json


def test_stats_cmd_json(kg_cli, seed_store) -> None:
    result = kg_cli(*seed_store.args(), "stats", "--json")
    assert result.code == 0, result.err
    stats = json.loads(result.out)
    assert stats["triples"] == sum(stats["graphs"].values()) > 0
    assert "https://w3id.org/geopol-kg/resource/graph/ontology" in stats["graphs"]
    assert stats["events"] == sum(stats["kinds"].values()) > 0
    assert stats["documents"] >= 1
    assert set(stats["modality"]) <= {"asserted", "planned", "possible", "negated", "alleged"}


def test_stats_cmd_tables(kg_cli, oxigraph_seed_store) -> None:
    result = kg_cli(*oxigraph_seed_store.args(), "stats")
    assert result.code == 0
    for title in ("Named graphs", "Events by modality", "Events by kind", "triples"):
        assert title in result.out


def test_stats_cmd_missing_store(kg_cli, tmp_path) -> None:
    result = kg_cli("--store", str(tmp_path / "none"), "stats")
    assert result.code == 1 and result.err.startswith("error[E001]")
