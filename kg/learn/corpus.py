"""The annotated French corpus (`data/annotations/<lang>/`): files, splits, records.

Documents are split by id into train / dev / test with a hash, so the split of a document
never changes when documents are added, and nobody picks which ones land in test. The test
split is frozen: it is scored once at the end of a work session and never read for errors.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

__all__ = ["CORPUS_DIR", "corpus_files", "split_of", "read_corpus", "SPLITS"]

CORPUS_DIR = Path(__file__).resolve().parents[2] / "data" / "annotations"
"""Where the annotated corpus lives in a checkout (it is data, not package code)."""

SPLITS = ("train", "dev", "test")
_TEST, _DEV = 15, 30  # per cent of documents: [0, 15) test, [15, 30) dev, the rest train


def split_of(doc_id: str) -> str:
    """`train`, `dev` or `test` for a document id (stable: a hash of the id)."""
    bucket = int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % 100
    return "test" if bucket < _TEST else "dev" if bucket < _DEV else "train"


def corpus_files(lang: str = "fr", root: Path | None = None) -> list[Path]:
    """The gold files of the corpus: every `*.jsonl` under `<lang>/wikinews` and
    `<lang>/written` (the inputs, and the second annotator's sample, are not gold)."""
    base = (root or CORPUS_DIR) / lang
    return sorted(p for sub in ("wikinews", "written") for p in (base / sub).glob("*.jsonl"))


def read_corpus(
    split: str | None = None, lang: str = "fr", root: Path | None = None
) -> Iterator[dict]:
    """Gold records of one split (all when `split` is None), in file order."""
    if split is not None and split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    for path in corpus_files(lang, root):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            if split is None or split_of(record["id"]) == split:
                yield record
