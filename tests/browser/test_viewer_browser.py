"""The viewer page in headless Chromium, offline: it draws, filters, explains, stays inert.

Run with `pytest -m browser`. Skipped only when /usr/bin/chromium (or $KG_CHROMIUM) is missing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sample_store as S

from kg.viz import graph_data, payload_html
from kg.viz.screenshot import CHROMIUM, block_network, launch_browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} not installed"),
]

SHOTS = Path(__file__).resolve().parents[2] / "out" / "test-screenshots"


class Page:
    """An opened viewer page and what it logged."""

    def __init__(self, page: Any, payload: dict, errors: list, dialogs: list, blocked: list):
        self.page, self.payload = page, payload
        self.errors, self.dialogs, self.blocked = errors, dialogs, blocked

    def js(self, expr: str, arg: Any = None) -> Any:
        return self.page.evaluate(expr, arg)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch_browser(p)
        yield b
        b.close()


def open_viewer(browser: Any, tmp_path: Path, level: str = "state") -> Page:
    payload = graph_data(S.sample_store(), level=level)
    path = tmp_path / f"viewer-{level}.html"
    path.write_text(payload_html(payload), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    blocked: list[str] = []
    block_network(context, blocked)
    page = context.new_page()
    errors: list[str] = []
    dialogs: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def on_dialog(d: Any) -> None:
        dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    page.goto(path.as_uri())
    page.wait_for_function("window.kgViewer && window.kgViewer.settled === true", timeout=30_000)
    return Page(page, payload, errors, dialogs, blocked)


def edge_midpoint(v: Page, edge_id: str) -> dict[str, float]:
    """Page coordinates of the middle of an edge (straight or curved)."""
    return v.js(
        """(id) => {
          const net = kgViewer.network;
          const mid = net.canvasToDOM(net.body.edges[id].edgeType.getPoint(0.5));
          const r = document.querySelector('#graph canvas').getBoundingClientRect();
          return {x: r.left + mid.x, y: r.top + mid.y};
        }""",
        edge_id,
    )


def test_draws_every_node_and_edge_offline(browser: Any, tmp_path: Path) -> None:
    v = open_viewer(browser, tmp_path)
    counts = v.payload["meta"]["counts"]
    assert v.js("kgViewer.drawnCounts()") == {"nodes": counts["nodes"], "edges": counts["edges"]}
    assert v.js("kgViewer.visible") == {"nodes": counts["nodes"], "edges": counts["edges"]}
    assert v.js("document.querySelectorAll('#graph canvas').length") == 1
    assert v.errors == [] and v.dialogs == [] and v.blocked == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    v.page.screenshot(path=str(SHOTS / "viewer-state.png"))
    assert (SHOTS / "viewer-state.png").stat().st_size > 10_000


def test_modality_filter_changes_what_is_drawn(browser: Any, tmp_path: Path) -> None:
    v = open_viewer(browser, tmp_path)
    total = v.js("kgViewer.drawnCounts()")
    # Untick "asserted" in the panel, as a user would.
    v.page.check("#modality-filter input[data-modality='alleged']")
    v.page.uncheck("#modality-filter input[data-modality='asserted']")
    drawn = v.js("kgViewer.drawnCounts()")
    asserted_edges = [e for e in v.payload["edges"] if e["modality"] == "asserted"]
    assert drawn["edges"] == total["edges"] - len(asserted_edges)
    assert drawn == v.js("kgViewer.visible")
    # Only alleged: FRA->RUS (criticism) and PRK->RUS (arms, denied): 3 nodes, 2 edges.
    for m in ("planned", "possible", "negated"):
        v.page.uncheck(f"#modality-filter input[data-modality='{m}']")
    assert v.js("kgViewer.drawnCounts()") == {"nodes": 3, "edges": 2}
    assert "3 / 5 nodes" in v.page.text_content("#counts")
    v.page.check("#modality-filter input[data-modality='asserted']")
    v.page.check("#modality-filter input[data-modality='planned']")
    v.page.check("#modality-filter input[data-modality='possible']")
    v.page.check("#modality-filter input[data-modality='negated']")
    assert v.js("kgViewer.drawnCounts()") == total
    # Date range: only June 2024 (planned visit + meetings): RUS, PRK.
    v.page.fill("#date-from", "2024-06-01")
    v.page.fill("#date-to", "2024-06-30")
    v.page.dispatch_event("#date-to", "change")
    assert v.js("kgViewer.drawnCounts()") == {"nodes": 2, "edges": 2}
    assert v.errors == []


def test_search_focuses_a_neighbourhood(browser: Any, tmp_path: Path) -> None:
    v = open_viewer(browser, tmp_path)
    v.page.fill("#search", "United")
    v.page.click("#focus-btn")
    assert v.js("kgViewer.drawnCounts()") == {"nodes": 2, "edges": 1}  # UN -> Russia
    assert v.page.text_content("#panel-body h2") == "United Nations"
    v.page.click("#clear-focus")
    assert v.js("kgViewer.drawnCounts()")["nodes"] == 5


def test_clicking_an_edge_shows_the_evidence(browser: Any, tmp_path: Path) -> None:
    v = open_viewer(browser, tmp_path)
    attack = next(e for e in v.payload["edges"] if e["relation"] == "attacks")
    pt = edge_midpoint(v, attack["id"])
    v.page.mouse.move(pt["x"], pt["y"])
    tooltip = v.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert "Russia attacked Ukraine" in tooltip.inner_text()
    v.page.mouse.click(pt["x"], pt["y"])
    panel = v.page.locator("#panel-body")
    assert panel.locator("h2").inner_text() == "Russia → Ukraine"
    text = panel.inner_text()
    assert "Russia attacked Ukraine's power grid." in text
    assert "Putin to visit Pyongyang" in text  # the source document's title
    assert "ASSAULT" in text and "asserted" in text
    assert v.errors == []


def test_xss_probes_stay_text(browser: Any, tmp_path: Path) -> None:
    v = open_viewer(browser, tmp_path)
    aid = next(e for e in v.payload["edges"] if e["relation"] == "suppliesMilitaryAidTo")
    v.js("(id) => kgViewer.showEdge(id)", aid["id"])
    panel = v.page.locator("#panel-body")
    text = panel.inner_text()
    assert S.XSS_SENTENCE in text
    assert S.XSS_TITLE in text
    assert "denied by" in text and "North Korea, Russia" in text
    assert "Ukraine" in text  # who says so
    # No element was created from the probes, and nothing ran.
    assert v.js("document.querySelectorAll('#panel-body img, #panel-body script').length") == 0
    assert v.js("document.querySelectorAll('img[src=x]').length") == 0
    # Hover tooltip: the probe shows as text, no element made from it.
    v.page.mouse.move(*edge_xy(v, aid["id"]))
    tooltip = v.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert S.XSS_SCRIPT in tooltip.inner_text()
    assert tooltip.locator("script, img").count() == 0
    v.page.wait_for_timeout(300)
    assert v.dialogs == []
    assert v.errors == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    v.page.screenshot(path=str(SHOTS / "viewer-xss-panel.png"))


def edge_xy(v: Page, edge_id: str) -> tuple[float, float]:
    pt = edge_midpoint(v, edge_id)
    return pt["x"], pt["y"]


def test_actor_level_page(browser: Any, tmp_path: Path) -> None:
    v = open_viewer(browser, tmp_path, level="actor")
    counts = v.payload["meta"]["counts"]
    assert v.js("kgViewer.drawnCounts()") == {"nodes": counts["nodes"], "edges": counts["edges"]}
    v.page.uncheck("#modality-filter input[data-modality='planned']")
    # The planned visit's event node, its 2 edges, Putin and his acts-for edge disappear.
    assert v.js("kgViewer.drawnCounts()") == {
        "nodes": counts["nodes"] - 2,
        "edges": counts["edges"] - 3,
    }
    assert v.errors == [] and v.dialogs == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    v.page.screenshot(path=str(SHOTS / "viewer-actor.png"))


def test_data_block_round_trips(browser: Any, tmp_path: Path) -> None:
    v = open_viewer(browser, tmp_path)
    data = v.js("kgViewer.data")
    assert data == v.payload  # JSON numbers: 2 == 2.0
    assert re.search(r"alert\(1\)", json.dumps(data))  # present, as data
