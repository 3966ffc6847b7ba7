"""Actor recognition: compound and listed state adjectives, state organs, "au pays", people
who are not organisations, surname aliases, titles of the article's state. Sentences written
for the tests."""

from __future__ import annotations

import pytest
from reading import actors, read  # noqa: F401 - fixtures

pytestmark = pytest.mark.slow


def test_actors_compound_adjective_names_both_states(actors):
    found = actors("Les pourparlers sino-indiens reprendront à Genève.")
    assert ("pourparlers sino-indiens", "author", ("CHN", "IND"), ("state", "state")) in found


def test_actors_compound_adjective_split_by_the_tokenizer(actors):
    # "russo-américains" is three tokens for the tokenizer, "germano-polonaise" one
    found = actors("La rencontre russo-ukrainienne et la frontière germano-polonaise.")
    assert [(s, codes) for s, _v, codes, _k in found] == [
        ("rencontre russo-ukrainienne", ("RUS", "UKR")),
        ("frontière germano-polonaise", ("DEU", "POL")),
    ]


def test_actors_compound_adjective_with_a_hyphenated_last_part(actors):
    found = actors("Les manœuvres nippo-sud-coréennes ont débuté en mer.")
    assert [codes for _s, _v, codes, _k in found] == [("JPN", "KOR")]


def test_actors_compound_adjective_gives_a_mutual_event(read):
    assert read("Les entretiens franco-algériens se sont tenus mardi à Alger.") == {
        ("FRA", "CONSULT", "", "DZA", "asserted")
    }


def test_actors_compound_needs_a_known_prefix(actors):
    # "anglo-saxon" names no state after the prefix; "nord-coréen" is one adjective
    found = actors("Les médias anglo-saxons ont cité le ministère nord-coréen.")
    assert [(s, codes) for s, _v, codes, _k in found] == [("ministère nord-coréen", ("PRK",))]


def test_actors_listed_adjectives_all_join_the_noun(read):
    assert read("Les ministres italien, espagnol et grec ont critiqué la Turquie.") == {
        ("ITA", "ACCUSE", "disapprove", "TUR", "asserted"),
        ("ESP", "ACCUSE", "disapprove", "TUR", "asserted"),
        ("GRC", "ACCUSE", "disapprove", "TUR", "asserted"),
    }


def test_actors_organ_named_with_a_complement_takes_the_adjective(actors):
    found = actors("L'armée de terre polonaise et les forces de sécurité irakiennes.")
    assert [(s, codes) for s, _v, codes, _k in found] == [
        ("armée de terre polonaise", ("POL",)),
        ("forces de sécurité irakiennes", ("IRQ",)),
    ]


def test_actors_a_complement_outside_the_organ_list_takes_nothing(actors):
    # the opposition is not the state: "de l'opposition" is no organ complement
    assert actors("Le chef de l'opposition biélorusse a parlé.") == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Le Mossad aurait recruté un informateur.", "ISR"),
        ("La DGSE a démantelé un réseau.", "FRA"),
        ("La CIA a publié un rapport.", "USA"),
        ("Le FSB a arrêté un journaliste.", "RUS"),
        ("Les pasdarans ont saisi un pétrolier.", "IRN"),
        ("Les gardiens de la Révolution ont saisi un pétrolier.", "IRN"),
        ("Le Trésor américain a gelé des avoirs.", "USA"),
        ("Tsahal a mené un raid.", "ISR"),
    ],
)
def test_actors_state_organs_are_their_state(actors, text, code):
    first = actors(text)[0]
    assert (first[2], first[3]) == ((code,), ("state",))


def test_actors_intelligence_service_acts_for_its_state(read):
    assert read("Le MI6 a accusé la Chine d'espionnage.") == {
        ("GBR", "ACCUSE", "allege", "CHN", "asserted")
    }


