"""`kg serve`: the store as a SPARQL 1.1 Protocol endpoint (see `kg.serve`)."""

from __future__ import annotations

import logging
import re
import sys

import click
from click.core import ParameterSource

from kg.errors import BadUsage
from kg.serve.app import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT

__all__ = ["command"]

_TOKEN = re.compile(r"[\x21-\x7e]+")  # what an Authorization header carries as it is
_ORIGIN = re.compile(r"\*|https?://[^/\s]+")


def _origins(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    for origin in value:
        if not _ORIGIN.fullmatch(origin):
            raise BadUsage(
                f"--cors {origin!r}: expected an origin such as http://localhost:8888, or *"
            )
    return value


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=7878,
    show_default=True,
    help="Port to listen on; 0: any free port (the address is printed).",
)
@click.option(
    "--allow-update",
    is_flag=True,
    help="Accept SPARQL Updates and Graph Store writes that carry the --token.",
)
@click.option(
    "--token",
    envvar="KG_SERVE_TOKEN",
    show_envvar=True,
    default=None,
    metavar="TOKEN",
    help="The bearer token writes must send (Authorization: Bearer TOKEN); needs --allow-update.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    metavar="SECONDS",
    help="Stop a request that works longer on the store (504). 0: no limit.",
)
@click.option(
    "--max-rows",
    type=click.IntRange(min=0),
    default=DEFAULT_MAX_ROWS,
    show_default=True,
    metavar="N",
    help="Refuse an answer of more than N rows, triples or quads (413), never cut it. 0: no cap.",
)
@click.option(
    "--cors",
    multiple=True,
    metavar="ORIGIN",
    callback=_origins,
    help="Let pages of ORIGIN call the endpoint from a browser (repeatable; * for any).",
)
@click.pass_context
def command(
    ctx: click.Context,
    host: str,
    port: int,
    allow_update: bool,
    token: str | None,
    timeout: float,
    max_rows: int,
    cors: tuple[str, ...],
) -> None:
    """Serve the store over HTTP until Ctrl-C: a SPARQL 1.1 Protocol endpoint at /sparql,
    the Graph Store Protocol at /store, the network viewer at / and a query page at /query.

    Read-only unless --allow-update, and then only for requests with the bearer --token.
    The store is read through read-only handles: `kg load` and `kg ingest` keep writing
    while it serves, and the next request sees what they wrote. Every answer is computed
    whole, within --timeout and --max-rows, before it is sent; SERVICE and LOAD are refused.
    One access-log line per request goes to stderr.
    """
    from kg.serve import ServeConfig, Server
    from kg.store import display_location
    from kg.store.registry import get_backend

    if get_backend(ctx.obj["backend"]).remote:
        raise BadUsage(
            f"kg serve serves a store folder; {display_location(ctx.obj['store'])} is already "
            "a SPARQL server: point clients at it, or `kg push --to URL` a local store there"
        )
    if token is not None and not _TOKEN.fullmatch(token):
        raise BadUsage("--token: use printable ASCII characters without spaces")
    if allow_update and not token:
        raise BadUsage("--allow-update needs --token TOKEN (or $KG_SERVE_TOKEN)")
    if (
        token
        and not allow_update
        and ctx.get_parameter_source("token") == ParameterSource.COMMANDLINE
    ):
        raise BadUsage("--token is only used with --allow-update")
    config = ServeConfig(
        store=ctx.obj["store"],
        backend=ctx.obj["backend"],
        timeout=timeout,
        max_rows=max_rows,
        allow_update=allow_update,
        token=token if allow_update else None,
        cors=cors,
    )
    server = Server(config, host=host, port=port)
    _log_to_stderr()
    limits = (
        f"requests stop after {timeout:g} s" if timeout else "no time limit",
        f"answers hold at most {max_rows} rows" if max_rows else "no row cap",
    )
    mode = "updates with the token" if allow_update else "read-only"
    click.echo(
        f"kg serve: store {config.store} ({config.backend}), {mode}, {', '.join(limits)}\n"
        f"  {server.url}sparql  SPARQL 1.1 Protocol endpoint\n"
        f"  {server.url}store   Graph Store Protocol (?graph=IRI, ?default)\n"
        f"  {server.url}        network viewer\n"
        f"  {server.url}query   query page\n"
        "Ctrl-C stops it.",
        err=True,
    )
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    click.echo("kg serve: stopped", err=True)


def _log_to_stderr() -> None:
    """Access-log lines (and the server's own errors) to stderr, one line each."""
    log = logging.getLogger("kg.serve")
    log.setLevel(logging.INFO)
    log.propagate = False
    if not any(isinstance(h, logging.StreamHandler) for h in log.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        log.addHandler(handler)
