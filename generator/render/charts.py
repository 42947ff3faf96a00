"""Static SVG line charts drawn at build time: no JavaScript, themed by CSS, with a text alternative.

A chart library was weighed against this: matplotlib takes about half a second to import and
tens of milliseconds a chart, which at national scale (thousands of measures) would make the
generator the slow part of the build. A line of results against a stepped target needs a few
dozen lines of SVG, so it is drawn directly.

The chart fills the content's width at any screen size and its text keeps its size: heights are
in pixels and positions across in per cent of the width (which SVG allows for lines, circles
and text, though not for polylines, so the lines are drawn segment by segment). The axis labels
sit inside the plot, above their grid lines, with a halo of the background colour, so nothing
needs a margin that a narrow screen cannot spare, and no label can run outside the picture.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from html import escape

from generator.models import Measure
from generator.models.measure import Result
from generator.render.i18n import gettext as _
from generator.render.sentences import chart_subtitle, chart_title, headline
from generator.render.words import figure, period_short
from generator.render.words import latest as latest_of
from generator.standing import target_for
from generator.today import as_of

HEIGHT = 280
TOP, BOTTOM = 24, 36  # room above the highest grid line's label, and for the periods below
EDGE = 3.0  # per cent of the width kept clear at each side, so the end points are whole
MAX_TICKS = 12
Across = Callable[[float], str]  # a point's position across, in per cent of the width
Down = Callable[[float], float]  # a value's height, in pixels from the top


def chart_results(measure: Measure) -> list[Result]:
    """One line of like figures: each period's own, or year-to-date figures where those are all there is."""
    own = [r for r in measure.results if not r.year_to_date]
    return sorted(own or measure.results, key=lambda r: r.period)


def chart_figure(measure: Measure, chart_id: str) -> str:
    """The chart with its headline title and statistical subtitle above it and a note below."""
    results = chart_results(measure)
    if not results:
        return ""
    note = headline(measure, latest_of(measure), as_of()) + " " + _("The table below gives every figure.")
    return (
        f'<figure class="ck-figure"><figcaption class="ck-chart__caption">'
        f'<span class="ck-chart__title">{escape(chart_title(measure, results))}</span> '
        f'<span class="ck-chart__subtitle">{escape(chart_subtitle(measure, results))}</span></figcaption>'
        f"{line_chart(measure, chart_id)}"
        f'<p class="ck-chart__note">{escape(note)}</p></figure>'
    )


def line_chart(measure: Measure, chart_id: str) -> str:
    """An inline SVG of every result, with the target as a dashed line, stepped where it changed."""
    results = chart_results(measure)
    if not results:
        return ""
    summary = headline(measure, results[-1], as_of())
    targets = [target_for(measure, r.period) for r in results]
    ticks = _ticks(
        *_range([r.value for r in results] + [t for t in targets if t is not None], measure.unit), measure.unit
    )
    low, high = ticks[0], ticks[-1]
    plot = HEIGHT - TOP - BOTTOM
    count = len(results)

    def x(i: float) -> str:
        share = 50.0 if count == 1 else EDGE + i * (100 - 2 * EDGE) / (count - 1)
        return f"{max(0.0, min(100.0, share)):.2f}%"

    def y(v: float) -> float:
        return round(TOP + plot - (v - low) / (high - low) * plot, 1)

    parts = [
        # drawn left to right, time running forward, on right-to-left pages too
        f'<svg class="ck-chart" width="100%" height="{HEIGHT}" direction="ltr" role="img" '
        f'aria-labelledby="{chart_id}-title" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(measure.title)}. {escape(summary)}</title>',
    ]
    for tick in ticks:
        parts.append(
            f'<line class="ck-grid" x1="0" x2="100%" y1="{y(tick)}" y2="{y(tick)}"/>'
            f'<text class="ck-axis ck-label ck-ytick" x="0" y="{y(tick) - 5}">'
            f"{escape(figure(tick, measure.unit))}</text>"
        )
    parts += _period_labels(results, x)
    parts += _target_steps(targets, x, y)
    for i in range(1, count):
        a, b = results[i - 1], results[i]
        parts.append(f'<line class="ck-line" x1="{x(i - 1)}" y1="{y(a.value)}" x2="{x(i)}" y2="{y(b.value)}"/>')
    for i, result in enumerate(results):
        parts.append(f'<circle class="ck-point" cx="{x(i)}" cy="{y(result.value)}" r="4"/>')
    parts += _labels(measure, results, targets, x, y)
    parts.append("</svg>")
    return "".join(parts)