@pytest.mark.parametrize(
    "text",
    [
        "Le Tchad a fermé sa frontière. Le Soudan a demandé une aide au pays.",
        "Le Tchad a fermé sa frontière. Le Soudan a critiqué les dirigeants du pays.",
        "Le Tchad a fermé sa frontière. Le Soudan a envoyé des soldats dans le pays.",
    ],
)
def test_actors_au_pays_du_pays_are_the_state_just_named(actors, text):
    found = actors(text)
    assert found[-1][1:3] == ("anaphor", ("TCD",))


def test_actors_pays_under_a_participle_is_not_excluded_by_the_main_subject(actors):
    # the main clause's subject is not the agent of "imposées": the country may be it
    found = actors(
        "Le Niger a quitté l'alliance. Niamey accuse le Bénin d'appuyer les mesures "
        "imposées au pays par la Cédéao."
    )
    assert ("au pays", "anaphor", ("NER",), ("state",)) in found


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Le Brésilien Neymar a rejoint le Paris Saint-Germain.", "Brésilien Neymar"),
        ("L'animatrice Karine Le Marchand a rencontré le public lyonnais.", "Karine Le Marchand"),
        ("L'Argentin Lionel Messi a salué la France.", "Argentin Lionel Messi"),
        (
            "La chanteuse Aya Nakamura a chanté à Lisbonne avec le Portugais Salvador Sobral.",
            "Portugais Salvador Sobral",
        ),
    ],
)
def test_actors_a_person_beside_a_country_is_a_person_coded_other(actors, text, person):
    found = actors(text)  # the mention spans the demonym, the person's label does not
    assert (person, "ner", ("OTHER",), ("person",)) in found
    assert not [m for m in found if "organisation" in m[3]]
    # a nationality before a name is no state acting, nor is a club named after a city
    assert not [m for m in found if m[1] == "demonym"]
    assert not [m for m in found if "Paris" in m[0]]


def test_actors_a_title_still_codes_a_person_to_its_state(actors):
    found = actors("La porte-parole Maria Ivanova, diplomate bulgare, a critiqué Ankara.")
    assert ("Maria Ivanova", "ner", ("BGR",), ("person",)) in found


def test_actors_a_singer_against_a_state_is_a_person_in_the_graph():
    from kg import vocab
    from kg.extract.model import Document
    from kg.extract.pipeline import extract_text
    from kg.rdf.mapping import events_graph
    from kg.vocab import KGO, RDF

    text = "Le Canadien Bryan Adams a critiqué le gouvernement chinois."
    events = extract_text(text, date="2024-06-17")
    assert [(e.source.code, e.source.kind, e.source.label, e.target.code) for e in events] == [
        ("OTHER", "person", "Bryan Adams", "CHN")
    ]
    g = events_graph(Document("t-1", text, date="2024-06-17"), events)
    singer = vocab.named_person_iri("Bryan Adams")
    (event,) = set(g.subjects(RDF.type, KGO.EventReport))
    assert (event, KGO.actor, singer) in g
    assert (singer, RDF.type, KGO.Person) in g
    assert set(g.subjects(RDF.type, KGO.Organisation)) == set()


def test_actors_surname_alone_after_the_full_name(actors):
    found = actors(
        "Le conseiller Jake Sullivan a rencontré Wang Yi. Sullivan a ensuite critiqué Pékin."
    )
    assert ("Sullivan", "person", ("USA",), ("person",)) in found


def test_actors_unambiguous_surname_without_the_full_name(read):
    assert read("Sullivan a critiqué la Corée du Nord.") == {
        ("USA", "ACCUSE", "disapprove", "PRK", "asserted")
    }


def test_actors_shared_surname_is_read_by_the_date(actors):
    # two Clintons in the persons table: the one in office at the date
    assert actors("Clinton a reçu des diplomates.", date="1996-03-01")[0][1:3] == (
        "person",
        ("USA",),
    )
    hillary = actors("Clinton a reçu des diplomates.", date="2011-03-01")[0]
    assert hillary[1:3] == ("person", ("USA",))
    # neither in office: ambiguous, no gazetteer person
    assert not [
        m for m in actors("Clinton a reçu des diplomates.", date="2020-03-01") if m[1] == "person"
    ]


