"""A private Virtuoso (Debian `virtuoso-opensource`, 7.2.5) for tests, on free loopback ports.

`running_virtuoso(folder)` writes a small `virtuoso.ini` into `folder` (its own database files,
SQL and HTTP on loopback, few buffers so it fits next to other sessions, `DirsAllowed` covering
`folder` for the bulk loader), runs `virtuoso-t +foreground`, waits until `/sparql` answers,
sets the dba password, and stops the server at the end (SIGTERM, then SIGKILL). The session
fixture `virtuoso` is built on it; a test module anywhere under tests/ takes it with
`from virtuoso_server import virtuoso` (tests/ is on sys.path through tests/conftest.py).
Where the binary is absent, the fixture skips with the reason; `make setup` installs it.
See docs/virtuoso.md for what the server does over HTTP.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

import pytest

from kg.query.bounded import die_with_parent

SERVER_BINARY = "virtuoso-t"
ISQL_BINARY = "isql-vt"  # Debian renames OpenLink's `isql` (unixODBC has one too)
VSP_DIR = "/var/lib/virtuoso-opensource-7/vsp"
DBA_USER = "dba"
FACTORY_PASSWORD = "dba"  # what a new database starts with
TEST_PASSWORD = "kg-test-dba"
START_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 30.0

# Debian's /etc/virtuoso-opensource-7/virtuoso.ini with our paths, loopback ports and limits.
# The buffers are 8 KiB pages: 4000 of them is 32 MiB (Debian's 10000 would be 80 MiB). No
# VADInstallDir: a new database then does not install the Conductor web UI, which costs 2 s of
# start-up and adds the graph <http://www.w3.org/2002/07/owl#>. No [Plugins] (wiki hosting).
INI_TEMPLATE = """\
[Database]
DatabaseFile       = {folder}/virtuoso.db
ErrorLogFile       = {folder}/virtuoso.log
LockFile           = {folder}/virtuoso.lck
TransactionFile    = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {folder}/virtuoso-temp.db
TransactionFile    = {folder}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort               = 127.0.0.1:{sql_port}
LiteMode                 = 0
DisableUnixSocket        = 1
DisableTcpSocket         = 0
MaxClientConnections     = 20
CheckpointInterval       = 60
O_DIRECT                 = 0
CaseMode                 = 2
MaxStaticCursorRows      = 5000
CheckpointAuditTrail     = 0
AllowOSCalls             = 0
SchedulerInterval        = 10
DirsAllowed              = ., {folder}
ThreadCleanupInterval    = 0
ThreadThreshold          = 10
ResourcesCleanupInterval = 0
FreeTextBatchSize        = 100000
SingleCPU                = 0
PrefixResultNames        = 0
RdfFreeTextRulesSize     = 100
IndexTreeMaps            = 64
MaxMemPoolSize           = 40000000
MaxQueryMem              = 200M
VectorSize               = 1000
MaxVectorSize            = 1000000
AdjustVectorSize         = 0
ThreadsPerQuery          = 2
AsyncQueueMaxThreads     = 4
NumberOfBuffers          = {buffers}
MaxDirtyBuffers          = {dirty_buffers}

[HTTPServer]
ServerPort                  = 127.0.0.1:{http_port}
ServerRoot                  = {vsp_dir}
MaxClientConnections        = 20
DavRoot                     = DAV
EnabledDavVSP               = 0
HTTPProxyEnabled            = 0
TempASPXDir                 = 0
ServerThreads               = 20
MaxKeepAlives               = 10
KeepAliveTimeout            = 10
HTTPThreadSize              = 280000
HttpPrintWarningsInOutput   = 0
Charset                     = UTF-8
EnabledGzipContent          = 0

[Client]
SQL_PREFETCH_ROWS  = 100
SQL_PREFETCH_BYTES = 16000
SQL_QUERY_TIMEOUT  = 0
SQL_TXN_TIMEOUT    = 0

[SPARQL]
ResultSetMaxRows           = {max_rows}
MaxQueryCostEstimationTime = {max_estimate_seconds}
MaxQueryExecutionTime      = {max_seconds}
"""


@dataclass(frozen=True)
class VirtuosoServer:
    """A running Virtuoso: where its endpoints are, who may write, and an isql runner."""

    folder: Path
    http_port: int
    sql_port: int
    user: str
    password: str
    max_rows: int

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def query_url(self) -> str:
        """SPARQL Query, anonymous (user `SPARQL`: reads only)."""
        return self.base_url + "/sparql"

    @property
    def update_url(self) -> str:
        """SPARQL Query and Update behind HTTP digest auth (`user` / `password`)."""
        return self.base_url + "/sparql-auth"

    @property
    def graph_store_url(self) -> str:
        """Graph Store HTTP Protocol, digest auth; the graph is `?graph-uri=IRI`."""
        return self.base_url + "/sparql-graph-crud-auth"

    @property
    def graph_store_read_url(self) -> str:
        """Graph Store HTTP Protocol without auth (GET only)."""
        return self.base_url + "/sparql-graph-crud"

    def isql(self, sql: str, timeout: float = 300.0) -> str:
        """Run SQL statements (each ending in `;`) as dba; raise with isql's output on error."""
        completed = subprocess.run(
            [ISQL_BINARY, f"127.0.0.1:{self.sql_port}", self.user, self.password,
             "VERBOSE=OFF", "BANNER=OFF", "PROMPT=OFF", "ERRORS=STDOUT", f"exec={sql}"],
            capture_output=True, text=True, timeout=timeout, check=False,
        )  # fmt: skip
        output = completed.stdout + completed.stderr
        if completed.returncode != 0 or "*** Error" in output:
            raise RuntimeError(f"isql failed ({completed.returncode}): {output.strip()}")
        return output


