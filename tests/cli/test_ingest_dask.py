"""`kg ingest --engine dask`: the same graph as the local engine, the same skipping of
unchanged documents, a scheduler given by address, and one-line errors (`kg.ingest_dask`).

The dask tests start Dask workers in processes (each loads spaCy once): few documents,
short texts. They skip when the dask extra is not installed."""

from __future__ import annotations

import importlib.util
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import to_isomorphic
from test_ingest_cmd import ARTICLES, _jsonl  # tests/cli is on sys.path (rootdir imports)

from kg.ingest import ingest, read_sources
from kg.store import open_store

NO_DASK = "the dask extra is not installed (pip install -e '.[dask]')"
needs_dask = pytest.mark.skipif(
    importlib.util.find_spec("distributed") is None or importlib.util.find_spec("dask") is None,
    reason=NO_DASK,
)


def _graphs(store: Path) -> dict[str, Graph]:
    """Each named graph of the store, canonicalised: equal up to blank node names."""
    by_name: dict[str, Graph] = {}
    with open_store(store, read_only=True) as s:
        for subject, predicate, obj, name in s.quads():
            by_name.setdefault(str(name), Graph()).add((subject, predicate, obj))
    return {name: to_isomorphic(g) for name, g in by_name.items()}


@pytest.fixture(scope="module")
def local_reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Graph]]:
    """The articles ingested by the local engine: (their .jsonl, the store's graphs)."""
    folder = tmp_path_factory.mktemp("local")
    src = _jsonl(folder / "articles.jsonl", ARTICLES)
    with open_store(folder / "store", create=True) as store:
        ingest(store, read_sources([src]), progress=False)
    return src, _graphs(folder / "store")


@pytest.fixture(scope="module")
def dask_scheduler() -> Iterator[tuple[str, object]]:
    """A Dask cluster of one worker process on loopback: (its scheduler address, a client)."""
    from distributed import Client

    from kg.ingest_dask import local_cluster

    with local_cluster(1) as cluster, Client(cluster) as client:
        yield cluster.scheduler_address, client


@needs_dask
@pytest.mark.slow
def test_dask_engine_gives_the_local_engines_graph_and_a_rerun_skips_everything(
    tmp_path: Path, kg_cli, local_reference: tuple[Path, dict[str, Graph]]
) -> None:
    src, expected = local_reference
    store = tmp_path / "store"
    args = ("--store", str(store), "ingest", str(src), "--engine", "dask", "--no-progress")
    first = kg_cli(*args, "--partitions", "2")  # a local cluster of one worker process
    assert first.code == 0, first.err
    assert first.out.startswith("ingested 5 documents")
    got = _graphs(store)
    assert len([g for g in got if "/graph/doc/" in str(g)]) == 5
    assert got == expected  # the documents and the corpus event layer
    again = kg_cli(*args)
    assert again.code == 0, again.err
    assert (
        again.out.startswith("ingested 0 documents")
        and "5 unchanged documents skipped" in again.out
    )
    assert _graphs(store) == expected


@needs_dask
@pytest.mark.slow
def test_a_scheduler_address_runs_partitions_on_its_workers_with_one_model_load(
    tmp_path: Path, kg_cli, local_reference: tuple[Path, dict[str, Graph]], dask_scheduler
) -> None:
    from kg.nlp import load

    address, client = dask_scheduler
    src, expected = local_reference
    store, spool = tmp_path / "store", tmp_path / "spool"
    args = ("--store", str(store), "ingest", "--engine", "dask", "--scheduler", address,
            "--no-progress")  # fmt: skip
    first = kg_cli(*args, str(src), "--partitions", "3", "--spool", str(spool))
    assert first.code == 0, first.err
    assert _graphs(store) == expected
    kept = sorted(spool.glob("ingest-*/part-*.nq"))
    assert len(kept) == 3  # one N-Quads file per partition, kept in the spool folder
    # a changed document is replaced, the others skipped; --force re-extracts all five
    changed = _jsonl(
        src.parent / "changed.jsonl", [*ARTICLES[:4], ("a5", "La Chine a salué l'accord.")]
    )
    second = kg_cli(*args, str(changed))
    assert second.code == 0, second.err
    assert (
        second.out.startswith("ingested 1 documents")
        and "1 changed documents replaced" in second.out
    )
    assert "4 unchanged documents skipped" in second.out
    forced = kg_cli(*args, str(src), "--force")
    assert forced.code == 0, forced.err
    assert forced.out.startswith("ingested 5 documents")
    assert _graphs(store) == expected
    # the worker process loaded the spaCy pipeline once for the five partitions of three runs
    loads = client.run(load.cache_info)
    assert [info.misses for info in loads.values()] == [1]


