"""`kg ingest FILE...`: extract events and load each document's named graph into the store,
batch by batch (see `kg.ingest`)."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.extract_cmd import METHOD_OPTION, MIN_CONFIDENCE_OPTION
from kg.cli.options import iso_day, language
from kg.ingest import COMMIT_EVERY


@click.command("ingest")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--lang", default="fr", show_default=True, callback=language)
@click.option(
    "--date", default="", callback=iso_day, help="Publication date YYYY-MM-DD of .txt inputs."
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="spaCy processes for nlp.pipe.",
)
@click.option("--batch-size", type=click.IntRange(min=1), default=8, show_default=True)
@click.option(
    "--commit-every",
    default=COMMIT_EVERY,
    show_default=True,
    type=click.IntRange(min=1),
    help="Documents per transaction: a crash or Ctrl-C loses at most this many.",
)
@click.option("--force", is_flag=True, help="Re-extract documents already in the store unchanged.")
@click.option("--no-progress", is_flag=True, help="No progress bar on stderr.")
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
    commit_every: int,
    force: bool,
    no_progress: bool,
    method: str | None,
    min_confidence: float,
) -> None:
    """Extract events from FILES and load them: one named graph per document, committed
    every --commit-every documents. Re-running skips documents already in the store with the
    same content and replaces changed ones, so an interrupted ingest resumes where it
    stopped."""
    from kg.ingest import ingest, read_sources
    from kg.store import display_location, open_store

    sources = read_sources(files, lang=lang, date=date)  # duplicate ids fail here, first
    # the store is opened (locked) before any extraction: a busy or wrong store fails now
    store = open_store(
        ctx.obj["store"], backend=ctx.obj["backend"], timeout=ctx.obj["store_timeout"], create=True
    )
    summary = None
    try:
        summary = ingest(
            store,
            sources,
            method=method,
            min_confidence=min_confidence,
            workers=workers,
            batch_size=batch_size,
            commit_every=commit_every,
            force=force,
            progress=not no_progress,
        )
    except KeyboardInterrupt:
        click.echo(
            "interrupted: the documents of every finished batch are in the store; run the "
            "same command again to go on from there",
            err=True,
        )
        raise click.exceptions.Abort() from None
    finally:
        store.close()
    click.echo(summary.line(display_location(ctx.obj["store"])))
