"""The trigger lexicon (`kg/nlp/lexicons/<lang>/triggers.csv`): which words report which
event kind, and where in the sentence its source and target are found."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kg.eventkinds import event_kinds
from kg.nlp import lang as languages
from kg.nlp import lexicon_rows

__all__ = ["Trigger", "triggers"]


@dataclass(frozen=True)
class Trigger:
    id: str
    lemma: str
    pos: str  # VERB | NOUN | ADJ | QUOTE (a quote holding one of `needs`: see quote_events)
    kind: str  # key of kg/data/event_kinds.csv
    source: tuple[str, ...]  # roles tried in order: subj, obj, de, poss, <preposition>
    target: tuple[str, ...]
    needs: tuple[
        str, ...
    ]  # one of these lemmas must be attached to the trigger (light verbs, "se")

    @property
    def rule(self) -> str:
        return self.id


@cache
def triggers(lang: str) -> dict[str, list[Trigger]]:
    """Triggers by lemma; entries with `needs` come before the general entry of that lemma."""
    languages.get(lang)  # UnknownLanguage for a language with no module
    kinds = event_kinds()
    out: dict[str, list[Trigger]] = {}
    for row in lexicon_rows(lang, "triggers"):
        if row["kind"] not in kinds:
            raise ValueError(f"triggers.csv: {row['id']}: unknown event kind {row['kind']!r}")
        trig = Trigger(
            id=f"{lang}.{row['id']}",
            lemma=row["lemma"].lower(),
            pos=row["pos"],
            kind=row["kind"],
            source=tuple(row["source"].split("|")),
            target=tuple(row["target"].split("|")),
            needs=tuple(w for w in row["needs"].split("|") if w),
        )
        out.setdefault(trig.lemma, []).append(trig)
    for entries in out.values():
        entries.sort(key=lambda t: not t.needs)
    return out
