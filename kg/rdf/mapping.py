"""Map documents, extracted events and the gazetteer to RDF, as `docs/rdf-model.md` says.

Everything here is deterministic: the same input gives the same triples, with IRIs minted by
`kg.vocab` and no blank nodes, so loading a graph twice (or replacing it) never duplicates
anything. Literals that matter to queries are typed explicitly (xsd:date, xsd:integer,
xsd:decimal, xsd:boolean) because Oxigraph returns plain literals as xsd:string.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from functools import cache
from typing import Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kg import vocab
from kg.dates import DateInterval
from kg.eventkinds import EventKind, event_kind
from kg.extract.model import Actor, Document, Event, Mention
from kg.vocab import DCTERMS, KGO, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, TIME, WD, XSD

__all__ = [
    "Triple",
    "date_literal",
    "bind_prefixes",
    "actor_node",
    "document_triples",
    "events_graph",
    "document_quads",
    "curated_events_graph",
    "link_to_curated",
    "office_type",
    "reference_graph",
]

Triple = tuple[Node, Node, Node]

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

_OFFICE_TYPES: dict[str, str] = {
    "head_of_state": "HeadOfState",
    "president": "HeadOfState",
    "head_of_government": "HeadOfGovernment",
    "prime_minister": "HeadOfGovernment",
    "foreign_minister": "ForeignMinister",
    "minister_of_foreign_affairs": "ForeignMinister",
    "defence_minister": "DefenceMinister",
    "defense_minister": "DefenceMinister",
    "minister_of_defence": "DefenceMinister",
    "spokesperson": "Spokesperson",
    "spokesman": "Spokesperson",
    "supreme_leader": "SupremeLeader",
    "secretary_general": "SecretaryGeneral",
    "ambassador": "Ambassador",
    "adviser": "Adviser",
    "advisor": "Adviser",
    "minister": "Minister",
    "vice_president": "VicePresident",
    "crown_prince": "CrownPrince",
    "director_general": "DirectorGeneral",
    "commission_president": "CommissionPresident",
    "commission_chair": "CommissionPresident",
    "council_president": "CouncilPresident",
}


def bind_prefixes(g: Graph) -> Graph:
    """Bind the project prefixes (`kg.vocab.PREFIXES`) on `g` and return it."""
    for prefix, iri in vocab.PREFIXES.items():
        g.bind(prefix, iri, override=True, replace=True)
    return g


_TIME_UNITS = {
    "day": TIME.unitDay,
    "week": TIME.unitWeek,
    "month": TIME.unitMonth,
    "year": TIME.unitYear,
}


def interval_triples(node: URIRef, interval: DateInterval) -> Iterator[tuple[Node, Node, Node]]:
    """An event's date as an OWL-Time interval: `node kgo:dateInterval <node/when>`, a
    `time:Interval` whose `time:hasBeginning` / `time:hasEnd` instants carry
    `time:inXSDDate` (an open side has no instant: "before 2004-06-17" has only an end),
    with `time:unitType` for a calendar unit and `kgo:dateGranularity` always."""
    when = URIRef(f"{node}/when")
    yield node, KGO.dateInterval, when
    yield when, RDF.type, TIME.Interval
    yield when, KGO.dateGranularity, Literal(interval.granularity)
    if interval.granularity in _TIME_UNITS:
        yield when, TIME.unitType, _TIME_UNITS[interval.granularity]
    for side, day in ((TIME.hasBeginning, interval.start), (TIME.hasEnd, interval.end)):
        if day is not None:
            instant = URIRef(f"{when}/{'start' if side == TIME.hasBeginning else 'end'}")
            yield when, side, instant
            yield instant, RDF.type, TIME.Instant
            yield instant, TIME.inXSDDate, Literal(day.isoformat(), datatype=XSD.date)


def date_literal(value: object) -> tuple[Literal, str] | None:
    """A date as a typed literal and its precision: '2024' -> gYear/'year', '2024-06' ->
    gYearMonth/'month', '2024-06-18' or a `datetime.date` -> xsd:date/'day'. None if empty or
    not an ISO date."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return Literal(value.isoformat(), datatype=XSD.date), "day"
    m = _DATE_RE.match(str(value).strip())
    if not m:
        return None
    year, month, day = m.groups()
    if day:
        return Literal(f"{year}-{month}-{day}", datatype=XSD.date), "day"
    if month:
        return Literal(f"{year}-{month}", datatype=XSD.gYearMonth), "month"
    return Literal(year, datatype=XSD.gYear), "year"


