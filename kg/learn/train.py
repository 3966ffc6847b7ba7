"""Training the event model from the annotated corpus (`make train`, `kg train`).

1. parse the train and dev documents once and build labelled candidates (`examples`);
2. fit the model on train; pick the decision threshold that maximises event F1 on dev,
   scored by SPEC §6 through the whole extraction pipeline;
3. refit on train + dev with that threshold and write the model file.

The test split is never touched here: `score_split` scores it when asked, once a session.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from kg.evaluate import EvalReport, score
from kg.learn.corpus import read_corpus
from kg.learn.examples import Example, examples
from kg.learn.model import EventModel

__all__ = ["THRESHOLDS", "fit", "predict", "evaluate_records", "train", "reachable"]

THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6)
"""Decision thresholds tried on dev (event F1 of the whole pipeline, method "both")."""
F1_TOLERANCE = 0.015
"""Dev F1 differences below this are noise (about one standard error on ~500 gold keys)."""
PRECISION_FLOOR = 0.65
"""The threshold must give at least this event precision on dev: an event shown to an
analyst should be right at least two times in three (the rules alone are at about 0.8)."""


def fit(
    train_examples: Sequence[Example], use_rules: bool = True, C: float = 1.0, lang: str = "fr"
) -> EventModel:
    return EventModel(lang=lang, use_rules=use_rules, C=C, type_C=C).fit(train_examples)


def predict(
    records: Sequence[dict], model: EventModel | None, method: str, min_confidence: float = 0.0
) -> list[dict]:
    """SPEC predictions for gold records under a method, with `model` (None: rules)."""
    from kg.extract.pipeline import extract_records

    inputs = [{k: r[k] for k in ("id", "lang", "date", "title", "text") if k in r} for r in records]
    return extract_records(inputs, method=method, model=model, min_confidence=min_confidence)


def evaluate_records(
    records: Sequence[dict], model: EventModel | None, method: str, min_confidence: float = 0.0
) -> EvalReport:
    return score(list(records), predict(records, model, method, min_confidence))


def reachable(exs: Sequence[Example], records: Sequence[dict]) -> tuple[int, int]:
    """(gold events whose pair is a candidate of their sentence, scored gold events): the
    ceiling of what a pair classifier can find."""
    from kg.evaluate import is_scored_code

    hit = {
        (e.doc_id, lab, e.candidate.source.code, e.candidate.target.code)
        for e in exs
        for lab in e.labels
    }
    total = found = 0
    from kg.learn.examples import UNDIRECTED, gold_label

    for r in records:
        for ev in r.get("events", []):
            if not (is_scored_code(ev["source"]) and is_scored_code(ev["target"])):
                continue
            total += 1
            lab = gold_label(ev)
            keys = {(r["id"], lab, ev["source"], ev["target"])}
            if lab in UNDIRECTED:
                keys.add((r["id"], lab, ev["target"], ev["source"]))
            found += bool(keys & hit)
    return found, total


def train(
    out: Path,
    lang: str = "fr",
    use_rules: bool = True,
    C: float = 1.0,
    fraction: float = 1.0,
    refit: bool = True,
    log: Callable[[str], None] = print,
    root: Path | None = None,
) -> EventModel:
    """Train, tune the threshold on dev, refit on train + dev, write `out`."""
    t0 = time.perf_counter()
    train_records = list(read_corpus("train", lang, root))
    if fraction < 1.0:
        train_records = train_records[: max(1, int(len(train_records) * fraction))]
    dev_records = list(read_corpus("dev", lang, root))
    if not train_records:  # before any log line: the error is all the user reads
        from kg.errors import InputError
        from kg.learn.corpus import CORPUS_DIR

        raise InputError(
            f"no annotated {lang!r} training documents under {root or CORPUS_DIR}/{lang}/"
            "(wikinews|written)/*.jsonl"
        )
    log(f"corpus: {len(train_records)} train documents, {len(dev_records)} dev documents")
    train_ex = list(examples(train_records, lang))
    found, total = reachable(train_ex, train_records)
    log(
        f"train: {len(train_ex)} candidates, {sum(bool(e.labels) for e in train_ex)} positive; "
        f"{found}/{total} gold events have their pair among the candidates (named in their sentence or, one of them, in the two before)"
        f" ({time.perf_counter() - t0:.0f} s)"
    )
    model = fit(train_ex, use_rules, C, lang)
    best = (-1.0, model.threshold)
    tried: list[tuple[float, float]] = [(max(THRESHOLDS), -1.0)]  # if none is precise enough
    for threshold in THRESHOLDS if dev_records else ():
        model.threshold = threshold
        report = evaluate_records(dev_records, model, "both" if use_rules else "learned")
        log(
            f"dev threshold {threshold:.2f}: event P {report.event.precision:.3f} "
            f"R {report.event.recall:.3f} F1 {report.event.f1:.3f}, strict F1 "
            f"{report.strict.f1:.3f}"
        )
        if report.event.precision < PRECISION_FLOOR:
            continue
        tried.append((threshold, report.event.f1))
        if report.event.f1 > best[0]:
            best = (report.event.f1, threshold)
    # of the thresholds precise enough, the highest whose dev F1 is within noise of the
    # best: at equal F1, fewer events invented in event-free text
    model.threshold = max(t for t, f1 in tried if f1 >= best[0] - F1_TOLERANCE)
    log(f"threshold {model.threshold:.2f} (dev event F1 {best[0]:.3f})")
    if refit and dev_records:
        all_ex = train_ex + list(examples(dev_records, lang))
        threshold = model.threshold
        model = fit(all_ex, use_rules, C, lang)
        model.threshold = threshold
    model.meta.update(
        train_documents=len(train_records) + (len(dev_records) if refit else 0),
        dev_f1=round(best[0], 4),
        seconds=round(time.perf_counter() - t0, 1),
    )
    model.save(out)
    log(f"wrote {out} ({time.perf_counter() - t0:.0f} s)")
    return model
