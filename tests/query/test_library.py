"""Every named query runs on the seed store (both backends) and answers the seed story."""

from __future__ import annotations

import pytest

from kg.query import list_queries, run_query
from kg.store import open_store


def _run(built, name: str, **params: str):
    store = open_store(built.path, backend=built.backend)
    try:
        return run_query(store, name, params)
    finally:
        store.close()


@pytest.mark.parametrize("name", [q.name for q in list_queries()])
def test_library_named_query_runs(seed_store, name: str) -> None:
    result = _run(seed_store, name)
    assert result.kind == "select"
    assert result.vars


def test_library_visits_include_russia_to_north_korea(seed_store) -> None:
    rows = _run(seed_store, "visits").values()
    assert any("RUS" in str(r["event"]) or r["actor"] for r in rows)
    pairs = {(r["actor"], r["target"]) for r in rows}
    assert any("Russia" in str(a) or "RUS" in str(a) for a, _ in pairs)
    assert all(r["modality"] for r in rows)


def test_library_sanctions_from_the_us(seed_store) -> None:
    rows = _run(seed_store, "sanctions").values()
    sanctioners = {str(r["sanctioner"]) for r in rows}
    assert any("United States" in s or "USA" in s for s in sanctioners)


def test_library_dyad_default_and_params(seed_store) -> None:
    default = _run(seed_store, "dyad").values()
    assert default, "RUS/PRK timeline is empty"
    explicit = _run(seed_store, "dyad", a="PRK", b="RUS").values()
    assert {r["event"] for r in explicit} == {r["event"] for r in default}
    none = _run(seed_store, "dyad", a="ZZZ", b="RUS").values()
    assert none == []
    dates = [str(r["date"]) for r in default if r["date"] is not None]
    assert dates == sorted(dates)


def test_library_modality_counts_add_up(seed_store) -> None:
    rows = _run(seed_store, "modality").values()
    store = open_store(seed_store.path, backend=seed_store.backend)
    try:
        total = store.query(
            "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ?g { ?e a <https://w3id.org/geopol-kg/ontology#Event> } }"
        ).values()[0]["n"]
    finally:
        store.close()
    assert sum(int(r["events"]) for r in rows) >= int(total) > 0


def test_library_actors_have_counts(seed_store) -> None:
    rows = _run(seed_store, "actors").values()
    assert rows
    for r in rows:
        assert int(r["events"]) == int(r["asActor"]) + int(r["asTarget"])


def test_library_backends_agree(_seed_stores) -> None:
    for q in list_queries():
        ox = _run(_seed_stores["oxigraph"], q.name).values()
        mem = _run(_seed_stores["memory"], q.name).values()
        key = sorted(map(lambda r: sorted((k, str(v)) for k, v in r.items()), ox))
        assert key == sorted(map(lambda r: sorted((k, str(v)) for k, v in r.items()), mem)), q.name