def test_actors_shared_surname_follows_the_bearer_named_earlier(actors):
    found = actors(
        "L'ancien président Bill Clinton a visité Dublin. Clinton a salué l'Irlande.",
        date="2020-03-01",
    )
    assert [m[:2] for m in found if m[1] == "person"] == [
        ("Bill Clinton", "person"),
        ("Clinton", "person"),
    ]


def test_actors_surname_that_is_a_company_is_no_person(actors):
    # "Meta" is a gazetteer surname (Ilir Meta) and a company the tagger calls ORG
    assert not [
        m for m in actors("Meta a annoncé un accord avec ses partenaires.") if m[1] == "person"
    ]


_CHILE_STORY = (
    "Le Chili a renforcé ses contrôles. Santiago a convoqué un diplomate. "
    "Le gouvernement chilien a publié un décret. "
)


def test_actors_bare_title_is_the_article_state_with_low_confidence():
    from kg.extract.pipeline import extract_text

    events = extract_text(
        _CHILE_STORY + "Le chef de la diplomatie a critiqué la Bolivie.", method="rules"
    )
    assert [(e.source.code, e.target.code, e.confidence) for e in events] == [("CHL", "BOL", 0.5)]


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        ("Le Premier ministre a reçu des syndicats.", "Premier ministre"),
        ("Un décret du ministre de l'Économie a été publié.", "ministre"),
    ],
)
def test_actors_bare_title_mentions(actors, sentence, title):
    found = actors(_CHILE_STORY + sentence)
    assert (title, "title", ("CHL",), ("state",)) in found


@pytest.mark.parametrize(
    "sentence",
    [
        "Le Premier ministre péruvien a reçu des syndicats.",  # its own adjective
        "Le Premier ministre du Pérou a reçu des syndicats.",  # its own complement
        "Le Premier ministre Jean Dupont a reçu des syndicats.",  # a name
        "Un ministre a reçu des syndicats.",  # no definite article
        "Son Premier ministre a reçu des syndicats.",
        "Le porte-parole a reçu des syndicats.",  # not an article_state title in roles.csv
    ],
)
def test_actors_title_with_its_own_state_or_no_title_is_not_bare(actors, sentence):
    assert not [m for m in actors(_CHILE_STORY + sentence) if m[1] == "title"]


def test_actors_bare_title_needs_a_dominant_state(actors):
    text = "Le Chili a critiqué le Pérou. Lima a répondu au Chili. Le Pérou a convoqué Santiago. "
    assert not [m for m in actors(text + "Le Premier ministre a parlé.") if m[1] == "title"]


def test_actors_bare_title_is_the_holder_named_before(actors):
    # in a Chile story, "le Premier ministre" after Keir Starmer is the British one
    found = actors(
        _CHILE_STORY + "Keir Starmer a appelé Santiago. Le Premier ministre a parlé longtemps.",
        date="2025-03-01",
    )
    assert ("Premier ministre", "title", ("GBR",), ("state",)) in found


def test_actors_title_tagged_as_an_organisation_is_no_name(actors):
    found = actors(_CHILE_STORY + "Le ministre de la Santé a démissionné.")
    assert not [m for m in found if "organisation" in m[3]]


def test_actors_a_national_security_council_is_its_state_not_the_un(actors):
    found = actors("Le porte-parole du Conseil de sécurité nationale brésilien a parlé.")
    assert [codes for _s, _v, codes, _k in found] == [("BRA",)]


def test_actors_the_security_council_alone_is_the_un(actors):
    # the control of the test above
    found = actors("Le porte-parole du Conseil de sécurité a parlé.")
    assert [(s, codes) for s, _v, codes, _k in found] == [("Conseil de sécurité", ("UN",))]
