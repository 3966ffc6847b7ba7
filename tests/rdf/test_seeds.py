"""The seeds: the seed article record and the curated seed-story graph."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Dataset, Graph, Literal

from kg import vocab
from kg.rdf.mapping import reference_graph
from kg.rdf.validate import validate
from kg.vocab import KGO, RDF

PROJECT = Path(__file__).resolve().parents[2]
ARTICLES = PROJECT / "seeds" / "articles" / "articles.jsonl"
CURATED = PROJECT / "seeds" / "curated" / "seed-story.trig"
SEED_GOLD = Path("/work/shared/eval/dev/seed.jsonl")

ASK_VISIT = """ASK { ?ru owl:sameAs wd:Q159 . ?kp owl:sameAs wd:Q423 . ?ru ?p ?kp .
  FILTER regex(str(?p), "visit", "i") }"""
ASK_SANCTIONS = """ASK { ?us owl:sameAs wd:Q30 . ?ru owl:sameAs wd:Q159 . ?kp owl:sameAs wd:Q423 .
  ?us ?p ?ru . ?us ?q ?kp . FILTER (regex(str(?p), "sanction", "i") && regex(str(?q), "sanction", "i")) }"""


def _curated() -> Dataset:
    ds = Dataset()
    ds.parse(CURATED, format="trig")
    return ds


def _union(ds: Dataset, extra: Graph) -> Graph:
    g = Graph()
    for s, p, o, _c in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    for t in extra:
        g.add(t)
    return g


def test_seeds_article_record_has_metadata_and_no_events() -> None:
    lines = [json.loads(x) for x in ARTICLES.read_text(encoding="utf-8").splitlines() if x]
    seed = next(r for r in lines if r["id"] == "seed-0001")
    assert set(seed) == {"id", "lang", "date", "title", "source", "text"}
    assert (seed["lang"], seed["date"]) == ("fr", "2024-06-17")
    if SEED_GOLD.exists():
        gold = json.loads(SEED_GOLD.read_text(encoding="utf-8").splitlines()[0])
        assert seed["text"] == gold["text"]


def test_seeds_curated_graph_parses_in_its_named_graph() -> None:
    ds = _curated()
    graphs = {c for _s, _p, _o, c in ds.quads((None, None, None, None))}
    assert graphs == {vocab.curated_graph("seed-story")}
    assert "curated" in str(vocab.curated_graph("seed-story"))
    g = _union(ds, Graph())
    events = set(g.subjects(RDF.type, KGO.Event))
    assert len(events) >= 10
    assert all((e, KGO.curated, Literal(True)) in g for e in events)


def test_seeds_curated_ask_queries_with_reference_rdflib(fake_gazetteer) -> None:
    g = _union(_curated(), reference_graph(fake_gazetteer))
    ns = {p: vocab.PREFIXES[p] for p in ("owl", "wd")}
    assert g.query(ASK_VISIT, initNs=ns).askAnswer
    assert g.query(ASK_SANCTIONS, initNs=ns).askAnswer
    # and nothing pretends Russia sanctions the US
    reverse = ASK_SANCTIONS.replace("?us ?p ?ru", "?ru ?p ?us")
    assert not g.query(reverse, initNs=ns).askAnswer


def test_seeds_curated_ask_queries_with_reference_oxigraph(fake_gazetteer) -> None:
    store = pyoxigraph.Store()
    store.load(CURATED.read_bytes(), format=pyoxigraph.RdfFormat.TRIG)
    ref = reference_graph(fake_gazetteer).serialize(format="nt", encoding="utf-8")
    store.load(
        ref,
        format=pyoxigraph.RdfFormat.N_TRIPLES,
        to_graph=pyoxigraph.NamedNode(str(vocab.KGR["graph/reference"])),
    )
    prologue = vocab.sparql_prologue()
    for query in (ASK_VISIT, ASK_SANCTIONS):
        assert bool(store.query(prologue + query, use_default_graph_as_union=True))


def test_seeds_curated_graph_conforms_with_reference(fake_gazetteer) -> None:
    report = validate(_union(_curated(), reference_graph(fake_gazetteer)))
    assert report.conforms, "\n".join(map(str, report.violations))


@pytest.mark.parametrize(
    ("kind", "source", "target", "date"),
    [
        ("visit", "RUS", "PRK", "2024-06-19"),
        ("sign_agreement", "RUS", "PRK", "2024-06-19"),
        ("sign_agreement", "PRK", "RUS", "2024-06-19"),
        ("visit", "RUS", "PRK", "2000-07"),
        ("sign_agreement", "RUS", "PRK", "2000-02"),
        ("visit", "PRK", "RUS", "2023-09"),
        ("sanction", "USA", "RUS", ""),
        ("sanction", "USA", "PRK", ""),
    ],
)
def test_seeds_curated_story_facts(kind: str, source: str, target: str, date: str) -> None:
    g = _union(_curated(), Graph())
    ev = vocab.event_iri("curated/seed-story", source, kind, target, "asserted", date)
    assert (ev, KGO.eventKind, Literal(kind)) in g
    assert (ev, KGO.actor, vocab.state_iri(source)) in g
    assert (ev, KGO.target, vocab.state_iri(target)) in g
    assert (ev, KGO.modality, KGO.Asserted) in g
    assert (ev, vocab.PROV.wasDerivedFrom, None) in g


def test_seeds_curated_ask_queries_with_real_gazetteer() -> None:
    from kg.gazetteer import load_gazetteer

    ref = reference_graph(load_gazetteer())
    g = _union(_curated(), ref)
    ns = {p: vocab.PREFIXES[p] for p in ("owl", "wd")}
    assert g.query(ASK_VISIT, initNs=ns).askAnswer
    assert g.query(ASK_SANCTIONS, initNs=ns).askAnswer
    report = validate(g)
    assert report.conforms, "\n".join(map(str, report.violations[:20]))
