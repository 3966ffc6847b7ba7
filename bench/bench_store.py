"""Store benchmark: bulk load and named queries, kg next to raw pyoxigraph and rdflib.

    .venv/bin/python bench/bench_store.py [--quick] [--sizes 10000,100000,1000000]
                                          [--reps 7] [--json FILE] [--keep DIR]

For each size a synthetic N-Quads file is generated (seeded, so the same bytes every run)
through kg's own mapping (`kg.rdf.mapping.events_graph`): one named graph per document, its
events with types, kgo: properties, actor IRIs, dates, confidence, provenance and the mention
sentence as a literal, plus a small reference graph naming the actors. Then, each in a fresh
child process:

- `kg load FILE` (the CLI: `python -m kg.cli.main --store DIR load FILE`), into a new store;
  the same command on an empty file gives its start-up time and memory, which are taken off;
- the Python API `kg.open(DIR, create=True).load(FILE)` (the same code, no start-up);
- raw pyoxigraph `Store(DIR).load(path=FILE)` (one transaction) and `Store.bulk_load`;
- rdflib `Dataset().parse(FILE, format="nquads")`, in memory.

Memory is the child's peak RSS (`wait4`) less its RSS once its imports are done, divided by
the triples loaded. Then every query of the library (`kg query --list`) runs on the store
`kg load` wrote, through `kg.open(DIR, read_only=True).query(name)` and raw pyoxigraph with
the same prepared text (prefixes, parameter defaults), interleaved, after one warm-up each,
and through rdflib on its parsed Dataset: p50 / p95 of `--reps` runs. The three must return
the same number of rows; a difference is printed as a finding, not hidden.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (  # noqa: E402 - the checkout's kg, whatever is installed
    child_env,
    machine_header,
    measured_child,
    peak_rss_bytes,
    percentile,
    python,
    rss_bytes,
    table,
    write_json,
)

SEED = 20240618
QUICK_SIZES = (10_000, 100_000)
FULL_SIZES = (10_000, 100_000, 1_000_000)

# Actors of the synthetic events: the states and IGOs the real corpus mentions most.
ACTORS = (
    "USA RUS CHN FRA DEU GBR UKR PRK KOR JPN IND IRN ISR TUR SAU EGY BRA MEX CAN ITA "
    "ESP POL SYR IRQ AFG PAK VEN CUB QAT ARE UN EU NATO AU"
).split()
MODALITY_WEIGHTS = (
    ("asserted", 0.6),
    ("planned", 0.1),
    ("possible", 0.1),
    ("negated", 0.05),
    ("alleged", 0.15),
)
CLAUSES = (
    "selon un communiqué publié dans la soirée",
    "au terme de plusieurs semaines de discussions",
    "a indiqué le porte-parole du ministère des Affaires étrangères",
    "malgré les critiques de l'opposition",
    "lors d'une conférence de presse dans la capitale",
    "d'après des sources diplomatiques citées par la presse",
)


# ---------------------------------------------------------------------------------------
# Synthetic data
# ---------------------------------------------------------------------------------------


def _actors():  # -> dict[str, kg.extract.model.Actor]
    from kg.extract.model import Actor
    from kg.gazetteer import load_gazetteer

    gz = load_gazetteer()
    out = {}
    for code in ACTORS:
        entry = gz.states.get(code) or gz.igos[code]
        kind = "state" if code in gz.states else "igo"
        out[code] = Actor(code=code, label=entry.name_fr, kind=kind, qid=entry.qid)
    return out


def _reference_graph():  # -> rdflib.Graph
    """The reference graph of kg (`reference_graph`) restricted to the synthetic actors."""
    from kg.gazetteer import load_gazetteer
    from kg.rdf.mapping import reference_graph

    gz = load_gazetteer()
    mini = SimpleNamespace(
        states={c: s for c, s in gz.states.items() if c in ACTORS},
        igos={c: i for c, i in gz.igos.items() if c in ACTORS},
        persons={},
        tenures=[],
    )
    return reference_graph(mini)


def _document(i: int, rng: random.Random, actors: dict, kinds: list):  # noqa: ANN202
    """One synthetic document and its 1 to 3 events, in the shape extraction produces."""
    from kg.extract.model import Document, Event, Mention

    doc_id = f"bench/{i:07d}"
    year, month, day = rng.randint(2016, 2024), rng.randint(1, 12), rng.randint(1, 28)
    date = f"{year}-{month:02d}-{day:02d}"
    sentences: list[str] = []
    events: list[Event] = []
    offset = 0
    for _ in range(rng.choice((1, 1, 2, 3))):
        src, tgt = rng.sample(ACTORS, 2)
        kind = rng.choice(kinds)
        modality = rng.choices([m for m, _ in MODALITY_WEIGHTS], [w for _, w in MODALITY_WEIGHTS])[
            0
        ]
        trigger = kind.key.replace("_", " ")
        sentence = (
            f"{actors[src].label} et {actors[tgt].label} : {trigger} le {day} "
            f"{month:02d}/{year}, {rng.choice(CLAUSES)}."
        )
        start = offset + len(actors[src].label) + len(actors[tgt].label) + 6
        mention = Mention(
            doc_id=doc_id,
            sentence=sentence,
            start=start,
            end=start + len(trigger),
            trigger=trigger,
            rule=f"bench.{kind.key}",
        )
        alleged = modality == "alleged"
        events.append(
            Event(
                kind=kind.key,
                source=actors[src],
                target=actors[tgt],
                modality=modality,
                attributed_to=actors[rng.choice(ACTORS)] if alleged else None,
                denied_by=[actors[tgt]] if alleged and rng.random() < 0.3 else [],
                date=date,
                date_precision="day",
                mentions=[mention],
                confidence=round(rng.uniform(0.5, 1.0), 3),
            )
        )
        sentences.append(sentence)
        offset += len(sentence) + 1
    filler = " ".join(rng.choice(CLAUSES).capitalize() + "." for _ in range(rng.randint(2, 6)))
    text = " ".join(sentences) + " " + filler
    doc = Document(id=doc_id, text=text, lang="fr", date=date, title=f"Dépêche {i}", source="bench")
    return doc, events


def generate(n_triples: int, path: Path, seed: int = SEED) -> dict[str, int]:
    """Write N-Quads of at least `n_triples` triples (whole documents) to `path`."""
    import pyoxigraph as ox

    from kg.eventkinds import event_kinds
    from kg.rdf.mapping import events_graph
    from kg.store.oxigraph import to_ox
    from kg.vocab import KGR, document_graph

    rng = random.Random(seed)
    actors = _actors()
    kinds = sorted(event_kinds().values(), key=lambda k: k.key)
    n = graphs = events = 0
    with path.open("w", encoding="utf-8") as out:

        def write(graph_iri: str, triples) -> int:  # noqa: ANN001
            name = ox.NamedNode(graph_iri)
            lines = sorted(
                f"{ox.Quad(to_ox(s), to_ox(p), to_ox(o), name)} .\n" for s, p, o in triples
            )
            out.writelines(lines)
            return len(lines)

        n += write(str(KGR["graph/reference"]), _reference_graph())
        graphs += 1
        i = 0
        while n < n_triples:
            doc, evs = _document(i, rng, actors, kinds)
            n += write(str(document_graph(doc.id)), events_graph(doc, evs))
            graphs += 1
            events += len(evs)
            i += 1
    return {"triples": n, "graphs": graphs, "events": events, "bytes": path.stat().st_size}


# ---------------------------------------------------------------------------------------
# Child processes (one measurement each)
# ---------------------------------------------------------------------------------------


def _worker(argv: list[str]) -> None:
    """`--worker KIND FILE [STORE] [REPS]`: do one thing, print one JSON line."""
    kind, file = argv[0], Path(argv[1])
    base = rss_bytes()
    if kind == "ox-load" or kind == "ox-bulk":
        import pyoxigraph as ox

        base = rss_bytes()
        t0 = time.perf_counter()
        store = ox.Store(argv[2])
        if kind == "ox-load":
            store.load(path=str(file), format=ox.RdfFormat.N_QUADS)
        else:
            store.bulk_load(path=str(file), format=ox.RdfFormat.N_QUADS)
        store.flush()
        seconds = time.perf_counter() - t0
        n = len(store)
        del store
    elif kind == "kg-api":
        import kg
        from kg.store.oxigraph import OxigraphStore  # noqa: F401 - imported, as by the CLI

        base = rss_bytes()
        t0 = time.perf_counter()
        with kg.open(argv[2], create=True) as g:
            g.load(file)
            n = len(g.store)
        seconds = time.perf_counter() - t0
    elif kind == "rdflib":
        from rdflib import Dataset

        base = rss_bytes()
        t0 = time.perf_counter()
        ds = Dataset(default_union=True)
        ds.parse(str(file), format="nquads")
        seconds = time.perf_counter() - t0
        n = len(ds)
        peak = peak_rss_bytes()
        reps = int(argv[2])
        queries = _rdflib_queries(ds, reps, float(argv[3]), float(argv[4])) if reps else {}
        print(
            json.dumps({"seconds": seconds, "triples": n, "mem": peak - base, "queries": queries})
        )
        return
    elif kind == "query":
        print(json.dumps(_ox_query(argv[2], Path(argv[3]), int(argv[4]), float(argv[5]))))
        return
    else:
        raise SystemExit(f"unknown worker {kind}")
    print(json.dumps({"seconds": seconds, "triples": n, "mem": peak_rss_bytes() - base}))


def _prepared() -> dict[str, str]:
    """Every library query as `kg query NAME` runs it: prologue + parameter defaults."""
    from kg.query.runner import list_queries, prepare_query

    return {q.name: prepare_query(q.name)[0] for q in list_queries()}


def _raw_ox(store, text: str) -> int:  # noqa: ANN001
    """Run `text` on a pyoxigraph store and read every value, as a caller would."""
    result = store.query(text, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    rows = [tuple(solution[n] for n in names) for solution in result]
    return len(rows)


def _timed(fn, *args) -> tuple[float, int]:  # noqa: ANN001
    t0 = time.perf_counter()
    rows = fn(*args)
    return time.perf_counter() - t0, rows


def _ox_query(name: str, store_dir: Path, reps: int, budget: float) -> dict:
    """One library query through the kg API and raw pyoxigraph on the same store folder,
    interleaved run by run after one warm-up each; repeats stop once either side has spent
    `budget` seconds (a query that slow is measured by its warm-up run alone)."""
    import pyoxigraph as ox

    import kg

    text = _prepared()[name]
    g = kg.open(store_dir, read_only=True)
    raw = ox.Store.read_only(str(store_dir))
    kg_first, kg_rows = _timed(lambda: len(g.query(name)))
    raw_first, raw_rows = _timed(_raw_ox, raw, text)
    kg_t: list[float] = []
    raw_t: list[float] = []
    while len(kg_t) < reps and sum(kg_t) < budget and sum(raw_t) < budget:
        if kg_first > budget or raw_first > budget:
            kg_t, raw_t = [kg_first], [raw_first]
            break
        kg_t.append(_timed(lambda: len(g.query(name)))[0])
        raw_t.append(_timed(_raw_ox, raw, text)[0])
    g.close()
    return {"kg": kg_t, "raw": raw_t, "kg_rows": kg_rows, "raw_rows": raw_rows}


def _rdflib_queries(ds, reps: int, budget: float, timeout: float) -> dict[str, dict]:  # noqa: ANN001
    """Every library query on an rdflib Dataset: up to `reps` runs, fewer once `budget`
    seconds are spent; a run past `timeout` seconds is interrupted (SIGALRM: rdflib is pure
    Python, so the signal lands between two bytecodes)."""
    import signal

    def alarm(*_: object) -> None:
        raise TimeoutError

    signal.signal(signal.SIGALRM, alarm)
    out: dict[str, dict] = {}
    for name, text in _prepared().items():
        times: list[float] = []
        rows: int | str = 0
        while len(times) < reps and sum(times) < budget:
            signal.setitimer(signal.ITIMER_REAL, timeout)
            t0 = time.perf_counter()
            try:
                rows = len(list(ds.query(text)))
            except TimeoutError:
                rows = f"timeout: over {timeout:.0f} s"
                break
            except Exception as exc:  # rdflib fails some queries outright: say which
                rows = f"{type(exc).__name__}: {exc}"
                break
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            times.append(time.perf_counter() - t0)
        out[name] = {"rdflib": times, "rows": rows}
    return out


def _child(*args: str, timeout: float | None = None) -> tuple[float, int, dict]:
    wall, peak, stdout = measured_child(
        [python(), __file__, "--worker", *args], env=child_env(), timeout=timeout
    )
    return wall, peak, json.loads(stdout.strip().splitlines()[-1])


def _du(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def _kg_cli(store: Path, file: Path) -> tuple[float, int, str]:
    return measured_child(
        [python(), "-m", "kg.cli.main", "--store", str(store), "load", str(file)],
        env=child_env(),
    )


# ---------------------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------------------


def bench_size(
    n_target: int, work: Path, reps: int, budget: float, timeout: float, rounds: int
) -> dict:
    """Generate `n_target` triples, load them `rounds` times in every system (interleaved, so
    a neighbour's load on the machine hits all of them alike; the median round is kept), and
    time the library queries."""
    data = work / f"events-{n_target}.nq"
    t0 = time.perf_counter()
    info = generate(n_target, data)
    info["generate_s"] = time.perf_counter() - t0
    n = info["triples"]
    print(
        f"[store] {n:,} triples, {info['graphs']:,} graphs: generated in {info['generate_s']:.1f} s",
        file=sys.stderr,
    )
    samples: dict[str, list[dict]] = {}
    empty = work / "empty.nq"
    empty.write_text("", encoding="utf-8")
    store = work / f"kg-{n_target}"
    res: dict = {}
    for round_ in range(rounds):
        last = round_ == rounds - 1
        # kg load into a fresh store each round; the last round's store is queried below
        for folder in (store, work / "kg-empty"):
            shutil.rmtree(folder, ignore_errors=True)
        base_wall, base_peak, _ = _kg_cli(work / "kg-empty", empty)
        wall, peak, _ = _kg_cli(store, data)
        samples.setdefault("kg load (CLI)", []).append(
            {
                "seconds": wall - base_wall,
                "wall": wall,
                "startup": base_wall,
                "mem": peak - base_peak,
                "disk": _du(store),
            }
        )
        for label, kind in (
            ("kg Python API load", "kg-api"),
            ("pyoxigraph Store.load", "ox-load"),
            ("pyoxigraph Store.bulk_load", "ox-bulk"),
        ):
            folder = work / f"{kind}-{n_target}"
            _, _, r = _child(kind, str(data), str(folder))
            if r["triples"] != n:
                print(
                    f"[store]   warning: {label} holds {r['triples']} quads, not {n}",
                    file=sys.stderr,
                )
            samples.setdefault(label, []).append(
                {"seconds": r["seconds"], "mem": r["mem"], "disk": _du(folder)}
            )
            shutil.rmtree(folder)
        # rdflib parses again for its queries (last round): it has no store to reopen
        q_args = (str(reps), str(budget), str(timeout)) if last else ("0", "0", "0")
        r = _child("rdflib", str(data), *q_args)
        samples.setdefault("rdflib Dataset.parse", []).append(
            {"seconds": r[2]["seconds"], "mem": r[2]["mem"], "disk": None}
        )
        if last:
            res = r[2]
        print(
            f"[store]   round {round_ + 1}: "
            + ", ".join(f"{k} {v[-1]['seconds']:.2f} s" for k, v in samples.items()),
            file=sys.stderr,
        )
    loads = {label: _median_sample(runs) for label, runs in samples.items()}
    queries: dict[str, dict] = {}
    for name, rdflib_q in res["queries"].items():
        try:
            _, _, ox_q = _child(
                "query",
                str(data),
                name,
                str(store),
                str(reps),
                str(budget),
                timeout=2 * timeout + 10,
            )
        except TimeoutError:
            # the warm-up runs of kg and raw pyoxigraph together took over 2 x timeout
            stop = f"timeout: kg + raw over {2 * timeout:.0f} s"
            ox_q = {"kg": [], "raw": [], "kg_rows": stop, "raw_rows": stop}
        queries[name] = {**ox_q, **rdflib_q}
        print(
            f"[store]   query {name}: kg {ox_q['kg'][:1]} raw {ox_q['raw'][:1]} rdflib {rdflib_q['rdflib'][:1]}",
            file=sys.stderr,
        )
    shutil.rmtree(store)
    shutil.rmtree(work / "kg-empty")
    data.unlink()
    return {"target": n_target, "rounds": rounds, **info, "loads": loads, "queries": queries}


def _median_sample(runs: list[dict]) -> dict:
    """The run of median time (its memory and disk with it), plus every time measured."""
    ordered = sorted(runs, key=lambda r: r["seconds"])
    return {**ordered[(len(ordered) - 1) // 2], "all_seconds": [r["seconds"] for r in runs]}


def _fmt_s(x: float) -> str:
    return f"{x:.3f}" if x < 1 else f"{x:.2f}" if x < 100 else f"{x:.0f}"


def _fmt_ms(x: float) -> str:
    ms = x * 1000
    return f"{ms:.1f}" if ms < 100 else f"{ms:,.0f}"


def _times_cell(times: list[float], reps: int, failure: object, timeout: float) -> str:
    """p50 / p95 in ms, the number of runs when fewer than asked, or why there is none."""
    if not times:
        if isinstance(failure, str) and failure.startswith("timeout"):
            return f"stopped ({failure.split(': ', 1)[1]})"
        return f"fails ({str(failure).split(':')[0]})"
    cell = f"{_fmt_ms(percentile(times, 50))} / {_fmt_ms(percentile(times, 95))}"
    return cell + ("" if len(times) == reps else f" ({len(times)} run{'s' * (len(times) > 1)})")


def _ratio(a: list[float], b: list[float], digits: int = 2) -> str:
    if not a or not b:
        return "-"
    return f"{percentile(a, 50) / percentile(b, 50):.{digits}f}"


def report(results: list[dict], reps: int, timeout: float) -> str:
    out = ["## Store: bulk load\n"]
    rows = []
    for r in results:
        raw = r["loads"]["pyoxigraph Store.load"]["seconds"]
        for label, m in r["loads"].items():
            rows.append(
                [
                    f"{r['triples']:,}",
                    label,
                    _fmt_s(m["seconds"]),
                    f"{r['triples'] / m['seconds']:,.0f}",
                    f"{m['mem'] / r['triples']:,.0f}",
                    "-" if m.get("disk") is None else f"{m['disk'] / r['triples']:,.0f}",
                    f"{m['seconds'] / raw:.2f}",
                ]
            )
    out.append(
        table(
            [
                "triples",
                "system",
                "seconds",
                "triples/s",
                "peak RSS B/triple",
                "disk B/triple",
                "time / Store.load",
            ],
            rows,
        )
    )
    notes = [
        f"- {r['triples']:,} triples = {r['graphs']:,} named graphs, {r['events']:,} events, "
        f"{r['bytes'] / 1e6:.1f} MB of N-Quads (generated in {r['generate_s']:.1f} s); "
        f"`kg load` took {r['loads']['kg load (CLI)']['wall']:.2f} s wall, of which "
        f"{r['loads']['kg load (CLI)']['startup']:.2f} s start-up (the same command on an "
        "empty file), taken off above"
        for r in results
    ]
    out.append("\n".join(notes) + "\n")
    out.append(f"\n## Store: named queries (p50 / p95 ms of {reps} runs)\n")
    rows = []
    mismatches = []
    for r in results:
        for name, q in r["queries"].items():
            rows.append(
                [
                    f"{r['triples']:,}",
                    name,
                    "-" if isinstance(q["raw_rows"], str) else f"{q['raw_rows']:,}",
                    _times_cell(q["kg"], reps, q["kg_rows"], timeout),
                    _times_cell(q["raw"], reps, q["raw_rows"], timeout),
                    _ratio(q["kg"], q["raw"]),
                    _times_cell(q["rdflib"], reps, q["rows"], timeout),
                    _ratio(q["rdflib"], q["raw"], 1),
                ]
            )
            counts = [c for c in (q["kg_rows"], q["raw_rows"], q["rows"]) if isinstance(c, int)]
            if len(set(counts)) > 1:
                mismatches.append(
                    f"- {name} at {r['triples']:,}: kg {q['kg_rows']} rows, raw pyoxigraph "
                    f"{q['raw_rows']}, rdflib {q['rows']}"
                )
    out.append(
        table(
            [
                "triples",
                "query",
                "rows",
                "kg API",
                "raw pyoxigraph",
                "kg / raw (p50)",
                "rdflib",
                "rdflib / raw (p50)",
            ],
            rows,
        )
    )
    for r in results:
        ratios = [
            percentile(q["kg"], 50) / percentile(q["raw"], 50)
            for q in r["queries"].values()
            if q["kg"] and q["raw"]
        ]
        if not ratios:
            continue
        geo = 1.0
        for x in ratios:
            geo *= x
        geo **= 1 / len(ratios)
        out.append(
            f"- {r['triples']:,} triples: kg / raw pyoxigraph, geometric mean over "
            f"{len(ratios)} queries: {geo:.2f} (min {min(ratios):.2f}, max {max(ratios):.2f})"
        )
    failures = [
        f"- {name} at {r['triples']:,}: rdflib {q['rows']}"
        for r in results
        for name, q in r["queries"].items()
        if isinstance(q["rows"], str) and not q["rows"].startswith("timeout")
    ]
    out.append("")
    if mismatches:
        out.append("Row counts that differ between systems:\n\n" + "\n".join(mismatches) + "\n")
    else:
        out.append(
            "- where both ran, kg, raw pyoxigraph and rdflib returned the same number of rows\n"
        )
    if failures:
        out.append("Queries rdflib could not run:\n\n" + "\n".join(failures) + "\n")
    return "\n".join(out)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        _worker(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10k and 100k triples only")
    parser.add_argument("--sizes", default=None, help="comma-separated triple counts")
    parser.add_argument("--reps", type=int, default=7, help="runs per query (5-10)")
    parser.add_argument(
        "--budget",
        type=float,
        default=30.0,
        help="seconds per query and system after which repeats stop (at least one run)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=120.0,
        help="one query run longer than this is stopped and reported as a time-out",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="load rounds per system below 1M triples (median kept; 1M is loaded once)",
    )
    parser.add_argument("--json", type=Path, default=None, help="write the raw figures here")
    parser.add_argument("--keep", type=Path, default=None, help="work folder (default: a temp one)")
    args = parser.parse_args()
    sizes = (
        [int(s) for s in args.sizes.split(",")]
        if args.sizes
        else list(QUICK_SIZES if args.quick else FULL_SIZES)
    )
    work = args.keep or Path(tempfile.mkdtemp(prefix="kg-bench-store-"))
    work.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    try:
        results = [
            bench_size(
                n, work, args.reps, args.budget, args.timeout, args.rounds if n < 1_000_000 else 1
            )
            for n in sizes
        ]
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print("# Store benchmark\n")
    print(
        machine_header(
            {
                "run": f"sizes {', '.join(f'{s:,}' for s in sizes)}; {time.perf_counter() - t0:.0f} s in all"
            }
        )
    )
    print(report(results, args.reps, args.timeout))
    write_json(args.json, {"sizes": sizes, "reps": args.reps, "results": results})


if __name__ == "__main__":
    main()