def _string(text: str, lang: str | None = None) -> Literal:
    """A simple literal (RDF 1.1: the same term as xsd:string), or a language-tagged one.

    Left untyped so that rdflib (memory backend) matches query literals like "visit" exactly
    as Oxigraph does."""
    return Literal(text, lang=lang) if lang else Literal(text)


def _decimal(value: float, digits: int = 3) -> Literal:
    return Literal(Decimal(str(round(float(value), digits))), datatype=XSD.decimal)


def _qid(qid: str) -> URIRef | None:
    qid = (qid or "").strip()
    if not qid:
        return None
    if qid.startswith(str(WD)):
        return URIRef(qid)
    return WD[qid] if re.fullmatch(r"Q\d+", qid) else None


# ---------------------------------------------------------------------------------------
# Actors
# ---------------------------------------------------------------------------------------


def _other_person(actor: Actor) -> bool:
    """A person who acts for no state or IGO: a footballer, a singer, an opponent."""
    return (actor.code == "OTHER" or not actor.code) and (
        actor.kind == "person" or bool(actor.person_id)
    )


def actor_node(actor: Actor) -> URIRef:
    """The state, IGO or organisation an actor is coded to (`kgo:actor`/`kgo:target` value);
    a person coded to none is the person."""
    if _other_person(actor):
        if actor.person_id:
            return vocab.person_iri(actor.person_id)
        return vocab.named_person_iri(actor.label or "unknown")
    if actor.code == "OTHER" or not actor.code:
        return vocab.org_iri(actor.label or "unknown")
    return vocab.actor_iri(actor.code)


def _actor_key(actor: Actor) -> str:
    """The actor part of an event identity key: its code, or OTHER:<slug> for other actors."""
    if actor.code == "OTHER" or not actor.code:
        return f"OTHER:{vocab.slug(actor.label or 'unknown')}"
    return actor.code


def _actor_triples(actor: Actor) -> Iterator[Triple]:
    """Minimal description of an actor in a document graph, so the graph is self-describing.

    States and IGOs get their type and code (and `owl:sameAs` when the extractor knew the
    Wikidata id); names live in the reference graph. Other organisations get type, code
    OTHER and label; so does a person coded to no state, typed `kgo:Person` (never an
    organisation). A person who acts for a state gets type and `kgo:actsFor`."""
    node = actor_node(actor)
    is_person = actor.kind == "person" or bool(actor.person_id)
    if _other_person(actor):
        yield node, RDF.type, KGO.Person
        yield node, KGO.code, _string("OTHER")
        if actor.label:
            yield node, RDFS.label, _string(actor.label)
        wd = _qid(actor.qid)
        if wd is not None:
            yield node, OWL.sameAs, wd
        return
    if actor.code == "OTHER" or not actor.code:
        yield node, RDF.type, KGO.Organisation
        yield node, KGO.code, _string("OTHER")
        if actor.label:
            yield node, RDFS.label, _string(actor.label)
    else:
        cls = (
            KGO.State
            if re.fullmatch(r"[A-Z]{3}", actor.code)
            else KGO.IntergovernmentalOrganisation
        )
        yield node, RDF.type, cls
        yield node, KGO.code, _string(actor.code)
        wd = _qid(actor.qid)
        if wd is not None and not is_person:
            yield node, OWL.sameAs, wd
    if actor.person_id:
        person = vocab.person_iri(actor.person_id)
        yield person, RDF.type, KGO.Person
        yield person, KGO.actsFor, node
        wd = _qid(actor.qid)
        if wd is not None and is_person:
            yield person, OWL.sameAs, wd


# ---------------------------------------------------------------------------------------
# Documents and events
# ---------------------------------------------------------------------------------------


