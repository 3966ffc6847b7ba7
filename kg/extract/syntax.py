"""Small readings of the dependency parse shared by the extraction steps: which preposition
governs a word, and words without their accents. The language's words (contractions, the
genitive preposition, verb endings) come from its `kg.nlp.lang` module, found from the
token's document."""

from __future__ import annotations

import unicodedata

from spacy.tokens import Token

from kg.nlp import lang as languages

__all__ = ["case_of", "in_subject", "preposition", "strip_accents", "verb_lemma"]


def preposition(word: str, tok: Token) -> str:
    """`word` (lower case) with its contraction undone, in the language of `tok`'s document:
    "au" -> "à", "des" -> "de"."""
    return languages.of(tok).contractions.get(word, word)


def case_of(tok: Token) -> str:
    """The preposition governing `tok`, contractions undone ("au" -> "à"); a "de" after an
    adverb the tagger took for one gives that adverb ("auprès de X" -> "auprès")."""
    for child in tok.children:
        if child.dep_ in ("case", "mark", "fixed") or (child.pos_ == "ADP" and child.i < tok.i):
            lang = languages.of(tok)
            word = lang.contractions.get(child.lower_, child.lower_)
            before = tok.doc[child.i - 1] if child.i > 0 else child
            if word == lang.genitive and before.lower_ in lang.cues.adverb_prepositions:
                return before.lower_
            return word
    return ""


def strip_accents(text: str) -> str:
    """`text` without combining accents: news often drops them on capitals ("Etats-Unis")."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def verb_lemma(tok: Token) -> str:
    """The lemma, or for a present verb form the lemmatizer left as it is ("réclame"), its
    regular infinitive ("réclamer")."""
    lemma = tok.lemma_.lower()
    lang = languages.of(tok)
    if tok.pos_ == "VERB" and lemma == tok.lower_ and not lemma.endswith(lang.infinitive_final):
        for ending in lang.present_endings:
            if lemma.endswith(ending):
                return lemma[: -len(ending)] + lang.infinitive
    return lemma


def in_subject(tok: Token, through: frozenset[str], hops: int) -> bool:
    """The word is a subject, or inside one: it reaches an `nsubj*` word in at most `hops`
    steps up, each through a relation of `through` ("le gouvernement du Burundi a annoncé":
    Burundi, through nmod). Callers choose how far a subject phrase reaches for them."""
    for _ in range(hops):
        if tok.dep_.startswith("nsubj"):
            return True
        if tok.dep_ not in through or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False
