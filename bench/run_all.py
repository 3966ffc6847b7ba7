"""Run every benchmark, keep its Markdown table, and draw the scale curve.

    .venv/bin/python bench/run_all.py [--full] [--only store,extract,viz,ingest_dask]

`make bench` runs the quick sizes (store 10k and 100k triples, extraction up to 100k tokens,
viewer 500 to 5,000 nodes); `make bench-full` adds 1M triples and 1M tokens. Each script's
output goes to `bench/results/NAME.md` (its raw figures to `NAME.json`), and
`docs/img/bench-scale.png` plots time against size, log-log, one line per system.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
PNG = ROOT / "docs" / "img" / "bench-scale.png"

BENCHES = {
    "store": ("bench_store.py", ["--quick"], []),
    "extract": ("bench_extract.py", ["--quick"], []),
    "viz": ("bench_viz.py", [], []),
    "ingest_dask": ("bench_ingest_dask.py", [], []),
}
"""name: (script, arguments of the quick run, arguments of the full run)."""


def run(name: str, full: bool) -> None:
    script, quick_args, full_args = BENCHES[name]
    args = full_args if full else quick_args
    RESULTS.mkdir(parents=True, exist_ok=True)
    md, js = RESULTS / f"{name}.md", RESULTS / f"{name}.json"
    cmd = [sys.executable, str(ROOT / "bench" / script), *args, "--json", str(js)]
    print(f"== {' '.join(cmd[1:])}", file=sys.stderr, flush=True)
    t0 = time.perf_counter()
    with md.open("w", encoding="utf-8") as out:
        subprocess.run(cmd, stdout=out, check=True, cwd=ROOT)
    print(
        f"== {name}: {time.perf_counter() - t0:.0f} s, wrote {md.relative_to(ROOT)}",
        file=sys.stderr,
    )
    sys.stdout.write(md.read_text(encoding="utf-8"))


def _load(name: str) -> dict | None:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def plot(png: Path = PNG) -> Path:
    """Time against size, log-log, one line per system, one panel per benchmark."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from bench.common import percentile

    fig, axes = plt.subplots(2, 2, figsize=(12, 9))
    store, extract, viz = _load("store"), _load("extract"), _load("viz")
    ax = axes[0][0]
    if store:
        results = store["results"]
        for label in results[0]["loads"]:
            # a start-up-corrected time can come out <= 0 at the smallest size: not plottable
            pts = [(r["triples"], r["loads"][label]["seconds"]) for r in results]
            pts = [(x, y) for x, y in pts if y > 0]
            ax.plot([x for x, _ in pts], [y for _, y in pts], marker="o", label=label)
    ax.set(title="Bulk load", xlabel="triples", ylabel="seconds")
    ax = axes[0][1]
    if store:
        results = store["results"]
        for key, label in (("kg", "kg API"), ("raw", "raw pyoxigraph"), ("rdflib", "rdflib")):
            xs, ys = [], []
            for r in results:
                q = r["queries"]["events"]
                if q[key]:
                    xs.append(r["triples"])
                    ys.append(percentile(q[key], 50))
            ax.plot(xs, ys, marker="o", label=label)
    ax.set(title="Query `events` (p50)", xlabel="triples", ylabel="seconds")
    ax = axes[1][0]
    if extract:
        results = extract["results"]
        for w in extract["workers"]:
            rs = [r for r in results if r["workers"] == w]
            ax.plot(
                [r["tokens"] for r in rs],
                [r["bare_s"] for r in rs],
                marker="o",
                label=f"bare nlp.pipe, {w} process(es)",
            )
            ax.plot(
                [r["tokens"] for r in rs],
                [r["extract_s"] + r["store_s"] for r in rs],
                marker="s",
                label=f"kg ingest path, {w} process(es)",
            )
    ax.set(title="Extraction", xlabel="tokens", ylabel="seconds")
    ax = axes[1][1]
    if viz:
        results = viz["results"]
        ax.plot(
            [r["nodes"] for r in results],
            [r["settled_s"] for r in results],
            marker="o",
            label="kg viz: settled",
        )
        pv = [r for r in results if r["pyvis_iterations_s"] is not None]
        ax.plot(
            [r["nodes"] for r in pv],
            [r["pyvis_iterations_s"] for r in pv],
            marker="s",
            label="pyvis defaults: iterations done",
        )
        pv = [r for r in results if r["pyvis_stabilized_s"] is not None]
        if pv:
            ax.plot(
                [r["nodes"] for r in pv],
                [r["pyvis_stabilized_s"] for r in pv],
                marker="^",
                label="pyvis defaults: stabilized",
            )
    ax.set(title="Viewer layout (headless Chromium)", xlabel="nodes", ylabel="seconds")
    for ax in axes.flat:
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.grid(True, which="both", alpha=0.3)
        if ax.lines:
            ax.legend(fontsize=8)
    commit = (store or extract or viz or {}).get("machine", {}).get("commit", "")
    fig.suptitle("kg benchmarks: time vs size (log-log)" + (f", {commit}" if commit else ""))
    fig.tight_layout()
    png.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(png, dpi=110)
    plt.close(fig)
    return png


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="also 1M triples and 1M tokens")
    parser.add_argument("--only", default=",".join(BENCHES), help="comma-separated subset")
    parser.add_argument("--plot-only", action="store_true", help="redraw from the JSON files")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if not args.plot_only:
        for name in args.only.split(","):
            run(name, args.full)
    print(f"wrote {plot().relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
