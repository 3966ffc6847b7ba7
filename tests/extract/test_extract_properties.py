"""Property: whatever text comes in (control characters, very long words, only punctuation,
right-to-left scripts, emoji, HTML-looking fragments, mixed with sentences that do hold
events), `extract_records` returns one record per input and well-formed SPEC events:
known actor codes, PLOVER types and modes, modalities, and evidence offsets inside the text.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kg.eventkinds import event_kinds
from kg.extract.model import MODALITIES
from kg.extract.pipeline import clean_text, extract_records
from kg.gazetteer import load_gazetteer

pytestmark = pytest.mark.slow

EVENT_SENTENCES = [
    "La France a annoncé des sanctions contre la Russie.",
    "Le président russe Vladimir Poutine effectuera une visite en Corée du Nord.",
    "L'Allemagne pourrait livrer des armes à l'Ukraine, selon Moscou.",
    "Le Canada n'a pas condamné l'Iran.",
    "Pékin accuse Washington d'avoir violé l'accord.",
]
ODD_PIECES = [
    "a" * 3000,  # one very long word
    "Anticonstitutionnellement" * 40,
    "?!…;:,.«»—()[]{}" * 20,  # only punctuation
    "مرحبا بالعالم، هذه جملة عربية.",  # right to left
    "שלום עולם. זה משפט בעברית.",
    "\u202eLa France\u202c \u200f\u200e",  # bidi controls
    "🇫🇷🤝🇩🇪 👍🏽 👨‍👩‍👧 🏳️‍🌈",  # emoji with ZWJ sequences and flags
    "\x00\x01\x07\x1b[31m\x7f\x85\u2028\u2029",  # control characters
    "<p>La France a annoncé des sanctions <b>contre</b> la Russie.</p>&amp;",
    "\n\n\n   \t\t  \r\n",
]
# any Unicode text UTF-8 can carry: lone surrogates (category Cs) cannot be written to a file
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
TEXTS = st.lists(
    st.one_of(ANY_TEXT, st.sampled_from(EVENT_SENTENCES), st.sampled_from(ODD_PIECES)),
    max_size=6,
).map(" ".join)
DATES = st.one_of(st.just(""), st.dates().map(lambda d: d.isoformat()))


@pytest.fixture(scope="module")
def known() -> dict[str, set[str]]:
    """What a well-formed event may name, and the spaCy pipeline loaded once."""
    from kg.nlp import load

    load("fr")
    kinds = event_kinds().values()
    gz = load_gazetteer()
    return {
        "codes": set(gz.states) | set(gz.igos) | {"OTHER"},
        "types": {k.plover_type for k in kinds},
        "modes": {k.plover_mode for k in kinds},
    }


@settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=TEXTS, date=DATES)
def test_extract_properties_any_text_gives_well_formed_events(
    known: dict[str, set[str]], text: str, date: str
) -> None:
    records = [{"id": "doc", "lang": "fr", "date": date, "text": text}]
    (out,) = extract_records(records)
    assert out["id"] == "doc" and isinstance(out["events"], list)
    event("with events" if out["events"] else "without events")  # --hypothesis-show-statistics
    cleaned = clean_text(text)  # offsets are in the text the extractor read
    for ev in out["events"]:
        assert ev["source"] in known["codes"] and ev["target"] in known["codes"], ev
        assert ev["type"] in known["types"] and ev["mode"] in known["modes"], ev
        assert ev["modality"] in MODALITIES, ev
        assert 0.0 <= ev["confidence"] <= 1.0
        assert 0 <= ev["start"] < ev["end"] <= len(cleaned), ev
        trigger = cleaned[ev["start"] : ev["end"]]
        assert trigger.strip() and trigger in ev["evidence"], (trigger, ev["evidence"])
        assert ev["evidence"] in cleaned
