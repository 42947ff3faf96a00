"""Languages: the example built in English, Welsh and Urdu; translations checked and reported."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import DATA, Run

LANGUAGES = [("", "en", "ltr"), ("cy/", "cy", "ltr"), ("ur/", "ur", "rtl")]
CHARTER = "standards/corporate/index.html"
MEASURE = "performance/calls-answered-in-six-rings/index.html"


def translations(code: str, file: str) -> dict[str, str]:
    """source → text of a translation file in the example data."""
    document = yaml.safe_load((DATA / "translations" / code / file).read_text(encoding="utf-8"))
    return {" ".join(e["source"].split()): e["text"] for e in document["texts"]}


def html_of(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


@pytest.mark.parametrize(("prefix", "lang", "direction"), LANGUAGES)
def test_every_language_is_a_whole_site(engine_site: Path, prefix: str, lang: str, direction: str) -> None:
    built_site = engine_site
    pages = sorted(p.relative_to(built_site / prefix).as_posix() for p in (built_site / prefix).rglob("index.html"))
    english = sorted(
        p.relative_to(built_site).as_posix()
        for p in built_site.rglob("index.html")
        if not p.relative_to(built_site).as_posix().startswith(("cy/", "ur/", "admin/"))
    )  # the browser editor at /admin/ is the default language's alone
    assert pages == english or prefix == ""  # the same pages at the same addresses under /cy/ and /ur/
    for path in (CHARTER, MEASURE, "index.html"):
        page = html_of(built_site, prefix + path)
        assert f'<html lang="{lang}"' in page
        assert f'<body dir="{direction}"' in page


@pytest.mark.parametrize("code", ["cy", "ur"])
def test_translated_charter_shows_the_translation(built_site: Path, code: str) -> None:
    page = html_of(built_site, f"{code}/{CHARTER}")
    table = translations(code, "charters/corporate.yml")
    title = table["Our customer charter"]
    assert re.search(rf"<h1[^>]*>{re.escape(title)}", page), title
    for source, text in table.items():
        if source.startswith("We will answer within six rings"):
            assert text in page
    # Nothing on the translated charter falls back to English except the titles of measures,
    # which come from the measures' own (untranslated) files.
    article = page[page.index("<article") : page.index("</article>")]
    fallbacks = set(re.findall(r'<span lang="en" dir="ltr">([^<]*)</span>', article))
    titles = {yaml.safe_load(p.read_text(encoding="utf-8"))["title"] for p in (DATA / "measures").glob("*.yml")}
    assert fallbacks <= titles, fallbacks - titles
    assert '<p lang="en"' not in article


def test_untranslated_text_falls_back_and_says_so(built_site: Path) -> None:
    """The measure has no Welsh translation: its title is shown in English, marked lang="en"."""
    page = html_of(built_site, f"cy/{MEASURE}")
    assert re.search(r'<h1[^>]*><span lang="en" dir="ltr">Telephone calls answered within six rings</span>', page)
    post = html_of(built_site, "cy/updates/2026-07-08-our-complaints-procedure-has-changed/index.html")
    # An update not yet translated: its body in a block marked English (md_in_html orders the attributes).
    assert re.search(r'<div dir="ltr" lang="en">\s*<p><strong>You said:</strong>', post)
    english = html_of(built_site, MEASURE)
    assert 'lang="en" dir="ltr"' not in english[english.index("<article") : english.index("</article>")]


def test_language_selector_links_every_language(engine_site: Path) -> None:
    built_site = engine_site
    page = html_of(built_site, f"ur/{CHARTER}")
    pattern = (
        r'<a href="([^"]*)" hreflang="[^"]*" lang="([^"]*)" dir="([^"]*)" class="md-select__link">\s*([^<]+?)\s*</a>'
    )
    assert re.findall(pattern, page) == [
        ("../../../standards/corporate/", "en", "ltr", "English"),  # the same page in each language
        ("../../../cy/standards/corporate/", "cy", "ltr", "Cymraeg"),
        ("../../../ur/standards/corporate/", "ur", "rtl", "اردو"),
    ]


@pytest.mark.browser
def test_switch_from_the_urdu_charter_back_to_english(browser: Any, engine_url: str) -> None:
    site_url = engine_url
    page = browser.new_page()
    page.goto(site_url + "ur/" + CHARTER.removesuffix("index.html"))
    assert page.evaluate("document.documentElement.lang") == "ur"
    assert page.evaluate("getComputedStyle(document.querySelector('article')).direction") == "rtl"
    page.locator(".md-header__option .md-select button").focus()  # the selector opens on focus
    page.locator('a.md-select__link[hreflang="en"]').click()
    page.wait_for_load_state("load")
    assert page.url == site_url + CHARTER.removesuffix("index.html")  # the same page, in English
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("h1").inner_text() == "Our customer charter"
    page.close()


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example data to change."""
    shutil.copytree(DATA, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "data"


def drop_entry(data: Path, code: str, file: str, source_start: str) -> None:
    path = data / "translations" / code / file
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["texts"] = [e for e in document["texts"] if not e["source"].startswith(source_start)]
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_missing_translation_is_a_warning_and_strict_fails(example: Path, run: Run) -> None:
    drop_entry(example, "cy", "charters/corporate.yml", "Our customer charter")
    code, out, err = run("validate", "data")
    expected = (
        "data/charters/corporate.yml:2:1: warning: title: no Welsh (cy) translation in "
        "translations/cy/charters/corporate.yml"
    )
    assert code == 0
    assert expected in out + err
    code, out, err = run("validate", "data", "--strict")
    assert code == 1
    assert expected in out + err


def test_reworded_text_is_reported_on_both_sides(example: Path, run: Run) -> None:
    charter = example / "charters" / "corporate.yml"
    text = charter.read_text(encoding="utf-8")
    charter.write_text(text.replace("We will answer within six rings.", "We will answer within five rings."), "utf-8")
    code, out, err = run("validate", "data")
    assert code == 0
    assert re.search(r"commitments\[\d+\]\.text: no Welsh \(cy\) translation", out + err)
    assert re.search(
        r"translations/cy/charters/corporate.yml:\d+:\d+: warning: texts\[\d+\]\.source: matches no text", out + err
    )


def test_language_the_theme_cannot_show_is_an_error(example: Path, run: Run) -> None:
    site = example / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("languages: [cy, ur]", "languages: [cy, zu]"), "utf-8")
    code, out, err = run("validate", "data")
    assert code == 1
    assert re.search(r"data/site.yml:\d+:\d+: languages\[1\]: the theme has no interface texts for 'zu'", out + err)
    assert "data/translations/ur:1:1: warning: not used: add ur to languages in site.yml" in out + err


def test_new_translation_adds_what_is_missing(example: Path, run: Run) -> None:
    drop_entry(example, "ur", "charters/corporate.yml", "We will answer within six rings")
    code, out, _ = run("new", "translation", "ur", "charters/corporate.yml")
    assert code == 0
    assert "added 1 text(s) to translate" in out
    added = yaml.safe_load((example / "translations/ur/charters/corporate.yml").read_text(encoding="utf-8"))
    assert added["texts"][-1] == {"source": "We will answer within six rings.", "text": ""}
    code, out, _ = run("new", "translation", "ur", "charters/corporate.yml")
    assert code == 0
    assert "every text of charters/corporate.yml has an entry" in out  # an empty entry is not added twice
    code, out, err = run("validate", "data")
    assert re.search(
        r"commitments\[\d+\]\.text: no Urdu \(ur\) translation", out + err
    )  # and empty still counts as missing
