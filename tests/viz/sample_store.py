"""A small hand-made store following docs/rdf-model.md, shared by the viewer tests.

Actors: Russia, North Korea, France, Ukraine (states), the UN (IGO), Vladimir Putin (person).
Events (each with mentions in one of two documents):
- RUS visits PRK, planned, by Putin, 2 mentions            (cooperation, directed, dashed)
- RUS meets PRK, asserted, 1 mention                        (symmetric: no arrow)
- PRK meets RUS, asserted, 1 mention                        (merges with the one above)
- RUS attacks UKR, asserted, 3 mentions                     (conflict, red, width 3 mentions)
- PRK suppliesMilitaryAidTo RUS, alleged by UKR, denied by RUS and PRK (purple dotted)
- FRA criticises RUS, alleged by UKR, not denied            (orange dotted)
- UN investigates RUS, possible, 2023                       (gYear date)
- FRA visits UKR, negated, 2024-02                          (gYearMonth date)
The document title and one sentence carry XSS probes.
"""

from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, XSD

from kg.eventkinds import event_kind
from kg.store import Store, open_store
from kg.vocab import (
    KGO,
    KGR,
    document_graph,
    document_iri,
    event_iri,
    igo_iri,
    mention_iri,
    modality_iri,
    person_iri,
    state_iri,
)

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = '"><img src=x onerror=alert(1)>'
XSS_TITLE = f"Probe {XSS_IMG} title"
XSS_SENTENCE = f"Kyiv says {XSS_SCRIPT} Pyongyang ships shells to Moscow."

RUS, PRK, FRA, UKR = (state_iri(c) for c in ("RUS", "PRK", "FRA", "UKR"))
UN = igo_iri("UN")
PUTIN = person_iri("vladimir-putin")

DOC1 = "seed-0001"
DOC2 = "seed-0002"

# key, actor, target, modality, date (lexical, datatype), extra, [(doc, sentence)]
EVENTS = [
    (
        "visit",
        RUS,
        PRK,
        "planned",
        ("2024-06-18", XSD.date),
        {"actorPerson": PUTIN, "attributedTo": [RUS]},
        [
            (DOC1, "Vladimir Putin will visit North Korea on June 18."),
            (DOC2, "Le président russe effectuera une visite en Corée du Nord."),
        ],
    ),
    ("meet", RUS, PRK, "asserted", ("2024-06-19", XSD.date), {}, [(DOC1, "Putin met Kim.")]),
    ("meet", PRK, RUS, "asserted", ("2024-06-20", XSD.date), {}, [(DOC2, "Kim met Putin.")]),
    (
        "attack",
        RUS,
        UKR,
        "asserted",
        ("2024-03-01", XSD.date),
        {},
        [
            (DOC1, "Russia attacked Ukraine's power grid."),
            (DOC1, "Russian missiles struck Kharkiv."),
            (DOC2, "La Russie a frappé l'Ukraine."),
        ],
    ),
    (
        "aid_military",
        PRK,
        RUS,
        "alleged",
        ("2024-05-10", XSD.date),
        {"attributedTo": [UKR], "deniedBy": [RUS, PRK]},
        [(DOC2, XSS_SENTENCE)],
    ),
    (
        "criticise",
        FRA,
        RUS,
        "alleged",
        ("2024-04-02", XSD.date),
        {"attributedTo": [UKR]},
        [(DOC1, "France reportedly criticised Russia.")],
    ),
    (
        "investigate",
        UN,
        RUS,
        "possible",
        ("2023", XSD.gYear),
        {},
        [(DOC1, "The UN may investigate Russia."), (DOC2, "L'ONU pourrait enquêter.")],
    ),
    (
        "visit",
        FRA,
        UKR,
        "negated",
        ("2024-02", XSD.gYearMonth),
        {},
        [(DOC2, "Macron did not visit Kyiv.")],
    ),
]


