from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def read():  # noqa: D103 - imported by the test modules of this folder
    """Extract a sentence and return its events as (source, type, mode, target, modality) tuples."""
    from kg.extract.pipeline import extract_text, spec_events

    def _read(text: str, date: str = "2024-06-17") -> set[tuple[str, str, str, str, str]]:
        out = set()
        for s in spec_events(extract_text(text, date=date)):
            out.add((s["source"], s["type"], s["mode"], s["target"], s["modality"]))
        return out

    return _read
