"""Figures, dates and statuses in plain words, the same everywhere on the site.

Status is always a word with an icon beside it, never a colour alone: a tag. The icon comes from
the stylesheet (`.ck-tag--met::before` and so on), marked there as decoration, so screen readers
read the word only.
"""

from __future__ import annotations

import functools
import re
from datetime import date

from babel.dates import format_date
from babel.lists import format_list

from generator.models import Framework, Measure
from generator.models.measure import Result
from generator.periods import Period
from generator.render.i18n import N_, Text, locale, mark_inline, ngettext, page_language
from generator.render.i18n import gettext as _
from generator.standing import Verdict, next_due, status, target_for  # noqa: F401 - used by templates

STATUS_WORDS = {
    "met": N_("Met"),
    "not-met": N_("Not met"),
    "no-target": N_("No target"),
    "no-data": N_("No data"),
    "not-due": N_("Not yet due"),
}


def number(value: float, decimals: int = 0) -> str:
    """`1234.5` → `1,234.5`; whole numbers lose their `.0`. Nothing shows as `-0`: a figure that
    rounds to zero (`-0`, `-0.04`, a difference of two equal floats) is 0, not a fall."""
    if round(value, decimals) == 0:
        value = 0.0
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
        return ngettext("%(num)s day", "%(num)s days", _count(value, shown)) % {"num": shown}
    if unit == "duration":
        return duration(value)
    return shown


def duration(seconds: float) -> str:
    """`262` → `4 min 22 s`, `180` → `3 min`, `45` → `45 s`, `3725` → `1 h 2 min 5 s`."""
    words = {0: _("%(num)s h"), 1: _("%(num)s min"), 2: _("%(num)s s")}
    return " ".join(words[i] % {"num": n} for i, n in _units(seconds))


def duration_spoken(seconds: float) -> str:
    """The same duration in full words, for sentences and screen readers: '4 minutes 22 seconds'."""

    def said(i: int, n: int) -> str:
        if i == 0:
            return ngettext("%(num)s hour", "%(num)s hours", n) % {"num": n}
        if i == 1:
            return ngettext("%(num)s minute", "%(num)s minutes", n) % {"num": n}
        return ngettext("%(num)s second", "%(num)s seconds", n) % {"num": n}

    return " ".join(said(i, n) for i, n in _units(seconds))


