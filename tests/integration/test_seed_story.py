"""End to end on the project seeds: the two questions of the seed story, and extraction."""

from __future__ import annotations

import pytest

# the two acceptance queries (kept here: several test folders have a conftest)
ASK_VISIT = (
    "ASK { ?ru owl:sameAs wd:Q159 . ?kp owl:sameAs wd:Q423 . ?ru ?p ?kp . "
    'FILTER regex(str(?p), "visit", "i") }'
)
ASK_SANCTION = (
    "ASK { ?us owl:sameAs wd:Q30 . ?ru owl:sameAs wd:Q159 . ?kp owl:sameAs wd:Q423 . "
    '?us ?p ?ru . ?us ?p ?kp . FILTER regex(str(?p), "sanction", "i") }'
)


def test_seed_story_russia_visited_north_korea(kg_cli, seed_store) -> None:
    result = kg_cli(*seed_store.args(), "query", ASK_VISIT)
    assert (result.code, result.out) == (0, "true\n"), result.err


def test_seed_story_us_sanctions_russia_and_north_korea(kg_cli, seed_store) -> None:
    result = kg_cli(*seed_store.args(), "query", ASK_SANCTION)
    assert (result.code, result.out) == (0, "true\n"), result.err


def test_seed_story_graphs_after_build(seed_store) -> None:
    from kg.store import open_store

    store = open_store(seed_store.path, backend=seed_store.backend)
    try:
        graphs = {str(g) for g in store.graphs()}
    finally:
        store.close()
    base = "https://w3id.org/geopol-kg/resource/graph/"
    assert {base + "ontology", base + "reference"} <= graphs
    assert any(g.startswith(base + "curated/") for g in graphs)
    assert any(g.startswith(base + "doc/") for g in graphs)


@pytest.mark.slow
def test_seed_story_build_with_extraction(kg_cli, extracted_store) -> None:
    """The full build (spaCy extractor): extracted events land in document graphs with
    provenance, and both seed-story questions are still answered true."""
    import kg

    with kg.open(extracted_store.path) as g:
        summary_events = g.query(
            "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ?g { ?e a kgo:Event } "
            'FILTER(CONTAINS(STR(?g), "/graph/events/")) }'
        ).values()[0]["n"]
        assert summary_events > 0
        provenance = g.named_query("provenance").values()
        assert any(row["sentence"] for row in provenance)
    for ask in (ASK_VISIT, ASK_SANCTION):
        assert kg_cli(*extracted_store.args(), "query", ask).out == "true\n"


@pytest.mark.slow
def test_seed_story_extracted_visits_are_linked_to_the_curated_ones(extracted_store) -> None:
    """On the merged events (reports are no kgo:Event): the article's "il y a plus de 20 ans" visit (before 2004-06-17) matches the curated
    visit of July 2000; the visit it announces for 18 June is realised by the curated visit
    of 19 June (two events, linked)."""
    import kg

    q = """SELECT ?link ?date ?curated_date WHERE {
      ?a ?link ?b . VALUES ?link { kgo:matchesCurated kgo:realises }
      ?a a kgo:Event ; kgo:eventKind "visit" ; kgo:eventDate ?da .
      ?b a kgo:Event ; kgo:eventDate ?db .
      BIND(IF(?link = kgo:matchesCurated, ?da, ?db) AS ?date)
      BIND(IF(?link = kgo:matchesCurated, ?db, ?da) AS ?curated_date)
    } ORDER BY ?link"""
    with kg.open(extracted_store.path) as g:
        rows = [
            (str(r["link"]).split("#")[1], str(r["date"]), str(r["curated_date"]))
            for r in g.query(q).values()
        ]
    assert rows == [("matchesCurated", "2004", "2000-07"), ("realises", "2024-06-18", "2024-06-19")]
