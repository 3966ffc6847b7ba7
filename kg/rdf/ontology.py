"""Load the ontology (hand-written core + generated event kinds) and the SHACL shapes."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rdflib import Graph

from kg.errors import ParseError

__all__ = [
    "ONTOLOGY_DIR",
    "ONTOLOGY_FILES",
    "SHAPES_FILE",
    "load_ontology",
    "load_shapes",
]

ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontology"
"""The project's `ontology/` folder."""
ONTOLOGY_FILES: tuple[Path, ...] = (
    ONTOLOGY_DIR / "geopol.ttl",
    ONTOLOGY_DIR / "event-kinds.ttl",
)
"""Files making up the ontology, in load order."""
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"


def _parse(paths: tuple[Path, ...]) -> Graph:
    g = Graph()
    for path in paths:
        try:
            g.parse(path, format="turtle")
        except FileNotFoundError as exc:
            raise ParseError(f"{path}: file not found") from exc
        except Exception as exc:  # rdflib raises many parser-specific types
            raise ParseError(f"{path}: {exc}") from exc
    return g


@cache
def _ontology() -> Graph:
    return _parse(ONTOLOGY_FILES)


@cache
def _shapes() -> Graph:
    return _parse((SHAPES_FILE,))


def _copy(g: Graph) -> Graph:
    out = Graph()
    for prefix, ns in g.namespaces():
        out.bind(prefix, ns, override=True)
    for t in g:
        out.add(t)
    return out


def load_ontology() -> Graph:
    """The ontology: `ontology/geopol.ttl` + `ontology/event-kinds.ttl` (a fresh copy)."""
    return _copy(_ontology())


def load_shapes() -> Graph:
    """The SHACL shapes of `ontology/shapes.ttl` (a fresh copy)."""
    return _copy(_shapes())
