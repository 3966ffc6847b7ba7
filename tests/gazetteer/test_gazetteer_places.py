"""Places, epithets and IGO missions of the gazetteer: data checks and short sentences.

The sentences below were written for these tests; they are not taken from any data set.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from importlib import resources

import pytest

from kg.gazetteer import load_gazetteer

# Kinds of hand-written metonyms.csv rows (the loader reads every non-capital kind as "metonym").
METONYM_KINDS = {"capital", "seat", "city", "region", "metonym", "organ"}
# Names deliberately left out: common words or first names in French or English, places shared
# by several states, and names a surname or another referent would hijack.
SKIPPED = [
    "Nice",
    "Tours",
    "Mobile",
    "Reading",
    "Split",
    "Mons",
    "Gap",
    "Sydney",
    "Milan",
    "Florence",
    "Constantine",
    "Gao",
    "Canton",
    "Le Cap",
    "Golan",
    "Strasbourg",
    "Kyoto",
    "Suez",
    "Cachemire",
    "Kurdistan",
]


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("kg.gazetteer.data").joinpath(name).read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture(scope="module")
def gz():
    return load_gazetteer()


# -- data ----------------------------------------------------------------------------------


def test_gazetteer_place_rows_use_known_codes_and_kinds(gz):
    for r in _rows("metonyms.csv"):
        assert r["code"] in gz.states or r["code"] in gz.igos, r
        assert r["kind"] in METONYM_KINDS, r
        assert r["lang"] in ("fr", "en"), r
        assert r["ambiguous"] in ("true", "false"), r
        assert r["text"] == r["text"].strip() and r["text"], r
    for r in _rows("igo_aliases.csv"):
        assert r["code"] in gz.igos, r
        assert r["lang"] in ("fr", "en"), r
    for r in _rows("names.csv"):
        assert r["iso3"] in gz.states, r


def test_gazetteer_no_duplicate_text_lang_rows():
    """No (text, lang) is listed twice across names, metonyms and IGO aliases.

    The only tolerated repeats involve a capital row, which tools/build_gazetteer.py generates
    from states.csv (so "Luxembourg" is both a name and a capital, "Pékin" a capital and a seat).
    """
    seen: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in _rows("names.csv"):
        seen[(r["text"], r["lang"])].append("name")
    for r in _rows("metonyms.csv"):
        seen[(r["text"], r["lang"])].append(r["kind"])
    for r in _rows("igo_aliases.csv"):
        seen[(r["text"], r["lang"])].append("igo")
    dups = {k: v for k, v in seen.items() if len(v) > 1 and v.count("capital") != len(v) - 1}
    dups.update({k: v for k, v in seen.items() if v.count("capital") > 1})
    assert not dups, dups


def test_gazetteer_igo_missions_map_to_scored_codes(gz):
    for text, code in [
        ("MINURSO", "UN"),
        ("MINUSCA", "UN"),
        ("MINUSS", "UN"),
        ("FINUL", "UN"),
        ("UNHCR", "UN"),
        ("AMISOM", "AU"),
        ("ATMIS", "AU"),
        ("EUFOR", "EU"),
        ("EULEX", "EU"),
        ("KFOR", "NATO"),
        ("OIAC", "OPCW"),
        ("AIEA", "IAEA"),
        ("la Ligue arabe", "ARAB_LEAGUE"),
    ]:
        assert gz.actor_code(text, "fr") == code, text
    assert gz.actor_code("UNMISS", "en") == "UN"


def test_gazetteer_places_follow_de_jure_borders(gz):
    for text, lang, code in [
        ("Crimée", "fr", "UKR"),
        ("Sébastopol", "fr", "UKR"),
        ("Donbass", "fr", "UKR"),
        ("plateau du Golan", "fr", "SYR"),
        ("Golan Heights", "en", "SYR"),
        ("Haut-Karabakh", "fr", "AZE"),
        ("Cisjordanie", "fr", "PSE"),
        ("bande de Gaza", "fr", "PSE"),
        ("Kurdistan irakien", "fr", "IRQ"),
        ("Xinjiang", "fr", "CHN"),
        ("Tibet", "en", "CHN"),
        ("Hong Kong", "fr", "HKG"),  # a state row of its own, kept as it is
        ("Taïwan", "fr", "TWN"),
    ]:
        assert gz.actor_code(text, lang) == code, text


def test_gazetteer_cities_and_epithets(gz):
    for text, lang, code in [
        ("Alep", "fr", "SYR"),
        ("Aleppo", "en", "SYR"),
        ("Idleb", "fr", "SYR"),
        ("Mossoul", "fr", "IRQ"),
        ("Zaporijjia", "fr", "UKR"),
        ("Khan Younès", "fr", "PSE"),
        ("Genève", "fr", "CHE"),
        ("Saint-Pétersbourg", "fr", "RUS"),
        ("le royaume chérifien", "fr", "MAR"),
        ("l'Empire du Milieu", "fr", "CHN"),
        ("le pays du Matin calme", "fr", "KOR"),
        ("le pays du Soleil-Levant", "fr", "JPN"),
        ("la Farnésine", "fr", "ITA"),
    ]:
        assert gz.actor_code(text, lang) == code, text


def test_gazetteer_skips_common_words_and_first_names(gz):
    for text in SKIPPED:
        assert gz.actor_code(text, "fr") is None, text
        assert gz.actor_code(text, "en") is None, text


# -- sentences -----------------------------------------------------------------------------


def _events(text: str) -> set[tuple[str, str, str]]:
    from kg.extract import extract_text, spec_events

    return {
        (e["source"], e["type"], e["target"])
        for e in spec_events(extract_text(text, date="2024-01-01"))
    }


def _actors(text: str) -> list[tuple[str, str]]:
    from kg.extract.actors import find_actors
    from kg.nlp import load

    doc = load("fr")(text)
    index = find_actors(doc, "fr", "2024-01-01")
    return [(doc[m.start : m.end].text, m.actors[0].code) for m in index.mentions]


@pytest.mark.slow
def test_gazetteer_city_target_gives_its_state():
    assert ("RUS", "AID", "SYR") in _events("La Russie a envoyé de l'aide humanitaire à Alep.")
    assert ("ISR", "ASSAULT", "PSE") in _events("Israël a bombardé Rafah et Khan Younès.")


@pytest.mark.slow
def test_gazetteer_epithet_source():
    events = _events("Le royaume chérifien a condamné l'Algérie.")
    assert any(src == "MAR" and tgt == "DZA" for src, _, tgt in events), events


@pytest.mark.slow
def test_gazetteer_un_mission_resolves_to_un():
    events = _events("La MINURSO a critiqué le Maroc.")
    assert any(src == "UN" and tgt == "MAR" for src, _, tgt in events), events


@pytest.mark.slow
def test_gazetteer_skipped_city_is_not_an_actor():
    actors = _actors("Il fait beau à Nice, a déclaré le président russe.")
    assert all(code == "RUS" for _, code in actors), actors
    assert not any("Nice" in text for text, _ in actors), actors
    actors = _actors(
        "Gao Feng, porte-parole du ministère chinois du Commerce, a critiqué Washington."
    )
    assert all(code != "MLI" for _, code in actors), actors
