"""`kg query`: SPARQL text, a `.rq` file, or a named query of the library, on the store."""

from __future__ import annotations

import click

from kg.cli.options import command_store, utf8_text

__all__ = ["command", "DEFAULT_TIMEOUT", "DEFAULT_MAX_ROWS"]

DEFAULT_TIMEOUT = 60
"""Seconds a query may run (`--timeout`, `$KG_QUERY_TIMEOUT`)."""
DEFAULT_MAX_ROWS = 10_000
"""Rows (or CONSTRUCT triples) printed at most (`--max-rows`), in every format."""


@click.command("query")
@click.argument("query", required=False, callback=utf8_text)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json", "tsv"]),
    default="table",
    show_default=True,
    help="Output: a table, or the W3C SPARQL results CSV/TSV/JSON. ASK prints true/false, CONSTRUCT Turtle.",
)
@click.option("--list", "list_", is_flag=True, help="List the named queries.")
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind $NAME to the string VALUE (e.g. --param a=RUS --param b=PRK for `dyad`).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=DEFAULT_TIMEOUT,
    envvar="KG_QUERY_TIMEOUT",
    show_default=True,
    show_envvar=True,
    metavar="SECONDS",
    help="Stop the query after SECONDS (error E022). 0: no limit (the query then runs in "
    "this process, and Ctrl-C waits for the engine to return).",
)
@click.option(
    "--max-rows",
    type=click.IntRange(min=0),
    default=DEFAULT_MAX_ROWS,
    show_default=True,
    metavar="N",
    help="Print at most N rows (or CONSTRUCT triples), in every format; a note on stderr "
    "says when rows were cut. 0: no cap.",
)
@click.option(
    "--allow-service",
    is_flag=True,
    help="Allow SERVICE (federated query), which makes network requests from this machine.",
)
@click.pass_context
def command(
    ctx: click.Context,
    query: str | None,
    fmt: str,
    list_: bool,
    params: tuple[str, ...],
    timeout: float,
    max_rows: int,
    allow_service: bool,
) -> None:
    """Run QUERY: SPARQL text, a path to a .rq file, or the name of a library query.

    Every prefix of kg.vocab.PREFIXES (kgo:, kgr:, wd:, owl:, rdfs:, prov:, dcterms: ...)
    is declared; the default graph is the union of all named graphs. With the Oxigraph
    backend a triple stated in several named graphs matches once per graph: use DISTINCT
    (or COUNT(DISTINCT ...)) when that matters, as the library queries do.

    The store is opened read-only: a query runs while another process (a `kg build`)
    writes the store, and sees the store as it was when the query started. SPARQL Updates
    (INSERT, DELETE, DROP, LOAD...) are refused: use `kg load`.

    A query runs at most --timeout seconds (default 60) and prints at most --max-rows rows
    (default 10,000); Ctrl-C stops it at once (exit 130). SERVICE is refused unless
    --allow-service.
    """
    from kg.errors import InputError
    from kg.query import list_queries, parse_params, prepare_query, print_result
    from kg.query.runner import query_file, run_prepared

    if list_:
        for q in list_queries():
            params_text = (
                " (" + ", ".join(f"{k}={v}" for k, v in q.params.items()) + ")" if q.params else ""
            )
            click.echo(f"{q.name:<12} {q.description}{params_text}")
        return
    if not query:
        raise InputError(
            "no query given: `kg query 'SELECT ...'`, `kg query FILE.rq`, or `kg query --list`"
        )
    sparql, named = prepare_query(query, parse_params(params))

    store = command_store(ctx, read_only=True)
    try:
        result = run_prepared(
            store,
            sparql,
            source=query_file(query),
            timeout=timeout,
            max_rows=max_rows or None,
            allow_service=allow_service,
        )
    finally:
        store.close()
    print_result(result, fmt, title=named.description if named else "")
    if result.truncated:
        unit = "triples" if result.kind == "graph" else "rows"
        click.echo(
            f"note: showing {max_rows} of at least {max_rows + 1} {unit}; use --max-rows N "
            "to see more (0: all)",
            err=True,
        )
