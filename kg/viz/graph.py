"""From events to the viewer's nodes and edges, with their visual styles.

Everything a reader sees as a style (colour, dashes, arrows, widths, shapes) is decided here,
in Python, so it can be tested without a browser. The page's JavaScript only filters, draws
and fills the side panel.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict, deque
from typing import Any

from kg.query.events import Document
from kg.viz.data import MODALITIES, Actor, Event, EventView, date_range, view_of

__all__ = [
    "LEVELS",
    "NODE_STYLES",
    "MODALITY_DASHES",
    "COLOURS",
    "goldstein_colour",
    "edge_style",
    "build_payload",
    "physics_options",
    "seed_positions",
]

LEVELS = ("state", "actor")

COLOURS = {
    "cooperation": "#2e9e4f",  # Goldstein > +0.5
    "conflict": "#d62728",  # Goldstein < -0.5
    "neutral": "#8c8c8c",  # in between, or unknown
    "alleged": "#f28e2b",  # alleged, nobody denies
    "denied": "#8e44ad",  # alleged and denied by someone
    "negated": "#b7b7b7",  # "X did not ..."
    "actsFor": "#c9c9c9",  # person -> state they act for (level actor)
}

NODE_STYLES: dict[str, dict[str, str]] = {
    "state": {"shape": "dot", "color": "#4e79a7", "label": "State"},
    "igo": {"shape": "hexagon", "color": "#59a8a2", "label": "Intergovernmental organisation"},
    "organisation": {"shape": "square", "color": "#9c755f", "label": "Organisation"},
    "person": {"shape": "diamond", "color": "#e0b400", "label": "Person"},
    "other": {"shape": "dot", "color": "#bab0ac", "label": "Other actor"},
    "event": {"shape": "triangle", "color": "#8c8c8c", "label": "Event (level actor)"},
}

MODALITY_DASHES: dict[str, bool | list[int]] = {
    "asserted": False,
    "planned": [10, 6],
    "possible": [4, 6],
    "alleged": [2, 5],
    "negated": [12, 4, 2, 4],
}
"""vis-network `dashes` per modality: solid for asserted, dashed for planned/possible, dotted
for alleged (denied too), dash-dot for negated."""

_GOLDSTEIN_EPS = 0.5
SEED_LAYOUT_ABOVE = 150
"""Graphs with more nodes than this start from `seed_positions` (smaller: vis's own layout)."""


def goldstein_colour(score: float | None) -> str:
    """Green for cooperation (> +0.5), red for conflict (< -0.5), grey around 0 or unknown."""
    if score is None:
        return COLOURS["neutral"]
    if score > _GOLDSTEIN_EPS:
        return COLOURS["cooperation"]
    if score < -_GOLDSTEIN_EPS:
        return COLOURS["conflict"]
    return COLOURS["neutral"]


def edge_style(modality: str, goldstein: float | None, denied: bool = False) -> dict[str, Any]:
    """Colour and dashes of an edge: Goldstein colour, except alleged/denied/negated."""
    if modality == "alleged":
        colour = COLOURS["denied"] if denied else COLOURS["alleged"]
    elif modality == "negated":
        colour = COLOURS["negated"]
    else:
        colour = goldstein_colour(goldstein)
    return {"color": colour, "dashes": MODALITY_DASHES.get(modality, False)}


def _width(mentions: int) -> float:
    """Edge width from the number of mentions: 1.5 for one, +2 per doubling, at most 12."""
    return round(min(12.0, 1.5 + 2.0 * math.log2(max(1, mentions))), 2)


def _node_size(events: int) -> float:
    return round(min(60.0, 10.0 + 5.0 * math.sqrt(max(0, events))), 2)


def _event_json(
    ev: Event, view: EventView, actors: dict[str, Actor], documents: dict[str, Document]
) -> dict[str, Any]:
    def name(iri: str | None) -> str | None:
        return None if iri is None else actors[iri].name if iri in actors else iri

    def source(iri: str) -> str:
        doc = documents.get(iri)
        return (doc.title or doc.identifier or iri) if doc is not None else iri

    start, end = date_range(ev.date)
    return {
        "id": ev.event,
        "kind": ev.kind,
        "relation": view.relation,
        "relLabel": view.relation_label,
        "symmetric": view.symmetric,
        "plover": ev.plover_type,
        "goldstein": ev.goldstein,
        "modality": view.modality,
        "denied": view.denied,
        "actor": ev.source,
        "target": ev.target,
        "actorLabel": name(ev.source),
        "targetLabel": name(ev.target),
        "actorPerson": name(ev.actor_person),
        "targetPerson": name(ev.target_person),
        "date": ev.date,
        "start": start,
        "end": end,
        "says": [name(a) for a in ev.attributed_to],
        "deniedBy": [name(a) for a in ev.denied_by],
        "curated": ev.curated,
        "weight": view.weight,
        "mentions": [
            {"sentence": m.sentence, "doc": m.doc_title or m.doc_id or m.doc, "docId": m.doc_id}
            for m in ev.mentions
        ],
        "sources": [source(iri) for iri in ev.sources],
    }


def _smooth(index: int, reverse: bool = False) -> dict[str, Any] | bool:
    """Parallel edges between the same two nodes bend apart; the first stays straight.

    `reverse`: the edge runs against the pair's canonical order, so the same visual side
    needs the other rotation.
    """
    if index == 0:
        return False
    kind = "curvedCW" if (index % 2 == 1) != reverse else "curvedCCW"
    return {"enabled": True, "type": kind, "roundness": round(0.2 * ((index + 1) // 2), 2)}


def seed_positions(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], spacing: float = 60.0):
    """Starting positions that spare the layout most of its work on big graphs.

    Nodes are ordered breadth-first from the best-connected one (so neighbours get nearby
    ranks), then laid on a sunflower spiral: hubs in the middle, leaves outside. Returns
    {node id: (x, y)}.
    """
    adj: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        if e["from"] != e["to"]:
            adj[e["from"]].add(e["to"])
            adj[e["to"]].add(e["from"])
    ids = sorted((n["id"] for n in nodes), key=lambda i: (-len(adj[i]), i))
    seen: set[str] = set()
    order: list[str] = []
    for root in ids:
        if root in seen:
            continue
        seen.add(root)
        queue = deque([root])
        while queue:
            u = queue.popleft()
            order.append(u)
            for v in sorted(adj[u] - seen, key=lambda i: (-len(adj[i]), i)):
                seen.add(v)
                queue.append(v)
    golden = math.pi * (3 - math.sqrt(5))
    out = {}
    for k, node_id in enumerate(order):
        r, a = spacing * math.sqrt(k + 0.5), k * golden
        out[node_id] = (round(r * math.cos(a), 1), round(r * math.sin(a), 1))
    return out


def physics_options(n_nodes: int) -> dict[str, Any]:
    """Bounded layout: few iterations, faster solver settings as the graph grows."""
    big = n_nodes > 1000
    small = n_nodes <= 30  # few nodes, often many parallel edges: give them room
    return {
        "enabled": True,
        "solver": "barnesHut" if big else "forceAtlas2Based",
        "forceAtlas2Based": {
            "gravitationalConstant": -150 if small else -80,
            "centralGravity": 0.01,
            "springLength": 260 if small else 140,
            "springConstant": 0.06,
            "damping": 0.5,
            "avoidOverlap": 0.6,
        },
        "barnesHut": {
            "gravitationalConstant": -3000,
            "centralGravity": 0.25,
            "springLength": 110,
            "springConstant": 0.04,
            "damping": 0.5,
            "avoidOverlap": 0.1,
            "theta": 1.0,
        },
        "minVelocity": 1.0,
        "maxVelocity": 60,
        "timestep": 0.5,
        "stabilization": {
            "enabled": True,
            "iterations": 200 if n_nodes <= 500 else 100 if n_nodes <= 2000 else 50,
            "updateInterval": 50,
            "fit": False,  # the page fits once itself, with a zoom cap, when the layout settles
        },
    }


def build_payload(
    events: list[Event],
    actors: dict[str, Actor],
    level: str = "state",
    title: str = "kg: geopolitical relations",
    documents: dict[str, Document] | None = None,
) -> dict[str, Any]:
    """The JSON the page reads: meta, actors, events, and vis-network nodes and edges.

    Level `state`: nodes are the actors events are coded to; one edge per (source, relation,
    target, modality, denied) with width by number of mentions (symmetric relations merge
    both directions). Level `actor`: each event is a node (actor -> event -> target), the
    acting/target person replaces the state when known, and a light edge ties a person to the
    state they act for.
    """
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r} (known: {', '.join(LEVELS)})")
    views = [view_of(ev) for ev in events]
    ev_json = [
        _event_json(ev, v, actors, documents or {}) for ev, v in zip(events, views, strict=True)
    ]
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    degree: Counter[str] = Counter()

    def actor_node(iri: str) -> dict[str, Any]:
        a = actors.get(iri) or Actor(iri=iri, label=iri)
        style = NODE_STYLES.get(a.kind, NODE_STYLES["other"])
        return {
            "id": iri,
            "label": a.name,
            "kind": a.kind if a.kind in NODE_STYLES else "other",
            "code": a.code,
            "shape": style["shape"],
            "color": style["color"],
        }

    used: dict[str, dict[str, Any]] = {}

    def use(iri: str) -> None:
        if iri not in used:
            used[iri] = actor_node(iri)

    pair_count: Counter[tuple[str, str]] = Counter()

    def next_smooth(a: str, b: str) -> dict[str, Any] | bool:
        key = (a, b) if a <= b else (b, a)
        i = pair_count[key]
        pair_count[key] += 1
        return _smooth(i, reverse=a > b)

    if level == "state":
        groups: dict[tuple[str, str, str, str, bool], list[int]] = defaultdict(list)
        for i, (ev, view) in enumerate(zip(events, views, strict=True)):
            src, tgt = ev.source, ev.target
            if view.symmetric and tgt < src:
                src, tgt = tgt, src
            groups[(src, view.relation, tgt, view.modality, view.denied)].append(i)
        for n, ((src, relation, tgt, modality, denied), idx) in enumerate(groups.items()):
            first, first_view = events[idx[0]], views[idx[0]]
            scores = [events[i].goldstein for i in idx if events[i].goldstein is not None]
            gs = round(sum(scores) / len(scores), 2) if scores else None
            mentions = sum(views[i].weight for i in idx)
            use(src)
            use(tgt)
            for iri in {src, tgt}:
                degree[iri] += len(idx)
            edges.append(
                {
                    "id": f"r{n}",
                    "from": src,
                    "to": tgt,
                    "type": "relation",
                    "relation": relation,
                    "relLabel": first_view.relation_label,
                    "plover": first.plover_type,
                    "goldstein": gs,
                    "modality": modality,
                    "denied": denied,
                    "symmetric": first_view.symmetric,
                    "arrows": "" if first_view.symmetric else "to",
                    "width": _width(mentions),
                    "mentions": mentions,
                    "events": idx,
                    "smooth": next_smooth(src, tgt),
                    **edge_style(modality, gs, denied),
                }
            )
    else:
        persons: set[str] = set()
        for i, (ev, view) in enumerate(zip(events, views, strict=True)):
            src = ev.actor_person or ev.source
            tgt = ev.target_person or ev.target
            use(src)
            use(tgt)
            for iri in (src, tgt):
                degree[iri] += 1
                if actors.get(iri) and actors[iri].kind == "person":
                    persons.add(iri)
            style = edge_style(view.modality, ev.goldstein, view.denied)
            nodes.append(
                {
                    "id": ev.event,
                    "label": view.relation_label,
                    "kind": "event",
                    "shape": NODE_STYLES["event"]["shape"],
                    "color": style["color"],
                    "size": round(min(18.0, 7.0 + 2.0 * math.log2(view.weight)), 2),
                    "events": [i],
                    "modality": view.modality,
                }
            )
            common = {
                "type": "event",
                "relation": view.relation,
                "relLabel": view.relation_label,
                "plover": ev.plover_type,
                "goldstein": ev.goldstein,
                "modality": view.modality,
                "denied": view.denied,
                "symmetric": view.symmetric,
                "arrows": "" if view.symmetric else "to",
                "width": _width(view.weight),
                "mentions": view.weight,
                "events": [i],
                "smooth": False,
                **style,
            }
            edges.append({"id": f"s{i}", "from": src, "to": ev.event, **common})
            edges.append({"id": f"t{i}", "from": ev.event, "to": tgt, **common})
        n = 0
        for p in sorted(persons):
            for state in actors[p].acts_for:
                use(state)
                edges.append(
                    {
                        "id": f"f{n}",
                        "from": p,
                        "to": state,
                        "type": "actsFor",
                        "relation": "actsFor",
                        "relLabel": "acts for",
                        "modality": None,
                        "denied": False,
                        "symmetric": False,
                        "arrows": "",
                        "width": 1,
                        "mentions": 0,
                        "events": [],
                        "smooth": False,
                        "color": COLOURS["actsFor"],
                        "dashes": False,
                    }
                )
                n += 1

    actor_nodes = []
    for iri, node in used.items():
        node["events"] = degree[iri]
        node["size"] = _node_size(degree[iri])
        actor_nodes.append(node)
    nodes = actor_nodes + nodes

    if len(nodes) > SEED_LAYOUT_ABOVE:
        positions = seed_positions(nodes, edges)
        for node in nodes:
            node["x"], node["y"] = positions[node["id"]]

    relations = sorted({(v.relation, v.relation_label) for v in views}, key=lambda r: r[1])
    periods = [date_range(e.date) for e in events]
    starts = [start for start, _ in periods if start]
    ends = [end for _, end in periods if end]
    n_nodes = len(nodes)
    meta = {
        "title": title,
        "level": level,
        "relations": [{"relation": r, "label": label} for r, label in relations],
        "modalities": [m for m in MODALITIES if any(v.modality == m for v in views)],
        "dateMin": min(starts) if starts else None,
        "dateMax": max(ends) if ends else None,
        "counts": {"nodes": n_nodes, "edges": len(edges), "events": len(events)},
        "physics": physics_options(n_nodes),
        "improvedLayout": n_nodes <= SEED_LAYOUT_ABOVE,
        "edgeLabels": len(edges) <= 60,
        "big": n_nodes > 1000,
        "nodeStyles": NODE_STYLES,
        "colours": COLOURS,
    }
    actor_json = {
        iri: {"label": a.name, "kind": a.kind, "code": a.code}
        for iri, a in actors.items()
        if iri in used
    }
    return {"meta": meta, "actors": actor_json, "events": ev_json, "nodes": nodes, "edges": edges}
