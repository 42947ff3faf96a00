"""Without JavaScript every page still works; at 320 px only wide tables scroll, each in its own region."""

from __future__ import annotations

from typing import Any

import pytest

from tests.test_accessibility import PAGES

pytestmark = pytest.mark.browser

OVERFLOW = """() => {
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const s = getComputedStyle(el);
    const shown = s.visibility !== 'hidden' && el.getClientRects().length > 0;
    if (shown && (s.overflowX === 'auto' || s.overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1) {
      wide.push({cls: el.className.toString(), role: el.getAttribute('role'), label: el.getAttribute('aria-labelledby'),
                 tabindex: el.getAttribute('tabindex')});
    }
  }
  return {page: document.documentElement.scrollWidth, view: window.innerWidth, wide: wide};
}"""


def test_reflow_at_320_px(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    problems = []
    tables = 0
    for path in PAGES:
        page.goto(site_url + path)
        found = page.evaluate(OVERFLOW)
        if found["page"] > found["view"]:
            problems.append(f"{path or '/'}: the page scrolls sideways ({found['page']} px wide)")
        for region in found["wide"]:
            tables += 1
            if (
                "ck-table" not in region["cls"]
                or region["role"] != "region"
                or not region["label"]
                or region["tabindex"] != "0"
            ):
                problems.append(
                    f"{path or '/'}: a scrolling box that is not a labelled, focusable table region: {region}"
                )
    context.close()
    assert problems == []
    assert tables > 0  # the check saw real wide tables at this width


def test_pages_work_without_javascript(browser: Any, engine_url: str) -> None:
    site_url = engine_url
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    for path in PAGES:
        page.goto(site_url + path)
        assert page.locator("h1").count() == 1, path
        assert page.locator("h1").is_visible(), path
        assert page.locator(".md-sidebar--primary a.md-nav__link[href]").first.is_visible(), path
    page.goto(site_url + "performance/calls-answered-in-six-rings/")
    assert page.locator("svg.ck-chart").is_visible()
    assert page.locator(".ck-chart__title").is_visible()
    assert page.locator(".ck-card .ck-tag", has_text="Met").is_visible()  # the figure, without scripts
    assert page.locator("table caption", has_text="Every result for").is_visible()

    # The home page's figures, in their grid, each with its tag and value.
    page.goto(site_url)
    cards = page.locator(".ck-cards .ck-card")
    assert cards.count() >= 6
    for i in range(cards.count()):
        assert cards.nth(i).locator(".ck-tag").is_visible()
    assert page.locator(".ck-cards .ck-card__value").first.is_visible()

    # A route to everything that does not need search: the A to Z index, from the navigation.
    page.goto(site_url)
    page.get_by_role("link", name="A to Z").first.click()
    page.wait_for_url("**/a-z/")
    page.get_by_role("link", name="Telephone calls answered within six rings").click()
    page.wait_for_url("**/performance/calls-answered-in-six-rings/")
    context.close()


def test_mobile_menu_opens_without_javascript(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url)
    nav = page.locator(".md-sidebar--primary a.md-nav__link[href]", has_text="Our standards")
    assert not nav.is_visible()
    page.locator('label.md-header__button[for="__drawer"]').click()
    nav.wait_for(state="visible")
    nav.click()
    page.wait_for_url("**/standards/")
    context.close()
