"""The rdflib in-memory backend, optionally saved as N-Quads in a folder between runs."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import rdflib.plugins.sparql
from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result
from rdflib.term import Identifier, Node

from kg.errors import InputError, ParseError, QueryError, StoreLocked, StoreNotFound
from kg.store.base import RDF_FORMATS, QueryResult, Store, file_graph, guess_format, read_utf8

__all__ = ["MemoryStore"]

# rdflib would download the IRI of a `FROM <http://…>` it does not hold: nothing here may
# reach the network (the query checks refuse SERVICE for the same reason)
rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False

_FILE = "dataset.nq"


class MemoryStore(Store):
    """rdflib `Dataset` with the default graph as union. With a `path`, state is kept in
    `path/dataset.nq` and written back on `close()` when it changed.

    The file is replaced atomically (written beside it, fsynced, renamed over it), so a kill
    while saving leaves the old state or the new one, never a truncated file, and a reader
    always parses a whole state. A writer holds an exclusive lock on `path/.lock` from open
    to close, so a second writer fails at once (`StoreLocked`) instead of saving over the
    first one's work; `read_only=True` takes no lock and refuses writes.
    """

    def __init__(
        self, path: Path | None = None, create: bool = False, read_only: bool = False
    ) -> None:
        self.path = path
        self.read_only = read_only and path is not None
        self._ds = Dataset(default_union=True)
        self._dirty = False
        self._broken = False  # a write was interrupted: the in-memory state is not saved
        self._closed = False
        self._lock: int | None = None
        if path is None:
            return
        if path.exists() and not path.is_dir():
            raise StoreNotFound(f"{path}: is a file, not a store folder")
        file = path / _FILE
        if not file.exists() and (not create or read_only):
            raise StoreNotFound(
                f"{path}: no memory-backend store here; run `kg --backend memory build` first"
            )
        if not file.exists() and path.is_dir() and _foreign(path):
            # as the Oxigraph backend: never write a store into someone else's folder
            raise StoreNotFound(
                f"{path}: folder is not empty and holds no kg store; choose another --store"
            )
        if not read_only:
            path.mkdir(parents=True, exist_ok=True)
            self._lock = _lock(path)
            for stale in path.glob(f".{_FILE}.*.tmp"):  # left by a save that was killed
                stale.unlink(missing_ok=True)
        if file.exists():
            try:
                self._ds.parse(file, format="nquads")
            except BaseException as exc:  # rdflib raises many parser types; Ctrl-C too
                self._release()
                if not isinstance(exc, Exception):
                    raise
                raise StoreNotFound(
                    f"{file}: the store file does not parse ({' '.join(str(exc).split())})"
                ) from None

    def _writing(self) -> None:
        if self._closed:
            raise InputError(f"{self.path}: the store is closed; open it again to write")
        if self.read_only:
            raise InputError(f"{self.path}: the store was opened read-only; cannot write to it")

    @contextmanager
    def _mutating(self) -> Iterator[None]:
        """A change of the in-memory state; if it is interrupted halfway (an error, Ctrl-C),
        the state is marked broken and never saved, so the file keeps the last whole state."""
        self._writing()
        try:
            yield
        except BaseException:
            self._broken = True
            raise
        self._dirty = True

    def _commit(self) -> None:
        """Save now, atomically, and only while holding the lock."""
        if self.path is not None and self._dirty and not self._broken and self._lock is not None:
            self.path.mkdir(parents=True, exist_ok=True)
            _save(self._ds, self.path / _FILE)
            self._dirty = False

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
        from rdflib.plugins.sparql import prepareUpdate

        self._writing()
        try:
            parsed = prepareUpdate(sparql)  # a syntax error changes nothing
        except Exception as exc:
            raise QueryError(f"invalid SPARQL update: {' '.join(str(exc).split())}") from None
        with self._mutating():
            try:
                self._ds.update(parsed)
            except Exception as exc:
                raise QueryError(f"SPARQL update failed: {' '.join(str(exc).split())}") from None

    def replace_graph(self, graph: URIRef, triples: Graph) -> None:
        with self._mutating():
            self._put(graph, triples)

    def replace_graphs(self, graphs: Mapping[URIRef, Graph], clear: bool = False) -> None:
        """All the graphs, then one save: on return the change is on disk; interrupted, the
        file keeps the state before it (and the in-memory state is never saved)."""
        with self._mutating():
            if clear:
                for name in self.graphs():
                    if name not in graphs:
                        self._ds.remove_graph(self._ds.graph(name))
            for name, triples in graphs.items():
                self._put(name, triples)
        self._commit()

    def _put(self, name: URIRef, triples: Graph) -> None:
        self._ds.remove_graph(self._ds.graph(name))
        g = self._ds.graph(name)
        for t in triples:
            g.add(t)

    def load_files(
        self, paths: Sequence[Path], format: str | None = None, graph: URIRef | None = None
    ) -> list[URIRef]:
        """Every file parsed first, then one `replace_graphs`."""
        self._writing()
        grouped: dict[URIRef, Graph] = {}
        for path in paths:
            for name, triples in _parse(Path(path), format, graph).items():
                grouped.setdefault(name, Graph())
                for t in triples:
                    grouped[name].add(t)
        self.replace_graphs(grouped)
        return sorted(grouped)

    def remove_graph(self, graph: URIRef) -> None:
        with self._mutating():
            self._ds.remove_graph(self._ds.graph(graph))

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
        """Save the state when it changed (never a state a write left halfway), then
        release the lock."""
        try:
            self._commit()
        finally:
            self._release()
            self._closed = True

    def _release(self) -> None:
        if self._lock is not None:
            os.close(self._lock)  # closing the descriptor releases the flock
            self._lock = None


def _parse(path: Path, format: str | None, graph: URIRef | None) -> dict[URIRef, Graph]:
    """A file's triples by the graph they go to (outside a named graph: `graph` or the
    file's graph); a one-line error naming the file when it does not parse."""
    fmt = guess_format(path, format)
    text = read_utf8(path)
    default = graph or file_graph(path)
    staging = Dataset()
    try:
        if RDF_FORMATS[fmt][1]:
            staging.parse(data=text, format=fmt, publicID=path.resolve().as_uri())
        else:
            staging.graph(default).parse(data=text, format=fmt, publicID=path.resolve().as_uri())
    except Exception as exc:
        raise ParseError(f"{path}: {' '.join(str(exc).split())}") from None
    written: set[URIRef] = set() if RDF_FORMATS[fmt][1] else {default}
    grouped: dict[URIRef, Graph] = {}
    for s, p, o, g in staging.quads((None, None, None, None)):
        name = default if g is None or str(g) == "urn:x-rdflib:default" else URIRef(str(g))
        grouped.setdefault(name, Graph()).add((s, p, o))
        written.add(name)
    return {name: grouped.get(name, Graph()) for name in written}


def _foreign(folder: Path) -> bool:
    """Whether `folder` holds files this backend did not write: its lock and the temporary
    file of an interrupted save are its own."""
    return any(p.name != ".lock" and not p.name.startswith(f".{_FILE}.") for p in folder.iterdir())


def _lock(folder: Path) -> int:
    """An exclusive, non-blocking lock on `folder/.lock` (released when the process ends)."""
    fd = os.open(folder / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise StoreLocked(
            f"{folder}: the store is in use by another kg process; wait for it to finish. "
            "Commands that only read (query, export, stats, viz, validate, report) work meanwhile."
        ) from None
    return fd


def _save(ds: Dataset, file: Path) -> None:
    """Write `ds` as N-Quads beside `file`, fsync, and rename it over `file` (atomic)."""
    tmp = file.with_name(f".{file.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as handle:
            ds.serialize(handle, format="nquads")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, file)
    finally:
        tmp.unlink(missing_ok=True)
    dir_fd = os.open(file.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)  # the rename itself survives a power cut
    finally:
        os.close(dir_fd)


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
