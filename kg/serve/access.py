"""How the server reads and writes the store while other processes write it too.

Reads go to a read-only handle (an Oxigraph read-only instance takes no lock, so `kg load`
and `kg ingest` keep writing while the server serves). Before each request the server
compares the store folder's files with what they were when the handle was opened, as
`kg.api` does, and opens a new handle when they differ: the next request after a write sees
it. A memory-backend store is copied into an in-memory Oxigraph store, made again when its
`dataset.nq` changes, so both backends are read through pyoxigraph.

With a time limit, every read runs in a forked child (`kg.query.bounded`) that is killed
when the limit passes, even inside the engine. The parent itself never calls into a store
except to open a read handle, and it does that, and every fork, under one lock: no child
can inherit a lock that a store held in another thread at the fork. Without a time limit
(`--timeout 0`) reads run in the server's threads, and nothing forks.

A write (an update, a graph store write) runs in a spawned process that opens the store
read-write for that write only (another writer may hold its lock: 503), one at a time; a
write killed at the time limit is a crash of a writer, which the store survives.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TypeVar

from kg.api import folder_stamp
from kg.errors import KGError, QueryError
from kg.query.bounded import call_bounded, die_with_parent, receive_answer
from kg.store import open_store
from kg.store.oxigraph import OxigraphStore

__all__ = ["StoreAccess", "TIMEOUT_HINT"]

_T = TypeVar("_T")

TIMEOUT_HINT = "the limit of this endpoint: kg serve --timeout"


class StoreAccess:
    """The store of `kg serve`: a read handle kept fresh, and bounded reads and writes.

    `read(work)` runs `work(store)` on the current read handle (an `OxigraphStore`, so
    `store.read_native` gives pyoxigraph's API); `write(work, *args)` runs
    `work(store, *args)` on the store opened read-write, one write at a time. Both stop
    after `timeout` seconds (0: no limit) with `QueryTimeout`.
    """

    def __init__(self, path: Path, backend: str = "oxigraph", timeout: float = 0) -> None:
        self.path = path
        self.backend = backend
        self.timeout = timeout
        self._fork_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._reader, self._stamp = self._open()  # StoreNotFound before anything is served

    def _open(self) -> tuple[OxigraphStore, object]:
        stamp = folder_stamp(self.path)  # taken first: a write in between is seen next time
        if self.backend == "oxigraph":
            return OxigraphStore(self.path, read_only=True), stamp
        from rdflib import Graph, URIRef

        source = open_store(self.path, backend=self.backend, read_only=True)
        try:
            graphs: dict[URIRef, Graph] = {}
            for s, p, o, g in source.quads():
                graphs.setdefault(g, Graph()).add((s, p, o))
        finally:
            source.close()
        copy = OxigraphStore(None)
        copy.replace_graphs(graphs)
        return copy, stamp

    @property
    def stamp(self) -> object:
        """What the store folder looked like when the current read handle was opened."""
        return self._stamp

    def refresh(self) -> None:
        """Open a new read handle if the store's files changed since the current one was
        opened. A store caught in the middle of a write keeps the current handle (the
        next request tries again)."""
        if folder_stamp(self.path) == self._stamp:
            return
        with self._fork_lock:
            if folder_stamp(self.path) == self._stamp:  # another thread was first
                return
            try:
                reader, stamp = self._open()
            except KGError:
                return
            # the old handle goes here, under the lock: no thread of this process holds it
            # (children use their own copy), unless reads run in threads (no time limit)
            self._reader, self._stamp = reader, stamp

    def read(self, work: Callable[[OxigraphStore], _T]) -> _T:
        """`work(read handle)`, on the store as it is now, within the time limit."""
        self.refresh()
        if not self.timeout:
            return work(self._reader)
        return call_bounded(
            lambda: work(self._reader),  # the handle of the moment of the fork, in the child
            timeout=self.timeout,
            timeout_hint=TIMEOUT_HINT,
            fork_lock=self._fork_lock,
        )

    def write(self, work: Callable[..., _T], *args: object) -> _T:
        """`work(store opened read-write, *args)`, then the store is closed (flushed,
        unlocked); one write at a time, within the time limit (0: none). `StoreLocked` when
        another process (`kg load`, `kg ingest`) is writing.

        The write runs in a new process (spawned: `work` and `args` are pickled), never in
        a fork of this one: a RocksDB store opened in a child forked from a process that
        has a store open hangs when it flushes (its background threads are not in the
        child), and a write in this process would hold the fork lock for its whole length.
        """
        with self._write_lock:
            return _spawned(self.path, self.backend, work, args, self.timeout)


def _spawned(
    path: Path, backend: str, work: Callable[..., _T], args: tuple[object, ...], timeout: float
) -> _T:
    """`work(store, *args)` in a spawned child that opens the store read-write; its
    result, or the exception it raised; `QueryTimeout` after `timeout` seconds (0: none)."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_write_child, args=(sender, path, backend, work, args, os.getpid()), daemon=True
    )
    child.start()
    sender.close()
    try:
        return receive_answer(
            receiver,
            child,
            timeout,
            timed_out=f"query timed out after {timeout:g} s ({TIMEOUT_HINT}; an update "
            "stopped before it committed writes nothing)",
            died="the write failed: the process running it ended without an answer",
        )
    finally:
        child.kill()
        child.join()
        receiver.close()


def _write_child(
    sender: Connection,
    path: Path,
    backend: str,
    work: Callable[..., object],
    args: tuple[object, ...],
    parent: int,
) -> None:
    """The spawned writer: open the store, `work(store, *args)`, close it, send the answer."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which decides
    die_with_parent(parent)
    try:
        store = open_store(path, backend=backend)
        try:
            answer: tuple[bool, object] = (False, work(store, *args))
        finally:
            store.close()
    except Exception as exc:
        answer = (True, exc)
    try:
        sender.send(answer)
    except Exception as exc:  # an answer that does not pickle
        sender.send((True, QueryError(f"the write failed: {type(exc).__name__}: {exc}")))
    sender.close()
