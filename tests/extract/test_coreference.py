"""Coreference within an article: local authorities, pairs of organisations, pronouns.
Sentences written for the tests."""

from __future__ import annotations

import pytest
from reading import read  # noqa: F401 - fixture

pytestmark = pytest.mark.slow


def test_coreference_local_authorities_are_the_place_state(read):
    events = read(
        "Des diplomates britanniques en poste à Caracas sont tombés malades. "
        "Londres accuse les autorités locales de négligence."
    )
    assert any(e[:2] == ("GBR", "ACCUSE") and e[3] == "VEN" for e in events)


def test_coreference_local_authorities_need_a_place(read):
    # Venezuela is named as an actor, never as a place: nothing to refer back to
    events = read("Le Venezuela proteste. Londres accuse les autorités locales de négligence.")
    assert not any(e[0] == "GBR" and e[3] == "VEN" for e in events)


def test_coreference_two_institutions_are_the_last_two_organisations(read):
    events = read(
        "L'OTAN a annoncé des exercices et l'Union européenne a suspendu son aide. "
        "Le gouvernement serbe a condamné les deux institutions."
    )
    assert ("SRB", "ACCUSE", "disapprove", "NATO", "asserted") in events
    assert ("SRB", "ACCUSE", "disapprove", "EU", "asserted") in events


def test_coreference_object_regime_is_not_the_clause_subject(read):
    events = read(
        "Le président syrien a reçu des armes. Le président français a dénoncé le régime."
    )
    assert ("FRA", "ACCUSE", "disapprove", "SYR", "asserted") in events


def test_coreference_lowercase_gazetteer_form_matches_mid_sentence(read):
    events = read("Selon Beyrouth, les casques bleus ont critiqué le Liban.")
    assert any(e[0] == "UN" and e[3] == "LBN" for e in events)


def test_coreference_case_sensitive_form_needs_its_case(read):
    # "UA" (the African Union) is case-sensitive: the word "ua" is not it
    from kg.extract.pipeline import explain

    actors = explain("Le Kenya ua condamné le Soudan.").actors
    assert not any("AU" in a["codes"] for a in actors)


def test_coreference_name_keeps_its_code_later_in_the_article(read):
    events = read(
        "Jorge Valdemarín, porte-parole du gouvernement chilien, est arrivé hier. "
        "Valdemarín a ensuite condamné le Pérou."
    )
    assert ("CHL", "ACCUSE", "disapprove", "PER", "asserted") in events


def test_coreference_possessive_title_acts_for_the_clause_subject(read):
    events = read(
        "L'Union africaine a annoncé l'arrivée de son émissaire Kwame Osei à Khartoum. "
        "Osei devrait se rendre au Tchad."
    )
    assert ("AU", "CONSULT", "visit", "TCD", "planned") in events


def test_coreference_location_of_a_person_is_not_their_state(read):
    events = read("Kwame Osei à Bamako a condamné le Niger.")
    assert not any(e[0] == "MLI" for e in events)


def test_coreference_le_pays_is_the_main_state_not_the_last_named(read):
    events = read(
        "Le Burundi est sous pression. Le gouvernement burundais a expulsé trois experts de "
        "l'ONU, dont l'Algérienne Maya Fadel. Le pays souhaite aussi quitter l'Union africaine."
    )
    assert not any(e[0] == "DZA" for e in events)


def test_coreference_group_led_by_a_state_stands_for_it(read):
    events = read("La coalition menée par l'Arabie saoudite a bombardé des positions yéménites.")
    assert ("SAU", "ASSAULT", "", "YEM", "asserted") in events


def test_coreference_son_pays_is_the_subject_s(read):
    events = read(
        "Le président russe a parlé hier. Le chef de la diplomatie géorgienne, Ilia Tchkouaseli, "
        "a appelé Paris à soutenir son pays."
    )
    assert any(e[:2] == ("FRA", "SUPPORT") and e[3] == "GEO" for e in events)


def test_coreference_des_deux_pays(read):
    events = read(
        "L'Inde et le Pakistan se sont affrontés. Washington a téléphoné aux chefs de la "
        "diplomatie des deux pays."
    )
    assert {e[3] for e in events if e[:2] == ("USA", "CONSULT")} >= {"IND", "PAK"} or {
        e[0] for e in events if e[1] == "CONSULT" and e[3] == "USA"
    } >= {"IND", "PAK"}


def test_coreference_object_pronoun_les_is_the_plural_antecedent(read):
    events = read(
        "L'Éthiopie et l'Érythrée se sont affrontées. L'Union africaine a téléphoné aux deux "
        "capitales pour les exhorter au calme."
    )
    targets = {e[3] for e in events if e[:2] == ("AU", "REQUEST")}
    assert targets == {"ETH", "ERI"}


def test_coreference_ils_after_a_coordinated_subject_is_both(read):
    events = read("Le Chili et le Pérou ont signé un accord. Ils ont ensuite condamné la Bolivie.")
    sources = {e[0] for e in events if e[1] == "ACCUSE" and e[3] == "BOL"}
    assert sources == {"CHL", "PER"}


def test_coreference_du_territoire_is_the_place_just_named(read):
    events = read(
        "Le Timor oriental a été envahi par l'Indonésie en 1975 suite au retrait portugais du "
        "territoire."
    )
    assert any(e[:2] == ("PRT", "RETREAT") and e[3] == "TLS" for e in events)


def test_coreference_regression_pair_as_subject_keeps_the_earlier_subject(read):
    # regression: "les deux parties" as a subject lost the main clause's own subject
    events = read(
        "Le président chinois effectuera une visite au Brésil, les deux parties étant "
        "susceptibles de signer un traité."
    )
    assert ("CHN", "SUPPORT", "", "BRA", "possible") in events


# -- singular object pronouns: the closest other actor, never the clause's own subject -------


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
