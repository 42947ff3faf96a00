"""Data text reaches a page as text: never as HTML, Markdown structure or template code."""

from __future__ import annotations

import html
import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+!|~^=:-])")
_BLANK = re.compile(r"\n\s*\n")


def text(value: object) -> str:
    """One paragraph of plain text, safe anywhere in Markdown (tables included)."""
    if value is None:
        return ""
    flat = " ".join(str(value).split())
    escaped = html.escape(flat, quote=True)
    escaped = _MARKDOWN.sub(r"\\\1", escaped)
    return escaped.replace("{{", "&#123;&#123;").replace("{%", "&#123;%")


def paragraphs(value: object) -> str:
    """Plain text that may hold several paragraphs (blank lines between them)."""
    if value is None:
        return ""
    return "\n\n".join(text(part) for part in _BLANK.split(str(value)) if part.strip())


def attribute(value: object) -> str:
    """Text for an HTML attribute or element inside raw HTML blocks."""
    return html.escape(" ".join(str(value).split()), quote=True)
