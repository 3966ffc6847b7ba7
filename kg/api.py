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
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import InputError
from kg.query.runner import run_query, sparql_string
from kg.store import QueryResult, Store, open_store
from kg.vocab import KGR, sparql_prologue

if TYPE_CHECKING:
    from rdflib import Graph, URIRef

    from kg.build import BuildSummary

__all__ = ["KnowledgeGraph", "open", "store_stats", "default_store_path", "MEMORY"]

MEMORY = ":memory:"
"""Pass as the path for a fresh in-memory store (nothing is written to disk)."""


def default_store_path() -> Path:
    """`$KG_STORE`, else `.kg-store` in the project folder (the store `kg build` writes)."""
    from kg.cli.main import default_store_path as _default

    return _default()


class KnowledgeGraph:
    """A knowledge-graph store with the kg queries, loading and build attached.

    `path` is a store folder (default: `default_store_path()`), or `":memory:"`. `backend` is
    `"oxigraph"` (on disk) or `"memory"` (rdflib; saved to `path/dataset.nq` on close).
    With `create=False`, opening a folder that holds no store raises `StoreNotFound`.
    """

    def __init__(
        self,
        path: Path | str | None = None,
        backend: str = "oxigraph",
        *,
        create: bool = False,
        read_only: bool = False,
    ) -> None:
        if path is None:
            path = default_store_path()
        folder = None if str(path) == MEMORY else Path(path)
        self.path: Path | None = folder
        self.backend = backend
        self.store: Store = open_store(folder, backend=backend, create=create, read_only=read_only)

    # -- queries -------------------------------------------------------------------------
    def query(
        self,
        sparql: str,
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
        in this process. `max_rows` keeps that many rows (or CONSTRUCT triples) and stops
        pulling solutions after one more (`result.truncated`). SERVICE is refused (E023)
        unless `allow_service`; SPARQL Updates are refused (E020). These three names are
        therefore not available as `$name` parameters.
        """
        return run_query(
            self.store,
            sparql,
            params,
            timeout=timeout,
            max_rows=max_rows,
            allow_service=allow_service,
            timeout_hint="pass a larger timeout=, or timeout=None for no limit",
        )

    def ask(self, sparql: str, **params: Any) -> bool:
        """The boolean of an ASK query (keywords as for `query`)."""
        result = self.query(sparql, **params)
        if result.kind != "ask":
            raise InputError("ask() needs an ASK query")
        return bool(result.boolean)

    def named_query(self, name: str, **params: Any) -> QueryResult:
        """Run a query of the library (`kg query --list`), e.g. `named_query("dyad", a="USA", b="CHN")`."""
        from kg.query.runner import get_query

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
        modality, an event kind, or the code of the actor / target. Sorted by date."""
        filters: list[str] = []
        if dyad is not None:
            a, b = (sparql_string(code) for code in dyad)
            filters.append(
                f"((?actor_code = {a} && ?target_code = {b}) || (?actor_code = {b} && ?target_code = {a}))"
            )
        if modality is not None:
            filters.append(f"?modality = {sparql_string(modality.lower())}")
        if kind is not None:
            filters.append(f"?kind = {sparql_string(kind)}")
        if actor is not None:
            filters.append(f"?actor_code = {sparql_string(actor)}")
        if target is not None:
            filters.append(f"?target_code = {sparql_string(target)}")
        where = "".join(f"  FILTER ({f})\n" for f in filters)
        sparql = f"""SELECT ?event ?kind ?actor ?target ?actor_code ?target_code ?modality ?date ?sentence ?graph
WHERE {{
  {{
    SELECT ?event ?g ?kind ?a ?t ?m (MIN(?d) AS ?date) (MIN(?s) AS ?sentence)
           (MIN(?ac) AS ?acode) (MIN(?tc) AS ?tcode) (MIN(?al) AS ?alabel) (MIN(?tl) AS ?tlabel)
    WHERE {{
      GRAPH ?g {{ ?event a kgo:Event ; kgo:eventKind ?kind ; kgo:actor ?a ; kgo:target ?t ; kgo:modality ?m . }}
      OPTIONAL {{ ?event kgo:eventDate ?d }}
      OPTIONAL {{ ?event kgo:hasMention ?mention . ?mention kgo:sentence ?s }}
      OPTIONAL {{ ?a kgo:code ?ac }}
      OPTIONAL {{ ?t kgo:code ?tc }}
      OPTIONAL {{ ?a rdfs:label ?al FILTER (langMatches(lang(?al), "en")) }}
      OPTIONAL {{ ?t rdfs:label ?tl FILTER (langMatches(lang(?tl), "en")) }}
    }}
    GROUP BY ?event ?g ?kind ?a ?t ?m
  }}
  FILTER (BOUND(?event))
  BIND (COALESCE(?acode, STRAFTER(STR(?a), "resource/")) AS ?actor_code)
  BIND (COALESCE(?tcode, STRAFTER(STR(?t), "resource/")) AS ?target_code)
  BIND (COALESCE(?alabel, ?actor_code) AS ?actor)
  BIND (COALESCE(?tlabel, ?target_code) AS ?target)
  BIND (LCASE(STRAFTER(STR(?m), "#")) AS ?modality)
  BIND (STR(?g) AS ?graph)
{where}}}
ORDER BY COALESCE(STR(?date), "") ?actor_code ?kind ?target_code ?event ?graph"""
        return self.store.query(sparql_prologue() + sparql).values()

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

        target = URIRef(str(graph)) if graph is not None else None
        if isinstance(source, str | Path):
            return self.store.load_file(Path(source), format=format, graph=target)
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
            for name, triples in grouped.items():
                self.store.replace_graph(name, triples)
            return sorted(grouped)
        if isinstance(source, Graph):
            if target is None:
                ident = source.identifier
                target = ident if isinstance(ident, URIRef) else KGR["graph/python"]
            self.store.replace_graph(target, source)
            return [target]
        raise InputError(f"cannot load {type(source).__name__}: give a path or an rdflib Graph")

    def build(
        self,
        seeds_dir: Path | str | None = None,
        extract: bool = True,
        progress: bool = False,
        fresh: bool = False,
    ) -> BuildSummary:
        """Build the graph from the seeds into this store (see `kg.build.build`)."""
        from kg.build import build

        return build(self.store, seeds_dir, extract=extract, progress=progress, fresh=fresh)

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
        """Flush and release the store (a memory-backend store is saved to its folder)."""
        if self.store is not None:
            self.store.close()
            self.store = None  # type: ignore[assignment]

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        where = self.path if self.path is not None else MEMORY
        return f"KnowledgeGraph({str(where)!r}, backend={self.backend!r})"


def open(
    path: Path | str | None = None,
    backend: str = "oxigraph",
    *,
    create: bool = False,
    read_only: bool = False,
) -> KnowledgeGraph:
    """Open a knowledge graph: the default store (`kg build`'s), a folder, or `":memory:"`."""
    return KnowledgeGraph(path, backend=backend, create=create, read_only=read_only)


def _pairs(store: Store, sparql: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for row in store.query(sparql_prologue() + sparql).values():
        out[str(row["k"])] = int(row["n"])  # type: ignore[call-overload]
    return out


def store_stats(store: Store) -> dict[str, Any]:
    """Statistics of a store as plain data (what `kg stats` prints)."""
    graphs = _pairs(
        store,
        "SELECT (?g AS ?k) (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    )
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
        + """SELECT (COUNT(DISTINCT ?e) AS ?events) (COUNT(DISTINCT ?d) AS ?documents) WHERE {
        { ?e a kgo:Event } UNION { ?d a kgo:Document } }"""
    ).values()[0]
    return {
        "triples": len(store),
        "graphs": graphs,
        "events": int(counts["events"] or 0),  # type: ignore[call-overload]
        "documents": int(counts["documents"] or 0),  # type: ignore[call-overload]
        "modality": modality,
        "kinds": kinds,
    }
