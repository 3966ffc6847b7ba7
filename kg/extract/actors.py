"""Actor mentions: who is named in a sentence, and which state or IGO they act for.

Recognition is gazetteer-driven (a spaCy PhraseMatcher over every name, capital, metonym,
IGO alias and person alias of the language), plus state adjectives on actor nouns ("le
régime syrien", "les responsables américains"), demonyms ("les Russes"), spaCy NER for
people and organisations the gazetteer lacks, and within-article coreference: pronouns,
"les deux pays", "le pays", "son pays", "le Nord", and groups named by their leading member.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from kg.errors import UnknownLanguage
from kg.extract.model import Actor
from kg.extract.syntax import case_of, in_subject, strip_accents
from kg.gazetteer import Role, load_gazetteer
from kg.nlp import cues, lexicon_rows
from kg.nlp import lang as languages

__all__ = ["ActorMention", "ActorIndex", "ArticleContext", "Tally", "find_actors", "inside_quote"]


@dataclass
class ActorMention:
    """A span of the document that names (or refers back to) one or more actors."""

    start: int  # token index, inclusive
    end: int  # token index, exclusive
    head: int  # token index of the syntactic head
    actors: list[Actor]
    # name | adjective | author | demonym | person | ner | venue | pronoun | pair | anaphor
    # | group | speaker | title
    via: str


_ANAPHORA_VIAS = frozenset({"pronoun", "anaphor", "pair", "speaker"})
"""The mentions `_resolve_anaphora` adds: the steps before it never see them."""

Position = tuple[int, int]
"""Where in a long document a mention is: (piece, index within the piece)."""


@dataclass(frozen=True)
class Tally:
    """Weighted counts of actor codes in reading order (a dict keeps first appearances
    first), with where each was last seen."""

    weights: dict[str, int] = field(default_factory=dict)
    last: dict[str, Position] = field(default_factory=dict)

    def copy(self) -> Tally:
        """A copy to `add` to (the tally of a context is never changed)."""
        return Tally(dict(self.weights), dict(self.last))

    def add(self, code: str, weight: int, position: Position) -> None:
        self.weights[code] = self.weights.get(code, 0) + weight
        self.last[code] = position

    def without(self, codes: set[str]) -> Tally:
        return Tally(
            {c: w for c, w in self.weights.items() if c not in codes},
            {c: p for c, p in self.last.items() if c not in codes},
        )


@dataclass(frozen=True)
class ArticleContext:
    """What the earlier pieces of a long document tell `find_actors` about the next one.

    A text longer than the pipeline's piece size is parsed piece by piece, each its own
    spaCy Doc (`kg.extract.pipeline`). What `find_actors` reads article-wide is carried over
    here as codes and actors, never tokens, so that a piece's Doc can be freed once read:
    the counts behind the article's topic and its main state so far ("le pays"), the codes
    and people named, the codes NER names took, the last IGO ("la résolution"), the last
    holders of titles, the last person and state ("son pays"), the most named states and
    IGOs ("les deux pays" with no pair nearby) and the speaker of the quotes that follow.
    What looks a few sentences back (pronouns, a pair in the same passage) stays within its
    piece, and the topic counts what was read so far, not the article's end."""

    pieces: int = 0  # pieces read; the next one is piece number `pieces`
    topic_counts: dict[str, int] = field(default_factory=dict)
    topic_first: dict[str, Actor] = field(default_factory=dict)
    named_codes: frozenset[str] = frozenset()  # every code named (context anaphors)
    persons: frozenset[str] = frozenset()  # person ids named (surnames read alone)
    ner_codes: dict[str, frozenset[str]] = field(default_factory=dict)  # name key -> codes
    ner_actors: dict[str, Actor] = field(default_factory=dict)  # name key -> its actor
    last_igo: Actor | None = None
    # for a bare title: head lemma of an adjective mention, or a person id -> last seen
    title_nouns: dict[str, tuple[Position, str]] = field(default_factory=dict)
    title_persons: dict[str, tuple[Position, Actor]] = field(default_factory=dict)
    states: Tally = field(default_factory=Tally)  # states named, a subject counting double
    places: Tally = field(default_factory=Tally)  # the same over states named as places
    groups: Tally = field(default_factory=Tally)  # states and IGOs, not pairs or speakers
    group_first: dict[str, Actor] = field(default_factory=dict)
    last_person: Actor | None = None
    last_state: Actor | None = None
    speaker: tuple[Actor, ...] = ()

    def after(self, index: ActorIndex, doc: Doc, until: int | None = None) -> ArticleContext:
        """The context for the piece after `doc`, whose actors are `index`, when the next
        piece's text starts at character `until` of `doc` (the mentions from there on are
        the next piece's to count)."""
        gz = load_gazetteer()
        piece = self.pieces
        end = len(doc.text) if until is None else until
        mentions = [m for m in index.mentions if doc[m.head].idx < end]
        topic_counts, topic_first = dict(self.topic_counts), dict(self.topic_first)
        for m in mentions:
            for a in m.actors:
                if a.code != "OTHER" and a.kind != "other":
                    topic_counts[a.code] = topic_counts.get(a.code, 0) + 1
                    topic_first.setdefault(a.code, a)
        ner_codes, ner_actors = dict(self.ner_codes), dict(self.ner_actors)
        for m in mentions:
            if m.via != "ner":
                continue
            for key in _name_keys(m.actors[0].label):
                if m.actors[0].code != "OTHER":
                    ner_codes[key] = ner_codes.get(key, frozenset()) | {m.actors[0].code}
                ner_actors[key] = m.actors[0]
        history = sorted(mentions, key=lambda m: m.head)
        named = [m for m in history if m.via not in _ANAPHORA_VIAS]
        last_igo = self.last_igo
        title_nouns, title_persons = dict(self.title_nouns), dict(self.title_persons)
        for m in named:
            actor = m.actors[0]
            if m.via not in ("venue", "title") and actor.kind == "igo":
                last_igo = actor
            if m.via == "title":
                continue
            if m.via == "adjective":
                title_nouns[doc[m.head].lemma_.lower()] = ((piece, m.head), actor.code)
            if actor.person_id and actor.code in gz.states:
                title_persons[actor.person_id] = ((piece, m.head), actor)
        states, places, groups = (
            self.states.copy(),
            self.places.copy(),
            self.groups.copy(),
        )
        group_first = dict(self.group_first)
        last_person, last_state = self.last_person, self.last_state
        n_states = n_places = 0
        for m in history:
            weight = 2 if _in_subject(doc[m.head]) else 1
            place = _is_place(doc[m.head])
            for a in m.actors:
                if a.code in gz.states:
                    states.add(a.code, weight, (piece, n_states))
                    n_states += 1
                    last_state = a
                    if place:
                        places.add(a.code, weight, (piece, n_places))
                        n_places += 1
                if a.kind == "person" and a.code != "OTHER":
                    last_person = a
                if m.via not in ("pair", "speaker") and (a.code in gz.states or a.code in gz.igos):
                    groups.add(a.code, weight, (piece, m.head))
                    group_first.setdefault(a.code, a)
        return ArticleContext(
            pieces=piece + 1,
            topic_counts=topic_counts,
            topic_first=topic_first,
            named_codes=self.named_codes | {a.code for m in named for a in m.actors},
            persons=self.persons | {m.actors[0].person_id for m in named if m.via == "person"},
            ner_codes=ner_codes,
            ner_actors=ner_actors,
            last_igo=last_igo,
            title_nouns=title_nouns,
            title_persons=title_persons,
            states=states,
            places=places,
            groups=groups,
            group_first=group_first,
            last_person=last_person,
            last_state=last_state,
            speaker=next(
                (who for stop, who in reversed(index.speaker_after) if stop <= end), self.speaker
            ),
        )


