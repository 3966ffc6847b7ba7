"""Checks on a SPARQL text before it runs: is it an update, does it call SERVICE.

They read tokens, not a parse tree, so they are cheap, the same for both backends, and they
answer before a parser would say "expected CONSTRUCT". Strings, IRIs and comments are skipped
and variables and prefixed names are whole tokens, so `"SERVICE"`, `<http://x/SERVICE>`,
`# SERVICE`, `?service` and `ex:SERVICE` are never taken for the keyword. Plain functions of
the text: a SPARQL endpoint (a future `kg serve`) applies the same rules as `kg query`.

>>> update_keyword("PREFIX ex: <http://ex/> # a comment\\ndrop all")
'DROP'
>>> uses_service('SELECT ?service { ?s ex:SERVICE "SERVICE" }')
False
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.errors import QueryError, ServiceRefused

__all__ = [
    "UPDATE_KEYWORDS",
    "keywords",
    "update_keyword",
    "uses_service",
    "uses_keyword",
    "check_query",
]

UPDATE_KEYWORDS = frozenset(
    ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
)
"""The words a SPARQL 1.1 Update request can start with (after its PREFIX/BASE prologue)."""

HIDING_TOKENS = (
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|#[^\n]*"
    r"|<[^<>\"{}|^`\\\s]*>"
)
"""What hides a word of SPARQL from a scan: strings, comments, IRIs (first in any token
regex over query text, here and in `kg.query.runner`)."""

_TOKENS = re.compile(
    HIDING_TOKENS + r"|[?$]\w+"  # a variable
    r"|[\w.-]*:(?:[\w.:%-]|\\.)*"  # a prefixed name or a blank node label
    r"|(?P<word>[A-Za-z]\w*)",
    re.DOTALL,
)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _unescape_codepoints(text: str) -> str:
    """`text` with SPARQL's `\\uXXXX` / `\\UXXXXXXXX` escapes replaced by their characters.

    SPARQL lets these escapes stand anywhere in a query and rdflib decodes them before it
    parses, so `\\u0053ERVICE` is the SERVICE keyword to the memory backend.
    """

    def repl(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)

    return _CODEPOINT.sub(repl, text)


def keywords(sparql: str) -> Iterator[str]:
    """The bare words of `sparql` (keywords and function names), upper-cased, in order."""
    for match in _TOKENS.finditer(sparql):
        if match.group("word") is not None:
            yield match.group("word").upper()


def update_keyword(sparql: str) -> str | None:
    """The update keyword a SPARQL Update starts with (`DROP`, `INSERT`...), else None."""
    for text in (sparql, _unescape_codepoints(sparql)):
        first = next((w for w in keywords(text) if w not in ("PREFIX", "BASE")), None)
        if first in UPDATE_KEYWORDS:
            return first
    return None


def uses_service(sparql: str) -> bool:
    """Whether `sparql` has the SERVICE keyword (a federated query: network requests)."""
    return uses_keyword(sparql, "SERVICE")


def uses_keyword(sparql: str, keyword: str) -> bool:
    """Whether `sparql` has the bare word `keyword` (upper case: `LOAD`, `FROM`...), also
    when it is spelt with `\\u` escapes."""
    return any(keyword in keywords(text) for text in (sparql, _unescape_codepoints(sparql)))


def check_query(sparql: str, *, allow_service: bool = False) -> None:
    """Refuse what a read-only query must not do: an update, or SERVICE unless allowed.

    Raises `QueryError` (E020) for a SPARQL Update and `ServiceRefused` (E023) for SERVICE.
    """
    keyword = update_keyword(sparql)
    if keyword is not None:
        raise QueryError(
            f"updates are not allowed in kg query (it only reads); this is a SPARQL Update "
            f"({keyword}): add data with `kg load FILE`, or from Python with "
            "KnowledgeGraph.load() or KnowledgeGraph.update()"
        )
    if not allow_service and uses_service(sparql):
        raise ServiceRefused(
            "SERVICE (federated query) is refused: it would make network requests from this "
            "machine; pass --allow-service to allow it (allow_service=True in Python)"
        )
