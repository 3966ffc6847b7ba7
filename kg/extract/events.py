"""Events in a sentence: triggers from the lexicon, their arguments from the dependency
parse (with a surface fallback where the parse fails), and how the text presents them.

A trigger entry names the roles where its source and target are found:
`subj` (the grammatical subject; for a noun, the subject of the verb it depends on; the
agent "par X" of a passive), `obj` (direct object; the subject of a passive), `de` (the
"de X" complement of a noun), `poss` (a possessive "son/sa/leur"), `clause` (the first actor
of a "que ..." clause), `head_subj` (the subject of the verb the trigger's clause depends
on), `topic` (last resort: the state the article is about, when one clearly dominates), or a
preposition (`à`, `en`, `contre`, `avec`, `entre`, ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.eventkinds import EventKind, event_kind
from kg.extract.actors import ActorIndex, ActorMention, inside_quote
from kg.extract.model import Actor
from kg.extract.triggers import Trigger, triggers
from kg.nlp import Cues, cues

__all__ = ["RawEvent", "Denial", "sentence_events", "sentence_denials", "quote_events"]

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
_DE = {"de", "du", "des", "d'", "d’"}
# governors that set modality only over a clause: "demande que X parte", not "demande X"
_CLAUSE_GOVERNORS = {
    "vouloir",
    "demander",
    "proposer",
    "appeler",
    "exhorter",
    "inviter",
    "presser",
    "sommer",
    "exiger",
    "réclamer",
    "enjoindre",
    "conjurer",
    "menacer",
}
_NEVER_VERBS = {"envers", "entre", "vers", "chez", "avec", "auprès", "parmi"}
# "d" alone: "d' Israël" with a stray space tokenises as "d" + "'"
_CONTRACTIONS = {"au": "à", "aux": "à", "du": "de", "des": "de", "d'": "de", "d’": "de", "d": "de"}


@dataclass
class RawEvent:
    """One reading of one trigger: before merging across the document."""

    trigger: Trigger
    token: Token
    source: Actor
    target: Actor
    modality: str
    cues: list[str] = field(default_factory=list)
    attributed_to: Actor | None = None
    confidence: float = 0.9


@dataclass
class Denial:
    deniers: list[Actor]
    token: Token


# -- trigger matching ---------------------------------------------------------------------


def _candidates(tok: Token, lang: str) -> list[Trigger]:
    table = triggers(lang)
    found = []
    keys = [tok.lemma_.lower(), tok.lower_]
    if tok.pos_ in ("ADJ", "VERB") and "Part" in tok.morph.get("VerbForm") or tok.pos_ == "ADJ":
        stem = re.sub(r"(es|e|s)$", "", tok.lower_)
        keys = [stem, *keys]  # "préoccupée" reads as the adjective "préoccupé" first
    for key in keys:
        for trig in table.get(key, []):
            if (
                trig.pos == tok.pos_
                or (
                    trig.pos == "NOUN"
                    and tok.pos_ in ("PROPN", "VERB")
                    and any(c.dep_ == "det" for c in tok.children)
                )
                or (trig.pos == "VERB" and tok.pos_ == "AUX")
                or (trig.pos == "ADJ" and tok.pos_ in ("VERB", "ADJ"))
            ):
                if trig not in found:
                    found.append(trig)
    return found


def _needs_met(trig: Trigger, tok: Token) -> bool:
    if not trig.needs:
        return True
    near: set[str] = set()
    frontier = list(tok.children)
    for _ in range(3):  # children, grandchildren, great-grandchildren
        nxt = []
        for t in frontier:
            near.update({t.lemma_.lower(), t.lower_})
            nxt.extend(t.children)
        frontier = nxt
    if tok.dep_ in ("amod", "acl") and tok.head.i != tok.i:
        # "la résolution proposée par X", "le projet de résolution préparé par X"
        near.add(tok.head.lemma_.lower())
        near.update(c.lemma_.lower() for c in tok.head.children if c.dep_ == "nmod")
    return any(n in near for n in trig.needs)


# -- argument resolution ------------------------------------------------------------------


def _actors_at(tok: Token, index: ActorIndex, depth: int = 0) -> list[Actor]:
    """Actors a token stands for: its own mention, its conjuncts, or (for a noun that is not
    an actor, like 'la visite de Poutine') the actor in its 'de'/'entre' complement."""
    out: list[Actor] = []
    mention = index.at(tok)
    if mention is not None and all(a.code == "OTHER" for a in mention.actors):
        # "au Président Pierre Nkurunziza": the apposition names who the title is
        for child in tok.children:
            if (
                child.dep_ in ("appos", "flat:name", "nmod")
                and _case(child) not in ("à", "en", "dans", "sur")  # where, not whom for
                and index.at(child) not in (None, mention)
            ):
                mention = index.at(child)
                break
    agent = _noun_agent(tok, index) if mention is None and tok.pos_ == "NOUN" and depth == 0 else []
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
            if child.dep_ in ("nmod", "obl", "obl:mod", "appos") and _case(child) in (
                "de",
                "entre",
            ):
                out.extend(_actors_at(child, index, depth + 1))
                if out:
                    break
    for child in tok.children:
        if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "PRON", "ADJ"):
            out.extend(a for a in _actors_at(child, index, depth + 1) if a not in out)
    if mention is not None and depth == 0:
        out.extend(a for a in _enumeration(mention, index, tok.doc) if a not in out)
    return _dedupe(out)


_LIST_AND = {"et", "ou"}


def _enumeration(mention: ActorMention, index: ActorIndex, doc: Doc) -> list[Actor]:
    """The other members of a list the parser broke ("Paris et Berlin ont appelé", with
    "Paris" as the root): names joined by "et"/"ou"/"ainsi que" (and commas inside the
    list), read along the surface. A list needs its conjunction: "Selon Paris, Moscou" and
    "la Russie, alliée de Damas," are not lists."""
    sent = doc[mention.head].sent

    def joiner(word: Token) -> str:
        if word.lower_ in _LIST_AND or (word.lower_ == "que" and doc[word.i - 1].lower_ == "ainsi"):
            return "and"
        if word.text == "," or word.lower_ == "ainsi" or word.pos_ == "DET":
            return "soft"
        return ""

    found: list[Actor] = []
    i, seen_and = mention.start - 1, False  # backwards: "X et" right before the name
    while i >= sent.start:
        kind = joiner(doc[i])
        if kind == "and":
            seen_and = True
        elif kind == "soft" and (seen_and or doc[i].pos_ == "DET"):
            pass
        else:
            other = index.by_token.get(i)
            if other is None or other is mention or not seen_and:
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
        if other is None or other is mention or not joiner(doc[i - 1]):
            break
        pending.extend(other.actors)
        if closed:
            found.extend(pending)
            pending = []
        i = other.end
    return found


def _dedupe(actors: list[Actor]) -> list[Actor]:
    seen: set[str] = set()
    out = []
    for a in actors:
        key = a.code if a.code != "OTHER" else a.label
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


# locutions the tagger reads as adverb + "de": "auprès de X", "autour de Taïwan"
_ADVERB_PREPOSITIONS = {"auprès", "près", "autour", "au-dessus", "au-delà", "loin", "lors"}


def _case(tok: Token) -> str:
    for child in tok.children:
        if child.dep_ in ("case", "mark", "fixed") or (child.pos_ == "ADP" and child.i < tok.i):
            word = _CONTRACTIONS.get(child.lower_, child.lower_)
            before = tok.doc[child.i - 1] if child.i > 0 else child
            if word == "de" and before.lower_ in _ADVERB_PREPOSITIONS:
                return before.lower_
            return word
    return ""


def _is_passive(verb: Token) -> bool:
    # The parser's nsubj:pass alone is unreliable ("Les États-Unis ont accusé"): a passive
    # needs its auxiliary or an agent.
    if any(c.dep_ == "expl:pass" or c.lower_ in ("se", "s'", "s’") for c in verb.children):
        return False  # "la Russie s'est opposée": a pronominal verb, not a passive
    if any(c.dep_ == "aux:pass" for c in verb.children):
        return True
    if any(c.dep_ == "aux:tense" and c.lemma_.lower() == "avoir" for c in verb.children):
        return False  # "n'a pas condamné l'invasion par la Russie": active; "par" is the noun's
    participle = "Part" in verb.morph.get("VerbForm")
    return participle and any(c.dep_ == "obl:agent" for c in verb.children)


def _subjects(
    verb: Token, index: ActorIndex, depth: int = 0, patient_ok: bool = True
) -> list[Actor]:
    """Who does what `verb` says. With `patient_ok` False, the subject of a passive (its
    patient: "les bureaux soient fermés") is never taken for the doer; a noun trigger's
    governor keeps it ("le président est attendu pour une visite": he visits)."""
    passive = _is_passive(verb)
    for child in verb.children:
        if passive and (
            child.dep_ == "obl:agent" or (child.dep_.startswith("obl") and _case(child) == "par")
        ):
            found = _actors_at(child, index)
            if found:
                return found
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj") or (
            child.dep_ == "nsubj:pass" and (patient_ok or not passive)
        ):
            if child.lower_ in ("qui", "que", "lequel", "laquelle"):
                clause = verb  # "une résolution proposée par X et qui prévoit": the résolution
                while clause.dep_ == "conj" and clause.head.i != clause.i:
                    clause = clause.head
                if clause.dep_.startswith("acl"):
                    return _actors_at(clause.head, index) or _antecedent(child, index)
            found = _actors_at(child, index)
            if found:
                return found
    if (
        depth < 3
        and verb.dep_ in ("xcomp", "conj", "advcl", "ccomp", "acl", "acl:relcl")
        and verb.head.i != verb.i
    ):
        head = verb.head
        if verb.dep_ == "ccomp" and head.lemma_.lower() in cues().speech:
            return []  # "X a précisé que des documents seront signés": X only says so
        if verb.dep_ == "xcomp" and head.lemma_.lower() in cues().object_control:
            objects = [c for c in head.children if c.dep_ in ("obj", "iobj") or _bare_nominal(c)]
            if objects:  # "A accuse B de fournir": B supplies, never A
                return _actors_at(objects[0], index)
        if verb.dep_ in ("acl", "acl:relcl") and head.pos_ in ("NOUN", "PROPN"):
            return _actors_at(head, index)
        return _subjects(head, index, depth + 1)
    if verb.dep_ == "ROOT" and not passive:
        return _linear_subject(verb, index)
    return []


def _linear_subject(verb: Token, index: ActorIndex) -> list[Actor]:
    """A root verb the parser left without a subject ("la ministre …, Miri Regev, a demandé",
    with "ministre" hung on an earlier verb): the name just before it, unless that name is
    another verb's object or complement."""
    sent = verb.sent
    for i in range(verb.i - 1, max(sent.start, verb.i - 6) - 1, -1):
        word = sent.doc[i]
        if word.pos_ in ("AUX", "ADV", "PUNCT") or word.dep_ == "flat:name":
            continue
        mention = index.by_token.get(i)
        if mention is None or word.dep_ in ("obj", "iobj", "obl", "obl:arg", "obl:mod"):
            return []
        return list(mention.actors)
    return []


