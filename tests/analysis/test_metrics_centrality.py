"""Centrality on a star: the centre wins every measure; exact degree and betweenness."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.analysis import centrality, collapse


def test_star_centre_has_highest_scores():
    G = nx.star_graph(4)  # centre 0, leaves 1..4
    c = centrality(G)
    assert c[0]["degree"] == pytest.approx(1.0)
    assert c[1]["degree"] == pytest.approx(0.25)
    # every one of the C(4,2) = 6 leaf pairs has its only shortest path through 0
    assert c[0]["betweenness"] == pytest.approx(1.0)
    assert all(c[i]["betweenness"] == 0.0 for i in range(1, 5))
    assert all(c[0]["pagerank"] > c[i]["pagerank"] for i in range(1, 5))
    assert sum(v["pagerank"] for v in c.values()) == pytest.approx(1.0)


def test_directed_star_has_in_and_out_degree():
    G = nx.DiGraph([(i, 0) for i in range(1, 5)] + [(0, 5)])  # 1..4 -> 0 -> 5
    c = centrality(G)
    assert c[0]["in_degree"] == pytest.approx(4 / 5)
    assert c[0]["out_degree"] == pytest.approx(1 / 5)
    # directed betweenness of 0: 4 pairs (i, 5) over (n-1)(n-2) = 20
    assert c[0]["betweenness"] == pytest.approx(4 / 20)
    assert max(c, key=lambda n: c[n]["pagerank"]) in (0, 5)


def test_multigraph_is_collapsed_with_counts():
    G = nx.MultiDiGraph([("a", "b"), ("a", "b"), ("b", "c")])
    H = collapse(G)
    assert H.edges["a", "b"]["count"] == 2
    c = centrality(G)
    assert c["a"]["degree"] == pytest.approx(0.5)  # one neighbour out of two


def test_empty_graph():
    assert centrality(nx.Graph()) == {}


def test_isolated_nodes_get_uniform_pagerank():
    G = nx.Graph()
    G.add_nodes_from("abcd")
    assert {round(v["pagerank"], 6) for v in centrality(G).values()} == {0.25}


def test_pagerank_matches_networkx_reference():
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

    from kg.analysis.metrics import pagerank_python

    G = nx.DiGraph()
    G.add_weighted_edges_from(
        [("a", "b", 2), ("b", "c", 1), ("c", "a", 1), ("a", "c", 1), ("d", "a", 3)]
    )
    G.add_node("e")  # dangling
    ours = pagerank_python(G)
    ref = _pagerank_python(G, tol=1e-12)
    assert ours == pytest.approx(ref, abs=1e-6)
