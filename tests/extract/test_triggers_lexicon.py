"""One test per family of trigger rows in `kg/nlp/lexicons/fr/triggers.csv`, on sentences
written for the tests: active and passive voice, negation and future for the main families,
and non-political uses of broad verbs that must give no event."""

from __future__ import annotations

import pytest
from reading import read  # noqa: F401 - fixture

pytestmark = pytest.mark.slow


def _pairs(events, type_):  # noqa: ANN001, ANN202
    return {(e[0], e[3]) for e in events if e[1] == type_}


# -- CONSULT ------------------------------------------------------------------------------


def test_triggers_lexicon_rendre_visite_is_a_visit(read):
    events = read("Le Premier ministre indien a rendu visite au président russe à Moscou.")
    assert ("IND", "CONSULT", "visit", "RUS", "asserted") in events


def test_triggers_lexicon_mediator_between_two_states(read):
    events = read("Le Qatar joue le rôle de médiateur entre l'Iran et les États-Unis.")
    assert ("QAT", "CONSULT", "third-party", "IRN", "asserted") in events
    assert ("QAT", "CONSULT", "third-party", "USA", "asserted") in events


def test_triggers_lexicon_phone_call_verb_and_noun(read):
    assert ("USA", "CONSULT", "phone", "CHN", "asserted") in read(
        "Le président américain s'est entretenu au téléphone avec son homologue chinois."
    )
    assert ("DEU", "CONSULT", "phone", "UKR", "asserted") in read(
        "Le chancelier allemand a eu un entretien téléphonique avec le président ukrainien."
    )


def test_triggers_lexicon_phone_call_negated(read):
    events = read(
        "Le président turc n'a pas eu de conversation téléphonique avec Vladimir Poutine."
    )
    assert ("TUR", "CONSULT", "phone", "RUS", "negated") in events


def test_triggers_lexicon_talks_and_dialogue(read):
    assert ("JPN", "KOR") in _pairs(
        read("Le Japon a mené des consultations avec la Corée du Sud."), "CONSULT"
    )
    events = read("Le Maroc veut dialoguer avec l'Algérie.")
    assert ("MAR", "CONSULT", "", "DZA", "planned") in events


# -- SUPPORT ------------------------------------------------------------------------------


def test_triggers_lexicon_thank_active_passive_future_negated(read):
    assert ("UKR", "SUPPORT", "", "DEU", "asserted") in read(
        "Le président ukrainien a remercié l'Allemagne pour son aide."
    )
    assert ("UKR", "SUPPORT", "", "DEU", "asserted") in read(
        "L'Allemagne a été remerciée par le président ukrainien."
    )
    assert ("UKR", "SUPPORT", "", "DEU", "planned") in read(
        "Le président ukrainien remerciera l'Allemagne."
    )
    assert ("UKR", "SUPPORT", "", "DEU", "negated") in read(
        "Le président ukrainien n'a pas remercié l'Allemagne."
    )


def test_triggers_lexicon_approve_a_decision(read):
    assert ("USA", "SUPPORT", "", "KOR", "asserted") in read(
        "Washington a applaudi la décision de Séoul."
    )
    assert ("FRA", "SUPPORT", "", "DEU", "asserted") in read(
        "La France appuie la candidature de l'Allemagne."
    )


def test_triggers_lexicon_normalise_relations(read):
    assert ("ISR", "SUPPORT", "", "MAR", "asserted") in read(
        "Israël a normalisé ses relations avec le Maroc."
    )
    assert ("ISR", "SUPPORT", "", "SAU", "planned") in read(
        "Israël normalisera ses relations avec l'Arabie saoudite."
    )
    assert ("ISR", "SUPPORT", "", "SAU", "negated") in read(
        "Israël n'a pas normalisé ses relations avec l'Arabie saoudite."
    )


def test_triggers_lexicon_apology_and_verbal_defence(read):
    assert ("JPN", "SUPPORT", "", "KOR", "asserted") in read(
        "Le Japon a présenté ses excuses à la Corée du Sud."
    )
    assert ("CHN", "SUPPORT", "", "RUS", "asserted") in read(
        "La Chine a pris la défense de la Russie."
    )


