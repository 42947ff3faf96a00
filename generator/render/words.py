"""Figures, dates and statuses in plain words, the same everywhere on the site.

Status is always a word with an icon beside it, never a colour alone.
"""

from __future__ import annotations

import re
from datetime import date

from generator.models import Measure
from generator.models.measure import Result
from generator.periods import Period
from generator.standing import status, target_for

STATUS_WORDS = {"met": "Met", "not-met": "Not met", "no-target": "No target", "no-data": "No data", "not-due": "Not yet due"}
STATUS_ICONS = {"met": "✔", "not-met": "✘", "no-target": "–", "no-data": "?", "not-due": "…"}
UNIT_WORDS = {"days": "days", "duration": "seconds"}


def number(value: float, decimals: int = 0) -> str:
    """`1234.5` → `1,234.5`; whole numbers lose their `.0`."""
    text = f"{value:,.{decimals}f}"
    return text if decimals == 0 or "." not in text else text.rstrip("0").rstrip(".") or "0"


def figure(value: float, unit: str, decimals: int = 0) -> str:
    """A value with its unit as people write it: 87%, 12 days, 45 seconds, £1,200."""
    shown = number(value, max(decimals, 1) if value != round(value) and decimals == 0 else decimals)
    if unit == "percentage":
        return f"{shown}%"
    if unit == "money":
        return f"£{shown}"
    if unit == "days":
        return f"{shown} day" if shown == "1" else f"{shown} days"
    if unit == "duration":
        return f"{shown} second" if shown == "1" else f"{shown} seconds"
    return shown


def long_date(day: date) -> str:
    """`2026-03-31` → `31 March 2026`."""
    return f"{day.day} {day.strftime('%B')} {day.year}"


def status_of(measure: Measure, result: Result | None) -> str:
    return "no-data" if result is None else status(measure, result)


def status_text(code: str) -> str:
    """The status as icon and word; the icon is hidden from screen readers, the word is read."""
    return f'<span class="ck-status ck-status--{code}"><span aria-hidden="true">{STATUS_ICONS[code]}</span> {STATUS_WORDS[code]}</span>'


def comparison_words(polarity: str) -> str:
    return "at least" if polarity == "higher-is-better" else "at most"


def latest(measure: Measure) -> Result | None:
    return max(measure.results, key=lambda r: r.period, default=None)


def previous(measure: Measure, result: Result) -> Result | None:
    earlier = [r for r in measure.results if r.period < result.period]
    return max(earlier, key=lambda r: r.period, default=None)


def trend(measure: Measure, result: Result | None) -> str:
    """Direction of travel against the period before, in words that respect the polarity."""
    if result is None:
        return "No data"
    before = previous(measure, result)
    if before is None:
        return "First result"
    if result.value == before.value:
        return "No change"
    better = (result.value > before.value) == (measure.polarity == "higher-is-better")
    return ("Better" if better else "Worse") + f" than {before.period.label} ({figure(before.value, measure.unit, measure.decimals)})"


def sentence(measure: Measure, result: Result | None) -> str:
    """The chart's text alternative: what happened, against what target, and whether it was met."""
    if result is None:
        return f"{measure.title}: no results have been published yet."
    shown = figure(result.value, measure.unit, measure.decimals)
    text = f"In {result.period.label}, the result was {shown}."
    target = target_for(measure, result.period)
    if target is not None:
        text += f" The target is {comparison_words(measure.polarity)} {figure(target, measure.unit, measure.decimals)}."
    return f"{text} {STATUS_WORDS[status_of(measure, result)]}."


def period_label(period: Period) -> str:
    return period.label


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
