"""Extraction benchmark: `kg ingest`'s path next to bare spaCy `nlp.pipe`, on the same text.

    .venv/bin/python bench/bench_extract.py [--quick] [--sizes 1000,10000,100000,1000000]
                                            [--workers 1,2] [--json FILE] [--no-profile]

The text is French news: ../shared/corpus/*.jsonl and data/annotations/fr/**/*.jsonl (each
distinct text once), repeated in the same order until a size is reached (whole documents;
each copy gets its own id, so each is its own named graph). For every size and number of
processes, side by side:

- bare `nlp.pipe(texts, batch_size=8, n_process=W)`, every Doc consumed;
- what `kg ingest --workers W` runs: `extract_documents(docs, workers=W)` (spaCy, then the
  rules and the learned model, in the parent process), then `events_graph` and
  `store.replace_graph` per document into a fresh on-disk Oxigraph store.

Throughput is tokens (spaCy's, counted by the tokenizer) and documents per second; the ratio
is kg time / bare time. The kg path with one process is profiled with cProfile (at most
100k tokens) (the top of the cumulative listing is printed) to say where the time goes, and one
long document shows whether extraction grows faster than the text.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import site
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ROOT, machine_header, table, write_json  # noqa: E402
from kg.extract.model import Document  # noqa: E402
from kg.extract.pipeline import extract_documents  # noqa: E402
from kg.nlp import load  # noqa: E402

QUICK_SIZES = (1_000, 10_000, 100_000)
FULL_SIZES = (1_000, 10_000, 100_000, 1_000_000)
PROFILE_TOKENS = 100_000
"""cProfile doubles the run time: profile this many tokens (the profile is per token)."""


def corpus_texts() -> list[dict]:
    """Distinct French texts, in a fixed order: the shared pool, then the annotated files."""
    files = sorted((ROOT.parent / "shared" / "corpus").glob("*.jsonl"))
    files += sorted((ROOT / "data" / "annotations" / "fr").rglob("*.jsonl"))
    seen: set[str] = set()
    out: list[dict] = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            text = rec.get("text", "")
            if text and rec.get("lang", "fr") == "fr" and text not in seen:
                seen.add(text)
                out.append(rec)
    if not out:  # no shared corpus next to the checkout: the seed articles
        seeds = ROOT / "seeds" / "articles" / "articles.jsonl"
        out = [json.loads(x) for x in seeds.read_text(encoding="utf-8").splitlines() if x.strip()]
    return out


def sized(records: list[dict], counts: list[int], n_tokens: int) -> tuple[list[Document], int]:
    """Whole documents, cycling through `records`, until `n_tokens` tokens are reached."""
    docs: list[Document] = []
    total = i = 0
    while total < n_tokens:
        rec, n = records[i % len(records)], counts[i % len(records)]
        copy = i // len(records)
        docs.append(
            Document(
                id=f"{rec.get('id', i)}#{copy}",
                text=rec["text"],
                lang="fr",
                date=rec.get("date", ""),
                title=rec.get("title", ""),
            )
        )
        total += n
        i += 1
    return docs, total


def bare(nlp, texts: list[str], workers: int) -> float:  # noqa: ANN001
    t0 = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=8, n_process=workers):
        len(doc)
    return time.perf_counter() - t0


def ingest(docs: list[Document], workers: int) -> tuple[float, float, int]:
    """`kg ingest`'s work: (extraction seconds, RDF + store seconds, events)."""
    from kg.rdf.mapping import events_graph
    from kg.store import open_store
    from kg.vocab import document_graph

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        results = extract_documents(docs, workers=workers)
        extract_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        store = open_store(Path(tmp) / "store", create=True)
        try:
            for doc, events in results:
                store.replace_graph(document_graph(doc.id), events_graph(doc, events))
        finally:
            store.close()
        store_s = time.perf_counter() - t0
    return extract_s, store_s, sum(len(e) for _, e in results)


def profile(docs: list[Document], top: int = 18) -> str:
    """cProfile of the kg path with one process: the functions with most cumulative time."""
    prof = cProfile.Profile()
    prof.enable()
    ingest(docs, 1)
    prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(top)
    text = buf.getvalue().replace(str(ROOT) + "/", "")
    for folder in site.getsitepackages():
        text = text.replace(folder + "/", "")
    lines = [ln for ln in text.splitlines() if ln.strip()]
    start = next(i for i, ln in enumerate(lines) if ln.lstrip().startswith("ncalls"))
    return "\n".join(lines[start:])


