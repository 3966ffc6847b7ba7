"""How Virtuoso 7.2.5 (Debian `virtuoso-opensource`) answers over HTTP: the facts kg's remote
backend builds its Virtuoso profile on (docs/virtuoso.md). Plain urllib requests, no kg code:
if a Virtuoso upgrade changes an answer, the test that names the fact fails.

Each test writes its own graphs (`urn:kg-test:NAME`), so they share one server.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from virtuoso_server import (
    VirtuosoServer,
    running_virtuoso,
    virtuoso,  # noqa: F401 - fixture
    virtuoso_missing,
)

JSON_RESULTS = "application/sparql-results+json"
XML_RESULTS = "application/sparql-results+xml"
N_TRIPLES = "application/n-triples"
TURTLE = "text/turtle"
XSD = "http://www.w3.org/2001/XMLSchema#"

# The graphs a new Virtuoso 7.2.5 database holds before anyone writes (measured; installing the
# Conductor VAD adds <http://www.w3.org/2002/07/owl#>): a client listing "its" graphs must leave
# these out, and must never drop them; the default graph (no FROM) includes them too.
SYSTEM_GRAPHS = {
    "http://www.openlinksw.com/schemas/virtrdf#",
    "http://www.w3.org/ns/ldp#",
    "http://localuriqaserver/sparql",
}


@dataclass(frozen=True)
class Reply:
    status: int
    headers: Message
    body: bytes

    @property
    def media_type(self) -> str:
        return self.headers.get("Content-Type", "").split(";")[0].strip()

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self) -> dict:
        return json.loads(self.body)


class Client:
    """Bare HTTP against one Virtuoso; `auth=True` sends HTTP digest credentials of dba.

    The digest header is computed here from the server's last challenge (RFC 2617, MD5,
    qop=auth, counting nonce uses) and sent with the request itself: urllib's
    HTTPDigestAuthHandler sends the body once unauthenticated first, and with a large body
    (a 100k-triple PUT) Virtuoso answers 401 and closes before reading it: ECONNRESET.
    """

    def __init__(self, server: VirtuosoServer) -> None:
        self.server = server
        self.opener = urllib.request.build_opener()
        self.challenge: dict[str, str] | None = None
        self.nonce_uses = 0

    def request(
        self,
        method: str,
        url: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        auth: bool = False,
    ) -> Reply:
        headers = dict(headers or {})
        if auth and self.challenge is None:
            self.challenge = _digest_challenge(self._send("GET", self.server.update_url))
        if auth:
            headers["Authorization"] = self._authorization(method, url)
        reply = self._send(method, url, body, headers)
        if auth and reply.status == 401 and "WWW-Authenticate" in reply.headers:
            self.challenge = _digest_challenge(reply)  # the nonce went stale: once more
            headers["Authorization"] = self._authorization(method, url)
            reply = self._send(method, url, body, headers)
        return reply

    def _send(
        self,
        method: str,
        url: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
        try:
            with self.opener.open(request, timeout=600) as response:
                return Reply(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return Reply(error.code, error.headers, error.read())

    def _authorization(self, method: str, url: str) -> str:
        assert self.challenge is not None
        self.nonce_uses += 1
        parts = urllib.parse.urlsplit(url)
        uri = parts.path + ("?" + parts.query if parts.query else "")
        realm, nonce = self.challenge["realm"], self.challenge["nonce"]
        count, cnonce = f"{self.nonce_uses:08x}", secrets.token_hex(8)
        user_hash = _md5(f"{self.server.user}:{realm}:{self.server.password}")
        response = _md5(f"{user_hash}:{nonce}:{count}:{cnonce}:auth:{_md5(f'{method}:{uri}')}")
        return (
            f'Digest username="{self.server.user}", realm="{realm}", nonce="{nonce}", '
            f'uri="{uri}", algorithm=MD5, response="{response}", '
            f'opaque="{self.challenge.get("opaque", "")}", qop=auth, nc={count}, cnonce="{cnonce}"'
        )

    def post_form(
        self, url: str, fields: dict[str, str], accept: str | None = None, auth: bool = False
    ) -> Reply:
        """A form POST (`application/x-www-form-urlencoded`); no Accept header when None."""
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if accept is not None:
            headers["Accept"] = accept
        form = urllib.parse.urlencode(fields).encode()
        return self.request("POST", url, form, headers, auth=auth)

    def query(self, query: str, accept: str | None = JSON_RESULTS, **params: str) -> Reply:
        """A query by form POST to `/sparql`; `accept=None` sends no Accept header."""
        return self.post_form(self.server.query_url, {"query": query, **params}, accept)

    def rows(self, query: str) -> list[dict[str, dict[str, str]]]:
        reply = self.query(query)
        assert reply.status == 200, reply.text
        return reply.json()["results"]["bindings"]

    def ask(self, query: str) -> bool:
        reply = self.query(query)
        assert reply.status == 200, reply.text
        return bool(reply.json()["boolean"])

    def update(self, update: str, url: str | None = None, auth: bool = True) -> Reply:
        """An update by direct POST (`application/sparql-update`), to `/sparql-auth` by default."""
        headers = {"Content-Type": "application/sparql-update", "Accept": JSON_RESULTS}
        return self.request(
            "POST", url or self.server.update_url, update.encode(), headers, auth=auth
        )

    def graph_url(self, graph: str, auth: bool = True) -> str:
        base = self.server.graph_store_url if auth else self.server.graph_store_read_url
        return base + "?" + urllib.parse.urlencode({"graph-uri": graph})

    def put_graph(self, graph: str, data: bytes, media_type: str = N_TRIPLES) -> Reply:
        headers = {"Content-Type": media_type}
        return self.request("PUT", self.graph_url(graph), data, headers, auth=True)

    def post_graph(self, graph: str, data: bytes, media_type: str = N_TRIPLES) -> Reply:
        headers = {"Content-Type": media_type}
        return self.request("POST", self.graph_url(graph), data, headers, auth=True)

    def get_graph(self, graph: str, accept: str = N_TRIPLES) -> Reply:
        return self.request("GET", self.graph_url(graph, auth=False), headers={"Accept": accept})

    def count(self, graph: str) -> int:
        rows = self.rows(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        return int(rows[0]["n"]["value"])


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


def _digest_challenge(reply: Reply) -> dict[str, str]:
    scheme, _, fields = reply.headers["WWW-Authenticate"].partition(" ")
    assert (reply.status, scheme) == (401, "Digest"), reply.status
    return urllib.request.parse_keqv_list(urllib.request.parse_http_list(fields))


def graph_iri(name: str) -> str:
    return f"urn:kg-test:{name}"


def numbered_triples(count: int, prefix: str = "s") -> bytes:
    """`count` N-Triples lines with a French literal each (distinct subjects)."""
    lines = (
        f'<urn:kg-test:{prefix}{index}> <urn:kg-test:label> "entité n° {index}"@fr .\n'
        for index in range(count)
    )
    return "".join(lines).encode("utf-8")


def parsed(reply: Reply, rdf_format: str) -> Graph:
    assert reply.status == 200, reply.text
    return Graph().parse(data=reply.text, format=rdf_format)


@pytest.fixture(scope="module")
def client(virtuoso: VirtuosoServer) -> Client:
    return Client(virtuoso)


@pytest.fixture(scope="module")
def small_limits(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    """A second server: a 100-row cap, a 2 s execution limit and no cost-estimate refusal."""
    reason = virtuoso_missing()
    if reason is not None:
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("virtuoso-small")
    with running_virtuoso(
        folder, max_rows=100, max_seconds=2, max_estimate_seconds=10**8
    ) as server:
        yield Client(server)


# --- queries and media types -------------------------------------------------------------


def test_select_answers_json_when_asked_with_typed_literal_for_datatypes(client: Client) -> None:
    client.update(f'INSERT DATA {{ GRAPH <{graph_iri("select")}> {{ <urn:a> <urn:p> 7, "x" }} }}')
    reply = client.query(
        f"SELECT ?o WHERE {{ GRAPH <{graph_iri('select')}> {{ <urn:a> <urn:p> ?o }} }} ORDER BY ?o"
    )
    assert reply.status == 200
    assert reply.media_type == JSON_RESULTS
    objects = [row["o"] for row in reply.json()["results"]["bindings"]]
    # SPARQL 1.0's "typed-literal" (not 1.1's "literal" + datatype) for datatyped values.
    assert {"type": "typed-literal", "datatype": XSD + "integer", "value": "7"} in objects
    assert {"type": "literal", "value": "x"} in objects


@pytest.mark.parametrize("accept", [None, "*/*"])
def test_select_without_a_json_accept_answers_sparql_xml(
    client: Client, accept: str | None
) -> None:
    reply = client.query("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1", accept=accept)
    assert reply.status == 200
    assert reply.media_type == XML_RESULTS
    assert reply.text.lstrip().startswith("<sparql")


def test_ask_answers_json_boolean_or_bare_html_text(client: Client) -> None:
    asked = client.query("ASK { ?s ?p ?o }")
    assert (asked.media_type, asked.json()["boolean"]) == (JSON_RESULTS, True)
    bare = client.query("ASK { ?s ?p ?o }", accept=None)
    assert (bare.media_type, bare.text) == ("text/html", "true")


def test_construct_answers_n_triples_turtle_and_turtle_by_default(client: Client) -> None:
    graph = graph_iri("construct")
    client.update(f'INSERT DATA {{ GRAPH <{graph}> {{ <urn:a> <urn:p> "un", "deux"@fr }} }}')
    construct = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    expected = {
        (URIRef("urn:a"), URIRef("urn:p"), Literal("un")),
        (URIRef("urn:a"), URIRef("urn:p"), Literal("deux", lang="fr")),
    }
    n_triples = client.query(construct, accept=N_TRIPLES)
    assert n_triples.media_type == N_TRIPLES
    assert set(parsed(n_triples, "nt")) == expected
    turtle = client.query(construct, accept=TURTLE)
    assert turtle.media_type == TURTLE
    assert set(parsed(turtle, "turtle")) == expected
    assert client.query(construct, accept=None).media_type == TURTLE


def test_construct_cannot_answer_n_quads_and_answers_a_results_table_for_json(
    client: Client,
) -> None:
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1"
    assert client.query(construct, accept="application/n-quads").status == 406
    as_json = client.query(construct, accept=JSON_RESULTS)
    assert as_json.media_type == JSON_RESULTS
    assert as_json.json()["head"]["vars"] == ["s", "p", "o"]


def test_default_graph_is_the_union_of_all_graphs_system_ones_included(client: Client) -> None:
    client.update(f"INSERT DATA {{ GRAPH <{graph_iri('union-1')}> {{ <urn:u1> <urn:p> 1 }} }}")
    client.update(f"INSERT DATA {{ GRAPH <{graph_iri('union-2')}> {{ <urn:u2> <urn:p> 2 }} }}")
    assert client.ask("ASK { <urn:u1> <urn:p> 1 . <urn:u2> <urn:p> 2 }")
    assert client.ask("ASK { ?format a <http://www.openlinksw.com/schemas/virtrdf#QuadMapFormat> }")
    # default-graph-uri narrows it as the protocol says.
    narrowed = client.query(
        "ASK { <urn:u2> <urn:p> 2 }", **{"default-graph-uri": graph_iri("union-1")}
    )
    assert narrowed.json()["boolean"] is False


def test_graph_exclude_defines_also_empty_every_graph_named_in_the_query(client: Client) -> None:
    """`define input:default-graph-exclude` / `input:named-graph-exclude <virtrdf#>` would
    take the system graphs out of the default graph and of `GRAPH ?g`, but a query with
    either then finds nothing in a `GRAPH <iri>` it names, and the named one leaves the
    default graph empty: kg filters `GRAPH ?g` in its own reads instead."""
    graph = graph_iri("exclude")
    client.update(
        f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:x1> <urn:p> 1 . <urn:x2> <urn:p> 2 }} }}"
    )
    named = f"SELECT ?s WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    assert len(client.rows(named)) == 2
    system = "<http://www.openlinksw.com/schemas/virtrdf#>"
    for kind in ("default", "named"):
        assert client.rows(f"define input:{kind}-graph-exclude {system} {named}") == [], kind
    every = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    counted = client.rows(f"define input:named-graph-exclude {system} {every}")
    assert counted[0]["n"]["value"] == "0"


def test_a_new_database_lists_exactly_the_system_graphs(tmp_path: Path) -> None:
    reason = virtuoso_missing()
    if reason is not None:
        pytest.skip(reason)
    with running_virtuoso(tmp_path / "fresh") as server:
        rows = Client(server).rows("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert {row["g"]["value"] for row in rows} == SYSTEM_GRAPHS


# --- updates and auth ----------------------------------------------------------------------


def test_update_on_the_anonymous_endpoint_is_a_500_security_error(client: Client) -> None:
    insert = f"INSERT DATA {{ GRAPH <{graph_iri('anonymous')}> {{ <urn:a> <urn:p> 1 }} }}"
    reply = client.update(insert, url=client.server.query_url, auth=False)
    assert reply.status == 500
    assert "SR186:SECURITY: No permission" in reply.text
    assert client.count(graph_iri("anonymous")) == 0


def test_auth_endpoint_challenges_with_digest_and_refuses_basic(client: Client) -> None:
    insert = f"INSERT DATA {{ GRAPH <{graph_iri('basic')}> {{ <urn:a> <urn:p> 1 }} }}"
    unauthenticated = client.update(insert, auth=False)
    assert unauthenticated.status == 401
    assert unauthenticated.headers["WWW-Authenticate"].startswith('Digest realm="SPARQL"')
    credentials = f"{client.server.user}:{client.server.password}".encode()
    headers = {
        "Content-Type": "application/sparql-update",
        "Authorization": "Basic " + base64.b64encode(credentials).decode(),
    }
    basic = client.request("POST", client.server.update_url, insert.encode(), headers)
    assert basic.status == 401
    assert "WWW-Authenticate" not in basic.headers
    assert client.count(graph_iri("basic")) == 0


def test_update_by_direct_post_with_digest_answers_a_status_row(client: Client) -> None:
    graph = graph_iri("direct")
    reply = client.update(f'INSERT DATA {{ GRAPH <{graph}> {{ <urn:a> <urn:p> "x" }} }}')
    assert reply.status == 200
    assert reply.media_type == JSON_RESULTS
    (row,) = reply.json()["results"]["bindings"]
    assert row["callret-0"]["value"] == f"Insert into <{graph}>, 1 (or less) triples -- done"
    assert client.count(graph) == 1


@pytest.mark.parametrize("field", ["update", "query"])
def test_update_by_form_post_with_digest_in_the_update_or_the_query_field(
    client: Client, field: str
) -> None:
    """Virtuoso does not tell an update from a query by the form field."""
    graph = graph_iri("form-" + field)
    update = f'INSERT DATA {{ GRAPH <{graph}> {{ <urn:a> <urn:p> "x" }} }}'
    reply = client.post_form(client.server.update_url, {field: update}, auth=True)
    assert reply.status == 200
    assert client.count(graph) == 1


def test_the_auth_endpoint_answers_queries_too(client: Client) -> None:
    fields = {"query": "ASK { ?s ?p ?o }"}
    reply = client.post_form(client.server.update_url, fields, JSON_RESULTS, auth=True)
    assert (reply.status, reply.json()["boolean"]) == (200, True)


def test_drop_silent_then_insert_in_one_request_replaces_a_graph(client: Client) -> None:
    graph = graph_iri("replace")
    for value in ("old", "new"):
        reply = client.update(
            f'DROP SILENT GRAPH <{graph}>; INSERT DATA {{ GRAPH <{graph}> {{ <urn:a> <urn:p> "{value}" }} }}'
        )
        assert reply.status == 200, reply.text
    assert client.rows(f"SELECT ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}") == [
        {"o": {"type": "literal", "value": "new"}}
    ]


@pytest.mark.parametrize(
    "failing",
    ["CREATE GRAPH <{graph}>", "DROP GRAPH <urn:kg-test:never-created>"],
    ids=["create-existing", "drop-missing"],
)
def test_a_request_is_not_one_transaction_a_failing_second_part_keeps_the_first(
    client: Client, failing: str
) -> None:
    graph = graph_iri("not-atomic-" + failing.split()[0].lower())
    reply = client.update(
        f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:a> <urn:p> 1 }} }}; " + failing.format(graph=graph)
    )
    assert reply.status == 500
    assert client.count(graph) == 1


def test_a_syntax_error_anywhere_rejects_the_whole_request_with_400(client: Client) -> None:
    graph = graph_iri("syntax")
    reply = client.update(
        f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:a> <urn:p> 1 }} }}; "
        f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:a> <urn:p> }} }}"
    )
    assert reply.status == 400
    assert "SP030" in reply.text
    assert client.count(graph) == 0


def test_drop_graph_fails_on_a_graph_never_created_drop_silent_and_clear_work(
    client: Client,
) -> None:
    graph = graph_iri("never-created-but-filled")
    client.update(f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:a> <urn:p> 1 }} }}")
    dropped = client.update(f"DROP GRAPH <{graph}>")
    assert dropped.status == 500
    assert "has not been explicitly created before" in dropped.text
    assert client.count(graph) == 1
    assert client.update(f"CLEAR GRAPH <{graph}>").status == 200
    assert client.count(graph) == 0
    client.update(f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:a> <urn:p> 1 }} }}")
    assert client.update(f"DROP SILENT GRAPH <{graph}>").status == 200
    assert client.count(graph) == 0


# --- blank nodes and literals ------------------------------------------------------------


def test_insert_data_refuses_blank_nodes(client: Client) -> None:
    reply = client.update(
        f'INSERT DATA {{ GRAPH <{graph_iri("bnode-data")}> {{ _:b <urn:p> "x" }} }}'
    )
    assert reply.status == 400
    assert "SP031" in reply.text and "Blank node '_:b' is not allowed" in reply.text


def test_blank_nodes_go_in_by_insert_where_and_stay_distinct_across_requests(
    client: Client,
) -> None:
    graph = graph_iri("bnode-where")
    first = (
        f'INSERT {{ GRAPH <{graph}> {{ _:b <urn:p> "one" . _:b <urn:q> "same node" }} }} WHERE {{}}'
    )
    assert client.update(first).status == 200
    second = f'INSERT {{ GRAPH <{graph}> {{ _:b <urn:p> "two" }} }} WHERE {{}}'
    assert client.update(second).status == 200
    rows = client.rows(f"SELECT ?s ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    subject_of = {row["o"]["value"]: row["s"] for row in rows}
    assert subject_of["one"] == subject_of["same node"] != subject_of["two"]
    assert subject_of["one"]["type"] == "bnode"
    # The label is Virtuoso's internal IRI of the node: a later request can name it.
    label = subject_of["two"]["value"]
    assert label.startswith("nodeID://")
    assert client.ask(f'ASK {{ GRAPH <{graph}> {{ <{label}> <urn:p> "two" }} }}')


def test_blank_nodes_in_a_graph_store_put_stay_blank_and_shared(client: Client) -> None:
    graph = graph_iri("bnode-gsp")
    data = b'_:x <urn:p> "one" .\n_:x <urn:q> "same node" .\n_:y <urn:p> "other" .\n'
    assert client.put_graph(graph, data).status == 201
    triples = parsed(client.get_graph(graph), "nt")
    subjects = {str(o): s for s, _, o in triples}
    assert isinstance(subjects["one"], BNode)
    assert subjects["one"] == subjects["same node"] != subjects["other"]


LONG_TEXT = ('Il a dit : "non".\nLigne 2\t\\ fin. ' * 3000) + "🙂"
LITERALS = {
    "language": ('"Paris"@fr', Literal("Paris", lang="fr")),
    "language-region-lowercased": ('"colour"@en-GB', Literal("colour", lang="en-gb")),
    "accents-emoji-cjk": ('"Québec, été, œuvre 😀 中"', Literal("Québec, été, œuvre 😀 中")),
    "quotes-newlines-backslash": (
        '"a \\"quoted\\"\\nline\\ttab\\\\back"',
        Literal('a "quoted"\nline\ttab\\back'),
    ),
    "long-100k": (json.dumps(LONG_TEXT, ensure_ascii=False), Literal(LONG_TEXT)),
    "empty": ('""', Literal("")),
    "xsd-string-kept": (f'"x"^^<{XSD}string>', Literal("x", datatype=URIRef(XSD + "string"))),
    "date": (f'"2024-06-19"^^<{XSD}date>', Literal("2024-06-19", datatype=URIRef(XSD + "date"))),
    "gYearMonth": (
        f'"2024-06"^^<{XSD}gYearMonth>',
        Literal("2024-06", datatype=URIRef(XSD + "gYearMonth")),
    ),
    "dateTime-offset": (
        f'"2024-06-19T10:00:00.123+02:00"^^<{XSD}dateTime>',
        Literal("2024-06-19T10:00:00.123+02:00", datatype=URIRef(XSD + "dateTime")),
    ),
    "decimal-0.85": (f'"0.85"^^<{XSD}decimal>', Literal("0.85", datatype=URIRef(XSD + "decimal"))),
    "custom-datatype": ('"abc"^^<urn:my-type>', Literal("abc", datatype=URIRef("urn:my-type"))),
    "iri-non-ascii": ("<http://example.org/Québec>", URIRef("http://example.org/Québec")),
}


def _term(binding: dict[str, str]) -> URIRef | Literal:
    if binding["type"] == "uri":
        return URIRef(binding["value"])
    datatype = binding.get("datatype")
    return Literal(
        binding["value"],
        lang=binding.get("xml:lang"),
        datatype=URIRef(datatype) if datatype else None,
    )


@pytest.mark.parametrize("name", LITERALS)
def test_terms_round_trip_through_insert_data_select_and_graph_store_get(
    client: Client, name: str
) -> None:
    written, expected = LITERALS[name]
    graph = graph_iri("term-" + name)
    assert (
        client.update(f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:s> <urn:p> {written} }} }}").status
        == 200
    )
    (row,) = client.rows(f"SELECT ?o WHERE {{ GRAPH <{graph}> {{ <urn:s> <urn:p> ?o }} }}")
    assert _term(row["o"]) == expected
    assert [o for _, _, o in parsed(client.get_graph(graph), "nt")] == [expected]


@pytest.mark.parametrize(
    ("written", "in_select", "in_n_triples"),
    [
        (f'"1.0"^^<{XSD}decimal>', "1", "1"),
        (f'"042"^^<{XSD}integer>', "42", "42"),
        (f'"1.5E0"^^<{XSD}double>', "1.5", "1.5"),
        (f'"true"^^<{XSD}boolean>', "1", "true"),
        (f'"false"^^<{XSD}boolean>', "0", "false"),
    ],
)
def test_numbers_and_booleans_come_back_in_virtuoso_s_own_lexical_form(
    client: Client, written: str, in_select: str, in_n_triples: str
) -> None:
    graph = graph_iri("lexical-" + written.split("^^")[0].strip('"') + written[-8:-1])
    client.update(f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:s> <urn:p> {written} }} }}")
    (row,) = client.rows(f"SELECT ?o WHERE {{ GRAPH <{graph}> {{ <urn:s> <urn:p> ?o }} }}")
    assert row["o"]["value"] == in_select
    assert f'"{in_n_triples}"^^' in client.get_graph(graph).text


def test_an_integer_beyond_64_bits_is_refused(client: Client) -> None:
    big = f'"12345678901234567890"^^<{XSD}integer>'
    reply = client.update(
        f"INSERT DATA {{ GRAPH <{graph_iri('big-int')}> {{ <urn:s> <urn:p> {big} }} }}"
    )
    assert reply.status == 400
    assert "SR341: Invalid integer value" in reply.text


# --- Graph Store HTTP Protocol ----------------------------------------------------------


def test_graph_store_put_creates_then_replaces_post_adds_delete_removes(client: Client) -> None:
    graph = graph_iri("gsp")
    assert client.put_graph(graph, b'<urn:a> <urn:p> "first" .\n').status == 201
    assert client.put_graph(graph, b'<urn:a> <urn:p> "replaced" .\n').status == 200
    turtle = '@prefix x: <urn:> .\nx:b x:p "ajouté"@fr .\n'.encode()
    assert client.post_graph(graph, turtle, TURTLE).status == 200
    expected = {
        (URIRef("urn:a"), URIRef("urn:p"), Literal("replaced")),
        (URIRef("urn:b"), URIRef("urn:p"), Literal("ajouté", lang="fr")),
    }
    assert set(parsed(client.get_graph(graph), "nt")) == expected
    as_turtle = client.get_graph(graph, accept=TURTLE)
    assert as_turtle.media_type == TURTLE
    assert set(parsed(as_turtle, "turtle")) == expected
    assert client.request("DELETE", client.graph_url(graph), auth=True).status == 200
    assert client.get_graph(graph).status == 404
    assert client.request("DELETE", client.graph_url(graph), auth=True).status == 404


def test_graph_store_get_defaults_to_turtle(client: Client) -> None:
    graph = graph_iri("gsp-default-type")
    client.put_graph(graph, b'<urn:a> <urn:p> "x" .\n')
    reply = client.request("GET", client.graph_url(graph, auth=False))
    assert reply.media_type == TURTLE


def test_graph_store_writes_without_auth_are_403(client: Client) -> None:
    headers = {"Content-Type": N_TRIPLES}
    url = client.graph_url(graph_iri("gsp-anonymous"), auth=False)
    reply = client.request("PUT", url, b'<urn:a> <urn:p> "x" .\n', headers)
    assert reply.status == 403
    assert "SQ110:SECURITY" in reply.text


@pytest.mark.parametrize(
    ("media_type", "data"),
    [
        ("application/n-quads", b'<urn:a> <urn:p> "q" <urn:kg-test:quad-graph> .\n'),
        ("application/trig", b'<urn:kg-test:trig-graph> { <urn:a> <urn:p> "t" }\n'),
    ],
)
def test_graph_store_takes_no_quad_formats(client: Client, media_type: str, data: bytes) -> None:
    reply = client.post_graph(graph_iri("gsp-quads"), data, media_type)
    assert reply.status == 500
    assert "unsupported type" in reply.text
    assert client.count(graph_iri("gsp-quads")) == 0


def test_graph_store_post_without_graph_uri_answers_an_html_form_and_writes_nothing(
    client: Client,
) -> None:
    before = client.rows("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    headers = {"Content-Type": N_TRIPLES}
    body = b'<urn:kg-test:nowhere> <urn:p> "x" .\n'
    reply = client.request("POST", client.server.graph_store_url, body, headers, auth=True)
    assert (reply.status, reply.media_type) == (200, "text/html")
    assert not client.ask("ASK { <urn:kg-test:nowhere> ?p ?o }")
    assert client.rows("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == before


def test_graph_store_has_no_default_graph(client: Client) -> None:
    headers = {"Content-Type": N_TRIPLES}
    url = client.server.graph_store_url + "?default"
    reply = client.request("POST", url, b'<urn:a> <urn:p> "x" .\n', headers, auth=True)
    assert reply.status == 500
    assert "not configured to have default graph" in reply.text


# --- limits ------------------------------------------------------------------------------


def test_row_cap_truncates_a_select_to_a_200_with_a_max_rows_header(small_limits: Client) -> None:
    graph = graph_iri("cap")
    assert small_limits.put_graph(graph, numbered_triples(150)).status == 201
    reply = small_limits.query(f"SELECT ?s WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    assert reply.status == 200
    assert reply.headers["X-SPARQL-MaxRows"] == "100"
    assert len(reply.json()["results"]["bindings"]) == 100
    # An explicit LIMIT under the cap gets no header; OFFSET pages past the cap.
    page = small_limits.query(
        f"SELECT ?s WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} ORDER BY ?s OFFSET 100 LIMIT 100"
    )
    assert page.headers["X-SPARQL-MaxRows"] is None
    assert len(page.json()["results"]["bindings"]) == 50


def test_row_cap_cuts_construct_and_graph_store_get_silently_to_cap_plus_one(
    small_limits: Client,
) -> None:
    graph = graph_iri("cap-construct")
    small_limits.put_graph(graph, numbered_triples(150))
    construct = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    reply = small_limits.query(construct, accept=N_TRIPLES)
    assert len(parsed(reply, "nt")) == 101
    assert reply.headers["X-SPARQL-MaxRows"] is None
    graph_store_get = small_limits.get_graph(graph)
    assert len(parsed(graph_store_get, "nt")) == 101
    assert graph_store_get.headers["X-SPARQL-MaxRows"] is None


def test_unordered_offset_pages_go_past_the_cap_and_cover_the_graph(small_limits: Client) -> None:
    graph = graph_iri("pages")
    small_limits.put_graph(graph, numbered_triples(150, prefix="page"))
    seen: list[str] = []
    for offset in (0, 50, 100, 150):
        page = small_limits.rows(
            f"SELECT ?s WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} OFFSET {offset} LIMIT 50"
        )
        seen += [row["s"]["value"] for row in page]
    assert len(seen) == len(set(seen)) == 150


def test_ordered_paging_stops_at_10000_sorted_rows(client: Client) -> None:
    graph = graph_iri("sorted-top")
    assert client.put_graph(graph, numbered_triples(10_050, prefix="sorted")).status == 201
    ordered = f"SELECT ?s WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} ORDER BY ?s"
    assert len(client.rows(ordered + " OFFSET 9950 LIMIT 50")) == 50
    beyond = client.query(ordered + " OFFSET 10000 LIMIT 50")
    assert beyond.status == 500
    assert "SR353: Sorted TOP clause specifies more then 10050 rows" in beyond.text


def test_n_triples_output_escapes_non_ascii(small_limits: Client) -> None:
    graph = graph_iri("escapes")
    small_limits.put_graph(graph, numbered_triples(1))
    assert "\\u00E9" in small_limits.get_graph(graph).text


CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_a_timeout_parameter_answers_200_with_incomplete_results_and_an_sql_state(
    small_limits: Client,
) -> None:
    reply = small_limits.query(CROSS_PRODUCT, timeout="1000")
    assert reply.status == 200
    assert reply.headers["X-SQL-State"] == "S1TAT"
    assert "incomplete results" in reply.headers["X-SQL-Message"]
    # Whatever was counted when time ran out: a wrong answer in a 200, not an empty one.
    assert len(reply.json()["results"]["bindings"]) <= 1


def test_the_ini_execution_limit_ends_a_query_with_a_500_sr171(small_limits: Client) -> None:
    reply = small_limits.query(CROSS_PRODUCT)
    assert (reply.status, reply.media_type) == (500, "text/plain")
    assert "SR171: Transaction timed out" in reply.text


def test_a_timeout_parameter_turns_the_ini_limit_into_incomplete_results(
    small_limits: Client,
) -> None:
    reply = small_limits.query(CROSS_PRODUCT, timeout="5000")
    assert (reply.status, reply.headers["X-SQL-State"]) == (200, "S1TAT")


def test_a_query_estimated_too_costly_is_refused_before_it_runs(client: Client) -> None:
    reply = client.query("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } LIMIT 5")
    assert reply.status == 500
    assert "exceeds the limit of 400 (sec)" in reply.text


# --- sizes and bulk loading --------------------------------------------------------------

BIG_DATA_CONST = "define sql:big-data-const 1 "  # Virtuoso pragma; the endpoint prepends `0`


def insert_data(graph: str, triples: bytes) -> str:
    return f"INSERT DATA {{ GRAPH <{graph}> {{ {triples.decode()} }} }}"


def blocks_of_4000(graph: str, blocks: int) -> str:
    """One update request: the pragma, then `blocks` INSERT DATA blocks of 4000 triples."""
    return BIG_DATA_CONST + " ;\n".join(
        insert_data(graph, numbered_triples(4000, prefix=f"block{index}-"))
        for index in range(blocks)
    )


def test_insert_data_takes_1426_triples_and_refuses_1427(client: Client) -> None:
    fits = client.update(insert_data(graph_iri("size-1426"), numbered_triples(1426)))
    assert fits.status == 200
    assert client.count(graph_iri("size-1426")) == 1426
    over = client.update(insert_data(graph_iri("size-1427"), numbered_triples(1427)))
    assert over.status == 400
    assert "SP031" in over.text and "generated SQL text has exceeded 10000 lines" in over.text
    assert client.count(graph_iri("size-1427")) == 0


@pytest.mark.parametrize("count", [5000, 10_000, 100_000])
def test_insert_data_of_5000_triples_or_more_exhausts_the_parser(
    client: Client, count: int
) -> None:
    graph = graph_iri(f"size-parser-{count}")
    reply = client.update(BIG_DATA_CONST + insert_data(graph, numbered_triples(count)))
    assert reply.status == 400
    assert "SP030" in reply.text and "memory exhausted" in reply.text
    assert client.count(graph) == 0


def test_the_big_data_const_pragma_lets_4000_triples_through(client: Client) -> None:
    graph = graph_iri("size-4000")
    reply = client.update(BIG_DATA_CONST + insert_data(graph, numbered_triples(4000)))
    assert reply.status == 200
    assert client.count(graph) == 4000


def test_one_request_carries_ten_blocks_of_4000_triples(client: Client) -> None:
    graph = graph_iri("size-10x4000")
    reply = client.update(blocks_of_4000(graph, 10))
    assert reply.status == 200, reply.text[:500]
    assert client.count(graph) == 40_000


def test_one_request_of_25_blocks_of_4000_triples_is_refused(client: Client) -> None:
    graph = graph_iri("size-25x4000")
    reply = client.update(blocks_of_4000(graph, 25))
    assert reply.status == 400
    assert "not translated to an accurate SQL text" in reply.text
    assert client.count(graph) == 0


@pytest.mark.parametrize("count", [10_000, 100_000])
def test_graph_store_put_takes_100000_triples_in_one_request(client: Client, count: int) -> None:
    graph = graph_iri(f"size-gsp-{count}")
    reply = client.put_graph(graph, numbered_triples(count))
    assert reply.status == 201, reply.text[:500]
    assert client.count(graph) == count


def test_bulk_loader_reads_n_quads_into_their_own_graphs(client: Client) -> None:
    folder = client.server.folder / "bulk-test"
    folder.mkdir()
    quads = [
        f'<urn:kg-test:bulk{index}> <urn:kg-test:label> "n° {index}" <{graph_iri(f"bulk-{index % 2}")}> .\n'
        for index in range(1000)
    ]
    triple_without_graph = '<urn:kg-test:bulk-lone> <urn:kg-test:label> "sans graphe" .\n'
    (folder / "part.nq").write_text("".join(quads) + triple_without_graph, encoding="utf-8")
    client.server.isql(
        f"ld_dir('{folder}', '*.nq', '{graph_iri('bulk-default')}'); rdf_loader_run();"
    )
    state = client.server.isql(
        f"select ll_state, ll_error from DB.DBA.LOAD_LIST where ll_file like '{folder}/%';"
    )
    assert state.split() == ["2", "NULL"]  # 2: loaded, no error
    assert client.count(graph_iri("bulk-0")) == client.count(graph_iri("bulk-1")) == 500
    assert client.count(graph_iri("bulk-default")) == 1


def test_delete_data_removes_literals_with_language_escapes_and_datatypes(client: Client) -> None:
    graph = graph_iri("delete-data")
    triples = (
        '<urn:s> <urn:p> "Élysée \\"dit\\"\\nnon 😀"@fr .\n'
        f'<urn:s> <urn:p> "0.85"^^<{XSD}decimal> .\n'
        '<urn:s> <urn:p> "reste" .\n'
    )
    client.update(insert_data(graph, triples.encode()))
    removed = "\n".join(triples.splitlines()[:2])
    assert client.update(f"DELETE DATA {{ GRAPH <{graph}> {{ {removed} }} }}").status == 200
    assert client.rows(f"SELECT ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}") == [
        {"o": {"type": "literal", "value": "reste"}}
    ]


def test_graph_store_accepts_a_charset_parameter_on_the_media_type(client: Client) -> None:
    graph = graph_iri("gsp-charset")
    data = '<urn:a> <urn:p> "été" .\n'.encode()
    reply = client.put_graph(graph, data, N_TRIPLES + "; charset=utf-8")
    assert reply.status == 201
    assert [str(o) for _, _, o in parsed(client.get_graph(graph), "nt")] == ["été"]
