"""What the viewer shows: the events of the store and the actors they involve.

`load_events(store)` reads them through `kg.query.events.read_events` (with the sentences and
documents that report them); `filter_events` applies the date / modality restrictions and
`restrict_to_query` a user SELECT. The viewer's view of an event (its relation and label, its
modality, its weight) is `view_of`. `kg.viz.graph` turns the result into nodes and edges.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from rdflib import URIRef

from kg.errors import InputError, QueryError, UnknownQuery
from kg.eventkinds import event_kinds
from kg.query.events import (
    ACTOR_KINDS,
    MODALITIES,
    Actor,
    EventRow,
    EventSet,
    Mention,
    local_name,
    parse_period,
    read_events,
)
from kg.store.base import Store, read_utf8
from kg.vocab import PREFIXES

__all__ = [
    "Actor",
    "Event",
    "Mention",
    "VizData",
    "EventView",
    "MODALITIES",
    "ACTOR_KINDS",
    "DEFAULT_MODALITY",
    "load_events",
    "view_of",
    "filter_events",
    "restrict_to_query",
    "resolve_query",
    "date_range",
    "parse_bound",
]

Event = EventRow
"""The viewer's events are the rows of `kg.query.events` (the name is kept for callers)."""
VizData = EventSet
"""Events and the actors they involve, as read from the store (`.events`, `.actors`)."""

DEFAULT_MODALITY = "asserted"
"""What the viewer shows for an event that states no modality."""


def load_events(store: Store) -> EventSet:
    """Every event of the store that has a target (an edge to draw), with its sentences and
    documents, and the actors the events name."""
    read = read_events(store, evidence=True)
    return replace(read, events=[ev for ev in read.events if ev.target is not None])


@dataclass(frozen=True)
class EventView:
    """How the viewer shows an event (`view_of`)."""

    relation: str
    relation_label: str
    symmetric: bool
    modality: str
    weight: int
    """Number of sentences (at least 1: a curated event with no sentence still counts)."""
    denied: bool


def view_of(ev: EventRow) -> EventView:
    """The relation of the event's kind (`kg/data/event_kinds.csv`), with its English label
    and symmetry; for a kind not in the table its key, and with no kind at all relatedTo. An
    event that states no modality is shown as `DEFAULT_MODALITY`."""
    kind = event_kinds().get(ev.kind) if ev.kind else None
    if kind is not None:
        relation, label, symmetric = kind.relation, kind.label_en, kind.symmetric
    elif ev.kind:
        relation, label, symmetric = ev.relation or ev.kind, ev.kind.replace("_", " "), False
    else:
        relation, label, symmetric = ev.relation or "relatedTo", "event", False
    modality = ev.modality or DEFAULT_MODALITY
    return EventView(
        relation, label, symmetric, modality, max(1, len(ev.mentions)), bool(ev.denied_by)
    )


# --------------------------------------------------------------------------- dates


def date_range(value: str | None) -> tuple[str | None, str | None]:
    """First and last day an event date covers: '2024' -> ('2024-01-01', '2024-12-31');
    (None, None) for no date or one that names no day (see `kg.query.events.parse_period`)."""
    period = parse_period(value) if value else None
    if period is None:
        return None, None
    return period[0].isoformat(), period[1].isoformat()


