"""A keyboard-only journey, wide and narrow: home → a charter → a measure's table → complaints.

Every Tab stop on the way must show a focus ring, inside the viewport and not under the sticky
header. Only Tab, Shift+Tab, Enter (and Escape to close the menu) are used.
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const target = el.matches('input.md-option') ? (el.nextElementSibling || el) : el;
  const r = target.getBoundingClientRect();
  const s = getComputedStyle(target);
  const left = Math.max(r.left, 0), right = Math.min(r.right, innerWidth);
  const top = Math.max(r.top, 0), bottom = Math.min(r.bottom, innerHeight);
  const hit = document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
  return {
    tag: el.tagName, text: (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 100),
    href: el.getAttribute('href') || '', labelledby: el.getAttribute('aria-labelledby') || '',
    label: el.getAttribute('aria-label') || '',
    inside: right > left && bottom > top,
    ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
    shown: s.visibility !== 'hidden' && r.width > 0 && r.height > 0,
    clear: !!hit && (target.contains(hit) || hit.contains(target)),
  };
}"""

STOPS: list[str] = []


def check_stop(page: Any) -> dict[str, Any]:
    focus = page.evaluate(FOCUS)
    assert focus is not None, "focus left the page"
    where = f"{page.url} {focus['tag']} '{focus['text'][:40]}'"
    assert focus["shown"], f"focused but not visible: {where}"
    assert focus["inside"], f"focused outside the viewport: {where}"
    assert focus["ring"], f"no visible focus indicator: {where}"
    assert focus["clear"], f"focused element covered by something else: {where}"
    STOPS.append(where)
    return dict(focus)


def tab_to(page: Any, wanted: Any, key: str = "Tab", limit: int = 250) -> dict[str, Any]:
    for _ in range(limit):
        page.keyboard.press(key)
        focus = check_stop(page)
        if wanted(focus):
            return focus
    raise AssertionError(f"{limit} presses of {key} on {page.url} never reached the target")


@pytest.mark.parametrize("width", [1280, 375])
def test_keyboard_journey(browser: Any, site_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site_url)

    # The skip link is the first stop and moves to the content.
    first = tab_to(page, lambda f: True)
    assert first["text"] == "Skip to content"
    page.keyboard.press("Enter")
    assert page.url.endswith("#our-service-standards")  # the h1, with the same id in every language
    # the next stop is in the content: the first figure, a missed standard's
    assert tab_to(page, lambda f: True)["text"] == "Letters and emails answered within ten working days"
    page.goto(site_url)

    # Navigation: the menu button on a phone, the sidebar on a wide screen.
    if width < 1220:
        tab_to(page, lambda f: f["label"] == "Navigation")
        page.keyboard.press("Enter")
        assert page.evaluate("document.getElementById('__drawer').checked")
        page.wait_for_function("document.activeElement.closest('.md-sidebar--primary') !== null", timeout=5000)
        check_stop(page)  # focus moved into the menu, visibly
        # the drawer slides in; wait until it is fully on screen
        page.wait_for_function("document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")
    tab_to(page, lambda f: f["text"] == "Our standards")
    page.keyboard.press("Enter")
    page.wait_for_url("**/standards/")

    tab_to(page, lambda f: f["text"] == "Our customer charter" and not f["href"].startswith("#"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/standards/corporate/")

    tab_to(page, lambda f: f["text"] == "Letters and emails answered within ten working days")  # its figure
    page.keyboard.press("Enter")
    page.wait_for_url("**/performance/letters-answered-in-10-days/")

    # The data table is a focusable, labelled region; Shift+Tab leaves it and Tab comes back.
    table = tab_to(page, lambda f: f["labelledby"].startswith("results-"))
    tab_to(page, lambda f: f != table, key="Shift+Tab")
    assert tab_to(page, lambda f: f["labelledby"].startswith("results-"))["labelledby"] == table["labelledby"]

    tab_to(page, lambda f: f["text"].startswith("Our customer charter:"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/standards/corporate/")

    tab_to(page, lambda f: f["href"] == "#if-you-are-not-happy-complaints")
    page.keyboard.press("Enter")
    assert page.url.endswith("#if-you-are-not-happy-complaints")
    heading = page.locator("#if-you-are-not-happy-complaints")
    box = heading.bounding_box()
    assert box is not None and 0 <= box["y"] < 800
    context.close()


def test_palette_toggle_works_from_the_keyboard(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="light")
    page = context.new_page()
    page.goto(site_url)
    tab_to(page, lambda f: f["label"] == "Switch to dark mode")
    page.keyboard.press("Enter")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    if page.evaluate(FOCUS)["label"] != "Switch to light mode":
        tab_to(page, lambda f: f["label"] == "Switch to light mode", limit=5)
    page.keyboard.press("Enter")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")
    context.close()
