"""Property: a `$name` parameter bound to any string is one SPARQL literal holding exactly
that string, whatever quotes, backslashes, braces, comments or line breaks it contains."""

from __future__ import annotations

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.query import sparql_string, substitute_params

# any text UTF-8 can carry (lone surrogates cannot be encoded, so no query can hold them),
# with the characters SPARQL gives a meaning inside or around a literal drawn more often
SPECIAL = list("\"'\\\n\r\t{}#<>$?. ") + ['"""', "'''", "\\u0041", "\\n", "$x"]
VALUES = st.lists(
    st.one_of(st.text(st.characters(exclude_categories=("Cs",))), st.sampled_from(SPECIAL))
).map("".join)
SETTINGS = settings(max_examples=200, deadline=None, database=None)


@SETTINGS
@given(value=VALUES)
def test_params_any_string_round_trips_as_one_literal(value: str) -> None:
    query = substitute_params("SELECT ?v WHERE { BIND($x AS ?v) } # $x in a comment", {"x": value})
    rows = list(ox.Store().query(query))
    assert len(rows) == 1
    literal = rows[0]["v"]
    assert isinstance(literal, ox.Literal) and literal.value == value
    assert literal.datatype == ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")


@SETTINGS
@given(value=VALUES)
def test_params_sparql_string_is_a_literal_term(value: str) -> None:
    """The literal alone also parses where SPARQL expects a term (a VALUES row)."""
    query = f"SELECT ?v WHERE {{ VALUES ?v {{ {sparql_string(value)} }} }}"
    assert [row["v"].value for row in ox.Store().query(query)] == [value]
