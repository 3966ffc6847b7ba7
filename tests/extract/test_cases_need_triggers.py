"""The case files can fail: with the trigger lexicon emptied (as if `triggers.csv` were cut to
its header row), every case that expects an event fails, every positive control fails, and
the only cases still passing are the negatives that expect no event at all, each of whose
control now fails.

Run as a script for the counts::

    PYTHONPATH=$PWD python tests/extract/test_cases_need_triggers.py
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from casefile import Case, load_cases, passes  # noqa: E402

pytestmark = pytest.mark.slow


@contextmanager
def no_triggers() -> Iterator[None]:
    """The trigger lexicon reads no row; its cache is cleared on the way in and out."""
    import kg.extract.triggers as module

    rows = module.lexicon_rows
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(
            module,
            "lexicon_rows",
            lambda lang, name: [] if name == "triggers" else rows(lang, name),
        )
        module.triggers.cache_clear()
        try:
            yield
        finally:
            module.triggers.cache_clear()


def run_without_triggers(cases: list[Case]) -> dict[str, bool]:
    with no_triggers():
        from kg.extract.triggers import triggers

        assert triggers("fr") == {}
        return {c.key: passes(c) for c in cases}


def test_cases_need_triggers():
    cases = load_cases()
    result = run_without_triggers(cases)
    controls = {f"{c.file}:{c.control}" for c in cases if c.control}
    with_events = {c.key for c in cases if c.events}
    still_passing = {k for k, ok in result.items() if ok}
    assert controls <= with_events
    assert still_passing & with_events == set()  # every case with an event fails, controls too
    # what still passes: negatives expecting nothing, each with a control that now fails
    assert still_passing == {c.key for c in cases if not c.events}
    assert all(not result[f"{c.file}:{c.control}"] for c in cases if c.key in still_passing)
    assert len(still_passing) < len(cases) / 5
    # and the lexicon is back afterwards
    from kg.extract.triggers import triggers

    assert triggers("fr")


def main() -> None:
    cases = load_cases()
    result = run_without_triggers(cases)
    controls = {f"{c.file}:{c.control}" for c in cases if c.control}
    passing = sorted(k for k, ok in result.items() if ok)
    print(f"{len(cases)} cases ({len(controls)} positive controls)")
    print(
        f"with the trigger lexicon emptied: {len(passing)} still pass, {len(cases) - len(passing)} fail"
    )
    for key in passing:
        print("  still passing:", key)


if __name__ == "__main__":
    main()
