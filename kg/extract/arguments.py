"""Where an event's source and target are in the sentence: trigger roles read off the
dependency parse (subject, object, "de X", possessive, prepositions, the agent "par X"),
with surface fallbacks where the parser slips (broken lists, misattached phrases).

Roles a trigger row may name (`triggers.csv`, `source`/`target`, tried in order):
`subj` (the grammatical subject; for a noun, the subject of the verb it depends on; the
agent "par X" of a passive), `obj` (direct object; the subject of a passive), `obj_de` (the
object or its "de X"), `de` (the "de X" complement), `poss` (a possessive "son/sa/leur"),
`clause` (the first actor of a "que ..." clause), `head_subj` (the subject of the verb the
trigger's clause depends on), `topic` (last resort: the state the article is about, when one
clearly dominates; resolved by the sentence reader), or a preposition (`à`, `en`, `contre`,
`avec`, `entre`, ...).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from kg.extract.actors import ActorIndex, ActorMention
from kg.extract.model import Actor
from kg.extract.syntax import case_of, in_subject, preposition
from kg.extract.triggers import Trigger, triggers
from kg.nlp import lang as languages

__all__ = [
    "actors_at",
    "arguments",
    "bare_participle",
    "conj_items",
    "coordinated_addressee",
    "dedupe",
    "first_conjunct",
    "governor",
    "implied_parties",
    "is_passive",
    "noun_agent",
    "read_preposition",
    "read_role",
    "role_reader",
    "ROLE_READERS",
    "subjects",
    "targeted",
    "where_relative",
]

_PREP_DEPS = {
    "obl",
    "obl:arg",
    "obl:mod",
    "obl:agent",
    "nmod",
    "iobj",
    "advcl",
    "acl",
    "obj",
    "xcomp",
}


def actors_at(tok: Token, index: ActorIndex, depth: int = 0) -> list[Actor]:
    """Actors a token stands for: its own mention, its conjuncts, or (for a noun that is not
    an actor, like 'la visite de Poutine') the actor in its 'de'/'entre' complement."""
    out: list[Actor] = []
    lang = languages.of(tok)
    mention = index.at(tok)
    if mention is not None and all(a.code == "OTHER" for a in mention.actors):
        # "au Président Pierre Nkurunziza": the apposition names who the title is
        for child in tok.children:
            if (
                child.dep_ in ("appos", "flat:name", "nmod")
                and case_of(child) not in lang.locative  # where, not whom for
                and index.at(child) not in (None, mention)
            ):
                mention = index.at(child)
                break
    # an event noun stands for its agent ("l'invasion de X par la Russie"); a channel
    # "financée par le Kremlin" is not the Kremlin
    event_noun = tok.pos_ == "NOUN" and tok.lemma_.lower() in triggers(lang.code)
    agent = noun_agent(tok, index) if mention is None and event_noun and depth == 0 else []
    if agent:  # "condamner l'invasion de l'Ukraine par la Russie": the invader is condemned
        out.extend(agent)
    elif mention is not None:
        out.extend(mention.actors)
    elif depth < 3:
        for child in tok.children:  # "un membre permanent du Conseil, la France": the name
            if child.dep_ == "appos" and index.at(child) is not None:
                out.extend(index.at(child).actors)  # type: ignore[union-attr]
                break
        for child in tok.children:
            if out:
                break
            if child.dep_ in ("nmod", "obl", "obl:mod", "appos") and case_of(child) in lang.linking:
                out.extend(actors_at(child, index, depth + 1))
                member = index.at(child)
                if member is not None:  # "les ambassadeurs de A, de B et de C"
                    out.extend(a for a in _enumeration(member, index, tok.doc) if a not in out)
                if out:
                    break
    subject = _in_subject(tok)
    for child in tok.children:
        if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "PRON", "ADJ"):
            child_mention = index.at(child)
            if not subject and child_mention and _opens_clause(tok.doc, child_mention.end):
                continue  # "l'ambassadeur de A et B a exigé": B speaks in its own clause
            out.extend(a for a in actors_at(child, index, depth + 1) if a not in out)
    if mention is not None and depth == 0:
        out.extend(a for a in _enumeration(mention, index, tok.doc) if a not in out)
    return dedupe(out)


def _enumeration(mention: ActorMention, index: ActorIndex, doc: Doc) -> list[Actor]:
    """The other members of a list the parser broke ("Paris et Berlin ont appelé", with
    "Paris" as the root): names joined by "et"/"ou"/"ainsi que" (and commas inside the
    list), read along the surface. A list needs its conjunction: "Selon Paris, Moscou" and
    "la Russie, alliée de Damas," are not lists. A name under a preposition lists the names
    under the same one, however the parser hung them: "de A, de B et de C", "à A, à B et à C".
    A name that is another verb's subject ends the list: "à A, et B a protesté"."""
    sent = doc[mention.head].sent
    prep = case_of(doc[mention.head])
    lang = languages.of(doc)
    conjunctions = lang.list_conjunctions
    locution_start, locution_end = lang.list_locution  # "ainsi que"

    def joiner(word: Token) -> str:
        if word.lower_ in conjunctions or (
            word.lower_ == locution_end and doc[word.i - 1].lower_ == locution_start
        ):
            return "and"
        if word.text == "," or word.lower_ == locution_start or word.pos_ == "DET":
            return "soft"
        if prep and word.pos_ == "ADP" and lang.contractions.get(word.lower_, word.lower_) == prep:
            return "soft"  # the preposition repeated on each member
        return ""

    def member(other: ActorMention) -> bool:
        head = doc[other.head]
        if _in_phrase(head, prep):
            return False  # "organisé en Crimée, les États-Unis et l'UE": Crimée is no member
        return _in_subject(doc[mention.head]) or not _opens_clause(doc, other.end)

    found: list[Actor] = []
    # backwards: "X et" right before the name; or commas, when the name itself goes on with
    # "et Y" ("L'Arabie saoudite, les Émirats et Bahreïn")
    nxt = mention.end
    while nxt < sent.end and doc[nxt].pos_ == "DET":
        nxt += 1
    continues = nxt < sent.end and doc[nxt].lower_ in conjunctions
    i, seen_and = mention.start - 1, continues
    while i >= sent.start:
        kind = joiner(doc[i])
        if kind == "and":
            seen_and = True
        elif kind == "soft" and (seen_and or doc[i].pos_ == "DET"):
            pass
        else:
            other = index.by_token.get(i)
            if other is None or other is mention or not seen_and or not member(other):
                break
            found.extend(other.actors)
            i = other.start
        i -= 1
    i, pending, closed = mention.end, [], False  # forwards: ", Y et Z"
    while i < sent.end:
        kind = joiner(doc[i])
        if kind:
            closed = closed or kind == "and"
            i += 1
            continue
        other = index.by_token.get(i)
        if other is None or other is mention or not joiner(doc[i - 1]) or not member(other):
            break
        pending.extend(other.actors)
        if closed:
            found.extend(pending)
            pending = []
        i = other.end
    return found


