"""Event extraction from news text: text -> actor mentions -> events -> merged events.

>>> from kg.extract import extract_text, explain
>>> events = extract_text("Le Canada a annoncé de nouvelles sanctions contre l'Iran.", date="2024-01-10")
>>> [e.to_spec()["type"] for e in events]
['COERCE']

The spaCy pipeline is loaded on the first call, not on import.
"""

from __future__ import annotations

import importlib
from typing import Any

from kg.extract.model import MODALITIES, Actor, Document, Event, Mention

__all__ = [
    "Actor",
    "Document",
    "Event",
    "Mention",
    "MODALITIES",
    "extract_text",
    "extract_document",
    "extract_documents",
    "extract_records",
    "read_documents",
    "spec_events",
    "explain",
    "Explanation",
]

_PIPELINE = {
    "extract_text",
    "extract_document",
    "extract_documents",
    "extract_records",
    "read_documents",
    "spec_events",
    "explain",
    "Explanation",
}


def __getattr__(name: str) -> Any:
    if name in _PIPELINE:
        return getattr(importlib.import_module("kg.extract.pipeline"), name)
    raise AttributeError(f"module 'kg.extract' has no attribute {name!r}")
