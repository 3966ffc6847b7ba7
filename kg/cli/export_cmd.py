"""`kg export`: the store as RDF (ttl, trig, nq, jsonld) or as a network (graphml, gexf, csv-edges)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli.options import command_store, output_file, writing

__all__ = ["command"]

RDF_EXPORTS = {"ttl": "turtle", "trig": "trig", "nq": "nquads", "jsonld": "json-ld"}
NETWORK_EXPORTS = ("graphml", "gexf", "csv-edges")


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*RDF_EXPORTS, *NETWORK_EXPORTS]),
    required=True,
    help="ttl (all triples, graphs merged), trig/nq/jsonld (with named graphs), "
    "graphml/gexf/csv-edges (the actor network of asserted events).",
)
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path),
    default=None,
    callback=output_file,
    help="Output file (default: standard output).",
)
@click.pass_context
def command(ctx: click.Context, fmt: str, out: Path | None) -> None:
    """Export the whole store in an RDF format, or its actor network for Gephi/yEd/pandas."""
    from kg.errors import KGError

    store = command_store(ctx, read_only=True)
    try:
        if fmt in RDF_EXPORTS:
            text = store.export(RDF_EXPORTS[fmt])
            if out is None:
                sys.stdout.write(text)
            else:
                with writing(out):
                    out.parent.mkdir(parents=True, exist_ok=True)
                    out.write_text(text, encoding="utf-8")
                click.echo(f"wrote {out} ({len(store)} triples)", err=True)
            return
        try:
            from kg.analysis.export import export_store
        except ImportError as exc:
            raise KGError(
                f"--format {fmt} needs kg.analysis, which is not available ({exc})"
            ) from None
        if out is None:
            graph = export_store(store, fmt, out)
        else:
            with writing(out):
                out.parent.mkdir(parents=True, exist_ok=True)
                graph = export_store(store, fmt, out)
        if out is not None:
            click.echo(
                f"wrote {out} ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges)",
                err=True,
            )
    finally:
        store.close()
