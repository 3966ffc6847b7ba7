"""kg: a geopolitical relations knowledge graph (French/English news -> RDF events).

>>> import kg
>>> g = kg.open()                       # the store `kg build` wrote (.kg-store or $KG_STORE)
>>> g.ask("ASK { ?s owl:sameAs wd:Q159 }")
>>> g.events(dyad=("RUS", "PRK"), modality="planned")
>>> g.named_query("dyad", a="USA", b="CHN").to_dataframe()

`import kg` is cheap: the store, the extractor (spaCy), the viewer and the analysis modules
are imported on first use of `kg.open`, `kg.extract`, `kg.viz`, `kg.analysis`...
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from kg.build import BuildSummary, build
from kg.errors import KGError

if TYPE_CHECKING:
    from kg import analysis, extract, viz
    from kg.api import KnowledgeGraph, open
    from kg.store import QueryResult, Store, open_store

__version__ = "0.1.0"

__all__ = [
    "open",
    "KnowledgeGraph",
    "QueryResult",
    "Store",
    "open_store",
    "build",
    "BuildSummary",
    "KGError",
    "extract",
    "viz",
    "analysis",
]

# public name -> (module, attribute or None for the module itself), imported on first access
_LAZY: dict[str, tuple[str, str | None]] = {
    "open": ("kg.api", "open"),
    "KnowledgeGraph": ("kg.api", "KnowledgeGraph"),
    "QueryResult": ("kg.store", "QueryResult"),
    "Store": ("kg.store", "Store"),
    "open_store": ("kg.store", "open_store"),
    "extract": ("kg.extract", None),
    "viz": ("kg.viz", None),
    "analysis": ("kg.analysis", None),
}


def __getattr__(name: str) -> Any:
    """Import the public names lazily (PEP 562), so `import kg` stays fast."""
    if name not in _LAZY:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    module_name, attribute = _LAZY[name]
    module = importlib.import_module(module_name)
    value = module if attribute is None else getattr(module, attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
