"""Coreference beyond events: which actors a sentence names. The sentence-level event cases
of coreference are in `cases/coreference.jsonl`."""

from __future__ import annotations

import pytest
from reading import read  # noqa: F401 - fixture

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


def test_coreference_object_pronoun_l_is_the_closest_other_actor(read):
    events = read("La Bolivie a reçu le président chilien. Elle l'a félicité pour sa victoire.")
    assert events == {
        ("CHL", "CONSULT", "visit", "BOL", "asserted"),
        ("BOL", "SUPPORT", "", "CHL", "asserted"),
    }


def test_coreference_object_pronoun_is_not_its_clause_subject(read):
    events = read("Le Pérou a critiqué le Chili. La Bolivie l'a condamné.")
    assert events == {
        ("PER", "ACCUSE", "disapprove", "CHL", "asserted"),
        ("BOL", "ACCUSE", "disapprove", "CHL", "asserted"),
    }


def test_coreference_object_pronoun_negated(read):
    events = read("Le Pérou a critiqué le Chili. La Bolivie ne l'a pas condamné.")
    assert events == {
        ("PER", "ACCUSE", "disapprove", "CHL", "asserted"),
        ("BOL", "ACCUSE", "disapprove", "CHL", "negated"),
    }


def test_coreference_dative_pronoun_lui_is_the_recipient(read):
    events = read("Le Pérou a reçu le président chilien. Le Brésil lui a livré des armes.")
    assert events == {
        ("CHL", "CONSULT", "visit", "PER", "asserted"),
        ("BRA", "AID", "", "CHL", "asserted"),
    }
