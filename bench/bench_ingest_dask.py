"""Ingest engines benchmark: `kg ingest` (local engine) next to `kg ingest --engine dask`,
on the same slice of French Wikinews, in the same run.

    .venv/bin/python bench/bench_ingest_dask.py [--articles 60] [--workers 1,2] [--rounds 2]
                                                [--json FILE]

Every run is the real command in a fresh child process (`python -m kg.cli.main ingest ...`)
into a fresh Oxigraph store, rounds interleaved across engines, the median kept; the
figures are end to end: interpreter start, spaCy and event-model loads (in the parent for
the local engine, in each worker process for dask), the Dask cluster's start and stop,
extraction, RDF and store writes. The same commands on one article give each engine's fixed
cost; "net" throughput is (articles - 1) / (time - time on one article), what a longer
corpus tends to.

Then the N-Quads the dask engine spooled (one file per partition, `--spool`) are loaded
into a fresh store by `Store.load_files` (one transaction), next to pyoxigraph's own
transactional `Store.load` and its non-transactional `bulk_load` of the same bytes. The
stores of the two engines are compared quad for quad.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (  # noqa: E402
    ROOT,
    child_env,
    machine_header,
    measured_child,
    python,
    table,
    write_json,
)

POOL = ROOT.parent / "shared" / "corpus" / "wikinews_fr_pool.jsonl"


def article_slice(count: int, folder: Path) -> tuple[Path, Path, int]:
    """The first `count` articles of the pool as a .jsonl, the first alone as another, and the
    slice's spaCy token count."""
    from kg.nlp import load

    lines = [x for x in POOL.read_text(encoding="utf-8").splitlines() if x.strip()][:count]
    texts = [json.loads(x)["text"] for x in lines]
    tokens = sum(len(doc) for doc in load("fr").tokenizer.pipe(texts))
    many, one = folder / f"articles-{len(lines)}.jsonl", folder / "article-1.jsonl"
    many.write_text("\n".join(lines) + "\n", encoding="utf-8")
    one.write_text(lines[0] + "\n", encoding="utf-8")
    return many, one, tokens


def run_ingest(source: Path, store: Path, engine: str, workers: int, spool: Path | None) -> float:
    cmd = [python(), "-m", "kg.cli.main", "--store", str(store), "ingest", str(source),
           "--engine", engine, "--workers", str(workers), "--no-progress"]  # fmt: skip
    if spool is not None:
        cmd += ["--spool", str(spool)]
    wall, _, out = measured_child(cmd, env=child_env(), timeout=1800)
    print(
        f"[ingest] {engine} x{workers} {source.name}: {wall:.1f} s: {out.strip()}", file=sys.stderr
    )
    return wall


def quads(store: Path) -> set[tuple[str, ...]]:
    from kg.store import open_store

    with open_store(store, read_only=True) as s:
        return {tuple(str(t) for t in q) for q in s.quads()}


