"""The corpus-level event layer: one `kgo:Event` per real event, across documents.

Each document graph holds its reports (`kgo:EventReport`: one document's account of an
event, with its sentences). This module reads every report through `Store.query` SELECTs
only (so it runs on a remote store too), turns them into `kg.identity.EventMention`s,
groups them with `cluster_mentions` and links plans to what happened with `realisations`,
and writes one named graph per event key, `kgr:graph/events/<key>`, holding the merged
`kgo:Event` nodes of that key:

- typed `kgo:Event` + the kind class (+ `kgo:Claim` when alleged), with the kind, PLOVER,
  CAMEO and Goldstein facts, actor and target (those of the report with the most precise
  date and the most asserted modality), `kgo:actorPerson`/`kgo:targetPerson` (the smallest
  IRI when reports disagree), `kgo:attributedTo`/`kgo:deniedBy` (all), the event's date
  (`kgo:eventDate` + precision when the cluster's interval is a calendar unit, else the
  date of its most precisely dated report; the interval itself as OWL-Time), confidence
  (the highest), every report's mentions, documents and curated matches;
- `kgo:report` each report, `kgo:mentionCount`, `kgo:documentCount`,
  `kgo:mergeConfidence`, and one `kgo:MergeDecision` per merged report (`<node>/decision/n`,
  `kgo:decidedFor`, `kgo:reason`, `kgo:confidence`);
- `kgo:realises` from a happened event to the plan it realises, and from a curated event
  to a merged plan whose report it realises.

A graph per key means a new, changed or removed document only rewrites the graphs of the
keys its reports had or have (`replace_documents(store, graphs)` writes the documents and
those events graphs in one transaction; `update_layer(store, keys)` rewrites keys alone); `rebuild_layer(store)` rewrites
them all and drops the graphs of keys no report has any more. Both are idempotent: the
clustering is deterministic and order-independent, and every IRI is minted from content.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.dates import DateInterval
from kg.eventkinds import event_kinds
from kg.identity.clusters import EventCluster, EventMention, cluster_mentions, realisations
from kg.store.base import Store
from kg.vocab import KGO, KGR, PROV, RDF, RDFS, XSD, slug, sparql_prologue

__all__ = [
    "Key",
    "Report",
    "EVENTS_GRAPH_PREFIX",
    "events_graph_iri",
    "merged_iri",
    "read_reports",
    "report_keys",
    "layer_graphs",
    "update_layer",
    "replace_documents",
    "documents_layer",
    "rebuild_layer",
]

Key = tuple[str, str, str]
EVENTS_GRAPH_PREFIX = str(KGR["graph/events/"])

MODALITY_ORDER = ("asserted", "alleged", "planned", "possible", "negated")
"""Most asserted first: an event reported as fact by one article and as alleged by another
is asserted (they share the status `happened`, so they can be one event)."""

_COPIED = (
    KGO.hasMention,
    PROV.wasDerivedFrom,
    KGO.matchesCurated,
    KGO.attributedTo,
    KGO.deniedBy,
    KGO.actorPerson,
    KGO.targetPerson,
    RDFS.label,
    KGO.eventDate,
    KGO.datePrecision,
    KGO.dateApproximate,
    KGO.confidence,
)
_REALISED_BY = KGO.realises  # marker of the curated events that realise a report


@dataclass
class Report:
    """One `kgo:EventReport` as read from the store."""

    iri: str
    graph: str
    kind: str
    actor: str
    target: str
    modality: str
    interval: DateInterval | None = None
    published: date | None = None
    facts: dict[URIRef, set[Node]] = field(default_factory=lambda: defaultdict(set))
    realised_by: set[Node] = field(default_factory=set)

    def mention(self) -> EventMention:
        kind = event_kinds().get(self.kind)
        label = (
            "CONSULT:visit"
            if kind is not None and kind.plover_mode == "visit"
            else (kind.plover_type if kind is not None else self.kind)
        )
        docs = sorted(str(d) for d in self.facts.get(PROV.wasDerivedFrom, ()))
        return EventMention(
            id=self.iri,
            doc=docs[0] if docs else self.graph,
            label=label,
            source=_party(self.actor),
            target=_party(self.target),
            modality=self.modality,
            date=self.interval,
            published=self.published,
            cameo=kind.cameo if kind is not None else "",
        )


def _party(iri: str) -> str:
    """An actor in an event key: its code for a state or IGO, else its IRI."""
    base = str(KGR)
    for kind in ("state/", "igo/"):
        if iri.startswith(base + kind):
            return iri[len(base + kind) :]
    return iri


def events_graph_iri(key: Key) -> URIRef:
    """`kgr:graph/events/<slug of the key>-<digest>` (the digest keeps slugs that fold case or
    punctuation apart)."""
    text = "\x1f".join(key)
    digest = hashlib.sha1(text.encode()).hexdigest()[:8]
    return KGR[f"graph/events/{slug(' '.join(_party(p) for p in key))[:80]}-{digest}"]


def merged_iri(cluster: EventCluster) -> URIRef:
    """`kgr:event/real/<hash of the cluster id>`."""
    return KGR[f"event/real/{hashlib.sha1(cluster.id.encode()).hexdigest()[:16]}"]


# --------------------------------------------------------------------------- reading

_REPORTS = """SELECT ?report ?g ?kind ?actor ?target ?modality ?start ?end ?grain ?date ?issued WHERE {
  GRAPH ?g {
    ?report a kgo:EventReport ; kgo:eventKind ?kind ; kgo:actor ?actor ; kgo:target ?target ;
      kgo:modality ?modality .
    OPTIONAL {
      ?report kgo:dateInterval ?when .
      OPTIONAL { ?when time:hasBeginning ?b . ?b time:inXSDDate ?start }
      OPTIONAL { ?when time:hasEnd ?e . ?e time:inXSDDate ?end }
      OPTIONAL { ?when kgo:dateGranularity ?grain }
    }
    OPTIONAL { ?report kgo:eventDate ?date }
  }
  %s
  OPTIONAL { ?report prov:wasDerivedFrom ?doc . ?doc dcterms:issued ?issued }
}"""

_FACTS = """SELECT ?report ?p ?o WHERE {
  %s
  { GRAPH ?g { ?report a kgo:EventReport ; ?p ?o } VALUES ?p { %s } }
  UNION
  { GRAPH ?g { ?report a kgo:EventReport } ?o kgo:realises ?report BIND (kgo:realises AS ?p) }
}"""


def _graphs_block(graphs: Sequence[URIRef] | None, exclude: Sequence[URIRef]) -> str:
    block = ""
    if graphs is not None:
        block = "VALUES ?g { " + " ".join(URIRef(g).n3() for g in graphs) + " }"
    if exclude:
        block += " FILTER (?g NOT IN (" + ", ".join(URIRef(g).n3() for g in exclude) + "))"
    return block


def _day(term: Node | None) -> date | None:
    if term is None:
        return None
    try:
        return DateInterval.from_iso(str(term)[:10]).start
    except ValueError:
        return None


def read_reports(
    store: Store,
    graphs: Iterable[URIRef] | None = None,
    exclude: Iterable[URIRef] = (),
    parties: Iterable[str] | None = None,
) -> list[Report]:
    """Every report of `store` (or of the document graphs `graphs`; none of the graphs
    `exclude`; with `parties`, only those whose actor and target are both among these
    IRIs), with the facts the merged events copy: two SELECTs."""
    graphs = None if graphs is None else sorted(set(graphs))
    if graphs == []:
        return []
    block = _graphs_block(graphs, sorted(set(exclude)))
    facts_block = block
    if parties is not None:
        among = " ".join(URIRef(p).n3() for p in sorted(set(parties)))
        block += f" VALUES ?actor {{ {among} }} VALUES ?target {{ {among} }}"
    reports: dict[str, Report] = {}
    for row in store.query(sparql_prologue() + _REPORTS % block).rows:
        iri = str(row["report"])
        if iri in reports:
            continue
        start, end = _day(row.get("start")), _day(row.get("end"))
        grain = str(row.get("grain") or "day")
        interval = (
            DateInterval(start, end, grain)
            if (start or end)
            else DateInterval.of_date(row.get("date"))
        )
        reports[iri] = Report(
            iri,
            str(row["g"]),
            str(row["kind"]),
            str(row["actor"]),
            str(row["target"]),
            str(row["modality"]).rsplit("#", 1)[-1].lower(),
            interval,
            _day(row.get("issued")),
        )
    if not reports:
        return []
    if parties is not None:  # the facts of the reports found, not of every report
        facts_block += " VALUES ?report { " + " ".join(URIRef(i).n3() for i in reports) + " }"
    values = " ".join(p.n3() for p in _COPIED)
    for row in store.query(sparql_prologue() + _FACTS % (facts_block, values)).rows:
        report = reports.get(str(row["report"]))
        if report is None:
            continue
        if URIRef(str(row["p"])) == _REALISED_BY:
            report.realised_by.add(row["o"])
        else:
            report.facts[URIRef(str(row["p"]))].add(row["o"])
    return sorted(reports.values(), key=lambda r: r.iri)


def report_keys(reports: Iterable[Report]) -> set[Key]:
    """The event keys of `reports`."""
    return {r.mention().key for r in reports}


def _event_graphs(store: Store) -> set[URIRef]:
    rows = store.query(
        sparql_prologue()
        + f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (STRSTARTS(STR(?g), "{EVENTS_GRAPH_PREFIX}")) }}'
    ).rows
    return {URIRef(str(r["g"])) for r in rows}


# --------------------------------------------------------------------------- writing


def _decimal(value: float) -> Literal:
    return Literal(Decimal(str(round(float(value), 3))), datatype=XSD.decimal)


def _calendar_literal(interval: DateInterval | None) -> tuple[Literal, str] | None:
    """The interval as a lexical date when it is exactly a day, a month or a year."""
    if interval is None or interval.start is None or interval.end is None:
        return None
    exact = DateInterval.from_iso
    s = interval.start
    if interval.start == interval.end:
        return Literal(s.isoformat(), datatype=XSD.date), "day"
    month = exact(f"{s.year:04d}-{s.month:02d}")
    if (month.start, month.end) == (interval.start, interval.end):
        return Literal(f"{s.year:04d}-{s.month:02d}", datatype=XSD.gYearMonth), "month"
    year = exact(f"{s.year:04d}")
    if (year.start, year.end) == (interval.start, interval.end):
        return Literal(f"{s.year:04d}", datatype=XSD.gYear), "year"
    return None


def _facts(reports: Sequence[Report], prop: URIRef) -> list[Node]:
    return sorted({o for r in reports for o in r.facts.get(prop, ())}, key=str)


def _event_triples(
    cluster: EventCluster, by_iri: dict[str, Report]
) -> Iterable[tuple[Node, Node, Node]]:
    from kg.rdf.mapping import interval_triples

    node = merged_iri(cluster)
    reports = [by_iri[m.id] for m in cluster.mentions]  # most precise date first
    modality = min((r.modality for r in reports), key=_modality_rank)
    first = next(r for r in reports if r.modality == modality)
    kind = event_kinds().get(first.kind)
    yield node, RDF.type, KGO.Event
    if kind is not None:
        yield node, RDF.type, KGO[kind.event_class]
        yield node, KGO.ploverType, Literal(kind.plover_type)
        if kind.plover_mode:
            yield node, KGO.ploverMode, Literal(kind.plover_mode)
        yield node, KGO.cameoCode, Literal(kind.cameo)
        yield node, KGO.goldstein, Literal(Decimal(str(kind.goldstein)), datatype=XSD.decimal)
    if modality == "alleged":
        yield node, RDF.type, KGO.Claim
    yield node, KGO.eventKind, Literal(first.kind)
    yield node, KGO.actor, URIRef(first.actor)
    yield node, KGO.target, URIRef(first.target)
    yield node, KGO.modality, KGO[modality.capitalize()]
    for label in sorted(first.facts.get(RDFS.label, ()), key=str)[:1]:
        yield node, RDFS.label, label
    for prop in (KGO.actorPerson, KGO.targetPerson):
        persons = _facts(reports, prop)
        if persons:
            yield node, prop, persons[0]
    for prop in (KGO.attributedTo, KGO.hasMention, PROV.wasDerivedFrom, KGO.matchesCurated):
        for o in _facts(reports, prop):
            yield node, prop, o
    if modality == "alleged":
        for o in _facts(reports, KGO.deniedBy):
            yield node, KGO.deniedBy, o
    dated = _calendar_literal(cluster.date)
    if dated is None:  # the cluster's interval is no calendar unit: its most precise report's
        dated_report = next((r for r in reports if r.facts.get(KGO.eventDate)), None)
        if dated_report is not None:
            date_ = sorted(dated_report.facts[KGO.eventDate], key=str)[0]
            precision = sorted(dated_report.facts.get(KGO.datePrecision, {"day"}), key=str)[0]
            dated = (date_, str(precision))  # type: ignore[assignment]
    if dated is not None:
        yield node, KGO.eventDate, dated[0]
        yield node, KGO.datePrecision, Literal(str(dated[1]))
        approx = any(str(o).lower() in ("true", "1") for o in _facts(reports, KGO.dateApproximate))
        yield node, KGO.dateApproximate, Literal(approx, datatype=XSD.boolean)
    if cluster.date is not None:
        yield from interval_triples(node, cluster.date)
    confidences = [float(str(c)) for c in _facts(reports, KGO.confidence)]
    if confidences:
        yield node, KGO.confidence, _decimal(max(confidences))
    for r in reports:
        yield node, KGO.report, URIRef(r.iri)
        for curated in r.realised_by:
            yield curated, KGO.realises, node
    mentions = _facts(reports, KGO.hasMention)
    documents = _facts(reports, PROV.wasDerivedFrom)
    yield node, KGO.mentionCount, Literal(len(mentions), datatype=XSD.integer)
    yield node, KGO.documentCount, Literal(len(documents), datatype=XSD.integer)
    yield node, KGO.mergeConfidence, _decimal(cluster.confidence)
    for n, decision in enumerate(cluster.decisions, start=1):
        d = URIRef(f"{node}/decision/{n}")
        yield node, KGO.mergeDecision, d
        yield d, RDF.type, KGO.MergeDecision
        yield d, KGO.decidedFor, URIRef(decision.mention)
        yield d, KGO.reason, Literal(decision.reason)
        yield d, KGO.confidence, _decimal(decision.confidence)


def _modality_rank(modality: str) -> int:
    return MODALITY_ORDER.index(modality) if modality in MODALITY_ORDER else len(MODALITY_ORDER)


def layer_graphs(
    reports: Sequence[Report], keys: Iterable[Key] | None = None
) -> dict[URIRef, Graph]:
    """The events graph of each key of `keys` (default: every key of `reports`), from the
    reports of that key; a key with no report gets an empty graph (which removes it)."""
    by_key: dict[Key, list[EventMention]] = defaultdict(list)
    for r in reports:
        m = r.mention()
        by_key[m.key].append(m)
    wanted = set(by_key) if keys is None else set(keys)
    by_iri = {r.iri: r for r in reports}
    out: dict[URIRef, Graph] = {}
    for key in sorted(wanted):
        name = events_graph_iri(key)
        graph = Graph(identifier=name)
        clusters = cluster_mentions(by_key.get(key, []))
        for cluster in clusters:
            for t in _event_triples(cluster, by_iri):
                graph.add(t)
        for happened, plan, _why in realisations(clusters):
            graph.add((merged_iri(happened), KGO.realises, merged_iri(plan)))
        out[name] = graph
    return out


def documents_layer(
    store: Store, documents: Mapping[URIRef, Graph], full: bool = False, others: bool = True
) -> dict[URIRef, Graph]:
    """The events graphs to write with the document graphs `documents` (which replace those
    of the store), computed before anything is written so both go in one transaction: the
    keys their reports had or now have, or with `full` every key (and an empty graph for
    each events graph of the store no key has any more). `others=False`: the store's other
    documents will be gone (a fresh build), so only `documents` count."""
    from kg.store import open_store

    names = sorted(documents)
    incoming = open_store(None, backend="memory")
    try:
        incoming.replace_graphs(documents)
        new = read_reports(incoming)
    finally:
        incoming.close()
    if full:
        layer = layer_graphs((read_reports(store, exclude=names) if others else []) + new)
        for stale in _event_graphs(store) - set(layer):
            layer[stale] = Graph(identifier=stale)
        return layer
    old = read_reports(store, names)
    keys = report_keys(old) | report_keys(new)
    if not keys:
        return {}
    # only the reports that can share a key with these: both parties among theirs (a
    # superset of the keys' reports, in either order for the undirected types), not the
    # whole store once per batch
    parties = {p for r in old + new for p in (r.actor, r.target)}
    kept = read_reports(store, exclude=names, parties=parties) if others else []
    return layer_graphs(kept + new, keys)


def replace_documents(store: Store, documents: Mapping[URIRef, Graph]) -> dict[URIRef, Graph]:
    """Replace the document graphs `documents` and the events graphs of every key their
    reports had or now have, in one transaction (`Store.replace_graphs`), so a crash leaves
    the old documents and layer or the new ones. Returns the events graphs written."""
    layer = documents_layer(store, documents)
    store.replace_graphs({**documents, **layer})
    return layer


def update_layer(store: Store, keys: Iterable[Key]) -> dict[URIRef, Graph]:
    """Rewrite the events graphs of `keys` from the reports now in `store` (one
    transaction); returns what was written."""
    keys = set(keys)
    if not keys:
        return {}
    graphs = layer_graphs(read_reports(store), keys)
    store.replace_graphs(graphs)
    return graphs


def rebuild_layer(store: Store) -> dict[URIRef, Graph]:
    """Rewrite every events graph from the reports in `store`, and remove the events graphs
    of keys no report has any more (one transaction); returns what was written."""
    graphs = layer_graphs(read_reports(store))
    for stale in _event_graphs(store) - set(graphs):
        graphs[stale] = Graph(identifier=stale)
    store.replace_graphs(graphs)
    return graphs


# --------------------------------------------------------------------------- explaining

_EXPLAIN_EVENT = """SELECT ?label ?kind ?modality ?date ?mentions ?documents ?merge WHERE {
  %(e)s a kgo:Event .
  OPTIONAL { %(e)s rdfs:label ?label }
  OPTIONAL { %(e)s kgo:eventKind ?kind }
  OPTIONAL { %(e)s kgo:modality ?modality }
  OPTIONAL { %(e)s kgo:eventDate ?date }
  OPTIONAL { %(e)s kgo:mentionCount ?mentions }
  OPTIONAL { %(e)s kgo:documentCount ?documents }
  OPTIONAL { %(e)s kgo:mergeConfidence ?merge }
}"""

_EXPLAIN_REPORTS = """SELECT ?report ?doc ?identifier ?issued ?date ?modality ?sentence ?start WHERE {
  %(e)s kgo:report ?report .
  ?report prov:wasDerivedFrom ?doc .
  OPTIONAL { ?doc dcterms:identifier ?identifier }
  OPTIONAL { ?doc dcterms:issued ?issued }
  OPTIONAL { ?report kgo:eventDate ?date }
  OPTIONAL { ?report kgo:modality ?modality }
  OPTIONAL { ?report kgo:hasMention ?m . ?m kgo:sentence ?sentence OPTIONAL { ?m kgo:startChar ?start } }
} ORDER BY ?identifier ?report ?start"""

_EXPLAIN_DECISIONS = """SELECT ?decision ?report ?reason ?confidence WHERE {
  %(e)s kgo:mergeDecision ?decision .
  ?decision kgo:decidedFor ?report ; kgo:reason ?reason ; kgo:confidence ?confidence .
}"""

_EXPLAIN_LINKS = """SELECT ?p ?other WHERE {
  { %(e)s ?p ?other VALUES ?p { kgo:realises kgo:matchesCurated } }
  UNION { ?other kgo:realises %(e)s BIND (kgo:realisedBy AS ?p) }
}"""


def explain_event(store: Store, iri: str) -> dict | None:
    """A merged event as plain data: its facts, its reports (document, sentence, date) and
    each merge decision with its reason and confidence; None when `iri` is no kgo:Event."""
    e = URIRef(iri).n3()
    rows = store.query(sparql_prologue() + _EXPLAIN_EVENT % {"e": e}).rows
    if not rows:
        return None

    def text(term: Node | None) -> str | None:
        return None if term is None else str(term)

    head = rows[0]
    reports: dict[str, dict] = {}
    for r in store.query(sparql_prologue() + _EXPLAIN_REPORTS % {"e": e}).rows:
        report = reports.setdefault(
            str(r["report"]),
            {
                "report": str(r["report"]),
                "document": text(r.get("identifier")) or str(r["doc"]),
                "issued": text(r.get("issued")),
                "date": text(r.get("date")),
                "modality": (text(r.get("modality")) or "").rsplit("#", 1)[-1].lower() or None,
                "sentences": [],
            },
        )
        sentence = text(r.get("sentence"))
        if sentence and sentence not in report["sentences"]:
            report["sentences"].append(sentence)
    decisions = sorted(
        (
            {
                "decision": str(r["decision"]),
                "report": str(r["report"]),
                "reason": str(r["reason"]),
                "confidence": float(str(r["confidence"])),
            }
            for r in store.query(sparql_prologue() + _EXPLAIN_DECISIONS % {"e": e}).rows
        ),
        key=lambda d: int(d["decision"].rsplit("/", 1)[-1]),
    )
    links = sorted(
        (str(r["p"]).rsplit("#", 1)[-1], str(r["other"]))
        for r in store.query(sparql_prologue() + _EXPLAIN_LINKS % {"e": e}).rows
    )
    return {
        "event": iri,
        "label": text(head.get("label")),
        "kind": text(head.get("kind")),
        "modality": (text(head.get("modality")) or "").rsplit("#", 1)[-1].lower() or None,
        "date": text(head.get("date")),
        "mentions": int(str(head.get("mentions") or 0)),
        "documents": int(str(head.get("documents") or 0)),
        "merge_confidence": float(str(head["merge"])) if head.get("merge") is not None else None,
        "reports": sorted(reports.values(), key=lambda r: (r["document"], r["report"])),
        "decisions": decisions,
        "links": [{"property": p, "event": o} for p, o in links],
    }
