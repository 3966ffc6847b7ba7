"""Throughput of extraction versus bare spaCy `nlp.pipe` on the same texts, side by side.

Run: `make bench` or `.venv/bin/python bench/bench_extract.py [FILE.jsonl]` (default: the
236 Wikinews articles of ../shared/corpus). Measures, in one run: bare `nlp.pipe`, extraction
with the rules alone and with the learned model ("both", the default), and the whole
`kg ingest` path (extraction, RDF, store writes); throughput is bare time / our time.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from pathlib import Path

from kg.extract.model import Document
from kg.extract.pipeline import extract_documents
from kg.nlp import load


def _texts(path: Path | None) -> list[dict]:
    if path and path.exists():
        return [
            json.loads(line)
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
    seeds = Path(__file__).resolve().parents[1] / "seeds" / "articles" / "articles.jsonl"
    return [
        json.loads(line) for line in seeds.read_text(encoding="utf-8").splitlines() if line.strip()
    ] * 10


def main() -> None:
    default = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "wikinews_fr_pool.jsonl"
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    records = _texts(path)
    texts = [r["text"] for r in records]
    nlp = load("fr")
    list(nlp.pipe(texts[:2]))  # warm up
    t0 = time.perf_counter()
    n_tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=8))
    bare = time.perf_counter() - t0
    docs = [
        Document(id=str(i), text=t, lang="fr", date=r.get("date", ""))
        for i, (t, r) in enumerate(zip(texts, records, strict=True))
    ]
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    print(f"input: {len(texts)} texts, {n_tokens} tokens ({path if path.exists() else 'seed x10'})")
    print(f"bare nlp.pipe : {bare:6.2f} s  {n_tokens / bare:8.0f} tokens/s")
    for method in ("rules", "both"):
        t0 = time.perf_counter()
        results = extract_documents(docs, method=method)
        full = time.perf_counter() - t0
        n_events = sum(len(e) for _, e in results)
        print(
            f"kg extraction ({method:5}): {full:6.2f} s  {n_tokens / full:8.0f} tokens/s  "
            f"({n_events} events)  throughput {bare / full:.0%} of bare nlp.pipe"
        )
    _ingest(docs, n_tokens, bare)
    t0 = time.perf_counter()
    list(nlp.pipe(texts, batch_size=8))
    print(f"bare nlp.pipe again: {time.perf_counter() - t0:6.2f} s (run-to-run noise)")
    _long_input(nlp, texts)


def _ingest(docs: list[Document], n_tokens: int, bare: float) -> None:
    """What `kg ingest` does: extract (default method), map to RDF, write each document's
    named graph into a fresh Oxigraph store."""
    import tempfile

    from kg.rdf.mapping import events_graph
    from kg.store import open_store
    from kg.vocab import document_graph

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        store = open_store(Path(tmp) / "store", create=True)
        try:
            for doc, events in extract_documents(docs):
                store.replace_graph(document_graph(doc.id), events_graph(doc, events))
        finally:
            store.close()
        full = time.perf_counter() - t0
    print(
        f"kg ingest      : {full:6.2f} s  {n_tokens / full:8.0f} tokens/s  "
        f"throughput {bare / full:.0%} of bare nlp.pipe (target: at least 70%)"
    )


def _long_input(nlp, texts: list[str]) -> None:  # noqa: ANN001
    """One long document (the texts joined, about 400k characters): catches work that grows
    faster than the text, which short articles hide."""
    from kg.extract.pipeline import _chunks, extract_text

    big = "\n\n".join(texts * max(1, 400_000 // max(1, sum(map(len, texts)))))
    t0 = time.perf_counter()
    n_tokens = sum(len(nlp(chunk)) for _, chunk in _chunks(big))
    bare = time.perf_counter() - t0
    t0 = time.perf_counter()
    events = extract_text(big, date="2017-01-01")
    full = time.perf_counter() - t0
    print(f"long input: {len(big)} characters, {n_tokens} tokens")
    print(f"bare nlp      : {bare:6.2f} s  {n_tokens / bare:8.0f} tokens/s")
    print(f"kg extraction : {full:6.2f} s  {n_tokens / full:8.0f} tokens/s  ({len(events)} events)")
    print(f"ratio extraction/bare time: {full / bare:.2f}")


if __name__ == "__main__":
    main()