@dataclass
class ActorIndex:
    """All actor mentions of a document, looked up by token; `lang` is the document's."""

    lang: str
    mentions: list[ActorMention] = field(default_factory=list)
    by_token: dict[int, ActorMention] = field(default_factory=dict)
    # quote speaker per sentence start token, for first-person pronouns inside quotes
    speakers: dict[int, list[Actor]] = field(default_factory=dict)
    # what the earlier pieces of the document said (nothing for a document read whole)
    earlier: ArticleContext = field(default_factory=ArticleContext)
    # who speaks the quotes after each sentence, by its end character, in reading order
    # ("X a déclaré :" then a paragraph « »)
    speaker_after: list[tuple[int, tuple[Actor, ...]]] = field(default_factory=list)

    # the article's dominant actor, counted once (reset when a mention is added)
    _dominant: tuple[Actor | None] | None = field(default=None, repr=False)

    def add(self, mention: ActorMention) -> None:
        self._dominant = None
        self.mentions.append(mention)
        for i in range(mention.start, mention.end):
            self.by_token.setdefault(i, mention)

    def at(self, token: Token) -> ActorMention | None:
        return self.by_token.get(token.i)

    def in_sentence(self, sent: Span) -> list[ActorMention]:
        return [m for m in self.mentions if sent.start <= m.head < sent.end]

    def topic(self, exclude: set[str]) -> Actor | None:
        """The state or organisation the article is about, if one clearly dominates: named at
        least three times and half again as often as the next. None if it is in `exclude`
        (the event's own source: the runner-up is no safer a guess)."""
        if self._dominant is None:
            self._dominant = (self._count_dominant(),)
        top = self._dominant[0]
        return None if top is None or top.code in exclude else top

    def _count_dominant(self) -> Actor | None:
        counts, first = dict(self.earlier.topic_counts), dict(self.earlier.topic_first)
        for m in self.mentions:
            for a in m.actors:
                if a.code != "OTHER" and a.kind != "other":
                    counts[a.code] = counts.get(a.code, 0) + 1
                    first.setdefault(a.code, a)
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if not ranked or ranked[0][1] < 3:
            return None
        if len(ranked) > 1 and ranked[0][1] < 1.5 * ranked[1][1]:
            return None
        top = first[ranked[0][0]]
        return top if top.kind in ("state", "igo") else _state_actor(top.code, self.lang)


@dataclass(frozen=True)
class _Entry:
    kind: str
    code: str
    person_id: str
    label: str


_BLOCK = "not-an-actor"


def _data_rows(name: str) -> list[dict[str, str]]:
    """Rows of a CSV file of `kg/gazetteer/data/`."""
    import csv
    from importlib import resources

    text = resources.files("kg.gazetteer.data").joinpath(name).read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


@dataclass(frozen=True)
class _Forms:
    """How gazetteer forms must be written in the text to count."""

    lowercase: frozenset[str]  # written without capitals in the gazetteer: "casques bleus"
    exact: frozenset[str]  # case-sensitive forms, as written: "US", "WHO"
    exact_lower: frozenset[str]  # their lowercase keys

    def accepts(self, text: str) -> bool:
        low = text.lower()
        if low in self.exact_lower and text not in self.exact:
            return False  # "us", "who" are words, "US", "WHO" names
        # A capitalised name must be capitalised in the text: "Nord" is not "nord".
        return any(c.isupper() for c in text) or low in self.lowercase


@cache
def _matcher(lang: str) -> tuple[PhraseMatcher, dict[str, _Entry], _Forms]:
    from kg.nlp import load

    nlp = load(lang)
    gz = load_gazetteer()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    entries: dict[str, _Entry] = {}
    patterns: dict[str, list[Doc]] = {}
    lowercase: set[str] = set()
    exact: set[str] = set()
    for sf in gz.surface_forms(lang):
        if sf.kind == "state_adj" or not sf.text.strip():
            continue
        key = f"{sf.kind}|{sf.code}|{sf.person_id}"
        label = _label(gz, sf.kind, sf.code, sf.person_id, lang)
        entries[key] = _Entry(sf.kind, sf.code, sf.person_id, label)
        patterns.setdefault(key, []).append(nlp.make_doc(sf.text.lower()))
        bare = strip_accents(sf.text.lower())
        if bare != sf.text.lower():  # news often drops capital accents: "Etats-Unis"
            patterns[key].append(nlp.make_doc(bare))
        if sf.case_sensitive:
            exact.add(sf.text)
        elif sf.text == sf.text.lower() and not any(c.isdigit() for c in sf.text):
            lowercase.update({sf.text, bare})  # not "les 27": "les 27 soldats" is no EU
    # surnames of the persons table ("Blinken"), resolved per article and date in _named
    for text in gz.surnames:
        key = f"surname|{text}"
        entries[key] = _Entry("surname", "", "", text)
        patterns[key] = [nlp.make_doc(text.lower())]
        bare = strip_accents(text.lower())
        if bare != text.lower():
            patterns[key].append(nlp.make_doc(bare))
    for key, docs in patterns.items():
        matcher.add(key, docs)
    # names that contain a state's name without being it: "en mer du Japon"
    blocked = [r["text"] for r in _data_rows("not_actors.csv") if r["lang"] == lang]
    if blocked:
        matcher.add(_BLOCK, [nlp.make_doc(t.lower()) for t in blocked])
    exact_lower = {t.lower() for t in exact}
    # a form both case-sensitive and not ("Who" the IGO vs a person's alias) stays open
    open_forms = {sf.text.lower() for sf in gz.surface_forms(lang) if not sf.case_sensitive}
    forms = _Forms(frozenset(lowercase), frozenset(exact), frozenset(exact_lower - open_forms))
    return matcher, entries, forms


def _label(gz, kind: str, code: str, person_id: str, lang: str) -> str:  # noqa: ANN001
    if person_id and person_id in gz.persons:
        return gz.persons[person_id].name
    if code in gz.states:
        return gz.states[code].name(lang)
    if code in gz.igos:
        return gz.igos[code].name(lang)
    return code


