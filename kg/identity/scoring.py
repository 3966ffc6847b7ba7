"""Pairwise precision, recall and F1 of a clustering of mentions against a gold one.

Two mentions are a pair when they are in one event. Precision: of the pairs the clustering
makes, the share the gold makes too; recall: of the gold pairs, the share the clustering
makes. The usual measure of cross-document event coreference when, as here, most events
have one or two mentions (B-cubed and CEAF weigh singletons, which say little about
merging).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations

__all__ = ["PairScore", "pairwise_score", "pairs"]


@dataclass(frozen=True)
class PairScore:
    true_pairs: int
    predicted_pairs: int
    gold_pairs: int

    @property
    def precision(self) -> float:
        return self.true_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.true_pairs / self.gold_pairs if self.gold_pairs else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def pairs(assignment: Mapping[str, str]) -> set[frozenset[str]]:
    """Mention pairs that share a cluster, from mention id → cluster id."""
    members: dict[str, list[str]] = {}
    for mention, cluster in assignment.items():
        members.setdefault(cluster, []).append(mention)
    return {frozenset(p) for group in members.values() for p in combinations(sorted(group), 2)}


def pairwise_score(gold: Mapping[str, str], predicted: Mapping[str, str]) -> PairScore:
    """Score `predicted` (mention id → cluster id) against `gold`, over the mentions of gold."""
    predicted = {m: c for m, c in predicted.items() if m in gold}
    g, p = pairs(gold), pairs(predicted)
    return PairScore(len(g & p), len(p), len(g))


def assignment(clusters: Iterable[tuple[str, Iterable[str]]]) -> dict[str, str]:
    """mention id → cluster id, from (cluster id, mention ids) pairs."""
    return {m: cid for cid, ms in clusters for m in ms}
