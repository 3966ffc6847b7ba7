"""What the viewer shows: events and actors read from the store with SPARQL.

`load_events(store)` reads every `kgo:Event` (with its mentions, sources, attribution and
denials) and every actor it touches; `filter_events` applies the date / modality / user-query
restrictions. `kg.viz.graph` turns the result into nodes and edges.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.errors import InputError, QueryError, UnknownQuery
from kg.eventkinds import EventKind, event_kinds
from kg.store.base import Store, read_utf8
from kg.vocab import KGO, PREFIXES, sparql_prologue

__all__ = [
    "Actor",
    "Event",
    "Mention",
    "VizData",
    "MODALITIES",
    "ACTOR_KINDS",
    "load_events",
    "filter_events",
    "restrict_to_query",
    "resolve_query",
    "date_range",
    "parse_bound",
]

MODALITIES = ("asserted", "planned", "possible", "negated", "alleged")
"""Modalities of `kgo:modality`, lower-cased (`kgo:Planned` -> "planned")."""

ACTOR_KINDS = {
    str(KGO.Person): "person",
    str(KGO.State): "state",
    str(KGO.IntergovernmentalOrganisation): "igo",
    str(KGO.Organisation): "organisation",
}
"""Actor classes, most specific first (an actor typed twice takes the first kind here)."""

_KIND_ORDER = ("person", "state", "igo", "organisation", "other")


@dataclass
class Actor:
    """A state, person, IGO or organisation as the viewer shows it."""

    iri: str
    label: str
    kind: str = "other"  # state | person | igo | organisation | other
    code: str | None = None
    acts_for: list[str] = field(default_factory=list)


@dataclass
class Mention:
    """One sentence that reports an event, with the document it comes from."""

    sentence: str
    doc: str | None = None  # document IRI
    doc_title: str | None = None
    doc_id: str | None = None
    start: int | None = None


@dataclass
class Event:
    """One `kgo:Event`, flattened: kind, parties, modality, date, who says so, evidence."""

    iri: str
    actor: str
    target: str
    kind: str | None = None
    relation: str = "relatedTo"
    relation_label: str = "event"
    symmetric: bool = False
    plover: str | None = None
    goldstein: float | None = None
    modality: str = "asserted"
    date: str | None = None
    actor_person: str | None = None
    target_person: str | None = None
    attributed_to: list[str] = field(default_factory=list)
    denied_by: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    sources: list[dict[str, str | None]] = field(default_factory=list)
    curated: bool = False

    @property
    def denied(self) -> bool:
        return bool(self.denied_by)

    @property
    def weight(self) -> int:
        """Number of mentions (at least 1: a curated event with no sentence still counts)."""
        return max(1, len(self.mentions))

    @property
    def date_start(self) -> str | None:
        return date_range(self.date)[0]

    @property
    def date_end(self) -> str | None:
        return date_range(self.date)[1]


@dataclass
class VizData:
    """Events and the actors they involve, as read from the store."""

    events: list[Event]
    actors: dict[str, Actor]


# --------------------------------------------------------------------------- SPARQL


def _sparql(body: str) -> str:
    """One of this module's queries: the kg prefix declarations, then `body`."""
    return sparql_prologue() + body


Q_EVENTS = _sparql(
    """
SELECT ?event ?actor ?target ?kind ?plover ?goldstein ?modality ?date
       ?actorPerson ?targetPerson ?curated WHERE {
  ?event a kgo:Event ; kgo:actor ?actor ; kgo:target ?target .
  OPTIONAL { ?event kgo:eventKind ?kind }
  OPTIONAL { ?event kgo:ploverType ?plover }
  OPTIONAL { ?event kgo:goldstein ?goldstein }
  OPTIONAL { ?event kgo:modality ?modality }
  OPTIONAL { ?event kgo:eventDate ?date }
  OPTIONAL { ?event kgo:actorPerson ?actorPerson }
  OPTIONAL { ?event kgo:targetPerson ?targetPerson }
  OPTIONAL { ?event kgo:curated ?curated }
}"""
)

Q_LINKS = _sparql(
    """
SELECT ?event ?p ?o WHERE {
  VALUES ?p { kgo:attributedTo kgo:deniedBy prov:wasDerivedFrom }
  ?event a kgo:Event ; ?p ?o .
}"""
)

Q_MENTIONS = _sparql(
    """
SELECT ?event ?mention ?sentence ?doc ?start WHERE {
  ?event a kgo:Event ; kgo:hasMention ?mention .
  ?mention kgo:sentence ?sentence .
  OPTIONAL { ?mention prov:wasDerivedFrom ?doc }
  OPTIONAL { ?mention kgo:startChar ?start }
}"""
)

