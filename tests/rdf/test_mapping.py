"""Mapping of documents, events and the gazetteer to RDF (docs/rdf-model.md)."""

from __future__ import annotations

from rdflib import BNode, Literal, Namespace
from rdflib.compare import isomorphic

from kg import vocab
from kg.extract.model import Actor, Event
from kg.rdf.mapping import (
    curated_events_graph,
    date_literal,
    document_quads,
    events_graph,
    link_to_curated,
    reference_graph,
)
from kg.vocab import DCTERMS, KGO, OWL, PROV, RDF, WD

XSD = Namespace(str(vocab.XSD))  # open namespace: pytest's collection probes attributes


def _event(g, kind: str, modality: str):
    nodes = [
        e
        for e in g.subjects(KGO.eventKind, Literal(kind))
        if (e, KGO.modality, vocab.modality_iri(modality)) in g
    ]
    assert len(nodes) == 1, (kind, modality, nodes)
    return nodes[0]


def test_mapping_is_deterministic_without_bnodes(seed_doc, seed_events) -> None:
    a = events_graph(seed_doc, seed_events)
    b = events_graph(seed_doc, list(seed_events))
    assert set(a) == set(b)
    assert isomorphic(a, b)
    assert not any(isinstance(x, BNode) for t in a for x in t)
    assert a.identifier == vocab.document_graph("seed-0001")


def test_mapping_event_node_follows_model(seed_doc, seed_events) -> None:
    g = events_graph(seed_doc, seed_events)
    ev = _event(g, "visit", "planned")
    assert ev == vocab.event_iri("seed-0001", "RUS", "visit", "PRK", "planned", "2024-06-18")
    # a document's report, not the event: the merged kgo:Event is the layer's (kg.identity.layer)
    assert (ev, RDF.type, KGO.EventReport) in g and (ev, RDF.type, KGO.Event) not in g
    assert (ev, RDF.type, KGO.Visit) not in g
    assert (ev, KGO.actor, vocab.state_iri("RUS")) in g
    assert (ev, KGO.target, vocab.state_iri("PRK")) in g
    assert (ev, KGO.actorPerson, vocab.person_iri("vladimir-putin")) in g
    assert (ev, KGO.attributedTo, vocab.state_iri("RUS")) in g
    assert (ev, KGO.eventDate, Literal("2024-06-18", datatype=XSD.date)) in g
    assert (ev, KGO.datePrecision, Literal("day")) in g
    assert (ev, KGO.ploverType, Literal("CONSULT")) in g
    assert (ev, KGO.cameoCode, Literal("042")) in g
    assert g.value(ev, KGO.goldstein).datatype == XSD.decimal
    assert g.value(ev, KGO.confidence).datatype == XSD.decimal
    assert (ev, PROV.wasDerivedFrom, vocab.document_iri("seed-0001")) in g
    mention = g.value(ev, KGO.hasMention)
    assert mention == vocab.mention_iri("seed-0001", 45, 52, "fr.visit.effectuer-visite")
    assert (mention, KGO.startChar, Literal(45, datatype=XSD.integer)) in g
    assert (mention, KGO.trigger, Literal("visite")) in g
    # the document node and the graph's provenance
    d = vocab.document_iri("seed-0001")
    assert (d, DCTERMS.issued, Literal("2024-06-17", datatype=XSD.date)) in g
    assert (vocab.document_graph("seed-0001"), PROV.wasDerivedFrom, d) in g


def test_mapping_direct_triples_only_for_asserted(seed_doc, seed_events) -> None:
    g = events_graph(seed_doc, seed_events)
    rus, prk, usa = (vocab.state_iri(c) for c in ("RUS", "PRK", "USA"))
    assert (usa, KGO.sanctions, rus) in g
    assert (rus, KGO.sanctions, usa) not in g  # not symmetric
    assert (rus, KGO.signsAgreementWith, prk) in g and (prk, KGO.signsAgreementWith, rus) in g
    assert (rus, KGO.visits, prk) not in g  # planned
    assert (prk, KGO.suppliesMilitaryAidTo, rus) not in g  # alleged
    assert (vocab.org_iri("Groupe Wagner"), KGO.attacks, vocab.state_iri("UKR")) in g


