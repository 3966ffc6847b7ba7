"""Temporal expressions: find them in French/English text and resolve them to ISO dates.

Words (weekdays, months, numbers, units, relative phrases, prepositions) come from
`kg/nlp/lexicons/<lang>/timex.csv`; this module only knows how they combine. Relative
expressions are resolved against the publication date:

- absolute: "le 30 décembre 2015", "en mars 2016", "en 1975", "30/12/2015", "2015-12-30";
- partial: "mardi 18 juin", "le 24 août" (year chosen around the publication date),
  "depuis décembre", "en mars" (month chosen around the publication date);
- weekdays: "lundi" is the most recent such day on or before the publication date when
  `tense="past"`, the next one on or after it when `tense="future"`, the nearest one
  otherwise; "lundi dernier"/"lundi prochain" are strictly before/after;
- relative: "hier", "aujourd'hui", "demain", "la semaine dernière" (its Monday,
  approximate), "le mois dernier", "l'an dernier", "il y a (plus de) N jours/semaines/
  mois/ans", "dans N jours";
- anchored: "N mois après/plus tard", "la veille", "le lendemain" need `anchor` (the date
  of the event they are relative to) and resolve to nothing without it.

With no publication date, only expressions that carry their own year resolve.
"""

from __future__ import annotations

import calendar
import csv
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib import resources

from kg.dates import DateInterval
from kg.errors import InputError

__all__ = ["TimeExpr", "find_times", "normalise", "parse_iso_date"]

Precision = str  # "day" | "month" | "year"


@dataclass(frozen=True)
class TimeExpr:
    """A temporal expression found in a text and its resolved value."""

    text: str
    start: int  # offsets in the input text
    end: int
    value: str  # ISO: YYYY-MM-DD, YYYY-MM or YYYY
    precision: str  # "day" | "month" | "year"
    approximate: bool = False
    interval: DateInterval | None = field(default=None, compare=False)  # derived from the above
    """The days the expression means, with its granularity: "il y a plus de 20 ans" is
    before the day 20 years back, "la semaine dernière" that week, "vers 1975" around it."""


# --------------------------------------------------------------------------- lexicon


def _alt(forms: list[str]) -> str:
    """A regex alternation of word forms, longest first; "'" also matches "’"."""
    parts = []
    for form in sorted(set(forms), key=lambda f: (-len(f), f)):
        pat = re.escape(form).replace("'", "['’]").replace(r"\ ", r"\s+")
        parts.append(pat)
    return "(?:" + "|".join(parts) + ")" if parts else "(?!x)x"


def _key(word: str) -> str:
    return re.sub(r"\s+", " ", word.lower().replace("’", "'")).strip()


@dataclass
class _Lexicon:
    lang: str
    words: dict[str, dict[str, str]] = field(default_factory=dict)
    orders: set[str] = field(default_factory=set)
    numeric: str = "day_month"
    patterns: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)
    approx_before: re.Pattern[str] | None = None

    def get(self, kind: str) -> dict[str, str]:
        return self.words.get(kind, {})

    def alt(self, kind: str) -> str:
        return _alt(list(self.get(kind)))


@cache
def _lexicon(lang: str) -> _Lexicon:
    try:
        text = (
            resources.files(f"kg.nlp.lexicons.{lang}")
            .joinpath("timex.csv")
            .read_text(encoding="utf-8")
        )
    except (ModuleNotFoundError, FileNotFoundError):
        raise InputError(f"no temporal lexicon for language {lang!r}") from None
    lex = _Lexicon(lang)
    rows = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    for row in csv.DictReader(rows):
        kind, form, value = row["kind"].strip(), row["form"].strip(), (row["value"] or "").strip()
        if kind == "order":
            lex.orders.add(form)
        elif kind == "numeric":
            lex.numeric = form
        else:
            lex.words.setdefault(kind, {})[_key(form)] = value
    _compile(lex)
    return lex


