"""SPARQL over the store: named queries (`library/*.rq`), the runner, and result formatting.

>>> from kg.query import run_query, list_queries
>>> [q.name for q in list_queries()][:3]
['actors', 'claims', 'dyad']
"""

from __future__ import annotations

from kg.query.format import FORMATS, format_result, print_result, shorten
from kg.query.runner import (
    NamedQuery,
    get_query,
    list_queries,
    parse_params,
    prepare_query,
    resolve_query,
    run_query,
    sparql_string,
    substitute_params,
)

__all__ = [
    "FORMATS",
    "NamedQuery",
    "format_result",
    "get_query",
    "list_queries",
    "parse_params",
    "prepare_query",
    "print_result",
    "resolve_query",
    "run_query",
    "shorten",
    "sparql_string",
    "substitute_params",
]
