"""`kg eval GOLD.jsonl [--pred PRED.jsonl]`: score predictions by SPEC section 6."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from kg.errors import InputError, KGError, ModelMissing

__all__ = ["command", "run_extractor"]


CONFIDENCE_CUTS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
"""Confidence thresholds at which `kg eval` reports precision and recall."""


def at_confidence(pred: list[dict[str, Any]], cut: float) -> list[dict[str, Any]]:
    """Predictions keeping only events whose confidence is at least `cut` (an event
    without a confidence counts as certain)."""
    return [
        dict(r, events=[e for e in r.get("events", []) if e.get("confidence", 1.0) >= cut])
        for r in pred
    ]


def run_extractor(records: list[dict[str, Any]], method: str | None = None) -> list[dict[str, Any]]:
    """Predict events for the gold texts with `kg.extract.pipeline.extract_records`."""
    try:
        from kg.extract.pipeline import extract_records
    except ImportError as exc:
        raise ModelMissing(
            "no --pred file given and the extractor is not available "
            f"(kg.extract.pipeline.extract_records: {exc}); pass --pred PRED.jsonl"
        ) from None
    inputs = [{k: r[k] for k in ("id", "lang", "date", "title", "text") if k in r} for r in records]
    try:
        return list(extract_records(inputs, method=method))
    except KGError:
        raise
    except (OSError, ImportError) as exc:
        raise ModelMissing(f"the extractor could not run: {exc}") from None


@click.command(name="eval")
@click.argument("gold", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--pred",
    "pred_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Predictions JSONL (SPEC section 5). Default: run the extractor on the gold texts.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option(
    "--show-errors/--no-show-errors",
    default=True,
    show_default=True,
    help="List false positives, false negatives and modality errors.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=20,
    show_default=True,
    help="Rows shown per error list in the table view (0: all). JSON lists are never cut.",
)
@click.option(
    "--method",
    type=click.Choice(["rules", "learned", "both"]),
    default=None,
    help="Extractor method when no --pred is given (default: both when a model is installed).",
)
def command(
    gold: Path,
    pred_path: Path | None,
    as_json: bool,
    show_errors: bool,
    limit: int,
    method: str | None,
) -> None:
    """Score predicted events against GOLD.jsonl (event F1, strict F1, modality accuracy)."""
    from kg.evaluate import load_jsonl, score

    gold_records = load_jsonl(gold)
    if not gold_records:
        # an empty file would score 0/0 and exit 0: most likely the wrong file was given
        raise InputError(f"{gold}: no gold records (an empty JSONL file)")
    if pred_path is not None:
        pred_records = load_jsonl(pred_path)
    else:
        pred_records = run_extractor(gold_records, method)
    report = score(gold_records, pred_records)
    curve = [
        (cut, score(gold_records, at_confidence(pred_records, cut))) for cut in CONFIDENCE_CUTS
    ]

    if as_json:
        out = report.to_dict(errors=show_errors)
        out["by_confidence"] = [
            {"min_confidence": cut, "event": r.event.to_dict(), "strict": r.strict.to_dict()}
            for cut, r in curve
        ]
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return

    from kg.console import stdout_console

    console = stdout_console(highlight=False)
    console.print(f"gold: {gold}   pred: {pred_path if pred_path else '(extractor)'}")
    report.render(console, show_errors=show_errors, limit=limit)
    _render_curve(console, curve)


def _render_curve(console: Any, curve: list[tuple[float, Any]]) -> None:  # noqa: ANN401
    from rich.table import Table

    table = Table(title="By confidence (events with confidence >= threshold)")
    for name in ("min confidence", "pred keys", "event P", "event R", "event F1", "strict F1"):
        table.add_column(name, justify="right")
    for cut, r in curve:
        table.add_row(
            f"{cut:.1f}",
            str(r.event.pred),
            f"{r.event.precision:.3f}",
            f"{r.event.recall:.3f}",
            f"{r.event.f1:.3f}",
            f"{r.strict.f1:.3f}",
        )
    console.print(table)
