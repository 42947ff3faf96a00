"""Rows of the long tables, built in Python: a measure can have hundreds of results, and one
function call a row keeps rendering a small part of the build (see the benchmark)."""

from __future__ import annotations

from generator.models import Measure
from generator.models.measure import Result, Share
from generator.render.i18n import gettext as _
from generator.render.i18n import mark_inline, ngettext
from generator.render.sentences import bound
from generator.render.text import attribute as h
from generator.render.text import element, element_linked
from generator.render.words import (
    duration_spoken,
    figure,
    long_date,
    months_label,
    number,
    period_label,
    period_short,
    status_cell,
)
from generator.standing import target_for


def _cell(message: str, **values: str) -> str:
    """A fixed text in a cell, escaped; `values` are HTML already. Marked when it fell back to English."""
    shown = h(message)
    return mark_inline(message, shown % values if values else shown)


def result_row(measure: Measure, result: Result, target: float | None, code: str, source: str) -> str:
    period = period_html(result)
    value = figure_html(measure, result.value)
    if result.numerator is not None and result.denominator is not None:
        of = _("(%(numerator)s of %(denominator)s)")
        value += " " + _cell(of, numerator=number(result.numerator), denominator=number(result.denominator))
    promised = target_cell(measure, target)
    notes = ""
    if result.sample_size:
        answered = ngettext("%(num)s person answered.", "%(num)s people answered.", result.sample_size)
        notes += _cell(answered, num=number(result.sample_size)) + " "
    if result.published:
        notes += _cell(_("Published %(date)s."), date=h(long_date(result.published))) + " "
    if result.note:
        notes += element(result.note) + " "
    if result.explanation:
        notes += _cell(_("Why we missed the target:")) + " " + element_linked(result.explanation, source)
    return (
        f'<tr><th scope="row">{period}</th><td>{value}</td><td>{promised}</td>{status_cell(code)}<td>{notes}</td></tr>'
    )


def period_html(result: Result) -> str:
    """A period in a cell, in lines that never wrap: its short name, then its months (or, for a
    year-to-date figure, 'Year to date' and the period it runs to)."""
    period = result.period
    short, months = period_short(period), period_label(period)
    if result.year_to_date:
        lines = [_cell(_("Year to date")), _cell(_("to the end of %(period)s"), period=element(short))]
    elif period.kind in ("month", "year") or short == months:
        lines = [element(months)]
    else:
        lines = [element(short), element(months_label(period))]
    return "".join(f'<span class="ck-line-of">{line}</span>' for line in lines)


def figure_html(measure: Measure, value: float) -> str:
    """A figure for a table cell; a duration also in full words for screen readers."""
    shown = element(figure(value, measure.unit, measure.decimals))
    if measure.unit != "duration":
        return shown
    return f'<span aria-hidden="true">{shown}</span><span class="ck-sr">{element(duration_spoken(value))}</span>'


def target_cell(measure: Measure, target: float | None) -> str:
    """The target in a cell: 'at least 90%', or why there is none."""
    if measure.polarity is None:
        return _cell(_("None: a context figure"))
    if target is None:
        return _cell(_("None set"))
    return element(bound(measure, target, short=True))


def breakdown_row(measure: Measure, result: Result, share: Share, name: str) -> str:
    """One part of a result, judged against the measure's target for that period (a context figure
    has none: the part and its figure only)."""
    shown = f'<tr><th scope="row">{element(name)}</th><td>{figure_html(measure, share.value)}</td>'
    if measure.polarity is None:  # a context figure: no target to show or judge against
        return shown + "</tr>"
    target = target_for(measure, result.period)
    code = share_status(measure, target, share.value)
    return shown + f"<td>{target_cell(measure, target)}</td>{status_cell(code)}</tr>"


def share_status(measure: Measure, target: float | None, value: float) -> str:
    if target is None or measure.polarity is None:
        return "no-target"
    met = value >= target if measure.polarity == "higher-is-better" else value <= target
    return "met" if met else "not-met"
