"""Viewer benchmark: time to a settled layout in headless Chromium, `kg viz` next to pyvis.

Synthetic graphs of 500, 2,000 and 5,000 actor nodes with about twice as many edges (level
`state`: one edge per random (source, relation, target, modality)) are written as viewer pages
and opened offline; we read `window.kgViewer.settledAt` (ms since navigation start, set when
the bounded stabilisation ends and physics is switched off).

The same nodes and edges also go through pyvis with its defaults (`Network()`, `add_node`,
`add_edge`, `generate_html()`): its page asks a CDN for vis-network 9.1.2, which is answered
with the copy pyvis ships (nothing leaves the machine; Bootstrap's CSS/JS, used only for
styling, is left unanswered). An init script hooks the page's global `network` to time
vis-network's `stabilizationIterationsDone` (the point where kg's viewer settles) and
`stabilized` (the simulation at rest; pyvis keeps physics on after its 1,000 iterations).

    .venv/bin/python bench/bench_viz.py [--sizes 500,2000,5000] [--repeat 1] [--keep DIR]
                                        [--json FILE] [--timeout 300]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import machine_header, table, write_json
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
            event=f"urn:bench:event/{i}",
            source=src,
            target=tgt,
            kind=k.key,
            relation=k.relation,
            plover_type=k.plover_type,
            goldstein=k.goldstein,
            modality=modality,
            date=f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            denied_by=(tgt,) if modality == "alleged" and rng.random() < 0.3 else (),
            mentions=tuple(
                Mention(sentence=f"Sentence {i}.{j} about {k.label_en}.", doc_title=f"Doc {j}")
                for j in range(rng.randint(1, 3))
            ),
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


PYVIS_HOOK = """
window.__bench = {iterationsDone: null, stabilized: null};
(() => {
  let net;
  Object.defineProperty(window, "network", {
    configurable: true,
    get() { return net; },
    set(v) {
      net = v;
      if (v && v.once) {
        v.once("stabilizationIterationsDone", () => { __bench.iterationsDone = performance.now(); });
        v.once("stabilized", () => { __bench.stabilized = performance.now(); });
      }
    },
  });
})();
"""


def pyvis_page(payload: dict) -> str:
    """The same nodes and edges as `payload`, as pyvis draws them with its default options.

    `cdn_resources="in_line"` is pyvis's own way to make a page that works offline (the
    default asks a CDN, with subresource integrity, for the same vis-network 9.1.2); it
    changes where the script comes from, not the layout options."""
    from pyvis.network import Network

    net = Network(cdn_resources="in_line")
    for node in payload["nodes"]:
        net.add_node(node["id"], label=node["label"])
    for edge in payload["edges"]:
        net.add_edge(edge["from"], edge["to"])
    return net.generate_html()


def measure_pyvis(
    browser,  # noqa: ANN001
    path: Path,
    timeout_ms: int,
    extra_ms: int,
) -> dict[str, float | None]:
    """Ms since navigation to vis-network's two layout events: `stabilizationIterationsDone`
    within `timeout_ms`, then `stabilized` within `extra_ms` more; None for one that did
    not come in time."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    blocked: list[str] = []
    block_network(context, blocked)  # Bootstrap's CSS/JS (styling only) stays unanswered
    context.add_init_script(PYVIS_HOOK)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_timeout(100)
    if errors or not page.evaluate("!!window.network"):
        raise RuntimeError(f"pyvis page errors {errors} / blocked {blocked}")
    out: dict[str, float | None] = {"iterations_ms": None, "stabilized_ms": None}
    try:
        page.wait_for_function("__bench.iterationsDone !== null", timeout=timeout_ms, polling=50)
        out["iterations_ms"] = page.evaluate("__bench.iterationsDone")
        page.wait_for_function("__bench.stabilized !== null", timeout=extra_ms, polling=100)
        out["stabilized_ms"] = page.evaluate("__bench.stabilized")
    except Exception as exc:  # Playwright's TimeoutError: reported as "not within"
        if "Timeout" not in type(exc).__name__:
            raise
    context.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,2000,5000")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--keep", type=Path, default=None, help="keep the pages in this folder")
    parser.add_argument("--json", type=Path, default=None, help="write the raw figures here")
    parser.add_argument(
        "--timeout", type=float, default=120, help="seconds to wait for a layout to settle"
    )
    parser.add_argument(
        "--extra",
        type=float,
        default=60,
        help="seconds to wait for pyvis's 'stabilized' after its iterations are done",
    )
    args = parser.parse_args()
    t_all = time.perf_counter()
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
            pv_path = folder / f"pyvis-{n}.html"
            t = time.perf_counter()
            pv_html = pyvis_page(payload)
            pv_build = time.perf_counter() - t
            pv_path.write_text(pv_html, encoding="utf-8")
            runs, pv_runs = [], []
            # a smaller graph pyvis could not lay out in time: this one would not either
            skip = bool(rows) and rows[-1]["pyvis_iterations_s"] is None
            for _ in range(args.repeat):  # interleaved: a busy neighbour slows both alike
                runs.append(measure(browser, path, int(args.timeout * 1000)))
                if not skip:
                    pv_runs.append(
                        measure_pyvis(
                            browser, pv_path, int(args.timeout * 1000), int(args.extra * 1000)
                        )
                    )
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
                    "pyvis_mb": len(pv_html.encode()) / 1e6,
                    "pyvis_build_s": pv_build,
                    "pyvis_iterations_s": _median_or_none(pv_runs, "iterations_ms"),
                    "pyvis_stabilized_s": _median_or_none(pv_runs, "stabilized_ms"),
                    "pyvis_skipped": skip,
                }
            )
            print(
                f"[viz] {n}: kg {rows[-1]['settled_s']:.1f} s, pyvis "
                f"{rows[-1]['pyvis_iterations_s']} / {rows[-1]['pyvis_stabilized_s']} s",
                file=sys.stderr,
            )
        browser.close()

    print("# Viewer benchmark\n")
    print(
        machine_header(
            {
                "browser": f"Chromium {version} (headless, software rendering)",
                "run": f"pages in {folder}; medians of {args.repeat} run(s); "
                f"{time.perf_counter() - t_all:.0f} s in all",
            }
        )
    )

    def cell(x: float | None, limit: float, skipped: bool) -> str:
        if skipped:
            return "not tried (*)"
        return f"> {limit:.0f}" if x is None else f"{x:.2f}"

    rows_md = [
        [
            f"{r['nodes']:,}",
            f"{r['edges']:,}",
            f"{r['mb']:.1f} / {r['pyvis_mb']:.1f}",
            f"{r['build_s']:.2f} / {r['pyvis_build_s']:.2f}",
            f"{r['dom_s']:.2f}",
            f"{r['settled_s']:.2f}",
            cell(r["pyvis_iterations_s"], args.timeout, r["pyvis_skipped"]),
            "-"
            if r["pyvis_iterations_s"] is None and not r["pyvis_skipped"]
            else cell(
                r["pyvis_stabilized_s"],
                (r["pyvis_iterations_s"] or 0) + args.extra,
                r["pyvis_skipped"],
            ),
            "-"
            if r["pyvis_iterations_s"] is None
            else f"{r['settled_s'] / r['pyvis_iterations_s']:.2f}",
        ]
        for r in rows
    ]
    print("## Viewer: seconds to a settled layout\n")
    print(
        table(
            [
                "nodes",
                "edges",
                "HTML MB kg / pyvis",
                "build s kg / pyvis",
                "kg DOM ready s",
                "kg settled s",
                "pyvis iterations done s",
                "pyvis stabilized s",
                "kg / pyvis (iterations done)",
            ],
            rows_md,
        )
    )
    if any(r["pyvis_skipped"] for r in rows):
        print(
            "(*) not tried: pyvis did not finish its stabilisation iterations within "
            f"{args.timeout:.0f} s on a smaller graph, so it would not on this one\n"
        )
    print(
        '"> N": the event had not come after N seconds. kg\'s viewer settles at '
        "`stabilizationIterationsDone` of a bounded run (200 / 100 / 50 iterations by size) "
        "and switches physics off; pyvis runs vis-network's default 1,000 iterations and "
        "keeps physics on, so `stabilized` is when its layout stops moving.\n"
    )
    write_json(args.json, {"sizes": sizes, "repeat": args.repeat, "results": rows})


def _median_or_none(runs: list[dict], key: str) -> float | None:
    values = [r[key] for r in runs if r.get(key) is not None]
    return statistics.median(values) / 1000 if len(values) == len(runs) else None


if __name__ == "__main__":
    main()
