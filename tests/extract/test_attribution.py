"""Who says so: speech verbs, incises, "selon"/"d'après", quotes. Sentences written for the
tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def said():
    from kg.extract.pipeline import extract_text, spec_events

    def _said(text: str) -> dict[tuple[str, str, str], str]:
        events = spec_events(extract_text(text, date="2024-03-04"))
        return {(e["source"], e["type"], e["target"]): e.get("attributed_to", "") for e in events}

    return _said


def test_attribution_incise_after_the_event(said):
    out = said("Le président kényan se rendra à Addis-Abeba, a annoncé Nairobi.")
    assert out[("KEN", "CONSULT", "ETH")] == "KEN"


def test_attribution_d_apres(said):
    out = said("Le Rwanda aurait fourni des armes au M23 et au Burundi, d'après Kinshasa.")
    assert out[("RWA", "AID", "BDI")] == "COD"


def test_attribution_selon(said):
    out = said("Selon Washington, l'Iran a livré des drones à la Russie.")
    assert out[("IRN", "AID", "RUS")] == "USA"


def test_attribution_newspaper_is_not_its_city(said):
    out = said("L'Iran a livré des drones à la Russie, d'après le New York Times.")
    assert out[("IRN", "AID", "RUS")] != "USA"


def test_attribution_no_incise_without_comma(said):
    out = said("La Chine a livré des armes au Niger et la France a annoncé des sanctions.")
    assert out.get(("CHN", "AID", "NER"), "") == ""


def test_attribution_quoted_condemnation_names_the_criticised(said):
    out = said(
        "Le ministre tchadien a réagi vivement :\n"
        "« C'est la Libye, en complicité avec le Soudan, qui nous attaque. C'est inadmissible ! »"
    )
    assert out.get(("TCD", "ACCUSE", "LBY")) == "TCD"
    assert out.get(("TCD", "ACCUSE", "SDN")) == "TCD"


def test_attribution_quote_without_condemnation_is_no_accusation(said):
    out = said("Le ministre tchadien a déclaré : « Nous travaillons avec la Libye et le Soudan. »")
    assert ("TCD", "ACCUSE", "LBY") not in out