_LIST_SUBJECT = frozenset(("nmod", "appos", "conj", "flat:name"))
"""What a subject phrase reaches through for argument lists: "les ambassadeurs de A et de
B ont" (nmod, then conj), up to four steps."""


def _in_subject(tok: Token) -> bool:
    return in_subject(tok, _LIST_SUBJECT, 4)


def _opens_clause(doc: Doc, end: int) -> bool:
    """A name (ending before token `end`) its finite verb follows at once is the subject of a
    clause of its own, even where the parser made it a conjunct: "convoqué l'ambassadeur de
    A et B a exigé"; not "par A, B et C, a recueilli"."""
    if end >= len(doc):
        return False
    after = doc[end]
    return after.pos_ in ("VERB", "AUX") and "Fin" in after.morph.get("VerbForm")


def _in_phrase(tok: Token, prep: str = "") -> bool:
    """A name governed by a preposition ("en Crimée", "selon Paris") is no list member, unless
    it is the list's own preposition ("à A, à B et à C")."""
    lang = languages.of(tok)
    return any(
        c.dep_ == "case"
        and c.lower_ not in lang.genitive_forms
        and lang.contractions.get(c.lower_, c.lower_) != prep
        for c in tok.children
    )


def dedupe(actors: list[Actor]) -> list[Actor]:
    seen: set[str] = set()
    out = []
    for a in actors:
        key = a.code if a.code != "OTHER" else a.label
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


def is_passive(verb: Token) -> bool:
    # The parser's nsubj:pass alone is unreliable ("Les États-Unis ont accusé"): a passive
    # needs its auxiliary or an agent.
    lang = languages.of(verb)
    if any(c.dep_ == "expl:pass" or c.lower_ in lang.reflexive for c in verb.children):
        return False  # "la Russie s'est opposée": a pronominal verb, not a passive
    if verb.lemma_.lower() in lang.cues.etre_verbs:
        return False  # "sont convenus", "sont arrivés": être as auxiliary, not a passive
    if any(c.dep_ == "aux:pass" for c in verb.children):
        return True
    if any(
        c.dep_ == "aux:tense" and c.lemma_.lower() == lang.have_auxiliary for c in verb.children
    ):
        return False  # "n'a pas condamné l'invasion par la Russie": active; "par" is the noun's
    participle = "Part" in verb.morph.get("VerbForm")
    return participle and any(c.dep_ == "obl:agent" for c in verb.children)


