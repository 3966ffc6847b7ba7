"""The extraction pipeline: text -> sentences -> actor mentions -> events -> merged events.

>>> from kg.extract.pipeline import extract_text
>>> events = extract_text("Le président russe Vladimir Poutine effectuera une visite en Corée du Nord.", date="2024-06-17")
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.extract.actors import ActorIndex, find_actors
from kg.extract.events import RawEvent, quote_events, sentence_denials, sentence_events
from kg.extract.merge import merge_events
from kg.extract.model import Document, Event, Mention
from kg.extract.timex import find_times
from kg.nlp import load

__all__ = [
    "extract_text",
    "extract_document",
    "extract_documents",
    "extract_records",
    "read_documents",
    "clean_text",
    "spec_events",
    "Explanation",
    "explain",
]

_CHUNK = 100_000  # characters per spaCy call: long inputs are read paragraph by paragraph
_TAG = re.compile(r"<[^>]{0,2000}>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    """Plain text from what users paste: HTML tags and entities removed, control bytes dropped."""
    if (
        "<" in text
        and _TAG.search(text)
        and re.search(r"</?(p|div|html|body|br|span|a|h\d|script|style)\b", text, re.I)
    ):
        text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
        text = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</h\d>", "\n", text)
        text = _TAG.sub(" ", text)
        text = html.unescape(text)
    return _CONTROL.sub(" ", text)


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    if len(text) <= _CHUNK:
        yield 0, text
        return
    start = 0
    while start < len(text):
        end = min(len(text), start + _CHUNK)
        if end < len(text):
            cut = text.rfind("\n", start + _CHUNK // 2, end)
            if cut == -1:
                cut = text.rfind(". ", start + _CHUNK // 2, end)
            end = cut + 1 if cut != -1 else end
        yield start, text[start:end]
        start = end


def _read_spacy_doc(
    spacy_doc,  # noqa: ANN001
    document: Document,
    offset: int,
    lang: str,
    method: str = "rules",
    model=None,  # noqa: ANN001 - a kg.learn.model.EventModel when method is not "rules"
) -> list[Event]:
    index = find_actors(spacy_doc, lang=lang, date=document.date)
    if method != "rules":
        from kg.learn.reader import learned_events
    events: list[Event] = []
    sentences = list(spacy_doc.sents)
    alleged_by_sentence: list[tuple[int, Event]] = []
    quoted = quote_events(spacy_doc, index, lang)
    for s_idx, sent in enumerate(sentences):
        raws = sentence_events(sent, index, lang) + quoted.get(sent.start, [])
        if method != "rules":
            raws = learned_events(sent, index, raws, model, method, lang)
        times_by_tense: dict[str, list] = {}  # the tense only changes values, read each once
        for raw in raws:
            tense = "future" if raw.modality == "planned" else "past"
            if tense not in times_by_tense:
                times_by_tense[tense] = find_times(
                    sent.text, document.date or None, lang=lang, tense=tense
                )
            event = _to_event(raw, sent, document, offset, times_by_tense[tense])
            events.append(event)
            if event.modality == "alleged":
                alleged_by_sentence.append((s_idx, event))
        for denial in sentence_denials(sent, index, lang):
            recent = [e for i, e in alleged_by_sentence if s_idx - 3 <= i <= s_idx]
            for event in recent or [e for _, e in alleged_by_sentence]:
                for actor in denial.deniers:
                    if actor.code != "OTHER" and all(actor.code != d.code for d in event.denied_by):
                        event.denied_by.append(actor)
    return events


def _to_event(raw: RawEvent, sent, document: Document, offset: int, times) -> Event:  # noqa: ANN001
    tok = raw.token
    mention = Mention(
        doc_id=document.id,
        sentence=sent.text.strip(),
        start=offset + tok.idx,
        end=offset + tok.idx + len(tok.text),
        trigger=tok.text,
        rule=raw.trigger.rule,
        cues=tuple(raw.cues),
    )
    event = Event(
        kind=raw.trigger.kind,
        source=raw.source,
        target=raw.target,
        modality=raw.modality,
        attributed_to=raw.attributed_to,
        mentions=[mention],
        confidence=raw.confidence,
    )
    if times:
        rel = tok.idx - sent.start_char
        best = min(times, key=lambda t: abs(t.start - rel))
        event.date, event.date_precision, event.date_approximate = (
            best.value,
            best.precision,
            best.approximate,
        )
    return event


def extract_document(document: Document, method: str | None = None) -> list[Event]:
    """The merged events of one document (`method`: see `extract_documents`)."""
    return extract_documents([document], method=method)[0][1]


def extract_text(
    text: str, date: str = "", lang: str = "fr", doc_id: str = "text", method: str | None = None
) -> list[Event]:
    """The merged events of a piece of text (publication `date` resolves relative dates)."""
    return extract_document(Document(id=doc_id, text=text, lang=lang, date=date), method=method)


def extract_documents(
    documents: Iterable[Document],
    progress: bool = False,
    batch_size: int = 8,
    workers: int = 1,
    method: str | None = None,
    min_confidence: float = 0.0,
    model=None,  # noqa: ANN001 - an EventModel to use instead of the installed one
) -> list[tuple[Document, list[Event]]]:
    """Extract every document, batching through `nlp.pipe` (`workers` > 1 uses processes).

    `method`: "rules", "learned" or "both" (see `kg.learn.reader`); None picks "both" when
    a trained model of the language is installed, else "rules". Events whose confidence is
    below `min_confidence` are left out."""
    from kg.learn.reader import METHODS, default_method, installed_model

    if method is not None and method not in METHODS:
        raise InputError(f"method {method!r}: expected one of {', '.join(METHODS)}")
    docs = [d for d in documents]
    by_lang: dict[str, list[int]] = {}
    for i, d in enumerate(docs):
        by_lang.setdefault(d.lang, []).append(i)  # "": UnknownLanguage from load()
    results: list[list[Event]] = [[] for _ in docs]
    bar = _progress(progress, total=sum(len(d.text) for d in docs))
    for lang, indices in by_lang.items():
        nlp = load(lang)
        jobs = [
            (i, off, chunk) for i in indices for off, chunk in _chunks(clean_text(docs[i].text))
        ]
        texts = (chunk for _, _, chunk in jobs)
        pipe = nlp.pipe(texts, batch_size=batch_size, n_process=max(1, workers))
        how = method or ("both" if model is not None else default_method(lang))
        lang_model = model if model is not None else installed_model(lang)
        if how != "rules" and lang_model is None:
            raise InputError(
                f"method {how!r}: no trained event model for {lang!r} is installed "
                "(run `make train`, or use the rules method)"
            )
        for (i, off, chunk), spacy_doc in zip(jobs, pipe, strict=True):
            results[i].extend(_read_spacy_doc(spacy_doc, docs[i], off, lang, how, lang_model))
            if bar is not None:
                bar.update(len(chunk))
    if bar is not None:
        bar.close()
    merged = [(d, merge_events(evts)) for d, evts in zip(docs, results, strict=True)]
    if min_confidence > 0:
        merged = [(d, [e for e in evs if e.confidence >= min_confidence]) for d, evs in merged]
    return merged


def _progress(enabled: bool, total: int):  # noqa: ANN202
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="char", unit_scale=True, desc="extracting", leave=False)


def spec_events(events: list[Event]) -> list[dict]:
    """Events in the SPEC prediction format. A mutual act of a symmetric relation that the
    SPEC scores directed (two states signing a treaty: SUPPORT) is listed both ways."""
    from kg.eventkinds import event_kind

    out = []
    for e in events:
        spec = e.to_spec()
        out.append(spec)
        kind = event_kind(e.kind)
        if kind.symmetric and kind.plover_type not in _UNDIRECTED_TYPES:
            back = dict(spec, source=spec["target"], target=spec["source"])
            back["source_label"], back["target_label"] = spec["target_label"], spec["source_label"]
            out.append(back)
    return out


# PLOVER types the SPEC scores without direction (section 6)
_UNDIRECTED_TYPES = {"AGREE", "COOPERATE", "CONSULT"}


def extract_records(
    records: list[dict],
    progress: bool = False,
    method: str | None = None,
    min_confidence: float = 0.0,
    model=None,  # noqa: ANN001
) -> list[dict]:
    """SPEC section 5 predictions for SPEC records (`id`, `lang`, `date`, `text`)."""
    docs = [_record_document(r, i) for i, r in enumerate(records)]
    out = []
    found = extract_documents(
        docs, progress=progress, method=method, min_confidence=min_confidence, model=model
    )
    for doc, events in found:
        out.append({"id": doc.id, "events": spec_events(events)})
    return out


def _record_document(record: dict, line: int) -> Document:
    if not isinstance(record.get("text"), str):
        raise InputError(f"record {line + 1}: no 'text' string")
    return Document(
        id=str(record.get("id") or f"record-{line + 1}"),
        text=record["text"],
        lang=record.get("lang") or "fr",
        date=record.get("date") or "",
        title=record.get("title") or "",
        source=record.get("source") or record.get("url") or "",
    )


def read_documents(paths: Iterable[Path], lang: str = "fr", date: str = "") -> list[Document]:
    """Documents from `.txt` articles and `.jsonl` files of records; clear errors otherwise."""
    out: list[Document] = []
    for path in paths:
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise InputError(
                f"{path}:{line}: not UTF-8 text (byte {exc.start}); is it a binary file?"
            ) from None
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            for n, line_text in enumerate(text.splitlines(), start=1):
                if not line_text.strip():
                    continue
                try:
                    record = json.loads(line_text)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}:{n}: invalid JSON ({exc.msg})") from None
                if not isinstance(record, dict):
                    raise InputError(f"{path}:{n}: expected a JSON object")
                record.setdefault("lang", lang)
                if date and not record.get("date"):
                    record["date"] = date
                out.append(_record_document(record, n - 1))
        else:
            out.append(
                Document(
                    id=path.stem, text=text, lang=lang, date=date, title=path.stem, source=str(path)
                )
            )
    return out


@dataclass
class Explanation:
    """Why the graph says what it says about one sentence."""

    text: str
    actors: list[dict]
    triggers: list[dict]
    events: list[Event]


def explain(text: str, date: str = "", lang: str = "fr") -> Explanation:
    """Actors found, triggers fired (with the rule and modality cues), and the events."""
    nlp = load(lang)
    spacy_doc = nlp(clean_text(text))
    index: ActorIndex = find_actors(spacy_doc, lang=lang, date=date)
    actors = [
        {
            "text": spacy_doc[m.start : m.end].text,
            "codes": [a.code for a in m.actors],
            "labels": [a.label for a in m.actors],
            "via": m.via,
        }
        for m in index.mentions
    ]
    trig_rows = []
    quoted = quote_events(spacy_doc, index, lang)
    for sent in spacy_doc.sents:
        for raw in sentence_events(sent, index, lang) + quoted.get(sent.start, []):
            trig_rows.append(
                {
                    "trigger": raw.token.text,
                    "rule": raw.trigger.rule,
                    "kind": raw.trigger.kind,
                    "source": raw.source.code,
                    "target": raw.target.code,
                    "modality": raw.modality,
                    "cues": raw.cues,
                    "attributed_to": raw.attributed_to.code if raw.attributed_to else "",
                }
            )
    events = extract_text(text, date=date, lang=lang)
    return Explanation(text=text, actors=actors, triggers=trig_rows, events=events)
