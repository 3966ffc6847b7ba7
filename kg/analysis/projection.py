"""Project the RDF event graph into plain Python rows and networkx graphs.

`events_table` reads the store through `kg.query.events` and returns `EventRow`s; the graph
builders (`state_multigraph`, `weighted_digraph`, `signed_graph`) work on those rows only,
so they can be tested and reused without a store.

Nodes are named by `node_id`: the actor's code for states and IGOs (``"RUS"``, ``"UN"``), else
the IRI's path under ``kgr:`` (``"org/hamas"``). Node attributes: ``label``, ``kind``
(``state``, ``igo``, ``organisation``, ``person``), ``code``, ``iri``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

import networkx as nx
from rdflib import Literal

from kg.errors import unknown_value
from kg.eventkinds import event_kinds
from kg.query.events import (
    ACTOR_KINDS,
    MODALITIES,
    EventRow,
    node_id,
    parse_period,
    read_events,
    str_values,
)
from kg.vocab import sparql_prologue

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


def _check_filter(
    store, what: str, values: tuple[str, ...] | None, known: list[str], predicate: str | None
) -> None:
    """ValueError for a value that is not `known` and (when `predicate` is given) that no
    event of the store uses either, rather than an empty table that looks like a real answer."""
    for value in values or ():
        if value in known:
            continue
        if predicate is not None:
            ask = f"ASK {{ ?e {predicate} {Literal(value).n3()} }}"
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


def events_table(
    store,
    since: str | date | None = None,
    until: str | date | None = None,
    modalities: str | Sequence[str] | None = ("asserted",),
    kinds: str | Sequence[str] | None = None,
    plover_types: str | Sequence[str] | None = None,
    actor_kinds: str | Sequence[str] | None = None,
) -> list[EventRow]:
    """The events of `store` as rows, read by `kg.query.events.read_events` (default graph =
    all graphs; modalities, kinds and the window are filters of its SPARQL).

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
    modalities = str_values("modalities", modalities)
    if modalities is not None:
        modalities = tuple(m.lower() for m in modalities)
    kinds = str_values("kinds", kinds)
    plover_types = str_values("plover_types", plover_types)
    actor_kinds = str_values("actor_kinds", actor_kinds)
    table = event_kinds()
    _check_filter(store, "modality", modalities, list(MODALITIES), None)
    _check_filter(store, "event kind", kinds, list(table), "kgo:eventKind")
    plovers = sorted({k.plover_type for k in table.values()})
    _check_filter(store, "PLOVER type", plover_types, plovers, "kgo:ploverType")
    _check_filter(store, "actor kind", actor_kinds, sorted(set(ACTOR_KINDS.values())), None)
    read = read_events(store, modalities=modalities, kinds=kinds, since=since, until=until)
    rows: list[EventRow] = []
    for row in read.events:
        if row.kind is None or row.modality is None:  # not an event the network can place
            continue
        if plover_types is not None and row.plover_type not in plover_types:
            continue
        if actor_kinds is not None:
            if row.source_kind not in actor_kinds:
                continue
            if row.target is not None and row.target_kind not in actor_kinds:
                continue
        rows.append(row)
    rows = _fold_curated_matches(rows)
    rows.sort(key=lambda e: (e.day or date.max, e.event))
    return rows


def _fold_curated_matches(rows: list[EventRow]) -> list[EventRow]:
    by_iri = {r.event: r for r in rows}
    folded: set[str] = set()
    for row in rows:
        event = row.event
        for curated in row.matches_curated:
            if curated in by_iri and curated != event and by_iri[curated].curated:
                base = by_iri[curated]
                extra = by_iri[event]
                by_iri[curated] = replace(
                    base,
                    sources=tuple(sorted(set(base.sources) | set(extra.sources))),
                    n_mentions=base.n_mentions + extra.n_mentions,
                    n_documents=len(set(base.sources) | set(extra.sources)),
                    n_reports=base.n_reports + extra.n_reports,
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
    ``date``, ``goldstein`` (also as ``weight``), ``sources`` (tuple of IRIs), ``n_mentions``,
    ``n_documents`` (an event is a real event, merged across documents: these say how many
    sentences and documents report it).
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
            n_documents=row.n_documents,
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
