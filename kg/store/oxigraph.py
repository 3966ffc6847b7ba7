"""The embedded on-disk backend: Oxigraph (pyoxigraph), with its bulk loader."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import InputError, ParseError, QueryError, StoreLocked, StoreNotFound
from kg.store.base import RDF_FORMATS, QueryResult, Store, file_graph, guess_format, read_utf8

__all__ = [
    "OxigraphStore",
    "to_ox",
    "from_ox",
    "result_from_ox",
    "replace_request",
    "parse_file",
    "parse_files",
    "graph_quads",
]

_T = TypeVar("_T")

_OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "json-ld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store {term!r}")


def from_ox(term: object) -> Node:
    """An rdflib term from an Oxigraph term. xsd:string literals come back plain, as rdflib makes them."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unexpected term {term!r}")


def result_from_ox(result: object, max_rows: int | None) -> QueryResult:
    """A pyoxigraph result (of `Store.query`, or `parse_query_results`; for a graph, any
    iterable of triples or quads) as a QueryResult with rdflib terms. Solutions and triples
    are pulled lazily: pulling stops at `max_rows` + 1, which sets `truncated`."""
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(kind="ask", boolean=bool(result))
    truncated = False
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        rows = []
        for solution in result:
            if len(rows) == max_rows:
                truncated = True
                break
            row: dict[str, Node | None] = {}
            for name in names:
                value = solution[name]
                row[name] = None if value is None else from_ox(value)
            rows.append(row)
        return QueryResult(kind="select", vars=names, rows=rows, truncated=truncated)
    graph = Graph()
    for count, triple in enumerate(result):  # type: ignore[call-overload]
        if count == max_rows:
            truncated = True
            break
        graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
    return QueryResult(kind="graph", graph=graph, truncated=truncated)