def long_input(nlp, texts: list[str], chars: int = 400_000) -> list[list[str]]:  # noqa: ANN001
    """One long document (the texts joined): catches work that grows faster than the text,
    which short articles hide. Rows: characters, tokens, bare s, kg s, ratio."""
    from kg.extract.pipeline import _chunks, extract_text

    rows = []
    for size in (chars // 4, chars):
        big = ""
        i = 0
        while len(big) < size:
            big += texts[i % len(texts)] + "\n\n"
            i += 1
        t0 = time.perf_counter()
        n_tokens = sum(len(nlp(chunk)) for _, chunk in _chunks(big))
        bare_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        extract_text(big, date="2017-01-01")
        kg_s = time.perf_counter() - t0
        rows.append(
            [
                f"{len(big):,}",
                f"{n_tokens:,}",
                f"{bare_s:.2f}",
                f"{kg_s:.2f}",
                f"{kg_s / bare_s:.2f}",
            ]
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="up to 100k tokens")
    parser.add_argument("--sizes", default=None, help="comma-separated token counts")
    parser.add_argument("--workers", default="1,2", help="process counts to compare")
    parser.add_argument("--json", type=Path, default=None, help="write the raw figures here")
    parser.add_argument("--no-profile", action="store_true", help="skip cProfile and long input")
    args = parser.parse_args()
    sizes = (
        [int(s) for s in args.sizes.split(",")]
        if args.sizes
        else list(QUICK_SIZES if args.quick else FULL_SIZES)
    )
    workers = [int(w) for w in args.workers.split(",")]
    t_all = time.perf_counter()
    records = corpus_texts()
    nlp = load("fr")
    counts = [len(doc) for doc in nlp.tokenizer.pipe(r["text"] for r in records)]
    list(nlp.pipe([r["text"] for r in records[:4]]))  # warm up
    extract_documents(
        [Document(id="warm", text=records[0]["text"], lang="fr")]
    )  # loads the learned model
    results = []
    for n in sizes:
        docs, n_tok = sized(records, counts, n)
        texts = [d.text for d in docs]
        for w in workers:
            bare_s = bare(nlp, texts, w)
            extract_s, store_s, n_events = ingest(docs, w)
            results.append(
                {
                    "target": n,
                    "tokens": n_tok,
                    "docs": len(docs),
                    "workers": w,
                    "bare_s": bare_s,
                    "extract_s": extract_s,
                    "store_s": store_s,
                    "events": n_events,
                }
            )
            print(
                f"[extract] {n_tok:,} tokens, {w} process(es): bare {bare_s:.1f} s, "
                f"kg {extract_s:.1f} + {store_s:.1f} s",
                file=sys.stderr,
            )
    prof = long_rows = None
    if not args.no_profile:
        docs, _ = sized(records, counts, min(sizes[-1], PROFILE_TOKENS))
        prof = profile(docs)
        if not args.quick:
            long_rows = long_input(nlp, [r["text"] for r in records])

    print("# Extraction benchmark\n")
    print(
        machine_header(
            {
                "input": f"{len(records)} distinct French texts ({sum(counts):,} tokens), "
                "repeated to size",
                "run": f"{time.perf_counter() - t_all:.0f} s in all",
            }
        )
    )
    rows = []
    for r in results:
        kg_s = r["extract_s"] + r["store_s"]
        rows.append(
            [
                f"{r['tokens']:,}",
                f"{r['docs']:,}",
                r["workers"],
                f"{r['bare_s']:.2f}",
                f"{r['tokens'] / r['bare_s']:,.0f}",
                f"{kg_s:.2f} ({r['store_s']:.2f})",
                f"{r['tokens'] / kg_s:,.0f}",
                f"{r['docs'] / kg_s:,.1f}",
                f"{kg_s / r['bare_s']:.2f}",
                f"{r['events']:,}",
            ]
        )
    print("## Extraction: kg ingest path vs bare nlp.pipe\n")
    print(
        table(
            [
                "tokens",
                "docs",
                "processes",
                "bare s",
                "bare tokens/s",
                "kg s (of which RDF + store)",
                "kg tokens/s",
                "kg docs/s",
                "kg / bare",
                "events",
            ],
            rows,
        )
    )
    by = {(r["target"], r["workers"]): r for r in results}
    lines = []
    for w in workers:
        firsts = [by[(n, w)] for n in sizes if (n, w) in by]
        base = firsts[0]
        for r in firsts[1:]:
            scale = r["tokens"] / base["tokens"]
            kg_scale = (r["extract_s"] + r["store_s"]) / (base["extract_s"] + base["store_s"])
            lines.append(
                f"- {w} process(es), {base['tokens']:,} -> {r['tokens']:,} tokens "
                f"(x{scale:,.0f}): bare time x{r['bare_s'] / base['bare_s']:,.1f}, "
                f"kg time x{kg_scale:,.1f}"
            )
    for n in sizes:
        if all((n, w) in by for w in workers) and len(workers) > 1:
            one, more = by[(n, workers[0])], by[(n, workers[-1])]
            lines.append(
                f"- {one['tokens']:,} tokens: {workers[-1]} processes vs {workers[0]}: bare "
                f"x{one['bare_s'] / more['bare_s']:.2f} faster, kg "
                f"x{(one['extract_s'] + one['store_s']) / (more['extract_s'] + more['store_s']):.2f}"
            )
    print("\n".join(lines) + "\n")
    if long_rows:
        print("## Extraction: one long document\n")
        print(
            table(
                ["characters", "tokens", "bare nlp s", "kg extract_text s", "kg / bare"], long_rows
            )
        )
    if prof:
        n_prof = min(sizes[-1], PROFILE_TOKENS)
        print(f"## Extraction: where the time goes ({n_prof:,} tokens, 1 process, cProfile)\n")
        print("```\n" + prof + "\n```\n")
    write_json(args.json, {"sizes": sizes, "workers": workers, "results": results})


if __name__ == "__main__":
    main()