def document_triples(doc: Document, generated_at: _dt.datetime | None = None) -> Graph:
    """The document node and the PROV description of its named graph.

    `generated_at` (the build time) is stated as `prov:generatedAtTime` of the graph when given;
    leave it out for reproducible output."""
    g = bind_prefixes(Graph(identifier=vocab.document_graph(doc.id)))
    d = vocab.document_iri(doc.id)
    for cls in (KGO.Document, SCHEMA.NewsArticle, PROV.Entity):
        g.add((d, RDF.type, cls))
    g.add((d, DCTERMS.identifier, _string(doc.id)))
    if doc.title:
        g.add((d, DCTERMS.title, _string(doc.title, doc.lang or None)))
    issued = date_literal(doc.date)
    if issued is not None:
        g.add((d, DCTERMS.issued, issued[0]))
    if doc.lang:
        g.add((d, DCTERMS.language, _string(doc.lang)))
    if doc.source:
        g.add((d, DCTERMS.source, _string(doc.source)))
    g.add((d, KGO.text, _string(doc.text)))
    graph = vocab.document_graph(doc.id)
    g.add((graph, RDF.type, PROV.Bundle))
    g.add((graph, PROV.wasDerivedFrom, d))
    if generated_at is not None:
        g.add((graph, PROV.generatedAtTime, Literal(generated_at, datatype=XSD.dateTime)))
    return g


@cache
def _actor_names() -> dict[str, str]:
    """English names of states and IGOs by code, from the gazetteer when it is installed."""
    try:
        from kg.gazetteer import load_gazetteer

        gz = load_gazetteer()
    except Exception:  # no gazetteer: labels fall back to codes
        return {}
    names = {code: s.name_en for code, s in gz.states.items() if getattr(s, "name_en", "")}
    names.update({code: i.name_en for code, i in gz.igos.items() if getattr(i, "name_en", "")})
    return names


def _actor_name(actor: Actor) -> str:
    if actor.code == "OTHER" or not actor.code:
        return actor.label or "unknown"
    return _actor_names().get(actor.code, actor.code)


def _event_label(k: EventKind, event: Event) -> Literal:
    """'Russia visits North Korea (planned), 2024-06-18'@en."""
    relation = re.sub(r"(?<!^)(?=[A-Z])", " ", k.relation).lower()
    text = f"{_actor_name(event.source)} {relation} {_actor_name(event.target)}"
    if event.modality != "asserted":
        text += f" ({event.modality})"
    if event.date:
        text += f", {event.date}"
    return Literal(text, lang="en")


def _mention_triples(m: Mention, doc_id: str) -> Iterator[Triple]:
    node = vocab.mention_iri(doc_id, m.start, m.end, m.rule)
    yield node, RDF.type, KGO.Mention
    yield node, KGO.sentence, _string(m.sentence)
    yield node, KGO.startChar, Literal(int(m.start), datatype=XSD.integer)
    yield node, KGO.endChar, Literal(int(m.end), datatype=XSD.integer)
    if m.trigger:
        yield node, KGO.trigger, _string(m.trigger)
    if m.rule:
        yield node, KGO.rule, _string(m.rule)
    yield node, PROV.wasDerivedFrom, vocab.document_iri(doc_id)


def _event_iri(scope: str, event: Event) -> URIRef:
    return vocab.event_iri(
        scope,
        _actor_key(event.source),
        event.kind,
        _actor_key(event.target),
        event.modality,
        event.date,
    )