@cache
def _adjectives(lang: str) -> dict[str, str]:
    gz = load_gazetteer()
    out: dict[str, str] = {}
    for sf in gz.surface_forms(lang):
        if sf.kind == "state_adj":
            out.setdefault(sf.text.lower(), sf.code)
    return out


@cache
def _anaphors(lang: str) -> list[dict[str, str]]:
    rows = lexicon_rows(lang, "anaphors")
    return sorted(rows, key=lambda r: -len(r["surface"]))


@cache
def _pronouns(lang: str) -> dict[str, dict[str, str]]:
    return {r["surface"]: r for r in lexicon_rows(lang, "pronouns")}


def _state_actor(code: str, lang: str, label: str = "") -> Actor:
    gz = load_gazetteer()
    kind = "state" if code in gz.states else "igo" if code in gz.igos else "other"
    qid = gz.states[code].qid if code in gz.states else gz.igos[code].qid if code in gz.igos else ""
    return Actor(code=code, label=label or _label(gz, kind, code, "", lang), kind=kind, qid=qid)  # type: ignore[arg-type]


def _person_actor(person_id: str, date: str, lang: str) -> Actor:
    gz = load_gazetteer()
    person = gz.persons[person_id]
    code = person.iso3
    if date:
        held = gz.offices_of(person_id, date)
        if held:
            code = held[0][0]
    return Actor(
        code=code or "OTHER", label=person.name, kind="person", person_id=person_id, qid=person.qid
    )


def find_actors(
    doc: Doc, lang: str, date: str = "", context: ArticleContext | None = None
) -> ActorIndex:
    """Every actor mention of `doc` (a parse of language `lang`), with anaphora resolved in
    reading order; `context`: what the earlier pieces of the same document said, when `doc`
    is one piece of a long one (`ArticleContext.after`)."""
    if languages.of(doc).code != lang:
        raise UnknownLanguage(f"a {doc.lang_!r} parse read as {lang!r}")
    index = ActorIndex(lang, earlier=context or ArticleContext())
    _named(doc, lang, date, index)
    _adjectival(doc, lang, index)
    _ner(doc, lang, index)
    _groups(doc, index)
    _led_groups(doc, lang, index)
    _venues(doc, lang, index)
    _bare_titles(doc, lang, date, index)
    _resolve_anaphora(doc, lang, index)
    index.mentions.sort(key=lambda m: m.start)
    return index


def _named(doc: Doc, lang: str, date: str, index: ActorIndex) -> None:
    matcher, entries, forms = _matcher(lang)
    spans = []
    for match_id, start, end in matcher(doc):
        key = doc.vocab.strings[match_id]
        span = Span(doc, start, end, label=key)
        if not forms.accepts(span.text):
            continue
        spans.append(span)
    from spacy.util import filter_spans

    named = list(index.earlier.persons)  # person ids named so far
    for span in filter_spans(spans):
        if span.label_ == _BLOCK:
            continue
        entry = entries[span.label_]
        if entry.kind not in ("person", "surname") and _inside_a_name(span):
            continue  # "Salvador Sobral", "Paris Hilton": a person's name, not a place
        if entry.kind == "surname":
            person_id = _surname_person(span, entry.label, date, named)
            if not person_id:
                continue
            entry = _Entry("person", "", person_id, entry.label)
        if entry.kind == "person":
            named.append(entry.person_id)
            actor = _person_actor(entry.person_id, date, lang)
        else:
            actor = _state_actor(entry.code, lang, entry.label)
        via = "person" if entry.kind == "person" else "name"
        index.add(ActorMention(span.start, span.end, span.root.i, [actor], via))


def _surname_person(span: Span, text: str, date: str, named: list[str]) -> str:
    """The person a surname alone stands for: the one bearer named earlier in the article, else
    the only bearer (in office at the date, when several bear it); "" when it stays
    ambiguous or the word is not a name here (a company, a place: "Meta a annoncé")."""
    if any(t.pos_ != "PROPN" or t.ent_type_ not in ("", "PER") for t in span):
        return ""
    gz = load_gazetteer()
    bearers = {p.id for p in gz.persons_by_surname(text, "")}
    earlier = {pid for pid in named if pid in bearers}
    if len(earlier) == 1:
        return earlier.pop()
    if earlier:
        return ""  # "Penny Wong a reçu Lawrence Wong. Wong a dit": either
    serving = gz.persons_by_surname(text, date or "")
    return serving[0].id if len(serving) == 1 else ""


def _inside_a_name(span: Span) -> bool:
    """The span is part of a longer person's name the tagger found, all capitalised."""
    tok = span[0]
    if tok.ent_type_ != "PER":
        return False
    doc = span.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = span.end
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    name = doc[start:end]
    if len(name) <= len(span) or any(t.ent_type_ != "PER" for t in span):
        return False
    return all(t.text[:1].isupper() or t.is_punct for t in name)


def _adjectival(doc: Doc, lang: str, index: ActorIndex) -> None:
    adjectives = _adjectives(lang)
    lex = cues(lang)
    done: set[int] = set()  # tokens read as part of a compound adjective
    for tok in doc:
        if tok.i in index.by_token or tok.i in done:
            continue
        compound = _compound_adjective(doc, tok, lang)
        if compound is not None:
            end, codes = compound
            done.update(range(tok.i, end))
            _add_compound(doc, tok.i, end, codes, lang, index)
            continue
        code = _adjective_code(tok.lower_, adjectives)
        if code is None:
            continue
        head = tok.head
        capitalised = tok.text[:1].isupper()
        if tok.pos_ in ("NOUN", "PROPN") and capitalised:
            if _describes_a_name(doc, tok, index):
                continue  # "le Brésilien Neymar": a nationality, not the state acting
            # "les Russes", "les Américains": a demonym used as a noun
            index.add(ActorMention(tok.i, tok.i + 1, tok.i, [_state_actor(code, lang)], "demonym"))
            continue
        joined = _joined_mention(doc, tok, index)
        if joined is not None:
            # "ses alliés russes et iraniens", "les gouvernements britannique, australien et
            # danois": a listed adjective joins the first one's mention
            if code not in {a.code for a in joined.actors}:
                joined.actors.append(_state_actor(code, lang))
            joined.end = max(joined.end, tok.i + 1)
            index.by_token[tok.i] = joined
            continue
        if tok.dep_ not in ("amod", "nmod", "appos", "acl", "flat:name") or head.i == tok.i:
            continue
        noun = _organ_head(head, lex)
        noun_words = {noun.lemma_.lower(), noun.lower_}
        if not noun_words & (lex.actor_nouns | lex.authored_nouns) or noun.i in index.by_token:
            continue
        start, end = min(noun.i, tok.i), max(noun.i, tok.i) + 1
        via = "adjective" if noun_words & lex.actor_nouns else "author"
        index.add(ActorMention(start, end, noun.i, [_state_actor(code, lang)], via))


