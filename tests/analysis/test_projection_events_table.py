"""events_table on the hand-built store: filters, dates, provenance, curated folding."""

from __future__ import annotations

import pytest

from kg.analysis import events_table, parse_period
from kg.vocab import document_iri, event_iri


def _names(rows):
    ids = {
        str(event_iri(n)): n
        for n in ("e1", "e2", "e3", "e4", "e5", "e6", "e7", "curated-meet", "extracted-meet")
    }
    return [ids[r.event] for r in rows]


def test_default_keeps_asserted_only(small_store):
    rows = events_table(small_store)
    assert {r.modality for r in rows} == {"asserted"}
    assert sorted(_names(rows)) == ["curated-meet", "e1", "e2", "e3", "e5", "e7"]


def test_all_modalities_and_one_modality(small_store):
    assert len(events_table(small_store, modalities=None)) == 8
    assert _names(events_table(small_store, modalities=["planned"])) == ["e4"]
    assert _names(events_table(small_store, modalities=("alleged", "planned"))) == ["e6", "e4"]


def test_unknown_modality_is_an_error(small_store):
    with pytest.raises(ValueError, match="modality"):
        events_table(small_store, modalities=["rumoured"])


def test_rows_sorted_by_date(small_store):
    rows = events_table(small_store)
    assert [r.date for r in rows] == [
        "2023",
        "2024-01-15",
        "2024-02",
        "2024-03-10",
        "2024-04-02",
        "2024-05-06",
    ]


def test_time_window_overlaps_periods(small_store):
    # 2024-02 (a month) overlaps [2024-02-10, 2024-03-31]; 2024-01-15 and 2024-04-02 do not.
    rows = events_table(small_store, since="2024-02-10", until="2024-03")
    assert _names(rows) == ["e2", "e3"]
    # a year-precision event overlaps any window inside that year
    assert _names(events_table(small_store, since="2023-06", until="2023-07")) == ["e5"]
    assert _names(events_table(small_store, until="2023-12-31")) == ["e5"]


def test_bad_date_is_an_error(small_store):
    with pytest.raises(ValueError, match="unreadable date"):
        events_table(small_store, since="last week")


def test_row_fields(small_store):
    (row,) = [r for r in events_table(small_store) if r.kind == "sanction"]
    assert row.source_code == "FRA" and row.target_code == "RUS"
    assert row.source_label == "France"  # the English label, not the French one
    assert row.source_kind == "state"
    assert row.relation == "sanctions"
    assert row.plover_type == "COERCE"
    assert row.goldstein == -8.0
    # reported by two documents, one mention each
    assert row.sources == (str(document_iri("d1")), str(document_iri("d2")))
    assert row.n_mentions == 2
    assert row.source_id == "FRA"


def test_organisation_node_id_and_label_fallback(small_store):
    (row,) = events_table(small_store, kinds=["criticise"])
    assert row.source_kind == "igo" and row.source_id == "UN"
    assert row.target_kind == "organisation"
    assert row.target_id == "org/hamas"  # code OTHER is not a name
    assert row.target_label == "Hamas"  # only a French label exists


def test_kind_plover_and_actor_kind_filters(small_store):
    assert _names(events_table(small_store, kinds=["visit"], modalities=None)) == ["e1", "e4"]
    assert sorted(_names(events_table(small_store, plover_types=["CONSULT"]))) == [
        "curated-meet",
        "e1",
    ]
    states = events_table(small_store, actor_kinds=["state"])
    assert "e7" not in _names(states) and len(states) == 5


def test_extracted_event_folded_into_matching_curated_event(small_store):
    rows = [r for r in events_table(small_store) if r.kind == "meet"]
    assert len(rows) == 1
    (meet,) = rows
    assert meet.curated
    assert str(document_iri("d3")) in meet.sources
    assert meet.n_mentions == 1


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2024", "2024-01-01", "2024-12-31"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2024-06-18", "2024-06-18", "2024-06-18"),
    ],
)
def test_parse_period(text, first, last):
    start, end = parse_period(text)
    assert (start.isoformat(), end.isoformat()) == (first, last)


def test_parse_period_rejects_garbage():
    assert parse_period("June") is None
    assert parse_period("2024-13") is None


def test_node_id_without_reference_graph():
    from kg.analysis import node_id

    assert node_id(None, "https://w3id.org/geopol-kg/resource/state/RUS") == "RUS"
    assert node_id(None, "https://w3id.org/geopol-kg/resource/igo/UN") == "UN"
    assert node_id("OTHER", "https://w3id.org/geopol-kg/resource/org/hamas") == "org/hamas"
    assert node_id(None, "http://example.org/x") == "http://example.org/x"


def test_person_coded_to_no_state_is_a_person_row_and_node() -> None:
    from kg import vocab
    from kg.analysis.projection import events_table, weighted_digraph
    from kg.extract.model import Actor, Document, Event
    from kg.identity.layer import rebuild_layer
    from kg.rdf.mapping import events_graph
    from kg.store import open_store

    singer = Actor("OTHER", "Yannick Noah", kind="person")
    doc = Document("p-1", "texte", date="2024-05-02")
    store = open_store(None, backend="memory")
    store.replace_graph(
        vocab.document_graph(doc.id),
        events_graph(doc, [Event("praise", singer, Actor("FRA", "France"))]),
    )
    rebuild_layer(store)  # the document holds a report; the event is the layer's
    (row,) = events_table(store)
    assert (row.source_kind, row.source_code, row.source_id) == (
        "person",
        "OTHER",
        "person/named/yannick-noah",
    )
    graph = weighted_digraph([row])
    assert graph.nodes["person/named/yannick-noah"]["kind"] == "person"
