"""Static SVG line charts drawn at build time: no JavaScript, themed by CSS, with a text alternative.

A chart library was weighed against this: matplotlib takes about half a second to import and
tens of milliseconds a chart, which at national scale (thousands of measures) would make the
generator the slow part of the build. A line of results against a stepped target needs a few
dozen lines of SVG, so it is drawn directly.
"""

from __future__ import annotations

import math
from html import escape

from generator.models import Measure
from generator.render.sentences import headline
from generator.render.words import figure
from generator.standing import target_for
from generator.today import as_of

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 40


def line_chart(measure: Measure, chart_id: str) -> str:
    """An inline SVG of every result, with the target as a dashed line where one is set."""
    # One line of like figures: each period's own, or year-to-date figures where those are all there is.
    own = [r for r in measure.results if not r.year_to_date]
    results = sorted(own or measure.results, key=lambda r: r.period)
    summary = headline(measure, results[-1] if results else None, as_of())
    if not results:
        return ""
    targets = [target_for(measure, r.period) for r in results]
    values = [r.value for r in results] + [t for t in targets if t is not None]
    low, high = _range(values, measure.unit)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(results) - 1, 1)

    def x(i: int) -> float:
        return round(LEFT + (i * step if len(results) > 1 else plot_w / 2), 1)

    def y(v: float) -> float:
        return round(TOP + plot_h - (v - low) / (high - low) * plot_h, 1)

    parts = [
        f'<svg class="ck-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{chart_id}-title" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(measure.title)}. {escape(summary)}</title>',
    ]
    for tick in _ticks(low, high, measure.unit):
        parts.append(
            f'<line class="ck-grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick)}" y2="{y(tick)}"/>'
            f'<text class="ck-axis" x="{LEFT - 6}" y="{y(tick) + 4}" text-anchor="end">'
            f"{escape(figure(tick, measure.unit))}</text>"
        )
    every = max(1, -(-len(results) // 6))
    last = len(results) - 1
    for i, result in enumerate(results):
        # every n-th period, and the last one, which is drawn ending at its point so it is not cut off;
        # period labels are written left to right, so a right-to-left page does not flip their anchor
        if i == last or (i % every == 0 and last - i >= every):
            anchor = "end" if i == last and last > 0 else "middle"
            parts.append(
                f'<text class="ck-axis" x="{x(i)}" y="{HEIGHT - BOTTOM + 18}" text-anchor="{anchor}" direction="ltr">'
                f"{escape(result.period.short)}</text>"
            )
    target_points = [f"{x(i)},{y(t)}" for i, t in enumerate(targets) if t is not None]
    if target_points:
        parts.append(f'<polyline class="ck-target" points="{" ".join(target_points)}"/>')
    points = " ".join(f"{x(i)},{y(r.value)}" for i, r in enumerate(results))
    parts.append(f'<polyline class="ck-line" points="{points}"/>')
    for i, result in enumerate(results):
        parts.append(f'<circle class="ck-point" cx="{x(i)}" cy="{y(result.value)}" r="3.5"/>')
    parts.append("</svg>")
    return "".join(parts)


def _range(values: list[float], unit: str) -> tuple[float, float]:
    low, high = min(values), max(values)
    pad = (high - low) * 0.15 or max(abs(high) * 0.1, 1)
    low, high = low - pad, high + pad
    if unit == "percentage":
        low, high = max(low, 0), min(high, 100)
    if min(values) >= 0:
        low = max(low, 0)
    # Near the largest figures a float cannot tell `low + 1` from `low`: widen by its own precision.
    if high - low < 1e-6 * max(abs(low), abs(high), 1):
        high = low + max(1.0, 1e-6 * abs(low))
    return low, high


MAX_TICKS = 12


def _ticks(low: float, high: float, unit: str = "") -> list[float]:
    """Round values for the axis, counted out rather than added up, so their number is bounded
    whatever the figures (adding a step too small for the float at 10^18 would never end)."""
    span = high - low
    if not (math.isfinite(span) and span > 0):
        return []
    raw = span / 4
    magnitude = 10 ** (len(str(int(raw))) - 1) if raw >= 1 else 0.1
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if unit == "duration" and raw >= 20:  # whole minutes and seconds people read: 30 s, 1 min, 5 min
        step = next((m for m in (30, 60, 120, 300, 600, 900, 1800, 3600) if m >= raw), 3600 * math.ceil(raw / 3600))
    first = (low // step + 1) * step
    count = min(MAX_TICKS, max(0, math.ceil((high - first) / step)))
    ticks = [round(first + index * step, 6) for index in range(count)]
    return sorted({tick for tick in ticks if low < tick < high})
