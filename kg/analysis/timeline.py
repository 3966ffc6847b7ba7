"""Time views on event rows: the story of one dyad, counts per period."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import fields
from datetime import date

from kg.analysis.projection import EventRow, event_rows
from kg.errors import unknown_value

__all__ = ["PERIODS", "dyad_timeline", "period_key", "counts_by_period"]

PERIODS = ("month", "year")
"""The periods `counts_by_period` and `period_key` count by."""


def _matches(row: EventRow, side: str, name: str) -> bool:
    if side == "source":
        return name in (row.source_id, row.source_code, row.source)
    return row.target is not None and name in (row.target_id, row.target_code, row.target)


def dyad_timeline(rows: Iterable[EventRow], a: str, b: str) -> list[EventRow]:
    """Events between actors `a` and `b`, in either direction, sorted by date.

    `a` and `b` may be node names (``RUS``, ``org/hamas``), codes or IRIs. Undated events come
    last; ties are broken by event IRI.
    """
    for name, value in (("a", a), ("b", b)):
        if not isinstance(value, str):
            raise TypeError(
                f"{name} must be an actor name, code or IRI (str), not {type(value).__name__}"
            )
    out = [
        r
        for r in event_rows(rows)
        if (_matches(r, "source", a) and _matches(r, "target", b))
        or (_matches(r, "source", b) and _matches(r, "target", a))
    ]
    out.sort(key=lambda r: (r.day or date.max, r.event))
    return out


def period_key(day: date, freq: str) -> str:
    """Label of the period holding `day`: ``2024`` (freq ``year``) or ``2024-06`` (``month``)."""
    if freq == "year":
        return f"{day.year:04d}"
    if freq == "month":
        return f"{day.year:04d}-{day.month:02d}"
    raise unknown_value("period", freq, list(PERIODS))


def counts_by_period(
    rows: Iterable[EventRow], freq: str = "month", by: str = "plover_type"
) -> dict[str, Counter]:
    """``{period: Counter({value of attribute `by`: events})}`` for dated rows, sorted by period.

    Periods with no event between the first and last are included with an empty Counter,
    so a plot shows gaps as gaps. `by` is a field of `EventRow` (``kind``, ``modality``...).
    """
    if freq not in PERIODS:
        raise unknown_value("period", freq, list(PERIODS))
    names = [f.name for f in fields(EventRow)]
    if by not in names:
        raise unknown_value("EventRow field", by, names)
    buckets: dict[str, Counter] = {}
    days = []
    for r in event_rows(rows):
        if r.day is None:
            continue
        days.append(r.day)
        key = period_key(r.day, freq)
        buckets.setdefault(key, Counter())[getattr(r, by) or "?"] += 1
    if not days:
        return {}
    for key in _all_periods(min(days), max(days), freq):
        buckets.setdefault(key, Counter())
    return dict(sorted(buckets.items()))


def _all_periods(first: date, last: date, freq: str) -> list[str]:
    if freq == "year":
        return [f"{y:04d}" for y in range(first.year, last.year + 1)]
    out = []
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out
