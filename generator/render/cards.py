"""The figure: one standard or measure shown the same way on every page that shows it.

A figure is the latest value, large; its period; the target in words; a status tag (a word with
an icon, never colour alone); the change since the result before and since the same period a
year before; and a link to every figure. It is plain HTML and CSS: it reads the same without
JavaScript, in print, in both palettes and right to left.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from generator.models import Measure
from generator.models.measure import Result
from generator.periods import Period
from generator.render import links, sentences
from generator.render.i18n import gettext as _
from generator.render.links import href
from generator.render.tables import figure_html
from generator.render.text import attribute as h
from generator.render.text import element
from generator.render.words import STATUS_WORDS, latest, long_date, period_label, status_of, status_text
from generator.standing import target_for

# A card's order among others: misses first, then what has no figure yet, then the rest.
ORDER = {"not-met": 0, "no-data": 1, "not-due": 2, "met": 3, "no-target": 4}


@dataclass(frozen=True)
class Figure:
    """What a card shows: a measure's latest result (or none) against a target."""

    measure: Measure
    result: Result | None
    status: str
    target: float | None
    comparison: str | None = None  # a charter standard's own 'at-least' or 'at-most'
    promised_in: str | None = None  # the charter's title, where cards of several charters mix
    period_promised: Period | None = None  # a standard's own period, for one not yet due


def of_measure(measure: Measure, as_of: date) -> Figure:
    """A measure's latest result against the target in force for it."""
    result = latest(measure)
    if result is None:
        return Figure(measure, None, "no-data", sentences.current_target(measure, as_of))
    return Figure(measure, result, status_of(measure, result), target_for(measure, result.period))


def of_standing(standing: object, promised_in: str | None = None) -> Figure:
    """A charter standard (`pages.StandardNow`) with the result that counts for it."""
    standard = standing.standard  # type: ignore[attr-defined]
    return Figure(
        standing.measure,  # type: ignore[attr-defined]
        standing.result,  # type: ignore[attr-defined]
        standing.status,  # type: ignore[attr-defined]
        standard.target,
        standard.comparison,
        promised_in,
        standard.period,
    )


def of_standings(standings: Iterable[object]) -> list[Figure]:
    return [of_standing(s) for s in standings]


def misses_first(figures: Iterable[Figure]) -> list[Figure]:
    """Misses first, then figures still to come, then the rest, each kind in its given order."""
    return sorted(figures, key=lambda f: ORDER.get(f.status, 5))


def tag(code: str) -> str:
    """The status as a tag: its word always, its icon from the stylesheet."""
    return status_text(code)


@dataclass(frozen=True)
class Said:
    """A figure's texts, before markup: what `docs/sentences.md` lists for each case."""

    status: str
    value: str | None
    period: str
    target: str
    changes: list[str]


def said(figure: Figure) -> Said:
    result = figure.result
    return Said(
        _(STATUS_WORDS[figure.status]),
        None if result is None else sentences.said(result.value, figure.measure),
        _missing(figure) if result is None else _when(result),
        _target(figure),
        _changes(figure),
    )


def card(figure: Figure, link: str | None = None, level: int = 3) -> str:
    """One figure as HTML. `link` is the measure page's address (none on the measure page
    itself); `level` the title's heading level, 0 for a paragraph (under a promise's own heading)."""
    measure, result, words = figure.measure, figure.result, said(figure)
    title = element(measure.title)
    if link is not None:
        title = f'<a href="{h(link)}">{title}</a>'
    single = " ck-card--single" if link is None else ""
    parts = [f'<div class="ck-card ck-card--{figure.status}{single}">']
    if level:
        parts.append(f'<h{level} class="ck-card__title">{title}</h{level}>')
    elif link is not None:
        parts.append(f'<p class="ck-card__title">{title}</p>')
    parts.append(f'<p class="ck-card__status">{tag(figure.status)}</p>')
    if result is not None:
        parts.append(f'<p class="ck-card__value">{figure_html(measure, result.value)}</p>')
    parts.append(f'<p class="ck-card__period">{element(words.period)}</p>')
    if words.target:
        parts.append(f'<p class="ck-card__target">{element(words.target)}</p>')
    if words.changes:
        items = "".join(f"<li>{element(s)}</li>" for s in words.changes)
        parts.append(f'<ul class="ck-card__changes">{items}</ul>')
    if figure.promised_in:
        charter = _("Charter: %(charter)s") % {"charter": figure.promised_in}
        parts.append(f'<p class="ck-card__from">{element(charter)}</p>')
    parts.append("</div>")
    return "".join(parts)


def grid(figures: Iterable[Figure], source: str, level: int = 3) -> str:
    """Cards side by side where there is room (Material's grid cards), one a list item, each
    linking to its measure's page relative to the page `source`."""
    items = "".join(f"<li>{card(f, href(source, links.measure(str(f.measure.id))), level)}</li>" for f in figures)
    return f'<div class="grid cards ck-cards"><ul>{items}</ul></div>'


def _when(result: Result) -> str:
    if result.year_to_date:
        return _("Year to date, to the end of %(period)s") % {"period": period_label(result.period)}
    return period_label(result.period)


def _missing(figure: Figure) -> str:
    if figure.status == "not-due" and figure.period_promised is not None:
        return _("Results for %(period)s will be published after the period ends.") % {
            "period": period_label(figure.period_promised)
        }
    if figure.measure.ended:
        return _("No results were published before reporting ended.")
    return _("No results have been published yet.")


def _target(figure: Figure) -> str:
    """The target in words; nothing for a measure whose reporting ended before any result."""
    if figure.measure.polarity is None:
        return _("No target: a context figure")
    if figure.result is None and figure.measure.ended:
        return ""
    if figure.target is None and figure.measure.targets and figure.result is not None:
        return _("No target for this period")
    if figure.target is None:
        return _("No target set")
    return _("Target: %(target)s") % {"target": sentences.bound(figure.measure, figure.target, figure.comparison)}


def _changes(figure: Figure) -> list[str]:
    measure, result = figure.measure, figure.result
    if result is None:
        return []
    said = []
    if measure.ended:
        said.append(_("Reporting ended on %(date)s.") % {"date": long_date(measure.ended.on)})
    before = sentences.previous_of(measure, result)
    if before is not None:
        said.append(sentences.change(measure, result, before))
    earlier = sentences.year_before(measure, result)
    if earlier is not None and earlier is not before:
        said.append(sentences.change(measure, result, earlier, a_year_before=True))
    if before is None and not said:
        said.append(_("First result"))
    return said
