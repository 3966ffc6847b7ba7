"""User-facing errors: one hierarchy, each with a code and a one-line message.

The CLI prints `error[E###]: message` and exits non-zero; nothing here raises a traceback
at a user.
"""

from __future__ import annotations

__all__ = [
    "KGError",
    "StoreNotFound",
    "StoreLocked",
    "ParseError",
    "EncodingError",
    "QueryError",
    "QueryTimeout",
    "ServiceRefused",
    "UnknownQuery",
    "UnknownFormat",
    "InputError",
    "UnknownLanguage",
    "BadUsage",
    "ValidationFailed",
    "ModelMissing",
    "RemoteStoreError",
    "StoreUnreachable",
    "RemoteRefused",
    "RemoteTimeout",
    "RemoteIncomplete",
    "DependencyMissing",
    "ClusterError",
    "unknown_value",
]


class KGError(Exception):
    """Base of every error kg reports to a user."""

    code = "E000"
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"error[{self.code}]: {self.message}"


class StoreNotFound(KGError):
    code = "E001"


class StoreLocked(KGError):
    code = "E002"


class ParseError(KGError):
    """A data file could not be parsed; the message names the file and line."""

    code = "E010"


class EncodingError(KGError):
    code = "E011"


class QueryError(KGError):
    code = "E020"


class UnknownQuery(KGError):
    code = "E021"


class QueryTimeout(QueryError):
    """A query ran longer than its time limit and was stopped (`kg query --timeout`)."""

    code = "E022"


class ServiceRefused(QueryError):
    """A query uses SERVICE (federated query), which would make network requests."""

    code = "E023"


class UnknownFormat(KGError):
    code = "E030"


class InputError(KGError):
    code = "E040"


class UnknownLanguage(InputError):
    """A language code no module of `kg.nlp.lang` defines, or a parse made with none."""

    code = "E041"


class BadUsage(InputError):
    """The command line itself is wrong (unknown option, missing or invalid value): exit 2,
    as click and most Unix tools do, so scripts can tell it from a failed run."""

    code = "E042"
    exit_code = 2


class ValidationFailed(KGError):
    code = "E050"
    exit_code = 2


class ModelMissing(KGError):
    code = "E060"


class RemoteStoreError(KGError):
    """A remote store (`--store http://…`) answered a request with an HTTP error; the
    message gives the status and the engine's own one-line message."""

    code = "E070"


class StoreUnreachable(RemoteStoreError):
    """No server answers at the remote store's URL (refused, unknown host, not HTTP)."""

    code = "E071"


class RemoteRefused(RemoteStoreError):
    """The remote store refused the credentials (HTTP 401 or 403)."""

    code = "E072"


class RemoteTimeout(RemoteStoreError):
    """A request to the remote store got no answer within its time limit (`--store-timeout`)."""

    code = "E073"


class RemoteIncomplete(RemoteStoreError):
    """The remote store answered with part of the answer only: its row cap cut it (Virtuoso's
    `ResultSetMaxRows`, header `X-SPARQL-MaxRows`) or its own time limit ended the query
    (`X-SQL-State: S1TAT`), or a graph read page by page did not add up to its count."""

    code = "E074"


class DependencyMissing(KGError):
    """An optional dependency a requested feature needs is not installed (the message says
    which extra installs it)."""

    code = "E080"


class ClusterError(KGError):
    """A compute cluster (a Dask scheduler) cannot be reached or cannot do the work: a bad
    address, a worker without kg or with another event model, a spool folder it cannot share."""

    code = "E081"


def unknown_value(what: str, value: object, known: list[str]) -> ValueError:
    """The ValueError for an argument outside its accepted values (a Python API misuse, not a
    KGError): it names the value, suggests the closest known one and lists them all."""
    import difflib

    close = difflib.get_close_matches(str(value), known, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return ValueError(f"unknown {what} {value!r}{hint} (known: {', '.join(known)})")
