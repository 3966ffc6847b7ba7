"""What runs in the child process of a request: a query and its answer serialised whole,
an update, a graph store write.

Every function here returns the bytes of a complete answer, or raises `Problem`: the parent
sends nothing before it has them, so an error is never a 200 with a cut body. The row cap
is checked while the solutions are pulled, so a query with millions of rows stops after
`max_rows + 1` of them and is answered 413 instead of being built in memory.

Results are serialised by pyoxigraph. SELECT solutions are written first as SPARQL TSV
through a writer that counts lines: TSV escapes line breaks inside terms, so one solution
is one line, and the writer stops the engine when there are too many. Parsing that TSV back
gives solutions pyoxigraph can write in any results format, the same bytes as writing the
query's own solutions (the round trip is lossless: terms are written in N-Triples syntax).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox

from kg.query.checks import uses_keyword
from kg.serve.protocol import (
    DATASET_TYPES,
    GRAPH_TYPES,
    RESULT_TYPES,
    GraphTarget,
    Operation,
    Problem,
    negotiate,
)
from kg.store import Store
from kg.vocab import PREFIXES, sparql_prologue

__all__ = ["Answer", "run_query", "read_graph", "graph_update", "run_update", "graph_write"]


@dataclass(frozen=True)
class Answer:
    """A complete response body and its media type."""

    media_type: str
    body: bytes


class _TooMany(Exception):
    """Raised inside pyoxigraph's serialiser to stop it: the row cap was passed."""


class _LineCounter:
    """A binary writer that keeps what it is given and stops the writing (by raising) as
    soon as it holds more than `limit` lines after the first (the TSV header)."""

    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        self.chunks: list[bytes] = []
        self.lines = 0

    def write(self, data: bytes) -> int:
        chunk = bytes(data)
        self.chunks.append(chunk)
        self.lines += chunk.count(b"\n")
        if self.limit is not None and self.lines - 1 > self.limit:
            raise _TooMany
        return len(chunk)

    def flush(self) -> None:
        """pyoxigraph flushes its writer at the end."""


def _too_many(max_rows: int, unit: str) -> Problem:
    return Problem(
        413,
        f"the answer has more than {max_rows} {unit}, the cap of this endpoint (kg serve "
        "--max-rows): narrow the query or add a LIMIT",
    )


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def _dataset(op: Operation) -> dict[str, object]:
    """pyoxigraph's dataset arguments for `op`: the protocol's graphs when it names some
    (they win over FROM in the query, as the protocol says), the query's own FROM / FROM
    NAMED when it has them, else kg's default graph, the union of the named graphs."""
    if op.has_dataset:
        return {
            "default_graph": [ox.NamedNode(iri) for iri in op.default_graphs],
            "named_graphs": [ox.NamedNode(iri) for iri in op.named_graphs],
        }
    if uses_keyword(op.text, "FROM"):
        return {}
    return {"use_default_graph_as_union": True}


def run_query(
    store: ox.Store, op: Operation, accept: str | None, max_rows: int | None, base_iri: str
) -> Answer:
    """Run the query `op` on `store` and serialise its whole answer in the media type
    `accept` prefers (kg's prefixes are declared, as in `kg query`).

    `Problem`: 400 for a syntax error (the parser's message, with its line and column in
    the query as sent) or a query that fails, 406 for no acceptable media type, 413 past
    `max_rows` rows or triples (None: no cap).
    """
    try:
        result = store.query(op.text, base_iri=base_iri, prefixes=PREFIXES, **_dataset(op))
    except SyntaxError as exc:
        raise Problem(400, f"invalid SPARQL: {_one_line(exc)}") from None
    except ValueError as exc:
        raise Problem(400, f"query failed: {_one_line(exc)}") from None
    try:
        if isinstance(result, ox.QueryBoolean):
            kind, fmt = negotiate(accept, RESULT_TYPES)
            return Answer(kind, result.serialize(format=fmt))
        if isinstance(result, ox.QuerySolutions):
            kind, fmt = negotiate(accept, RESULT_TYPES)
            return Answer(kind, _solutions(result, fmt, max_rows))
        kind, fmt = negotiate(accept, GRAPH_TYPES)
        triples = _capped(result, max_rows, "triples")
        return Answer(kind, ox.serialize(triples, format=fmt, prefixes=PREFIXES) or b"")
    except ValueError as exc:  # raised while solutions are made
        raise Problem(400, f"query failed: {_one_line(exc)}") from None


