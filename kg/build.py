"""The build pipeline: seeds/ -> named graphs in a store (what `kg build` and `make demo` run).

One named graph per source, each written with `Store.replace_graph`, so building twice gives
the same store:

- `kgr:graph/ontology`      <- `kg.rdf.ontology.load_ontology()` (ontology/*.ttl)
- `kgr:graph/reference`     <- the gazetteer (`kg.gazetteer.load_gazetteer`, `kg.rdf.mapping.reference_graph`)
- `kgr:graph/curated/<name>` <- each `seeds/curated/<name>.trig|.ttl`
- `kgr:graph/doc/<slug>`    <- each article of `seeds/articles/*.jsonl`: document metadata, the
  event reports `kg.extract.pipeline.extract_documents` finds, and `kgo:matchesCurated` links.
- `kgr:graph/events/<key>`  <- the corpus event layer (`kg.identity.layer.rebuild_layer`): one
  `kgo:Event` per real event, merged from the reports of every document in the store.

Everything is read and computed first and written only at the end, in one transaction
(`Store.replace_graphs`), so a malformed seed file stops the build with a one-line error and
leaves the store as it was, and a build killed at any instant leaves the old store or the new
one: never some graphs of each (the event layer included: it is computed before the write).

This module imports only the standard library at import time (`import kg` stays fast).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import InputError, ParseError

if TYPE_CHECKING:
    from rdflib import Graph, URIRef

    from kg.extract.model import Document
    from kg.store import Store

__all__ = ["BuildSummary", "build", "default_seeds_dir", "read_articles", "PROJECT_DIR"]

PROJECT_DIR = Path(__file__).resolve().parents[1]
"""The project folder (the checkout holding `seeds/` and `ontology/`)."""


def default_seeds_dir() -> Path:
    """`seeds/` of the project."""
    return PROJECT_DIR / "seeds"


@dataclass
class BuildSummary:
    """What a build wrote, and the state of the store after it."""

    graphs: dict[str, int] = field(default_factory=dict)
    """Graph IRI -> triples, for each graph this build wrote."""
    triples: int = 0
    """Triples (quads) in the whole store after the build."""
    named_graphs: int = 0
    """Named graphs in the whole store after the build."""
    events: int = 0
    """Distinct events in the store (curated and extracted)."""
    extracted_events: int = 0
    curated_events: int = 0
    documents: int = 0
    extracted: bool = False
    """Whether the extractor ran (False with `extract=False` or when it is not available)."""
    notes: list[str] = field(default_factory=list)
    """Things the user should know (a missing component, a skipped step)."""
    seconds: float = 0.0

    def lines(self) -> list[str]:
        """The summary as short lines of text."""
        out = [
            f"graphs written: {len(self.graphs)}",
            *(f"  {g}  {n} triples" for g, n in sorted(self.graphs.items())),
            f"store: {self.triples} triples in {self.named_graphs} named graphs",
            f"documents: {self.documents}",
            f"events: {self.events} ({self.curated_events} curated, {self.extracted_events} extracted"
            + ("" if self.extracted else ", extraction did not run")
            + ")",
            f"time: {self.seconds:.1f}s",
        ]
        out.extend(f"note: {n}" for n in self.notes)
        return out


# -- reading seeds -------------------------------------------------------------------------
def read_articles(path: Path) -> list[Document]:
    """The articles of a JSON-lines file (`id`, `text`, and optional `lang`, `date`, `title`,
    `source`), as `Document`s; errors name the file and line."""
    from kg.extract.model import Document
    from kg.store import read_utf8

    docs = []
    for number, line in enumerate(read_utf8(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ParseError(f"{path}:{number}: invalid JSON ({exc.msg})") from None
        if not isinstance(record, dict) or not record.get("id") or "text" not in record:
            raise InputError(f"{path}:{number}: an article needs at least 'id' and 'text'")
        docs.append(
            Document(
                id=str(record["id"]),
                text=str(record["text"]),
                lang=str(record.get("lang") or "fr"),
                date=str(record.get("date") or ""),
                title=str(record.get("title") or ""),
                source=str(record.get("source") or ""),
            )
        )
    return docs


def _read_rdf(path: Path, default_graph: URIRef) -> dict[URIRef, Graph]:
    """Triples of a Turtle/TriG file, by named graph (default-graph triples -> `default_graph`)."""
    from rdflib import Dataset, Graph, URIRef

    from kg.store import read_utf8

    text = read_utf8(path)
    fmt = "trig" if path.suffix.lower() == ".trig" else "turtle"
    ds = Dataset()
    try:
        if fmt == "trig":
            ds.parse(data=text, format="trig", publicID=path.resolve().as_uri())
        else:
            ds.graph(default_graph).parse(
                data=text, format="turtle", publicID=path.resolve().as_uri()
            )
    except Exception as exc:  # rdflib raises many parser-specific types
        raise ParseError(f"{path}: {' '.join(str(exc).split())}") from None
    out: dict[URIRef, Graph] = {}
    for s, p, o, g in ds.quads((None, None, None, None)):
        ident = getattr(g, "identifier", g)
        name = (
            default_graph
            if ident is None or str(ident) == "urn:x-rdflib:default"
            else URIRef(str(ident))
        )
        out.setdefault(name, Graph(identifier=name)).add((s, p, o))
    return out


def _ontology_graph() -> Graph:
    try:
        from kg.rdf.ontology import load_ontology
    except ImportError:  # the ontology module is not there: read the files ourselves
        from rdflib import Graph

        graph = Graph()
        for name in ("geopol.ttl", "event-kinds.ttl"):
            path = PROJECT_DIR / "ontology" / name
            if path.exists():
                for t in _read_rdf(path, _iri("graph/ontology")).get(_iri("graph/ontology"), ()):
                    graph.add(t)
        return graph
    return load_ontology()


def _iri(local: str) -> URIRef:
    from kg.vocab import KGR

    return KGR[local]


# -- progress --------------------------------------------------------------------------------
class _Steps:
    """A rich progress display on stderr, or nothing."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._progress: Any = None

    @contextmanager
    def running(self) -> Iterator[_Steps]:
        if not self.enabled:
            yield self
            return
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        with Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=False,
        ) as progress:
            self._progress = progress
            yield self
        self._progress = None

    def step(self, description: str, work: Callable[[], Any]) -> Any:
        if self._progress is None:
            return work()
        task = self._progress.add_task(description, total=1)
        result = work()
        self._progress.update(task, completed=1)
        return result

    def note(self, message: str) -> None:
        if self._progress is not None:
            self._progress.console.print(f"[yellow]note:[/] {message}")


