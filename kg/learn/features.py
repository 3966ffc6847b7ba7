"""Candidates and their features for the learned event classifier.

A **candidate** is an ordered pair of scored actors named in one sentence (by any actor
mention: a name, an adjective, a resolved pronoun, "les deux pays"...). The classifier
decides, for each candidate, which event types (if any) the sentence reports from the first
to the second, and how it presents them (modality).

Features are read off the French pipeline's parse, its word vectors and the lexicons, so
that wording never seen in training is still recognised:

- the syntactic roles of the two mentions (dependency label, governing preposition, how the
  actor was found) and their order;
- the lemmas on the dependency path between them, its shape, and the word where the two
  branches meet (most often the trigger verb or noun);
- the content words between them on the surface;
- which trigger rows of the lexicon fire in the sentence, on the path, or where the branches
  meet, by PLOVER type;
- what the rule extractor itself read for this pair (type and modality), when given;
- the mean word vector of the path and of the meeting word (dense part).

Everything here is plain functions on spaCy objects; nothing knows about training.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Span, Token

from kg.eventkinds import event_kind
from kg.extract.actors import ActorIndex, ActorMention, inside_quote
from kg.extract.model import Actor
from kg.extract.syntax import case_of
from kg.nlp import lang as languages

__all__ = [
    "Candidate",
    "RuleReading",
    "event_label",
    "pair_candidates",
    "pair_features",
    "trigger_labels",
    "modality_features",
    "dense_vector",
    "meeting_token",
]

_CONTENT = {"VERB", "NOUN", "ADJ", "AUX", "ADV"}
_PATH_LIMIT = 12  # tokens on a path worth reading; longer paths are rarely one event


@dataclass(frozen=True)
class Candidate:
    """An ordered pair of scored actors named in one sentence."""

    source: Actor
    target: Actor
    source_mention: ActorMention
    target_mention: ActorMention
    # 0: both actors are named in the sentence; k: one of them (`context_side` "s" or "t")
    # is only named k sentences before, and the sentence leaves it implicit
    context: int = 0
    context_side: str = ""


@dataclass(frozen=True)
class RuleReading:
    """What the rule extractor read in the sentence: a label, its pair, modality, trigger."""

    label: str
    source: str
    target: str
    modality: str
    trigger: int  # token index


def event_label(kind: str) -> str:
    """The classifier's label of an event kind: its PLOVER type, or CONSULT:visit."""
    k = event_kind(kind)
    return "CONSULT:visit" if k.plover_mode == "visit" else k.plover_type


_CONTEXT_SENTENCES = 2  # how far back an implicit actor is looked for
_CONTEXT_ACTORS = 4  # at most this many implicit actors per sentence, the closest first


def _first_mentions(sent: Span, index: ActorIndex) -> dict[str, tuple[Actor, ActorMention]]:
    first: dict[str, tuple[Actor, ActorMention]] = {}
    for mention in index.in_sentence(sent):
        for actor in mention.actors:
            if actor.code != "OTHER" and actor.code not in first:
                first[actor.code] = (actor, mention)
    return first


def pair_candidates(sent: Span, index: ActorIndex, context: bool = True) -> list[Candidate]:
    """Every ordered pair of distinct scored actors named in `sent`, each by the first
    mention that names it (subjects are first often enough; the parse decides the rest);
    with `context`, also each actor of the sentence paired with the actors of the two
    sentences before that it does not name ("Doha a condamné une violation de son espace
    aérien", after a sentence on Iran's strike)."""
    first = _first_mentions(sent, index)
    out = []
    for s_code, (s_actor, s_m) in first.items():
        for t_code, (t_actor, t_m) in first.items():
            if s_code != t_code:
                out.append(Candidate(s_actor, t_actor, s_m, t_m))
    if not context or not first:
        return out
    earlier: dict[str, tuple[Actor, ActorMention, int]] = {}
    start = sent.start
    for k in range(1, _CONTEXT_SENTENCES + 1):
        if start == 0:
            break
        prev = sent.doc[start - 1].sent
        for code, (actor, mention) in _first_mentions(prev, index).items():
            if code not in first and code not in earlier and len(earlier) < _CONTEXT_ACTORS:
                earlier[code] = (actor, mention, k)
        start = prev.start
    for actor, mention in first.values():
        for other, o_mention, k in earlier.values():
            out.append(Candidate(actor, other, mention, o_mention, k, "t"))
            out.append(Candidate(other, actor, o_mention, mention, k, "s"))
    return out


