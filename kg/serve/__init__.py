"""`kg serve`: the store as a SPARQL 1.1 Protocol endpoint, with the Graph Store Protocol,
the network viewer and a query page.

>>> from kg.serve import Server, ServeConfig
>>> server = Server(ServeConfig(store=Path(".kg-store")), port=7878)  # doctest: +SKIP
>>> server.run()  # until Ctrl-C                                         # doctest: +SKIP

The server reads the store through read-only handles, so `kg load` and `kg ingest` keep
writing while it serves (`kg.serve.access`); every answer is computed whole, within a time
limit and a row cap, before its status line is sent (`kg.serve.execute`); the protocol's
rules are plain functions (`kg.serve.protocol`); the app is Starlette on uvicorn
(`kg.serve.app`).
"""

from __future__ import annotations

from kg.serve.app import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT, ServeConfig, Server, create_app

__all__ = ["DEFAULT_MAX_ROWS", "DEFAULT_TIMEOUT", "ServeConfig", "Server", "create_app"]
