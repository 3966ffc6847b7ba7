"""Stores: one small interface (`Store`), backends registered once (`kg.store.registry`).

>>> from kg.store import open_store
>>> store = open_store(None, backend="memory")   # or a folder, or "oxigraph+http://host:7878"
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.store.base import QueryResult, Store, file_graph, guess_format, read_utf8
from kg.store.registry import backends, display_location, is_url, resolve_backend

__all__ = [
    "Store",
    "QueryResult",
    "open_store",
    "BACKENDS",
    "file_graph",
    "guess_format",
    "read_utf8",
    "is_url",
    "display_location",
]

BACKENDS = tuple(b.name for b in backends())
"""The names of the registered backends (`kg.store.registry.register` adds more)."""


def open_store(
    location: str | os.PathLike[str] | None,
    backend: str | None = None,
    create: bool = False,
    read_only: bool = False,
    timeout: float | None = None,
) -> Store:
    """Open the store at `location`: a folder, an `http(s)://` URL of a SPARQL server
    (optionally `ENGINE+http://…`: `oxigraph+`, `virtuoso+`, `sparql+`), or None for a
    fresh in-memory store of `backend`. `backend` defaults to `remote` for a URL and to
    `oxigraph` otherwise. `timeout` is the remote store's limit per request (seconds;
    default `$KG_STORE_TIMEOUT` or 60); embedded stores have none.

    Raises `StoreNotFound` when the folder holds no store and `create` is False, and
    `StoreUnreachable` when no server answers at the URL.
    """
    found = resolve_backend(location, backend)
    cls = found.store_class()
    if found.remote:
        return cls(str(location), create=create, read_only=read_only, timeout=timeout)  # type: ignore[call-arg]
    folder = Path(location) if location is not None else None
    return cls(folder, create=create, read_only=read_only)  # type: ignore[call-arg]
