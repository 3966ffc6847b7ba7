"""Streaming, resumable ingest: documents -> extracted events -> the store, batch by batch.

`kg ingest` runs this; `kg ingest --engine dask` runs the same plan (`plan`) with the
extraction on a Dask cluster (`kg.ingest_dask`). What a user can count on:

- **the store is checked first**: it is opened for writing (lock, folder) before the first
  document is read by spaCy, so a locked or wrong store is reported at once, not after an
  hour of extraction;
- **batches are transactions**: every `commit_every` documents, their named graphs are
  written in one `Store.replace_graphs` call; a crash or Ctrl-C loses at most the batch in
  flight, and no document graph is ever half written;
- **resumable and idempotent**: each document graph records a hash of what it was extracted
  from (`kgo:contentHash`: text, metadata and the extraction settings); a re-run skips the
  documents whose hash is in the store and replaces those that changed, so re-running after
  a crash finishes the work and gives the same store as one clean run;
- **duplicate ids are an error** naming both sources, before anything is extracted (two
  records with one id, or two `.txt` files with one stem, would otherwise overwrite each
  other's graph while both are reported as ingested);
- **one event per real event**: each batch's transaction also rewrites the corpus event
  layer (`kg.identity.layer`, graphs `kgr:graph/events/...`) for the event keys the batch's
  documents reported before or report now, computed before the write;
- **bounded memory**: only one batch of parsed documents and events is alive at a time.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import InputError
from kg.vocab import document_graph

if TYPE_CHECKING:
    from rdflib import Graph

    from kg.extract.model import Document, Event
    from kg.store import Store

__all__ = [
    "IngestSummary",
    "Source",
    "read_sources",
    "content_hash",
    "extraction_settings",
    "plan",
    "hashed_graph",
    "ingest",
    "COMMIT_EVERY",
]

COMMIT_EVERY = 16
"""Documents per transaction by default: small enough that a crash loses little, large enough
that `nlp.pipe` batches well (with several workers, a batch is spread over them)."""


@dataclass(frozen=True)
class Source:
    """A document and where it was read from (for error messages)."""

    document: Document
    origin: str


@dataclass
class IngestSummary:
    documents: int = 0
    """Documents given."""
    extracted: int = 0
    """Documents extracted and committed by this run."""
    replaced: int = 0
    """Of those, documents whose graph was already in the store with other content."""
    skipped: int = 0
    """Documents already in the store with the same content hash."""
    events: int = 0
    """Events in the documents extracted by this run."""
    batches: int = 0
    seconds: float = 0.0

    def line(self, store: object) -> str:
        parts = [f"ingested {self.extracted} documents, {self.events} events into {store}"]
        if self.skipped:
            parts.append(f"{self.skipped} unchanged documents skipped")
        if self.replaced:
            parts.append(f"{self.replaced} changed documents replaced")
        return "; ".join(parts)


def read_sources(paths: Sequence[Path], lang: str = "fr", date: str = "") -> list[Source]:
    """The documents of `.txt` and `.jsonl` files with their origins; `InputError` naming
    both origins when two documents share an id."""
    from kg.extract.pipeline import read_documents

    out: list[Source] = []
    seen: dict[str, tuple[str, str]] = {}  # graph IRI -> (document id, origin)
    given: set[Path] = set()
    for path in paths:
        if Path(path).resolve() in given:
            raise InputError(f"{path}: given twice")
        given.add(Path(path).resolve())
        docs = read_documents([path], lang=lang, date=date)
        for n, doc in enumerate(docs, start=1):
            origin = (
                f"{path} (record {n})" if len(docs) > 1 or path.suffix == ".jsonl" else str(path)
            )
            # ids that differ only in what `slug` drops name the same graph
            graph = str(document_graph(doc.id))
            if graph in seen:
                first_id, first = seen[graph]
                same = "appears twice" if first_id == doc.id else f"and {first_id!r} name one graph"
                raise InputError(
                    f"document id {doc.id!r} {same}: {first} and {origin}; "
                    "ids name the document's graph, so one would overwrite the other "
                    "(give the records distinct ids, or rename one file)"
                )
            seen[graph] = (doc.id, origin)
            out.append(Source(doc, origin))
    return out


def content_hash(doc: Document, settings: dict[str, object]) -> str:
    """What a document graph was extracted from: the document and the extraction settings."""
    payload = json.dumps(
        {
            "id": doc.id,
            "text": doc.text,
            "lang": doc.lang,
            "date": doc.date,
            "title": doc.title,
            "source": doc.source,
            "settings": settings,
        },
        sort_keys=True,
        ensure_ascii=False,
    )
    return "sha256:" + hashlib.sha256(payload.encode("utf-8")).hexdigest()


@cache
def model_fingerprint(lang: str) -> str:
    """sha256 of the installed event model of `lang` ("" without one): a retrained model
    changes every document's hash, so a re-run re-extracts with it."""
    from kg.learn.reader import model_path

    path = model_path(lang)
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path.is_file() else ""


