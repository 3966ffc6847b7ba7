"""The reference gazetteer: states, IGOs, persons, their offices, and the words that name them.

Data live as CSV files in `kg/gazetteer/data/` (see `data/NOTICE.md` for sources and licences)
and in `kg/nlp/lexicons/<lang>/roles.csv`; `load_gazetteer()` reads them once::

    gz = load_gazetteer()
    gz.holders("RUS", "executive", "2024-06-17")   # [Person(id='vladimir-putin', ...)]
    gz.actor_code("la Maison-Blanche", "fr")       # 'USA'
    gz.state_of_adjective("nord-coréenne", "fr")   # 'PRK'

Tenure dates: `start` is inclusive, `end` exclusive, so on a hand-over day the successor holds
the office.
"""

from __future__ import annotations

import csv
import datetime as _dt
import functools
import io
import re
from collections import defaultdict
from importlib import resources

from kg.gazetteer.model import (
    SURFACE_KINDS,
    Igo,
    Person,
    Role,
    State,
    SurfaceForm,
    SurfaceKind,
    Tenure,
    normalise,
    strip_article,
)

__all__ = [
    "Gazetteer",
    "State",
    "Igo",
    "Person",
    "Tenure",
    "SurfaceForm",
    "SurfaceKind",
    "SURFACE_KINDS",
    "Role",
    "LANGS",
    "load_gazetteer",
    "normalise",
    "strip_article",
]

LANGS: tuple[str, ...] = ("fr", "en")
# Which office leads an IGO, when it is not a secretary-general.
_IGO_EXECUTIVE = {
    "EU": "commission_president",
    "AU": "commission_chair",
    "IAEA": "director_general",
    "OPCW": "director_general",
    "WHO": "director_general",
}
# Titles that name another office key in some organisations.
_OFFICE_SYNONYMS = {("AU", "commission_president"): "commission_chair"}


def _read_csv(package: str, name: str) -> list[dict[str, str]]:
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _flag(value: str) -> bool:
    return value.strip().lower() in ("true", "1", "yes")


def _day(on: str | None) -> str:
    """ISO day for `on`: today if None; "YYYY" and "YYYY-MM" mean the first day of the period."""
    if on is None:
        return _dt.date.today().isoformat()
    on = on.strip()
    if len(on) == 4:
        return f"{on}-01-01"
    if len(on) == 7:
        return f"{on}-01"
    return on[:10]


