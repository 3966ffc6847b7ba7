"""A small hand-built event graph, following docs/rdf-model.md, in both store backends."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS

from kg.store import open_store
from kg.vocab import (
    KGO,
    KGR,
    document_graph,
    document_iri,
    event_iri,
    igo_iri,
    mention_iri,
    modality_iri,
    org_iri,
    state_iri,
)

_XSD_NS = "http://www.w3.org/2001/XMLSchema#"
DATE, GYEARMONTH, GYEAR, DECIMAL = (
    URIRef(_XSD_NS + t) for t in ("date", "gYearMonth", "gYear", "decimal")
)

STATES = {
    "FRA": "France",
    "DEU": "Germany",
    "RUS": "Russia",
    "UKR": "Ukraine",
    "PRK": "North Korea",
}

# (name, doc, actor, kind, class, plover, goldstein, target, modality, date, datatype, n mentions)
EVENTS = [
    (
        "e1",
        "d1",
        "FRA",
        "visit",
        "Visit",
        "CONSULT",
        1.9,
        "DEU",
        "asserted",
        "2024-01-15",
        DATE,
        2,
    ),
    (
        "e2",
        "d2",
        "RUS",
        "attack",
        "Attack",
        "ASSAULT",
        -10.0,
        "UKR",
        "asserted",
        "2024-02",
        GYEARMONTH,
        1,
    ),
    (
        "e3",
        "d1",
        "FRA",
        "sanction",
        "EconomicSanction",
        "COERCE",
        -8.0,
        "RUS",
        "asserted",
        "2024-03-10",
        DATE,
        1,
    ),
    (
        "e3",
        "d2",
        "FRA",
        "sanction",
        "EconomicSanction",
        "COERCE",
        -8.0,
        "RUS",
        "asserted",
        "2024-03-10",
        DATE,
        1,
    ),
    (
        "e4",
        "d2",
        "RUS",
        "visit",
        "Visit",
        "CONSULT",
        1.9,
        "PRK",
        "planned",
        "2024-06-18",
        DATE,
        1,
    ),
    (
        "e5",
        "d1",
        "DEU",
        "cooperate_economic",
        "EconomicCooperation",
        "COOPERATE",
        6.4,
        "FRA",
        "asserted",
        "2023",
        GYEAR,
        1,
    ),
    (
        "e6",
        "d2",
        "RUS",
        "attack",
        "Attack",
        "ASSAULT",
        -10.0,
        "FRA",
        "alleged",
        "2024-03-01",
        DATE,
        1,
    ),
    (
        "e7",
        "d1",
        "UN",
        "criticise",
        "Disapproval",
        "ACCUSE",
        -2.0,
        "org:Hamas",
        "asserted",
        "2024-04-02",
        DATE,
        1,
    ),
]


def _actor(code: str):
    if code.startswith("org:"):
        return org_iri(code[4:])
    return state_iri(code) if len(code) == 3 else igo_iri(code)


def reference_graph() -> Graph:
    g = Graph()
    for code, label in STATES.items():
        s = state_iri(code)
        g.add((s, RDF.type, KGO.State))
        g.add((s, KGO.code, Literal(code)))
        g.add((s, RDFS.label, Literal(label, lang="en")))
        g.add((s, RDFS.label, Literal(label + " (fr)", lang="fr")))
    un = igo_iri("UN")
    g.add((un, RDF.type, KGO.IntergovernmentalOrganisation))
    g.add((un, KGO.code, Literal("UN")))
    g.add((un, RDFS.label, Literal("United Nations", lang="en")))
    hamas = org_iri("Hamas")
    g.add((hamas, RDF.type, KGO.Organisation))
    g.add((hamas, KGO.code, Literal("OTHER")))
    g.add((hamas, RDFS.label, Literal("Hamas", lang="fr")))
    return g


def doc_graphs() -> dict:
    graphs: dict = {}
    for name, doc, actor, kind, cls, plover, gs, target, modality, day, dtype, n in EVENTS:
        g = graphs.setdefault(doc, Graph())
        ev = event_iri(name)
        d = document_iri(doc)
        g.add((d, RDF.type, KGO.Document))
        g.add((ev, RDF.type, KGO.Event))
        g.add((ev, RDF.type, KGO[cls]))
        g.add((ev, RDFS.label, Literal(f"{actor} {kind} {target}", lang="en")))
        g.add((ev, KGO.eventKind, Literal(kind)))
        g.add((ev, KGO.ploverType, Literal(plover)))
        g.add((ev, KGO.goldstein, Literal(gs, datatype=DECIMAL)))
        g.add((ev, KGO.actor, _actor(actor)))
        g.add((ev, KGO.target, _actor(target)))
        g.add((ev, KGO.modality, modality_iri(modality)))
        g.add((ev, KGO.eventDate, Literal(day, datatype=dtype)))
        g.add((ev, PROV.wasDerivedFrom, d))
        for i in range(n):
            m = mention_iri(doc, 10 * i, 10 * i + 5, f"rule-{name}")
            g.add((ev, KGO.hasMention, m))
            g.add((m, RDF.type, KGO.Mention))
            g.add((m, KGO.sentence, Literal(f"Sentence {i} of {name}.")))
    return graphs


def curated_graphs() -> tuple[Graph, Graph]:
    """A curated FRA-meets-DEU event and an extracted event (doc d3) that matches it."""
    cur = Graph()
    c = event_iri("curated-meet")
    src = KGR["source/communique"]
    for s, p, o in [
        (c, RDF.type, KGO.Event),
        (c, KGO.eventKind, Literal("meet")),
        (c, KGO.ploverType, Literal("CONSULT")),
        (c, KGO.goldstein, Literal(1.0)),
        (c, KGO.actor, state_iri("FRA")),
        (c, KGO.target, state_iri("DEU")),
        (c, KGO.modality, KGO.Asserted),
        (c, KGO.eventDate, Literal("2024-05-06", datatype=DATE)),
        (c, KGO.curated, Literal(True)),
        (c, PROV.wasDerivedFrom, src),
    ]:
        cur.add((s, p, o))
    ext = Graph()
    e = event_iri("extracted-meet")
    d = document_iri("d3")
    m = mention_iri("d3", 0, 5, "meet")
    for s, p, o in [
        (e, RDF.type, KGO.Event),
        (e, KGO.eventKind, Literal("meet")),
        (e, KGO.goldstein, Literal(1.0)),
        (e, KGO.actor, state_iri("FRA")),
        (e, KGO.target, state_iri("DEU")),
        (e, KGO.modality, KGO.Asserted),
        (e, KGO.eventDate, Literal("2024-05-06", datatype=DATE)),
        (e, KGO.matchesCurated, c),
        (e, KGO.hasMention, m),
        (e, PROV.wasDerivedFrom, d),
    ]:
        ext.add((s, p, o))
    return cur, ext


def build_store(backend: str):
    store = open_store(None, backend=backend)
    store.replace_graph(KGR["graph/reference"], reference_graph())
    for doc, g in doc_graphs().items():
        store.replace_graph(document_graph(doc), g)
    cur, ext = curated_graphs()
    store.replace_graph(KGR["graph/curated/test"], cur)
    store.replace_graph(document_graph("d3"), ext)
    return store


@pytest.fixture(params=["memory", "oxigraph"])
def small_store(request):
    """The hand-built graph in an empty in-memory store of each backend."""
    store = build_store(request.param)
    yield store
    store.close()
