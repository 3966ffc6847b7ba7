"""Training examples from gold annotations: each candidate pair of a sentence, with the
labels the annotators gave it.

A gold event is tied to the sentence that holds its `evidence` (character offsets `start`,
`end`, filled in by `tools/annotation_check.py`). A candidate of that sentence whose pair is
the event's pair (either order for the undirected types) is a positive of the event's label;
every other candidate of the document is a negative, except candidates whose pair and label
are a gold key of the document reported in another sentence (the annotators list an event
once, at its clearest mention, so its other mentions are neither positive nor negative) and
the reversed pair of an undirected event (a meeting of A and B is learned once, in the order
the annotator gave, so the model keeps the sense that the subject acts).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from kg.extract.actors import ActorIndex, find_actors
from kg.extract.events import quote_events, sentence_events
from kg.extract.pipeline import clean_text
from kg.learn.features import (
    Candidate,
    RuleReading,
    event_label,
    pair_candidates,
    trigger_labels,
)
from kg.nlp import load

__all__ = ["SentenceReading", "Example", "read_sentences", "gold_label", "examples"]

UNDIRECTED = {"AGREE", "COOPERATE", "CONSULT"}
"""Labels scored without direction (SPEC §6); CONSULT:visit is directed."""


@dataclass
class SentenceReading:
    """A sentence with what the learned step needs: candidates, lexicon hits, rule events."""

    sent: Span
    candidates: list[Candidate]
    triggers: dict[int, frozenset[str]]
    rules: list[RuleReading]
    raws: list = field(default_factory=list)  # the rule extractor's RawEvents


@dataclass
class Example:
    """One candidate with its gold labels (empty: no event) and, per label, the modality."""

    reading: SentenceReading
    candidate: Candidate
    labels: set[str]
    modalities: dict[str, str]
    doc_id: str


def gold_label(event: dict) -> str:
    """The label of a gold event: its type, or CONSULT:visit."""
    return (
        "CONSULT:visit"
        if event.get("type") == "CONSULT" and event.get("mode") == "visit"
        else event["type"]
    )


def read_sentences(doc: Doc, index: ActorIndex, lang: str) -> Iterator[SentenceReading]:
    """Every sentence of a parsed document with its candidates and the rules' events."""
    quoted = quote_events(doc, index, lang)
    for sent in doc.sents:
        raws = sentence_events(sent, index, lang) + quoted.get(sent.start, [])
        yield reading_of(sent, index, raws, lang)


def reading_of(sent: Span, index: ActorIndex, raws: list, lang: str) -> SentenceReading:
    rules = [
        RuleReading(
            event_label(r.trigger.kind), r.source.code, r.target.code, r.modality, r.token.i
        )
        for r in raws
    ]
    candidates = pair_candidates(sent, index)
    triggers = trigger_labels(sent, lang) if candidates else {}
    return SentenceReading(sent, candidates, triggers, rules, raws)


def _matches(event: dict, cand: Candidate) -> bool:
    """The candidate is the event's pair, in the annotated order."""
    return (event["source"], event["target"]) == (cand.source.code, cand.target.code)


def _reversed(event: dict, cand: Candidate) -> bool:
    """The candidate is an undirected event's pair in the other order: the same event, but
    neither a positive (the model would learn that direction does not matter) nor a negative."""
    pair = (event["target"], event["source"])
    return gold_label(event) in UNDIRECTED and pair == (cand.source.code, cand.target.code)


def examples(records: Iterable[dict], lang: str = "fr") -> Iterator[Example]:
    """Labelled candidates of every sentence of every gold record."""
    nlp = load(lang)
    records = list(records)
    texts = (clean_text(r["text"]) for r in records)
    for record, doc in zip(records, nlp.pipe(texts, batch_size=8), strict=True):
        index = find_actors(doc, lang=lang, date=record.get("date", ""))
        gold = [e for e in record.get("events", []) if "start" in e]
        for reading in read_sentences(doc, index, lang):
            lo, hi = reading.sent.start_char, reading.sent.end_char
            here = [e for e in gold if lo <= e["start"] < hi]
            elsewhere = [e for e in gold if not lo <= e["start"] < hi]
            for cand in reading.candidates:
                labels, modalities = set(), {}
                for e in here:
                    if _matches(e, cand):
                        label = gold_label(e)
                        labels.add(label)
                        modalities.setdefault(label, e["modality"])
                ignored = {
                    gold_label(e) for e in elsewhere if _matches(e, cand) or _reversed(e, cand)
                }
                ignored |= {gold_label(e) for e in here if _reversed(e, cand)}
                if ignored - labels and not labels:
                    continue  # the same event in other words: no evidence either way
                yield Example(reading, cand, labels, modalities, record["id"])
