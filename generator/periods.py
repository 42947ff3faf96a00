"""Reporting periods as ordered values: years, financial years, quarters, halves, months and spans.

Public bodies report on several calendars at once (a financial-year target, quarterly results,
a calendar-year survey), so a period is stored by the dates it covers and compared by them:
`2019-Q4` and `2019-20 Q3` are the same three months. A publication says once which month its
year starts in (`year_starts` in `site.yml`); that decides what `2019-20` and `2019-20 Q3` cover
and how quarters are named on the page ("Q3 2019/20 (October to December 2019)").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

PeriodKind = Literal["year", "financial-year", "quarter", "half", "month", "span"]

_YEAR = re.compile(r"([0-9]{4})")
_FINANCIAL = re.compile(r"([0-9]{4})[-/]([0-9]{2})")
_QUARTER = re.compile(r"([0-9]{4})-([QH])([1-4])", re.IGNORECASE)
_FISCAL_PART = re.compile(
    r"(?:([0-9]{4})[-/]([0-9]{2})\s+([QH])([1-4])|([QH])([1-4])\s+([0-9]{4})[-/]([0-9]{2}))", re.IGNORECASE
)
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_SPAN = re.compile(r"([0-9]{4}-[0-9]{2})\s+to\s+([0-9]{4}-[0-9]{2})")

EXPECTED = (
    "a period like 2024 (year), 2024-25 (financial year), 2024-25 Q1 or H1 (its quarters and halves),"
    " 2024-Q1 (calendar quarter), 2024-04 (month) or 2024-10 to 2025-03 (months)"
)
_MONTH_NAMES = tuple(calendar.month_name)


FIRST_YEAR, LAST_YEAR = 1900, 2200
"""The years a period may fall in. Far-off years are typing slips, and the calendar ends at 9999:
the period after `9999-Q4`, or a result due two years after it, cannot be dated at all."""


def _far_off(text: str, year: int) -> str:
    return (
        f"'{text}' is in the year {year}; charterkit reports on the years {FIRST_YEAR} to {LAST_YEAR}: check the year"
    )


def financial_start(year_starts: int) -> int:
    """The month a financial year starts in: the publication's own, or April (the UK's) for a
    publication that reports in calendar years but still writes `2024-25`."""
    return 4 if year_starts == 1 else year_starts


@dataclass(frozen=True)
class Period:
    """A span of whole months, written the way people write it (`2024-25`, `2019-20 Q3`)."""

    kind: PeriodKind
    start: date
    end: date
    text: str = field(compare=False)
    year_starts: int = field(default=1, compare=False)
    """The month the publication's year starts in; it only changes how quarters are named."""

    @classmethod
    def parse(cls, value: object, prefer: PeriodKind | None = None, year_starts: int = 1) -> Period:
        """Read a period as typed; `prefer="month"` settles `2011-12` (a month or a financial year)."""
        if isinstance(value, Period):
            return value
        text = " ".join(str(value).split())
        if long := re.search(r"[0-9]{5,}", text):
            message = f"'{text}' has a year of {len(long.group())} digits; write the year with four, like 2026-Q1"
            raise ValueError(message)
        # Every four digits in a period are a year; checked before any date is made of them.
        years = [int(y) for y in re.findall(r"(?<![0-9])[0-9]{4}(?![0-9])", text)]
        if any(not FIRST_YEAR <= year <= LAST_YEAR for year in years):
            raise ValueError(_far_off(text, next(y for y in years if not FIRST_YEAR <= y <= LAST_YEAR)))
        period = cls._parse(text, prefer, year_starts)
        if period.end.year > LAST_YEAR:  # a financial year or span that runs on past the last year
            raise ValueError(_far_off(period.text, period.end.year))
        return period

    @classmethod
    def _parse(cls, text: str, prefer: PeriodKind | None, year_starts: int) -> Period:
        first = financial_start(year_starts)
        if m := _YEAR.fullmatch(text):
            year = int(m[1])
            return cls("year", date(year, 1, 1), date(year, 12, 31), text, year_starts)
        if m := _QUARTER.fullmatch(text):
            year, part, number = int(m[1]), m[2].upper(), int(m[3])
            if part == "H" and number > 2:
                raise ValueError(f"a year has two halves, H1 and H2, got '{text}'")
            size = 3 if part == "Q" else 6
            month = size * (number - 1) + 1
            kind: PeriodKind = "quarter" if part == "Q" else "half"
            return cls(kind, date(year, month, 1), _end(year, month, size), f"{year}-{part}{number}", year_starts)
        if m := _FISCAL_PART.fullmatch(text):
            written, short, letter, index = (m[1], m[2], m[3], m[4]) if m[1] else (m[7], m[8], m[5], m[6])
            fiscal = _fiscal_year(int(written), short, text)
            part = letter.upper()
            if part == "H" and int(index) > 2:
                raise ValueError(f"a year has two halves, H1 and H2, got '{text}'")
            size = 3 if part == "Q" else 6
            year_, month = _add_months(fiscal, first, size * (int(index) - 1))
            normal = f"{fiscal}-{(fiscal + 1) % 100:02d} {part}{index}"
            kind = "quarter" if part == "Q" else "half"
            return cls(kind, date(year_, month, 1), _end(year_, month, size), normal, year_starts)
        fy = _FINANCIAL.fullmatch(text)
        if fy and int(fy[2]) == (int(fy[1]) + 1) % 100 and not (prefer == "month" and "-" in text):
            year = int(fy[1])
            end_year, end_month = _add_months(year, first, 11)
            start = date(year, first, 1)
            return cls("financial-year", start, _end(end_year, end_month, 1), f"{year}-{fy[2]}", year_starts)
        if (m := _MONTH.fullmatch(text)) and 1 <= int(m[2]) <= 12:
            year, month = int(m[1]), int(m[2])
            return cls("month", date(year, month, 1), _end(year, month, 1), text, year_starts)
        if m := _SPAN.fullmatch(text):
            begin = Period.parse(m[1], prefer="month")
            finish = Period.parse(m[2], prefer="month")
            if finish.start <= begin.start:
                raise ValueError(f"a span must end after it starts, got '{text}'")
            return cls("span", begin.start, finish.end, f"{m[1]} to {m[2]}", year_starts)
        raise ValueError(f"expected {EXPECTED}, got '{text}'")

    def __str__(self) -> str:
        return self.text

    def sort_key(self) -> tuple[date, date]:
        return (self.start, self.end)

    def __lt__(self, other: Period) -> bool:
        return self.sort_key() < other.sort_key()

    def __le__(self, other: Period) -> bool:
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: Period) -> bool:
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: Period) -> bool:
        return self.sort_key() >= other.sort_key()

    @property
    def fiscal(self) -> tuple[int, int] | None:
        """(first year of the financial year, quarter or half number) when the publication reports
        in financial years and this is one of their quarters or halves; None otherwise."""
        if self.year_starts == 1 or self.kind not in ("quarter", "half"):
            return None
        months = self.start.year * 12 + self.start.month - self.year_starts
        offset = months % 12
        size = 3 if self.kind == "quarter" else 6
        if offset % size:
            return None  # a calendar quarter that straddles two of the publication's quarters
        return months // 12, offset // size + 1

    @property
    def months(self) -> str:
        """The months covered, in English: 'October to December 2019', 'April 2019 to March 2020'."""
        first, last = _MONTH_NAMES[self.start.month], _MONTH_NAMES[self.end.month]
        if self.kind == "month":
            return f"{first} {self.start.year}"
        if self.start.year == self.end.year:
            return f"{first} to {last} {self.start.year}"
        return f"{first} {self.start.year} to {last} {self.end.year}"

    @property
    def label(self) -> str:
        """Words a resident reads (English; pages use `words.period_label` in their language)."""
        if self.kind == "year":
            return self.text
        if self.kind == "financial-year":
            return f"{self.start.year}/{(self.start.year + 1) % 100:02d} ({self.months})"
        if fiscal := self.fiscal:
            year, number = fiscal
            part = "Q" if self.kind == "quarter" else "H"
            return f"{part}{number} {year}/{(year + 1) % 100:02d} ({self.months})"
        return self.months

    @property
    def short(self) -> str:
        """A chart axis's label: 'Q3 2019/20', '2019/20', 'Q4 2019', '2026-03'."""
        if self.kind == "financial-year":
            return f"{self.start.year}/{(self.start.year + 1) % 100:02d}"
        if fiscal := self.fiscal:
            year, number = fiscal
            return f"{'Q' if self.kind == 'quarter' else 'H'}{number} {year}/{(year + 1) % 100:02d}"
        if self.kind in ("quarter", "half"):
            number = (self.start.month - 1) // (3 if self.kind == "quarter" else 6) + 1
            return f"{'Q' if self.kind == 'quarter' else 'H'}{number} {self.start.year}"
        return self.text

    def next(self) -> Period:
        """The period of the same kind that follows this one, written as this one was."""
        if self.kind == "year":
            return Period.parse(str(self.start.year + 1), year_starts=self.year_starts)
        if self.kind == "financial-year":
            year = self.start.year + 1
            return Period.parse(f"{year}-{(year + 1) % 100:02d}", year_starts=self.year_starts)
        if self.kind in ("quarter", "half"):
            size = 3 if self.kind == "quarter" else 6
            year, month = _add_months(self.start.year, self.start.month, size)
            part = "Q" if self.kind == "quarter" else "H"
            if fiscal := self.fiscal:
                count = 12 // size
                fy, number = (fiscal[0] + 1, 1) if fiscal[1] == count else (fiscal[0], fiscal[1] + 1)
                return Period.parse(f"{fy}-{(fy + 1) % 100:02d} {part}{number}", year_starts=self.year_starts)
            return Period.parse(f"{year}-{part}{(month - 1) // size + 1}", year_starts=self.year_starts)
        if self.kind == "month":
            year, month = _add_months(self.start.year, self.start.month, 1)
            return Period.parse(f"{year}-{month:02d}", prefer="month", year_starts=self.year_starts)
        raise ValueError(f"a span ({self.text}) has no next period; write the next span out")

    def within(self, other: Period) -> bool:
        return other.start <= self.start and self.end <= other.end