# -- COOPERATE ----------------------------------------------------------------------------


def test_triggers_lexicon_partnership_and_intelligence_sharing(read):
    assert ("FRA", "IND") in _pairs(
        read("La France a conclu un partenariat stratégique avec l'Inde."), "COOPERATE"
    )
    assert ("FRA", "MAR") in _pairs(
        read("La France partage des renseignements avec le Maroc."), "COOPERATE"
    )


# -- AID ----------------------------------------------------------------------------------


def test_triggers_lexicon_arms_sale_active_passive_future_negated(read):
    assert ("FRA", "AID", "", "IND", "asserted") in read(
        "La France a vendu des avions de combat à l'Inde."
    )
    assert ("FRA", "AID", "", "IND", "asserted") in read(
        "Des armes ont été vendues à l'Inde par la France."
    )
    assert ("FRA", "AID", "", "IND", "planned") in read(
        "La France vendra des avions de combat à l'Inde."
    )
    assert ("DEU", "AID", "", "SAU", "negated") in read(
        "L'Allemagne ne vend plus d'armes à l'Arabie saoudite."
    )


def test_triggers_lexicon_loans_grants_and_debt_relief(read):
    assert ("EU", "AID", "", "LBN", "asserted") in read(
        "L'Union européenne a octroyé une aide de 50 millions d'euros au Liban."
    )
    assert ("CHN", "AID", "", "LKA", "planned") in read(
        "La Chine va prêter deux milliards de dollars au Sri Lanka."
    )
    assert ("FRA", "AID", "", "CIV", "asserted") in read(
        "La France a annulé la dette de la Côte d'Ivoire."
    )


# -- AGREE --------------------------------------------------------------------------------


def test_triggers_lexicon_offer_of_mediation(read):
    assert ("QAT", "ETH") in _pairs(read("Le Qatar a offert sa médiation à l'Éthiopie."), "AGREE")


def test_triggers_lexicon_accept_a_proposal(read):
    assert ("IRN", "AGREE", "", "RUS", "asserted") in read(
        "L'Iran a accepté la proposition de la Russie."
    )
    assert ("IRN", "AGREE", "", "RUS", "asserted") in read(
        "La proposition de la Russie a été acceptée par l'Iran."
    )
    assert ("IRN", "AGREE", "", "RUS", "negated") in read(
        "L'Iran n'a pas accepté la proposition de la Russie."
    )


def test_triggers_lexicon_agree_together(read):
    assert ("JPN", "USA") in _pairs(
        read("Le Japon a convenu avec les États-Unis de renforcer leur alliance."), "AGREE"
    )


# -- REQUEST ------------------------------------------------------------------------------


def test_triggers_lexicon_claim_and_enjoin(read):
    assert ("CHN", "REQUEST", "", "JPN", "asserted") in read(
        "La Chine a réclamé au Japon la libération de ses pêcheurs."
    )
    assert ("UN", "REQUEST", "", "ISR", "asserted") in read(
        "Le Conseil de sécurité a enjoint à Israël de cesser les colonisations."
    )
    assert ("LBN", "REQUEST", "", "FRA", "asserted") in read(
        "Le Liban a sollicité l'aide de la France."
    )


# -- ACCUSE -------------------------------------------------------------------------------


def test_triggers_lexicon_summon_ambassador_active_passive_future_negated(read):
    target = ("DEU", "ACCUSE", "disapprove", "RUS")
    assert (*target, "asserted") in read("L'Allemagne a convoqué l'ambassadeur russe.")
    assert (*target, "asserted") in read("L'ambassadeur russe a été convoqué par l'Allemagne.")
    assert (*target, "planned") in read("L'Allemagne convoquera l'ambassadeur russe.")
    assert (*target, "negated") in read("L'Allemagne n'a pas convoqué l'ambassadeur russe.")


