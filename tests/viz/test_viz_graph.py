"""Nodes, edges and their styles (no browser)."""

from __future__ import annotations

import pytest
import sample_store as S

from kg.store import Store
from kg.viz import graph_data
from kg.viz.graph import COLOURS, MODALITY_DASHES, NODE_STYLES, edge_style, goldstein_colour


def edge(payload, relation, modality):
    found = [e for e in payload["edges"] if e["relation"] == relation and e["modality"] == modality]
    assert len(found) == 1, (relation, modality, found)
    return found[0]


def test_goldstein_colours() -> None:
    assert goldstein_colour(7.0) == COLOURS["cooperation"]
    assert goldstein_colour(-10) == COLOURS["conflict"]
    assert goldstein_colour(0.0) == goldstein_colour(None) == COLOURS["neutral"]
    assert goldstein_colour(0.4) == COLOURS["neutral"]


def test_edge_style_per_modality() -> None:
    assert edge_style("asserted", 5)["dashes"] is False
    assert edge_style("planned", 5)["dashes"] == MODALITY_DASHES["planned"]
    assert edge_style("possible", 5)["dashes"] != edge_style("planned", 5)["dashes"]
    assert edge_style("alleged", 5) == {"color": COLOURS["alleged"], "dashes": [2, 5]}
    assert edge_style("alleged", 5, denied=True)["color"] == COLOURS["denied"]
    assert edge_style("negated", 5)["color"] == COLOURS["negated"]


def test_state_level_counts(store: Store) -> None:
    p = graph_data(store, level="state")
    # Actors coded as actor/target: RUS, PRK, FRA, UKR, UN (Putin only acts for RUS).
    assert {n["label"] for n in p["nodes"]} == {
        "Russia",
        "North Korea",
        "France",
        "Ukraine",
        "United Nations",
    }
    # 8 events; the two meetings (symmetric, both directions) share one edge.
    assert len(p["edges"]) == 7
    assert p["meta"]["counts"] == {"nodes": 5, "edges": 7, "events": 8}
    meet = edge(p, "meets", "asserted")
    assert len(meet["events"]) == 2 and meet["arrows"] == "" and meet["mentions"] == 2


def test_state_level_styles(store: Store) -> None:
    p = graph_data(store)
    visit = edge(p, "visits", "planned")
    assert visit["color"] == COLOURS["cooperation"] and visit["dashes"] == [10, 6]
    assert visit["arrows"] == "to" and visit["from"] == str(S.RUS) and visit["to"] == str(S.PRK)
    attack = edge(p, "attacks", "asserted")
    assert attack["color"] == COLOURS["conflict"] and attack["dashes"] is False
    aid = edge(p, "suppliesMilitaryAidTo", "alleged")
    assert aid["denied"] and aid["color"] == COLOURS["denied"] and aid["dashes"] == [2, 5]
    crit = edge(p, "criticises", "alleged")
    assert not crit["denied"] and crit["color"] == COLOURS["alleged"]
    assert edge(p, "visits", "negated")["color"] == COLOURS["negated"]
    assert edge(p, "investigates", "possible")["dashes"] == [4, 6]
    # Width grows with mentions: 3 mentions > 2 > 1.
    assert attack["width"] > visit["width"] > crit["width"]
    assert attack["mentions"] == 3


def test_node_styles_and_sizes(store: Store) -> None:
    p = graph_data(store)
    nodes = {n["label"]: n for n in p["nodes"]}
    assert nodes["United Nations"]["shape"] == NODE_STYLES["igo"]["shape"]
    assert nodes["Russia"]["shape"] == NODE_STYLES["state"]["shape"]
    assert nodes["Russia"]["events"] == 7 and nodes["United Nations"]["events"] == 1
    assert nodes["Russia"]["size"] > nodes["France"]["size"] > nodes["United Nations"]["size"]


def test_actor_level(store: Store) -> None:
    p = graph_data(store, level="actor")
    kinds = [n["kind"] for n in p["nodes"]]
    assert kinds.count("event") == 8
    assert "person" in kinds  # Putin acts in the planned visit
    # 2 edges per event + Putin acts for Russia.
    assert len(p["edges"]) == 17
    acts = [e for e in p["edges"] if e["type"] == "actsFor"]
    assert [(e["from"], e["to"]) for e in acts] == [(str(S.PUTIN), str(S.RUS))]
    visit_node = next(n for n in p["nodes"] if n["kind"] == "event" and n["modality"] == "planned")
    into = [e for e in p["edges"] if e["to"] == visit_node["id"]]
    assert [e["from"] for e in into] == [str(S.PUTIN)]
    meet_edges = [e for e in p["edges"] if e["relation"] == "meets"]
    assert meet_edges and all(e["arrows"] == "" for e in meet_edges)


def test_filters_through_graph_data(store: Store) -> None:
    p = graph_data(store, modality="asserted", since="2024-01-01")
    assert {e["relation"] for e in p["edges"]} == {"meets", "attacks"}
    assert p["meta"]["modalities"] == ["asserted"]


def test_unknown_level(store: Store) -> None:
    from kg.errors import InputError

    with pytest.raises(InputError):
        graph_data(store, level="galaxy")


def test_big_graphs_get_seed_positions() -> None:
    from kg.viz.data import Actor, Event
    from kg.viz.graph import SEED_LAYOUT_ABOVE, build_payload

    n = SEED_LAYOUT_ABOVE + 10
    actors = {f"urn:a{i}": Actor(iri=f"urn:a{i}", label=f"A{i}", kind="state") for i in range(n)}
    events = [
        Event(event=f"urn:e{i}", source=f"urn:a{i}", target=f"urn:a{(i + 1) % n}", relation="meets")
        for i in range(n)
    ]
    p = build_payload(events, actors)
    assert all("x" in node and "y" in node for node in p["nodes"])
    assert len({(node["x"], node["y"]) for node in p["nodes"]}) == n
    assert build_payload(events, actors)["nodes"] == p["nodes"]  # deterministic
    assert p["meta"]["improvedLayout"] is False
    small = build_payload(events[:5], actors)
    assert not any("x" in node for node in small["nodes"])
