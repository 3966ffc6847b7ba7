"""`kg load FILE...`: load RDF files into the store, one atomic replace per graph."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import command_store

__all__ = ["command"]


@click.command("load")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    default=None,
    help="RDF format (turtle, trig, nquads, ntriples, json-ld, xml); default: from the suffix.",
)
@click.option(
    "--graph",
    "graph",
    default=None,
    help="Named graph IRI for triples outside a graph (default: kgr:graph/file/<file stem>).",
)
@click.pass_context
def command(
    ctx: click.Context, files: tuple[Path, ...], fmt: str | None, graph: str | None
) -> None:
    """Load Turtle, TriG, N-Quads, N-Triples or JSON-LD files (creates the store if missing).

    Every file is parsed whole before anything is written, and all of them are written in
    one transaction; loading a file again replaces the graphs it fills, so the triple count
    stays the same.
    """
    from rdflib import URIRef

    from kg.errors import InputError
    from kg.query.format import shorten
    from kg.store import guess_format, open_store, read_utf8
    from kg.store.registry import get_backend
    from kg.vocab import PREFIXES

    target = None
    if graph:
        prefix, sep, local = graph.partition(":")
        if sep and prefix in PREFIXES and not local.startswith("//"):
            graph = PREFIXES[prefix] + local
        if not (":" in graph and " " not in graph):
            raise InputError(f"--graph {graph!r}: not an IRI")
        target = URIRef(graph)
    # parse every file into a scratch store first: a bad file stops the load before the
    # real store is opened (or created), so it is left exactly as it was
    remote = get_backend(ctx.obj["backend"]).remote
    scratch = open_store(None, backend=None if remote else ctx.obj["backend"])
    for path in files:
        guess_format(path, fmt)
        read_utf8(path)
        scratch.load_file(path, format=fmt, graph=target)
    scratch.close()
    store = command_store(ctx, create=True)
    try:
        # every file in one transaction: a reader, or a kill, sees all of them or none
        written: list[URIRef] = store.load_files(list(files), format=fmt, graph=target)
        for path in files:
            click.echo(f"loaded {path}")
        counts = {
            str(row["g"]): int(row["n"].toPython())  # type: ignore[union-attr]
            for row in store.query(
                "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
            ).rows
        }
        for g in sorted(set(written), key=str):
            click.echo(f"  {shorten(g)}  {counts.get(str(g), 0)} triples")
        click.echo(f"store: {len(store)} triples in {len(store.graphs())} named graphs")
    finally:
        store.close()
