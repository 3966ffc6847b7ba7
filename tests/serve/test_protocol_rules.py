"""The protocol's rules as plain functions: content negotiation, and what a request asks."""

from __future__ import annotations

import pytest

from kg.serve.protocol import (
    GRAPH_TYPES,
    RESULT_TYPES,
    Operation,
    Problem,
    check_query,
    check_update,
    negotiate,
    parse_operation,
    parse_target,
)


@pytest.mark.parametrize(
    ("accept", "chosen"),
    [
        (None, "application/sparql-results+json"),
        ("", "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("text/*", "text/csv"),
        ("text/csv;q=0.2, text/tab-separated-values;q=0.3", "text/tab-separated-values"),
        ("application/sparql-results+json;q=0, */*", "application/sparql-results+xml"),
        ("TEXT/CSV", "text/csv"),
        ("text/csv; charset=utf-8", "text/csv"),
        ("application/json, text/csv;q=oops", "application/json"),
        ("*/*;q=0.1, text/tab-separated-values;q=0.5", "text/tab-separated-values"),
    ],
)
def test_rules_negotiate_results(accept, chosen: str) -> None:
    assert negotiate(accept, RESULT_TYPES)[0] == chosen


@pytest.mark.parametrize(
    "accept", ["image/png", "text/turtle", "application/sparql-results+json;q=0", "nonsense"]
)
def test_rules_negotiate_refuses_with_406(accept: str) -> None:
    with pytest.raises(Problem) as info:
        negotiate(accept, RESULT_TYPES)
    assert info.value.status == 406 and "application/sparql-results+json" in info.value.message


def test_rules_negotiate_graphs_default_to_turtle() -> None:
    assert negotiate("text/html, */*;q=0.8", GRAPH_TYPES)[0] == "text/turtle"
    assert negotiate("application/n-triples, text/turtle;q=0.9", GRAPH_TYPES)[0] == (
        "application/n-triples"
    )


FORM = "application/x-www-form-urlencoded"


@pytest.mark.parametrize(
    ("method", "params", "content_type", "body", "expected"),
    [
        ("GET", [("query", "ASK {}")], None, b"", Operation("query", "ASK {}")),
        ("POST", [], FORM, b"query=ASK+%7B%7D", Operation("query", "ASK {}")),
        (
            "POST",
            [],
            "application/sparql-query; charset=utf-8",
            b"ASK {}",
            Operation("query", "ASK {}"),
        ),
        ("POST", [], "application/sparql-update", b"CLEAR ALL", Operation("update", "CLEAR ALL")),
        (
            "POST",
            [],
            f"{FORM}; charset=UTF-8",
            b"update=CLEAR+ALL",
            Operation("update", "CLEAR ALL"),
        ),
        (
            "POST",
            [("default-graph-uri", "http://g/1")],
            FORM,
            b"query=ASK%7B%7D&named-graph-uri=http%3A%2F%2Fg%2F2",
            Operation("query", "ASK{}", ("http://g/1",), ("http://g/2",)),
        ),
        (
            "POST",
            [("using-graph-uri", "http://g/1")],
            "application/sparql-update",
            b"CLEAR ALL",
            Operation("update", "CLEAR ALL", ("http://g/1",)),
        ),
        ("GET", [("query", "ASK {}"), ("format", "json")], None, b"", Operation("query", "ASK {}")),
    ],
)
def test_rules_parse_operation(method, params, content_type, body, expected) -> None:
    assert parse_operation(method, params, content_type, body) == expected


@pytest.mark.parametrize(
    ("method", "params", "content_type", "body", "status"),
    [
        ("PATCH", [("query", "ASK {}")], None, b"", 405),
        ("GET", [], None, b"", 400),
        ("GET", [("update", "CLEAR ALL")], None, b"", 400),
        ("POST", [], FORM, b"", 400),
        ("POST", [], FORM, b"query=%FF", 400),
        ("POST", [], f"{FORM}; charset=latin-1", b"query=ASK", 415),
        ("POST", [("query", "ASK {}")], "application/sparql-query", b"ASK {}", 400),
        ("POST", [], "application/sparql-query", b"ASK { \xff }", 400),
        ("POST", [], "text/plain", b"ASK {}", 415),
        ("POST", [], None, b"ASK {}", 415),
        ("GET", [("query", "ASK {}"), ("default-graph-uri", "no iri")], None, b"", 400),
    ],
)
def test_rules_parse_operation_refuses(method, params, content_type, body, status: int) -> None:
    with pytest.raises(Problem) as info:
        parse_operation(method, params, content_type, body)
    assert info.value.status == status
    assert "\n" not in info.value.message


def test_rules_targets_of_the_graph_store() -> None:
    assert parse_target([("graph", "http://g/1")]).iri == "http://g/1"
    assert parse_target([("default", "")]).kind == "default"
    assert parse_target([]).kind == "dataset"
    for params in ([("graph", "http://g/1"), ("default", "")], [("graph", "a b")]):
        with pytest.raises(Problem):
            parse_target(params)


@pytest.mark.parametrize(
    ("op", "refused"),
    [
        (Operation("query", "SELECT * { SERVICE <http://x/> { ?s ?p ?o } }"), "SERVICE"),
        (Operation("query", "DROP ALL"), "SPARQL Update (DROP)"),
        (Operation("update", "LOAD <http://x/data.ttl>"), "LOAD is refused"),
        (
            Operation(
                "update", "WITH <http://g/> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", ("http://g/",)
            ),
            "USING or WITH",
        ),
    ],
)
def test_rules_checks_refuse(op: Operation, refused: str) -> None:
    check = check_query if op.kind == "query" else check_update
    with pytest.raises(Problem) as info:
        check(op)
    assert info.value.status == 400 and refused in info.value.message


def test_rules_problem_survives_pickling() -> None:
    """A Problem raised in a child process comes back to the parent whole."""
    import pickle

    problem = pickle.loads(pickle.dumps(Problem(401, "no token", {"WWW-Authenticate": "Bearer"})))
    assert (problem.status, problem.message, problem.headers) == (
        401,
        "no token",
        {"WWW-Authenticate": "Bearer"},
    )
