"""Checks of the gazetteer data files: completeness, identifiers, consistency."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from importlib import resources

import pytest

from kg.gazetteer import SURFACE_KINDS, load_gazetteer, normalise
from kg.gazetteer.model import strip_article

G20 = "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA".split()
REQUIRED_IGOS = ["UN", "EU", "NATO", "AU", "ASEAN", "OPCW", "IAEA", "ARAB_LEAGUE"]
OFFICES = {
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "spokesperson",
    "advisor",
    "secretary_general",
    "commission_president",
    "council_president",
    "commission_chair",
    "vice_president",
    "director_general",
    "crown_prince",
}


@pytest.fixture(scope="module")
def gz():
    return load_gazetteer()


def test_gazetteer_has_every_state(gz):
    assert len(gz.states) >= 190
    for code in ["ESH", "VAT", "PSE", "TWN", "XKX", "PRK", "SSD", "TLS", "NRU", "TUV", "HKG"]:
        assert code in gz.states, code
    for s in gz.states.values():
        assert re.fullmatch(r"[A-Z]{3}", s.iso3), s
        assert re.fullmatch(r"[A-Z]{2}", s.iso2), s
        assert s.name_en and s.name_fr, s
        assert s.executive_office in ("head_of_state", "head_of_government"), s
        assert s.president_office in ("head_of_state", "head_of_government"), s
    assert len({s.iso2 for s in gz.states.values()}) == len(gz.states)


def test_gazetteer_qids_are_wellformed(gz):
    records = [*gz.states.values(), *gz.igos.values(), *gz.persons.values()]
    for r in records:
        assert r.qid == "" or re.fullmatch(r"Q[1-9]\d*", r.qid), r
    qids = [s.qid for s in gz.states.values() if s.qid]
    assert len(qids) == len(set(qids)), "two states share a QID"


def test_gazetteer_key_qids(gz):
    expected = {
        "RUS": "Q159",
        "PRK": "Q423",
        "USA": "Q30",
        "KOR": "Q884",
        "FRA": "Q142",
        "UKR": "Q212",
        "SYR": "Q858",
        "IRN": "Q794",
        "ISR": "Q801",
        "CHN": "Q148",
        "DEU": "Q183",
        "GBR": "Q145",
    }
    for code, qid in expected.items():
        assert gz.states[code].qid == qid, code
    for code in G20:
        assert gz.states[code].qid, code
    assert gz.igos["UN"].qid == "Q1065"
    assert gz.igos["EU"].qid == "Q458"
    assert gz.igos["NATO"].qid == "Q7184"
    assert gz.persons["vladimir-putin"].qid == "Q7747"


def test_gazetteer_names_from_cldr(gz):
    assert gz.states["RUS"].name_fr == "Russie"
    assert gz.states["PRK"].name_fr == "Corée du Nord"
    assert gz.states["DEU"].name_en == "Germany"
    assert gz.states["USA"].capital_fr == "Washington"


def test_gazetteer_executive_offices(gz):
    for code in "USA RUS FRA PRK KOR TUR SYR BRA CHN".split():
        assert gz.states[code].executive_office == "head_of_state", code
    for code in "GBR DEU ISR JPN IND ITA CAN".split():
        assert gz.states[code].executive_office == "head_of_government", code


def test_gazetteer_required_igos(gz):
    for code in REQUIRED_IGOS:
        assert code in gz.igos, code
        assert gz.igos[code].name_en and gz.igos[code].name_fr


def test_gazetteer_every_state_has_adjectives(gz):
    rows = _demonym_rows()
    assert {r["iso3"] for r in rows} == set(gz.states)
    for r in rows:
        forms = [r["fr_m_sg"], r["fr_f_sg"], r["fr_m_pl"], r["fr_f_pl"]]
        assert all(forms) and r["en_adjective"] and r["en_demonym"], r
        for form in forms:
            found = gz.state_of_adjective(form, "fr")
            assert found == r["iso3"] or (found is None and "congolais" in form), (form, found)
        assert gz.state_of_adjective(r["en_adjective"], "en") in (r["iso3"], "DOM", None)


def _demonym_rows():
    text = resources.files("kg.gazetteer.data").joinpath("demonyms.csv").read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_gazetteer_surface_kinds_and_langs(gz):
    for lang in ("fr", "en"):
        forms = gz.surface_forms(lang)
        assert len(forms) > 1000
        for f in forms:
            assert f.lang == lang
            assert f.kind in SURFACE_KINDS
            assert f.code in gz.states or f.code in gz.igos, f
            assert (f.kind == "person") == bool(f.person_id), f
            assert f.text == f.text.strip() and f.text


def test_gazetteer_surface_map_is_unambiguous_or_listed(gz):
    listed = {(lang, key) for (lang, key) in gz._ambiguous}
    for lang in ("fr", "en"):
        codes = defaultdict(set)
        for f in gz.surface_forms(lang):
            codes[f.key].add(f.code)
        clashes = {k: v for k, v in codes.items() if len(v) > 1 and (lang, k) not in listed}
        assert not clashes, clashes


def test_gazetteer_person_aliases_are_unique_or_flagged(gz):
    for lang in ("fr", "en"):
        owners = defaultdict(set)
        for f in gz.surface_forms(lang):
            if f.kind == "person" and not f.ambiguous:
                owners[f.key].add(f.person_id)
        clashes = {k: v for k, v in owners.items() if len(v) > 1}
        assert not clashes, clashes


def test_gazetteer_offices_are_consistent(gz):
    assert len(gz.tenures) > 400
    day = re.compile(r"\d{4}-\d{2}-\d{2}")
    for t in gz.tenures:
        assert t.person_id in gz.persons, t
        assert t.code in gz.states or t.code in gz.igos, t
        assert t.office in OFFICES, t
        assert day.fullmatch(t.start), t
        assert t.end == "" or (day.fullmatch(t.end) and t.end > t.start), t
        assert t.end == "" or t.end <= "2026-12-31", t


def test_gazetteer_single_holder_offices_do_not_overlap(gz):
    by_office = defaultdict(list)
    for t in gz.tenures:
        if t.office in (
            "head_of_state",
            "head_of_government",
            "foreign_minister",
            "defence_minister",
            "secretary_general",
            "commission_president",
            "council_president",
            "director_general",
            "commission_chair",
        ):
            by_office[(t.code, t.office)].append(t)
    for key, ts in by_office.items():
        ts = sorted(ts, key=lambda t: t.start)
        for a, b in zip(ts, ts[1:], strict=False):
            if a.person_id == b.person_id:
                continue
            assert a.end and a.end <= b.start, (key, a, b)


def test_gazetteer_g20_and_focus_states_have_leaders(gz):
    for code in [*G20, "PRK", "UKR", "IRN", "ISR", "SYR"]:
        exec_office = gz.resolve_office(code, "executive")
        for year in range(2000, 2026):
            on = f"{year}-06-15"
            if (code, year) in {("SYR", 2025)}:
                continue
            assert gz.holders(code, exec_office, on), (code, on)
        assert gz.holders(code, "foreign_minister", "2024-06-17") or code == "SYR", code


def test_gazetteer_roles_files(gz):
    for lang in ("fr", "en"):
        roles = gz.roles(lang)
        assert len(roles) > 40
        for r in roles:
            assert r.surface == r.surface.lower()
            assert r.office
        surfaces = [r.surface for r in roles]
        assert len(surfaces) == len(set(surfaces)), lang
    fr = {r.surface: r for r in gz.roles("fr")}
    assert fr["chef de l'état"].office == "head_of_state"
    assert fr["chef de l'exécutif"].office == "executive"
    assert fr["dirigeant"].resolves_person
    assert fr["chef de la diplomatie"].office == "foreign_minister"
    assert fr["secrétaire d'état"].codes == ("USA",)
    assert not fr["porte-parole"].resolves_person
    assert not fr["ambassadeur"].resolves_person
    assert not fr["conseiller"].resolves_person
    en = {r.surface: r for r in gz.roles("en")}
    assert en["secretary of state"].office == "foreign_minister"


def test_gazetteer_normalise():
    assert normalise("Corée-du-Nord") == "coree du nord"
    assert normalise("l’Élysée") == "l'elysee"
    assert normalise("  ETATS   unis ") == "etats unis"
    assert normalise("Erdoğan") == normalise("Erdogan")
    assert strip_article("la Maison-Blanche") == "Maison-Blanche"
    assert strip_article("l'Otan") == "Otan"
