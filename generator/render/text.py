"""Data text reaches a page as text: never as HTML, Markdown structure or template code."""

from __future__ import annotations

import html
import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]#!|])")
_LINE_START = re.compile(r"^([-+>]|\d+\.)")
_BLANK = re.compile(r"\n\s*\n")


def text(value: object) -> str:
    """One paragraph of plain text, safe anywhere in Markdown (tables included)."""
    if value is None:
        return ""
    flat = " ".join(str(value).split())
    escaped = html.escape(flat, quote=False)
    escaped = _MARKDOWN.sub(r"\\\1", escaped)
    escaped = _LINE_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], escaped)
    if escaped.startswith(":"):
        escaped = "&#58;" + escaped[1:]
    return escaped.replace("{{", "&#123;&#123;").replace("{%", "&#123;%")


def paragraphs(value: object) -> str:
    """Plain text that may hold several paragraphs (blank lines between them)."""
    if value is None:
        return ""
    return "\n\n".join(text(part) for part in _BLANK.split(str(value)) if part.strip())


def attribute(value: object) -> str:
    """Text for an HTML attribute or element inside raw HTML blocks."""
    return html.escape(" ".join(str(value).split()), quote=True)


_RAW_TAG = re.compile(r"<(?!https?://|mailto:)")
_SCRIPT_LINK = re.compile(r"\]\(\s*(?:javascript|data|vbscript):[^)]*\)", re.IGNORECASE)


def markdown(value: object) -> str:
    """A Markdown field (an update's body): formatting kept, raw HTML and script links made inert."""
    if value is None:
        return ""
    body = _RAW_TAG.sub("&lt;", str(value))
    body = _SCRIPT_LINK.sub("](#)", body)
    return body.replace("{:", "&#123;:")
