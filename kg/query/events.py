"""Events read out of any store: one reader, one row type, SPARQL SELECTs only.

`read_events(store, ...)` returns an `EventSet`: one `EventRow` per `kgo:Event`, that is per
real event (the merged nodes of the corpus layer, `kg.identity.layer`, and the curated
events; the documents' `kgo:EventReport`s are not events), with its kind,
parties, modality, date, scores, provenance), the `Actor`s the events name and, with
`evidence=True`, the sentences (`Mention`) and `Document`s that report them. The viewer
(`kg.viz`), the network analysis (`kg.analysis.events_table`) and the Python API
(`KnowledgeGraph.events`) all read events through it.

Everything goes through `Store.query` (the queries are `reader/*.rq`), never through
`quads()` or `to_dataset()`, so a remote store answers the same SELECTs and nothing else is
downloaded. Filters (modalities, kinds, a period, actors) become VALUES/FILTER blocks of the
queries, built from checked values and escaped terms, never from user text.

A store that states a single-valued fact twice (two dates, two kinds) gets the smallest lexical
form (SPARQL MIN), so a read gives the same rows on every backend and every run; multi-valued
facts (sources, graphs, who says so) come sorted.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.eventkinds import event_kinds
from kg.extract.model import MODALITIES
from kg.store.base import Store
from kg.vocab import KGO, KGR, modality_iri, sparql_prologue

__all__ = [
    "MODALITIES",
    "ACTOR_KINDS",
    "Actor",
    "Document",
    "Mention",
    "EventRow",
    "EventSet",
    "read_events",
    "str_values",
    "parse_period",
    "node_id",
]

ACTOR_KINDS: dict[str, str] = {
    str(KGO.Person): "person",
    str(KGO.State): "state",
    str(KGO.IntergovernmentalOrganisation): "igo",
    str(KGO.Organisation): "organisation",
}
"""Actor class IRI -> kind name, most specific first (an actor typed twice takes the first)."""

_KIND_ORDER = (*ACTOR_KINDS.values(), "other")
_SEP = "\t"  # GROUP_CONCAT separator: no IRI holds a tab
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`]')  # what an IRI reference cannot hold
_DATE_RE = re.compile(r"^(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


# --------------------------------------------------------------------------- rows


@dataclass(frozen=True)
class Actor:
    """A state, person, IGO or organisation named by events."""

    iri: str
    label: str | None = None
    """Best `rdfs:label`: English, then French, then untagged, then any (None: no label)."""
    kind: str = "other"
    """state | person | igo | organisation | other (see `ACTOR_KINDS`)."""
    code: str | None = None
    """`kgo:code` (ISO3, IGO acronym, or OTHER); None without a reference graph."""
    acts_for: tuple[str, ...] = ()
    """States a person acts for (`kgo:actsFor`), sorted."""

    @property
    def name(self) -> str:
        """What to show: the label, else the last segment of the IRI."""
        return self.label if self.label is not None else local_name(self.iri)


@dataclass(frozen=True)
class Document:
    """A document (or curated source) events are derived from."""

    iri: str
    title: str | None = None
    identifier: str | None = None


@dataclass(frozen=True)
class Mention:
    """One sentence that reports an event, with the document it comes from."""

    sentence: str
    doc: str | None = None
    """Document IRI (the mention's own `prov:wasDerivedFrom`, else the event's first source)."""
    doc_title: str | None = None
    doc_id: str | None = None
    start: int | None = None


@dataclass(frozen=True)
class EventRow:
    """One event of the graph, flattened: who did what to whom, when, how sure, from where."""

    event: str
    """Event IRI."""
    source: str
    """IRI of the acting state, IGO, organisation or person (`kgo:actor`)."""
    source_code: str | None = None
    source_label: str | None = None
    source_kind: str | None = None
    target: str | None = None
    """IRI of the target actor (`kgo:target`), None when the event has none."""
    target_code: str | None = None
    target_label: str | None = None
    target_kind: str | None = None
    kind: str | None = None
    """Event kind key (`kg/data/event_kinds.csv`), e.g. ``visit``; None when not stated."""
    relation: str | None = None
    """Direct relation of the kind, e.g. ``visits`` (None for a kind not in the table)."""
    plover_type: str | None = None
    modality: str | None = None
    """One of `MODALITIES`; None when the event states none."""
    date: str | None = None
    """Lexical date: ``2024-06-18``, ``2024-06`` or ``2024``."""
    date_precision: str | None = None
    goldstein: float | None = None
    sources: tuple[str, ...] = field(default_factory=tuple)
    """Documents (or curated sources) the event was derived from (`prov:wasDerivedFrom`)."""
    n_mentions: int = 0
    """Number of `kgo:hasMention` links (with or without a sentence): on a merged event,
    the sentences of all its reports."""
    n_documents: int = 0
    """Number of documents (or curated sources) behind the event (`prov:wasDerivedFrom`)."""
    n_reports: int = 0
    """Number of documents' reports merged into the event (`kgo:report`; 0 when curated)."""
    curated: bool = False
    confidence: float | None = None
    label: str | None = None
    """English `rdfs:label` of the event."""
    plover_mode: str | None = None
    actor_person: str | None = None
    """The person who acted for the source (`kgo:actorPerson`)."""
    target_person: str | None = None
    attributed_to: tuple[str, ...] = ()
    """Who says so (`kgo:attributedTo`), sorted."""
    denied_by: tuple[str, ...] = ()
    """Who denies it (`kgo:deniedBy`), sorted."""
    matches_curated: tuple[str, ...] = ()
    """Curated events this extracted one matches (`kgo:matchesCurated`), sorted."""
    graphs: tuple[str, ...] = ()
    """Named graphs that state the event (`GRAPH ?g { ?event a kgo:Event }`), sorted."""
    mentions: tuple[Mention, ...] = ()
    """Its sentences, sorted by document, offset, text: read with `evidence=True` only."""

    @property
    def source_id(self) -> str:
        """Node name of the source actor (see `node_id`)."""
        return node_id(self.source_code, self.source) or self.source

    @property
    def target_id(self) -> str | None:
        """Node name of the target actor, None when the event has no target."""
        return node_id(self.target_code, self.target)

    @property
    def period(self) -> tuple[date, date] | None:
        """First and last day of the event's date period."""
        return parse_period(self.date)

    @property
    def day(self) -> date | None:
        """First day of the event's date period (for sorting and plotting)."""
        period = self.period
        return period[0] if period else None


