"""How the actors of extracted events are typed in the RDF after ingesting a corpus.

Usage: python tools/actor_kinds.py FILE.jsonl   (e.g. ../shared/corpus/wikinews_fr_pool.jsonl)
Extracts every record (default method), maps each document to RDF, and counts the actor
nodes by class; lists the organisations and persons so a reader can check that no person is
typed as an organisation.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from rdflib import RDF, Graph

from kg.extract.pipeline import extract_documents, read_documents
from kg.rdf.mapping import events_graph
from kg.vocab import KGO


def main(argv: list[str]) -> int:
    docs = read_documents([Path(argv[0])])
    graph = Graph()
    for doc, events in extract_documents(docs):
        for triple in events_graph(doc, events):
            graph.add(triple)
    classes = Counter()
    named: dict[str, set[str]] = {"Organisation": set(), "Person": set()}
    for node, cls in graph.subject_objects(RDF.type):
        name = str(cls).rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        if str(cls).startswith(str(KGO)):
            classes[name] += 1
            if name in named:
                label = graph.value(node, Graph().namespace_manager.expand_curie("rdfs:label"))
                named[name].add(str(label or node))
    print(f"{len(docs)} documents; actor and event classes: {dict(classes.most_common())}")
    for name, labels in named.items():
        print(f"{name} ({len(labels)}): {', '.join(sorted(labels))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
