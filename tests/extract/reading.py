from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def read():  # noqa: D103 - imported by the test modules of this folder
    """Extract a sentence and return its events as (source, type, mode, target, modality) tuples."""
    from kg.extract.pipeline import extract_text, spec_events

    def _read(text: str, date: str = "2024-06-17") -> set[tuple[str, str, str, str, str]]:
        out = set()
        for s in spec_events(extract_text(text, date=date, method="rules")):
            out.add((s["source"], s["type"], s["mode"], s["target"], s["modality"]))
        return out

    return _read


@pytest.fixture(scope="session")
def actors():  # noqa: D103 - imported by the test modules of this folder
    """Read a text's actor mentions: (surface, via, codes, kinds) tuples in text order."""
    from kg.extract.actors import find_actors
    from kg.nlp import load

    nlp = load("fr")

    def _actors(text: str, date: str = "2024-06-17") -> list[tuple[str, str, tuple, tuple]]:
        doc = nlp(text)
        index = find_actors(doc, "fr", date)
        return [
            (
                doc[m.start : m.end].text,
                m.via,
                tuple(a.code for a in m.actors),
                tuple(a.kind for a in m.actors),
            )
            for m in sorted(index.mentions, key=lambda m: m.start)
        ]

    return _actors
