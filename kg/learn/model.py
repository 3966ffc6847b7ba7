"""The learned event classifier: scikit-learn models over candidate features.

Two models, trained together from the annotated corpus:

- the **event model** gives, for a candidate pair of a sentence, a probability to each label
  (PLOVER types, with CONSULT:visit apart) that the sentence reports it from the first actor
  to the second; each label at or above the threshold is an event ("A a condamné B et
  rappelé son ambassadeur" carries two), and its probability becomes the event's confidence.
  By default (`design="two_stage"`) P(label) = P(some event s->t) x P(label | an event),
  two logistic regressions, so the detector learns from every event whatever its label;
  `design="ovr"` fits one logistic regression per label instead (one-vs-rest; it did about
  0.02 F1 worse on dev);
- the **modality model** (multinomial logistic regression) decides how the text presents
  each event found: asserted, planned, possible, negated or alleged.

Features are sparse (`features.pair_features`, vectorised by a `DictVectorizer`) beside the
French pipeline's word vectors (`features.dense_vector`). With `use_rules`, what the rule
extractor read for the pair is a feature too (the "both" configuration); without, the model
learns from the parse, the vectors and the lexicon's trigger words alone ("learned only").
"""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from kg.learn.examples import Example, SentenceReading
from kg.learn.features import RuleReading, dense_vector, modality_features, pair_features

__all__ = ["EventModel", "MODEL_FORMAT"]

MODEL_FORMAT = 1


