"""The extraction pipeline: text -> sentences -> actor mentions -> events -> merged events.

>>> from kg.extract.pipeline import extract_text
>>> events = extract_text("Le président russe Vladimir Poutine effectuera une visite en Corée du Nord.", date="2024-06-17")
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError
from kg.extract.actors import ActorIndex, ArticleContext, find_actors
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
    "split_text",
    "PIECE_CHARS",
    "spec_events",
    "Explanation",
    "explain",
]

PIECE_CHARS = 50_000
"""The most characters parsed as one spaCy Doc. A longer text is read in pieces
(`split_text`), streamed through `nlp.pipe` one at a time and read in order, what the
earlier ones said carried over (`kg.extract.actors.ArticleContext`): time grows with the
text's length, and memory with this size, not with the text's. A news article is one
piece."""
OVERLAP_CHARS = 2_000
"""At most this much of the text before a piece (half the piece size at most) is parsed
with it as context, its events left to the piece before: a pronoun in the piece's first
sentence finds its antecedent, and its first words are parsed as in the whole text."""
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


# Where a piece may end, best first: after a blank line (a paragraph), a line break, a
# sentence end (a stop after a word of two letters or more, not "M." or "H."; closing quotes
# go with it), a space.
_BREAKS = (
    re.compile(r"\n[^\S\n]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"(?:(?<=\w\w[.!?])|(?<=…))(?:\s*[»”\"’)\]])*\s+"),
    re.compile(r"\s+"),
)


def split_text(text: str, limit: int | None = None) -> Iterator[tuple[int, str]]:
    """`text` as pieces of at most `limit` characters, each with its offset in `text`; the
    pieces put end to end are `text` (one piece, possibly empty, when it is short enough);
    `limit` is `PIECE_CHARS` unless given.

    A piece ends at the best break of its span (`_BREAKS`): a paragraph before a line before
    a sentence end in its second half, else in its first half (so that pieces are not much
    shorter than `limit`), else the last space; a span with no space at all is cut at the
    limit."""
    limit = PIECE_CHARS if limit is None else limit
    if limit < 2:
        raise ValueError(f"split_text: limit {limit} < 2")
    start = 0
    while len(text) - start > limit:
        end = _break(text, start, start + limit)
        yield start, text[start:end]
        start = end
    yield start, text[start:]


def _break(text: str, start: int, stop: int) -> int:
    """Where the piece of `text` that starts at `start` ends, at `stop` at the latest."""
    for group in (_BREAKS[:-1], _BREAKS[-1:]):  # a sentence cut in two comes last
        for low in (start + (stop - start) // 2, start + 1):
            for pattern in group:
                end = None
                for match in pattern.finditer(text, low, stop):
                    end = match.end()
                if end is not None:
                    return end
    return stop


@dataclass(frozen=True)
class _Piece:
    """A part of a document's text to parse: `text` starts at `start` in the document; its
    events are those from `own` on (before it, the text is context, read by the piece
    before); the next piece's text starts at `until` (None: this is the last piece)."""

    start: int
    own: int
    until: int | None
    text: str


