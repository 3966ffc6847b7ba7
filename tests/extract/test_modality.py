from __future__ import annotations

import pytest
from reading import read  # noqa: F401 - fixture

pytestmark = pytest.mark.slow


def test_modality_expected_is_planned(read):
    events = read("Le président russe est attendu à Pékin pour une visite d'État.")
    assert ("RUS", "CONSULT", "visit", "CHN", "planned") in events


def test_modality_must_go_is_planned(read):
    events = read("Le ministre indien doit se rendre au Japon.")
    assert ("IND", "CONSULT", "visit", "JPN", "planned") in events


def test_modality_likely_is_possible(read):
    events = read("Les deux pays sont susceptibles de signer un traité.", date="2024-01-01")
    assert events == set() or all(e[4] == "possible" for e in events)


def test_modality_refuse_negates_the_refused_action(read):
    events = read("Le Premier ministre israélien a refusé de rencontrer le président américain.")
    assert any(e[1] == "CONSULT" and e[4] == "negated" for e in events)


def test_modality_negated_worry(read):
    events = read(
        "« Le voyage du président chinois ne nous inquiète pas », a déclaré le porte-parole du gouvernement japonais."
    )
    assert ("JPN", "ACCUSE", "disapprove", "CHN", "negated") in events


def test_modality_denial_attaches_denied_by():
    from kg.extract.pipeline import extract_text

    text = (
        "Les responsables américains ont accusé l'Iran de fournir des missiles à la Russie. "
        "Téhéran et Moscou ont nié ces allégations."
    )
    events = [e.to_spec() for e in extract_text(text, date="2024-01-01")]
    supply = [e for e in events if e["type"] == "AID" and e["source"] == "IRN"]
    assert supply and supply[0]["modality"] == "alleged"
    assert set(supply[0]["denied_by"]) == {"IRN", "RUS"}


def test_modality_negated_stance_leaves_the_event_asserted(read):
    events = read("Le Brésil n'a pas condamné l'invasion du Koweït par l'Irak.")
    assert ("BRA", "ACCUSE", "disapprove", "IRQ", "negated") in events
    assert ("IRQ", "ASSAULT", "", "KWT", "asserted") in events


def test_modality_negated_light_verb_negates_the_event(read):
    events = read("Le président chilien n'a pas effectué de visite en Bolivie.")
    assert ("CHL", "CONSULT", "visit", "BOL", "negated") in events


def test_modality_future_read_off_the_word_when_tagger_misses_it(read):
    events = read("Les États-Unis et le Japon mèneront des exercices militaires conjoints en mai.")
    pairs = {(e[0], e[3]) for e in events if e[1] == "COOPERATE" and e[4] == "planned"}
    assert pairs & {("USA", "JPN"), ("JPN", "USA")}  # symmetric: either order


def test_modality_irregular_conditional_stem(read):
    events = read("La Norvège soutiendrait l'Ukraine.")
    assert ("NOR", "SUPPORT", "", "UKR", "possible") in events


def test_modality_imperfect_is_not_conditional(read):
    events = read("La Norvège soutenait l'Ukraine.")
    assert ("NOR", "SUPPORT", "", "UKR", "asserted") in events


def test_modality_denied_involvement_is_alleged_and_denied(read):
    from kg.extract.pipeline import extract_text, spec_events

    events = spec_events(
        extract_text(
            "Le Kremlin nie toute implication dans l'attaque contre la Moldavie.", date="2024-03-04"
        )
    )
    attack = [
        e for e in events if (e["source"], e["type"], e["target"]) == ("RUS", "ASSAULT", "MDA")
    ]
    assert attack and attack[0]["modality"] == "alleged"
    assert attack[0].get("denied_by") == ["RUS"]


def test_modality_promised_act_is_planned(read):
    events = read("La Russie a promis de livrer des armes à la Syrie.")
    assert ("RUS", "AID", "", "SYR", "planned") in events


def test_modality_not_ruling_out_is_possible(read):
    events = read("Le Kenya n'exclut pas une intervention militaire en Somalie.")
    assert ("KEN", "MOBILIZE", "troops", "SOM", "possible") in events


def test_modality_ruling_out_is_negated(read):
    events = read("Le Kenya exclut une intervention militaire en Somalie.")
    assert ("KEN", "MOBILIZE", "troops", "SOM", "negated") in events


# -- requested and conditional acts are possible, never asserted -----------------------------
# Rule: the act a request names (as a clause or as a noun) is emitted with modality
# `possible` beside the REQUEST; the act of a condition ("si", "au cas où", "à condition que")
# is `possible`. Neither is ever `asserted`.


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
