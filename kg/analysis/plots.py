"""Matplotlib charts of the event graph, drawn on `matplotlib.figure.Figure` objects.

No pyplot and no display: each function returns a Figure (Jupyter shows it inline when it is
the last value of a cell) and, given `path`, saves it as PNG. Nothing changes the global
matplotlib backend.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from statistics import mean

import networkx as nx
from matplotlib.figure import Figure

from kg.analysis.projection import EventRow, event_rows, signed_graph
from kg.analysis.timeline import PERIODS, counts_by_period
from kg.errors import unknown_value
from kg.eventkinds import event_kinds

__all__ = [
    "plover_order",
    "plover_colours",
    "PLOVER_COLOURS",
    "plot_events_over_time",
    "plot_dyad_balance",
    "plot_centrality",
    "display_name",
]

COOPERATION = "#2e8b57"
CONFLICT = "#c0392b"
NEUTRAL = "#9e9e9e"


def plover_order() -> list[str]:
    """PLOVER types from the most cooperative to the most conflictual (mean Goldstein of
    their kinds in `kg/data/event_kinds.csv`)."""
    scores: dict[str, list[float]] = {}
    for kind in event_kinds().values():
        scores.setdefault(kind.plover_type, []).append(kind.goldstein)
    return sorted(scores, key=lambda t: (-mean(scores[t]), t))


PLOVER_COLOURS: dict[str, str] = {
    # cooperation: greens and blues
    "RETREAT": "#1b5e20",
    "AID": "#43a047",
    "CONCEDE": "#9ccc65",
    "COOPERATE": "#00796b",
    "SUPPORT": "#4db6ac",
    "AGREE": "#1565c0",
    "CONSULT": "#64b5f6",
    # requests and demands: neutral
    "REQUEST": "#b0bec5",
    # conflict: yellows, oranges, reds, purple
    "ACCUSE": "#fdd835",
    "REJECT": "#ffb300",
    "SANCTION": "#fb8c00",
    "THREATEN": "#f4511e",
    "PROTEST": "#f06292",
    "MOBILIZE": "#e53935",
    "COERCE": "#6a1b9a",
    "ASSAULT": "#b71c1c",
}
"""A fixed colour per PLOVER type: greens/blues for cooperation, warm colours for conflict."""


def plover_colours(types: Iterable[str] | None = None) -> dict[str, str]:
    """Colour of each PLOVER type (see `PLOVER_COLOURS`); types not listed get grey."""
    if types is None:
        return {t: PLOVER_COLOURS.get(t, NEUTRAL) for t in plover_order()}
    return {t: PLOVER_COLOURS.get(t, NEUTRAL) for t in types}


MEASURE_NAMES = {
    "pagerank": "PageRank",
    "betweenness": "betweenness centrality",
    "degree": "degree centrality",
    "in_degree": "in-degree centrality",
    "out_degree": "out-degree centrality",
}


def display_name(G: nx.Graph, node: str, width: int = 28) -> str:
    """Short readable name of a node: its code (``RUS``) or, for actors named by an IRI
    path (``org/...``), its label, cut to `width` characters."""
    text = str(node)
    if "/" in text or ":" in text:
        text = str(G.nodes[node].get("label") or text) if node in G else text
    return text if len(text) <= width else text[: width - 1] + "…"


def _precision(row: EventRow) -> str:
    """``day``, ``month`` or ``year``: the coarser of the date's form and `date_precision`."""
    rank = {"day": 0, "month": 1, "year": 2}
    form = {1: "year", 2: "month"}.get(len((row.date or "").split("-")), "day")
    declared = row.date_precision if row.date_precision in rank else "day"
    return max(form, declared, key=rank.__getitem__)


def _empty(fig: Figure, ax, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=12, color="#555555")
    ax.set_axis_off()


def _save(fig: Figure, path: str | Path | None) -> Figure:
    if path is not None:
        fig.savefig(path, dpi=120)
    return fig


