"""Reporting periods as ordered values: calendar years, UK financial years, quarters and months.

Public bodies report on several calendars at once (a financial-year target, quarterly results,
a calendar-year survey), so a period is stored by the dates it covers and compared by them.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

PeriodKind = Literal["year", "financial-year", "quarter", "month"]

_YEAR = re.compile(r"(\d{4})")
_FINANCIAL = re.compile(r"(\d{4})[-/](\d{2})")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_MONTH = re.compile(r"(\d{4})-(\d{2})")

EXPECTED = "a period like 2024 (year), 2024-25 (financial year), 2024-Q1 (quarter) or 2024-04 (month)"
_QUARTER_MONTHS = ("January to March", "April to June", "July to September", "October to December")


@dataclass(frozen=True)
class Period:
    """A span of whole months, written the way people write it (`2024-25`)."""

    kind: PeriodKind
    start: date
    end: date
    text: str

    @classmethod
    def parse(cls, value: object, prefer: PeriodKind | None = None) -> Period:
        """Read a period as typed; `prefer="month"` settles `2011-12` (a month or a financial year)."""
        if isinstance(value, Period):
            return value
        text = str(value).strip()
        if m := _YEAR.fullmatch(text):
            year = int(m[1])
            return cls("year", date(year, 1, 1), date(year, 12, 31), text)
        if m := _QUARTER.fullmatch(text):
            year, quarter = int(m[1]), int(m[2])
            first = 3 * quarter - 2
            return cls("quarter", date(year, first, 1), _month_end(year, first + 2), text)
        fy = _FINANCIAL.fullmatch(text)
        if fy and int(fy[2]) == (int(fy[1]) + 1) % 100 and not (prefer == "month" and "-" in text):
            year = int(fy[1])
            return cls("financial-year", date(year, 4, 1), date(year + 1, 3, 31), f"{year}-{fy[2]}")
        if (m := _MONTH.fullmatch(text)) and 1 <= int(m[2]) <= 12:
            year, month = int(m[1]), int(m[2])
            return cls("month", date(year, month, 1), _month_end(year, month), text)
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
    def label(self) -> str:
        """Words a resident reads: 'April 2024 to March 2025', 'July to September 2024'."""
        if self.kind == "year":
            return self.text
        if self.kind == "financial-year":
            return f"April {self.start.year} to March {self.end.year}"
        if self.kind == "quarter":
            return f"{_QUARTER_MONTHS[(self.start.month - 1) // 3]} {self.start.year}"
        return f"{calendar.month_name[self.start.month]} {self.start.year}"

    def next(self) -> Period:
        """The period of the same kind that follows this one."""
        if self.kind == "year":
            return Period.parse(str(self.start.year + 1))
        if self.kind == "financial-year":
            year = self.start.year + 1
            return Period.parse(f"{year}-{(year + 1) % 100:02d}")
        if self.kind == "quarter":
            quarter = (self.start.month - 1) // 3 + 1
            year, quarter = (self.start.year + 1, 1) if quarter == 4 else (self.start.year, quarter + 1)
            return Period.parse(f"{year}-Q{quarter}")
        year, month = (self.start.year + 1, 1) if self.start.month == 12 else (self.start.year, self.start.month + 1)
        return Period.parse(f"{year}-{month:02d}", prefer="month")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])
