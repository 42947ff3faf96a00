"""Search costs nothing until it is used: Pagefind's index, per language, behind a header button.

Checked on the site built by each engine (MkDocs and Zensical): a page's load fetches nothing
for search; a query in each language finds that language's pages only and says how many it
found in a live region; the journey by keyboard; axe-core with the results open; and without
JavaScript the header links the A to Z index instead.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator import search
from tests.browser import audit
from tests.conftest import CORPUS
from tests.test_accessibility import describe
from tests.test_build import make_project
from tests.test_keyboard import check_stop, tab_to

QUERIES = [("", "complaints", "matching documents"), ("cy/", "cwynion", "dogfennau"), ("ur/", "شکایات", "دستاویزات")]


def is_search(url: str) -> bool:
    return "/pagefind/" in url or url.endswith("search.css") or "search_index" in url


def open_search(page: Any, query: str) -> str:
    page.click(".ck-search__open")
    page.fill("#ck-search-input", query)
    page.wait_for_function("document.querySelectorAll('.ck-search__results a').length > 0", timeout=15000)
    return str(page.inner_text("#ck-search-status"))


def test_the_index_is_written_per_language_and_the_theme_search_is_gone(engine_site: Path) -> None:
    entry = json.loads((engine_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    counts = {code: info["page_count"] for code, info in entry["languages"].items()}
    pages = {
        # the editor's page at /admin/ is not the site's: it is never indexed
        code: [p for p in engine_site.rglob("index.html") if not {"pagefind", "admin"} & set(p.parts)]
        for code in ("en", "cy", "ur")
    }
    by_language = {
        "cy": len([p for p in pages["cy"] if p.relative_to(engine_site).parts[0] == "cy"]),
        "ur": len([p for p in pages["ur"] if p.relative_to(engine_site).parts[0] == "ur"]),
    }
    by_language["en"] = len(pages["en"]) - by_language["cy"] - by_language["ur"]
    assert counts == by_language  # every page, each in its own language's index
    assert list(entry["languages"]) == sorted(entry["languages"])  # the same bytes in every build
    assert not (engine_site / "search").exists() and not (engine_site / "search.json").exists()
    assert not list((engine_site / "pagefind").glob("pagefind-ui.*"))  # Pagefind's unused interfaces


def test_the_list_of_languages_is_written_in_one_order(tmp_path: Path) -> None:
    """Pagefind lists languages as its threads finish; charterkit writes them in one order."""
    entry = tmp_path / "pagefind-entry.json"
    languages = {code: {"hash": f"{code}_0", "wasm": None, "page_count": 1} for code in ("ur", "en", "cy")}
    entry.write_text(json.dumps({"version": "1", "languages": languages}), encoding="utf-8")
    search.steady_entry(entry)
    written = json.loads(entry.read_text(encoding="utf-8"))
    assert list(written["languages"]) == ["cy", "en", "ur"]
    assert written["languages"]["ur"] == languages["ur"] and written["version"] == "1"


@pytest.mark.browser
@pytest.mark.parametrize(("prefix", "query", "word"), QUERIES)
def test_nothing_is_fetched_until_search_is_used_then_one_language_is_searched(
    browser: Any, engine_url: str, prefix: str, query: str, word: str
) -> None:
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(engine_url + prefix + "standards/corporate/", wait_until="networkidle")
    assert [url for url in requests if is_search(url)] == []
    assert all(url.startswith(engine_url) for url in requests)  # no third-party requests

    status = open_search(page, query)
    assert word in status and page.get_attribute("#ck-search-status", "role") == "status"
    assert page.get_attribute("#ck-search-status", "aria-live") == "polite"
    assert int(status.split()[0].translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))) > 0
    links = page.eval_on_selector_all(".ck-search__results a", "links => links.map(a => a.pathname)")
    code = prefix.strip("/") or "en"
    for link in links:  # each result is a page of this language's site
        assert link.startswith(f"/{code}/") if prefix else not link.startswith(("/cy/", "/ur/")), link
    fragments = [url.rsplit("/", 1)[-1] for url in requests if "/pagefind/fragment/" in url]
    assert fragments and all(name.startswith(f"{code}_") for name in fragments), fragments
    assert all(url.startswith(engine_url) for url in requests)
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 375])
def test_search_by_keyboard(browser: Any, site_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site_url)
    button = tab_to(page, lambda f: f["label"] == "Search")
    assert button["tag"] == "BUTTON"
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.id === 'ck-search-input'", timeout=5000)
    check_stop(page)  # the box has focus, visibly
    assert page.get_attribute(".ck-search__open", "aria-expanded") == "true"
    page.keyboard.type("six rings")
    page.wait_for_function("document.querySelectorAll('.ck-search__results a').length > 0", timeout=15000)
    first = tab_to(page, lambda f: f["tag"] == "A")
    assert "/performance/" in first["href"] or "/standards/" in first["href"], first
    page.keyboard.press("Escape")  # closes the panel and gives focus back to the button
    assert page.get_attribute(".ck-search__open", "aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('ck-search__open')")
    assert page.locator(".ck-search__panel").is_hidden()
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.id === 'ck-search-input'", timeout=5000)
    tab_to(page, lambda f: f["tag"] == "A")
    page.keyboard.press("Enter")
    page.wait_for_url(first["href"] if first["href"].startswith("http") else f"**{first['href']}")
    assert page.locator("h1").count() == 1
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("palette", ["light", "dark"])
def test_axe_finds_no_violations_with_search_open(browser: Any, engine_url: str, palette: str) -> None:
    found: dict[str, list[str]] = {}
    for width in (1280, 320):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=palette)
        page = context.new_page()
        for prefix, query, _ in QUERIES:
            page.goto(engine_url + prefix)
            open_search(page, query)
            violations = audit(page)
            if violations:
                found[f"{prefix or '/'} at {width}px"] = describe(violations)
        context.close()
    assert found == {}


@pytest.mark.browser
def test_without_javascript_the_header_links_the_a_to_z(browser: Any, engine_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(engine_url + "ur/")
    assert page.locator(".ck-search__open").is_hidden()
    page.locator("header .ck-search__az").click()
    page.wait_for_url("**/ur/a-z/")
    context.close()


def test_a_site_in_one_language_has_search_but_no_language_selector(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Any
) -> None:
    project = make_project(tmp_path / "one", CORPUS / "base")  # English only
    monkeypatch.chdir(project)
    code, out, err = run("build", "data")
    assert code == 0, out + err
    page = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert 'class="ck-search__input"' in page
    assert "md-select__link" not in page
    assert 'rel="alternate"' not in page  # whose sitemap the theme's script would fetch on load
    assert (project / "site" / "pagefind" / "pagefind.js").is_file()
