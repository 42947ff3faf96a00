"""Periods parse as people write them, order by the dates they cover, and read well in words."""

from __future__ import annotations

from datetime import date

import pytest

from generator.periods import Period


@pytest.mark.parametrize(
    ("text", "kind", "start", "end", "label"),
    [
        ("2024", "year", date(2024, 1, 1), date(2024, 12, 31), "2024"),
        ("2024-25", "financial-year", date(2024, 4, 1), date(2025, 3, 31), "April 2024 to March 2025"),
        ("2024/25", "financial-year", date(2024, 4, 1), date(2025, 3, 31), "April 2024 to March 2025"),
        ("1999-00", "financial-year", date(1999, 4, 1), date(2000, 3, 31), "April 1999 to March 2000"),
        ("2024-Q1", "quarter", date(2024, 1, 1), date(2024, 3, 31), "January to March 2024"),
        ("2024-Q4", "quarter", date(2024, 10, 1), date(2024, 12, 31), "October to December 2024"),
        ("2024-02", "month", date(2024, 2, 1), date(2024, 2, 29), "February 2024"),
    ],
)
def test_parse(text: str, kind: str, start: date, end: date, label: str) -> None:
    period = Period.parse(text)
    assert (period.kind, period.start, period.end, period.label) == (kind, start, end, label)


def test_slash_form_is_normalised() -> None:
    assert str(Period.parse("2024/25")) == "2024-25"


def test_month_or_financial_year() -> None:
    """`2011-12` is both December 2011 and a financial year; the financial year wins unless asked."""
    assert Period.parse("2011-12").kind == "financial-year"
    assert Period.parse("2011-12", prefer="month").kind == "month"


@pytest.mark.parametrize("text", ["2024-Q5", "2024-13", "24-25", "2024-26", "Q1 2024", "", "2024-00"])
def test_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="expected a period like 2024"):
        Period.parse(text)


def test_order_across_kinds() -> None:
    periods = [Period.parse(p) for p in ["2025-Q1", "2024-25", "2024", "2024-04", "2024-Q2"]]
    assert [str(p) for p in sorted(periods)] == ["2024", "2024-04", "2024-Q2", "2024-25", "2025-Q1"]


@pytest.mark.parametrize(
    ("text", "after"),
    [("2024", "2025"), ("2024-25", "2025-26"), ("2024-Q4", "2025-Q1"), ("2024-12", "2025-01"), ("2099-00", "2100-01")],
)
def test_next(text: str, after: str) -> None:
    assert str(Period.parse(text).next()) == after
