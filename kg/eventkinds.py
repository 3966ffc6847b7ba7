"""The table of event kinds (kg/data/event_kinds.csv): one row per relation we know.

Each kind maps to an ontology class and direct relation, a PLOVER type and mode, a CAMEO
code and its Goldstein score. Adding a relation type means adding a row here (plus its
ontology term and a test); nothing else in the code enumerates kinds.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["EventKind", "event_kinds", "event_kind"]


@dataclass(frozen=True)
class EventKind:
    key: str
    event_class: str
    relation: str
    inverse_relation: str
    symmetric: bool
    plover_type: str
    plover_mode: str
    cameo: str
    goldstein: float
    label_en: str
    label_fr: str


@cache
def event_kinds() -> dict[str, EventKind]:
    """All event kinds, by key, in file order."""
    text = resources.files("kg.data").joinpath("event_kinds.csv").read_text(encoding="utf-8")
    kinds: dict[str, EventKind] = {}
    for row in csv.DictReader(text.splitlines()):
        kinds[row["key"]] = EventKind(
            key=row["key"],
            event_class=row["event_class"],
            relation=row["relation"],
            inverse_relation=row["inverse_relation"],
            symmetric=row["symmetric"] == "true",
            plover_type=row["plover_type"],
            plover_mode=row["plover_mode"],
            cameo=row["cameo"],
            goldstein=float(row["goldstein"]),
            label_en=row["label_en"],
            label_fr=row["label_fr"],
        )
    return kinds


def event_kind(key: str) -> EventKind:
    return event_kinds()[key]
