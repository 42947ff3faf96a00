"""Languages by code (en, cy, ur): whether charterkit knows them, their names and direction.

Babel's copy of the Unicode CLDR supplies names, month and day names, list patterns and plural
rules; Material for MkDocs supplies the theme's own texts (search, menus) for the languages in
its `partials/languages/` folder.
"""

from __future__ import annotations

import functools
from pathlib import Path

from babel import Locale, UnknownLocaleError

SOURCE = "en"
"""The language charterkit's fixed texts are written in."""


@functools.cache
def locale(code: str) -> Locale:
    """Babel's data for a language. English is British English: these are UK public bodies' sites."""
    try:
        return Locale.parse("en_GB" if code == SOURCE else code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en_GB")


def known(code: str) -> bool:
    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return False
    return True


def direction(code: str) -> str:
    """`rtl` for languages written right to left (Urdu, Arabic), else `ltr`."""
    return "rtl" if locale(code).character_order == "right-to-left" else "ltr"


def endonym(code: str) -> str:
    """The language's name as its speakers write it: English, Cymraeg, اردو."""
    name = locale(code).get_display_name(locale(code)) or code
    if code == SOURCE:
        return "English"
    return name[:1].upper() + name[1:]


def theme_languages() -> frozenset[str]:
    """Languages Material for MkDocs has interface texts for."""
    import material  # type: ignore[import-untyped]

    folder = Path(material.__file__).resolve().parent / "templates" / "partials" / "languages"
    return frozenset(path.stem for path in folder.glob("*.html"))
