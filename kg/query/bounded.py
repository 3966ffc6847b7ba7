"""Run a query with a time limit that always holds, and that Ctrl-C interrupts at once.

Why a child process: pyoxigraph's `Store.query` has no timeout, and the heavy work of a
query (a join, GROUP BY, ORDER BY) can happen inside one Rust call that does not come back
to Python until it is done, so neither a check between rows nor a KeyboardInterrupt can stop
it. The query therefore runs in a forked child; the parent waits for the answer with a
deadline and kills the child when the deadline passes or SIGINT arrives, which works
whatever the child is doing.

The child queries the store it inherits through fork: the exact state the parent sees
(also an in-memory store, or writes not yet flushed), at the cost of a few milliseconds.
Reopening an on-disk Oxigraph store read-only in the child was tried and is worse: RocksDB
then replays the writer's whole log (6 s after 250,000 unflushed quads, 110 s after
1.25 million), and the open fails ("Corruption: ... No such file") when the parent's own
background compaction deletes a file meanwhile. Only the forking thread survives in the
child, so a query must not be forked while another thread of this process is inside a call
on the same store (a lock it held would never be released in the child, which would then
wait until the time limit): `call_bounded`'s `fork_lock` lets a multi-threaded caller keep
that rule.

Where the platform has no fork (Windows), the query runs in the calling process without a
time limit.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING, Any, TypeVar

from kg.errors import KGError, QueryError, QueryTimeout

if TYPE_CHECKING:
    from kg.store import QueryResult, Store

__all__ = ["run_bounded", "call_bounded", "can_bound", "receive_answer", "die_with_parent"]

_T = TypeVar("_T")

_PR_SET_PDEATHSIG = 1


def run_bounded(
    store: Store,
    sparql: str,
    *,
    timeout: float | None = None,
    max_rows: int | None = None,
    timeout_hint: str = "use --timeout to allow more",
) -> QueryResult:
    """`store.query(sparql, max_rows)`, stopped after `timeout` seconds (None or 0: no limit).

    Raises `QueryTimeout` (E022, its message ends with `timeout_hint`) when the limit passes;
    a KeyboardInterrupt while waiting kills the query and propagates. Without a limit the
    query runs in this process (no fork, no copy of the rows).
    """
    if store.remote:  # the request's own time limit bounds it: nothing runs here to kill
        from kg.errors import RemoteTimeout

        try:
            return store.query(sparql, max_rows=max_rows, timeout=timeout)  # type: ignore[call-arg]
        except RemoteTimeout:
            if not timeout:
                raise  # the store's own limit (--store-timeout): its message says so
            raise QueryTimeout(f"query timed out after {timeout:g} s ({timeout_hint})") from None
    if not timeout or not can_bound():
        return store.query(sparql, max_rows=max_rows)
    return call_bounded(
        lambda: _query(store, sparql, max_rows), timeout=timeout, timeout_hint=timeout_hint
    )


def can_bound() -> bool:
    """Whether this platform can fork, so that `call_bounded` enforces its time limit."""
    return "fork" in multiprocessing.get_all_start_methods()


def call_bounded(
    work: Callable[[], _T],
    *,
    timeout: float,
    timeout_hint: str = "use --timeout to allow more",
    fork_lock: AbstractContextManager[object] | None = None,
) -> _T:
    """`work()` run in a forked child, stopped after `timeout` seconds: its return value, or
    the exception it raised (one that does not pickle comes back as a one-line QueryError).

    The general form of `run_bounded`, for a caller that does more in the child than
    `Store.query` (`kg serve` serialises the results there). `fork_lock` is held while the
    child is forked: a multi-threaded caller takes the same lock whenever it touches a store
    in this process, so that no child inherits a lock a store held at the fork (see the
    module docstring). Where the platform has no fork, `work()` runs here without a limit.
    """
    if not can_bound():
        return work()
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, work, os.getpid()), daemon=True)
    # the child inherits unflushed output buffers and flushes them when it ends: empty them
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        with fork_lock if fork_lock is not None else nullcontext():
            # SIGINT stays blocked across the fork, so the child never sees one before it
            # ignores it, and the parent handles it only once the child can be killed
            mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            try:
                child.start()
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        sender.close()
        return receive_answer(
            receiver,
            child,
            timeout,
            timed_out=f"query timed out after {timeout:g} s ({timeout_hint})",
            died="query failed: the process running it ended without an answer",
            died_hint="; out of memory?",
        )
    finally:
        if child.pid is not None:
            child.kill()
            child.join()
        receiver.close()
        sender.close()


def receive_answer(
    receiver: Connection,
    child: BaseProcess,
    timeout: float,
    *,
    timed_out: str,
    died: str,
    died_hint: str = "",
) -> Any:  # noqa: ANN401 - whatever the child's work returns
    """What a child sent back as (failed, result or exception): the result, or the exception
    raised here; `QueryTimeout(timed_out)` when nothing came within `timeout` seconds (0:
    wait), `QueryError(died …)` when the child ended without sending. The caller kills and
    joins the child."""
    if not receiver.poll(timeout or None):
        raise QueryTimeout(timed_out)
    try:
        failed, answer = receiver.recv()
    except EOFError:
        child.join()
        raise QueryError(f"{died} (exit code {child.exitcode}{died_hint})") from None
    if failed:
        raise answer
    return answer


def _query(store: Store, sparql: str, max_rows: int | None) -> QueryResult:
    """`store.query` in the child; an error that is no KGError becomes one line."""
    try:
        return store.query(sparql, max_rows=max_rows)
    except KGError:
        raise
    except Exception as exc:  # anything else becomes one line in the parent, not a traceback
        raise _failure(exc) from None


def _child(sender: Connection, work: Callable[[], object], parent: int) -> None:
    """Run `work` in the forked child and send back (failed, its result or exception)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides; no traceback here
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    die_with_parent(parent)
    try:
        answer: tuple[bool, object] = (False, work())
    except Exception as exc:
        answer = (True, exc)
    try:
        sender.send(answer)
    except Exception as exc:  # a result that does not pickle: say so rather than hang
        sender.send((True, _failure(exc)))
    sender.close()


def _failure(exc: BaseException) -> QueryError:
    return QueryError(f"query failed: {type(exc).__name__}: {' '.join(str(exc).split())}")


def die_with_parent(parent: int) -> None:
    """Have Linux kill this child when its parent dies (a `kill -9` of `kg query`), so no
    orphaned query keeps a core busy; elsewhere an orphan runs until its query ends."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)
