"""write_report and `kg report` write the charts and an escaped, offline index.html."""

from __future__ import annotations

import re

from click.testing import CliRunner

from kg.analysis import write_report
from kg.analysis.report import IMAGES

from .conftest import build_store
from .test_projection_graphs import row


def test_report_writes_pngs_and_index(small_store, tmp_path):
    report = write_report(small_store, tmp_path / "out", modalities=None)
    assert report.index == tmp_path / "out" / "index.html"
    for path in report.files:
        assert path.exists() and path.stat().st_size > 0
    assert [p.name for p in report.images] == list(IMAGES)
    assert report.n_events == 8 and report.n_actors == 7
    page = report.index.read_text(encoding="utf-8")
    for name in IMAGES:
        assert f'src="{name}"' in page
    assert "United Nations" in page and "Structural balance" in page


def test_report_has_no_network_resources(small_store, tmp_path):
    page = write_report(small_store, tmp_path).index.read_text(encoding="utf-8")
    assert not re.search(r"(src|href)=\"(https?:)?//", page)
    assert "<script" not in page


def test_report_escapes_text(tmp_path):
    evil = row("e1", "AAA", "BBB", -5.0)
    evil = type(evil)(**{**evil.__dict__, "source_label": "<script>alert('x')</script> & Co"})
    page = write_report([evil], tmp_path).index.read_text(encoding="utf-8")
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; Co" in page


def test_report_on_empty_selection(small_store, tmp_path):
    report = write_report(small_store, tmp_path, since="1990", until="1991")
    assert report.n_events == 0
    assert all(p.exists() for p in report.files)


def test_cli_report(tmp_path, monkeypatch):
    from kg.cli import main as cli_main

    folder = tmp_path / "store"
    _save_as_memory_store(build_store("memory"), folder)

    out = tmp_path / "rep"
    result = CliRunner().invoke(
        cli_main.cli,
        [
            "--store",
            str(folder),
            "--backend",
            "memory",
            "report",
            "--out",
            str(out),
            "--modality",
            "asserted",
            "--modality",
            "alleged",
            "--since",
            "2024",
        ],
    )
    assert result.exit_code == 0, result.output
    assert f"wrote {out / 'index.html'}" in result.output
    assert "6 events" in result.output  # 5 asserted in 2024 + the alleged attack
    for name in IMAGES:
        assert (out / name).exists()


def test_cli_report_bad_date(tmp_path):
    from kg.cli import main as cli_main

    folder = tmp_path / "store"
    _save_as_memory_store(build_store("memory"), folder)
    result = CliRunner().invoke(
        cli_main.cli,
        [
            "--store",
            str(folder),
            "--backend",
            "memory",
            "report",
            "--out",
            str(tmp_path / "r"),
            "--since",
            "yesterday",
        ],
    )
    assert result.exit_code != 0
    assert "unreadable date" in str(result.exception or result.output)


def _save_as_memory_store(built, folder):  # noqa: ANN001, ANN202
    """Save a hand-built store where the memory backend reads it (its public write path)."""
    from rdflib import Graph

    from kg.store import open_store

    graphs: dict = {}
    for s, p, o, g in built.quads():
        graphs.setdefault(g, Graph()).add((s, p, o))
    with open_store(folder, backend="memory", create=True) as target:
        target.replace_graphs(graphs)
