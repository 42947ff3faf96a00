"""The publisher's own look: a logo, a favicon and a primary colour from `site.yml`.

The colour is checked where it is typed (the header's white text on it must reach 4.5:1, WCAG
1.4.3); the files are checked here, against the data folder, and copied into every language's
site by the render step, so the theme's configuration points at files that exist.
"""

from __future__ import annotations

import re
from pathlib import Path

KINDS = {".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon"}
MAX_BYTES = 1_000_000
# An SVG opened at its own address runs its scripts on the site's origin: none may carry any.
_ACTIVE_SVG = re.compile(
    r"<\s*(script|foreignObject|iframe|embed|object)\b|\bon[a-z]+\s*=|javascript:|<!ENTITY"
    r"|(?:xlink:)?href\s*=\s*([\"'])(?!#)",
    re.IGNORECASE,
)


def luminance(colour: str) -> float:
    """WCAG's relative luminance of `#rrggbb`."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG's contrast ratio of two `#rrggbb` colours, from 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def darker(colour: str, against: str = "#ffffff", ratio: float = 4.5) -> str:
    """The same hue darkened in steps until `against` on it reaches `ratio`: a fix to suggest."""
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    for step in range(100):
        shade = "#" + "".join(f"{round(c * (1 - step / 100)):02x}" for c in channels)
        if contrast(shade, against) >= ratio:
            return shade
    return "#000000"


def file_problem(root: Path, relative: str) -> str | None:
    """Why a logo or favicon file cannot be used, or None."""
    path = root / relative
    suffix = Path(relative).suffix.lower()
    if suffix not in KINDS:
        return f"must be an .svg, .png or .ico file, got '{relative}'"
    if ".." in Path(relative).parts or Path(relative).is_absolute():
        return f"must be a path inside the data folder, such as brand/logo.svg, got '{relative}'"
    if path.is_symlink() or not path.is_file():
        return f"no file '{relative}' in the data folder: add it there, or correct the path"
    size = path.stat().st_size
    if size > MAX_BYTES:
        return f"'{relative}' is {size:,} bytes; at most {MAX_BYTES:,} (every resident downloads it on every page)"
    if suffix == ".svg" and _ACTIVE_SVG.search(path.read_text(encoding="utf-8", errors="replace")):
        return (
            f"'{relative}' holds a script, an event handler, an entity or a link to another file; "
            "save a plain SVG (shapes and paths only), or use a PNG"
        )
    return None


def served(relative: str) -> str:
    """Where a brand file is served from in each language's site."""
    return "assets/brand/" + Path(relative).name


def css(colour: str) -> str:
    """The theme's primary colour variables set to the publisher's, in both palettes."""
    return (
        "/* The publisher's primary colour, from site.yml (brand.colour). */\n"
        "[data-md-color-primary][data-md-color-primary] {\n"
        f"  --md-primary-fg-color: {colour};\n"
        f"  --md-primary-fg-color--light: {colour};\n"
        f"  --md-primary-fg-color--dark: {colour};\n"
        "  --md-primary-bg-color: #fff;\n"
        "  --md-primary-bg-color--light: hsla(0, 0%, 100%, 0.7);\n"
        "}\n"
    )
