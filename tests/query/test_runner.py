"""Resolving, parameterising and running queries; the named-query library."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.errors import InputError, QueryError, ServiceRefused, UnknownQuery
from kg.query import (
    get_query,
    list_queries,
    parse_params,
    prepare_query,
    resolve_query,
    run_query,
    sparql_string,
    substitute_params,
)
from kg.store import open_store
from kg.vocab import sparql_prologue

NAMES = [
    "actors",
    "claims",
    "dyad",
    "events",
    "modality",
    "provenance",
    "reports",
    "sanctions",
    "visits",
]


def test_runner_library_lists_every_named_query_with_description() -> None:
    queries = list_queries()
    assert [q.name for q in queries] == NAMES
    for q in queries:
        assert q.description and not q.description.startswith("#"), q.name
        assert q.text.lstrip().startswith("#"), q.name


def test_runner_dyad_declares_parameters_with_defaults() -> None:
    assert get_query("dyad").params == {"a": "RUS", "b": "PRK"}


def test_runner_unknown_name_lists_known_names() -> None:
    with pytest.raises(UnknownQuery, match="visits"):
        get_query("nope")
    with pytest.raises(UnknownQuery):
        resolve_query("nope")


def test_runner_resolves_rq_file(tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    assert resolve_query(str(path)) == ("ASK { ?s ?p ?o }", None)
    with pytest.raises(InputError, match="no such query file"):
        resolve_query(str(tmp_path / "missing.rq"))


def test_runner_sparql_text_passes_through() -> None:
    text = "SELECT * WHERE { ?s ?p ?o }"
    assert resolve_query(text) == (text, None)


def test_runner_prologue_is_prepended() -> None:
    sparql, _ = prepare_query("ASK { ?s owl:sameAs wd:Q159 }")
    assert sparql.startswith(sparql_prologue())


@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
def test_runner_query_with_its_own_prefix_still_works(backend: str) -> None:
    store = open_store(None, backend=backend)
    store.update(
        "INSERT DATA { GRAPH <http://g> { <http://a> <http://www.w3.org/2002/07/owl#sameAs> <http://b> } }"
    )
    text = "PREFIX owl: <http://www.w3.org/2002/07/owl#>\nASK { ?s owl:sameAs ?o }"
    assert run_query(store, text).boolean is True


def test_runner_params_are_escaped_string_literals() -> None:
    query = 'SELECT * WHERE { ?x kgo:code $a . ?y kgo:code $b . FILTER(?z != "$a") } # $a'
    out = substitute_params(query, {"a": 'R" } DROP ALL #', "b": "PRK"})
    assert '?x kgo:code "R\\" } DROP ALL #" .' in out
    assert '?y kgo:code "PRK"' in out
    assert '"$a"' in out and out.endswith("# $a")  # strings and comments untouched


def test_runner_sparql_string_escapes() -> None:
    assert sparql_string('a"b\\c\nd') == '"a\\"b\\\\c\\nd"'


@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
def test_runner_injection_attempt_stays_a_literal(backend: str) -> None:
    store = open_store(None, backend=backend)
    result = run_query(store, "SELECT ($a AS ?v) WHERE {}", {"a": '") } ; DROP ALL ; #'})
    assert str(result.rows[0]["v"]) == '") } ; DROP ALL ; #'


def test_runner_named_query_rejects_unknown_param() -> None:
    with pytest.raises(InputError, match="no parameter c"):
        prepare_query("dyad", {"c": "X"})


def test_runner_parse_params() -> None:
    assert parse_params(["a=RUS", "b=P=K"]) == {"a": "RUS", "b": "P=K"}
    with pytest.raises(InputError):
        parse_params(["novalue"])


def test_runner_invalid_sparql_is_query_error() -> None:
    store = open_store(None, backend="oxigraph")
    with pytest.raises(QueryError):
        run_query(store, "SELECT ?x WHERE { ?x ")


@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
def test_runner_syntax_error_position_is_in_the_users_text(backend: str, tmp_path: Path) -> None:
    """Regression: the position counted the 13 PREFIX lines put before the query."""
    store = open_store(None, backend=backend)
    text = "SELECT ?x WHERE { ?x ?y ?z }\nLIMIT x"
    with pytest.raises(QueryError) as info:
        run_query(store, text)
    assert re.match(r"error\[E020\]: invalid SPARQL at 2:\d+: \S", str(info.value)), info.value
    path = tmp_path / "bad.rq"
    path.write_text("# a query whose error is on its line 3\n" + text + "\n", encoding="utf-8")
    with pytest.raises(QueryError) as info:
        run_query(store, str(path))
    assert str(info.value).startswith(f"error[E020]: invalid SPARQL at {path}:3:"), info.value


def test_runner_refuses_updates_and_service() -> None:
    store = open_store(None, backend="oxigraph")
    with pytest.raises(QueryError, match="updates are not allowed"):
        run_query(store, "PREFIX ex: <http://ex/>\nINSERT DATA { ex:a ex:b ex:c }")
    assert len(store) == 0
    with pytest.raises(ServiceRefused):
        run_query(store, "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