def _describes_a_name(doc: Doc, tok: Token, index: ActorIndex) -> bool:
    """A demonym right before a person's name says where they are from, not whom they act
    for: "le Brésilien Neymar", "l'Argentin Lionel Messi" (a title would: "le ministre
    argentin X")."""
    if tok.ent_type_ == "PER" and tok.ent_iob_ == "B" and tok.i + 1 < len(doc):
        return doc[tok.i + 1].ent_iob_ == "I"  # the tagger put the demonym into the name
    if tok.i + 1 >= len(doc):
        return False
    nxt = doc[tok.i + 1]
    mention = index.by_token.get(nxt.i)
    return nxt.ent_type_ == "PER" or (mention is not None and mention.via == "person")


def _adjective_code(word: str, adjectives: dict[str, str]) -> str | None:
    code = adjectives.get(word)
    if code is None and "-" in word:
        code = adjectives.get(word.replace("-", " "))
    return code


def _joined_mention(doc: Doc, tok: Token, index: ActorIndex) -> ActorMention | None:
    """The adjective mention a listed state adjective belongs to: its conjunct's ("russes et
    iraniens") or, for a second adjective of the
    same noun after a comma or "et", the noun's ("gouvernements britannique, australien")."""
    if tok.text[:1].isupper():
        return None
    if tok.dep_ == "conj":  # whatever the tagger reads it as: "et grec" may come out a pronoun
        mention = index.by_token.get(tok.head.i)
        if mention is not None and mention.via in ("adjective", "author"):
            return mention
        return None
    if tok.dep_ != "amod" or tok.pos_ != "ADJ":
        return None
    mention = index.by_token.get(tok.head.i)
    if mention is None or mention.via not in ("adjective", "author") or mention.head != tok.head.i:
        return None
    between = doc[mention.end : tok.i]
    if not between or not all(t.text == "," or t.pos_ == "CCONJ" for t in between):
        return None
    return mention


def _organ_head(head: Token, lex) -> Token:  # noqa: ANN001 - kg.nlp.Cues
    """The actor noun of an organ named with a "de" complement: the adjective of "l'armée de
    l'air israélienne" hangs on "air", the organ is the army ("organ_complement" cues)."""
    words = {head.lemma_.lower(), head.lower_}
    if (
        not words & (lex.actor_nouns | lex.authored_nouns)
        and words & lex.organ_complements
        and head.dep_ == "nmod"
        and case_of(head) == languages.of(head).genitive
        and head.head.i != head.i
        and head.head.lemma_.lower() in lex.actor_nouns
    ):
        return head.head
    return head


@cache
def _adjective_prefixes(lang: str) -> dict[str, str]:
    return {
        r["prefix"].lower(): r["iso3"]
        for r in _data_rows("adjective_prefixes.csv")
        if r["lang"] == lang
    }


def _compound_adjective(doc: Doc, tok: Token, lang: str) -> tuple[int, list[str]] | None:
    """'russo-américains', 'sino-japonais', 'américano-sud-coréen': a compound of state
    prefixes ("adjective_prefixes.csv") and a state adjective, one or several tokens. Returns
    the end token and the codes, in order."""
    prefixes = _adjective_prefixes(lang)
    if not prefixes or tok.lower_.split("-")[0] not in prefixes:
        return None
    end = tok.i + 1  # the written word: tokens with no space between them
    while end < len(doc) and not doc[end - 1].whitespace_ and not doc[end].is_punct:
        end += 1
    while (
        end + 1 < len(doc)
        and not doc[end - 1].whitespace_
        and doc[end].text == "-"
        and not doc[end].whitespace_
    ):
        end += 2
        while end < len(doc) and not doc[end - 1].whitespace_ and not doc[end].is_punct:
            end += 1
    parts = doc[tok.i : end].text.lower().split("-")
    codes: list[str] = []
    i = 0
    while i < len(parts) - 1:
        two = "-".join(parts[i : i + 2])
        if two in prefixes and i + 2 < len(parts):
            codes.append(prefixes[two])
            i += 2
        elif parts[i] in prefixes:
            codes.append(prefixes[parts[i]])
            i += 1
        else:
            break
    last = _adjective_code("-".join(parts[i:]), _adjectives(lang)) if codes else None
    if last is None:
        return None
    codes = list(dict.fromkeys([*codes, last]))
    return (end, codes) if len(codes) > 1 else None


def _add_compound(
    doc: Doc, start: int, end: int, codes: list[str], lang: str, index: ActorIndex
) -> None:
    """The noun a compound adjective qualifies stands for every state it names: "les
    entretiens russo-américains" (both parties), "la frontière sino-indienne"."""
    lex = cues(lang)
    noun = next((t.head for t in doc[start:end] if not start <= t.head.i < end), None)
    if noun is None or noun.pos_ not in ("NOUN", "PROPN") or noun.i in index.by_token:
        return
    noun = _organ_head(noun, lex)
    words = {noun.lemma_.lower(), noun.lower_}
    if words & lex.actor_nouns:
        via = "adjective"
    elif words & (lex.authored_nouns | lex.bilateral_nouns):
        via = "author"
    else:
        return
    actors = [_state_actor(c, lang) for c in codes]
    mention = ActorMention(min(noun.i, start), max(noun.i + 1, end), noun.i, actors, via)
    index.add(mention)


def _venues(doc: Doc, lang: str, index: ActorIndex) -> None:
    """'une résolution condamnant X' speaks for the organisation that votes it: the IGO named
    in the sentence, else the last one named before. 'la résolution du conflit' is not one."""
    venue_nouns = cues(lang).venue_nouns
    genitive = languages.get(lang).genitive
    igos = sorted(
        (m for m in index.mentions if m.actors and m.actors[0].kind == "igo"), key=lambda m: m.head
    )
    carried = [index.earlier.last_igo] if index.earlier.last_igo is not None else []
    if not igos and not carried:
        return
    for tok in doc:
        if tok.lemma_.lower() not in venue_nouns or tok.i in index.by_token:
            continue
        if any(
            c.dep_ == "nmod"
            and case_of(c) == genitive
            and c.i not in index.by_token
            and c.pos_ != "NUM"
            for c in tok.children
        ):
            continue
        sent = tok.sent
        here = [m for m in igos if sent.start <= m.head < sent.end]
        before = [m for m in igos if m.head < tok.i]
        venue = here[0].actors[:1] if here else before[-1].actors[:1] if before else carried
        if venue:
            index.add(ActorMention(tok.i, tok.i + 1, tok.i, list(venue), "venue"))
    _venue_anaphora(doc, lang, index)


