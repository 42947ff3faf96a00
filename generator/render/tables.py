"""Rows of the long tables, built in Python: a measure can have hundreds of results, and one
function call a row keeps rendering a small part of the build (see the benchmark)."""

from __future__ import annotations

from generator.models import Measure
from generator.models.measure import Result
from generator.render.i18n import gettext as _
from generator.render.i18n import mark_inline, ngettext
from generator.render.text import attribute as h
from generator.render.text import element
from generator.render.words import figure, long_date, number, period_label, status_cell


def _cell(message: str, **values: str) -> str:
    """A fixed text in a cell, escaped; `values` are HTML already. Marked when it fell back to English."""
    shown = h(message)
    return mark_inline(message, shown % values if values else shown)


def result_row(measure: Measure, result: Result, target: float | None, code: str) -> str:
    period = element(period_label(result.period))
    if result.year_to_date:
        period = _cell(_("%(period)s (year to date)"), period=period)
    value = element(figure(result.value, measure.unit, measure.decimals))
    if result.numerator is not None and result.denominator is not None:
        of = _("(%(numerator)s of %(denominator)s)")
        value += " " + _cell(of, numerator=number(result.numerator), denominator=number(result.denominator))
    if target is None:
        promised = _cell(_("None set"))
    else:
        limit = _("at least %(target)s") if measure.polarity == "higher-is-better" else _("at most %(target)s")
        promised = _cell(limit, target=element(figure(target, measure.unit, measure.decimals)))
    notes = ""
    if result.sample_size:
        answered = ngettext("%(num)s person answered.", "%(num)s people answered.", result.sample_size)
        notes += _cell(answered, num=number(result.sample_size)) + " "
    if result.published:
        notes += _cell(_("Published %(date)s."), date=h(long_date(result.published))) + " "
    if result.note:
        notes += element(result.note) + " "
    if result.explanation:
        notes += _cell(_("Why we missed the target:")) + " " + element(result.explanation)
    return (
        f'<tr><th scope="row">{period}</th><td>{value}</td><td>{promised}</td>{status_cell(code)}<td>{notes}</td></tr>'
    )
