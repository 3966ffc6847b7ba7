"""kg.identity: mentions → events, on hand-built mentions with exact expected groupings."""

from __future__ import annotations

import random
from datetime import date

import pytest

from kg.identity import (
    DateInterval,
    EventMention,
    cluster_mentions,
    pairwise_score,
    realisations,
)

D = DateInterval.from_iso


def visit(
    mid: str,
    when: str | None,
    modality: str = "asserted",
    doc: str | None = None,
    published: str | None = None,
    source: str = "RUS",
    target: str = "PRK",
    label: str = "CONSULT:visit",
) -> EventMention:
    return EventMention(
        mid,
        doc or mid.split("#")[0],
        label,
        source,
        target,
        modality,
        D(when) if when else None,
        date.fromisoformat(published) if published else None,
    )


def groups(mentions: list[EventMention]) -> list[list[str]]:
    return sorted(sorted(m.id for m in c.mentions) for c in cluster_mentions(mentions))


def test_reports_of_one_visit_in_different_precisions_are_one_event() -> None:
    ms = [visit("a#0", "2024-06-19"), visit("b#0", "2024-06"), visit("c#0", "2024")]
    assert groups(ms) == [["a#0", "b#0", "c#0"]]


def test_two_visits_months_apart_are_two_events() -> None:
    ms = [visit("a#0", "2000-07-19"), visit("b#0", "2024-06-19"), visit("c#0", "2024-06")]
    assert groups(ms) == [["a#0"], ["b#0", "c#0"]]


def test_meetings_on_consecutive_days_stay_apart() -> None:
    ms = [visit("a#0", "2024-05-06", label="CONSULT"), visit("b#0", "2024-05-07", label="CONSULT")]
    assert groups(ms) == [["a#0"], ["b#0"]]


def test_a_date_spanning_two_reports_joins_them() -> None:
    span = DateInterval(date(2024, 5, 5), date(2024, 5, 7), "day")
    ms = [
        visit("a#0", "2024-05-05"),
        visit("b#0", "2024-05-07"),
        EventMention("c#0", "c", "CONSULT:visit", "RUS", "PRK", "asserted", span),
    ]
    assert groups(ms) == [["a#0", "b#0", "c#0"]]


def test_an_open_date_joins_the_nearest_event_but_never_bridges_two() -> None:
    before = DateInterval(None, date(2024, 6, 24), "before")
    ms = [
        visit("a#0", "2024-02-23"),
        visit("b#0", "2024-06-24"),
        EventMention("c#0", "c", "CONSULT:visit", "RUS", "PRK", "asserted", before),
    ]
    assert groups(ms) == [["a#0"], ["b#0", "c#0"]]


def test_planned_and_happened_are_two_events_linked_by_realisation() -> None:
    ms = [visit("a#0", "2024-06-18", "planned"), visit("b#0", "2024-06-19")]
    clusters = cluster_mentions(ms)
    assert groups(ms) == [["a#0"], ["b#0"]]
    [(happened, plan, why)] = realisations(clusters)
    assert (happened.mentions[0].id, plan.mentions[0].id) == ("b#0", "a#0")
    assert "within the plan's" in why


def test_a_plan_far_from_what_happened_is_not_realised_by_it() -> None:
    ms = [visit("a#0", "2024-06-18", "planned"), visit("b#0", "2024-09-19")]
    assert realisations(cluster_mentions(ms)) == []


def test_alleged_and_asserted_merge_but_negated_stays_apart() -> None:
    ms = [
        visit("a#0", "2024-06-19"),
        visit("b#0", "2024-06-19", "alleged"),
        visit("c#0", "2024-06-19", "negated"),
    ]
    assert groups(ms) == [["a#0", "b#0"], ["c#0"]]


def test_undirected_types_merge_either_order_and_visits_do_not() -> None:
    meet = [
        visit("a#0", "2024-06-19", label="CONSULT"),
        visit("b#0", "2024-06-19", label="CONSULT", source="PRK", target="RUS"),
    ]
    assert groups(meet) == [["a#0", "b#0"]]
    visits = [visit("a#0", "2024-06-19"), visit("b#0", "2024-06-19", source="PRK", target="RUS")]
    assert groups(visits) == [["a#0"], ["b#0"]]


def test_an_undated_mention_joins_the_event_nearest_before_its_publication() -> None:
    ms = [
        visit("a#0", "2000-07-19"),
        visit("b#0", "2024-06-19"),
        visit("c#0", None, published="2024-06-21"),
        visit("d#0", None, published="2001-01-10"),
    ]
    assert groups(ms) == [["a#0", "d#0"], ["b#0", "c#0"]]
    joined = {d.mention: d.confidence for c in cluster_mentions(ms) for d in c.decisions}
    assert joined == {"c#0": 0.5, "d#0": 0.5}


