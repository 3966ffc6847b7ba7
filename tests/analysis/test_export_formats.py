"""GraphML, GEXF and CSV edge-list exports re-read correctly; attributes are GraphML-safe."""

from __future__ import annotations

import csv
import io

import networkx as nx
import pytest

from kg.analysis import export_network, export_store, state_multigraph
from kg.analysis.export import network_bytes, safe_graph
from kg.errors import UnknownFormat

from .test_projection_graphs import ROWS


def test_graphml_round_trip(tmp_path):
    path = tmp_path / "g.graphml"
    export_network(ROWS, "graphml", path)
    G = nx.read_graphml(path)
    assert G.is_directed()
    assert G.edges["AAA", "BBB"]["count"] == 2
    assert G.edges["AAA", "BBB"]["goldstein_sum"] == pytest.approx(5.0)
    assert G.nodes["AAA"]["label"] == "Aaa"


def test_multigraph_graphml_joins_sources(tmp_path):
    path = tmp_path / "m.graphml"
    export_network(state_multigraph(ROWS), "graphml", path)
    G = nx.read_graphml(path, force_multigraph=True)
    assert G.number_of_edges() == 4
    sources = {d["sources"] for *_, d in G.edges(data=True)}
    assert sources == {"urn:doc1; urn:doc2"}


def test_gexf_round_trip(tmp_path):
    path = tmp_path / "g.gexf"
    export_network(ROWS, "gexf", path, graph="signed")
    G = nx.read_gexf(path)
    assert not G.is_directed()
    assert G.edges["AAA", "BBB"]["sign"] == -1
    assert G.edges["AAA", "BBB"]["weight"] == pytest.approx(-3.0)


def test_csv_edges_header_and_rows(tmp_path):
    path = tmp_path / "edges.csv"
    export_network(ROWS, "csv-edges", path)
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames
        rows = list(reader)
    assert header[:4] == ["source", "target", "source_label", "target_label"]
    assert header[4:8] == ["count", "goldstein_sum", "sign", "weight"]
    assert len(rows) == 3
    ab = next(r for r in rows if (r["source"], r["target"]) == ("AAA", "BBB"))
    assert (ab["count"], float(ab["goldstein_sum"])) == ("2", 5.0)


def test_safe_graph_only_plain_values():
    G = nx.MultiDiGraph()
    G.add_node(1, label=None, things=("x", "y"))
    G.add_edge(1, 2, key="k", sources=("a", "b"), date=None, n=3)
    H = safe_graph(G)
    assert H.nodes["1"] == {"things": "x; y"}
    assert H.edges["1", "2", "k"] == {"sources": "a; b", "n": 3}


def test_text_and_binary_streams():
    text = io.StringIO()
    export_network(ROWS, "csv", text)
    assert text.getvalue().startswith("source,target,")
    binary = io.BytesIO()
    export_network(ROWS, "graphml", binary)
    assert binary.getvalue().startswith(b"<?xml")


def test_unknown_format():
    with pytest.raises(UnknownFormat):
        network_bytes(nx.Graph(), "pajek")


def test_export_store_with_filters(small_store, tmp_path):
    path = tmp_path / "store.graphml"
    G = export_store(small_store, "graphml", path, since="2024-01", modalities=None)
    back = nx.read_graphml(path)
    assert set(back.edges) == set(G.edges)
    assert back.has_edge("RUS", "FRA")  # alleged included with modalities=None
    assert not back.has_edge("DEU", "FRA")  # 2023 is before the window
    assert back.nodes["org/hamas"]["kind"] == "organisation"
