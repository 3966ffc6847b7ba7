"""Fault injection on `kg ingest`: kill -9 a 120-document ingest at random points, then check
that every document graph in the store is complete (equal to a clean run's) or absent, and
that re-running the same command gives exactly the clean run's store.

Usage: python tools/crash_ingest.py [--trials 5] [--docs 120] [--seed 1]

Documents come from the annotated corpus (`data/annotations/fr`), so this runs on a clean
checkout. Prints one line per trial and a summary; exit 1 if any partial graph or any
difference after the re-run was found.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.learn.corpus import read_corpus
from kg.store import open_store

PROJECT = Path(__file__).resolve().parents[1]
INGEST = ("ingest", "--method", "rules", "--commit-every", "8", "--no-progress")


def graphs(store: Path) -> dict[str, tuple]:
    with open_store(store, read_only=True) as s:
        out: dict[str, list] = {}
        for subj, pred, obj, g in s.quads():
            out.setdefault(str(g), []).append((subj.n3(), pred.n3(), obj.n3()))
    return {g: tuple(sorted(t)) for g, t in out.items()}


def kg(store: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "kg.cli.main", "--store", str(store), *args],
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--trials", type=int, default=5)
    ap.add_argument("--docs", type=int, default=120)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        records = [
            {k: r[k] for k in ("id", "lang", "date", "title", "text") if k in r}
            for r in read_corpus("train", "fr")
        ][: args.docs]
        src = base / "docs.jsonl"
        src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
        t0 = time.perf_counter()
        proc = kg(base / "clean", *INGEST, str(src))
        assert proc.wait() == 0, proc.stderr.read().decode()  # type: ignore[union-attr]
        duration = time.perf_counter() - t0
        expected = graphs(base / "clean")
        print(f"clean run: {len(expected)} document graphs in {duration:.0f} s")
        bad = 0
        for trial in range(args.trials):
            store = base / f"t{trial}"
            at = rng.uniform(0.35, 0.85) * duration  # after spaCy has loaded, before the end
            proc = kg(store, *INGEST, str(src))
            try:
                proc.wait(timeout=at)
                print(f"trial {trial}: finished before the kill at {at:.1f} s")
                continue
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
            state = graphs(store) if (store / "CURRENT").exists() else {}
            partial = sum(1 for g, t in state.items() if expected.get(g) != t)
            rerun = kg(store, *INGEST, str(src))
            rerun.wait()
            same = graphs(store) == expected
            bad += partial + (not same)
            print(
                f"trial {trial}: killed at {at:.1f} s; {len(state)} documents committed, "
                f"{partial} partial; re-run equals the clean run: {same}"
            )
        print(f"{args.trials} trials, {bad} faults found (partial graphs or re-run differences)")
        return 1 if bad else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONPATH", str(PROJECT))
    sys.exit(main())
