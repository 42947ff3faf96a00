"""A status shows an icon beside its word, and assistive technology is given the word alone."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

ICON = "(el) => getComputedStyle(el, '::before').content"


@pytest.mark.parametrize(
    ("path", "word"),
    [
        ("performance/calls-answered-in-six-rings/", "Met"),  # a results table cell
        ("performance/", "Met"),  # the all-measures table
        ("assessments/cse-2014-fire-rescue/", "Met"),  # inline, in a list
        ("ur/standards/corporate/", "پورا ہوا"),  # right to left, in Urdu
    ],
)
def test_status_icon_is_shown_and_not_read(browser: Any, site_url: str, path: str, word: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + path)
    status = page.locator(".ck-tag--met").first
    assert status.inner_text() == word  # the text is the word alone
    assert "\u2714" in status.evaluate(ICON)  # the stylesheet draws the tick before it
    box = status.bounding_box()
    assert box is not None and box["width"] > 0
    # What a screen reader is given: the word, not the tick.
    tree = page.locator("article").aria_snapshot()
    assert word in tree
    assert "\u2714" not in tree
    page.close()
