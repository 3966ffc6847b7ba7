"""`kg report [--out DIR] [--since] [--until] [--modality ...]`: network-analysis charts + HTML."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import command_store, output_dir, writing

__all__ = ["command"]

MODALITY_CHOICES = ("asserted", "planned", "possible", "negated", "alleged", "all")


@click.command("report")
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path),
    default=Path("kg-report"),
    show_default=True,
    callback=output_dir,
    help="Folder to write the PNG charts and index.html into (created if needed).",
)
@click.option("--since", default=None, help="First date kept: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--until", default=None, help="Last date kept: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option(
    "--modality",
    "modalities",
    type=click.Choice(MODALITY_CHOICES),
    multiple=True,
    help="Modalities to count (repeatable; default: asserted; 'all' keeps every modality).",
)
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=15,
    show_default=True,
    help="Actors shown in the centrality charts and tables.",
)
@click.pass_context
def command(
    ctx: click.Context,
    out: Path,
    since: str | None,
    until: str | None,
    modalities: tuple[str, ...],
    top: int,
) -> None:
    """Write network-analysis plots (events over time, dyad balance, centrality) and an
    index.html summary (top actors, communities, structural balance)."""
    from kg.analysis.report import write_report
    from kg.errors import InputError

    chosen: tuple[str, ...] | None = modalities or ("asserted",)
    if "all" in chosen:
        chosen = None
    store = command_store(ctx, read_only=True)
    try:
        try:
            with writing(out):
                report = write_report(
                    store, out, since=since, until=until, modalities=chosen, top=top
                )
        except ValueError as exc:
            raise InputError(str(exc)) from None
    finally:
        store.close()
    click.echo(
        f"wrote {report.index} ({report.n_events} events, {report.n_actors} actors, "
        f"{report.n_dyads} dyads)"
    )
    for image in report.images:
        click.echo(f"  {image}")
