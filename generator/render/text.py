"""Data text reaches a page as text: never as HTML, Markdown structure or template code."""

from __future__ import annotations

import functools
import html
import re
import urllib.parse
from collections.abc import Callable

import nh3

from generator.render import links
from generator.render.i18n import block, direction, foreign, mark_inline

_MARKDOWN = re.compile(r"([\\`*_{}\[\]#!|])")
_LINE_START = re.compile(r"^([-+>]|\d+\.)")
_BLANK = re.compile(r"\n\s*\n")
_END_TAG = re.compile(r"&lt;/(?=[A-Za-z])")


def text(value: object) -> str:
    """One paragraph of plain text, safe anywhere in Markdown (tables included).

    `<`, `>` and `&` become entities, so no tag or entity in the data reaches the page; the
    characters Markdown, attr_list (`{: }`) and Jinja (`{{ }}`, `{% %}`) give meaning to are
    backslash-escaped; a leading list, quote, heading or definition marker is escaped too.
    """
    if value is None:
        return ""
    return mark_inline(value, _escape(value))


def _escape(value: object) -> str:
    flat = " ".join(str(value).split())
    escaped = html.escape(flat, quote=False)
    # Material writes the page's first heading into <title> with entities decoded and unescaped
    # (`page.title | striptags`), where `</title>` would end it. An invisible word joiner after
    # `<` keeps any `</tag` from being an end tag there.
    escaped = _END_TAG.sub("&lt;\u2060/", escaped)
    escaped = _MARKDOWN.sub(r"\\\1", escaped)
    escaped = _LINE_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], escaped)
    if escaped.startswith(":"):  # a definition list's description
        escaped = "&#58;" + escaped[1:]
    elif escaped.startswith("="):  # a setext heading underline; Markdown cannot backslash-escape `=`
        escaped = "&#61;" + escaped[1:]
    return escaped


def paragraphs(value: object, source: str | None = None) -> str:
    """Plain text that may hold several paragraphs (blank lines between them); given the `source`
    page it is shown on, the links `linked` keeps are kept."""
    if value is None:
        return ""
    parts = [part for part in _BLANK.split(str(value)) if part.strip()]
    lang = foreign(value)
    if lang is not None:  # in another language than the page: paragraphs that say which
        if source is None:
            return "\n\n".join(block(part, lang) for part in parts)
        return "\n\n".join(f'<p lang="{lang}" dir="{direction(lang)}">{_html_links(p, source)}</p>' for p in parts)
    escape = _escape if source is None else functools.partial(_with_links, source=source)
    return "\n\n".join(_as_list(part, escape) or escape(part) for part in parts)


_ITEM = re.compile(r"^\s*[-*]\s+(.+)$")


def _as_list(part: str, escape: Callable[[object], str]) -> str:
    """A paragraph ending in two or more lines that start with `- ` is a list (after any lines
    that lead into it): each item escaped as text."""
    lines = part.strip().split("\n")
    first = next((i for i, line in enumerate(lines) if _ITEM.match(line)), len(lines))
    items = [_ITEM.match(line) for line in lines[first:]]
    if len(items) < 2 or not all(items):
        return ""
    # The comment ends the list, so a list the page puts right after it stays a list of its own.
    listed = "\n".join(f"- {escape(item.group(1))}" for item in items if item) + "\n\n<!-- -->"
    return f"{escape(' '.join(lines[:first]))}\n\n{listed}" if first else listed


def linked(value: object, source: str = "index.md") -> str:
    """One paragraph of text, as `text` makes it, keeping the links `links.LINK` allows; a link to
    a page of the site becomes a Markdown link from `source`, the page it is shown on."""
    if value is None:
        return ""
    return mark_inline(value, _with_links(value, source))


def _with_links(value: object, source: str = "index.md") -> str:
    flat = " ".join(str(value).split())
    pieces = links.LINK.split(flat)  # text, label, address, text, ...
    out = []
    for index in range(0, len(pieces), 3):
        piece = pieces[index]
        if piece.strip():  # `_escape` trims; the spaces beside a link are kept
            out.append(" " * piece.startswith(" ") + _escape(piece) + " " * piece.endswith(" "))
        else:
            out.append(piece)
        if index + 2 < len(pieces):
            address = pieces[index + 2]
            page = links.internal(address)
            out.append(f"[{_escape(pieces[index + 1])}]({links.md(source, page) if page else address})")
    return "".join(out)


def element_linked(value: object, source: str) -> str:
    """Text for raw HTML, as `element` makes it, with the links `linked` keeps as HTML links
    (Markdown inside raw HTML is not read)."""
    if value is None:
        return ""
    return mark_inline(value, _html_links(value, source))


def _html_links(value: object, source: str) -> str:
    pieces = links.LINK.split(" ".join(str(value).split()))  # text, label, address, text, ...
    out = []
    for index in range(0, len(pieces), 3):
        out.append(html.escape(pieces[index], quote=True))
        if index + 2 < len(pieces):
            page = links.internal(pieces[index + 2])
            address = links.href(source, page) if page else pieces[index + 2]
            out.append(f'<a href="{html.escape(address, quote=True)}">{html.escape(pieces[index + 1])}</a>')
    return "".join(out)