def _ancestors(tok: Token) -> list[Token]:
    chain = [tok]
    while chain[-1].head.i != chain[-1].i and len(chain) < 40:
        chain.append(chain[-1].head)
    return chain


def _path(a: Token, b: Token) -> tuple[list[Token], Token | None, list[Token]]:
    """Tokens from `a` up to the meeting word, the meeting word, and from there down to `b`."""
    up_a, up_b = _ancestors(a), _ancestors(b)
    seen = {t.i: n for n, t in enumerate(up_b)}
    for n, t in enumerate(up_a):
        if t.i in seen:
            return up_a[1:n], t, list(reversed(up_b[1 : seen[t.i]]))
    return up_a[1:], None, list(reversed(up_b[1:]))


def meeting_token(cand: Candidate, doc) -> Token | None:  # noqa: ANN001
    """The word where the dependency paths from the two mentions meet (for an implicit
    actor: the word the named one depends on)."""
    if cand.context:
        own = doc[_own_mention(cand).head]
        return own.head if own.head.i != own.i else own
    a, b = doc[cand.source_mention.head], doc[cand.target_mention.head]
    return _path(a, b)[1]


def _own_mention(cand: Candidate) -> ActorMention:
    """Of a context candidate, the mention inside the sentence."""
    return cand.target_mention if cand.context_side == "s" else cand.source_mention


def _first_conjunct(tok: Token) -> Token:
    hops = 0
    while tok.dep_ == "conj" and tok.head.i != tok.i and hops < 10:
        tok, hops = tok.head, hops + 1
    return tok


def _governor_lemma(tok: Token) -> str:
    """The lemma of the word a mention depends on (through a list: its first item's)."""
    first = _first_conjunct(tok)
    return first.head.lemma_.lower() if first.head.i != first.i else "ROOT"


def _role(tok: Token) -> str:
    dep = tok.dep_
    case = case_of(tok)
    if dep == "conj":  # a conjunct plays the role of the first item
        first = tok.head
        hops = 0
        while first.dep_ == "conj" and first.head.i != first.i and hops < 10:
            first, hops = first.head, hops + 1
        dep = first.head.dep_ if first.dep_ == "conj" else first.dep_
        case = case or case_of(first)
    return f"{dep}/{case}" if case else dep


def trigger_labels(sent: Span, lang: str) -> dict[int, frozenset[str]]:
    """Token index -> the labels of the lexicon's trigger rows that word may fire (before
    their arguments are looked for): the lexicon's say on words never seen in training."""
    from kg.extract.events import trigger_candidates  # the rule lexicon's look-up

    out = {}
    for tok in sent:
        labels = frozenset(event_label(t.kind) for t in trigger_candidates(tok, lang))
        if labels:
            out[tok.i] = labels
    return out


def _labels_at(tokens: Iterable[Token], labels: dict[int, frozenset[str]]) -> set[str]:
    return {label for tok in tokens for label in labels.get(tok.i, ())}


