"""Structural balance (Heider, Cartwright-Harary) of the signed friend/foe graph.

A triad of three actors who all deal with one another is *balanced* when the product of its
three edge signs is positive: "+++" (three friends) and "+--" (two friends with a common
foe); it is *unbalanced* for "++-" (a friend of my friend is my foe) and "---" (three
mutual foes).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field

import networkx as nx

__all__ = ["Triad", "BalanceReport", "structural_balance"]


@dataclass(frozen=True)
class Triad:
    """Three actors (sorted by name) and the signs of their edges ab, bc, ac."""

    nodes: tuple[Hashable, Hashable, Hashable]
    signs: tuple[int, int, int]

    @property
    def balanced(self) -> bool:
        """True when the product of the three signs is positive."""
        a, b, c = self.signs
        return a * b * c > 0

    @property
    def pattern(self) -> str:
        """The signs as a string, positives first: ``+++``, ``+--``, ``++-`` or ``---``."""
        return "".join(sorted("+" if s > 0 else "-" for s in self.signs))


@dataclass
class BalanceReport:
    """Balanced and unbalanced triads of a signed graph."""

    balanced: list[Triad] = field(default_factory=list)
    unbalanced: list[Triad] = field(default_factory=list)
    skipped: int = 0
    """Triangles left out because one of their edges has sign 0 (neither friend nor foe)."""

    @property
    def n_balanced(self) -> int:
        return len(self.balanced)

    @property
    def n_unbalanced(self) -> int:
        return len(self.unbalanced)

    @property
    def n_triads(self) -> int:
        return self.n_balanced + self.n_unbalanced

    @property
    def ratio(self) -> float | None:
        """Share of balanced triads, None when there is no signed triad."""
        return self.n_balanced / self.n_triads if self.n_triads else None

    def by_pattern(self) -> dict[str, int]:
        """Number of triads per sign pattern (``+++``, ``+--``, ``++-``, ``---``)."""
        counts = {"+++": 0, "+--": 0, "++-": 0, "---": 0}
        for t in self.balanced + self.unbalanced:
            counts[t.pattern] += 1
        return counts


def structural_balance(signed: nx.Graph, attr: str = "sign") -> BalanceReport:
    """Classify every triangle of the undirected signed graph as balanced or unbalanced.

    Edge attribute `attr` holds the sign (+1 friend, -1 foe; only its sign matters, so a
    Goldstein sum works too). Triangles with a sign-0 edge are counted in ``skipped``.
    Triads are listed in a stable order (sorted node names). Anything but a networkx graph
    raises TypeError, a directed graph or a multigraph `networkx.NetworkXNotImplemented`.
    """
    if not isinstance(signed, nx.Graph):
        raise TypeError(
            f"signed must be a networkx graph (signed_graph(rows)), not {type(signed).__name__}"
        )
    return _balance(signed, attr)


@nx.utils.not_implemented_for("directed")
@nx.utils.not_implemented_for("multigraph")
def _balance(signed: nx.Graph, attr: str) -> BalanceReport:
    order = {n: i for i, n in enumerate(sorted(signed.nodes, key=str))}
    report = BalanceReport()
    for u in sorted(signed.nodes, key=order.__getitem__):
        later = [v for v in signed.adj[u] if order[v] > order[u]]
        for v in sorted(later, key=order.__getitem__):
            for w in sorted(signed.adj[v], key=order.__getitem__):
                if order[w] <= order[v] or w not in signed.adj[u]:
                    continue
                signs = tuple(
                    _sign(signed.edges[x, y].get(attr, 0)) for x, y in ((u, v), (v, w), (u, w))
                )
                if 0 in signs:
                    report.skipped += 1
                    continue
                triad = Triad((u, v, w), signs)  # type: ignore[arg-type]
                (report.balanced if triad.balanced else report.unbalanced).append(triad)
    return report


def _sign(value: float | None) -> int:
    if value is None or value == 0:
        return 0
    return 1 if value > 0 else -1