def subjects(
    verb: Token, index: ActorIndex, depth: int = 0, patient_ok: bool = True
) -> list[Actor]:
    """Who does what `verb` says. With `patient_ok` False, the subject of a passive (its
    patient: "les bureaux soient fermés") is never taken for the doer; a noun trigger's
    governor keeps it ("le président est attendu pour une visite": he visits)."""
    lang = languages.of(verb)
    lex = lang.cues
    passive = is_passive(verb)
    # the agent "par X", or one hung on a complement: "autorisés d'accès par le gouvernement"
    nested = [g for c in verb.children if c.dep_.startswith("obl") for g in c.children]
    for child in [*verb.children, *nested] if passive else []:
        if child.dep_ == "obl:agent" or (
            child.dep_.startswith(("obl", "nmod")) and case_of(child) == lang.agent
        ):
            found = actors_at(child, index)
            if found:
                return found
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj") or (
            child.dep_ == "nsubj:pass" and (patient_ok or not passive)
        ):
            if child.lower_ in lang.relative_subjects:
                clause = verb  # "une résolution proposée par X et qui prévoit": the résolution
                while clause.dep_ == "conj" and clause.head.i != clause.i:
                    clause = clause.head
                if clause.dep_.startswith("acl"):
                    return actors_at(clause.head, index) or _antecedent(child, index)
            found = actors_at(child, index)
            if found:
                return found
    if (
        depth < 3
        and verb.dep_ in ("xcomp", "conj", "advcl", "ccomp", "acl", "acl:relcl")
        and verb.head.i != verb.i
    ):
        head = verb.head
        if verb.dep_ == "ccomp" and head.lemma_.lower() in lex.speech:
            return []  # "X a précisé que des documents seront signés": X only says so
        if verb.dep_ == "xcomp" and head.lemma_.lower() in lex.object_control:
            objects = [c for c in head.children if c.dep_ in ("obj", "iobj") or _bare_nominal(c)]
            if objects:  # "A accuse B de fournir": B supplies, never A
                return actors_at(objects[0], index)
            if bare_participle(head):  # "l'Iran, accusé de fournir": Iran supplies
                return participle_patient(head, index)
        if bare_participle(verb) and not is_passive(verb):
            # "A a expulsé des diplomates de B, accusés d'espionnage": A accuses; said of
            # the clause's own subject, nobody is named ("B, accusé de ..., a nié"); nor for
            # an act ("Khashoggi, tué le 2 octobre": not by the subject)
            if verb.lemma_.lower() not in lex.participle_agents:
                return []
            main = governor(head) if verb.dep_ == "acl" else head
            patient = {a.code for a in participle_patient(verb, index)}
            found = [] if main.i == head.i and verb.dep_ == "acl" else subjects(main, index)
            return [a for a in found if a.code not in patient]
        if _elided_auxiliary(verb) and verb.dep_ == "acl" and governor(head).i != head.i:
            head = governor(head)  # "a dénoncé une saisie, exigé le retrait": its subject
        elif verb.dep_ in ("acl", "acl:relcl") and head.pos_ in ("NOUN", "PROPN"):
            return actors_at(head, index)
        first = first_conjunct(verb)
        if first is not None:  # "X a convoqué l'ambassadeur et exigé": X, however hung
            head = first
        return subjects(head, index, depth + 1)
    if verb.dep_ == "ROOT" and not passive:
        return _linear_subject(verb, index)
    return []


def bare_participle(verb: Token) -> bool:
    """A past participle without auxiliary set off after a noun or a clause: "l'Iran, accusé
    de soutenir X", "des diplomates accusés d'espionnage". It is passive: its patient is the
    noun it qualifies. One that opens the sentence is said of the main subject ("Réunis à
    Paris, les ministres ont ..."), as any clause before its verb."""
    lang = languages.of(verb)
    return (
        verb.pos_ in ("VERB", "ADJ")
        and "Part" in verb.morph.get("VerbForm")
        and "Pres" not in verb.morph.get("Tense")
        and (verb.dep_ == "acl" or verb.dep_ == "advcl" and verb.i > verb.head.i)
        and verb.head.i != verb.i
        and verb.lemma_.lower() not in lang.cues.etre_verbs
        # with a direct object it is an active verb sharing an earlier auxiliary: "a dénoncé
        # X, exigé Y et menacé Z"
        and not any(
            c.dep_.startswith(("aux", "expl")) or c.dep_ == "obj" or c.lower_ in lang.reflexive
            for c in verb.children
        )
    )


def _elided_auxiliary(verb: Token) -> bool:
    """A past participle with a direct object and no auxiliary of its own shares one with an
    earlier verb: "a dénoncé une saisie, exigé le retrait" (active, whatever the parse)."""
    return (
        "Part" in verb.morph.get("VerbForm")
        and "Pres" not in verb.morph.get("Tense")
        and any(c.dep_ == "obj" for c in verb.children)
        and not any(c.dep_.startswith("aux") for c in verb.children)
    )