class Gazetteer:
    """In-memory gazetteer with lookups by code, surface form, role and date."""

    def __init__(
        self,
        states: dict[str, State],
        igos: dict[str, Igo],
        persons: dict[str, Person],
        tenures: list[Tenure],
        forms: dict[str, list[SurfaceForm]],
        roles: dict[str, list[Role]],
        ambiguous: dict[tuple[str, str], tuple[tuple[str, ...], str]],
        surnames: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.states = states
        # surname as written -> the persons who bear it ("Blinken" -> antony-blinken), built
        # from the names of persons.csv; see `_surnames`
        self.surnames = dict(surnames or {})
        self.igos = igos
        self.persons = persons
        self.tenures = tenures
        self._forms = forms
        self._roles = roles
        self._ambiguous = ambiguous
        self._by_office: dict[tuple[str, str], list[Tenure]] = defaultdict(list)
        self._by_person: dict[str, list[Tenure]] = defaultdict(list)
        for t in tenures:
            self._by_office[(t.code, t.office)].append(t)
            self._by_person[t.person_id].append(t)
        self._index: dict[str, dict[str, list[SurfaceForm]]] = {}
        for lang, items in forms.items():
            idx: dict[str, list[SurfaceForm]] = defaultdict(list)
            for f in items:
                idx[f.key].append(f)
            self._index[lang] = dict(idx)

    # -- surface forms -------------------------------------------------------------------
    def surface_forms(self, lang: str) -> list[SurfaceForm]:
        """Every surface form (names, adjectives, capitals, metonyms, IGO and person aliases)."""
        return list(self._forms.get(lang, []))

    def lookup(self, text: str, lang: str) -> list[SurfaceForm]:
        """All surface forms whose normalised text equals that of `text` (then without article)."""
        idx = self._index.get(lang, {})
        found = idx.get(normalise(text), [])
        if not found:
            found = idx.get(normalise(strip_article(text)), [])
        return [
            f
            for f in found
            if not f.case_sensitive or f.text == text.strip() or f.text == strip_article(text)
        ]

    def actor_code(self, text: str, lang: str) -> str | None:
        """The state/IGO code `text` names (exact match modulo case, accents, ’, hyphens).

        Forms listed in `ambiguous.csv` give their preferred code, or None when there is none.
        """
        found = self.lookup(text, lang)
        codes = {f.code for f in found}
        if not codes:
            return None
        if len(codes) == 1:
            return codes.pop()
        amb = self._ambiguous.get((lang, normalise(text))) or self._ambiguous.get(
            (lang, normalise(strip_article(text)))
        )
        if amb is not None:
            return amb[1] or None
        # A state name beats a person's surname or a capital that is also a person's name.
        for kind in ("state", "igo", "state_adj", "capital", "metonym", "person"):
            kcodes = {f.code for f in found if f.kind == kind}
            if len(kcodes) == 1:
                return kcodes.pop()
        return None

    def state_of_adjective(self, word: str, lang: str) -> str | None:
        """The state an adjective or demonym refers to ("nord-coréenne" -> "PRK")."""
        codes = {f.code for f in self.lookup(word, lang) if f.kind == "state_adj"}
        if len(codes) == 1:
            return codes.pop()
        amb = self._ambiguous.get((lang, normalise(word)))
        return amb[1] or None if amb else None

    def person_by_alias(self, text: str, lang: str) -> list[Person]:
        """Persons whose name or alias matches `text`."""
        ids = {f.person_id for f in self.lookup(text, lang) if f.kind == "person"}
        return [self.persons[i] for i in sorted(ids)]

    def persons_by_surname(self, text: str, on: str | None = "") -> list[Person]:
        """The persons a surname alone names: those in office on `on` if any is (None =
        today, "" = any date), else every bearer. Several left = ambiguous."""
        key = normalise(text)
        ids = next((v for k, v in self.surnames.items() if normalise(k) == key), ())
        if on != "" and len(ids) > 1:
            serving = tuple(i for i in ids if self.offices_of(i, on))
            ids = serving or ids
        return [self.persons[i] for i in ids]

    def roles(self, lang: str) -> list[Role]:
        """Role titles of a language (lower-case surfaces)."""
        return list(self._roles.get(lang, []))

    def role(self, surface: str, lang: str) -> Role | None:
        """The role whose surface matches `surface` (normalised), if any."""
        key = normalise(surface)
        for r in self._roles.get(lang, []):
            if normalise(r.surface) == key:
                return r
        return None

    # -- offices -------------------------------------------------------------------------
    def resolve_office(self, code: str, office: str) -> str:
        """Map "executive"/"president" to the concrete office key for `code`."""
        office = _OFFICE_SYNONYMS.get((code, office), office)
        state = self.states.get(code)
        if office == "executive":
            if state is not None:
                return state.executive_office or "head_of_state"
            igo = self.igos.get(code)
            return igo.executive_office if igo is not None else "head_of_state"
        if office == "president":
            if state is not None:
                return state.president_office or "head_of_state"
            igo = self.igos.get(code)
            return igo.executive_office if igo is not None else "head_of_state"
        return office

    def holders(self, code: str, office: str, on: str | None = None) -> list[Person]:
        """Who held `office` of state/IGO `code` on ISO date `on` (None = today).

        `office` may be "executive" or "president" (resolved per state); "YYYY" and "YYYY-MM"
        dates mean the first day of that year/month. When the president of a state is also its
        head of government (`State.combined_head`), head_of_government falls back to the head
        of state.
        """
        day = _day(on)
        concrete = self.resolve_office(code, office)
        tenures = [t for t in self._by_office.get((code, concrete), []) if t.covers(day)]
        state = self.states.get(code)
        if (
            not tenures
            and concrete == "head_of_government"
            and state is not None
            and state.combined_head
        ):
            tenures = [t for t in self._by_office.get((code, "head_of_state"), []) if t.covers(day)]
        seen: list[Person] = []
        for t in sorted(tenures, key=lambda t: t.start):
            p = self.persons[t.person_id]
            if p not in seen:
                seen.append(p)
        return seen

    def offices_of(self, person_id: str, on: str | None = None) -> list[tuple[str, str]]:
        """(code, office) pairs `person_id` held on `on` (None = today)."""
        day = _day(on)
        out: list[tuple[str, str]] = []
        for t in self._by_person.get(person_id, []):
            if t.covers(day) and (t.code, t.office) not in out:
                out.append((t.code, t.office))
        return out

    def tenures_of(self, person_id: str) -> list[Tenure]:
        """Every tenure of a person, in date order."""
        return sorted(self._by_person.get(person_id, []), key=lambda t: t.start)

    def code_of(self, code: str) -> State | Igo | None:
        """The State or Igo record of a code."""
        return self.states.get(code) or self.igos.get(code)


def _build(data: str = "kg.gazetteer.data", lexicons: str = "kg.nlp.lexicons") -> Gazetteer:
    states = {
        r["iso3"]: State(
            iso3=r["iso3"],
            iso2=r["iso2"],
            qid=r["qid"],
            name_en=r["name_en"],
            name_fr=r["name_fr"],
            capital_en=r["capital_en"],
            capital_fr=r["capital_fr"],
            executive_office=r["executive_office"] or "head_of_state",
            president_office=r.get("president_office") or "head_of_state",
            combined_head=_flag(r.get("combined_head", "")),
            status=r.get("status") or "un_member",
        )
        for r in _read_csv(data, "states.csv")
    }
    igos = {
        r["code"]: Igo(
            r["code"],
            r["qid"],
            r["name_en"],
            r["name_fr"],
            _IGO_EXECUTIVE.get(r["code"], "secretary_general"),
        )
        for r in _read_csv(data, "igos.csv")
    }
    persons = {
        r["person_id"]: Person(
            id=r["person_id"],
            qid=r["qid"],
            name=r["name"],
            iso3=r["iso3"],
            aliases=tuple(a for a in r["aliases"].split("|") if a),
        )
        for r in _read_csv(data, "persons.csv")
    }
    tenures = [
        Tenure(r["person_id"], r["code"], r["office"], r["start"], r["end"], r["note"])
        for r in _read_csv(data, "offices.csv")
    ]

    forms: dict[str, list[SurfaceForm]] = {lang: [] for lang in LANGS}
    seen: set[tuple[str, str, str, str, str]] = set()

    def add(form: SurfaceForm) -> None:
        text = form.text.strip()
        if not text:
            return
        k = (form.lang, normalise(text), form.kind, form.code, form.person_id)
        if k in seen:
            return
        seen.add(k)
        forms.setdefault(form.lang, []).append(form)

    for r in _read_csv(data, "names.csv"):
        add(
            SurfaceForm(
                r["text"],
                r["lang"],
                "state",
                r["iso3"],
                ambiguous=_flag(r["ambiguous"]),
                case_sensitive=_flag(r["case_sensitive"]),
            )
        )
    for r in _read_csv(data, "demonyms.csv"):
        fr = [r["fr_m_sg"], r["fr_f_sg"], r["fr_m_pl"], r["fr_f_pl"], *r["fr_extra"].split("|")]
        en = [r["en_adjective"], r["en_demonym"], *r["en_extra"].split("|")]
        plural = not r["en_demonym"].endswith(("s", "i", "ese", "ch", "sh", "z", "a", "o"))
        en += [f"{r['en_demonym']}s"] if plural and " " not in r["en_demonym"] else []
        for text in fr:
            add(SurfaceForm(text, "fr", "state_adj", r["iso3"]))
        for text in en:
            cs = text.isupper() and len(text) <= 3
            add(SurfaceForm(text, "en", "state_adj", r["iso3"], case_sensitive=cs))
    for r in _read_csv(data, "igo_adjectives.csv"):  # "l'annonce européenne"
        add(SurfaceForm(r["text"], r["lang"], "state_adj", r["code"]))
    for r in _read_csv(data, "metonyms.csv"):
        kind: SurfaceKind = "capital" if r["kind"] == "capital" else "metonym"
        add(SurfaceForm(r["text"], r["lang"], kind, r["code"], ambiguous=_flag(r["ambiguous"])))
    for r in _read_csv(data, "igo_aliases.csv"):
        add(
            SurfaceForm(
                r["text"],
                r["lang"],
                "igo",
                r["code"],
                ambiguous=_flag(r["ambiguous"]),
                case_sensitive=_flag(r["case_sensitive"]),
            )
        )
    for igo in igos.values():
        add(SurfaceForm(igo.name_en, "en", "igo", igo.code))
        add(SurfaceForm(igo.name_fr, "fr", "igo", igo.code))
    for p in persons.values():
        for lang in LANGS:
            for alias in (p.name, *p.aliases):
                amb = alias.startswith("~")
                add(SurfaceForm(alias.lstrip("~"), lang, "person", p.iso3, p.id, ambiguous=amb))

    roles: dict[str, list[Role]] = {}
    for lang in LANGS:
        roles[lang] = [
            Role(
                r["surface"].strip().lower(),
                lang,
                r["office"],
                _flag(r["resolves_person"]),
                tuple(r.get("codes", "").split()),
                _flag(r.get("article_state") or ""),
            )
            for r in _read_csv(f"{lexicons}.{lang}", "roles.csv")
        ]

    ambiguous = {
        (r["lang"], normalise(r["text"])): (tuple(r["codes"].split()), r["preferred"])
        for r in _read_csv(data, "ambiguous.csv")
    }
    persons = {pid: _with_clean_aliases(p) for pid, p in persons.items()}
    surnames = _surnames(persons, forms)
    return Gazetteer(states, igos, persons, tenures, forms, roles, ambiguous, surnames)


_ROMAN_OR_SUFFIX = re.compile(r"^(?:[IVX]+|Jr\.?|Sr\.?|fils|père)$")


def _surnames(
    persons: dict[str, Person], forms: dict[str, list[SurfaceForm]]
) -> dict[str, tuple[str, ...]]:
    """Surname aliases of every person: the last word of the name and of each multi-word
    alias ("Antony Blinken" -> "Blinken"; "Charles III", "Jr." skipped). Not a surname: a word
    of fewer than three letters ("Kim Jong Un"), a word some person has as a first name
    ("Jean-Pierre", "Hassan"), or a text that already names something (a place, an IGO, a
    person's own alias, which keeps its owner). A surname borne by several persons keeps
    them all: the date and the article decide (`Gazetteer.persons_by_surname`)."""
    taken = {f.key for items in forms.values() for f in items}
    first_names = {normalise(w.split()[0]) for p in persons.values() for w in (p.name, *p.aliases)}
    by_key: dict[str, list[str]] = {}
    written: dict[str, str] = {}
    for p in persons.values():
        for full in (p.name, *p.aliases):
            words = [w for w in full.split() if not _ROMAN_OR_SUFFIX.match(w)]
            if len(words) < 2:
                continue
            last = words[-1].strip(",")
            key = normalise(last)
            if (
                len(key.replace(" ", "")) < 3
                or not last[:1].isupper()
                or key in taken
                or key in first_names
            ):
                continue
            written.setdefault(key, last)
            ids = by_key.setdefault(key, [])
            if p.id not in ids:
                ids.append(p.id)
    return {written[k]: tuple(v) for k, v in by_key.items()}


def _with_clean_aliases(p: Person) -> Person:
    aliases = tuple(a.lstrip("~") for a in p.aliases)
    return Person(p.id, p.qid, p.name, p.iso3, aliases)


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer built from the packaged CSV files (read once, then cached)."""
    return _build()
