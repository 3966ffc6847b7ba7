"""kg.query.events: the one reader of events, on a small hand-built graph in both backends.

Exact rows, the filters (modalities, kinds, period, actors) and their escaping, and that the
reader and its three callers (viewer, analysis, Python API) only ever run SELECTs through
`Store.query`: a store whose `quads`, `to_dataset` and `export` raise still serves them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

import kg
from kg.query.events import Actor, Document, EventRow, Mention, read_events
from kg.store import QueryResult, Store, open_store
from kg.vocab import (
    KGO,
    KGR,
    document_graph,
    document_iri,
    event_iri,
    igo_iri,
    mention_iri,
    person_iri,
    state_iri,
)

RUS, PRK, UKR, FRA = (state_iri(c) for c in ("RUS", "PRK", "UKR", "FRA"))
UN, PUTIN = igo_iri("UN"), person_iri("vladimir-putin")
NOBODY = KGR["org/nobody"]  # a party the store says nothing else about
VISIT, AID, PROBE, BARE = (event_iri(n) for n in ("visit", "aid", "probe", "bare"))
D1, D2 = document_iri("d1"), document_iri("d2")
CURATED = KGR["graph/curated/test"]


def reference() -> Graph:
    g = Graph()
    for node, cls, code, labels in (
        (RUS, KGO.State, "RUS", [("Russia", "en"), ("Russie", "fr")]),
        (PRK, KGO.State, "PRK", [("North Korea", "en")]),
        (UKR, KGO.State, "UKR", [("Ukraine", None)]),
        (UN, KGO.IntergovernmentalOrganisation, "UN", [("Nations unies", "fr"), ("ONU", "de")]),
        (FRA, KGO.State, "FRA", [("France", "en")]),  # named by no event: not read
    ):
        g.add((node, RDF.type, cls))
        g.add((node, KGO.code, Literal(code)))
        for text, lang in labels:
            g.add((node, RDFS.label, Literal(text, lang=lang)))
    g.add((PUTIN, RDF.type, KGO.Person))
    g.add((PUTIN, RDF.type, KGO.Organisation))  # typed twice: the person wins
    g.add((PUTIN, RDFS.label, Literal("Vladimir Putin", lang="en")))
    g.add((PUTIN, KGO.actsFor, RUS))
    return g


def event(g: Graph, node: URIRef, **facts: object) -> None:
    g.add((node, RDF.type, KGO.Event))
    for name, value in facts.items():
        values = value if isinstance(value, list) else [value]
        for v in values:
            g.add((node, PROV.wasDerivedFrom if name == "derivedFrom" else KGO[name], v))


def doc_graph(doc: URIRef, title: str, identifier: str) -> Graph:
    g = Graph()
    g.add((doc, RDF.type, KGO.Document))
    g.add((doc, DCTERMS.title, Literal(title)))
    g.add((doc, DCTERMS.identifier, Literal(identifier)))
    return g


def mention(g: Graph, ev: URIRef, doc: URIRef, start: int, sentence: str, own_doc=True) -> None:
    m = mention_iri(str(doc).rsplit("/", 1)[-1], start, start + 5, "r")
    g.add((ev, KGO.hasMention, m))
    g.add((m, KGO.sentence, Literal(sentence)))
    g.add((m, KGO.startChar, Literal(start)))
    if own_doc:
        g.add((m, PROV.wasDerivedFrom, doc))


def small_store(backend: str) -> Store:
    g1 = doc_graph(D1, "Putin to visit", "d-1")
    event(
        g1,
        VISIT,
        eventKind=Literal("visit"),
        actor=RUS,
        target=PRK,
        modality=KGO.Planned,
        eventDate=Literal("2024-06-18", datatype=XSD.date),
        datePrecision=Literal("day"),
        confidence=Literal(0.9),
        actorPerson=PUTIN,
        attributedTo=RUS,
        derivedFrom=D1,
    )
    g1.add((VISIT, RDFS.label, Literal("Russia visits North Korea", lang="en")))
    g1.add((VISIT, RDFS.label, Literal("La Russie visite", lang="fr")))
    mention(g1, VISIT, D1, 40, "Putin will go to Pyongyang.")
    mention(g1, VISIT, D1, 5, "Putin will visit North Korea.")
    g2 = doc_graph(D2, "Shells", "d-2")
    event(
        g2,
        AID,
        eventKind=Literal("aid_military"),
        actor=PRK,
        target=RUS,
        modality=KGO.Alleged,
        eventDate=Literal("2024-02", datatype=XSD.gYearMonth),
        goldstein=Literal(5.5),  # its own score, not the kind's
        attributedTo=UKR,
        deniedBy=[RUS, PRK],
        derivedFrom=[D2, D1],
    )
    mention(g2, AID, D2, 0, "Kyiv says Pyongyang ships shells.", own_doc=False)
    event(
        g2,
        PROBE,
        eventKind=Literal("investigate"),
        actor=UN,
        target=NOBODY,
        modality=KGO.Possible,
        eventDate=Literal("2023", datatype=XSD.gYear),
    )
    cur = Graph()
    event(cur, BARE, actor=FRA, curated=Literal(True), matchesCurated=VISIT)  # no kind, no target
    event(cur, VISIT)  # the visit is stated in the curated graph too
    store = open_store(None, backend=backend)
    store.replace_graphs(
        {
            KGR["graph/reference"]: reference(),
            document_graph("d1"): g1,
            document_graph("d2"): g2,
            CURATED: cur,
        }
    )
    return store


@pytest.fixture(params=["memory", "oxigraph"])
def store(request: pytest.FixtureRequest) -> Store:
    return small_store(request.param)


def visit_row(**changes: object) -> EventRow:
    row = EventRow(
        event=str(VISIT),
        source=str(RUS),
        source_code="RUS",
        source_label="Russia",
        source_kind="state",
        target=str(PRK),
        target_code="PRK",
        target_label="North Korea",
        target_kind="state",
        kind="visit",
        relation="visits",
        plover_type="CONSULT",
        modality="planned",
        date="2024-06-18",
        date_precision="day",
        goldstein=1.9,
        sources=(str(D1),),
        n_mentions=2,
        n_documents=1,
        curated=False,
        confidence=0.9,
        label="Russia visits North Korea",
        plover_mode="visit",
        actor_person=str(PUTIN),
        attributed_to=(str(RUS),),
        graphs=(str(CURATED), str(document_graph("d1"))),
    )
    return EventRow(**{**row.__dict__, **changes})


def test_exact_rows(store: Store) -> None:
    read = read_events(store)
    assert [r.event for r in read.events] == [str(BARE), str(PROBE), str(AID), str(VISIT)]
    bare, probe, aid, visit = read.events
    assert visit == visit_row()
    assert bare == EventRow(
        event=str(BARE),
        source=str(FRA),
        source_code="FRA",
        source_label="France",
        source_kind="state",
        curated=True,
        matches_curated=(str(VISIT),),
        graphs=(str(CURATED),),
    )
    assert (aid.goldstein, aid.plover_type, aid.modality, aid.date) == (
        5.5,
        "AID",
        "alleged",
        "2024-02",
    )
    assert aid.sources == (str(D1), str(D2))  # sorted
    assert aid.denied_by == (str(PRK), str(RUS)) and aid.attributed_to == (str(UKR),)
    assert aid.mentions == ()  # evidence not asked for
    assert (probe.source_kind, probe.source_label, probe.target_kind) == (
        "igo",
        "Nations unies",
        None,
    )
    assert (probe.target, probe.target_code, probe.target_label) == (str(NOBODY), None, None)
    assert (probe.source_id, probe.target_id, probe.day) == ("UN", "org/nobody", date(2023, 1, 1))


def test_actors_named_by_events(store: Store) -> None:
    actors = read_events(store).actors
    assert set(actors) == {str(a) for a in (RUS, PRK, UKR, UN, FRA, PUTIN, NOBODY)}
    assert actors[str(PUTIN)] == Actor(
        str(PUTIN), "Vladimir Putin", "person", None, acts_for=(str(RUS),)
    )
    assert actors[str(UKR)] == Actor(str(UKR), "Ukraine", "state", "UKR")  # untagged label
    assert actors[str(UN)].label == "Nations unies"  # French before German
    assert actors[str(NOBODY)] == Actor(str(NOBODY))
    assert actors[str(NOBODY)].name == "nobody"


def test_evidence(store: Store) -> None:
    read = read_events(store, evidence=True)
    visit = next(r for r in read.events if r.event == str(VISIT))
    assert visit == visit_row(
        mentions=(
            Mention("Putin will visit North Korea.", str(D1), "Putin to visit", "d-1", 5),
            Mention("Putin will go to Pyongyang.", str(D1), "Putin to visit", "d-1", 40),
        )
    )
    aid = next(r for r in read.events if r.event == str(AID))
    # a mention without its own document gets the event's first source
    assert aid.mentions == (
        Mention("Kyiv says Pyongyang ships shells.", str(D1), "Putin to visit", "d-1", 0),
    )
    assert read.documents == {
        str(D1): Document(str(D1), "Putin to visit", "d-1"),
        str(D2): Document(str(D2), "Shells", "d-2"),
    }


def names(rows: Iterable[EventRow]) -> list[str]:
    ids = {str(VISIT): "visit", str(AID): "aid", str(PROBE): "probe", str(BARE): "bare"}
    return [ids[r.event] for r in rows]


def test_filters(store: Store) -> None:
    assert names(read_events(store, modalities=["planned", "Alleged"]).events) == ["aid", "visit"]
    assert names(read_events(store, modalities="possible").events) == ["probe"]
    assert names(read_events(store, kinds=["visit", "investigate"]).events) == ["probe", "visit"]
    assert names(read_events(store, actors=[str(PRK)]).events) == ["aid", "visit"]
    assert names(read_events(store, actors=str(NOBODY)).events) == ["probe"]
    # a period keeps the events whose date period overlaps it; undated ones are left out
    assert names(read_events(store, since="2024-02-29").events) == ["aid", "visit"]
    assert names(read_events(store, since="2024-03", until="2024").events) == ["visit"]
    assert names(read_events(store, until="2023-01-01").events) == ["probe"]
    assert names(read_events(store, since=date(2023, 12, 31), until="2024-01").events) == ["probe"]
    both = read_events(store, modalities="alleged", since="2024", evidence=True)
    assert names(both.events) == ["aid"]
    assert set(both.actors) == {str(PRK), str(RUS), str(UKR)}  # only those the events name
    assert set(both.documents) == {str(D1), str(D2)}


def test_filter_values_are_escaped_and_checked(store: Store) -> None:
    assert read_events(store, kinds=['visit" } #']).events == []
    assert read_events(store, kinds=["visit\\"]).events == []
    with pytest.raises(ValueError, match="unknown modality rumoured"):
        read_events(store, modalities=["rumoured"])
    with pytest.raises(ValueError, match="actors must be IRIs"):
        read_events(store, actors=["urn:x> } #"])
    with pytest.raises(ValueError, match="unreadable date"):
        read_events(store, since="last week")
    with pytest.raises(TypeError, match="kinds must hold str"):
        read_events(store, kinds=[1])  # type: ignore[list-item]


def test_empty_store() -> None:
    read = read_events(open_store(None, backend="memory"), evidence=True)
    assert (read.events, read.actors, read.documents) == ([], {}, {})


class SelectOnly(Store):
    """A store that answers SELECTs and refuses everything that would copy it whole."""

    def __init__(self, inner: Store) -> None:
        self.inner = inner
        self.path = None
        self.queries: list[str] = []

    def query(self, sparql: str, max_rows: int | None = None) -> QueryResult:
        self.queries.append(sparql)
        return self.inner.query(sparql, max_rows)

    def _refuse(self, *args: object, **kwargs: object):
        raise AssertionError("events must be read with SPARQL SELECTs only")

    update = replace_graph = load_files = remove_graph = quads = _refuse
    to_dataset = export = _refuse

    def graphs(self) -> list[URIRef]:
        return self._refuse()

    def __len__(self) -> int:
        return self._refuse()


def test_readers_use_only_store_query(monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.analysis import events_table
    from kg.viz import graph_data, load_events

    store = SelectOnly(small_store("oxigraph"))
    assert len(read_events(store, evidence=True).events) == 4
    assert len(load_events(store).events) == 3  # the viewer draws events with a target
    assert graph_data(store, level="actor")["meta"]["counts"]["events"] == 3
    assert graph_data(store, query="SELECT ?event WHERE { ?event kgo:modality kgo:Planned }")
    assert len(events_table(store, modalities=None, since="2023")) == 3
    with kg.open(":memory:", backend="memory") as g:
        monkeypatch.setattr(type(g), "store", property(lambda self: store))
        assert [e["kind"] for e in g.events(dyad=("PRK", "RUS"))] == [
            "aid_military",
            "visit",
            "visit",
        ]
    assert all(q.lstrip().upper().startswith("PREFIX") for q in store.queries)
    assert all("SELECT" in q or "ASK" in q for q in store.queries)
