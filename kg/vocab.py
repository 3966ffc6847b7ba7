"""Namespaces and IRI minting: the one place that decides what an IRI looks like."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

__all__ = [
    "KGO",
    "KGR",
    "WD",
    "SCHEMA",
    "SEM",
    "TIME",
    "PROV",
    "OWL",
    "RDF",
    "RDFS",
    "SKOS",
    "XSD",
    "DCTERMS",
    "PREFIXES",
    "sparql_prologue",
    "slug",
    "state_iri",
    "igo_iri",
    "person_iri",
    "org_iri",
    "actor_iri",
    "office_iri",
    "document_iri",
    "document_graph",
    "curated_graph",
    "event_iri",
    "mention_iri",
    "modality_iri",
    "tenure_iri",
    "source_iri",
]

BASE = "https://w3id.org/geopol-kg/"
KGO = Namespace(BASE + "ontology#")
"""Terms of our ontology (classes, properties, modality individuals)."""
KGR = Namespace(BASE + "resource/")
"""Instances: actors, events, mentions, documents, named graphs."""
WD = Namespace("http://www.wikidata.org/entity/")
SCHEMA = Namespace("https://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
TIME = Namespace("http://www.w3.org/2006/time#")

PREFIXES: dict[str, str] = {
    "kgo": str(KGO),
    "kgr": str(KGR),
    "wd": str(WD),
    "schema": str(SCHEMA),
    "sem": str(SEM),
    "time": str(TIME),
    "prov": str(PROV),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "xsd": str(XSD),
    "dcterms": str(DCTERMS),
}


def sparql_prologue() -> str:
    """PREFIX declarations that `kg query` puts before every query."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def slug(text: str) -> str:
    """ASCII, lower-case, hyphenated form of a name: 'Kim Jong Un' -> 'kim-jong-un'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:16]


def state_iri(iso3: str):
    return KGR[f"state/{iso3.upper()}"]


def igo_iri(code: str):
    return KGR[f"igo/{code.upper()}"]


def person_iri(person_id: str):
    return KGR[f"person/{slug(person_id)}"]


def named_person_iri(name: str):
    """IRI of a person known only by the name the text gives (not in the gazetteer)."""
    return KGR[f"person/named/{slug(name)}"]


def org_iri(name: str):
    return KGR[f"org/{slug(name)}"]


def actor_iri(code: str):
    """IRI of the actor a SPEC code stands for (ISO alpha-3 state or IGO code)."""
    return state_iri(code) if re.fullmatch(r"[A-Z]{3}", code) else igo_iri(code)


def office_iri(office: str, iso3: str):
    return KGR[f"office/{iso3.upper()}/{slug(office)}"]


def document_iri(doc_id: str):
    return KGR[f"doc/{slug(doc_id)}"]


def document_graph(doc_id: str):
    """Named graph holding what was extracted from one document."""
    return KGR[f"graph/doc/{slug(doc_id)}"]


def curated_graph(name: str):
    """Named graph of hand-curated triples; its IRI contains 'curated'."""
    return KGR[f"graph/curated/{slug(name)}"]


def event_iri(*key: object):
    """Event IRI from its identity key (source, type, target, modality, date...): stable."""
    return KGR[f"event/{_digest(*key)}"]


def mention_iri(doc_id: str, start: int, end: int, rule: str):
    return KGR[f"mention/{slug(doc_id)}/{start}-{end}-{slug(rule)}"]


def modality_iri(modality: str):
    return KGO[modality.capitalize()]


def tenure_iri(person_id: str, code: str, office: str, start: object = ""):
    """IRI of one office holding: a person in an office of a state/IGO from a start date."""
    return KGR[f"tenure/{_digest(slug(person_id), code.upper(), slug(office), start)}"]


def source_iri(name: str):
    """IRI of a reference curated facts were taken from (other than an ingested document)."""
    return KGR[f"source/{slug(name)}"]