def _venue_anaphora(doc: Doc, lang: str, index: ActorIndex) -> None:
    """'Netanyahou a qualifié cette décision d'absurde', a few sentences after a resolution:
    the demonstrative points back to the organisation that voted it."""
    anaphors = cues(lang).venue_anaphors
    venues = sorted((m for m in index.mentions if m.via == "venue"), key=lambda m: m.head)
    if not venues:
        return
    sentence_of = {s.start: n for n, s in enumerate(doc.sents)}
    for tok in doc:
        if tok.lemma_.lower() not in anaphors or tok.i in index.by_token:
            continue
        if not any("Dem" in c.morph.get("PronType") for c in tok.children if c.dep_ == "det"):
            continue
        before = [m for m in venues if m.head < tok.i]
        if not before:
            continue
        last = before[-1]
        distance = sentence_of[tok.sent.start] - sentence_of[doc[last.head].sent.start]
        if distance <= 3:
            index.add(ActorMention(tok.i, tok.i + 1, tok.i, list(last.actors), "venue"))


def _ner(doc: Doc, lang: str, index: ActorIndex) -> None:
    """People and organisations the gazetteer lacks: coded to the state named beside them
    ("John Kirby, porte-parole ... américain"), else OTHER."""
    actor_nouns = cues(lang).actor_nouns
    adjectives = _adjectives(lang)
    for ent in doc.ents:
        if ent.label_ == "PER":
            # "Brésilien Neymar": the demonym the tagger put into the name is no part of it
            while len(ent) > 1 and _adjective_code(ent[0].lower_, adjectives):
                ent = Span(doc, ent.start + 1, ent.end, label=ent.label_)
        if ent.label_ not in ("PER", "ORG") or any(t.i in index.by_token for t in ent):
            continue
        if ent.root.lemma_.lower() in actor_nouns and (len(ent) == 1 or ent[0].is_lower):
            continue  # a title ("le Président", "le ministre de l'Économie") is not a name
        code = _possessor_state(ent, index) or _nearby_state(ent, index)
        kind = "person" if ent.label_ == "PER" else "organisation"
        actor = Actor(code=code or "OTHER", label=ent.text, kind=kind)  # type: ignore[arg-type]
        start, head = ent.start, ent.root.i
        if kind == "person" and start > 0 and start - 1 not in index.by_token:
            before = doc[start - 1]  # "le Canadien Bryan Adams": the name with its demonym
            if before.text[:1].isupper() and _adjective_code(before.lower_, adjectives):
                start = before.i
                head = before.i if ent.root.head.i == before.i else head
        index.add(ActorMention(start, ent.end, head, [actor], "ner"))
    _same_name(doc, index)


def _same_name(doc: Doc, index: ActorIndex) -> None:
    """A name coded once keeps its code: "John Kirby, porte-parole américain" ... "Kirby
    a ajouté" (the surname alone, which NER often misses, included). Names whose
    mentions disagree stay as they are."""
    earlier = index.earlier
    codes = {key: set(found) for key, found in earlier.ner_codes.items()}
    ner = [m for m in index.mentions if m.via == "ner"]
    for m in ner:
        if m.actors[0].code != "OTHER":
            for key in _name_keys(m.actors[0].label):
                codes.setdefault(key, set()).add(m.actors[0].code)
    known = {key: next(iter(found)) for key, found in codes.items() if len(found) == 1}
    if not known:
        return
    for m in ner:
        actor = m.actors[0]
        keys = [k for k in _name_keys(actor.label) if k in known]
        if actor.code == "OTHER" and keys:
            m.actors[0] = Actor(code=known[keys[0]], label=actor.label, kind=actor.kind)
    by_label = dict(earlier.ner_actors)
    by_label.update((k, m.actors[0]) for m in ner for k in _name_keys(m.actors[0].label))
    for tok in doc:
        key = tok.text.lower()
        if tok.pos_ == "PROPN" and key in known and tok.i not in index.by_token:
            index.add(ActorMention(tok.i, tok.i + 1, tok.i, [by_label[key]], "ner"))


def _name_keys(label: str) -> list[str]:
    words = label.split()
    return [label.lower(), words[-1].lower()] if len(words) > 1 else [label.lower()]


def _possessor_state(ent: Span, index: ActorIndex) -> str:
    """'son émissaire Jamal Benomar' after 'le Conseil de sécurité a annoncé': the title's
    possessor is the subject of the clause."""
    head = ent.root.head if ent.root.dep_ in ("appos", "flat:name", "nmod") else ent.root
    title = head if head.i not in range(ent.start, ent.end) else None
    if title is None or title.lemma_.lower() not in languages.of(ent).cues.actor_nouns:
        return ""
    if not any(c.dep_ == "det" and "Yes" in c.morph.get("Poss") for c in title.children):
        return ""
    cur = title
    for _ in range(4):
        if cur.head.i == cur.i:
            break
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            for child in cur.children:
                if child.dep_ == "nsubj":
                    m = index.by_token.get(child.i) or _first_in_subtree(child, index)
                    if m and m.actors[0].code != "OTHER":
                        return m.actors[0].code
            break
    return ""


def _nearby_state(ent: Span, index: ActorIndex) -> str:
    # appositions and "de"-complements of the entity, or the noun it is in apposition to
    root = ent.root
    candidates: list[Token] = [  # not "à Bujumbura": where someone is, not whom they serve
        c
        for c in root.children
        if c.dep_ in ("appos", "nmod", "amod") and case_of(c) not in languages.of(root).locative
    ]
    if root.dep_ in ("appos", "flat:name", "nmod") and root.head.i not in range(ent.start, ent.end):
        candidates.append(root.head)
    for cand in candidates:
        for t in cand.subtree:
            m = index.by_token.get(t.i)
            if m and m.actors and m.actors[0].kind in ("state", "igo"):
                return m.actors[0].code
            if t.i - cand.i > 8:
                break
    return ""


def _groups(doc: Doc, index: ActorIndex) -> None:
    """'les pays occidentaux, à leur tête les États-Unis': the group stands for its leader."""
    phrase = languages.of(doc).leader_phrase  # the words before the leader, by position
    last = len(phrase) - 1
    for tok in doc:
        if tok.lower_ not in phrase[last] or tok.i < last:
            continue
        if not all(doc[tok.i - last + k].lower_ in words for k, words in enumerate(phrase)):
            continue
        leader = next(
            (
                index.by_token[i]
                for i in range(tok.i + 1, min(tok.i + 5, len(doc)))
                if i in index.by_token
            ),
            None,
        )
        if leader is None:
            continue
        # the group noun: nearest noun before "à leur tête"
        for j in range(tok.i - 3, max(tok.sent.start, tok.i - 8) - 1, -1):
            if doc[j].pos_ in ("NOUN", "PROPN") and j not in index.by_token:
                index.add(ActorMention(j, j + 1, j, list(leader.actors), "group"))
                break


