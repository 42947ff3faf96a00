"""WCAG 2.2 AA in a real browser: axe-core on every page kind, light and dark, wide and narrow."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser import audit

pytestmark = pytest.mark.browser

PAGES = [
    "",
    "standards/",
    "standards/corporate/",
    "performance/",
    "performance/calls-answered-in-six-rings/",
    "frameworks/",
    "frameworks/cse/",
    "frameworks/cse/4/",
    "frameworks/audit-scotland-cf/3/",
    "assessments/",
    "assessments/cse-2013-resources/",
    "improvement/",
    "benchmarks/mori-1998/",
    "updates/",
    "updates/2026-07-08-our-complaints-procedure-has-changed/",
    "data/",
    "contact/",
    "accessibility/",
    "a-z/",
    "standards/corporate/large-print/",
    "cy/standards/corporate/",
    "ur/",
    "ur/standards/corporate/",
    "ur/performance/calls-answered-in-six-rings/",
    "ur/contact/",
]
PALETTES = ["light", "dark"]
WIDTHS = [1280, 320]

RESULTS: dict[str, int] = {}


def describe(violations: list[dict[str, Any]]) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(str(n['target']) for n in v['nodes'][:3])}"
        for v in violations
    ]


@pytest.mark.parametrize("palette", PALETTES)
@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_violations(browser: Any, site_url: str, palette: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=palette)
    page = context.new_page()
    found: dict[str, list[str]] = {}
    for path in PAGES:
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == (
            "slate" if palette == "dark" else "default"
        )
        problems = describe(audit(page))
        if problems:
            found[path or "/"] = problems
        RESULTS[f"{path}|{palette}|{width}"] = len(problems)
    context.close()
    assert found == {}


def test_statement_reports_what_this_suite_audits(browser: Any, site_url: str) -> None:
    """The example statement's scope is the audit above: same number of combinations, same axe-core."""
    import re

    from tests.browser import axe_source

    page = browser.new_page()
    page.goto(site_url + "accessibility/")
    text = page.locator("article").inner_text()
    page.close()
    assert f"{len(PAGES)} pages" in text
    assert f"{len(PAGES) * len(PALETTES) * len(WIDTHS)} combinations" in text
    version = re.search(r"axe v(\d+\.\d+)", axe_source()[:200])
    assert version and f"axe-core {version[1]}" in text
    assert "No violations found" in text
