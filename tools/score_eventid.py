"""Score cross-document event identity (kg.identity) on the gold corpus data/eventid/fr.

    python tools/score_eventid.py [FOLDER] [--errors]

Each gold mention (an event of an article, with the date interval a careful reader gives
it) becomes an `EventMention`; `cluster_mentions` groups them; the grouping is scored
pairwise against the gold `event` ids, and the planned → happened links against the gold
`realises` of clusters.jsonl. This scores the merge alone, on gold mentions and dates.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.identity import DateInterval, EventMention, cluster_mentions, pairwise_score, realisations
from kg.identity.scoring import pairs

DEFAULT = Path(__file__).resolve().parents[1] / "data" / "eventid" / "fr"


def label(event: dict) -> str:
    return "CONSULT:visit" if event.get("mode") == "visit" else event["type"]


def read(folder: Path) -> tuple[list[EventMention], dict[str, str], dict[str, str | None]]:
    published = {}
    for line in (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            a = json.loads(line)
            published[a["id"]] = date.fromisoformat(a["date"]) if a.get("date") else None
    mentions, gold = [], {}
    for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        for i, e in enumerate(rec["events"]):
            if "OTHER" in (e["source"], e["target"]):
                continue
            mid = f"{rec['id']}#{i}"
            when = DateInterval.from_dict(e["date"]) if e.get("date") else None
            mentions.append(
                EventMention(
                    mid,
                    rec["id"],
                    label(e),
                    e["source"],
                    e["target"],
                    e.get("modality", "asserted"),
                    when,
                    published.get(rec["id"]),
                    e.get("evidence", ""),
                )
            )
            gold[mid] = e["event"]
    realises = {}
    for line in (folder / "clusters.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            c = json.loads(line)
            realises[c["event"]] = c.get("realises")
    return mentions, gold, realises


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--errors", action="store_true", help="print wrong and missed pairs")
    args = ap.parse_args()
    mentions, gold, gold_realises = read(args.folder)
    clusters = cluster_mentions(mentions)
    predicted = {m.id: c.id for c in clusters for m in c.mentions}
    s = pairwise_score(gold, predicted)
    print(
        f"mentions {len(mentions)}, gold events {len(set(gold.values()))}, "
        f"predicted events {len(clusters)}"
    )
    print(
        f"pairwise: P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f} "
        f"({s.true_pairs} right of {s.predicted_pairs} made; {s.gold_pairs} gold pairs)"
    )

    # links: gold (happened event, planned event) pairs vs predicted, through majority ids
    def gold_id(cluster) -> str:  # noqa: ANN001
        ids = [gold[m.id] for m in cluster.mentions]
        return max(sorted(set(ids)), key=ids.count)

    want = {(h, p) for h, p in gold_realises.items() if p}
    got = {(gold_id(h), gold_id(p)) for h, p, _ in realisations(clusters)}
    right = len(want & got)
    print(
        f"realises links: {right} right of {len(got)} made; {len(want)} gold "
        f"(P {right / len(got) if got else 1:.3f} R {right / len(want) if want else 1:.3f})"
    )
    if args.errors:
        by_id = {m.id: m for m in mentions}
        g, p = pairs(gold), pairs(predicted)
        for kind, items in (("WRONG", p - g), ("MISSED", g - p)):
            for pair in sorted(items, key=sorted):
                a, b = (by_id[x] for x in sorted(pair))
                print(kind, a.id, a.key, a.modality, a.date, "|", b.id, b.key, b.modality, b.date)
        for h, pl in sorted(want - got):
            print("LINK MISSED", h, "realises", pl)
        for h, pl in sorted(got - want):
            print("LINK WRONG", h, "realises", pl)


if __name__ == "__main__":
    main()
