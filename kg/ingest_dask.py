"""Corpus-scale ingest on Dask: `kg ingest --engine dask` (see docs/scaling.md).

The same contract as the local engine (`kg.ingest`), the extraction mapped over a Dask
cluster:

- **planned here, before anything is sent**: duplicate ids fail in `read_sources`, the
  store's content hashes are read once (`kg.ingest.plan`) and unchanged documents are never
  shipped to a worker (`force` sends them all);
- **one model load per worker process**: the documents go out as a `dask.bag`, one task per
  partition (`commit_every` documents each unless `partitions` is given); a worker extracts a
  partition with the spaCy pipeline and event model its process loaded once (`kg.nlp.load`
  and `installed_model` are cached per process), and checks first that it would hash each
  document as this process did (same settings, same event model), so a worker with another
  model installed is an error, not a store with mislabelled graphs;
- **one N-Quads file per partition, loaded through the `Store` interface only**: each file is
  loaded with `Store.load_files` as its partition finishes, one transaction per partition,
  so any backend works (a remote SPARQL store too), a crash or Ctrl-C loses only the
  partitions not yet loaded, and a re-run goes on from there, as with the local engine.

Where the N-Quads are written: with `spool`, by the worker, into a new folder under `spool`
that must be the same folder for the workers and for this process (shared storage on a real
cluster), and kept afterwards (`kg load` reads them); without it, a worker sends its
partition's N-Quads back through the scheduler and they are written to a temporary folder
here, removed at the end.

Without a scheduler address a `distributed.LocalCluster` of `workers` processes (one
thread each) runs on loopback for the duration of the ingest. Its workers are started with
multiprocessing's spawn method, so a script calling `ingest_dask` must guard its entry point
with `if __name__ == "__main__":` (the `kg` command and pytest do).
"""

from __future__ import annotations

import logging
import math
import os
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from kg.errors import ClusterError, DependencyMissing, InputError, KGError
from kg.ingest import COMMIT_EVERY, IngestSummary, Source, plan, progress_bar, record_commit

if TYPE_CHECKING:
    from distributed import Client, LocalCluster
    from rdflib import Graph, URIRef

    from kg.extract.model import Document
    from kg.store import Store

_T = TypeVar("_T")

__all__ = [
    "ingest_dask",
    "require_dask",
    "extract_partition",
    "local_cluster",
    "PartitionResult",
]

SCHEDULER_TIMEOUT = 10.0
"""Seconds to wait for a scheduler to answer before `ClusterError`."""

_EXTRACTING = threading.Lock()
"""One extraction at a time per worker process: a worker started with several threads would
otherwise run one spaCy pipeline from several threads, which spaCy does not promise to
support, for no gain (the work holds the GIL)."""


def require_dask() -> None:
    """`DependencyMissing` unless dask.bag and distributed can be imported."""
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as exc:
        raise DependencyMissing(
            f"--engine dask needs dask[bag] and distributed ({exc}): install the extra with "
            "`pip install -e '.[dask]'` (`make setup` does)"
        ) from None


@dataclass(frozen=True)
class PartitionResult:
    """What a worker returns for a partition: a few counts and where its N-Quads are."""

    first: int
    """Position of the partition's first document in the plan (names its file)."""
    documents: int
    events: int
    worker: str
    path: str | None = None
    """The N-Quads file the worker wrote (with a spool folder)."""
    nquads: bytes | None = None
    """The N-Quads themselves (without a spool folder)."""


