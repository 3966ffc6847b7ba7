"""`kg push --to URL`: copy the local store (or some of its graphs) to a SPARQL server."""

from __future__ import annotations

import time

import click

__all__ = ["command"]


@click.command("push")
@click.option(
    "--to",
    "target",
    required=True,
    metavar="URL",
    help="The server: [ENGINE+]http(s)://HOST:PORT (as --store takes it).",
)
@click.option(
    "--graph",
    "graphs",
    multiple=True,
    metavar="IRI",
    help="Push only this named graph (repeatable; default: every graph).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress on stderr.")
@click.pass_context
def command(ctx: click.Context, target: str, graphs: tuple[str, ...], quiet: bool) -> None:
    """Copy the store (--store, a folder) to the server at --to URL in bulk.

    The graphs pushed replace those of the same name on the server (a second push leaves
    the same triples); other graphs there are left alone. Oxigraph server gets one N-Quads
    POST of the whole copy to its bulk loader; an engine without one gets a graph store PUT
    per graph. Not one transaction: a reader may see a push half done.
    """
    from rdflib import URIRef

    from kg.errors import BadUsage, InputError
    from kg.store import display_location, is_url, open_store
    from kg.store.registry import get_backend

    if get_backend(ctx.obj["backend"]).remote:
        raise BadUsage("kg push copies a local store: give its folder with --store")
    if not is_url(target):
        raise BadUsage(f"--to {target!r}: expected the URL of a SPARQL server (http://HOST:PORT)")
    source = open_store(ctx.obj["store"], backend=ctx.obj["backend"], read_only=True)
    try:
        present = source.graphs()
        wanted = [URIRef(g) for g in graphs] if graphs else present
        missing = sorted(set(wanted) - set(present))
        if missing:
            raise InputError(
                f"--graph {missing[0]}: no such graph in {display_location(ctx.obj['store'])}"
            )
        chosen = set(wanted)
        quads = (q for q in source.quads() if q[3] in chosen)
        remote = open_store(target, timeout=ctx.obj["store_timeout"])
        start = time.perf_counter()
        try:

            def progress(sent: int) -> None:
                if not quiet:
                    rate = sent / max(time.perf_counter() - start, 1e-9)
                    click.echo(f"push: {sent} quads sent ({rate:,.0f}/s)", err=True)

            sent = remote.push(quads, wanted, progress=progress)  # type: ignore[attr-defined]
        finally:
            remote.close()
    finally:
        source.close()
    seconds = time.perf_counter() - start
    click.echo(
        f"pushed {sent} quads in {len(wanted)} graphs to {display_location(target)} "
        f"({seconds:.1f} s)"
    )
