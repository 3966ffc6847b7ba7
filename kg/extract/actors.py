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

from kg.extract.model import Actor
from kg.extract.syntax import LOCATIVE, case_of, strip_accents
from kg.gazetteer import load_gazetteer
from kg.nlp import cues, lexicon_rows

__all__ = ["ActorMention", "ActorIndex", "find_actors", "inside_quote"]


@dataclass
class ActorMention:
    """A span of the document that names (or refers back to) one or more actors."""

    start: int  # token index, inclusive
    end: int  # token index, exclusive
    head: int  # token index of the syntactic head
    actors: list[Actor]
    # name | adjective | author | demonym | person | ner | venue | pronoun | pair | anaphor
    # | group | speaker
    via: str


@dataclass
class ActorIndex:
    """All actor mentions of a document, looked up by token."""

    mentions: list[ActorMention] = field(default_factory=list)
    by_token: dict[int, ActorMention] = field(default_factory=dict)
    # quote speaker per sentence start token, for first-person pronouns inside quotes
    speakers: dict[int, list[Actor]] = field(default_factory=dict)

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
        counts: dict[str, int] = {}
        first: dict[str, Actor] = {}
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
        return top if top.kind in ("state", "igo") else _state_actor(top.code, "fr")


@dataclass(frozen=True)
class _Entry:
    kind: str
    code: str
    person_id: str
    label: str


_BLOCK = "not-an-actor"


def _not_actor_rows() -> list[dict[str, str]]:
    import csv
    from importlib import resources

    text = resources.files("kg.gazetteer.data").joinpath("not_actors.csv").read_text("utf-8")
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
    for key, docs in patterns.items():
        matcher.add(key, docs)
    # names that contain a state's name without being it: "en mer du Japon"
    blocked = [r["text"] for r in _not_actor_rows() if r["lang"] == lang]
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
        st = gz.states[code]
        return st.name_fr if lang == "fr" else st.name_en
    if code in gz.igos:
        igo = gz.igos[code]
        return igo.name_fr if lang == "fr" else igo.name_en
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


def find_actors(doc: Doc, lang: str = "fr", date: str = "") -> ActorIndex:
    """Every actor mention of `doc`, with anaphora resolved in reading order."""
    index = ActorIndex()
    _named(doc, lang, date, index)
    _adjectival(doc, lang, index)
    _ner(doc, lang, index)
    _groups(doc, index)
    _led_groups(doc, lang, index)
    _venues(doc, lang, index)
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

    for span in filter_spans(spans):
        if span.label_ == _BLOCK:
            continue
        entry = entries[span.label_]
        if entry.kind == "person":
            actor = _person_actor(entry.person_id, date, lang)
        else:
            actor = _state_actor(entry.code, lang, entry.label)
        via = "person" if entry.kind == "person" else "name"
        index.add(ActorMention(span.start, span.end, span.root.i, [actor], via))


def _adjectival(doc: Doc, lang: str, index: ActorIndex) -> None:
    adjectives = _adjectives(lang)
    lex = cues(lang)
    for tok in doc:
        if tok.i in index.by_token:
            continue
        code = adjectives.get(tok.lower_)
        if code is None and "-" in tok.lower_:
            code = adjectives.get(tok.lower_.replace("-", " "))
        if code is None:
            continue
        head = tok.head
        head_words = {head.lemma_.lower(), head.lower_}
        if tok.pos_ in ("NOUN", "PROPN") and tok.text[:1].isupper():
            # "les Russes", "les Américains": a demonym used as a noun
            index.add(ActorMention(tok.i, tok.i + 1, tok.i, [_state_actor(code, lang)], "demonym"))
        elif tok.dep_ == "conj" and tok.pos_ == "ADJ" and head.i in index.by_token:
            # "ses alliés russes et iraniens": the second adjective joins the first's mention
            mention = index.by_token[head.i]
            if mention.via in ("adjective", "author") and code not in {
                a.code for a in mention.actors
            }:
                mention.actors.append(_state_actor(code, lang))
                mention.end = max(mention.end, tok.i + 1)
                index.by_token[tok.i] = mention
        elif (
            tok.dep_ in ("amod", "nmod", "appos", "acl", "flat:name")
            and head.i != tok.i
            and head_words & (lex.actor_nouns | lex.authored_nouns)
        ):
            if head.i in index.by_token:
                continue
            start, end = min(head.i, tok.i), max(head.i, tok.i) + 1
            actor = _state_actor(code, lang)
            via = "adjective" if head_words & lex.actor_nouns else "author"
            index.add(ActorMention(start, end, head.i, [actor], via))


