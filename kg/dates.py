"""Dates as intervals with a granularity.

A date in news is rarely a day: "en mars", "l'an dernier", "il y a plus de 20 ans", "la
semaine dernière". Each is an interval of days, closed at both ends, either end open when
the text bounds only one side ("before 2004": no start). The granularity says how the text
gave it, which is what decides how strictly two dates must agree to be one event's:

- `day`, `week`, `month`, `year`: the interval is that calendar unit (or a span of days,
  "les 6 et 7 mai");
- `before`, `after`: one end is open ("il y a plus de 20 ans" → before 2004-06-17);
- `around`: an approximate date, widened by the text's own unit.

This is the vocabulary of OWL-Time's `time:Interval` with `time:hasBeginning` /
`time:hasEnd` and `time:unitType` (`kg.rdf` writes it so); here it is a frozen dataclass.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["DateInterval", "GRANULARITIES", "SLACK_DAYS"]

GRANULARITIES = ("day", "week", "month", "year", "before", "after", "around")

SLACK_DAYS: dict[str, int] = {}
"""Days by which an interval of each granularity is widened before two are compared (none:
two meetings of the same pair on consecutive days are two events, and the test corpus has
them; a report a day off from another is then two events, which `kg explain-event` shows)."""


@dataclass(frozen=True)
class DateInterval:
    """Days from `start` to `end`, both included; None: open on that side."""

    start: date | None
    end: date | None
    granularity: str = "day"

    def __post_init__(self) -> None:
        if self.granularity not in GRANULARITIES:
            raise ValueError(f"unknown granularity {self.granularity!r} (known: {GRANULARITIES})")
        if self.start is None and self.end is None:
            raise ValueError("a date interval needs at least one end")
        if self.start and self.end and self.start > self.end:
            raise ValueError(f"interval ends before it starts: {self.start} > {self.end}")

    # -- building ---------------------------------------------------------------------

    @staticmethod
    def from_iso(value: str) -> DateInterval:
        """'2024' → that year, '2024-06' → that month, '2024-06-18' → that day."""
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 1:
            return DateInterval(date(parts[0], 1, 1), date(parts[0], 12, 31), "year")
        if len(parts) == 2:
            last = calendar.monthrange(parts[0], parts[1])[1]
            return DateInterval(date(*parts, 1), date(*parts, last), "month")
        day = date(*parts)
        return DateInterval(day, day, "day")

    @staticmethod
    def of_date(value: object) -> DateInterval | None:
        """The calendar unit of an ISO date value or literal (`from_iso`), None when there
        is none or it is not one ("mardi")."""
        if value is None:
            return None
        try:
            return DateInterval.from_iso(str(value))
        except ValueError:
            return None

    @staticmethod
    def from_dict(data: dict) -> DateInterval:
        """From `{"start": "YYYY-MM-DD" | None, "end": ..., "granularity": ...}`."""
        start, end = data.get("start"), data.get("end")
        return DateInterval(
            date.fromisoformat(start) if start else None,
            date.fromisoformat(end) if end else None,
            data.get("granularity") or "day",
        )

    def to_dict(self) -> dict:
        return {
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "granularity": self.granularity,
        }

    # -- comparing --------------------------------------------------------------------

    def widened(self) -> tuple[date, date]:
        """The interval as compared: open ends made far, each end moved out by its slack."""
        slack = timedelta(days=SLACK_DAYS.get(self.granularity, 0))
        low = self.start - slack if self.start else date.min
        high = self.end + slack if self.end else date.max
        return low, high

    def overlaps(self, other: DateInterval) -> bool:
        """Whether the two can be the date of one event (their widened spans meet)."""
        a0, a1 = self.widened()
        b0, b1 = other.widened()
        return a0 <= b1 and b0 <= a1

    def intersection(self, other: DateInterval) -> DateInterval | None:
        """What both say, when they meet: the narrower knowledge, with the finer granularity
        of the two ("in June" and "on 19 June" → 19 June)."""
        if not self.overlaps(other):
            return None
        starts = [d for d in (self.start, other.start) if d]
        ends = [d for d in (self.end, other.end) if d]
        start, end = (max(starts) if starts else None), (min(ends) if ends else None)
        if start and end and start > end:  # met only through the slack: keep the finer one
            return min((self, other), key=DateInterval.width)
        return DateInterval(start, end, min((self, other), key=DateInterval.width).granularity)

    def anchor(self) -> date:
        """The day a mention of this date most likely means: the bound of an open interval
        ("before 2004": towards 2004), the middle of a closed one."""
        if self.start is None:
            return self.end  # type: ignore[return-value]
        if self.end is None:
            return self.start
        return self.start + (self.end - self.start) / 2

    def width(self) -> int:
        """Days covered (a very large number when open)."""
        if self.start is None or self.end is None:
            return 10**6
        return (self.end - self.start).days + 1

    def distance(self, other: DateInterval) -> int:
        """Days between the two (0 when they overlap)."""
        a0, a1 = self.start or date.min, self.end or date.max
        b0, b1 = other.start or date.min, other.end or date.max
        if a0 <= b1 and b0 <= a1:
            return 0
        return (b0 - a1).days if a1 < b0 else (a0 - b1).days

    def __str__(self) -> str:
        if self.start == self.end:
            return str(self.start)
        return f"{self.start or '…'}/{self.end or '…'} ({self.granularity})"
