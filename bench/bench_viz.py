"""Benchmark the viewer: time from page load to layout settled, in headless Chromium.

Synthetic graphs of 500, 2,000 and 5,000 actor nodes with about twice as many edges (level
`state`: one edge per random (source, relation, target, modality)) are written as viewer pages
and opened offline; we read `window.kgViewer.settledAt` (ms since navigation start, set when
the bounded stabilisation ends and physics is switched off).

    .venv/bin/python bench/bench_viz.py [--sizes 500,2000,5000] [--repeat 1] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import tempfile
import time
from pathlib import Path

from kg.eventkinds import event_kinds
from kg.viz.data import MODALITIES, Actor, Event, Mention
from kg.viz.graph import build_payload
from kg.viz.render import payload_html
from kg.viz.screenshot import block_network, launch_browser

KIND_MIX = [("state", 0.8), ("organisation", 0.1), ("igo", 0.05), ("person", 0.05)]


def synthetic(n_nodes: int, seed: int = 7) -> tuple[list[Event], dict[str, Actor]]:
    """`n_nodes` actors and 2 * `n_nodes` events between random pairs (a few hubs)."""
    rng = random.Random(seed)
    kinds = list(event_kinds().values())
    actors: dict[str, Actor] = {}
    for i in range(n_nodes):
        kind = rng.choices([k for k, _ in KIND_MIX], [w for _, w in KIND_MIX])[0]
        iri = f"urn:bench:actor/{i}"
        actors[iri] = Actor(iri=iri, label=f"Actor {i}", kind=kind, code=f"A{i}")
    ids = list(actors)
    # Preferential attachment-ish: a few hubs, a long tail; every node gets at least one edge.
    weights = [1.0 / (1 + i) ** 0.6 for i in range(n_nodes)]
    events: list[Event] = []
    for i in range(2 * n_nodes):
        src = ids[i] if i < n_nodes else rng.choices(ids, weights)[0]
        tgt = rng.choices(ids, weights)[0]
        if tgt == src:
            tgt = ids[(ids.index(src) + 1) % n_nodes]
        k = rng.choice(kinds)
        modality = rng.choices(MODALITIES, [0.7, 0.1, 0.05, 0.05, 0.1])[0]
        ev = Event(
            iri=f"urn:bench:event/{i}",
            actor=src,
            target=tgt,
            kind=k.key,
            relation=k.relation,
            relation_label=k.label_en,
            symmetric=k.symmetric,
            plover=k.plover_type,
            goldstein=k.goldstein,
            modality=modality,
            date=f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            denied_by=[tgt] if modality == "alleged" and rng.random() < 0.3 else [],
            mentions=[
                Mention(sentence=f"Sentence {i}.{j} about {k.label_en}.", doc_title=f"Doc {j}")
                for j in range(rng.randint(1, 3))
            ],
        )
        events.append(ev)
    return events, actors


def measure(browser, path: Path, timeout_ms: int = 600_000) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    blocked: list[str] = []
    block_network(context, blocked)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    wall = time.perf_counter()
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_function(
        "window.kgViewer && window.kgViewer.settled === true",
        timeout=timeout_ms,
        polling=50,
    )
    wall = time.perf_counter() - wall
    res = page.evaluate(
        """() => ({settledAt: kgViewer.settledAt, scriptMs: kgViewer.loadMs,
                   drawn: kgViewer.drawnCounts(),
                   domLoaded: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd})"""
    )
    context.close()
    if errors or blocked:
        raise RuntimeError(f"page errors {errors} / blocked requests {blocked}")
    return {
        "settled_ms": res["settledAt"],
        "dom_ms": res["domLoaded"],
        "wall_s": wall,
        "nodes": res["drawn"]["nodes"],
        "edges": res["drawn"]["edges"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,2000,5000")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--keep", type=Path, default=None, help="keep the pages in this folder")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    from playwright.sync_api import sync_playwright

    folder = args.keep or Path(tempfile.mkdtemp(prefix="kg-bench-viz-"))
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    with sync_playwright() as p:
        browser = launch_browser(p)
        version = browser.version
        for n in sizes:
            events, actors = synthetic(n)
            t = time.perf_counter()
            payload = build_payload(events, actors, level="state", title=f"bench {n}")
            page = payload_html(payload)
            build_s = time.perf_counter() - t
            path = folder / f"bench-{n}.html"
            path.write_text(page, encoding="utf-8")
            runs = [measure(browser, path) for _ in range(args.repeat)]
            rows.append(
                {
                    "n": n,
                    "nodes": runs[0]["nodes"],
                    "edges": runs[0]["edges"],
                    "mb": len(page.encode()) / 1e6,
                    "build_s": build_s,
                    "dom_s": statistics.median(r["dom_ms"] for r in runs) / 1000,
                    "settled_s": statistics.median(r["settled_ms"] for r in runs) / 1000,
                    "wall_s": statistics.median(r["wall_s"] for r in runs),
                }
            )
        browser.close()

    print(
        f"machine: {platform.platform()} | Python {platform.python_version()} | CPUs {os.cpu_count()}"
    )
    print(
        f"processor: {platform.processor() or platform.machine()} | Chromium {version} (headless)"
    )
    print(f"pages in {folder}; times are medians of {args.repeat} run(s)\n")
    head = ("target", "nodes", "edges", "HTML MB", "build s", "DOM ready s", "settled s", "wall s")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in rows:
        print(
            f"| {r['n']:,} | {r['nodes']:,} | {r['edges']:,} | {r['mb']:.1f} | {r['build_s']:.2f} "
            f"| {r['dom_s']:.2f} | {r['settled_s']:.2f} | {r['wall_s']:.2f} |"
        )


if __name__ == "__main__":
    main()