def extract_partition(
    items: Sequence[tuple[int, Document, str]],
    *,
    method: str | None,
    min_confidence: float,
    batch_size: int,
    folder: str | None,
) -> PartitionResult:
    """Run on a worker: extract a partition's documents ((position, document, content hash)
    triples) and give their graphs as one N-Quads file in `folder`, or as bytes."""
    from rdflib import Dataset

    from kg.extract.pipeline import extract_documents
    from kg.ingest import content_hash, extraction_settings, hashed_graph
    from kg.vocab import document_graph

    worker = socket.gethostname()
    if folder is not None and not Path(folder).is_dir():
        raise ClusterError(_unshared(worker, folder))
    for _, doc, digest in items:
        if content_hash(doc, extraction_settings(doc.lang, method, min_confidence)) != digest:
            raise ClusterError(
                f"worker {worker} would extract {doc.id!r} with other settings or another "
                "event model than the machine that runs `kg ingest`: install the same kg and "
                "models on every worker"
            )
    with _EXTRACTING:
        found = extract_documents(
            [doc for _, doc, _ in items],
            batch_size=batch_size,
            workers=1,
            method=method,
            min_confidence=min_confidence,
        )
    dataset = Dataset()
    events = 0
    for (doc, doc_events), (_, _, digest) in zip(found, items, strict=True):
        graph = dataset.graph(document_graph(doc.id))
        graph += hashed_graph(doc, doc_events, digest)
        events += len(doc_events)
    data = dataset.serialize(format="nquads", encoding="utf-8")
    first = items[0][0]
    if folder is None:
        return PartitionResult(first, len(items), events, worker, nquads=data)
    path = Path(folder) / f"part-{first:06d}.nq"
    partial = path.with_suffix(".nq.partial")
    partial.write_bytes(data)
    partial.replace(path)  # a file named .nq is always whole
    return PartitionResult(first, len(items), events, worker, path=str(path))


def ingest_dask(
    store: Store,
    sources: Sequence[Source],
    *,
    method: str | None = None,
    min_confidence: float = 0.0,
    scheduler: str | None = None,
    workers: int = 1,
    partitions: int | None = None,
    batch_size: int = 8,
    commit_every: int = COMMIT_EVERY,
    force: bool = False,
    spool: Path | None = None,
    progress: bool = True,
    timeout: float = SCHEDULER_TIMEOUT,
    on_commit: Callable[[IngestSummary], None] | None = None,
) -> IngestSummary:
    """`kg.ingest.ingest` on a Dask cluster (see the module docstring): the scheduler at
    `scheduler` (`tcp://HOST:PORT`), else a local cluster of `workers` processes;
    `partitions` tasks (by default one per `commit_every` documents), each loaded into
    `store` in one transaction as it finishes. `on_commit` is called after each."""
    from kg.identity.layer import replace_documents

    require_dask()
    if commit_every < 1:
        raise InputError(f"commit_every must be at least 1, not {commit_every}")
    if partitions is not None and partitions < 1:
        raise InputError(f"partitions must be at least 1, not {partitions}")
    start = time.perf_counter()
    todo, summary = plan(store, sources, method=method, min_confidence=min_confidence, force=force)
    if not todo:
        summary.seconds = time.perf_counter() - start
        return summary
    import dask.bag as db
    from distributed import as_completed

    count = min(len(todo), partitions or math.ceil(len(todo) / commit_every))
    items = [(i, src.document, digest) for i, (src, digest) in enumerate(todo)]
    bar = None
    try:
        with _cluster(scheduler, workers, timeout) as client, _spool(spool) as (shared, here):
            # one bag element per partition: dask.bag's own split of 4 documents in 3 is 2
            chunks = _split(items, count)
            bag = db.from_sequence(chunks, npartitions=len(chunks)).map(
                extract_partition,
                method=method,
                min_confidence=min_confidence,
                batch_size=batch_size,
                folder=None if shared is None else str(shared),
            )
            futures = client.compute(bag.to_delayed())
            bar = progress_bar(progress, total=len(todo), skipped=summary.skipped)
            for future in as_completed(futures):
                for part in _result(future):
                    # the documents and the merged events of their keys, one transaction
                    replace_documents(store, _document_graphs(_local_file(part, here)))
                    record_commit(summary, part.documents, part.events, bar, on_commit)
    finally:
        if bar is not None:
            bar.close()
        summary.seconds = time.perf_counter() - start
    return summary


