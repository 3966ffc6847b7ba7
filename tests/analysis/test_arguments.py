"""The analysis functions the notebooks call: clear errors for misused arguments."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.analysis import (
    centrality,
    communities,
    counts_by_period,
    dyad_timeline,
    events_table,
    structural_balance,
    weighted_digraph,
)


def test_events_table_filters_take_one_str_or_a_list(small_store):
    assert events_table(small_store, modalities="planned") == events_table(
        small_store, modalities=["planned"]
    )
    assert [r.kind for r in events_table(small_store, kinds="visit")] == ["visit"]


@pytest.mark.parametrize(
    ("keyword", "value", "message"),
    [
        ("modalities", ["maybe"], r"unknown modality 'maybe' \(known: asserted, planned"),
        ("kinds", ["visits"], r"unknown event kind 'visits'; did you mean 'visit'\?"),
        ("plover_types", ["CONSULTT"], r"unknown PLOVER type 'CONSULTT'; did you mean 'CONSULT'"),
        ("actor_kinds", ["country"], r"unknown actor kind 'country'.*state"),
    ],
)
def test_events_table_unknown_values_are_errors(small_store, keyword, value, message):
    with pytest.raises(ValueError, match=message):
        events_table(small_store, **{keyword: value})


def test_events_table_wrong_types(small_store):
    with pytest.raises(TypeError, match="store must be a kg Store"):
        events_table("/path/to/.kg-store")
    with pytest.raises(TypeError, match="kinds must hold str values, not int"):
        events_table(small_store, kinds=[1])


def test_graph_builders_want_event_rows(small_store):
    with pytest.raises(TypeError, match="not a store: pass events_table"):
        weighted_digraph(small_store)
    with pytest.raises(TypeError, match="must hold EventRow objects .* not dict"):
        weighted_digraph([{"source": "RUS"}])


def test_measures_want_a_graph(small_store):
    rows = events_table(small_store)
    for function in (centrality, communities, structural_balance):
        with pytest.raises(TypeError, match="must be a networkx graph"):
            function(rows)
    with pytest.raises(nx.NetworkXNotImplemented):
        structural_balance(weighted_digraph(rows))


def test_timeline_arguments(small_store):
    rows = events_table(small_store, modalities=None)
    with pytest.raises(TypeError, match="a must be an actor name"):
        dyad_timeline(rows, 1, "RUS")
    with pytest.raises(ValueError, match=r"unknown period 'week' \(known: month, year\)"):
        counts_by_period(rows, freq="week")
    with pytest.raises(ValueError, match="unknown EventRow field 'plover'; did you mean"):
        counts_by_period(rows, by="plover")


def test_plot_arguments(small_store):
    pytest.importorskip("matplotlib")
    from kg.analysis import plot_centrality, plot_events_over_time

    rows = events_table(small_store)
    with pytest.raises(ValueError, match=r"unknown freq 'week' \(known: auto, month, year\)"):
        plot_events_over_time(rows, freq="week")
    with pytest.raises(ValueError, match="unknown measure 'pagerankk'; did you mean 'pagerank'"):
        plot_centrality(centrality(weighted_digraph(rows)), "pagerankk")
