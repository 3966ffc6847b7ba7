"""Result formats: W3C SPARQL 1.1 CSV, TSV and JSON; tables; ASK; CONSTRUCT."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import UnknownFormat
from kg.query import format_result, shorten
from kg.store import QueryResult

ROWS = QueryResult(
    kind="select",
    vars=["s", "label", "n", "missing"],
    rows=[
        {
            "s": URIRef("https://w3id.org/geopol-kg/resource/state/RUS"),
            "label": Literal('Russie, "RU"', lang="fr"),
            "n": Literal("3", datatype=XSD.integer),
            "missing": None,
        },
        {"s": BNode("b0"), "label": Literal("plain"), "n": None, "missing": None},
    ],
)


def test_format_csv_is_w3c() -> None:
    text = format_result(ROWS, "csv")
    assert text.split("\r\n")[0] == "s,label,n,missing"
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1] == ["https://w3id.org/geopol-kg/resource/state/RUS", 'Russie, "RU"', "3", ""]
    assert rows[2] == ["_:b0", "plain", "", ""]


def test_format_tsv_uses_ntriples_terms() -> None:
    lines = format_result(ROWS, "tsv").splitlines()
    assert lines[0] == "?s\t?label\t?n\t?missing"
    assert lines[1].split("\t") == [
        "<https://w3id.org/geopol-kg/resource/state/RUS>",
        '"Russie, \\"RU\\""@fr',
        '"3"^^<http://www.w3.org/2001/XMLSchema#integer>',
        "",
    ]


def test_format_json_is_w3c() -> None:
    doc = json.loads(format_result(ROWS, "json"))
    assert doc["head"]["vars"] == ["s", "label", "n", "missing"]
    first, second = doc["results"]["bindings"]
    assert first["s"] == {"type": "uri", "value": "https://w3id.org/geopol-kg/resource/state/RUS"}
    assert first["label"] == {"type": "literal", "value": 'Russie, "RU"', "xml:lang": "fr"}
    assert first["n"]["datatype"] == str(XSD.integer)
    assert "missing" not in first
    assert second["s"] == {"type": "bnode", "value": "b0"}


def test_format_ask() -> None:
    yes = QueryResult(kind="ask", boolean=True)
    assert format_result(yes, "table") == "true\n"
    assert format_result(QueryResult(kind="ask", boolean=False), "csv") == "false\n"
    assert json.loads(format_result(yes, "json")) == {"head": {}, "boolean": True}


def test_format_construct_is_turtle() -> None:
    g = Graph()
    g.add(
        (URIRef("https://w3id.org/geopol-kg/resource/state/RUS"), URIRef("http://p"), Literal("x"))
    )
    text = format_result(QueryResult(kind="graph", graph=g), "table")
    assert Graph().parse(data=text, format="turtle").isomorphic(g)


def test_format_table_shortens_iris() -> None:
    text = format_result(ROWS, "table")
    assert "kgr:state/RUS" in text and "2 rows" in text
    assert shorten(URIRef("http://www.w3.org/2002/07/owl#sameAs")) == "owl:sameAs"


def test_format_unknown() -> None:
    with pytest.raises(UnknownFormat):
        format_result(ROWS, "xml")
