"""The learned step of extraction: a sentence's candidates, decided by the event model,
turned into events beside (or instead of) the rule extractor's.

Methods (`kg extract --method`):

- `rules`: the rule extractor alone;
- `learned`: the event model alone (it still reads the lexicon's trigger words as features);
- `both` (the default when a model is installed): the model decides every pair it can see
  (both actors named in the sentence), using what the rules read as features; rule events
  whose pair it cannot see (an actor implied by the article, an OTHER actor) are kept.
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
from kg.learn.examples import reading_of
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
    """The sentence's events under `method` ("learned" or "both")."""
    reading = reading_of(sent, index, raws, lang)
    seen = {(c.source.code, c.target.code) for c in reading.candidates}
    out: list[RawEvent] = []
    if method == "both":
        out = [r for r in raws if (r.source.code, r.target.code) not in seen]
    if not reading.candidates:
        return out
    lex = cues(lang)
    kinds = _default_kinds(lang)
    doc = sent.doc
    for cand, decisions in zip(reading.candidates, model.decide(reading), strict=True):
        for d in decisions:
            rule = next(
                (
                    r
                    for r in raws
                    if event_label(r.trigger.kind) == d.label
                    and {r.source.code, r.target.code} == {cand.source.code, cand.target.code}
                ),
                None,
            )
            if rule is not None:
                trig, tok = rule.trigger, rule.token
            else:
                kind = kinds.get(d.label)
                if kind is None:
                    continue
                tok = meeting_token(cand, doc) or doc[cand.source_mention.head]
                trig = Trigger(f"learned.{d.label}", tok.lemma_.lower(), tok.pos_, kind, (), (), ())
            out.append(
                RawEvent(
                    trig,
                    tok,
                    cand.source,
                    cand.target,
                    d.modality,
                    [f"learned:{d.probability:.2f}", f"modality:{d.modality_probability:.2f}"],
                    attribution(tok, index, lex),
                    round(d.probability, 3),
                )
            )
    return out
