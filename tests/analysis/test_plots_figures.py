"""The charts: figures with the expected bars, colours and files; empty input handled."""

from __future__ import annotations

import matplotlib
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from kg.analysis import (
    centrality,
    plot_centrality,
    plot_dyad_balance,
    plot_events_over_time,
    weighted_digraph,
)
from kg.analysis.plots import CONFLICT, COOPERATION, PLOVER_COLOURS, plover_order

from .test_projection_graphs import ROWS, row


def test_backend_untouched():
    before = matplotlib.get_backend()
    plot_events_over_time(ROWS)
    assert matplotlib.get_backend() == before


def test_events_over_time_stacks_per_month(tmp_path):
    rows = [
        row("a", "AAA", "BBB", 1.0, date="2024-01-03"),
        row("b", "AAA", "BBB", 1.0, date="2024-01-20"),
        row("c", "AAA", "BBB", 1.0, date="2024-03-01"),
        row("d", "AAA", "BBB", 1.0, date=None),
    ]
    path = tmp_path / "t.png"
    fig = plot_events_over_time(rows, path=path)
    assert isinstance(fig, Figure) and path.stat().st_size > 0
    ax = fig.axes[0]
    heights = [p.get_height() for p in ax.patches]
    assert heights == [2, 0, 1]  # Jan, empty Feb, Mar; one PLOVER type "T"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2024-01", "2024-02", "2024-03"]
    assert "1 undated" in ax.get_title()


def test_year_only_dates_left_out_of_month_chart():
    rows = [
        row("a", "AAA", "BBB", 1.0, date="2024-01-03"),
        row("b", "AAA", "BBB", 1.0, date="2024"),
    ]
    ax = plot_events_over_time(rows, freq="month").axes[0]
    assert sum(p.get_height() for p in ax.patches) == 1
    assert "year only" in ax.get_title()
    ax = plot_events_over_time(rows, freq="year").axes[0]
    assert [p.get_height() for p in ax.patches] == [2]


def test_plover_types_ordered_cooperation_first():
    order = plover_order()
    assert (
        order.index("AID") < order.index("CONSULT") < order.index("ACCUSE") < order.index("ASSAULT")
    )
    assert set(order) <= set(PLOVER_COLOURS)


def test_dyad_balance_green_and_red():
    fig = plot_dyad_balance(ROWS)
    ax = fig.axes[0]
    bars = {t.get_text(): p for t, p in zip(ax.get_yticklabels(), ax.patches, strict=True)}
    assert bars["AAA – BBB (3)"].get_width() == -3.0
    assert to_hex(bars["AAA – BBB (3)"].get_facecolor()) == CONFLICT
    assert bars["AAA – CCC (1)"].get_width() == -10.0
    # most cooperative at the top (last bar), most conflictual at the bottom
    assert [p.get_width() for p in ax.patches] == [-10.0, -3.0]
    fig = plot_dyad_balance([row("x", "AAA", "BBB", 4.0)])
    assert to_hex(fig.axes[0].patches[0].get_facecolor()) == COOPERATION


def test_centrality_bars_sorted(tmp_path):
    G = weighted_digraph(ROWS)
    fig = plot_centrality(centrality(G), "degree", path=tmp_path / "c.png")
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-1] == "AAA"  # highest degree drawn at the top
    assert (tmp_path / "c.png").exists()


def test_empty_inputs_draw_a_message():
    for fig in (plot_events_over_time([]), plot_dyad_balance([]), plot_centrality({})):
        assert isinstance(fig, Figure)
        assert not fig.axes[0].patches