@needs_dask
def test_a_bad_scheduler_address_is_one_line_with_a_code(tmp_path: Path, kg_cli) -> None:
    src = _jsonl(tmp_path / "a.jsonl", ARTICLES[:1])
    with socket.socket() as probe:  # a loopback port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    for address in (f"tcp://127.0.0.1:{port}", "no-port-here"):
        result = kg_cli("--store", str(tmp_path / "s"), "ingest", str(src), "--engine", "dask",
                        "--scheduler", address, "--scheduler-timeout", "1")  # fmt: skip
        assert result.code == 1
        assert result.err.startswith(f"error[E081]: cannot reach the Dask scheduler at '{address}'")
        assert result.err.count("\n") == 1 and "Traceback" not in result.err


def test_missing_dask_is_a_clear_error(
    tmp_path: Path, kg_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    for module in ("dask.bag", "distributed"):
        monkeypatch.setitem(sys.modules, module, None)  # import fails
    src = _jsonl(tmp_path / "a.jsonl", ARTICLES[:1])
    store = tmp_path / "s"
    result = kg_cli("--store", str(store), "ingest", str(src), "--engine", "dask")
    assert result.code == 1
    assert result.err.startswith("error[E080]: --engine dask needs dask[bag] and distributed")
    assert "pip install -e '.[dask]'" in result.err
    assert not store.exists()  # refused before the store was created


def test_dask_options_need_the_dask_engine(tmp_path: Path, kg_cli) -> None:
    src = _jsonl(tmp_path / "a.jsonl", ARTICLES[:1])
    result = kg_cli("--store", str(tmp_path / "s"), "ingest", str(src), "--partitions", "2",
                    "--scheduler", "tcp://127.0.0.1:8786")  # fmt: skip
    assert result.code == 2
    assert result.err.startswith("error[E042]: --scheduler, --partitions: only with --engine dask")


@pytest.mark.parametrize(
    ("digest", "folder", "refusal"),
    [
        ("sha256:not-what-this-worker-computes", None, "other settings or another event model"),
        (None, "only-on-the-client", "do not see the same .*--spool a folder on storage"),
    ],
    ids=["another-hash", "unshared-spool"],
)
def test_a_worker_refuses_a_partition_before_extracting_it(
    tmp_path: Path, digest: str | None, folder: str | None, refusal: str
) -> None:
    """A worker that would hash a document otherwise (another event model, other settings),
    or that does not see the spool folder, refuses its partition: nothing is extracted."""
    from kg.errors import ClusterError
    from kg.extract.model import Document
    from kg.ingest import content_hash, extraction_settings
    from kg.ingest_dask import extract_partition

    doc = Document(id="x", text="La France a condamné la Russie.", lang="fr")
    digest = digest or content_hash(doc, extraction_settings("fr", "rules", 0.0))
    with pytest.raises(ClusterError, match=refusal):
        extract_partition(
            [(0, doc, digest)],
            method="rules",
            min_confidence=0.0,
            batch_size=8,
            folder=None if folder is None else str(tmp_path / folder),
        )
