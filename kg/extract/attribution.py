"""Who says so: the subject of a reporting verb above the event, an incise after it
("…, a annoncé Downing Street"), "selon X" / "d'après X", or the speaker of a quote."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.actors import ActorIndex, inside_quote
from kg.extract.arguments import actors_at
from kg.extract.model import Actor
from kg.nlp import Cues
from kg.nlp import lang as languages

__all__ = ["attribution"]


def attribution(tok: Token, index: ActorIndex, lex: Cues) -> Actor | None:
    cur = tok
    for _ in range(5):
        if cur.lemma_.lower() in lex.speech and cur.i != tok.i and cur.pos_ == "VERB":
            for child in cur.children:
                if child.dep_.startswith("nsubj"):
                    found = actors_at(child, index)
                    if found:
                        return found[0]
        if cur.head.i == cur.i:
            break
        cur = cur.head
    phrases = languages.of(tok).according_to
    for t in tok.sent:
        if _starts_phrase(t, phrases):  # "selon X", "d'après X"
            found = actors_at(t.head, index)
            if found:
                return found[0]
    speakers = index.speakers.get(tok.sent.start)
    if speakers and inside_quote(tok):
        return speakers[0]
    return _incise_speaker(tok, index, lex)


def _starts_phrase(tok: Token, phrases: tuple[tuple[str, ...], ...]) -> bool:
    """`tok` begins one of `phrases` (token sequences, lower case): "selon", "d' après"."""
    doc = tok.doc
    return any(
        tok.i + len(p) <= len(doc) and all(doc[tok.i + k].lower_ == w for k, w in enumerate(p))
        for p in phrases
    )


def _incise_speaker(tok: Token, index: ActorIndex, lex: Cues) -> Actor | None:
    """ "X se rendra à Washington, a annoncé Downing Street": a speech verb set off by a
    comma after the event, with its subject after it."""
    sent = tok.sent
    for verb in sent:
        if verb.i <= tok.i or verb.pos_ != "VERB" or verb.lemma_.lower() not in lex.speech:
            continue
        before = [t for t in sent.doc[tok.i + 1 : verb.i] if t.pos_ != "AUX"]
        if not before or before[-1].text != ",":
            continue
        for i in range(verb.i + 1, min(verb.i + 8, sent.end)):
            mention = index.by_token.get(i)
            if mention is not None and mention.actors[0].code != "OTHER":
                return mention.actors[0]
    return None
