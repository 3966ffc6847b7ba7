"""Plain data passed along the extraction pipeline: text -> mentions -> events.

These dataclasses know nothing of RDF, stores or viewers; `kg.rdf` maps them to triples and
`kg.evaluate` reads their SPEC form (`Event.to_spec()`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from kg.dates import DateInterval

__all__ = [
    "Document",
    "Actor",
    "Mention",
    "Event",
    "Modality",
    "MODALITIES",
    "ActorKind",
]

Modality = Literal["asserted", "planned", "possible", "negated", "alleged"]
MODALITIES: tuple[str, ...] = ("asserted", "planned", "possible", "negated", "alleged")
ActorKind = Literal["state", "igo", "person", "organisation", "other"]


@dataclass(frozen=True)
class Document:
    """One article: its text and the metadata needed to read it (publication date)."""

    id: str
    text: str
    lang: str = "fr"
    date: str = ""  # publication date, ISO YYYY-MM-DD, "" if unknown
    title: str = ""
    source: str = ""


@dataclass(frozen=True)
class Actor:
    """Who acts. `code` is the SPEC code of the state/IGO it acts for, or OTHER."""

    code: str  # ISO alpha-3, IGO code (UN, EU, NATO...), or "OTHER"
    label: str  # surface or canonical name
    kind: ActorKind = "state"
    person_id: str = ""  # gazetteer person id when the actor is a known person
    qid: str = ""  # Wikidata id, when known
    # how sure the coding is: 1 when named; lower for a guess ("le Premier ministre" read as
    # the article's state). Not part of the actor's identity.
    confidence: float = field(default=1.0, compare=False)

    @property
    def scored(self) -> bool:
        return self.code != "OTHER"


@dataclass(frozen=True)
class Mention:
    """One place in a document where an event is reported, and why we read it so."""

    doc_id: str
    sentence: str  # the exact sentence text
    start: int  # character offsets of the trigger in the document text
    end: int
    trigger: str
    rule: str  # id of the lexicon entry / pattern that fired
    cues: tuple[str, ...] = ()  # modality / attribution cues that fired


@dataclass
class Event:
    """A dyadic event: `source` does `kind` to/with `target`, as the text presents it."""

    kind: str  # key into kg/data/event_kinds.csv
    source: Actor
    target: Actor
    modality: str = "asserted"
    attributed_to: Actor | None = None
    denied_by: list[Actor] = field(default_factory=list)
    date: str = ""  # ISO date (YYYY, YYYY-MM or YYYY-MM-DD) of the event itself
    date_precision: str = ""  # "day" | "month" | "year" | ""
    date_approximate: bool = False
    # the days the date means, with its granularity ("before 2004-06-17", a week, a month)
    date_interval: DateInterval | None = None
    mentions: list[Mention] = field(default_factory=list)
    confidence: float = 1.0

    def to_spec(self) -> dict[str, Any]:
        """The event in the SPEC section 5 prediction format."""
        from kg.eventkinds import event_kind

        k = event_kind(self.kind)
        out: dict[str, Any] = {
            "source": self.source.code,
            "type": k.plover_type,
            "mode": k.plover_mode,
            "target": self.target.code,
            "modality": self.modality,
            "relation": k.relation,
            "cameo": k.cameo,
            "goldstein": k.goldstein,
        }
        if self.attributed_to is not None:
            out["attributed_to"] = self.attributed_to.code
        if self.denied_by:
            out["denied_by"] = sorted({a.code for a in self.denied_by})
        if self.date:
            out["date"] = self.date
        if self.date_interval is not None:
            out["date_interval"] = self.date_interval.to_dict()
        if self.mentions:
            m = self.mentions[0]
            out.update(sentence=m.sentence, start=m.start, end=m.end, rule=m.rule)
            out["evidence"] = m.sentence
        out["source_label"] = self.source.label
        out["target_label"] = self.target.label
        out["confidence"] = round(self.confidence, 3)
        return out

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