def test_mapping_alleged_event_is_claim_with_denials(seed_doc, seed_events) -> None:
    g = events_graph(seed_doc, seed_events)
    ev = _event(g, "aid_military", "alleged")
    assert (ev, RDF.type, KGO.EventReport) in g and (ev, RDF.type, KGO.Claim) not in g
    assert set(g.objects(ev, KGO.deniedBy)) == {vocab.state_iri("PRK"), vocab.state_iri("RUS")}
    assert (ev, KGO.attributedTo, vocab.state_iri("USA")) in g
    assert set(g.subjects(KGO.deniedBy, None)) == {ev}


def test_mapping_dates_typed_by_precision() -> None:
    assert date_literal("2024") == (Literal("2024", datatype=XSD.gYear), "year")
    assert date_literal("2024-06") == (Literal("2024-06", datatype=XSD.gYearMonth), "month")
    assert date_literal("2024-06-18") == (Literal("2024-06-18", datatype=XSD.date), "day")
    assert date_literal("") is None and date_literal("mardi") is None


def test_mapping_merges_repeated_mentions_of_one_event(seed_doc) -> None:
    rus, prk = Actor("RUS", "Russie"), Actor("PRK", "Corée du Nord")
    events = [Event("meet", rus, prk, confidence=0.5), Event("meet", rus, prk, confidence=0.7)]
    g = events_graph(seed_doc, events)
    (ev,) = set(g.subjects(RDF.type, KGO.EventReport))
    assert float(g.value(ev, KGO.confidence)) == 0.7
    assert (vocab.state_iri("PRK"), KGO.meets, vocab.state_iri("RUS")) in g


def test_mapping_document_quads_puts_everything_in_the_doc_graph(seed_doc, seed_events) -> None:
    ds = document_quads(seed_doc, seed_events)
    graphs = {c for _s, _p, _o, c in ds.quads((None, None, None, None))}
    assert graphs == {vocab.document_graph("seed-0001")}
    assert len(list(ds.quads((None, None, None, None)))) == len(events_graph(seed_doc, seed_events))


def test_mapping_link_to_curated_matches_agreeing_events(seed_doc, seed_events) -> None:
    extracted = events_graph(seed_doc, seed_events)
    rus, prk, usa = Actor("RUS", "Russia"), Actor("PRK", "North Korea"), Actor("USA", "US")
    curated = curated_events_graph(
        "test",
        [
            Event("sanction", usa, rus),  # matches (no date on either side)
            Event("sign_agreement", prk, rus, date="2000-07-19"),  # symmetric, compatible date
            # modality differs: no match, but it realises the visit planned for the 18th
            Event("visit", rus, prk, "asserted", date="2024-06-19"),
        ],
        [vocab.source_iri("test")],
    )
    links = link_to_curated(extracted, curated)
    matches = [(s, o) for s, p, o in links if p == KGO.matchesCurated]
    kinds = {str(extracted.value(s, KGO.eventKind)) for s, _o in matches}
    assert kinds == {"sanction", "sign_agreement"} and len(matches) == 2
    assert all((o, KGO.curated, Literal(True)) in curated for _s, o in matches)
    [(happened, plan)] = [(s, o) for s, p, o in links if p == KGO.realises]
    assert (happened, KGO.curated, Literal(True)) in curated
    assert str(extracted.value(plan, KGO.eventKind)) == "visit"
    assert extracted.value(plan, KGO.modality) == vocab.modality_iri("planned")


def test_mapping_reference_graph_states_persons_tenures(fake_gazetteer) -> None:
    g = reference_graph(fake_gazetteer)
    rus = vocab.state_iri("RUS")
    assert (rus, OWL.sameAs, WD.Q159) in g
    assert (rus, RDF.type, KGO.State) in g
    assert (rus, KGO.code, Literal("RUS")) in g
    assert (rus, vocab.RDFS.label, Literal("Russie", lang="fr")) in g
    assert (vocab.igo_iri("UN"), OWL.sameAs, WD.Q1065) in g
    putin = vocab.person_iri("vladimir-putin")
    assert (putin, OWL.sameAs, WD.Q7747) in g and (putin, KGO.actsFor, rus) in g
    office = vocab.office_iri("head_of_state", "RUS")
    assert (office, KGO.officeType, KGO.HeadOfState) in g and (office, KGO.officeOf, rus) in g
    (tenure,) = set(g.subjects(KGO.holder, putin))
    assert (tenure, RDF.type, KGO.OfficeHolding) in g and (tenure, KGO.office, office) in g
    assert (tenure, KGO.startDate, Literal("2012-05-07", datatype=XSD.date)) in g
    assert (tenure, KGO.endDate, None) not in g
    assert not any(isinstance(x, BNode) for t in g for x in t)
    assert set(g) == set(reference_graph(fake_gazetteer))


