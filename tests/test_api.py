"""The Python API: kg.open / KnowledgeGraph, queries, events, load, build, stats, lazy import."""

from __future__ import annotations

import faulthandler
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef

import kg
from kg.errors import (
    InputError,
    QueryError,
    QueryTimeout,
    ServiceRefused,
    StoreNotFound,
    UnknownQuery,
)


def test_api_all_names_resolve() -> None:
    for name in kg.__all__:
        if name in ("extract", "viz", "analysis"):
            continue
        assert getattr(kg, name) is not None, name
    assert issubclass(kg.KGError, Exception)
    with pytest.raises(AttributeError):
        kg.nothing_here  # noqa: B018


def test_api_import_is_light() -> None:
    code = "import sys, kg; print(sorted(m for m in ('spacy', 'pyoxigraph', 'rdflib', 'pandas') if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_api_lazy_submodules() -> None:
    pytest.importorskip("kg.analysis")
    assert kg.analysis.__name__ == "kg.analysis"


def test_api_open_default_store_missing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KG_STORE", str(tmp_path / "none"))
    with pytest.raises(StoreNotFound):
        kg.open()


def test_api_query_ask_and_dataframe(seed_store) -> None:
    with kg.open(seed_store.path, backend=seed_store.backend) as g:
        assert g.ask("ASK { ?s owl:sameAs wd:Q159 }")
        result = g.query("SELECT ?s WHERE { ?s owl:sameAs $qid }", qid="x")
        assert len(result) == 0
        frame = g.query(
            "SELECT DISTINCT ?s ?code WHERE { ?s owl:sameAs wd:Q159 ; kgo:code ?code }"
        ).to_dataframe()
        assert list(frame.columns) == ["s", "code"] and frame["code"].tolist() == ["RUS"]
        with pytest.raises(InputError):
            g.ask("SELECT * WHERE { ?s ?p ?o } LIMIT 1")


def test_api_events_filters(seed_store) -> None:
    with kg.open(seed_store.path, backend=seed_store.backend) as g:
        every = g.events()
        # regression: a code or label stated in several graphs repeated every event row
        assert len({(e["event"], e["graph"]) for e in every}) == len(every)
        assert every and {
            "event",
            "kind",
            "actor",
            "target",
            "modality",
            "date",
            "sentence",
        } <= set(every[0])
        dyad = g.events(dyad=("RUS", "PRK"))
        assert dyad and all({e["actor_code"], e["target_code"]} == {"RUS", "PRK"} for e in dyad)
        assert g.events(dyad=("PRK", "RUS")) == dyad
        visits = g.events(kind="visit", actor="RUS")
        assert visits and all(e["kind"] == "visit" and e["actor_code"] == "RUS" for e in visits)
        assert all(e["modality"] == "planned" for e in g.events(modality="planned"))
        assert g.events(actor='RUS" } #') == []


def test_api_named_query(seed_store) -> None:
    with kg.open(seed_store.path, backend=seed_store.backend) as g:
        assert len(g.named_query("dyad", a="PRK", b="RUS")) == len(g.named_query("dyad"))
        with pytest.raises(UnknownQuery):
            g.named_query("no-such-query")


def test_api_load_file_graph_and_dataset(tmp_path: Path, backend: str) -> None:
    path = tmp_path / "d.ttl"
    path.write_text("<http://e/a> <http://e/p> <http://e/b> .\n", encoding="utf-8")
    with kg.open(tmp_path / "s", backend=backend, create=True) as g:
        assert g.load(path) == [URIRef("https://w3id.org/geopol-kg/resource/graph/file/d")]
        assert g.load(path) and len(g) == 1
        graph = Graph()
        graph.add((URIRef("http://e/x"), URIRef("http://e/p"), Literal("y")))
        assert g.load(graph, graph="http://e/g") == [URIRef("http://e/g")]
        assert g.load(graph) == [URIRef("https://w3id.org/geopol-kg/resource/graph/python")]
        ds = Dataset()
        ds.graph(URIRef("http://e/g3")).add(
            (URIRef("http://e/z"), URIRef("http://e/p"), Literal("1"))
        )
        assert g.load(ds) == [URIRef("http://e/g3")]
        assert len(g) == 4
        with pytest.raises(TypeError, match="source must be a file path"):
            g.load(42)  # type: ignore[arg-type]
    with kg.KnowledgeGraph(tmp_path / "s", backend=backend) as again:
        assert len(again) == 4


def test_api_build_and_stats_in_memory(tiny_seeds: Path, backend: str) -> None:
    g = kg.open(":memory:", backend=backend)
    summary = g.build(tiny_seeds, extract=False)
    assert summary.curated_events == 2 and summary.documents == 1
    stats = g.stats()
    assert stats["events"] == 2 and stats["kinds"] == {"sanction": 1, "visit": 1}
    assert stats["modality"] == {"asserted": 1, "planned": 1}
    assert g.events(modality="planned")[0]["kind"] == "sanction"
    g.close()
    g.close()  # twice is fine


def test_api_build_function_on_store(tiny_seeds: Path) -> None:
    store = kg.open_store(None)
    summary = kg.build(store, tiny_seeds, extract=False, progress=False)
    assert isinstance(summary, kg.BuildSummary)
    assert summary.triples == len(store) and summary.named_graphs == len(store.graphs())
    assert any("events: 2" in line for line in summary.lines())


def test_api_query_bounds(cross_store) -> None:
    """timeout=, max_rows=, allow_service=; updates refused. No limit unless asked."""
    forever = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    faulthandler.dump_traceback_later(120, exit=True)  # a limit that fails would hang here
    try:
        with kg.open(cross_store("oxigraph").path, read_only=True) as g:
            with pytest.raises(QueryTimeout, match=r"after 1 s \(pass a larger timeout="):
                g.query(forever, timeout=1)
            capped = g.query("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }", max_rows=4)
            assert (len(capped), capped.truncated) == (4, True)
            assert g.ask("ASK { ?s ?p $v }", v="7", timeout=30)
            assert len(g.named_query("actors", timeout=30)) == 0
            with pytest.raises(ServiceRefused):
                g.query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
            with pytest.raises(QueryError, match="updates are not allowed"):
                g.query("DROP ALL")
            with pytest.raises(TypeError, match="timeout must be a number of seconds or None"):
                g.query("ASK {}", timeout="10")  # type: ignore[arg-type]
            with pytest.raises(ValueError, match="max_rows must be >= 0"):
                g.query("ASK {}", max_rows=-1)
            everything = g.query("SELECT * WHERE { ?s <http://ex/p0> ?o }", max_rows=0)
            assert (len(everything), everything.truncated) == (429, False)
    finally:
        faulthandler.cancel_dump_traceback_later()
