"""Shared fixtures: built stores (once per session), a tiny seeds folder, and CLI runners.

- `seed_store` builds the project's seeds (no extraction: fast) once per session per backend;
  tests must not write to it (copy it with `store_copy` first).
- `extracted_store` builds with the spaCy extractor once per session, for `@pytest.mark.slow` tests.
- `kg_cli` runs `kg ...` in-process through `kg.cli.main.main` (exit code, stdout, stderr);
  `kg_process` runs the real `kg` entry point in a subprocess (for "no traceback" checks).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
SEEDS = PROJECT / "seeds"
BACKENDS = ("oxigraph", "memory")


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@dataclass
class BuiltStore:
    path: Path
    backend: str

    def args(self) -> list[str]:
        """Global options that point `kg` at this store."""
        return ["--store", str(self.path), "--backend", self.backend]


@pytest.fixture(autouse=True)
def _no_default_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test touches the developer's `.kg-store`: KG_STORE points into tmp_path."""
    monkeypatch.setenv("KG_STORE", str(tmp_path / "default-store"))


def _build(path: Path, backend: str, extract: bool) -> BuiltStore:
    from kg.build import build
    from kg.store import open_store

    store = open_store(path, backend=backend, create=True)
    try:
        build(store, SEEDS, extract=extract, progress=False)
    finally:
        store.close()
    return BuiltStore(path, backend)


@pytest.fixture(scope="session")
def _seed_stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, BuiltStore]:
    base = tmp_path_factory.mktemp("seed-stores")
    return {b: _build(base / b, b, extract=False) for b in BACKENDS}


@pytest.fixture(params=BACKENDS)
def seed_store(request: pytest.FixtureRequest, _seed_stores: dict[str, BuiltStore]) -> BuiltStore:
    """The project seeds built without extraction, for each backend. Read only."""
    return _seed_stores[request.param]


@pytest.fixture
def oxigraph_seed_store(_seed_stores: dict[str, BuiltStore]) -> BuiltStore:
    """The seeds built without extraction in an Oxigraph store. Read only."""
    return _seed_stores["oxigraph"]


@pytest.fixture
def store_copy(tmp_path: Path) -> Callable[[BuiltStore], BuiltStore]:
    """A writable copy of a built store."""

    def copy(built: BuiltStore) -> BuiltStore:
        target = tmp_path / f"copy-{built.backend}"
        shutil.copytree(built.path, target)
        (target / "LOCK").unlink(missing_ok=True)
        return BuiltStore(target, built.backend)

    return copy


@pytest.fixture(scope="session")
def extracted_store(tmp_path_factory: pytest.TempPathFactory) -> BuiltStore:
    """The seeds built with the extractor (spaCy) in an Oxigraph store, once per session."""
    pytest.importorskip("kg.extract.pipeline", reason="the extractor has not landed")
    return _build(tmp_path_factory.mktemp("extracted") / "store", "oxigraph", extract=True)


@pytest.fixture
def kg_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run `kg ARGS...` in-process; returns exit code, stdout and stderr."""
    from kg.cli.main import main

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        code = 0
        try:
            main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture
def kg_process() -> Callable[..., CliResult]:
    """Run the real `kg` entry point in a subprocess (no terminal, COLUMNS=200)."""

    def run(*args: str, cwd: Path | None = None) -> CliResult:
        env = {**os.environ, "COLUMNS": "200"}
        proc = subprocess.run(
            [sys.executable, "-c", "from kg.cli.main import main; main()", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=cwd,
            timeout=600,
        )
        return CliResult(proc.returncode, proc.stdout, proc.stderr)

    return run


TINY_TRIG = """\
@prefix kgo: <https://w3id.org/geopol-kg/ontology#> .
@prefix state: <https://w3id.org/geopol-kg/resource/state/> .
@prefix event: <https://w3id.org/geopol-kg/resource/event/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<https://w3id.org/geopol-kg/resource/graph/curated/tiny> {
  event:tiny1 a kgo:Event, kgo:Visit ;
      kgo:eventKind "visit" ; kgo:actor state:FRA ; kgo:target state:DEU ;
      kgo:modality kgo:Asserted ; kgo:eventDate "2024-01-02"^^xsd:date ; kgo:curated true .
  event:tiny2 a kgo:Event, kgo:EconomicSanction ;
      kgo:eventKind "sanction" ; kgo:actor state:FRA ; kgo:target state:DEU ;
      kgo:modality kgo:Planned ; kgo:curated true .
  state:FRA kgo:visits state:DEU .
}
"""
TINY_ARTICLES = (
    '{"id": "tiny-1", "lang": "fr", "date": "2024-01-03", "title": "Visite", '
    '"source": "test", "text": "Le président français s\'est rendu en Allemagne."}\n'
)


@pytest.fixture
def tiny_seeds(tmp_path: Path) -> Path:
    """A seeds folder with one curated graph (2 events) and one article."""
    seeds = tmp_path / "tiny-seeds"
    (seeds / "curated").mkdir(parents=True)
    (seeds / "articles").mkdir()
    (seeds / "curated" / "tiny.trig").write_text(TINY_TRIG, encoding="utf-8")
    (seeds / "articles" / "articles.jsonl").write_text(TINY_ARTICLES, encoding="utf-8")
    return seeds


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Each store backend in turn."""
    return request.param


@pytest.fixture(scope="session")
def cross_store(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], BuiltStore]:
    """A store of 3,000 distinct triples, built once per session per backend: a cross
    product of four triple patterns over it would run for days, of two is 9 million rows.
    For the tests of query time limits and row caps. Read only (copy it with `store_copy`)."""
    built: dict[str, BuiltStore] = {}

    def make(backend: str = "oxigraph") -> BuiltStore:
        from kg.store import open_store

        if backend not in built:
            folder = tmp_path_factory.mktemp("cross") / backend
            data = folder.parent / "cross.nt"
            data.write_text(
                "".join(f'<http://ex/s{i}> <http://ex/p{i % 7}> "{i}" .\n' for i in range(3000)),
                encoding="utf-8",
            )
            store = open_store(folder, backend=backend, create=True)
            try:
                store.load_file(data)
            finally:
                store.close()
            built[backend] = BuiltStore(folder, backend)
        return built[backend]

    return make