Q_DOCS = _sparql(
    """
SELECT DISTINCT ?doc ?title ?identifier ?url WHERE {
  { ?event a kgo:Event ; prov:wasDerivedFrom ?doc }
  UNION
  { ?event a kgo:Event ; kgo:hasMention ?m . ?m prov:wasDerivedFrom ?doc }
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?doc dcterms:identifier ?identifier }
  OPTIONAL { ?doc schema:url ?url }
}"""
)

Q_ACTORS = _sparql(
    """
SELECT ?actor ?cls ?label ?code ?actsFor WHERE {
  VALUES ?cls { kgo:State kgo:Person kgo:IntergovernmentalOrganisation kgo:Organisation }
  ?actor a ?cls .
  OPTIONAL { ?actor rdfs:label ?label }
  OPTIONAL { ?actor kgo:code ?code }
  OPTIONAL { ?actor kgo:actsFor ?actsFor }
}"""
)


def _str(term: Node | None) -> str | None:
    return None if term is None else str(term)


def _local(iri: str) -> str:
    """Last segment of an IRI: '.../ontology#Planned' -> 'Planned', '.../state/RUS' -> 'RUS'."""
    return re.split(r"[#/]", iri.rstrip("/#"))[-1] or iri


def _float(term: Node | None) -> float | None:
    if isinstance(term, Literal):
        try:
            return float(term.toPython())
        except (TypeError, ValueError):
            return None
    return None


def _label_rank(term: Node | None) -> int:
    """Lower is better: @en, then @fr, then no language tag, then any other."""
    if not isinstance(term, Literal):
        return 9
    lang = (term.language or "").lower()
    if lang == "en" or lang.startswith("en-"):
        return 0
    if lang == "fr" or lang.startswith("fr-"):
        return 1
    return 2 if not lang else 3


def load_events(store: Store) -> VizData:
    """Read every event of the store and the actors they involve."""
    kinds = event_kinds()
    events: dict[str, Event] = {}
    for row in store.query(Q_EVENTS).rows:
        iri = str(row["event"])
        ev = events.get(iri)
        if ev is None:
            ev = events[iri] = Event(iri=iri, actor=str(row["actor"]), target=str(row["target"]))
            kind = _str(row.get("kind"))
            _apply_kind(ev, kinds.get(kind) if kind else None, kind)
        if row.get("plover") is not None and ev.plover is None:
            ev.plover = str(row["plover"])
        gs = _float(row.get("goldstein"))
        if gs is not None:
            ev.goldstein = gs
        if row.get("modality") is not None:
            ev.modality = _local(str(row["modality"])).lower()
        if row.get("date") is not None and ev.date is None:
            ev.date = str(row["date"])
        if row.get("actorPerson") is not None:
            ev.actor_person = str(row["actorPerson"])
        if row.get("targetPerson") is not None:
            ev.target_person = str(row["targetPerson"])
        cur = row.get("curated")
        if isinstance(cur, Literal) and cur.toPython() is True:
            ev.curated = True

    docs: dict[str, dict[str, str | None]] = {}
    for row in store.query(Q_DOCS).rows:
        d = docs.setdefault(str(row["doc"]), {"title": None, "id": None, "url": None})
        for key, var in (("title", "title"), ("id", "identifier"), ("url", "url")):
            if d[key] is None and row.get(var) is not None:
                d[key] = str(row[var])

    for row in store.query(Q_LINKS).rows:
        ev = events.get(str(row["event"]))
        if ev is None:
            continue
        p, o = str(row["p"]), str(row["o"])
        if p == str(KGO.attributedTo):
            _add_unique(ev.attributed_to, o)
        elif p == str(KGO.deniedBy):
            _add_unique(ev.denied_by, o)
        elif o not in {s["iri"] for s in ev.sources}:
            d = docs.get(o, {})
            ev.sources.append({"iri": o, "title": d.get("title"), "id": d.get("id")})

    seen_mentions: set[str] = set()
    for row in store.query(Q_MENTIONS).rows:
        ev = events.get(str(row["event"]))
        key = f"{row['event']}|{row['mention']}"
        if ev is None or key in seen_mentions:
            continue
        seen_mentions.add(key)
        doc = _str(row.get("doc"))
        if doc is None and ev.sources:
            doc = ev.sources[0]["iri"]
        d = docs.get(doc or "", {})
        start = row.get("start")
        ev.mentions.append(
            Mention(
                sentence=str(row["sentence"]),
                doc=doc,
                doc_title=d.get("title"),
                doc_id=d.get("id"),
                start=int(start.toPython()) if isinstance(start, Literal) else None,
            )
        )
    for ev in events.values():
        ev.mentions.sort(key=lambda m: (m.doc_id or m.doc or "", m.start or 0, m.sentence))
        ev.attributed_to.sort()
        ev.denied_by.sort()
        ev.sources.sort(key=lambda s: s["iri"] or "")  # not in the engine's row order

    actors = _load_actors(store)
    ordered = sorted(events.values(), key=lambda e: (e.date or "", e.iri))
    for ev in ordered:
        for iri in _parties(ev):
            if iri not in actors:
                actors[iri] = Actor(iri=iri, label=_local(iri))
    return VizData(events=ordered, actors=actors)


