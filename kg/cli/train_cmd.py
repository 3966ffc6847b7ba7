"""`kg train`: train the learned event model from the annotated corpus (`make train`)."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import language, output_file


@click.command("train")
@click.option("--lang", default="fr", show_default=True, callback=language)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    callback=output_file,
    help="Model file (default: the installed model of the language, kg/learn/models/<lang>.pkl).",
)
@click.option(
    "--corpus",
    type=click.Path(path_type=Path, exists=True, file_okay=False),
    default=None,
    help="Annotation folder holding <lang>/wikinews and <lang>/written (default: data/annotations).",
)
@click.option(
    "--rules-features/--no-rules-features",
    default=True,
    show_default=True,
    help="Give the model what the rule extractor read as features ('both' vs 'learned').",
)
@click.option(
    "--fraction",
    type=click.FloatRange(0.01, 1.0),
    default=1.0,
    show_default=True,
    help="Share of the training documents to use (learning curves).",
)
@click.option(
    "-C",
    "C",
    type=click.FloatRange(min=0.0, min_open=True),
    default=1.0,
    show_default=True,
    help="Inverse L2 strength (> 0).",
)
@click.option(
    "--no-refit", is_flag=True, help="Keep the model fitted on train only (no train+dev refit)."
)
def command(
    lang: str,
    out: Path | None,
    corpus: Path | None,
    rules_features: bool,
    fraction: float,
    C: float,
    no_refit: bool,
) -> None:
    """Train the event classifier on the train split, tune its threshold on dev, refit on
    train + dev, and write the model. The test split is not read."""
    from kg.learn.reader import model_path
    from kg.learn.train import train

    target = out or model_path(lang)
    train(
        target,
        lang=lang,
        use_rules=rules_features,
        C=C,
        fraction=fraction,
        refit=not no_refit,
        log=lambda line: click.echo(line, err=True),
        root=corpus,
    )