def test_mapping_reference_graph_from_real_gazetteer() -> None:
    from kg.gazetteer import load_gazetteer

    gz = load_gazetteer()
    g = reference_graph(gz)
    assert (vocab.state_iri("RUS"), OWL.sameAs, WD.Q159) in g
    assert (vocab.state_iri("PRK"), OWL.sameAs, WD.Q423) in g
    assert len(set(g.subjects(RDF.type, KGO.State))) == len(gz.states)
    assert len(set(g.subjects(RDF.type, KGO.OfficeHolding))) == len(gz.tenures)
    putin = vocab.person_iri("vladimir-putin")
    holdings = set(g.subjects(KGO.holder, putin))
    starts = {str(g.value(h, KGO.startDate)) for h in holdings}
    assert {"2000-05-07", "2012-05-07"} <= starts
    office_types = set(g.objects(None, KGO.officeType))
    assert {KGO.HeadOfState, KGO.ForeignMinister} <= office_types


def test_mapping_person_coded_to_no_state_is_a_person_not_an_organisation(seed_doc) -> None:
    singer = Actor("OTHER", "Yannick Noah", kind="person")
    club = Actor("OTHER", "Olympique lyonnais", kind="organisation")
    fra = Actor("FRA", "France")
    g = events_graph(seed_doc, [Event("praise", singer, fra), Event("criticise", fra, club)])
    person, org = vocab.named_person_iri("Yannick Noah"), vocab.org_iri("Olympique lyonnais")
    assert set(g.subjects(RDF.type, KGO.Person)) == {person}
    assert set(g.subjects(RDF.type, KGO.Organisation)) == {org}
    assert set(g.objects(None, KGO.actor)) == {person, vocab.state_iri("FRA")}
    assert (person, KGO.code, Literal("OTHER")) in g
    assert (person, KGO.praises, vocab.state_iri("FRA")) in g


def test_mapping_gazetteer_person_of_no_state_is_their_person_node(seed_doc) -> None:
    former = Actor("OTHER", "Ancien ministre", kind="person", person_id="ex-minister", qid="Q1")
    g = events_graph(seed_doc, [Event("praise", former, Actor("FRA", "France"))])
    node = vocab.person_iri("ex-minister")
    assert set(g.subjects(RDF.type, KGO.Person)) == {node}
    assert (node, OWL.sameAs, WD.Q1) in g
    assert set(g.subjects(RDF.type, KGO.Organisation)) == set()


def test_mapping_date_interval_is_owl_time_with_an_open_side(seed_doc) -> None:
    from datetime import date

    from kg.dates import DateInterval

    TIME = Namespace(str(vocab.TIME))
    rus, prk = Actor("RUS", "Russie"), Actor("PRK", "Corée du Nord")
    before = DateInterval(None, date(2004, 6, 17), "before")
    g = events_graph(seed_doc, [Event("visit", rus, prk, date="2004", date_interval=before)])
    (ev,) = set(g.subjects(RDF.type, KGO.EventReport))
    when = g.value(ev, KGO.dateInterval)
    assert (when, RDF.type, TIME.Interval) in g
    assert str(g.value(when, KGO.dateGranularity)) == "before"
    assert g.value(when, TIME.hasBeginning) is None and g.value(when, TIME.unitType) is None
    end = g.value(when, TIME.hasEnd)
    assert g.value(end, TIME.inXSDDate) == Literal("2004-06-17", datatype=XSD.date)
    month = DateInterval.from_iso("2024-06")
    g = events_graph(seed_doc, [Event("visit", rus, prk, date="2024-06", date_interval=month)])
    when = g.value(next(iter(set(g.subjects(RDF.type, KGO.EventReport)))), KGO.dateInterval)
    assert g.value(when, TIME.unitType) == TIME.unitMonth
    days = sorted(
        str(g.value(g.value(when, side), TIME.inXSDDate))
        for side in (TIME.hasBeginning, TIME.hasEnd)
    )
    assert days == ["2024-06-01", "2024-06-30"]
