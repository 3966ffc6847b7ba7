"""`kg build`: seeds/ -> the store (ontology, gazetteer, curated graphs, articles and events)."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import command_store

__all__ = ["command"]


@click.command("build")
@click.option(
    "--seeds",
    "seeds_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Seeds folder (default: seeds/ of the project).",
)
@click.option("--no-extract", is_flag=True, help="Load articles as metadata only (no spaCy).")
@click.option("--fresh", is_flag=True, help="Empty the store first.")
@click.option("--quiet", "-q", is_flag=True, help="No progress display.")
@click.pass_context
def command(
    ctx: click.Context, seeds_dir: Path | None, no_extract: bool, fresh: bool, quiet: bool
) -> None:
    """Build the graph from the seeds: idempotent, one named graph per source."""
    from kg.build import build
    from kg.store import display_location

    store = command_store(ctx, create=True)
    try:
        summary = build(store, seeds_dir, extract=not no_extract, progress=not quiet, fresh=fresh)
    finally:
        store.close()
    click.echo(f"built {display_location(ctx.obj['store'])}")
    for line in summary.lines():
        click.echo(line)
