"""Argument finding beyond the plain subject/object: resolutions and the organisation that
votes them, adjectives naming the author of an event noun, beneficiaries, pairs named with
"entre", relative clauses, object control, and parser slips. Sentences written for the tests."""

from __future__ import annotations

import pytest
from reading import read  # noqa: F401 - fixture

pytestmark = pytest.mark.slow


def test_arguments_list_of_de_complements_passive(read):
    events = read(
        "Les ambassadeurs du Brésil, du Chili, du Pérou et de l'Uruguay ont été convoqués par "
        "le Venezuela."
    )
    assert events == {
        ("VEN", "ACCUSE", "disapprove", code, "asserted") for code in ("BRA", "CHL", "PER", "URY")
    }


def test_arguments_list_of_de_complements_active(read):
    events = read("Le Venezuela a convoqué les ambassadeurs du Brésil, du Chili et du Pérou.")
    assert events == {
        ("VEN", "ACCUSE", "disapprove", code, "asserted") for code in ("BRA", "CHL", "PER")
    }


def test_arguments_list_of_de_complements_negated(read):
    events = read("Le Venezuela n'a pas convoqué les ambassadeurs du Brésil, du Chili et du Pérou.")
    assert events == {
        ("VEN", "ACCUSE", "disapprove", code, "negated") for code in ("BRA", "CHL", "PER")
    }


def test_arguments_list_with_repeated_preposition_a(read):
    events = read("Le Japon a livré des armes à la Thaïlande, au Vietnam et à la Malaisie.")
    assert events == {("JPN", "AID", "", code, "asserted") for code in ("THA", "VNM", "MYS")}


def test_arguments_list_of_subjects_signing(read):
    events = read("Le Mali, le Niger, le Tchad et le Ghana ont signé un accord avec le Togo.")
    expected = set()
    for code in ("MLI", "NER", "TCD", "GHA"):
        expected |= {
            (code, "SUPPORT", "", "TGO", "asserted"),
            ("TGO", "SUPPORT", "", code, "asserted"),
        }
    assert events == expected


def test_arguments_list_of_supporters_judged_by_agent(read):
    # the agent of "dénoncé" judges the support; the supporters are the "de" list
    events = read(
        "Le soutien de la Bolivie, de Cuba et du Nicaragua au Venezuela a été dénoncé par le Pérou."
    )
    expected = {("PER", "ACCUSE", "disapprove", code, "asserted") for code in ("BOL", "CUB", "NIC")}
    expected |= {(code, "SUPPORT", "", "VEN", "asserted") for code in ("BOL", "CUB", "NIC")}
    assert events == expected


def test_arguments_list_ends_at_another_subject(read):
    events = read("Le Japon a livré des armes à la Thaïlande, et le Vietnam a protesté.")
    assert events == {("JPN", "AID", "", "THA", "asserted")}


def test_arguments_coordinated_verb_shares_subject_and_addressee(read):
    events = read("Le Pérou a convoqué l'ambassadeur de Bolivie et exigé des explications.")
    assert events == {
        ("PER", "ACCUSE", "disapprove", "BOL", "asserted"),
        ("PER", "REQUEST", "", "BOL", "asserted"),
    }


def test_arguments_coordinated_verb_addressee_after_a_recipient(read):
    events = read(
        "Le Japon a adressé un avertissement à la Corée du Nord et demandé la fin des essais."
    )
    assert events == {
        ("JPN", "THREATEN", "", "PRK", "asserted"),
        ("JPN", "REQUEST", "", "PRK", "asserted"),
    }


def test_arguments_coordinated_verb_keeps_its_own_addressee(read):
    events = read(
        "Le Pérou a convoqué l'ambassadeur de Bolivie et exigé des explications de la part du Chili."
    )
    assert events == {
        ("PER", "ACCUSE", "disapprove", "BOL", "asserted"),
        ("PER", "REQUEST", "", "CHL", "asserted"),
    }


