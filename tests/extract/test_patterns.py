"""One test per pattern family, on sentences written for the tests: active and passive voice,
negation and future variants. They check the reading, not one article."""

from __future__ import annotations

import pytest
from reading import read  # noqa: F401 - fixture

pytestmark = pytest.mark.slow

VISIT = ("CONSULT", "visit")


def test_patterns_visit_future_is_planned(read):
    assert ("FRA", *VISIT, "DEU", "planned") in read(
        "Le président français se rendra à Berlin la semaine prochaine."
    )


def test_patterns_visit_past_is_asserted(read):
    assert ("JPN", *VISIT, "IND", "asserted") in read(
        "Le Premier ministre japonais s'est rendu en Inde en mars."
    )


def test_patterns_visit_noun_with_light_verb(read):
    assert ("ITA", *VISIT, "EGY", "planned") in read(
        "La présidente du Conseil italien effectuera une visite officielle en Égypte."
    )


def test_patterns_host_reverses_roles(read):
    events = read("Le président turc a accueilli le chef de l'État ukrainien à Ankara.")
    assert ("UKR", *VISIT, "TUR", "asserted") in events


def test_patterns_visit_negated(read):
    events = read("Le chancelier allemand ne s'est pas rendu en Chine cette année.")
    assert ("DEU", *VISIT, "CHN", "negated") in events


def test_patterns_meeting_is_symmetric(read):
    events = read(
        "Le ministre brésilien des Affaires étrangères a rencontré son homologue argentin."
    )
    assert any(e[1] == "CONSULT" and {e[0], e[3]} == {"BRA", "ARG"} for e in events)


def test_patterns_sanctions_noun_against(read):
    events = read("Le Canada a annoncé de nouvelles sanctions contre l'Iran.")
    assert ("CAN", "COERCE", "restrict", "IRN", "asserted") in events


def test_patterns_sanction_verb_passive(read):
    events = read("La Syrie a été sanctionnée par l'Union européenne.")
    assert ("EU", "COERCE", "restrict", "SYR", "asserted") in events


def test_patterns_sanction_future(read):
    events = read("Le Royaume-Uni sanctionnera la Biélorussie.")
    assert ("GBR", "COERCE", "restrict", "BLR", "planned") in events


def test_patterns_accusation_embeds_alleged_supply(read):
    events = read("Les autorités ukrainiennes ont accusé l'Iran de livrer des drones à la Russie.")
    assert ("IRN", "AID", "", "RUS", "alleged") in events
    assert not any(e[1] == "ACCUSE" and e[3] == "IRN" for e in events)


def test_patterns_accusation_without_embedded_event(read):
    events = read(
        "Le gouvernement polonais a accusé la Biélorussie d'orchestrer une crise migratoire."
    )
    assert ("POL", "ACCUSE", "allege", "BLR", "asserted") in events


def test_patterns_condemnation(read):
    events = read("La France a condamné l'Iran après l'attaque.")
    assert ("FRA", "ACCUSE", "disapprove", "IRN", "asserted") in events


def test_patterns_possible_with_could(read):
    events = read("L'Inde pourrait signer un accord de défense avec la France.")
    assert ("IND", "SUPPORT", "", "FRA", "possible") in events
    assert ("FRA", "SUPPORT", "", "IND", "possible") in events


def test_patterns_signing_both_directions(read):
    events = read("La Chine et le Brésil ont signé un accord commercial.")
    assert ("CHN", "SUPPORT", "", "BRA", "asserted") in events
    assert ("BRA", "SUPPORT", "", "CHN", "asserted") in events


def test_patterns_attack_active_and_passive(read):
    assert ("RUS", "ASSAULT", "", "UKR", "asserted") in read(
        "La Russie a bombardé l'Ukraine dans la nuit."
    )
    assert ("ISR", "ASSAULT", "", "LBN", "asserted") in read("Le Liban a été attaqué par Israël.")


def test_patterns_threat(read):
    events = read("La Corée du Nord a menacé le Japon.")
    assert ("PRK", "THREATEN", "", "JPN", "asserted") in events


def test_patterns_military_aid_planned(read):
    events = read("L'Allemagne va fournir des chars à l'Ukraine.")
    assert ("DEU", "AID", "", "UKR", "planned") in events


def test_patterns_expel_diplomats(read):
    events = read("La Pologne a rappelé son ambassadeur en Russie.")
    assert any(e[0] == "POL" and e[1] == "SANCTION" and e[3] == "RUS" for e in events)


def test_patterns_cooperation_between(read):
    events = read("La coopération militaire entre l'Iran et la Russie s'est renforcée.")
    assert any(e[1] == "COOPERATE" and {e[0], e[3]} == {"IRN", "RUS"} for e in events)


def test_patterns_request_call_on(read):
    events = read("Le Conseil de sécurité a appelé la Libye à cesser les hostilités.")
    assert ("UN", "REQUEST", "", "LBY", "asserted") in events


def test_patterns_veto_opposition(read):
    events = read("La Russie s'est opposée à la résolution de l'ONU.")
    assert any(e[0] == "RUS" and e[1] == "REJECT" and e[3] == "UN" for e in events)


def test_patterns_no_event_without_two_actors(read):
    assert read("Le ministre a visité une usine de voitures à Lyon.") == set()


def test_patterns_no_event_in_plain_description(read):
    assert read("Le climat de la Norvège est froid en hiver et la population aime le ski.") == set()