def reference_graph() -> Graph:
    g = Graph()
    for iri, code, en, fr in [
        (RUS, "RUS", "Russia", "Russie"),
        (PRK, "PRK", "North Korea", "Corée du Nord"),
        (FRA, "FRA", "France", "France"),
        (UKR, "UKR", "Ukraine", "Ukraine"),
    ]:
        g.add((iri, RDF.type, KGO.State))
        g.add((iri, KGO.code, Literal(code)))
        g.add((iri, RDFS.label, Literal(fr, lang="fr")))
        g.add((iri, RDFS.label, Literal(en, lang="en")))
    g.add((UN, RDF.type, KGO.IntergovernmentalOrganisation))
    g.add((UN, KGO.code, Literal("UN")))
    g.add((UN, RDFS.label, Literal("Organisation des Nations unies", lang="fr")))
    g.add((UN, RDFS.label, Literal("United Nations", lang="en")))
    g.add((PUTIN, RDF.type, KGO.Person))
    g.add((PUTIN, RDFS.label, Literal("Vladimir Putin", lang="en")))
    g.add((PUTIN, KGO.actsFor, RUS))
    g.add((PUTIN, OWL.sameAs, KGR["wd-Q7747"]))
    return g


def doc_graphs() -> dict:
    """Named graph IRI -> rdflib Graph, one per document."""
    graphs = {DOC1: Graph(), DOC2: Graph()}
    titles = {DOC1: "Putin to visit Pyongyang", DOC2: XSS_TITLE}
    for doc_id, g in graphs.items():
        doc = document_iri(doc_id)
        g.add((doc, RDF.type, KGO.Document))
        g.add((doc, DCTERMS.identifier, Literal(doc_id)))
        g.add((doc, DCTERMS.title, Literal(titles[doc_id])))
    for n, (key, actor, target, modality, (date, dtype), extra, mentions) in enumerate(EVENTS):
        kind = event_kind(key)
        docs = sorted({d for d, _ in mentions})
        home = docs[0]
        g = graphs[home]
        ev = event_iri(actor, key, target, modality, date, n)
        g.add((ev, RDF.type, KGO.Event))
        g.add((ev, RDF.type, KGO[kind.event_class]))
        g.add((ev, KGO.eventKind, Literal(key)))
        g.add((ev, KGO.ploverType, Literal(kind.plover_type)))
        g.add((ev, KGO.goldstein, Literal(kind.goldstein)))
        g.add((ev, KGO.actor, actor))
        g.add((ev, KGO.target, target))
        g.add((ev, KGO.modality, modality_iri(modality)))
        g.add((ev, KGO.eventDate, Literal(date, datatype=dtype)))
        if "actorPerson" in extra:
            g.add((ev, KGO.actorPerson, extra["actorPerson"]))
        for who in extra.get("attributedTo", []):
            g.add((ev, KGO.attributedTo, who))
        for who in extra.get("deniedBy", []):
            g.add((ev, KGO.deniedBy, who))
        for d in docs:
            g.add((ev, PROV.wasDerivedFrom, document_iri(d)))
        for i, (d, sentence) in enumerate(mentions):
            m = mention_iri(d, 10 * i, 10 * i + 5, f"{key}-{n}")
            g.add((ev, KGO.hasMention, m))
            g.add((m, RDF.type, KGO.Mention))
            g.add((m, KGO.sentence, Literal(sentence)))
            g.add((m, KGO.startChar, Literal(10 * i)))
            g.add((m, PROV.wasDerivedFrom, document_iri(d)))
        if modality == "asserted":
            g.add((actor, KGO[kind.relation], target))
    return {document_graph(d): g for d, g in graphs.items()}


def fill(store: Store) -> Store:
    """Put the sample graphs into `store` (idempotent) and return it."""
    store.replace_graph(KGR["graph/reference"], reference_graph())
    for iri, g in doc_graphs().items():
        store.replace_graph(iri, g)
    return store


def sample_store(backend: str = "memory") -> Store:
    """A fresh in-memory store holding the sample graphs."""
    return fill(open_store(None, backend=backend))
