"""Crash and concurrency tests: `kill -9` a load, a build and an ingest at random points,
and read the store in a loop while a writer runs.

What must hold after a kill at any instant: every named graph is complete (equal to the
graph a clean run writes) or absent, never partial, and re-running the command gives the
store a clean run gives. While a writer runs, every read succeeds and sees one whole state.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kg.store import open_store

PROJECT = Path(__file__).resolve().parents[2]
CORPUS = PROJECT / "data" / "annotations" / "fr" / "written"
KG = [sys.executable, "-m", "kg.cli.main"]
SEED = int(os.environ.get("KG_CRASH_SEED", "20261204"))


def _kg(store: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*KG, "--store", str(store), *args],
        cwd=PROJECT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
    )


def _run(store: Path, *args: str) -> None:
    proc = _kg(store, *args)
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err.decode()


def _graphs(store: Path) -> dict[str, tuple]:
    """Named graph -> its triples, sorted, blank nodes blanked (the ontology's OWL
    restrictions get new blank node ids at every build); read-only, so it works beside a
    writer."""
    from rdflib import BNode

    def term(t: object) -> str:
        return "_:b" if isinstance(t, BNode) else t.n3()  # type: ignore[attr-defined]

    with open_store(store, read_only=True) as s:
        out: dict[str, list] = {}
        for subj, pred, obj, g in s.quads():
            out.setdefault(str(g), []).append((term(subj), term(pred), term(obj)))
    return {g: tuple(sorted(t)) for g, t in out.items()}


def _kill_after(proc: subprocess.Popen, seconds: float) -> bool:
    """SIGKILL `proc` after `seconds`; False when it had already finished."""
    try:
        proc.wait(timeout=seconds)
        return False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return True


# -- load -------------------------------------------------------------------------------------
def _trig(path: Path, tag: str, graphs: int, per_graph: int) -> None:
    lines = []
    for g in range(graphs):
        lines.append(f"<http://example.org/g{g}> {{")
        lines.extend(
            f'  <http://example.org/s{g}-{i}> <http://example.org/p> "{tag}" .'
            for i in range(per_graph)
        )
        lines.append("}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_killed_load_leaves_each_graph_old_or_new(tmp_path: Path) -> None:
    old, new = tmp_path / "old.trig", tmp_path / "new.trig"
    _trig(old, "old", graphs=4, per_graph=2_000)
    _trig(new, "new", graphs=4, per_graph=3_000)
    store = tmp_path / "store"
    _run(store, "load", str(old))
    before = _graphs(store)
    t0 = time.perf_counter()
    _run(store, "load", str(new))
    duration = time.perf_counter() - t0
    after = _graphs(store)
    rng = random.Random(SEED)
    killed = 0
    for _ in range(5):
        _run(store, "load", str(old))
        if _kill_after(_kg(store, "load", str(new)), rng.uniform(0.2, duration)):
            killed += 1
        state = _graphs(store)
        assert state in (before, after), "a killed load left a mix of old and new graphs"
    assert killed, "no kill landed during a load: the test proves nothing"


# -- build ------------------------------------------------------------------------------------
def test_a_killed_fresh_build_leaves_the_old_store_or_the_new(tmp_path: Path) -> None:
    store = tmp_path / "store"
    extra = tmp_path / "extra.trig"
    _trig(extra, "extra", graphs=2, per_graph=5_000)
    _run(store, "build", "--no-extract", "-q")
    built = _graphs(store)
    _run(store, "load", str(extra))
    before = _graphs(store)
    rng = random.Random(SEED + 1)
    killed = 0
    for _ in range(4):
        proc = _kg(store, "build", "--no-extract", "--fresh", "-q")
        if _kill_after(proc, rng.uniform(0.5, 4.0)):
            killed += 1
        state = _graphs(store)
        assert state in (before, built), "a killed build left some graphs of each state"
        if state == built:
            _run(store, "load", str(extra))
    _run(store, "build", "--no-extract", "--fresh", "-q")
    assert _graphs(store) == built
    assert killed, "no kill landed during a build: the test proves nothing"


# -- ingest -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """18 short written articles of the corpus, as one JSONL file."""
    records = []
    for line in (CORPUS / "w3.jsonl").read_text(encoding="utf-8").splitlines()[:18]:
        r = json.loads(line)
        records.append({k: r[k] for k in ("id", "lang", "date", "title", "text")})
    path = tmp_path_factory.mktemp("ingest") / "articles.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    return path


INGEST = ("ingest", "--method", "rules", "--commit-every", "3", "--no-progress")


@pytest.mark.slow
def test_a_killed_ingest_keeps_whole_documents_and_resumes(tmp_path: Path, articles: Path) -> None:
    clean = tmp_path / "clean"
    _run(clean, *INGEST, str(articles))
    expected = _graphs(clean)  # the documents and the merged events of the corpus layer
    assert len([g for g in expected if "/graph/doc/" in g]) == 18
    store = tmp_path / "store"
    rng = random.Random(SEED + 2)
    partial = committed = 0
    proc = _kg(store, *INGEST, str(articles))
    # kill once the first batches are in: poll the store read-only, as a user would
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        if (store / "CURRENT").exists() and len(_graphs(store)) >= 3:
            break
        time.sleep(0.2)
    _kill_after(proc, rng.uniform(0.0, 1.5))
    state = _graphs(store)
    committed = len([g for g in state if "/graph/doc/" in g])
    docs = {g: triples for g, triples in state.items() if "/graph/doc/" in g}
    partial = sum(1 for g, triples in docs.items() if expected.get(g) != triples)
    assert partial == 0, f"{partial} document graphs were left partial by a kill"
    assert 0 < committed, "nothing was committed before the kill"
    _run(store, *INGEST, str(articles))  # resume
    # the layer was written with each batch, so the resumed store is the clean one, layer too
    assert _graphs(store) == expected


# -- readers beside a writer ------------------------------------------------------------------
WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from rdflib import Graph, Literal, URIRef
    from kg.store import open_store

    def state(tag, n):
        out = {}
        for k in range(4):
            g = Graph()
            for i in range(n):
                g.add((URIRef(f"http://example.org/s{k}-{i}"), URIRef("http://example.org/p"), Literal(tag)))
            out[URIRef(f"http://example.org/g{k}")] = g
        return out

    a, b = state("A", 1500), state("B", 2500)
    for i in range(int(sys.argv[2])):
        with open_store(Path(sys.argv[1]), create=True) as s:
            s.replace_graphs(b if i % 2 == 0 else a, clear=(i % 3 == 0))
    """
)