class OxigraphStore(Store):
    """Oxigraph persisted in a folder (or in memory when `path` is None).

    `read_only=True` opens a RocksDB read-only instance: it takes no lock, so it opens while
    another process holds the store read-write (a running `kg build`), and it sees the store
    as it was when opened. Writes to it raise `InputError`; `close()` only releases it.

    Every write (`replace_graphs`, `load_files`, `update`) is one transaction.
    """

    transaction_aware = True

    def __init__(self, path: Path | None, create: bool = False, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only and path is not None
        if path is None:
            self._store = ox.Store()
            return
        is_store = (path / "CURRENT").exists()  # RocksDB's marker file
        if not is_store and not create:
            # also for a folder that exists but holds no store: opening it would create one
            raise StoreNotFound(f"{path}: no store here; run `kg build` (or `make demo`) first")
        if not is_store and path.is_dir() and any(path.iterdir()):
            raise StoreNotFound(
                f"{path}: folder is not empty and holds no kg store; choose another --store"
            )
        if path.exists() and not path.is_dir():
            raise StoreNotFound(f"{path}: is a file, not a store folder")
        try:
            if read_only:
                self._store = _open_read_only(path)
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except (OSError, RuntimeError) as exc:
            if "lock" in str(exc).lower():
                raise StoreLocked(
                    f"{path}: the store is in use by another kg process (a running `kg build` "
                    "or `kg load`?); wait for it to finish. Commands that only read (query, "
                    "export, stats, viz, validate, report) work meanwhile."
                ) from None
            if read_only:
                raise StoreNotFound(
                    f"{path}: cannot open the store read-only ({_one_line(exc)}); if another "
                    "process is writing it, retry when it has finished"
                ) from None
            raise StoreNotFound(f"{path}: cannot open the store ({_one_line(exc)})") from None

    def _writable(self) -> ox.Store:
        """The pyoxigraph store, for a write; InputError on a store opened read-only."""
        if self.read_only:
            raise InputError(f"{self.path}: the store was opened read-only; cannot write to it")
        return self._store

    # -- queries ---------------------------------------------------------------------------
    def query(self, sparql: str, max_rows: int | None = None) -> QueryResult:
        return self._read(lambda: self._query(sparql, max_rows))

    def read_native(self, work: Callable[[ox.Store], _T]) -> _T:
        """`work(pyoxigraph_store)`: a read through pyoxigraph's own API, for a caller that
        needs what `query` does not give (`kg serve` uses pyoxigraph's result serialisers and
        dataset arguments). Retried as every read is, so `work` must only read; errors of
        the store are one-line QueryErrors, those of `work` (SyntaxError...) pass through."""
        return self._read(lambda: work(self._store))

    def _read(self, work: Callable[[], _T]) -> _T:
        """Run a read; on a read-only instance whose files a concurrent writer compacted
        away, take a new snapshot and run it again (the whole read: its result stays one
        consistent state)."""
        for attempt in range(_READ_RETRIES + 1):
            try:
                return work()
            except (OSError, RuntimeError) as exc:
                if not (self.read_only and _vanished(exc)) or attempt == _READ_RETRIES:
                    raise QueryError(f"reading the store failed: {_one_line(exc)}") from None
            time.sleep(_backoff(attempt))
            try:
                self._store = _open_read_only(self.path)  # type: ignore[arg-type]
            except (OSError, RuntimeError) as exc:
                raise QueryError(f"reading the store failed: {_one_line(exc)}") from None
        raise AssertionError("unreachable")

    def _query(self, sparql: str, max_rows: int | None) -> QueryResult:
        try:
            return result_from_ox(
                self._store.query(sparql, use_default_graph_as_union=True), max_rows
            )
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL: {_one_line(exc)}") from None
        except ValueError as exc:  # OSError, RuntimeError (also while solutions are made): _read
            raise QueryError(f"query failed: {_one_line(exc)}") from None

    def update(self, sparql: str) -> None:
        store = self._writable()
        try:
            store.update(sparql)
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL update: {_one_line(exc)}") from None

    # -- writes ----------------------------------------------------------------------------
    def replace_graph(self, graph: URIRef, triples: Graph) -> None:
        self.replace_graphs({graph: triples})

    def replace_graphs(self, graphs: Mapping[URIRef, Graph], clear: bool = False) -> None:
        self._write(graph_quads(graphs), [ox.NamedNode(str(name)) for name in graphs], clear)

    def load_files(
        self, paths: Sequence[Path], format: str | None = None, graph: URIRef | None = None
    ) -> list[URIRef]:
        self._writable()
        quads, graphs = parse_files(paths, format, graph)
        self._write(quads, graphs, clear=False)
        return sorted(URIRef(g.value) for g in graphs)

    def _write(self, quads: list[ox.Quad], replaced: Iterable[ox.NamedNode], clear: bool) -> None:
        """One transaction: remove the `replaced` graphs (with `clear`, every graph), add
        `quads`. RocksDB commits a transaction as one write batch, so readers and a crash see
        all of it or none. When nothing is removed, `Store.extend` is that transaction (and
        the fast path); otherwise one SPARQL update request holds the removals and the
        insertion (Oxigraph runs a whole update request in one transaction), at 2.5 to 4
        times the cost of `extend` (200k triples, measured on the 2-CPU VM)."""
        store = self._writable()
        drop = [g for g in set(replaced) if store.contains_named_graph(g)]
        if clear and next(iter(store.quads_for_pattern(None, None, None)), None) is None:
            clear = False  # an empty store (seen in one step, not a count): extend is the same
        if not clear and not drop:
            store.extend(quads)
            return
        try:
            store.update(replace_request(quads, drop, drop_all=clear))
        except SyntaxError as exc:  # a term our serialisation got wrong: a bug, said plainly
            raise InputError(f"could not write to the store: {_one_line(exc)}") from None

    def remove_graph(self, graph: URIRef) -> None:
        store = self._writable()
        name = ox.NamedNode(str(graph))
        if store.contains_named_graph(name):
            store.remove_graph(name)

    def bulk_load_nquads(self, data: bytes) -> None:
        """Oxigraph's bulk loader, for large N-Quads dumps (not transactional)."""
        self._writable().bulk_load(data, format=ox.RdfFormat.N_QUADS)

    # -- reads -----------------------------------------------------------------------------
    def graphs(self) -> list[URIRef]:
        return self._read(lambda: sorted(URIRef(g.value) for g in self._store.named_graphs()))

    def quads(self) -> Iterator[tuple[Node, Node, Node, URIRef]]:
        if self.read_only:  # read whole, so that a retried read never repeats quads
            yield from self._read(lambda: list(self._quads()))
        else:
            yield from self._quads()

    def _quads(self) -> Iterator[tuple[Node, Node, Node, URIRef]]:
        for q in self._store.quads_for_pattern(None, None, None, None):
            if isinstance(q.graph_name, ox.DefaultGraph):
                continue
            yield (
                from_ox(q.subject),
                from_ox(q.predicate),
                from_ox(q.object),
                URIRef(q.graph_name.value),
            )

    def __len__(self) -> int:
        return self._read(lambda: len(self._store))

    def close(self) -> None:
        """Flush writes to disk and release the store; a read-only store is only released
        (RocksDB refuses to flush a read-only instance)."""
        if self._store is None:
            return
        if self.path is not None and not self.read_only:
            try:
                self._store.flush()
            except OSError:
                pass
        self._store = None  # type: ignore[assignment]


def replace_request(
    quads: Iterable[ox.Quad], drop: Iterable[ox.NamedNode], drop_all: bool = False
) -> str:
    """One SPARQL update request that drops the graphs `drop` (with `drop_all`, every graph)
    and inserts `quads`: an engine that runs a request as one transaction (Oxigraph) makes
    it one write. The quads are one INSERT DATA operation, so a blank node label stays one
    node across the graphs of the request."""
    ops = ["DROP SILENT ALL"] if drop_all else [f"DROP SILENT GRAPH {g}" for g in drop]
    by_graph: dict[ox.NamedNode, list[str]] = {}
    for q in quads:
        by_graph.setdefault(q.graph_name, []).append(f"{q.subject} {q.predicate} {q.object} .")
    if by_graph:
        body = "\n".join(
            f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}" for g, lines in by_graph.items()
        )
        ops.append("INSERT DATA {\n" + body + "\n}")
    return " ;\n".join(ops)


