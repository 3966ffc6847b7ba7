"""Check (and complete) a file of gold annotations under ../shared/eval/SPEC.md.

Usage: python3 tools/annotation_check.py FILE.jsonl [--write]

Each line is a record: id, lang, date, title, text, events (SPEC §4), plus, per event:
- `evidence` (required): a verbatim substring of `text`, inside one sentence, that holds
  the trigger word(s) of the event;
- `start` (optional): the character offset of `evidence` in `text`, needed only when the
  evidence string occurs more than once in the text (the check says so).

With --write, the file is rewritten with `start`, `end` (character offsets of evidence)
and `sentence` (the sentence around it, cut at . ! ? or a line break) filled in for each
event. Standard library only, so annotators can run it with any python3.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
STATES = HERE.parent / "kg" / "gazetteer" / "data" / "states.csv"
TYPES = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}
MODALITIES = {"asserted", "planned", "possible", "negated", "alleged"}
IGOS = {"UN", "EU", "NATO", "AU", "ASEAN", "OPCW", "IAEA", "ARAB_LEAGUE"}
RECORD_KEYS = {"id", "lang", "date", "title", "text", "events"}
SYMMETRIC = {"AGREE", "COOPERATE"}


def state_codes() -> set[str]:
    with STATES.open(encoding="utf-8") as handle:
        return {row["iso3"] for row in csv.DictReader(handle)}


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end]: cut at . ! ? followed by space, or a newline."""
    left = start
    while left > 0:
        ch = text[left - 1]
        if ch == "\n" or (ch in ".!?" and left < len(text) and text[left].isspace()):
            break
        left -= 1
    right = end
    while right < len(text):
        ch = text[right]
        if ch == "\n":
            break
        if ch in ".!?" and (right + 1 == len(text) or text[right + 1].isspace()):
            right += 1
            break
        right += 1
    while left < right and text[left].isspace():
        left += 1
    return left, right


def check_labels(event: dict, codes: set[str], where: str, problems: list[str]) -> None:
    """The actor codes, PLOVER type and modality of one event."""
    for field in ("source", "target"):
        code = event.get(field)
        if code not in codes and code not in IGOS and code != "OTHER":
            problems.append(f"{where}: {field} {code!r} is not an ISO3 code, IGO or OTHER")
    if event.get("type") not in TYPES:
        problems.append(f"{where}: type {event.get('type')!r} is not a PLOVER type")
    if event.get("modality") not in MODALITIES:
        problems.append(f"{where}: modality {event.get('modality')!r} is not valid")


def check_record(record: dict, codes: set[str], problems: list[str]) -> None:
    rid = record.get("id", "?")
    missing = RECORD_KEYS - record.keys()
    if missing:
        problems.append(f"{rid}: record lacks {sorted(missing)}")
        return
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["date"] or ""):
        problems.append(f"{rid}: date must be YYYY-MM-DD")
    text = record["text"]
    seen: set[tuple] = set()
    for n, event in enumerate(record["events"]):
        where = f"{rid} event {n}"
        check_labels(event, codes, where, problems)
        if event.get("source") == event.get("target") and event.get("source") != "OTHER":
            problems.append(f"{where}: source and target are the same ({event.get('source')})")
        evidence = event.get("evidence") or ""
        if not evidence:
            problems.append(f"{where}: evidence is missing")
            continue
        hits = [m.start() for m in re.finditer(re.escape(evidence), text)]
        if not hits:
            problems.append(f"{where}: evidence {evidence!r} is not a verbatim substring of text")
            continue
        start = event.get("start")
        if start is None:
            if len(hits) > 1:
                problems.append(
                    f"{where}: evidence {evidence!r} occurs {len(hits)} times "
                    f"(at {hits}); give 'start' or a longer evidence"
                )
                continue
            start = hits[0]
        elif start not in hits:
            problems.append(f"{where}: start {start} is not where evidence occurs ({hits})")
            continue
        end = start + len(evidence)
        left, right = sentence_bounds(text, start, end)
        if "\n" in text[start:end]:
            problems.append(f"{where}: evidence spans a line break")
        event["start"], event["end"] = start, end
        event["sentence"] = text[left:right]
        pair = (event.get("source"), event.get("target"))
        etype = event.get("type")
        if etype in SYMMETRIC or (etype == "CONSULT" and event.get("mode") != "visit"):
            pair = tuple(sorted(pair))
        key = (*pair, etype, event.get("mode") == "visit", event.get("modality"))
        if key in seen:
            problems.append(f"{where}: duplicate key {key} (list each distinct event once)")
        seen.add(key)


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help"}:
        print(__doc__)
        return 0
    path = Path(argv[0])
    codes = state_codes()
    problems: list[str] = []
    records = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            problems.append(f"line {lineno}: not JSON ({err})")
            continue
        check_record(record, codes, problems)
        records.append(record)
    ids = [r.get("id") for r in records]
    for dup in {i for i in ids if ids.count(i) > 1}:
        problems.append(f"{dup}: id used more than once")
    events = sum(len(r.get("events", [])) for r in records)
    empty = sum(1 for r in records if not r.get("events"))
    for problem in problems:
        print(problem)
    print(
        f"{path}: {len(records)} records, {events} events, {empty} event-free, "
        f"{len(problems)} problems"
    )
    if "--write" in argv and not problems:
        with path.open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        print("written with start/end/sentence")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