def _compile(lex: _Lexicon) -> None:
    wd, mon, unit = lex.alt("weekday"), lex.alt("month"), lex.alt("unit")
    wordnum = _alt(list(lex.get("number")))
    num = rf"(?:\d{{1,4}}|{lex.alt('few')}|{wordnum}(?:(?:-|\s+(?:et|and)\s+){wordnum})*)"
    approx = lex.alt("approx")
    day = rf"(?:\d{{1,2}}|{lex.alt('ordinal')})(?:er|e|st|nd|rd|th)?"
    year = r"(?:1[0-9]{3}|20[0-9]{2}|21[0-9]{2})"
    sep = r"(?:\s+|(?<=-))"
    pats: list[tuple[str, str]] = [
        ("iso", r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"),
        ("numeric", r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})"),
        (
            "weekday",
            rf"(?:(?P<pre>{lex.alt('last')}|{lex.alt('next')})\s+)?(?P<wd>{wd})"
            rf"(?:\s+(?P<post>{lex.alt('last')}|{lex.alt('next')}))?",
        ),
        ("relday", rf"(?P<rel>{lex.alt('relday')})"),
        ("anchorday", rf"(?P<rel>{lex.alt('anchorday')})"),
        ("period", rf"(?P<rel>{lex.alt('period')})"),
        ("year", rf"(?P<prep>{lex.alt('year_prep')}){sep}(?P<y>{year})"),
        (
            "month",
            rf"(?:(?P<prep>{lex.alt('month_prep')}){sep})?(?P<m>{mon})"
            rf"(?:\s+(?:de\s+|of\s+)?(?P<y>{year}))?",
        ),
        (
            "ago_pre",
            rf"{lex.alt('ago_prefix')}\s+(?:(?P<q>{approx})\s+)?(?P<n>{num})\s+(?P<u>{unit})",
        ),
        (
            "ago_suf",
            rf"(?:(?P<q>{approx})\s+)?(?P<n>{num})\s+(?P<u>{unit})\s+{lex.alt('ago_suffix')}",
        ),
        (
            "in",
            rf"{lex.alt('in_prefix')}\s+(?:(?P<q>{approx})\s+)?(?P<n>{num})\s+(?P<u>{unit})",
        ),
        (
            "after",
            rf"(?:(?P<q>{approx})\s+)?(?P<n>{num})\s+(?P<u>{unit})\s+"
            rf"(?P<dir>{lex.alt('after_suffix')})",
        ),
    ]
    if "day_month" in lex.orders:
        pats.append(
            (
                "date",
                rf"(?:(?P<wd>{wd}),?\s+)?(?:the\s+)?(?P<d>{day})\s+(?:of\s+)?(?P<m>{mon})"
                rf"(?:,?\s+(?P<y>{year}))?",
            )
        )
    if "month_day" in lex.orders:
        pats.append(
            (
                "date",
                rf"(?:(?P<wd>{wd}),?\s+)?(?P<m>{mon})\s+(?P<d>{day})(?!\d)"
                rf"(?:,?\s+(?P<y>{year}))?",
            )
        )
    lex.patterns = [
        (name, re.compile(rf"(?<![\w-]){p}(?![\w-])", re.IGNORECASE)) for name, p in pats
    ]
    lex.approx_before = re.compile(rf"(?<![\w-])({approx})\s+$", re.IGNORECASE)


# --------------------------------------------------------------------------- dates


