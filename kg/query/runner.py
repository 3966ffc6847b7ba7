"""Resolve, prepare and run SPARQL queries: ad-hoc text, `.rq` files, or named library queries.

A query is prepared by (1) substituting `$name` parameters with escaped string literals and
(2) prepending the PREFIX declarations of `kg.vocab.PREFIXES`. SPARQL 1.1 lets a later PREFIX
redefine an earlier one, so a query that declares its own prefixes still works.

It runs within bounds (`run_prepared`): updates and SERVICE are refused (`kg.query.checks`),
a time limit and a row cap apply (`kg.query.bounded`), and the line:column of a syntax error
refers to the user's text, not to the prologue put before it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import InputError, QueryError, UnknownQuery
from kg.query.bounded import run_bounded
from kg.query.checks import HIDING_TOKENS, check_query
from kg.vocab import sparql_prologue

if TYPE_CHECKING:
    from kg.store import QueryResult, Store

__all__ = [
    "NamedQuery",
    "list_queries",
    "get_query",
    "resolve_query",
    "query_file",
    "substitute_params",
    "prepare_query",
    "run_prepared",
    "run_query",
    "parse_params",
    "sparql_string",
]

_PARAM_LINE = re.compile(r"^#\s*@param\s+(\w+)\s*(?:=\s*(\S+))?\s*(.*)$")
_NAME = re.compile(r"^[A-Za-z_][\w-]*$")
# Tokens that must not be touched by substitution come first; `$name` last.
_TOKENS = re.compile(HIDING_TOKENS + r"|\$(?P<name>[A-Za-z_]\w*)", re.DOTALL)
# where the parsers put the position of a syntax error: Oxigraph, then rdflib (pyparsing)
_POSITIONS = (
    re.compile(r"error at (\d+):(\d+): "),
    re.compile(r"\s*\(at char \d+\), \(line:(\d+), col:(\d+)\)"),
)


@dataclass(frozen=True)
class NamedQuery:
    """A query of the library `kg/query/library/NAME.rq`."""

    name: str
    description: str
    text: str
    params: dict[str, str] = field(default_factory=dict)
    """Parameter name -> default value, from `# @param name = DEFAULT  help` header lines."""


def _parse_named(name: str, text: str) -> NamedQuery:
    description = ""
    params: dict[str, str] = {}
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        match = _PARAM_LINE.match(stripped)
        if match:
            params[match.group(1)] = match.group(2) or ""
        elif not description:
            description = stripped.lstrip("#").strip()
    return NamedQuery(name=name, description=description, text=text, params=params)


def list_queries() -> list[NamedQuery]:
    """The named queries shipped in `kg/query/library`, sorted by name."""
    return list(_library())


@cache
def _library() -> tuple[NamedQuery, ...]:
    """The library, read once per process: it is package data, and re-reading it for every
    query cost a named query about 0.4 ms (a third of kg's overhead over raw pyoxigraph on
    the small queries of BENCHMARKS.md)."""
    library = resources.files("kg.query").joinpath("library")
    out = []
    for entry in library.iterdir():
        if entry.name.endswith(".rq"):
            out.append(_parse_named(entry.name[:-3], entry.read_text(encoding="utf-8")))
    return tuple(sorted(out, key=lambda q: q.name))


def get_query(name: str) -> NamedQuery:
    """A named query by name; `UnknownQuery` listing the known names otherwise."""
    for query in _library():
        if query.name == name:
            return query
    known = ", ".join(q.name for q in list_queries())
    raise UnknownQuery(f"no named query {name!r} (known: {known}; see `kg query --list`)")


def resolve_query(text: str) -> tuple[str, NamedQuery | None]:
    """The SPARQL text of `text`: a path to a `.rq` file, a library name, or SPARQL itself."""
    from kg.store import read_utf8

    path = query_file(text)
    if path is not None:
        if not path.exists():
            raise InputError(f"{path}: no such query file")
        return read_utf8(path), None
    candidate = text.strip()
    if _NAME.match(candidate):
        return get_query(candidate).text, get_query(candidate)
    return text, None


def query_file(text: str) -> Path | None:
    """The query file `text` names (`*.rq`, `*.sparql`, or an existing file), else None."""
    candidate = text.strip()
    if candidate.endswith((".rq", ".sparql")) or _is_file(candidate):
        return Path(candidate)
    return None


def _is_file(text: str) -> bool:
    if "\n" in text or "{" in text:
        return False
    try:
        return Path(text).is_file()
    except (OSError, ValueError):
        return False


def sparql_string(value: str) -> str:
    """`value` as a SPARQL double-quoted string literal, safely escaped."""
    escaped = (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    return f'"{escaped}"'


def substitute_params(sparql: str, params: Mapping[str, str]) -> str:
    """Replace each `$name` variable named in `params` by its value as a string literal.

    Strings, IRIs and comments are left alone, so a `$` inside them never changes the query,
    and a value can never inject SPARQL: it is always one escaped literal.
    """
    if not params:
        return sparql

    def repl(match: re.Match[str]) -> str:
        name = match.group("name")
        if name is not None and name in params:
            return sparql_string(params[name])
        return match.group(0)

    return _TOKENS.sub(repl, sparql)


def parse_params(items: list[str] | tuple[str, ...]) -> dict[str, str]:
    """`["a=RUS", "b=PRK"]` -> `{"a": "RUS", "b": "PRK"}`; InputError on a malformed item."""
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise InputError(f"--param {item!r}: expected NAME=VALUE")
        out[name] = value
    return out


def prepare_query(
    text: str, params: Mapping[str, str] | None = None
) -> tuple[str, NamedQuery | None]:
    """Resolve `text`, substitute parameters (named-query defaults first), prepend the prologue."""
    sparql, named = resolve_query(text)
    values: dict[str, str] = {}
    if named is not None:
        values.update(named.params)
        unknown = sorted(set(params or {}) - set(named.params))
        if unknown:
            raise InputError(
                f"named query {named.name!r} takes no parameter {', '.join(unknown)}"
                + (f" (its parameters: {', '.join(named.params)})" if named.params else "")
            )
    values.update(params or {})
    return sparql_prologue() + substitute_params(sparql, values), named


def run_prepared(
    store: Store,
    sparql: str,
    *,
    source: Path | None = None,
    timeout: float | None = None,
    max_rows: int | None = None,
    allow_service: bool = False,
    timeout_hint: str = "use --timeout to allow more",
) -> QueryResult:
    """Run `sparql` as `prepare_query` made it, within bounds.

    Refuses a SPARQL Update (E020) and SERVICE unless `allow_service` (E023); stops after
    `timeout` seconds (None/0: no limit; E022) and keeps `max_rows` rows (None: all; see
    `QueryResult.truncated`). A syntax error's position is given in the user's text, and in
    the file `source` when the query came from one.
    """
    prologue = sparql_prologue()
    user = sparql.removeprefix(prologue)
    check_query(user, allow_service=allow_service)
    try:
        return run_bounded(
            store, sparql, timeout=timeout, max_rows=max_rows, timeout_hint=timeout_hint
        )
    except QueryError as exc:
        moved = relocate_error(exc.message, prologue.count("\n") if user != sparql else 0, source)
        if type(exc) is not QueryError or moved is None:
            raise
        raise QueryError(moved) from None


def relocate_error(message: str, shift: int, source: Path | None) -> str | None:
    """`message` with its parser position moved up `shift` lines (the prologue) and put
    first, as `FILE:LINE:COL` or `LINE:COL`; None when it has no position in the user's text."""
    for pattern in _POSITIONS:
        match = pattern.search(message)
        if match is not None:
            break
    else:
        return None
    line, column = int(match.group(1)) - shift, int(match.group(2))
    if line < 1:
        return None
    rest = (message[: match.start()] + message[match.end() :]).removeprefix("invalid SPARQL: ")
    where = f"{source}:{line}:{column}" if source is not None else f"{line}:{column}"
    return f"invalid SPARQL at {where}: {rest}"


def run_query(
    store: Store,
    text: str,
    params: Mapping[str, str] | None = None,
    *,
    timeout: float | None = None,
    max_rows: int | None = None,
    allow_service: bool = False,
    timeout_hint: str = "use --timeout to allow more",
) -> QueryResult:
    """Run a query (SPARQL text, `.rq` path or library name) on `store`, as `run_prepared`."""
    sparql, _ = prepare_query(text, params)
    return run_prepared(
        store,
        sparql,
        source=query_file(text),
        timeout=timeout,
        max_rows=max_rows,
        allow_service=allow_service,
        timeout_hint=timeout_hint,
    )
