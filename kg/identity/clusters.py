"""Mentions → events: which mentions, from any documents, denote one real event.

Two mentions are one event when they have the same **key** (event type and mode, and the
two actors: in order, or either order for the undirected types, as SPEC §6 keys them), the
same **status** (asserted and alleged report a thing as having happened; planned, possible
and negated each stay apart: a visit announced for Tuesday and the visit that then happened
are two events, the second *realising* the first), and **dates that agree** (their
intervals meet, see `kg.dates`). Two visits of A to B months apart are two events; a
report of one visit "mardi" and another "le 18 juin" are one.

A mention's date is compared with each dated mention of an event (single link, so a
three-day visit reported day by day is one event), closed dates before open ones ("avant
2004" joins an event but never bridges two). A mention without a date joins, after all
dated ones are placed, the only event of its key and status, else, of the events on the
side of its article's publication date that its status points to (a past act before it, a
plan after it), the one reported by the most documents, then the nearest: an undated
"l'invasion russe" means the invasion every article wrote about. Undated mentions of a key
with no dated event are one event.

Decisions are deterministic: mentions are taken most precise date first, then by date, then
by id, so the same mentions give the same events whatever order documents arrived in, and
the merged layer can be rebuilt for just the keys a new or deleted document touches. Each
event records, for every mention after its first, why it joined and how sure that is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from kg.dates import DateInterval

__all__ = [
    "EventMention",
    "EventCluster",
    "Decision",
    "cluster_mentions",
    "realisations",
    "STATUS",
    "UNDIRECTED",
]

UNDIRECTED = frozenset({"AGREE", "COOPERATE", "CONSULT"})
"""Labels keyed without direction (SPEC §6); CONSULT:visit is directed."""

STATUS = {
    "asserted": "happened",
    "alleged": "happened",
    "planned": "planned",
    "possible": "possible",
    "negated": "negated",
}
"""Modality → the status an event has in the world as the text tells it."""

PLANNED_DAYS = 90
REALISE_SLACK_DAYS = 3
"""A planned date slips: the visit announced for the 18th that happens on the 19th."""

CONFIDENCE = {"day": 0.95, "week": 0.9, "month": 0.85, "year": 0.7}
"""How sure a merge is, by the coarser granularity of the two dates it rests on; an open
or approximate date 0.6; a mention with no date 0.5 (0.4 when no mention of it is dated)."""


@dataclass(frozen=True)
class EventMention:
    """One document's report of an event."""

    id: str
    doc: str
    label: str  # PLOVER type, or CONSULT:visit
    source: str
    target: str
    modality: str = "asserted"
    date: DateInterval | None = None
    published: date | None = None
    evidence: str = ""
    cameo: str = ""  # the finer kind's CAMEO code ("057": sign an agreement), if known

    @property
    def key(self) -> tuple[str, str, str]:
        if self.label in UNDIRECTED:
            a, b = sorted((self.source, self.target))
            return (a, self.label, b)
        return (self.source, self.label, self.target)

    @property
    def status(self) -> str:
        return STATUS.get(self.modality, "happened")


@dataclass(frozen=True)
class Decision:
    """Why a mention joined an event, and how sure that is."""

    mention: str
    reason: str
    confidence: float


@dataclass
class EventCluster:
    """One real event: its key, status, what its mentions' dates agree on, its mentions."""

    key: tuple[str, str, str]
    status: str
    date: DateInterval | None
    mentions: list[EventMention] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)

    @property
    def id(self) -> str:
        """Stable: the key, the status and the first mention (most precise date first)."""
        return f"{'-'.join(self.key)}-{self.status}-{self.mentions[0].id}"

    @property
    def documents(self) -> list[str]:
        return sorted({m.doc for m in self.mentions})

    @property
    def confidence(self) -> float:
        """The weakest merge decision (1.0 for an event of one mention)."""
        return min((d.confidence for d in self.decisions), default=1.0)


def _order(m: EventMention) -> tuple:
    """Most precise date first (they decide the events), then by date, then by id."""
    if m.date is None:
        return (1, 0, date.max, m.id)
    return (0, m.date.width(), m.date.start or date.min, m.id)


