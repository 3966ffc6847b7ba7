"""Queries within bounds: the time limit (a killed child process) and the row cap."""

from __future__ import annotations

import faulthandler
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.errors import QueryError, QueryTimeout
from kg.query.bounded import run_bounded
from kg.query.runner import prepare_query
from kg.store import open_store

# over the 3,000 triples of `cross_store`: 8e13 solutions to count, in one engine call
FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
PRODUCT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"  # 9 million rows


@pytest.fixture(autouse=True)
def _watchdog() -> Iterator[None]:
    """A time limit that does not hold would hang the test inside the engine, where no
    Python code runs: end the test process instead (a loud failure, with tracebacks)."""
    faulthandler.dump_traceback_later(120, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


def test_bounded_timeout_stops_a_query_inside_the_engine(cross_store, backend: str) -> None:
    built = cross_store(backend)
    store = open_store(built.path, backend=backend, read_only=True)
    try:
        with pytest.raises(QueryTimeout) as info:
            run_bounded(store, FOREVER, timeout=1)
    finally:
        store.close()
    assert str(info.value) == (
        "error[E022]: query timed out after 1 s (use --timeout to allow more)"
    )


def test_bounded_timeout_on_an_in_memory_oxigraph_store(tmp_path: Path) -> None:
    """An Oxigraph store with no folder is inherited by the child as it is (as a memory-
    backend store always is)."""
    data = tmp_path / "d.nt"
    data.write_text(
        "".join(f'<http://ex/s{i}> <http://ex/p> "{i}" .\n' for i in range(1000)),
        encoding="utf-8",
    )
    store = open_store(None)
    store.load_file(data)
    assert run_bounded(store, "ASK { <http://ex/s999> ?p ?o }", timeout=30).boolean is True
    with pytest.raises(QueryTimeout):
        run_bounded(store, FOREVER, timeout=1, timeout_hint="more")


def test_bounded_results_equal_the_in_process_ones(seed_store) -> None:
    store = open_store(seed_store.path, backend=seed_store.backend, read_only=True)
    try:
        for text in (
            "visits",
            "ASK { ?s owl:sameAs wd:Q159 }",
            "CONSTRUCT WHERE { ?s a kgo:State }",
        ):
            sparql, _ = prepare_query(text)
            inline = run_bounded(store, sparql)
            bounded = run_bounded(store, sparql, timeout=60)
            assert bounded.kind == inline.kind, text
            assert (bounded.vars, bounded.rows, bounded.boolean) == (
                inline.vars,
                inline.rows,
                inline.boolean,
            ), text
            assert set(bounded.graph or ()) == set(inline.graph or ()), text
        assert len(inline.graph or ()) > 10
    finally:
        store.close()


def test_bounded_child_sees_what_this_process_wrote(
    cross_store, store_copy, tmp_path: Path
) -> None:
    """The child queries the store it inherits: it sees the writes of the parent's read-write
    instance (the Python API opens stores read-write), flushed or not. (Reopening the store
    read-only in the child failed here: the parent's compaction deleted a file meanwhile.)"""
    built = store_copy(cross_store("oxigraph"))
    extra = tmp_path / "extra.nt"
    extra.write_text('<http://ex/new> <http://ex/p> "42" .\n', encoding="utf-8")
    store = open_store(built.path)
    try:
        store.load_file(extra)
        result = run_bounded(store, 'ASK { <http://ex/new> ?p "42" }', timeout=30)
    finally:
        store.close()
    assert result.boolean is True


@pytest.mark.parametrize("timeout", [0, 60])
def test_bounded_row_cap_stops_pulling_solutions(cross_store, backend: str, timeout) -> None:
    """In this process (timeout 0) and in a child. Without the cap the 9 million rows would
    be built (GBs): the watchdog or the timeout would end the test."""
    built = cross_store(backend)
    store = open_store(built.path, backend=backend, read_only=True)
    try:
        capped = run_bounded(store, PRODUCT, timeout=timeout, max_rows=5)
    finally:
        store.close()
    assert (len(capped.rows), capped.truncated) == (5, True)
    assert sorted(capped.vars) == ["a", "b", "c", "d", "e", "f"]


def test_bounded_row_cap_not_reached_is_not_truncated(cross_store, backend: str) -> None:
    built = cross_store(backend)
    store = open_store(built.path, backend=backend, read_only=True)
    try:
        exact = run_bounded(store, "SELECT * WHERE { ?s <http://ex/p0> ?o }", max_rows=429)
        construct = run_bounded(
            store, "CONSTRUCT WHERE { ?s <http://ex/p0> ?o }", timeout=60, max_rows=10
        )
    finally:
        store.close()
    assert (len(exact.rows), exact.truncated) == (429, False)  # 3000 / 7, rounded up
    assert (len(construct), construct.truncated) == (10, True)


def test_bounded_errors_come_back_from_the_child(cross_store) -> None:
    built = cross_store("oxigraph")
    store = open_store(built.path, read_only=True)
    try:
        with pytest.raises(QueryError, match=r"^error\[E020\]: invalid SPARQL") as info:
            run_bounded(store, "SELECT ?x WHERE { ?x ", timeout=30)
    finally:
        store.close()
    assert type(info.value) is QueryError


def test_bounded_call_returns_what_the_work_returns() -> None:
    from kg.query.bounded import call_bounded

    parent = os.getpid()
    assert call_bounded(lambda: (os.getpid() != parent, b"x" * 100_000), timeout=30) == (
        True,
        b"x" * 100_000,
    )


def test_bounded_call_raises_what_the_work_raised() -> None:
    from kg.query.bounded import call_bounded

    def fail() -> None:
        raise LookupError("no such thing")

    with pytest.raises(LookupError, match="no such thing"):
        call_bounded(fail, timeout=30)
    with pytest.raises(QueryError, match=r"query failed: .*(pickle|lambda)"):
        call_bounded(lambda: lambda: None, timeout=30)  # a result that does not pickle


def test_bounded_call_holds_the_fork_lock_only_while_forking() -> None:
    import threading

    from kg.query.bounded import call_bounded

    lock = threading.Lock()
    entered: list[bool] = []

    class Recording:
        def __enter__(self) -> None:
            lock.acquire()
            entered.append(True)

        def __exit__(self, *exc: object) -> None:
            lock.release()

    # the work runs after the fork: the child sees the lock held, the parent after it free
    held_in_child = call_bounded(lock.locked, timeout=30, fork_lock=Recording())
    assert (held_in_child, entered, lock.locked()) == (True, [True], False)
    with pytest.raises(QueryTimeout, match=r"after 0\.5 s \(the hint\)"):
        call_bounded(
            lambda: time.sleep(60), timeout=0.5, timeout_hint="the hint", fork_lock=Recording()
        )
    assert not lock.locked()
