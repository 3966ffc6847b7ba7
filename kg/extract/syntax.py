"""Small readings of the dependency parse shared by the extraction steps: which preposition
governs a word, and words without their accents."""

from __future__ import annotations

import unicodedata

from spacy.tokens import Token

from kg.nlp import cues

__all__ = ["CONTRACTIONS", "LOCATIVE", "case_of", "strip_accents", "verb_lemma"]

# "d" alone: "d' Israël" with a stray space tokenises as "d" + "'"
CONTRACTIONS = {"au": "à", "aux": "à", "du": "de", "des": "de", "d'": "de", "d’": "de", "d": "de"}
"""Contracted prepositions and their preposition."""

LOCATIVE = {"à", "en", "sur", "dans"}
"""Prepositions that name where something is ("à Cuba", "en Syrie"), after contraction."""


def case_of(tok: Token) -> str:
    """The preposition governing `tok`, contractions undone ("au" -> "à"); a "de" after an
    adverb the tagger took for one gives that adverb ("auprès de X" -> "auprès")."""
    for child in tok.children:
        if child.dep_ in ("case", "mark", "fixed") or (child.pos_ == "ADP" and child.i < tok.i):
            word = CONTRACTIONS.get(child.lower_, child.lower_)
            before = tok.doc[child.i - 1] if child.i > 0 else child
            if word == "de" and before.lower_ in cues().adverb_prepositions:
                return before.lower_
            return word
    return ""


def strip_accents(text: str) -> str:
    """`text` without combining accents: news often drops them on capitals ("Etats-Unis")."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def verb_lemma(tok: Token) -> str:
    """The lemma, or for a present verb form the lemmatizer left as it is ("réclame"), its
    -er infinitive ("réclamer")."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB" and lemma == tok.lower_ and not lemma.endswith("r"):
        for ending in ("ent", "es", "e"):
            if lemma.endswith(ending):
                return lemma[: -len(ending)] + "er"
    return lemma
