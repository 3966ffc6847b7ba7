"""The cross-document event identity corpus (data/eventid/fr) passes its own checker, and
the checker rejects a broken copy."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKER = ROOT / "tools" / "check_eventid.py"
CORPUS = ROOT / "data" / "eventid" / "fr"


def run_checker(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CHECKER), *args], capture_output=True, text=True, check=False
    )


def test_shipped_corpus_passes_and_reports_gold_pairs() -> None:
    result = run_checker(str(CORPUS), "--second", str(CORPUS / "second_pass.jsonl"))
    assert result.returncode == 0, result.stdout
    assert ": 0 problems" in result.stdout
    assert "gold mention pairs: " in result.stdout
    assert "same-event pairs among aligned mentions" in result.stdout


def test_checker_rejects_wrong_offsets_unknown_clusters_and_dates(tmp_path: Path) -> None:
    broken = tmp_path / "fr"
    shutil.copytree(CORPUS, broken)
    gold_path = broken / "gold.jsonl"
    records = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()]
    first, second, third = (r["events"][0] for r in records[:3])
    first["start"] += 1
    second["event"] = "E00-no-such-event"
    third["date"] = {"start": "2030-01-01", "end": "2030-01-02", "granularity": "day"}
    gold_path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records[:-1]),
        encoding="utf-8",
    )
    result = run_checker(str(broken))
    assert result.returncode == 1
    assert "is not the evidence" in result.stdout
    assert "'E00-no-such-event' is not in clusters.jsonl" in result.stdout
    assert "misses the true date" in result.stdout
    assert f"{records[-1]['id']}: article without a gold line" in result.stdout


def test_frozen_test_corpus_passes_the_checker() -> None:
    result = run_checker(str(ROOT / "data" / "eventid" / "fr-test"))
    assert result.returncode == 0, result.stdout
    assert ": 0 problems" in result.stdout
