"""`QueryResult` in a notebook (`_repr_html_`) and a terminal (`repr`): capped, escaped."""

from __future__ import annotations

import re

from rdflib import Graph, Literal, URIRef

from kg.store import QueryResult
from kg.store.display import HTML_ROWS, TEXT_ROWS

RUS = URIRef("https://w3id.org/geopol-kg/resource/state/RUS")


def _select(n: int) -> QueryResult:
    rows = [{"s": RUS, "n": Literal(i)} for i in range(n)]
    return QueryResult(kind="select", vars=["s", "n"], rows=rows)


def _body_rows(html: str) -> int:
    return len(re.findall(r"<tr>", html.split("<tbody>", 1)[1]))


def test_html_table_is_capped_with_the_count_left_out() -> None:
    html = _select(HTML_ROWS + 7)._repr_html_()
    assert "<th>s</th><th>n</th>" in html
    assert _body_rows(html) == HTML_ROWS
    assert f"… 7 more rows ({HTML_ROWS + 7} in all)" in html
    assert f'<td title="{RUS}">kgr:state/RUS</td>' in html  # short name, full IRI on hover


def test_html_small_result_shows_every_row_and_the_count() -> None:
    html = _select(2)._repr_html_()
    assert _body_rows(html) == 2 and "2 rows" in html and "more" not in html


def test_html_escapes_values_and_names() -> None:
    evil = Literal('<script>alert("x")</script> & co')
    result = QueryResult(kind="select", vars=["a"], rows=[{"a": evil}, {"a": None}])
    html = result._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in html
    assert "<td></td>" in html  # unbound


def test_html_ask_and_graph_results() -> None:
    assert "true" in QueryResult(kind="ask", boolean=True)._repr_html_()
    assert "false" in QueryResult(kind="ask", boolean=False)._repr_html_()
    graph = Graph()
    for i in range(HTML_ROWS + 3):
        graph.add((RUS, URIRef("http://e/p"), Literal(i)))
    html = QueryResult(kind="graph", graph=graph)._repr_html_()
    assert f"{HTML_ROWS + 3} triples" in html and "3 more triples" in html
    assert "<th>subject</th><th>predicate</th><th>object</th>" in html
    assert _body_rows(html) == HTML_ROWS


def test_repr_is_a_short_text_table() -> None:
    text = repr(_select(TEXT_ROWS + 5))
    lines = text.splitlines()
    assert lines[0] == f"QueryResult select: {TEXT_ROWS + 5} rows × 2 columns"
    assert lines[1].split() == ["s", "n"] and lines[2].split() == ["kgr:state/RUS", "0"]
    assert lines[-1].strip() == "… 5 more rows" and len(lines) == TEXT_ROWS + 3
    assert repr(QueryResult(kind="ask", boolean=True)) == "QueryResult ask: true"
    assert repr(QueryResult(kind="graph", graph=Graph())).startswith("QueryResult graph: 0 triples")
