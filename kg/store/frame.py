"""SPARQL result rows as a pandas DataFrame with one proper dtype per column.

`QueryResult.to_dataframe` calls `result_frame`. Each column is typed from the RDF terms it
holds, not from Python values, so a column never mixes `Decimal`s, `date`s and strings:

- xsd integer types -> ``int64`` (``Int64`` when some rows are unbound);
- xsd:decimal, xsd:double, xsd:float (mixed with integers or not) -> ``float64``;
- xsd:boolean -> ``bool`` (``boolean`` when some rows are unbound);
- xsd:date, xsd:dateTime, xsd:gYearMonth, xsd:gYear -> ``datetime64[us]`` (UTC-aware when
  every value is a dateTime with a timezone; otherwise timezones are converted to UTC and
  dropped). Among typed dates, plain strings shaped like ``2024``, ``2024-06`` or
  ``2024-06-18`` count as dates too. kg dates can be partial, so a partial date stands for
  its first day and, when the column holds any partial date, a companion column
  ``<name>_granularity`` says ``year``, ``month`` or ``day`` for each row;
- anything else (IRIs, plain and language-tagged strings, a column mixing kinds, a literal
  whose lexical form is not valid for its datatype) -> the terms' text, as strings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["result_frame"]

_INTEGER = {
    str(XSD[name])
    for name in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
}
_FLOAT = {str(XSD.decimal), str(XSD.double), str(XSD.float)}
_BOOLEAN = str(XSD.boolean)
_DATETIMES = {str(XSD.dateTime), str(XSD.dateTimeStamp)}
_SHAPES = {str(XSD.date): 3, str(XSD.gYearMonth): 2, str(XSD.gYear): 1}
"""Date datatypes -> how many of year, month, day their lexical form has."""
_DATES = _DATETIMES | set(_SHAPES)
_PLAIN = {str(XSD.string)}

_TZ = r"(?:Z|[+-]\d{2}:\d{2})?"
_PARTIAL_DATE = re.compile(rf"^(\d{{4}})(?:-(\d{{2}})(?:-(\d{{2}}))?)?{_TZ}$")
_INT_RANGE = (-(2**63), 2**63 - 1)


class _Unconvertible(ValueError):
    """A value does not fit the column's type: the column falls back to strings."""


def _kind(term: Node) -> str:
    """The column kind a term asks for: int, float, bool, date, text (a plain string) or str."""
    if not isinstance(term, Literal) or term.language:
        return "str"
    datatype = str(term.datatype) if term.datatype else None
    if datatype is None or datatype in _PLAIN:
        return "text"
    if datatype in _INTEGER:
        return "int"
    if datatype in _FLOAT:
        return "float"
    if datatype == _BOOLEAN:
        return "bool"
    if datatype in _DATES:
        return "date"
    return "str"


def _column_kind(terms: Sequence[Node]) -> str:
    kinds = {_kind(t) for t in terms}
    if kinds <= {"int"}:
        return "int"
    if kinds <= {"int", "float"}:
        return "float"
    if kinds == {"bool"}:
        return "bool"
    if "date" in kinds and kinds <= {"date", "text"}:
        return "date"
    return "str"


def _text(term: Node | None) -> str | None:
    if term is None:
        return None
    return f"_:{term}" if not isinstance(term, URIRef | Literal) else str(term)


def _integer(term: Node) -> int:
    try:
        return int(str(term).strip())
    except ValueError:
        raise _Unconvertible(str(term)) from None


def _float(term: Node) -> float:
    try:
        return float(str(term).strip())
    except ValueError:
        raise _Unconvertible(str(term)) from None


def _boolean(term: Node) -> bool:
    text = str(term).strip()
    if text in ("true", "1"):
        return True
    if text in ("false", "0"):
        return False
    raise _Unconvertible(text)


def _date(term: Node) -> tuple[datetime, str]:
    """A date term as (its first instant, its granularity)."""
    text = str(term).strip()
    datatype = str(term.datatype) if isinstance(term, Literal) and term.datatype else None
    if datatype in _DATETIMES:
        try:
            return datetime.fromisoformat(text), "day"
        except ValueError:
            raise _Unconvertible(text) from None
    m = _PARTIAL_DATE.match(text)
    # a typed literal must have the shape of its datatype; a plain string may have any
    shape = _SHAPES.get(datatype or "")
    if not m or (shape is not None and sum(g is not None for g in m.groups()) != shape):
        raise _Unconvertible(text)
    year, month, day = m.groups()
    try:
        value = datetime(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise _Unconvertible(text) from None
    return value, "day" if day else "month" if month else "year"


def _series(name: str, terms: list[Node | None]) -> dict[str, pd.Series]:
    """The column `name` (and its granularity companion, for partial dates)."""
    import pandas as pd

    bound = [t for t in terms if t is not None]
    missing = len(bound) < len(terms)
    kind = _column_kind(bound) if bound else "none"
    try:
        if kind == "int":
            ints = [None if t is None else _integer(t) for t in terms]
            if any(not _INT_RANGE[0] <= v <= _INT_RANGE[1] for v in ints if v is not None):
                raise _Unconvertible(name)
            return {name: pd.Series(ints, dtype="Int64" if missing else "int64")}
        if kind == "float":
            floats = [float("nan") if t is None else _float(t) for t in terms]
            return {name: pd.Series(floats, dtype="float64")}
        if kind == "bool":
            flags = [None if t is None else _boolean(t) for t in terms]
            return {name: pd.Series(flags, dtype="boolean" if missing else "bool")}
        if kind == "date":
            return _date_series(name, terms)
    except _Unconvertible:
        pass
    if kind == "none":
        return {name: pd.Series([None] * len(terms), dtype="object")}
    return {name: pd.Series([_text(t) for t in terms])}


def _date_series(name: str, terms: list[Node | None]) -> dict[str, pd.Series]:
    import pandas as pd

    parsed = [None if t is None else _date(t) for t in terms]
    aware = all(p[0].tzinfo is not None for p in parsed if p is not None)

    def instant(value: datetime) -> datetime:
        if value.tzinfo is None:
            return value
        utc = value.astimezone(UTC)
        return utc if aware else utc.replace(tzinfo=None)

    instants = [None if p is None else instant(p[0]) for p in parsed]
    out = {name: pd.Series(instants, dtype="datetime64[us, UTC]" if aware else "datetime64[us]")}
    granularity = [None if p is None else p[1] for p in parsed]
    if any(g != "day" for g in granularity if g is not None):
        out[f"{name}_granularity"] = pd.Series(granularity)
    return out


def result_frame(names: Sequence[str], rows: Sequence[dict[str, Node | None]]) -> pd.DataFrame:
    """A DataFrame of `rows` with the columns `names`, typed as the module docstring says."""
    import pandas as pd

    if not rows:
        return pd.DataFrame(columns=list(names))
    columns: dict[str, pd.Series] = {}
    for name in names:
        for key, series in _series(name, [row.get(name) for row in rows]).items():
            if key == name or key not in names:  # a variable wins over a companion column
                columns[key] = series
    return pd.DataFrame(columns)