def bulk_load(files: list[Path], folder: Path, rounds: int) -> dict[str, float]:
    """Median seconds to load `files` into a fresh store: kg's `Store.load_files`, and
    pyoxigraph's `Store.load` (one transaction) and `bulk_load` of the same bytes."""
    import pyoxigraph as ox

    from kg.store import open_store

    data = b"".join(path.read_bytes() for path in files)
    times: dict[str, list[float]] = {"kg": [], "ox_load": [], "ox_bulk": []}
    for n in range(rounds):
        with open_store(folder / f"kg-{n}", create=True) as store:
            t0 = time.perf_counter()
            store.load_files(files, format="nquads")
            times["kg"].append(time.perf_counter() - t0)
        raw = ox.Store(str(folder / f"ox-{n}"))
        t0 = time.perf_counter()
        raw.load(data, format=ox.RdfFormat.N_QUADS)
        times["ox_load"].append(time.perf_counter() - t0)
        del raw
        raw = ox.Store(str(folder / f"bulk-{n}"))
        t0 = time.perf_counter()
        raw.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        times["ox_bulk"].append(time.perf_counter() - t0)
        del raw
    return {k: statistics.median(v) for k, v in times.items()} | {"bytes": float(len(data))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--workers", default="1,2", help="process counts of both engines")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--json", type=Path, default=None, help="write the raw figures here")
    args = parser.parse_args()
    workers = [int(w) for w in args.workers.split(",")]
    t_all = time.perf_counter()
    runs = [(engine, w) for engine in ("local", "dask") for w in workers]
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        folder = Path(tmp)
        many, one, tokens = article_slice(args.articles, folder)
        n_docs = sum(1 for _ in many.open(encoding="utf-8"))
        walls: dict[tuple[str, int, str], list[float]] = {}
        stores: dict[tuple[str, int], Path] = {}
        spool = folder / "spool"
        for r in range(args.rounds):
            for engine, w in runs:
                for label, source in (("all", many), ("one", one)):
                    store = folder / f"store-{engine}-{w}-{label}-{r}"
                    keep = (
                        spool if (engine, w, label, r) == ("dask", workers[-1], "all", 0) else None
                    )
                    walls.setdefault((engine, w, label), []).append(
                        run_ingest(source, store, engine, w, keep)
                    )
                    if label == "all" and r == 0:
                        stores[(engine, w)] = store
        reference = quads(stores[("local", workers[0])])
        same = {key: quads(path) == reference for key, path in stores.items()}
        files = sorted(spool.glob("ingest-*/part-*.nq"))
        load = bulk_load(files, folder, args.rounds)
        n_quads = len(reference)

    median = {key: statistics.median(v) for key, v in walls.items()}
    print("# Ingest engines benchmark: local vs Dask\n")
    print(
        machine_header(
            {
                "dask": f"dask {metadata.version('dask')}, distributed "
                f"{metadata.version('distributed')}",
                "input": f"the first {n_docs} articles of {POOL.name} ({tokens:,} spaCy tokens, "
                f"{n_quads:,} quads once ingested)",
                "runs": f"{args.rounds} rounds interleaved, median; each a fresh `kg ingest` "
                "child process into a fresh Oxigraph store, default method (rules + learned model)",
                "run": f"{time.perf_counter() - t_all:.0f} s in all",
            }
        )
    )
    base = median[("local", workers[0], "all")]
    rows = []
    for engine, w in runs:
        all_s, one_s = median[(engine, w, "all")], median[(engine, w, "one")]
        net = all_s - one_s
        rows.append(
            [
                engine,
                w,
                f"{all_s:.1f}",
                f"{n_docs / all_s:.2f}",
                f"{tokens / all_s:,.0f}",
                f"{one_s:.1f}",
                f"{(n_docs - 1) / net:.2f}" if net > 0 else "-",
                f"{base / all_s:.2f}",
                "yes" if same[(engine, w)] else "NO",
            ]
        )
    print(f"## `kg ingest` of {n_docs} articles, end to end\n")
    print(
        table(
            [
                "engine",
                "processes",
                "s",
                "docs/s",
                "tokens/s",
                "s for 1 article (fixed cost)",
                "net docs/s",
                f"speed-up vs local x{workers[0]}",
                "same quads as local",
            ],
            rows,
        )
    )
    print(f"## Loading the spooled N-Quads ({len(files)} partition files, {n_quads:,} quads, "
          f"{load['bytes'] / 2**20:.1f} MiB) into a fresh store\n")  # fmt: skip
    print(
        table(
            ["loader", "s", "quads/s", "vs kg"],
            [
                [
                    label,
                    f"{load[key]:.3f}",
                    f"{n_quads / load[key]:,.0f}",
                    f"{load[key] / load['kg']:.2f}",
                ]  # fmt: skip
                for key, label in (
                    ("kg", "kg `Store.load_files` (one transaction)"),
                    ("ox_load", "pyoxigraph `Store.load` (one transaction)"),
                    ("ox_bulk", "pyoxigraph `bulk_load` (not transactional)"),
                )
            ],
        )
    )
    write_json(
        args.json,
        {
            "articles": n_docs,
            "tokens": tokens,
            "quads": n_quads,
            "walls": {f"{e}-{w}-{label}": v for (e, w, label), v in walls.items()},
            "same": {f"{e}-{w}": v for (e, w), v in same.items()},
            "load": load,
        },
    )


if __name__ == "__main__":
    main()
