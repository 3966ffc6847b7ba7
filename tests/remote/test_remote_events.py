"""Events read from a real Oxigraph server (`--store URL`) are those of the embedded store.

The golden store of the viewer tests (`tests/viz/golden`: the seed and 60 ingested articles)
is loaded into a fresh server; the reader (`kg.query.events`), the viewer's payloads, the
analysis table and `KnowledgeGraph.events` then give exactly what they give on an embedded
store, and none of them asks the remote store for all its quads.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

servers = pytest.importorskip(
    "servers", reason="tests/servers.py (the remote-store tests) is missing"
)
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "viz"))

import test_viewer_golden as golden  # noqa: E402

import kg  # noqa: E402
from kg.analysis import events_table  # noqa: E402
from kg.query.events import read_events  # noqa: E402
from kg.store import Store, open_store  # noqa: E402


def _refuse_copies(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("events must be read with SELECTs, not by copying the store")

    for name in ("quads", "to_dataset", "export"):
        monkeypatch.setattr(store, name, refuse)


def test_events_from_a_remote_store_are_the_local_ones(
    fresh_oxigraph: Callable[[], object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    local = golden.corpus_store("oxigraph", tmp_path)
    server = fresh_oxigraph()
    remote = open_store(server.url)  # type: ignore[attr-defined]
    remote.load_file(tmp_path / "golden.nq")  # written by corpus_store
    _refuse_copies(remote, monkeypatch)

    assert read_events(remote, evidence=True) == read_events(local, evidence=True)
    assert golden._json(golden.payloads(remote)) == golden._json(golden.payloads(local))
    for options in ({}, {"modalities": None, "since": "2016-03", "actor_kinds": "state"}):
        assert events_table(remote, **options) == events_table(local, **options)
    with kg.open(server.url) as g:  # type: ignore[attr-defined]
        _refuse_copies(g.store, monkeypatch)
        remote_rows = g.events(), g.events(dyad=("RUS", "PRK")), g.events(modality="planned")
    with kg.open(":memory:", backend="oxigraph") as g:
        monkeypatch.setattr(type(g), "store", property(lambda self: local))
        local_rows = g.events(), g.events(dyad=("RUS", "PRK")), g.events(modality="planned")
    assert remote_rows == local_rows and remote_rows[0]
