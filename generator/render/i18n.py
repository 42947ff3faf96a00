"""Languages while rendering: the page's language, fixed texts from catalogs, fallbacks marked.

The site's fixed texts (headings, labels, sentences) are written in English in the templates and
in `words.py`, marked with `_()` / `ngettext()` / `{% trans %}`, and translated in gettext
catalogs under `generator/locales/<code>/LC_MESSAGES/charterkit.po` (the format translators and
their tools know). Text that has no translation for the page's language falls back to the
language it was written in and is returned as `Text`, which remembers that language, so the page
can mark it with its own `lang` (screen readers then switch voice, browsers pick fonts).
"""

from __future__ import annotations

import functools
import gettext as _gettext
import html
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from generator.languages import SOURCE, direction, locale

__all__ = ["N_", "SOURCE", "Text", "direction", "gettext", "locale", "ngettext", "page_language", "speaking"]

LOCALES = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "charterkit"

_page: ContextVar[str] = ContextVar("page_language", default=SOURCE)
_sample: ContextVar[bool] = ContextVar("sample_translation", default=False)


class Text(str):
    """Text in a stated language, shown on a page that may be in another one."""

    lang: str

    def __new__(cls, value: str, lang: str) -> Text:
        made = super().__new__(cls, value)
        made.lang = lang
        return made

    def __mod__(self, values: object) -> Text:  # `_("%(n)s days") % {...}` keeps the language
        return Text(str.__mod__(self, values), self.lang)

    def __reduce__(self) -> tuple[type[Text], tuple[str, str]]:
        return (Text, (str(self), self.lang))


@contextmanager
def speaking(code: str, sample: bool = False) -> Iterator[None]:
    """Render everything inside in language `code`; `sample` if its translations are samples."""
    token, flag = _page.set(code), _sample.set(sample)
    try:
        yield
    finally:
        _page.reset(token)
        _sample.reset(flag)


def sample_translation() -> bool:
    """Whether the pages being rendered use sample translations nobody fluent has checked."""
    return _sample.get()


def page_language() -> str:
    return _page.get()


@functools.cache
def catalog(code: str) -> _gettext.NullTranslations | None:
    """The fixed texts translated into `code`, or None when charterkit has no catalog for it."""
    po = LOCALES / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    if code == SOURCE or not po.is_file():
        return None
    with po.open("rb") as handle:
        messages = read_po(handle, locale=code.replace("-", "_"))
    compiled = BytesIO()
    write_mo(compiled, messages)  # fuzzy (unreviewed) entries are left out, as gettext does
    compiled.seek(0)
    return _gettext.GNUTranslations(compiled)


def gettext(message: str) -> str:
    code = page_language()
    if code == SOURCE:
        return message
    translations = catalog(code)
    found = translations.gettext(message) if translations else message
    return Text(message, SOURCE) if found == message else found


def ngettext(singular: str, plural: str, count: int) -> str:
    code = page_language()
    english = singular if count == 1 else plural
    if code == SOURCE:
        return english
    translations = catalog(code)
    found = translations.ngettext(singular, plural, count) if translations else english
    return Text(english, SOURCE) if found in (singular, plural) else found


def N_(message: str) -> str:
    """Marks a text for translation where it is defined; `gettext` translates it where it is shown."""
    return message


def foreign(value: object) -> str | None:
    """The language of `value` if it differs from the page's, else None."""
    lang = getattr(value, "lang", None)
    return lang if lang is not None and lang != page_language() else None


def mark_inline(value: object, shown: str) -> str:
    """`shown` (already escaped) wrapped in a span with its own language when it is foreign."""
    lang = foreign(value)
    if lang is None:
        return shown
    return f'<span lang="{lang}" dir="{direction(lang)}">{shown}</span>'


def block(value: str, lang: str) -> str:
    """A paragraph in language `lang` as a raw HTML paragraph that says so (escaped, not Markdown)."""
    escaped = html.escape(" ".join(value.split()), quote=False)
    return f'<p lang="{lang}" dir="{direction(lang)}">{escaped}</p>'


def finalize(value: object) -> object:
    """Jinja's output hook: a fixed text that fell back to English is marked as English."""
    if isinstance(value, Text):
        return mark_inline(value, str(value))
    return value
