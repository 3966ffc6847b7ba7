"""Fixtures of the remote-store tests: real Oxigraph servers (`tests/servers.py`)."""

from servers import fresh_oxigraph, oxigraph_server  # noqa: F401 - fixtures
