"""The Python API: `KnowledgeGraph`, a store with the queries and the build attached.

>>> import kg
>>> with kg.open(":memory:", backend="memory") as g:       # or kg.open() for .kg-store
...     _ = g.build(extract=False, progress=False)
...     g.ask("ASK { ?s owl:sameAs wd:Q159 }")
True

Every query gets the prefixes of `kg.vocab.PREFIXES` predeclared and runs with the default
graph as the union of the named graphs, exactly as `kg query` does. Unlike `kg query`, a query
has no time limit and no row cap unless asked (`timeout=`, `max_rows=`); SERVICE and SPARQL
Updates are refused as there.

A notebook must not block the CLI, so reads and writes are kept apart. Reads go to a
read-only handle of the store (an Oxigraph read-only instance: no lock), which sees the
store as it was when opened; before each read, kg compares the folder's files (names, sizes,
modification times: one `scandir`, ~0.05 ms) with what they were when the handle was opened
and reopens it when they differ (~7-40 ms on the seed store), so a `kg load` run in a
terminal shows up in the next query. `refresh()` reopens it on demand. Each write (`load`,
`update`, `build`) opens the store read-write for that write only and closes it after;
`writing()` keeps it open for several writes. A write while another process writes raises
`StoreLocked`. The memory backend works the same way (its writers lock `path/.lock`, its
readers do not).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import InputError, KGError, unknown_value
from kg.query.events import read_events
from kg.query.runner import prepare_query, run_query, sparql_string
from kg.store import BACKENDS, QueryResult, Store, display_location, is_url, open_store
from kg.store.registry import resolve_backend
from kg.vocab import KGR, sparql_prologue

if TYPE_CHECKING:
    from rdflib import Graph, URIRef

    from kg.build import BuildSummary

__all__ = ["KnowledgeGraph", "open", "store_stats", "default_store_path", "MEMORY"]

MEMORY = ":memory:"
"""Pass as the path for a fresh in-memory store (nothing is written to disk)."""

_Stamp = tuple[tuple[str, int, int], ...] | None


def default_store_path() -> Path:
    """`$KG_STORE`, else `.kg-store` in the project folder (the store `kg build` writes)."""
    from kg.cli.main import default_store_path as _default

    return _default()


def _type_name(value: object) -> str:
    return type(value).__name__


def _check_str(name: str, value: object, what: str = "a str") -> None:
    """TypeError naming the argument when `value` is not a str."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be {what}, not {_type_name(value)}")


def _check_bool(name: str, value: object) -> None:
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, not {_type_name(value)}")