def test_readers_beside_a_writer_always_see_one_whole_state(tmp_path: Path) -> None:
    store = tmp_path / "store"
    subprocess.run(
        [sys.executable, "-c", WRITER, str(store), "1"],
        check=True,
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
    )
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(store), "16"],
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
    )
    reads, failures, states = 0, [], set()
    query = "SELECT ?o (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?o"
    while writer.poll() is None or reads < 5:
        try:
            with open_store(store, read_only=True) as s:
                rows = s.query(query).values()
        except Exception as exc:  # noqa: BLE001 - every failure is what we count
            failures.append(f"{type(exc).__name__}: {exc}")
            continue
        finally:
            reads += 1
        states.add(tuple(sorted((r["o"], r["n"]) for r in rows)))
    assert writer.wait() == 0
    assert failures == []
    assert states <= {(("A", 6000),), (("B", 10000),)}, f"half-written states seen: {states}"
    assert reads >= 5


# -- the memory backend -------------------------------------------------------------------------
def test_memory_backend_second_writer_is_refused_and_readers_are_not(tmp_path: Path) -> None:
    from kg.errors import InputError, StoreLocked

    trig = tmp_path / "a.trig"
    _trig(trig, "x", graphs=1, per_graph=10)
    writer = open_store(tmp_path / "m", backend="memory", create=True)
    writer.load_file(trig)
    writer.close()
    first = open_store(tmp_path / "m", backend="memory")
    try:
        with pytest.raises(StoreLocked):
            open_store(tmp_path / "m", backend="memory")
        reader = open_store(tmp_path / "m", backend="memory", read_only=True)
        assert len(reader) == 10
        with pytest.raises(InputError):
            reader.load_file(trig)
        reader.close()
    finally:
        first.close()


SAVER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from kg.store import open_store
    s = open_store(Path(sys.argv[1]), backend="memory", create=True)
    s.load_file(Path(sys.argv[2]))
    s.close()
    """
)


def test_memory_backend_killed_while_saving_keeps_a_whole_file(tmp_path: Path) -> None:
    old, new = tmp_path / "old.trig", tmp_path / "new.trig"
    _trig(old, "old", graphs=2, per_graph=500)
    _trig(new, "new", graphs=2, per_graph=8_000)
    store = tmp_path / "m"
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    subprocess.run([sys.executable, "-c", SAVER, str(store), str(old)], check=True, env=env)
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", SAVER, str(tmp_path / "m2"), str(new)], check=True, env=env
    )
    duration = time.perf_counter() - t0
    rng = random.Random(SEED + 3)
    killed = 0
    for _ in range(4):
        proc = subprocess.Popen([sys.executable, "-c", SAVER, str(store), str(new)], env=env)
        killed += _kill_after(proc, rng.uniform(0.3, duration))
        with open_store(store, backend="memory", read_only=True) as s:
            assert len(s) in (1_000, 16_000)
    assert killed, "no kill landed while saving: the test proves nothing"
