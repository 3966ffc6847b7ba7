"""The web app of `kg serve` (Starlette) and the server that runs it (uvicorn).

Routes: `/sparql` (SPARQL 1.1 Protocol: queries, and updates with the token), `/store`
(Graph Store Protocol: reads open, writes with the token), `/` (the network viewer of
`kg.viz`, made again when the store changes), `/query` (an offline query page with the
named queries as examples). Each request that touches the store runs in a thread of a
bounded pool and, with a time limit, in a child process (`kg.serve.access`); its answer is
complete before the status line is sent. One access-log line per request goes to the
`kg.serve.access` logger.
"""

from __future__ import annotations

import hmac
import logging
import os
import socket
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from importlib import resources
from pathlib import Path
from typing import TypeVar

import anyio
import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kg.errors import InputError, KGError, QueryError, QueryTimeout, StoreLocked, StoreNotFound
from kg.query.runner import list_queries, substitute_params
from kg.serve.access import StoreAccess
from kg.serve.execute import Answer, graph_update, graph_write, read_graph, run_query, run_update
from kg.serve.protocol import (
    GraphTarget,
    Operation,
    Problem,
    check_query,
    check_update,
    media_type,
    parse_operation,
    parse_params,
    parse_target,
)
from kg.store.oxigraph import OxigraphStore
from kg.viz import json_for_script, to_html  # imported before any fork, never during one

__all__ = [
    "ServeConfig",
    "create_app",
    "Server",
    "ACCESS_LOG",
    "DEFAULT_TIMEOUT",
    "DEFAULT_MAX_ROWS",
]

_T = TypeVar("_T")

DEFAULT_TIMEOUT: float = 30
"""Seconds a request may spend in the store (`kg serve --timeout`)."""
DEFAULT_MAX_ROWS = 100_000
"""Rows, triples or quads an answer may hold (`kg serve --max-rows`)."""
MAX_BODY = 64 * 1024 * 1024
"""Bytes a request body may hold (a query, an update, a graph sent to `/store`)."""

ACCESS_LOG = logging.getLogger("kg.serve.access")
_LOG = logging.getLogger("kg.serve")
_ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]


@dataclass(frozen=True)
class ServeConfig:
    """What `kg serve` serves and how: the store, the bounds of a request, who may write."""

    store: Path
    backend: str = "oxigraph"
    timeout: float = DEFAULT_TIMEOUT
    """Seconds a request may spend in the store; 0: no limit (and no child processes)."""
    max_rows: int = DEFAULT_MAX_ROWS
    """Rows (or triples, quads) an answer may hold, else 413; 0: no cap."""
    allow_update: bool = False
    token: str | None = None
    """The bearer token updates and graph-store writes must carry (with `allow_update`)."""
    cors: tuple[str, ...] = ()
    """Origins whose pages may call the endpoint from a browser (`*`: any)."""
    workers: int = field(default_factory=lambda: max(4, 2 * (os.cpu_count() or 1)))
    """Requests that work on the store at once; the others wait for a place."""