_READ_RETRIES = 8


def _backoff(attempt: int) -> float:
    return min(0.02 * 2**attempt, 0.5)


def _vanished(exc: BaseException) -> bool:
    """An error of a read-only RocksDB instance whose files a writer has just replaced
    (compaction deletes SST and log files the snapshot had listed): retrying sees the new
    files; or of a store a writer is creating right now (its column families are not all
    there yet). Anything else is a real error."""
    text = str(exc)
    return any(sign in text for sign in ("No such file", "MANIFEST", "Column family not found"))


def _open_read_only(path: Path) -> ox.Store:
    """A read-only instance, retried while a concurrent writer swaps the files it lists."""
    for attempt in range(_READ_RETRIES + 1):
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError) as exc:
            if not _vanished(exc) or attempt == _READ_RETRIES:
                raise
            time.sleep(_backoff(attempt))
    raise AssertionError("unreachable")


class _BlankScope:
    """Fresh blank nodes for the labels of one write: `_:b0` of two files, or of two calls,
    are two nodes, whichever path (`extend` or an update request) the write takes."""

    def __init__(self) -> None:
        self._nodes: dict[str, ox.BlankNode] = {}

    def __call__(self, term):  # noqa: ANN001, ANN204 - any pyoxigraph term
        if isinstance(term, ox.BlankNode):
            return self._nodes.setdefault(term.value, ox.BlankNode())
        return term


def graph_quads(graphs: Mapping[URIRef, Graph]) -> list[ox.Quad]:
    """The triples of rdflib graphs as the quads of one write (its own blank nodes)."""
    scope = _BlankScope()
    return [
        ox.Quad(scope(to_ox(s)), to_ox(p), scope(to_ox(o)), ox.NamedNode(str(name)))
        for name, triples in graphs.items()
        for s, p, o in triples
    ]


def parse_files(
    paths: Sequence[Path], format: str | None, graph: URIRef | None
) -> tuple[list[ox.Quad], set[ox.NamedNode]]:
    """The quads of several files, each parsed whole (see `parse_file`), and the graphs
    they fill: nothing is written before every file has parsed."""
    quads: list[ox.Quad] = []
    graphs: set[ox.NamedNode] = set()
    for path in paths:
        file_quads, file_graphs = parse_file(Path(path), format, graph)
        quads.extend(file_quads)
        graphs |= file_graphs
    return quads, graphs


def parse_file(
    path: Path, format: str | None, graph: URIRef | None
) -> tuple[list[ox.Quad], set[ox.NamedNode]]:
    """A file's quads (triples outside a named graph go to `graph` or the file's graph), and
    the graphs it fills; a one-line error naming the file when it does not parse."""
    fmt = guess_format(path, format)
    text = read_utf8(path)
    default = ox.NamedNode(str(graph or file_graph(path)))
    try:
        parsed = list(
            ox.parse(
                text.encode("utf-8"), format=_OX_FORMATS[fmt], base_iri=path.resolve().as_uri()
            )
        )
    except SyntaxError as exc:
        raise ParseError(f"{path}: {_one_line(exc)}") from None
    scope = _BlankScope()  # a file's blank node labels are its own (as rdflib and SPARQL have it)
    quads = []
    for q in parsed:
        if isinstance(q.graph_name, ox.BlankNode):
            raise ParseError(
                f"{path}: a graph named by a blank node ({q.graph_name}): name it with an IRI"
            )
        if isinstance(q.object, ox.Triple) or isinstance(q.subject, ox.Triple):
            raise ParseError(f"{path}: RDF 1.2 triple terms (<<( … )>>) are not supported")
        name = default if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name
        quads.append(ox.Quad(scope(q.subject), q.predicate, scope(q.object), name))
    graphs = {q.graph_name for q in quads}
    if not RDF_FORMATS[fmt][1]:
        graphs.add(default)
    return quads, graphs


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())