def participle_patient(verb: Token, index: ActorIndex) -> list[Actor]:
    """Who a bare participle is said of: the noun it hangs on ("des diplomates russes,
    accusés de ...") or, when the parser hung it on the clause, the name just before it
    ("a rompu avec l'Iran, accusé de ...")."""
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return actors_at(verb.head, index)
    return _antecedent(verb, index)


def first_conjunct(verb: Token) -> Token | None:
    """The verb a coordinated verb shares its subject with, when the parser hung it on that
    verb's object or complement ("a convoqué l'ambassadeur de Y et exigé", "exigé" under
    "ambassadeur"); the head itself for a plain verb conjunct; None for no coordination."""
    if verb.dep_ != "conj" or verb.head.i == verb.i:
        return None
    head = verb.head
    for _ in range(3):
        if head.pos_ in ("VERB", "AUX") and head.i < verb.i:
            return head
        if head.pos_ not in ("NOUN", "PROPN", "PRON") or head.head.i == head.i:
            return None
        if not head.dep_.startswith(("obj", "iobj", "obl", "nmod", "conj")):
            return None
        head = head.head
    return None


def coordinated_addressee(tok: Token, index: ActorIndex) -> list[Actor]:
    """Whom a coordinated verb with no addressee of its own is addressed to: the object or
    "à X" of the verb before it, when both share their subject ("X a convoqué l'ambassadeur
    de Y et exigé des excuses": from Y; "a adressé un avertissement à Y et demandé ...").
    Only for the verbs listed as `shared_addressee` (or a noun trigger under one)."""
    lang = languages.of(tok)
    verb = tok if tok.pos_ in ("VERB", "AUX") else governor(tok)
    if verb.lemma_.lower() not in lang.cues.shared_addressee:
        return []
    first = first_conjunct(verb)
    if first is None or any(c.dep_.startswith("nsubj") for c in verb.children):
        return []  # "X a convoqué ... et Z a exigé": Z speaks for itself
    own = {a.code for a in subjects(first, index)}
    for child in sorted(first.children, key=lambda c: c.i):
        if child.i > verb.i:
            break
        addressed = child.dep_ in ("obj", "iobj") or (
            child.dep_.startswith("obl") and case_of(child) in lang.addressing
        )
        if not addressed:
            continue
        found = actors_at(child, index) or _prep_actors(child, set(lang.addressee), index)
        found = [a for a in found if a.code not in own]
        if found:
            return found
    return []


def _linear_subject(verb: Token, index: ActorIndex) -> list[Actor]:
    """A root verb the parser left without a subject ("la ministre …, Miri Regev, a demandé",
    with "ministre" hung on an earlier verb): the name just before it, unless that name is
    another verb's object or complement."""
    sent = verb.sent
    i = verb.i - 1
    while i >= max(sent.start, verb.i - 6):
        word = sent.doc[i]
        if word.text == ")":  # "les pays du groupe 5+1 (A, B, C) ont": skip the aside
            while i > sent.start and sent.doc[i].text != "(":
                i -= 1
            i -= 1
            continue
        if word.pos_ in ("AUX", "ADV", "PUNCT") or word.dep_ == "flat:name":
            i -= 1
            continue
        mention = index.by_token.get(i)
        if mention is None or word.dep_ in ("obj", "iobj", "obl", "obl:arg", "obl:mod"):
            return []
        listed = _enumeration(mention, index, sent.doc)  # "les États-Unis et l'UE ont"
        return dedupe([*listed, *mention.actors])
    return []


def _bare_nominal(tok: Token) -> bool:
    """A name right of its verb with no preposition, which the parser took for something
    else than an object: "exhorté Washington à cesser" (Washington as xcomp)."""
    return (
        tok.dep_ in ("nmod", "obl:arg", "obl:mod", "xcomp")
        and tok.pos_ in ("NOUN", "PROPN")
        and tok.i > tok.head.i
        and not case_of(tok)
    )


def _antecedent(relative: Token, index: ActorIndex) -> list[Actor]:
    """The actor just before a relative pronoun, when the parser hung the clause elsewhere:
    "une mesure envers la Belgique qui a multiplié les appels"."""
    for i in range(relative.i - 1, max(relative.sent.start, relative.i - 3) - 1, -1):
        word = relative.doc[i]
        if word.pos_ == "PUNCT":
            continue
        mention = index.by_token.get(i)
        return list(mention.actors) if mention else []
    return []


