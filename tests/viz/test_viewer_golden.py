"""The viewer's data stays the same for the same store: golden payloads of `graph_data`.

Inputs: `golden/seed_and_60_articles.nq.gz` (the shipped seed built with extraction, plus the
first 60 articles of `../shared/corpus/wikinews_fr_pool.jsonl` ingested, without the ontology
graph and with only the reference triples about the actors the other graphs name) and the
hand-made sample store of `sample_store.py`. Since the corpus event layer (issue 14), the
corpus input holds the documents' nodes as `kgo:EventReport`s and the merged `kgo:Event`s of
`kg.identity.layer.rebuild_layer` (the old file, converted: event classes of the document
graphs retyped `kgo:EventReport`, then the layer built); the viewer then shows 54 events
instead of 56: the seed's alleged `aid` and `aid_military` of PRK to RUS are one event, and
its undated RUS-PRK `sign_agreement` joined the `support` of 2024-06-10 (both PLOVER
SUPPORT: the only dated event of that key). `golden/viewer.json.gz` holds what `graph_data`
gave for each case before the events were read through `kg.query.events`.

To write it again after a change meant to alter the viewer's data:
`PYTHONPATH=. python tests/viz/test_viewer_golden.py` (then read the diff).
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import sample_store  # noqa: E402

from kg.store import Store, open_store  # noqa: E402
from kg.viz import graph_data  # noqa: E402

GOLDEN = Path(__file__).parent / "golden"
CORPUS_STORE = GOLDEN / "seed_and_60_articles.nq.gz"
EXPECTED = GOLDEN / "viewer.json.gz"

CASES: dict[str, dict[str, Any]] = {
    "state": {},
    "actor": {"level": "actor"},
    "window": {"since": "2016-03", "until": "2024-06"},
    "year": {"since": "2024", "until": "2024", "level": "actor"},
    "modalities": {"modality": "alleged,negated,planned"},
    "query-events": {"query": "SELECT ?event WHERE { ?event kgo:modality kgo:Asserted }"},
    "query-pairs": {"query": "dyad"},
}
STORES = ("corpus", "sample")


def corpus_store(backend: str, tmp: Path) -> Store:
    nq = tmp / "golden.nq"
    nq.write_bytes(gzip.decompress(CORPUS_STORE.read_bytes()))
    store = open_store(None, backend=backend)
    store.load_file(nq)
    return store


def payloads(store: Store) -> dict[str, Any]:
    return {name: graph_data(store, **options) for name, options in CASES.items()}


def _json(data: Any) -> Any:
    """Through JSON and back, as the page reads it (tuples become lists)."""
    return json.loads(json.dumps(data, ensure_ascii=False, sort_keys=True))


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    return json.loads(gzip.decompress(EXPECTED.read_bytes()))


@pytest.mark.parametrize("backend", ["memory", "oxigraph"])
@pytest.mark.parametrize("which", STORES)
def test_viewer_data_unchanged(which: str, backend: str, expected, tmp_path: Path) -> None:
    if which == "corpus":
        store = corpus_store(backend, tmp_path)
    else:
        store = sample_store.sample_store(backend)
    got = _json(payloads(store))
    want = expected[which]
    assert set(got) == set(want)
    for case in CASES:
        assert got[case]["meta"] == want[case]["meta"], case
        assert got[case]["actors"] == want[case]["actors"], case
        assert got[case]["events"] == want[case]["events"], case
        assert got[case]["nodes"] == want[case]["nodes"], case
        assert got[case]["edges"] == want[case]["edges"], case


def write_expected(tmp: Path) -> None:
    data = {
        "corpus": _json(payloads(corpus_store("oxigraph", tmp))),
        "sample": _json(payloads(sample_store.sample_store("oxigraph"))),
    }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0)
    EXPECTED.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        write_expected(Path(tmp))
    print(f"wrote {EXPECTED}")
