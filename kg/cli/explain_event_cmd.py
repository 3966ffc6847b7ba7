"""`kg explain-event IRI`: a merged event, the reports merged into it and why."""

from __future__ import annotations

import json

import click

from kg.cli.options import command_store
from kg.errors import InputError


@click.command("explain-event")
@click.argument("iri")
@click.option("--json", "as_json", is_flag=True, help="Print the explanation as JSON.")
@click.pass_context
def command(ctx: click.Context, iri: str, as_json: bool) -> None:
    """Show the merged event IRI: its reports (document, sentence, date) and each merge
    decision with its reason and confidence."""
    from kg.identity.layer import explain_event

    store = command_store(ctx, read_only=True)
    try:
        found = explain_event(store, iri)
    finally:
        store.close()
    if found is None:
        raise InputError(f"{iri}: no kgo:Event with this IRI in the store")
    if as_json:
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    from rich.table import Table

    from kg.console import stdout_console

    console = stdout_console()
    console.print(
        f"[bold]{found['label'] or found['event']}[/]\n{found['event']}\n"
        f"kind {found['kind']}, {found['modality']}, date {found['date'] or '-'}: "
        f"{found['mentions']} mentions in {found['documents']} documents"
        + (
            f", merge confidence {found['merge_confidence']}"
            if found["merge_confidence"] is not None
            else ""
        )
    )
    reports = Table(title="Reports", title_justify="left")
    for col in ("document", "issued", "date", "modality", "sentence"):
        reports.add_column(col)
    for r in found["reports"]:
        reports.add_row(
            r["document"],
            r["issued"] or "",
            r["date"] or "",
            r["modality"] or "",
            "\n".join(r["sentences"]),
        )
    console.print(reports)
    decisions = Table(title="Merge decisions", title_justify="left")
    for col in ("report", "reason", "confidence"):
        decisions.add_column(col)
    for d in found["decisions"]:
        decisions.add_row(d["report"], d["reason"], f"{d['confidence']:.2f}")
    console.print(decisions)
    for link in found["links"]:
        console.print(f"{link['property']} {link['event']}")