def _split(items: list[_T], count: int) -> list[list[_T]]:
    """`items` in `count` contiguous runs whose lengths differ by one at most."""
    size, extra = divmod(len(items), count)
    out: list[list[_T]] = []
    start = 0
    for n in range(count):
        stop = start + size + (1 if n < extra else 0)
        out.append(items[start:stop])
        start = stop
    return out


@contextmanager
def _cluster(scheduler: str | None, workers: int, timeout: float) -> Iterator[Client]:
    """A client of the scheduler at `scheduler`, else of a local cluster started for it."""
    from distributed import Client

    with _quiet("distributed"):
        if scheduler is None:
            with local_cluster(workers) as cluster, Client(cluster) as client:
                yield client
            return
        try:
            client = Client(scheduler, timeout=timeout)
        except (OSError, TimeoutError, ValueError, TypeError) as exc:
            raise ClusterError(
                f"cannot reach the Dask scheduler at {scheduler!r}: {_one_line(exc)}"
            ) from None
        try:
            yield client
        finally:
            client.close()


def local_cluster(workers: int) -> LocalCluster:
    """A Dask cluster of `workers` processes of one thread each on loopback, without a
    dashboard, quiet (what `ingest_dask` starts when given no scheduler)."""
    from distributed import LocalCluster

    return LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=logging.CRITICAL,
    )


@contextmanager
def _quiet(logger: str) -> Iterator[None]:
    """`logger` and its children silenced meanwhile: distributed logs tracebacks (a lost scheduler, a failed
    task) that kg reports itself, as one `ClusterError` line."""
    # distributed gives some of its loggers levels of their own (distributed.client...)
    names = [logger] + [n for n in logging.root.manager.loggerDict if n.startswith(logger + ".")]
    levels = {name: logging.getLogger(name).level for name in names}
    for name in names:
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


@contextmanager
def _spool(spool: Path | None) -> Iterator[tuple[Path | None, Path]]:
    """(the folder the workers write to, or None when they send the N-Quads back; the folder
    the N-Quads are read from here). With `spool`, a new folder under it, kept."""
    if spool is None:
        with tempfile.TemporaryDirectory(prefix="kg-ingest-") as tmp:
            yield None, Path(tmp)
        return
    run = Path(spool) / time.strftime(f"ingest-%Y%m%d-%H%M%S-{os.getpid()}")
    try:
        run.mkdir(parents=True)
    except OSError as exc:
        raise InputError(f"--spool {spool}: cannot create {run} ({exc.strerror or exc})") from None
    yield run, run


def _result(future: object) -> list[PartitionResult]:
    """A finished partition's results; a failure (a worker without kg, a killed worker, a
    lost scheduler, a bug) as one line (`ClusterError`)."""
    try:
        return future.result()  # type: ignore[attr-defined]
    except KGError:
        raise
    except Exception as exc:
        raise ClusterError(
            f"Dask could not run a partition ({type(exc).__name__}: {_one_line(exc)}); the "
            "partitions loaded so far stay in the store: run the same command again to go on"
        ) from None


def _document_graphs(path: Path) -> dict[URIRef, Graph]:
    """The named graphs of a partition's N-Quads file."""
    from rdflib import Dataset, Graph, URIRef

    dataset = Dataset()
    dataset.parse(path, format="nquads")
    out: dict[URIRef, Graph] = {}
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = URIRef(str(getattr(g, "identifier", g)))
        out.setdefault(name, Graph(identifier=name)).add((s, p, o))
    return out


def _local_file(part: PartitionResult, here: Path) -> Path:
    """The partition's N-Quads as a file on this machine."""
    if part.nquads is not None:
        path = here / f"part-{part.first:06d}.nq"
        path.write_bytes(part.nquads)
        return path
    path = Path(part.path or "")
    if not path.is_file():
        raise ClusterError(_unshared(part.worker, str(path)))
    return path


def _unshared(worker: str, path: str) -> str:
    return (
        f"worker {worker} and this machine do not see the same {path}: give --spool a folder "
        "on storage shared by the workers and this machine, or leave --spool out"
    )


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