def _period_labels(results: list[Result], x: Across) -> list[str]:
    """Up to six periods named below the plot: the first, the last and evenly between; on a
    narrow screen the stylesheet keeps only the first, the middle one and the last."""
    count = len(results)
    if count == 1:
        picked = [0]
    else:
        wanted = min(count, 6)
        picked = sorted({round(k * (count - 1) / (wanted - 1)) for k in range(wanted)})
    middle = picked[len(picked) // 2]
    out = []
    for i in picked:
        anchor = "start" if i == 0 and count > 1 else "end" if i == count - 1 and count > 1 else "middle"
        extra = "" if i in (picked[0], picked[-1], middle) else " ck-extra"
        # written left to right, so a right-to-left page does not flip their anchor
        at = {"start": "0", "end": "100%"}.get(anchor, x(i))
        out.append(
            f'<text class="ck-axis{extra}" x="{at}" y="{HEIGHT - 10}" text-anchor="{anchor}" direction="ltr">'
            f"{escape(period_short(results[i].period))}</text>"
        )
    return out


def _target_steps(targets: list[float | None], x: Across, y: Down) -> list[str]:
    """The target as steps: level across each run of periods with one target, rising or falling
    half-way between two periods where it changed."""
    out = []
    count = len(targets)
    for i, target in enumerate(targets):
        if target is None:
            continue
        left = x(max(i - 0.5, 0)) if count > 1 else "0"
        right = x(min(i + 0.5, count - 1)) if count > 1 else "100%"
        out.append(f'<line class="ck-target" x1="{left}" x2="{right}" y1="{y(target)}" y2="{y(target)}"/>')
        before = targets[i - 1] if i else None
        if before is not None and before != target:
            out.append(f'<line class="ck-target" x1="{left}" x2="{left}" y1="{y(before)}" y2="{y(target)}"/>')
    return out


def _labels(measure: Measure, results: list[Result], targets: list[float | None], x: Across, y: Down) -> list[str]:
    """The latest point's value beside it, and the latest target's value on its line, each on
    the side away from the other so the two never overlap."""
    last, target = results[-1], targets[-1]
    point_y = y(last.value)
    out = []
    anchor = "end" if len(results) > 1 else "middle"
    if target is None:
        below = point_y < TOP + 20
    else:
        line_y = y(target)
        below = last.value < target if line_y != point_y else point_y < TOP + 20
        label = escape(_("Target: %(target)s") % {"target": figure(target, measure.unit, measure.decimals)})
        target_y = line_y + 16 if not below else line_y - 6
        out.append(
            f'<text class="ck-axis ck-label ck-target-label" x="100%" y="{target_y}" text-anchor="end">{label}</text>'
        )
    shown = escape(figure(last.value, measure.unit, measure.decimals))
    value_y = point_y + 22 if below else point_y - 10
    at = x(len(results) - 1)
    out.append(f'<text class="ck-value ck-label" x="{at}" y="{value_y}" text-anchor="{anchor}">{shown}</text>')
    return out


def _range(values: list[float], unit: str) -> tuple[float, float]:
    low, high = min(values), max(values)
    pad = (high - low) * 0.1 or max(abs(high) * 0.1, 1)
    low, high = low - pad, high + pad
    if unit == "percentage":
        low, high = max(low, 0), min(high, 100)
    if min(values) >= 0:
        low = max(low, 0)
    # Near the largest figures a float cannot tell `low + 1` from `low`: widen by its own precision.
    if high - low < 1e-6 * max(abs(low), abs(high), 1):
        high = low + max(1.0, 1e-6 * abs(low))
    return low, high


_DURATION_STEPS = (1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 18000, 36000, 86400)


def _ticks(low: float, high: float, unit: str = "") -> list[float]:
    """Four to six round values that span the figures, counted out rather than added up, so
    their number is bounded whatever the figures (adding a step too small for the float at
    10^18 would never end). Durations step in seconds and minutes people read."""
    span = high - low
    if not (math.isfinite(span) and span > 0):
        return [low, low + 1] if math.isfinite(low) else [0.0, 1.0]
    for step in _steps(span, unit):
        first = math.floor(low / step) * step
        last = math.ceil(high / step) * step
        count = round((last - first) / step) + 1
        if count <= 6:
            while count < 4:  # widen upward, or downward where a percentage reaches 100
                if unit == "percentage" and last + step > 100 and first - step >= 0:
                    first -= step
                else:
                    last += step
                count += 1
            ticks = sorted({round(first + k * step, 9) for k in range(min(count, MAX_TICKS))})
            if len(ticks) >= 2:
                return ticks
    return [low, high]


def _steps(span: float, unit: str) -> list[float]:
    """Candidate steps from small to large, about a sixth of the span and up."""
    raw = span / 6
    if unit == "duration" and raw >= 1:
        bigger = [s for s in _DURATION_STEPS if s >= raw]
        return [float(s) for s in bigger] or [3600.0 * math.ceil(raw / 3600)]
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1.0
    return [m * magnitude for m in (1, 2, 2.5, 5, 10, 20, 25, 50, 100)]


def sparkline(measure: Measure) -> str:
    """A small line of the latest results for a table row, hidden from screen readers: the
    figure and its trend are in words beside it."""
    results = chart_results(measure)[-8:]
    if len(results) < 2:
        return ""
    values = [r.value for r in results]
    low, high = min(values), max(values)
    spread = (high - low) or 1.0
    points = " ".join(
        f"{round(2 + i * 56 / (len(values) - 1), 1)},{round(18 - (v - low) / spread * 16, 1)}"
        for i, v in enumerate(values)
    )
    return (
        '<svg class="ck-spark" viewBox="0 0 60 20" width="60" height="20" aria-hidden="true" focusable="false">'
        f'<polyline points="{points}"/></svg>'
    )