def _fiscal_year(year: int, short: str, text: str) -> int:
    if int(short) != (year + 1) % 100:
        raise ValueError(f"a financial year's two years follow each other, like 2019-20, got '{text}'")
    return year


def _add_months(year: int, month: int, count: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + count
    return index // 12, index % 12 + 1


def _end(year: int, month: int, size: int) -> date:
    """The last day of the `size` months starting at `month`."""
    year, month = _add_months(year, month, size - 1)
    return date(year, month, calendar.monthrange(year, month)[1])


def date_problem(text: str) -> str | None:
    """Why `text`, written like a date (2026-02-30), is not one, in words; None when it is one or
    is not written like one."""
    written = re.fullmatch(r"\s*([0-9]+)-([0-9]+)-([0-9]+)\s*", text)
    if not written:
        return None
    year, month, day = (int(part) for part in written.groups())
    if len(written[1]) != 4:
        return f"'{text.strip()}' has a year of {len(written[1])} digits; write the year with four, like 2026-04-01"
    if not 1 <= month <= 12:
        return f"'{text.strip()}' has no month {month}: months go from 01 to 12, like 2026-04-01"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return (
            f"{_MONTH_NAMES[month]} {year} has no {_ordinal(day)} (it has {days} days); check the date '{text.strip()}'"
        )
    return None


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
