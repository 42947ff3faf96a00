"""The pages' own script, in place of the theme's: no page loads the theme's bundle, under either
engine, and what the pages used of it still works: the colour scheme follows the device until the
resident chooses, the choice is kept from page to page, and back-to-top appears while scrolling up
and takes focus to the page's heading."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ENGINES, build_in
from tests.test_build import make_project

SCHEME = "document.body.getAttribute('data-md-color-scheme')"
SHOWN_TOGGLE = "document.querySelector('[data-md-component=palette] label:not([hidden])').title"


def test_no_page_loads_the_themes_script(engine_site: Path) -> None:
    pages = [p for p in engine_site.rglob("*.html") if "admin" not in p.relative_to(engine_site).parts]
    assert len(pages) > 100
    loading = [str(p) for p in pages if "javascripts/bundle." in p.read_text(encoding="utf-8")]
    assert loading == []
    scripts = [p for p in pages if 'assets/charterkit.js"' in p.read_text(encoding="utf-8")]
    assert len(scripts) == len(pages)  # the pages' own script instead


@pytest.mark.parametrize("engine", ENGINES)
def test_a_sites_own_page_template_is_kept_with_the_themes_script(tmp_path: Path, engine: str) -> None:
    project = make_project(tmp_path)
    own = project / "theme"
    own.mkdir()
    (own / "main.html").write_text(
        '{% extends "base.html" %}{% block announce %}Our own banner{% endblock %}', encoding="utf-8"
    )
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  name: material\n", "  name: material\n  custom_dir: theme\n")
    )
    page = (build_in(project, engine) / "index.html").read_text(encoding="utf-8")
    assert "Our own banner" in page  # the site's template, not charterkit's
    assert "javascripts/bundle." in page  # and so the theme's script, which does the scheme and top
    assert 'class="ck-search' in page and "assets/charterkit.js" in page  # charterkit's partials still


@pytest.mark.browser
@pytest.mark.parametrize("device", ["light", "dark"])
def test_the_scheme_follows_the_device_until_chosen_then_stays(browser: Any, engine_url: str, device: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=device)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(engine_url)
    device_scheme, other = ("slate", "default") if device == "dark" else ("default", "slate")
    assert page.evaluate(SCHEME) == device_scheme
    assert page.evaluate(SHOWN_TOGGLE) == ("Switch to light mode" if device == "dark" else "Switch to dark mode")
    page.click("[data-md-component=palette] label:not([hidden])")
    page.wait_for_function(f"{SCHEME} === '{other}'")
    page.goto(engine_url + "standards/")  # another page: the choice is kept
    assert page.evaluate(SCHEME) == other
    page.emulate_media(color_scheme="dark" if device == "light" else "light")
    page.emulate_media(color_scheme=device)  # the device changes back: a chosen scheme stays
    page.wait_for_timeout(200)
    assert page.evaluate(SCHEME) == other
    assert errors == []
    context.close()


@pytest.mark.browser
def test_back_to_top_shows_while_scrolling_up_and_moves_focus_to_the_heading(browser: Any, engine_url: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 700})
    page = context.new_page()
    page.goto(engine_url + "performance/")
    top = page.locator("[data-md-component=top]")
    assert top.get_attribute("tabindex") == "-1" and page.evaluate("document.querySelector('.md-top').hidden")
    page.mouse.move(180, 400)
    page.mouse.wheel(0, 5000)
    page.wait_for_function("scrollY > 2 * innerHeight")  # the table is two screens and more
    assert page.evaluate("document.querySelector('.md-top').hidden")  # going down: out of the way
    page.mouse.wheel(0, -200)
    page.wait_for_function("!document.querySelector('.md-top').hidden")
    assert top.get_attribute("tabindex") is None
    top.click()
    page.wait_for_function("scrollY === 0")
    assert page.evaluate("document.activeElement.tagName") == "H1"
    assert page.evaluate("document.querySelector('.md-top').hidden")
    context.close()
