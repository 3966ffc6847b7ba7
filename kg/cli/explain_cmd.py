"""`kg explain "une phrase"`: actors, triggers, rules fired and modality cues."""

from __future__ import annotations

import json

import click

from kg.cli.options import iso_day, language, utf8_text


@click.command("explain")
@click.argument("text", callback=utf8_text)
@click.option("--date", default="", callback=iso_day, help="Publication date YYYY-MM-DD.")
@click.option("--lang", default="fr", show_default=True, callback=language)
@click.option("--json", "as_json", is_flag=True, help="Print the explanation as JSON.")
def command(text: str, date: str, lang: str, as_json: bool) -> None:
    """Show why the graph says what it says about TEXT."""
    from rich.table import Table

    from kg.console import stdout_console
    from kg.extract.pipeline import explain

    ex = explain(text, date=date, lang=lang)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "actors": ex.actors,
                    "triggers": ex.triggers,
                    "events": [e.to_spec() for e in ex.events],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    console = stdout_console()
    actors = Table(title="Actors", show_lines=False)
    for col in ("text", "codes", "via"):
        actors.add_column(col)
    for a in ex.actors:
        actors.add_row(a["text"], ", ".join(a["codes"]), a["via"])
    console.print(actors)
    trig = Table(title="Triggers and rules")
    for col in ("trigger", "rule", "source", "target", "modality", "cues", "said by"):
        trig.add_column(col)
    for t in ex.triggers:
        trig.add_row(
            t["trigger"],
            t["rule"],
            t["source"],
            t["target"],
            t["modality"],
            " ".join(t["cues"]),
            t["attributed_to"],
        )
    console.print(trig)
    events = Table(title="Events (merged)")
    for col in ("source", "type", "mode", "target", "modality", "date", "denied by"):
        events.add_column(col)
    for e in ex.events:
        s = e.to_spec()
        events.add_row(
            s["source"],
            s["type"],
            s["mode"],
            s["target"],
            s["modality"],
            s.get("date", ""),
            ",".join(s.get("denied_by", [])),
        )
    console.print(events)
    if not ex.events:
        console.print("no event between states or organisations found")