def address(value: object) -> str:
    """A link's address for a Markdown link or an attribute: any character that could end the
    link, the attribute or the tag (spaces, quotes, brackets, `<`, `>`, backslashes) is
    percent-encoded, so the address can only ever be one address."""
    return urllib.parse.quote(str(value).strip(), safe="/:?#@!$&*+,;=%~-._")


def attribute(value: object) -> str:
    """Text for an HTML attribute (never marked with a language: a tag cannot go there)."""
    return html.escape(" ".join(str(value).split()), quote=True)


def element(value: object) -> str:
    """Text for an element's content inside raw HTML (a table cell, a caption), language marked."""
    return mark_inline(value, attribute(value))


# Raw HTML allowed in a Markdown field: text-level formatting, lists, quotes and simple tables.
# No images, media, forms, frames, scripts, styles or classes; links only to the schemes below.
_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "dfn", "dl", "dt", "em",
    "h2", "h3", "h4", "h5", "h6", "i", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp",
    "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul", "var",
}  # fmt: skip
_ATTRIBUTES = {
    "*": {"lang", "dir"},
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
_SCHEMES = {"http", "https", "mailto", "tel"}

# Markdown autolinks look like tags to an HTML parser, so they are kept aside from nh3. Only
# forms that Python-Markdown turns into links qualify; `<mailto:x/onclick=...>` would pass as HTML.
_AUTOLINK = re.compile(r"(<(?:https?://[^\s<>\"'`]+|mailto:[^\s<>\"'`@!]+@[^\s<>\"'`@]+)>)")
# Any other `<scheme:...>` would be parsed as a tag and dropped: it is shown as text instead.
_OTHER_AUTOLINK = re.compile(r"<(?=[A-Za-z][A-Za-z0-9+.-]*:)")
# A tag that nh3 wrote (any other `<` is `&lt;` by then). Python-Markdown turns links and code
# into HTML even inside an inline tag's attribute values, so their characters are made entities.
_TAG = re.compile(r"<[^<>]+>")
_INERT = str.maketrans({c: f"&#{ord(c)};" for c in "[]()!*_`\\"})
# A blockquote marker, which nh3 writes as `&gt;` like any other `>` in text.
_QUOTE = re.compile(r"^([ \t]*)((?:&gt;[ \t]?)+)", re.MULTILINE)
# Where Markdown takes a link or image address: `](address` and `[id]: address`.
_INLINE_LINK = re.compile(r"(\]\()([^)]*)")
_REFERENCE = re.compile(r"^([ ]{0,3}\[[^\[\]]*\]:\s*)(\S+)", re.MULTILINE)
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")


def safe_address(address: str) -> bool:
    """Whether a Markdown link address has no scheme or an allowed one.

    Browsers decode entities in addresses and drop tabs and line breaks from them, so entities
    are decoded, and spaces, invisible characters, `<` and backslashes are dropped, before looking.
    """
    probe = "".join(c for c in html.unescape(address) if c.isprintable() and not c.isspace() and c not in "<\\")
    scheme = _SCHEME.match(probe.lower())
    return scheme is None or scheme.group(1) in _SCHEMES


def _link(match: re.Match[str]) -> str:
    return match.group(1) + (match.group(2) if safe_address(match.group(2)) else "#")


def _clean(part: str) -> str:
    """Raw HTML through nh3's allowlist; the Markdown around it is text to nh3 and keeps its meaning."""
    part = _OTHER_AUTOLINK.sub("&lt;", part)
    cleaned = nh3.clean(part, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES)
    cleaned = _TAG.sub(lambda m: m.group(0).translate(_INERT), cleaned)
    return _QUOTE.sub(lambda m: m.group(1) + m.group(2).replace("&gt;", ">"), cleaned)


def markdown(value: object) -> str:
    """A Markdown field (an update's body): formatting kept, raw HTML and script links made inert.

    nh3 parses the body as HTML: allowed tags keep allowed attributes, everything else goes, and a
    `<` that starts no allowed tag becomes `&lt;`, which also defeats `--8<--` snippet includes.
    Entities are decoded on the way, so link addresses are checked afterwards: one whose scheme is
    not http, https, mailto or tel becomes `#`. Every `{` is made an entity so no attr_list
    (`{: onclick=...}`) or template code (`{{ }}`, `{% %}`) survives. HTML inside code spans is
    cleaned too: a parser cannot tell where Markdown's code spans are, and it errs on the safe side.
    """
    if value is None:
        return ""
    parts = _AUTOLINK.split(str(value))
    body = "".join(part if index % 2 else _clean(part) for index, part in enumerate(parts))
    body = _INLINE_LINK.sub(_link, body)
    body = _REFERENCE.sub(_link, body)
    body = _END_TAG.sub("&lt;\u2060/", body).replace("{", "&#123;")
    lang = foreign(value)
    if lang is None:
        return body
    # In another language than the page (an update not yet translated): a block that says which.
    # md_in_html keeps it Markdown; nh3 has removed any <div> from the body, so none can end it.
    return f'<div lang="{lang}" dir="{direction(lang)}" markdown="1">\n\n{body.strip()}\n\n</div>'
