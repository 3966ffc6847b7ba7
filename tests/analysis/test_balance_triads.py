"""Structural balance: +++ and +-- balanced, ++- and --- unbalanced."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.analysis import structural_balance


def triangle(ab: int, bc: int, ac: int, names: str = "abc") -> nx.Graph:
    a, b, c = names
    G = nx.Graph()
    G.add_edge(a, b, sign=ab)
    G.add_edge(b, c, sign=bc)
    G.add_edge(a, c, sign=ac)
    return G


@pytest.mark.parametrize(
    ("signs", "balanced", "pattern"),
    [
        ((1, 1, 1), True, "+++"),
        ((1, -1, -1), True, "+--"),
        ((1, 1, -1), False, "++-"),
        ((-1, -1, -1), False, "---"),
    ],
)
def test_single_triad(signs, balanced, pattern):
    report = structural_balance(triangle(*signs))
    assert report.n_triads == 1
    assert (report.n_balanced, report.n_unbalanced) == ((1, 0) if balanced else (0, 1))
    (triad,) = report.balanced + report.unbalanced
    assert triad.nodes == ("a", "b", "c")
    assert triad.pattern == pattern


def test_mixed_graph_counts_and_lists():
    G = nx.compose_all(
        [
            triangle(1, 1, 1, "abc"),
            triangle(1, -1, -1, "def"),
            triangle(1, 1, -1, "ghi"),
            triangle(-1, -1, -1, "jkl"),
        ]
    )
    report = structural_balance(G)
    assert (report.n_balanced, report.n_unbalanced) == (2, 2)
    assert [t.nodes for t in report.balanced] == [("a", "b", "c"), ("d", "e", "f")]
    assert [t.nodes for t in report.unbalanced] == [("g", "h", "i"), ("j", "k", "l")]
    assert report.ratio == pytest.approx(0.5)
    assert report.by_pattern() == {"+++": 1, "+--": 1, "++-": 1, "---": 1}


def test_k4_counts_every_triangle_once():
    G = nx.complete_graph(4)
    nx.set_edge_attributes(G, 1, "sign")
    G.edges[0, 1]["sign"] = -1  # two triangles contain edge 0-1: both ++-
    report = structural_balance(G)
    assert report.n_triads == 4
    assert report.n_unbalanced == 2


def test_zero_sign_triads_are_skipped():
    report = structural_balance(triangle(1, 0, 1))
    assert report.n_triads == 0 and report.skipped == 1
    assert report.ratio is None


def test_goldstein_sum_works_as_sign():
    G = triangle(1, 1, 1)
    for u, v in G.edges:
        G.edges[u, v]["goldstein_sum"] = -3.5
    assert structural_balance(G, attr="goldstein_sum").n_unbalanced == 1


def test_directed_graph_is_refused():
    with pytest.raises(nx.NetworkXNotImplemented):
        structural_balance(nx.DiGraph([(1, 2)]))
