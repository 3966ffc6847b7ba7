"""A store on a SPARQL server: SPARQL 1.1 Query, SPARQL 1.1 Update and the Graph Store HTTP
Protocol, over httpx.

Not rdflib's `SPARQLStore` / `SPARQLUpdateStore`: the update store sends
`default-graph-uri=urn:x-rdflib:default` (which hides the named graphs kg keeps everything
in) and cannot carry blank nodes, and the query store must be told to ask for JSON or
Virtuoso answers a SELECT in RDF/XML.

What differs between servers is data, one row per engine in `engines.csv`: the paths of
query, update and graph store, the graph parameter, the kind of authentication, the media
types to ask for, how the default graph becomes the union of the named graphs, whether a
request is one transaction, and the bulk path. `oxigraph+http://HOST:PORT` names the engine;
a plain `http://HOST:PORT` is recognised by the `Server` header of its answer (else the
generic `sparql` profile).

Answers are parsed by pyoxigraph's parsers as they stream in, so `max_rows` stops reading
after one more row than asked and a CONSTRUCT or a dump never sits whole in memory as text.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

import httpx
import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import (
    InputError,
    KGError,
    QueryError,
    RemoteIncomplete,
    RemoteRefused,
    RemoteStoreError,
    RemoteTimeout,
    StoreUnreachable,
    UnknownFormat,
)
from kg.query.checks import HIDING_TOKENS
from kg.store.base import QueryResult, Store
from kg.store.oxigraph import (
    from_ox,
    graph_quads,
    parse_files,
    replace_request,
    result_from_ox,
    to_ox,
)

__all__ = ["RemoteStore", "EngineProfile", "engine_profiles", "DEFAULT_TIMEOUT", "nquad_line"]

DEFAULT_TIMEOUT = 60.0
"""Seconds a request may wait for the server (`--store-timeout`, `$KG_STORE_TIMEOUT`)."""

_RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_RDF_FORMATS = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_HIDDEN = re.compile(HIDING_TOKENS, re.DOTALL)
_ENGINE = re.compile(r"^([a-z][a-z0-9-]*)\+(https?://.*)$", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class EngineProfile:
    """How to talk to one kind of SPARQL server (a row of `engines.csv`)."""

    name: str
    server: str
    """Start of the `Server` header that recognises the engine behind a plain URL."""
    query_path: str
    update_path: str
    update_form: str
    """Form field that carries an update (Virtuoso: `query`); empty: a direct POST of
    `application/sparql-update`."""
    gsp_path: str
    gsp_read_path: str
    graph_param: str
    dataset_path: str
    """Where a GET of the whole dataset in N-Quads works; empty: read graph by graph."""
    bulk_path: str
    """Where a POST of N-Quads loads fastest (`kg push`); empty: the graph store, graph by graph."""
    auth: str
    """none, basic, digest or bearer: what the credentials are sent as."""
    select_types: str
    results_reader: str
    """`stream`: pyoxigraph's parser, reading the answer as it comes (stops at `max_rows`);
    `json`: Python's json on the whole answer, which takes any blank node label (Virtuoso
    labels them `nodeID://b10`, which pyoxigraph's parser refuses)."""
    graph_types: str
    default_graph: str
    """`param`: ask for the union per request (`union_param`); `union`: the engine's
    default graph is the union of its graphs (Virtuoso; a generic server configured so)."""
    union_param: str
    transactional: bool
    hidden_graphs: tuple[str, ...]
    """Prefixes of the engine's own graphs, which kg neither lists, counts nor drops."""
    page_size: int
    """Rows or triples per request when reading a whole graph or the list of graphs (the
    engine's row cap; lowered to what the server says its cap is); 0: read in one request."""
    cap_header: str
    """Header by which the engine says it cut a SELECT answer at its row cap (its value)."""
    partial_header: str
    """`header=value` by which the engine says its answer is incomplete (a time limit)."""
    read_fixes: tuple[str, ...]
    """Literal forms to undo on read (`LITERAL_FIXES`): the engine stores some values in
    its own lexical form."""
    summary: str


