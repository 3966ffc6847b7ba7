"""The sentence-level extraction cases of `tests/extract/cases/*.jsonl`: loading, checking the
file itself, and reading a case's events.

One case per line::

    {"id": "visit-future-is-planned",
     "text": "Le président français se rendra à Berlin la semaine prochaine.",
     "date": "2024-06-17",                      # optional, this is the default
     "fields": ["source", "type", "mode", "target", "modality"],   # optional, the default
     "events": [["FRA", "CONSULT", "visit", "DEU", "planned"]],    # the EXACT expected set
     "absent": [{"type": "ACCUSE", "target": "IRN"}],   # optional: what must not be read
     "control": "some-other-id",                # required for a negative case (see below)
     "xfail": "why the extractor gets it wrong today",  # optional: strict xfail
     "note": "free text"}                       # optional

`events` lists every event the text must give, each as the values of `fields` (any of
source, type, mode, target, modality, attributed_to, denied_by; a missing attribution is "",
`denied_by` is its codes joined by "|"). The test compares the sorted lists: a case fails when
the extractor finds too little OR too much.

A *negative* case is one with an `absent` pattern or with no expected event. It must name a
`control`: a case of the same file, a minimal variant of its sentence, whose expected events
include what the negative says is absent (one matching an `absent` pattern, or any event).
The control is what fails when the machinery the negative relies on (the trigger lexicon,
a role reader) is gone; the negative alone would still pass.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

CASES = Path(__file__).resolve().parent / "cases"
FIELDS = ("source", "type", "mode", "target", "modality")
ALL_FIELDS = (*FIELDS, "attributed_to", "denied_by")
DATE = "2024-06-17"
KEYS = {"id", "text", "date", "fields", "events", "absent", "control", "xfail", "note"}


@dataclass(frozen=True)
class Case:
    file: str  # stem of the case file: "patterns"
    line: int
    id: str
    text: str
    date: str
    fields: tuple[str, ...]
    events: tuple[tuple[str, ...], ...]
    absent: tuple[dict[str, str], ...]
    control: str
    xfail: str
    raw: dict

    @property
    def key(self) -> str:
        return f"{self.file}:{self.id}"

    @property
    def negative(self) -> bool:
        """A case that says something is not there."""
        return not self.events or bool(self.absent)


def load_cases() -> list[Case]:
    out = []
    for path in sorted(CASES.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            raw = json.loads(line)
            fields = tuple(raw.get("fields", FIELDS))
            out.append(
                Case(
                    file=path.stem,
                    line=n,
                    id=raw["id"],
                    text=raw["text"],
                    date=raw.get("date", DATE),
                    fields=fields,
                    events=tuple(tuple(e) for e in raw["events"]),
                    absent=tuple(raw.get("absent", ())),
                    control=raw.get("control", ""),
                    xfail=raw.get("xfail", ""),
                    raw=raw,
                )
            )
    return out


def matches(pattern: dict[str, str], event: dict[str, str]) -> bool:
    return all(event.get(k) == v for k, v in pattern.items())


def as_dict(case: Case, event: tuple[str, ...]) -> dict[str, str]:
    return dict(zip(case.fields, event, strict=True))


def file_problems(cases: list[Case]) -> list[str]:
    """What is wrong with the case files themselves (empty when they are well formed)."""
    problems: list[str] = []
    by_key = {}
    for c in cases:
        where = f"{c.file}.jsonl:{c.line} ({c.id})"
        if c.key in by_key:
            problems.append(f"{where}: duplicate id")
        by_key[c.key] = c
        if set(c.raw) - KEYS:
            problems.append(f"{where}: unknown keys {sorted(set(c.raw) - KEYS)}")
        if not c.text.strip():
            problems.append(f"{where}: empty text")
        if set(c.fields) - set(ALL_FIELDS) or len(set(c.fields)) != len(c.fields):
            problems.append(f"{where}: bad fields {c.fields}")
        for e in c.events:
            if len(e) != len(c.fields):
                problems.append(f"{where}: event {list(e)} does not have the fields {c.fields}")
        if len(set(c.events)) != len(c.events):
            problems.append(f"{where}: an expected event is listed twice")
        for p in c.absent:
            if not p or set(p) - set(ALL_FIELDS):
                problems.append(f"{where}: bad absent pattern {p}")
            if any(matches(p, as_dict(c, e)) for e in c.events if len(e) == len(c.fields)):
                problems.append(f"{where}: absent pattern {p} matches an expected event")
    for c in cases:
        where = f"{c.file}.jsonl:{c.line} ({c.id})"
        if c.negative and not c.control:
            problems.append(f"{where}: a negative case needs a positive control")
        if not c.control:
            continue
        control = by_key.get(f"{c.file}:{c.control}")
        if control is None:
            problems.append(f"{where}: control {c.control!r} is not in {c.file}.jsonl")
            continue
        if not control.events:
            problems.append(f"{where}: control {c.control!r} expects no event")
        elif c.absent:
            usable = [p for p in c.absent if set(p) <= set(control.fields)]
            if not any(matches(p, as_dict(control, e)) for p in usable for e in control.events):
                problems.append(
                    f"{where}: control {c.control!r} gives nothing matching {list(c.absent)}"
                )
    return problems


def read_events(case: Case) -> list[dict[str, str]]:
    """The events the extractor reads in the case's text, every field as a string."""
    from kg.extract.pipeline import extract_text, spec_events

    out = []
    for s in spec_events(extract_text(case.text, date=case.date, method="rules")):
        out.append(
            {
                "source": s["source"],
                "type": s["type"],
                "mode": s["mode"],
                "target": s["target"],
                "modality": s["modality"],
                "attributed_to": s.get("attributed_to", ""),
                "denied_by": "|".join(s.get("denied_by", [])),
            }
        )
    return out


def found_and_expected(
    case: Case, events: list[dict[str, str]]
) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    found = sorted(tuple(e[f] for f in case.fields) for e in events)
    return found, sorted(case.events)


def passes(case: Case) -> bool:
    events = read_events(case)
    found, expected = found_and_expected(case, events)
    return found == expected and not any(matches(p, e) for p in case.absent for e in events)