def test_triggers_lexicon_blame_and_attribution(read):
    assert ("GBR", "ACCUSE") in {
        (e[0], e[1])
        for e in read("Londres a attribué l'empoisonnement à la Russie.")
        if e[3] == "RUS"
    }
    assert ("RUS", "UKR") in _pairs(
        read("Le Kremlin a mis en cause la responsabilité de Kiev."), "ACCUSE"
    )
    assert ("GMB", "MMR") in _pairs(
        read("La Gambie a porté plainte contre la Birmanie devant la justice."), "ACCUSE"
    )


def test_triggers_lexicon_regret_a_decision(read):
    assert ("FRA", "USA") in _pairs(
        read("La France regrette la décision des États-Unis."), "ACCUSE"
    )


# -- REJECT -------------------------------------------------------------------------------


def test_triggers_lexicon_refuse_active_passive_future_negated_possible(read):
    key = ("UKR", "REJECT", "", "RUS")
    assert (*key, "asserted") in read("L'Ukraine a refusé la proposition de la Russie.")
    assert (*key, "asserted") in read("La proposition de la Russie a été refusée par l'Ukraine.")
    assert (*key, "planned") in read("L'Ukraine refusera la proposition de la Russie.")
    assert (*key, "negated") in read("L'Ukraine n'a pas refusé la proposition de la Russie.")
    assert (*key, "possible") in read("L'Ukraine pourrait refuser la proposition de la Russie.")


def test_triggers_lexicon_decline_an_invitation(read):
    assert ("ISR", "REJECT", "", "TUR", "asserted") in read(
        "Le président israélien a décliné l'invitation de la Turquie."
    )


# -- THREATEN -----------------------------------------------------------------------------


def test_triggers_lexicon_warning_and_reprisals(read):
    assert ("CHN", "THREATEN", "", "TWN", "asserted") in read(
        "La Chine a lancé un avertissement à Taïwan."
    )
    events = read("L'Iran a promis des représailles contre Israël.")
    assert ("IRN", "THREATEN", "", "ISR", "asserted") in events
    assert not _pairs(events, "AGREE")  # a promise of reprisals is no promise to cooperate


# -- PROTEST ------------------------------------------------------------------------------


def test_triggers_lexicon_demonstrate_against(read):
    assert ("GEO", "PROTEST", "", "RUS", "asserted") in read(
        "Des milliers de Géorgiens ont manifesté contre la Russie."
    )


# -- COERCE -------------------------------------------------------------------------------


def test_triggers_lexicon_asset_freeze_passive_and_future(read):
    assert ("CAN", "COERCE", "restrict", "RUS", "asserted") in read(
        "Les avoirs de la Russie ont été gelés par le Canada."
    )
    assert ("CAN", "COERCE", "restrict", "RUS", "planned") in read(
        "Le Canada va geler les avoirs de la Russie."
    )


def test_triggers_lexicon_vote_for_sanctions_is_no_rejection(read):
    events = read("L'Union européenne a voté des sanctions contre la Russie.")
    assert ("EU", "COERCE", "restrict", "RUS", "asserted") in events
    assert not _pairs(events, "REJECT")


def test_triggers_lexicon_boarding_and_capture(read):
    assert ("IRN", "COERCE", "seize", "GBR", "asserted") in read(
        "Un navire britannique a été arraisonné par l'Iran."
    )
    assert ("RUS", "COERCE", "arrest", "UKR", "asserted") in read(
        "Des soldats ukrainiens ont été capturés par la Russie."
    )


# -- SANCTION -----------------------------------------------------------------------------


def test_triggers_lexicon_leave_an_organisation(read):
    assert ("USA", "SANCTION", "withdraw", "UN", "planned") in read(
        "Les États-Unis quitteront l'UNESCO."
    )
    assert ("USA", "SANCTION", "withdraw", "NATO", "negated") in read(
        "Les États-Unis n'ont pas quitté l'OTAN."
    )


def test_triggers_lexicon_suspend_a_member(read):
    assert ("AU", "SANCTION", "expel", "MLI", "asserted") in read(
        "Le Mali a été suspendu par l'Union africaine."
    )
    assert ("AU", "SANCTION", "expel", "MLI", "possible") in read(
        "L'Union africaine pourrait suspendre le Mali."
    )