@cache
def engine_profiles() -> dict[str, EngineProfile]:
    """The engine profiles of `kg/store/engines.csv`, by name."""
    text = resources.files("kg.store").joinpath("engines.csv").read_text(encoding="utf-8")
    out = {}
    names = {f.name for f in fields(EngineProfile)}
    for row in csv.DictReader(io.StringIO(text)):
        values: dict[str, object] = {k: v for k, v in row.items() if k in names}
        values["transactional"] = row["transactional"].strip().lower() == "true"
        values["hidden_graphs"] = tuple(row["hidden_graphs"].split())
        values["page_size"] = int(row["page_size"] or 0)
        values["read_fixes"] = tuple(row["read_fixes"].split())
        out[row["name"]] = EngineProfile(**values)  # type: ignore[arg-type]
    return out


@dataclass(frozen=True)
class _Location:
    engine: str | None
    base: str
    """scheme://host:port/path, without credentials or a trailing slash."""
    user: str | None
    password: str | None

    @classmethod
    def parse(cls, location: str) -> _Location:
        engine = None
        match = _ENGINE.match(location)
        if match:
            engine, location = match.group(1).lower(), match.group(2)
        parts = urlsplit(location)
        if not parts.hostname:
            raise InputError(f"{_Location.redact(location)}: not a server URL (no host)")
        netloc = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
        if parts.port is not None:
            netloc += f":{parts.port}"
        base = urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))
        user = unquote(parts.username) if parts.username else None
        password = unquote(parts.password) if parts.password else None
        return cls(engine, base, user, password)

    @staticmethod
    def redact(location: str) -> str:
        return re.sub(r"//[^/@]*@", "//", location)


def _credentials(location: _Location, kind: str) -> tuple[httpx.Auth | None, dict[str, str]]:
    """The auth of the requests: a token (`KG_STORE_TOKEN`) as a bearer header; a user and
    password (the URL's, else `KG_STORE_USER` / `KG_STORE_PASSWORD`) as the engine's kind
    (basic where the engine has none of its own)."""
    token = os.environ.get("KG_STORE_TOKEN")
    if token:
        return None, {"Authorization": f"Bearer {token}"}
    user = location.user or os.environ.get("KG_STORE_USER")
    password = location.password or os.environ.get("KG_STORE_PASSWORD") or ""
    if not user:
        return None, {}
    auth = _USER_AUTH.get(kind, httpx.BasicAuth)
    return auth(user, password), {}


_USER_AUTH: dict[str, Callable[[str, str], httpx.Auth]] = {
    "basic": httpx.BasicAuth,
    "digest": httpx.DigestAuth,
}


def query_form(sparql: str) -> str:
    """`select`, `ask` or `graph` (CONSTRUCT, DESCRIBE): the first query keyword outside
    strings, IRIs and comments (a sub-SELECT comes after its CONSTRUCT)."""
    match = _FORM.search(_HIDDEN.sub(" ", sparql))
    keyword = match.group(1).upper() if match else "SELECT"
    return {"SELECT": "select", "ASK": "ask"}.get(keyword, "graph")


def nquad_line(s: Node, p: Node, o: Node, g: Node) -> str:
    """One N-Quads line (an rdflib quad), as the wire formats and SPARQL DATA blocks take it."""
    return f"{to_ox(s)} {to_ox(p)} {to_ox(o)} {to_ox(g)} .\n"


