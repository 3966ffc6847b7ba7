"""`kg load`: formats, graphs, idempotence, and errors that leave the store unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.store import open_store

TTL = '@prefix ex: <http://example.org/> .\nex:a ex:p ex:b .\nex:a ex:q "x" .\n'
TRIG = "@prefix ex: <http://example.org/> .\nex:g { ex:a ex:p ex:c . }\n"
NQ = "<http://example.org/a> <http://example.org/p> <http://example.org/d> <http://example.org/g2> .\n"
NT = "<http://example.org/a> <http://example.org/p> <http://example.org/e> .\n"
JSONLD = json.dumps(
    {"@id": "http://example.org/a", "http://example.org/p": {"@id": "http://example.org/f"}}
)


def _quads(path: Path, backend: str = "oxigraph") -> list:
    store = open_store(path, backend=backend)
    try:
        return sorted(store.quads())
    finally:
        store.close()


@pytest.mark.parametrize(
    ("name", "text", "graph"),
    [
        ("data.ttl", TTL, "https://w3id.org/geopol-kg/resource/graph/file/data"),
        ("data.trig", TRIG, "http://example.org/g"),
        ("data.nq", NQ, "http://example.org/g2"),
        ("data.nt", NT, "https://w3id.org/geopol-kg/resource/graph/file/data"),
        ("data.jsonld", JSONLD, "https://w3id.org/geopol-kg/resource/graph/file/data"),
    ],
)
def test_load_cmd_formats(
    kg_cli, tmp_path: Path, backend: str, name: str, text: str, graph: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    store = tmp_path / "s"
    result = kg_cli("--store", str(store), "--backend", backend, "load", str(path))
    assert result.code == 0, result.err
    assert f"loaded {path}" in result.out
    assert {str(q[3]) for q in _quads(store, backend)} == {graph}


def test_load_cmd_twice_same_count(kg_cli, tmp_path: Path, backend: str) -> None:
    path = tmp_path / "data.ttl"
    path.write_text(TTL, encoding="utf-8")
    args = ("--store", str(tmp_path / "s"), "--backend", backend, "load", str(path))
    assert kg_cli(*args).code == 0
    first = _quads(tmp_path / "s", backend)
    assert kg_cli(*args).code == 0
    assert _quads(tmp_path / "s", backend) == first and len(first) == 2


def test_load_cmd_graph_option_and_prefixed_name(kg_cli, tmp_path: Path) -> None:
    path = tmp_path / "data.ttl"
    path.write_text(TTL, encoding="utf-8")
    result = kg_cli("--store", str(tmp_path / "s"), "load", str(path), "--graph", "kgr:graph/mine")
    assert result.code == 0, result.err
    assert "kgr:graph/mine  2 triples" in result.out
    assert {str(q[3]) for q in _quads(tmp_path / "s")} == {
        "https://w3id.org/geopol-kg/resource/graph/mine"
    }


def test_load_cmd_format_option(kg_cli, tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_text(TTL, encoding="utf-8")
    assert kg_cli("--store", str(tmp_path / "s"), "load", str(path)).code != 0
    assert kg_cli("--store", str(tmp_path / "s"), "load", str(path), "--format", "ttl").code == 0


def test_load_cmd_malformed_file_leaves_store_unchanged(
    kg_cli, tmp_path: Path, backend: str
) -> None:
    good = tmp_path / "good.ttl"
    good.write_text(TTL, encoding="utf-8")
    store = tmp_path / "s"
    assert kg_cli("--store", str(store), "--backend", backend, "load", str(good)).code == 0
    before = _quads(store, backend)
    other = tmp_path / "other.ttl"
    other.write_text(NT, encoding="utf-8")
    bad = tmp_path / "bad.ttl"
    bad.write_text(TTL + "ex:a ex:p .\n", encoding="utf-8")
    result = kg_cli("--store", str(store), "--backend", backend, "load", str(other), str(bad))
    assert result.code != 0
    assert result.err.startswith("error[E010]: ") and str(bad) in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert _quads(store, backend) == before  # other.ttl, listed first, was not loaded either


def test_load_cmd_failed_load_creates_no_store(kg_cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_bytes(b'<http://e/a> <http://e/p> "caf\xe9" .\n')
    result = kg_cli("--store", str(tmp_path / "s"), "load", str(bad))
    assert result.code != 0 and "bad.ttl:1: not UTF-8" in result.err
    assert not (tmp_path / "s").exists()


def test_load_cmd_missing_file(kg_cli, tmp_path: Path) -> None:
    result = kg_cli("--store", str(tmp_path / "s"), "load", str(tmp_path / "nope.ttl"))
    assert result.code != 0 and "no such file" in result.err
