"""Projections of event rows: multigraph, weighted digraph, signed graph."""

from __future__ import annotations

import pytest

from kg.analysis import EventRow, events_table, signed_graph, state_multigraph, weighted_digraph


def row(
    event: str,
    src: str,
    tgt: str | None,
    goldstein: float,
    kind: str = "x",
    date: str = "2024-01-01",
) -> EventRow:
    return EventRow(
        event=event,
        source=f"urn:{src}",
        source_code=src,
        source_label=src.title(),
        source_kind="state",
        target=None if tgt is None else f"urn:{tgt}",
        target_code=tgt,
        target_label=None if tgt is None else tgt.title(),
        target_kind=None if tgt is None else "state",
        kind=kind,
        relation=None,
        plover_type="T",
        modality="asserted",
        date=date,
        date_precision="day",
        goldstein=goldstein,
        sources=("urn:doc1", "urn:doc2"),
    )


ROWS = [
    row("e1", "AAA", "BBB", 7.0),
    row("e2", "AAA", "BBB", -2.0),
    row("e3", "BBB", "AAA", -8.0),
    row("e4", "AAA", "CCC", -10.0),
    row("e5", "CCC", None, -7.2),  # no target: no edge
]


def test_multigraph_one_edge_per_event():
    G = state_multigraph(ROWS)
    assert G.number_of_edges() == 4
    assert G.number_of_edges("AAA", "BBB") == 2
    data = G.edges["AAA", "BBB", "e1"]
    assert data["goldstein"] == 7.0 and data["sources"] == ("urn:doc1", "urn:doc2")
    assert G.nodes["AAA"]["label"] == "Aaa" and G.nodes["AAA"]["kind"] == "state"


def test_weighted_digraph_sums_per_direction():
    G = weighted_digraph(ROWS)
    ab = G.edges["AAA", "BBB"]
    assert ab["count"] == 2
    assert ab["goldstein_sum"] == pytest.approx(5.0)
    assert ab["sign"] == 1
    assert ab["n_cooperative"] == 1 and ab["n_conflictual"] == 1
    ba = G.edges["BBB", "AAA"]
    assert (ba["count"], ba["goldstein_sum"], ba["sign"]) == (1, -8.0, -1)
    assert G.edges["AAA", "CCC"]["sign"] == -1


def test_signed_graph_sums_both_directions():
    G = signed_graph(ROWS)
    assert not G.is_directed()
    assert G.edges["AAA", "BBB"]["count"] == 3
    assert G.edges["AAA", "BBB"]["goldstein_sum"] == pytest.approx(-3.0)
    assert G.edges["BBB", "AAA"]["sign"] == -1


def test_zero_sum_has_sign_zero():
    G = weighted_digraph([row("a", "AAA", "BBB", 2.0), row("b", "AAA", "BBB", -2.0)])
    assert G.edges["AAA", "BBB"]["sign"] == 0


def test_goldstein_sums_from_store(small_store):
    rows = events_table(small_store)
    G = weighted_digraph(rows)
    # asserted FRA->DEU: a visit (1.9) and the curated meeting (1.0), the extracted copy folded in
    assert G.edges["FRA", "DEU"]["count"] == 2
    assert G.edges["FRA", "DEU"]["goldstein_sum"] == pytest.approx(2.9)
    # the alleged RUS->FRA attack is not in the default (asserted) projection
    assert not G.has_edge("RUS", "FRA")
    S = signed_graph(rows)
    assert S.edges["FRA", "DEU"]["goldstein_sum"] == pytest.approx(2.9 + 6.4)
    assert S.edges["FRA", "RUS"]["sign"] == -1
    all_rows = events_table(small_store, modalities=None)
    assert signed_graph(all_rows).edges["FRA", "RUS"]["goldstein_sum"] == pytest.approx(-18.0)