def stored_hashes(store: Store) -> dict[str, str]:
    """Document graph IRI -> the content hash recorded in it."""
    from kg.vocab import sparql_prologue

    rows = store.query(
        sparql_prologue() + "SELECT ?g ?h WHERE { GRAPH ?g { ?d kgo:contentHash ?h } }"
    ).rows
    return {str(r["g"]): str(r["h"]) for r in rows}


def _batches(items: Sequence[Source], size: int) -> Iterator[Sequence[Source]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def extraction_settings(lang: str, method: str | None, min_confidence: float) -> dict[str, object]:
    """What extraction of a `lang` document runs with, as hashed into `kgo:contentHash`: the
    method (`method`, else the language's default), the confidence floor and the event
    model's fingerprint."""
    from kg.learn.reader import default_method

    how = method or default_method(lang)
    return {
        "method": how,
        "min_confidence": float(min_confidence),
        "model": "" if how == "rules" else model_fingerprint(lang),
    }


def plan(
    store: Store,
    sources: Sequence[Source],
    *,
    method: str | None = None,
    min_confidence: float = 0.0,
    force: bool = False,
) -> tuple[list[tuple[Source, str]], IngestSummary]:
    """The documents to extract, each with its content hash, and the summary so far
    (documents given, unchanged ones skipped, changed ones to be replaced): the store's
    hashes are read once, here, so that an engine never extracts an unchanged document."""
    summary = IngestSummary(documents=len(sources))
    known = stored_hashes(store)
    todo: list[tuple[Source, str]] = []
    for src in sources:
        doc = src.document
        digest = content_hash(doc, extraction_settings(doc.lang, method, min_confidence))
        graph = str(document_graph(doc.id))
        if not force and known.get(graph) == digest:
            summary.skipped += 1
            continue
        if graph in known and known[graph] != digest:
            summary.replaced += 1
        todo.append((src, digest))
    return todo, summary


def hashed_graph(doc: Document, events: Sequence[Event], digest: str) -> Graph:
    """The named graph of `doc` with its events and its `kgo:contentHash`."""
    from rdflib import Literal

    from kg.rdf.mapping import events_graph
    from kg.vocab import KGO, document_iri

    graph = events_graph(doc, events)
    graph.add((document_iri(doc.id), KGO.contentHash, Literal(digest)))
    return graph


def ingest(
    store: Store,
    sources: Sequence[Source],
    *,
    method: str | None = None,
    min_confidence: float = 0.0,
    workers: int = 1,
    batch_size: int = 8,
    commit_every: int = COMMIT_EVERY,
    force: bool = False,
    progress: bool = True,
    on_commit: Callable[[IngestSummary], None] | None = None,
) -> IngestSummary:
    """Extract `sources` and write each document's named graph into `store`, one
    transaction per `commit_every` documents (see the module docstring).

    `force` re-extracts documents whose hash is already in the store. `on_commit` is called
    after every committed batch (progress displays, tests)."""
    from kg.extract.pipeline import extract_documents
    from kg.identity.layer import replace_documents

    if commit_every < 1:
        raise InputError(f"commit_every must be at least 1, not {commit_every}")
    start = time.perf_counter()
    todo, summary = plan(store, sources, method=method, min_confidence=min_confidence, force=force)
    bar = progress_bar(progress, total=len(todo), skipped=summary.skipped)
    try:
        for batch in _batches(todo, commit_every):  # type: ignore[arg-type]
            docs = [src.document for src, _ in batch]
            found = extract_documents(
                docs,
                batch_size=batch_size,
                workers=workers,
                method=method,
                min_confidence=min_confidence,
            )
            graphs = {
                document_graph(doc.id): hashed_graph(doc, events, digest)
                for (doc, events), (_, digest) in zip(found, batch, strict=True)
            }
            replace_documents(store, graphs)  # and the merged events of their keys
            record_commit(summary, len(batch), sum(len(e) for _, e in found), bar, on_commit)
    finally:
        if bar is not None:
            bar.close()
        summary.seconds = time.perf_counter() - start
    return summary


def record_commit(
    summary: IngestSummary,
    documents: int,
    events: int,
    bar,  # noqa: ANN001 - a tqdm bar or None
    on_commit: Callable[[IngestSummary], None] | None,
) -> None:
    """Count a committed batch of `documents` holding `events` in `summary`, move the
    progress bar, and tell `on_commit`."""
    summary.extracted += documents
    summary.events += events
    summary.batches += 1
    if bar is not None:
        bar.update(documents)
    if on_commit is not None:
        on_commit(summary)


def progress_bar(enabled: bool, total: int, skipped: int):  # noqa: ANN202 - a tqdm bar or None
    if not enabled or not total:
        return None
    from tqdm import tqdm

    return tqdm(
        total=total,
        unit="doc",
        desc="ingesting" + (f" ({skipped} unchanged skipped)" if skipped else ""),
        leave=False,
        smoothing=0.1,
    )