def _event_triples(
    node: URIRef,
    group: Sequence[Event],
    derived_from: Sequence[URIRef],
    mention_doc: str | None,
    curated: bool,
) -> Iterator[Triple]:
    """Triples of one event node, from all the `Event`s sharing its identity key."""
    first = group[0]
    k = event_kind(first.kind)
    if curated:
        yield node, RDF.type, KGO.Event
        yield node, RDF.type, KGO[k.event_class]
        if first.modality == "alleged":
            yield node, RDF.type, KGO.Claim
    else:  # one document's report: the real event is the merged node (kg.identity.layer)
        yield node, RDF.type, KGO.EventReport
    yield node, RDFS.label, _event_label(k, first)
    yield node, KGO.eventKind, _string(k.key)
    yield node, KGO.ploverType, _string(k.plover_type)
    if k.plover_mode:
        yield node, KGO.ploverMode, _string(k.plover_mode)
    yield node, KGO.cameoCode, _string(k.cameo)
    yield node, KGO.goldstein, Literal(Decimal(str(k.goldstein)), datatype=XSD.decimal)
    source, target = actor_node(first.source), actor_node(first.target)
    yield node, KGO.actor, source
    yield node, KGO.target, target
    yield from _actor_triples(first.source)
    yield from _actor_triples(first.target)
    source_persons = sorted({e.source.person_id for e in group if e.source.person_id})
    target_persons = sorted({e.target.person_id for e in group if e.target.person_id})
    if source_persons:
        yield node, KGO.actorPerson, vocab.person_iri(source_persons[0])
    if target_persons:
        yield node, KGO.targetPerson, vocab.person_iri(target_persons[0])
    yield node, KGO.modality, vocab.modality_iri(first.modality)
    for e in group:
        if e.attributed_to is not None:
            yield node, KGO.attributedTo, actor_node(e.attributed_to)
            yield from _actor_triples(e.attributed_to)
        if first.modality == "alleged":
            for a in e.denied_by:
                yield node, KGO.deniedBy, actor_node(a)
                yield from _actor_triples(a)
    dated = date_literal(first.date)
    if dated is not None:
        literal, precision = dated
        yield node, KGO.eventDate, literal
        yield node, KGO.datePrecision, _string(first.date_precision or precision)
        approx = any(e.date_approximate for e in group)
        yield node, KGO.dateApproximate, Literal(approx, datatype=XSD.boolean)
    if first.date_interval is not None:
        yield from interval_triples(node, first.date_interval)
    yield node, KGO.confidence, _decimal(max(e.confidence for e in group))
    if curated:
        yield node, KGO.curated, Literal(True, datatype=XSD.boolean)
    for src in derived_from:
        yield node, PROV.wasDerivedFrom, src
    if mention_doc is not None:
        for e in group:
            for m in e.mentions:
                yield node, KGO.hasMention, vocab.mention_iri(mention_doc, m.start, m.end, m.rule)
                yield from _mention_triples(m, mention_doc)
    # Direct relation: only what the text says happened.
    if first.modality == "asserted":
        rel = KGO[k.relation]
        yield source, rel, target
        if k.symmetric:
            yield target, rel, source


def _grouped(scope: str, events: Iterable[Event]) -> dict[URIRef, list[Event]]:
    groups: dict[URIRef, list[Event]] = {}
    for e in events:
        groups.setdefault(_event_iri(scope, e), []).append(e)
    return groups


def events_graph(
    doc: Document, events: Iterable[Event], generated_at: _dt.datetime | None = None
) -> Graph:
    """The triples of the document's named graph `vocab.document_graph(doc.id)`.

    The document node and graph provenance (`document_triples`), one `kgo:EventReport` node
    per distinct event the document reports (identity key: document, source, kind, target,
    modality, date; repeated mentions of the same event are merged onto one node; the real
    `kgo:Event` nodes are the merged layer, `kg.identity.layer`), its mentions, the minimal description of the actors
    it involves, and the direct relation triples of asserted events."""
    g = document_triples(doc, generated_at)
    d = vocab.document_iri(doc.id)
    for node, group in _grouped(doc.id, events).items():
        for t in _event_triples(node, group, [d], doc.id, curated=False):
            g.add(t)
    return g


def document_quads(
    doc: Document, events: Iterable[Event] = (), generated_at: _dt.datetime | None = None
) -> Dataset:
    """A dataset holding the document's named graph (see `events_graph`)."""
    ds = Dataset()
    bind_prefixes(ds)
    graph = ds.graph(vocab.document_graph(doc.id))
    for t in events_graph(doc, events, generated_at):
        graph.add(t)
    return ds


def curated_events_graph(
    name: str, events: Iterable[Event], derived_from: Sequence[URIRef]
) -> Graph:
    """Hand-curated events in the shape of extracted ones, for `kgr:graph/curated/<name>`:
    `kgo:curated true`, `prov:wasDerivedFrom` each of `derived_from`, no mentions."""
    g = bind_prefixes(Graph(identifier=vocab.curated_graph(name)))
    for node, group in _grouped(f"curated/{vocab.slug(name)}", events).items():
        for t in _event_triples(node, group, list(derived_from), None, curated=True):
            g.add(t)
    return g


# ---------------------------------------------------------------------------------------
# Linking extracted events to curated ones
# ---------------------------------------------------------------------------------------


def _event_keys(g: Graph) -> Iterator[tuple[Node, tuple[Node, ...], DateInterval | None]]:
    nodes = set(g.subjects(RDF.type, KGO.Event)) | set(g.subjects(RDF.type, KGO.EventReport))
    for ev in sorted(nodes, key=str):
        actor, target = g.value(ev, KGO.actor), g.value(ev, KGO.target)
        kind, modality = g.value(ev, KGO.eventKind), g.value(ev, KGO.modality)
        if None in (actor, target, kind, modality):
            continue
        yield ev, (actor, str(kind), target, modality), event_interval(g, ev)


