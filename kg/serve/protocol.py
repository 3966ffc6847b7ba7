"""The SPARQL 1.1 Protocol's requests and answers: what a request asks, in which media type.

Plain functions of the request's parts (method, URL parameters, Content-Type, body), so the
rules of the protocol are tested without a server: a query comes by GET (`?query=`), by a
form POST (`query=` in an `application/x-www-form-urlencoded` body) or by a direct POST (an
`application/sparql-query` body); an update only by POST, as a form (`update=`) or directly
(`application/sparql-update`). Every text is UTF-8. Anything else is refused with the status
the protocol gives it and a one-line message (`Problem`).

>>> parse_operation("GET", [("query", "ASK {}")], None, b"").kind
'query'
>>> negotiate("text/csv, */*;q=0.1", RESULT_TYPES)[0]
'text/csv'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import parse_qsl

import pyoxigraph as ox

from kg.query.checks import update_keyword, uses_keyword, uses_service

__all__ = [
    "Problem",
    "Operation",
    "GraphTarget",
    "RESULT_TYPES",
    "GRAPH_TYPES",
    "DATASET_TYPES",
    "parse_operation",
    "parse_params",
    "parse_target",
    "media_type",
    "negotiate",
    "check_query",
    "check_update",
]

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"

_RF = ox.QueryResultsFormat
_GF = ox.RdfFormat
# (media type sent, format), the server's preference first; aliases after the main types
RESULT_TYPES: tuple[tuple[str, _RF], ...] = (
    ("application/sparql-results+json", _RF.JSON),
    ("application/sparql-results+xml", _RF.XML),
    ("text/csv", _RF.CSV),
    ("text/tab-separated-values", _RF.TSV),
    ("application/json", _RF.JSON),
    ("application/xml", _RF.XML),
    ("text/xml", _RF.XML),
)
"""Media types of SELECT and ASK results."""
GRAPH_TYPES: tuple[tuple[str, _GF], ...] = (
    ("text/turtle", _GF.TURTLE),
    ("application/n-triples", _GF.N_TRIPLES),
    ("application/ld+json", _GF.JSON_LD),
    ("application/rdf+xml", _GF.RDF_XML),
    ("application/x-turtle", _GF.TURTLE),
    ("text/n3", _GF.TURTLE),  # Turtle is N3
    ("text/plain", _GF.N_TRIPLES),  # N-Triples' old media type
)
"""Media types of a graph: CONSTRUCT and DESCRIBE results, a graph of the graph store."""
DATASET_TYPES: tuple[tuple[str, _GF], ...] = (
    ("application/trig", _GF.TRIG),
    ("application/n-quads", _GF.N_QUADS),
)
"""Media types of the whole dataset (`GET /store` without a graph)."""


class Problem(Exception):
    """A request answered with an error status: the status, a one-line message for the
    body, and headers to add (`Allow`, `WWW-Authenticate`, `Retry-After`)."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(status, message, headers)  # what pickling passes back to __init__
        self.status = status
        self.message = message
        self.headers = headers or {}

    def __str__(self) -> str:
        return f"{self.status} {self.message}"


