"""Real SPARQL servers for the tests of remote stores, on free loopback ports.

`oxigraph_server` (session scope) starts the Rust server of the `oxigraph` PyPI package
(`oxigraph serve --location DIR --bind 127.0.0.1:PORT`) in a temporary folder, waits until it
answers, and stops it at the end; it skips with the reason when the program is missing.
`fresh_oxigraph` gives each test an empty server of its own (a second process: a test that
writes never sees another's data).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

__all__ = ["OxigraphServer", "oxigraph_program", "start_oxigraph", "free_port"]


@dataclass
class OxigraphServer:
    url: str
    """`http://127.0.0.1:PORT` (kg recognises the engine by its Server header)."""
    folder: Path
    process: subprocess.Popen[bytes]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def oxigraph_program() -> str | None:
    """The `oxigraph` server program: beside this Python (the venv's), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    return shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_oxigraph(folder: Path, *extra: str) -> OxigraphServer:
    """An Oxigraph server on a free loopback port over the store in `folder`, answering."""
    program = oxigraph_program()
    if program is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph==0.5.13)")
    port = free_port()
    log = (folder.parent / f"{folder.name}.log").open("wb")
    process = subprocess.Popen(
        [program, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}", *extra],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server = OxigraphServer(f"http://127.0.0.1:{port}", folder, process)
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(server.url + "/", timeout=2):
                return server
        except (urllib.error.URLError, ConnectionError, OSError):
            if process.poll() is not None or time.monotonic() > deadline:
                server.stop()
                text = (folder.parent / f"{folder.name}.log").read_text(errors="replace")
                raise RuntimeError(f"oxigraph serve did not start: {text[-500:]}") from None
            time.sleep(0.05)


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """One Oxigraph server for the session (tests that write use `fresh_oxigraph`)."""
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph") / "store")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def fresh_oxigraph(tmp_path: Path) -> Iterator[Callable[[], OxigraphServer]]:
    """Start empty Oxigraph servers for one test; all are stopped after it."""
    started: list[OxigraphServer] = []

    def start() -> OxigraphServer:
        server = start_oxigraph(tmp_path / f"oxigraph-{len(started)}")
        started.append(server)
        return server

    try:
        yield start
    finally:
        for server in started:
            server.stop()
