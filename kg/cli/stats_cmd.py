"""`kg stats`: triples, named graphs, events by modality and kind, documents."""

from __future__ import annotations

import click

from kg.cli.options import command_store

__all__ = ["command"]


@click.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as JSON.")
@click.pass_context
def command(ctx: click.Context, as_json: bool) -> None:
    """Count triples, named graphs (with per-graph counts), events and documents."""
    import json

    from kg.api import store_stats
    from kg.store import display_location

    store = command_store(ctx, read_only=True)
    try:
        stats = store_stats(store)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(stats, indent=2))
        return
    from rich.table import Table

    from kg.console import stdout_console

    console = stdout_console()
    console.print(
        f"store {display_location(ctx.obj['store'])}: [bold]{stats['triples']}[/] triples, "
        f"[bold]{len(stats['graphs'])}[/] named graphs, [bold]{stats['events']}[/] events, "
        f"[bold]{stats['documents']}[/] documents ({stats['reports']} event reports, "
        f"{stats['mentions']} mentions)"
    )
    for title, key, label in (
        ("Named graphs", "graphs", "graph"),
        ("Events by modality", "modality", "modality"),
        ("Events by kind", "kinds", "kind"),
    ):
        table = Table(title=title, title_justify="left")
        table.add_column(label)
        table.add_column("triples" if key == "graphs" else "events", justify="right")
        for name, count in stats[key].items():
            table.add_row(name, str(count))
        console.print(table)