def test_undated_mentions_of_a_key_with_no_dated_event_are_one_event() -> None:
    assert groups([visit("a#0", None), visit("b#0", None)]) == [["a#0", "b#0"]]


def test_every_decision_has_a_reason_and_a_confidence() -> None:
    [c] = cluster_mentions([visit("a#0", "2024-06-19"), visit("b#0", "2024-06")])
    [d] = c.decisions
    assert d.mention == "b#0" and "meets 2024-06-19" in d.reason and d.confidence == 0.85
    assert c.confidence == 0.85 and c.documents == ["a", "b"]


def test_the_events_do_not_depend_on_the_order_mentions_arrive_in() -> None:
    ms = [
        visit(f"d{i}#0", when)
        for i, when in enumerate(
            ["2024-06-19", "2024-06", None, "2000-07", "2000-07-19", "2024", "2024-06-18"]
        )
    ]
    ms.append(visit("p#0", "2024-06-18", "planned"))
    expected = [(c.id, sorted(m.id for m in c.mentions)) for c in cluster_mentions(ms)]
    rng = random.Random(7)
    for _ in range(20):
        rng.shuffle(ms)
        assert [(c.id, sorted(m.id for m in c.mentions)) for c in cluster_mentions(ms)] == expected


def test_pairwise_score_counts_mention_pairs() -> None:
    gold = {"a": "1", "b": "1", "c": "1", "d": "2"}
    predicted = {"a": "x", "b": "x", "c": "y", "d": "y"}
    s = pairwise_score(gold, predicted)
    assert (s.true_pairs, s.predicted_pairs, s.gold_pairs) == (1, 2, 3)
    assert (round(s.precision, 3), round(s.recall, 3), round(s.f1, 3)) == (0.5, 0.333, 0.4)


def test_date_intervals() -> None:
    assert D("2024-06") == DateInterval(date(2024, 6, 1), date(2024, 6, 30), "month")
    assert D("2024").overlaps(D("2024-06-19")) and not D("2023").overlaps(D("2024-01-01"))
    assert D("2024-06").intersection(D("2024-06-19")) == D("2024-06-19")
    before = DateInterval(None, date(2004, 6, 17), "before")
    assert before.overlaps(D("2000-07-19")) and not before.overlaps(D("2005"))
    assert before.anchor() == date(2004, 6, 17)
    assert DateInterval.from_dict(before.to_dict()) == before
    with pytest.raises(ValueError, match="needs at least one end"):
        DateInterval(None, None, "before")
    with pytest.raises(ValueError, match="unknown granularity"):
        DateInterval(date(2024, 1, 1), date(2024, 1, 1), "fortnight")


def test_an_undated_mention_joins_the_most_reported_event_before_its_publication() -> None:
    ms = [visit(f"{d}#0", "2022-02-24", doc=d) for d in ("a", "b", "c")]
    ms += [visit("d#0", "2024-07-08"), visit("e#0", None, published="2024-12-30")]
    assert groups(ms) == [["a#0", "b#0", "c#0", "e#0"], ["d#0"]]
    [c] = [c for c in cluster_mentions(ms) if len(c.mentions) == 4]
    assert "the most reported (3 documents)" in c.decisions[-1].reason


def test_an_undated_mention_of_another_kind_does_not_join_on_the_type_alone() -> None:
    praise = EventMention(
        "a#0", "a", "SUPPORT", "RUS", "PRK", "asserted", D("2024-06-10"), cameo="051"
    )
    treaty = EventMention(
        "b#0",
        "b",
        "SUPPORT",
        "RUS",
        "PRK",
        "asserted",
        None,
        date(2024, 6, 20),
        cameo="057",
    )
    again = EventMention(
        "c#0",
        "c",
        "SUPPORT",
        "RUS",
        "PRK",
        "asserted",
        None,
        date(2024, 6, 21),
        cameo="057",
    )
    assert groups([praise, treaty, again]) == [["a#0"], ["b#0", "c#0"]]


def test_an_undated_mention_of_a_sub_kind_joins_its_family_root() -> None:
    aid = EventMention("a#0", "a", "AID", "PRK", "RUS", "alleged", D("2024-06"), cameo="070")
    arms = EventMention(
        "b#0", "b", "AID", "PRK", "RUS", "alleged", None, date(2024, 6, 20), cameo="072"
    )
    assert groups([aid, arms]) == [["a#0", "b#0"]]
