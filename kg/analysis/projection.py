"""Project the RDF event graph into plain Python rows and networkx graphs.

`events_table` reads the store with one SPARQL query and returns `EventRow`s; the graph
builders (`state_multigraph`, `weighted_digraph`, `signed_graph`) work on those rows only,
so they can be tested and reused without a store.

Nodes are named by `node_id`: the actor's code for states and IGOs (``"RUS"``, ``"UN"``), else
the IRI's path under ``kgr:`` (``"org/hamas"``). Node attributes: ``label``, ``kind``
(``state``, ``igo``, ``organisation``, ``person``), ``code``, ``iri``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

import networkx as nx

from kg.errors import unknown_value
from kg.eventkinds import event_kinds
from kg.vocab import KGO, KGR, sparql_prologue

__all__ = [
    "EventRow",
    "MODALITIES",
    "ACTOR_KINDS",
    "events_table",
    "event_rows",
    "parse_period",
    "node_id",
    "state_multigraph",
    "weighted_digraph",
    "signed_graph",
    "sign",
]

MODALITIES = ("asserted", "planned", "possible", "negated", "alleged")
"""Modality names, as `events_table` takes and returns them (local names of kgo individuals)."""

ACTOR_KINDS: dict[str, str] = {
    str(KGO.State): "state",
    str(KGO.IntergovernmentalOrganisation): "igo",
    str(KGO.Organisation): "organisation",
    str(KGO.Person): "person",
}
"""Actor class IRI -> the short kind name used in rows and node attributes."""

_DATE_RE = re.compile(r"^(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


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


def _local(iri: str | None) -> str | None:
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
    local = _local(iri)
    if local is not None:
        m = re.fullmatch(r"(?:state|igo)/([A-Za-z0-9_-]+)", local)
        if m:
            return m.group(1)
    return local


@dataclass(frozen=True)
class EventRow:
    """One event of the graph, flattened: who did what to whom, when, how sure, from where."""

    event: str
    """Event IRI."""
    source: str
    """IRI of the acting state, IGO or organisation (`kgo:actor`)."""
    source_code: str | None
    source_label: str | None
    source_kind: str | None
    target: str | None
    """IRI of the target actor (`kgo:target`), None when the event has none."""
    target_code: str | None
    target_label: str | None
    target_kind: str | None
    kind: str
    """Event kind key (`kg/data/event_kinds.csv`), e.g. ``visit``."""
    relation: str | None
    """Direct relation of the kind, e.g. ``visits``."""
    plover_type: str | None
    modality: str
    """One of `MODALITIES`."""
    date: str | None
    """Lexical date: ``2024-06-18``, ``2024-06`` or ``2024``."""
    date_precision: str | None
    goldstein: float | None
    sources: tuple[str, ...] = field(default_factory=tuple)
    """Documents (or curated sources) the event was derived from (`prov:wasDerivedFrom`)."""
    n_mentions: int = 0
    """Number of sentences that report the event."""
    curated: bool = False
    confidence: float | None = None
    label: str | None = None

    @property
    def source_id(self) -> str:
        """Node name of the source actor (see `node_id`)."""
        return node_id(self.source_code, self.source) or self.source

    @property
    def target_id(self) -> str | None:
        """Node name of the target actor, None when the event has no target."""
        return node_id(self.target_code, self.target)

    @property
    def day(self) -> date | None:
        """First day of the event's date period (for sorting and plotting)."""
        period = parse_period(self.date)
        return period[0] if period else None

    @property
    def period(self) -> tuple[date, date] | None:
        """First and last day of the event's date period."""
        return parse_period(self.date)


