"""Stores: one small interface (`Store`), two embedded backends.

>>> from kg.store import open_store
>>> store = open_store(None, backend="memory")   # or a folder with backend="oxigraph"
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import UnknownFormat
from kg.store.base import QueryResult, Store, file_graph, guess_format, read_utf8

__all__ = [
    "Store",
    "QueryResult",
    "open_store",
    "BACKENDS",
    "file_graph",
    "guess_format",
    "read_utf8",
]

BACKENDS = ("oxigraph", "memory")


def open_store(
    path: Path | str | None,
    backend: str = "oxigraph",
    create: bool = False,
    read_only: bool = False,
) -> Store:
    """Open the store in folder `path` (None = a fresh in-memory store of that backend).

    Raises `StoreNotFound` when the folder holds no store and `create` is False.
    """
    folder = Path(path) if path is not None else None
    if backend == "oxigraph":
        from kg.store.oxigraph import OxigraphStore

        return OxigraphStore(folder, create=create, read_only=read_only)
    if backend == "memory":
        from kg.store.memory import MemoryStore

        return MemoryStore(folder, create=create, read_only=read_only)
    raise UnknownFormat(f"unknown store backend {backend!r} (known: {', '.join(BACKENDS)})")
