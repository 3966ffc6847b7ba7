"""Misused API arguments raise TypeError / ValueError naming the argument and the accepted
values; an unknown modality or event kind is an error, never a silent empty list."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg

CUSTOM = """\
@prefix kgo: <https://w3id.org/geopol-kg/ontology#> .
<http://e/g> {
  <http://e/ev> a kgo:Event ; kgo:eventKind "custom_kind" ; kgo:modality kgo:Asserted ;
      kgo:actor <https://w3id.org/geopol-kg/resource/state/FRA> ;
      kgo:target <https://w3id.org/geopol-kg/resource/state/DEU> .
}
"""


@pytest.fixture
def graph(tiny_seeds: Path, backend: str) -> kg.KnowledgeGraph:
    """Two events (FRA visits DEU, asserted; FRA sanctions DEU, planned) in memory."""
    g = kg.open(":memory:", backend=backend)
    g.load(tiny_seeds / "curated" / "tiny.trig")
    return g


def test_unknown_modality_lists_the_modalities(graph) -> None:
    with pytest.raises(ValueError, match=r"unknown modality 'maybe' \(known: asserted, planned"):
        graph.events(modality="maybe")
    assert [e["kind"] for e in graph.events(modality="Planned")] == ["sanction"]  # any case
    with pytest.raises(TypeError, match="modality must be one of asserted"):
        graph.events(modality=1)  # type: ignore[arg-type]


def test_unknown_kind_suggests_the_closest(graph, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"unknown event kind 'visits'; did you mean 'visit'\?"):
        graph.events(kind="visits")
    assert graph.events(kind="meet") == []  # a known kind with no event
    custom = tmp_path / "custom.trig"
    custom.write_text(CUSTOM, encoding="utf-8")
    graph.load(custom)
    assert [e["kind"] for e in graph.events(kind="custom_kind")] == ["custom_kind"]  # in the store


def test_event_filters_of_the_wrong_type(graph) -> None:
    with pytest.raises(TypeError, match="dyad must be a pair of actor codes"):
        graph.events(dyad="FRADEU")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="actor must be an actor code"):
        graph.events(actor=["FRA"])  # type: ignore[arg-type]
    assert graph.events(actor="ZZZ") == []  # an actor with no event is a real answer


def test_query_arguments(graph) -> None:
    with pytest.raises(TypeError, match=r"sparql must be SPARQL text.*not int"):
        graph.query(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="query parameter 'c' must be a str"):
        graph.query("SELECT * WHERE { ?s kgo:code $c }", c=5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="name must be the name of a library query"):
        graph.named_query(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="sparql must be SPARQL update"):
        graph.update(b"INSERT DATA {}")  # type: ignore[arg-type]


def test_open_arguments(tmp_path: Path) -> None:
    with pytest.raises(
        ValueError, match=r"unknown backend 'rocksdb' \(known: oxigraph, memory, remote\)"
    ):
        kg.open(tmp_path, backend="rocksdb")
    with pytest.raises(TypeError, match="path must be a store folder"):
        kg.open(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="create must be True or False"):
        kg.open(tmp_path, create="yes")  # type: ignore[arg-type]


def test_write_arguments(graph, tiny_seeds: Path, tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="graph must be a named-graph IRI"):
        graph.load(tiny_seeds / "curated" / "tiny.trig", graph=3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="extract must be True or False"):
        graph.build(tiny_seeds, extract="no")  # type: ignore[arg-type]
    with pytest.raises(kg.KGError, match="no seeds folder"):
        kg.open(tmp_path / "s", create=True).build(tmp_path / "nowhere", extract=False)
    assert not (tmp_path / "s").exists()  # the store was not created for nothing