def test_triggers_lexicon_persona_non_grata_and_talks_halted(read):
    assert ("MLI", "SANCTION", "expel", "FRA", "asserted") in read(
        "Le Mali a déclaré persona non grata l'ambassadeur de France."
    )
    assert ("PSE", "SANCTION", "withdraw", "ISR", "asserted") in read(
        "La Palestine a suspendu les négociations avec Israël."
    )


# -- CONCEDE and RETREAT ------------------------------------------------------------------


def test_triggers_lexicon_ease_sanctions(read):
    assert ("RUS", "CONCEDE", "", "BLR", "asserted") in read(
        "La Russie a assoupli les sanctions contre la Biélorussie."
    )


def test_triggers_lexicon_withdraw_troops(read):
    assert ("FRA", "RETREAT", "withdraw", "MLI", "asserted") in read(
        "La France a retiré ses soldats du Mali."
    )
    assert ("RUS", "RETREAT", "withdraw", "UKR", "asserted") in read(
        "Les troupes russes ont quitté l'Ukraine."
    )
    assert ("SAU", "RETREAT", "withdraw", "QAT", "asserted") in read(
        "L'Arabie saoudite a levé le blocus du Qatar."
    )


def test_triggers_lexicon_recall_ambassador_is_no_retreat(read):
    events = read("La France a retiré son ambassadeur du Niger.")
    assert ("FRA", "SANCTION", "expel", "NER", "asserted") in events
    assert not _pairs(events, "RETREAT")


# -- MOBILIZE -----------------------------------------------------------------------------


def test_triggers_lexicon_mobilise_troops_future_negated(read):
    assert ("RUS", "MOBILIZE", "troops", "UKR", "asserted") in read(
        "La Russie a mobilisé des réservistes contre l'Ukraine."
    )
    assert ("RUS", "MOBILIZE", "troops", "UKR", "negated") in read(
        "La Russie ne mobilisera pas de troupes à la frontière ukrainienne."
    )


def test_triggers_lexicon_send_troops_is_mobilisation(read):
    events = read("Les États-Unis envoient des troupes en Pologne.")
    assert ("USA", "MOBILIZE", "troops", "POL", "asserted") in events
    assert not _pairs(events, "AID")


# -- ASSAULT ------------------------------------------------------------------------------


def test_triggers_lexicon_missiles_fired_at_active_passive_future_negated(read):
    key = ("RUS", "ASSAULT", "", "UKR")
    assert (*key, "asserted") in read("La Russie a tiré des missiles sur l'Ukraine.")
    assert (*key, "asserted") in read("Des missiles ont été tirés sur l'Ukraine par la Russie.")
    assert (*key, "planned") in read("La Russie tirera des missiles sur l'Ukraine.")
    assert (*key, "negated") in read("La Russie ne tirera pas de missiles sur l'Ukraine.")
    assert (*key, "asserted") in read("La Russie a lancé des missiles sur Kiev.")


def test_triggers_lexicon_strikes_aimed_at(read):
    assert ("RUS", "ASSAULT", "", "UKR", "asserted") in read(
        "L'Ukraine a été ciblée par des frappes russes."
    )
    assert ("ISR", "ASSAULT", "", "SYR", "asserted") in read(
        "Une frappe israélienne a visé la Syrie."
    )


def test_triggers_lexicon_killing_shelling_aggression(read):
    assert ("ISR", "ASSAULT", "", "PSE", "asserted") in read(
        "Des soldats israéliens ont tué trois Palestiniens."
    )
    assert ("RUS", "ASSAULT", "", "UKR", "asserted") in read(
        "Kiev a été pilonnée par l'armée russe."
    )
    assert ("AZE", "ASSAULT", "", "ARM", "asserted") in read(
        "L'assaut de l'Azerbaïdjan contre l'Arménie a commencé."
    )


