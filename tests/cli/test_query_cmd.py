"""`kg query`: SPARQL text, .rq files, named queries, formats, parameters, errors."""

from __future__ import annotations

import csv
import faulthandler
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

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


# over the 3,000 triples of `cross_store`: 8e13 solutions to count, in one engine call
FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
PRODUCT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"  # 9 million rows
TIMED_OUT = "error[E022]: query timed out after 1 s (use --timeout to allow more)\n"


@pytest.fixture(autouse=True)
def _watchdog() -> Iterator[None]:
    """A time limit that does not hold would hang a test inside the query engine, where no
    Python code runs: end the test process instead (a loud failure, with tracebacks)."""
    faulthandler.dump_traceback_later(180, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


def test_query_cmd_timeout_stops_a_long_query(kg_cli, cross_store) -> None:
    result = kg_cli(*cross_store("oxigraph").args(), "query", "--timeout", "1", FOREVER)
    assert (result.code, result.out, result.err) == (1, "", TIMED_OUT)


def test_query_cmd_timeout_from_the_environment(
    kg_cli, cross_store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KG_QUERY_TIMEOUT", "1")
    result = kg_cli(*cross_store("memory").args(), "query", FOREVER)
    assert (result.code, result.err) == (1, TIMED_OUT)


def test_query_cmd_bad_timeout_is_a_usage_error(kg_cli, cross_store) -> None:
    result = kg_cli(*cross_store("oxigraph").args(), "query", "--timeout", "-1", "ASK {}")
    assert result.code == 2 and "--timeout" in result.err


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except FileNotFoundError:
        return []
    return [int(c) for c in text.split()]


def _running(pid: int) -> bool:
    """Whether process `pid` exists and is not a zombie (an orphan's zombie may never be
    reaped when this runs as PID 1's descendant in a container)."""
    try:
        return "\nState:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False


def _start_long_query(cross_store, backend: str) -> tuple[subprocess.Popen[str], int]:
    """`kg query FOREVER` in a subprocess (its own process group, as a shell makes for a
    command), and the pid of the child process running the query."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli.main", *cross_store(backend).args(), "query", FOREVER],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        # as a shell does for a foreground command: Ctrl-C is not ignored, even when the
        # tests themselves run in the background (nohup, `&`), which ignores SIGINT
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    for _ in range(1200):  # the query is running once its child process exists
        children = _children(proc.pid)
        if children or proc.poll() is not None:
            break
        time.sleep(0.05)
    if not children:
        proc.kill()
        pytest.fail(f"no query process started: {proc.communicate()}")
    return proc, children[0]


def _stop(proc: subprocess.Popen[str], child: int) -> None:
    """Leave nothing running when a test fails."""
    proc.kill()
    if _running(child):
        os.kill(child, signal.SIGKILL)


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
def test_query_cmd_ctrl_c_cancels_the_query(cross_store, backend: str) -> None:
    """Ctrl-C: SIGINT to the whole process group, the query's child process included."""
    proc, child = _start_long_query(cross_store, backend)
    try:
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 130, err
        assert "Traceback" not in err and err.strip() == "aborted"
        assert not _running(child)
    finally:
        _stop(proc, child)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux")
def test_query_cmd_killed_leaves_no_query_running(cross_store) -> None:
    proc, child = _start_long_query(cross_store, "oxigraph")
    try:
        proc.kill()
        proc.communicate(timeout=60)
        for _ in range(200):
            if not _running(child):
                break
            time.sleep(0.05)
        assert not _running(child)
    finally:
        _stop(proc, child)


def test_query_cmd_row_cap_note(kg_cli, cross_store) -> None:
    """The cap also bounds memory: the 9 million rows of PRODUCT are never built."""
    result = kg_cli(
        *cross_store("oxigraph").args(), "query", PRODUCT, "--max-rows", "3", "--format", "csv"
    )
    assert result.code == 0
    assert len(list(csv.reader(io.StringIO(result.out)))) == 1 + 3
    assert result.err == (
        "note: showing 3 of at least 4 rows; use --max-rows N to see more (0: all)\n"
    )
    table = kg_cli(*cross_store("memory").args(), "query", PRODUCT, "--max-rows", "2")
    assert "2 rows" in table.out and "showing 2 of at least 3 rows" in table.err


def test_query_cmd_row_cap_not_reached_or_off(kg_cli, cross_store) -> None:
    args = [*cross_store("oxigraph").args(), "query", "SELECT * WHERE { ?s <http://ex/p0> ?o }"]
    exact = kg_cli(*args, "--max-rows", "429", "--format", "tsv")  # 3000 / 7, rounded up
    assert (len(exact.out.splitlines()), exact.err) == (1 + 429, "")
    every = kg_cli(*args, "--max-rows", "0", "--format", "json")
    assert len(json.loads(every.out)["results"]["bindings"]) == 429 and every.err == ""
    cut = kg_cli(*args, "--max-rows", "428", "--format", "json")
    assert (
        len(json.loads(cut.out)["results"]["bindings"]) == 428 and "428 of at least 429" in cut.err
    )


@pytest.mark.parametrize(
    "sparql",
    [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "select * where { ?s ?p ?o . service silent <http://example.org/sparql> { ?s ?p ?x } }",
    ],
)
def test_query_cmd_service_is_refused(kg_cli, cross_store, sparql: str) -> None:
    result = kg_cli(*cross_store("oxigraph").args(), "query", sparql)
    assert result.code == 1 and result.out == ""
    assert result.err == (
        "error[E023]: SERVICE (federated query) is refused: it would make network requests "
        "from this machine; pass --allow-service to allow it (allow_service=True in Python)\n"
    )


def test_query_cmd_service_in_a_rq_file_is_refused(kg_cli, cross_store, tmp_path: Path) -> None:
    path = tmp_path / "federated.rq"
    path.write_text(
        "# asks another endpoint\nSELECT * WHERE {\n  SERVICE <http://example.org/sparql> { ?s ?p ?o }\n}\n",
        encoding="utf-8",
    )
    result = kg_cli(*cross_store("memory").args(), "query", str(path))
    assert result.code == 1 and result.err.startswith("error[E023]: SERVICE")


def test_query_cmd_service_lookalikes_run(kg_cli, cross_store) -> None:
    sparql = (
        'PREFIX ex: <http://ex/> SELECT ?service WHERE { ?service ?p "1" . '
        "OPTIONAL { ?service ex:SERVICE ?x } FILTER (?p != <http://ex/SERVICE>) } # SERVICE"
    )
    result = kg_cli(*cross_store("oxigraph").args(), "query", sparql, "--format", "csv")
    assert (result.code, result.out, result.err) == (0, "service\r\nhttp://ex/s1\r\n", "")


@pytest.mark.parametrize("timeout", ["0", "60"])
def test_query_cmd_allowed_service_failing_is_one_line(kg_cli, cross_store, timeout) -> None:
    """--allow-service lets SERVICE through; a failing endpoint is an error line, not a
    traceback (in this process and in the child). Oxigraph refuses port 9 without sending
    anything: nothing leaves the machine."""
    sparql = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"
    args = [*cross_store("oxigraph").args(), "query", "--allow-service", "--timeout", timeout]
    result = kg_cli(*args, sparql)
    assert result.code == 1 and result.err.startswith("error[E020]: ")
    assert "port 9" in result.err and len(result.err.splitlines()) == 1


@pytest.mark.parametrize(
    "sparql",
    [
        "DROP ALL",
        "PREFIX ex: <http://ex/>\n# remove it all\nclear default",
        "INSERT DATA { GRAPH <http://g> { <http://a> <http://b> <http://c> } }",
        "WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "LOAD <http://example.org/data.ttl>",
    ],
)
def test_query_cmd_update_is_refused(kg_cli, oxigraph_seed_store, sparql: str) -> None:
    result = kg_cli(*oxigraph_seed_store.args(), "query", sparql)
    assert result.code == 1 and result.out == ""
    assert result.err.startswith(
        "error[E020]: updates are not allowed in kg query (it only reads); "
    )
    assert len(result.err.splitlines()) == 1


def test_query_cmd_error_position_is_in_the_users_text(
    kg_cli, oxigraph_seed_store, tmp_path: Path
) -> None:
    """Regression: the line counted the 13 PREFIX lines kg puts before the query."""
    result = kg_cli(*oxigraph_seed_store.args(), "query", "SELECT ?x WHERE { ?x ?y ?z }\nLIMIT x")
    assert result.err.startswith("error[E020]: invalid SPARQL at 2:7: expected ")
    path = tmp_path / "bad.rq"
    path.write_text("SELECT ?x WHERE { ?x ?y ?z }\nLIMIT x\n", encoding="utf-8")
    result = kg_cli(*oxigraph_seed_store.args(), "query", str(path))
    assert result.err.startswith(f"error[E020]: invalid SPARQL at {path}:2:7: expected ")


def test_query_cmd_help_gives_the_defaults(kg_cli) -> None:
    out = kg_cli("query", "--help").out
    assert "KG_QUERY_TIMEOUT" in out and "default: 60;" in out and "default: 10000;" in out
    assert "--allow-service" in out


def test_query_cmd_table_in_a_pipe_is_never_folded(kg_cli, oxigraph_seed_store) -> None:
    value = " ".join(f"mot{i}" for i in range(60))  # 400 characters: folded at 80 columns
    out = kg_cli(
        *oxigraph_seed_store.args(), "query", f'SELECT ?t WHERE {{ BIND("{value}" AS ?t) }}'
    ).out
    rows = [line for line in out.splitlines() if "mot0" in line]
    assert len(rows) == 1 and value in rows[0]


def test_query_cmd_named_query_title_is_its_own_line_in_a_pipe(kg_cli, seed_store) -> None:
    out = kg_cli(*seed_store.args(), "query", "visits").out
    first = out.splitlines()[0]
    assert first.startswith("Who visited whom") and first == first.strip()
