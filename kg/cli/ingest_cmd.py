"""`kg ingest FILE...`: extract events and load each document's named graph into the store,
batch by batch (see `kg.ingest`), in this process or on a Dask cluster (`--engine dask`,
see `kg.ingest_dask` and docs/scaling.md)."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.extract_cmd import METHOD_OPTION, MIN_CONFIDENCE_OPTION
from kg.cli.options import command_store, iso_day, language
from kg.errors import BadUsage
from kg.ingest import COMMIT_EVERY
from kg.ingest_dask import SCHEDULER_TIMEOUT

ENGINES = ("local", "dask")
DASK_ONLY = ("scheduler", "partitions", "spool", "scheduler_timeout")
"""Options that only `--engine dask` reads (an error with the local engine, not ignored)."""


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
    help="Processes: spaCy's for nlp.pipe (local engine), or the local Dask cluster's.",
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
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="local",
    show_default=True,
    help="local: this process; dask: documents mapped over a Dask cluster, N-Quads per "
    "partition bulk-loaded into the store (needs the dask extra).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="Dask scheduler (tcp://HOST:PORT); default: a local cluster of --workers processes.",
)
@click.option(
    "--partitions",
    type=click.IntRange(min=1),
    default=None,
    help="Dask tasks, each loaded in one transaction [default: one per --commit-every documents].",
)
@click.option(
    "--spool",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder the Dask workers write their N-Quads to, kept (shared storage on a cluster); "
    "default: sent back to a temporary folder here.",
)
@click.option(
    "--scheduler-timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=SCHEDULER_TIMEOUT,
    show_default=True,
    help="Seconds to wait for the --scheduler to answer.",
)
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
    engine: str,
    scheduler: str | None,
    partitions: int | None,
    spool: Path | None,
    scheduler_timeout: float,
    no_progress: bool,
    method: str | None,
    min_confidence: float,
) -> None:
    """Extract events from FILES and load them: one named graph per document, committed
    every --commit-every documents. Re-running skips documents already in the store with the
    same content and replaces changed ones, so an interrupted ingest resumes where it
    stopped.

    With --engine dask the same documents are skipped, checked and replaced; extraction runs
    on Dask workers (one model load per worker process) and each partition's N-Quads are
    loaded in one transaction as it finishes."""
    from kg.ingest import ingest, read_sources
    from kg.store import display_location

    options = {"workers": workers, "batch_size": batch_size, "commit_every": commit_every}
    if engine == "dask":
        from kg.ingest_dask import ingest_dask, require_dask

        require_dask()  # before the store is opened or a document read
        if scheduler is not None and _given(ctx, "workers"):
            raise BadUsage(
                "--workers starts a local Dask cluster; the --scheduler's cluster has its own "
                "workers (leave --workers out)"
            )
        run = ingest_dask
        options |= {
            "scheduler": scheduler,
            "partitions": partitions,
            "spool": spool,
            "timeout": scheduler_timeout,
        }
    else:
        given = [name for name in DASK_ONLY if _given(ctx, name)]
        if given:
            flags = ", ".join("--" + name.replace("_", "-") for name in given)
            raise BadUsage(f"{flags}: only with --engine dask")
        run = ingest
    sources = read_sources(files, lang=lang, date=date)  # duplicate ids fail here, first
    # the store is opened (locked) before any extraction: a busy or wrong store fails now
    store = command_store(ctx, create=True)
    summary = None
    try:
        summary = run(
            store,
            sources,
            method=method,
            min_confidence=min_confidence,
            force=force,
            progress=not no_progress,
            **options,
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


def _given(ctx: click.Context, name: str) -> bool:
    """Whether option `name` was given on the command line (not left to its default)."""
    return ctx.get_parameter_source(name) not in (None, click.core.ParameterSource.DEFAULT)
