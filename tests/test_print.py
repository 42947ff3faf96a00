"""Charters print cleanly on A4: Chromium's own print to PDF, then the PDF's text read back."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

from tests.conftest import DATA
from tests.test_languages import translations

pytestmark = pytest.mark.browser

A4 = (595.28, 841.89)  # points


def printed(browser: Any, url: str) -> PdfReader:
    page = browser.new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    pdf = page.pdf(format="A4", prefer_css_page_size=True, print_background=False)
    page.close()
    return PdfReader(io.BytesIO(pdf))


def title(file: Path) -> str:
    return str(yaml.safe_load(file.read_text(encoding="utf-8"))["title"])


WELSH = translations("cy", "charters/corporate.yml")
CASES = [
    ("standards/corporate/", ["Our customer charter", "We will answer within six rings.", "How you can help us"]),
    ("standards/corporate/large-print/", ["Our customer charter", "We will answer within six rings."]),
    ("cy/standards/corporate/", [WELSH["Our customer charter"], WELSH["We will answer within six rings."]]),
] + [(f"standards/{p.stem}/", [title(p)]) for p in sorted((DATA / "charters").glob("*.yml")) if p.stem != "corporate"]


@pytest.mark.parametrize(("path", "expected"), CASES)
def test_charter_prints_on_a4_with_its_text_and_without_the_site_around_it(
    browser: Any, site_url: str, path: str, expected: list[str]
) -> None:
    reader = printed(browser, site_url + path)
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    for box in (page.mediabox for page in reader.pages):
        # A4 within a point (Chromium rounds to whole pixels); US Letter would be 612 x 792.
        assert abs(float(box.width) - A4[0]) < 1 and abs(float(box.height) - A4[1]) < 1, box
    for phrase in expected:
        assert phrase in text, phrase
    for chrome in ("Skip to content", "Search", "Download our data", "Made with"):
        assert chrome not in text  # header, navigation and footer are left off the paper