class _Endpoint:
    """The request handlers, around one `StoreAccess`."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self.access = StoreAccess(config.store, config.backend, config.timeout)
        self.max_rows = config.max_rows or None
        self.limiter = anyio.CapacityLimiter(config.workers)
        self.page = _query_page()
        self._viewer: tuple[object, bytes] | None = None

    async def _offload(self, work: Callable[[], _T]) -> _T:
        """Run blocking work (a bounded read or write) in the pool, without the event loop."""
        return await anyio.to_thread.run_sync(work, limiter=self.limiter)

    # -- /sparql -------------------------------------------------------------------------
    async def sparql(self, request: Request) -> Response:
        body = await _body(request)
        url_params = parse_params(request.scope.get("query_string", b""))
        op = parse_operation(request.method, url_params, request.headers.get("content-type"), body)
        if op.kind == "update":
            self._authorize(request)
            check_update(op)
            await self._offload(partial(self.access.write, run_update, op.text))
            return Response(status_code=204)
        check_query(op)
        answer = await self._offload(
            partial(
                self.access.read,
                partial(self._query, op, request.headers.get("accept"), _base(request)),
            )
        )
        return Response(answer.body, media_type=answer.media_type, headers={"Vary": "Accept"})

    def _query(
        self, op: Operation, accept: str | None, base: str | None, store: OxigraphStore
    ) -> Answer:
        return store.read_native(lambda native: run_query(native, op, accept, self.max_rows, base))

    def _authorize(self, request: Request) -> None:
        """Let a write through only with `--allow-update` and the bearer token: 403 on a
        read-only endpoint or for a wrong token, 401 when no token is sent."""
        if not self.config.allow_update or not self.config.token:
            raise Problem(
                403,
                "this endpoint is read-only: writes need `kg serve --allow-update --token TOKEN`",
            )
        challenge = 'Bearer realm="kg"'
        scheme, _, sent = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not sent.strip():
            raise Problem(
                401,
                "writes need the endpoint's token: send the header Authorization: Bearer TOKEN",
                {"WWW-Authenticate": challenge},
            )
        if not hmac.compare_digest(sent.strip().encode(), self.config.token.encode()):
            raise Problem(
                403, "wrong token", {"WWW-Authenticate": challenge + ', error="invalid_token"'}
            )

    # -- /store --------------------------------------------------------------------------
    async def graph_store(self, request: Request) -> Response:
        params = parse_params(request.scope.get("query_string", b""))
        target = parse_target(params)
        if request.method in ("GET", "HEAD"):
            accept = request.headers.get("accept")
            answer = await self._offload(
                partial(self.access.read, partial(self._read_graph, target, accept))
            )
            return Response(answer.body, media_type=answer.media_type, headers={"Vary": "Accept"})
        if request.method not in ("PUT", "POST", "DELETE"):
            raise Problem(
                405,
                f"{request.method} is not a Graph Store Protocol method",
                {"Allow": "GET, HEAD, PUT, POST, DELETE"},
            )
        self._authorize(request)
        if target.kind != "graph":
            raise Problem(
                400,
                "writes name a graph: /store?graph=IRI (the default graph is the union of the "
                "named graphs, and the dataset is written graph by graph)",
            )
        assert target.iri is not None
        triples = (
            _triples(await _body(request), request.headers.get("content-type"), target.iri)
            if request.method != "DELETE"
            else []
        )
        text = graph_update(request.method, target.iri, triples)
        existed = await self._offload(
            partial(self.access.write, graph_write, request.method, target.iri, text)
        )
        created = request.method != "DELETE" and not existed and bool(triples)
        return Response(status_code=201 if created else 204)

    def _read_graph(self, target: GraphTarget, accept: str | None, store: OxigraphStore) -> Answer:
        return store.read_native(lambda native: read_graph(native, target, accept, self.max_rows))

    # -- pages ---------------------------------------------------------------------------
    async def viewer(self, request: Request) -> Response:
        _only_get(request)
        page = await self._offload(self._viewer_page)
        return Response(page, media_type="text/html; charset=utf-8")

    def _viewer_page(self) -> bytes:
        """The viewer of the store as it is now; made again only when the store changed."""
        self.access.refresh()
        stamp = self.access.stamp
        if self._viewer is not None and self._viewer[0] == stamp:
            return self._viewer[1]
        page = self.access.read(lambda store: to_html(store, title="kg: network viewer")).encode()
        self._viewer = (stamp, page)
        return page

    async def query_page(self, request: Request) -> Response:
        _only_get(request)
        return Response(self.page, media_type="text/html; charset=utf-8")


def _only_get(request: Request) -> None:
    if request.method not in ("GET", "HEAD"):
        raise Problem(405, f"{request.method}: this page is only read", {"Allow": "GET, HEAD"})


def _base(request: Request) -> str | None:
    """The endpoint's URL, the base IRI of relative IRIs in a query (None if the Host
    header makes it no IRI)."""
    url = str(request.url.replace(query="", fragment=""))
    try:
        ox.NamedNode(url)
    except ValueError:
        return None
    return url


async def _body(request: Request) -> bytes:
    """The request body, refused (413) past `MAX_BODY` bytes before it is all read."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_BODY:
        raise Problem(413, f"the request body is larger than {MAX_BODY} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise Problem(413, f"the request body is larger than {MAX_BODY} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _triples(body: bytes, content_type: str | None, graph: str) -> list[ox.Triple]:
    """The triples of a graph sent to `/store`, parsed as its Content-Type says."""
    kind, charset = media_type(content_type)
    fmt = ox.RdfFormat.from_media_type(kind) if kind else None
    if fmt is None:
        raise Problem(
            415,
            f"{'Content-Type ' + kind if kind else 'no Content-Type'}: send a graph as "
            "text/turtle, application/n-triples, application/ld+json or application/rdf+xml",
        )
    if charset not in (None, "utf-8", "utf8"):
        raise Problem(415, f"charset={charset}: only UTF-8 is accepted")
    try:
        quads = list(ox.parse(body, format=fmt, base_iri=graph))
    except (SyntaxError, ValueError) as exc:
        raise Problem(400, f"the body is not {kind}: {' '.join(str(exc).split())}") from None
    if any(not isinstance(q.graph_name, ox.DefaultGraph) for q in quads):
        raise Problem(400, "the body names graphs: send the triples of one graph")
    return [q.triple for q in quads]


# -- errors, logging, the app ------------------------------------------------------------
def _problem_of(exc: KGError) -> Problem:
    """The HTTP answer to a kg error met while serving a request."""
    if isinstance(exc, QueryTimeout):
        return Problem(504, exc.message)
    if isinstance(exc, StoreLocked):
        return Problem(
            503,
            "the store is being written by another process (kg load, kg ingest?): retry soon",
            {"Retry-After": "2"},
        )
    if isinstance(exc, StoreNotFound):
        return Problem(503, exc.message)
    if isinstance(exc, QueryError) and exc.message.startswith("invalid SPARQL"):
        return Problem(400, exc.message)
    return Problem(500, exc.message)


def _answering(
    handler: Callable[[Request], Awaitable[Response]],
) -> Callable[[Request], Awaitable[Response]]:
    """`handler` with every failure answered as a status and one line of text."""

    async def endpoint(request: Request) -> Response:
        try:
            return await handler(request)
        except Problem as problem:
            return _error(problem)
        except KGError as exc:
            return _error(_problem_of(exc))
        except Exception:
            _LOG.exception("kg serve: %s %s failed", request.method, request.url.path)
            return _error(Problem(500, "internal error of kg serve (its log has the details)"))

    return endpoint


def _error(problem: Problem) -> Response:
    return PlainTextResponse(
        problem.message + "\n", status_code=problem.status, headers=problem.headers
    )


class _AccessLog:
    """ASGI middleware: one line per request, in the Common Log Format plus the time taken,
    written as the last byte of the answer is sent (or when the request fails)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status, size, logged = 500, 0, False

        def log() -> None:
            nonlocal logged
            if not logged:
                logged = True
                ACCESS_LOG.info(_log_line(scope, status, size, time.perf_counter() - started))

        async def sending(message: Message) -> None:
            nonlocal status, size
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                if scope["method"] != "HEAD":
                    size += len(message.get("body", b""))
                if not message.get("more_body", False):
                    log()
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            log()


def _log_line(scope: Scope, status: int, size: int, seconds: float) -> str:
    client = scope.get("client")
    host = client[0] if client else "-"
    target = scope.get("raw_path", scope["path"].encode()).decode("latin-1")
    query = scope.get("query_string", b"").decode("latin-1")
    if query:
        target += "?" + query
    if len(target) > 200:
        target = target[:199] + "…"
    when = datetime.now(UTC).strftime("%d/%b/%Y:%H:%M:%S %z")
    request = f"{scope['method']} {target} HTTP/{scope.get('http_version', '1.1')}"
    return f'{host} - - [{when}] "{request}" {status} {size} {seconds * 1000:.1f}ms'


def _query_page() -> bytes:
    """The query page, with the named queries (their parameters at their defaults)."""
    examples = [
        {"name": q.name, "description": q.description, "text": substitute_params(q.text, q.params)}
        for q in list_queries()
    ]
    page = resources.files("kg.serve").joinpath("templates", "query.html").read_text("utf-8")
    return page.replace("/*@EXAMPLES@*/", json_for_script(examples)).encode("utf-8")


def create_app(config: ServeConfig) -> Starlette:
    """The app serving `config.store`; `StoreNotFound` when there is no store there."""
    endpoint = _Endpoint(config)
    routes = [
        Route("/sparql", _answering(endpoint.sparql), methods=_ALL_METHODS),
        Route("/store", _answering(endpoint.graph_store), methods=_ALL_METHODS),
        Route("/", _answering(endpoint.viewer), methods=_ALL_METHODS),
        Route("/query", _answering(endpoint.query_page), methods=_ALL_METHODS),
    ]
    middleware = [Middleware(_AccessLog)]
    if config.cors:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(config.cors),
                allow_methods=["GET", "HEAD", "POST", "PUT", "DELETE"],
                allow_headers=["Accept", "Authorization", "Content-Type"],
                expose_headers=["Content-Type"],
            )
        )
    return Starlette(routes=routes, middleware=middleware)


def _listen(host: str, port: int) -> socket.socket:
    """A listening socket on `host:port` (port 0: a free one), or a one-line InputError."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except socket.gaierror as exc:
        raise InputError(f"--host {host}: {exc.strerror}") from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise InputError(
            f"cannot listen on {host} port {port}: {exc.strerror or exc}"
            + (" (another kg serve?)" if exc.errno == 98 else "")
        ) from None
    return sock


class Server:
    """`kg serve` bound to its address: `run()` serves until Ctrl-C or `stop()`.

    The store is opened and the socket bound here, so errors come before anything is
    served, and a request sent once this returns waits in the socket's queue.
    """

    def __init__(self, config: ServeConfig, host: str = "127.0.0.1", port: int = 7878) -> None:
        import uvicorn

        self.config = config
        app = create_app(config)
        self.socket = _listen(host, port)
        bound_host, self.port = self.socket.getsockname()[:2]
        shown = f"[{bound_host}]" if ":" in bound_host else bound_host
        self.url = f"http://{shown}:{self.port}/"
        self._server = uvicorn.Server(
            uvicorn.Config(
                app,
                log_level="warning",
                access_log=False,
                lifespan="off",
                ws="none",
                server_header=False,
                # Ctrl-C lets the requests under way end (in --timeout at most)
                timeout_graceful_shutdown=config.timeout + 2 if config.timeout else None,
            )
        )

    @property
    def started(self) -> bool:
        return self._server.started

    def run(self) -> None:
        """Serve until stopped; in the main thread Ctrl-C (SIGINT) or SIGTERM stop it: no
        new connection is taken, the requests under way are answered, then it returns (a
        second Ctrl-C does not wait for them)."""
        self._server.run(sockets=[self.socket])

    def stop(self) -> None:
        """Ask `run()` to end (from another thread): it finishes the requests under way."""
        self._server.should_exit = True
