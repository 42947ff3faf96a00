"""Every sentence the site writes about performance, in one place, each true in every case.

The cases are the ones real publications reach: nothing measured, no charter, a target but no
result, one result, a context figure (no target, never better or worse), a year-to-date figure, a
measure whose reporting ended. `docs/sentences.md` lists each sentence against each case, and
`tests/test_sentences.py` checks that table against these functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from generator.models import Measure
from generator.models.measure import Result
from generator.periods import Period
from generator.render.i18n import gettext as _
from generator.render.i18n import ngettext
from generator.render.words import STATUS_WORDS, duration_spoken, figure, latest, long_date, period_label, status_of
from generator.standing import target_for


def said(value: float, measure: Measure) -> str:
    """A figure as a sentence says it: durations in full words ("4 minutes 22 seconds"), which
    screen readers read as they are; tables and charts show the short form ("4 min 22 s")."""
    if measure.unit == "duration":
        return duration_spoken(value)
    return figure(value, measure.unit, measure.decimals)


class Standing(Protocol):
    """What the headline needs of a charter standard (pages.StandardNow)."""

    result: Result | None
    status: str


def bound(measure: Measure, target: float, comparison: str | None = None, short: bool = False) -> str:
    """A target in words: 'at least 90%', 'at most 3 minutes' ('at most 3 min' in a table, with
    `short`); '100%' where 'at least' would be odd."""
    shown = figure(target, measure.unit, measure.decimals) if short else said(target, measure)
    higher = (comparison or ("at-least" if measure.polarity == "higher-is-better" else "at-most")) == "at-least"
    if (higher and measure.unit == "percentage" and target >= 100) or (not higher and target <= 0):
        return shown
    return (_("at least %(target)s") if higher else _("at most %(target)s")) % {"target": shown}


def current_target(measure: Measure, today: date) -> float | None:
    """The target in force now, for a measure with no result to set it against."""
    now = [t for t in measure.targets if t.from_.start <= today]
    chosen = max(now, key=lambda t: t.from_, default=None) or min(measure.targets, key=lambda t: t.from_, default=None)
    return chosen.value if chosen else None


def result_words(measure: Measure, result: Result) -> str:
    """'The result for Q3 2019/20 (October to December 2019) was 87%.', year to date said so."""
    values = {"period": period_label(result.period), "value": said(result.value, measure)}
    if result.year_to_date:
        return _("The year-to-date result to the end of %(period)s was %(value)s.") % values
    return _("The result for %(period)s was %(value)s.") % values


def headline(measure: Measure, result: Result | None, today: date) -> str:
    """A measure's main sentence, also the chart's text alternative."""
    if result is None:
        if measure.ended:
            text = _("No results were published before reporting ended.")
        else:
            text = _("No results have been published yet.")
        target = current_target(measure, today)
        if target is not None and measure.polarity and not measure.ended:
            text += " " + _("The target is %(target)s.") % {"target": bound(measure, target)}
        return text
    text = result_words(measure, result)
    target = target_for(measure, result.period)
    if target is None or measure.polarity is None:
        return text
    return (
        f"{text} {_('The target is %(target)s.') % {'target': bound(measure, target)}} {status_word(measure, result)}."
    )


def status_word(measure: Measure, result: Result) -> str:
    return _(STATUS_WORDS[status_of(measure, result)])


def trend(measure: Measure, result: Result | None) -> str:
    """Against the period before: better or worse where the measure says which way is better,
    up or down for a context figure. A year-to-date figure is compared with the one before it."""
    if result is None:
        return _("No data")
    before = _earlier(measure, result)
    if before is None:
        return _("First result")
    values = {"period": period_label(before.period), "value": said(before.value, measure)}
    if result.value == before.value:
        return _("The same as in %(period)s") % values
    if measure.polarity is None:
        up = result.value > before.value
        return (_("Up from %(value)s in %(period)s") if up else _("Down from %(value)s in %(period)s")) % values
    better = (result.value > before.value) == (measure.polarity == "higher-is-better")
    return (_("Better than %(value)s in %(period)s") if better else _("Worse than %(value)s in %(period)s")) % values


def _earlier(measure: Measure, result: Result) -> Result | None:
    """The result before, of the same kind: a year-to-date figure is compared with year to date."""
    earlier = [r for r in measure.results if r.year_to_date == result.year_to_date and r.period < result.period]
    return max(earlier, key=lambda r: r.period, default=None)


def ended(measure: Measure) -> str:
    """'Reporting on this measure ended on 31 March 2020.' with the reason, if given."""
    if measure.ended is None:
        return ""
    text = _("Reporting on this measure ended on %(date)s.") % {"date": long_date(measure.ended.on)}
    return f"{text} {measure.ended.reason}" if measure.ended.reason else text


def baseline(measure: Measure) -> str:
    """'The baseline, measured in 1997, was 55%.': a starting level, not a target."""
    if measure.baseline is None:
        return ""
    values = {
        "period": period_label(measure.baseline.period),
        "value": said(measure.baseline.value, measure),
    }
    text = _("The baseline, measured in %(period)s, was %(value)s.") % values
    return f"{text} {measure.baseline.note}" if measure.baseline.note else text


def count_headline(standings: Sequence[Standing], period: Period | None, promises: int = 0) -> str:
    """The home page's answer to "Are we keeping our promises?", true for any count; `promises`
    counts the charters' commitments, measured or not."""
    if not standings and promises:
        return ngettext(
            "Our %(num)s promise is not yet measured by a published figure.",
            "None of our %(num)s promises is measured by a published figure yet.",
            promises,
        ) % {"num": promises}
    if not standings:
        return _("We have not published a charter yet.")
    measured = [s for s in standings if s.result is not None]
    if not measured:
        return ngettext(
            "Our %(num)s standard has no published result yet.",
            "None of our %(num)s standards has a published result yet.",
            len(standings),
        ) % {"num": len(standings)}
    met, num = sum(s.status == "met" for s in measured), len(measured)
    values = {"met": met, "num": num, "when": period_label(period) if period else _("the latest results")}
    if met == num:
        text = ngettext(
            "Our %(num)s measured standard was met in %(when)s.",
            "All %(num)s measured standards were met in %(when)s.",
            num,
        )
    elif met == 0:
        text = ngettext(
            "Our %(num)s measured standard was not met in %(when)s.",
            "None of the %(num)s measured standards was met in %(when)s.",
            num,
        )
    else:
        text = _("%(met)s of %(num)s measured standards were met in %(when)s.")
    text = text % values
    waiting = len(standings) - len(measured)
    if waiting:
        text += " " + ngettext(
            "%(num)s more standard has no result yet.", "%(num)s more standards have no result yet.", waiting
        ) % {"num": waiting}
    return text


def misses_none(measures: Sequence[Measure]) -> str:
    """What 'Areas we are improving' says when no latest result missed its target."""
    judged = [m for m in measures if (r := latest(m)) and status_of(m, r) in ("met", "not-met")]
    if not judged:
        return _("No result with a target has been published yet.")
    return ngettext(
        "%(num)s latest result with a target met it.",
        "Each of the %(num)s latest results with a target met it.",
        len(judged),
    ) % {"num": len(judged)}
