"""Figures residents read at a glance, checked in a real browser on the home page and every
measure page, in both palettes: charts whose text stays inside them and whose axis has at least
four labels, status tags with their word and enough contrast, and lines that stand out."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import DATA
from tests.test_tables import CELLS

pytestmark = pytest.mark.browser

MEASURES = sorted(p.stem for p in (DATA / "measures").glob("*.yml"))
PAGES = ["", "standards/", "standards/corporate/", "performance/"] + [f"performance/{m}/" for m in MEASURES]
RIGHT_TO_LEFT = ["ur/", "ur/performance/letters-answered-in-10-days/", "ur/performance/average-wait-to-answer-calls/"]
WORDS = {"Met", "Not met", "No target", "No data", "Not yet due"}


def words_in(code: str) -> set[str]:
    from generator.render import i18n
    from generator.render.words import STATUS_WORDS

    with i18n.speaking(code):
        return {i18n.gettext(word) for word in STATUS_WORDS.values()}


# Relative luminance and contrast as WCAG defines them, of colours as the browser computes them.
CONTRAST = """(pair) => {
  const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const linear = v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  const lum = c => { const [r, g, b] = rgb(c).map(v => linear(v / 255)); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const [a, b] = pair.map(lum).sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""

CHARTS = """() => [...document.querySelectorAll('svg.ck-chart')].map(svg => {
  const box = svg.getBoundingClientRect();
  const texts = [...svg.querySelectorAll('text')].filter(t => getComputedStyle(t).display !== 'none');
  const outside = texts.map(t => [t.textContent, t.getBoundingClientRect()]).filter(([_, r]) =>
    r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5
  ).map(([text, r]) => `${text} at x ${Math.round(r.left)}..${Math.round(r.right)}`);
  const stroke = sel => { const el = svg.querySelector(sel); return el ? getComputedStyle(el).stroke : null; };
  return {outside, yLabels: svg.querySelectorAll('.ck-ytick').length, line: stroke('.ck-line'),
          target: stroke('.ck-target'), labels: texts.map(t => t.textContent)};
})"""

TAGS = """() => [...document.querySelectorAll('.ck-tag')].map(tag => {
  const style = getComputedStyle(tag);
  return {word: tag.textContent.trim(), color: style.color, background: style.backgroundColor};
})"""


@pytest.mark.parametrize("palette", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 375])
def test_charts_and_tags_read_at_a_glance(browser: Any, site_url: str, palette: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=palette)
    page = context.new_page()
    charts_seen = tags_seen = 0
    urdu = words_in("ur")
    assert urdu.isdisjoint(WORDS)
    for path in PAGES + RIGHT_TO_LEFT:
        page.goto(site_url + path)
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        for chart in page.evaluate(CHARTS):
            charts_seen += 1
            assert chart["outside"] == [], path
            assert chart["yLabels"] >= 4, (path, chart["labels"])
            contrast = page.evaluate(CONTRAST, [chart["line"], background])
            assert contrast >= 3, (path, "line", chart["line"], background, contrast)
            if chart["target"]:
                contrast = page.evaluate(CONTRAST, [chart["target"], background])
                assert contrast >= 3, (path, "target", chart["target"], background, contrast)
        for tag in page.evaluate(TAGS):
            tags_seen += 1
            assert tag["word"] in (urdu if path.startswith("ur/") else WORDS), (path, tag)
            contrast = page.evaluate(CONTRAST, [tag["color"], tag["background"]])
            assert contrast >= 4.5, (path, tag, contrast)
    context.close()
    assert charts_seen == len(MEASURES) + 2  # every example measure has results, so every page a chart
    assert tags_seen > 3 * len(MEASURES)


def test_every_measure_page_aligns_figures_and_keeps_periods_whole(browser: Any, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    for path in PAGES[3:]:
        page.goto(site_url + path)
        numeric = [c for c in page.evaluate(CELLS) if c["numeric"]]
        assert numeric, path
        assert all(c["align"] in ("end", "right") for c in numeric), path
        wrapped = page.evaluate(
            "() => [...document.querySelectorAll('.ck-line-of')].filter(s => s.getClientRects().length > 1"
            " || s.getBoundingClientRect().height > 2 * parseFloat(getComputedStyle(s).lineHeight))"
            ".map(s => s.textContent)"
        )
        assert wrapped == [], path
    page.close()


def test_the_home_page_answers_with_figures_misses_first(browser: Any, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url)
    groups = page.evaluate(
        "() => [...document.querySelectorAll('.ck-cards')]"
        ".map(g => [...g.querySelectorAll('.ck-tag')].map(t => t.textContent.trim()))"
    )
    page.close()
    order = {"Not met": 0, "No data": 1, "Not yet due": 2, "Met": 3, "No target": 4}
    assert len(groups) >= 3
    for tags in groups:
        assert [order[t] for t in tags] == sorted(order[t] for t in tags), tags  # misses first in each group
    firsts = [order[tags[0]] for tags in groups]
    assert firsts == sorted(firsts)  # and groups with a miss before the others
    assert groups[0][0] == "Not met"
