"""Periods parse as people write them, order by the dates they cover, and read well in words."""

from __future__ import annotations

from datetime import date

import pytest

from generator.periods import Period


@pytest.mark.parametrize(
    ("text", "kind", "start", "end", "label"),
    [
        ("2024", "year", date(2024, 1, 1), date(2024, 12, 31), "2024"),
        ("2024-25", "financial-year", date(2024, 4, 1), date(2025, 3, 31), "2024/25 (April 2024 to March 2025)"),
        ("2024/25", "financial-year", date(2024, 4, 1), date(2025, 3, 31), "2024/25 (April 2024 to March 2025)"),
        ("1999-00", "financial-year", date(1999, 4, 1), date(2000, 3, 31), "1999/00 (April 1999 to March 2000)"),
        ("2024-Q1", "quarter", date(2024, 1, 1), date(2024, 3, 31), "January to March 2024"),
        ("2024-Q4", "quarter", date(2024, 10, 1), date(2024, 12, 31), "October to December 2024"),
        ("2024-02", "month", date(2024, 2, 1), date(2024, 2, 29), "February 2024"),
    ],
)
def test_parse(text: str, kind: str, start: date, end: date, label: str) -> None:
    period = Period.parse(text)
    assert (period.kind, period.start, period.end, period.label) == (kind, start, end, label)


@pytest.mark.parametrize(
    ("text", "starts", "kind", "start", "end", "label", "short", "written"),
    [
        (
            "2019-20 Q3",
            4,
            "quarter",
            date(2019, 10, 1),
            date(2019, 12, 31),
            "Q3 2019/20 (October to December 2019)",
            "Q3 2019/20",
            "2019-20 Q3",
        ),
        (
            "2019/20 Q3",
            4,
            "quarter",
            date(2019, 10, 1),
            date(2019, 12, 31),
            "Q3 2019/20 (October to December 2019)",
            "Q3 2019/20",
            "2019-20 Q3",
        ),
        (
            "Q4 2019/20",
            4,
            "quarter",
            date(2020, 1, 1),
            date(2020, 3, 31),
            "Q4 2019/20 (January to March 2020)",
            "Q4 2019/20",
            "2019-20 Q4",
        ),
        (
            "2019-Q4",
            4,
            "quarter",
            date(2019, 10, 1),
            date(2019, 12, 31),
            "Q3 2019/20 (October to December 2019)",
            "Q3 2019/20",
            "2019-Q4",
        ),
        (
            "2019-Q4",
            1,
            "quarter",
            date(2019, 10, 1),
            date(2019, 12, 31),
            "October to December 2019",
            "Q4 2019",
            "2019-Q4",
        ),
        (
            "2019-20",
            7,
            "financial-year",
            date(2019, 7, 1),
            date(2020, 6, 30),
            "2019/20 (July 2019 to June 2020)",
            "2019/20",
            "2019-20",
        ),
        (
            "2019-20 Q1",
            7,
            "quarter",
            date(2019, 7, 1),
            date(2019, 9, 30),
            "Q1 2019/20 (July to September 2019)",
            "Q1 2019/20",
            "2019-20 Q1",
        ),
        (
            "2019-20 H2",
            4,
            "half",
            date(2019, 10, 1),
            date(2020, 3, 31),
            "H2 2019/20 (October 2019 to March 2020)",
            "H2 2019/20",
            "2019-20 H2",
        ),
        (
            "2019-10 to 2020-03",
            4,
            "span",
            date(2019, 10, 1),
            date(2020, 3, 31),
            "October 2019 to March 2020",
            "2019-10 to 2020-03",
            "2019-10 to 2020-03",
        ),
    ],
)
def test_financial_year_quarters_halves_and_spans(
    text: str, starts: int, kind: str, start: date, end: date, label: str, short: str, written: str
) -> None:
    """A council's "Q3 2019/20" is typed as it writes it and shown with the months it covers."""
    period = Period.parse(text, year_starts=starts)
    assert (period.kind, period.start, period.end, period.label, period.short, str(period)) == (
        kind,
        start,
        end,
        label,
        short,
        written,
    )


@pytest.mark.parametrize(
    ("text", "starts", "following"),
    [
        ("2019-20 Q4", 4, "2020-21 Q1"),
        ("2019-20 Q2", 4, "2019-20 Q3"),
        ("2019-Q4", 4, "2019-20 Q4"),
        ("2019-20 H2", 4, "2020-21 H1"),
        ("2019-Q4", 1, "2020-Q1"),
        ("2027-28 Q1", 4, "2027-28 Q2"),
    ],
)
def test_next_period_is_written_as_the_publication_writes_it(text: str, starts: int, following: str) -> None:
    assert str(Period.parse(text, year_starts=starts).next()) == following


def test_the_same_months_are_the_same_period() -> None:
    assert Period.parse("2019-Q4", year_starts=4) == Period.parse("2019-20 Q3", year_starts=4)


@pytest.mark.parametrize("text", ["2019-21 Q1", "2019-20 H3", "2019-20 Q5", "2020-03 to 2019-10", "2019-H3"])
def test_rejects_impossible_financial_periods(text: str) -> None:
    with pytest.raises(ValueError):
        Period.parse(text, year_starts=4)


def test_slash_form_is_normalised() -> None:
    assert str(Period.parse("2024/25")) == "2024-25"


def test_month_or_financial_year() -> None:
    """`2011-12` is both December 2011 and a financial year; the financial year wins unless asked."""
    assert Period.parse("2011-12").kind == "financial-year"
    assert Period.parse("2011-12", prefer="month").kind == "month"


@pytest.mark.parametrize(
    "text", ["2024-Q5", "2024-13", "24-25", "2024-26", "Q1 2024", "", "2024-00", "２０２６-Q3", "2026-Q３", "٢٠٢٦"]
)
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
