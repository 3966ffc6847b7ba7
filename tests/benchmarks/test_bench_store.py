"""The store benchmark's data: deterministic, and shaped like what `kg ingest` writes.

Figures are only comparable between runs (and before / after a change to `kg load`) if the
generated file is the same bytes every time, so that is what these tests pin down."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from bench.bench_store import generate
from bench.common import percentile
from kg.vocab import KGO, KGR, RDF


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.nq", tmp_path / "b.nq", tmp_path / "c.nq"
    info = generate(1_500, a)
    assert generate(1_500, b) == info
    assert a.read_bytes() == b.read_bytes()
    generate(1_500, c, seed=1)
    assert c.read_bytes() != a.read_bytes()


def test_one_graph_per_document_each_with_events_and_sentences(tmp_path: Path) -> None:
    path = tmp_path / "d.nq"
    info = generate(2_000, path)
    assert info["triples"] >= 2_000
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.N_QUADS)
    assert len(store) == info["triples"]
    graphs = {g.value for g in store.named_graphs()}
    assert len(graphs) == info["graphs"]
    assert str(KGR["graph/reference"]) in graphs
    docs = graphs - {str(KGR["graph/reference"])}
    assert docs and all(g.startswith(str(KGR["graph/doc/"])) for g in docs)
    event = ox.NamedNode(str(KGO.EventReport))
    sentence = ox.NamedNode(str(KGO.sentence))
    for g in docs:
        name = ox.NamedNode(g)
        assert list(store.quads_for_pattern(None, ox.NamedNode(str(RDF.type)), event, name))
        assert list(store.quads_for_pattern(None, sentence, None, name))


def test_percentile_interpolates_between_ranks() -> None:
    assert percentile([3.0, 1.0, 2.0], 50) == 2.0
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0], 95) == 4.8
    assert percentile([7.0], 95) == 7.0
