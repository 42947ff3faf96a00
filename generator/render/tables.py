"""Rows of the long tables, built in Python: a measure can have hundreds of results, and one
function call a row keeps rendering a small part of the build (see the benchmark)."""

from __future__ import annotations

from generator.models import Measure
from generator.models.measure import Result
from generator.render.text import attribute as h
from generator.render.words import comparison_words, figure, number, status_text


def result_row(measure: Measure, result: Result, target: float | None, code: str) -> str:
    period = h(result.period.label) + (" (year to date)" if result.year_to_date else "")
    value = h(figure(result.value, measure.unit, measure.decimals))
    if result.numerator is not None and result.denominator is not None:
        value += f" ({number(result.numerator)} of {number(result.denominator)})"
    if target is None:
        promised = "None set"
    else:
        promised = f"{comparison_words(measure.polarity)} {h(figure(target, measure.unit, measure.decimals))}"
    notes = ""
    if result.sample_size:
        notes += f"{number(result.sample_size)} people answered. "
    if result.published:
        notes += f"Published {result.published.day} {result.published.strftime('%B')} {result.published.year}. "
    if result.note:
        notes += h(result.note) + " "
    if result.explanation:
        notes += "Why we missed the target: " + h(result.explanation)
    return (
        f'<tr><th scope="row">{period}</th><td>{value}</td><td>{promised}</td>'
        f"<td>{status_text(code)}</td><td>{notes}</td></tr>"
    )
