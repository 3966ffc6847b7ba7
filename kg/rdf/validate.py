"""SHACL validation of the graph (`ontology/shapes.ttl`) with pySHACL.

The data validated is the union of all named graphs (a `Dataset` is flattened into one
`Graph`), mixed with the ontology (as pySHACL's `ont_graph` would be) and expanded by RDFS
inference, so a node typed only `kgo:Visit` is checked as a `kgo:Event`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from kg.rdf.ontology import load_ontology, load_shapes
from kg.vocab import PREFIXES

__all__ = ["Violation", "ValidationReport", "union_graph", "validate"]


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node, the property path, the message and the severity."""

    focus_node: str
    path: str
    message: str
    severity: str = "Violation"

    def __str__(self) -> str:
        return f"{self.focus_node} {self.path or '-'}: {self.message}"


@dataclass
class ValidationReport:
    """Outcome of `validate`: conforms, the violations (sorted) and pySHACL's text report."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    text: str = ""
    nodes_checked: int = 0


def union_graph(data: Graph | Dataset) -> Graph:
    """One `Graph` holding every triple of `data` (all named graphs of a dataset)."""
    out = Graph()
    if isinstance(data, Dataset):
        for s, p, o, _g in data.quads((None, None, None, None)):
            out.add((s, p, o))
    else:
        for t in data:
            out.add(t)
    for prefix, ns in data.namespaces():
        out.bind(prefix, ns, override=False)
    return out


def _short(node: Node | None) -> str:
    """A node as people read it: `kgr:event/ab12`, `kgo:actor`, `<iri>`, `"literal"`."""
    if node is None:
        return ""
    if isinstance(node, URIRef):
        text = str(node)
        best = max(
            ((p, ns) for p, ns in PREFIXES.items() if text.startswith(ns)),
            key=lambda pn: len(pn[1]),
            default=None,
        )
        if best is not None and re.fullmatch(r"[\w\-./]*", text[len(best[1]) :]):
            return f"{best[0]}:{text[len(best[1]) :]}"
        return f"<{text}>"
    if isinstance(node, Literal):
        return node.n3()
    return f"_:{node}"


def _count_targets(data: Graph, ontology: Graph, shapes: Graph) -> int:
    """How many distinct nodes the shapes target (instances of target classes, subclasses
    included, and subjects of target properties)."""
    schema = Graph()
    for t in ontology.triples((None, RDFS.subClassOf, None)):
        schema.add(t)
    for t in data.triples((None, RDFS.subClassOf, None)):
        schema.add(t)
    nodes: set[Node] = set()
    for cls in set(shapes.objects(None, SH.targetClass)):
        classes = set(schema.transitive_subjects(RDFS.subClassOf, cls))
        for c in classes:
            nodes.update(data.subjects(RDF.type, c))
    for prop in set(shapes.objects(None, SH.targetSubjectsOf)):
        nodes.update(data.subjects(prop, None))
    return len(nodes)


def validate(
    data: Graph | Dataset,
    shapes: Graph | None = None,
    ontology: Graph | None = None,
    inference: str = "rdfs",
) -> ValidationReport:
    """Validate `data` (a graph, or the union of a dataset's named graphs) against `shapes`
    (default `ontology/shapes.ttl`), with `ontology` (default: the project ontology) mixed in
    and `inference` ('rdfs', 'none', ...). `data` itself is never modified."""
    from pyshacl import validate as shacl_validate

    graph = union_graph(data)
    shapes_graph = load_shapes() if shapes is None else shapes
    ont = load_ontology() if ontology is None else ontology
    nodes_checked = _count_targets(graph, ont, shapes_graph)
    # Mix the ontology in ourselves (what pySHACL's ont_graph does, but its recursive node
    # cloning takes seconds on OWL lists), then let pySHACL infer in place on our copy.
    for t in ont:
        graph.add(t)
    conforms, results, text = shacl_validate(
        graph,
        shacl_graph=shapes_graph,
        inference=inference,
        inplace=True,
        abort_on_first=False,
        allow_warnings=True,
        advanced=True,
    )
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(result, SH.resultSeverity)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        violations.append(
            Violation(
                focus_node=_short(results.value(result, SH.focusNode)),
                path=_short(results.value(result, SH.resultPath)),
                message="; ".join(messages) or "constraint violated",
                severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
            )
        )
    violations.sort(key=lambda v: (v.focus_node, v.path, v.message))
    return ValidationReport(
        conforms=bool(conforms),
        violations=violations,
        text=str(text),
        nodes_checked=nodes_checked,
    )
