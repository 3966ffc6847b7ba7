"""Check the cross-document event identity corpus (data/eventid/fr) and print its counts.

Usage: python3 tools/check_eventid.py [DIR] [--second SECOND.jsonl]

DIR (default data/eventid/fr) holds articles.jsonl, gold.jsonl and clusters.jsonl, as
described in its README.md. The check verifies that every article has one gold line, that
each mention's evidence is text[start:end], that codes, PLOVER types and modalities are
valid (the tables of tools/annotation_check.py), that every mention's `event` is a cluster
whose kind and dyad agree with it, that its date interval overlaps the cluster's true
date, and that `realises` and `mirror` point to existing clusters. It exits 1 on any
problem.

With --second, a second annotator's gold lines for some of the articles are compared
with the first: event-key F1 (SPEC §6 keys) and pairwise agreement of the clustering
over the mentions both passes found (two mentions are a pair when they share `event`;
the cluster ids of the two passes need not be the same).

Standard library only, so annotators can run it with any python3.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from itertools import combinations
from pathlib import Path

from annotation_check import IGOS, SYMMETRIC, TYPES, check_labels, state_codes

HERE = Path(__file__).resolve().parent
DEFAULT_DIR = HERE.parent / "data" / "eventid" / "fr"
GRANULARITIES = {"day", "week", "month", "year", "before", "after", "around"}
CLUSTER_STATUSES = {"happened", "planned", "possible", "not-happened"}
FUTURE_STATUSES = {"planned", "possible"}
WORDS = (80, 300)

Interval = tuple[date | None, date | None]


def read_jsonl(path: Path, problems: list[str]) -> list[dict]:
    records = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as err:
                problems.append(f"{path.name} line {lineno}: not JSON ({err})")
    return records


def symmetric(etype: str, mode: str) -> bool:
    return etype in SYMMETRIC or (etype == "CONSULT" and mode != "visit")


def dyad_kind(etype: str, mode: str, source: str, target: str) -> tuple:
    """What a mention and its cluster must share: type, visit or not, and the (sorted
    when symmetric) pair."""
    pair = (source, target)
    if symmetric(etype, mode):
        pair = tuple(sorted(pair))
    return (etype, mode == "visit", *pair)


def parse_interval(value: object, where: str, problems: list[str]) -> Interval | None:
    """(start, end) of a date interval, None bounds open; None when absent or invalid."""
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != {"start", "end", "granularity"}:
        problems.append(f"{where}: date must be null or {{start, end, granularity}}")
        return None
    if value["granularity"] not in GRANULARITIES:
        problems.append(f"{where}: granularity {value['granularity']!r} is not valid")
    bounds: list[date | None] = []
    for field in ("start", "end"):
        raw = value[field]
        try:
            bounds.append(None if raw is None else date.fromisoformat(raw))
        except (TypeError, ValueError):
            problems.append(f"{where}: {field} {raw!r} is not YYYY-MM-DD or null")
            return None
    start, end = bounds
    if start is None and end is None:
        problems.append(f"{where}: an interval needs at least one bound (use null for no date)")
    if start and end and start > end:
        problems.append(f"{where}: start {start} is after end {end}")
    return start, end


def overlap(a: Interval, b: Interval) -> bool:
    return (a[0] is None or b[1] is None or a[0] <= b[1]) and (
        b[0] is None or a[1] is None or b[0] <= a[1]
    )


def check_clusters(clusters: list[dict], codes: set[str], problems: list[str]) -> dict:
    by_id: dict[str, dict] = {}
    for cluster in clusters:
        eid = cluster.get("event")
        if eid in by_id:
            problems.append(f"cluster {eid}: defined twice")
        by_id[eid] = cluster
        etype, _, mode = (cluster.get("kind") or "").partition(":")
        if etype not in TYPES:
            problems.append(f"cluster {eid}: kind {cluster.get('kind')!r} is not a PLOVER type")
        for field in ("source", "target"):
            if cluster.get(field) not in codes | IGOS:
                problems.append(f"cluster {eid}: {field} {cluster.get(field)!r} is not scored")
        if cluster.get("status") not in CLUSTER_STATUSES:
            problems.append(f"cluster {eid}: status {cluster.get('status')!r} is not valid")
        cluster["_interval"] = parse_interval(cluster.get("date"), f"cluster {eid}", problems)
        cluster["_key"] = dyad_kind(etype, mode, cluster.get("source"), cluster.get("target"))
    for eid, cluster in by_id.items():
        planned = cluster.get("realises")
        if planned is not None:
            if planned not in by_id:
                problems.append(f"cluster {eid}: realises unknown cluster {planned}")
            elif by_id[planned].get("status") not in FUTURE_STATUSES:
                problems.append(f"cluster {eid}: realises {planned}, which is not planned")
            elif by_id[planned]["_key"] != cluster["_key"]:
                problems.append(f"cluster {eid}: realises {planned} of another kind or dyad")
        mirror = cluster.get("mirror")
        if mirror is not None:
            other = by_id.get(mirror)
            if other is None:
                problems.append(f"cluster {eid}: mirror unknown cluster {mirror}")
            elif (other.get("source"), other.get("target")) != (
                cluster.get("target"),
                cluster.get("source"),
            ) or other.get("mirror") != eid:
                problems.append(f"cluster {eid}: mirror {mirror} is not its reverse")
    return by_id


def check_mention(event: dict, text: str, codes: set[str], where: str, problems: list[str]) -> None:
    """Codes, type, modality and offsets of one mention (what needs no cluster)."""
    check_labels(event, codes, where, problems)
    start, end, evidence = event.get("start"), event.get("end"), event.get("evidence")
    if not isinstance(start, int) or not isinstance(end, int):
        problems.append(f"{where}: start and end must be integers")
    elif text[start:end] != evidence:
        problems.append(f"{where}: text[{start}:{end}] is not the evidence {evidence!r}")


def check_gold(
    articles: dict[str, dict],
    gold: list[dict],
    clusters: dict[str, dict],
    codes: set[str],
    problems: list[str],
) -> list[tuple[str, dict]]:
    """All mentions as (article id, mention), after checking each against its article."""
    seen_ids: set[str] = set()
    mentions: list[tuple[str, dict]] = []
    for record in gold:
        rid = record.get("id")
        if rid in seen_ids:
            problems.append(f"{rid}: more than one gold line")
        seen_ids.add(rid)
        if rid not in articles:
            problems.append(f"{rid}: gold line for an unknown article")
            continue
        text = articles[rid]["text"]
        in_article: set[tuple] = set()
        for n, event in enumerate(record.get("events", [])):
            where = f"{rid} event {n}"
            check_mention(event, text, codes, where, problems)
            source, target = event.get("source"), event.get("target")
            etype, mode = event.get("type"), event.get("mode", "")
            interval = parse_interval(event.get("date"), where, problems)
            eid = event.get("event")
            cluster = clusters.get(eid)
            if cluster is None:
                problems.append(f"{where}: event {eid!r} is not in clusters.jsonl")
            else:
                cluster["_mentions"] = cluster.get("_mentions", 0) + 1
                if dyad_kind(etype, mode, source, target) != cluster["_key"]:
                    problems.append(f"{where}: kind or dyad differs from cluster {eid}")
                true = cluster["_interval"]
                if interval and true and not overlap(interval, true):
                    problems.append(f"{where}: date {event['date']} misses the true date of {eid}")
            unique = (eid, source, target)
            if unique in in_article:
                problems.append(f"{where}: {unique} listed twice in one article")
            in_article.add(unique)
            mentions.append((rid, event))
    for rid in articles.keys() - seen_ids:
        problems.append(f"{rid}: article without a gold line")
    for eid, cluster in clusters.items():
        if not cluster.get("_mentions"):
            problems.append(f"cluster {eid}: no mention refers to it")
    return mentions


def gold_pairs(mentions: list[tuple[str, dict]]) -> set[frozenset[int]]:
    by_event: dict[str, list[int]] = {}
    for n, (_, event) in enumerate(mentions):
        by_event.setdefault(event["event"], []).append(n)
    return {frozenset(p) for members in by_event.values() for p in combinations(members, 2)}


def distinct_same_kind_pairs(clusters: dict[str, dict]) -> int:
    """Pairs of different happened events with the same kind and dyad (they must not merge)."""
    groups: dict[tuple, int] = {}
    for cluster in clusters.values():
        if cluster.get("status") == "happened":
            groups[cluster["_key"]] = groups.get(cluster["_key"], 0) + 1
    return sum(n * (n - 1) // 2 for n in groups.values())


def print_counts(articles: dict, mentions: list, clusters: dict) -> None:
    sizes: dict[str, int] = {}
    docs: dict[str, set[str]] = {}
    for rid, event in mentions:
        sizes[event["event"]] = sizes.get(event["event"], 0) + 1
        docs.setdefault(event["event"], set()).add(rid)
    pairs = gold_pairs(mentions)
    cross = sum(1 for p in pairs if len({mentions[i][0] for i in p}) == 2)
    mirrored = sum(1 for c in clusters.values() if c.get("mirror")) // 2
    realised = sum(1 for c in clusters.values() if c.get("realises"))
    statuses: dict[str, int] = {}
    for cluster in clusters.values():
        statuses[cluster["status"]] = statuses.get(cluster["status"], 0) + 1
    dated = sum(1 for _, e in mentions if e.get("date"))
    per_gran: dict[str, int] = {}
    for _, event in mentions:
        gran = event["date"]["granularity"] if event.get("date") else "null"
        per_gran[gran] = per_gran.get(gran, 0) + 1
    with_events = {rid for rid, _ in mentions}
    print(f"articles: {len(articles)} ({len(articles.keys() - with_events)} without events)")
    print(
        f"mentions: {len(mentions)} ({dated} dated; by granularity {dict(sorted(per_gran.items()))})"
    )
    print(
        f"clusters: {len(clusters)} (real events, mirrored pairs of one mutual act counted once: "
        f"{len(clusters) - mirrored}); by status {dict(sorted(statuses.items()))}"
    )
    print(
        f"clusters with >= 2 mentions: {sum(1 for n in sizes.values() if n >= 2)}; "
        f"in >= 2 articles: {sum(1 for d in docs.values() if len(d) >= 2)}; "
        f"largest: {max(sizes.values()) if sizes else 0} mentions"
    )
    print(f"planned/possible -> happened pairs (realises): {realised}")
    print(
        f"distinct happened events of the same kind and dyad (pairs): "
        f"{distinct_same_kind_pairs(clusters)}"
    )
    print(f"gold mention pairs: {len(pairs)} ({cross} across articles)")


def spec_key(event: dict) -> tuple:
    etype, mode = event["type"], event.get("mode", "")
    pair = (event["source"], event["target"])
    if symmetric(etype, mode):
        pair = tuple(sorted(pair))
    return ("CONSULT:visit" if etype == "CONSULT" and mode == "visit" else etype, *pair)


def align(first: list[dict], second: list[dict]) -> list[tuple[int, int]]:
    """Pairs (index in first, index in second) of the same mention in one article: same
    SPEC key and modality, ties broken by the nearest evidence."""
    taken: set[int] = set()
    matches = []
    for j, event in enumerate(second):
        candidates = [
            i
            for i, other in enumerate(first)
            if i not in taken
            and spec_key(other) == spec_key(event)
            and other["modality"] == event["modality"]
        ]
        if candidates:
            i = min(candidates, key=lambda i: abs(first[i]["start"] - event["start"]))
            taken.add(i)
            matches.append((i, j))
    return matches


def prf(matched_a: int, total_a: int, matched_b: int, total_b: int) -> str:
    recall = matched_a / total_a if total_a else 1.0
    precision = matched_b / total_b if total_b else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f"P {precision:.3f} R {recall:.3f} F1 {f1:.3f}"


def scored(event: dict) -> bool:
    return event["source"] != "OTHER" and event["target"] != "OTHER"


def compare(gold: list[dict], second: list[dict]) -> None:
    first_by_id = {r["id"]: r["events"] for r in gold}
    keys = [0, 0, 0]
    strict = [0, 0, 0]
    aligned: list[tuple[dict, dict]] = []
    n_first = n_second = 0
    for record in second:
        ours = first_by_id[record["id"]]
        theirs = record["events"]
        n_first += len(ours)
        n_second += len(theirs)
        for counts, key in ((keys, spec_key), (strict, lambda e: (*spec_key(e), e["modality"]))):
            ka = {key(e) for e in ours if scored(e)}
            kb = {key(e) for e in theirs if scored(e)}
            counts[0] += len(ka)
            counts[1] += len(kb)
            counts[2] += len(ka & kb)
        aligned += [(ours[i], theirs[j]) for i, j in align(ours, theirs)]
    print(f"second pass: {len(second)} articles, first {n_first} mentions, second {n_second}")
    for name, (a, b, both) in (("event keys", keys), ("strict keys (with modality)", strict)):
        print(f"{name}: first {a}, second {b}, agreed {both}: {prf(both, a, both, b)}")
    same_date = sum(1 for a, b in aligned if a.get("date") == b.get("date"))
    print(f"aligned mentions: {len(aligned)}; identical date intervals: {same_date}")
    pairs = list(combinations(range(len(aligned)), 2))
    pairs_a = {p for p in pairs if aligned[p[0]][0]["event"] == aligned[p[1]][0]["event"]}
    pairs_b = {p for p in pairs if aligned[p[0]][1]["event"] == aligned[p[1]][1]["event"]}
    both = len(pairs_a & pairs_b)
    print(
        f"same-event pairs among aligned mentions: first {len(pairs_a)}, second "
        f"{len(pairs_b)}, agreed {both}: {prf(both, len(pairs_a), both, len(pairs_b))}"
    )
    same_key = [p for p in pairs if spec_key(aligned[p[0]][0]) == spec_key(aligned[p[1]][0])]
    agreed = sum(1 for p in same_key if (p in pairs_a) == (p in pairs_b))
    print(
        f"aligned pairs with the same key (merge or not): {len(same_key)}, "
        f"{sum(1 for p in same_key if p in pairs_a)} same event in the first pass; "
        f"decisions agreed {agreed}"
    )


def main(argv: list[str]) -> int:
    if argv and argv[0] in {"-h", "--help"}:
        print(__doc__)
        return 0
    second_path = None
    if "--second" in argv:
        at = argv.index("--second")
        second_path = Path(argv[at + 1])
        argv = argv[:at] + argv[at + 2 :]
    folder = Path(argv[0]) if argv else DEFAULT_DIR
    problems: list[str] = []
    codes = state_codes()
    articles: dict[str, dict] = {}
    for article in read_jsonl(folder / "articles.jsonl", problems):
        rid = article.get("id")
        if rid in articles:
            problems.append(f"{rid}: article id used twice")
        articles[rid] = article
        if article.get("lang") != "fr" or not re.fullmatch(
            r"\d{4}-\d{2}-\d{2}", article.get("date") or ""
        ):
            problems.append(f"{rid}: lang must be fr and date YYYY-MM-DD")
        words = len(article.get("text", "").split())
        if not WORDS[0] <= words <= WORDS[1]:
            problems.append(f"{rid}: {words} words, outside {WORDS}")
    clusters = check_clusters(read_jsonl(folder / "clusters.jsonl", problems), codes, problems)
    gold = read_jsonl(folder / "gold.jsonl", problems)
    mentions = check_gold(articles, gold, clusters, codes, problems)
    if second_path is not None:
        second = read_jsonl(second_path, problems)
        for record in second:
            if record.get("id") not in articles:
                problems.append(f"second pass: unknown article {record.get('id')}")
                continue
            for n, event in enumerate(record.get("events", [])):
                where = f"second pass {record['id']} event {n}"
                check_mention(event, articles[record["id"]]["text"], codes, where, problems)
                parse_interval(event.get("date"), where, problems)
    for problem in problems:
        print(problem)
    print_counts(articles, mentions, clusters)
    if second_path is not None and not problems:
        compare(gold, second)
    print(f"{folder}: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