@dataclass(frozen=True)
class EventSet:
    """What `read_events` gives: the events, the actors they name, their documents."""

    events: list[EventRow]
    """Sorted by date (lexically; undated first), then event IRI."""
    actors: dict[str, Actor]
    """Every actor the events name, and the states their persons act for, by IRI."""
    documents: dict[str, Document] = field(default_factory=dict)
    """Documents of the events and their mentions, by IRI (with `evidence=True` only)."""


# --------------------------------------------------------------------------- names, dates


def local_name(iri: str) -> str:
    """Last segment of an IRI: '.../ontology#Planned' -> 'Planned', '.../state/RUS' -> 'RUS'."""
    return re.split(r"[#/]", iri.rstrip("/#"))[-1] or iri


def _kgr_path(iri: str | None) -> str | None:
    """Path of an IRI under kgr: (``org/hamas``), or the IRI itself when it is not ours."""
    if iri is None:
        return None
    base = str(KGR)
    return iri[len(base) :] if iri.startswith(base) else iri


def node_id(code: str | None, iri: str | None) -> str | None:
    """Graph node name of an actor: its code when it has a real one, else its kgr: path.

    A state or IGO without a `kgo:code` triple (no reference graph loaded) still gets its
    code, read from its IRI (``kgr:state/RUS`` -> ``RUS``).
    """
    if code and code != "OTHER":
        return code
    path = _kgr_path(iri)
    if path is not None:
        m = re.fullmatch(r"(?:state|igo)/([A-Za-z0-9_-]+)", path)
        if m:
            return m.group(1)
    return path