def test_arguments_coordinated_verb_with_its_own_subject_shares_nothing(read):
    events = read(
        "Le Pérou a convoqué l'ambassadeur de Bolivie et le Chili a exigé des explications."
    )
    assert events == {("PER", "ACCUSE", "disapprove", "BOL", "asserted")}


def test_arguments_coordinated_verb_negated(read):
    events = read(
        "Le Pérou n'a pas convoqué l'ambassadeur de Bolivie et n'a pas exigé d'explications."
    )
    assert events == {
        ("PER", "ACCUSE", "disapprove", "BOL", "negated"),
        ("PER", "REQUEST", "", "BOL", "negated"),
    }


def test_arguments_coordinated_verb_not_listed_takes_no_addressee(read):
    # condemning terrorism after summoning Y is no condemnation of Y
    events = read("Le Pérou a convoqué l'ambassadeur de Bolivie et dénoncé le terrorisme.")
    assert events == {("PER", "ACCUSE", "disapprove", "BOL", "asserted")}


def test_arguments_detached_participle_is_said_of_the_name_before_it(read):
    # the accused is the name before the participle, the accuser the main clause's subject
    events = read("Le Soudan a rompu ses relations avec le Tchad, accusé d'armer les rebelles.")
    assert events == {
        ("SDN", "SANCTION", "withdraw", "TCD", "asserted"),
        ("SDN", "ACCUSE", "allege", "TCD", "asserted"),
    }


def test_arguments_participle_on_an_object_noun(read):
    events = read("Le Soudan a expulsé deux diplomates tchadiens, accusés d'espionnage.")
    assert events == {
        ("SDN", "SANCTION", "expel", "TCD", "asserted"),
        ("SDN", "ACCUSE", "allege", "TCD", "asserted"),
    }


def test_arguments_participle_on_the_subject_names_no_accuser(read):
    events = read("Le Tchad, accusé d'armer les rebelles, a rompu ses relations avec le Soudan.")
    assert events == {("TCD", "SANCTION", "withdraw", "SDN", "asserted")}


def test_arguments_participle_act_is_done_by_the_accused(read):
    events = read("Le Soudan a rompu ses relations avec le Tchad, accusé d'armer la Libye.")
    assert events == {
        ("SDN", "SANCTION", "withdraw", "TCD", "asserted"),
        ("TCD", "AID", "", "LBY", "alleged"),
    }


def test_arguments_participle_with_agent(read):
    events = read("Le Japon a livré des vivres au Soudan, attaqué par le Tchad.")
    assert events == {
        ("JPN", "AID", "", "SDN", "asserted"),
        ("TCD", "ASSAULT", "", "SDN", "asserted"),
    }


def test_arguments_relative_subject_is_the_antecedent(read):
    events = read("L'Éthiopie, qui a bombardé la Somalie, a menacé l'Érythrée.")
    assert events == {
        ("ETH", "ASSAULT", "", "SOM", "asserted"),
        ("ETH", "THREATEN", "", "ERI", "asserted"),
    }


def test_arguments_relative_subject_negated(read):
    events = read("L'Éthiopie, qui n'a pas bombardé la Somalie, a menacé l'Érythrée.")
    assert events == {
        ("ETH", "ASSAULT", "", "SOM", "negated"),
        ("ETH", "THREATEN", "", "ERI", "asserted"),
    }


def test_arguments_participle_with_agent_and_recipient(read):
    events = read("Les sanctions imposées par le Canada à l'Iran ont été prolongées.")
    assert events == {("CAN", "COERCE", "restrict", "IRN", "asserted")}


def test_arguments_participle_of_an_act_has_no_implied_agent(read):
    events = read("Le Soudan a rompu ses relations avec le Tchad, attaqué la veille.")
    assert events == {("SDN", "SANCTION", "withdraw", "TCD", "asserted")}


def test_arguments_participles_sharing_an_auxiliary_are_active(read):
    events = read(
        "Le ministre soudanais a dénoncé une incursion « inacceptable », exigé la libération des "
        "soldats et menacé le Tchad de représailles."
    )
    assert events == {("SDN", "THREATEN", "", "TCD", "asserted")}
