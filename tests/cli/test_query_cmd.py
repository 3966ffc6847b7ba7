"""`kg query`: SPARQL text, .rq files, named queries, formats, parameters, errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from kg.query import list_queries


def test_query_cmd_ask_prints_true_false(kg_cli, seed_store) -> None:
    result = kg_cli(*seed_store.args(), "query", "ASK { ?s owl:sameAs wd:Q159 }")
    assert (result.code, result.out) == (0, "true\n")
    result = kg_cli(*seed_store.args(), "query", "ASK { ?s owl:sameAs wd:Q0 }")
    assert (result.code, result.out) == (0, "false\n")


def test_query_cmd_own_prefix_declaration_still_works(kg_cli, seed_store) -> None:
    result = kg_cli(
        *seed_store.args(),
        "query",
        "PREFIX owl: <http://www.w3.org/2002/07/owl#>\nASK { ?s owl:sameAs wd:Q159 }",
    )
    assert result.out == "true\n", result.err


def test_query_cmd_select_csv_json_tsv(kg_cli, oxigraph_seed_store) -> None:
    q = "SELECT ?s WHERE { ?s owl:sameAs wd:Q159 }"
    out = kg_cli(*oxigraph_seed_store.args(), "query", q, "--format", "csv").out
    assert list(csv.reader(io.StringIO(out))) == [
        ["s"],
        ["https://w3id.org/geopol-kg/resource/state/RUS"],
    ]
    doc = json.loads(kg_cli(*oxigraph_seed_store.args(), "query", q, "--format", "json").out)
    assert doc["results"]["bindings"][0]["s"]["value"].endswith("state/RUS")
    tsv = kg_cli(*oxigraph_seed_store.args(), "query", q, "--format", "tsv").out
    assert tsv.splitlines() == ["?s", "<https://w3id.org/geopol-kg/resource/state/RUS>"]


def test_query_cmd_table(kg_cli, oxigraph_seed_store) -> None:
    out = kg_cli(
        *oxigraph_seed_store.args(), "query", "SELECT ?s WHERE { ?s owl:sameAs wd:Q159 }"
    ).out
    assert "kgr:state/RUS" in out and "1 row" in out


def test_query_cmd_construct_prints_turtle(kg_cli, oxigraph_seed_store) -> None:
    from rdflib import Graph

    out = kg_cli(
        *oxigraph_seed_store.args(),
        "query",
        "CONSTRUCT { ?s owl:sameAs wd:Q159 } WHERE { ?s owl:sameAs wd:Q159 }",
    ).out
    assert len(Graph().parse(data=out, format="turtle")) == 1


def test_query_cmd_rq_file(kg_cli, oxigraph_seed_store, tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text("# is Russia there?\nASK { ?s owl:sameAs wd:Q159 }\n", encoding="utf-8")
    assert kg_cli(*oxigraph_seed_store.args(), "query", str(path)).out == "true\n"


def test_query_cmd_list(kg_cli) -> None:
    out = kg_cli("query", "--list").out
    for q in list_queries():
        assert q.name in out and q.description in out
    assert "a=RUS, b=PRK" in out


def test_query_cmd_named_query_with_params(kg_cli, oxigraph_seed_store) -> None:
    default = kg_cli(*oxigraph_seed_store.args(), "query", "dyad", "--format", "csv").out
    swapped = kg_cli(
        *oxigraph_seed_store.args(),
        "query",
        "dyad",
        "--param",
        "a=PRK",
        "--param",
        "b=RUS",
        "--format",
        "csv",
    ).out
    assert len(default.splitlines()) > 1
    assert sorted(default.splitlines()) == sorted(swapped.splitlines())
    none = kg_cli(
        *oxigraph_seed_store.args(), "query", "dyad", "--param", "a=FRA", "--format", "csv"
    ).out
    assert len(none.splitlines()) <= len(default.splitlines())


def test_query_cmd_bad_param(kg_cli, oxigraph_seed_store) -> None:
    result = kg_cli(*oxigraph_seed_store.args(), "query", "dyad", "--param", "oops")
    assert result.code != 0 and "NAME=VALUE" in result.err


def test_query_cmd_unknown_name(kg_cli, oxigraph_seed_store) -> None:
    result = kg_cli(*oxigraph_seed_store.args(), "query", "visitz")
    assert result.code != 0 and result.err.startswith("error[E021]") and "visits" in result.err


def test_query_cmd_invalid_sparql(kg_cli, oxigraph_seed_store) -> None:
    result = kg_cli(*oxigraph_seed_store.args(), "query", "SELECT ?x WHERE { ?x ")
    assert result.code != 0
    assert result.err.startswith("error[E020]: invalid SPARQL")
    assert len(result.err.strip().splitlines()) == 1


def test_query_cmd_missing_store(kg_cli, tmp_path: Path) -> None:
    result = kg_cli("--store", str(tmp_path / "nonexistent"), "query", "ASK {}")
    assert result.code != 0 and result.err.startswith("error[E001]")
    assert not (tmp_path / "nonexistent").exists()


def test_query_cmd_no_query(kg_cli, oxigraph_seed_store) -> None:
    result = kg_cli(*oxigraph_seed_store.args(), "query")
    assert result.code != 0 and "--list" in result.err


def test_query_cmd_works_while_a_writer_holds_the_store(
    kg_process, oxigraph_seed_store, store_copy, tmp_path: Path
) -> None:
    """Regression: `kg query` opened the store read-write and failed with E002 ("store in
    use") while another process (a running `kg build`) held it. It now opens it read-only."""
    from kg.store import open_store

    built = store_copy(oxigraph_seed_store)
    extra = tmp_path / "extra.ttl"
    extra.write_text("<http://example.org/a> <http://example.org/p> 42 .\n", encoding="utf-8")
    writer = open_store(built.path)  # read-write: holds the RocksDB lock
    try:
        writer.load_file(extra)
        seeds = kg_process(*built.args(), "query", "ASK { ?s owl:sameAs wd:Q159 }")
        assert (seeds.code, seeds.out) == (0, "true\n"), seeds.err
        written = kg_process(*built.args(), "query", "ASK { ?s <http://example.org/p> 42 }")
        assert (written.code, written.out) == (0, "true\n"), written.err
    finally:
        writer.close()
