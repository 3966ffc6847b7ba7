"""The learned event model end to end: a small corpus written for the test, trained with
`kg.learn.train.train`, saved, loaded, and used by the extraction pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.learn.corpus import split_of
from kg.learn.model import EventModel

pytestmark = pytest.mark.slow

# (text, events as (source, type, target, evidence)); written for this test
_ACCUSING = [
    ("Le Canada a condamné la Russie.", "CAN", "RUS", "a condamné"),
    ("La Suède a condamné l'Iran.", "SWE", "IRN", "a condamné"),
    ("Le Japon a condamné la Chine.", "JPN", "CHN", "a condamné"),
    ("La Norvège a fermement condamné la Syrie.", "NOR", "SYR", "a fermement condamné"),
    ("Le Mexique a condamné le Venezuela.", "MEX", "VEN", "a condamné"),
    ("Le Chili a condamné la Bolivie.", "CHL", "BOL", "a condamné"),
    ("L'Australie a condamné la Corée du Nord.", "AUS", "PRK", "a condamné"),
    ("La Pologne a condamné la Biélorussie.", "POL", "BLR", "a condamné"),
]
_NEUTRAL = [
    "Le Canada et la Russie ont disputé un match de hockey.",
    "La Suède et l'Iran ont publié leurs chiffres du chômage.",
    "Le Japon et la Chine ont connu un hiver doux.",
    "La Norvège et la Syrie figurent dans le classement.",
    "Le Mexique et le Venezuela ont des côtes sur la mer des Caraïbes.",
    "Le Chili et la Bolivie ont des montagnes.",
]


def _records() -> list[dict]:
    out = []
    for n, (text, src, tgt, evidence) in enumerate(_ACCUSING):
        start = text.index(evidence)
        event = {
            "source": src,
            "type": "ACCUSE",
            "target": tgt,
            "modality": "asserted",
            "evidence": evidence,
            "start": start,
            "end": start + len(evidence),
        }
        out.append(
            {
                "id": f"t-acc-{n}",
                "lang": "fr",
                "date": "2020-01-01",
                "text": text,
                "events": [event],
            }
        )
    for n, text in enumerate(_NEUTRAL):
        out.append(
            {"id": f"t-neu-{n}", "lang": "fr", "date": "2020-01-01", "text": text, "events": []}
        )
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("annotations")
    folder = root / "fr" / "written"
    folder.mkdir(parents=True)
    with (folder / "t.jsonl").open("w", encoding="utf-8") as handle:
        for record in _records():
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return root


@pytest.fixture(scope="module")
def trained(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.learn.train import train

    out = tmp_path_factory.mktemp("model") / "fr.pkl"
    lines: list[str] = []
    train(out, lang="fr", use_rules=False, root=corpus, log=lines.append)
    assert any(line.startswith("corpus:") for line in lines)
    return out


def test_split_is_stable_and_covers_all_splits() -> None:
    ids = [f"doc-{n}" for n in range(400)]
    splits = [split_of(i) for i in ids]
    assert splits == [split_of(i) for i in ids]
    assert {"train", "dev", "test"} == set(splits)
    assert 0.08 < splits.count("test") / len(ids) < 0.22


def test_model_file_round_trips(trained: Path) -> None:
    model = EventModel.load(trained)
    assert model.labels == ["ACCUSE"]
    assert model.meta["train_documents"] >= 1
    assert 0.0 < model.threshold < 1.0


def test_trained_model_reads_unseen_sentence(trained: Path) -> None:
    from kg.extract.pipeline import extract_records

    model = EventModel.load(trained)
    model.threshold = 0.3
    records = [
        {
            "id": "a",
            "lang": "fr",
            "date": "2021-05-01",
            "text": "Le Brésil a condamné l'Argentine.",
        },
        {
            "id": "b",
            "lang": "fr",
            "date": "2021-05-01",
            "text": "Le Brésil et l'Argentine ont des plages.",
        },
    ]
    out = extract_records(records, method="learned", model=model)
    found = {r["id"]: [(e["source"], e["type"], e["target"]) for e in r["events"]] for r in out}
    assert found == {"a": [("BRA", "ACCUSE", "ARG")], "b": []}
    event = out[0]["events"][0]
    assert 0.3 <= event["confidence"] <= 1.0
    assert event["sentence"] == "Le Brésil a condamné l'Argentine."


def test_min_confidence_drops_events(trained: Path) -> None:
    from kg.extract.pipeline import extract_records

    model = EventModel.load(trained)
    model.threshold = 0.3
    records = [{"id": "a", "lang": "fr", "date": "", "text": "Le Brésil a condamné l'Argentine."}]
    kept = extract_records(records, method="learned", model=model, min_confidence=0.0)
    dropped = extract_records(records, method="learned", model=model, min_confidence=1.0)
    assert len(kept[0]["events"]) == 1
    assert dropped[0]["events"] == []


def test_unknown_method_is_a_clear_error() -> None:
    from kg.errors import InputError
    from kg.extract.pipeline import extract_records

    with pytest.raises(InputError, match="method 'guess'"):
        extract_records([{"id": "a", "text": "x"}], method="guess")


def test_training_without_a_corpus_is_a_clear_error(tmp_path: Path) -> None:
    from kg.errors import InputError
    from kg.learn.train import train

    with pytest.raises(InputError, match="no annotated 'fr' training documents"):
        train(tmp_path / "m.pkl", root=tmp_path, log=lambda line: None)
    assert not (tmp_path / "m.pkl").exists()
