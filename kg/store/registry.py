"""The store backends, written once: what each one is, where its class lives, what it can do.

As rdflib registers its store plugins (`rdflib.plugin.register`), each backend is one
`Backend` record; its class is imported only when a store of it is opened. `open_store`, the
`kg --backend` choices and their help, and `kg.open` all read this table.

A store location is a string: an `http://` or `https://` URL (optionally `ENGINE+http://…`,
e.g. `oxigraph+http://127.0.0.1:7878`) is a remote SPARQL server; anything else is a folder.
"""

from __future__ import annotations

import importlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from kg.errors import InputError, UnknownFormat

if TYPE_CHECKING:
    from kg.store.base import Store

__all__ = [
    "Backend",
    "register",
    "backends",
    "get_backend",
    "resolve_backend",
    "is_url",
    "display_location",
    "backend_help",
]


@dataclass(frozen=True)
class Backend:
    """One store backend and the capabilities it declares.

    `persistent`: its state outlives the process. `transaction_aware`: `replace_graphs` and
    `load_files` are one transaction (for `remote` it depends on the engine: see its profile
    in `kg/store/engines.csv`). `read_only`: it can be opened read-only (no lock, writes
    refused). `union_default_graph`: SPARQL's default graph is the union of the named graphs.
    `remote`: the location is a URL, not a folder.
    """

    name: str
    target: str
    """`module:Class` of its `Store` class, imported when a store is opened."""
    summary: str
    persistent: bool
    transaction_aware: bool
    read_only: bool
    union_default_graph: bool
    remote: bool

    def store_class(self) -> type[Store]:
        module, _, name = self.target.partition(":")
        return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


_REGISTRY: dict[str, Backend] = {}
DEFAULT_FOLDER_BACKEND = "oxigraph"
DEFAULT_URL_BACKEND = "remote"


def register(backend: Backend) -> None:
    """Add (or replace) a backend, as `rdflib.plugin.register` does for stores."""
    _REGISTRY[backend.name] = backend


for _backend in (
    Backend(
        "oxigraph",
        "kg.store.oxigraph:OxigraphStore",
        "on-disk Oxigraph in the store folder (default for a folder)",
        persistent=True,
        transaction_aware=True,
        read_only=True,
        union_default_graph=True,
        remote=False,
    ),
    Backend(
        "memory",
        "kg.store.memory:MemoryStore",
        "rdflib in memory, loaded from and saved to the folder as N-Quads",
        persistent=True,
        transaction_aware=False,
        read_only=True,
        union_default_graph=True,
        remote=False,
    ),
    Backend(
        "remote",
        "kg.store.remote:RemoteStore",
        "a SPARQL 1.1 server at an http(s) URL (default for a URL; see docs/store.md)",
        persistent=True,
        transaction_aware=False,
        read_only=True,
        union_default_graph=True,
        remote=True,
    ),
):
    register(_backend)


def backends() -> list[Backend]:
    return list(_REGISTRY.values())


def get_backend(name: str) -> Backend:
    """The backend called `name`; `UnknownFormat` listing the known ones otherwise."""
    try:
        return _REGISTRY[name]
    except KeyError:
        raise UnknownFormat(
            f"unknown store backend {name!r} (known: {', '.join(_REGISTRY)})"
        ) from None


def backend_help() -> str:
    """The `kg --backend` help: one clause per backend, from the table."""
    return "Store backend: " + "; ".join(f"{b.name}: {b.summary}" for b in backends()) + "."


_URL = re.compile(r"^(?:[a-z][a-z0-9-]*\+)?https?://", re.IGNORECASE)


def is_url(location: object) -> bool:
    """Whether a store location names a remote server (`[ENGINE+]http(s)://…`)."""
    return isinstance(location, str) and _URL.match(location) is not None


def resolve_backend(location: str | os.PathLike[str] | None, backend: str | None) -> Backend:
    """The backend for `location`: `backend` when given (it must take that kind of
    location), else the default for a URL or for a folder."""
    url = is_url(location)
    if backend is None:
        backend = DEFAULT_URL_BACKEND if url else DEFAULT_FOLDER_BACKEND
    found = get_backend(backend)
    if found.remote and location is None:
        raise InputError(f"the {found.name} backend needs a URL (--store http://HOST:PORT)")
    if location is not None and found.remote != url:
        kind = "an http(s) URL" if found.remote else "a folder"
        raise InputError(f"--backend {found.name} opens {kind}, not {display_location(location)}")
    return found


def display_location(location: str | os.PathLike[str] | None) -> str:
    """A location to show a user: a URL without its password (never printed), a folder as is."""
    if location is None:
        return ":memory:"
    if not is_url(location):
        return str(Path(location))
    parts = urlsplit(str(location))
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    if parts.username:
        host = f"{parts.username}@{host}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))
