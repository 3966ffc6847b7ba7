"""The README's `curl` examples, run as written against `kg serve` over the seed store: each
exits 0 with HTTP 200, and prints what the README's comment under it says."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from serving import running

from kg.serve import ServeConfig

ROOT = Path(__file__).resolve().parents[2]
README_PORT = "http://127.0.0.1:7878"


def readme_examples() -> list[tuple[str, list[str]]]:
    """(curl command, the comment lines under it) of the README's "Serving the graph"."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### Serving the graph", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, flags=re.S)
    assert block is not None, "no shell block in the README's serving section"
    out: list[tuple[str, list[str]]] = []
    for line in block.group(1).splitlines():
        if line.startswith("curl "):
            out.append((line, []))
        elif line.startswith("# ") and out:
            out[-1][1].append(line[2:])
    return out


EXAMPLES = readme_examples()


def test_the_readme_has_curl_examples() -> None:
    assert len(EXAMPLES) >= 3


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
@pytest.mark.parametrize(("command", "expected"), EXAMPLES, ids=[c[:60] for c, _ in EXAMPLES])
def test_readme_curl_example_runs_as_written(
    command: str, expected: list[str], oxigraph_seed_store
) -> None:
    with running(ServeConfig(store=oxigraph_seed_store.path, timeout=30)) as url:
        argv = shlex.split(command.replace(README_PORT, url.rstrip("/")))
        done = subprocess.run(
            [argv[0], "--silent", "--show-error", "--fail", *argv[1:]],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines, "empty answer"
    for n, want in enumerate(expected):
        # the README cuts long lines with "...": what comes before must be printed as is
        assert lines[n].startswith(want.split("...")[0].rstrip()), (n, lines[n], want)
