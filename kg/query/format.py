"""Query results as text: a rich table, or the W3C SPARQL 1.1 results formats (CSV, TSV, JSON).

The serialisers work on `kg.store.QueryResult` (rdflib terms), so both store backends print
byte-identical results.
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import UnknownFormat
from kg.vocab import PREFIXES

if TYPE_CHECKING:
    from rdflib.term import Node
    from rich.console import Console

    from kg.store import QueryResult

__all__ = ["FORMATS", "format_result", "print_result", "shorten", "to_csv", "to_tsv", "to_json"]

FORMATS = ("table", "csv", "tsv", "json")
_PLAIN_TYPES = {str(XSD.string)}


def shorten(term: Node | None) -> str:
    """A readable form of a term: `kgr:state/RUS` for IRIs under a known prefix, a literal's text."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        value = str(term)
        best = ""
        for prefix, ns in PREFIXES.items():
            if value.startswith(ns) and len(ns) > len(best):
                best = ns
                name = prefix
        return f"{name}:{value[len(best) :]}" if best else value
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _ntriples(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        text = (
            str(term)
            .replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("\n", "\\n")
            .replace("\r", "\\r")
            .replace("\t", "\\t")
        )
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype and str(term.datatype) not in _PLAIN_TYPES:
            return f'"{text}"^^<{term.datatype}>'
        return f'"{text}"'
    return str(term)


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results CSV: header of names, plain values, CRLF line ends."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(result.vars)
    for row in result.rows:
        writer.writerow(
            [
                ""
                if row.get(v) is None
                else (f"_:{row[v]}" if isinstance(row[v], BNode) else str(row[v]))
                for v in result.vars
            ]
        )
    return buf.getvalue()


def to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results TSV: `?name` header, terms in N-Triples syntax."""
    lines = ["\t".join(f"?{v}" for v in result.vars)]
    for row in result.rows:
        lines.append(
            "\t".join("" if row.get(v) is None else _ntriples(row[v]) for v in result.vars)
        )
    return "\n".join(lines) + "\n"


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and str(term.datatype) not in _PLAIN_TYPES:
        out["datatype"] = str(term.datatype)
    return out


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON (SELECT bindings or ASK boolean)."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)}, indent=2) + "\n"
    doc = {
        "head": {"vars": list(result.vars)},
        "results": {
            "bindings": [
                {v: _json_term(row[v]) for v in result.vars if row.get(v) is not None}
                for row in result.rows
            ]
        },
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def to_turtle(result: QueryResult) -> str:
    """The graph of a CONSTRUCT/DESCRIBE result as Turtle, with the kg prefixes bound."""
    from rdflib import Graph

    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    for triple in result.graph or ():
        graph.add(triple)
    return graph.serialize(format="turtle")


def format_result(result: QueryResult, fmt: str = "csv") -> str:
    """A result as text in `fmt` (csv, tsv, json; table gives a plain-text table).

    ASK results are `true`/`false` (W3C JSON for `json`); CONSTRUCT results are Turtle.
    """
    if fmt not in FORMATS:
        raise UnknownFormat(f"unknown result format {fmt!r} (known: {', '.join(FORMATS)})")
    if result.kind == "ask":
        return to_json(result) if fmt == "json" else ("true\n" if result.boolean else "false\n")
    if result.kind == "graph":
        return to_turtle(result)
    if fmt == "csv":
        return to_csv(result)
    if fmt == "tsv":
        return to_tsv(result)
    if fmt == "json":
        return to_json(result)
    from rich.console import Console

    console = Console(file=io.StringIO(), width=200, color_system=None)
    print_result(result, console=console)
    return console.file.getvalue()  # type: ignore[attr-defined]


def print_result(
    result: QueryResult, fmt: str = "table", console: Console | None = None, title: str = ""
) -> None:
    """Print a result to the terminal: rich table for `table`, else `format_result` text."""
    import sys

    if fmt != "table" or result.kind != "select":
        sys.stdout.write(format_result(result, fmt if fmt != "table" else "csv"))
        sys.stdout.flush()
        return
    from rich.table import Table

    if console is None:
        from kg.console import stdout_console

        console = stdout_console()
        if not console.is_terminal and title:
            # a line of its own, not centred over a table as wide as its longest row
            console.print(title, highlight=False)
            title = ""
    table = Table(title=title or None, show_lines=False)
    for var in result.vars:
        table.add_column(var, overflow="fold")
    for row in result.rows:
        table.add_row(*(shorten(row.get(v)) for v in result.vars), end_section=False)
    console.print(table)
    console.print(f"{len(result.rows)} row{'s' if len(result.rows) != 1 else ''}", style="dim")