def _solutions(result: ox.QuerySolutions, fmt: object, max_rows: int | None) -> bytes:
    writer = _LineCounter(max_rows)
    try:
        result.serialize(writer, format=ox.QueryResultsFormat.TSV)
    except _TooMany:
        assert max_rows is not None
        raise _too_many(max_rows, "rows") from None
    tsv = b"".join(writer.chunks)
    if fmt == ox.QueryResultsFormat.TSV:
        return tsv
    solutions = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)
    return solutions.serialize(format=fmt)  # type: ignore[arg-type]


def _capped(items: Iterable[ox.Triple], max_rows: int | None, unit: str) -> list[ox.Triple]:
    out: list[ox.Triple] = []
    for item in items:
        if len(out) == max_rows:
            raise _too_many(max_rows, unit)
        out.append(item)
    return out


def read_graph(
    store: ox.Store, target: GraphTarget, accept: str | None, max_rows: int | None
) -> Answer:
    """A graph of the Graph Store Protocol (or the whole dataset) serialised whole.

    The default graph is kg's: the union of the named graphs, each triple once. `Problem`
    404 for a graph that holds no triple, 406, and 413 past `max_rows` triples (or quads).
    """
    if target.kind == "dataset":
        kind, fmt = negotiate(accept, DATASET_TYPES)
        quads = _capped(
            (q for q in store if not isinstance(q.graph_name, ox.DefaultGraph)),  # type: ignore[misc]
            max_rows,
            "quads",
        )
        return Answer(kind, ox.serialize(quads, format=fmt, prefixes=PREFIXES) or b"")
    kind, fmt = negotiate(accept, GRAPH_TYPES)
    if target.kind == "graph":
        assert target.iri is not None
        graph = ox.NamedNode(target.iri)
        if not store.contains_named_graph(graph):
            raise Problem(404, f"no graph <{target.iri}> in the store")
        triples: Iterable[ox.Triple] = (
            q.triple for q in store.quads_for_pattern(None, None, None, graph)
        )
    else:
        triples = _distinct(
            q.triple
            for q in store.quads_for_pattern(None, None, None, None)
            if not isinstance(q.graph_name, ox.DefaultGraph)
        )
    listed = _capped(triples, max_rows, "triples")
    return Answer(kind, ox.serialize(listed, format=fmt, prefixes=PREFIXES) or b"")


def _distinct(triples: Iterable[ox.Triple]) -> Iterator[ox.Triple]:
    seen: set[ox.Triple] = set()
    for triple in triples:
        if triple not in seen:
            seen.add(triple)
            yield triple


def graph_update(method: str, graph: str, triples: list[ox.Triple]) -> str:
    """The SPARQL Update that does a Graph Store Protocol write to `graph`: PUT replaces the
    graph (one request: one transaction), POST adds to it, DELETE drops it."""
    name = str(ox.NamedNode(graph))
    body = "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples)
    insert = f"INSERT DATA {{ GRAPH {name} {{\n{body}\n}} }}"
    if method == "PUT":
        return f"DROP SILENT GRAPH {name} ;\n{insert}"
    if method == "POST":
        return insert
    return f"DROP GRAPH {name}"


def run_update(store: Store, text: str) -> None:
    """Run a SPARQL Update with kg's prefixes declared (as `KnowledgeGraph.update` does);
    a syntax error is a `Problem(400)` with its position in the text as sent."""
    from kg.errors import QueryError
    from kg.query.runner import relocate_error

    prologue = sparql_prologue()
    try:
        store.update(prologue + text)
    except QueryError as exc:
        message = exc.message.replace("invalid SPARQL update: ", "invalid SPARQL: ", 1)
        moved = relocate_error(message, prologue.count("\n"), None)
        if moved is None:
            raise Problem(400, exc.message) from None
        raise Problem(400, moved.replace("invalid SPARQL", "invalid SPARQL update", 1)) from None
    except (ValueError, OSError) as exc:
        raise Problem(400, f"update failed: {_one_line(exc)}") from None


def graph_write(store: Store, method: str, graph: str, text: str) -> bool:
    """A Graph Store Protocol write (`text` from `graph_update`); whether the graph existed
    before. `Problem(404)` for a DELETE of a graph that does not."""
    from rdflib import URIRef

    existed = URIRef(graph) in store.graphs()
    if method == "DELETE" and not existed:
        raise Problem(404, f"no graph <{graph}> in the store")
    store.update(text)
    return existed