def _apply_kind(ev: Event, kind: EventKind | None, key: str | None) -> None:
    ev.kind = key
    if kind is None:
        if key:
            ev.relation = key
            ev.relation_label = key.replace("_", " ")
        return
    ev.relation = kind.relation
    ev.relation_label = kind.label_en
    ev.symmetric = kind.symmetric
    ev.plover = kind.plover_type
    ev.goldstein = kind.goldstein


def _add_unique(items: list[str], item: str) -> None:
    if item not in items:
        items.append(item)


def _parties(ev: Event) -> Iterable[str]:
    yield ev.actor
    yield ev.target
    if ev.actor_person:
        yield ev.actor_person
    if ev.target_person:
        yield ev.target_person
    yield from ev.attributed_to
    yield from ev.denied_by


def _load_actors(store: Store) -> dict[str, Actor]:
    actors: dict[str, Actor] = {}
    best_label: dict[str, int] = {}
    for row in store.query(Q_ACTORS).rows:
        iri = str(row["actor"])
        kind = ACTOR_KINDS.get(str(row["cls"]), "other")
        a = actors.get(iri)
        if a is None:
            a = actors[iri] = Actor(iri=iri, label=_local(iri), kind=kind)
            best_label[iri] = 99
        elif _KIND_ORDER.index(kind) < _KIND_ORDER.index(a.kind):
            a.kind = kind
        label = row.get("label")
        rank = _label_rank(label)
        if label is not None and rank < best_label[iri]:
            a.label, best_label[iri] = str(label), rank
        if row.get("code") is not None and a.code is None:
            a.code = str(row["code"])
        if row.get("actsFor") is not None:
            _add_unique(a.acts_for, str(row["actsFor"]))
    return actors


# --------------------------------------------------------------------------- dates


_DATE_RE = re.compile(r"^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def date_range(value: str | None) -> tuple[str | None, str | None]:
    """First and last day an event date covers: '2024' -> ('2024-01-01', '2024-12-31')."""
    if not value:
        return None, None
    m = _DATE_RE.match(value.strip())
    if not m:
        return None, None
    year, month, day = m.group(1), m.group(2), m.group(3)
    if day:
        d = f"{year}-{month}-{day}"
        return d, d
    if month:
        last = calendar.monthrange(int(year), int(month))[1] if int(month) in range(1, 13) else 31
        return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    return f"{year}-01-01", f"{year}-12-31"


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
    for day in (start, stop):  # "2024-13" or "2024-02-30" match the pattern but name no day
        try:
            _dt.date.fromisoformat(day)
        except ValueError:
            raise InputError(f"bad date {value!r}: no such day or month") from None
    return stop if end else start


# --------------------------------------------------------------------------- filters


def filter_events(
    events: list[Event],
    since: str | None = None,
    until: str | None = None,
    modalities: Iterable[str] | None = None,
) -> list[Event]:
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
        if mods is not None and ev.modality not in mods:
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


def restrict_to_query(store: Store, events: list[Event], sparql: str) -> list[Event]:
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
        return [ev for ev in events if ev.iri in wanted]
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
            rel_name = _local(str(rel)) if isinstance(rel, URIRef) else str(rel)
        pairs.add((str(s), str(t), rel_name))
    inverse = {k.inverse_relation: k.relation for k in event_kinds().values() if k.inverse_relation}
    keep = []
    for ev in events:
        for s, t, rel in pairs:
            if rel is None or rel in (ev.relation, ev.kind):
                forward = (s, t) == (ev.actor, ev.target)
                if forward or (ev.symmetric and (t, s) == (ev.actor, ev.target)):
                    keep.append(ev)
                    break
            elif inverse.get(rel) == ev.relation and (t, s) == (ev.actor, ev.target):
                keep.append(ev)
                break
    return keep
