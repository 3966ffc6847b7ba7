"""`kg validate [FILE...]`: check the store, or RDF files, against the SHACL shapes."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import command_store

__all__ = ["command"]


@click.command("validate")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    default=None,
    help="RDF format of FILES (turtle, trig, nquads, ntriples, json-ld, xml); default: suffix.",
)
@click.pass_context
def command(ctx: click.Context, files: tuple[Path, ...], fmt: str | None) -> None:
    """Validate the union of all named graphs against ontology/shapes.ttl.

    Without FILES the store is validated; with FILES, only the union of those files.
    Prints "conforms: N nodes checked" (exit 0), or one line per violation naming the
    focus node, the property path and the message (exit 2).
    """
    from kg.errors import ValidationFailed
    from kg.rdf.validate import validate
    from kg.store import open_store

    if files:
        store = open_store(None, backend="memory")
        try:
            for path in files:
                store.load_file(path, format=fmt)
            data = store.to_dataset()
        finally:
            store.close()
    else:
        store = command_store(ctx, read_only=True)
        try:
            data = store.to_dataset()
        finally:
            store.close()
    report = validate(data)
    if report.conforms:
        click.echo(f"conforms: {report.nodes_checked} nodes checked")
        return
    for v in report.violations:
        click.echo(str(v))
    raise ValidationFailed(
        f"{len(report.violations)} SHACL violation(s) in {report.nodes_checked} nodes checked"
    )
