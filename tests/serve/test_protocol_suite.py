"""The cases of the W3C SPARQL 1.1 Protocol test suite, against a running `kg serve`.

Named as the suite names them (query_get, query_post_form, bad_query_method...), with the
suite's requests adapted to the three graphs of `DATA` (`http://example.org/data1`...). The
negative update cases are sent with the right token, so what refuses them is the protocol
check and not the authorization, and the store is checked unchanged after them.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

import pyoxigraph as ox
import pytest
from serving import D1, D2, D3, EX, TOKEN, Reply, reply

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
DIRECT = {"Content-Type": "application/sparql-query"}
DIRECT_UPDATE = {"Content-Type": "application/sparql-update"}
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def q(**params: str | list[str]) -> str:
    """`?name=value&...` (a list: the parameter repeated), percent-encoded."""
    return "?" + urlencode(params, doseq=True, quote_via=quote)


def _boolean(expected: bool):
    def check(r: Reply) -> None:
        assert r.media_type == "application/sparql-results+json"
        assert json.loads(r.body)["boolean"] is expected

    return check


def _bindings(var: str, expected: set[str]):
    def check(r: Reply) -> None:
        rows = json.loads(r.body)["results"]["bindings"]
        assert {row[var]["value"] for row in rows} == expected

    return check


@dataclass(frozen=True)
class Case:
    method: str
    query: str = ""
    body: bytes | str = b""
    headers: dict[str, str] = field(default_factory=dict)
    status: int = 200
    check: object = None


ASK_D1 = f"ASK {{ <{D1}> ?p ?o }}"

QUERY_CASES = {
    "query_get": Case("GET", q(query="ASK {}"), check=_boolean(True)),
    "query_post_form": Case("POST", body="query=ASK%20%7B%7D", headers=FORM, check=_boolean(True)),
    "query_post_direct": Case("POST", body="ASK {}", headers=DIRECT, check=_boolean(True)),
    "query_dataset_default_graph": Case(
        "POST", q(**{"default-graph-uri": D1}), ASK_D1, DIRECT, check=_boolean(True)
    ),
    "query_dataset_default_graph_excludes_the_others": Case(
        "POST", q(**{"default-graph-uri": D3}), ASK_D1, DIRECT, check=_boolean(False)
    ),
    "query_dataset_default_graphs_get": Case(
        "GET",
        q(
            query=f"ASK {{ <{D1}> ?p ?o . <{D2}> ?p ?o }}",
            **{"default-graph-uri": [D1, D2]},
        ),
        check=_boolean(True),
    ),
    "query_dataset_default_graphs_post": Case(
        "POST",
        q(**{"default-graph-uri": [D1, D2]}),
        f"ASK {{ <{D1}> ?p ?o . <{D2}> ?p ?o }}",
        DIRECT,
        check=_boolean(True),
    ),
    "query_dataset_named_graphs_post": Case(
        "POST",
        q(**{"named-graph-uri": [D1, D2]}),
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
        DIRECT,
        check=_bindings("g", {D1, D2}),
    ),
    "query_dataset_named_graphs_get": Case(
        "GET",
        q(
            query="SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
            **{"named-graph-uri": [D1, D2]},
        ),
        check=_bindings("g", {D1, D2}),
    ),
    "query_dataset_full": Case(
        "POST",
        q(**{"default-graph-uri": D3, "named-graph-uri": [D1, D2]}),
        "SELECT DISTINCT ?x ?g WHERE { ?x ?y ?o GRAPH ?g { ?s ?p ?v } }",
        DIRECT,
        check=lambda r: (
            _bindings("x", {D3})(r),
            _bindings("g", {D1, D2})(r),
        ),
    ),
    "query_multiple_dataset": Case(  # the protocol's dataset wins over FROM in the query
        "POST",
        q(**{"default-graph-uri": D2}),
        f"ASK FROM <{D1}> {{ <{D2}> ?p ?o }}",
        DIRECT,
        check=_boolean(True),
    ),
    "query_from_in_the_query_alone": Case(
        "POST", body=f"ASK FROM <{D3}> {{ <{D1}> ?p ?o }}", headers=DIRECT, check=_boolean(False)
    ),
    "query_default_graph_is_the_union": Case(
        "POST",
        body=f"ASK {{ <{D1}> a ?t . <{D2}> a ?t . <{D3}> ?p 3 }}",
        headers=DIRECT,
        check=_boolean(True),
    ),
    "bad_query_method": Case("PUT", q(query="ASK {}"), status=405),
    "bad_query_method_delete": Case("DELETE", q(query="ASK {}"), status=405),
    "bad_multiple_queries": Case("GET", q(query=["ASK {}", "SELECT * {}"]), status=400),
    "bad_multiple_queries_form": Case(
        "POST", body="query=ASK%20%7B%7D&query=ASK%20%7B%7D", headers=FORM, status=400
    ),
    "bad_query_wrong_media_type": Case(
        "POST", body="ASK {}", headers={"Content-Type": "text/plain"}, status=415
    ),
    "bad_query_missing_form_type": Case("POST", body="query=ASK%20%7B%7D", status=415),
    "bad_query_missing_direct_type": Case("POST", body="ASK {}", status=415),
    "bad_query_non_utf8": Case(
        "POST",
        body="ASK {}".encode("utf-16"),
        headers={"Content-Type": "application/sparql-query; charset=UTF-16"},
        status=415,
    ),
    "bad_query_non_utf8_bytes": Case(
        "POST", body='ASK { ?s ?p "caf\xe9" }'.encode("latin-1"), headers=DIRECT, status=400
    ),
    "bad_query_non_utf8_percent_encoded": Case("GET", "?query=ASK%20%7B%22%E9%22%7D", status=400),
    "bad_query_syntax": Case("GET", q(query="ASK {"), status=400),
    "bad_query_no_query": Case("GET", status=400),
    "bad_query_dataset_not_an_iri": Case(
        "GET", q(query="ASK {}", **{"default-graph-uri": "not an iri"}), status=400
    ),
    "bad_query_is_an_update": Case("GET", q(query="CLEAR ALL"), status=400),
    "bad_query_not_acceptable": Case(
        "GET", q(query="ASK {}"), headers={"Accept": "image/png"}, status=406
    ),
    "bad_update_get": Case("GET", q(update="CLEAR ALL"), status=400),
}

UPDATE_CASES = {
    "update_post_form": Case(
        "POST", body="update=CLEAR%20ALL", headers={**FORM, **AUTH}, status=204
    ),
    "update_post_direct": Case(
        "POST", body="CLEAR ALL", headers={**DIRECT_UPDATE, **AUTH}, status=204
    ),
    "bad_update_get": Case("GET", q(update="CLEAR ALL"), headers=AUTH, status=400),
    "bad_multiple_updates": Case(
        "POST",
        body="update=CLEAR%20NAMED&update=CLEAR%20DEFAULT",
        headers={**FORM, **AUTH},
        status=400,
    ),
    "bad_update_wrong_media_type": Case(
        "POST", body="CLEAR NAMED", headers={"Content-Type": "text/plain", **AUTH}, status=415
    ),
    "bad_update_missing_form_type": Case(
        "POST", body="update=CLEAR%20NAMED", headers=AUTH, status=415
    ),
    "bad_update_missing_direct_type": Case("POST", body="CLEAR NAMED", headers=AUTH, status=415),
    "bad_update_non_utf8": Case(
        "POST",
        body="CLEAR NAMED".encode("utf-16"),
        headers={"Content-Type": "application/sparql-update; charset=UTF-16", **AUTH},
        status=415,
    ),
    "bad_update_syntax": Case(
        "POST", body="update=CLEAR%20XYZ", headers={**FORM, **AUTH}, status=400
    ),
    "bad_update_dataset_conflict": Case(
        "POST",
        body="using-named-graph-uri=http%3A%2F%2Fexample%2Fpeople&update="
        + quote(
            "PREFIX foaf: <http://xmlns.com/foaf/0.1/>\nWITH <http://example/addresses>\n"
            "DELETE { ?person foaf:givenName 'Bill' }\nINSERT { ?person foaf:givenName 'William' }\n"
            "WHERE { ?person foaf:givenName 'Bill' }\n"
        ),
        headers={**FORM, **AUTH},
        status=400,
    ),
    "bad_update_and_query_together": Case(
        "POST", body="update=CLEAR%20ALL&query=ASK%20%7B%7D", headers={**FORM, **AUTH}, status=400
    ),
    "bad_update_load_refused": Case(
        "POST",
        body="LOAD <http://127.0.0.1:9/data.ttl> INTO GRAPH <http://ex/g>",
        headers={**DIRECT_UPDATE, **AUTH},
        status=400,
    ),
    "bad_update_service_refused": Case(
        "POST",
        body="INSERT { GRAPH <http://ex/g> { ?s ?p ?o } } WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        headers={**DIRECT_UPDATE, **AUTH},
        status=400,
    ),
}


def _send(url: str, case: Case) -> Reply:
    return reply(case.method, url + "sparql" + case.query, case.body, case.headers)


@pytest.mark.parametrize("case", [pytest.param(c, id=n) for n, c in QUERY_CASES.items()])
def test_protocol_query(endpoint: str, case: Case) -> None:
    r = _send(endpoint, case)
    assert r.status == case.status, r.text
    if case.check is not None:
        case.check(r)  # type: ignore[operator]
    if r.status >= 400:
        assert r.media_type == "text/plain" and r.text.count("\n") == 1 and r.text.strip()
    if r.status == 405:
        assert r.headers["allow"] == "GET, HEAD, POST"


def test_protocol_bad_query_syntax_has_the_parser_message(endpoint: str) -> None:
    r = reply("GET", endpoint + "sparql" + q(query="SELECT * WHERE {\n  ?s ?p\n}"))
    assert r.status == 400
    assert r.text.startswith("invalid SPARQL: error at 3:")  # the line in the query as sent


@pytest.mark.parametrize(
    "case", [pytest.param(c, id=n) for n, c in UPDATE_CASES.items() if c.status == 204]
)
def test_protocol_update(writable, case: Case) -> None:
    with writable() as (url, _):
        r = _send(url, case)
        assert r.status == case.status, r.text
        assert r.body == b""
        assert not json.loads(reply("GET", url + "sparql" + q(query=ASK_D1)).body)["boolean"]


@pytest.mark.parametrize(
    "case", [pytest.param(c, id=n) for n, c in UPDATE_CASES.items() if c.status != 204]
)
def test_protocol_bad_update(update_endpoint: str, case: Case) -> None:
    r = _send(update_endpoint, case)
    assert r.status == case.status, r.text
    assert r.media_type == "text/plain" and r.text.count("\n") == 1
    after = reply("GET", update_endpoint + "sparql" + q(query=ASK_D1))
    assert json.loads(after.body)["boolean"] is True  # nothing was cleared


SELECT_ONE = "SELECT (1 AS ?value) {}"


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/json", "application/json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.5, text/tab-separated-values", "text/tab-separated-values"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/xml"),
    ],
)
def test_protocol_query_content_type_select(endpoint: str, accept, expected: str) -> None:
    headers = {**DIRECT, **({"Accept": accept} if accept else {})}
    r = reply("POST", endpoint + "sparql", SELECT_ONE, headers)
    assert (r.status, r.media_type) == (200, expected), r.text
    if expected == "text/csv":
        assert list(csv.reader(io.StringIO(r.text))) == [["value"], ["1"]]
    else:
        fmt = {
            "csv": None,
            "tab-separated-values": ox.QueryResultsFormat.TSV,
            "xml": ox.QueryResultsFormat.XML,
        }
        kind = expected.split("/")[1].split("+")[-1]
        parsed = ox.parse_query_results(r.body, fmt.get(kind, ox.QueryResultsFormat.JSON))
        assert [s["value"].value for s in parsed] == ["1"]


@pytest.mark.parametrize(
    "accept", ["application/sparql-results+json", "application/sparql-results+xml"]
)
def test_protocol_query_content_type_ask(endpoint: str, accept: str) -> None:
    r = reply("POST", endpoint + "sparql", "ASK {}", {**DIRECT, "Accept": accept})
    assert (r.status, r.media_type) == (200, accept)
    fmt = ox.QueryResultsFormat.XML if accept.endswith("xml") else ox.QueryResultsFormat.JSON
    assert bool(ox.parse_query_results(r.body, fmt)) is True


GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


@pytest.mark.parametrize("accept", [*GRAPH_TYPES, None])
@pytest.mark.parametrize(
    "query",
    [
        pytest.param(f"DESCRIBE <{D1}>", id="describe"),
        pytest.param(f"CONSTRUCT {{ <{D1}> ?p ?o }} WHERE {{ <{D1}> ?p ?o }}", id="construct"),
    ],
)
def test_protocol_query_content_type_describe_construct(endpoint: str, query: str, accept) -> None:
    headers = {**DIRECT, **({"Accept": accept} if accept else {})}
    r = reply("POST", endpoint + "sparql", query, headers)
    expected = accept or "text/turtle"
    assert (r.status, r.media_type) == (200, expected), r.text
    triples = {
        (str(t.subject), str(t.predicate), str(t.object))
        for t in ox.parse(r.body, format=GRAPH_TYPES[expected])
    }
    assert triples == {
        (f"<{D1}>", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", f"<{EX}Doc>"),
        (f"<{D1}>", f"<{EX}title>", '"one"@en'),
    }


def test_protocol_construct_with_a_results_type_is_not_acceptable(endpoint: str) -> None:
    r = reply(
        "POST",
        endpoint + "sparql",
        "CONSTRUCT WHERE { ?s ?p ?o }",
        {**DIRECT, "Accept": "application/sparql-results+json"},
    )
    assert r.status == 406 and "text/turtle" in r.text


def test_protocol_relative_iris_resolve_against_the_endpoint(endpoint: str) -> None:
    r = reply(
        "POST",
        endpoint + "sparql",
        "CONSTRUCT { <s> <p> 1 } WHERE {}",
        {**DIRECT, "Accept": "application/n-triples"},
    )
    assert r.status == 200
    assert r.text.startswith(f"<{endpoint}s> <{endpoint}p> ")


def test_protocol_kg_prefixes_are_declared(endpoint: str) -> None:
    r = reply("GET", endpoint + "sparql" + q(query="ASK { ?s rdfs:label ?o }"))
    assert r.status == 200 and json.loads(r.body)["boolean"] is False
