"""The Store interface: what every backend offers, and the query result type.

Nothing above this module knows which backend runs. Every backend keeps triples in named
graphs and answers SPARQL with the default graph as the union of all named graphs.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from kg.errors import EncodingError, InputError, UnknownFormat
from kg.vocab import KGR, slug

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Store", "QueryResult", "RDF_FORMATS", "guess_format", "file_graph", "read_utf8"]

# format name -> (file suffixes, is a quad format)
RDF_FORMATS: dict[str, tuple[tuple[str, ...], bool]] = {
    "turtle": ((".ttl", ".turtle"), False),
    "trig": ((".trig",), True),
    "nquads": ((".nq", ".nquads"), True),
    "ntriples": ((".nt", ".ntriples"), False),
    "json-ld": ((".jsonld", ".json-ld", ".json"), True),
    "xml": ((".rdf", ".owl", ".xml"), False),
}
FORMAT_ALIASES = {
    "ttl": "turtle",
    "nq": "nquads",
    "nt": "ntriples",
    "jsonld": "json-ld",
    "rdfxml": "xml",
}


def guess_format(path: Path, explicit: str | None = None) -> str:
    """The RDF format of a file, from `explicit` or its suffix; UnknownFormat otherwise."""
    if explicit:
        name = FORMAT_ALIASES.get(explicit.lower(), explicit.lower())
        if name not in RDF_FORMATS:
            raise UnknownFormat(
                f"unknown RDF format {explicit!r} (known: {', '.join(RDF_FORMATS)})"
            )
        return name
    suffix = path.suffix.lower()
    for name, (suffixes, _) in RDF_FORMATS.items():
        if suffix in suffixes:
            return name
    raise UnknownFormat(
        f"{path}: cannot tell the RDF format from the suffix {suffix!r}; use --format"
    )


def file_graph(path: Path) -> URIRef:
    """The named graph that triples of a triple-format file go to when no graph is given."""
    return KGR[f"graph/file/{slug(path.stem)}"]


def read_utf8(path: Path) -> str:
    """A file's text, or a one-line error naming the file and the byte that is not UTF-8."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:  # permission denied, an I/O error...
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise EncodingError(f"{path}:{line}: not UTF-8 (byte {exc.start})") from None


