"""Louvain on two cliques joined by one edge finds the two cliques."""

from __future__ import annotations

import networkx as nx

from kg.analysis import communities, ego_network


def two_cliques() -> nx.Graph:
    G = nx.Graph()
    G.add_edges_from(nx.complete_graph(["a1", "a2", "a3", "a4", "a5"]).edges)
    G.add_edges_from(nx.complete_graph(["b1", "b2", "b3", "b4", "b5"]).edges)
    G.add_edge("a1", "b1")
    return G


def test_two_cliques_are_found():
    found = communities(two_cliques())
    assert sorted(map(sorted, found)) == [
        ["a1", "a2", "a3", "a4", "a5"],
        ["b1", "b2", "b3", "b4", "b5"],
    ]


def test_negative_weights_bind_like_positive_ones():
    # clique A is all conflict, clique B all cooperation: |weight| is what counts
    G = nx.DiGraph()
    for u, v in two_cliques().edges:
        w = -5.0 if u.startswith("a") and v.startswith("a") else 5.0
        G.add_edge(u, v, weight=w)
    G.edges["a1", "b1"]["weight"] = 0.5
    found = communities(G)
    assert {frozenset(c) for c in found} == {
        frozenset({"a1", "a2", "a3", "a4", "a5"}),
        frozenset({"b1", "b2", "b3", "b4", "b5"}),
    }


def test_reproducible_with_seed():
    G = nx.karate_club_graph()
    assert communities(G, seed=1) == communities(G, seed=1)


def test_all_zero_weights_fall_back_to_unweighted():
    G = two_cliques()
    nx.set_edge_attributes(G, 0.0, "weight")
    assert len(communities(G)) == 2


def test_empty_graph():
    assert communities(nx.Graph()) == []


def test_ego_network_both_directions():
    G = nx.DiGraph([("a", "b"), ("c", "a"), ("c", "d"), ("d", "e")])
    assert set(ego_network(G, "a")) == {"a", "b", "c"}
    assert set(ego_network(G, "a", radius=2)) == {"a", "b", "c", "d"}
    assert isinstance(ego_network(G, "a"), nx.DiGraph)


def test_ego_network_unknown_node():
    import pytest

    with pytest.raises(nx.NodeNotFound):
        ego_network(nx.Graph([(1, 2)]), 3)