def _query(modalities: Sequence[str] | None, kinds: Sequence[str] | None) -> str:
    def values(var: str, items: Iterable[str]) -> str:
        return f"VALUES ?{var} {{ {' '.join(items)} }}\n"

    filters = ""
    if modalities is not None:
        filters += values("mod", (f"kgo:{m.capitalize()}" for m in modalities))
    if kinds is not None:
        filters += values("kind", (_string(k) for k in kinds))
    actor_classes = " ".join(f"<{iri}>" for iri in ACTOR_KINDS)
    return (
        sparql_prologue()
        + f"""
SELECT ?event ?src ?tgt
  (SAMPLE(?kind) AS ?kind_) (SAMPLE(?ptype) AS ?ptype_) (SAMPLE(?mod) AS ?mod_)
  (SAMPLE(?date) AS ?date_) (SAMPLE(?prec) AS ?prec_) (SAMPLE(?gs) AS ?gs_)
  (SAMPLE(?conf) AS ?conf_) (SAMPLE(?cur) AS ?cur_) (SAMPLE(?elabel) AS ?elabel_)
  (SAMPLE(?scode) AS ?scode_) (SAMPLE(?tcode) AS ?tcode_)
  (SAMPLE(?sk) AS ?sk_) (SAMPLE(?tk) AS ?tk_)
  (SAMPLE(?slen) AS ?slen_) (SAMPLE(?slany) AS ?slany_)
  (SAMPLE(?tlen) AS ?tlen_) (SAMPLE(?tlany) AS ?tlany_)
  (GROUP_CONCAT(DISTINCT STR(?doc); separator="\\t") AS ?docs)
  (GROUP_CONCAT(DISTINCT STR(?match); separator="\\t") AS ?matches)
  (COUNT(DISTINCT ?mention) AS ?n_mentions)
WHERE {{
  {filters}
  ?event a kgo:Event ; kgo:actor ?src ; kgo:eventKind ?kind ; kgo:modality ?mod .
  OPTIONAL {{ ?event kgo:target ?tgt }}
  OPTIONAL {{ ?event kgo:ploverType ?ptype }}
  OPTIONAL {{ ?event kgo:eventDate ?date }}
  OPTIONAL {{ ?event kgo:datePrecision ?prec }}
  OPTIONAL {{ ?event kgo:goldstein ?gs }}
  OPTIONAL {{ ?event kgo:confidence ?conf }}
  OPTIONAL {{ ?event kgo:curated ?cur }}
  OPTIONAL {{ ?event rdfs:label ?elabel FILTER(langMatches(lang(?elabel), "en")) }}
  OPTIONAL {{ ?event prov:wasDerivedFrom ?doc }}
  OPTIONAL {{ ?event kgo:matchesCurated ?match }}
  OPTIONAL {{ ?event kgo:hasMention ?mention }}
  OPTIONAL {{ ?src kgo:code ?scode }}
  OPTIONAL {{ ?src a ?sk VALUES ?sk {{ {actor_classes} }} }}
  OPTIONAL {{ ?src rdfs:label ?slen FILTER(langMatches(lang(?slen), "en")) }}
  OPTIONAL {{ ?src rdfs:label ?slany }}
  OPTIONAL {{ ?tgt kgo:code ?tcode }}
  OPTIONAL {{ ?tgt a ?tk VALUES ?tk {{ {actor_classes} }} }}
  OPTIONAL {{ ?tgt rdfs:label ?tlen FILTER(langMatches(lang(?tlen), "en")) }}
  OPTIONAL {{ ?tgt rdfs:label ?tlany }}
}}
GROUP BY ?event ?src ?tgt
ORDER BY ?event
"""
    )


def _filter(name: str, value: str | Iterable[str] | None) -> tuple[str, ...] | None:
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


def _check_filter(
    store, what: str, values: tuple[str, ...] | None, known: list[str], predicate: str | None
) -> None:
    """ValueError for a value that is not `known` and (when `predicate` is given) that no
    event of the store uses either, rather than an empty table that looks like a real answer."""
    for value in values or ():
        if value in known:
            continue
        if predicate is not None:
            ask = f"ASK {{ ?e {predicate} {_string(value)} }}"
            if store.query(sparql_prologue() + ask).boolean:
                continue
        raise unknown_value(what, value, known)


def _check_store(store: object) -> None:
    if not callable(getattr(store, "query", None)):
        raise TypeError(
            "store must be a kg Store (kg.open_store(...)) or a KnowledgeGraph (kg.open()), "
            f"not {type(store).__name__}"
        )


def event_rows(rows: object, name: str = "rows") -> list[EventRow]:
    """`rows` as a list of `EventRow`; TypeError naming what was passed instead (a store, a
    DataFrame, dicts...), so a graph builder never fails later on a missing attribute."""
    if callable(getattr(rows, "query", None)):
        raise TypeError(f"{name} must be event rows, not a store: pass events_table(store)")
    if isinstance(rows, str) or not isinstance(rows, Iterable):
        raise TypeError(
            f"{name} must be a list of EventRow (from events_table), not {type(rows).__name__}"
        )
    out = list(rows)
    for row in out:
        if not isinstance(row, EventRow):
            raise TypeError(
                f"{name} must hold EventRow objects (from events_table), not {type(row).__name__}"
            )
    return out


def _string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _text(term: object) -> str | None:
    return None if term is None else str(term)


def _float(term: object) -> float | None:
    if term is None:
        return None
    try:
        return float(str(term))
    except ValueError:
        return None


def _in_window(row: EventRow, since: tuple[date, date] | None, until: tuple[date, date] | None):
    if since is None and until is None:
        return True
    period = row.period
    if period is None:
        return False
    if since is not None and period[1] < since[0]:
        return False
    if until is not None and period[0] > until[1]:
        return False
    return True


