"""Network measures on the projected graphs: ego networks, centrality, communities."""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx


def _check_graph(G: object, name: str = "G") -> None:
    """TypeError when `G` is not a networkx graph (event rows must be projected first)."""
    if not isinstance(G, nx.Graph):
        raise TypeError(
            f"{name} must be a networkx graph (weighted_digraph(rows), signed_graph(rows)...), "
            f"not {type(G).__name__}"
        )


__all__ = [
    "ego_network",
    "centrality",
    "pagerank_python",
    "communities",
    "collapse",
    "undirected_weights",
]


def ego_network(G: nx.Graph, node: Hashable, radius: int = 1) -> nx.Graph:
    """The sub-graph of `node` and every actor within `radius` hops, in either direction.

    Keeps the class of `G` (a MultiDiGraph stays a MultiDiGraph) and all edge attributes.
    Raises `networkx.NodeNotFound` when `node` is not in `G`.
    """
    _check_graph(G)
    if node not in G:
        raise nx.NodeNotFound(f"node {node!r} is not in the graph")
    return nx.ego_graph(G, node, radius=radius, undirected=True)


def collapse(G: nx.Graph) -> nx.Graph:
    """A simple (Di)Graph from a multigraph: parallel edges merged, ``count`` = their number,
    ``weight`` = the sum of their ``weight`` (missing = 1). Simple graphs are returned as is."""
    if not G.is_multigraph():
        return G
    H = nx.DiGraph() if G.is_directed() else nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    for u, v, data in G.edges(data=True):
        if not H.has_edge(u, v):
            H.add_edge(u, v, count=0, weight=0.0)
        H.edges[u, v]["count"] += 1
        H.edges[u, v]["weight"] += data.get("weight", 1.0)
    return H


def centrality(G: nx.Graph, weight: str | None = "count") -> dict[str, dict[str, float]]:
    """Degree, betweenness and PageRank of every node: ``{node: {measure: value}}``.

    - ``degree``: `networkx.degree_centrality` (in + out degree over n - 1 for directed graphs);
    - ``betweenness``: `networkx.betweenness_centrality`, normalised, on hop counts (edge
      weights are not distances here);
    - ``pagerank``: PageRank (damping 0.85, as `networkx.pagerank`, computed by
      `pagerank_python` so that scipy is not needed), edges weighted by the attribute `weight` (default
      ``count``, the number of events; a missing attribute counts 1; None = unweighted).
      Weights must not be negative, so never pass ``goldstein_sum``.

    Directed graphs also get ``in_degree`` and ``out_degree`` (normalised the same way).
    Multigraphs are collapsed first (parallel edges become one edge whose ``count`` is
    their number). An empty graph gives an empty dict.
    """
    _check_graph(G)
    if weight is not None and not isinstance(weight, str):
        raise TypeError(
            f"weight must be an edge attribute name (str) or None, not {type(weight).__name__}"
        )
    H = collapse(G)
    if H.number_of_nodes() == 0:
        return {}
    degree = nx.degree_centrality(H)
    betweenness = nx.betweenness_centrality(H, normalized=True)
    pagerank = pagerank_python(H, weight=weight) if H.number_of_edges() else _uniform(H)
    out: dict[str, dict[str, float]] = {}
    for n in H.nodes:
        out[n] = {"degree": degree[n], "betweenness": betweenness[n], "pagerank": pagerank[n]}
    if H.is_directed():
        ind = nx.in_degree_centrality(H)
        outd = nx.out_degree_centrality(H)
        for n in H.nodes:
            out[n]["in_degree"] = ind[n]
            out[n]["out_degree"] = outd[n]
    return out


def pagerank_python(
    G: nx.Graph,
    alpha: float = 0.85,
    weight: str | None = "weight",
    max_iter: int = 1000,
    tol: float = 1.0e-10,
) -> dict[Hashable, float]:
    """PageRank by power iteration in pure Python (what `networkx.pagerank` computes, without
    its scipy dependency). Undirected edges count in both directions; dangling nodes spread
    their rank uniformly; a missing weight counts 1. Weights must be non-negative."""
    n = G.number_of_nodes()
    if n == 0:
        return {}
    D = G if G.is_directed() else G.to_directed()
    out_weight: dict[Hashable, float] = {u: 0.0 for u in D}
    links: dict[Hashable, list[tuple[Hashable, float]]] = {u: [] for u in D}
    for u, v, data in D.edges(data=True):
        w = 1.0 if weight is None else float(data.get(weight, 1.0))
        if w < 0:
            raise ValueError(f"negative PageRank weight {w} on edge {u!r} -> {v!r}")
        links[u].append((v, w))
        out_weight[u] += w
    x = dict.fromkeys(D, 1.0 / n)
    for _ in range(max_iter):
        previous = x
        dangling = alpha * sum(previous[u] for u in D if out_weight[u] == 0) / n
        x = dict.fromkeys(D, (1.0 - alpha) / n + dangling)
        for u in D:
            if out_weight[u] == 0:
                continue
            share = alpha * previous[u] / out_weight[u]
            for v, w in links[u]:
                x[v] += share * w
        if sum(abs(x[u] - previous[u]) for u in D) < n * tol:
            break
    total = sum(x.values())
    return {u: value / total for u, value in x.items()}


def _uniform(G: nx.Graph) -> dict[Hashable, float]:
    n = G.number_of_nodes()
    return {node: 1.0 / n for node in G.nodes}


def undirected_weights(G: nx.Graph, weight: str = "weight") -> nx.Graph:
    """Undirected graph whose edge ``weight`` is |sum of `weight` over the pair's edges|.

    Both directions and parallel edges of a pair are summed first (signed), then the absolute
    value is taken; a missing attribute counts 1. Self-loops are dropped.
    """
    H = nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    sums: dict[tuple, float] = {}
    for u, v, data in G.edges(data=True):
        if u == v:
            continue
        key = (u, v) if (u, v) in sums or (v, u) not in sums else (v, u)
        sums[key] = sums.get(key, 0.0) + float(data.get(weight, 1.0))
    for (u, v), total in sums.items():
        H.add_edge(u, v, weight=abs(total))
    return H


def communities(G: nx.Graph, weight: str = "weight", seed: int | None = 0) -> list[set[str]]:
    """Louvain communities (`networkx.community.louvain_communities`) of `G`.

    The graph is made undirected with weight |sum of `weight`| per pair (see
    `undirected_weights`): strong cooperation and strong conflict both bind actors together.
    If every weight is zero, edges count 1 each. Returns the communities largest first (ties:
    by smallest member name); isolated nodes form their own communities. `seed` makes the
    result reproducible.
    """
    _check_graph(G)
    H = undirected_weights(G, weight)
    if H.number_of_nodes() == 0:
        return []
    if H.size(weight="weight") == 0:
        nx.set_edge_attributes(H, 1.0, "weight")
    found = nx.community.louvain_communities(H, weight="weight", seed=seed)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), min(map(str, c))))
