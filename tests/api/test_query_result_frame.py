"""`QueryResult.to_dataframe`: one dtype per column, typed from the RDF terms.

kg stores event dates as xsd:date, xsd:gYearMonth or xsd:gYear (kg.rdf.mapping.date_literal),
so a date column is often of mixed granularity: it gets a `<name>_granularity` companion.
"""

from __future__ import annotations

import pandas as pd
import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

import kg
from kg.errors import InputError
from kg.store import QueryResult


def _frame(**columns: list) -> pd.DataFrame:
    names = list(columns)
    rows = [dict(zip(names, values, strict=True)) for values in zip(*columns.values(), strict=True)]
    return QueryResult(kind="select", vars=names, rows=rows).to_dataframe()


def _lit(value: str, datatype=None) -> Literal:
    return Literal(value, datatype=datatype)


def test_numbers_and_booleans() -> None:
    frame = _frame(
        n=[_lit("1", XSD.integer), _lit("2", XSD.integer)],
        m=[_lit("1", XSD.integer), None],
        x=[_lit("1.5", XSD.decimal), _lit("2", XSD.integer)],
        d=[_lit("1e3", XSD.double), None],
        b=[_lit("true", XSD.boolean), _lit("false", XSD.boolean)],
        c=[_lit("1", XSD.boolean), None],
    )
    assert {c: str(t) for c, t in frame.dtypes.items()} == {
        "n": "int64",
        "m": "Int64",
        "x": "float64",
        "d": "float64",
        "b": "bool",
        "c": "boolean",
    }
    assert frame["x"].tolist() == [1.5, 2.0] and frame["b"].tolist() == [True, False]
    assert frame["m"].isna().tolist() == [False, True]


def test_partial_dates_get_a_granularity_column() -> None:
    frame = _frame(
        date=[
            _lit("2004", XSD.gYear),
            _lit("2024-06", XSD.gYearMonth),
            _lit("2024-06-18", XSD.date),
            Literal("2023-09"),  # a plain string among typed dates
            None,
        ]
    )
    assert list(frame.columns) == ["date", "date_granularity"]
    assert str(frame["date"].dtype).startswith("datetime64")
    assert frame["date"].tolist()[:4] == [
        pd.Timestamp("2004-01-01"),
        pd.Timestamp("2024-06-01"),
        pd.Timestamp("2024-06-18"),
        pd.Timestamp("2023-09-01"),
    ]
    assert pd.isna(frame["date"].iloc[4])
    assert frame["date_granularity"].tolist()[:4] == ["year", "month", "day", "month"]
    assert pd.isna(frame["date_granularity"].iloc[4])


def test_full_dates_and_date_times() -> None:
    days = _frame(d=[_lit("2024-06-18", XSD.date), _lit("2024-06-19", XSD.date)])
    assert list(days.columns) == ["d"] and str(days["d"].dtype) == "datetime64[us]"
    stamps = _frame(
        t=[
            _lit("2024-06-18T10:00:00+02:00", XSD.dateTime),
            _lit("2024-06-18T09:00:00Z", XSD.dateTime),
        ]
    )
    assert str(stamps["t"].dtype) == "datetime64[us, UTC]"
    assert stamps["t"].tolist() == [
        pd.Timestamp("2024-06-18 08:00", tz="UTC"),
        pd.Timestamp("2024-06-18 09:00", tz="UTC"),
    ]


def test_iris_strings_and_mixed_columns_stay_strings() -> None:
    frame = _frame(
        s=[URIRef("https://w3id.org/geopol-kg/resource/state/RUS"), BNode("b0")],
        label=[Literal("Russie", lang="fr"), Literal("Russia")],
        mixed=[_lit("1", XSD.integer), Literal("one")],
        bad=[_lit("abc", XSD.integer), _lit("1", XSD.integer)],
        bad_date=[_lit("2024-13-45", XSD.date), _lit("2024-06", XSD.date)],
    )
    assert frame["s"].tolist() == ["https://w3id.org/geopol-kg/resource/state/RUS", "_:b0"]
    assert frame["label"].tolist() == ["Russie", "Russia"]
    assert frame["mixed"].tolist() == ["1", "one"]
    assert frame["bad"].tolist() == ["abc", "1"]  # invalid lexical form: the text, no NaN
    assert frame["bad_date"].tolist() == ["2024-13-45", "2024-06"]
    for column in frame.columns:
        assert not pd.api.types.is_numeric_dtype(frame[column])
        assert all(isinstance(v, str) for v in frame[column])


def test_empty_and_unbound_columns() -> None:
    empty = QueryResult(kind="select", vars=["a", "b"], rows=[]).to_dataframe()
    assert list(empty.columns) == ["a", "b"] and len(empty) == 0
    unbound = _frame(a=[None, None])
    assert unbound["a"].isna().all()


def test_graph_and_ask_results() -> None:
    g = kg.open(":memory:")
    g.update("INSERT DATA { GRAPH <http://e/g> { <http://e/s> <http://e/p> 3 } }")
    frame = g.query("CONSTRUCT WHERE { ?s ?p ?o }").to_dataframe()
    assert list(frame.columns) == ["subject", "predicate", "object"]
    assert frame["object"].dtype == "int64" and frame["subject"].tolist() == ["http://e/s"]
    with pytest.raises(InputError, match="boolean"):
        g.query("ASK { ?s ?p ?o }").to_dataframe()


def test_event_dates_of_the_seed_graph(oxigraph_seed_store) -> None:
    """The seeds hold xsd:date and xsd:gYearMonth event dates, and undated events."""
    with kg.open(oxigraph_seed_store.path) as g:
        frame = g.named_query("events").to_dataframe()
        terms = g.named_query("events").rows
    datatypes = {str(r["date"].datatype) for r in terms if r["date"] is not None}
    assert datatypes == {str(XSD.date), str(XSD.gYearMonth)}
    assert str(frame["date"].dtype) == "datetime64[us]"
    assert set(frame["date_granularity"].dropna()) == {"day", "month"}
    month = frame[frame["date_granularity"] == "month"].iloc[0]
    assert month["date"].day == 1
    undated = frame["date"].isna()
    assert undated.any() and frame["date_granularity"][undated].isna().all()
    assert frame["actor"].map(type).eq(str).all()
