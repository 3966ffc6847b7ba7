"""How a `QueryResult` shows itself: a short text table (`repr`) and an HTML table (Jupyter).

IRIs under a known prefix are shortened (`kgr:state/RUS`; the HTML keeps the full IRI as a
tooltip), every value is HTML-escaped, and long results are cut after a number of rows with
a line saying how many were left out, so a cell that returns 10 000 rows stays readable.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.term import Node

if TYPE_CHECKING:
    from kg.store.base import QueryResult

__all__ = ["HTML_ROWS", "TEXT_ROWS", "result_html", "result_text"]

HTML_ROWS = 50
"""Rows (or triples) `_repr_html_` shows before "… N more rows"."""
TEXT_ROWS = 10
"""Rows (or triples) `repr` shows."""
_TEXT_WIDTH = 40
_HTML_CHARS = 500

_CSS = "<style>.kg-result td,.kg-result th{text-align:left;vertical-align:top}</style>"


def _short(term: Node) -> str:
    from kg.query.format import shorten

    return shorten(term)


def _table(result: QueryResult) -> tuple[list[str], list[list[Node | None]], int, str]:
    """Header, rows of terms, total number of rows, and the noun that counts them."""
    if result.kind == "graph":
        triples = sorted(result.graph or (), key=lambda t: tuple(str(x) for x in t))
        return (
            ["subject", "predicate", "object"],
            [list(t) for t in triples],
            len(triples),
            "triple",
        )
    rows = [[row.get(v) for v in result.vars] for row in result.rows]
    return list(result.vars), rows, len(rows), "row"


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def result_text(result: QueryResult) -> str:
    """`repr(result)`: the kind and size, then the first `TEXT_ROWS` rows as aligned text."""
    if result.kind == "ask":
        return f"QueryResult ask: {'true' if result.boolean else 'false'}"
    header, rows, total, noun = _table(result)
    title = f"QueryResult {result.kind}: {_plural(total, noun)}"
    if result.kind == "select":
        title += f" × {_plural(len(header), 'column')}"
    shown = [["" if t is None else _clip(_short(t), _TEXT_WIDTH) for t in r] for r in rows]
    shown = shown[:TEXT_ROWS]
    if not header:
        return title
    widths = [max([len(h), *(len(r[i]) for r in shown)]) for i, h in enumerate(header)]
    lines = [title]
    for cells in [header, *shown]:
        lines.append(
            "  " + "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()
        )
    if total > len(shown):
        lines.append(f"  … {_plural(total - len(shown), 'more ' + noun)}")
    return "\n".join(lines)


def _cell(term: Node | None) -> str:
    if term is None:
        return "<td></td>"
    text = html.escape(
        _clip(_short(term), _HTML_CHARS) if isinstance(term, Literal) else _short(term)
    )
    if isinstance(term, URIRef):
        return f'<td title="{html.escape(str(term), quote=True)}">{text}</td>'
    return f"<td>{text}</td>"


def result_html(result: QueryResult) -> str:
    """`_repr_html_`: an HTML table of the first `HTML_ROWS` rows (or triples), escaped."""
    if result.kind == "ask":
        return f'<div class="kg-result"><b>ASK</b>: <code>{"true" if result.boolean else "false"}</code></div>'
    header, rows, total, noun = _table(result)
    parts = [_CSS, '<div class="kg-result">']
    if result.kind == "graph":
        parts.append(f"<p>{_plural(total, noun)}</p>")
    parts.append("<table><thead><tr>")
    parts.extend(f"<th>{html.escape(h)}</th>" for h in header)
    parts.append("</tr></thead><tbody>")
    for row in rows[:HTML_ROWS]:
        parts.append("<tr>" + "".join(_cell(t) for t in row) + "</tr>")
    parts.append("</tbody></table>")
    if total > HTML_ROWS:
        parts.append(f"<p>… {_plural(total - HTML_ROWS, 'more ' + noun)} ({total} in all)</p>")
    elif result.kind == "select":
        parts.append(f"<p>{_plural(total, noun)}</p>")
    parts.append("</div>")
    return "".join(parts)
