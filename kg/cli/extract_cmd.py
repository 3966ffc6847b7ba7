"""`kg extract FILE...`: events from articles, as SPEC predictions, Turtle or TriG."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg.cli.options import iso_day, language, output_file, writing

METHOD_OPTION = click.option(
    "--method",
    type=click.Choice(["rules", "learned", "both"]),
    default=None,
    help="rules, the learned model, or both (default: both when a model is installed).",
)
MIN_CONFIDENCE_OPTION = click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Leave out events whose confidence is below this.",
)


@click.command("extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--lang", default="fr", show_default=True, callback=language, help="Language of .txt inputs."
)
@click.option(
    "--date",
    default="",
    callback=iso_day,
    help="Publication date YYYY-MM-DD of .txt inputs (resolves 'mardi', 'hier').",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["events-jsonl", "ttl", "trig"]),
    default="events-jsonl",
    show_default=True,
    help="SPEC prediction JSONL, or RDF of each document's named graph.",
)
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path),
    default=None,
    callback=output_file,
    help="Write here instead of stdout.",
)
@click.option(
    "--progress/--no-progress", default=None, help="Progress bar (default: on a terminal)."
)
@METHOD_OPTION
@MIN_CONFIDENCE_OPTION
def command(
    files: tuple[Path, ...],
    lang: str,
    date: str,
    fmt: str,
    out: Path | None,
    progress: bool | None,
    method: str | None,
    min_confidence: float,
) -> None:
    """Extract events from FILES: .txt articles or .jsonl records (id, lang, date, text)."""
    from kg.extract.pipeline import extract_documents, read_documents, spec_events

    docs = read_documents(files, lang=lang, date=date)
    show = sys.stderr.isatty() if progress is None else progress
    results = extract_documents(docs, progress=show, method=method, min_confidence=min_confidence)
    if fmt == "events-jsonl":
        text = "".join(
            json.dumps({"id": d.id, "events": spec_events(evs)}, ensure_ascii=False) + "\n"
            for d, evs in results
        )
    else:
        from rdflib import Dataset

        from kg.rdf.mapping import events_graph
        from kg.vocab import PREFIXES, document_graph

        ds = Dataset()
        for prefix, ns in PREFIXES.items():
            ds.bind(prefix, ns)
        for d, evs in results:
            g = ds.graph(document_graph(d.id))
            for t in events_graph(d, evs):
                g.add(t)
        if fmt == "ttl":
            from rdflib import Graph

            union = Graph()
            for prefix, ns in PREFIXES.items():
                union.bind(prefix, ns)
            for s, p, o, _ in ds.quads((None, None, None, None)):
                union.add((s, p, o))
            text = union.serialize(format="turtle")
        else:
            text = ds.serialize(format="trig")
    if out is None:
        click.echo(text, nl=False)
    else:
        with writing(out):
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
        n = sum(len(evs) for _, evs in results)
        click.echo(f"wrote {n} events from {len(results)} documents to {out}", err=True)