@dataclass(frozen=True)
class Operation:
    """What a request to `/sparql` asks: a query or an update, and its dataset parameters
    (`default-graph-uri` / `named-graph-uri` for a query, `using-graph-uri` /
    `using-named-graph-uri` for an update)."""

    kind: str  # "query" | "update"
    text: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    @property
    def has_dataset(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


@dataclass(frozen=True)
class GraphTarget:
    """What a request to `/store` names: a graph (`?graph=IRI`), the default graph
    (`?default`), or, with neither, the whole dataset."""

    kind: str  # "graph" | "default" | "dataset"
    iri: str | None = None


def parse_params(raw: bytes | str, what: str = "the URL") -> list[tuple[str, str]]:
    """`name=value&...` pairs, percent-decoded as UTF-8; `Problem(400)` when they are not."""
    text = raw.decode("latin-1") if isinstance(raw, bytes) else raw
    try:
        return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise Problem(400, f"the parameters of {what} are not UTF-8 once percent-decoded") from None


def media_type(content_type: str | None) -> tuple[str, str | None]:
    """The media type of a Content-Type header (lower case, "" when there is none) and its
    charset parameter (None when there is none)."""
    if not content_type:
        return "", None
    kind, *params = content_type.split(";")
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return kind.strip().lower(), charset


def _utf8(body: bytes, what: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Problem(400, f"{what} is not UTF-8 (byte {exc.start})") from None


def _check_charset(kind: str, charset: str | None) -> None:
    if charset not in (None, "utf-8", "utf8"):
        raise Problem(415, f"{kind}; charset={charset}: only UTF-8 is accepted")


def _one(params: Sequence[tuple[str, str]], name: str) -> str | None:
    values = [v for k, v in params if k == name]
    if len(values) > 1:
        raise Problem(400, f"{len(values)} {name} parameters: send one {name} per request")
    return values[0] if values else None


def _iris(params: Sequence[tuple[str, str]], name: str) -> tuple[str, ...]:
    out = []
    for key, value in params:
        if key == name:
            try:
                ox.NamedNode(value)
            except ValueError as exc:
                raise Problem(400, f"{name} {value!r} is not an IRI ({exc})") from None
            out.append(value)
    return tuple(out)


def parse_operation(
    method: str, url_params: Sequence[tuple[str, str]], content_type: str | None, body: bytes
) -> Operation:
    """The query or update a request to `/sparql` carries, by the rules of the protocol.

    `Problem` with 405 for a method other than GET and POST, 415 for a POST whose media type
    is missing, another one, or not UTF-8, 400 for the rest: no or several queries (or
    updates), both at once, an update by GET, text or parameters that are not UTF-8.
    """
    if method not in ("GET", "HEAD", "POST"):
        raise Problem(
            405,
            f"{method} is not a SPARQL Protocol method: send queries by GET or POST, "
            "updates by POST",
            {"Allow": "GET, HEAD, POST"},
        )
    params = list(url_params)
    text: str | None
    if method in ("GET", "HEAD"):
        if _one(params, "update") is not None:
            raise Problem(
                400,
                "an update must be sent by POST (update=... in a form, or an "
                f"{UPDATE} body), never by GET",
            )
        kind, text = "query", _one(params, "query")
        if text is None:
            raise Problem(
                400,
                "no query: GET /sparql?query=... (the query page is at /query)",
            )
    else:
        kind_type, charset = media_type(content_type)
        if kind_type == FORM:
            _check_charset(kind_type, charset)
            params += parse_params(body, "the form")
            query, update = _one(params, "query"), _one(params, "update")
            if query is not None and update is not None:
                raise Problem(400, "both query= and update= in one request: send one of them")
            if query is None and update is None:
                raise Problem(400, "the form has no query= and no update= parameter")
            kind, text = ("query", query) if query is not None else ("update", update)
        elif kind_type in (QUERY, UPDATE):
            _check_charset(kind_type, charset)
            kind = "query" if kind_type == QUERY else "update"
            for name in ("query", "update"):
                if _one(params, name) is not None:
                    raise Problem(
                        400, f"a {kind_type} body and a {name}= URL parameter: send one text"
                    )
            text = _utf8(body, f"the {kind} text")
        else:
            shown = f"Content-Type {kind_type}" if kind_type else "no Content-Type"
            raise Problem(
                415,
                f"a POST to /sparql with {shown}: send {FORM} (query= or update=), "
                f"{QUERY} or {UPDATE}",
            )
    assert text is not None
    if kind == "query":
        dataset = (_iris(params, "default-graph-uri"), _iris(params, "named-graph-uri"))
    else:
        dataset = (_iris(params, "using-graph-uri"), _iris(params, "using-named-graph-uri"))
    return Operation(kind, text, *dataset)


def parse_target(params: Sequence[tuple[str, str]]) -> GraphTarget:
    """The graph a request to `/store` names (Graph Store Protocol, indirect
    identification): `?graph=IRI`, `?default`, or the whole dataset."""
    iri = _one(params, "graph")
    default = any(k == "default" for k, _ in params)
    if iri is not None and default:
        raise Problem(400, "both ?graph= and ?default: name one graph")
    if iri is not None:
        _iris([("graph", iri)], "graph")
        return GraphTarget("graph", iri)
    return GraphTarget("default" if default else "dataset")


def _accepted(accept: str) -> list[tuple[str, float]]:
    """The media ranges of an Accept header with their quality (malformed ones skipped)."""
    out = []
    for part in accept.split(","):
        kind, *params = part.split(";")
        kind = kind.strip().lower()
        if "/" not in kind:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = -1.0
        if 0 <= quality <= 1:
            out.append((kind, quality))
    return out


def _quality(offer: str, ranges: list[tuple[str, float]]) -> float:
    """The quality the most specific matching range gives `offer` (0 when none matches)."""
    main = offer.split("/")[0]
    best, specific = 0.0, -1
    for kind, quality in ranges:
        rank = 2 if kind == offer else 1 if kind == f"{main}/*" else 0 if kind == "*/*" else -1
        if rank > specific:
            best, specific = quality, rank
    return best


def negotiate(accept: str | None, offers: Sequence[tuple[str, object]]) -> tuple[str, object]:
    """The offer (media type, format) that the Accept header prefers; the first offer when
    there is no header; `Problem(406)` naming the offers when it accepts none."""
    if not accept or not accept.strip():
        return offers[0][0], offers[0][1]
    ranges = _accepted(accept)
    best: tuple[str, object] | None = None
    best_quality = 0.0
    for kind, fmt in offers:
        quality = _quality(kind, ranges)
        if quality > best_quality:
            best, best_quality = (kind, fmt), quality
    if best is None:
        names = ", ".join(kind for kind, _ in offers)
        raise Problem(406, f"cannot answer in any type of Accept: {accept}; available: {names}")
    return best


def check_query(op: Operation) -> None:
    """Refuse a query this endpoint does not run: an update sent as a query, SERVICE."""
    keyword = update_keyword(op.text)
    if keyword is not None:
        raise Problem(
            400,
            f"this is a SPARQL Update ({keyword}), sent as a query: POST it as update=... "
            f"or as an {UPDATE} body",
        )
    if uses_service(op.text):
        raise Problem(400, _NETWORK.format(what="SERVICE (federated query)"))


def check_update(op: Operation) -> None:
    """Refuse an update this endpoint does not run: SERVICE or LOAD (network requests), and
    the `using-graph-uri` / `using-named-graph-uri` parameters (pyoxigraph has no dataset
    argument for updates: USING in the update text does the same)."""
    if op.has_dataset:
        conflict = " (and the update has USING or WITH as well)" if _has_dataset(op) else ""
        raise Problem(
            400,
            "using-graph-uri and using-named-graph-uri are not supported by this endpoint"
            f"{conflict}: write USING <graph> or WITH <graph> in the update",
        )
    for keyword, what in (("SERVICE", "SERVICE (federated query)"), ("LOAD", "LOAD")):
        if uses_keyword(op.text, keyword):
            raise Problem(400, _NETWORK.format(what=what))


def _has_dataset(op: Operation) -> bool:
    return uses_keyword(op.text, "USING") or uses_keyword(op.text, "WITH")


_NETWORK = "{what} is refused by this endpoint: it would make network requests from this machine"