def parse_period(value: str | date | None) -> tuple[date, date] | None:
    """The first and last day of a date, year-month or year: '2024-06' -> (June 1, June 30).

    Accepts ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` (anything after the day, such as a time or
    a timezone, is ignored) or a `datetime.date`. Returns None for None or an unreadable value.
    """
    if value is None:
        return None
    if isinstance(value, date):
        return value, value
    m = _DATE_RE.match(str(value).strip())
    if not m:
        return None
    year = int(m.group(1))
    if year < 1:
        return None
    if m.group(3):
        try:
            d = date(year, int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
        return d, d
    if m.group(2):
        month = int(m.group(2))
        if not 1 <= month <= 12:
            return None
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(year, 1, 1), date(year, 12, 31)


# --------------------------------------------------------------------------- queries


@cache
def _query_text(name: str) -> str:
    """A query of `reader/`, with the kg prefixes (read once per process)."""
    text = resources.files("kg.query").joinpath("reader", f"{name}.rq").read_text("utf-8")
    return sparql_prologue() + text


def _filters(
    modalities: tuple[str, ...] | None,
    kinds: tuple[str, ...] | None,
    period: tuple[date, date] | None,
    actors: tuple[str, ...] | None,
) -> str:
    """The VALUES/FILTER blocks that restrict `?event`; every term is an escaped rdflib term."""
    blocks: list[str] = []
    if modalities is not None:
        terms = " ".join(URIRef(modality_iri(m)).n3() for m in modalities)
        blocks.append(f"?event kgo:modality ?f_mod . VALUES ?f_mod {{ {terms} }}")
    if kinds is not None:
        terms = " ".join(Literal(k).n3() for k in kinds)
        blocks.append(f"?event kgo:eventKind ?f_kind . VALUES ?f_kind {{ {terms} }}")
    if actors is not None:
        terms = " ".join(URIRef(a).n3() for a in actors)
        blocks.append(
            f"VALUES ?f_party {{ {terms} }} "
            "{ ?event kgo:actor ?f_party } UNION { ?event kgo:target ?f_party }"
        )
    if period is not None:
        lo, hi = (Literal(d.isoformat()).n3() for d in period)
        # The event's period, from its lexical date (YYYY, YYYY-MM or YYYY-MM-DD, anything
        # after ignored), padded to its first and last day: ISO days compare as strings, and
        # a month's last day can be written -31 for that (no real day lies in between).
        blocks.append(
            "?event kgo:eventDate ?f_date . "
            'BIND (REPLACE(STR(?f_date), "^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?).*$", "$1") AS ?f_d) '
            'FILTER (REGEX(STR(?f_date), "^[0-9]{4}")) '
            'BIND (CONCAT(?f_d, SUBSTR("0000-01-01", STRLEN(?f_d) + 1)) AS ?f_start) '
            'BIND (CONCAT(?f_d, SUBSTR("0000-12-31", STRLEN(?f_d) + 1)) AS ?f_end) '
            f"FILTER (?f_end >= {lo} && ?f_start <= {hi})"
        )
    return "\n  ".join(blocks)


_FILTERS_LINE = re.compile(r"^[ \t]*# @filters[ \t]*$", re.MULTILINE)


def _prepared(name: str, filters: str) -> str:
    """Query `name` with `filters` in place of its `# @filters` line."""
    return _FILTERS_LINE.sub(lambda _: "  " + filters, _query_text(name), count=1)


def _str(term: Node | None) -> str | None:
    """The text of a term; None for no term and for "" (the queries' "none")."""
    return None if term is None or str(term) == "" else str(term)


def _float(term: Node | None) -> float | None:
    if term is None or str(term) == "":
        return None
    try:
        return float(str(term))
    except ValueError:
        return None


def _split(term: Node | None) -> tuple[str, ...]:
    return tuple(sorted(x for x in str(term or "").split(_SEP) if x))


def _read_actors(store: Store, filters: str) -> dict[str, Actor]:
    actors = {}
    for row in store.query(_prepared("actors", filters)).rows:
        if row.get("actor") is None:  # an aggregate over no solution gives one empty row
            continue
        iri = str(row["actor"])
        kinds = [ACTOR_KINDS[c] for c in _split(row.get("classes")) if c in ACTOR_KINDS]
        ranked = _str(row.get("ranked_label"))
        actors[iri] = Actor(
            iri,
            label=ranked[1:] if ranked else None,
            kind=min(kinds, key=_KIND_ORDER.index) if kinds else "other",
            code=_str(row.get("code")),
            acts_for=_split(row.get("acts_for")),
        )
    return actors


def _read_documents(store: Store, filters: str) -> dict[str, Document]:
    titles: dict[str, set[str]] = {}
    identifiers: dict[str, set[str]] = {}
    for row in store.query(_prepared("documents", filters)).rows:
        doc = str(row["doc"])
        titles.setdefault(doc, set())
        identifiers.setdefault(doc, set())
        if row.get("title") is not None:
            titles[doc].add(str(row["title"]))
        if row.get("identifier") is not None:
            identifiers[doc].add(str(row["identifier"]))
    return {
        doc: Document(doc, min(titles[doc], default=None), min(identifiers[doc], default=None))
        for doc in titles
    }


def _read_mentions(
    store: Store, filters: str
) -> dict[str, list[tuple[str | None, str, int | None]]]:
    """Event IRI -> (document, sentence, start) of each of its mentions (first row of each)."""
    out: dict[str, list[tuple[str | None, str, int | None]]] = {}
    seen: set[tuple[str, str]] = set()
    for row in store.query(_prepared("mentions", filters)).rows:
        key = (str(row["event"]), str(row["mention"]))
        if key in seen:
            continue
        seen.add(key)
        start = row.get("start")
        out.setdefault(key[0], []).append(
            (
                _str(row.get("doc")),
                str(row["sentence"]),
                int(start.toPython()) if isinstance(start, Literal) else None,
            )
        )
    return out


def _mentions(
    found: list[tuple[str | None, str, int | None]],
    sources: tuple[str, ...],
    documents: dict[str, Document],
) -> tuple[Mention, ...]:
    out = []
    for doc, sentence, start in found:
        doc = doc if doc is not None else (sources[0] if sources else None)
        d = documents.get(doc or "")
        title, identifier = (d.title, d.identifier) if d is not None else (None, None)
        out.append(Mention(sentence, doc, title, identifier, start))
    out.sort(key=lambda m: (m.doc_id or m.doc or "", m.start or 0, m.sentence))
    return tuple(out)


def str_values(name: str, value: str | Iterable[str] | None) -> tuple[str, ...] | None:
    """A filter argument as a tuple of str (one str is one value); TypeError otherwise."""
    if value is None:
        return None
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, Iterable):
        raise TypeError(f"{name} must be a str or a list of str, not {type(value).__name__}")
    items = tuple(value)
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"{name} must hold str values, not {type(item).__name__}")
    return items


