"""Typed records of the reference gazetteer and the text normalisation used to match them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "State",
    "Igo",
    "Person",
    "Tenure",
    "SurfaceForm",
    "Role",
    "SurfaceKind",
    "SURFACE_KINDS",
    "normalise",
    "strip_article",
]

SurfaceKind = Literal["state", "state_adj", "capital", "metonym", "igo", "person"]
SURFACE_KINDS: tuple[str, ...] = ("state", "state_adj", "capital", "metonym", "igo", "person")


@dataclass(frozen=True)
class State:
    """A state (or state-like entity: observer, partially recognised state, SAR)."""

    iso3: str
    iso2: str
    qid: str  # Wikidata id, "" if unknown
    name_en: str
    name_fr: str
    capital_en: str
    capital_fr: str
    executive_office: str  # "head_of_state" | "head_of_government": who leads the executive
    president_office: str = "head_of_state"  # the office whose holder is called "president"
    combined_head: bool = False  # the president is also head of government (no prime minister)
    status: str = "un_member"  # un_member | observer | partially_recognised | territory | ...

    def name(self, lang: str) -> str:
        """The name in `lang`: the French column for "fr", else the English one."""
        return self.name_fr if lang == "fr" else self.name_en


@dataclass(frozen=True)
class Igo:
    """An intergovernmental organisation; `code` is the SPEC code (UN, EU, NATO...)."""

    code: str
    qid: str
    name_en: str
    name_fr: str
    executive_office: str = "secretary_general"

    def name(self, lang: str) -> str:
        """The name in `lang`: the French column for "fr", else the English one."""
        return self.name_fr if lang == "fr" else self.name_en


@dataclass(frozen=True)
class Person:
    """A person of the gazetteer; `iso3` is the state (or IGO code) they serve."""

    id: str
    qid: str
    name: str
    iso3: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Tenure:
    """One office holding: `start` inclusive, `end` exclusive ("" = still in office)."""

    person_id: str
    code: str  # iso3 or IGO code
    office: str
    start: str
    end: str = ""
    note: str = ""

    def covers(self, day: str) -> bool:
        """Whether the ISO day `day` falls within this tenure."""
        return self.start <= day and (not self.end or day < self.end)


@dataclass(frozen=True)
class SurfaceForm:
    """A piece of text that names an actor.

    `ambiguous` marks forms that often mean something else (a first name, a region, another
    body); `case_sensitive` forms should only match with their exact case ("US", "WHO").
    """

    text: str
    lang: str
    kind: SurfaceKind
    code: str
    person_id: str = ""
    ambiguous: bool = False
    case_sensitive: bool = False

    @property
    def key(self) -> str:
        """The normalised text used for lookups."""
        return normalise(self.text)


@dataclass(frozen=True)
class Role:
    """A role title ("président", "chef de la diplomatie") and the office it denotes.

    `office` is an office key, or "executive" (the office that leads the executive of the
    state, see `State.executive_office`) or "president" (see `State.president_office`).
    `resolves_person`: the title + state + date identifies one person. `codes`: the states or
    IGOs the title applies to (empty = any). `article_state`: the bare title, with no state
    named ("le Premier ministre"), stands for the state the article is about.
    """

    surface: str
    lang: str
    office: str
    resolves_person: bool
    codes: tuple[str, ...] = ()
    article_state: bool = False


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
_DASHES = re.compile(r"[\-‐‑‒–—]+")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower-case, accent-free, straight-apostrophe, hyphen-as-space form of `text`.

    >>> normalise("la Corée-du-Nord")
    'la coree du nord'
    >>> normalise("l’Élysée")
    "l'elysee"
    """
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _DASHES.sub(" ", text.casefold()).replace("ı", "i")
    return _SPACES.sub(" ", text).strip()


_ARTICLES = re.compile(r"^(?:l'|le |la |les |the |des |du |de la |de l'|d')", re.IGNORECASE)


def strip_article(text: str) -> str:
    """Drop one leading article ("la Russie" -> "Russie", "l'Otan" -> "Otan")."""
    return _ARTICLES.sub("", text.strip(), count=1)
