"""dyad_timeline and counts_by_period."""

from __future__ import annotations

from kg.analysis import counts_by_period, dyad_timeline, events_table

from .test_projection_graphs import row


def test_dyad_both_directions_sorted_by_date():
    rows = [
        row("e3", "BBB", "AAA", -1.0, date="2024-03"),
        row("e1", "AAA", "BBB", 1.0, date="2024-01-05"),
        row("e2", "AAA", "CCC", 1.0, date="2024-02-01"),
        row("e0", "AAA", "BBB", 1.0, date=None),
        row("e4", "AAA", "BBB", 1.0, date="2023"),
    ]
    assert [r.event for r in dyad_timeline(rows, "AAA", "BBB")] == ["e4", "e1", "e3", "e0"]
    assert [r.event for r in dyad_timeline(rows, "urn:BBB", "AAA")] == ["e4", "e1", "e3", "e0"]
    assert dyad_timeline(rows, "BBB", "CCC") == []


def test_dyad_from_store(small_store):
    rows = events_table(small_store, modalities=None)
    timeline = dyad_timeline(rows, "RUS", "FRA")
    assert [(r.kind, r.modality) for r in timeline] == [
        ("attack", "alleged"),
        ("sanction", "asserted"),
    ]


def test_counts_by_month_include_empty_months():
    rows = [
        row("a", "AAA", "BBB", 1.0, date="2024-01-02"),
        row("b", "AAA", "BBB", 1.0, date="2024-03"),
    ]
    counts = counts_by_period(rows, "month")
    assert list(counts) == ["2024-01", "2024-02", "2024-03"]
    assert counts["2024-02"] == {}
    assert counts["2024-01"]["T"] == 1


def test_counts_by_year():
    rows = [
        row("a", "AAA", "BBB", 1.0, date="2022-01-02"),
        row("b", "AAA", "BBB", 1.0, date="2024"),
    ]
    assert list(counts_by_period(rows, "year")) == ["2022", "2023", "2024"]
