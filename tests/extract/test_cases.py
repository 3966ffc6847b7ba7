"""Every sentence-level extraction case of `tests/extract/cases/*.jsonl` (see `casefile.py`):
the text must give exactly the expected events, no more, no fewer."""

from __future__ import annotations

import pytest
from casefile import file_problems, found_and_expected, load_cases, matches, read_events

CASES = load_cases()


def _param(case):  # noqa: ANN001, ANN202
    marks = [pytest.mark.slow]
    if case.xfail:
        marks.append(pytest.mark.xfail(reason=case.xfail, strict=True))
    return pytest.param(case, id=case.key, marks=marks)


def test_cases_files_are_well_formed():
    assert CASES
    assert file_problems(CASES) == []


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_cases_exact_events(case):
    events = read_events(case)
    found, expected = found_and_expected(case, events)
    assert found == expected
    assert [p for p in case.absent if any(matches(p, e) for e in events)] == []