class _Stream(io.RawIOBase):
    """A streaming httpx body as a binary file, for pyoxigraph's parsers to read lazily."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._rest = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # noqa: ANN001 - a writable buffer
        while not self._rest:
            try:
                self._rest = next(self._chunks)
            except StopIteration:
                return 0
        size = min(len(buffer), len(self._rest))
        buffer[:size] = self._rest[:size]
        self._rest = self._rest[size:]
        return size


class RemoteStore(Store):
    """A SPARQL 1.1 server as a store. `location` is `[ENGINE+]http(s)://[USER:PASSWORD@]HOST[:PORT][/PATH]`.

    Writes are one request where the engine runs a request as one transaction (Oxigraph:
    `transaction_aware`); elsewhere they go graph by graph (a graph store PUT each).
    `read_only=True` refuses writes; `create` changes nothing (a server is there or not).
    `timeout` is how long a request may wait for the server (default `$KG_STORE_TIMEOUT`
    or 60 s). `transport` is for tests (an `httpx.MockTransport`).
    """

    remote = True

    def __init__(
        self,
        location: str,
        create: bool = False,
        read_only: bool = False,
        timeout: float | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.path = None
        self._location = _Location.parse(location)
        self.location = self._location.base
        """The server's URL, without credentials: safe to print."""
        self.read_only = read_only
        if timeout is None:
            timeout = _env_timeout()
        self.timeout = timeout
        profiles = engine_profiles()
        engine = self._location.engine
        if engine is not None and engine not in profiles:
            raise UnknownFormat(
                f"{self.location}: unknown SPARQL engine {engine!r} (known: {', '.join(profiles)})"
            )
        self._client = httpx.Client(
            timeout=timeout or None, transport=transport, follow_redirects=True
        )
        self._closed = False
        try:
            self.profile = profiles[engine] if engine else self._recognise(profiles)
        except KGError:
            self._client.close()
            raise
        self.transaction_aware = self.profile.transactional
        self._row_cap = self.profile.page_size or 0
        """Rows (or triples) one answer may carry here: the profile's page, lowered to the
        cap the server says it has."""
        self._primed = False
        self._client.auth, headers = _credentials(self._location, self.profile.auth)  # type: ignore[assignment]
        self._client.headers.update(headers)

    def _recognise(self, profiles: Mapping[str, EngineProfile]) -> EngineProfile:
        """The profile whose `server` starts the `Server` header of the server's answer to
        a GET of its base URL (that request also tells at once that nobody answers)."""
        response = self._send("GET", "", what="connect", check=False)
        header = response.headers.get("server", "")
        for profile in profiles.values():
            if profile.server and header.lower().startswith(profile.server.lower()):
                return profile
        return profiles["sparql"]

    def __repr__(self) -> str:
        return f"RemoteStore({self.location!r}, engine={self.profile.name!r})"

    # -- HTTP ------------------------------------------------------------------------------
    def _url(self, path: str) -> str:
        return self.location + path

    def _send(
        self,
        method: str,
        path: str,
        *,
        what: str,
        check: bool = True,
        timeout: float | None = None,
        **kwargs: object,
    ) -> httpx.Response:
        """One request, read whole; its failure as a one-line kg error."""
        request = self._client.build_request(
            method, self._url(path), timeout=self._timeout(timeout), **kwargs
        )
        try:
            response = self._client.send(request)
        except httpx.HTTPError as exc:
            raise self._transport_error(exc, what, timeout) from None
        if check:
            self._check(response, what)
        return response

    def _stream(
        self, method: str, path: str, *, what: str, timeout: float | None = None, **kwargs: object
    ) -> httpx.Response:
        """A request whose answer is read as it comes (close it); errors as `_send`'s."""
        request = self._client.build_request(
            method, self._url(path), timeout=self._timeout(timeout), **kwargs
        )
        try:
            response = self._client.send(request, stream=True)
        except httpx.HTTPError as exc:
            raise self._transport_error(exc, what, timeout) from None
        if response.status_code >= 400:
            try:
                response.read()
            except httpx.HTTPError as exc:
                raise self._transport_error(exc, what, timeout) from None
            finally:
                response.close()
            self._check(response, what)
        return response

    def _timeout(self, timeout: float | None) -> httpx.Timeout | None:
        seconds = timeout if timeout else self.timeout
        return httpx.Timeout(seconds) if seconds else httpx.Timeout(None)

    def _transport_error(self, exc: httpx.HTTPError, what: str, timeout: float | None) -> KGError:
        reason = _one_line(str(exc)) or type(exc).__name__
        if isinstance(exc, httpx.TimeoutException) and not isinstance(exc, httpx.ConnectTimeout):
            seconds = timeout or self.timeout
            return RemoteTimeout(
                f"{self.location}: no answer to the {what} within {seconds:g} s "
                "(--store-timeout, $KG_STORE_TIMEOUT)"
            )
        return StoreUnreachable(
            f"{self.location}: no SPARQL server answers ({reason}); is it running, and is "
            "the URL right?"
        )

    def _check(self, response: httpx.Response, what: str) -> None:
        """A kg error for an HTTP error status, with the engine's own message."""
        status = response.status_code
        if status < 400:
            return
        message = _one_line(response.text)[:300] or response.reason_phrase
        if status in (401, 403):
            given = self._client.auth is not None or "authorization" in self._client.headers
            give = "give the right credentials" if given else "give credentials"
            raise RemoteRefused(
                f"{self.location}: the server refused the {what} ({status} "
                f"{response.reason_phrase}): {message}; {give} in the URL or "
                "$KG_STORE_USER / $KG_STORE_PASSWORD (or $KG_STORE_TOKEN)"
            )
        if status == 400 and what in ("query", "update"):
            raise QueryError(f"invalid SPARQL{' update' if what == 'update' else ''}: {message}")
        raise RemoteStoreError(
            f"{self.location}: the {what} failed ({status} {response.reason_phrase}): {message}"
        )

    def _writable(self) -> None:
        if self._closed:
            raise InputError(f"{self.location}: the store is closed; open it again to write")
        if self.read_only:
            raise InputError(f"{self.location}: the store was opened read-only; cannot write to it")

    def _graph_params(self, graph: str) -> dict[str, str]:
        return {self.profile.graph_param: graph}

    # -- queries ---------------------------------------------------------------------------
    def query(
        self, sparql: str, max_rows: int | None = None, timeout: float | None = None
    ) -> QueryResult:
        """As `Store.query`; `timeout` (seconds) bounds this request (default: the store's).

        An answer the server cut is never passed off as whole: a SELECT the engine's row cap
        cut (`cap_header`) is `truncated` when `max_rows` asked for no more rows than the
        cap, else `RemoteIncomplete`; so is a CONSTRUCT of exactly cap + 1 triples on an
        engine that cuts those silently (Virtuoso), and any answer the engine marks partial.
        """
        result, cap = self._run_query(sparql, max_rows, timeout)
        if cap is not None:
            if result.kind == "select" and max_rows is not None and max_rows <= cap:
                result.rows, result.truncated = result.rows[:max_rows], True
                return result
            raise RemoteIncomplete(
                f"{self.location}: the server cut the answer at its row cap of {cap} rows "
                "(Virtuoso's ResultSetMaxRows); add a LIMIT (or page with OFFSET) or raise "
                "the server's cap"
            )
        if (
            result.kind == "graph"
            and self.profile.page_size
            and not result.truncated
            and len(result) == self._row_cap + 1
        ):
            raise RemoteIncomplete(
                f"{self.location}: the answer has {len(result)} triples, the server's row "
                f"cap + 1, where it cuts a CONSTRUCT without saying so; add a LIMIT of at "
                f"most {self._row_cap} (and page with OFFSET) or raise the server's cap"
            )
        return result

    def _run_query(
        self, sparql: str, max_rows: int | None, timeout: float | None = None
    ) -> tuple[QueryResult, int | None]:
        """The answer, its literals in their written form (`read_fixes`), and the row cap
        the server says cut it (None: whole, as far as the server says)."""
        form = query_form(sparql)
        accept = self.profile.graph_types if form == "graph" else self.profile.select_types
        params = {}
        if self.profile.default_graph == "param":
            params[self.profile.union_param] = "true"
        response = self._stream(
            "POST",
            self.profile.query_path,
            what="query",
            timeout=timeout,
            params=params,
            data={"query": sparql},
            headers={"Accept": accept},
        )
        try:
            self._check_whole(response)
            cap = _int_header(response, self.profile.cap_header)
            if cap is not None:
                self._row_cap = min(self._row_cap, cap)
            result = self._parse_answer(response, max_rows)
        finally:
            response.close()
        return self._fixed(result), cap

    def _check_whole(self, response: httpx.Response) -> None:
        """`RemoteIncomplete` for a 200 the engine marks as a partial answer."""
        header, _, value = self.profile.partial_header.partition("=")
        if header and response.headers.get(header, "").strip().upper() == value.upper():
            message = _one_line(response.headers.get("x-sql-message", ""))[:200]
            raise RemoteIncomplete(
                f"{self.location}: the server stopped the query early and answered part of "
                f"it ({header}: {value}{'; ' + message if message else ''})"
            )

    def _prefix_tests(self, variable: str) -> list[str]:
        return [f'STRSTARTS(STR(?{variable}), "{p}")' for p in self.profile.hidden_graphs]

    def _fixed(self, result: QueryResult) -> QueryResult:
        fixes = [LITERAL_FIXES[name] for name in self.profile.read_fixes]
        if not fixes:
            return result
        if result.kind == "select":
            result.rows = [
                {k: None if v is None else _fix(v, fixes) for k, v in row.items()}
                for row in result.rows
            ]
        elif result.graph is not None:
            graph = Graph()
            for triple in result.graph:
                graph.add(tuple(_fix(t, fixes) for t in triple))  # type: ignore[arg-type]
            result.graph = graph
        return result

    def _parse_answer(self, response: httpx.Response, max_rows: int | None) -> QueryResult:
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        body = _Stream(response.iter_bytes())
        try:
            if media in _JSON_RESULTS and self.profile.results_reader == "json":
                return json_results(response.read(), max_rows)
            if media in _RESULT_FORMATS:
                parsed: object = ox.parse_query_results(body, _RESULT_FORMATS[media])
            elif media in _RDF_FORMATS:
                parsed = ox.parse(body, _RDF_FORMATS[media])
            else:
                raise RemoteStoreError(
                    f"{self.location}: the query's answer is {media or 'untyped'}, which kg "
                    "does not read (asked for SPARQL results JSON or N-Triples)"
                )
            return result_from_ox(parsed, max_rows)
        except (SyntaxError, ValueError, KeyError, TypeError) as exc:
            raise RemoteStoreError(
                f"{self.location}: the server's answer does not parse ({_one_line(exc)})"
            ) from None
        except httpx.HTTPError as exc:
            raise self._transport_error(exc, "query", None) from None

    def update(self, sparql: str) -> None:
        self._writable()
        self._update(sparql)

    def _update(self, sparql: str) -> None:
        if self.profile.update_form:
            request: dict[str, object] = {"data": {self.profile.update_form: sparql}}
        else:
            request = {
                "content": sparql.encode("utf-8"),
                "headers": {"Content-Type": "application/sparql-update; charset=utf-8"},
            }
        self._send("POST", self.profile.update_path, what="update", **request)  # type: ignore[arg-type]

    # -- writes ----------------------------------------------------------------------------
    def replace_graph(self, graph: URIRef, triples: Graph) -> None:
        self.replace_graphs({graph: triples})

    def replace_graphs(self, graphs: Mapping[URIRef, Graph], clear: bool = False) -> None:
        self._writable()
        quads = graph_quads(graphs)
        replaced = {ox.NamedNode(str(name)) for name in graphs}
        if clear:
            replaced |= {ox.NamedNode(str(g)) for g in self.graphs()}
        self._write(quads, replaced)

    def load_files(
        self, paths: Sequence[Path], format: str | None = None, graph: URIRef | None = None
    ) -> list[URIRef]:
        self._writable()
        quads, graphs = parse_files(paths, format, graph)
        self._write(quads, graphs)
        return sorted(URIRef(g.value) for g in graphs)

    def _write(self, quads: list[ox.Quad], replaced: set[ox.NamedNode]) -> None:
        """Make each graph of `replaced` hold exactly its quads of `quads`. On a
        transactional engine: one update request (`DROP SILENT GRAPH …; INSERT DATA {…}`),
        which it runs as one transaction, and in which a blank node label is one node
        across graphs. Elsewhere: `_put_graphs`."""
        if self.profile.transactional:
            self._update(replace_request(quads, sorted(replaced, key=str)))
            return
        by_graph: dict[str, list[str]] = {}
        for q in quads:
            by_graph.setdefault(q.graph_name.value, []).append(
                f"{q.subject} {q.predicate} {q.object} .\n"
            )
        self._put_graphs(by_graph, [g.value for g in replaced])

    def _put_graphs(self, by_graph: Mapping[str, list[str]], replaced: Iterable[str]) -> None:
        """One graph store PUT per graph of `by_graph` (N-Triples lines; a graph's blank
        nodes stay one node each, which SPARQL Update's `INSERT DATA` cannot carry on
        Virtuoso), then DROP requests for the graphs of `replaced` left empty. In that
        order: a reader sees each graph old or new, never emptied before it is refilled,
        and a write stopped half way leaves graphs replaced or untouched (a second run
        finishes it)."""
        if by_graph:
            self._prime_auth()
        for name, lines in by_graph.items():
            self._put_graph(name, "".join(lines).encode("utf-8"))
        empty = sorted(set(replaced) - set(by_graph))
        for first in range(0, len(empty), _DROPS_PER_REQUEST):
            batch = empty[first : first + _DROPS_PER_REQUEST]
            self._update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in batch))

    def _prime_auth(self) -> None:
        """Take the digest challenge with a small request before a large body (else the
        body goes twice: first unauthenticated, answered 401, then again)."""
        if self._primed or self.profile.auth != "digest" or self._client.auth is None:
            return
        self._send(
            "POST",
            self.profile.update_path,
            what="login for writing",
            data={"query": "ASK WHERE { }"},
        )
        self._primed = True

    def _put_graph(self, graph: str, ntriples: bytes) -> None:
        # N-Triples is Turtle: every graph store takes text/turtle
        response = self._send(
            "PUT",
            self.profile.gsp_path,
            what=f"write of graph <{graph}>",
            params=self._graph_params(graph),
            content=ntriples,
            headers={"Content-Type": "text/turtle; charset=utf-8"},
        )
        if response.status_code not in (200, 201, 204):  # a 202 or a 3xx wrote nothing yet
            raise RemoteStoreError(
                f"{self.location}: the write of graph <{graph}> answered "
                f"{response.status_code} {response.reason_phrase}, not a graph store status"
            )

    def remove_graph(self, graph: URIRef) -> None:
        self._writable()
        self._update(f"DROP SILENT GRAPH {to_ox(graph)}")

    def push(
        self,
        quads: Iterable[tuple[Node, Node, Node, URIRef]],
        graphs: Sequence[URIRef],
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Copy `quads` (of the named graphs `graphs`) here in bulk, replacing those graphs:
        one DROP request, then one N-Quads POST of them all to the engine's bulk path; or,
        where it has none, `_put_graphs` (a PUT per graph, then a DROP of the graphs left
        empty). Not one transaction. `progress` is called with the number of quads sent so
        far. Returns that number."""
        self._writable()
        sent = 0

        def counted() -> Iterator[tuple[Node, Node, Node, URIRef]]:
            nonlocal sent
            for quad in quads:
                sent += 1
                if progress is not None and sent % 10_000 == 0:
                    progress(sent)
                yield quad

        bulk = self.profile.bulk_path or self.profile.dataset_path
        if bulk:
            if graphs:
                self._update(" ;\n".join(f"DROP SILENT GRAPH {to_ox(g)}" for g in graphs))
            body = (nquad_line(*q).encode("utf-8") for q in counted())
            path, _, query = bulk.partition("?")
            self._send(
                "POST",
                path,
                what="bulk load",
                params=dict.fromkeys(query.split("&"), "") if query else None,
                content=_chunks(body),
                headers={"Content-Type": "application/n-quads"},
                timeout=max(self.timeout, 600.0) if self.timeout else None,
            )
        else:
            by_graph: dict[str, list[str]] = {}
            for s, p, o, g in counted():
                by_graph.setdefault(str(g), []).append(f"{to_ox(s)} {to_ox(p)} {to_ox(o)} .\n")
            self._put_graphs(by_graph, [str(g) for g in graphs])
        if progress is not None:
            progress(sent)
        return sent

    # -- reads -----------------------------------------------------------------------------
    def _visible(self, variable: str) -> str:
        """A FILTER that leaves out the engine's own graphs (none for most engines). Only
        kg's own reads (`graphs`, `quads`, `len`) carry it: Virtuoso's default graph, which
        queries read, keeps its system graphs (its `define input:default-graph-exclude`
        would drop them, but also empties every `GRAPH <iri>` of the query)."""
        if not self.profile.hidden_graphs:
            return ""
        return f"FILTER (!({' || '.join(self._prefix_tests(variable))}))"

    def graphs(self) -> list[URIRef]:
        if self.profile.page_size:
            return sorted(self._graph_sizes())
        result = self.query(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._visible('g')} }}"
        )
        return sorted(URIRef(str(row["g"])) for row in result.rows if row["g"] is not None)

    def _graph_sizes(self) -> dict[URIRef, int]:
        """Each graph and its number of triples, in pages under the row cap: by graph name
        (`FILTER (STR(?g) > last)`, sorted), which stays within the rows Virtuoso agrees
        to sort (10000) however many graphs there are."""
        sizes: dict[URIRef, int] = {}
        last = ""
        while True:
            page = self._row_cap
            result, cap = self._run_query(
                "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                f"FILTER (STR(?g) > {ox.Literal(last)}) {self._visible('g')} }} "
                f"GROUP BY ?g ORDER BY STR(?g) LIMIT {page}",
                None,
            )
            if cap is not None and cap < page:
                continue  # `_run_query` lowered the row cap: ask again for fewer
            for row in result.rows:
                sizes[URIRef(str(row["g"]))] = int(str(row["n"]))
            if len(result.rows) < page:
                return sizes
            last = str(result.rows[-1]["g"])

    def quads(self) -> Iterator[tuple[Node, Node, Node, URIRef]]:
        """The dataset in one N-Quads GET where the engine offers it; else graph by graph,
        in pages under the row cap where the engine has one."""
        if self.profile.dataset_path:
            yield from self._read_rdf(self.profile.dataset_path, {}, "application/n-quads", None)
            return
        if self.profile.page_size:
            for graph, size in sorted(self._graph_sizes().items()):
                yield from self._read_pages(graph, size)
            return
        for graph in self.graphs():
            yield from self._read_rdf(
                self.profile.gsp_read_path,
                self._graph_params(str(graph)),
                self.profile.graph_types,
                graph,
            )

    def _read_pages(self, graph: URIRef, size: int) -> Iterator[tuple[Node, Node, Node, URIRef]]:
        """The `size` triples of `graph` by CONSTRUCT pages `OFFSET k LIMIT n`, without ORDER
        BY (Virtuoso sorts at most 10000 rows; unsorted pages of one graph are disjoint and
        cover it). Virtuoso cuts a CONSTRUCT past its cap to cap + 1 triples without saying
        so: a short page before `size` triples tells the cap, and the next pages are that
        long. `RemoteIncomplete` when the pages do not add up to `size` (the graph changed
        while it was read, or the server cut them)."""
        read = 0
        while read < size:
            page = self._row_cap
            answer = self._query_rdf(
                f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {to_ox(graph)} {{ ?s ?p ?o }} }} "
                f"OFFSET {read} LIMIT {page}"
            )
            got = 0
            for s, p, o in answer:
                got += 1
                yield s, p, o, graph
            if got == 0:
                break
            read += got
            if got < page and read < size:
                self._row_cap = max(1, got - 1)
        if read != size:
            raise RemoteIncomplete(
                f"{self.location}: graph <{graph}> read as {read} triples of the {size} it "
                "holds (it changed while it was read, or the server cut the pages)"
            )

    def _query_rdf(self, sparql: str) -> Iterator[tuple[Node, Node, Node]]:
        """The triples of a CONSTRUCT, as they stream in, their literals fixed."""
        fixes = [LITERAL_FIXES[name] for name in self.profile.read_fixes]
        response = self._stream(
            "POST",
            self.profile.query_path,
            what="read of the store",
            data={"query": sparql},
            headers={"Accept": self.profile.graph_types},
        )
        try:
            self._check_whole(response)
            for s, p, o, _ in self._parsed_quads(response, self.profile.query_path):
                yield s, p, _fix(o, fixes)
        finally:
            response.close()

    def _read_rdf(
        self, path: str, params: dict[str, str], accept: str, graph: URIRef | None
    ) -> Iterator[tuple[Node, Node, Node, URIRef]]:
        response = self._stream(
            "GET", path, what="read of the store", params=params, headers={"Accept": accept}
        )
        try:
            for s, p, o, name in self._parsed_quads(response, path):
                if graph is not None:
                    yield s, p, o, graph
                elif name is not None and not self._is_hidden(name):
                    yield (
                        s,
                        p,
                        o,
                        name,
                    )  # quads of the default graph, which kg's queries do not see, are left out
        finally:
            response.close()

    def _parsed_quads(
        self, response: httpx.Response, path: str
    ) -> Iterator[tuple[Node, Node, Node, URIRef | None]]:
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        fmt = _RDF_FORMATS.get(media)
        if fmt is None:
            raise RemoteStoreError(
                f"{self.location}{path}: the answer is {media or 'untyped'}, not RDF kg reads"
            )
        try:
            for q in ox.parse(_Stream(response.iter_bytes()), fmt):
                name = (
                    URIRef(q.graph_name.value) if isinstance(q.graph_name, ox.NamedNode) else None
                )
                yield from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), name
        except SyntaxError as exc:
            raise RemoteStoreError(
                f"{self.location}: the server's answer does not parse ({_one_line(exc)})"
            ) from None
        except httpx.HTTPError as exc:
            raise self._transport_error(exc, "read of the store", None) from None

    def _is_hidden(self, graph: URIRef) -> bool:
        return any(str(graph).startswith(p) for p in self.profile.hidden_graphs)

    def __len__(self) -> int:
        result = self.query(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._visible('g')} }}"
        )
        value = result.rows[0]["n"] if result.rows else None
        return int(value.toPython()) if value is not None else 0  # type: ignore[attr-defined]

    def close(self) -> None:
        """Close the connections (nothing to flush: the server holds the state)."""
        self._closed = True
        self._client.close()


_JSON_RESULTS = ("application/sparql-results+json", "application/json")
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def json_results(data: bytes, max_rows: int | None) -> QueryResult:
    """SPARQL 1.1 Query Results JSON (also SPARQL 1.0's `typed-literal`) as a QueryResult
    with rdflib terms, as `result_from_ox` makes them (xsd:string literals come back plain)."""
    answer = json.loads(data)
    if "boolean" in answer:
        return QueryResult(kind="ask", boolean=bool(answer["boolean"]))
    names = list(answer.get("head", {}).get("vars", []))
    bindings = answer.get("results", {}).get("bindings", [])
    truncated = max_rows is not None and len(bindings) > max_rows
    rows = [
        {name: _json_term(b[name]) if name in b else None for name in names}
        for b in (bindings[:max_rows] if truncated else bindings)
    ]
    return QueryResult(kind="select", vars=names, rows=rows, truncated=truncated)


def _json_term(value: dict[str, str]) -> Node:
    kind = value["type"]
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":  # Virtuoso's `nodeID://b10` is `_:b10` in its N-Triples
        return BNode(value["value"].removeprefix("nodeID://"))
    datatype = value.get("datatype")
    if value.get("xml:lang"):
        return Literal(value["value"], lang=value["xml:lang"])
    if datatype and datatype != _XSD_STRING:
        return Literal(value["value"], datatype=URIRef(datatype))
    return Literal(value["value"])


_XSD = "http://www.w3.org/2001/XMLSchema#"
_DROPS_PER_REQUEST = 100
"""Graphs dropped per update request (Virtuoso compiles a request to SQL text of at most
10000 lines)."""


def _boolean_words(term: Literal) -> Literal:
    """Virtuoso's SELECT JSON gives booleans as `1` / `0` (its N-Triples as `true` / `false`)."""
    word = {"1": "true", "0": "false"}.get(str(term))
    return Literal(word, datatype=term.datatype) if word else term


LITERAL_FIXES: dict[str, tuple[str, Callable[[Literal], Literal]]] = {
    "boolean-words": (_XSD + "boolean", _boolean_words),
}
"""The `read_fixes` an engine profile may name: the datatype each applies to, and how."""


def _fix(term: Node, fixes: Sequence[tuple[str, Callable[[Literal], Literal]]]) -> Node:
    if isinstance(term, Literal) and term.datatype is not None:
        for datatype, fix in fixes:
            if str(term.datatype) == datatype:
                return fix(term)
    return term


def _int_header(response: httpx.Response, name: str) -> int | None:
    value = response.headers.get(name, "").strip() if name else ""
    return int(value) if value.isdigit() else None


def _chunks(lines: Iterable[bytes], size: int = 1 << 20) -> Iterator[bytes]:
    """Lines joined into chunks of about `size` bytes, for a streamed request body."""
    buffer: list[bytes] = []
    length = 0
    for line in lines:
        buffer.append(line)
        length += len(line)
        if length >= size:
            yield b"".join(buffer)
            buffer, length = [], 0
    if buffer:
        yield b"".join(buffer)


def _env_timeout() -> float:
    value = os.environ.get("KG_STORE_TIMEOUT")
    if not value:
        return DEFAULT_TIMEOUT
    try:
        return float(value)
    except ValueError:
        raise InputError(f"$KG_STORE_TIMEOUT={value!r}: not a number of seconds") from None


def _one_line(text: object) -> str:
    return " ".join(str(text).split())
