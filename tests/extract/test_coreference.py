"""Coreference beyond events: which actors a sentence names. The sentence-level event cases
of coreference are in `cases/coreference.jsonl`."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _codes(text: str) -> set[str]:
    from kg.extract.pipeline import explain

    return {code for a in explain(text).actors for code in a["codes"]}


def test_coreference_case_sensitive_form_needs_its_case():
    # "UA" (the African Union) is case-sensitive: the word "ua" is not it
    assert "AU" not in _codes("Le Kenya ua condamné le Soudan.")


def test_coreference_case_sensitive_form_with_its_case_is_the_au():
    # the control of the test above: written "UA", it is the African Union
    assert {"KEN", "AU", "SDN"} <= _codes("Le Kenya et l'UA ont condamné le Soudan.")
