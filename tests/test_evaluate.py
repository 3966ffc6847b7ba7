"""Tests of kg.evaluate (SPEC section 6) and `kg eval`; every expected number is hand-made."""

from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kg.cli.main import cli, main
from kg.errors import InputError
from kg.evaluate import event_key, is_scored_code, load_jsonl, score

ROOT = Path(__file__).resolve().parents[1]


def ev(
    source: str,
    etype: str,
    target: str,
    modality: str = "asserted",
    mode: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    out: dict[str, Any] = {"source": source, "type": etype, "target": target}
    out["modality"] = modality
    if mode is not None:
        out["mode"] = mode
    out.update(extra)
    return out


def rec(rid: str, *events: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"id": rid, "events": list(events), **extra}


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


# ----------------------------------------------------------------------------- keys


def test_scored_codes() -> None:
    assert is_scored_code("RUS")
    assert is_scored_code("ARAB_LEAGUE")
    assert is_scored_code("NATO")
    assert not is_scored_code("OTHER")
    assert not is_scored_code("rus")
    assert not is_scored_code("RUSS")


def test_event_key_rules() -> None:
    assert event_key(ev("RUS", "CONSULT", "PRK", mode="visit")) == ("RUS", "CONSULT:visit", "PRK")
    assert event_key(ev("RUS", "CONSULT", "PRK")) == ("PRK", "CONSULT", "RUS")
    assert event_key(ev("USA", "AGREE", "CHN")) == ("CHN", "AGREE", "USA")
    assert event_key(ev("USA", "COOPERATE", "CHN")) == ("CHN", "COOPERATE", "USA")
    assert event_key(ev("USA", "ACCUSE", "CHN")) == ("USA", "ACCUSE", "CHN")
    assert event_key(ev("USA", "SUPPORT", "CHN")) == ("USA", "SUPPORT", "CHN")
    assert event_key(ev("OTHER", "ASSAULT", "SYR")) is None


# ----------------------------------------------------------------------------- scoring


def test_perfect_match() -> None:
    gold = [
        rec("a", ev("RUS", "CONSULT", "PRK", "planned", "visit"), ev("PRK", "SUPPORT", "RUS")),
        rec("b", ev("FRA", "ACCUSE", "SYR", "alleged")),
    ]
    report = score(gold, [dict(r) for r in gold])
    for prf in (report.event, report.strict):
        assert (prf.gold, prf.pred, prf.matched_gold, prf.matched_pred) == (3, 3, 3, 3)
        assert prf.precision == prf.recall == prf.f1 == 1.0
    assert report.modality_accuracy == 1.0
    assert report.extra_event_rate is None  # no record without gold events
    assert report.false_positives == report.false_negatives == []
    assert report.missing_pred_records == 0


def test_direction_of_visits_matters() -> None:
    gold = [rec("a", ev("RUS", "CONSULT", "PRK", mode="visit", evidence="se rend à Pyongyang"))]
    pred = [rec("a", ev("PRK", "CONSULT", "RUS", mode="visit", sentence="Kim reçoit Poutine"))]
    report = score(gold, pred)
    assert report.event.precision == 0.0
    assert report.event.recall == 0.0
    assert report.event.f1 == 0.0
    [fp] = report.false_positives
    [fn] = report.false_negatives
    assert (fp.source, fp.type, fp.target) == ("PRK", "CONSULT:visit", "RUS")
    assert fp.evidence == "Kim reçoit Poutine"
    assert (fn.source, fn.type, fn.target, fn.record_id) == ("RUS", "CONSULT:visit", "PRK", "a")
    assert fn.evidence == "se rend à Pyongyang"


def test_visit_needs_mode_visit() -> None:
    gold = [rec("a", ev("RUS", "CONSULT", "PRK", mode="visit"))]
    pred = [rec("a", ev("RUS", "CONSULT", "PRK"))]  # a plain CONSULT is another key type
    report = score(gold, pred)
    assert report.event.matched_gold == 0
    assert report.event.matched_pred == 0


def test_symmetric_pairs_are_sorted() -> None:
    gold = [
        rec(
            "a",
            ev("FRA", "AGREE", "DEU"),
            ev("CHN", "COOPERATE", "RUS"),
            ev("USA", "CONSULT", "IRN"),
            ev("USA", "ACCUSE", "IRN"),
        )
    ]
    pred = [
        rec(
            "a",
            ev("DEU", "AGREE", "FRA"),
            ev("RUS", "COOPERATE", "CHN"),
            ev("IRN", "CONSULT", "USA", mode="phone"),
            ev("IRN", "ACCUSE", "USA"),  # directed: no match
        )
    ]
    report = score(gold, pred)
    assert report.event.matched_gold == 3
    assert report.event.precision == 3 / 4
    assert report.event.recall == 3 / 4
    assert [(e.source, e.target) for e in report.false_positives] == [("IRN", "USA")]
    assert [(e.source, e.target) for e in report.false_negatives] == [("USA", "IRN")]


def test_support_both_directions_are_two_keys() -> None:
    gold = [rec("a", ev("CHN", "SUPPORT", "USA"), ev("USA", "SUPPORT", "CHN"))]
    pred = [rec("a", ev("CHN", "SUPPORT", "USA"))]
    report = score(gold, pred)
    assert report.event.precision == 1.0
    assert report.event.recall == 0.5
    assert report.event.f1 == pytest.approx(2 / 3)


def test_other_actors_are_ignored() -> None:
    gold = [rec("a", ev("OTHER", "ASSAULT", "SYR"), ev("SYR", "ACCUSE", "TUR"))]
    pred = [
        rec(
            "a",
            ev("SYR", "ACCUSE", "TUR"),
            ev("OTHER", "ASSAULT", "SYR"),
            ev("SYR", "ASSAULT", "OTHER"),
            ev("Hamas", "ASSAULT", "ISR"),
        )
    ]
    report = score(gold, pred)
    assert (report.event.gold, report.event.pred) == (1, 1)
    assert report.event.f1 == 1.0
    assert report.false_positives == []


def test_modality_accuracy_and_strict_f1() -> None:
    gold = [
        rec(
            "a",
            ev("RUS", "ASSAULT", "UKR", "asserted"),
            ev("RUS", "CONSULT", "PRK", "planned", "visit"),
            ev("USA", "AID", "UKR", "negated"),
        )
    ]
    pred = [
        rec(
            "a",
            ev("RUS", "ASSAULT", "UKR", "asserted"),
            ev("RUS", "CONSULT", "PRK", "asserted", "visit"),  # wrong modality
            ev("USA", "AID", "UKR", "negated"),
            ev("USA", "AID", "UKR", "asserted"),  # same key, second modality: any match counts
        )
    ]
    report = score(gold, pred)
    # event level: 3 gold keys, 3 predicted keys, all matched
    assert report.event.precision == report.event.recall == report.event.f1 == 1.0
    # modality: ASSAULT ok, visit wrong, AID ok (negated among the predicted ones)
    assert (report.modality_correct, report.modality_total) == (2, 3)
    assert report.modality_accuracy == pytest.approx(2 / 3)
    # strict: gold 3 keys; pred 4 keys (AID twice); matched ASSAULT/asserted, AID/negated
    assert (report.strict.gold, report.strict.pred, report.strict.matched_gold) == (3, 4, 2)
    assert report.strict.precision == 0.5
    assert report.strict.recall == pytest.approx(2 / 3)
    assert report.strict.f1 == pytest.approx(4 / 7)
    [err] = report.modality_errors
    assert err.type == "CONSULT:visit"
    assert err.modalities == ("asserted",)
    assert err.gold_modalities == ("planned",)


def test_same_key_two_gold_modalities_counts_once_for_events() -> None:
    gold = [
        rec(
            "a",
            ev("RUS", "CONSULT", "PRK", "asserted", "visit"),
            ev("RUS", "CONSULT", "PRK", "planned", "visit"),
        )
    ]
    pred = [rec("a", ev("RUS", "CONSULT", "PRK", "planned", "visit"))]
    report = score(gold, pred)
    assert (report.event.gold, report.event.matched_gold) == (1, 1)
    assert (report.strict.gold, report.strict.matched_gold) == (2, 1)
    assert report.strict.recall == 0.5
    assert report.modality_accuracy == 1.0


def test_extra_event_rate() -> None:
    gold = [rec("neg1"), rec("neg2"), rec("pos", ev("IRN", "THREATEN", "ISR"))]
    pred = [
        rec(
            "neg1",
            ev("FRA", "ACCUSE", "DEU"),
            ev("FRA", "ACCUSE", "DEU", "alleged"),  # same key
            ev("FRA", "SUPPORT", "DEU"),
            ev("ITA", "AID", "GRC"),
            ev("OTHER", "ACCUSE", "FRA"),  # not scored
        ),
        rec("neg2"),
        rec("pos", ev("IRN", "THREATEN", "ISR")),
    ]
    report = score(gold, pred)
    assert (report.extra_events, report.empty_gold_records) == (3, 2)
    assert report.extra_event_rate == 1.5
    assert report.event.precision == 1 / 4
    assert report.event.recall == 1.0
    assert len(report.false_positives) == 3
    assert {e.record_id for e in report.false_positives} == {"neg1"}


def test_intent_matches_planned() -> None:
    gold = [rec("a", ev("HUN", "AGREE", "ROU"), intent_matches_planned=True)]
    report = score(gold, [rec("a", ev("ROU", "COOPERATE", "HUN", "planned"))])
    assert report.event.precision == report.event.recall == 1.0
    assert report.strict.precision == report.strict.recall == 1.0
    assert report.modality_accuracy == 1.0
    per_type = {t.type: t.prf for t in report.per_type}
    assert (per_type["AGREE"].gold, per_type["AGREE"].matched_gold) == (1, 1)
    assert (per_type["COOPERATE"].pred, per_type["COOPERATE"].matched_pred) == (1, 1)

    possible = score(gold, [rec("a", ev("HUN", "AID", "ROU", "possible"))])
    assert possible.event.f1 == 1.0


def test_intent_rule_needs_flag_modality_and_dyad() -> None:
    gold_flag = [rec("a", ev("HUN", "AGREE", "ROU"), intent_matches_planned=True)]
    gold_noflag = [rec("a", ev("HUN", "AGREE", "ROU"))]
    planned = [rec("a", ev("ROU", "COOPERATE", "HUN", "planned"))]
    assert score(gold_noflag, planned).event.f1 == 0.0
    asserted = [rec("a", ev("ROU", "COOPERATE", "HUN", "asserted"))]
    assert score(gold_flag, asserted).event.f1 == 0.0
    other_dyad = [rec("a", ev("ROU", "COOPERATE", "SRB", "planned"))]
    assert score(gold_flag, other_dyad).event.f1 == 0.0
    # a gold key other than AGREE is not matched by the rule
    gold_consult = [rec("a", ev("HUN", "CONSULT", "ROU"), intent_matches_planned=True)]
    assert score(gold_consult, planned).event.f1 == 0.0


def test_missing_pred_records_count_as_empty() -> None:
    gold = [rec("a", ev("USA", "SANCTION", "RUS")), rec("b", ev("EU", "COERCE", "RUS"))]
    pred = [rec("a", ev("USA", "SANCTION", "RUS")), rec("zzz", ev("FRA", "ASSAULT", "MLI"))]
    report = score(gold, pred)
    assert report.missing_pred_records == 1
    assert report.extra_pred_records == 1
    assert report.records == 2
    assert report.event.precision == 1.0  # the record not in gold is ignored
    assert report.event.recall == 0.5
    assert [e.record_id for e in report.false_negatives] == ["b"]


def test_per_type_table() -> None:
    gold = [
        rec("a", ev("RUS", "ASSAULT", "UKR"), ev("USA", "AID", "UKR")),
        rec("b", ev("RUS", "ASSAULT", "GEO")),
    ]
    pred = [rec("a", ev("RUS", "ASSAULT", "UKR"), ev("UKR", "ACCUSE", "RUS")), rec("b")]
    report = score(gold, pred)
    rows = {t["type"]: t for t in report.to_dict()["per_type"]}
    assert list(rows) == ["ACCUSE", "AID", "ASSAULT"]
    assert rows["ASSAULT"]["gold"] == 2
    assert rows["ASSAULT"]["pred"] == 1
    assert rows["ASSAULT"]["matched_gold"] == 1
    assert rows["ASSAULT"]["precision"] == 1.0
    assert rows["ASSAULT"]["recall"] == 0.5
    assert rows["ASSAULT"]["f1"] == pytest.approx(0.6667, abs=1e-4)
    assert rows["ACCUSE"]["precision"] == 0.0
    assert rows["AID"]["recall"] == 0.0


def test_to_dict_is_json() -> None:
    gold = [rec("a", ev("RUS", "ASSAULT", "UKR", evidence="frappes"))]
    pred = [rec("a", ev("RUS", "ASSAULT", "UKR", "possible"))]
    data = json.loads(json.dumps(score(gold, pred).to_dict()))
    assert data["event"]["f1"] == 1.0
    assert data["strict"]["f1"] == 0.0
    assert data["modality_accuracy"] == 0.0
    assert data["extra_event_rate"] is None
    assert data["modality_errors"][0]["gold_modality"] == ["asserted"]
    assert "false_positives" not in score(gold, pred).to_dict(errors=False)


def test_duplicate_gold_id_is_an_error() -> None:
    with pytest.raises(InputError, match="duplicate id"):
        score([rec("a"), rec("a")], [])


# ----------------------------------------------------------------------------- loading


def test_load_jsonl_reports_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "events": []}\n\n{"id": "b", "events": [}\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_jsonl(path)
    assert f"{path}:3:" in str(info.value)


def test_load_jsonl_non_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes('{"id": "a", "events": []}\n{"id": "é"}\n'.encode("latin-1"))
    with pytest.raises(InputError, match=r":2: not valid UTF-8"):
        load_jsonl(path)


def test_load_jsonl_not_object_and_missing(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "list.jsonl", [])
    path.write_text("[1, 2]\n", encoding="utf-8")
    with pytest.raises(InputError, match="expected a JSON object"):
        load_jsonl(path)
    with pytest.raises(InputError, match="no such file"):
        load_jsonl(tmp_path / "nope.jsonl")


def test_load_jsonl_ok(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "ok.jsonl", [rec("a"), rec("b", ev("FRA", "AID", "MLI"))])
    assert [r["id"] for r in load_jsonl(path)] == ["a", "b"]


# ----------------------------------------------------------------------------- CLI


@pytest.fixture()
def files(tmp_path: Path) -> tuple[Path, Path]:
    gold = [
        rec("a", ev("RUS", "CONSULT", "PRK", "planned", "visit", evidence="attendu à Pyongyang")),
        rec("b", ev("USA", "ACCUSE", "CHN", "asserted", evidence="accuse Pékin")),
        rec("c"),
    ]
    pred = [
        rec("a", ev("RUS", "CONSULT", "PRK", "planned", "visit")),
        rec("b"),
        rec("c", ev("FRA", "SUPPORT", "DEU", sentence="Paris salue Berlin")),
    ]
    return write_jsonl(tmp_path / "gold.jsonl", gold), write_jsonl(tmp_path / "pred.jsonl", pred)


def test_cli_eval_prints_scores(files: tuple[Path, Path]) -> None:
    gold, pred = files
    result = CliRunner().invoke(cli, ["eval", str(gold), "--pred", str(pred)])
    assert result.exit_code == 0, result.output
    out = result.output
    # event: P = 1/2, R = 1/2, F1 = 0.5
    assert "0.500" in out
    assert "CONSULT:visit" in out
    assert "Paris salue Berlin" in out  # false positive evidence
    assert "accuse Pékin" in out  # false negative evidence
    assert "1.000 (1 keys / 1 records" in out  # extra-event rate


def test_cli_eval_json(files: tuple[Path, Path]) -> None:
    gold, pred = files
    result = CliRunner().invoke(cli, ["eval", str(gold), "--pred", str(pred), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["event"]["precision"] == 0.5
    assert data["event"]["recall"] == 0.5
    assert data["extra_event_rate"] == 1.0
    assert len(data["false_positives"]) == 1


def test_cli_eval_no_show_errors_and_limit(files: tuple[Path, Path]) -> None:
    gold, pred = files
    runner = CliRunner()
    result = runner.invoke(cli, ["eval", str(gold), "--pred", str(pred), "--no-show-errors"])
    assert result.exit_code == 0
    assert "Paris salue Berlin" not in result.output
    result = runner.invoke(cli, ["eval", str(gold), "--pred", str(pred), "--limit", "0"])
    assert result.exit_code == 0
    assert "Paris salue Berlin" in result.output


def test_cli_eval_subprocess(files: tuple[Path, Path]) -> None:
    gold, pred = files
    proc = subprocess.run(
        [sys.executable, "-m", "kg.cli.main", "eval", str(gold), "--pred", str(pred)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    assert "0.500" in proc.stdout


def test_cli_eval_malformed_json_is_one_line_error(
    tmp_path: Path, files: tuple[Path, Path]
) -> None:
    gold, _ = files
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "events": []}\n{"id": "b", "events": [\n', encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "kg.cli.main", "eval", str(gold), "--pred", str(bad)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("error[E040]:")
    assert f"{bad}:2:" in lines[0]
    assert "Traceback" not in proc.stderr


def test_cli_eval_without_extractor(
    files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    gold, _ = files
    monkeypatch.setitem(sys.modules, "kg.extract.pipeline", None)  # import fails
    with pytest.raises(SystemExit) as info:
        main(["eval", str(gold)])
    assert info.value.code != 0
    err = capsys.readouterr().err
    assert err.startswith("error[E060]:")
    assert "--pred" in err


def test_cli_eval_runs_extractor(files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    gold, _ = files
    seen: list[list[dict[str, Any]]] = []

    def extract_records(
        records: list[dict[str, Any]], method: str | None = None
    ) -> list[dict[str, Any]]:
        seen.append(records)
        return [rec("b", ev("USA", "ACCUSE", "CHN"))]

    fake = types.ModuleType("kg.extract.pipeline")
    fake.extract_records = extract_records  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "kg.extract.pipeline", fake)
    result = CliRunner().invoke(cli, ["eval", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    assert [r["id"] for r in seen[0]] == ["a", "b", "c"]
    assert "events" not in seen[0][0]  # the gold answers are not handed to the extractor
    data = json.loads(result.output)
    assert data["event"]["precision"] == 1.0
    assert data["event"]["recall"] == 0.5
    assert data["missing_pred_records"] == 2