def plot_events_over_time(
    rows: Iterable[EventRow],
    freq: str = "auto",
    path: str | Path | None = None,
    title: str = "Events over time by PLOVER type",
) -> Figure:
    """Stacked bars of the number of events per month (or year), one colour per PLOVER type.

    `freq` is ``month``, ``year`` or ``auto`` (months when the dates span at most three
    years). Types are stacked from cooperative (bottom, green) to conflictual (top, red).
    Undated events, and in a monthly chart events dated to the year only, are left out (the
    subtitle says how many).
    """
    if freq not in ("auto", *PERIODS):
        raise unknown_value("freq", freq, ["auto", *PERIODS])
    rows = event_rows(rows)
    dated = [r for r in rows if r.day is not None]
    if freq == "auto":
        if dated:
            first, last = min(r.day for r in dated), max(r.day for r in dated)
            months = (last.year - first.year) * 12 + last.month - first.month
            freq = "month" if months <= 36 else "year"
        else:
            freq = "month"
    coarse = [r for r in dated if freq == "month" and _precision(r) == "year"]
    dated = [r for r in dated if r not in coarse]
    counts = counts_by_period(dated, freq=freq)
    periods = list(counts)
    fig = Figure(figsize=(max(7.0, min(16.0, 0.35 * len(periods) + 4)), 4.8), layout="constrained")
    ax = fig.add_subplot()
    if not periods:
        _empty(fig, ax, "no dated events")
        return _save(fig, path)
    present = {t for c in counts.values() for t in c}
    order = [t for t in plover_order() if t in present] + sorted(present - set(plover_order()))
    colours = plover_colours(order)
    x = list(range(len(periods)))
    bottom = [0] * len(periods)
    for t in order:
        heights = [counts[p].get(t, 0) for p in periods]
        ax.bar(
            x, heights, bottom=bottom, label=t, color=colours[t], edgecolor="white", linewidth=0.5
        )
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    step = max(1, len(periods) // 24)
    ax.set_xticks(
        x[::step],
        periods[::step],
        rotation=45 if freq == "month" else 0,
        ha="right" if freq == "month" else "center",
    )
    ax.set_xlim(-0.6, len(periods) - 0.4)
    ax.set_ylabel("events")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", alpha=0.3)
    ax.set_axisbelow(True)
    left_out = []
    undated = len(rows) - len(dated) - len(coarse)
    if undated:
        left_out.append(f"{undated} undated")
    if coarse:
        left_out.append(f"{len(coarse)} dated to the year only")
    subtitle = f"{len(dated)} events per {freq}" + (
        f" (left out: {', '.join(left_out)})" if left_out else ""
    )
    ax.set_title(f"{title}\n{subtitle}", fontsize=11)
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(
        handles[::-1],
        labels[::-1],
        title="PLOVER type",
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        fontsize=8,
        title_fontsize=9,
        frameon=False,
    )
    return _save(fig, path)


def plot_dyad_balance(
    rows_or_graph: Iterable[EventRow] | nx.Graph,
    top: int = 20,
    path: str | Path | None = None,
    title: str = "Cooperation/conflict balance per dyad",
) -> Figure:
    """Horizontal bars of the summed Goldstein score of each pair of actors (both directions),
    green for cooperative balances, red for conflictual ones.

    Takes event rows or a `signed_graph`. Shows the `top` dyads with the largest absolute
    balance, most cooperative at the top; each label ends with the number of events.
    """
    G = (
        rows_or_graph
        if isinstance(rows_or_graph, nx.Graph)
        else signed_graph(event_rows(rows_or_graph, "rows_or_graph"))
    )
    dyads = [
        (u, v, d.get("goldstein_sum", 0.0), d.get("count", 1)) for u, v, d in G.edges(data=True)
    ]
    dyads.sort(key=lambda e: (-abs(e[2]), str(e[0]), str(e[1])))
    dyads = sorted(dyads[:top], key=lambda e: e[2])
    fig = Figure(figsize=(8.0, max(2.5, 0.32 * len(dyads) + 1.4)), layout="constrained")
    ax = fig.add_subplot()
    if not dyads:
        _empty(fig, ax, "no dyads")
        return _save(fig, path)
    labels = [f"{display_name(G, u)} – {display_name(G, v)} ({n})" for u, v, _, n in dyads]
    values = [s for _, _, s, _ in dyads]
    colours = [COOPERATION if s > 0 else CONFLICT if s < 0 else NEUTRAL for s in values]
    y = list(range(len(dyads)))
    ax.barh(y, values, color=colours)
    ax.set_yticks(y, labels, fontsize=9)
    ax.axvline(0, color="#333333", linewidth=0.8)
    span = max(abs(v) for v in values) or 1.0
    ax.set_xlim(-span * 1.15, span * 1.15)
    for yi, v in zip(y, values, strict=True):
        ax.text(
            v + (0.02 * span if v >= 0 else -0.02 * span),
            yi,
            f"{v:+.1f}",
            va="center",
            ha="left" if v >= 0 else "right",
            fontsize=8,
        )
    ax.set_xlabel("summed Goldstein score (← conflict · cooperation →)")
    ax.set_title(
        title + (f" (top {len(dyads)} by |balance|)" if G.number_of_edges() > top else ""),
        fontsize=11,
    )
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)
    return _save(fig, path)


def plot_centrality(
    scores: Mapping[str, Mapping[str, float]],
    measure: str = "pagerank",
    top: int = 15,
    graph: nx.Graph | None = None,
    path: str | Path | None = None,
    title: str | None = None,
) -> Figure:
    """Horizontal bars of one centrality `measure` for the `top` actors (highest at the top).

    `scores` is what `centrality` returns; `graph` (optional) supplies readable labels for
    actors named by an IRI path.
    """
    if not isinstance(scores, Mapping):
        raise TypeError(f"scores must be what centrality(G) returns, not {type(scores).__name__}")
    measures = sorted({m for s in scores.values() for m in s}) or list(MEASURE_NAMES)
    if measure not in measures:
        raise unknown_value("measure", measure, measures)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1].get(measure, 0.0), str(kv[0])))[:top]
    ranked.reverse()
    fig = Figure(figsize=(7.0, max(2.5, 0.3 * len(ranked) + 1.4)), layout="constrained")
    ax = fig.add_subplot()
    if not ranked:
        _empty(fig, ax, "no actors")
        return _save(fig, path)
    G = graph if graph is not None else nx.Graph()
    labels = [display_name(G, n) for n, _ in ranked]
    values = [s.get(measure, 0.0) for _, s in ranked]
    y = list(range(len(ranked)))
    ax.barh(y, values, color="#3c6e9f")
    ax.set_yticks(y, labels, fontsize=9)
    ax.set_xlabel(MEASURE_NAMES.get(measure, measure))
    ax.set_xlim(0, (max(values) or 1.0) * 1.15)
    for yi, v in zip(y, values, strict=True):
        ax.text(v, yi, f" {v:.3f}", va="center", fontsize=8)
    heading = title or f"Top {len(ranked)} actors by {MEASURE_NAMES.get(measure, measure)}"
    if not any(values):
        heading += (
            "\n(all zero: no actor lies on a shortest path between two others)"
            if measure == "betweenness"
            else "\n(all zero)"
        )
    ax.set_title(heading, fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)
    return _save(fig, path)