def events_table(
    store,
    since: str | date | None = None,
    until: str | date | None = None,
    modalities: str | Sequence[str] | None = ("asserted",),
    kinds: str | Sequence[str] | None = None,
    plover_types: str | Sequence[str] | None = None,
    actor_kinds: str | Sequence[str] | None = None,
) -> list[EventRow]:
    """The events of `store` as rows, with one SPARQL query (default graph = all graphs).

    Parameters
    ----------
    store : kg.store.Store
    since, until : str or date, optional
        Time window, inclusive, as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``. An event is kept
        when its date period overlaps the window (an event dated ``2024`` is inside
        ``since="2024-06"``); events without a date are dropped when a window is given.
    modalities : str, sequence of str or None
        Modalities to keep (see `MODALITIES`); default asserted only; None keeps all.
    kinds, plover_types : str or sequence of str, optional
        Event kind keys (``visit``...) and PLOVER types (``CONSULT``...) to keep.
    actor_kinds : str or sequence of str, optional
        Keep events whose source and (if any) target are of these kinds
        (``state``, ``igo``, ``organisation``, ``person``).

    A value outside the known ones (a kind neither in ``event_kinds.csv`` nor used in the
    store, a misspelt modality...) raises ValueError listing them, and an argument of the
    wrong type TypeError, rather than returning no rows.

    An extracted event that `kgo:matchesCurated` a curated event also in the result is folded
    into it (its documents and mentions are added to the curated row), so it counts once.
    Rows are sorted by date, then event IRI.
    """
    _check_store(store)
    modalities = _filter("modalities", modalities)
    if modalities is not None:
        modalities = tuple(m.lower() for m in modalities)
    kinds = _filter("kinds", kinds)
    plover_types = _filter("plover_types", plover_types)
    actor_kinds = _filter("actor_kinds", actor_kinds)
    table = event_kinds()
    _check_filter(store, "modality", modalities, list(MODALITIES), None)
    _check_filter(store, "event kind", kinds, list(table), "kgo:eventKind")
    plovers = sorted({k.plover_type for k in table.values()})
    _check_filter(store, "PLOVER type", plover_types, plovers, "kgo:ploverType")
    _check_filter(store, "actor kind", actor_kinds, sorted(set(ACTOR_KINDS.values())), None)
    window_since = parse_period(since) if since is not None else None
    window_until = parse_period(until) if until is not None else None
    if since is not None and window_since is None:
        raise ValueError(f"unreadable date {since!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    if until is not None and window_until is None:
        raise ValueError(f"unreadable date {until!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    result = store.query(_query(modalities, kinds))
    rows: list[EventRow] = []
    matches: dict[str, list[str]] = {}
    for r in result.rows:
        kind = str(r["kind_"])
        spec = table.get(kind)
        goldstein = _float(r.get("gs_"))
        if goldstein is None and spec is not None:
            goldstein = spec.goldstein
        plover = _text(r.get("ptype_")) or (spec.plover_type if spec else None)
        mod_iri = str(r["mod_"])
        modality = mod_iri.rsplit("#", 1)[-1].lower()
        docs = tuple(sorted(d for d in str(r.get("docs") or "").split("\t") if d))
        confidence = _float(r.get("conf_"))
        cur = r.get("cur_")
        row = EventRow(
            event=str(r["event"]),
            source=str(r["src"]),
            source_code=_text(r.get("scode_")),
            source_label=_text(r.get("slen_")) or _text(r.get("slany_")),
            source_kind=ACTOR_KINDS.get(str(r.get("sk_"))) if r.get("sk_") is not None else None,
            target=_text(r.get("tgt")),
            target_code=_text(r.get("tcode_")),
            target_label=_text(r.get("tlen_")) or _text(r.get("tlany_")),
            target_kind=ACTOR_KINDS.get(str(r.get("tk_"))) if r.get("tk_") is not None else None,
            kind=kind,
            relation=spec.relation if spec else None,
            plover_type=plover,
            modality=modality,
            date=_text(r.get("date_")),
            date_precision=_text(r.get("prec_")),
            goldstein=goldstein,
            sources=docs,
            n_mentions=int(str(r.get("n_mentions") or 0)),
            curated=cur is not None and str(cur).lower() in ("true", "1"),
            confidence=confidence,
            label=_text(r.get("elabel_")),
        )
        if plover_types is not None and row.plover_type not in plover_types:
            continue
        if actor_kinds is not None:
            if row.source_kind not in actor_kinds:
                continue
            if row.target is not None and row.target_kind not in actor_kinds:
                continue
        if not _in_window(row, window_since, window_until):
            continue
        rows.append(row)
        found = [m for m in str(r.get("matches") or "").split("\t") if m]
        if found:
            matches[row.event] = found
    rows = _fold_curated_matches(rows, matches)
    rows.sort(key=lambda e: (e.day or date.max, e.event))
    return rows


def _fold_curated_matches(rows: list[EventRow], matches: dict[str, list[str]]) -> list[EventRow]:
    by_iri = {r.event: r for r in rows}
    folded: set[str] = set()
    for event, targets in matches.items():
        for curated in targets:
            if curated in by_iri and curated != event and by_iri[curated].curated:
                base = by_iri[curated]
                extra = by_iri[event]
                by_iri[curated] = replace(
                    base,
                    sources=tuple(sorted(set(base.sources) | set(extra.sources))),
                    n_mentions=base.n_mentions + extra.n_mentions,
                )
                folded.add(event)
                break
    return [by_iri[r.event] for r in rows if r.event not in folded]


def sign(value: float | None) -> int:
    """+1, -1 or 0: the sign of a Goldstein score or sum (None counts as 0)."""
    if value is None or abs(value) < 1e-9:
        return 0
    return 1 if value > 0 else -1


def _add_nodes(G: nx.Graph, row: EventRow) -> None:
    for nid, code, iri, label, kind in (
        (row.source_id, row.source_code, row.source, row.source_label, row.source_kind),
        (row.target_id, row.target_code, row.target, row.target_label, row.target_kind),
    ):
        if nid is None or nid in G:
            continue
        G.add_node(nid, label=label or nid, kind=kind, code=code, iri=iri)


def state_multigraph(rows: Iterable[EventRow]) -> nx.MultiDiGraph:
    """One directed edge per event with a target, keyed by event IRI.

    Edge attributes: ``event``, ``kind``, ``relation``, ``plover_type``, ``modality``,
    ``date``, ``goldstein`` (also as ``weight``), ``sources`` (tuple of IRIs), ``n_mentions``.
    """
    rows = event_rows(rows)
    G = nx.MultiDiGraph()
    for row in rows:
        if row.target_id is None:
            continue
        _add_nodes(G, row)
        G.add_edge(
            row.source_id,
            row.target_id,
            key=row.event,
            event=row.event,
            kind=row.kind,
            relation=row.relation,
            plover_type=row.plover_type,
            modality=row.modality,
            date=row.date,
            goldstein=row.goldstein,
            weight=row.goldstein if row.goldstein is not None else 0.0,
            sources=row.sources,
            n_mentions=row.n_mentions,
        )
    return G


def weighted_digraph(rows: Iterable[EventRow]) -> nx.DiGraph:
    """One directed edge per (source, target) pair that has events.

    Edge attributes: ``count`` (events), ``goldstein_sum`` (the cooperation/conflict balance:
    positive = cooperative), ``weight`` (= goldstein_sum), ``sign`` (+1/-1/0),
    ``n_cooperative`` / ``n_conflictual`` (events with positive / negative Goldstein).
    """
    rows = event_rows(rows)
    G = nx.DiGraph()
    for row in rows:
        if row.target_id is None:
            continue
        _add_nodes(G, row)
        u, v = row.source_id, row.target_id
        if not G.has_edge(u, v):
            G.add_edge(u, v, count=0, goldstein_sum=0.0, n_cooperative=0, n_conflictual=0)
        data = G.edges[u, v]
        g = row.goldstein or 0.0
        data["count"] += 1
        data["goldstein_sum"] += g
        data["n_cooperative"] += g > 0
        data["n_conflictual"] += g < 0
    for _, _, data in G.edges(data=True):
        data["goldstein_sum"] = round(data["goldstein_sum"], 6)
        data["weight"] = data["goldstein_sum"]
        data["sign"] = sign(data["goldstein_sum"])
    return G


def signed_graph(rows: Iterable[EventRow]) -> nx.Graph:
    """Undirected friend/foe graph: one edge per pair of actors, both directions summed.

    Edge attributes: ``count``, ``goldstein_sum``, ``weight`` (= goldstein_sum) and ``sign``
    (+1 friend, -1 foe, 0 neutral). Self-loops are left out.
    """
    rows = event_rows(rows)
    G = nx.Graph()
    for row in rows:
        if row.target_id is None or row.target_id == row.source_id:
            continue
        _add_nodes(G, row)
        u, v = row.source_id, row.target_id
        if not G.has_edge(u, v):
            G.add_edge(u, v, count=0, goldstein_sum=0.0)
        G.edges[u, v]["count"] += 1
        G.edges[u, v]["goldstein_sum"] += row.goldstein or 0.0
    for _, _, data in G.edges(data=True):
        data["goldstein_sum"] = round(data["goldstein_sum"], 6)
        data["weight"] = data["goldstein_sum"]
        data["sign"] = sign(data["goldstein_sum"])
    return G
