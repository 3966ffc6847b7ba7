"""The RDF side of kg: ontology loading and generation, mapping to triples, SHACL validation.

- `kg.rdf.ontology`: `load_ontology()` (ontology/geopol.ttl + generated event-kinds.ttl),
  `load_shapes()` (ontology/shapes.ttl)
- `kg.rdf.ontology_gen`: `python -m kg.rdf.ontology_gen` regenerates ontology/event-kinds.ttl
- `kg.rdf.mapping`: documents, events, curated links and the gazetteer as RDF (docs/rdf-model.md)
- `kg.rdf.validate`: `validate(graph_or_dataset) -> ValidationReport` (pySHACL)
"""

from __future__ import annotations

from kg.rdf.mapping import (
    curated_events_graph,
    date_literal,
    document_quads,
    document_triples,
    events_graph,
    link_to_curated,
    reference_graph,
)
from kg.rdf.ontology import load_ontology, load_shapes
from kg.rdf.validate import ValidationReport, Violation, union_graph, validate

__all__ = [
    "curated_events_graph",
    "date_literal",
    "document_quads",
    "document_triples",
    "events_graph",
    "link_to_curated",
    "reference_graph",
    "load_ontology",
    "load_shapes",
    "ValidationReport",
    "Violation",
    "union_graph",
    "validate",
]