@dataclass
class QueryResult:
    """A SPARQL result: rows of a SELECT, the boolean of an ASK, or the graph of a CONSTRUCT."""

    kind: str  # "select" | "ask" | "graph"
    vars: list[str] = field(default_factory=list)
    rows: list[dict[str, Node | None]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    truncated: bool = False
    """True when `max_rows` cut the rows (or triples): the query had at least one more."""

    def __iter__(self) -> Iterator[dict[str, Node | None]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows) if self.kind == "select" else len(self.graph or ())

    def __bool__(self) -> bool:
        return bool(self.boolean) if self.kind == "ask" else len(self) > 0

    def values(self) -> list[dict[str, object]]:
        """Rows with Python values (str for IRIs, int/float/date... for typed literals)."""
        out = []
        for row in self.rows:
            out.append({k: (None if v is None else _py(v)) for k, v in row.items()})
        return out

    def to_dataframe(self) -> pd.DataFrame:
        """The rows as a pandas DataFrame, one dtype per column (see `kg.store.frame`):
        int64/Int64, float64, bool/boolean, datetime64 (with a `<name>_granularity` column
        when some dates are only a year or a month), strings for IRIs and text.

        A CONSTRUCT/DESCRIBE result gives its triples as columns subject, predicate, object;
        an ASK result has no table (use `boolean`).
        """
        from kg.store.frame import result_frame

        if self.kind == "ask":
            raise InputError("an ASK result is a boolean (result.boolean), not a table")
        if self.kind == "graph":
            names = ["subject", "predicate", "object"]
            rows = [dict(zip(names, t, strict=True)) for t in self.graph or ()]
            return result_frame(names, rows)
        return result_frame(self.vars, self.rows)

    def __repr__(self) -> str:
        from kg.store.display import result_text

        return result_text(self)

    def _repr_html_(self) -> str:
        """The result as an HTML table, for Jupyter (the first rows, escaped)."""
        from kg.store.display import result_html

        return result_html(self)


def _py(term: Node) -> object:
    from rdflib import Literal

    if isinstance(term, Literal):
        value = term.toPython()
        return value if not isinstance(value, Literal) else str(value)
    return str(term)


class Store(abc.ABC):
    """A quad store with named graphs. Backends (`kg.store.registry`): `OxigraphStore`
    (disk), `MemoryStore` (rdflib), `RemoteStore` (a SPARQL server).

    A backend declares what it can do, as rdflib's stores do: `transaction_aware` when
    `replace_graphs` and `load_files` are one transaction (readers see the store before or
    after, never in between, and a crash leaves one of the two).
    """

    path: Path | None
    transaction_aware: bool = False
    remote: bool = False
    """A store on a server (`RemoteStore`): its `query` takes a `timeout` that bounds the
    request, so a time limit needs no forked child."""

    @abc.abstractmethod
    def query(self, sparql: str, max_rows: int | None = None) -> QueryResult:
        """Run a SPARQL 1.1 query; the default graph is the union of the named graphs.

        With `max_rows`, at most that many rows (or CONSTRUCT triples) are kept and solutions
        stop being pulled after one more (which sets `truncated`), so a huge result is never
        built in memory when the engine produces it lazily.
        """

    @abc.abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 update."""

    @abc.abstractmethod
    def replace_graph(self, graph: URIRef, triples: Graph) -> None:
        """Make named graph `graph` hold exactly `triples` (idempotent)."""

    def replace_graphs(self, graphs: Mapping[URIRef, Graph], clear: bool = False) -> None:
        """Make each named graph of `graphs` hold exactly its triples, and with `clear` remove
        every other graph: one transaction on a `transaction_aware` backend. This default
        writes graph by graph; backends with transactions override it."""
        if clear:
            for name in self.graphs():
                if name not in graphs:
                    self.remove_graph(name)
        for name, triples in graphs.items():
            self.replace_graph(name, triples)

    @abc.abstractmethod
    def load_files(
        self, paths: Sequence[Path], format: str | None = None, graph: URIRef | None = None
    ) -> list[URIRef]:
        """Load several RDF files as one write (one transaction where the backend has them):
        every file is parsed whole before anything is written, then the graphs they fill are
        replaced. Triples outside a named graph go to `graph`, or to `file_graph(path)`.
        Loading the same files twice leaves the same triples. Returns the graphs written."""

    def load_file(
        self, path: Path, format: str | None = None, graph: URIRef | None = None
    ) -> list[URIRef]:
        """Load one RDF file atomically (`load_files` of one file)."""
        return self.load_files([path], format=format, graph=graph)

    @abc.abstractmethod
    def graphs(self) -> list[URIRef]:
        """Named graphs that hold at least one triple."""

    @abc.abstractmethod
    def remove_graph(self, graph: URIRef) -> None: ...

    @abc.abstractmethod
    def quads(self) -> Iterable[tuple[Node, Node, Node, URIRef]]:
        """Every quad of the store."""

    @abc.abstractmethod
    def __len__(self) -> int:
        """Number of quads."""

    def to_dataset(self) -> Dataset:
        """A copy of the store as an rdflib Dataset (for pyshacl, networkx projections...)."""
        ds = Dataset(default_union=True)
        for s, p, o, g in self.quads():
            ds.add((s, p, o, g))
        return ds

    def export(self, format: str) -> str:
        """The whole store serialised in an RDF format (trig, nquads, turtle, json-ld)."""
        ds = self.to_dataset()
        name = FORMAT_ALIASES.get(format, format)
        if name in ("turtle", "ntriples", "xml"):
            union = Graph()
            for prefix, ns in _prefixes():
                union.bind(prefix, ns)
            for s, p, o, _ in ds.quads((None, None, None, None)):
                union.add((s, p, o))
            return union.serialize(format=name)
        if name not in RDF_FORMATS:
            raise UnknownFormat(f"unknown export format {format!r}")
        for prefix, ns in _prefixes():
            ds.bind(prefix, ns)
        return ds.serialize(format=name)

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release the store (flush, unlock)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _prefixes() -> list[tuple[str, str]]:
    from kg.vocab import PREFIXES

    return list(PREFIXES.items())