def _venues(doc: Doc, lang: str, index: ActorIndex) -> None:
    """'une résolution condamnant X' speaks for the organisation that votes it: the IGO named
    in the sentence, else the last one named before. 'la résolution du conflit' is not one."""
    venue_nouns = cues(lang).venue_nouns
    igos = sorted(
        (m for m in index.mentions if m.actors and m.actors[0].kind == "igo"), key=lambda m: m.head
    )
    if not igos:
        return
    for tok in doc:
        if tok.lemma_.lower() not in venue_nouns or tok.i in index.by_token:
            continue
        if any(
            c.dep_ == "nmod"
            and case_of(c) == "de"
            and c.i not in index.by_token
            and c.pos_ != "NUM"
            for c in tok.children
        ):
            continue
        sent = tok.sent
        here = [m for m in igos if sent.start <= m.head < sent.end]
        before = [m for m in igos if m.head < tok.i]
        venue = here[0] if here else before[-1] if before else None
        if venue is not None:
            index.add(ActorMention(tok.i, tok.i + 1, tok.i, list(venue.actors[:1]), "venue"))
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
    for ent in doc.ents:
        if ent.label_ not in ("PER", "ORG") or any(t.i in index.by_token for t in ent):
            continue
        if len(ent) == 1 and ent.root.lemma_.lower() in actor_nouns:
            continue  # a capitalised title ("le Président") is not a name
        code = _possessor_state(ent, index) or _nearby_state(ent, index)
        kind = "person" if ent.label_ == "PER" else "organisation"
        actor = Actor(code=code or "OTHER", label=ent.text, kind=kind)  # type: ignore[arg-type]
        index.add(ActorMention(ent.start, ent.end, ent.root.i, [actor], "ner"))
    _same_name(doc, index)


def _same_name(doc: Doc, index: ActorIndex) -> None:
    """A name coded once keeps its code: "John Kirby, porte-parole américain" ... "Kirby
    a ajouté" (the surname alone, which NER often misses, included). Names whose
    mentions disagree stay as they are."""
    codes: dict[str, set[str]] = {}
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
    by_label = {k: m.actors[0] for m in ner for k in _name_keys(m.actors[0].label)}
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
    if title is None or title.lemma_.lower() not in cues("fr").actor_nouns:
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
        if c.dep_ in ("appos", "nmod", "amod") and case_of(c) not in LOCATIVE
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


_GROUP_HEAD = re.compile(r"^(?:à|a)$", re.I)


def _groups(doc: Doc, index: ActorIndex) -> None:
    """'les pays occidentaux, à leur tête les États-Unis': the group stands for its leader."""
    for tok in doc:
        if tok.lower_ != "tête" or tok.i < 2:
            continue
        if not (_GROUP_HEAD.match(doc[tok.i - 2].text) and doc[tok.i - 1].lower_ in ("leur", "sa")):
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


def _resolve_anaphora(doc: Doc, lang: str, index: ActorIndex) -> None:
    """Pronouns, 'les deux pays', 'le pays', 'son pays', 'le Nord', in reading order."""
    pronouns = _pronouns(lang)
    anaphors = _anaphors(lang)
    named_codes = {a.code for m in index.mentions for a in m.actors}
    previous_speaker: list[Actor] = []
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
                if row["type"] == "state" and not span.root.dep_.startswith("nsubj"):
                    # an object is not its own clause's agent: "Obama a dénoncé le régime"
                    # (the patient of a real passive may be: "le Sahara a été envahi ... suite
                    # au retrait espagnol du territoire")
                    clause_subjects = {
                        a.code
                        for m in before
                        if m.head >= sent.start
                        and _is_agent(doc[m.head])
                        and doc[m.head].head in span.root.ancestors
                        for a in m.actors
                    }
                    before = [m for m in before if not {a.code for a in m.actors} & clause_subjects]
                if row["type"] == "place":
                    before = [m for m in before if _is_place(doc[m.head])]
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
                if row["type"] in _GROUP_SIZES:
                    window = sents[max(0, s_idx - 1)].start  # this sentence and the one before
                    actors = _group_anaphor(row["type"], before, span, doc, lang, window)
                else:
                    actors = _anaphor_actors(row, before, named_codes, lang, doc)
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


