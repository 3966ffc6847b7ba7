"""One self-contained HTML page from the store: data as JSON, vis-network inlined, no network.

The page is built from our own template (`templates/viewer.html`, `.css`, `.js`), not from
pyvis's templates, which load vis-network, Bootstrap and tom-select from CDNs.
"""

from __future__ import annotations

import html
import json
import re
import webbrowser
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypedDict, Unpack

from kg.store.base import Store
from kg.viz.data import filter_events, load_events, resolve_query, restrict_to_query
from kg.viz.graph import LEVELS, build_payload

__all__ = [
    "DEFAULT_OUT",
    "graph_data",
    "payload_html",
    "to_html",
    "render",
    "show",
    "json_for_script",
    "iframe_html",
    "ViewOptions",
]

DEFAULT_OUT = Path("out/kg-viewer.html")

_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JSON_RE = re.compile("[<>&\u2028\u2029]")
_MARKER_RE = re.compile(r"/\*@(TITLE|VIS_CSS|VIEWER_CSS|DATA|VIS_JS|VIEWER_JS)@\*/")


def json_for_script(data: Any) -> str:
    """JSON safe inside `<script type="application/json">`: `<`, `>`, `&`, U+2028/9 escaped.

    The result holds no `</script`, no `<!--` and no HTML-significant character at all, and
    `JSON.parse` reads it back unchanged.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JSON_RE.sub(lambda m: _JSON_ESCAPES[m.group(0)], text)


@cache
def _resource(*parts: str) -> str:
    return resources.files("kg.viz").joinpath(*parts).read_text(encoding="utf-8")


def _inline_js(code: str) -> str:
    # `</script` (any case) would end the inline block; `<\/` means the same inside JS.
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)


def _inline_css(code: str) -> str:
    return re.sub(r"</(style)", r"<\\/\1", code, flags=re.IGNORECASE)


def _parse_modalities(modality: str | Iterable[str] | None) -> list[str] | None:
    if modality is None:
        return None
    if isinstance(modality, str):
        return [m for m in modality.split(",") if m.strip()]
    return list(modality)


def graph_data(
    store: Store,
    query: str | None = None,
    level: str = "state",
    since: str | None = None,
    until: str | None = None,
    modality: str | Iterable[str] | None = None,
    title: str | None = None,
) -> dict[str, Any]:
    """The viewer's data (meta, actors, events, nodes, edges) as a JSON-ready dict.

    `query` is a named query, a .rq file or inline SPARQL whose SELECT returns `?event` (or
    `?source ?target [?relation]`); only those events are shown. `modality` is a list or a
    comma-separated string (asserted, planned, possible, negated, alleged).
    """
    if level not in LEVELS:
        from kg.errors import InputError

        raise InputError(f"unknown level {level!r} (known: {', '.join(LEVELS)})")
    data = load_events(store)
    events = filter_events(data.events, since, until, _parse_modalities(modality))
    if query:
        events = restrict_to_query(store, events, resolve_query(query))
    if title is None:
        title = "kg: geopolitical relations"
        bits = [f"level {level}"]
        if query:
            bits.append(f"query {Path(query).name if len(query) < 120 else 'inline'}")
        if since or until:
            bits.append(f"{since or '…'} to {until or '…'}")
        title += " (" + ", ".join(bits) + ")"
    return build_payload(events, data.actors, level=level, title=title, documents=data.documents)


def payload_html(payload: dict[str, Any]) -> str:
    """The full page for a payload from `graph_data` / `kg.viz.graph.build_payload`."""
    parts = {
        "TITLE": html.escape(str(payload["meta"].get("title", "kg viewer")), quote=True),
        "VIS_CSS": _inline_css(_resource("assets", "vis-network.min.css")),
        "VIEWER_CSS": _inline_css(_resource("templates", "viewer.css")),
        "DATA": json_for_script(payload),
        "VIS_JS": _inline_js(_resource("assets", "vis-network.min.js")),
        "VIEWER_JS": _inline_js(_resource("templates", "viewer.js")),
    }
    # One pass: text put in by one marker is never scanned for another.
    return _MARKER_RE.sub(lambda m: parts[m.group(1)], _resource("templates", "viewer.html"))


class ViewOptions(TypedDict, total=False):
    """What the viewer shows: the keywords `to_html`, `render` and `show` pass on to
    `graph_data` (see there; each may be left out)."""

    query: str | None
    level: str
    since: str | None
    until: str | None
    modality: str | Iterable[str] | None
    title: str | None


def _as_store(store: Store | str | Path) -> tuple[Store, bool]:
    if isinstance(store, Store):
        return store, False
    from kg.store import open_store

    return open_store(Path(store), read_only=True), True


def to_html(store: Store | str | Path, **view: Unpack[ViewOptions]) -> str:
    """The viewer page as one self-contained HTML string (works from file://, no network).

    `store` is an open `Store`, or the folder of an Oxigraph store (opened read-only);
    `view` holds the keywords of `graph_data` (query, level, since, until, modality, title).
    """
    st, opened = _as_store(store)
    try:
        payload = graph_data(st, **view)
    finally:
        if opened:
            st.close()
    return payload_html(payload)


def render(
    store: Store | str | Path,
    out: str | Path | None = None,
    *,
    open_browser: bool = False,
    **view: Unpack[ViewOptions],
) -> Path:
    """Write the viewer page to `out` (default `out/kg-viewer.html`) and return its path.

    `view` holds the keywords of `graph_data` (query, level, since, until, modality, title).
    """
    path = Path(out) if out is not None else DEFAULT_OUT
    page = to_html(store, **view)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(path)
    if open_browser:
        webbrowser.open(path.resolve().as_uri())
    return path


def iframe_html(page: str, height: int = 720) -> str:
    """`<iframe srcdoc=...>` holding a whole page, for notebook front ends.

    pyvis's notebook output stays blank in several front ends (VS Code, JupyterLab with some
    settings); an iframe with the page escaped into `srcdoc` renders the same everywhere.
    """
    return (
        f'<iframe srcdoc="{html.escape(page, quote=True)}" '
        f'style="width:100%;height:{int(height)}px;border:1px solid #ddd" '
        'sandbox="allow-scripts" loading="eager" title="kg network viewer"></iframe>'
    )


def show(
    store: Store | str | Path,
    *,
    height: int = 720,
    display: bool = True,
    **view: Unpack[ViewOptions],
) -> Any:
    """Show the viewer inline in Jupyter, JupyterLab or VS Code; `view` holds the keywords
    of `graph_data` (query, level, since, until, modality, title).

    Needs IPython (imported only here). Displays an `<iframe srcdoc>` and returns None; with
    `display=False` it returns the `IPython.display.HTML` object instead (a notebook shows it
    when it is the cell's last value).
    """
    try:
        from IPython.display import HTML
        from IPython.display import display as ipy_display
    except ImportError:
        raise ImportError(
            "kg.viz.show needs IPython (pip install ipython); "
            "use kg.viz.render(store, 'viewer.html') to write a file instead"
        ) from None
    page = to_html(store, **view)
    obj = HTML(iframe_html(page, height))
    if display:
        ipy_display(obj)
        return None
    return obj