def virtuoso_missing() -> str | None:
    """Why a Virtuoso cannot be started here, or None when it can."""
    for binary in (SERVER_BINARY, ISQL_BINARY):
        if shutil.which(binary) is None:
            return f"{binary} not found (Debian package virtuoso-opensource; `make setup`)"
    return None


def free_port() -> int:
    """A loopback TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def write_ini(
    folder: Path,
    http_port: int,
    sql_port: int,
    max_rows: int,
    max_seconds: int,
    max_estimate_seconds: int,
    buffers: int,
) -> Path:
    ini = folder / "virtuoso.ini"
    ini.write_text(
        INI_TEMPLATE.format(
            folder=folder,
            sql_port=sql_port,
            http_port=http_port,
            vsp_dir=VSP_DIR,
            max_rows=max_rows,
            max_seconds=max_seconds,
            max_estimate_seconds=max_estimate_seconds,
            buffers=buffers,
            dirty_buffers=buffers * 3 // 4,
        ),
        encoding="utf-8",
    )
    return ini


def _sparql_answers(url: str) -> bool:
    probe = urllib.request.Request(
        url + "?query=ASK%7B%7D", headers={"Accept": "application/sparql-results+json"}
    )
    try:
        with urllib.request.urlopen(probe, timeout=5) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _wait_until_ready(process: subprocess.Popen[bytes], server: VirtuosoServer) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"virtuoso-t exited with {process.returncode}: {_log_tail(server)}")
        if _sparql_answers(server.query_url):
            return
        time.sleep(0.2)
    raise RuntimeError(f"virtuoso-t did not answer in {START_TIMEOUT_S:.0f} s: {_log_tail(server)}")


def _log_tail(server: VirtuosoServer) -> str:
    log = server.folder / "virtuoso.log"
    lines = log.read_text(errors="replace").splitlines() if log.exists() else []
    return " | ".join(lines[-8:])


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM makes virtuoso-t do a quick shutdown (0.07 s); a server that hangs is killed."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_TIMEOUT_S)


@contextmanager
def running_virtuoso(
    folder: Path,
    password: str = TEST_PASSWORD,
    max_rows: int = 10000,
    max_seconds: int = 60,
    max_estimate_seconds: int = 400,
    buffers: int = 4000,
) -> Iterator[VirtuosoServer]:
    """A Virtuoso over a new database in `folder` (created), stopped when the block ends.

    The limits are `[SPARQL]` settings: `max_rows` ResultSetMaxRows, `max_seconds`
    MaxQueryExecutionTime, `max_estimate_seconds` MaxQueryCostEstimationTime (Debian's
    defaults: 10000, 60, 400); `buffers` is NumberOfBuffers (8 KiB pages).
    """
    reason = virtuoso_missing()
    if reason is not None:
        raise FileNotFoundError(reason)
    folder = folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    while sql_port == http_port:
        sql_port = free_port()
    ini = write_ini(
        folder, http_port, sql_port, max_rows, max_seconds, max_estimate_seconds, buffers
    )
    server = VirtuosoServer(folder, http_port, sql_port, DBA_USER, FACTORY_PASSWORD, max_rows)
    with open(folder / "virtuoso.stdout", "wb") as stdout:
        process = subprocess.Popen(
            [SERVER_BINARY, "+foreground", "+configfile", str(ini)],
            cwd=folder,
            stdout=stdout,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a Ctrl-C of pytest is not also delivered to it
            preexec_fn=partial(die_with_parent, os.getpid()),  # nor outlives a killed pytest
            env={**os.environ, "LC_ALL": "C.UTF-8"},
        )
        try:
            _wait_until_ready(process, server)
            if password != FACTORY_PASSWORD:
                server.isql(f'set password "{FACTORY_PASSWORD}" "{password}";')
                server = replace(server, password=password)
            yield server
        finally:
            _stop(process)


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    """One Virtuoso for the whole session (tests use their own graph IRIs to stay apart)."""
    reason = virtuoso_missing()
    if reason is not None:
        pytest.skip(reason)
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server
