"""Load test of `kg serve`: concurrent clients run the named queries while `kg load` writes.

Run: `.venv/bin/python bench/bench_serve.py [--clients 50] [--requests 20] [--store DIR]
[--timeouts 30,0]`. Without --store it builds the seeds (no extraction) into a temporary
store. For each `--timeout` of --timeouts it starts `kg serve --port 0` in its own process,
then CLIENTS threads each send REQUESTS queries (the library's named queries in turn,
parameters at their defaults, by form POST on one keep-alive connection each) while a
writer process runs `kg load` of a small new graph again and again until the clients are
done. It prints a Markdown table: errors (by status), latency percentiles, throughput, what
the writer did, and whether a query after the last load sees it. Every request goes to
127.0.0.1; the run is bounded by its request count. Not part of `run_all.py`.
"""

from __future__ import annotations

import argparse
import http.client
import json
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

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import child_env, machine_header, percentile, python, table  # noqa: E402
from kg.query.runner import list_queries, substitute_params  # noqa: E402 - the checkout's kg

KG = [python(), "-m", "kg.cli.main"]


def _start_server(store: Path, timeout: float) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [*KG, "--store", str(store), "serve", "--port", "0", "--timeout", f"{timeout:g}"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env={**child_env(), "PYTHONUNBUFFERED": "1"},
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
            env=child_env(),
        )
        log.append((proc.returncode, time.perf_counter() - began, i, proc.stderr.strip()))
        i += 1


def run(store: Path, timeout: float, clients: int, requests: int, work: Path) -> dict:
    """One load test against `kg serve --timeout TIMEOUT`: its figures."""
    queries = [substitute_params(q.text, q.params) for q in list_queries()]
    proc, address = _start_server(store, timeout)
    results: list = []
    writes: list = []
    stop = threading.Event()
    try:
        writer = threading.Thread(target=_writer, args=(store, work, stop, writes))
        threads = [
            threading.Thread(target=_client, args=(address, queries, requests, c, results))
            for c in range(clients)
        ]
        began = time.perf_counter()
        writer.start()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - began
        stop.set()
        writer.join()
        loaded = [i for code, _, i, _ in writes if code == 0]
        seen = None
        if loaded:
            host, port = address.split(":")
            conn = http.client.HTTPConnection(host, int(port), timeout=60)
            ask = f"ASK {{ <http://bench.example/s{loaded[-1]}> ?p {loaded[-1]} }}"
            conn.request("GET", "/sparql?query=" + quote(ask))
            seen = json.loads(conn.getresponse().read())["boolean"]
            conn.close()
    finally:
        proc.terminate()
        proc.wait(30)
    latencies = [seconds for _, seconds in results]
    failed = [w for w in writes if w[0] != 0]
    return {
        "timeout": timeout,
        "requests": len(results),
        "statuses": Counter(str(status) for status, _ in results),
        "wall": wall,
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "p99": percentile(latencies, 99),
        "loads": len(writes),
        "failed_loads": failed,
        "load_median": statistics.median(w[1] for w in writes) if writes else float("nan"),
        "seen": seen,
        "queries": len(queries),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=20, help="requests per client")
    parser.add_argument("--store", type=Path, default=None)
    parser.add_argument(
        "--timeouts", default="30,0", help="kg serve --timeout of each run (0: reads in threads)"
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="kg-bench-serve-"))
    store = args.store
    if store is None:
        store = work / "store"
        subprocess.run(
            [*KG, "--store", str(store), "build", "--no-extract", "-q"],
            check=True,
            capture_output=True,
            env=child_env(),
        )
    runs = [
        run(store, float(t), args.clients, args.requests, work) for t in args.timeouts.split(",")
    ]
    print(
        machine_header(
            {"store": f"{store}", "load": f"{args.clients} clients x {args.requests} requests"}
        )
    )
    rows = []
    for r in runs:
        errors = r["requests"] - r["statuses"].get("200", 0)
        others = {k: v for k, v in sorted(r["statuses"].items()) if k != "200"}
        rows.append(
            [
                f"--timeout {r['timeout']:g}",
                f"{r['requests']:,}",
                f"{errors}" + (f" {others}" if others else ""),
                f"{r['p50'] * 1000:,.0f} ms",
                f"{r['p95'] * 1000:,.0f} ms",
                f"{r['p99'] * 1000:,.0f} ms",
                f"{r['requests'] / r['wall']:.1f}/s",
                f"{r['loads']} ({len(r['failed_loads'])} failed), {r['load_median']:.2f} s each",
                str(r["seen"]),
            ]
        )
    print(
        table(
            [
                "kg serve",
                "requests",
                "errors",
                "p50",
                "p95",
                "p99",
                "throughput",
                "kg load runs meanwhile",
                "last load seen",
            ],
            rows,
        )
    )
    for r in runs:
        for code, _, i, err in r["failed_loads"][:3]:
            print(f"kg load {i} failed ({code}): {err}")


if __name__ == "__main__":
    main()
