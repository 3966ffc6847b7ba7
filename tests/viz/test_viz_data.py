"""Reading events and actors out of the store for the viewer."""

from __future__ import annotations

import pytest
import sample_store as S

from kg.errors import InputError, QueryError
from kg.store import Store, open_store
from kg.viz.data import (
    date_range,
    filter_events,
    load_events,
    parse_bound,
    restrict_to_query,
    view_of,
)


def by_kind(events, key, modality=None):
    return [e for e in events if e.kind == key and (modality is None or e.modality == modality)]


def test_reads_every_event_with_its_fields(store: Store) -> None:
    data = load_events(store)
    assert len(data.events) == len(S.EVENTS) == 8
    (visit,) = by_kind(data.events, "visit", "planned")
    assert visit.source == str(S.RUS) and visit.target == str(S.PRK)
    assert view_of(visit).relation == "visits" and view_of(visit).relation_label == "visit"
    assert visit.plover_type == "CONSULT" and visit.goldstein == pytest.approx(1.9)
    assert visit.date == "2024-06-18"
    assert visit.actor_person == str(S.PUTIN)
    assert visit.attributed_to == (str(S.RUS),)
    assert len(visit.mentions) == 2 and view_of(visit).weight == 2
    assert {m.doc_id for m in visit.mentions} == {S.DOC1, S.DOC2}
    assert {m.doc_title for m in visit.mentions} == {"Putin to visit Pyongyang", S.XSS_TITLE}
    (aid,) = by_kind(data.events, "aid_military")
    assert aid.modality == "alleged" and view_of(aid).denied
    assert aid.denied_by == tuple(sorted([str(S.PRK), str(S.RUS)]))
    assert aid.mentions[0].sentence == S.XSS_SENTENCE
    (meet, *_) = by_kind(data.events, "meet")
    assert view_of(meet).symmetric


def test_actor_labels_prefer_english_and_kinds(store: Store) -> None:
    actors = load_events(store).actors
    assert actors[str(S.PRK)].label == "North Korea"
    assert actors[str(S.UN)].label == "United Nations"
    assert actors[str(S.UN)].kind == "igo"
    assert actors[str(S.PUTIN)].kind == "person"
    assert actors[str(S.PUTIN)].acts_for == (str(S.RUS),)
    assert actors[str(S.RUS)].kind == "state" and actors[str(S.RUS)].code == "RUS"


def test_empty_store_gives_no_events() -> None:
    data = load_events(open_store(None, backend="memory"))
    assert data.events == [] and data.actors == {}


def test_date_ranges() -> None:
    assert date_range("2024") == ("2024-01-01", "2024-12-31")
    assert date_range("2024-02") == ("2024-02-01", "2024-02-29")
    assert date_range("2024-06-18") == ("2024-06-18", "2024-06-18")
    assert date_range(None) == (None, None)
    assert parse_bound("2024-06", end=True) == "2024-06-30"
    with pytest.raises(InputError):
        parse_bound("June 2024")


def test_filters_by_date_and_modality(mem_store: Store) -> None:
    events = load_events(mem_store).events
    assert len(filter_events(events, since="2024-06")) == 3  # planned visit + 2 meetings
    assert len(filter_events(events, until="2023")) == 1  # the 2023 investigation (gYear)
    # The negated visit is dated 2024-02 (a month): it overlaps a bound inside that month.
    assert [e.kind for e in filter_events(events, since="2024-02-15", until="2024-02-20")] == [
        "visit"
    ]
    kept = filter_events(events, modalities=["planned", "alleged"])
    assert sorted(e.modality for e in kept) == ["alleged", "alleged", "planned"]
    with pytest.raises(InputError):
        filter_events(events, modalities=["rumoured"])


def test_user_query_by_event(mem_store: Store) -> None:
    events = load_events(mem_store).events
    q = 'SELECT ?event WHERE { ?event kgo:eventKind "meet" }'
    from kg.viz.data import resolve_query

    kept = restrict_to_query(mem_store, events, resolve_query(q))
    assert [e.kind for e in kept] == ["meet", "meet"]


def test_user_query_by_pairs_and_relation(mem_store: Store) -> None:
    from kg.viz.data import resolve_query

    events = load_events(mem_store).events
    q = "SELECT ?source ?target ?relation WHERE { ?source ?relation ?target . FILTER(?relation = kgo:meets) }"
    kept = restrict_to_query(mem_store, events, resolve_query(q))
    # The direct triple PRK meets RUS (and RUS meets PRK): both meetings, symmetric.
    assert sorted(e.kind for e in kept) == ["meet", "meet"]
    q2 = f"SELECT ?source ?target WHERE {{ VALUES (?source ?target) {{ (<{S.RUS}> <{S.UKR}>) }} }}"
    assert [e.kind for e in restrict_to_query(mem_store, events, resolve_query(q2))] == ["attack"]


def test_user_query_needs_event_or_pairs(mem_store: Store) -> None:
    from kg.viz.data import resolve_query

    events = load_events(mem_store).events
    with pytest.raises(QueryError):
        restrict_to_query(mem_store, events, resolve_query("SELECT ?x WHERE { ?x a kgo:State }"))


def test_user_query_with_service_is_refused(mem_store: Store) -> None:
    from kg.errors import ServiceRefused
    from kg.viz.data import resolve_query

    events = load_events(mem_store).events
    sparql = "SELECT ?event WHERE { SERVICE <http://example.org/sparql> { ?event ?p ?o } }"
    with pytest.raises(ServiceRefused):
        restrict_to_query(mem_store, events, resolve_query(sparql))


def test_query_from_rq_file(mem_store: Store, tmp_path) -> None:
    from kg.viz.data import resolve_query

    f = tmp_path / "q.rq"
    f.write_text("SELECT ?event WHERE { ?event kgo:modality kgo:Alleged }", encoding="utf-8")
    kept = restrict_to_query(mem_store, load_events(mem_store).events, resolve_query(str(f)))
    assert sorted(e.kind for e in kept) == ["aid_military", "criticise"]


def test_person_coded_to_no_state_is_shown_as_a_person() -> None:
    from kg import vocab
    from kg.extract.model import Actor, Document, Event
    from kg.identity.layer import rebuild_layer
    from kg.rdf.mapping import events_graph
    from kg.store import open_store
    from kg.viz.data import load_events

    singer = Actor("OTHER", "Yannick Noah", kind="person")
    doc = Document("p-1", "texte", date="2024-05-02")
    store = open_store(None, backend="memory")
    graph = events_graph(doc, [Event("praise", singer, Actor("FRA", "France"))])
    store.replace_graph(vocab.document_graph(doc.id), graph)
    rebuild_layer(store)  # the document holds a report; the event is the layer's
    data = load_events(store)
    person = str(vocab.named_person_iri("Yannick Noah"))
    assert data.actors[person].kind == "person"
    assert [e.source for e in data.events] == [person]