def governor(tok: Token) -> Token:
    """The verb (or predicative adjective) a noun trigger depends on."""
    cur = tok
    for _ in range(3):
        # "lors d'un entretien": the parser hangs the noun on the adverb "lors"
        through_adverb = (
            cur.dep_ == "advmod" and cur.lower_ in languages.of(cur).cues.adverb_prepositions
        )
        if (
            cur.dep_ in ("obj", "obl", "obl:arg", "obl:mod", "nmod", "xcomp", "nsubj:pass", "iobj")
            or through_adverb
        ) and cur.head.i != cur.i:
            cur = cur.head
            if cur.pos_ in ("VERB", "AUX", "ADJ"):
                return cur
        else:
            break
    return tok


def _prep_actors(tok: Token, preps: set[str], index: ActorIndex, after: int = -1) -> list[Actor]:
    lang = languages.of(tok)
    for child in (c for c in tok.children if c.i > after or c.pos_ == "PRON"):
        # a dative clitic is an "à X": "il lui a promis une aide" (to him)
        dative = child.dep_ == "iobj" and child.pos_ == "PRON" and lang.dative in preps
        if dative or child.dep_ in _PREP_DEPS and child.dep_ != "obj" and case_of(child) in preps:
            found = actors_at(child, index)
            if found:
                return found
        if child.lower_ in lang.cues.adverb_prepositions and child.lower_ in preps:
            for grandchild in child.children:  # "protesté auprès de la Chine": under the adverb
                found = actors_at(grandchild, index) if case_of(grandchild) else []
                if found:
                    return found
    return []


def _linear_prep_actors(
    tok: Token, preps: set[str], index: ActorIndex, stop: int | None = None
) -> list[Actor]:
    """Parse-free fallback: the actors of the 'PREP ...' phrase within a few words after the
    trigger, through 'de' and 'entre X et Y' ('par le resserrement des liens entre A et B')."""
    sent = tok.sent
    lang = languages.of(tok)
    end = min(tok.i + 12, sent.end, stop or sent.end)
    for i in range(tok.i + 1, end):
        word = sent.doc[i]
        prep = lang.contractions.get(word.lower_, word.lower_)
        # the tagger sometimes reads a preposition as a verb: "envers le Portugal"
        is_prep = word.pos_ == "ADP" or (
            word.pos_ == "VERB" and prep in lang.cues.verb_tagged_prepositions
        )
        participle = word.dep_ == "acl" and "Part" in word.morph.get("VerbForm")
        if word.pos_ == "VERB" and not is_prep and not participle and word.i > tok.i + 1:
            break  # a participle modifying the noun does not end its phrase
        if prep in preps and is_prep:
            governor = word.head.head
            if (
                governor.pos_ == "ADJ"
                and tok.i < governor.i < word.i
                and prep in lang.adjective_complement
            ):
                continue  # "la sanction relative à l'AMISOM": the adjective's complement
            found = _phrase_actors(sent, i + 1, index)
            if found:  # "l'accès au territoire à trois experts de l'ONU": the next one
                return found
    return []


def _phrase_actors(sent: Span, start: int, index: ActorIndex) -> list[Actor]:
    lang = languages.of(sent)
    found: list[Actor] = []
    for j in range(start, min(start + 10, sent.end)):
        word = sent.doc[j]
        m = index.by_token.get(j)
        if m is not None:
            found.extend(a for a in m.actors if a not in found)
            continue
        if word.pos_ in ("VERB", "AUX") or (word.pos_ == "PUNCT" and word.text != "-"):
            break
        prep = lang.contractions.get(word.lower_, word.lower_)
        # the phrase ends at its next preposition: "à une résolution sur la Syrie" is not
        # about Syria's acts; "des liens entre A et B", "la frontière avec X" go on
        if word.pos_ == "ADP" and prep not in lang.linking and (found or prep != lang.comitative):
            break
        if found and word.pos_ == "CCONJ" and word.lower_ != lang.list_and:
            break
        if word.pos_ == "PRON" and word.lower_ in lang.relatives:
            break  # a relative clause starts: "à l'AMISOM qu'elle accorde"
    return found


def _linear_source(tok: Token, index: ActorIndex) -> list[Actor]:
    """Parse-free fallback for a noun: 'X, qui multiplient les sanctions' -> X."""
    lang = languages.of(tok)
    lex = lang.cues
    sent = tok.sent
    for i in range(tok.i - 1, max(sent.start, tok.i - 9) - 1, -1):
        word = sent.doc[i]
        m = index.by_token.get(i)
        if m is not None:
            return list(m.actors)
        if (
            word.pos_ in ("DET", "ADJ", "ADV", "AUX", "PUNCT", "NUM")
            or word.lower_ in lang.source_gap
        ):
            continue
        if word.pos_ == "VERB" and word.lemma_.lower() in lex.light_verbs:
            continue
        break
    return []


RoleReader = Callable[[Token, Trigger, ActorIndex], tuple[list[Actor], float]]
"""Reads one trigger role: the actors found for it, and how sure the reading is."""

