"""Helpers of the `kg serve` tests: the real server (uvicorn) on a free loopback port, in a
thread of the test process, over a small store made with `kg load`.

`reply(method, url, ...)` sends one raw request with `http.client` (so a test decides every
header, also a missing Content-Type) and returns status, headers and body.
"""

from __future__ import annotations

import http.client
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from kg.cli.main import main
from kg.serve import ServeConfig, Server

EX = "http://example.org/"
D1, D2, D3 = f"{EX}data1", f"{EX}data2", f"{EX}data3"
DATA = """\
@prefix ex: <http://example.org/> .
<http://example.org/data1> {
  <http://example.org/data1> a ex:Doc ; ex:title "one"@en .
  ex:a ex:knows ex:b .
}
<http://example.org/data2> {
  <http://example.org/data2> a ex:Doc ; ex:title "two" .
  ex:b ex:knows ex:c .
}
<http://example.org/data3> {
  <http://example.org/data3> ex:n 3 .
}
"""
TOKEN = "test-token-0123"


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip()


def reply(
    method: str,
    url: str,
    body: bytes | str = b"",
    headers: dict[str, str] | None = None,
    timeout: float = 60,
) -> Reply:
    """Send one request exactly as given (no header added but Host and Content-Length)."""
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    data = body.encode("utf-8") if isinstance(body, str) else body
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.putrequest(method, target, skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            conn.putheader(name, value)
        if data or method in ("POST", "PUT"):
            conn.putheader("Content-Length", str(len(data)))
        conn.endheaders(data or None)
        response = conn.getresponse()
        return Reply(
            response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        )
    finally:
        conn.close()


def load(store: Path, *files: Path, backend: str = "oxigraph") -> None:
    """`kg load FILES` into `store` (in this process)."""
    try:
        main(["--store", str(store), "--backend", backend, "load", *map(str, files)])
    except SystemExit as exc:
        assert not exc.code, f"kg load failed with {exc.code}"


def make_store(folder: Path, backend: str = "oxigraph") -> Path:
    """A store holding `DATA`: three named graphs of `http://example.org/`."""
    data = folder / "data.trig"
    data.write_text(DATA, encoding="utf-8")
    load(folder / "store", data, backend=backend)
    return folder / "store"


@contextmanager
def running(config: ServeConfig) -> Iterator[str]:
    """`kg serve` with `config` on a free loopback port: yields its URL, stops it after."""
    server = Server(config, host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.run, name="kg-serve", daemon=True)
    thread.start()
    try:
        yield server.url
    finally:
        server.stop()
        thread.join(30)
        assert not thread.is_alive(), "the server did not stop"
