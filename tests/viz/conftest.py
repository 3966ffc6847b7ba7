"""Fixtures of the viewer tests: the hand-made sample store (tests/viz/sample_store.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import sample_store  # noqa: E402

from kg.store import Store  # noqa: E402


@pytest.fixture(params=["memory", "oxigraph"])
def store(request: pytest.FixtureRequest) -> Store:
    """The sample store on both backends (both are in memory)."""
    return sample_store.sample_store(request.param)


@pytest.fixture
def mem_store() -> Store:
    return sample_store.sample_store("memory")