def _units(seconds: float) -> list[tuple[int, int]]:
    """(0 hours, 1 minutes, 2 seconds) index and count for each non-zero part; seconds if all are zero."""
    hours, rest = divmod(round(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    parts = [(i, n) for i, n in enumerate((hours, minutes, secs)) if n]
    return parts or [(2, 0)]


def _count(value: float, shown: str) -> int:
    """The number that picks a plural form; fractions take the 'other' form in every language
    shipped (CLDR), which 100 selects too."""
    return int(value) if shown.isdigit() else 100


def long_date(day: date) -> str:
    """`2026-03-31` → `31 March 2026` (`31 Mawrth 2026` in Welsh)."""
    return _formatted(day, "d MMMM y", page_language())


def month_year(day: date) -> str:
    return _formatted(day, "MMMM y", page_language())


@functools.lru_cache(maxsize=4096)
def _formatted(day: date, pattern: str, language: str) -> str:
    """Babel's date formatting, remembered: a site shows the same few hundred dates many times."""
    return format_date(day, pattern, locale=locale(language))


def period_label(period: Period) -> str:
    """The period in the page's language, as a council writes it: 'Q3 2019/20 (October to
    December 2019)', '2019/20 (April 2019 to March 2020)', 'July to September 2024', 'March 2026'."""
    if period.kind == "year":
        return period.text
    if period.kind == "month":
        return month_year(period.start)
    months = months_label(period)
    if period.kind == "financial-year":
        return f"{period.short} ({months})"  # digits and brackets read the same in every language
    if fiscal := period.fiscal:
        values = {"number": fiscal[1], "year": period.short.split(" ")[1], "months": months}
        if period.kind == "quarter":
            return _("Q%(number)s %(year)s (%(months)s)") % values
        return _("H%(number)s %(year)s (%(months)s)") % values
    return months


def period_short(period: Period) -> str:
    """The period in few words, for a chart's axis or a comparison: 'Q3 2019/20', '2019/20',
    'Q4 2019', 'Mar 2026' (a month in the page's language)."""
    if period.kind == "month":
        return _formatted(period.start, "MMM y", page_language())
    return period.short


def months_label(period: Period) -> str:
    """The months a period covers: 'October to December 2019', 'October 2019 to March 2020'."""
    if period.start.year == period.end.year:
        names = locale(page_language()).months["stand-alone"]["wide"]
        return _("%(first)s to %(last)s %(year)s") % {
            "first": names[period.start.month],
            "last": names[period.end.month],
            "year": period.start.year,
        }
    return _("%(start)s to %(end)s") % {"start": month_year(period.start), "end": month_year(period.end)}


def status_of(measure: Measure, result: Result | None) -> str:
    return "no-data" if result is None else status(measure, result)


def status_text(code: str) -> str:
    """The status as a tag: its word, with its icon and tint from the stylesheet."""
    return f'<strong class="ck-tag ck-tag--{code}">{_status_word(code)}</strong>'


def status_cell(code: str) -> str:
    """The status as a table cell holding its tag."""
    return f"<td>{status_text(code)}</td>"


def _status_word(code: str) -> str:
    word = _(STATUS_WORDS[code])
    return mark_inline(word, word)


def latest(measure: Measure) -> Result | None:
    """The latest result; of a period's own figure and its year-to-date figure, the period's own."""
    return max(measure.results, key=lambda r: (r.period.start, r.period.end, not r.year_to_date), default=None)


def previous(measure: Measure, result: Result) -> Result | None:
    earlier = [r for r in measure.results if r.period < result.period]
    return max(earlier, key=lambda r: r.period, default=None)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def capitalised(value: object) -> object:
    """The first letter made a capital, the rest as written ("NHS trust" stays so); a text in
    another language keeps its language."""
    words = str(value)
    shown = words[:1].upper() + words[1:]
    return Text(shown, value.lang) if isinstance(value, Text) else shown


def and_list(items: object) -> str:
    """`[a, b, c]` → `a, b and c`, as the page's language joins a list (Urdu uses its own comma)."""
    return format_list(list(items), locale=locale(page_language()))  # type: ignore[call-overload]


def rule_words(framework: Framework) -> str:
    """The award rule as a sentence: 'To gain the award, at least 80% of elements must be ...'."""
    rule = framework.award_rule
    if rule is None:
        return ""
    labels = {level.id: level.label.lower() for level in framework.scale}
    parts = []
    for c in rule.conditions:
        values = {"level": labels.get(c.level, c.level)}
        if c.at_most_count == 0:
            parts.append(_("none may be %(level)s") % values)
        elif c.at_least_percent is not None:
            parts.append(
                _("at least %(percent)s%% must be %(level)s") % {**values, "percent": number(c.at_least_percent)}
            )
        elif c.at_most_percent is not None:
            parts.append(
                _("no more than %(percent)s%% may be %(level)s") % {**values, "percent": number(c.at_most_percent)}
            )
        elif c.at_least_count is not None:
            parts.append(_("at least %(count)s must be %(level)s") % {**values, "count": c.at_least_count})
        else:
            parts.append(_("no more than %(count)s may be %(level)s") % {**values, "count": c.at_most_count})
    return _("To gain the %(award)s, of the elements assessed %(conditions)s.") % {
        "award": rule.name,
        "conditions": format_list(parts, locale=locale(page_language())),
    }


def verdict_words(result: Verdict | None) -> str:
    if result is None or result.achieved is None:
        return _("Rated; this framework has no award rule.")
    return _("Award standard met.") if result.achieved else _("Award standard not met.")


OUTCOMES = {
    "awarded": N_("awarded"),
    "recommended": N_("recommended for the award"),
    "not-awarded": N_("not awarded"),
    "pending": N_("not yet known"),
}


def outcome_words(outcome: str) -> str:
    return _(OUTCOMES[outcome])


_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def day_range(days: tuple[str, ...]) -> str:
    """`(mon, tue, wed, thu, fri)` → `Monday to Friday`; gaps are listed: `Monday, Wednesday`."""
    names = locale(page_language()).days["format"]["wide"]  # 0 is Monday
    indexes = sorted(_DAYS.index(d) for d in set(days))
    runs: list[list[int]] = []
    for i in indexes:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    parts = []
    for r in runs:
        if len(r) == 1:
            parts.append(names[r[0]])
        elif len(r) == 2:
            parts.append(_("%(first)s and %(second)s") % {"first": names[r[0]], "second": names[r[1]]})
        else:
            parts.append(_("%(start)s to %(end)s") % {"start": names[r[0]], "end": names[r[-1]]})
    return ", ".join(parts)


def due_words(due: date | Period) -> str:
    return period_label(due) if isinstance(due, Period) else long_date(due)


ASSESSMENT_KINDS = {
    "full": N_("Full assessment"),
    "surveillance": N_("Surveillance visit"),
    "self-assessment": N_("Self-assessment"),
}


def assessment_kind(kind: str) -> str:
    return _(ASSESSMENT_KINDS[kind])


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