def event_interval(g: Graph, ev: Node) -> DateInterval | None:
    """An event's date interval: its `kgo:dateInterval` if it has one, else the calendar
    unit of its `kgo:eventDate` ('2000-07' → July 2000), else None."""
    when = g.value(ev, KGO.dateInterval)
    if when is not None:
        ends = []
        for side in (TIME.hasBeginning, TIME.hasEnd):
            day = g.value(g.value(when, side), TIME.inXSDDate) if g.value(when, side) else None
            ends.append(_dt.date.fromisoformat(str(day)) if day is not None else None)
        grain = str(g.value(when, KGO.dateGranularity) or "day")
        if ends != [None, None]:
            return DateInterval(ends[0], ends[1], grain)
    return DateInterval.of_date(g.value(ev, KGO.eventDate))


def _dates_compatible(a: DateInterval | None, b: DateInterval | None) -> bool:
    """Unknown on either side, or intervals that meet ("avant 2004-06-17" and July 2000)."""
    return a is None or b is None or a.overlaps(b)


REALISE_SLACK = _dt.timedelta(days=3)
"""A planned date slips: the visit announced for 18 June that takes place on the 19th."""


def _realises(plan: DateInterval | None, happened: DateInterval | None) -> bool:
    """Whether a happened event's date fits a plan's, give or take `REALISE_SLACK`."""
    if plan is None or happened is None:
        return False
    start = plan.start - REALISE_SLACK if plan.start else None
    end = plan.end + REALISE_SLACK if plan.end else None
    return DateInterval(start, end, plan.granularity).overlaps(happened)


def link_to_curated(extracted: Graph, curated: Graph) -> list[Triple]:
    """Links from the extracted events to the curated ones they agree with, sorted:

    - `(extracted, kgo:matchesCurated, curated)`: same actor, kind, target and modality
      (either direction for symmetric kinds), and date intervals that meet when both have
      one (the extracted "il y a plus de 20 ans" visit, before 2004, and the curated visit
      of July 2000);
    - `(curated, kgo:realises, extracted)`: an extracted *planned* event and the curated
      event that then happened (asserted), same actor, kind and target, dated within three
      days of the plan (the visit planned for 18 June and the curated one of 19 June)."""
    planned, asserted = vocab.modality_iri("planned"), vocab.modality_iri("asserted")
    index: dict[tuple[Node, ...], list[tuple[Node, DateInterval | None]]] = {}
    for ev, key, when in _event_keys(curated):
        index.setdefault(key, []).append((ev, when))
    out: set[Triple] = set()
    for ev, (actor, kind, target, modality), when in _event_keys(extracted):
        pairs = [(actor, target)]
        try:
            if event_kind(kind).symmetric:
                pairs.append((target, actor))
        except KeyError:
            pass
        for a, t in pairs:
            for cur, cur_when in index.get((a, kind, t, modality), []):
                if cur != ev and _dates_compatible(when, cur_when):
                    out.add((ev, KGO.matchesCurated, cur))
            if modality != planned:
                continue
            for cur, cur_when in index.get((a, kind, t, asserted), []):
                if cur != ev and _realises(when, cur_when):
                    out.add((cur, KGO.realises, ev))
    return sorted(out, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))


# ---------------------------------------------------------------------------------------
# Reference graph (gazetteer)
# ---------------------------------------------------------------------------------------


def office_type(office: str) -> URIRef | None:
    """The `kgo:OfficeType` individual of a gazetteer office name ('head_of_state' ->
    kgo:HeadOfState), or None when the office is of no known type."""
    key = vocab.slug(office).replace("-", "_")
    name = _OFFICE_TYPES.get(key)
    return KGO[name] if name else None


def _office_label(office: str) -> str:
    return vocab.slug(office).replace("-", " ")


def _tenures(gz: Any) -> list[Any]:
    """The office rows of the gazetteer: `gz.tenures` if it has them, else offices.csv."""
    rows = getattr(gz, "tenures", None)
    if rows is not None:
        return list(rows)
    import csv
    from importlib import resources
    from types import SimpleNamespace

    try:
        text = resources.files("kg.gazetteer").joinpath("data/offices.csv").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return []
    out = []
    for row in csv.DictReader(text.splitlines()):
        out.append(
            SimpleNamespace(
                person_id=row.get("person_id", ""),
                code=row.get("code") or row.get("iso3", ""),
                office=row.get("office", ""),
                start=row.get("start", ""),
                end=row.get("end", ""),
            )
        )
    return out