# -- broad verbs in everyday use: no event -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Le président français a quitté le Japon pour la Chine.",
        "Le Japon a tiré les leçons de la crise.",
        "La France a lancé une fusée Ariane depuis la Guyane.",
        "La Chine a offert deux pandas à la France.",
        "Le président français a regretté la défaite de l'équipe d'Allemagne.",
        "L'Afrique du Sud a saisi la Cour internationale de justice.",
        "La Corée du Sud vise la première place du classement.",
        "Le président américain a prêté serment en janvier.",
        "L'Espagne a suspendu les vols vers la Chine.",
    ],
)
def test_triggers_lexicon_everyday_use_gives_no_event(read, text):
    assert not {e for e in read(text) if "OTHER" not in (e[0], e[3])}


def test_triggers_lexicon_military_backing_is_no_verbal_support(read):
    events = read("Les forces kurdes appuyées par les États-Unis ont avancé.")
    assert not _pairs(events, "SUPPORT")


def test_triggers_lexicon_allowing_observers_in_is_retreat_access(read):
    events = read(
        "On ignore si les inspecteurs de l'AIEA seront autorisés d'accès par le gouvernement iranien."
    )
    assert ("IRN", "RETREAT", "access", "IAEA", "possible") in events


def test_triggers_lexicon_taking_a_base_by_storm(read):
    events = read("Des soldats russes ont pris d'assaut une base de l'armée géorgienne.")
    assert any(e[:2] == ("RUS", "ASSAULT") and e[3] == "GEO" for e in events)


def test_triggers_lexicon_military_backing_is_aid(read):
    events = read("La Turquie soutient militairement l'Azerbaïdjan.")
    assert any(e[:2] == ("TUR", "AID") and e[3] == "AZE" for e in events)


def test_triggers_lexicon_ceasefire_agreed_stands_as_planned(read):
    events = read("L'Éthiopie et l'Érythrée sont convenues d'un cessez-le-feu.")
    assert any({e[0], e[3]} == {"ETH", "ERI"} and e[1] == "AGREE" for e in events)
    assert any(
        {e[0], e[3]} == {"ETH", "ERI"} and e[1] == "RETREAT" and e[4] == "planned" for e in events
    )


def test_triggers_lexicon_handshake_is_a_meeting_not_a_visit_to_the_venue(read):
    events = read("Le président kényan et son homologue tanzanien se sont serré la main à Genève.")
    assert any({e[0], e[3]} == {"KEN", "TZA"} and e[1] == "CONSULT" for e in events)
    assert not any("CHE" in (e[0], e[3]) for e in events)


def test_triggers_lexicon_concern_faced_with_a_decision(read):
    events = read("Washington a exprimé sa forte préoccupation face à la décision sud-coréenne.")
    assert ("USA", "ACCUSE", "disapprove", "KOR", "asserted") in events


def test_triggers_lexicon_water_cannon_against_boats(read):
    events = read(
        "Les garde-côtes chinois ont fait usage de canons à eau contre des bateaux vietnamiens."
    )
    assert any(e[:2] == ("CHN", "ASSAULT") and e[3] == "VNM" for e in events)


def test_triggers_lexicon_gas_deliveries_are_trade_not_aid(read):
    events = read("La Norvège livrera du gaz à la Pologne pendant dix ans.")
    assert not any(e[1] == "AID" for e in events)
    assert any({e[0], e[3]} == {"NOR", "POL"} and e[1] == "COOPERATE" for e in events)


def test_triggers_lexicon_warning_about_the_price_is_a_threat(read):
    events = read("Le président français a averti que le Royaume-Uni devra payer les conséquences.")
    assert any(e[:2] == ("FRA", "THREATEN") and e[3] == "GBR" for e in events)


def test_triggers_lexicon_forces_on_alert_are_mobilised(read):
    events = read("La Grèce a placé sa marine en état d'alerte face à la Turquie.")
    assert ("GRC", "MOBILIZE", "troops", "TUR", "asserted") in events


def test_triggers_lexicon_military_presence_facing_a_state(read):
    events = read(
        "Les États-Unis ont renforcé leur présence militaire dans le Golfe face à l'Iran."
    )
    assert ("USA", "MOBILIZE", "troops", "IRN", "asserted") in events
