"""`kg viz`: write the interactive network viewer (one offline HTML file)."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import command_store, output_file, utf8_text, writing

__all__ = ["command"]


@click.command(name="viz")
@click.option(
    "--query",
    "query",
    default=None,
    metavar="NAME|FILE.rq",
    help="Show only what a SELECT names: it returns ?event, or ?source ?target [?relation].",
)
@click.option(
    "--level",
    type=click.Choice(["state", "actor"]),
    default="state",
    show_default=True,
    help="state: actors as nodes, one edge per relation and modality; actor: events as nodes too.",
)
@click.option("--since", default=None, metavar="DATE", help="Only events on or after DATE.")
@click.option("--until", default=None, metavar="DATE", help="Only events on or before DATE.")
@click.option(
    "--modality",
    default=None,
    metavar="LIST",
    help="Comma-separated modalities to keep: asserted,planned,possible,negated,alleged.",
)
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path),
    default=Path("out/kg-viewer.html"),
    show_default=True,
    callback=output_file,
    help="HTML file to write.",
)
@click.option("--title", default=None, callback=utf8_text, help="Page title.")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in a web browser.")
@click.pass_context
def command(
    ctx: click.Context,
    query: str | None,
    level: str,
    since: str | None,
    until: str | None,
    modality: str | None,
    out: Path,
    title: str | None,
    open_browser: bool,
) -> None:
    """Write a self-contained HTML network viewer of the store (works offline, from file://)."""
    from kg.viz import render

    store = command_store(ctx, read_only=True)
    try:
        with writing(out):
            path = render(
                store,
                out,
                query=query,
                level=level,
                since=since,
                until=until,
                modality=modality,
                title=title,
                open_browser=open_browser,
            )
    finally:
        store.close()
    size_kb = path.stat().st_size / 1024
    click.echo(f"wrote {path} ({size_kb:.0f} KiB)", err=True)
