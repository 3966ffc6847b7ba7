"""Events in a sentence: triggers from the lexicon, their arguments (`arguments`), how the
text presents them (`modality`) and who says so (`attribution`); plus condemnations said in
quotes and denials of allegations."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.eventkinds import EventKind, event_kind
from kg.extract.actors import ActorIndex
from kg.extract.arguments import (
    arguments,
    conj_items,
    coordinated_addressee,
    dedupe,
    governor,
    implied_parties,
    noun_agent,
    read_role,
    subjects,
    targeted,
    where_relative,
)
from kg.extract.attribution import attribution
from kg.extract.modality import read_modality
from kg.extract.model import Actor
from kg.extract.triggers import Trigger, triggers
from kg.nlp import Cues, cues
from kg.nlp import lang as languages
from kg.nlp.lang import suffix_pattern

__all__ = [
    "RawEvent",
    "Denial",
    "trigger_candidates",
    "sentence_events",
    "sentence_denials",
    "quote_events",
]


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


def trigger_candidates(tok: Token, lang: str) -> list[Trigger]:
    table = triggers(lang)
    words = languages.get(lang)
    found = []
    keys = [tok.lemma_.lower(), tok.lower_]
    if tok.pos_ in ("ADJ", "VERB") and "Part" in tok.morph.get("VerbForm") or tok.pos_ == "ADJ":
        stem = suffix_pattern(words.adjective_endings).sub("", tok.lower_)
        keys = [stem, *keys]  # "préoccupée" reads as the adjective "préoccupé" first
    # a participle the tagger read as a noun: "Washington a téléphoné aux ..." (with its
    # auxiliary); its infinitive is the key, and it may fire verb triggers
    participle = tok.pos_ == "NOUN" and any(c.dep_.startswith("aux") for c in tok.children)
    if participle:
        keys.append(suffix_pattern(words.participle_endings).sub(words.infinitive, tok.lower_))
    if (
        tok.pos_ == "VERB"
        and tok.lemma_.lower() == tok.lower_
        and not tok.lower_.endswith(words.infinitive_final)
    ):
        # the lemmatizer gave up ("reproche"): try the -er infinitive of a present form
        keys.append(suffix_pattern(words.present_endings).sub(words.infinitive, tok.lower_))
    for key in keys:
        for trig in table.get(key, []):
            if (
                trig.pos == tok.pos_
                or (
                    trig.pos == "NOUN"
                    and tok.pos_ in ("PROPN", "VERB")
                    and any(c.dep_ == "det" for c in tok.children)
                )
                or (trig.pos == "VERB" and (tok.pos_ == "AUX" or participle))
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
    if tok.dep_ == "nmod" and tok.head.i != tok.i:
        near.add(tok.head.lemma_.lower())  # "en état d'alerte": the noun it complements
    if tok.dep_ == "xcomp" and tok.head.i != tok.i:
        # "les soldats français pourraient quitter le Mali": the controller's subject counts
        near.update(c.lemma_.lower() for c in tok.head.children if c.dep_.startswith("nsubj"))
    if tok.dep_ in ("amod", "acl") and tok.head.i != tok.i:
        # "la résolution proposée par X", "le projet de résolution préparé par X"
        near.add(tok.head.lemma_.lower())
        near.update(c.lemma_.lower() for c in tok.head.children if c.dep_ == "nmod")
    return any(n in near for n in trig.needs)


def sentence_events(sent: Span, index: ActorIndex, lang: str) -> list[RawEvent]:
    """Every event reported in one sentence, before merging: for each token, the first
    trigger entry whose `needs` are met and whose arguments give a pair of actors."""
    lex = cues(lang)
    out: list[RawEvent] = []
    for tok in sent:
        for trig in trigger_candidates(tok, lang):
            if not _needs_met(trig, tok):
                continue
            if _not_its_own_event(tok, trig, lang):
                break
            kind = event_kind(trig.kind)
            sources, s_conf = _find_sources(tok, trig, index)
            targets, t_conf = arguments(trig.target, tok, trig, index)
            pair = _named_pair(tok, trig, kind, index, lang)
            if pair:  # "les traités entre le Maroc et l'UE": the pair, whoever is subject
                sources, targets, s_conf, t_conf = [], pair, 0.8, 0.8
            if not targets:
                targets, t_conf = _fallback_targets(tok, trig, sources, index, lex)
            pairs, s_conf, t_conf = _pair_up(
                tok, trig, kind, sources, targets, s_conf, t_conf, index, lang
            )
            if not pairs:
                continue
            out.extend(_raw_events(tok, trig, pairs, min(s_conf or 0.6, t_conf or 0.6), index, lex))
            break  # the first matching entry of a token wins
    return _drop_embedding_accusations(out)


def _not_its_own_event(tok: Token, trig: Trigger, lang: str) -> bool:
    """A noun trigger that reports no event of its own, which ends the token's entries: the
    verb above already reports it ("signer un traité"), or it names a right ("le droit de
    veto de X")."""
    if trig.pos != "NOUN":
        return False
    if _reported_by_governor(tok, trig, lang):
        return True
    return tok.head.lemma_.lower() in cues(lang).capacity_nouns


def _find_sources(tok: Token, trig: Trigger, index: ActorIndex) -> tuple[list[Actor], float]:
    """Who acts, and how sure: the author adjective of a noun ("les sanctions américaines"),
    its agent ("l'invasion de l'Ukraine par la Russie"), else the row's source roles."""
    own = index.at(tok)
    agent = noun_agent(tok, index) if trig.pos == "NOUN" else []
    if trig.pos == "NOUN" and own is not None and own.via == "author":
        return list(own.actors), 0.85
    if agent:
        return agent, 0.85
    return arguments(trig.source, tok, trig, index)


def _named_pair(
    tok: Token, trig: Trigger, kind: EventKind, index: ActorIndex, lang: str
) -> list[Actor]:
    """Both parties of a pair noun named by the row's "between" role ("les traités entre le
    Maroc et l'UE"), when there are at least two; else none."""
    if not ((kind.symmetric or trig.kind == "sign_agreement") and _pair_noun(trig, kind)):
        return []
    between = languages.get(lang).between
    pair = read_role(between, tok, trig, index)[0] if between in trig.target else []
    return pair if len(pair) >= 2 else []


def _fallback_targets(
    tok: Token, trig: Trigger, sources: list[Actor], index: ActorIndex, lex: Cues
) -> tuple[list[Actor], float]:
    """Targets when the row's target roles find none, tried in order: the place of a
    relative "où" clause, the object of a targeting participle, the first verb's addressee
    of a coordinated verb, the article's topic (for `topic` rows with a source), and the
    subject of a beneficiary verb over a noun. The confidence is that of the last step
    that set it (0.6 when none finds anything, 0.0 after a topic that does not dominate)."""
    targets, conf = where_relative(tok, trig, index), 0.6  # "en Ukraine, où la Russie mène"
    if not targets:
        targets = targeted(tok, index)  # "des sanctions visant des responsables russes"
    if not targets:  # "X a convoqué l'ambassadeur de Y et exigé des excuses": from Y
        targets, conf = coordinated_addressee(tok, index), 0.6
    if not targets and sources and "topic" in trig.target:
        # "la Turquie a condamné un « crime contre l'humanité »" in a Syria story
        topic = index.topic(exclude={a.code for a in sources})
        targets, conf = ([topic], 0.5) if topic else ([], 0.0)
    if not targets and trig.pos == "NOUN":
        gov = governor(tok)
        if gov.i != tok.i and gov.lemma_.lower() in lex.beneficiary:
            # "la Turquie peut compter sur l'appui de la Russie": Turkey is supported
            targets, conf = subjects(gov, index), 0.75
    return targets, conf


def _pair_up(
    tok: Token,
    trig: Trigger,
    kind: EventKind,
    sources: list[Actor],
    targets: list[Actor],
    s_conf: float,
    t_conf: float,
    index: ActorIndex,
    lang: str,
) -> tuple[list[tuple[Actor, Actor]], float, float]:
    """The (source, target) pairs, with their confidences: every source with every target;
    with only one side, a group acting together for a mutual act ("A et B se sont
    rencontrés", the signing parties of the occasion), one confidence step lower. Pairs of
    one actor with itself, or of two unknowns, are left out."""
    pairs: list[tuple[Actor, Actor]] = []
    if sources and targets:
        pairs = [(s, t) for s in sources for t in targets]
    elif (kind.symmetric or trig.kind == "sign_agreement") and _mutual(trig, kind, lang):
        group = sources or targets
        if not group and trig.kind == "sign_agreement":
            group = implied_parties(tok, index)
        if len(group) >= 2:
            pairs = _group_pairs(group, conj_items(tok, index))
            s_conf = t_conf = max(s_conf, t_conf) - 0.1
    pairs = [
        (s, t)
        for s, t in pairs
        if s.code != t.code and not (s.code == "OTHER" and t.code == "OTHER")
    ]
    return pairs, s_conf, t_conf


def _raw_events(
    tok: Token,
    trig: Trigger,
    pairs: list[tuple[Actor, Actor]],
    confidence: float,
    index: ActorIndex,
    lex: Cues,
) -> list[RawEvent]:
    """One RawEvent per pair, with the trigger's modality and attribution; an event's
    confidence is the lowest of the arguments' `confidence` and its two actors'. A signing
    is listed both ways (both parties sign)."""
    modality, mod_cues = read_modality(tok, lex)
    attributed = attribution(tok, index, lex)
    out = []
    for s, t in pairs:
        conf = round(min(confidence, s.confidence, t.confidence), 2)
        out.append(RawEvent(trig, tok, s, t, modality, mod_cues, attributed, conf))
        if trig.kind == "sign_agreement":
            out.append(RawEvent(trig, tok, t, s, modality, mod_cues, attributed, conf))
    return out


def _group_pairs(group: list[Actor], items: list[list[Actor]]) -> list[tuple[Actor, Actor]]:
    """Every pair of a group that acts together, except inside one listed member: "l'Iran et
    les pays du groupe 5+1 (A, B, C) ont conclu un accord" pairs Iran with each of A, B, C."""
    if len(items) >= 2 and any(len(item) > 1 for item in items):
        pairs = []
        for i, item in enumerate(items):
            for other in items[i + 1 :]:
                pairs.extend((a, b) for a in item for b in other if a.code != b.code)
        return pairs
    return [(a, b) for i, a in enumerate(group) for b in group[i + 1 :]]


def _mutual(trig: Trigger, kind: EventKind, lang: str) -> bool:
    """Whether "A et B ont <trigger>" with no target means A with B: "se sont rencontrés",
    "ont convenu", "ont signé" do; "ont offert leur aide" (an offer to someone) does not."""
    return kind.plover_type != "AGREE" or trig.lemma in cues(lang).mutual_agree


def _pair_noun(trig: Trigger, kind: EventKind) -> bool:
    """Nouns whose "entre X et Y" names both parties ("un accord entre X et Y"); not a
    mediation or an offer, where "entre" names those the source acts towards."""
    return trig.pos == "NOUN" and trig.kind != "mediate" and kind.plover_type != "AGREE"


# A stance taken on an event leaves that event standing: "la Chine a protesté contre la
# visite de X aux États-Unis" reports the visit as well as the protest.
_STANCE_TYPES = {"ACCUSE", "REQUEST", "THREATEN"}


_STANCE_KINDS = {"praise", "support", "defend"}


def quote_events(doc: Doc, index: ActorIndex, lang: str) -> dict[int, list[RawEvent]]:
    """Criticism said in a quote: « ... c'est l'Union africaine, en complicité avec l'Union
    européenne. C'est inadmissible ! » — the speaker against each actor the quote names,
    when the quote holds a word of a `QUOTE` trigger row. By sentence start of the cue."""
    rows = [t for entries in triggers(lang).values() for t in entries if t.pos == "QUOTE"]
    out: dict[int, list[RawEvent]] = {}
    if not rows:
        return out
    for quote in _quote_spans(doc, lang):
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
            for target in dedupe(named):
                raw = RawEvent(trig, cue, speaker, target, "asserted", [f"quote:{cue.text}"])
                raw.attributed_to, raw.confidence = speaker, 0.6
                out.setdefault(cue.sent.start, []).append(raw)
            break
    return out


def _quote_spans(doc: Doc, lang: str) -> list[list[Token]]:
    """Token runs between « and » (or “ ”), across sentence breaks."""
    words = languages.get(lang)
    spans: list[list[Token]] = []
    current: list[Token] | None = None
    for t in doc:
        if t.text in words.quote_open:
            current = []
        elif t.text in words.quote_close:
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
    if tok.dep_ == "obl:mod":
        return False  # an adjunct is an event of its own: "envahi ... suite au retrait de X"
    heads = [governor(tok)]
    if tok.dep_ in ("nmod", "obl", "obj") and tok.head.i != tok.i:
        heads.append(tok.head)
    for head in heads:
        if head.i == tok.i:
            continue
        for t in trigger_candidates(head, lang):
            stance = (
                t.kind in _STANCE_KINDS
                or event_kind(t.kind).plover_type in _STANCE_TYPES
                or t.lemma in cues(lang).mutual_agree  # "sont convenus d'un cessez-le-feu"
            )
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


def sentence_denials(sent: Span, index: ActorIndex, lang: str) -> list[Denial]:
    """'Pyongyang et Moscou ont nié les allégations': who denies, to attach to alleged events."""
    lex = cues(lang)
    out = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma not in lex.denial or tok.pos_ != "VERB":
            continue
        if lemma in lex.object_denials and not any(
            c.dep_ == "obj" and c.lemma_.lower() in lex.accusation_nouns for c in tok.children
        ):
            continue
        deniers = subjects(tok, index)
        if deniers:
            out.append(Denial(deniers, tok))
    return out
