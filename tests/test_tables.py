"""Tables read as tables of figures, in a real browser: figures end-aligned in digits of one
width, with their headings aligned the same way, and words at the start."""

from __future__ import annotations

from typing import Any

import pytest

PAGES = [
    "performance/",
    "performance/letters-answered-in-10-days/",
    "performance/average-wait-to-answer-calls/",
    "ur/performance/letters-answered-in-10-days/",
    "benchmarks/mori-1998/",
]

CELLS = """() => [...document.querySelectorAll('.ck-table[class*="ck-num-"]')].flatMap(box => {
  const table = box.querySelector('table');
  const numeric = [...box.classList].filter(c => c.startsWith('ck-num-')).map(c => Number(c.slice(7)));
  return [...table.rows].flatMap(row => [...row.cells].map((cell, i) => {
    const style = getComputedStyle(cell);
    return {column: i + 1, numeric: numeric.includes(i + 1),
            head: row.parentElement.tagName === 'THEAD', align: style.textAlign,
            digits: style.fontVariantNumeric, text: cell.innerText};
  }));
})"""


@pytest.mark.parametrize("path", PAGES)
def test_figures_are_end_aligned_in_even_digits(browser: Any, site_url: str, path: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + path)
    cells = page.evaluate(CELLS)
    page.close()
    numeric = [c for c in cells if c["numeric"]]
    assert len(numeric) >= 4, path
    end, start = ("left", "right") if path.startswith("ur/") else ("right", "left")
    for cell in numeric:
        assert cell["align"] in ("end", end), cell
        assert "tabular-nums" in cell["digits"], cell
    for cell in cells:
        if not cell["numeric"] and not cell["head"]:
            assert cell["align"] in ("start", start), cell  # words stay at the start
