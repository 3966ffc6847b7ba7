"""Counts of the annotated corpus for its datasheet (docs/corpus.md).

Usage: python tools/corpus_stats.py [ROOT]   (default data/annotations)
Prints markdown tables: documents and events per split and per source file, events per
type and per modality. Reads the gold only (the test split is counted, never scored here).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from kg.evaluate import load_jsonl
from kg.learn.corpus import CORPUS_DIR, corpus_files, split_of


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else CORPUS_DIR
    per_file, per_split = {}, {s: Counter() for s in ("train", "dev", "test")}
    types, modalities = Counter(), Counter()
    for path in corpus_files("fr", root):
        c = Counter()
        for r in load_jsonl(path):
            split = split_of(r["id"])
            for counter in (c, per_split[split]):
                counter["documents"] += 1
                counter["events"] += len(r["events"])
                counter["event-free"] += not r["events"]
            for e in r["events"]:
                types[e["type"] + (":visit" if e.get("mode") == "visit" else "")] += 1
                modalities[e["modality"]] += 1
        per_file[path.relative_to(root).as_posix()] = c
    print("| file | documents | events | event-free |\n|---|---|---|---|")
    for name, c in per_file.items():
        print(f"| {name} | {c['documents']} | {c['events']} | {c['event-free']} |")
    total = sum(per_file.values(), Counter())
    print(f"| **all** | {total['documents']} | {total['events']} | {total['event-free']} |\n")
    print("| split | documents | events | event-free |\n|---|---|---|---|")
    for split, c in per_split.items():
        print(f"| {split} | {c['documents']} | {c['events']} | {c['event-free']} |")
    print("\n| type | events |\n|---|---|")
    for t, n in sorted(types.items(), key=lambda kv: -kv[1]):
        print(f"| {t} | {n} |")
    print("\n| modality | events |\n|---|---|")
    for m, n in modalities.most_common():
        print(f"| {m} | {n} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