ROLE_READERS: dict[str, RoleReader] = {}
"""The named trigger roles of `triggers.csv` and their readers; any other role is a
preposition (`read_preposition`). The genitive role is written in the lexicon as its
language's genitive preposition ("de") and registered as "genitive"."""


def role_reader(name: str) -> Callable[[RoleReader], RoleReader]:
    """Register the decorated function as the reader of role `name`."""

    def register(reader: RoleReader) -> RoleReader:
        ROLE_READERS[name] = reader
        return reader

    return register


def read_role(role: str, tok: Token, trig: Trigger, index: ActorIndex) -> tuple[list[Actor], float]:
    """The actors trigger role `role` names for `tok`: its registered reader, or the
    preposition reader for a preposition role."""
    name = "genitive" if role == languages.of(tok).genitive else role
    reader = ROLE_READERS.get(name)
    if reader is None:
        return read_preposition(role, tok, trig, index)
    return reader(tok, trig, index)


def _verb_like(tok: Token, trig: Trigger) -> bool:
    """The trigger reads as a verb: a verb (or adjective) row on a verb, auxiliary or
    adjective, or on a word with an auxiliary (a participle the tagger read as a noun)."""
    return trig.pos != "NOUN" and (
        tok.pos_ in ("VERB", "AUX", "ADJ") or any(c.dep_.startswith("aux") for c in tok.children)
    )


@role_reader("subj")
def _read_subject(tok: Token, trig: Trigger, index: ActorIndex) -> tuple[list[Actor], float]:
    """The subject; for a noun, the subject of its light verb; the agent of a passive."""
    lang = languages.of(tok)
    if _verb_like(tok, trig):
        return subjects(tok, index, patient_ok=False), 0.9
    gov = governor(tok)
    if gov.i != tok.i:
        if gov.lemma_.lower() in lang.cues.beneficiary:
            return [], 0.0
        if tok.dep_ == "nsubj:pass" and is_passive(gov):
            # "la levée des sanctions a été annoncée par les États-Unis"; the agent of any
            # other verb only judges the act: "le soutien de X a été dénoncé par Y"
            if gov.lemma_.lower() not in lang.cues.light_verbs:
                return [], 0.0
            agents = [c for c in gov.children if c.dep_ == "obl:agent" or case_of(c) == lang.agent]
            found = actors_at(agents[0], index) if agents else []
            return (found, 0.8) if found else ([], 0.0)
        if tok.dep_.startswith("nsubj"):
            return [], 0.0
        if gov.lemma_.lower() in lang.cues.topic_verbs:
            return [], 0.0  # "le chancelier a évoqué la guerre": he talks about it
        if (
            gov.lemma_.lower() not in lang.cues.light_verbs
            # "ordonner l'expulsion de X": X is the patient
            and lang.genitive not in trig.target
            and (_read_genitive(tok, trig, index)[0] or _read_possessive(tok, trig, index)[0])
        ):
            return [], 0.0  # "protester contre la visite de X": X visits, not the protester
        found = subjects(gov, index)
        if found:
            return found, 0.8
    return _linear_source(tok, index), 0.6


@role_reader("obj")
@role_reader("obj_de")
def _read_object(tok: Token, trig: Trigger, index: ActorIndex) -> tuple[list[Actor], float]:
    """The direct object of a verb (the subject of a passive; a relative's antecedent; the
    patient of a bare participle); nothing for a noun."""
    if not _verb_like(tok, trig):
        return [], 0.0
    lang = languages.of(tok)
    passive = is_passive(tok)
    if passive and tok.dep_ == "acl" and tok.head.i != tok.i:
        # "une résolution proposée par la France": the participle's patient is its noun
        found = actors_at(tok.head, index)
        if found:
            return found, 0.85
    if bare_participle(tok):  # "a rompu avec l'Iran, accusé de ...": Iran is accused
        found = participle_patient(tok, index)
        if found:
            return found, 0.75
    for child in tok.children:
        relative = child.lower_ in lang.relative_objects and "Rel" in child.morph.get("PronType")
        if (passive and child.dep_.startswith("nsubj")) or (
            not passive and (child.dep_ in ("obj", "iobj") or relative)
        ):
            found = actors_at(child, index)
            if not found and relative:
                # "le Qatar, qu'ils accusent de ...": the relative's antecedent
                found = (
                    actors_at(tok.head, index) if tok.dep_.startswith("acl") else []
                ) or _antecedent(child, index)
            if found:
                return found, 0.9
    if not passive:
        for child in tok.children:
            # mis-parsed objects: "sanctionnera la Biélorussie" (nmod), clitics "ne nous inquiète"
            bare = _bare_nominal(child)
            clitic = (
                child.pos_ == "PRON"
                and child.i < tok.i
                and child.morph.get("Person") in (["1"], ["2"])
            )
            if bare or clitic:
                found = actors_at(child, index)
                if found:
                    return found, 0.7
    return [], 0.0


