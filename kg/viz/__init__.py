"""Interactive network viewer: one self-contained, offline HTML page from the store.

>>> from kg.store import open_store
>>> from kg.viz import render
>>> render(open_store(".kg-store", read_only=True), "viewer.html", level="state")  # doctest: +SKIP

`to_html` returns the page as a string, `show` displays it inline in a notebook (an
`<iframe srcdoc>`, which Jupyter, JupyterLab and VS Code all render), and `screenshot` saves
a PNG of a page with headless Chromium.
"""

from __future__ import annotations

from kg.viz.data import MODALITIES, Event, VizData, filter_events, load_events
from kg.viz.graph import LEVELS, build_payload, edge_style, goldstein_colour
from kg.viz.render import (
    graph_data,
    iframe_html,
    json_for_script,
    payload_html,
    render,
    show,
    to_html,
)

# Playwright is imported only when `screenshot` runs; the name `screenshot` is the function.
from kg.viz.screenshot import screenshot  # noqa: E402

__all__ = [
    "LEVELS",
    "MODALITIES",
    "Event",
    "VizData",
    "load_events",
    "filter_events",
    "build_payload",
    "edge_style",
    "goldstein_colour",
    "graph_data",
    "payload_html",
    "json_for_script",
    "iframe_html",
    "to_html",
    "render",
    "show",
    "screenshot",
]