def read_events(
    store: Store,
    *,
    modalities: str | Iterable[str] | None = None,
    kinds: str | Iterable[str] | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    actors: str | Iterable[str] | None = None,
    evidence: bool = False,
) -> EventSet:
    """The events of `store` (default graph = all graphs), with the actors they name.

    Parameters
    ----------
    modalities : events with one of these modalities (`MODALITIES`, any case); None: all,
        including events that state none.
    kinds : events of these kind keys (``visit``...).
    since, until : a period, inclusive (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or a date): events
        whose date period overlaps it (an event dated ``2024`` is inside ``since="2024-06"``);
        with a period, undated events are left out.
    actors : events whose source or target is one of these actor IRIs.
    evidence : also read each event's sentences (`EventRow.mentions`) and the documents
        (`EventSet.documents`): two more queries.

    An unknown modality or an unreadable date raises ValueError; arguments of the wrong type
    TypeError. Filtered out in SPARQL, so only the matching events leave the store.
    """
    mods = str_values("modalities", modalities)
    if mods is not None:
        mods = tuple(m.lower() for m in mods)
        unknown = sorted(set(mods) - set(MODALITIES))
        if unknown:
            raise ValueError(
                f"unknown modality {', '.join(unknown)} (known: {', '.join(MODALITIES)})"
            )
    kind_keys = str_values("kinds", kinds)
    parties = str_values("actors", actors)
    for iri in parties or ():
        if not iri or _NOT_IN_IRI.search(iri):
            raise ValueError(f"actors must be IRIs, not {iri!r}")
    period = _period(since, until)
    filters = _filters(mods, kind_keys, period, parties)

    table = event_kinds()
    actor_table = _read_actors(store, filters)
    documents: dict[str, Document] = {}
    mentions: dict[str, list[tuple[str | None, str, int | None]]] = {}
    if evidence:
        documents = _read_documents(store, filters)
        mentions = _read_mentions(store, filters)
    rows = []
    for r in store.query(_prepared("events", filters)).rows:
        if r.get("event") is None:  # an aggregate over no solution gives one empty row
            continue
        kind = _str(r.get("kind"))
        spec = table.get(kind) if kind else None
        goldstein = _float(r.get("goldstein"))
        if goldstein is None and spec is not None:
            goldstein = spec.goldstein
        modality = _str(r.get("modality"))
        source, target = str(r["source"]), _str(r.get("target"))
        src, tgt = actor_table.get(source), actor_table.get(target or "")
        sources = _split(r.get("sources"))
        rows.append(
            EventRow(
                event=str(r["event"]),
                source=source,
                source_code=src.code if src else None,
                source_label=src.label if src else None,
                source_kind=src.kind if src and src.kind != "other" else None,
                target=target,
                target_code=tgt.code if tgt else None,
                target_label=tgt.label if tgt else None,
                target_kind=tgt.kind if tgt and tgt.kind != "other" else None,
                kind=kind,
                relation=spec.relation if spec else None,
                plover_type=_str(r.get("plover_type")) or (spec.plover_type if spec else None),
                modality=local_name(modality).lower() if modality else None,
                date=_str(r.get("date")),
                date_precision=_str(r.get("date_precision")),
                goldstein=goldstein,
                sources=sources,
                n_mentions=int(str(r.get("n_mentions") or 0)),
                n_documents=len(sources),
                n_reports=int(_str(r.get("n_reports")) or 0),
                curated=any(v.lower() in ("true", "1") for v in _split(r.get("curated"))),
                confidence=_float(r.get("confidence")),
                label=_str(r.get("label")),
                plover_mode=_str(r.get("plover_mode"))
                or (spec.plover_mode if spec else None)
                or None,
                actor_person=_str(r.get("actor_person")),
                target_person=_str(r.get("target_person")),
                attributed_to=_split(r.get("attributed_to")),
                denied_by=_split(r.get("denied_by")),
                matches_curated=_split(r.get("matches_curated")),
                graphs=_split(r.get("graphs")),
                mentions=_mentions(mentions.get(str(r["event"]), []), sources, documents),
            )
        )
    rows.sort(key=lambda e: (e.date or "", e.event))
    return EventSet(events=rows, actors=actor_table, documents=documents)


def _period(since: str | date | None, until: str | date | None) -> tuple[date, date] | None:
    """[first day of `since`, last day of `until`], or None when neither is given."""
    if since is None and until is None:
        return None
    bounds = []
    for value, end in ((since, False), (until, True)):
        if value is None:
            bounds.append(date.max if end else date.min)
            continue
        period = parse_period(value)
        if period is None:
            raise ValueError(f"unreadable date {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
        bounds.append(period[1] if end else period[0])
    return bounds[0], bounds[1]
