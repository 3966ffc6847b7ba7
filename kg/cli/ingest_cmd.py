"""`kg ingest FILE...`: extract events and load each document's named graph into the store."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.extract_cmd import METHOD_OPTION, MIN_CONFIDENCE_OPTION


@click.command("ingest")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--lang", default="fr", show_default=True)
@click.option("--date", default="", help="Publication date of .txt inputs.")
@click.option("--workers", default=1, show_default=True, help="spaCy processes for nlp.pipe.")
@click.option("--batch-size", default=8, show_default=True)
@METHOD_OPTION
@MIN_CONFIDENCE_OPTION
@click.pass_context
def command(
    ctx: click.Context,
    files: tuple[Path, ...],
    lang: str,
    date: str,
    workers: int,
    batch_size: int,
    method: str | None,
    min_confidence: float,
) -> None:
    """Extract events from FILES and load them (one named graph per document; idempotent)."""
    from kg.extract.pipeline import extract_documents, read_documents
    from kg.rdf.mapping import events_graph
    from kg.store import open_store
    from kg.vocab import document_graph

    docs = read_documents(files, lang=lang, date=date)
    results = extract_documents(
        docs,
        progress=True,
        batch_size=batch_size,
        workers=workers,
        method=method,
        min_confidence=min_confidence,
    )
    store = open_store(ctx.obj["store"], backend=ctx.obj["backend"], create=True)
    try:
        for doc, events in results:
            store.replace_graph(document_graph(doc.id), events_graph(doc, events))
        n_events = sum(len(events) for _, events in results)
    finally:
        store.close()
    click.echo(f"ingested {len(results)} documents, {n_events} events into {ctx.obj['store']}")