@dataclass
class EventModel:
    lang: str = "fr"
    use_rules: bool = True
    threshold: float = 0.5  # a learned event needs this probability
    veto: float = 0.0  # "both": a rule event the model gives less than this is dropped
    C: float = 1.0
    dense_weight: float = 0.5  # word vectors (unit length) beside one-hot features; 0: none
    balanced: bool = False  # weigh each label's positives against its negatives
    # "two_stage": P(an event s->t) x P(label | an event) from two models, which shares
    # the evidence of every label in the first; "ovr": one model per label
    design: str = "two_stage"
    type_C: float = 1.0
    labels: list[str] = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    _vec: object = None
    _clf: object = None
    _mod_vec: object = None
    _mod_clf: object = None

    # -- features ---------------------------------------------------------------------

    def _rules(self, reading: SentenceReading) -> Sequence[RuleReading]:
        return reading.rules if self.use_rules else ()

    def _matrix(self, pairs: Sequence[tuple[SentenceReading, object]], fit: bool = False):  # noqa: ANN202
        from scipy.sparse import csr_matrix, hstack

        dicts = [
            pair_features(c, r.sent, r.triggers, self._rules(r), len(r.candidates))
            for r, c in pairs
        ]
        if fit:
            from sklearn.feature_extraction import DictVectorizer

            self._vec = DictVectorizer()
            sparse = self._vec.fit_transform(dicts)
        else:
            sparse = self._vec.transform(dicts)
        if not self.dense_weight:
            out = sparse.tocsr()
            out.indices = out.indices.astype(np.int32)  # liblinear takes 32-bit indices
            out.indptr = out.indptr.astype(np.int32)
            return out
        dense = np.vstack([dense_vector(c, r.sent) for r, c in pairs]) * self.dense_weight
        return hstack([sparse, csr_matrix(dense)]).tocsr()

    def _mod_dicts(self, items: Sequence[tuple[SentenceReading, object, str]]) -> list[dict]:
        return [
            modality_features(c, r.sent, label, self._rules(r), self.lang) for r, c, label in items
        ]

    # -- training ---------------------------------------------------------------------

    def fit(self, examples: Sequence[Example]) -> EventModel:
        """Train both models on labelled candidates."""
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.multiclass import OneVsRestClassifier
        from sklearn.preprocessing import MultiLabelBinarizer

        if not examples:
            raise ValueError("no training examples")
        X = self._matrix([(e.reading, e.candidate) for e in examples], fit=True)
        binarizer = MultiLabelBinarizer()
        Y = binarizer.fit_transform([sorted(e.labels) for e in examples])
        self.labels = list(binarizer.classes_)
        keep = [j for j in range(Y.shape[1]) if 0 < Y[:, j].sum() < Y.shape[0]]
        self.labels = [self.labels[j] for j in keep]
        Y = Y[:, keep]
        if self.design == "two_stage":
            self._clf = _TwoStage.fit(X, Y, self.C, self.type_C, self.balanced)
        else:
            self._clf = OneVsRestClassifier(
                LogisticRegression(
                    C=self.C,
                    max_iter=2000,
                    solver="liblinear",
                    class_weight="balanced" if self.balanced else None,
                )
            ).fit(X, Y)
        items = [(e.reading, e.candidate, lab) for e in examples for lab in sorted(e.labels)]
        mods = [e.modalities[lab] for e in examples for lab in sorted(e.labels)]
        self._mod_vec = DictVectorizer()
        Xm = self._mod_vec.fit_transform(self._mod_dicts(items))
        if len(set(mods)) > 1:
            self._mod_clf = LogisticRegression(C=1.0, max_iter=2000).fit(Xm, mods)
        else:
            self._mod_clf = mods[0] if mods else "asserted"
        self.meta.update(examples=len(examples), positives=len(items))
        return self

    # -- reading ----------------------------------------------------------------------

    def probabilities(self, reading: SentenceReading) -> np.ndarray:
        """Candidate x label probabilities for one sentence."""
        if not reading.candidates or self._clf is None:
            return np.zeros((len(reading.candidates), len(self.labels)))
        X = self._matrix([(reading, c) for c in reading.candidates])
        proba = self._clf.predict_proba(X)
        if len(self.labels) == 1 and proba.shape[1] == 2:
            proba = proba[:, 1:]  # one label: scikit-learn answers as a binary problem
        return proba

    def modality(self, reading: SentenceReading, cand, label: str) -> tuple[str, float]:  # noqa: ANN001
        if isinstance(self._mod_clf, str):
            return self._mod_clf, 1.0
        Xm = self._mod_vec.transform(self._mod_dicts([(reading, cand, label)]))
        proba = self._mod_clf.predict_proba(Xm)[0]
        best = int(np.argmax(proba))
        return str(self._mod_clf.classes_[best]), float(proba[best])

    # -- files ------------------------------------------------------------------------

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + ".tmp")
        with tmp.open("wb") as handle:
            pickle.dump({"format": MODEL_FORMAT, "model": self}, handle, protocol=5)
        tmp.replace(path)

    @staticmethod
    def load(path: Path) -> EventModel:
        with Path(path).open("rb") as handle:
            data = pickle.load(handle)  # noqa: S301 - our own model file, shipped in the package
        if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT:
            raise ValueError(f"{path}: not a kg event model of format {MODEL_FORMAT}")
        return data["model"]


@dataclass
class _TwoStage:
    """P(label) = P(some event from s to t) x P(label | some event): the detector learns
    from every positive whatever its label, the typer only from positives."""

    detector: object
    typer: object
    n_labels: int

    @staticmethod
    def fit(X, Y: np.ndarray, C: float, type_C: float, balanced: bool) -> _TwoStage:  # noqa: ANN001
        from sklearn.linear_model import LogisticRegression

        any_event = (Y.sum(axis=1) > 0).astype(int)
        detector = LogisticRegression(
            C=C,
            max_iter=2000,
            solver="liblinear",
            class_weight="balanced" if balanced else None,
        ).fit(X, any_event)
        rows, cols = np.nonzero(Y)
        if len(set(cols)) > 1:
            typer = LogisticRegression(C=type_C, max_iter=3000).fit(X[rows], cols)
        else:
            typer = int(cols[0])  # one label: every event is of it
        return _TwoStage(detector, typer, Y.shape[1])

    def predict_proba(self, X) -> np.ndarray:  # noqa: ANN001
        p_any = self.detector.predict_proba(X)[:, 1]
        p_type = np.zeros((X.shape[0], self.n_labels))
        if isinstance(self.typer, int):
            p_type[:, self.typer] = 1.0
        else:
            p_type[:, self.typer.classes_] = self.typer.predict_proba(X)
        return p_any[:, None] * p_type
