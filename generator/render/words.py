"""Figures, dates and statuses in plain words, the same everywhere on the site.

Status is always a word with an icon beside it, never a colour alone.
"""

from __future__ import annotations

import re
from datetime import date

from generator.models import Framework, Measure
from generator.models.measure import Result
from generator.periods import Period
from generator.standing import Verdict, next_due, status, target_for  # noqa: F401 - used by templates

STATUS_WORDS = {
    "met": "Met",
    "not-met": "Not met",
    "no-target": "No target",
    "no-data": "No data",
    "not-due": "Not yet due",
}
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
    icon = f'<span aria-hidden="true">{STATUS_ICONS[code]}</span>'
    return f'<span class="ck-status ck-status--{code}">{icon} {STATUS_WORDS[code]}</span>'


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
    return (
        "Better" if better else "Worse"
    ) + f" than {before.period.label} ({figure(before.value, measure.unit, measure.decimals)})"


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


def rule_words(framework: Framework) -> str:
    """The award rule as a sentence: 'To gain the award, at least 80% of elements must be ...'."""
    rule = framework.award_rule
    if rule is None:
        return ""
    labels = {level.id: level.label.lower() for level in framework.scale}
    parts = []
    for c in rule.conditions:
        label = labels.get(c.level, c.level)
        if c.at_most_count == 0:
            parts.append(f"none may be {label}")
        elif c.at_least_percent is not None:
            parts.append(f"at least {number(c.at_least_percent)}% must be {label}")
        elif c.at_most_percent is not None:
            parts.append(f"no more than {number(c.at_most_percent)}% may be {label}")
        elif c.at_least_count is not None:
            parts.append(f"at least {c.at_least_count} must be {label}")
        else:
            parts.append(f"no more than {c.at_most_count} may be {label}")
    listed = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
    return f"To gain the {rule.name}, of the elements assessed {listed}."


def verdict_words(result: Verdict | None) -> str:
    if result is None or result.achieved is None:
        return "Rated; this framework has no award rule."
    return "Award standard met." if result.achieved else "Award standard not met."


_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def day_range(days: tuple[str, ...]) -> str:
    """`(mon, tue, wed, thu, fri)` → `Monday to Friday`; gaps are listed: `Monday, Wednesday`."""
    indexes = sorted(_DAYS.index(d) for d in set(days))
    runs: list[list[int]] = []
    for i in indexes:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    parts = [
        _DAY_NAMES[r[0]]
        if len(r) == 1
        else f"{_DAY_NAMES[r[0]]} to {_DAY_NAMES[r[-1]]}"
        if len(r) > 2
        else f"{_DAY_NAMES[r[0]]} and {_DAY_NAMES[r[1]]}"
        for r in runs
    ]
    return ", ".join(parts)


def due_words(due: date | Period) -> str:
    return due.label if isinstance(due, Period) else long_date(due)


ASSESSMENT_KINDS = {
    "full": "Full assessment",
    "surveillance": "Surveillance visit",
    "self-assessment": "Self-assessment",
}

# Language names as their speakers write them, so residents can find their own language in a
# list; each is marked with its language (and direction) for screen readers and browsers.
ENDONYMS = {
    "arabic": ("ar", "العربية", "rtl"),
    "bengali": ("bn", "বাংলা", "ltr"),
    "chinese": ("zh", "中文", "ltr"),
    "gujarati": ("gu", "ગુજરાતી", "ltr"),
    "hindi": ("hi", "हिन्दी", "ltr"),
    "polish": ("pl", "polski", "ltr"),
    "punjabi": ("pa", "ਪੰਜਾਬੀ", "ltr"),
    "somali": ("so", "Soomaali", "ltr"),
    "urdu": ("ur", "اردو", "rtl"),
    "welsh": ("cy", "Cymraeg", "ltr"),
}


def language(name: str) -> str:
    """`Urdu` → `Urdu (<span lang="ur" dir="rtl">اردو</span>)`; unknown names are kept as text."""
    from generator.render.text import text

    known = ENDONYMS.get(name.strip().lower())
    if known is None:
        return text(name)
    code, native, direction = known
    return f'{text(name)} (<span lang="{code}" dir="{direction}">{native}</span>)'
