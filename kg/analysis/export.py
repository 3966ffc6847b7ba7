"""Write projected networks for Gephi, Cytoscape, spreadsheets: GraphML, GEXF, CSV edge lists.

Attributes are made GraphML-safe on the way out: strings, integers, floats and booleans are
kept, tuples and lists become ``"; "``-joined strings, dates ISO strings, None is dropped.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import IO, Any

import networkx as nx

from kg.analysis.projection import (
    EventRow,
    events_table,
    signed_graph,
    state_multigraph,
    weighted_digraph,
)
from kg.errors import UnknownFormat

__all__ = [
    "NETWORK_FORMATS",
    "GRAPH_KINDS",
    "export_network",
    "export_store",
    "network_bytes",
    "safe_graph",
]

NETWORK_FORMATS = ("graphml", "gexf", "csv-edges")
"""Formats `export_network` writes (``csv`` is accepted as an alias of ``csv-edges``)."""

GRAPH_KINDS = ("weighted", "multi", "signed")
"""Which projection `export_network` builds from rows: `weighted_digraph` (default),
`state_multigraph` or `signed_graph`."""

_FIRST_EDGE_COLUMNS = (
    "count",
    "goldstein_sum",
    "sign",
    "weight",
    "event",
    "kind",
    "relation",
    "plover_type",
    "modality",
    "date",
    "goldstein",
)


def _safe_value(value: Any) -> str | int | float | bool | None:
    if value is None:
        return None
    if isinstance(value, bool | str):
        return value
    if isinstance(value, int | float):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return "; ".join(str(v) for v in items)
    if hasattr(value, "item"):  # numpy scalars
        return _safe_value(value.item())
    return str(value)


def _safe_attrs(data: dict) -> dict:
    out = {}
    for k, v in data.items():
        safe = _safe_value(v)
        if safe is not None:
            out[str(k)] = safe
    return out


def safe_graph(G: nx.Graph) -> nx.Graph:
    """A copy of `G` whose node/edge/graph attributes are only str, int, float or bool.

    Node names become strings too. Multigraph keys are kept (as strings).
    """
    H = G.__class__()
    H.graph.update(_safe_attrs(G.graph))
    for n, data in G.nodes(data=True):
        H.add_node(str(n), **_safe_attrs(data))
    if G.is_multigraph():
        for u, v, k, data in G.edges(keys=True, data=True):
            H.add_edge(str(u), str(v), key=str(k), **_safe_attrs(data))
    else:
        for u, v, data in G.edges(data=True):
            H.add_edge(str(u), str(v), **_safe_attrs(data))
    return H


def _normalise_format(format: str) -> str:
    name = format.lower().replace("_", "-")
    if name in ("csv", "csv-edges", "edges", "edgelist"):
        return "csv-edges"
    if name not in NETWORK_FORMATS:
        raise UnknownFormat(
            f"unknown network format {format!r} (known: {', '.join(NETWORK_FORMATS)})"
        )
    return name


def _as_graph(G_or_rows: nx.Graph | Iterable[EventRow], graph: str) -> nx.Graph:
    if isinstance(G_or_rows, nx.Graph):
        return G_or_rows
    rows = list(G_or_rows)
    if graph == "weighted":
        return weighted_digraph(rows)
    if graph == "multi":
        return state_multigraph(rows)
    if graph == "signed":
        return signed_graph(rows)
    raise ValueError(f"unknown graph kind {graph!r} (known: {', '.join(GRAPH_KINDS)})")


def _csv_edges(G: nx.Graph) -> str:
    names: set[str] = set()
    for *_, data in G.edges(data=True):
        names.update(data)
    columns = [c for c in _FIRST_EDGE_COLUMNS if c in names]
    columns += sorted(names - set(columns))
    header = ["source", "target", "source_label", "target_label"]
    if G.is_multigraph():
        header.append("key")
    header += [c for c in columns if c not in header]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    edges = G.edges(keys=True, data=True) if G.is_multigraph() else G.edges(data=True)
    for edge in edges:
        u, v, data = edge[0], edge[1], edge[-1]
        row = {
            "source": u,
            "target": v,
            "source_label": G.nodes[u].get("label", u),
            "target_label": G.nodes[v].get("label", v),
            **data,
        }
        if G.is_multigraph():
            row["key"] = edge[2]
        writer.writerow(["" if row.get(c) is None else row.get(c) for c in header])
    return buf.getvalue()


def network_bytes(G: nx.Graph, format: str) -> bytes:
    """`G` serialised (UTF-8) in one of `NETWORK_FORMATS`, attributes made safe first."""
    name = _normalise_format(format)
    H = safe_graph(G)
    if name == "csv-edges":
        return _csv_edges(H).encode("utf-8")
    buf = io.BytesIO()
    if name == "graphml":
        nx.write_graphml(H, buf, encoding="utf-8")
    else:
        nx.write_gexf(H, buf, encoding="utf-8")
    return buf.getvalue()


def _write(data: bytes, out: str | Path | IO | None) -> None:
    if out is None or out == "-":
        out = sys.stdout
    if isinstance(out, str | Path):
        Path(out).write_bytes(data)
        return
    if isinstance(out, io.TextIOBase) or hasattr(out, "encoding"):
        buffer = getattr(out, "buffer", None)
        if buffer is not None:
            out.flush()
            buffer.write(data)
            buffer.flush()
        else:
            out.write(data.decode("utf-8"))
        return
    out.write(data)


def export_network(
    G_or_rows: nx.Graph | Iterable[EventRow],
    format: str,
    path: str | Path | IO | None,
    graph: str = "weighted",
) -> nx.Graph:
    """Write a network as GraphML, GEXF (Gephi) or a CSV edge list; returns the graph written.

    `G_or_rows` is a networkx graph, or event rows from `events_table`, projected with
    `graph` (``weighted``: `weighted_digraph`; ``multi``: `state_multigraph`; ``signed``:
    `signed_graph`). `path` is a file path, a text or binary stream, or None/"-" for stdout.
    The CSV edge list has the header ``source,target,source_label,target_label`` (plus
    ``key`` for multigraphs) followed by the edge attributes.
    """
    G = _as_graph(G_or_rows, graph)
    _write(network_bytes(G, format), path)
    return G


def export_store(
    store,
    format: str,
    out: str | Path | IO | None,
    *,
    graph: str = "weighted",
    since: str | date | None = None,
    until: str | date | None = None,
    modalities: Sequence[str] | None = ("asserted",),
    kinds: Sequence[str] | None = None,
    plover_types: Sequence[str] | None = None,
    actor_kinds: Sequence[str] | None = None,
) -> nx.Graph:
    """Project `store` (filters as in `events_table`) and write it with `export_network`.

    This is what ``kg export --format graphml|gexf|csv-edges`` runs. Returns the graph
    written (its ``number_of_nodes()`` / ``number_of_edges()`` make a good summary).
    """
    _normalise_format(format)  # fail before querying
    rows = events_table(
        store,
        since=since,
        until=until,
        modalities=modalities,
        kinds=kinds,
        plover_types=plover_types,
        actor_kinds=actor_kinds,
    )
    return export_network(rows, format, out, graph=graph)
