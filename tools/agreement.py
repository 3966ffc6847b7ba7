"""Inter-annotator agreement on the corpus sample a second annotator redid.

Usage: python tools/agreement.py [SECOND.jsonl]   (default data/annotations/fr/iaa/second.jsonl)

Scores the second annotator against the first (the corpus files) by SPEC §6 and prints
event F1, strict F1 and modality accuracy; F1 is symmetric, so which side is "gold" does
not matter for it (modality accuracy is over the keys both found).
"""

from __future__ import annotations

import sys
from pathlib import Path

from kg.evaluate import load_jsonl, score
from kg.learn.corpus import CORPUS_DIR, read_corpus


def main(argv: list[str]) -> int:
    second_path = Path(argv[0]) if argv else CORPUS_DIR / "fr" / "iaa" / "second.jsonl"
    second = load_jsonl(second_path)
    first_by_id = {r["id"]: r for r in read_corpus(None, "fr")}
    ids = [r["id"] for r in second if r["id"] in first_by_id]
    first = [first_by_id[i] for i in ids]
    second = [r for r in second if r["id"] in first_by_id]
    report = score(first, second)
    n_first = sum(len(r["events"]) for r in first)
    n_second = sum(len(r["events"]) for r in second)
    print(f"documents: {len(ids)} (first annotator {n_first} events, second {n_second})")
    print(
        f"event keys: first {report.event.gold}, second {report.event.pred}, "
        f"agreed {report.event.matched_gold}"
    )
    print(
        f"event F1 {report.event.f1:.3f}   strict F1 {report.strict.f1:.3f}   modality "
        f"accuracy {report.modality_accuracy if report.modality_accuracy is not None else 'n/a'}"
    )
    empty_both = sum(
        1 for a, b in zip(first, second, strict=True) if not a["events"] and not b["events"]
    )
    print(f"documents both left event-free: {empty_both}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
