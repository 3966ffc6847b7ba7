"""The ontology: parses, covers every event kind, generated module up to date, shapes parse."""

from __future__ import annotations

from rdflib import Literal
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from kg.eventkinds import event_kinds
from kg.rdf import ontology_gen
from kg.rdf.ontology import ONTOLOGY_FILES, load_ontology, load_shapes
from kg.vocab import KGO

MODALITIES = ("Asserted", "Planned", "Possible", "Negated", "Alleged")


def test_ontology_parses_both_files() -> None:
    g = load_ontology()
    assert all(p.exists() for p in ONTOLOGY_FILES)
    assert (None, RDF.type, OWL.Ontology) in g
    assert len(g) > 1000


def test_ontology_every_kind_has_class_and_relation() -> None:
    g = load_ontology()
    for k in event_kinds().values():
        cls = KGO[k.event_class]
        assert (cls, RDF.type, OWL.Class) in g, k.key
        assert (cls, RDFS.subClassOf, KGO.Event) in g, k.key
        assert (cls, KGO.directRelation, KGO[k.relation]) in g, k.key
        assert (cls, KGO.cameoCode, Literal(k.cameo)) in g, k.key
        assert float(g.value(cls, KGO.goldstein).toPython()) == k.goldstein, k.key
        assert {lit.language for lit in g.objects(cls, RDFS.label)} == {"en", "fr"}
        rel = KGO[k.relation]
        assert (rel, RDF.type, OWL.ObjectProperty) in g, k.relation
        assert (rel, RDFS.domain, KGO.Actor) in g and (rel, RDFS.range, KGO.Actor) in g


def test_ontology_symmetric_and_inverse_declared() -> None:
    g = load_ontology()
    for k in event_kinds().values():
        rel = KGO[k.relation]
        assert ((rel, RDF.type, OWL.SymmetricProperty) in g) == k.symmetric, k.relation
        if k.inverse_relation:
            inv = KGO[k.inverse_relation]
            assert (rel, OWL.inverseOf, inv) in g and (inv, OWL.inverseOf, rel) in g
    assert (KGO.visits, OWL.inverseOf, KGO.hosts) in g
    assert (KGO.deniedBy, OWL.inverseOf, KGO.denies) in g


def test_ontology_gen_file_is_up_to_date() -> None:
    committed = ontology_gen.EVENT_KINDS_TTL.read_text(encoding="utf-8")
    assert committed == ontology_gen.render(), (
        "ontology/event-kinds.ttl is stale: run python -m kg.rdf.ontology_gen"
    )


def test_ontology_declares_required_terms() -> None:
    g = load_ontology()
    classes = [
        "Actor", "State", "Person", "Organisation", "IntergovernmentalOrganisation", "Office",
        "OfficeType", "OfficeHolding", "Event", "Claim", "Mention", "Document", "Modality",
    ]  # fmt: skip
    for name in classes:
        assert (KGO[name], RDF.type, OWL.Class) in g, name
    relations = [
        "meets", "signsAgreementWith", "sanctions", "accuses", "denies", "suppliesMilitaryAidTo",
        "cooperatesWith", "praises", "threatens", "attacks", "visits", "hosts",
    ]  # fmt: skip
    for name in relations:
        assert (KGO[name], RDF.type, OWL.ObjectProperty) in g, name
    props = [
        "actor", "target", "actorPerson", "targetPerson", "modality", "attributedTo", "deniedBy",
        "eventDate", "datePrecision", "dateApproximate", "confidence", "hasMention",
        "matchesCurated", "curated", "eventKind", "code", "actsFor", "holder", "office",
        "officeOf", "officeType", "startDate", "endDate", "sentence", "startChar", "endChar",
        "trigger", "rule", "text", "ploverType", "ploverMode", "cameoCode", "goldstein",
        "directRelation",
    ]  # fmt: skip
    for name in props:
        assert g.value(KGO[name], RDF.type) is not None, name
    for sub in ("State", "Person", "Organisation"):
        assert (KGO[sub], RDFS.subClassOf, KGO.Actor) in g
    for office in ("HeadOfState", "HeadOfGovernment", "ForeignMinister", "DefenceMinister"):
        assert (KGO[office], RDF.type, KGO.OfficeType) in g


def test_ontology_modalities_have_labels_and_definitions() -> None:
    g = load_ontology()
    for name in MODALITIES:
        m = KGO[name]
        assert (m, RDF.type, KGO.Modality) in g
        assert {lit.language for lit in g.objects(m, SKOS.prefLabel)} == {"en", "fr"}
        assert {lit.language for lit in g.objects(m, SKOS.definition)} == {"en", "fr"}


def test_ontology_shapes_parse_and_target_core_classes() -> None:
    shapes = load_shapes()
    classes = set(shapes.objects(None, SH.targetClass))
    assert {KGO.Event, KGO.Mention, KGO.State, KGO.Document} <= classes
