"""The bad-input corpus: one small file per mistake, each with the exact messages it must give.

Each case file names where it goes in the test publication (`# target: charters/main.yml`) and
ends with the lines `charterkit validate` must print for it (`# expect: ...`), in order.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import CORPUS, Run

CASES = sorted((CORPUS / "cases").iterdir())


def _header(raw: bytes, key: str) -> list[str]:
    return [m.decode("utf-8") for m in re.findall(rb"^# " + key.encode() + rb": ([^\n]*)$", raw, re.M)]


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_case_reports_exact_problems(case: Path, publication: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1776211200")  # 15 April 2026: no result is overdue yet
    raw = case.read_bytes()
    (target,) = _header(raw, "target")
    expected = ["data/" + line for line in _header(raw, "expect")]
    assert expected, f"{case.name} has no '# expect:' lines"
    (publication / target).write_bytes(raw)

    code, out, err = run("validate", "data")

    lines = out.splitlines()
    assert code == 1
    assert lines[:-1] == expected
    assert lines[-1].startswith("data: failed: ")
    assert "Traceback" not in out + err


def test_every_corpus_message_is_distinct() -> None:
    """Cases are not padding: no two expect the same message."""
    messages = [re.sub(r"^\S+:\d+:\d+: ", "", e) for case in CASES for e in _header(case.read_bytes(), "expect")]
    assert len(messages) == len(set(messages))