def _add_office(g: Graph, office: str, code: str) -> URIRef:
    node = vocab.office_iri(office, code)
    g.add((node, RDF.type, KGO.Office))
    g.add((node, KGO.officeOf, vocab.actor_iri(code)))
    otype = office_type(office)
    if otype is not None:
        g.add((node, KGO.officeType, otype))
    g.add((node, RDFS.label, Literal(f"{_office_label(office)} ({code})", lang="en")))
    return node


def _add_organisation(g: Graph, node: URIRef, cls: URIRef, code: str, entry: Any) -> URIRef:
    """What a gazetteer state and IGO share: type `cls`, `kgo:code`, en/fr labels (from
    `name_en`/`name_fr`), `owl:sameAs` (`qid`) and executive office. Returns `node`."""
    g.add((node, RDF.type, cls))
    g.add((node, KGO.code, _string(code)))
    for lang in ("en", "fr"):
        name = getattr(entry, f"name_{lang}", "")
        if name:
            g.add((node, RDFS.label, Literal(name, lang=lang)))
    wd = _qid(getattr(entry, "qid", ""))
    if wd is not None:
        g.add((node, OWL.sameAs, wd))
    executive = getattr(entry, "executive_office", "")
    if executive:
        g.add((node, KGO.executiveOffice, _add_office(g, executive, code)))
    return node


def reference_graph(gz: Any) -> Graph:
    """States, IGOs, persons, offices and office holdings of a gazetteer (`kg.gazetteer`).

    Each state: `kgo:State`, `kgo:code`, labels en/fr, `owl:sameAs wd:Q...`, ISO alpha-2 as
    `skos:notation`, and its executive office (`kgo:executiveOffice`). Each IGO: type, code,
    labels, `owl:sameAs`. Each person: `kgo:Person`, label, aliases (`skos:altLabel`),
    `owl:sameAs`, `kgo:actsFor`. Each office row: a `kgo:Office` (`kgo:officeOf`,
    `kgo:officeType`) and a `kgo:OfficeHolding` with holder, office and
    typed start/end dates."""
    g = bind_prefixes(Graph(identifier=vocab.KGR["graph/reference"]))
    for iso3 in sorted(gz.states):
        s = gz.states[iso3]
        node = _add_organisation(g, vocab.state_iri(s.iso3), KGO.State, s.iso3.upper(), s)
        if getattr(s, "iso2", ""):
            g.add((node, SKOS.notation, _string(s.iso2)))
    for code in sorted(getattr(gz, "igos", {}) or {}):
        igo = gz.igos[code]
        _add_organisation(
            g, vocab.igo_iri(igo.code), KGO.IntergovernmentalOrganisation, igo.code, igo
        )
    for pid in sorted(getattr(gz, "persons", {}) or {}):
        p = gz.persons[pid]
        node = vocab.person_iri(p.id)
        g.add((node, RDF.type, KGO.Person))
        g.add((node, RDFS.label, Literal(p.name, lang="en")))
        for alias in sorted(set(getattr(p, "aliases", ()) or ()) - {p.name}):
            g.add((node, SKOS.altLabel, _string(alias)))
        wd = _qid(getattr(p, "qid", ""))
        if wd is not None:
            g.add((node, OWL.sameAs, wd))
        code = getattr(p, "iso3", "")
        if code:
            g.add((node, KGO.actsFor, vocab.actor_iri(code)))
    for t in _tenures(gz):
        if not (t.person_id and t.code and t.office):
            continue
        start = date_literal(getattr(t, "start", ""))
        end = date_literal(getattr(t, "end", ""))
        node = vocab.tenure_iri(t.person_id, t.code, t.office, "" if start is None else start[0])
        office = _add_office(g, t.office, t.code)
        person = vocab.person_iri(t.person_id)
        g.add((node, RDF.type, KGO.OfficeHolding))
        g.add((node, KGO.holder, person))
        g.add((node, KGO.office, office))
        if start is not None:
            g.add((node, KGO.startDate, start[0]))
        if end is not None:
            g.add((node, KGO.endDate, end[0]))
    _assert_no_bnodes(g)
    return g


def _assert_no_bnodes(g: Graph) -> None:
    for t in g:
        if any(isinstance(x, BNode) for x in t):  # pragma: no cover - a programming error
            raise AssertionError(f"blank node in mapped graph: {t}")
