"""The learned step of extraction: a sentence's candidates, decided by the event model,
turned into events beside (or instead of) the rule extractor's.

Methods (`kg extract --method`):

- `rules`: the rule extractor alone;
- `learned`: the event model alone (it still reads the lexicon's trigger words as features);
- `both` (the default when a model is installed): rule events stand unless the model, which
  sees what the rules read as features, gives one a probability below its veto threshold;
  the model adds the events it reads that no rule gave. Rule events whose pair it cannot
  see (an actor implied by the article, an OTHER actor) are kept as they are.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Span

from kg.extract.actors import ActorIndex
from kg.extract.attribution import attribution
from kg.extract.events import RawEvent
from kg.extract.triggers import Trigger, triggers
from kg.learn.examples import UNDIRECTED, reading_of
from kg.learn.features import event_label, meeting_token
from kg.learn.model import EventModel
from kg.nlp import cues

__all__ = ["METHODS", "model_path", "installed_model", "learned_events", "default_method"]

METHODS = ("rules", "learned", "both")


def model_path(lang: str = "fr") -> Path:
    """Where the shipped model of a language is (it may not exist)."""
    return Path(str(resources.files("kg.learn").joinpath("models", f"{lang}.pkl")))


@cache
def installed_model(lang: str = "fr") -> EventModel | None:
    """The shipped model of `lang`, loaded once; None when there is none."""
    path = model_path(lang)
    return EventModel.load(path) if path.is_file() else None


def default_method(lang: str = "fr") -> str:
    return "both" if installed_model(lang) is not None else "rules"


@cache
def _default_kinds(lang: str) -> dict[str, str]:
    """Label -> the event kind most trigger rows of that label have (a learned event with no
    rule behind it takes the commonest kind of its type)."""
    counts: dict[str, Counter] = {}
    for rows in triggers(lang).values():
        for trig in rows:
            counts.setdefault(event_label(trig.kind), Counter())[trig.kind] += 1
    return {label: c.most_common(1)[0][0] for label, c in counts.items()}


def learned_events(
    sent: Span,
    index: ActorIndex,
    raws: list[RawEvent],
    model: EventModel,
    method: str,
    lang: str,
) -> list[RawEvent]:
    """The sentence's events under `method` ("learned" or "both").

    "both": a rule event stands unless the model sees its pair and gives its label a
    probability below `model.veto` (the model overrules the rules only where it is sure);
    the model adds the events it reads at or above `model.threshold` that no rule gave.
    "learned": the model's events alone."""
    reading = reading_of(sent, index, raws, lang)
    if not reading.candidates:
        return list(raws) if method == "both" else []
    proba = model.probabilities(reading)
    column = {label: j for j, label in enumerate(model.labels)}
    row = {(c.source.code, c.target.code): i for i, c in enumerate(reading.candidates)}
    out: list[RawEvent] = []
    ruled: set[tuple[str, str, str]] = set()
    for r in raws if method == "both" else ():
        label = event_label(r.trigger.kind)
        i, j = row.get((r.source.code, r.target.code)), column.get(label)
        if i is not None and j is not None:
            p = float(proba[i, j])
            if p < model.veto:
                continue
            r.confidence = round((r.confidence + p) / 2, 3)
            r.cues = [*r.cues, f"learned:{p:.2f}"]
        out.append(r)
        ruled.add((label, r.source.code, r.target.code))
        if label in UNDIRECTED:
            ruled.add((label, r.target.code, r.source.code))
    lex = cues(lang)
    kinds = _default_kinds(lang)
    doc = sent.doc
    for i, cand in enumerate(reading.candidates):
        for j, label in enumerate(model.labels):
            p = float(proba[i, j])
            if p < model.threshold or (label, cand.source.code, cand.target.code) in ruled:
                continue
            if label not in kinds:
                continue
            modality, mp = model.modality(reading, cand, label)
            tok = meeting_token(cand, doc) or doc[cand.source_mention.head]
            trig = Trigger(
                f"learned.{label}", tok.lemma_.lower(), tok.pos_, kinds[label], (), (), ()
            )
            out.append(
                RawEvent(
                    trig,
                    tok,
                    cand.source,
                    cand.target,
                    modality,
                    [f"learned:{p:.2f}", f"modality:{mp:.2f}"],
                    attribution(tok, index, lex),
                    round(p, 3),
                )
            )
            if label in UNDIRECTED:
                ruled.add((label, cand.target.code, cand.source.code))
    return out