# -- the build ---------------------------------------------------------------------------------
def build(
    store: Store,
    seeds_dir: Path | str | None = None,
    extract: bool = True,
    progress: bool = True,
    fresh: bool = False,
) -> BuildSummary:
    """Build the graph from `seeds_dir` (default: the project's `seeds/`) into `store`.

    `extract=False` loads articles as document metadata only (fast: no spaCy). `fresh=True`
    empties the store first (drops graphs no longer produced by the seeds). Idempotent:
    every graph is replaced, never appended to. Raises a `KGError` (one line naming the file)
    on a malformed seed file, before anything is written.
    """
    from rdflib import Graph

    from kg import vocab

    start = time.perf_counter()
    seeds = Path(seeds_dir) if seeds_dir is not None else default_seeds_dir()
    if not seeds.is_dir():
        raise InputError(f"{seeds}: no seeds folder here")
    summary = BuildSummary()
    graphs: dict[URIRef, Graph] = {}
    steps = _Steps(progress)

    with steps.running():
        # ontology
        graphs[_iri("graph/ontology")] = steps.step("ontology", _ontology_graph)

        # reference graph
        try:
            from kg.gazetteer import load_gazetteer
            from kg.rdf.mapping import reference_graph
        except ImportError as exc:
            summary.notes.append(f"gazetteer not available ({exc}); reference graph skipped")
            steps.note(summary.notes[-1])
        else:
            graphs[_iri("graph/reference")] = steps.step(
                "gazetteer -> reference graph", lambda: reference_graph(load_gazetteer())
            )

        # curated graphs
        curated_union = Graph()
        curated_dir = seeds / "curated"
        curated_files = sorted(
            p
            for p in (curated_dir.glob("*") if curated_dir.is_dir() else [])
            if p.suffix.lower() in (".trig", ".ttl")
        )

        def read_curated() -> None:
            for path in curated_files:
                for name, graph in _read_rdf(path, vocab.curated_graph(path.stem)).items():
                    target = graphs.setdefault(name, Graph(identifier=name))
                    for t in graph:
                        target.add(t)
                        curated_union.add(t)

        steps.step(f"curated graphs ({len(curated_files)} files)", read_curated)

        # articles
        article_dir = seeds / "articles"
        docs: list[Document] = []
        for path in sorted(article_dir.glob("*.jsonl")) if article_dir.is_dir() else []:
            docs.extend(read_articles(path))
        summary.documents = len(docs)
        results = _extract(docs, extract, progress, steps, summary) if docs else []

        def map_documents() -> None:
            from kg.rdf.mapping import document_triples, events_graph, link_to_curated

            for doc, events in results:
                graph = events_graph(doc, events) if events else document_triples(doc)
                if events and len(curated_union):
                    for t in link_to_curated(graph, curated_union):
                        graph.add(t)
                graphs[vocab.document_graph(doc.id)] = graph

        steps.step(f"documents -> graphs ({len(docs)})", map_documents)

        # the corpus event layer: one kgo:Event per real event, rebuilt whole from the
        # reports of these documents and of those ingested before (unless `fresh`)
        def event_layer() -> None:
            from kg.identity.layer import documents_layer

            docs = {n: g for n, g in graphs.items() if str(n).startswith(str(_iri("graph/doc/")))}
            graphs.update(documents_layer(store, docs, full=True, others=not fresh))

        steps.step("event layer (merged events)", event_layer)

        # write: one transaction (on a transaction-aware store), so that a reader or a crash
        # sees the old store or the new one, never a mix of old and new graphs
        steps.step(
            f"write {len(graphs)} graphs",
            lambda: store.replace_graphs(graphs, clear=fresh),
        )

    summary.graphs = {str(name): len(graph) for name, graph in graphs.items() if len(graph)}
    _count(store, summary)
    summary.seconds = time.perf_counter() - start
    return summary


