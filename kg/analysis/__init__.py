"""Network analysis of the event graph: networkx projections, measures, plots, reports.

Functions work on plain data, networkx style::

    from kg.store import open_store
    from kg import analysis as ka

    rows = ka.events_table(store, since="2024")          # asserted events only by default
    G = ka.weighted_digraph(rows)                         # count, goldstein_sum, sign per pair
    ka.centrality(G)["RUS"]["pagerank"]
    ka.communities(G)
    ka.structural_balance(ka.signed_graph(rows)).ratio
    ka.export_network(G, "gexf", "graph.gexf")

Plotting (`kg.analysis.plots`) and the HTML report (`kg.analysis.report`) import matplotlib
only when first used.
"""

from __future__ import annotations

from typing import Any

from kg.analysis.balance import BalanceReport, Triad, structural_balance
from kg.analysis.export import (
    GRAPH_KINDS,
    NETWORK_FORMATS,
    export_network,
    export_store,
    safe_graph,
)
from kg.analysis.metrics import centrality, collapse, communities, ego_network, pagerank_python
from kg.analysis.projection import (
    ACTOR_KINDS,
    MODALITIES,
    EventRow,
    event_rows,
    events_table,
    node_id,
    parse_period,
    sign,
    signed_graph,
    state_multigraph,
    weighted_digraph,
)
from kg.analysis.timeline import counts_by_period, dyad_timeline

__all__ = [
    # projection
    "EventRow",
    "MODALITIES",
    "ACTOR_KINDS",
    "events_table",
    "event_rows",
    "parse_period",
    "node_id",
    "sign",
    "state_multigraph",
    "weighted_digraph",
    "signed_graph",
    # metrics
    "ego_network",
    "centrality",
    "communities",
    "collapse",
    "pagerank_python",
    # balance
    "Triad",
    "BalanceReport",
    "structural_balance",
    # timeline
    "dyad_timeline",
    "counts_by_period",
    # export
    "NETWORK_FORMATS",
    "GRAPH_KINDS",
    "export_network",
    "export_store",
    "safe_graph",
    # plots (lazy)
    "plot_events_over_time",
    "plot_dyad_balance",
    "plot_centrality",
    # report (lazy)
    "Report",
    "write_report",
]

_LAZY = {
    "plot_events_over_time": "kg.analysis.plots",
    "plot_dyad_balance": "kg.analysis.plots",
    "plot_centrality": "kg.analysis.plots",
    "Report": "kg.analysis.report",
    "write_report": "kg.analysis.report",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kg.analysis' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
