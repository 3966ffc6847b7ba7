"""Score predicted events against a gold file, by the rules of SPEC section 6.

Both sides are JSONL files of records (`{"id": ..., "events": [...]}`). Per record, the
events whose source and target are both *scored codes* (ISO 3166-1 alpha-3, or one of
the IGO codes of SPEC section 2) are reduced to sets of keys:

- the **event key** is ``(source, type, target)``; a CONSULT with mode ``visit`` has the
  type ``CONSULT:visit`` and stays directed (visitor, host); for the symmetric types
  (AGREE, COOPERATE and every other CONSULT) the pair is sorted;
- the **strict key** is the event key plus the modality.

Precision, recall and F1 are micro-averaged over all records. Modality accuracy is
computed over the gold event keys matched by the prediction: a key counts as correct when
one of its predicted modalities equals one of its gold modalities. The extra-event rate
is the number of predicted keys in records whose gold has no scored event, divided by the
number of such records.

CAMEO rule (records with ``"intent_matches_planned": true``): a gold AGREE key is also
matched by any predicted event of the same (sorted) dyad whose modality is ``planned`` or
``possible``, whatever its type. Such a predicted key then counts as a correct prediction,
in event and strict scoring alike (the planned/possible modality *is* how the expressed
intent is read), and the gold key counts as correctly modalised.

Conventions where the SPEC is silent: a ratio with a zero denominator is 0.0 for P/R/F1
and ``None`` ("n/a") for modality accuracy and the extra-event rate; gold records missing
from the prediction count as empty predictions; predicted records absent from the gold
are ignored and counted; duplicate predicted ids have their events merged.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputError

__all__ = [
    "IGO_CODES",
    "SYMMETRIC_TYPES",
    "PLANNED_MODALITIES",
    "EventKey",
    "StrictKey",
    "Prf",
    "TypeScore",
    "ErrorItem",
    "EvalReport",
    "load_jsonl",
    "is_scored_code",
    "event_key",
    "score",
]

IGO_CODES: frozenset[str] = frozenset(
    {"UN", "EU", "NATO", "AU", "ASEAN", "OPCW", "IAEA", "ARAB_LEAGUE"}
)
"""Intergovernmental organisation codes that are scored (SPEC section 2)."""

SYMMETRIC_TYPES: frozenset[str] = frozenset({"AGREE", "COOPERATE", "CONSULT"})
"""Types whose pair is sorted (CONSULT only when its mode is not ``visit``)."""

PLANNED_MODALITIES: frozenset[str] = frozenset({"planned", "possible"})
"""Modalities that match a gold AGREE under the CAMEO intent rule."""

_ISO3 = re.compile(r"^[A-Z]{3}$")

EventKey = tuple[str, str, str]
"""(source, key type, target)."""
StrictKey = tuple[str, str, str, str]
"""(source, key type, target, modality)."""


# --------------------------------------------------------------------------- loading


def load_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Read a JSONL file of objects; blank lines are skipped.

    Raises `InputError` naming the file (and line) when the file is missing, is not
    UTF-8, or holds a line that is not a JSON object.
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{p}: is a directory, expected a JSONL file") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror or exc})") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    records: list[dict[str, Any]] = []
    for lineno, raw in enumerate(data.split(b"\n"), start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{p}:{lineno}: not valid UTF-8 (byte {exc.start + 1} of the line)"
            ) from None
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"{p}:{lineno}: invalid JSON ({exc.msg}, column {exc.colno})"
            ) from None
        if not isinstance(obj, dict):
            raise InputError(f"{p}:{lineno}: expected a JSON object, got {type(obj).__name__}")
        records.append(obj)
    return records


# --------------------------------------------------------------------------- keys


def is_scored_code(code: str) -> bool:
    """True for an ISO alpha-3 code or one of the scored IGO codes."""
    return bool(_ISO3.match(code)) or code in IGO_CODES


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def event_key(event: dict[str, Any]) -> EventKey | None:
    """The SPEC key of an event, or None when it is not scored (OTHER, unknown code)."""
    source = _text(event.get("source")).upper()
    target = _text(event.get("target")).upper()
    etype = _text(event.get("type")).upper()
    mode = _text(event.get("mode")).lower()
    if not (is_scored_code(source) and is_scored_code(target)) or not etype:
        return None
    if etype == "CONSULT" and mode == "visit":
        return (source, "CONSULT:visit", target)
    if etype in SYMMETRIC_TYPES:
        a, b = sorted((source, target))
        return (a, etype, b)
    return (source, etype, target)


def _modality(event: dict[str, Any]) -> str:
    return _text(event.get("modality")).lower()


def _dyad(key: EventKey) -> tuple[str, str]:
    a, b = sorted((key[0], key[2]))
    return (a, b)


@dataclass
class _Side:
    """One side of one record: its keys, their modalities and first evidence."""

    modalities: dict[EventKey, set[str]] = field(default_factory=dict)
    evidence: dict[EventKey, str] = field(default_factory=dict)

    def add(self, key: EventKey, modality: str, evidence: str) -> None:
        self.modalities.setdefault(key, set()).add(modality)
        if evidence and not self.evidence.get(key):
            self.evidence[key] = evidence

    @property
    def keys(self) -> set[EventKey]:
        return set(self.modalities)

    @property
    def strict_keys(self) -> set[StrictKey]:
        return {(k[0], k[1], k[2], m) for k, ms in self.modalities.items() for m in ms}


def _events_of(record: dict[str, Any], where: str) -> list[dict[str, Any]]:
    events = record.get("events", [])
    if events is None:
        return []
    if not isinstance(events, list):
        raise InputError(f"{where}: 'events' must be a list")
    for i, ev in enumerate(events):
        if not isinstance(ev, dict):
            raise InputError(f"{where}: event {i + 1} is not a JSON object")
    return events


def _side(events: Iterable[dict[str, Any]], evidence_fields: tuple[str, ...]) -> _Side:
    side = _Side()
    for ev in events:
        key = event_key(ev)
        if key is None:
            continue
        evidence = next((_text(ev.get(f)) for f in evidence_fields if _text(ev.get(f))), "")
        side.add(key, _modality(ev), evidence)
    return side


# --------------------------------------------------------------------------- report


@dataclass(frozen=True)
class Prf:
    """Precision, recall and F1 with the counts they come from."""

    gold: int
    pred: int
    matched_gold: int
    matched_pred: int

    @property
    def precision(self) -> float:
        return self.matched_pred / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "pred": self.pred,
            "matched_gold": self.matched_gold,
            "matched_pred": self.matched_pred,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True)
class TypeScore:
    """Event-level scores of one key type (CONSULT:visit is its own type)."""

    type: str
    prf: Prf

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, **self.prf.to_dict()}


@dataclass(frozen=True)
class ErrorItem:
    """A false positive, false negative or modality error, for a human to read."""

    record_id: str
    source: str
    type: str
    target: str
    modalities: tuple[str, ...]
    evidence: str
    gold_modalities: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.record_id,
            "source": self.source,
            "type": self.type,
            "target": self.target,
            "modality": list(self.modalities),
            "evidence": self.evidence,
        }
        if self.gold_modalities:
            out["gold_modality"] = list(self.gold_modalities)
        return out


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


@dataclass
class EvalReport:
    """Everything `score` measures; `to_dict()` for JSON, `render()` for a terminal."""

    event: Prf
    strict: Prf
    modality_correct: int
    modality_total: int
    extra_events: int
    empty_gold_records: int
    records: int
    missing_pred_records: int
    extra_pred_records: int
    per_type: list[TypeScore]
    false_positives: list[ErrorItem]
    false_negatives: list[ErrorItem]
    modality_errors: list[ErrorItem]

    @property
    def modality_accuracy(self) -> float | None:
        """Share of matched gold keys whose modality was predicted right (None if none)."""
        return _ratio(self.modality_correct, self.modality_total)

    @property
    def extra_event_rate(self) -> float | None:
        """Predicted keys per record whose gold has no scored event (None if no such record)."""
        return _ratio(self.extra_events, self.empty_gold_records)

    def to_dict(self, errors: bool = True) -> dict[str, Any]:
        """A JSON-ready dict; `errors=False` leaves out the FP/FN/modality-error lists."""
        ma, er = self.modality_accuracy, self.extra_event_rate
        out: dict[str, Any] = {
            "records": self.records,
            "missing_pred_records": self.missing_pred_records,
            "extra_pred_records": self.extra_pred_records,
            "event": self.event.to_dict(),
            "strict": self.strict.to_dict(),
            "modality_accuracy": None if ma is None else round(ma, 4),
            "modality_correct": self.modality_correct,
            "modality_total": self.modality_total,
            "extra_event_rate": None if er is None else round(er, 4),
            "extra_events": self.extra_events,
            "empty_gold_records": self.empty_gold_records,
            "per_type": [t.to_dict() for t in self.per_type],
        }
        if errors:
            out["false_positives"] = [e.to_dict() for e in self.false_positives]
            out["false_negatives"] = [e.to_dict() for e in self.false_negatives]
            out["modality_errors"] = [e.to_dict() for e in self.modality_errors]
        return out

    # ------------------------------------------------------------------ rendering

    def renderables(self, show_errors: bool = True, limit: int | None = 20) -> list[Any]:
        """Rich renderables: summary table, per-type table, then (optionally) the errors.

        `limit` caps the rows of each error list (None or 0: all of them).
        """
        from rich.table import Table

        summary = Table(title="Scores (SPEC section 6)", show_header=True, header_style="bold")
        summary.add_column("metric")
        summary.add_column("P", justify="right")
        summary.add_column("R", justify="right")
        summary.add_column("F1", justify="right")
        summary.add_column("gold", justify="right")
        summary.add_column("pred", justify="right")
        summary.add_column("matched", justify="right")
        for name, prf in (("event", self.event), ("strict", self.strict)):
            summary.add_row(
                name,
                f"{prf.precision:.3f}",
                f"{prf.recall:.3f}",
                f"{prf.f1:.3f}",
                str(prf.gold),
                str(prf.pred),
                _matched(prf),
            )

        info = Table(show_header=False, box=None)
        info.add_column("k")
        info.add_column("v", justify="right")
        info.add_row(
            "modality accuracy",
            f"{_fmt(self.modality_accuracy)} ({self.modality_correct}/{self.modality_total})",
        )
        info.add_row(
            "extra-event rate",
            f"{_fmt(self.extra_event_rate)} ({self.extra_events} keys / "
            f"{self.empty_gold_records} records without gold events)",
        )
        info.add_row("records scored", str(self.records))
        info.add_row("gold records missing from pred", str(self.missing_pred_records))
        info.add_row("pred records not in gold (ignored)", str(self.extra_pred_records))

        types = Table(title="Per type (event level)", header_style="bold")
        for col in ("type", "gold", "pred", "matched", "P", "R", "F1"):
            types.add_column(col, justify="left" if col == "type" else "right")
        for ts in self.per_type:
            p = ts.prf
            types.add_row(
                ts.type,
                str(p.gold),
                str(p.pred),
                _matched(p),
                f"{p.precision:.3f}",
                f"{p.recall:.3f}",
                f"{p.f1:.3f}",
            )

        out: list[Any] = [summary, info, types]
        if show_errors:
            lists = (
                ("False positives", self.false_positives, False),
                ("False negatives", self.false_negatives, False),
                ("Modality errors (key matched, modality wrong)", self.modality_errors, True),
            )
            for title, items, with_gold in lists:
                out.append(_error_table(title, items, limit, with_gold))
        return out

    def render(
        self, console: Any | None = None, show_errors: bool = True, limit: int | None = 20
    ) -> None:
        """Print the report on a rich console (a new one on stdout if not given)."""
        if console is None:
            from kg.console import stdout_console

            console = stdout_console()
        for item in self.renderables(show_errors=show_errors, limit=limit):
            console.print(item)


def _matched(prf: Prf) -> str:
    if prf.matched_gold == prf.matched_pred:
        return str(prf.matched_gold)
    return f"{prf.matched_gold}g/{prf.matched_pred}p"


def _error_table(title: str, items: list[ErrorItem], limit: int | None, with_gold: bool) -> Any:
    from rich.table import Table
    from rich.text import Text

    if not items:
        return Text(f"{title}: none", style="bold")
    shown = items if not limit else items[:limit]
    caption = f"{len(shown)} of {len(items)} shown" if len(shown) < len(items) else None
    table = Table(title=f"{title}: {len(items)}", caption=caption, header_style="bold")
    table.add_column("id", overflow="fold")
    table.add_column("source")
    table.add_column("type")
    table.add_column("target")
    table.add_column("modality")
    if with_gold:
        table.add_column("gold modality")
    table.add_column("evidence", overflow="fold", ratio=1)
    for e in shown:
        row = [e.record_id, e.source, e.type, e.target, ",".join(e.modalities)]
        if with_gold:
            row.append(",".join(e.gold_modalities))
        row.append(e.evidence)
        table.add_row(*row)
    return table


# --------------------------------------------------------------------------- scoring


@dataclass
class _Counts:
    gold: int = 0
    pred: int = 0
    matched_gold: int = 0
    matched_pred: int = 0

    def prf(self) -> Prf:
        return Prf(self.gold, self.pred, self.matched_gold, self.matched_pred)


def _record_id(record: dict[str, Any], where: str) -> str:
    rid = record.get("id")
    if rid is None or (isinstance(rid, str) and not rid.strip()):
        raise InputError(f"{where}: record without an 'id'")
    return str(rid)


def score(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> EvalReport:
    """Score predicted records against gold records (SPEC section 6); see the module doc."""
    pred_events: dict[str, list[dict[str, Any]]] = {}
    for i, rec in enumerate(pred, start=1):
        rid = _record_id(rec, f"prediction record {i}")
        pred_events.setdefault(rid, []).extend(_events_of(rec, f"prediction {rid!r}"))

    seen: set[str] = set()
    event, strict = _Counts(), _Counts()
    per_type: dict[str, _Counts] = {}
    modality_correct = modality_total = 0
    extra_events = empty_gold_records = missing = 0
    fps: list[ErrorItem] = []
    fns: list[ErrorItem] = []
    mod_errors: list[ErrorItem] = []

    for i, rec in enumerate(gold, start=1):
        rid = _record_id(rec, f"gold record {i}")
        if rid in seen:
            raise InputError(f"gold record {i}: duplicate id {rid!r}")
        seen.add(rid)
        if rid not in pred_events:
            missing += 1
        g = _side(_events_of(rec, f"gold {rid!r}"), ("evidence", "sentence"))
        p = _side(pred_events.get(rid, []), ("sentence", "evidence"))
        intent_rule = rec.get("intent_matches_planned") is True

        gold_keys, pred_keys = g.keys, p.keys
        matched_gold = gold_keys & pred_keys
        matched_pred = set(matched_gold)
        gold_strict, pred_strict = g.strict_keys, p.strict_keys
        matched_gold_strict = gold_strict & pred_strict
        matched_pred_strict = set(matched_gold_strict)
        intent_matched: set[EventKey] = set()

        if intent_rule:
            agree_dyads = {_dyad(k): k for k in gold_keys if k[1] == "AGREE"}
            for pk, mods in p.modalities.items():
                planned = mods & PLANNED_MODALITIES
                gk = agree_dyads.get(_dyad(pk))
                if not planned or gk is None:
                    continue
                intent_matched.add(gk)
                matched_pred.add(pk)
                matched_pred_strict.update((pk[0], pk[1], pk[2], m) for m in planned)
            matched_gold |= intent_matched
            matched_gold_strict |= {
                (k[0], k[1], k[2], m) for k in intent_matched for m in g.modalities[k]
            }

        event.gold += len(gold_keys)
        event.pred += len(pred_keys)
        event.matched_gold += len(matched_gold)
        event.matched_pred += len(matched_pred)
        strict.gold += len(gold_strict)
        strict.pred += len(pred_strict)
        strict.matched_gold += len(matched_gold_strict)
        strict.matched_pred += len(matched_pred_strict)

        for k in gold_keys:
            c = per_type.setdefault(k[1], _Counts())
            c.gold += 1
            c.matched_gold += k in matched_gold
        for k in pred_keys:
            c = per_type.setdefault(k[1], _Counts())
            c.pred += 1
            c.matched_pred += k in matched_pred

        for k in sorted(matched_gold):
            modality_total += 1
            ok = k in intent_matched or bool(g.modalities[k] & p.modalities.get(k, set()))
            modality_correct += ok
            if not ok:
                mod_errors.append(
                    ErrorItem(
                        rid,
                        *k,
                        modalities=tuple(sorted(p.modalities.get(k, set()))),
                        evidence=p.evidence.get(k) or g.evidence.get(k, ""),
                        gold_modalities=tuple(sorted(g.modalities[k])),
                    )
                )

        if not gold_keys:
            empty_gold_records += 1
            extra_events += len(pred_keys)

        for k in sorted(pred_keys - matched_pred):
            fps.append(ErrorItem(rid, *k, tuple(sorted(p.modalities[k])), p.evidence.get(k, "")))
        for k in sorted(gold_keys - matched_gold):
            fns.append(ErrorItem(rid, *k, tuple(sorted(g.modalities[k])), g.evidence.get(k, "")))

    return EvalReport(
        event=event.prf(),
        strict=strict.prf(),
        modality_correct=modality_correct,
        modality_total=modality_total,
        extra_events=extra_events,
        empty_gold_records=empty_gold_records,
        records=len(seen),
        missing_pred_records=missing,
        extra_pred_records=len(set(pred_events) - seen),
        per_type=[TypeScore(t, per_type[t].prf()) for t in sorted(per_type)],
        false_positives=fps,
        false_negatives=fns,
        modality_errors=mod_errors,
    )
