"""The shared option checks accept what the commands accept, and refuse the rest early."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from kg.cli.options import iso_day, language, output_dir, output_file, utf8_text
from kg.errors import EncodingError, InputError, UnknownLanguage

DATE = click.Option(["--date"])
OUT = click.Option(["--out"])


@pytest.mark.parametrize("value", ["", "2024-06-18", "2024-02-29", "1999-12-31"])
def test_options_iso_day_accepts_days(value: str) -> None:
    assert iso_day(None, DATE, value) == value  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value", ["tomorrow", "2024-06", "2024", "20240618", "2023-02-29", "2024-06-18T10:00", " "]
)
def test_options_iso_day_refuses_anything_else(value: str) -> None:
    with pytest.raises(InputError, match=r"--date .*: expected a day YYYY-MM-DD"):
        iso_day(None, DATE, value)  # type: ignore[arg-type]


def test_options_output_file_accepts_new_and_existing_files(tmp_path: Path) -> None:
    nested = tmp_path / "a" / "b" / "out.nq"  # folders the command creates
    assert output_file(None, OUT, nested) == nested  # type: ignore[arg-type]
    existing = tmp_path / "old.nq"
    existing.write_text("x", encoding="utf-8")
    assert output_file(None, OUT, existing) == existing  # type: ignore[arg-type]
    assert output_file(None, OUT, None) is None  # type: ignore[arg-type]
    assert not (tmp_path / "a").exists()  # a check, not a write


def test_options_output_file_refuses_folders_and_paths_through_files(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="is a folder"):
        output_file(None, OUT, tmp_path)  # type: ignore[arg-type]
    with pytest.raises(InputError, match=r"f is a file, not a folder"):
        output_file(None, OUT, tmp_path / "f" / "deeper" / "out.nq")  # type: ignore[arg-type]


def test_options_output_dir(tmp_path: Path) -> None:
    assert output_dir(None, OUT, tmp_path / "new" / "report") == tmp_path / "new" / "report"  # type: ignore[arg-type]
    (tmp_path / "f").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="is a file, not a folder"):
        output_dir(None, OUT, tmp_path / "f")  # type: ignore[arg-type]


def test_options_utf8_text_and_language() -> None:
    text = click.Argument(["text"])
    assert utf8_text(None, text, "L'été 🇫🇷") == "L'été 🇫🇷"  # type: ignore[arg-type]
    with pytest.raises(EncodingError, match=r"TEXT: not UTF-8 text \(at character 3\)"):
        utf8_text(None, text, "ab\udcffc")  # type: ignore[arg-type]
    assert language(None, click.Option(["--lang"]), "fr") == "fr"  # type: ignore[arg-type]
    with pytest.raises(UnknownLanguage):
        language(None, click.Option(["--lang"]), "xx")  # type: ignore[arg-type]


def test_options_export_creates_missing_folders(kg_cli, oxigraph_seed_store, tmp_path) -> None:
    out = tmp_path / "new" / "deep" / "all.nq"
    result = kg_cli(*oxigraph_seed_store.args(), "export", "--format", "nq", "--out", str(out))
    assert result.code == 0 and out.stat().st_size > 0, result.err
