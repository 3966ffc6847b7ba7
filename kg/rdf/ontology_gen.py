"""Generate `ontology/event-kinds.ttl` from `kg/data/event_kinds.csv`.

One OWL class per event kind (subclass of `kgo:Event`, with its PLOVER type/mode, CAMEO code,
Goldstein score and direct relation as annotations) and one `owl:ObjectProperty` per direct
relation (`owl:SymmetricProperty` when the kind is symmetric, `owl:inverseOf` when it has an
inverse relation). Run `python -m kg.rdf.ontology_gen` after editing the CSV; a test checks the
committed file is up to date.

CAMEO codes are linked with `skos:closeMatch` to IRIs of the form
`http://eventdata.utdallas.edu/cameo/<code>` (see `CAMEO_BASE`).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from kg.eventkinds import EventKind, event_kinds

__all__ = ["CAMEO_BASE", "EVENT_KINDS_TTL", "cameo_iri", "render", "write", "main"]

CAMEO_BASE = "http://eventdata.utdallas.edu/cameo/"
"""IRI scheme for CAMEO event codes: CAMEO_BASE + code, leading zeros kept ("042")."""

EVENT_KINDS_TTL = Path(__file__).resolve().parents[2] / "ontology" / "event-kinds.ttl"
"""Where the generated Turtle lives."""

_HEADER = """\
# GENERATED FILE - do not edit. Source: kg/data/event_kinds.csv
# Regenerate with: python -m kg.rdf.ontology_gen
# One class per event kind and one object property per direct relation.
# CAMEO concepts: <{cameo}CODE> (leading zeros kept).

@prefix kgo:  <https://w3id.org/geopol-kg/ontology#> .
@prefix owl:  <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .

"""


def cameo_iri(code: str) -> str:
    """IRI of a CAMEO event code, e.g. '042' -> 'http://eventdata.utdallas.edu/cameo/042'."""
    return CAMEO_BASE + code


def _lit(text: str, lang: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"' + (f"@{lang}" if lang else "")


def _words(name: str) -> str:
    """camelCase -> space separated lower-case words: 'signsAgreementWith' -> 'signs agreement with'."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()


def _goldstein(value: float) -> str:
    return f'"{value!r}"^^xsd:decimal'


def _kind_class(k: EventKind) -> str:
    lines = [
        f"kgo:{k.event_class} a owl:Class ;",
        "    rdfs:subClassOf kgo:Event ;",
        f"    rdfs:label {_lit(k.label_en, 'en')} , {_lit(k.label_fr, 'fr')} ;",
        f"    skos:notation {_lit(k.key)} ;",
        f"    kgo:ploverType {_lit(k.plover_type)} ;",
    ]
    if k.plover_mode:
        lines.append(f"    kgo:ploverMode {_lit(k.plover_mode)} ;")
    lines += [
        f"    kgo:cameoCode {_lit(k.cameo)} ;",
        f"    kgo:goldstein {_goldstein(k.goldstein)} ;",
        f"    kgo:directRelation kgo:{k.relation} ;",
        f"    skos:closeMatch <{cameo_iri(k.cameo)}> .",
    ]
    return "\n".join(lines) + "\n"


def _relation(name: str, k: EventKind, inverse_of: str = "") -> str:
    types = "owl:ObjectProperty" + (" , owl:SymmetricProperty" if k.symmetric else "")
    if inverse_of:
        comment = (
            f"Inverse of kgo:{inverse_of}: the target of an asserted {k.label_en} event "
            f"(kgo:{k.event_class}) {_words(name)} its actor."
        )
    else:
        comment = (
            f"Stated between actor and target of every asserted {k.label_en} event "
            f"(kgo:{k.event_class})" + (", in both directions." if k.symmetric else ".")
        )
    lines = [
        f"kgo:{name} a {types} ;",
        f"    rdfs:label {_lit(_words(name), 'en')} ;",
        "    rdfs:domain kgo:Actor ;",
        "    rdfs:range kgo:Actor ;",
    ]
    other = inverse_of or k.inverse_relation
    if other:
        lines.append(f"    owl:inverseOf kgo:{other} ;")
    lines.append(f"    rdfs:comment {_lit(comment, 'en')} .")
    return "\n".join(lines) + "\n"


def render() -> str:
    """The Turtle text of the generated ontology module, deterministic for a given CSV."""
    kinds = list(event_kinds().values())
    parts = [_HEADER.format(cameo=CAMEO_BASE)]
    parts.append("#################################################################\n")
    parts.append("# Event kinds\n")
    parts.append("#################################################################\n\n")
    for k in kinds:
        parts.append(_kind_class(k) + "\n")
    parts.append("#################################################################\n")
    parts.append("# Direct relations (actor -> target of asserted events)\n")
    parts.append("#################################################################\n\n")
    seen: set[str] = set()
    for k in kinds:
        if k.relation not in seen:
            seen.add(k.relation)
            parts.append(_relation(k.relation, k) + "\n")
        if k.inverse_relation and k.inverse_relation not in seen:
            seen.add(k.inverse_relation)
            parts.append(_relation(k.inverse_relation, k, inverse_of=k.relation) + "\n")
    return "".join(parts).rstrip("\n") + "\n"


def write(path: Path = EVENT_KINDS_TTL) -> Path:
    """Write the generated Turtle to `path` (default `ontology/event-kinds.ttl`)."""
    path.write_text(render(), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    """`python -m kg.rdf.ontology_gen [PATH]`: regenerate the event-kinds ontology module."""
    args = sys.argv[1:] if argv is None else argv
    out = write(Path(args[0]) if args else EVENT_KINDS_TTL)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