def _confidence(a: DateInterval, b: DateInterval) -> float:
    coarser = max((a, b), key=DateInterval.width)
    return CONFIDENCE.get(coarser.granularity, 0.6) if coarser.width() < 10**6 else 0.6


def _join(cluster: EventCluster, m: EventMention, why: str, confidence: float) -> None:
    cluster.decisions.append(Decision(m.id, why, confidence))
    cluster.mentions.append(m)
    cluster.date = _span([x.date for x in cluster.mentions if x.date is not None])


def _span(dates: list[DateInterval]) -> DateInterval | None:
    """An event's date from its mentions': the hull of the closed ones (a three-day visit
    reported day by day), else what the open ones agree on."""
    closed = [d for d in dates if d.start and d.end]
    if closed:
        start, end = min(d.start for d in closed), max(d.end for d in closed)
        return DateInterval(start, end, max(closed, key=DateInterval.width).granularity)
    out = dates[0] if dates else None
    for d in dates[1:]:
        out = out.intersection(d) or out
    return out


def _absorb(into: EventCluster, other: EventCluster, bridge: EventMention) -> None:
    """Merge `other` into `into`: `bridge`'s date spans both (a visit reported as 5-6 May
    and 6-7 May, and another report of 7 May)."""
    why = f"joined through {bridge.id}, whose date {bridge.date} meets both"
    first = other.mentions[0]
    into.decisions.append(Decision(first.id, why, _confidence(bridge.date, other.date)))
    into.decisions.extend(other.decisions)
    into.mentions.extend(other.mentions)
    into.date = _span([x.date for x in into.mentions if x.date is not None])


def _linking_dates(cluster: EventCluster) -> list[DateInterval]:
    """The dates a new mention is compared with: its closed ones if it has any, so that
    an open date ("avant 2004") joins an event but never bridges two."""
    dated = [m.date for m in cluster.mentions if m.date is not None]
    closed = [d for d in dated if d.start and d.end]
    return closed or dated


def _meets(cluster: EventCluster, when: DateInterval) -> DateInterval | None:
    """The mention date of `cluster` nearest `when` among those it meets, if any."""
    meeting = [d for d in _linking_dates(cluster) if d.overlaps(when)]
    return min(meeting, key=lambda d: abs((d.anchor() - when.anchor()).days)) if meeting else None


def _nearest(clusters: Sequence[EventCluster], anchor: date) -> EventCluster:
    """The event whose date is nearest to `anchor` (ties: the earlier id)."""
    return min(clusters, key=lambda c: (abs((c.date.anchor() - anchor).days), c.id))


def _cluster_group(mentions: list[EventMention]) -> list[EventCluster]:
    clusters: list[EventCluster] = []
    undated: list[EventMention] = []
    for m in sorted(mentions, key=_order):
        if m.date is None:
            undated.append(m)
            continue
        meeting = [(c, d) for c in clusters if (d := _meets(c, m.date)) is not None]
        if not meeting:
            clusters.append(EventCluster(m.key, m.status, m.date, [m]))
            continue
        meeting.sort(key=lambda cd: (abs((cd[1].anchor() - m.date.anchor()).days), cd[0].id))
        best, near = meeting[0]
        why = f"same {'/'.join(best.key)} and status {best.status}; date {m.date} meets {near}"
        _join(best, m, why, _confidence(m.date, near))
        if m.date.start and m.date.end:  # a closed date that meets two events joins them
            for other, _ in meeting[1:]:
                _absorb(best, other, m)
                clusters.remove(other)
    for m in undated:  # after every dated one: they decide where the undated go
        _place_undated(clusters, m)
    return clusters


def _cameo_fits(a: str, b: str) -> bool:
    """Two CAMEO codes can name one act: equal, unknown, or one is the root of the other's
    family ("070" aid and "072" military aid; not "057" signing and "051" praise)."""
    if not a or not b or a == b:
        return True
    return a[:2] == b[:2] and (a.endswith("0") or b.endswith("0"))


