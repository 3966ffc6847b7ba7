"""Fixtures of the `kg serve` tests: a read-only server per module, writable ones per test."""

from __future__ import annotations

import faulthandler
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest
from serving import TOKEN, make_store, running

from kg.serve import ServeConfig


@pytest.fixture(autouse=True)
def _watchdog() -> Iterator[None]:
    """A server that never answers would hang the run: end it loudly instead."""
    faulthandler.dump_traceback_later(240, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


@pytest.fixture(scope="module")
def read_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store of `DATA`, shared by the module's read-only tests."""
    return make_store(tmp_path_factory.mktemp("serve-read"))


@pytest.fixture(scope="module")
def endpoint(read_store: Path) -> Iterator[str]:
    """The URL of a read-only server over `read_store` (one per module)."""
    with running(ServeConfig(store=read_store, timeout=30)) as url:
        yield url


@pytest.fixture(scope="module")
def update_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server that takes updates with `TOKEN`, shared by the module's tests that send
    updates it must refuse (each checks the store is unchanged after)."""
    store = make_store(tmp_path_factory.mktemp("serve-update"))
    config = ServeConfig(store=store, allow_update=True, token=TOKEN, timeout=30)
    with running(config) as url:
        yield url


@pytest.fixture
def writable(tmp_path: Path) -> Callable[..., object]:
    """`with writable(**config) as (url, store):` a server over a fresh store of `DATA`,
    with updates allowed for `TOKEN` unless the keywords say otherwise."""

    @contextmanager
    def start(**changes: object) -> Iterator[tuple[str, Path]]:
        backend = str(changes.get("backend", "oxigraph"))
        store = make_store(tmp_path, backend=backend)
        base = ServeConfig(store=store, allow_update=True, token=TOKEN, timeout=30)
        with running(replace(base, **changes)) as url:  # type: ignore[arg-type]
            yield url, store

    return start
