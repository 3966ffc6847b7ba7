"""The corpus event layer (`kg.identity.layer`) on the seed: one `kgo:Event` per real event,
whatever the number of documents reporting it; re-ingesting, republishing and replacing a
document keep it right."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.store import open_store
from kg.vocab import sparql_prologue

pytestmark = pytest.mark.slow  # the extracted seed store (spaCy)

CURATED = "https://w3id.org/geopol-kg/resource/graph/curated/"
REAL_EVENTS = (
    "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ?g { ?e a ?k } "
    f'?k rdfs:subClassOf* kgo:Event FILTER(!STRSTARTS(STR(?g), "{CURATED}")) }}'
)
DOCS_PER_EVENT = (
    "SELECT ?e (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?g { ?e a kgo:Event ; "
    f'prov:wasDerivedFrom ?d }} FILTER(!STRSTARTS(STR(?g), "{CURATED}")) }} GROUP BY ?e'
)
LAYER = (
    "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } "
    'FILTER(STRSTARTS(STR(?g), "https://w3id.org/geopol-kg/resource/graph/events/")) }'
)


def _seed_article(tmp: Path, doc_id: str, cut: int | None = None) -> Path:
    from kg.build import default_seeds_dir

    line = (default_seeds_dir() / "articles" / "articles.jsonl").read_text("utf-8").splitlines()[0]
    record = json.loads(line)
    record["id"] = doc_id
    if cut is not None:
        record["text"] = record["text"][:cut]
    path = tmp / f"{doc_id}-{cut}.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _count(store, query: str) -> int:
    return int(store.query(sparql_prologue() + query).rows[0]["n"])


def _layer(store) -> set[tuple[str, ...]]:
    return {tuple(str(r[k]) for k in ("s", "p", "o", "g")) for r in store.query(LAYER).rows}


@pytest.fixture
def copy(extracted_store, store_copy):
    return store_copy(extracted_store)


def test_reports_are_not_events_and_the_count_counts_real_events(extracted_store) -> None:
    with open_store(extracted_store.path, backend="oxigraph", read_only=True) as s:
        events = _count(s, REAL_EVENTS)
        reports = _count(s, "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a kgo:EventReport }")
        typed_both = _count(s, "SELECT (COUNT(*) AS ?n) WHERE { ?r a kgo:EventReport , kgo:Event }")
        in_docs = _count(
            s,
            "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ?g { ?e a kgo:Event } "
            'FILTER(CONTAINS(STR(?g), "/graph/doc/")) }',
        )
    assert 0 < events <= reports and typed_both == 0 and in_docs == 0


def test_a_republished_article_adds_documents_not_events(copy, kg_cli, tmp_path) -> None:
    with open_store(copy.path, backend="oxigraph", read_only=True) as s:
        before = _count(s, REAL_EVENTS)
    src = _seed_article(tmp_path, "seed-0001-republished")
    result = kg_cli("--store", str(copy.path), "ingest", str(src), "--no-progress")
    assert result.code == 0, result.err
    with open_store(copy.path, backend="oxigraph", read_only=True) as s:
        assert _count(s, REAL_EVENTS) == before
        assert {int(r["n"]) for r in s.query(sparql_prologue() + DOCS_PER_EVENT).rows} == {2}
        layer = _layer(s)
    # re-ingesting (forced re-extraction) changes nothing
    again = kg_cli("--store", str(copy.path), "ingest", str(src), "--no-progress", "--force")
    assert again.code == 0, again.err
    with open_store(copy.path, backend="oxigraph", read_only=True) as s:
        assert _layer(s) == layer


def test_replacing_a_document_updates_the_layer(copy, kg_cli, tmp_path) -> None:
    from kg.identity.layer import rebuild_layer

    full = _seed_article(tmp_path, "seed-bis")
    short = _seed_article(tmp_path, "seed-bis", cut=400)
    assert kg_cli("--store", str(copy.path), "ingest", str(full), "--no-progress").code == 0
    result = kg_cli("--store", str(copy.path), "ingest", str(short), "--no-progress")
    assert result.code == 0 and "1 changed documents replaced" in result.out, result.err
    with open_store(copy.path, backend="oxigraph") as s:
        incremental = _layer(s)
        # every report a merged event points to is still in the store
        dangling = _count(
            s,
            "SELECT (COUNT(*) AS ?n) WHERE { ?e kgo:report ?r FILTER NOT EXISTS { ?r a kgo:EventReport } }",
        )
        docs = {int(r["n"]) for r in s.query(sparql_prologue() + DOCS_PER_EVENT).rows}
        rebuild_layer(s)
        assert _layer(s) == incremental  # the incremental path gives what a full rebuild gives
    assert dangling == 0 and docs <= {1, 2} and 1 in docs


def test_explain_event_shows_reports_and_decisions(extracted_store, kg_cli) -> None:
    with open_store(extracted_store.path, backend="oxigraph", read_only=True) as s:
        merged = str(
            s.query(
                sparql_prologue()
                + "SELECT ?e WHERE { ?e kgo:mergeDecision ?d } ORDER BY ?e LIMIT 1"
            ).rows[0]["e"]
        )
    result = kg_cli("--store", str(extracted_store.path), "explain-event", merged, "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert len(data["reports"]) == len(data["decisions"]) + 1 >= 2
    assert all(d["reason"] and 0 < d["confidence"] <= 1 for d in data["decisions"])
    assert {d["report"] for d in data["decisions"]} < {r["report"] for r in data["reports"]}
    assert all(r["document"] == "seed-0001" and r["sentences"] for r in data["reports"])
    missing = kg_cli("--store", str(extracted_store.path), "explain-event", "https://x.org/e")
    assert missing.code == 1 and "E040" in missing.err


POOL = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "wikinews_fr_pool.jsonl"


@pytest.mark.skipif(not POOL.is_file(), reason=f"{POOL} is not there (the shared corpus)")
def test_a_corpus_ingested_twice_under_new_ids_has_the_events_of_once(kg_cli, tmp_path) -> None:
    lines = POOL.read_text("utf-8").splitlines()[:12]
    once, twice = tmp_path / "once.jsonl", tmp_path / "twice.jsonl"
    once.write_text("\n".join(lines) + "\n", encoding="utf-8")
    again = []
    for line in lines:
        record = json.loads(line)
        record["id"] += "-again"
        again.append(json.dumps(record, ensure_ascii=False))
    twice.write_text("\n".join(again) + "\n", encoding="utf-8")
    store = tmp_path / "store"
    assert kg_cli("--store", str(store), "ingest", str(once), "--no-progress").code == 0
    with open_store(store, read_only=True) as s:
        events = _count(s, "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a kgo:Event }")
    assert kg_cli("--store", str(store), "ingest", str(twice), "--no-progress").code == 0
    with open_store(store, read_only=True) as s:
        assert _count(s, "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a kgo:Event }") == events
        assert {int(r["n"]) for r in s.query(sparql_prologue() + DOCS_PER_EVENT).rows} <= {2}


def test_a_merged_alleged_event_is_a_claim_with_its_denials(extracted_store) -> None:
    """What the document's report no longer says (tests/rdf/test_mapping.py) its merged
    event does: the alleged military aid is a kgo:Claim, denied by both parties."""
    q = (
        "SELECT ?e ?denier WHERE { ?e a kgo:Event , kgo:Claim ; kgo:eventKind ?k ; "
        'kgo:deniedBy ?denier FILTER(STRSTARTS(?k, "aid")) }'
    )
    with open_store(extracted_store.path, backend="oxigraph", read_only=True) as s:
        rows = s.query(sparql_prologue() + q).rows
    assert len({str(r["e"]) for r in rows}) == 1
    assert {str(r["denier"]).rsplit("/", 1)[1] for r in rows} == {"PRK", "RUS"}
