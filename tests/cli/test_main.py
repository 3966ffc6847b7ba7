"""The CLI shell: help, one-line errors in a real process, exit codes (regressions)."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import click
import pytest

from kg.cli import main as main_module


def test_main_help_lists_my_commands(kg_cli) -> None:
    out = kg_cli("--help").out
    for name in ("build", "load", "query", "export", "stats"):
        assert name in out


def test_main_errors_are_one_line_without_traceback(kg_process, tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://e/> .\nex:a ex:p .\n", encoding="utf-8")
    latin = tmp_path / "latin.ttl"
    latin.write_bytes(b'<http://e/a> <http://e/p> "caf\xe9" .\n')
    store = tmp_path / "s"
    good = tmp_path / "good.ttl"
    good.write_text("<http://e/a> <http://e/p> <http://e/b> .\n", encoding="utf-8")
    assert kg_process("--store", str(store), "load", str(good)).code == 0
    cases = [
        (["--store", str(store), "load", str(bad)], "bad.ttl", "line 2"),
        (["--store", str(store), "load", str(latin)], "latin.ttl:1", "not UTF-8"),
        (["--store", str(store), "query", "SELECT * WHERE {"], "E020", "invalid SPARQL"),
        (["--store", "/nonexistent", "query", "ASK {}"], "/nonexistent", "no store"),
    ]
    for args, *needles in cases:
        result = kg_process(*args)
        assert result.code != 0, args
        assert "Traceback" not in result.err, result.err
        assert len(result.err.strip().splitlines()) == 1, result.err
        for needle in needles:
            assert needle in result.err, (needle, result.err)
    result = kg_process(
        "--store",
        str(store),
        "query",
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        "--format",
        "csv",
    )
    assert result.out.splitlines()[1] == "1"  # the store is as it was


def test_main_ctx_exit_code_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: with standalone_mode=False click *returns* the code of ctx.exit(n), and
    main() used to drop it, so such a command exited 0."""

    @click.command()
    @click.pass_context
    def failing(ctx: click.Context) -> None:
        ctx.exit(3)

    module = types.ModuleType("kg.cli.failing_cmd")
    module.command = failing  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "kg.cli.failing_cmd", module)
    monkeypatch.setitem(main_module.COMMANDS, "failing", "test")
    with pytest.raises(SystemExit) as exc:
        main_module.main(["failing"])
    assert exc.value.code == 3


def test_main_missing_command_module_is_one_line(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """Regression: a command listed in COMMANDS whose module is missing raised a traceback."""
    monkeypatch.setitem(main_module.COMMANDS, "ghost", "not there")
    with pytest.raises(SystemExit) as exc:
        main_module.main(["ghost"])
    assert exc.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("error[E000]: `kg ghost` is not available") and err.count("\n") == 1


def test_main_default_store_is_kg_store_or_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KG_STORE", raising=False)
    assert (
        main_module.default_store_path()
        == Path(main_module.__file__).resolve().parents[2] / ".kg-store"
    )
    monkeypatch.setenv("KG_STORE", "/tmp/elsewhere")
    assert main_module.default_store_path() == Path("/tmp/elsewhere")