@role_reader("genitive")
def _read_genitive(tok: Token, trig: Trigger, index: ActorIndex) -> tuple[list[Actor], float]:
    """A verb's "de X" ("se retirer de X"); a noun's "de X" or "par X" complement."""
    lang = languages.of(tok)
    if _verb_like(tok, trig):  # "se retirer de X", "s'inquiéter de X"
        found = _prep_actors(tok, {lang.genitive}, index)
        return (found, 0.85) if found else ([], 0.0)
    # "l'appui déterminant de la Russie": the parser hangs "de X" on the modifier
    modifiers = [g for c in tok.children if c.dep_ in ("amod", "acl") for g in c.children]
    for child in [*tok.children, *modifiers]:
        if child.dep_ in ("nmod", "obl", "obl:arg", "obl:mod", "obl:agent") and case_of(child) in (
            lang.genitive,
            lang.agent,
        ):
            found = actors_at(child, index)
            if found:
                return found, 0.85
    return [], 0.0


@role_reader("poss")
def _read_possessive(tok: Token, trig: Trigger, index: ActorIndex) -> tuple[list[Actor], float]:
    """A possessive determiner ("son", "leur"): the subject of the governing verb, else the
    actor the possessive itself was resolved to."""
    for child in tok.children:
        if child.dep_ == "det" and "Yes" in child.morph.get("Poss"):
            gov = governor(tok)
            # "X bénéficie de son soutien": the possessor is not the beneficiary X
            own = gov.i == tok.i or gov.lemma_.lower() in languages.of(tok).cues.beneficiary
            found = subjects(gov, index) if not own else []
            if found:
                return found, 0.75
            m = index.by_token.get(child.i)
            if m:
                return list(m.actors), 0.7
    return [], 0.0


@role_reader("head_subj")
def _read_head_subject(tok: Token, trig: Trigger, index: ActorIndex) -> tuple[list[Actor], float]:
    """The subject of the verb the trigger's clause depends on: "A prend des mesures pour que
    B paie le prix" (A)."""
    if tok.head.i == tok.i or (trig.pos == "NOUN" and not tok.dep_.startswith("obl")):
        return [], 0.0  # a noun only as an adjunct: "À la demande de X, Y se réunira"
    return subjects(tok.head, index), 0.7


@role_reader("clause")
def _read_clause(tok: Token, trig: Trigger, index: ActorIndex) -> tuple[list[Actor], float]:
    """The first actor of the trigger's complement clause ("que ...", an infinitive)."""
    for child in tok.children:
        if child.dep_ in ("ccomp", "xcomp"):
            for t in child.subtree:
                m = index.by_token.get(t.i)
                if m:
                    return list(m.actors), 0.7
    return [], 0.0


@role_reader("topic")
def _read_topic(tok: Token, trig: Trigger, index: ActorIndex) -> tuple[list[Actor], float]:
    """The article's main actor: resolved by the sentence reader once sources are known."""
    return [], 0.0


def read_preposition(
    role: str, tok: Token, trig: Trigger, index: ActorIndex
) -> tuple[list[Actor], float]:
    """A preposition role ("à", "contre"; "du", "aux" in the lexicon mean "de", "à"): the
    trigger's own complement, a noun trigger's verb's complement after it, else the phrase
    read along the surface."""
    preps = {preposition(role, tok)}
    found = _prep_actors(tok, preps, index)
    if found:
        return found, 0.9
    if trig.pos == "NOUN":
        gov = governor(tok)
        if gov.i != tok.i:  # "imposer des sanctions à X"; not "Au lendemain de ..., X a imposé"
            found = _prep_actors(gov, preps, index, after=tok.i)
            if found:
                return found, 0.7
    found = _linear_prep_actors(tok, preps, index)
    if not found and trig.pos == "NOUN":
        gov = governor(tok)
        if gov.i < tok.i:  # "est attendu à Pyongyang pour une visite"
            found = _linear_prep_actors(gov, preps, index, stop=tok.i)
    return found, 0.6


def arguments(
    roles: tuple[str, ...], tok: Token, trig: Trigger, index: ActorIndex
) -> tuple[list[Actor], float]:
    for role in roles:
        found, conf = read_role(role, tok, trig, index)
        if found:
            return found, conf
    return [], 0.0


def conj_items(tok: Token, index: ActorIndex) -> list[list[Actor]]:
    """The coordinated members of a trigger's subject, each with its own actors: "l'Iran et
    les pays du groupe (A, B)" gives [[IRN], [A, B]]."""
    verb = tok if tok.pos_ in ("VERB", "AUX") else governor(tok)
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
    if subject is None:
        return []
    items = [_own_actors(subject, index)]
    items += [_own_actors(c, index) for c in subject.children if c.dep_ == "conj"]
    return [item for item in items if item]


