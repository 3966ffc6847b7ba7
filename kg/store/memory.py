"""The rdflib in-memory backend, optionally saved as N-Quads in a folder between runs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result
from rdflib.term import Identifier, Node

from kg.errors import ParseError, QueryError, StoreNotFound
from kg.store.base import RDF_FORMATS, QueryResult, Store, file_graph, guess_format, read_utf8

__all__ = ["MemoryStore"]

_FILE = "dataset.nq"


class MemoryStore(Store):
    """rdflib `Dataset` with the default graph as union. With a `path`, state is kept in
    `path/dataset.nq` and written back on `close()` when it changed."""

    def __init__(self, path: Path | None = None, create: bool = False) -> None:
        self.path = path
        self._ds = Dataset(default_union=True)
        self._dirty = False
        if path is None:
            return
        file = path / _FILE
        if file.exists():
            self._ds.parse(file, format="nquads")
        elif not create:
            raise StoreNotFound(
                f"{path}: no memory-backend store here; run `kg --backend memory build` first"
            )

    def query(self, sparql: str, max_rows: int | None = None) -> QueryResult:
        try:
            result = self._ds.query(sparql)
        except Exception as exc:  # rdflib raises pyparsing and other errors
            raise QueryError(f"invalid SPARQL: {' '.join(str(exc).split())}") from None
        try:
            return _collect(result, max_rows)
        except Exception as exc:  # raised while solutions are made (a SERVICE call...)
            raise QueryError(f"query failed: {' '.join(str(exc).split())}") from None

    def update(self, sparql: str) -> None:
        try:
            self._ds.update(sparql)
        except Exception as exc:
            raise QueryError(f"invalid SPARQL update: {' '.join(str(exc).split())}") from None
        self._dirty = True

    def replace_graph(self, graph: URIRef, triples: Graph) -> None:
        self.remove_graph(graph)
        g = self._ds.graph(graph)
        for t in triples:
            g.add(t)
        self._dirty = True

    def load_file(
        self, path: Path, format: str | None = None, graph: URIRef | None = None
    ) -> list[URIRef]:
        fmt = guess_format(path, format)
        text = read_utf8(path)
        default = graph or file_graph(path)
        staging = Dataset()
        try:
            if RDF_FORMATS[fmt][1]:
                staging.parse(data=text, format=fmt, publicID=path.resolve().as_uri())
            else:
                staging.graph(default).parse(
                    data=text, format=fmt, publicID=path.resolve().as_uri()
                )
        except Exception as exc:
            raise ParseError(f"{path}: {' '.join(str(exc).split())}") from None
        written: set[URIRef] = set() if RDF_FORMATS[fmt][1] else {default}
        grouped: dict[URIRef, Graph] = {}
        for s, p, o, g in staging.quads((None, None, None, None)):
            name = default if g is None or str(g) == "urn:x-rdflib:default" else URIRef(str(g))
            grouped.setdefault(name, Graph()).add((s, p, o))
            written.add(name)
        for name in written:
            self.replace_graph(name, grouped.get(name, Graph()))
        return sorted(written)

    def remove_graph(self, graph: URIRef) -> None:
        self._ds.remove_graph(self._ds.graph(graph))
        self._dirty = True

    def graphs(self) -> list[URIRef]:
        return sorted(
            URIRef(str(g.identifier))
            for g in self._ds.graphs()
            if len(g) and str(g.identifier) != "urn:x-rdflib:default"
        )

    def quads(self) -> Iterator[tuple[Node, Node, Node, URIRef]]:
        for s, p, o, g in self._ds.quads((None, None, None, None)):
            if g is None or str(g) == "urn:x-rdflib:default":
                continue
            yield s, p, o, URIRef(str(g))

    def __len__(self) -> int:
        return sum(1 for _ in self.quads())

    def close(self) -> None:
        if self.path is not None and self._dirty:
            self.path.mkdir(parents=True, exist_ok=True)
            self._ds.serialize(self.path / _FILE, format="nquads")
            self._dirty = False


def _collect(result: Result, max_rows: int | None) -> QueryResult:
    """An rdflib result as a QueryResult; SELECT solutions are lazy, so pulling stops at
    `max_rows` + 1 (rdflib builds a CONSTRUCT graph whole before it returns it)."""
    if result.type == "ASK":
        return QueryResult(kind="ask", boolean=bool(result.askAnswer))
    truncated = False
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        graph = Graph()
        for count, triple in enumerate(result.graph or ()):
            if count == max_rows:
                truncated = True
                break
            graph.add(triple)
        return QueryResult(kind="graph", graph=graph, truncated=truncated)
    names = [str(v) for v in result.vars or []]
    rows: list[dict[str, Node | None]] = []
    for row in result:
        if len(rows) == max_rows:
            truncated = True
            break
        # rdflib can bind an error object (e.g. NotBoundError from MIN over unbound values)
        # where SPARQL says "unbound": keep only RDF terms
        rows.append(
            {n: (row[i] if isinstance(row[i], Identifier) else None) for i, n in enumerate(names)}
        )
    return QueryResult(kind="select", vars=names, rows=rows, truncated=truncated)
