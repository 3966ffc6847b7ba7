"""How the text presents an event: asserted, planned, possible, negated or alleged, read
from the trigger up through the words that govern it (negation, modal and reporting verbs,
tense and mood, with the verb form as a fallback when the tagger slips)."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.arguments import is_passive
from kg.extract.syntax import strip_accents, verb_lemma
from kg.nlp import Cues
from kg.nlp import lang as languages

__all__ = ["read_modality", "negated_here"]


def negated_here(tok: Token, lex: Cues) -> str | None:
    """The negation word on `tok` ("pas", "jamais"; "plus" only beside "ne"), or the cue of a
    negative determiner on its subject or object ("aucun accord")."""
    lang = languages.of(tok)
    weak = lang.particle_negations
    for child in tok.children:
        if (
            child.dep_ in ("advmod", "cc", "mark", "case")
            and child.lemma_.lower() in lex.negation
            and child.lower_ not in weak
            or (
                child.lower_ in weak
                and any(c.lower_ in lang.negation_particles for c in tok.children)
            )
        ):
            return child.lower_
        if child.dep_.startswith(("nsubj", "obj")):
            for d in child.children:
                cue = lang.negative_determiners.get(d.lemma_.lower())
                if cue:
                    return cue
    return None


_CLAUSE_OVERRIDES = {"possible", "alleged", "negated"}


def read_modality(tok: Token, lex: Cues) -> tuple[str, list[str]]:
    """How the text presents the event, from the trigger up through its governors. A verb
    over a finite clause can still hedge it: "on ignore si X sera autorisé" (possible),
    "Kiev affirme que Moscou a bombardé" (alleged), "nie que X ait livré" (alleged)."""
    chain = _chain(tok, lex)
    value, found = _local_modality(chain, lex)
    if value not in ("asserted", "planned"):
        return value, found
    for level in range(1, len(chain)):
        t, below = chain[level], chain[level - 1]
        governed = lex.governors.get(t.lemma_.lower())
        if below.dep_ == "ccomp" and governed in _CLAUSE_OVERRIDES and not negated_here(t, lex):
            return governed, [f"governor:{t.lemma_.lower()}", *found]
    return value, found


def _chain(tok: Token, lex: Cues) -> list[Token]:
    """The trigger and the words governing it, up to a reporting verb."""
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
    return chain


def _local_modality(chain: list[Token], lex: Cues) -> tuple[str, list[str]]:
    """The modality the trigger's own words and governors give, nearest first."""
    condition = _hypothesis(chain[0], lex)
    if condition:
        return "possible", [f"condition:{condition}"]
    for level, t in enumerate(chain):
        lemma = verb_lemma(t)
        neg = negated_here(t, lex)
        # "n'a pas effectué de visite", "ne veut pas rencontrer" negate the event;
        # "n'a pas condamné l'invasion" negates the condemning, not the invasion
        carries = level == 0 or lemma in lex.light_verbs or lemma in lex.governors
        double = level > 0 and lex.governors.get(lemma) == "negated"  # "ne refuse pas de"
        if neg and not double and (carries or chain[level - 1].dep_ in ("xcomp", "conj")):
            return "negated", [f"negation:{neg}@{t.text}"]
        if level > 0 and lemma in lex.governors:
            value = lex.governors[lemma]
            if lemma in lex.passive_governors and not is_passive(t):
                continue
            if chain[level - 1].lemma_.lower() in lex.beneficiary:
                continue  # "peut compter sur l'appui de X": the support is there
            if lemma in lex.clause_governors and not _takes_clause(chain[level - 1], lex):
                continue
            if value == "negated" and negated_here(t, lex):
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


def _hypothesis(tok: Token, lex: Cues) -> str:
    """The word making the trigger's clause a hypothesis, read from the trigger up to the
    clause's finite verb: "si X aide Y" (not "même si"), "au cas où X livrerait", "à
    condition que X retire", "si X décide d'attaquer"."""
    cur = tok
    for _ in range(5):
        found = _condition(cur, lex)
        if found:
            return found
        finite = "Fin" in cur.morph.get("VerbForm") or any(
            c.dep_.startswith("aux") and "Fin" in c.morph.get("VerbForm") for c in cur.children
        )
        if finite or cur.head.i == cur.i:
            break
        cur = cur.head
    return ""


def _condition(tok: Token, lex: Cues) -> str:
    """The condition word on one clause verb: its "si", a condition noun before "où"/"que"
    among its complements ("au cas où X livrerait"), or the condition noun the clause hangs
    on ("à condition que X retire")."""
    doc = tok.doc
    head = tok.head
    if (
        tok.dep_ in ("acl", "acl:relcl", "ccomp")
        and head.i < tok.i
        and head.lemma_.lower() in lex.condition_nouns
    ):
        return head.lower_
    if tok.pos_ not in ("VERB", "AUX", "ADJ"):
        return ""
    for child in tok.children:
        word = child.lower_
        if child.dep_ == "mark" and word in lex.conditions:
            if child.i == 0 or doc[child.i - 1].lower_ not in lex.concessives:
                return word
        if (
            child.lemma_.lower() in lex.condition_nouns
            and child.i < tok.i
            and child.i + 1 < len(doc)
            and doc[child.i + 1].lower_ in languages.of(tok).condition_links
        ):
            return child.lower_
    return ""


def _takes_clause(child: Token, lex: Cues) -> bool:
    """The governor's complement `child` is a clause, or a noun carrying one ("l'intention de
    frapper")."""
    return child.dep_ in ("xcomp", "ccomp") or child.lemma_.lower() in lex.clause_nouns


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


def _form_tense(tok: Token) -> str:
    """Future or conditional read off the word when the tagger missed it ("mèneront" tagged
    present): the infinitive (or its stem for -re verbs) plus an ending. "déclarait" is an
    imperfect (stem "déclar"), "déclarerait" a conditional (stem "déclarer")."""
    if tok.pos_ not in ("VERB", "AUX") or "Fin" not in tok.morph.get("VerbForm"):
        return ""
    lang = languages.of(tok)
    text, lemma = strip_accents(tok.lower_), strip_accents(tok.lemma_.lower())
    stems = {lemma, lemma[:-1]} if lemma.endswith(lang.stem_dropping_infinitive) else {lemma}
    for infinitive, stem in lang.cues.future_stems.items():  # "soutenir" -> "soutiendr"
        if lemma.endswith(strip_accents(infinitive)):
            stems.add(lemma[: -len(strip_accents(infinitive))] + strip_accents(stem))
    for tense, endings in (("Cnd", lang.conditional_endings), ("Fut", lang.future_endings)):
        for ending in endings:
            base = text[: -len(ending)]
            if text.endswith(ending) and base.endswith(lang.future_stem_final) and base in stems:
                return tense
    return ""


def _past_conditional(tok: Token) -> bool:
    return any(
        a.dep_.startswith("aux") and "Cnd" in a.morph.get("Mood") for a in tok.children
    ) and "Part" in tok.morph.get("VerbForm")
