"""One event per real event: mentions of the same (source, kind, target, modality) with
compatible dates merge into one `Event` that keeps every mention."""

from __future__ import annotations

from kg.eventkinds import event_kind
from kg.extract.model import Actor, Event

__all__ = ["event_key", "merge_events", "dates_compatible"]


def _actor_key(actor: Actor) -> str:
    return actor.code if actor.code != "OTHER" else f"OTHER:{actor.label.lower()}"


def event_key(event: Event) -> tuple[str, str, str, str]:
    """Identity of an event within a document; symmetric relations ignore direction."""
    src, tgt = _actor_key(event.source), _actor_key(event.target)
    if event_kind(event.kind).symmetric and tgt < src:
        src, tgt = tgt, src
    return (event.kind, src, tgt, event.modality)


def dates_compatible(a: str, b: str) -> bool:
    """Two ISO dates (of any precision) may name the same day: one is a prefix of the other."""
    return not a or not b or a.startswith(b) or b.startswith(a)


def merge_events(events: list[Event]) -> list[Event]:
    merged: list[Event] = []
    by_key: dict[tuple[str, str, str, str], list[tuple[Event, set[tuple[int, int, str]]]]] = {}
    for event in events:
        candidates = by_key.setdefault(event_key(event), [])
        target = next((c for c in candidates if dates_compatible(c[0].date, event.date)), None)
        if target is None:
            # the mentions it has, kept beside it: an event named in every paragraph of a
            # long text would otherwise rebuild them at each merge (quadratic)
            candidates.append((event, {(m.start, m.end, m.rule) for m in event.mentions}))
            merged.append(event)
            continue
        _absorb(*target, event)
    return merged


def _absorb(into: Event, seen: set[tuple[int, int, str]], other: Event) -> None:
    for m in other.mentions:
        if (m.start, m.end, m.rule) not in seen:
            seen.add((m.start, m.end, m.rule))
            into.mentions.append(m)
    if not into.date and other.date:
        into.date, into.date_precision, into.date_approximate = (
            other.date,
            other.date_precision,
            other.date_approximate,
        )
        into.date_interval = other.date_interval
    if into.attributed_to is None:
        into.attributed_to = other.attributed_to
    # a person is more informative than a bare state for the same code
    if (
        into.source.kind != "person"
        and other.source.kind == "person"
        and other.source.code == into.source.code
    ):
        into.source = other.source
    if (
        into.target.kind != "person"
        and other.target.kind == "person"
        and other.target.code == into.target.code
    ):
        into.target = other.target
    for d in other.denied_by:
        if all(d.code != x.code for x in into.denied_by):
            into.denied_by.append(d)
    into.confidence = max(into.confidence, other.confidence)
