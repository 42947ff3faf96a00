"""The publisher's logo, favicon and colour: refused when residents could not read the header or
when a file could not be served safely, and otherwise on every page of every language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.brand import contrast, darker
from tests.conftest import ROOT, Run, build_in

LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#fff"/></svg>\n'


def with_brand(data: Path, lines: str) -> int:
    """Adds a `brand:` block to site.yml; returns the line number of its first field."""
    site = data / "site.yml"
    text = site.read_text(encoding="utf-8")
    site.write_text(text + "brand:\n" + lines, encoding="utf-8")
    return len(text.splitlines()) + 2


def test_contrast_is_as_wcag_defines_it() -> None:
    assert round(contrast("#ffffff", "#000000"), 1) == 21.0
    assert round(contrast("#ffffff", "#767676"), 2) == 4.54  # the lightest grey that passes on white
    assert contrast(darker("#7fa7d9"), "#ffffff") >= 4.5 > contrast("#7fa7d9", "#ffffff")


def test_a_colour_the_header_text_cannot_be_read_on_is_refused(publication: Path, run: Run) -> None:
    line = with_brand(publication, '  colour: "#7fa7d9"\n')
    code, out, _ = run("validate", "data")
    assert code == 1
    assert (
        f"data/site.yml:{line}:3: brand.colour: white text on #7fa7d9 has a contrast of 2.5:1, under the 4.5:1 "
        "that text needs; use a darker colour, such as #5b789c"
    ) in out.splitlines()


def test_a_colour_must_be_written_as_hex(publication: Path, run: Run) -> None:
    line = with_brand(publication, "  colour: navy\n")
    code, out, _ = run("validate", "data")
    assert code == 1
    assert f"data/site.yml:{line}:3: brand.colour: expected a colour as #rrggbb, such as #1d70b8, got 'navy'" in out


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.svg", None, "no file 'brand/logo.svg' in the data folder: add it there, or correct the path"),
        ("logo.gif", "GIF89a", "must be an .svg, .png or .ico file, got 'brand/logo.gif'"),
        (
            "logo.svg",
            '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "'brand/logo.svg' holds a script, an event handler, an entity or a link to another file; "
            "save a plain SVG (shapes and paths only), or use a PNG",
        ),
        (
            "logo.svg",
            '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
            "'brand/logo.svg' holds a script",
        ),
        (
            "logo.svg",
            '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://tracker.example/x.png"/></svg>',
            "'brand/logo.svg' holds a script",
        ),
    ],
)
def test_a_logo_that_cannot_be_served_safely_is_refused(
    publication: Path, run: Run, name: str, content: str | None, message: str
) -> None:
    if content is not None:
        (publication / "brand").mkdir()
        (publication / "brand" / name).write_text(content, encoding="utf-8")
    line = with_brand(publication, f"  logo: brand/{name}\n")
    code, out, _ = run("validate", "data")
    assert code == 1
    start = f"data/site.yml:{line}:3: brand.logo: {message}"
    assert any(printed.startswith(start) for printed in out.splitlines()), out


def test_the_logo_favicon_and_colour_reach_every_page(publication: Path) -> None:
    (publication / "brand").mkdir()
    (publication / "brand" / "logo.svg").write_text(LOGO, encoding="utf-8")
    (publication / "brand" / "icon.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 16)
    with_brand(publication, '  logo: brand/logo.svg\n  favicon: brand/icon.png\n  colour: "#1d4f91"\n')
    shutil.copy(ROOT / "mkdocs.yml", publication.parent / "mkdocs.yml")
    site = build_in(publication.parent)
    page = (site / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/brand/logo.svg"' in page
    assert 'rel="icon" href="assets/brand/icon.png"' in page
    assert (site / "assets" / "brand" / "logo.svg").read_text(encoding="utf-8") == LOGO
    assert "--md-primary-fg-color: #1d4f91;" in (site / "assets" / "charterkit.css").read_text(encoding="utf-8")
