from __future__ import annotations

import pytest
from reading import read  # noqa: F401 - fixture

pytestmark = pytest.mark.slow


def test_modality_requested_noun_act_is_possible(read):
    events = read("Le Kenya réclame un cessez-le-feu entre l'Éthiopie et l'Érythrée.")
    assert events == {
        ("ETH", "RETREAT", "ceasefire", "ERI", "possible"),
        ("ERI", "RETREAT", "ceasefire", "ETH", "possible"),
    }


def test_modality_request_to_an_actor_is_the_request_only(read):
    # "appelle Y à un cessez-le-feu": Y alone is no pair, the ceasefire is no event
    events = read("Le Kenya appelle l'Éthiopie à un cessez-le-feu.")
    assert events == {("KEN", "REQUEST", "", "ETH", "asserted")}


def test_modality_demanded_sanctions_are_possible(read):
    events = read("Le Kenya exige des sanctions contre l'Érythrée.")
    assert events == {("KEN", "COERCE", "restrict", "ERI", "possible")}


def test_modality_condition_si_makes_the_act_possible(read):
    events = read("Si l'Éthiopie attaque l'Érythrée, le Kenya réagira.")
    assert events == {("ETH", "ASSAULT", "", "ERI", "possible")}


def test_modality_condition_with_negation_stays_possible(read):
    events = read("Si l'Éthiopie n'attaque pas l'Érythrée, le Kenya sera satisfait.")
    assert events == {("ETH", "ASSAULT", "", "ERI", "possible")}


def test_modality_concessive_si_is_no_condition(read):
    events = read("Même si l'Éthiopie a attaqué l'Érythrée, le Kenya n'a rien dit.")
    assert events == {("ETH", "ASSAULT", "", "ERI", "asserted")}


def test_modality_condition_noun_au_cas_ou(read):
    events = read("Au cas où l'Éthiopie attaque l'Érythrée, le Kenya réagira.")
    assert events == {("ETH", "ASSAULT", "", "ERI", "possible")}


def test_modality_condition_noun_a_condition_que(read):
    events = read("Le Kenya réagira à condition que l'Éthiopie attaque l'Érythrée.")
    assert events == {("ETH", "ASSAULT", "", "ERI", "possible")}


def test_modality_condition_over_an_infinitive(read):
    events = read("Si l'Éthiopie décide d'attaquer l'Érythrée, le Kenya réagira.")
    assert events == {("ETH", "ASSAULT", "", "ERI", "possible")}


def test_modality_buying_arms_from_a_state_is_no_aid_by_it(read):
    assert read("Le Kenya a acheté des armes à l'Éthiopie.") == set()
    assert read("Le Kenya veut acheter des blindés à l'Éthiopie.") == set()
