"""SPARQL over the store: named queries (`library/*.rq`), the runner, and result formatting.

Queries run within bounds: a time limit and a row cap (`kg.query.bounded`), no updates and
no SERVICE (`kg.query.checks`).

>>> from kg.query import run_query, list_queries
>>> [q.name for q in list_queries()][:3]
['actors', 'claims', 'dyad']
"""

from __future__ import annotations

from kg.query.bounded import run_bounded
from kg.query.checks import check_query, update_keyword, uses_service
from kg.query.format import FORMATS, format_result, print_result, shorten
from kg.query.runner import (
    NamedQuery,
    get_query,
    list_queries,
    parse_params,
    prepare_query,
    query_file,
    resolve_query,
    run_prepared,
    run_query,
    sparql_string,
    substitute_params,
)

__all__ = [
    "FORMATS",
    "NamedQuery",
    "check_query",
    "format_result",
    "get_query",
    "list_queries",
    "parse_params",
    "prepare_query",
    "print_result",
    "query_file",
    "resolve_query",
    "run_bounded",
    "run_prepared",
    "run_query",
    "shorten",
    "sparql_string",
    "substitute_params",
    "update_keyword",
    "uses_service",
]