def _same_kind(cluster: EventCluster, m: EventMention) -> bool:
    return all(_cameo_fits(x.cameo, m.cameo) for x in cluster.mentions)


def _place_undated(clusters: list[EventCluster], m: EventMention) -> None:
    """A mention with no date of its own joins the event of its key that its article most
    likely means: the only one, else, on the side of its publication date that its status
    points to (a past act before it, a plan after it), the most reported one, then the
    nearest; with no event yet, the undated mentions of a key are one event. A mention that
    knows its CAMEO code only joins an event whose mentions' codes fit it (no date agrees to
    say that a treaty signed and words of praise, both SUPPORT, are one event)."""
    dated = [c for c in clusters if c.date is not None]
    dated = [c for c in dated if _same_kind(c, m)]
    if not dated:
        undated = [c for c in clusters if c.date is None and _same_kind(c, m)]
        if undated:
            c = undated[0]
            why = f"no date; the same {'/'.join(c.key)} {c.status} as the other undated mentions"
            _join(c, m, why, 0.4)
        else:
            clusters.append(EventCluster(m.key, m.status, None, [m]))
        return
    if len(dated) == 1 or m.published is None:
        best = dated[0] if len(dated) == 1 else _nearest(dated, date.today())
        why = (
            f"no date; the only {'/'.join(best.key)} {best.status} event"
            if len(dated) == 1
            else (f"no date and no publication date; the latest {'/'.join(best.key)} event")
        )
    else:
        past = m.status != "planned" and m.status != "possible"
        side = (
            [c for c in dated if (c.date.start or date.min) <= m.published if past]
            if past
            else [c for c in dated if (c.date.end or date.max) >= m.published]
        )
        # the most reported of them, then the nearest: an undated "the invasion" or "the
        # visit" names the event everyone wrote about ("depuis l'invasion russe")
        best = min(
            side or dated,
            key=lambda c: (-len(c.documents), abs((c.date.anchor() - m.published).days), c.id),
        )
        why = (
            f"no date; of the {'/'.join(best.key)} {best.status} events "
            f"{'before' if past else 'after'} the article's publication ({m.published}), the "
            f"most reported ({len(best.documents)} documents), then the nearest"
        )
    _join(best, m, why, 0.5)


def cluster_mentions(mentions: Iterable[EventMention]) -> list[EventCluster]:
    """The real events behind `mentions`, in a stable order (by key, status, first mention)."""
    groups: dict[tuple, list[EventMention]] = defaultdict(list)
    for m in mentions:
        groups[(m.key, m.status)].append(m)
    out: list[EventCluster] = []
    for group in sorted(groups):
        out.extend(_cluster_group(groups[group]))
    return out


def realisations(clusters: Sequence[EventCluster]) -> list[tuple[EventCluster, EventCluster, str]]:
    """(happened event, the planned or possible event it realises, why): same key, and the
    happened date within `REALISE_SLACK_DAYS` of the planned one (or, for a plan with no
    date, after its first report and within `PLANNED_DAYS`); the nearest one if several."""
    happened = [c for c in clusters if c.status == "happened" and c.date is not None]
    out = []
    for plan in clusters:
        if plan.status not in ("planned", "possible"):
            continue
        window = _plan_window(plan)
        if window is None:
            continue
        near = [h for h in happened if h.key == plan.key and h.date.overlaps(window)]
        if not near:
            continue
        best = min(near, key=lambda h: (h.date.distance(plan.date or window), h.id))
        why = f"same {'/'.join(plan.key)}; happened {best.date} within the plan's {window}"
        out.append((best, plan, why))
    return out


def _plan_window(plan: EventCluster) -> DateInterval | None:
    if plan.date is not None and plan.date.granularity != "after":
        slack = timedelta(days=REALISE_SLACK_DAYS)
        start = plan.date.start - slack if plan.date.start else None
        end = plan.date.end + slack if plan.date.end else None
        return DateInterval(start, end, plan.date.granularity)
    first = min((m.published for m in plan.mentions if m.published), default=None)
    if first is None:
        return None
    return DateInterval(first, first + timedelta(days=PLANNED_DAYS), "after")
