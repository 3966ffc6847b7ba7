"""Fixtures of the RDF tests: a small gazetteer (kg.gazetteer.model entries) and events."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from kg.extract.model import Actor, Document, Event, Mention
from kg.gazetteer.model import Igo, Person, State, Tenure


@dataclass
class FakeGazetteer:
    """What `reference_graph` reads of a `kg.gazetteer.Gazetteer`, with its real entry types."""

    states: dict[str, State] = field(default_factory=dict)
    igos: dict[str, Igo] = field(default_factory=dict)
    persons: dict[str, Person] = field(default_factory=dict)
    tenures: list[Tenure] = field(default_factory=list)


def _state(
    iso3: str,
    iso2: str,
    qid: str,
    name_en: str,
    name_fr: str,
    capital_en: str = "",
    capital_fr: str = "",
) -> State:
    return State(iso3, iso2, qid, name_en, name_fr, capital_en, capital_fr, "head_of_state")


@pytest.fixture
def fake_gazetteer() -> FakeGazetteer:
    """RUS, PRK, USA, UKR, the UN, Putin and Kim Jong Un with their current offices."""
    return FakeGazetteer(
        states={
            "RUS": _state("RUS", "RU", "Q159", "Russia", "Russie", "Moscow", "Moscou"),
            "PRK": _state("PRK", "KP", "Q423", "North Korea", "Corée du Nord"),
            "USA": _state("USA", "US", "Q30", "United States", "États-Unis"),
            "UKR": _state("UKR", "UA", "Q212", "Ukraine", "Ukraine"),
        },
        igos={"UN": Igo("UN", "Q1065", "United Nations", "Organisation des Nations unies")},
        persons={
            "vladimir-putin": Person(
                "vladimir-putin", "Q7747", "Vladimir Putin", "RUS", ("Poutine",)
            ),
            "kim-jong-un": Person("kim-jong-un", "", "Kim Jong Un", "PRK"),
        },
        tenures=[
            Tenure("vladimir-putin", "RUS", "head_of_state", "2012-05-07"),
            Tenure("kim-jong-un", "PRK", "supreme_leader", "2011-12"),
        ],
    )


SEED_TEXT = (
    "Le président russe Vladimir Poutine effectuera une visite historique en Corée du Nord. "
    "Les États-Unis multiplient les sanctions contre la Russie."
)


@pytest.fixture
def seed_doc() -> Document:
    return Document(
        id="seed-0001", text=SEED_TEXT, lang="fr", date="2024-06-17", title="Poutine en visite"
    )


@pytest.fixture
def seed_events() -> list[Event]:
    """A planned visit (with mention), an asserted sanction, an asserted signing (symmetric),
    an alleged arms supply denied by both, and an asserted event of an OTHER actor."""
    putin = Actor("RUS", "Vladimir Poutine", "person", "vladimir-putin", "Q7747")
    prk, rus, usa = (
        Actor("PRK", "Corée du Nord"),
        Actor("RUS", "Russie"),
        Actor("USA", "États-Unis"),
    )
    visit_mention = Mention(
        "seed-0001", SEED_TEXT.split(". ")[0] + ".", 45, 52, "visite", "fr.visit.effectuer-visite"
    )
    return [
        Event(
            "visit",
            putin,
            prk,
            "planned",
            attributed_to=rus,
            date="2024-06-18",
            mentions=[visit_mention],
            confidence=0.9,
        ),
        Event("sanction", usa, rus, "asserted", confidence=0.8),
        Event("sign_agreement", rus, prk, "asserted", date="2000-07", date_approximate=True),
        Event("aid_military", prk, rus, "alleged", attributed_to=usa, denied_by=[prk, rus]),
        Event("attack", Actor("OTHER", "Groupe Wagner", "organisation"), Actor("UKR", "Ukraine")),
    ]