def pair_features(
    cand: Candidate,
    sent: Span,
    triggers: dict[int, frozenset[str]],
    rules: Sequence[RuleReading] = (),
    n_actors: int = 2,
) -> dict[str, float]:
    """Sparse features of a candidate (feature name -> value); `triggers` is
    `trigger_labels(sent)`, `rules` what the rule extractor read in the sentence."""
    if cand.context:
        return _context_features(cand, sent, triggers, rules, n_actors)
    doc = sent.doc
    s_head, t_head = doc[cand.source_mention.head], doc[cand.target_mention.head]
    up, meet, down = _path(s_head, t_head)
    path = (up + ([meet] if meet is not None else []) + down)[:_PATH_LIMIT]
    s_role, t_role = _role(s_head), _role(t_head)
    f: dict[str, float] = {
        f"s_role={s_role}": 1.0,
        f"t_role={t_role}": 1.0,
        f"roles={s_role}|{t_role}": 1.0,
        f"s_via={cand.source_mention.via}": 1.0,
        f"t_via={cand.target_mention.via}": 1.0,
        f"order={'st' if s_head.i < t_head.i else 'ts'}": 1.0,
        f"s_kind={cand.source.kind}": 1.0,
        f"s_gov={_governor_lemma(s_head)}|{s_role}": 1.0,
        f"t_gov={_governor_lemma(t_head)}|{t_role}": 1.0,
        f"s_gov={_governor_lemma(s_head)}": 1.0,
        f"t_gov={_governor_lemma(t_head)}": 1.0,
        f"t_kind={cand.target.kind}": 1.0,
        "bias": 1.0,
    }
    if cand.source_mention is cand.target_mention:
        f["same_mention"] = 1.0
    if _first_conjunct(s_head).i == _first_conjunct(t_head).i:
        f["coordinated"] = 1.0  # "la Russie et la Chine": listed together, rarely facing
    if not any(t.pos_ in ("VERB", "AUX") for t in path):
        f["no_verb_on_path"] = 1.0
    f[f"actors_in_sentence={min(n_actors, 6)}"] = 1.0
    distance = abs(s_head.i - t_head.i)
    f["dist_bucket=" + str(min(distance // 5, 6))] = 1.0
    f["path_len=" + str(min(len(path), 8))] = 1.0
    if meet is None:
        f["no_meet"] = 1.0
    else:
        lemma = meet.lemma_.lower()
        f[f"meet={lemma}"] = 1.0
        f[f"meet_pos={meet.pos_}"] = 1.0
        f[f"meet={lemma}|{s_role}|{t_role}"] = 1.0
        f[f"meet_pos={meet.pos_}|{s_role}|{t_role}"] = 1.0
        if meet.i in (s_head.i, t_head.i):
            f["meet_is_mention"] = 1.0
    for tok in path:
        if tok.pos_ in _CONTENT:
            f[f"path={tok.lemma_.lower()}"] = 1.0
    f["shape=" + ">".join(t.dep_ for t in up) + "^" + "<".join(t.dep_ for t in down)] = 1.0
    lo, hi = sorted((s_head.i, t_head.i))
    for tok in doc[lo + 1 : hi] if hi - lo < 25 else ():
        if tok.pos_ in _CONTENT:
            f[f"btw={tok.lemma_.lower()}"] = 1.0
    for label in _labels_at(path, triggers):
        f[f"path_trig={label}"] = 1.0
    if meet is not None:
        for label in triggers.get(meet.i, ()):
            f[f"meet_trig={label}"] = 1.0
            f[f"meet_trig={label}|{s_role}|{t_role}"] = 1.0
    for label in _labels_at(sent, triggers):
        f[f"sent_trig={label}"] = 1.0
    if inside_quote(s_head) or inside_quote(t_head):
        f["in_quote"] = 1.0
    for r in rules:
        if (r.source, r.target) == (cand.source.code, cand.target.code):
            f[f"rule={r.label}"] = 1.0
            f[f"rule_mod={r.modality}"] = 1.0
        elif (r.source, r.target) == (cand.target.code, cand.source.code):
            f[f"rule_rev={r.label}"] = 1.0
        elif r.source == cand.source.code:
            f[f"rule_s={r.label}"] = 1.0
        elif r.target == cand.target.code:
            f[f"rule_t={r.label}"] = 1.0
    return f


def _context_features(
    cand: Candidate,
    sent: Span,
    triggers: dict[int, frozenset[str]],
    rules: Sequence[RuleReading],
    n_actors: int,
) -> dict[str, float]:
    """Features of a pair one of whose actors the sentence leaves implicit: what the named
    actor does (its role, the words above it, the triggers there) and where the other was
    named. Their own namespace ("c:"), so they do not blur the in-sentence weights."""
    doc = sent.doc
    own = doc[_own_mention(cand).head]
    other = doc[(cand.source_mention if cand.context_side == "s" else cand.target_mention).head]
    side = cand.context_side
    role = _role(own)
    chain = _ancestors(own)[1:7]
    f: dict[str, float] = {
        "c:bias": 1.0,
        f"c:side={side}": 1.0,
        f"c:dist={cand.context}": 1.0,
        f"c:role={role}|{side}": 1.0,
        f"c:gov={_governor_lemma(own)}|{side}": 1.0,
        f"c:gov={_governor_lemma(own)}|{role}|{side}": 1.0,
        f"c:other_role={_role(other)}|{side}": 1.0,
        f"c:n={min(n_actors, 6)}": 1.0,
    }
    for tok in chain:
        if tok.pos_ in _CONTENT:
            f[f"c:anc={tok.lemma_.lower()}|{side}"] = 1.0
    for label in _labels_at(chain, triggers):
        f[f"c:anc_trig={label}|{side}"] = 1.0
        f[f"c:anc_trig={label}|{role}|{side}"] = 1.0
    for label in _labels_at(sent, triggers):
        f[f"c:sent_trig={label}|{side}"] = 1.0
    root = sent.root
    f[f"c:root={root.lemma_.lower()}"] = 1.0
    for r in rules:
        if (r.source, r.target) == (cand.source.code, cand.target.code):
            f[f"c:rule={r.label}"] = 1.0
    return f


def modality_features(
    cand: Candidate, sent: Span, label: str, rules: Sequence[RuleReading], lang: str
) -> dict[str, float]:
    """Features for how the sentence presents the candidate's event: the form of the word
    where the two mentions meet and of the words that govern it, negation under them, the
    rule extractor's own reading."""
    doc = sent.doc
    meet = meeting_token(cand, doc)
    f: dict[str, float] = {"bias": 1.0, f"label={label}": 1.0}
    chain = _ancestors(meet)[:5] if meet is not None else []
    for depth, tok in enumerate(chain):
        prefix = "m" if depth == 0 else "g"
        f[f"{prefix}_lemma={tok.lemma_.lower()}"] = 1.0
        for key in ("Mood", "Tense", "VerbForm"):
            for value in tok.morph.get(key):
                f[f"{prefix}_{key}={value}"] = 1.0
        for child in tok.children:
            if child.dep_ in ("advmod", "aux", "aux:tense", "aux:pass", "mark", "cop", "xcomp"):
                f[f"{prefix}_child={child.lemma_.lower()}"] = 1.0
    hearsay = languages.get(lang).hearsay  # "selon", "aurait", "prétendument"
    for tok in sent:
        if tok.lower_ in hearsay:
            f[f"sent_has={tok.lower_}"] = 1.0
    if meet is not None:
        from kg.extract.modality import read_modality
        from kg.nlp import cues

        value, found = read_modality(meet, cues(lang))  # the rules' reading of the meeting word
        f[f"read={value}"] = 1.0
        for cue in found:
            f[f"cue={cue.split(':')[0]}"] = 1.0
        if inside_quote(meet):
            f["in_quote"] = 1.0
    for r in rules:
        if {r.source, r.target} == {cand.source.code, cand.target.code}:
            f[f"rule_mod={r.modality}"] = 1.0
            if r.label == label:
                f[f"rule_mod_same={r.modality}"] = 1.0
    return f


def dense_vector(cand: Candidate, sent: Span) -> np.ndarray:
    """The mean word vector of the path's content words, beside the meeting word's vector."""
    doc = sent.doc
    width = doc.vocab.vectors_length or 1
    if cand.context:
        chain = _ancestors(doc[_own_mention(cand).head])[1:7]
        up, meet, down = chain, (chain[0] if chain else None), []
    else:
        s_head, t_head = doc[cand.source_mention.head], doc[cand.target_mention.head]
        up, meet, down = _path(s_head, t_head)
    words = [t for t in (up + down)[:_PATH_LIMIT] if t.pos_ in _CONTENT and t.has_vector]
    path_vec = np.mean([t.vector for t in words], axis=0) if words else np.zeros(width)
    meet_vec = meet.vector if meet is not None and meet.has_vector else np.zeros(width)
    return np.concatenate([_unit(path_vec), _unit(meet_vec)]).astype(np.float32)


def _unit(vec: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vec))
    return vec / norm if norm else vec