def _own_actors(tok: Token, index: ActorIndex) -> list[Actor]:
    """A member's actors without its coordinated siblings."""
    mention = index.at(tok)
    if mention is not None:
        return list(mention.actors)
    found: list[Actor] = []
    for child in tok.children:
        if child.dep_ in ("nmod", "appos") and case_of(child) in (languages.of(tok).genitive, ""):
            found.extend(actors_at(child, index, depth=1))
    return dedupe(found)


def targeted(tok: Token, index: ActorIndex) -> list[Actor]:
    """The object of a targeting participle on a noun: "des sanctions visant des responsables
    russes", "des frappes ciblant des positions iraniennes"."""
    # "une série de sanctions visant X", "le retrait des militaires stationnés au Niger",
    # "financer des équipements destinés aux forces ukrainiennes"
    holders = [tok, *(c for c in tok.children if c.dep_ in ("nmod", "obj"))]
    if tok.dep_ == "nmod":
        holders.append(tok.head)
    for child in (c for holder in holders for c in holder.children):
        if child.dep_ == "acl" and child.lemma_.lower() in languages.of(child).cues.targeting_verbs:
            for obj in child.children:
                if obj.dep_ in ("obj", "obl:arg", "obl:mod") or _bare_nominal(obj):
                    found = actors_at(obj, index)
                    if found:
                        return found
    return []


def noun_agent(tok: Token, index: ActorIndex) -> list[Actor]:
    """The "par X" of an event noun: "l'invasion de l'Ukraine par la Russie" (or of the active
    verb governing it, where the parser hung it: "n'a pas condamné l'invasion ... par X")."""
    # "du Koweït par l'Irak", "l'aide apportée par le Qatar", "une provocation orchestrée par X"
    places = [tok, *(c for c in tok.children if c.dep_ in ("nmod", "acl"))]
    # "les frappes de missiles ordonnées par X": the participle hangs on the complement
    places += [g for c in tok.children if c.dep_ == "nmod" for g in c.children if g.dep_ == "acl"]
    gov = governor(tok)
    if gov.i != tok.i and not is_passive(gov):
        places.append(gov)
    for place in places:
        for child in place.children:
            if (
                child.dep_ in ("nmod", "obl:agent", "obl", "obl:mod")
                and case_of(child) == languages.of(child).agent
            ):
                if place is gov and child.i < tok.i:
                    continue  # before the noun: the verb's own complement
                found = actors_at(child, index, depth=1)
                if found:
                    return found
    return []


def implied_parties(tok: Token, index: ActorIndex) -> list[Actor]:
    """Who signs when the text names no one: the parties of the occasion ("un accord signé
    lors de la visite de Poutine en Corée du Nord"), or, for "des documents seront signés",
    the last two states named just before."""
    lang = languages.of(tok)
    occasions = [c for c in tok.children if case_of(c) in lang.occasion]
    occasions += [g for c in tok.children if c.lower_ == lang.occasion_adverb for g in c.children]
    for noun in occasions:
        if noun.pos_ != "NOUN":
            continue
        parties = list(actors_at(noun, index))
        for c in noun.subtree:  # "au Brésil" may hang on "du président chinois"
            if c.i != noun.i and case_of(c) in lang.party:
                parties.extend(actors_at(c, index))
        parties = dedupe(parties)
        if len({a.code for a in parties}) >= 2:
            return parties
    if tok.pos_ != "VERB" or not is_passive(tok) or subjects(tok, index, patient_ok=False):
        return []
    sents = list(tok.doc.sents)
    here = next(i for i, s in enumerate(sents) if s.start == tok.sent.start)
    start = sents[max(0, here - 2)].start
    codes: list[Actor] = []
    for m in sorted(index.mentions, key=lambda m: -m.head):
        if start <= m.head < tok.i:
            for a in m.actors:
                if a.kind in ("state", "person") and a.code != "OTHER":
                    if all(a.code != c.code for c in codes):
                        codes.append(a)
        if len(codes) == 2:
            return codes
    return []


def where_relative(tok: Token, trig: Trigger, index: ActorIndex) -> list[Actor]:
    """The place a relative "où" clause hangs on, for triggers whose target is a place
    preposition: "les combats en Ukraine, où la Russie mène une opération militaire"."""
    lang = languages.of(tok)
    if not lang.place & set(trig.target):
        return []
    clause = governor(tok) if trig.pos == "NOUN" else tok
    if (
        not any(c.lower_ == lang.relative_where for c in clause.children)
        or clause.head.i == clause.i
    ):
        return []
    place = clause.head  # the noun the relative clause modifies, or a place beside it
    for t in (place, *(c for c in place.children if case_of(c) in lang.place)):
        mention = index.at(t)
        if mention is not None:
            return list(mention.actors)
    return []
