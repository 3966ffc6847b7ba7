"""The `kg` command line: a thin shell over the library, one module per command.

Each command lives in `kg/cli/<name>.py` and exposes `command: click.Command`; modules are
imported only when their command runs, so `kg --help` stays fast and a broken optional
dependency of one command never breaks the others.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

import click

from kg.errors import BadUsage, KGError

COMMANDS: dict[str, str] = {
    "build": "Build the graph from seeds/ (ontology, gazetteer, curated triples, extracted events).",
    "load": "Load RDF files (Turtle, TriG, N-Quads, N-Triples, JSON-LD) into the store.",
    "query": "Run a SPARQL query, a .rq file, or a named query.",
    "export": "Export the store (ttl, trig, nq, jsonld, graphml, gexf, csv-edges).",
    "stats": "Count triples, named graphs and events in the store.",
    "validate": "Validate the graph against the SHACL shapes.",
    "extract": "Extract events from French/English news text.",
    "ingest": "Extract events from articles and load them into the store.",
    "eval": "Score predictions against a gold file (SPEC section 6).",
    "train": "Train the learned event model from the annotated corpus.",
    "explain": "Show how a sentence is read: actors, triggers, rules, modality cues.",
    "explain-event": "Show a merged event, its reports and why they were merged.",
    "viz": "Write the interactive HTML network viewer.",
    "report": "Write network-analysis plots and an HTML summary.",
    "serve": "Serve the store over HTTP: SPARQL endpoint, graph store, viewer, query page.",
    "push": "Copy the store to a remote SPARQL server in bulk (kg push --to URL).",
}


def default_store_path() -> Path | str:
    """The store `make demo` builds: `$KG_STORE` (a folder, or a server URL, kept a str),
    else `.kg-store` in the project folder."""
    from kg.store.registry import is_url

    env = os.environ.get("KG_STORE")
    if env:
        return env if is_url(env) else Path(env)
    return Path(__file__).resolve().parents[2] / ".kg-store"


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        try:
            module = importlib.import_module(f"kg.cli.{name.replace('-', '_')}_cmd")
        except ImportError as exc:
            # a command whose module (or one of its dependencies) is missing: one line, no traceback
            raise KGError(f"`kg {name}` is not available: {exc}") from None
        return module.command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl(list(COMMANDS.items()))


def _backend_names() -> list[str]:
    from kg.store.registry import backends

    return [b.name for b in backends()]


def _backend_help() -> str:
    from kg.store.registry import backend_help

    return backend_help() + " Default: from the store location."


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store",
    "store",
    default=None,
    metavar="FOLDER|URL",
    help="Store folder, or the URL of a SPARQL server ([ENGINE+]http://HOST:PORT, ENGINE "
    "one of oxigraph, virtuoso, sparql; see docs/store.md). Default: $KG_STORE or .kg-store "
    "in the project.",
)
@click.option(
    "--backend",
    type=click.Choice(_backend_names()),
    default=None,
    help=_backend_help(),
)
@click.option(
    "--store-timeout",
    type=click.FloatRange(min=0),
    default=None,
    metavar="SECONDS",
    help="Remote store: how long a request may wait for the server (default: "
    "$KG_STORE_TIMEOUT or 60; 0: no limit).",
)
@click.version_option(package_name="kg")
@click.pass_context
def cli(
    ctx: click.Context, store: str | None, backend: str | None, store_timeout: float | None
) -> None:
    """kg: a knowledge graph of who does what to whom in world politics."""
    from kg.store.registry import is_url, resolve_backend

    location: Path | str = store or default_store_path()
    if not is_url(location):
        location = Path(location)
    ctx.obj = {
        "store": location,
        "backend": resolve_backend(location, backend).name,
        "store_timeout": store_timeout,
    }


def main(argv: list[str] | None = None) -> None:
    """Entry point: user errors become one line on stderr and a non-zero exit."""
    try:
        code = cli.main(args=argv, prog_name="kg", standalone_mode=False)
        # without standalone mode, click *returns* the code of `ctx.exit(code)`: honour it
        if isinstance(code, int) and not isinstance(code, bool) and code != 0:
            sys.exit(code)
    except KGError as exc:
        click.echo(str(exc), err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.exceptions.NoArgsIsHelpError as exc:
        exc.show()  # `kg` alone: the help text, as before
        sys.exit(exc.exit_code)
    except click.UsageError as exc:
        click.echo(str(usage_error(exc)), err=True)
        sys.exit(BadUsage.exit_code)
    except click.ClickException as exc:
        click.echo(str(KGError(_one_line(exc.format_message()))), err=True)
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    except SystemExit:
        raise


def usage_error(exc: click.UsageError) -> BadUsage:
    """click's usage error (unknown option, bad value...) as kg's one line: click prints
    "Usage:", a hint and "Error: ..." on four lines, unlike every other kg error."""
    where = exc.ctx.command_path if exc.ctx is not None else "kg"
    return BadUsage(f"{_one_line(exc.format_message())} (see `{where} --help`)")


def _one_line(text: str) -> str:
    return " ".join(text.split())


if __name__ == "__main__":
    main()
