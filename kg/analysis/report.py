"""The analysis report: PNG charts plus a self-contained ``index.html`` summary.

The HTML uses no network resource (inline CSS, relative links to the PNGs) and every piece
of text from the graph is HTML-escaped.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import networkx as nx

from kg.analysis.balance import BalanceReport, structural_balance
from kg.analysis.metrics import centrality, communities
from kg.analysis.plots import (
    display_name,
    plot_centrality,
    plot_dyad_balance,
    plot_events_over_time,
)
from kg.analysis.projection import (
    EventRow,
    event_rows,
    events_table,
    signed_graph,
    weighted_digraph,
)

__all__ = ["Report", "write_report", "IMAGES"]

IMAGES = {
    "events_over_time.png": "Events over time by PLOVER type",
    "dyad_balance.png": "Cooperation/conflict balance per dyad",
    "centrality_pagerank.png": "Top actors by PageRank",
    "centrality_betweenness.png": "Top actors by betweenness",
}
"""File names of the charts `write_report` draws, with their captions."""


@dataclass
class Report:
    """What `write_report` wrote and the numbers it computed."""

    out_dir: Path
    index: Path
    images: list[Path]
    n_events: int
    n_actors: int
    n_dyads: int
    centrality: dict[str, dict[str, float]] = field(default_factory=dict)
    communities: list[set[str]] = field(default_factory=list)
    balance: BalanceReport | None = None

    @property
    def files(self) -> list[Path]:
        """Every file written: the charts, then ``index.html``."""
        return [*self.images, self.index]


def write_report(
    store_or_rows,
    out_dir: str | Path,
    since: str | date | None = None,
    until: str | date | None = None,
    modalities: str | Sequence[str] | None = ("asserted",),
    top: int = 15,
    title: str = "kg network analysis",
) -> Report:
    """Draw the charts and write ``index.html`` into `out_dir` (created if needed).

    `store_or_rows` is a `kg.store.Store` (filtered with `since`, `until`, `modalities` as in
    `events_table`) or a list of `EventRow` already selected.
    """
    if isinstance(store_or_rows, list | tuple):
        rows = event_rows(store_or_rows, "store_or_rows")
    else:
        rows = events_table(store_or_rows, since=since, until=until, modalities=modalities)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)

    G = weighted_digraph(rows)
    S = signed_graph(rows)
    scores = centrality(G)
    groups = communities(G)
    balance = structural_balance(S)

    images = [out / name for name in IMAGES]
    plot_events_over_time(rows, path=images[0])
    plot_dyad_balance(S, top=top * 2, path=images[1])
    plot_centrality(scores, "pagerank", top=top, graph=G, path=images[2])
    plot_centrality(scores, "betweenness", top=top, graph=G, path=images[3])

    filters = {
        "since": str(since) if since else "—",
        "until": str(until) if until else "—",
        "modalities": (
            ", ".join([modalities] if isinstance(modalities, str) else modalities)
            if modalities
            else "all"
        ),
    }
    page = _html(title, rows, G, S, scores, groups, balance, filters, top)
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    return Report(
        out_dir=out,
        index=index,
        images=images,
        n_events=len(rows),
        n_actors=G.number_of_nodes(),
        n_dyads=S.number_of_edges(),
        centrality=scores,
        communities=groups,
        balance=balance,
    )


# -- HTML -----------------------------------------------------------------------------------

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto;
       max-width: 70rem; padding: 0 1rem; color: #222; line-height: 1.4; }
h1 { margin-bottom: .2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ddd; }
.meta { color: #666; font-size: .9rem; }
table { border-collapse: collapse; margin: .8rem 0; font-size: .9rem; }
th, td { border-bottom: 1px solid #e3e3e3; padding: .25rem .7rem; text-align: left; }
th { background: #f4f4f4; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.pos { color: #2e8b57; } .neg { color: #c0392b; }
figure { margin: 1rem 0; } figure img { max-width: 100%; border: 1px solid #eee; }
figcaption { color: #555; font-size: .9rem; }
.cards { display: flex; gap: 1rem; flex-wrap: wrap; }
.card { background: #f7f7f7; border-radius: .4rem; padding: .6rem 1rem; min-width: 8rem; }
.card b { display: block; font-size: 1.5rem; }
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _table(
    header: Sequence[str], rows: Sequence[Sequence[object]], numeric: set[int] | None = None
) -> str:
    numeric = numeric or set()
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            cls = ' class="num"' if i in numeric else ""
            cells.append(f"<td{cls}>{cell}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    if not rows:
        body.append(f'<tr><td colspan="{len(header)}">none</td></tr>')
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _name(G: nx.Graph, node: str) -> str:
    label = G.nodes[node].get("label") if node in G else None
    return _e(node) if not label or label == node else f"{_e(label)} <small>({_e(node)})</small>"


def _signed(value: float) -> str:
    cls = "pos" if value > 0 else "neg" if value < 0 else ""
    return f'<span class="{cls}">{value:+.1f}</span>'


def _html(
    title: str,
    rows: list[EventRow],
    G: nx.DiGraph,
    S: nx.Graph,
    scores: dict[str, dict[str, float]],
    groups: list[set[str]],
    balance: BalanceReport,
    filters: dict[str, str],
    top: int,
) -> str:
    days = [r.day for r in rows if r.day is not None]
    span = f"{min(days).isoformat()} – {max(days).isoformat()}" if days else "—"
    involvement: Counter = Counter()
    for r in rows:
        involvement[r.source_id] += 1
        if r.target_id is not None and r.target_id != r.source_id:
            involvement[r.target_id] += 1
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="meta">Generated {_e(datetime.now().strftime("%Y-%m-%d %H:%M"))} · '
        f"since {_e(filters['since'])} · until {_e(filters['until'])} · "
        f"modalities: {_e(filters['modalities'])}</p>",
        '<div class="cards">',
        f"<div class=card><b>{len(rows)}</b>events</div>",
        f"<div class=card><b>{G.number_of_nodes()}</b>actors</div>",
        f"<div class=card><b>{S.number_of_edges()}</b>dyads</div>",
        f"<div class=card><b>{len(groups)}</b>communities</div>",
        f"<div class=card><b>{_e(span)}</b>dates</div>",
        "</div>",
    ]

    parts.append("<h2>Charts</h2>")
    for name, caption in IMAGES.items():
        parts.append(
            f'<figure><a href="{_e(name)}"><img src="{_e(name)}" alt="{_e(caption)}"></a>'
            f"<figcaption>{_e(caption)}</figcaption></figure>"
        )

    ranked = sorted(scores, key=lambda n: (-scores[n]["pagerank"], str(n)))[:top]
    parts.append(
        f"<h2>Top actors</h2><p>The {len(ranked)} actors with the highest PageRank (edges weighted by event counts).</p>"
    )
    parts.append(
        _table(
            ["#", "actor", "kind", "events", "degree (in + out)", "betweenness", "PageRank"],
            [
                [
                    i + 1,
                    _name(G, n),
                    _e(G.nodes[n].get("kind") or "—"),
                    involvement[n],
                    f"{scores[n]['degree']:.3f}",
                    f"{scores[n]['betweenness']:.3f}",
                    f"{scores[n]['pagerank']:.3f}",
                ]
                for i, n in enumerate(ranked)
            ],
            numeric={0, 3, 4, 5, 6},
        )
    )

    parts.append(
        "<h2>Communities</h2><p>Louvain communities of the actor graph, edges weighted by |summed Goldstein score|.</p>"
    )
    parts.append(
        _table(
            ["#", "size", "members"],
            [
                [
                    i + 1,
                    len(c),
                    ", ".join(
                        _name(G, n) for n in sorted(c, key=lambda n: (-involvement[n], str(n)))
                    ),
                ]
                for i, c in enumerate(groups)
            ],
            numeric={0, 1},
        )
    )

    dyads = sorted(S.edges(data=True), key=lambda e: e[2]["goldstein_sum"])
    conflict = [d for d in dyads if d[2]["goldstein_sum"] < 0][:top]
    cooperation = [d for d in reversed(dyads) if d[2]["goldstein_sum"] > 0][:top]
    for heading, chosen in (
        ("Most conflictual dyads", conflict),
        ("Most cooperative dyads", cooperation),
    ):
        parts.append(f"<h2>{_e(heading)}</h2>")
        parts.append(
            _table(
                ["dyad", "events", "summed Goldstein"],
                [
                    [f"{_name(S, u)} – {_name(S, v)}", d["count"], _signed(d["goldstein_sum"])]
                    for u, v, d in chosen
                ],
                numeric={1, 2},
            )
        )

    parts.append("<h2>Structural balance</h2>")
    ratio = f"{balance.ratio:.0%}" if balance.ratio is not None else "—"
    parts.append(
        f"<p>{balance.n_triads} signed triads: {balance.n_balanced} balanced, "
        f"{balance.n_unbalanced} unbalanced (balanced share {_e(ratio)}); "
        f"{balance.skipped} triangles with a neutral edge left out. A triad is balanced when "
        "the product of its three signs is positive (+++ friends, +−− common foe).</p>"
    )
    parts.append(
        _table(
            ["pattern", "triads"],
            [[_e(p), n] for p, n in balance.by_pattern().items()],
            numeric={1},
        )
    )
    if balance.unbalanced:
        shown = balance.unbalanced[:50]
        parts.append(f"<h3>Unbalanced triads ({len(shown)} of {balance.n_unbalanced})</h3>")
        parts.append(
            _table(
                ["actors", "pattern"],
                [
                    [_e(" · ".join(display_name(S, n) for n in t.nodes)), _e(t.pattern)]
                    for t in shown
                ],
            )
        )
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