def _extract(
    docs: list[Document], extract: bool, progress: bool, steps: _Steps, summary: BuildSummary
) -> list[tuple[Document, list[Any]]]:
    """Run the extractor over `docs`, or pair each with no events when it can't run."""
    if not extract:
        return [(doc, []) for doc in docs]
    try:
        from kg.extract.pipeline import extract_documents
    except ImportError as exc:
        summary.notes.append(
            f"extractor not available ({exc}); loaded document metadata only, no extracted events"
        )
        steps.note(summary.notes[-1])
        return [(doc, []) for doc in docs]
    summary.extracted = True
    return steps.step(
        f"extract events ({len(docs)} articles)",
        lambda: extract_documents(docs, progress=False),
    )


def _count(store: Store, summary: BuildSummary) -> None:
    from kg.vocab import sparql_prologue

    summary.triples = len(store)
    summary.named_graphs = len(store.graphs())
    rows = store.query(
        sparql_prologue()
        + """SELECT ?origin (COUNT(DISTINCT ?e) AS ?n) WHERE {
  GRAPH ?g { ?e a kgo:Event }
  BIND (IF(CONTAINS(STR(?g), "/graph/curated/"), "curated", "extracted") AS ?origin)
} GROUP BY ?origin"""
    ).values()
    counts = {row["origin"]: int(row["n"]) for row in rows}  # type: ignore[arg-type]
    summary.curated_events = counts.get("curated", 0)
    summary.extracted_events = counts.get("extracted", 0)
    total = store.query(
        sparql_prologue() + "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a kgo:Event }"
    ).values()
    summary.events = int(total[0]["n"]) if total else 0  # type: ignore[arg-type]
