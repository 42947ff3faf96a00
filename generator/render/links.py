"""Addresses of pages, so raw HTML links (which MkDocs does not rewrite) are relative and correct."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def page_dir(source: str) -> str:
    """The folder a Markdown source is served from with directory URLs: `a/b.md` → `a/b/`."""
    stem = source.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("/index") + "/"
    return stem + "/"


# Zensical resolves a relative link in raw HTML against the Markdown file's folder, then writes
# it relative to the page; MkDocs leaves raw HTML as it is. Links are written for the engine.
_FROM_SOURCE_FOLDER = [False]


@contextmanager
def written_for(engine: str) -> Iterator[None]:
    """Raw HTML links written for `engine` (mkdocs or zensical) while inside."""
    before = _FROM_SOURCE_FOLDER[0]
    _FROM_SOURCE_FOLDER[0] = engine == "zensical"
    try:
        yield
    finally:
        _FROM_SOURCE_FOLDER[0] = before


def engine() -> str:
    """The engine links are being written for."""
    return "zensical" if _FROM_SOURCE_FOLDER[0] else "mkdocs"


def href(from_source: str, to_source: str) -> str:
    """A relative link from one page (or file) to another, as the browser will resolve it."""
    here = (posixpath.dirname(from_source) if _FROM_SOURCE_FOLDER[0] else page_dir(from_source)) or "."
    there = page_dir(to_source) if to_source.endswith(".md") else to_source
    if not there:
        there = "."
    relative = posixpath.relpath(there, here)
    if to_source.endswith(".md"):
        return "./" if relative == "." else relative + "/"
    return relative


def charter(cid: str) -> str:
    return f"standards/{cid}.md"


def large_print(cid: str) -> str:
    return f"standards/{cid}/large-print.md"


def measure(mid: str) -> str:
    return f"performance/{mid}.md"


def organisation_performance(oid: str) -> str:
    """An organisation's measures on a site split by organisation; a measure with the same id
    would be published at the same address, which the writer refuses."""
    return f"performance/{oid}.md"


def organisation_data(oid: str) -> str:
    return f"data/{oid}.md"


def organisation_standards(oid: str) -> str:
    """An organisation's charters on a site split by organisation (a charter with the same id
    would be published at the same address, which the writer refuses)."""
    return f"standards/{oid}.md"


def organisation_evidence(fid: str, oid: str) -> str:
    """What evidences a framework in one organisation, on a site split by organisation."""
    return f"frameworks/{fid}/{oid}.md"


def organisation_improvement(oid: str) -> str:
    return f"improvement/{oid}.md"


def letter(key: str) -> str:
    """One letter of a long A to Z."""
    return f"a-z/{key}.md"


def framework(fid: str) -> str:
    return f"frameworks/{fid}/index.md"


def criterion(fid: str, node_id: str) -> str:
    return f"frameworks/{fid}/{node_id}.md"


def assessment(aid: str) -> str:
    return f"assessments/{aid}.md"


def benchmark(bid: str) -> str:
    return f"benchmarks/{bid}.md"


def post(slug: str) -> str:
    return f"updates/{slug}.md"


def md(from_source: str, to_source: str) -> str:
    """A Markdown link between source files; MkDocs checks it and turns it into the page's URL."""
    return posixpath.relpath(to_source, posixpath.dirname(from_source) or ".")


# The kinds of page a link in the data's text may name (`[the letters standard](measure:letters)`),
# with the folder of the data they are looked up in.
KINDS: dict[str, tuple[str, Callable[[str], str]]] = {
    "charter": ("charters", charter),
    "measure": ("measures", measure),
    "update": ("posts", post),
    "assessment": ("assessments", assessment),
    "benchmark": ("benchmarks", benchmark),
    "framework": ("frameworks", framework),
}
_IDENT = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_INTERNAL = rf"(?:{'|'.join(KINDS)}):{_IDENT}"
_WEB = r"(?:https?://|mailto:|tel:)[^\s()<>\"'`\\\[\]{}|]{1,2000}"
LINK = re.compile(rf"\[([^\[\]\n]{{1,300}})\]\(({_WEB}|{_INTERNAL})\)")
"""A Markdown link in a text field that becomes a link: an absolute web, email or telephone
address with no character that could end the link or start markup, or a page of the site by kind
and id. Anything else stays text, escaped like the rest."""


def internal(address: str) -> str | None:
    """The page an internal address names (`measure:x` → `performance/x.md`), else None."""
    kind, _, ident = address.partition(":")
    if kind not in KINDS or not re.fullmatch(_IDENT, ident):
        return None
    return KINDS[kind][1](ident)