def _check_limit(name: str, value: object, kinds: tuple[type, ...], what: str) -> None:
    """TypeError / ValueError naming the argument unless `value` is None or a number >= 0."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, kinds):
        raise TypeError(f"{name} must be {what} or None, not {_type_name(value)}")
    if value < 0:  # type: ignore[operator]
        raise ValueError(f"{name} must be >= 0 (0 or None: no limit), not {value}")


def _check_params(params: dict[str, object]) -> None:
    """`$name` parameters become string literals, so only str values make sense."""
    for key, value in params.items():
        if not isinstance(value, str):
            raise TypeError(
                f"query parameter {key!r} must be a str (it is substituted as a string "
                f"literal), not {_type_name(value)}"
            )


def folder_stamp(folder: Path) -> _Stamp:
    """What the files of a store folder look like now: (name, size, mtime) of each, or None
    when there is no folder. Any write to an Oxigraph store (its log, its tables) or to a
    memory-backend store (`dataset.nq`) changes it; opening a store read-only does not."""
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return None
    out = []
    for entry in entries:
        try:
            info = entry.stat()
        except FileNotFoundError:  # removed meanwhile (a compaction)
            continue
        out.append((entry.name, info.st_size, info.st_mtime_ns))
    return tuple(sorted(out))


class KnowledgeGraph:
    """A knowledge-graph store with the kg queries, loading and build attached.

    `path` is a store folder (default: `default_store_path()`), `":memory:"`, or the URL of
    a SPARQL server (`oxigraph+http://host:7878`: reads and writes go to the server, which
    holds no lock of kg's). `backend` is `"oxigraph"` (on disk), `"memory"` (rdflib; kept in
    `path/dataset.nq`) or `"remote"`; by default, `remote` for a URL, else `oxigraph`. With
    `create=False`, opening a folder that holds no store raises `StoreNotFound`; with
    `create=True` a missing store reads as empty and is created by the first write.
    `read_only=True` refuses writes. Reads never lock the store (see the module docstring).
    """

    def __init__(
        self,
        path: Path | str | None = None,
        backend: str | None = None,
        *,
        create: bool = False,
        read_only: bool = False,
    ) -> None:
        if path is None:
            path = default_store_path()
        if not isinstance(path, str | os.PathLike):
            raise TypeError(
                f"path must be a store folder (str or Path), a server URL or {MEMORY!r}, not "
                f"{_type_name(path)}"
            )
        if backend is not None:
            _check_str("backend", backend)
            if backend not in BACKENDS:
                raise unknown_value("backend", backend, list(BACKENDS))
        _check_bool("create", create)
        _check_bool("read_only", read_only)
        self.url: str | None = str(path) if is_url(path) else None
        """The server of a remote store (then `path` is None), else None."""
        self.path: Path | None = None if str(path) == MEMORY or self.url else Path(path)
        backend = resolve_backend(self.url or self.path, backend).name
        self.backend = backend
        self.create = create
        self.read_only = read_only
        self._writer: Store | None = None
        self._closed = False
        self._reader: Store
        self._stamp: _Stamp = None
        if self.path is None:  # one in-process store, or a server: nothing to reopen
            self._reader = open_store(self.url, backend=backend, read_only=read_only)
        else:
            self._reader, self._stamp = self._open_reader()

    # -- the store -----------------------------------------------------------------------
    def _open_reader(self) -> tuple[Store, _Stamp]:
        assert self.path is not None
        stamp = folder_stamp(self.path)  # taken first: a write in between is caught next time
        if self.create and self._no_store_yet(stamp):
            # nothing to read yet; the first write creates the store
            return open_store(None, backend=self.backend), stamp
        store = open_store(self.path, backend=self.backend, create=self.create, read_only=True)
        return store, stamp

    def _no_store_yet(self, stamp: _Stamp) -> bool:
        """True for a folder that is missing, or empty (Oxigraph), or without `dataset.nq`
        (memory backend); a file or a non-store folder is left for `open_store` to refuse."""
        assert self.path is not None
        if not self.path.exists():
            return True
        if self.backend == "oxigraph":
            return stamp == ()
        return self.path.is_dir() and not (self.path / "dataset.nq").exists()

    def _check_open(self) -> None:
        if self._closed:
            raise InputError(f"{self!r} is closed; open it again with kg.open()")

    @property
    def store(self) -> Store:
        """The store that reads go to: a read-only snapshot of the store folder, reopened
        first when its files have changed (inside `writing()`: the read-write store).

        Use it for the lower-level functions that take a `Store` (`kg.viz.show(g.store)`,
        `kg.analysis.events_table(g.store)`); write through `load`, `update`, `build` or
        `writing()`, never through this handle.
        """
        self._check_open()
        if self._writer is not None:
            return self._writer
        if self.path is not None and folder_stamp(self.path) != self._stamp:
            try:
                self.refresh()
            except KGError:  # caught mid-write by another process: keep the snapshot, and
                pass  # the next read tries again
        return self._reader

    def refresh(self) -> KnowledgeGraph:
        """Reopen the read-only handle, so reads see every write made since it was opened.

        Reads already do this when the store's files have changed; call it to be sure (a
        file system with coarse modification times can hide a change of the same size).
        Returns the graph itself, so `g.refresh().query(...)` reads well.
        """
        self._check_open()
        if self.path is not None and self._writer is None:
            # the old handle is not closed: whoever kept it (`store = g.store`) keeps a
            # working snapshot, and it is released when the last reference goes
            self._reader, self._stamp = self._open_reader()
        return self

    @contextmanager
    def writing(self) -> Iterator[Store]:
        """Open the store read-write for the writes of a `with` block, then close it.

        `with g.writing() as store: ...` takes the store's lock once for several writes
        (`load`, `update`, `build` called inside reuse it, and reads inside see them); other
        processes can read meanwhile but not write. Raises `StoreLocked` when another
        process is writing. On leaving the block the store is flushed and released and the
        read-only handle reopened.
        """
        self._check_open()
        if self.read_only:
            raise InputError(f"{self!r} was opened with read_only=True; open it without to write")
        if self._writer is not None:  # nested: the outer block owns the store
            yield self._writer
            return
        if self.path is None:  # ":memory:": the one in-process store
            self._writer = self._reader
            try:
                yield self._writer
            finally:
                self._writer = None
            return
        writer = open_store(self.path, backend=self.backend, create=self.create)
        self._writer = writer
        try:
            yield writer
        finally:
            self._writer = None
            writer.close()  # flushes (Oxigraph) or saves `dataset.nq` (memory), and unlocks
            self.refresh()

    # -- queries -------------------------------------------------------------------------
    def query(
        self,
        sparql: str | os.PathLike[str],
        *,
        timeout: float | None = None,
        max_rows: int | None = None,
        allow_service: bool = False,
        **params: str,
    ) -> QueryResult:
        """Run SPARQL (or a `.rq` path, or a library query name); `$name` takes `params`.

        `timeout` (seconds; None or 0 = no limit, the default) runs the query in a forked
        child process that is killed when the time passes (`QueryTimeout`, E022) or on
        Ctrl-C (KeyboardInterrupt), even inside the query engine; without it the query runs
        in this process. `max_rows` (None or 0 = all, the default) keeps that many rows (or
        CONSTRUCT triples) and stops pulling solutions after one more (`result.truncated`).
        SERVICE is refused (E023) unless `allow_service`; SPARQL Updates are refused (E020).
        These three names are therefore not available as `$name` parameters.
        """
        if isinstance(sparql, os.PathLike):
            sparql = os.fspath(sparql)
        _check_str("sparql", sparql, "SPARQL text, a .rq path or a library query name (str)")
        _check_limit("timeout", timeout, (int, float), "a number of seconds")
        _check_limit("max_rows", max_rows, (int,), "an int")
        _check_bool("allow_service", allow_service)
        _check_params(params)
        return run_query(
            self.store,
            sparql,
            params,
            timeout=timeout,
            max_rows=max_rows or None,
            allow_service=allow_service,
            timeout_hint="pass a larger timeout=, or timeout=None for no limit",
        )

    def ask(self, sparql: str | os.PathLike[str], **params: Any) -> bool:
        """The boolean of an ASK query (keywords as for `query`)."""
        result = self.query(sparql, **params)
        if result.kind != "ask":
            raise InputError("ask() needs an ASK query")
        return bool(result.boolean)

    def named_query(self, name: str, **params: Any) -> QueryResult:
        """Run a query of the library (`kg query --list`), e.g. `named_query("dyad", a="USA", b="CHN")`."""
        from kg.query.runner import get_query

        _check_str("name", name, "the name of a library query (str; see `kg query --list`)")
        get_query(name)  # a clear error for an unknown name, even if it is also a file path
        return self.query(name, **params)

    def events(
        self,
        dyad: tuple[str, str] | None = None,
        modality: str | None = None,
        kind: str | None = None,
        actor: str | None = None,
        target: str | None = None,
    ) -> list[dict[str, Any]]:
        """Events as dicts (event, kind, actor, target, actor_code, target_code, modality,
        date, sentence, graph), filtered by a dyad of actor codes (either direction), a
        modality, an event kind, or the code of the actor / target. Sorted by date.

        An unknown modality or kind raises ValueError (listing the known ones) rather than
        returning no event; an actor code with no event gives [].

        Read through `kg.query.events` (modality and kind filter its SPARQL; codes are matched
        on its rows): one dict per event and named graph stating it. `actor` / `target` are
        the actor's label (English first) or else its code; an actor without `kgo:code` has
        the path of its IRI (``state/RUS``) as code.
        """
        store = self.store
        pairs: set[tuple[str, str]] | None = None
        if dyad is not None:
            if (
                not isinstance(dyad, tuple | list)
                or len(dyad) != 2
                or not all(isinstance(c, str) for c in dyad)
            ):
                raise TypeError(
                    f"dyad must be a pair of actor codes such as ('RUS', 'PRK'), not {dyad!r}"
                )
            pairs = {(dyad[0], dyad[1]), (dyad[1], dyad[0])}  # either direction
        if modality is not None:
            from kg.extract.model import MODALITIES

            _check_str("modality", modality, f"one of {', '.join(MODALITIES)}")
            if modality.lower() not in MODALITIES:
                raise unknown_value("modality", modality, list(MODALITIES))
        if kind is not None:
            _check_str("kind", kind, "an event kind key such as 'visit'")
            _check_kind(store, kind)
        if actor is not None:
            _check_str("actor", actor, "an actor code such as 'RUS'")
        if target is not None:
            _check_str("target", target, "an actor code such as 'RUS'")
        read = read_events(
            store,
            modalities=None if modality is None else [modality.lower()],
            kinds=None if kind is None else [kind],
            evidence=True,
        )
        out: list[tuple[tuple[str, ...], dict[str, Any]]] = []
        for row in read.events:
            if row.kind is None or row.target is None or row.modality is None:
                continue
            actor_code = row.source_code or _path_of(row.source)
            target_code = row.target_code or _path_of(row.target)
            if pairs is not None and (actor_code, target_code) not in pairs:
                continue
            if actor is not None and actor_code != actor:
                continue
            if target is not None and target_code != target:
                continue
            sentences = [m.sentence for m in row.mentions]
            for graph in row.graphs:
                order = (row.date or "", actor_code, row.kind, target_code, row.event, graph)
                out.append(
                    (
                        order,
                        {
                            "event": row.event,
                            "kind": row.kind,
                            "actor": row.source_label or actor_code,
                            "target": row.target_label or target_code,
                            "actor_code": actor_code,
                            "target_code": target_code,
                            "modality": row.modality,
                            "date": _date_value(row.date),
                            "sentence": min(sentences) if sentences else None,
                            "graph": graph,
                        },
                    )
                )
        out.sort(key=lambda pair: pair[0])
        return [event for _, event in out]

    # -- writes --------------------------------------------------------------------------
    def load(
        self,
        source: Path | str | Graph,
        graph: URIRef | str | None = None,
        format: str | None = None,
    ) -> list[URIRef]:
        """Load an RDF file (atomically, replacing the graphs it fills) or an rdflib graph.

        An rdflib `Dataset` keeps its named graphs; a plain `Graph` goes to `graph`, else to
        its own identifier when that is an IRI, else to `kgr:graph/python`. Returns the
        graphs written.
        """
        from rdflib import Dataset, Graph, URIRef
        from rdflib.graph import ConjunctiveGraph

        from kg.store import guess_format, read_utf8

        if graph is not None:
            _check_str("graph", graph, "a named-graph IRI (str or URIRef)")
        if format is not None:
            _check_str("format", format, "an RDF format name such as 'turtle' or 'trig'")
        target = URIRef(str(graph)) if graph is not None else None
        if isinstance(source, str | os.PathLike):
            path = Path(source)
            guess_format(path, format)  # fail before the store is opened (or created)
            read_utf8(path)
            with self.writing() as store:
                return store.load_file(path, format=format, graph=target)
        if isinstance(source, Dataset | ConjunctiveGraph):
            grouped: dict[URIRef, Graph] = {}
            default = target or KGR["graph/python"]
            for s, p, o, g in source.quads((None, None, None, None)):
                ident = getattr(g, "identifier", g)
                name = (
                    default
                    if ident is None or str(ident) == "urn:x-rdflib:default"
                    else URIRef(str(ident))
                )
                grouped.setdefault(name, Graph()).add((s, p, o))
            with self.writing() as store:
                store.replace_graphs(grouped)  # one transaction
            return sorted(grouped)
        if isinstance(source, Graph):
            if target is None:
                ident = source.identifier
                target = ident if isinstance(ident, URIRef) else KGR["graph/python"]
            with self.writing() as store:
                store.replace_graph(target, source)
            return [target]
        raise TypeError(
            f"source must be a file path (str or Path) or an rdflib Graph or Dataset, "
            f"not {_type_name(source)}"
        )

    def update(self, sparql: str, **params: str) -> None:
        """Run a SPARQL 1.1 update (`INSERT DATA { GRAPH <g> { ... } }`...); `$name` takes
        `params`. Triples outside a `GRAPH` go to the default graph, which queries do not
        see (their default graph is the union of the named graphs)."""
        _check_str("sparql", sparql, "SPARQL update text (str)")
        _check_params(params)
        text, _ = prepare_query(sparql, params)
        with self.writing() as store:
            store.update(text)

    def build(
        self,
        seeds_dir: Path | str | None = None,
        extract: bool = True,
        progress: bool = False,
        fresh: bool = False,
    ) -> BuildSummary:
        """Build the graph from the seeds into this store (see `kg.build.build`).

        The store is open read-write (locked) for the whole build.
        """
        from kg.build import build

        if seeds_dir is not None:
            if not isinstance(seeds_dir, str | os.PathLike):
                raise TypeError(f"seeds_dir must be a folder path, not {_type_name(seeds_dir)}")
            if not Path(seeds_dir).is_dir():
                raise InputError(f"{seeds_dir}: no seeds folder here")
        for name, flag in (("extract", extract), ("progress", progress), ("fresh", fresh)):
            _check_bool(name, flag)
        with self.writing() as store:
            return build(store, seeds_dir, extract=extract, progress=progress, fresh=fresh)

    # -- facts ---------------------------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        """Triples, named graphs (with counts), events by modality and kind, documents."""
        return store_stats(self.store)

    def __len__(self) -> int:
        return len(self.store)

    def graphs(self) -> list[URIRef]:
        """Named graphs holding at least one triple."""
        return self.store.graphs()

    # -- lifecycle -----------------------------------------------------------------------
    def close(self) -> None:
        """Release the read-only handle (nothing stays locked in any case). Closing twice
        is fine; any other use after closing raises `InputError`."""
        if not self._closed:
            self._closed = True
            self._reader.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        where = self.path if self.path is not None else display_location(self.url or MEMORY)
        state = ", closed" if self._closed else ""
        return f"KnowledgeGraph({str(where)!r}, backend={self.backend!r}{state})"


def _path_of(iri: str) -> str:
    """What follows `resource/` in an actor IRI (``state/RUS``): the code of an actor that
    has no `kgo:code`, as the `events` query names it ("" for an IRI that is not ours)."""
    return iri.split("resource/", 1)[1] if "resource/" in iri else ""


def _date_value(lexical: str | None) -> date | str | None:
    """An event date as `.values()` gives it: a `datetime.date` for a day, else the text
    (rdflib has no Python type for xsd:gYear and xsd:gYearMonth)."""
    if lexical is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", lexical):
        return date.fromisoformat(lexical)
    return lexical


def _check_kind(store: Store, kind: str) -> None:
    """ValueError for a kind that is neither in `event_kinds.csv` nor used in the store."""
    from kg.eventkinds import event_kinds

    known = list(event_kinds())
    if kind in known:
        return
    used = store.query(
        sparql_prologue() + f"ASK {{ ?e kgo:eventKind {sparql_string(kind)} }}"
    ).boolean
    if not used:
        raise unknown_value("event kind", kind, known)


def open(
    path: Path | str | None = None,
    backend: str | None = None,
    *,
    create: bool = False,
    read_only: bool = False,
) -> KnowledgeGraph:
    """Open a knowledge graph: the default store (`kg build`'s), a folder, `":memory:"`, or
    the URL of a SPARQL server (`kg.open("oxigraph+http://127.0.0.1:7878")`).

    Reads take no lock and writes lock the store only while they run, so a notebook can
    keep a graph open while `kg load` or `kg build` write the same store (see `KnowledgeGraph`).
    """
    return KnowledgeGraph(path, backend=backend, create=create, read_only=read_only)


def _pairs(store: Store, sparql: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for row in store.query(sparql_prologue() + sparql).values():
        out[str(row["k"])] = int(row["n"])  # type: ignore[call-overload]
    return out


def store_stats(store: Store) -> dict[str, Any]:
    """Statistics of a store as plain data (what `kg stats` prints): `events` counts real
    events (the merged `kgo:Event` nodes and the curated ones), `reports` the documents'
    reports of them (`kgo:EventReport`) and `mentions` the sentences behind those; by
    modality and kind, events."""
    graphs = _pairs(
        store,
        "SELECT (?g AS ?k) (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    )
    visible = {str(g) for g in store.graphs()}  # not an engine's own graphs (Virtuoso's)
    graphs = {g: n for g, n in graphs.items() if g in visible}
    modality = _pairs(
        store,
        """SELECT ?k (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a kgo:Event ; kgo:modality ?m .
        BIND (LCASE(STRAFTER(STR(?m), "#")) AS ?k) } GROUP BY ?k ORDER BY DESC(?n) ?k""",
    )
    kinds = _pairs(
        store,
        """SELECT ?k (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a kgo:Event ; kgo:eventKind ?k . }
        GROUP BY ?k ORDER BY DESC(?n) ?k""",
    )
    counts = store.query(
        sparql_prologue()
        + """SELECT (COUNT(DISTINCT ?e) AS ?events) (COUNT(DISTINCT ?d) AS ?documents)
        (COUNT(DISTINCT ?r) AS ?reports) (COUNT(DISTINCT ?m) AS ?mentions) WHERE {
        { ?e a kgo:Event } UNION { ?d a kgo:Document } UNION { ?r a kgo:EventReport }
        UNION { ?r0 a kgo:EventReport ; kgo:hasMention ?m } }"""
    ).values()[0]
    return {
        "triples": len(store),
        "graphs": graphs,
        "events": int(counts["events"] or 0),  # type: ignore[call-overload]
        "documents": int(counts["documents"] or 0),  # type: ignore[call-overload]
        "reports": int(counts["reports"] or 0),  # type: ignore[call-overload]
        "mentions": int(counts["mentions"] or 0),  # type: ignore[call-overload]
        "modality": modality,
        "kinds": kinds,
    }
