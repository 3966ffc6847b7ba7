"""A small hand-built event graph, following docs/rdf-model.md, in both store backends."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS
from rdflib.term import Node

from kg import vocab
from kg.store import open_store
from kg.vocab import KGO, KGR

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

# One row per event and document (e3 is reported by two documents). The date's datatype
# follows its form: YYYY is xsd:gYear, YYYY-MM xsd:gYearMonth, YYYY-MM-DD xsd:date.
EVENT_ROWS = """
name doc actor kind               class               plover    goldstein target    modality date       mentions
e1   d1  FRA   visit              Visit               CONSULT   1.9       DEU       asserted 2024-01-15 2
e2   d2  RUS   attack             Attack              ASSAULT   -10.0     UKR       asserted 2024-02    1
e3   d1  FRA   sanction           EconomicSanction    COERCE    -8.0      RUS       asserted 2024-03-10 1
e3   d2  FRA   sanction           EconomicSanction    COERCE    -8.0      RUS       asserted 2024-03-10 1
e4   d2  RUS   visit              Visit               CONSULT   1.9       PRK       planned  2024-06-18 1
e5   d1  DEU   cooperate_economic EconomicCooperation COOPERATE 6.4       FRA       asserted 2023       1
e6   d2  RUS   attack             Attack              ASSAULT   -10.0     FRA       alleged  2024-03-01 1
e7   d1  UN    criticise          Disapproval         ACCUSE    -2.0      org:Hamas asserted 2024-04-02 1
"""  # noqa: E501
_HEADER, *_ROWS = EVENT_ROWS.strip().splitlines()
EVENTS = [dict(zip(_HEADER.split(), row.split(), strict=True)) for row in _ROWS]
_DATE_TYPES = {4: GYEAR, 7: GYEARMONTH, 10: DATE}


def _actor(code: str) -> URIRef:
    if code.startswith("org:"):
        return vocab.org_iri(code[4:])
    return vocab.state_iri(code) if len(code) == 3 else vocab.igo_iri(code)


def _add(g: Graph, subject: Node, *pairs: tuple[Node, Node]) -> Graph:
    """Add (subject, p, o) to `g` for each (p, o) of `pairs`; returns `g`."""
    for p, o in pairs:
        g.add((subject, p, o))
    return g


def _add_actor(g: Graph, node: URIRef, cls: URIRef, code: str, *labels: Literal) -> None:
    _add(g, node, (RDF.type, cls), (KGO.code, Literal(code)), *((RDFS.label, x) for x in labels))


def reference_graph() -> Graph:
    g = Graph()
    for code, label in STATES.items():
        en, fr = Literal(label, lang="en"), Literal(label + " (fr)", lang="fr")
        _add_actor(g, vocab.state_iri(code), KGO.State, code, en, fr)
    un = Literal("United Nations", lang="en")
    _add_actor(g, vocab.igo_iri("UN"), KGO.IntergovernmentalOrganisation, "UN", un)
    hamas = Literal("Hamas", lang="fr")
    _add_actor(g, vocab.org_iri("Hamas"), KGO.Organisation, "OTHER", hamas)
    return g


def doc_graphs() -> dict:
    graphs: dict = {}
    for e in EVENTS:
        name, doc, day = e["name"], e["doc"], e["date"]
        g = graphs.setdefault(doc, Graph())
        ev = vocab.event_iri(name)
        d = vocab.document_iri(doc)
        g.add((d, RDF.type, KGO.Document))
        _add(
            g,
            ev,
            (RDF.type, KGO.Event),
            (RDF.type, KGO[e["class"]]),
            (RDFS.label, Literal(f"{e['actor']} {e['kind']} {e['target']}", lang="en")),
            (KGO.eventKind, Literal(e["kind"])),
            (KGO.ploverType, Literal(e["plover"])),
            (KGO.goldstein, Literal(float(e["goldstein"]), datatype=DECIMAL)),
            (KGO.actor, _actor(e["actor"])),
            (KGO.target, _actor(e["target"])),
            (KGO.modality, vocab.modality_iri(e["modality"])),
            (KGO.eventDate, Literal(day, datatype=_DATE_TYPES[len(day)])),
            (PROV.wasDerivedFrom, d),
        )
        for i in range(int(e["mentions"])):
            m = vocab.mention_iri(doc, 10 * i, 10 * i + 5, f"rule-{name}")
            g.add((ev, KGO.hasMention, m))
            _add(g, m, (RDF.type, KGO.Mention), (KGO.sentence, Literal(f"Sentence {i} of {name}.")))
    return graphs


def curated_graphs() -> tuple[Graph, Graph]:
    """A curated FRA-meets-DEU event and an extracted event (doc d3) that matches it."""
    c = vocab.event_iri("curated-meet")
    meet = (
        (RDF.type, KGO.Event),
        (KGO.eventKind, Literal("meet")),
        (KGO.goldstein, Literal(1.0)),
        (KGO.actor, vocab.state_iri("FRA")),
        (KGO.target, vocab.state_iri("DEU")),
        (KGO.modality, KGO.Asserted),
        (KGO.eventDate, Literal("2024-05-06", datatype=DATE)),
    )
    cur = _add(
        Graph(),
        c,
        *meet,
        (KGO.ploverType, Literal("CONSULT")),
        (KGO.curated, Literal(True)),
        (PROV.wasDerivedFrom, KGR["source/communique"]),
    )
    ext = _add(
        Graph(),
        vocab.event_iri("extracted-meet"),
        *meet,
        (KGO.matchesCurated, c),
        (KGO.hasMention, vocab.mention_iri("d3", 0, 5, "meet")),
        (PROV.wasDerivedFrom, vocab.document_iri("d3")),
    )
    return cur, ext


def build_store(backend: str):
    store = open_store(None, backend=backend)
    store.replace_graph(KGR["graph/reference"], reference_graph())
    for doc, g in doc_graphs().items():
        store.replace_graph(vocab.document_graph(doc), g)
    cur, ext = curated_graphs()
    store.replace_graph(KGR["graph/curated/test"], cur)
    store.replace_graph(vocab.document_graph("d3"), ext)
    return store


@pytest.fixture(params=["memory", "oxigraph"])
def small_store(request):
    """The hand-built graph in an empty in-memory store of each backend."""
    store = build_store(request.param)
    yield store
    store.close()