def parse_bound(value: str | None, end: bool = False) -> str | None:
    """A --since/--until value (YYYY, YYYY-MM or YYYY-MM-DD) as an ISO day.

    `end=False` gives the first day it covers (for --since), `end=True` the last (--until).
    """
    if value is None or not str(value).strip():
        return None
    value = str(value).strip()
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise InputError(f"bad date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
    start, stop = date_range(value)
    if start is None:  # "2024-13" or "2024-02-30" match the pattern but name no day
        raise InputError(f"bad date {value!r}: no such day or month")
    return stop if end else start


# --------------------------------------------------------------------------- filters


def filter_events(
    events: list[EventRow],
    since: str | None = None,
    until: str | None = None,
    modalities: Iterable[str] | None = None,
) -> list[EventRow]:
    """Events that overlap [since, until] and have one of `modalities`.

    With a date bound, events without a date are left out.
    """
    lo = parse_bound(since)
    hi = parse_bound(until, end=True)
    mods = None
    if modalities is not None:
        mods = {m.strip().lower() for m in modalities if m and m.strip()}
        unknown = mods - set(MODALITIES)
        if unknown:
            raise InputError(
                f"unknown modality {', '.join(sorted(unknown))} (known: {', '.join(MODALITIES)})"
            )
    out = []
    for ev in events:
        if mods is not None and (ev.modality or DEFAULT_MODALITY) not in mods:
            continue
        if lo or hi:
            start, stop = date_range(ev.date)
            if start is None or stop is None:
                continue
            if lo and stop < lo:
                continue
            if hi and start > hi:
                continue
        out.append(ev)
    return out


def resolve_query(spec: str) -> str:
    """SPARQL text of `--query`: a .rq file, a named query, or SPARQL given inline.

    Uses `kg query`'s resolver (`kg.query.runner.prepare_query`: library of named queries
    with their default parameters, kg prefixes prepended) when it is available; otherwise
    looks named queries up as `kg/queries/NAME.rq` and `queries/NAME.rq` in the project.
    """
    try:
        from kg.query.runner import prepare_query
    except ImportError:
        prepare_query = None
    if prepare_query is not None:
        return prepare_query(spec)[0]
    path = Path(spec)
    text: str | None = None
    if spec.lower().endswith(".rq") or path.is_file():
        if not path.is_file():
            raise UnknownQuery(f"{spec}: no such query file")
        text = read_utf8(path)
    elif re.search(r"\b(select|construct|ask|describe)\b", spec, re.IGNORECASE) and "{" in spec:
        text = spec
    else:
        text = _named_query(spec)
    return _with_prefixes(text)


def _named_query(name: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", name):
        raise UnknownQuery(f"unknown query {name!r}")
    try:
        res = resources.files("kg").joinpath("queries", f"{name}.rq")
        if res.is_file():
            return res.read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError, NotADirectoryError):
        pass
    project = Path(__file__).resolve().parents[2] / "queries" / f"{name}.rq"
    if project.is_file():
        return read_utf8(project)
    raise UnknownQuery(f"unknown query {name!r}: not a .rq file nor a named query")


def _with_prefixes(text: str) -> str:
    declared = {m.lower() for m in re.findall(r"(?im)^\s*prefix\s+([\w-]*):", text)}
    missing = "".join(
        f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items() if p.lower() not in declared
    )
    return missing + text


def restrict_to_query(store: Store, events: list[EventRow], sparql: str) -> list[EventRow]:
    """Keep the events a user SELECT names.

    The SELECT returns `?event`, or `?source ?target` (also `?actor ?target`) with an optional
    `?relation` (an IRI such as kgo:visits, or its local name). Symmetric relations match in
    both directions; an inverse relation (e.g. kgo:hosts) matches the event reversed.
    SERVICE and SPARQL Updates are refused, as by `kg query`.
    """
    from kg.query.checks import check_query

    check_query(sparql)
    result = store.query(sparql)
    if result.kind != "select":
        raise QueryError("the viewer's --query must be a SELECT")
    names = set(result.vars)
    if "event" in names:
        wanted = {str(r["event"]) for r in result.rows if r.get("event") is not None}
        return [ev for ev in events if ev.event in wanted]
    src_var = "source" if "source" in names else "actor" if "actor" in names else None
    if src_var is None or "target" not in names:
        raise QueryError(
            "the viewer's --query must return ?event, or ?source ?target [?relation] "
            f"(it returns {', '.join('?' + v for v in result.vars) or 'nothing'})"
        )
    pairs: set[tuple[str, str, str | None]] = set()
    for r in result.rows:
        s, t = r.get(src_var), r.get("target")
        if s is None or t is None:
            continue
        rel = r.get("relation")
        rel_name = None
        if rel is not None:
            rel_name = local_name(str(rel)) if isinstance(rel, URIRef) else str(rel)
        pairs.add((str(s), str(t), rel_name))
    inverse = {k.inverse_relation: k.relation for k in event_kinds().values() if k.inverse_relation}
    keep = []
    for ev in events:
        view = view_of(ev)
        for s, t, rel in pairs:
            if rel is None or rel in (view.relation, ev.kind):
                forward = (s, t) == (ev.source, ev.target)
                if forward or (view.symmetric and (t, s) == (ev.source, ev.target)):
                    keep.append(ev)
                    break
            elif inverse.get(rel) == view.relation and (t, s) == (ev.source, ev.target):
                keep.append(ev)
                break
    return keep