def _pieces(text: str, limit: int) -> Iterator[_Piece]:
    """`text` in pieces of at most `limit` characters, context included (`OVERLAP_CHARS`):
    their own parts are `split_text` of `text`, each piece (but the first) parsed from a
    little before its own part (`_context_start`)."""
    overlap = min(OVERLAP_CHARS, limit // 2)
    previous: tuple[int, int, int] | None = None  # start, own start, end
    for own, part in split_text(text, limit - overlap):
        start = _context_start(text, own, overlap)
        if previous is not None:
            p_start, p_own, p_end = previous
            yield _Piece(p_start, p_own - p_start, start - p_start, text[p_start:p_end])
        previous = (start, own, own + len(part))
    if previous is not None:
        p_start, p_own, p_end = previous
        yield _Piece(p_start, p_own - p_start, None, text[p_start:p_end])


def _context_start(text: str, own: int, overlap: int) -> int:
    """Where the context of a piece whose own part starts at `own` begins: the first start
    of a paragraph, line or sentence (`_BREAKS`) at most `overlap` characters before, else
    of a word; a context cut in the middle of a sentence would be parsed otherwise."""
    low = max(0, own - overlap)
    if low == 0:
        return 0
    ends = [m.end() for pattern in _BREAKS[:-1] if (m := pattern.search(text, low, own))]
    if not ends and (m := _BREAKS[-1].search(text, low, own)):
        ends = [m.end()]
    return min(ends, default=own)


@dataclass
class _Reading:
    """What the pieces of a document read so far leave to the next one: what they said of
    the actors, how many sentences they had, and the alleged events a later denial may deny
    (with the number of their sentence)."""

    context: ArticleContext = field(default_factory=ArticleContext)
    sentences: int = 0
    alleged: list[tuple[int, Event]] = field(default_factory=list)


def _read_spacy_doc(
    spacy_doc,  # noqa: ANN001
    document: Document,
    piece: _Piece,
    lang: str,
    method: str = "rules",
    model=None,  # noqa: ANN001 - a kg.learn.model.EventModel when method is not "rules"
    reading: _Reading | None = None,
) -> list[Event]:
    """The events of one parsed piece of `document` (those whose trigger is in its own
    part); `reading` is what the pieces before said, and is updated for the next one."""
    reading = reading if reading is not None else _Reading()
    index = find_actors(spacy_doc, lang=lang, date=document.date, context=reading.context)
    if method != "rules":
        from kg.learn.reader import learned_events
    events: list[Event] = []
    sentences = list(spacy_doc.sents)
    alleged_by_sentence = reading.alleged
    quoted = quote_events(spacy_doc, index, lang)
    for s_idx, sent in enumerate(sentences, start=reading.sentences):
        if sent.end_char <= piece.own:
            continue  # context: the piece before read it
        raws = sentence_events(sent, index, lang) + quoted.get(sent.start, [])
        if method != "rules":
            raws = learned_events(sent, index, raws, model, method, lang)
        raws = [r for r in raws if r.token.idx >= piece.own]
        times_by_tense: dict[str, list] = {}  # the tense only changes values, read each once
        for raw in raws:
            tense = "future" if raw.modality == "planned" else "past"
            if tense not in times_by_tense:
                times_by_tense[tense] = find_times(
                    sent.text, document.date or None, lang=lang, tense=tense
                )
            event = _to_event(raw, sent, document, piece.start, times_by_tense[tense])
            events.append(event)
            if event.modality == "alleged":
                alleged_by_sentence.append((s_idx, event))
        for denial in sentence_denials(sent, index, lang):
            if denial.token.idx < piece.own:
                continue
            recent = [e for i, e in alleged_by_sentence if s_idx - 3 <= i <= s_idx]
            for event in recent or [e for _, e in alleged_by_sentence]:
                for actor in denial.deniers:
                    if actor.code != "OTHER" and all(actor.code != d.code for d in event.denied_by):
                        event.denied_by.append(actor)
    if piece.until is not None:  # a piece follows, its text from `until` on
        reading.sentences += sum(1 for sent in sentences if sent.start_char < piece.until)
        reading.context = reading.context.after(index, spacy_doc, until=piece.until)
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
        event.date_interval = best.interval
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

    A document longer than `PIECE_CHARS` is read in pieces (`split_text`), one piece to a
    batch; its events are merged as one document's.

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
        how = method or ("both" if model is not None else default_method(lang))
        lang_model = model if model is not None else installed_model(lang)
        if how != "rules" and lang_model is None:
            raise InputError(
                f"method {how!r}: no trained event model for {lang!r} is installed "
                "(run `make train`, or use the rules method)"
            )
        # long documents' pieces one at a time: a batch of them costs memory (eight pieces
        # of 50,000 characters: a gigabyte more) and saves no time
        short = [i for i in indices if len(docs[i].text) <= PIECE_CHARS]
        long = [i for i in indices if len(docs[i].text) > PIECE_CHARS]
        for group, size in ((short, batch_size), (long, 1)):
            # a stream: a piece is cut and parsed when the pipe asks for it, freed once read
            pieces = (
                (piece.text, (i, piece))
                for i in group
                for piece in _pieces(clean_text(docs[i].text), PIECE_CHARS)
            )
            parsed = nlp.pipe(pieces, as_tuples=True, batch_size=size, n_process=max(1, workers))
            reading, current = _Reading(), -1
            for spacy_doc, (i, piece) in parsed:
                if i != current:  # a document's pieces come in order, one after the other
                    reading, current = _Reading(), i
                events = _read_spacy_doc(spacy_doc, docs[i], piece, lang, how, lang_model, reading)
                results[i].extend(events)
                if bar is not None:
                    bar.update(len(piece.text) - piece.own)
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
