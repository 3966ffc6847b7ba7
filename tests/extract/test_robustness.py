"""Any input gives a result or a clear error, never a crash. (Sentences read despite a
lemmatizer or parser slip are cases in `cases/robustness.jsonl`.)"""

from __future__ import annotations

import pytest

from kg.errors import InputError
from kg.extract.pipeline import clean_text, extract_text, read_documents

pytestmark = pytest.mark.slow


def test_robustness_empty_text():
    assert extract_text("") == []


def test_robustness_html_is_read_as_text():
    html = "<html><body><p>Le Canada a annoncé des sanctions contre l'Iran.</p><script>alert(1)</script></body></html>"
    assert "<p>" not in clean_text(html) and "alert" not in clean_text(html)
    events = [e.to_spec() for e in extract_text(html)]
    assert ("CAN", "COERCE", "IRN") in {(e["source"], e["type"], e["target"]) for e in events}


def test_robustness_other_language_gives_no_crash():
    assert isinstance(
        extract_text("这是一个测试。Это проверка. This is an English sentence about nothing."), list
    )


def test_robustness_long_text_is_chunked():
    sentence = "Le Canada a annoncé des sanctions contre l'Iran.\n"
    events = extract_text(sentence * 3000)  # ~150 kB, read in chunks
    assert len(events) == 1 and len(events[0].mentions) == 3000


def test_robustness_binary_file_is_a_clear_error(tmp_path):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InputError, match="not UTF-8"):
        read_documents([junk])


def test_robustness_bad_jsonl_names_the_line(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_text('{"id": "a", "text": "x"}\n{oops\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"in.jsonl:2"):
        read_documents([f])


def test_robustness_latin_locution_does_not_derail_the_parse():
    from kg.nlp import load

    doc = load("fr")("La Russie ne s'est pas, de facto, opposée à l'opération.")
    assert any(t.text == "de facto" for t in doc)  # one token, character offsets unchanged
    assert doc.text == "La Russie ne s'est pas, de facto, opposée à l'opération."