def parse_iso_date(value: str | None) -> date | None:
    """A publication date ("YYYY-MM-DD", optionally followed by a time), or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _add_months(d: date, months: int) -> date:
    total = d.year * 12 + (d.month - 1) + months
    y, m = divmod(total, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _shift(d: date, n: int, unit: str) -> tuple[date, Precision, bool]:
    """`d` moved by `n` units, the precision that implies and whether it is approximate."""
    if unit == "day":
        return d + timedelta(days=n), "day", False
    if unit == "week":
        return d + timedelta(weeks=n), "day", True
    if unit == "month":
        return _add_months(d, n), "month", False
    return _add_months(d, 12 * n), "year", False


def _iso(d: date, precision: Precision) -> str:
    if precision == "year":
        return f"{d.year:04d}"
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def _pick(candidates: list[date], pub: date, tense: str | None) -> date | None:
    """The candidate fitting the tense: latest on/before pub, earliest on/after, or nearest."""
    if not candidates:
        return None
    if tense == "past":
        before = [c for c in candidates if c <= pub]
        if before:
            return max(before)
    elif tense == "future":
        after = [c for c in candidates if c >= pub]
        if after:
            return min(after)
    return min(candidates, key=lambda c: (abs((c - pub).days), c < pub))


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


# --------------------------------------------------------------------------- resolution


@dataclass
class _Ctx:
    lex: _Lexicon
    pub: date | None
    tense: str | None
    anchor: date | None


def _number(lex: _Lexicon, text: str) -> tuple[int, bool] | None:
    """A cardinal as (value, approximate): digits, words, compounds ("vingt-cinq")."""
    t = _key(text)
    if t.isdigit():
        return int(t), False
    few = lex.get("few")
    if t in few:
        return int(few[t]), True
    numbers = lex.get("number")
    if t in numbers:
        return int(numbers[t]), False
    parts = [p for p in re.split(r"-|\s+(?:et|and)\s+", t) if p]
    if parts and all(p in numbers for p in parts):
        return sum(int(numbers[p]) for p in parts), False
    return None


def _resolve(name: str, m: re.Match[str], ctx: _Ctx) -> tuple[str, Precision, bool] | None:
    lex, pub = ctx.lex, ctx.pub
    g = m.groupdict()
    if name == "iso":
        d = _safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
        return (d.isoformat(), "day", False) if d else None
    if name == "numeric":
        a, b = int(g["a"]), int(g["b"])
        day_first = lex.numeric == "day_month" or a > 12
        d = _safe_date(int(g["y"]), b if day_first else a, a if day_first else b)
        return (d.isoformat(), "day", False) if d else None
    if name == "date":
        return _resolve_date(g, ctx)
    if name == "month":
        return _resolve_month(g, ctx)
    if name == "year":
        kind = lex.get("year_prep").get(_key(g["prep"]), "")
        return g["y"], "year", kind == "approx"
    if name == "weekday":
        return _resolve_weekday(g, ctx)
    if name in ("relday", "anchorday", "period"):
        base = ctx.anchor if name == "anchorday" else pub
        if base is None:
            return None
        raw = lex.get(name)[_key(g["rel"])]
        if name != "period":
            return (base + timedelta(days=int(raw))).isoformat(), "day", False
        unit, _, n = raw.partition(":")
        if unit == "week":
            monday = base - timedelta(days=base.weekday()) + timedelta(weeks=int(n))
            week = DateInterval(monday, monday + timedelta(days=6), "week")
            return monday.isoformat(), "day", True, week
        d, precision, _ = _shift(base, int(n), unit)
        return _iso(d, precision), precision, False
    # offsets: ago / in / after-before
    parsed = _number(lex, g["n"])
    if parsed is None:
        return None
    n, approx = parsed
    unit = lex.get("unit")[_key(g["u"])]
    if name == "after":
        base = ctx.anchor
        sign = -1 if lex.get("after_suffix").get(_key(g["dir"])) == "-" else 1
    else:
        base = pub
        sign = 1 if name == "in" else -1
    if base is None:
        return None
    d, precision, week_approx = _shift(base, sign * n, unit)
    approx = approx or week_approx or bool(g.get("q"))
    side = lex.get("approx").get(_key(g["q"]), "") if g.get("q") else ""
    if side in ("more", "less"):  # "il y a plus de 20 ans": some day before that one
        later = (side == "more") == (sign > 0)
        # "moins de 3 mois" back (or ahead) is also bounded by the day counted from
        near = base if (side == "less") else None
        if later:
            bound = DateInterval(d, near, "after")
        else:
            bound = DateInterval(near, d, "before")
        return _iso(d, precision), precision, approx, bound
    return _iso(d, precision), precision, approx


def _resolve_date(g: dict[str, str | None], ctx: _Ctx) -> tuple[str, Precision, bool] | None:
    lex = ctx.lex
    day_txt = _key(g["d"] or "")
    ordinals = lex.get("ordinal")
    if day_txt in ordinals:
        day = int(ordinals[day_txt])
    else:
        digits = re.match(r"\d+", day_txt)
        if not digits:
            return None
        day = int(digits.group())
    month = int(lex.get("month")[_key(g["m"] or "")])
    if g.get("y"):
        d = _safe_date(int(g["y"] or 0), month, day)
        return (d.isoformat(), "day", False) if d else None
    if ctx.pub is None:
        return None
    cands = [c for y in (-1, 0, 1) if (c := _safe_date(ctx.pub.year + y, month, day))]
    if g.get("wd"):
        weekday = int(lex.get("weekday")[_key(g["wd"] or "")])
        matching = [c for c in cands if c.weekday() == weekday]
        cands = matching or cands
    d = _pick(cands, ctx.pub, ctx.tense)
    return (d.isoformat(), "day", False) if d else None


def _resolve_month(g: dict[str, str | None], ctx: _Ctx) -> tuple[str, Precision, bool] | None:
    lex = ctx.lex
    month = int(lex.get("month")[_key(g["m"] or "")])
    kind = lex.get("month_prep").get(_key(g["prep"] or ""), "") if g.get("prep") else ""
    approx = kind == "approx"
    if g.get("y"):
        return f"{int(g['y'] or 0):04d}-{month:02d}", "month", approx
    if not g.get("prep") or ctx.pub is None:
        return None  # a bare month name is too ambiguous ("mai", "may", "mars")
    pub_month = date(ctx.pub.year, ctx.pub.month, 1)
    cands = [date(ctx.pub.year + y, month, 1) for y in (-1, 0, 1)]
    tense = "past" if kind == "since" else ctx.tense
    d = _pick(cands, pub_month, tense)
    return (_iso(d, "month"), "month", approx) if d else None


def _resolve_weekday(g: dict[str, str | None], ctx: _Ctx) -> tuple[str, Precision, bool] | None:
    if ctx.pub is None:
        return None
    lex = ctx.lex
    weekday = int(lex.get("weekday")[_key(g["wd"] or "")])
    back = (ctx.pub.weekday() - weekday) % 7  # days back to the most recent such day
    fwd = (weekday - ctx.pub.weekday()) % 7
    modifier = _key(g.get("pre") or g.get("post") or "")
    if modifier in lex.get("last"):
        d = ctx.pub - timedelta(days=back or 7)
    elif modifier in lex.get("next"):
        d = ctx.pub + timedelta(days=fwd or 7)
    elif ctx.tense == "past":
        d = ctx.pub - timedelta(days=back)
    elif ctx.tense == "future":
        d = ctx.pub + timedelta(days=fwd)
    else:
        d = ctx.pub - timedelta(days=back) if back <= fwd else ctx.pub + timedelta(days=fwd)
    return d.isoformat(), "day", False


# --------------------------------------------------------------------------- API


def _check_tense(tense: str | None) -> None:
    if tense not in (None, "past", "future"):
        raise InputError(f"tense must be 'past', 'future' or None, not {tense!r}")


def find_times(
    text: str,
    publication_date: str | None,
    lang: str,
    tense: str | None = None,
    anchor: str | None = None,
) -> list[TimeExpr]:
    """Every temporal expression of `text` that resolves, in text order, without overlaps.

    `publication_date` (ISO) resolves relative expressions; `tense` ("past" | "future")
    chooses the direction of bare weekdays and partial dates; `anchor` (ISO) is the date
    that "N mois après", "la veille"... are relative to. Overlapping matches keep the
    longest. An approximation cue just before a match ("vers 1975") joins its span.
    """
    _check_tense(tense)
    lex = _lexicon(lang)
    ctx = _Ctx(lex, parse_iso_date(publication_date), tense, parse_iso_date(anchor))
    found: list[tuple] = []
    for name, pattern in lex.patterns:
        for m in pattern.finditer(text):
            resolved = _resolve(name, m, ctx)
            if resolved is not None:  # (value, precision, approximate[, interval])
                found.append((m.start(), m.end(), *resolved[:3], _interval(*resolved)))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    chosen: list[tuple] = []
    for item in found:
        if all(item[1] <= c[0] or item[0] >= c[1] for c in chosen):
            chosen.append(item)
    out: list[TimeExpr] = []
    for start, end, value, precision, approx, interval in sorted(chosen, key=lambda c: c[:2]):
        assert lex.approx_before is not None
        cue = lex.approx_before.search(text, 0, start)
        if cue is not None and all(c[1] <= cue.start() or c[0] >= start for c in chosen):
            start, approx = cue.start(), True
            if interval.granularity not in ("before", "after"):
                interval = _around(value, precision)
        out.append(TimeExpr(text[start:end], start, end, value, precision, approx, interval))
    return out


def _interval(
    value: str, precision: Precision, approximate: bool, interval: DateInterval | None = None
) -> DateInterval:
    """The interval of a resolved expression: its own bound when it has one ("plus de",
    a week), else the calendar unit of its value, widened by one unit when approximate."""
    if interval is not None:
        return interval
    return _around(value, precision) if approximate else DateInterval.from_iso(value)


def _around(value: str, precision: Precision) -> DateInterval:
    """An approximate date: its unit and one unit on each side ("vers 1975": 1974-1976)."""
    unit = DateInterval.from_iso(value)
    assert unit.start is not None and unit.end is not None
    if precision == "year":
        start, end = date(unit.start.year - 1, 1, 1), date(unit.end.year + 1, 12, 31)
    elif precision == "month":
        start = _add_months(unit.start, -1)
        end = _add_months(unit.start, 2) - timedelta(days=1)
    else:
        start, end = unit.start - timedelta(days=3), unit.end + timedelta(days=3)
    return DateInterval(start, end, "around")


def normalise(
    expression: str,
    publication_date: str | None,
    lang: str = "fr",
    tense: str | None = None,
    anchor: str | None = None,
) -> TimeExpr | None:
    """Resolve one expression ("mardi 18 juin", "il y a plus de 20 ans", "1975").

    Returns the longest expression found in `expression` (offsets within it), a bare
    four-digit year as a year, or None when nothing resolves.
    """
    found = find_times(expression, publication_date, lang, tense, anchor)
    if found:
        return max(found, key=lambda t: (t.end - t.start, -t.start))
    bare = re.fullmatch(r"\s*(1[0-9]{3}|20[0-9]{2}|21[0-9]{2})\s*", expression)
    if bare:
        year = bare.group(1)
        return TimeExpr(
            year, bare.start(1), bare.end(1), year, "year", False, DateInterval.from_iso(year)
        )
    return None