def _in_subject(tok: Token) -> bool:
    """The token is (inside) a subject: "le gouvernement du Burundi a annoncé"."""
    for _ in range(3):
        if tok.dep_.startswith("nsubj"):
            return True
        if tok.dep_ not in ("nmod", "appos", "flat:name", "amod") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _is_place(tok: Token) -> bool:
    """A state named as where things happen: "à Cuba", "sur l'île cubaine"."""
    return case_of(tok) in LOCATIVE


_GROUP_SIZES = {"pair": 2, "igo_pair": 2, "triple": 3}


def _group_anaphor(
    kind: str, before: list[ActorMention], span: Span, doc: Doc, lang: str, window_start: int
) -> list[Actor]:
    """'les deux pays', 'les deux parties', 'les trois dirigeants': the states (or, for
    'les deux institutions', the IGOs) named in the sentence so far and the one before, if
    that gives exactly the number; else the most named ones in the article. The subjects of
    the anaphor's own sentence are not among them: "A, B et C ont exhorté les deux parties"."""
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
        counts: dict[str, int] = {}
        last: dict[str, int] = {}
        first: dict[str, Actor] = {}
        for m in mentions:
            weight = 2 if _in_subject(doc[m.head]) else 1
            for a in m.actors:
                if a.code in pool_codes:
                    counts[a.code] = counts.get(a.code, 0) + weight
                    last[a.code] = m.head
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
) -> list[Actor]:
    gz = load_gazetteer()
    states = [a for m in history for a in m.actors if a.code in gz.states]
    if row["type"] in ("state", "place"):
        # the article's main state so far ("le pays" in a Burundi story is Burundi, even
        # right after "l'Algérienne X"); the most recent one breaks ties
        if not states:
            return []
        counts: dict[str, int] = {}
        for m in history:  # a subject counts double: "Le gouvernement du Burundi a ..."
            weight = 2 if doc is not None and _in_subject(doc[m.head]) else 1
            for a in m.actors:
                if a.code in gz.states:
                    counts[a.code] = counts.get(a.code, 0) + weight
        last = {a.code: i for i, a in enumerate(states)}
        best = max(counts, key=lambda c: (counts[c], last[c]))
        return [_state_actor(best, lang)]
    if row["type"] == "poss_state":
        people = [a for m in history for a in m.actors if a.kind == "person" and a.code != "OTHER"]
        source = people[-1] if people else (states[-1] if states else None)
        return [_state_actor(source.code, lang)] if source else []
    if row["type"] == "context":
        required = set(row["requires"].split("|"))
        return [_state_actor(row["code"], lang)] if required & named else []
    return []


_QUOTE_OPEN = ("«", "“", '"')
_QUOTE_CLOSE = ("»", "”", '"')


def _has_quote(sent: Span) -> bool:
    return any(t.text in _QUOTE_OPEN or t.text in _QUOTE_CLOSE for t in sent)


def inside_quote(tok: Token) -> bool:
    """True if an opening quote precedes the token in its sentence with no closing one between,
    or a closing quote follows it with no opening one between."""
    sent = tok.sent
    depth = 0
    for t in sent:
        if t.i >= tok.i:
            break
        if t.text in ("«", "“"):
            depth += 1
        elif t.text in ("»", "”"):
            depth -= 1
    if depth > 0:
        return True
    for t in sent:
        if t.i <= tok.i:
            continue
        if t.text in ("«", "“"):
            return False
        if t.text in ("»", "”"):
            return True
    return False


def _quote_speaker(sent: Span, index: ActorIndex) -> list[Actor]:
    """The actor who speaks in this sentence: subject of a speech verb outside the quotes,
    or the actor right after it ("a déclaré lundi John Kirby", "selon Moscou")."""
    speech = cues("fr").speech
    for tok in sent:
        if tok.lemma_.lower() not in speech or tok.pos_ not in ("VERB", "ADP") or inside_quote(tok):
            continue
        if tok.lower_ == "selon":
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
            if sent.doc[i].text in _QUOTE_OPEN:
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
