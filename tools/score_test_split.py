"""Score the FROZEN test split once, at the end of a work session: an ablation (rules only,
learned only, both) and a learning curve (25, 50, 100 % of the training documents).

Usage: python tools/score_test_split.py [--model kg/learn/models/fr.pkl]

The test split is never read for errors: this prints only the SPEC §6 figures. The learned-
only model (trained without the rules' readings as features) and the learning-curve models
are trained into a temporary folder like `kg train` does (fit on train, threshold on dev;
the learned-only model is refit on train + dev like the installed one, the curve's models are
not, so that only the share of training documents changes).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from kg.learn.corpus import read_corpus
from kg.learn.model import EventModel
from kg.learn.reader import model_path
from kg.learn.train import evaluate_records, train


def _row(name: str, report) -> str:  # noqa: ANN001
    ma, xr = report.modality_accuracy, report.extra_event_rate
    return (
        f"| {name} | {report.event.precision:.3f} | {report.event.recall:.3f} | "
        f"{report.event.f1:.3f} | {report.strict.f1:.3f} | "
        f"{'n/a' if ma is None else f'{ma:.3f}'} | {'n/a' if xr is None else f'{xr:.3f}'} |"
    )


def main(argv: list[str]) -> int:
    installed = Path(argv[argv.index("--model") + 1]) if "--model" in argv else model_path("fr")
    test = list(read_corpus("test", "fr"))
    keys = sum(len(r["events"]) for r in test)
    print(
        f"test split: {len(test)} documents, {keys} gold events, "
        f"{sum(1 for r in test if not r['events'])} event-free\n"
    )
    head = "| | event P | event R | event F1 | strict F1 | modality acc. | extra-event rate |"
    print(head + "\n|---|---|---|---|---|---|---|")
    quiet = lambda line: None  # noqa: E731
    with tempfile.TemporaryDirectory() as tmp:
        both = EventModel.load(installed)
        print(_row("rules only", evaluate_records(test, None, "rules")), flush=True)
        learned = train(Path(tmp) / "learned.pkl", use_rules=False, log=quiet)
        print(_row("learned only", evaluate_records(test, learned, "learned")), flush=True)
        print(
            _row(
                f"both (installed, threshold {both.threshold:.2f})",
                evaluate_records(test, both, "both"),
            ),
            flush=True,
        )
        print("\nLearning curve, method both (share of the training documents):\n")
        print(head + "\n|---|---|---|---|---|---|---|")
        for fraction in (0.25, 0.5, 1.0):
            model = train(Path(tmp) / f"f{fraction}.pkl", fraction=fraction, refit=False, log=quiet)
            report = evaluate_records(test, model, "both")
            docs = model.meta["train_documents"]
            print(_row(f"{fraction:.0%} ({docs} train documents, no refit)", report), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