def _led_groups(doc: Doc, lang: str, index: ActorIndex) -> None:
    """'la coalition menée par les États-Unis': a group noun led by an actor stands for it."""
    lex = cues(lang)
    for tok in doc:
        if tok.lemma_.lower() not in lex.group_nouns or tok.i in index.by_token:
            continue
        for acl in tok.children:
            if acl.dep_ != "acl" or acl.lemma_.lower() not in lex.leading_verbs:
                continue
            agent = next(
                (
                    index.by_token[c.i]
                    for c in acl.children
                    if c.dep_ == "obl:agent" and c.i in index.by_token
                ),
                None,
            )
            if agent is not None:
                index.add(ActorMention(tok.i, tok.i + 1, tok.i, list(agent.actors), "group"))
                break


# how sure a bare title read as the article's state is (an event takes its lowest score)
_BARE_TITLE_CONFIDENCE = 0.5


@cache
def _article_titles(lang: str) -> list[tuple[tuple[str, ...], Role]]:
    """The titles of roles.csv that stand for the article's state when bare, as token
    sequences (lower-case, accent-free), longest first."""
    from kg.nlp import load

    nlp = load(lang)
    titles = [
        (tuple(strip_accents(t.lower_) for t in nlp.make_doc(r.surface)), r)
        for r in load_gazetteer().roles(lang)
        if r.article_state
    ]
    return sorted(titles, key=lambda t: -len(t[0]))


def _bare_titles(doc: Doc, lang: str, date: str, index: ActorIndex) -> None:
    """'le Premier ministre', 'le chef de la diplomatie', 'le ministre de l'Économie' with no
    state named (no adjective, no "de X", no name after it): the holder named earlier in the
    article ("le Premier ministre britannique", a person in that office), else the state the
    article is about when one clearly dominates (`ActorIndex.topic`), with low confidence."""
    titles = _article_titles(lang)
    if not titles:
        return
    topic = index.topic(exclude=set())
    gz = load_gazetteer()
    words = [strip_accents(t.lower_) for t in doc]
    adjectives = _adjectives(lang)
    found: list[ActorMention] = []
    i = 0
    while i < len(doc):
        match = next(
            (
                (n, role)
                for n, role in ((len(w), r) for w, r in titles if tuple(words[i : i + len(w)]) == w)
            ),
            None,
        )
        if match is None or i == 0:
            i += 1
            continue
        n, role = match
        span = doc[i : i + n]
        if not _bare(span, index, adjectives):
            i += n
            continue
        code = _title_antecedent(span, role, date, index, gz)
        confidence = 1.0 if code else _BARE_TITLE_CONFIDENCE
        if not code and topic is not None and topic.kind == "state":
            code = topic.code
        if code and (not role.codes or code in role.codes):
            actor = _state_actor(code, lang)
            actor = Actor(actor.code, actor.label, actor.kind, qid=actor.qid, confidence=confidence)
            found.append(ActorMention(span.start, span.end, span.root.i, [actor], "title"))
        i += n
    for mention in found:
        index.add(mention)


def _bare(span: Span, index: ActorIndex, adjectives: dict[str, str]) -> bool:
    """A title after a definite article ("le", "du", "au") with no state of its own: no
    mention on it, no state adjective, no name or actor complement after it."""
    doc = span.doc
    before = doc[span.start - 1]
    if "Def" not in before.morph.get("Definite") or "Art" not in before.morph.get("PronType"):
        return False  # "un ministre", "son Premier ministre", "ce président"
    if any(t.i in index.by_token for t in span):
        return False
    for child in (c for t in span for c in t.children if not span.start <= c.i < span.end):
        if _adjective_code(child.lower_, adjectives):
            return False  # "le ministre des Affaires étrangères russe"
        if child.dep_ in ("nmod", "appos", "flat:name", "amod") and any(
            t.i in index.by_token for t in child.subtree
        ):
            return False  # "le Premier ministre de l'Inde", "le président, Lula"
        if child.pos_ == "PROPN" or child.ent_type_ == "PER":
            return False  # "le Premier ministre Jean Dupont"
    nxt = doc[span.end] if span.end < len(doc) else None
    return nxt is None or not (nxt.pos_ == "PROPN" or _adjective_code(nxt.lower_, adjectives))


def _title_antecedent(span: Span, role: Role, date: str, index: ActorIndex, gz) -> str:  # noqa: ANN001
    """The state of the last holder of the title named before it (in this piece, else in the
    earlier ones): a gazetteer person in that office at the date, or the same title with a
    state adjective ("le ministre russe")."""
    nouns = {t.lemma_.lower() for t in span if t.pos_ == "NOUN"} | {span.root.lemma_.lower()}

    def holds(actor: Actor) -> bool:
        office = gz.resolve_office(actor.code, role.office)
        return (actor.code, office) in gz.offices_of(actor.person_id, date or None)

    for m in sorted(index.mentions, key=lambda m: -m.head):
        if m.head >= span.start:
            continue
        actor = m.actors[0]
        if m.via == "adjective" and span.doc[m.head].lemma_.lower() in nouns:
            return actor.code
        if actor.person_id and actor.code in gz.states and holds(actor):
            return actor.code
    earlier = index.earlier
    found = [earlier.title_nouns[n] for n in nouns if n in earlier.title_nouns]
    found += [(at, actor.code) for at, actor in earlier.title_persons.values() if holds(actor)]
    return max(found)[1] if found else ""