def _bare_nominal(tok: Token) -> bool:
    """A name right of its verb with no preposition, which the parser took for something
    else than an object: "exhorté Washington à cesser" (Washington as xcomp)."""
    return (
        tok.dep_ in ("nmod", "obl:arg", "obl:mod", "xcomp")
        and tok.pos_ in ("NOUN", "PROPN")
        and tok.i > tok.head.i
        and not _case(tok)
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


def _governor(tok: Token) -> Token:
    """The verb (or predicative adjective) a noun trigger depends on."""
    cur = tok
    for _ in range(3):
        if (
            cur.dep_ in ("obj", "obl", "obl:arg", "obl:mod", "nmod", "xcomp", "nsubj:pass", "iobj")
            and cur.head.i != cur.i
        ):
            cur = cur.head
            if cur.pos_ in ("VERB", "AUX", "ADJ"):
                return cur
        else:
            break
    return tok


def _prep_actors(tok: Token, preps: set[str], index: ActorIndex) -> list[Actor]:
    for child in tok.children:
        if child.dep_ in _PREP_DEPS and child.dep_ != "obj" and _case(child) in preps:
            found = _actors_at(child, index)
            if found:
                return found
        if child.lower_ in _ADVERB_PREPOSITIONS and child.lower_ in preps:
            for grandchild in child.children:  # "protesté auprès de la Chine": under the adverb
                found = _actors_at(grandchild, index) if _case(grandchild) else []
                if found:
                    return found
    return []


def _linear_prep_actors(
    tok: Token, preps: set[str], index: ActorIndex, stop: int | None = None
) -> list[Actor]:
    """Parse-free fallback: the actors of the 'PREP ...' phrase within a few words after the
    trigger, through 'de' and 'entre X et Y' ('par le resserrement des liens entre A et B')."""
    sent = tok.sent
    end = min(tok.i + 12, sent.end, stop or sent.end)
    for i in range(tok.i + 1, end):
        word = sent.doc[i]
        prep = _CONTRACTIONS.get(word.lower_, word.lower_)
        # the tagger sometimes reads a preposition as a verb: "envers le Portugal"
        is_prep = word.pos_ == "ADP" or (word.pos_ == "VERB" and prep in _NEVER_VERBS)
        if word.pos_ == "VERB" and not is_prep and word.i > tok.i + 1:
            break
        if prep in preps and is_prep:
            governor = word.head.head
            if governor.pos_ == "ADJ" and tok.i < governor.i < word.i and prep in ("à", "de"):
                continue  # "la sanction relative à l'AMISOM": the adjective's complement
            found = _phrase_actors(sent, i + 1, index)
            if found:  # "l'accès au territoire à trois experts de l'ONU": the next one
                return found
    return []


def _phrase_actors(sent: Span, start: int, index: ActorIndex) -> list[Actor]:
    found: list[Actor] = []
    for j in range(start, min(start + 10, sent.end)):
        word = sent.doc[j]
        m = index.by_token.get(j)
        if m is not None:
            found.extend(a for a in m.actors if a not in found)
            continue
        if word.pos_ in ("VERB", "AUX") or (word.pos_ == "PUNCT" and word.text != "-"):
            break
        prep = _CONTRACTIONS.get(word.lower_, word.lower_)
        # the phrase ends at its next preposition: "à une résolution sur la Syrie" is not
        # about Syria's acts; "des liens entre A et B", "la frontière avec X" go on
        if word.pos_ == "ADP" and prep not in ("de", "entre") and (found or prep != "avec"):
            break
        if found and word.pos_ == "CCONJ" and word.lower_ != "et":
            break
        if word.pos_ == "PRON" and word.lower_ in ("qui", "que", "qu'", "qu’", "dont", "où"):
            break  # a relative clause starts: "à l'AMISOM qu'elle accorde"
    return found


def _linear_source(tok: Token, index: ActorIndex) -> list[Actor]:
    """Parse-free fallback for a noun: 'X, qui multiplient les sanctions' -> X."""
    lex = cues()
    sent = tok.sent
    for i in range(tok.i - 1, max(sent.start, tok.i - 9) - 1, -1):
        word = sent.doc[i]
        m = index.by_token.get(i)
        if m is not None:
            return list(m.actors)
        if word.pos_ in ("DET", "ADJ", "ADV", "AUX", "PUNCT", "NUM") or word.lower_ in (
            "qui",
            "a",
            "ont",
        ):
            continue
        if word.pos_ == "VERB" and word.lemma_.lower() in lex.light_verbs:
            continue
        break
    return []


def _role(role: str, tok: Token, trig: Trigger, index: ActorIndex) -> tuple[list[Actor], float]:
    verb_like = tok.pos_ in ("VERB", "AUX", "ADJ") and trig.pos != "NOUN"
    if role == "subj":
        if verb_like:
            return _subjects(tok, index, patient_ok=False), 0.9
        gov = _governor(tok)
        if gov.i != tok.i:
            if gov.lemma_.lower() in cues().beneficiary:
                return [], 0.0
            if tok.dep_ == "nsubj:pass" and _is_passive(gov):
                # "la levée des sanctions a été annoncée par les États-Unis"
                agents = [c for c in gov.children if c.dep_ == "obl:agent" or _case(c) == "par"]
                found = _actors_at(agents[0], index) if agents else []
                return (found, 0.8) if found else ([], 0.0)
            if tok.dep_.startswith("nsubj"):
                return [], 0.0
            if gov.lemma_.lower() in cues().topic_verbs:
                return [], 0.0  # "le chancelier a évoqué la guerre": he talks about it
            if gov.lemma_.lower() not in cues().light_verbs and (
                _role("de", tok, trig, index)[0] or _role("poss", tok, trig, index)[0]
            ):
                return [], 0.0  # "protester contre la visite de X": X visits, not the protester
            found = _subjects(gov, index)
            if found:
                return found, 0.8
        return _linear_source(tok, index), 0.6
    if role in ("obj", "obj_de"):
        if not verb_like:
            return [], 0.0
        passive = _is_passive(tok)
        if passive and tok.dep_ == "acl" and tok.head.i != tok.i:
            # "une résolution proposée par la France": the participle's patient is its noun
            found = _actors_at(tok.head, index)
            if found:
                return found, 0.85
        for child in tok.children:
            if (passive and child.dep_.startswith("nsubj")) or (
                not passive and child.dep_ in ("obj", "iobj")
            ):
                found = _actors_at(child, index)
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
                    found = _actors_at(child, index)
                    if found:
                        return found, 0.7
        return [], 0.0
    if role == "de":
        if verb_like:  # "se retirer de X", "s'inquiéter de X"
            found = _prep_actors(tok, {"de"}, index)
            return (found, 0.85) if found else ([], 0.0)
        # "l'appui déterminant de la Russie": the parser hangs "de X" on the modifier
        modifiers = [g for c in tok.children if c.dep_ in ("amod", "acl") for g in c.children]
        for child in [*tok.children, *modifiers]:
            if child.dep_ in ("nmod", "obl", "obl:arg", "obl:mod", "obl:agent") and _case(
                child
            ) in (
                "de",
                "par",
            ):
                found = _actors_at(child, index)
                if found:
                    return found, 0.85
        return [], 0.0
    if role == "poss":
        for child in tok.children:
            if child.dep_ == "det" and "Yes" in child.morph.get("Poss"):
                gov = _governor(tok)
                # "X bénéficie de son soutien": the possessor is not the beneficiary X
                own = gov.i == tok.i or gov.lemma_.lower() in cues().beneficiary
                found = _subjects(gov, index) if not own else []
                if found:
                    return found, 0.75
                m = index.by_token.get(child.i)
                if m:
                    return list(m.actors), 0.7
        return [], 0.0
    if role == "head_subj":  # "A prend des mesures pour que B paie le prix": A
        return (_subjects(tok.head, index), 0.7) if tok.head.i != tok.i else ([], 0.0)
    if role == "clause":
        for child in tok.children:
            if child.dep_ in ("ccomp", "xcomp"):
                for t in child.subtree:
                    m = index.by_token.get(t.i)
                    if m:
                        return list(m.actors), 0.7
        return [], 0.0
    if role == "topic":  # the article's main actor: handled once sources are known
        return [], 0.0
    # a preposition ("du", "aux" in the lexicon mean "de", "à")
    preps = {_CONTRACTIONS.get(role, role)}
    found = _prep_actors(tok, preps, index)
    if found:
        return found, 0.9
    if trig.pos == "NOUN":
        gov = _governor(tok)
        if gov.i != tok.i:
            found = _prep_actors(gov, preps, index)
            if found:
                return found, 0.7
    found = _linear_prep_actors(tok, preps, index)
    if not found and trig.pos == "NOUN":
        gov = _governor(tok)
        if gov.i < tok.i:  # "est attendu à Pyongyang pour une visite"
            found = _linear_prep_actors(gov, preps, index, stop=tok.i)
    return found, 0.6


def _arguments(
    roles: tuple[str, ...], tok: Token, trig: Trigger, index: ActorIndex
) -> tuple[list[Actor], float]:
    for role in roles:
        found, conf = _role(role, tok, trig, index)
        if found:
            return found, conf
    return [], 0.0


# -- modality ------------------------------------------------------------------------------


def _negated_here(tok: Token, lex: Cues) -> str | None:
    for child in tok.children:
        if (
            child.dep_ in ("advmod", "cc", "mark", "case")
            and child.lemma_.lower() in lex.negation
            and child.lower_ != "plus"
            or (
                child.lower_ == "plus" and any(c.lower_ in ("ne", "n'", "n’") for c in tok.children)
            )
        ):
            return child.lower_
        if child.dep_.startswith(("nsubj", "obj")) and any(
            d.lemma_.lower() in ("aucun", "aucune") for d in child.children
        ):
            return "aucun"
    return None


def _modality(tok: Token, trig: Trigger, lex: Cues) -> tuple[str, list[str]]:
    """How the text presents the event, from the trigger up through its governors."""
    chain: list[Token] = [tok]
    cur = tok
    for _ in range(4):
        if cur.dep_ in ("ROOT",) or cur.head.i == cur.i:
            break
        if cur.dep_ not in (
            "xcomp",
            "ccomp",
            "advcl",
            "obj",
            "obl",
            "obl:arg",
            "obl:mod",
            "nmod",
            "acl",
            "csubj",
            "nsubj",
            "nsubj:pass",
            "conj",
            "amod",
        ):
            break
        cur = cur.head
        chain.append(cur)
        if cur.lemma_.lower() in lex.speech and cur.pos_ == "VERB":
            break
    for level, t in enumerate(chain):
        lemma = t.lemma_.lower()
        neg = _negated_here(t, lex)
        # "n'a pas effectué de visite", "ne veut pas rencontrer" negate the event;
        # "n'a pas condamné l'invasion" negates the condemning, not the invasion
        carries = level == 0 or lemma in lex.light_verbs or lemma in lex.governors
        double = level > 0 and lex.governors.get(lemma) == "negated"  # "ne refuse pas de"
        if neg and not double and (carries or chain[level - 1].dep_ in ("xcomp", "conj")):
            return "negated", [f"negation:{neg}@{t.text}"]
        if level > 0 and lemma in lex.governors:
            value = lex.governors[lemma]
            if lemma == "attendre" and not _is_passive(t):
                continue
            if chain[level - 1].lemma_.lower() in lex.beneficiary:
                continue  # "peut compter sur l'appui de X": the support is there
            if lemma in _CLAUSE_GOVERNORS and not _takes_clause(t, chain[level - 1]):
                continue
            if value == "negated" and _negated_here(t, lex):
                return "possible", [f"governor:ne-{lemma}-pas"]  # "n'exclut pas de frapper"
            return value, [f"governor:{lemma}"]
        if t.pos_ in ("NOUN",) and level == 0:
            for child in t.children:
                value = lex.noun_modality.get(child.lemma_.lower())
                if value:
                    return value, [f"modifier:{child.lemma_.lower()}"]
        tense, mood = _tense_mood(t)
        if t.pos_ in ("VERB", "AUX", "ADJ"):
            if tense == "Fut":
                return "planned", [f"future:{t.text}"]
            if mood == "Sub" and t.head.i != t.i:
                continue  # "demande que les bureaux soient fermés": the governor decides
            if mood == "Cnd":
                if _past_conditional(t):
                    return "alleged", [f"conditional-past:{t.text}"]
                return "possible", [f"conditional:{t.text}"]
            if (
                tense in ("Past", "Pres", "Imp")
                and level > 0
                and t.pos_ == "VERB"
                and lemma not in lex.light_verbs
                and lemma not in lex.speech
            ):
                # a full verb governing a noun trigger sets its own tense only if it is a support verb
                continue
            if tense:
                return "asserted", []
    return "asserted", []


def _takes_clause(gov: Token, child: Token) -> bool:
    return child.dep_ in ("xcomp", "ccomp") or child.lemma_.lower() in ("intention",)


def _tense_mood(tok: Token) -> tuple[str, str]:
    tense = tok.morph.get("Tense")
    mood = tok.morph.get("Mood")
    for aux in tok.children:
        if aux.dep_.startswith("aux") or aux.dep_ == "cop":
            if aux.morph.get("Tense"):
                tense = (
                    aux.morph.get("Tense")
                    if aux.morph.get("Tense")[0] == "Fut" or not tense
                    else tense
                )
                if aux.morph.get("Tense")[0] == "Fut":
                    tense = ["Fut"]
            if aux.morph.get("Mood") and aux.morph.get("Mood")[0] in ("Cnd", "Sub"):
                mood = aux.morph.get("Mood")[:1] if mood != ["Cnd"] else mood
    form = _form_tense(tok)
    if form == "Fut" and (not tense or tense[0] == "Pres"):
        tense = ["Fut"]
    elif form == "Cnd" and mood != ["Cnd"]:
        mood = ["Cnd"]
    return (tense[0] if tense else ""), (mood[0] if mood else "")


_FUTURE_ENDINGS = ("ont", "ons", "ez", "ai", "as", "a")
_CONDITIONAL_ENDINGS = ("aient", "ait", "ais", "ions", "iez")


def _form_tense(tok: Token) -> str:
    """Future or conditional read off the word when the tagger missed it ("mèneront" tagged
    present): the infinitive (or its stem for -re verbs) plus an ending. "déclarait" is an
    imperfect (stem "déclar"), "déclarerait" a conditional (stem "déclarer")."""
    if tok.pos_ not in ("VERB", "AUX") or "Fin" not in tok.morph.get("VerbForm"):
        return ""
    text, lemma = _plain(tok.lower_), _plain(tok.lemma_.lower())
    stems = {lemma, lemma[:-1]} if lemma.endswith("re") else {lemma}
    for infinitive, stem in cues().future_stems.items():  # "soutenir" -> "soutiendr"
        if lemma.endswith(_plain(infinitive)):
            stems.add(lemma[: -len(_plain(infinitive))] + _plain(stem))
    for tense, endings in (("Cnd", _CONDITIONAL_ENDINGS), ("Fut", _FUTURE_ENDINGS)):
        for ending in endings:
            base = text[: -len(ending)]
            if text.endswith(ending) and base.endswith("r") and base in stems:
                return tense
    return ""


def _plain(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def _past_conditional(tok: Token) -> bool:
    return any(
        a.dep_.startswith("aux") and "Cnd" in a.morph.get("Mood") for a in tok.children
    ) and "Part" in tok.morph.get("VerbForm")


def _attribution(tok: Token, index: ActorIndex, lex: Cues) -> Actor | None:
    cur = tok
    for _ in range(5):
        if cur.lemma_.lower() in lex.speech and cur.i != tok.i and cur.pos_ == "VERB":
            for child in cur.children:
                if child.dep_.startswith("nsubj"):
                    found = _actors_at(child, index)
                    if found:
                        return found[0]
        if cur.head.i == cur.i:
            break
        cur = cur.head
    for t in tok.sent:
        after = (
            t.lower_ in ("d'", "d’") and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "après"
        )
        if t.lower_ == "selon" or after:  # "selon X", "d'après X"
            found = _actors_at(t.head, index)
            if found:
                return found[0]
    speakers = index.speakers.get(tok.sent.start)
    if speakers and inside_quote(tok):
        return speakers[0]
    return _incise_speaker(tok, index, lex)


def _incise_speaker(tok: Token, index: ActorIndex, lex: Cues) -> Actor | None:
    """ "X se rendra à Washington, a annoncé Downing Street": a speech verb set off by a
    comma after the event, with its subject after it."""
    sent = tok.sent
    for verb in sent:
        if verb.i <= tok.i or verb.pos_ != "VERB" or verb.lemma_.lower() not in lex.speech:
            continue
        before = [t for t in sent.doc[tok.i + 1 : verb.i] if t.pos_ != "AUX"]
        if not before or before[-1].text != ",":
            continue
        for i in range(verb.i + 1, min(verb.i + 8, sent.end)):
            mention = index.by_token.get(i)
            if mention is not None and mention.actors[0].code != "OTHER":
                return mention.actors[0]
    return None


# -- the sentence reader --------------------------------------------------------------------


def sentence_events(sent: Span, index: ActorIndex, lang: str = "fr") -> list[RawEvent]:
    """Every event reported in one sentence, before merging."""
    lex = cues(lang)
    out: list[RawEvent] = []
    for tok in sent:
        for trig in _candidates(tok, lang):
            if not _needs_met(trig, tok):
                continue
            if trig.pos == "NOUN" and _reported_by_governor(tok, trig, lang):
                break  # "signer un traité": the verb already reports this event
            own = index.at(tok)
            agent = _noun_agent(tok, index) if trig.pos == "NOUN" else []
            if trig.pos == "NOUN" and own is not None and own.via == "author":
                sources, s_conf = list(own.actors), 0.85  # "les sanctions américaines"
            elif agent:
                sources, s_conf = agent, 0.85  # "l'invasion de l'Ukraine par la Russie"
            else:
                sources, s_conf = _arguments(trig.source, tok, trig, index)
            targets, t_conf = _arguments(trig.target, tok, trig, index)
            kind = event_kind(trig.kind)
            if (kind.symmetric or trig.kind == "sign_agreement") and _pair_noun(trig, kind):
                # "les traités entre le Maroc et l'UE": the pair is named, whoever is subject
                pair = _role("entre", tok, trig, index)[0] if "entre" in trig.target else []
                if len(pair) >= 2:
                    sources, targets, s_conf, t_conf = [], pair, 0.8, 0.8
            if not targets:
                targets = _where_relative(tok, trig, index)  # "en Ukraine, où la Russie mène..."
                t_conf = 0.6
            if not targets and sources and "topic" in trig.target:
                # "la Turquie a condamné un « crime contre l'humanité »" in a Syria story
                topic = index.topic(exclude={a.code for a in sources})
                targets, t_conf = ([topic], 0.5) if topic else ([], 0.0)
            if not targets and trig.pos == "NOUN":
                gov = _governor(tok)
                if gov.i != tok.i and gov.lemma_.lower() in lex.beneficiary:
                    # "la Turquie peut compter sur l'appui de la Russie": Turkey is supported
                    targets, t_conf = _subjects(gov, index), 0.75
            pairs: list[tuple[Actor, Actor]] = []
            if sources and targets:
                pairs = [(s, t) for s in sources for t in targets]
            elif (kind.symmetric or trig.kind == "sign_agreement") and _mutual(trig, kind):
                group = sources or targets
                if not group and trig.kind == "sign_agreement":
                    group = _implied_parties(tok, index)
                if len(group) >= 2:
                    pairs = [(a, b) for i, a in enumerate(group) for b in group[i + 1 :]]
                    s_conf = t_conf = max(s_conf, t_conf) - 0.1
            pairs = [
                (s, t)
                for s, t in pairs
                if s.code != t.code and not (s.code == "OTHER" and t.code == "OTHER")
            ]
            if not pairs:
                continue
            modality, mod_cues = _modality(tok, trig, lex)
            attributed = _attribution(tok, index, lex)
            for s, t in pairs:
                out.append(
                    RawEvent(
                        trig,
                        tok,
                        s,
                        t,
                        modality,
                        mod_cues,
                        attributed,
                        round(min(s_conf or 0.6, t_conf or 0.6), 2),
                    )
                )
                if trig.kind == "sign_agreement":  # both parties sign: listed both ways
                    out.append(
                        RawEvent(
                            trig,
                            tok,
                            t,
                            s,
                            modality,
                            mod_cues,
                            attributed,
                            round(min(s_conf or 0.6, t_conf or 0.6), 2),
                        )
                    )
            break  # the first matching entry of a token wins
    return _drop_embedding_accusations(out)


def _noun_agent(tok: Token, index: ActorIndex) -> list[Actor]:
    """The "par X" of an event noun: "l'invasion de l'Ukraine par la Russie" (or of the active
    verb governing it, where the parser hung it: "n'a pas condamné l'invasion ... par X")."""
    places = [tok, *(c for c in tok.children if c.dep_ == "nmod")]  # "du Koweït par l'Irak"
    gov = _governor(tok)
    if gov.i != tok.i and not _is_passive(gov):
        places.append(gov)
    for place in places:
        for child in place.children:
            if child.dep_ in ("nmod", "obl:agent", "obl", "obl:mod") and _case(child) == "par":
                if place is gov and child.i < tok.i:
                    continue  # before the noun: the verb's own complement
                found = _actors_at(child, index, depth=1)
                if found:
                    return found
    return []


def _implied_parties(tok: Token, index: ActorIndex) -> list[Actor]:
    """Who signs when the text names no one: the parties of the occasion ("un accord signé
    lors de la visite de Poutine en Corée du Nord"), or, for "des documents seront signés",
    the last two states named just before."""
    occasions = [c for c in tok.children if _case(c) in ("lors", "pendant", "durant")]
    occasions += [g for c in tok.children if c.lower_ == "lors" for g in c.children]
    for noun in occasions:
        if noun.pos_ != "NOUN":
            continue
        parties = list(_actors_at(noun, index))
        for c in noun.subtree:  # "au Brésil" may hang on "du président chinois"
            if c.i != noun.i and _case(c) in ("en", "à", "avec", "entre"):
                parties.extend(_actors_at(c, index))
        parties = _dedupe(parties)
        if len({a.code for a in parties}) >= 2:
            return parties
    if tok.pos_ != "VERB" or not _is_passive(tok) or _subjects(tok, index, patient_ok=False):
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


def _mutual(trig: Trigger, kind: EventKind) -> bool:
    """Whether "A et B ont <trigger>" with no target means A with B: "se sont rencontrés",
    "ont convenu", "ont signé" do; "ont offert leur aide" (an offer to someone) does not."""
    return kind.plover_type != "AGREE" or trig.lemma in cues().mutual_agree


def _pair_noun(trig: Trigger, kind: EventKind) -> bool:
    """Nouns whose "entre X et Y" names both parties ("un accord entre X et Y"); not a
    mediation or an offer, where "entre" names those the source acts towards."""
    return trig.pos == "NOUN" and trig.kind != "mediate" and kind.plover_type != "AGREE"


def _where_relative(tok: Token, trig: Trigger, index: ActorIndex) -> list[Actor]:
    """The place a relative "où" clause hangs on, for triggers whose target is a place
    preposition: "les combats en Ukraine, où la Russie mène une opération militaire"."""
    if not {"en", "à", "dans"} & set(trig.target):
        return []
    clause = _governor(tok) if trig.pos == "NOUN" else tok
    if not any(c.lower_ == "où" for c in clause.children) or clause.head.i == clause.i:
        return []
    place = clause.head  # the noun the relative clause modifies, or a place beside it
    for t in (place, *(c for c in place.children if _case(c) in ("en", "à", "dans"))):
        mention = index.at(t)
        if mention is not None:
            return list(mention.actors)
    return []


# A stance taken on an event leaves that event standing: "la Chine a protesté contre la
# visite de X aux États-Unis" reports the visit as well as the protest.
_STANCE_TYPES = {"ACCUSE", "REQUEST", "THREATEN"}
_STANCE_KINDS = {"praise", "support", "defend"}


def quote_events(doc: Doc, index: ActorIndex, lang: str = "fr") -> dict[int, list[RawEvent]]:
    """Criticism said in a quote: « ... c'est l'Union africaine, en complicité avec l'Union
    européenne. C'est inadmissible ! » — the speaker against each actor the quote names,
    when the quote holds a word of a `QUOTE` trigger row. By sentence start of the cue."""
    rows = [t for entries in triggers(lang).values() for t in entries if t.pos == "QUOTE"]
    out: dict[int, list[RawEvent]] = {}
    if not rows:
        return out
    for quote in _quote_spans(doc):
        speakers = index.speakers.get(quote[0].sent.start) or index.speakers.get(
            quote[-1].sent.start
        )
        if not speakers or speakers[0].code == "OTHER":
            continue
        speaker = speakers[0]
        named: list[Actor] = []
        for t in quote:
            m = index.by_token.get(t.i)
            if m is not None and m.via != "speaker":
                named.extend(a for a in m.actors if a.code not in ("OTHER", speaker.code))
        for trig in rows:
            cue = next((t for t in quote if {t.lemma_.lower(), t.lower_} & set(trig.needs)), None)
            if cue is None:
                continue
            for target in _dedupe(named):
                raw = RawEvent(trig, cue, speaker, target, "asserted", [f"quote:{cue.text}"])
                raw.attributed_to, raw.confidence = speaker, 0.6
                out.setdefault(cue.sent.start, []).append(raw)
            break
    return out


def _quote_spans(doc: Doc) -> list[list[Token]]:
    """Token runs between « and » (or “ ”), across sentence breaks."""
    spans: list[list[Token]] = []
    current: list[Token] | None = None
    for t in doc:
        if t.text in ("«", "“"):
            current = []
        elif t.text in ("»", "”"):
            if current:
                spans.append(current)
            current = None
        elif current is not None:
            current.append(t)
            if len(current) > 400:  # an unclosed quote is not one
                current = None
    return spans


def _reported_by_governor(tok: Token, trig: Trigger, lang: str) -> bool:
    """A noun trigger that is the object of another trigger is part of that event, not one
    of its own: "signer un traité", "interrompre son aide", "refus de collaboration"."""
    heads = [_governor(tok)]
    if tok.dep_ in ("nmod", "obl", "obj") and tok.head.i != tok.i:
        heads.append(tok.head)
    for head in heads:
        if head.i == tok.i:
            continue
        for t in _candidates(head, lang):
            stance = t.kind in _STANCE_KINDS or event_kind(t.kind).plover_type in _STANCE_TYPES
            if _needs_met(t, head) and not stance:
                return True
    return False


def _drop_embedding_accusations(events: list[RawEvent]) -> list[RawEvent]:
    """'A accuse B de fournir des armes à C': the supplying (alleged) is the event; the
    accusation itself is kept only when it embeds no event."""
    alleged_tokens = [e.token for e in events if e.modality == "alleged"]
    keep = []
    for e in events:
        if e.trigger.kind == "accuse" and any(
            t.i != e.token.i and e.token in t.ancestors for t in alleged_tokens
        ):
            continue
        keep.append(e)
    return keep


def sentence_denials(sent: Span, index: ActorIndex, lang: str = "fr") -> list[Denial]:
    """'Pyongyang et Moscou ont nié les allégations': who denies, to attach to alleged events."""
    lex = cues(lang)
    out = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma not in lex.denial or tok.pos_ != "VERB":
            continue
        if lemma == "rejeter" and not any(
            c.dep_ == "obj" and c.lemma_.lower() in lex.accusation_nouns for c in tok.children
        ):
            continue
        deniers = _subjects(tok, index)
        if deniers:
            out.append(Denial(deniers, tok))
    return out
