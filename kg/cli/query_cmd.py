"""`kg query`: SPARQL text, a `.rq` file, or a named query of the library, on the store."""

from __future__ import annotations

import click

from kg.cli.options import utf8_text

__all__ = ["command"]


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
@click.pass_context
def command(
    ctx: click.Context, query: str | None, fmt: str, list_: bool, params: tuple[str, ...]
) -> None:
    """Run QUERY: SPARQL text, a path to a .rq file, or the name of a library query.

    Every prefix of kg.vocab.PREFIXES (kgo:, kgr:, wd:, owl:, rdfs:, prov:, dcterms: ...)
    is declared; the default graph is the union of all named graphs. With the Oxigraph
    backend a triple stated in several named graphs matches once per graph: use DISTINCT
    (or COUNT(DISTINCT ...)) when that matters, as the library queries do.

    The store is opened read-only: a query runs while another process (a `kg build`)
    writes the store, and sees the store as it was when the query started.
    """
    from kg.errors import InputError
    from kg.query import list_queries, parse_params, prepare_query, print_result

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

    from kg.store import open_store

    store = open_store(ctx.obj["store"], backend=ctx.obj["backend"], read_only=True)
    try:
        result = store.query(sparql)
    finally:
        store.close()
    print_result(result, fmt, title=named.description if named else "")
