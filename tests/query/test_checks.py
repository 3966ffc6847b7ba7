"""The lexical checks run before a query: SPARQL Updates and SERVICE are refused."""

from __future__ import annotations

import pytest

from kg.errors import QueryError, ServiceRefused
from kg.query.checks import UPDATE_KEYWORDS, check_query, update_keyword, uses_service

SERVICE_QUERIES = [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "select * where { service <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SeRvIcE SILENT <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }",
    "SELECT * WHERE {SERVICE<http://example.org/sparql>{?s ?p ?o}}",
    "# a comment\nPREFIX ex: <http://ex/>\nSELECT * WHERE {\n  ?s ?p ?o .\n  SERVICE <http://x/> {}\n}",
    # rdflib decodes \u escapes anywhere in a query before it parses
    "SELECT * WHERE { \\u0053ERVICE <http://example.org/sparql> { ?s ?p ?o } }",
]
NOT_SERVICE_QUERIES = [
    "SELECT ?service WHERE { ?service ?p ?o }",
    "SELECT $service WHERE { $service ?p ?o }",
    "PREFIX ex: <http://ex/> SELECT * WHERE { ?s ex:SERVICE ?o }",
    "PREFIX SERVICE: <http://ex/> SELECT * WHERE { ?s SERVICE:x ?o }",
    "SELECT * WHERE { ?s :SERVICE ?o }",
    'SELECT * WHERE { ?s ?p "SERVICE <http://x/>" }',
    "SELECT * WHERE { ?s ?p 'SERVICE' }",
    'SELECT * WHERE { ?s ?p """a\nSERVICE <http://x/> { }\n""" }',
    "SELECT * WHERE { ?s ?p <http://example.org/SERVICE> }",
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x/> { }",
    "SELECT * WHERE { ?s ?p ?o FILTER(?o = ex:service_count) }",
]


@pytest.mark.parametrize("sparql", SERVICE_QUERIES)
def test_checks_service_keyword_is_found(sparql: str) -> None:
    assert uses_service(sparql)
    with pytest.raises(ServiceRefused) as info:
        check_query(sparql)
    assert str(info.value).startswith("error[E023]: SERVICE (federated query) is refused")
    assert "--allow-service" in str(info.value)


@pytest.mark.parametrize("sparql", NOT_SERVICE_QUERIES)
def test_checks_service_in_names_strings_iris_comments_is_not_the_keyword(sparql: str) -> None:
    assert not uses_service(sparql)
    check_query(sparql)


def test_checks_allow_service_lets_it_through() -> None:
    check_query(SERVICE_QUERIES[0], allow_service=True)


@pytest.mark.parametrize("keyword", sorted(UPDATE_KEYWORDS))
def test_checks_every_update_keyword_is_refused(keyword: str) -> None:
    sparql = (
        f"PREFIX ex: <http://ex/>\nBASE <http://base/>\n# {keyword.lower()} it\n{keyword.lower()} x"
    )
    assert update_keyword(sparql) == keyword
    with pytest.raises(QueryError) as info:
        check_query(sparql, allow_service=True)
    assert str(info.value).startswith(
        "error[E020]: updates are not allowed in kg query (it only reads)"
    )


@pytest.mark.parametrize(
    "sparql",
    [
        "ASK { ?s ?p ?o }",
        "# DROP ALL\nSELECT * WHERE { ?s ?p ?o }",
        "PREFIX insert: <http://ex/> CONSTRUCT WHERE { ?s insert:x ?o }",
        'DESCRIBE ?s WHERE { ?s ?p "DELETE" }',
        "SELECT ?drop WHERE { ?drop ?p ?o }",
        "",
    ],
)
def test_checks_queries_are_not_updates(sparql: str) -> None:
    assert update_keyword(sparql) is None


@pytest.mark.parametrize(
    ("sparql", "keyword", "found"),
    [
        ("LOAD <http://example.org/data.ttl>", "LOAD", True),
        ("CLEAR ALL ; load silent <http://x/> INTO GRAPH <http://g/>", "LOAD", True),
        ("\\u004cOAD <http://example.org/data.ttl>", "LOAD", True),
        ("INSERT DATA { <a:s> <a:p> 'LOAD <http://x/>' }", "LOAD", False),
        ("INSERT DATA { <a:s> <a:load> ?load }", "LOAD", False),
        ("SELECT * FROM <http://g/> { ?s ?p ?o }", "FROM", True),
        ("SELECT ?from WHERE { ?from <a:from> 'FROM' }", "FROM", False),
    ],
)
def test_checks_uses_keyword(sparql: str, keyword: str, found: bool) -> None:
    from kg.query.checks import uses_keyword

    assert uses_keyword(sparql, keyword) is found
