"""The HTML page: self-contained, offline, escaped; the CLI and the notebook helper."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import sample_store as S

from kg.store import Store, open_store
from kg.viz import iframe_html, json_for_script, render, show, to_html

DATA_RE = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.DOTALL)


def data_block(page: str) -> str:
    m = DATA_RE.search(page)
    assert m
    return m.group(1)


def test_json_for_script_escapes_html_and_line_separators() -> None:
    raw = {"s": "</script><!-- & \u2028 \u2029 >"}
    text = json_for_script(raw)
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in text
    assert "\\u003c/script\\u003e" in text
    assert json.loads(text) == raw


def test_page_is_self_contained(mem_store: Store) -> None:
    page = to_html(mem_store)
    # No external script, stylesheet, image or frame: nothing with an http(s) src/href.
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.IGNORECASE)
    assert not re.search(r"<link\b", page, re.IGNORECASE)
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.IGNORECASE)
    assert "@import" not in page
    assert "sourceMappingURL" not in page
    # vis-network is inlined, and so is our code.
    assert "vis-network" in page and "window.kgViewer" in page
    assert len(re.findall(r"^<script", page, re.MULTILINE)) == 3


def test_xss_probes_are_escaped(mem_store: Store) -> None:
    page = to_html(mem_store, title=S.XSS_SCRIPT)
    block = data_block(page)
    assert "<" not in block and ">" not in block
    payload = json.loads(block)
    sentences = [m["sentence"] for ev in payload["events"] for m in ev["mentions"]]
    assert S.XSS_SENTENCE in sentences
    assert payload["events"]
    # Raw probe text appears nowhere as markup: not in the data, not in the title.
    assert S.XSS_SCRIPT not in page
    assert S.XSS_IMG not in page
    assert "<title>" + html.escape(S.XSS_SCRIPT) + "</title>" in page
    # Our JS never writes data through innerHTML.
    js = Path(__file__).resolve().parents[2] / "kg" / "viz" / "templates" / "viewer.js"
    assert "innerHTML" not in js.read_text(encoding="utf-8")


def test_marker_text_in_title_is_not_expanded(mem_store: Store) -> None:
    page = to_html(mem_store, title="/*@DATA@*/ /*@VIS_JS@*/")
    assert page.count('id="kg-data"') == 1
    assert "<title>/*@DATA@*/ /*@VIS_JS@*/</title>" in page


def test_empty_store_renders() -> None:
    page = to_html(open_store(None, backend="memory"))
    payload = json.loads(data_block(page))
    assert payload["nodes"] == [] and payload["edges"] == []


def test_render_writes_file(mem_store: Store, tmp_path: Path) -> None:
    out = render(mem_store, tmp_path / "sub" / "v.html", level="actor")
    assert out.exists() and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert json.loads(data_block(out.read_text(encoding="utf-8")))["meta"]["level"] == "actor"


def test_iframe_srcdoc_escapes_the_whole_page(mem_store: Store) -> None:
    page = to_html(mem_store)
    frame = iframe_html(page, height=500)
    assert frame.startswith('<iframe srcdoc="') and "height:500px" in frame
    inner = frame[len('<iframe srcdoc="') : frame.index('" style=')]
    assert '"' not in inner and "<" not in inner
    assert html.unescape(inner) == page


def test_show_returns_ipython_html(mem_store: Store) -> None:
    pytest.importorskip("IPython")
    obj = show(mem_store, display=False, height=400)
    assert obj.data.startswith("<iframe srcdoc=")


def _cli_store(tmp_path: Path, backend: str) -> Path:
    folder = tmp_path / f"store-{backend}"
    st = open_store(folder, backend=backend, create=True)
    S.fill(st)
    st.close()
    return folder


@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
def test_cli_writes_html(tmp_path: Path, backend: str) -> None:
    from click.testing import CliRunner

    from kg.cli.main import cli

    folder = _cli_store(tmp_path, backend)
    out = tmp_path / "f.html"
    args = ["--store", str(folder), "--backend", backend, "viz", "--out", str(out)]
    result = CliRunner().invoke(cli, args + ["--modality", "asserted,planned"])
    assert result.exit_code == 0, result.output
    payload = json.loads(data_block(out.read_text(encoding="utf-8")))
    assert {e["modality"] for e in payload["events"]} == {"asserted", "planned"}
    assert payload["meta"]["counts"]["events"] == 4


def test_cli_query_file_and_level(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli.main import cli

    folder = _cli_store(tmp_path, "oxigraph")
    q = tmp_path / "alleged.rq"
    q.write_text("SELECT ?event WHERE { ?event kgo:modality kgo:Alleged }", encoding="utf-8")
    out = tmp_path / "g.html"
    args = ["--store", str(folder), "viz", "--query", str(q), "--level", "actor", "--out", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    payload = json.loads(data_block(out.read_text(encoding="utf-8")))
    assert payload["meta"]["counts"]["events"] == 2
    assert sum(n["kind"] == "event" for n in payload["nodes"]) == 2


def test_cli_bad_modality_is_a_user_error(tmp_path: Path) -> None:
    from kg.cli.main import main

    folder = _cli_store(tmp_path, "oxigraph")
    with pytest.raises(SystemExit) as exc:
        main(
            [
                "--store",
                str(folder),
                "viz",
                "--modality",
                "rumoured",
                "--out",
                str(tmp_path / "x.html"),
            ]
        )
    assert exc.value.code != 0
