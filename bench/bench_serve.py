"""Load test of `kg serve`: concurrent clients run the named queries while `kg load` writes.

Run: `.venv/bin/python bench/bench_serve.py [--clients 50] [--requests 20] [--store DIR]`.
Without --store it builds the seeds (no extraction) into a temporary store. It starts
`kg serve --port 0` in its own process, then CLIENTS threads each send REQUESTS queries
(the library's named queries in turn, parameters at their defaults, by form POST on one
keep-alive connection each) while a writer process runs `kg load` of a small new graph
again and again until the clients are done. It reports the errors (by status), the latency
percentiles, the throughput, what the writer did, and whether a query after the last load
sees it. Every request goes to 127.0.0.1; the run is bounded by its request count.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from kg.query.runner import list_queries, substitute_params

KG = [sys.executable, "-m", "kg.cli.main"]


def _start_server(store: Path, timeout: float) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [*KG, "--store", str(store), "serve", "--port", "0", "--timeout", f"{timeout:g}"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert proc.stderr is not None
    for _ in range(10):
        line = proc.stderr.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/sparql", line)
        if match:
            # drain the access log so the server never blocks on a full pipe
            threading.Thread(target=proc.stderr.read, daemon=True).start()
            return proc, f"127.0.0.1:{match.group(1)}"
    proc.kill()
    raise SystemExit("kg serve did not start")


def _client(address: str, queries: list[str], n: int, start: int, out: list) -> None:
    host, port = address.split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=120)
    for i in range(n):
        body = "query=" + quote(queries[(start + i) % len(queries)])
        began = time.perf_counter()
        try:
            conn.request(
                "POST",
                "/sparql",
                body,
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Accept": "application/sparql-results+json",
                },
            )
            response = conn.getresponse()
            data = response.read()
            status = response.status
            if status == 200:
                json.loads(data)  # a complete answer, never a cut one
        except (OSError, http.client.HTTPException, ValueError) as exc:
            status = type(exc).__name__
            conn.close()
            conn = http.client.HTTPConnection(host, int(port), timeout=120)
        out.append((status, time.perf_counter() - began))
    conn.close()


def _writer(store: Path, folder: Path, stop: threading.Event, log: list) -> None:
    """`kg load` of a new graph, again and again, until `stop`."""
    i = 0
    while not stop.is_set() and i < 1000:
        data = folder / f"bench-{i}.ttl"
        data.write_text(
            f"<http://bench.example/s{i}> <http://bench.example/p> {i} .\n", encoding="utf-8"
        )
        began = time.perf_counter()
        proc = subprocess.run(
            [*KG, "--store", str(store), "load", str(data)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        log.append((proc.returncode, time.perf_counter() - began, i, proc.stderr.strip()))
        i += 1


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=20, help="requests per client")
    parser.add_argument("--store", type=Path, default=None)
    parser.add_argument("--timeout", type=float, default=30, help="kg serve --timeout")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="kg-bench-serve-"))
    store = args.store
    if store is None:
        store = work / "store"
        subprocess.run([*KG, "--store", str(store), "build", "--no-extract", "-q"], check=True)
    queries = [substitute_params(q.text, q.params) for q in list_queries()]
    proc, address = _start_server(store, args.timeout)
    results: list = []
    writes: list = []
    stop = threading.Event()
    try:
        writer = threading.Thread(target=_writer, args=(store, work, stop, writes))
        clients = [
            threading.Thread(target=_client, args=(address, queries, args.requests, c, results))
            for c in range(args.clients)
        ]
        began = time.perf_counter()
        writer.start()
        for thread in clients:
            thread.start()
        for thread in clients:
            thread.join()
        wall = time.perf_counter() - began
        stop.set()
        writer.join()
        last = max((i for code, _, i, _ in writes if code == 0), default=None)
        seen = None
        if last is not None:
            host, port = address.split(":")
            conn = http.client.HTTPConnection(host, int(port), timeout=60)
            ask = f"ASK {{ <http://bench.example/s{last}> ?p {last} }}"
            conn.request("GET", "/sparql?query=" + quote(ask))
            seen = json.loads(conn.getresponse().read())["boolean"]
            conn.close()
    finally:
        proc.terminate()
        proc.wait(30)

    latencies = [seconds for _, seconds in results]
    statuses = Counter(status for status, _ in results)
    failed_writes = [w for w in writes if w[0] != 0]
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"store: {store}; {len(queries)} named queries; kg serve --timeout {args.timeout:g}")
    print(f"requests: {len(results)} ({args.clients} clients x {args.requests}) in {wall:.1f} s")
    print(f"statuses: {dict(sorted(statuses.items(), key=str))}")
    print(f"errors: {len(results) - statuses.get(200, 0)}")
    print(
        f"latency: p50 {_percentile(latencies, 50) * 1000:.0f} ms, "
        f"p95 {_percentile(latencies, 95) * 1000:.0f} ms, "
        f"p99 {_percentile(latencies, 99) * 1000:.0f} ms, "
        f"mean {statistics.mean(latencies) * 1000:.0f} ms"
    )
    print(f"throughput: {len(results) / wall:.1f} requests/s")
    print(
        f"writer: {len(writes)} kg load runs, {len(failed_writes)} failed"
        + (f" (first: {failed_writes[0][3]})" if failed_writes else "")
        + (f", median {statistics.median(w[1] for w in writes):.2f} s each" if writes else "")
    )
    print(f"a query after the last load sees it: {seen}")


if __name__ == "__main__":
    main()