def _resolve_anaphora(doc: Doc, lang: str, index: ActorIndex) -> None:
    """Pronouns, 'les deux pays', 'le pays', 'son pays', 'le Nord', in reading order."""
    pronouns = _pronouns(lang)
    anaphors = _anaphors(lang)
    earlier = index.earlier
    named_codes = {a.code for m in index.mentions for a in m.actors} | earlier.named_codes
    previous_speaker = list(earlier.speaker)
    sents = list(doc.sents)
    for s_idx, sent in enumerate(sents):
        window_start = sents[max(0, s_idx - 2)].start  # pronouns look two sentences back
        text_lower = sent.text.lower()
        # multi-word anaphors ("les deux pays", "le Nord", "son pays")
        for row in anaphors:
            if row["type"] == "group":
                continue
            for match in re.finditer(
                r"(?<!\w)" + re.escape(row["surface"]) + r"(?!\w)", text_lower
            ):
                span = sent.char_span(match.start(), match.end(), alignment_mode="expand")
                if span is None or any(t.i in index.by_token for t in span):
                    continue
                before = sorted(
                    (m for m in index.mentions if m.head < span.start), key=lambda m: m.head
                )
                carried: Tally | None = earlier.states  # the earlier pieces' states
                if row["type"] == "state" and not span.root.dep_.startswith("nsubj"):
                    # an object is not its own clause's agent: "Obama a dénoncé le régime"
                    # (the patient of a real passive may be: "le Sahara a été envahi ... suite
                    # au retrait espagnol du territoire")
                    # only the subject of the verb the anaphor itself depends on: in "X
                    # accuse Y ... des sanctions imposées au pays par Z", X is the country
                    governor = _governing_verb(span.root)
                    clause_subjects = {
                        a.code
                        for m in before
                        if m.head >= sent.start
                        and _is_agent(doc[m.head])
                        and doc[m.head].head == governor
                        for a in m.actors
                    }
                    before = [m for m in before if not {a.code for a in m.actors} & clause_subjects]
                    carried = earlier.states.without(clause_subjects)
                if row["type"] == "place":
                    before = [m for m in before if _is_place(doc[m.head])]
                    carried = earlier.places
                if row["type"] == "poss_state":
                    # "son pays" is the subject's: "Le chef de la diplomatie ukrainienne, X,
                    # a appelé Washington à aider son pays"
                    subject = [
                        m
                        for m in before
                        if m.head >= sent.start
                        and _in_subject(doc[m.head])
                        and m.actors[0].code != "OTHER"
                    ]
                    before = subject[-1:] or before
                    carried = None if subject else earlier.states
                if row["type"] in _GROUP_SIZES:
                    window = sents[max(0, s_idx - 1)].start  # this sentence and the one before
                    actors = _group_anaphor(row["type"], before, span, doc, lang, window, earlier)
                else:
                    actors = _anaphor_actors(
                        row,
                        before,
                        named_codes,
                        lang,
                        doc,
                        carried,
                        earlier if carried is not None else None,
                    )
                if actors:
                    index.add(
                        ActorMention(
                            span.start,
                            span.end,
                            span.root.i,
                            actors,
                            "pair" if row["type"] in _GROUP_SIZES else "anaphor",
                        )
                    )
        # the quote speaker of this sentence (for "nous", "je" inside « »)
        speaker = _quote_speaker(sent, index) or previous_speaker
        if speaker:
            index.speakers[sent.start] = speaker
        if _has_quote(sent):
            previous_speaker = speaker
        elif sent.text.rstrip().endswith(":"):
            # "X a réagi vivement à l'annonce :" then « ... »: X speaks the next quotes
            previous_speaker = _lead_speaker(sent, index) or previous_speaker
        index.speaker_after.append((sent.end_char, tuple(previous_speaker)))
        for tok in sent:
            row = pronouns.get(tok.lower_)
            if row is None or tok.i in index.by_token or tok.pos_ != "PRON":
                continue
            if row["type"] == "first":
                if inside_quote(tok) and speaker:
                    index.add(ActorMention(tok.i, tok.i + 1, tok.i, list(speaker), "speaker"))
                continue
            subject = tok.dep_.startswith("nsubj")
            if not subject and not (row["type"] == "object" and tok.dep_ in ("obj", "iobj")):
                continue
            quoted = inside_quote(tok)
            clause_subject = -2 if subject else _clause_subject(tok)
            window = [m for m in index.mentions if window_start <= m.head < tok.i]
            # "Washington a téléphoné ... pour les exhorter": not Washington itself
            own = {a.code for m in window if m.head == clause_subject for a in m.actors}
            prior = [  # a name inside a quote is not what a narrator's pronoun refers to
                m
                for m in window
                if (quoted or not inside_quote(doc[m.head]))
                and not {a.code for a in m.actors} & own
            ]
            plural = row["number"] == "plur"
            # a singular object pronoun is the closest other actor: "Elle l'a félicité"
            closest = row["type"] == "object" and not plural
            target = _salient(prior, plural=plural, doc=doc, closest=closest)
            if target is not None:
                index.add(ActorMention(tok.i, tok.i + 1, tok.i, list(target.actors), "pronoun"))


def _governing_verb(tok: Token) -> Token | None:
    """The nearest verb above a token (None if there is none)."""
    for anc in tok.ancestors:
        if anc.pos_ in ("VERB", "AUX"):
            return anc
    return None


def _clause_subject(tok: Token) -> int:
    """The token index of the subject of the clause a pronoun sits in (-1 if none)."""
    cur = tok.head
    for _ in range(4):
        for child in cur.children:
            if child.dep_.startswith("nsubj") and child.i != tok.i:
                return child.i
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return -1


def _salient(
    prior: list[ActorMention], plural: bool, doc: Doc | None = None, closest: bool = False
) -> ActorMention | None:
    """The most salient earlier mention: a subject over other roles, a person or state over
    a pronoun's guess, then the most recent; with `closest`, the most recent."""
    best: tuple[tuple[int, int, int], ActorMention] | None = None
    by_head = {m.head: m for m in prior}
    for m in prior:
        if not m.actors or all(a.code == "OTHER" for a in m.actors):
            continue
        if plural and doc is not None:  # "L'Inde et le Pakistan ... ils": both
            joined = [
                by_head[c.i] for c in doc[m.head].children if c.dep_ == "conj" and c.i in by_head
            ]
            if joined:
                actors = list(m.actors) + [a for j in joined for a in j.actors]
                m = ActorMention(m.start, max(j.end for j in joined), m.head, actors, m.via)
        subject = 0
        if doc is not None:
            dep = doc[m.head].dep_
            subject = 1 if dep.startswith("nsubj") else 0
        many = 1 if len({a.code for a in m.actors}) > 1 else 0
        person = 1 if not plural and m.actors[0].kind == "person" else 0
        # a plural pronoun wants a plural antecedent first; a singular one a subject first
        score = (many, subject, m.head) if plural else (subject, person, m.head)
        if closest:
            score = (0, 0, m.head)
        if best is None or score > best[0]:
            best = (score, m)
    return best[1] if best else None


def _subject_verb(tok: Token) -> Token:
    """The verb whose subject phrase the token is in."""
    for _ in range(4):
        if tok.dep_.startswith("nsubj"):
            return tok.head
        tok = tok.head
    return tok


def _is_agent(tok: Token) -> bool:
    """A subject that does the verb: not the patient of a passive ("a été envahi")."""
    if tok.dep_ == "nsubj":
        return True
    return tok.dep_ == "nsubj:pass" and not any(c.dep_ == "aux:pass" for c in tok.head.children)


_ACTOR_SUBJECT = frozenset(("nmod", "appos", "flat:name", "amod"))
"""What a subject phrase reaches through for an actor's weight in the article: "le
gouvernement du Burundi a annoncé" (nmod), "le président russe" (amod), up to three steps."""


def _in_subject(tok: Token) -> bool:
    return in_subject(tok, _ACTOR_SUBJECT, 3)


def _is_place(tok: Token) -> bool:
    """A state named as where things happen: "à Cuba", "sur l'île cubaine"."""
    return case_of(tok) in languages.of(tok).locative


_GROUP_SIZES = {"pair": 2, "igo_pair": 2, "triple": 3}


