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
from generator.render.i18n import N_, ngettext
from generator.render.i18n import gettext as _
from generator.render.words import (
    STATUS_WORDS,
    duration_spoken,
    figure,
    latest,
    long_date,
    number,
    period_label,
    period_short,
    status_of,
)
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


def trend_short(measure: Measure, result: Result | None) -> str:
    """The trend in a table's few words: the change from the result before ('0.3 points worse
    than in Q1 2026/27'), or 'First result' or 'No data'."""
    before = None if result is None else _earlier(measure, result)
    if result is None or before is None:
        return trend(measure, result)
    return change(measure, result, before)


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
        ) % {"num": number(promises)}
    if not standings:
        return _("We have not published a charter yet.")
    measured = [s for s in standings if s.result is not None]
    if not measured:
        return ngettext(
            "Our %(num)s standard has no published result yet.",
            "None of our %(num)s standards has a published result yet.",
            len(standings),
        ) % {"num": number(len(standings))}
    met, num = sum(s.status == "met" for s in measured), len(measured)
    values = {
        "met": number(met),
        "num": number(num),
        "when": period_label(period) if period else _("the latest results"),
    }
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
        ) % {"num": number(waiting)}
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
    ) % {"num": number(len(judged))}


def difference(measure: Measure, amount: float) -> str:
    """How far apart two figures are, in words: '1.2 points' for percentages, '1 minute 5
    seconds' for durations, '3 days', '120'."""
    if measure.unit == "percentage":
        shown = number(amount, max(measure.decimals, 1))
        return ngettext("%(num)s point", "%(num)s points", 1 if shown == "1" else 100) % {"num": shown}
    return said(amount, measure)


def change(measure: Measure, result: Result, before: Result, a_year_before: bool = False) -> str:
    """The change from an earlier result, in words, naming that result's period: '0.3 points
    worse than in Q1 2026/27'; up or down for a context figure. Equal figures as shown are 'the
    same', so the site never says '0 points better'."""
    when = {"period": period_short(before.period)}
    if said(result.value, measure) == said(before.value, measure):
        if a_year_before:
            return _("The same as a year before, in %(period)s") % when
        return _("The same as in %(period)s") % when
    values = {**when, "amount": difference(measure, abs(result.value - before.value))}
    up = result.value > before.value
    if measure.polarity is None:
        if a_year_before:
            return (
                _("Up %(amount)s on a year before, in %(period)s")
                if up
                else _("Down %(amount)s on a year before, in %(period)s")
            ) % values
        return (_("Up %(amount)s on %(period)s") if up else _("Down %(amount)s on %(period)s")) % values
    better = up == (measure.polarity == "higher-is-better")
    if a_year_before:
        return (
            _("%(amount)s better than a year before, in %(period)s")
            if better
            else _("%(amount)s worse than a year before, in %(period)s")
        ) % values
    return (_("%(amount)s better than in %(period)s") if better else _("%(amount)s worse than in %(period)s")) % values


def previous_of(measure: Measure, result: Result) -> Result | None:
    """The result to compare with: the one before, of the same kind (year to date with year to date)."""
    return _earlier(measure, result)


def year_before(measure: Measure, result: Result) -> Result | None:
    """The same period a year earlier (a month, quarter or half-year), of the same kind; None for
    yearly figures, whose previous result already is the year before."""
    if result.period.kind not in ("month", "quarter", "half"):
        return None
    start = result.period.start.replace(year=result.period.start.year - 1)
    for r in measure.results:
        if r.period.kind == result.period.kind and r.period.start == start and r.year_to_date == result.year_to_date:
            return r
    return None


def chart_title(measure: Measure, results: Sequence[Result]) -> str:
    """A chart's headline, its main message: how the latest result stands against the target,
    and for how many results in a row; a context figure's rise or fall over the whole chart."""
    last = results[-1]
    code = status_of(measure, last)
    when = {"period": period_short(last.period)}
    if code in ("met", "not-met"):
        run = 0
        for r in reversed(results):
            if status_of(measure, r) != code:
                break
            run += 1
        values = {**when, "num": run}
        if run > 1 and code == "met":
            return (
                ngettext(
                    "The target has been met in the last %(num)s result, to %(period)s.",
                    "The target has been met in each of the last %(num)s results, to %(period)s.",
                    run,
                )
                % values
            )
        if run > 1:
            return (
                ngettext(
                    "The target has been missed in the last %(num)s result, to %(period)s.",
                    "The target has been missed in each of the last %(num)s results, to %(period)s.",
                    run,
                )
                % values
            )
        return (
            _("The target was met in %(period)s.") if code == "met" else _("The target was missed in %(period)s.")
        ) % when
    first = results[0]
    values = {
        **when,
        "start": period_short(first.period),
        "first": said(first.value, measure),
        "last": said(last.value, measure),
    }
    if len(results) == 1:
        return _("%(last)s in %(period)s.") % values
    if said(first.value, measure) == values["last"]:
        return _("The same in %(period)s as in %(start)s: %(last)s.") % values
    if last.value > first.value:
        return _("Up from %(first)s in %(start)s to %(last)s in %(period)s.") % values
    return _("Down from %(first)s in %(start)s to %(last)s in %(period)s.") % values


UNIT_WORDS = {
    "percentage": N_("per cent"),
    "count": N_("number"),
    "duration": N_("minutes and seconds"),
    "days": N_("days"),
    "score": N_("score"),
    "money": N_("pounds"),
}


def chart_subtitle(measure: Measure, results: Sequence[Result]) -> str:
    """What the chart plots, in its unit, over which periods: the statistical subtitle."""
    values = {
        "measure": measure.title,
        "unit": _(UNIT_WORDS[measure.unit]),
        "first": period_short(results[0].period),
        "last": period_short(results[-1].period),
    }
    if len(results) == 1:
        return _("%(measure)s, %(unit)s, %(last)s") % values
    return _("%(measure)s, %(unit)s, %(first)s to %(last)s") % values