def _group_anaphor(
    kind: str,
    before: list[ActorMention],
    span: Span,
    doc: Doc,
    lang: str,
    window_start: int,
    earlier: ArticleContext,
) -> list[Actor]:
    """'les deux pays', 'les deux parties', 'les trois dirigeants': the states (or, for
    'les deux institutions', the IGOs) named in the sentence so far and the one before, if
    that gives exactly the number; else the most named ones in the article (its earlier
    pieces included). The subjects of the anaphor's own sentence are not among them: "A, B
    et C ont exhorté les deux parties"."""
    gz = load_gazetteer()
    size = _GROUP_SIZES[kind]
    pool_codes = gz.igos if kind == "igo_pair" else gz.states
    sent = span.sent
    # the subjects of the verb the anaphor depends on: "A, B et C ont exhorté les deux
    # parties" (not when the anaphor is a subject itself: "les deux parties étant ...")
    root = span.root
    own_subjects = (
        set()
        if root.dep_.startswith("nsubj")
        else {
            a.code
            for m in before
            if m.head >= sent.start
            and _in_subject(doc[m.head])
            and _subject_verb(doc[m.head]) in root.ancestors
            for a in m.actors
        }
    )
    mentions = [
        m
        for m in before
        if m.via not in ("pair", "speaker") and not {a.code for a in m.actors} & own_subjects
    ]
    recent: list[Actor] = []
    for m in mentions:
        if m.head >= window_start:
            recent.extend(
                a
                for a in m.actors
                if a.code in pool_codes and a.code not in {r.code for r in recent}
            )
    if len(recent) == size:
        chosen = recent
    else:
        carried = earlier.groups.without(own_subjects)
        counts = {c: w for c, w in carried.weights.items() if c in pool_codes}
        last = {c: carried.last[c] for c in counts}
        first = {c: earlier.group_first[c] for c in counts}
        for m in mentions:
            weight = 2 if _in_subject(doc[m.head]) else 1
            for a in m.actors:
                if a.code in pool_codes:
                    counts[a.code] = counts.get(a.code, 0) + weight
                    last[a.code] = (earlier.pieces, m.head)
                    first.setdefault(a.code, a)
        ranked = sorted(counts, key=lambda c: (counts[c], last[c]), reverse=True)[:size]
        if len(ranked) < size:
            return []
        chosen = sorted((first[c] for c in ranked), key=lambda a: last[a.code])
    return [a if a.kind in ("state", "igo") else _state_actor(a.code, lang) for a in chosen]


def _anaphor_actors(
    row: dict[str, str],
    history: list[ActorMention],
    named: set[str],
    lang: str,
    doc: Doc | None = None,
    carried: Tally | None = None,
    earlier: ArticleContext | None = None,
) -> list[Actor]:
    """The actors an anaphor stands for, read from the mentions before it (`history`) and,
    when that history goes back into earlier pieces of the document, from their tally of
    states (`carried`) and context (`earlier`)."""
    gz = load_gazetteer()
    states = [a for m in history for a in m.actors if a.code in gz.states]
    if row["type"] in ("state", "place"):
        # the article's main state so far ("le pays" in a Burundi story is Burundi, even
        # right after "l'Algérienne X"); the most recent one breaks ties
        carried = carried or Tally()
        if not states and not carried.weights:
            return []
        counts = dict(carried.weights)
        for m in history:  # a subject counts double: "Le gouvernement du Burundi a ..."
            weight = 2 if doc is not None and _in_subject(doc[m.head]) else 1
            for a in m.actors:
                if a.code in gz.states:
                    counts[a.code] = counts.get(a.code, 0) + weight
        piece = earlier.pieces if earlier is not None else 0
        last = dict(carried.last)
        last.update({a.code: (piece, i) for i, a in enumerate(states)})
        best = max(counts, key=lambda c: (counts[c], last[c]))
        return [_state_actor(best, lang)]
    if row["type"] == "poss_state":
        people = [a for m in history for a in m.actors if a.kind == "person" and a.code != "OTHER"]
        person, state = (earlier.last_person, earlier.last_state) if earlier else (None, None)
        if people or person is not None:  # the last person named, else the last state
            source = people[-1] if people else person
        else:
            source = states[-1] if states else state
        return [_state_actor(source.code, lang)] if source else []
    if row["type"] == "context":
        required = set(row["requires"].split("|"))
        return [_state_actor(row["code"], lang)] if required & named else []
    return []


def _has_quote(sent: Span) -> bool:
    quotes = languages.of(sent).quotes
    return any(t.text in quotes for t in sent)


def inside_quote(tok: Token) -> bool:
    """True if an opening quote precedes the token in its sentence with no closing one between,
    or a closing quote follows it with no opening one between."""
    sent = tok.sent
    lang = languages.of(tok)
    opening, closing = lang.quote_open, lang.quote_close
    depth = 0
    for t in sent:
        if t.i >= tok.i:
            break
        if t.text in opening:
            depth += 1
        elif t.text in closing:
            depth -= 1
    if depth > 0:
        return True
    for t in sent:
        if t.i <= tok.i:
            continue
        if t.text in opening:
            return False
        if t.text in closing:
            return True
    return False


def _quote_speaker(sent: Span, index: ActorIndex) -> list[Actor]:
    """The actor who speaks in this sentence: subject of a speech verb outside the quotes,
    or the actor right after it ("a déclaré lundi John Kirby", "selon Moscou")."""
    lang = languages.of(sent)
    speech = lang.cues.speech
    opening = (*lang.quote_open, *lang.quote_straight)
    for tok in sent:
        if tok.lemma_.lower() not in speech or tok.pos_ not in ("VERB", "ADP") or inside_quote(tok):
            continue
        if (tok.lower_,) in lang.according_to:  # "selon Moscou"
            for i in range(tok.i + 1, min(tok.i + 6, sent.end)):
                m = index.by_token.get(i)
                if m and m.actors[0].code != "OTHER":
                    return list(m.actors)
            continue
        for child in tok.children:
            if child.dep_.startswith("nsubj"):
                m = index.by_token.get(child.i) or _first_in_subtree(child, index)
                if m:
                    return list(m.actors)
        for i in range(tok.i + 1, min(tok.i + 12, sent.end)):  # inverted subject
            if sent.doc[i].text in opening:
                break
            m = index.by_token.get(i)
            if m and m.actors[0].code != "OTHER" and m.via != "speaker":
                return list(m.actors)
    return []


def _lead_speaker(sent: Span, index: ActorIndex) -> list[Actor]:
    """The subject of a sentence that ends with a colon before a quote."""
    for child in sent.root.children:
        if child.dep_.startswith("nsubj"):
            m = index.by_token.get(child.i) or _first_in_subtree(child, index)
            if m and m.actors[0].code != "OTHER":
                return list(m.actors)
    return []


def _first_in_subtree(tok: Token, index: ActorIndex) -> ActorMention | None:
    for t in tok.subtree:
        m = index.by_token.get(t.i)
        if m and m.actors and m.actors[0].code != "OTHER":
            return m
    return None
