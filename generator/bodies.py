"""What an update's Markdown body may hold so that MkDocs reads it in bounded time.

Python-Markdown reads a `[` by scanning ahead for its `]`, and the address after `](` by
scanning for its `)`; one that is never closed is scanned to the end of its paragraph, again for
every such bracket, so 20,000 `[` in one paragraph take minutes. Its block parser recurses once per
level of list or quotation, so a list nested 600 deep overflows Python's stack. The body is
refused before rendering when either would happen, with the line to change; every body this
allows is read in time proportional to its length.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from generator.problems import Problem

MAX_INDENT = 40
"""Columns a line of a body may be indented by: ten levels of list, far more than a page needs."""
MAX_QUOTES = 10
"""Levels of quotation (`>`) a line may have."""
MAX_BRACKET_DEPTH = 8
"""Levels of `[` inside `[`: a link's text with an image in it needs two."""
MAX_SCAN = 4_000_000
"""Characters Python-Markdown may scan to the ends of paragraphs looking for brackets that are
never closed, for the whole body: about two seconds of MkDocs' time on a current machine."""

# A line that starts a new piece of inline text: a list item, a table row, a heading.
_UNIT_START = re.compile(r"[ \t>]*(?:[-*+][ \t]|[0-9]+[.)][ \t]|\||#)")
_QUOTES = re.compile(r"[ \t]*((?:>[ \t]?)+)")
_MARKS = re.compile(r"\\.|[\[\]\"'()]", re.DOTALL)  # the characters a scan acts on, and escapes


@dataclass
class _Scan:
    """Where Markdown's bracket scans would go in one piece of inline text."""

    unclosed: int = 0
    unclosed_cost: int = 0
    first_unclosed: int = -1
    open_address: int = 0
    address_cost: int = 0
    first_address: int = -1
    quoted: int = 0
    quoted_cost: int = 0
    first_quoted: int = -1
    deepest: int = 0
    deepest_at: int = -1


def body_problems(body: str, file: str, first_line: int) -> list[Problem]:
    """Problems that would make Markdown slow or fail on `body`, which starts at `first_line`."""
    lines = body.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)

    def at(offset: int, message: str) -> Problem:
        index = bisect.bisect_right(offsets, offset) - 1
        return Problem(file, first_line + index, offset - offsets[index] + 1, "", message)

    for number, line in enumerate(lines):
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))
        if line.strip() and indent > MAX_INDENT:
            message = (
                f"indented {indent} spaces; Markdown cannot read lists nested so deep (the limit is {MAX_INDENT} "
                "spaces, ten levels): make the list flatter"
            )
            return [Problem(file, first_line + number, 1, "", message)]
        quotes = _QUOTES.match(line)
        depth = quotes.group(1).count(">") if quotes else 0
        if depth > MAX_QUOTES:
            message = f"quoted {depth} levels deep (with '>'); the limit is {MAX_QUOTES}: remove some of the '>'"
            return [Problem(file, first_line + number, 1, "", message)]

    scans = [_scan(body, start, end) for start, end in _units(lines, offsets)]
    # Closed brackets nested no deeper than the limit are read in time proportional to the text;
    # only the scans that run to the end of a paragraph add up faster than it.
    total = sum(s.unclosed_cost + s.address_cost + s.quoted_cost for s in scans)
    deep = next((s for s in scans if s.deepest > MAX_BRACKET_DEPTH), None)
    if deep is not None:
        message = (
            f"'[' nested {deep.deepest} levels deep, inside other '[' (the limit is {MAX_BRACKET_DEPTH}); "
            "a link's text cannot hold other links: remove the extra brackets, or write \\[ for one shown as it is"
        )
        return [at(deep.deepest_at, message)]
    if total <= MAX_SCAN:
        return []
    causes = [
        (
            sum(s.unclosed_cost for s in scans),
            sum(s.unclosed for s in scans),
            "'[' are not closed by ']' in their paragraph",
            "close each link's text with ']', or write \\[ for a bracket shown as it is",
            [s.first_unclosed for s in scans if s.unclosed],
        ),
        (
            sum(s.address_cost for s in scans),
            sum(s.open_address for s in scans),
            "link addresses after '](' are not closed by ')' in their paragraph",
            "end each link's address with ')'",
            [s.first_address for s in scans if s.open_address],
        ),
        (
            sum(s.quoted_cost for s in scans),
            sum(s.quoted for s in scans),
            "link addresses hold a quote mark that ends no title",
            "put a link's title in quote marks just before its ')', or remove the quote mark",
            [s.first_quoted for s in scans if s.quoted],
        ),
    ]
    _, count, what, fix, firsts = max(causes, key=lambda cause: cause[0])
    message = (
        f"{count:,} {what} (the first is here), and Markdown reads to the end of the paragraph for each, "
        f"which is too slow to build: {fix}"
    )
    return [at(min(firsts), message)]


def _units(lines: list[str], offsets: list[int]) -> list[tuple[int, int]]:
    """Spans of the body that Markdown reads as one piece of inline text, or more than one (a
    paragraph, a list item, a table row): split at blank lines and at lines that start one."""
    units = []
    start = 0
    for index, line in enumerate(lines):
        if not line.strip() or _UNIT_START.match(line):
            if offsets[index] > start:
                units.append((start, offsets[index]))
            start = offsets[index + 1] if not line.strip() else offsets[index]
    if offsets[-1] - 1 > start:
        units.append((start, offsets[-1] - 1))
    return units


def _scan(body: str, start: int, end: int) -> _Scan:
    """One pass over a piece of text, counting what Markdown's scans for `]` and `)` would read.

    An address whose parentheses hold a quote mark that does not close a title right before the
    `)` is counted to the end of the text: Python-Markdown then reads on past the `)`.
    """
    scan = _Scan()
    brackets: list[int] = []
    pairs: list[tuple[int, int]] = []
    parens: list[tuple[int, bool, int]] = []  # offset, opened right after a `]`, quote marks before it
    quotes = 0
    for found in _MARKS.finditer(body, start, end):
        char, index = found.group(), found.start()
        if char[0] == "\\":
            continue  # an escaped character is text
        if char == "[":
            brackets.append(index)
        elif char == "]" and brackets:
            opened = brackets.pop()
            pairs.append((opened, index))
        elif char in "\"'":
            quotes += 1
        elif char == "(":
            parens.append((index, index > start and body[index - 1] == "]", quotes))
        elif char == ")" and parens:
            opened, address, before = parens.pop()
            titled = body[opened:index].rstrip()[-1:] in ("'", '"')  # a title closed right before `)`
            if address and quotes != before and not titled:
                scan.quoted += 1
                scan.quoted_cost += end - opened
                scan.first_quoted = opened if scan.first_quoted < 0 else scan.first_quoted
    # Depth counts closed brackets only: one never closed is scanned to the end, counted below.
    events = sorted([(opened, 1) for opened, _ in pairs] + [(closed, -1) for _, closed in pairs])
    depth = 0
    for offset, step in events:
        depth += step
        if depth > scan.deepest:
            scan.deepest, scan.deepest_at = depth, offset
    for opened in brackets:
        scan.unclosed += 1
        scan.unclosed_cost += end - opened
        scan.first_unclosed = opened if scan.first_unclosed < 0 else min(scan.first_unclosed, opened)
    for opened, address, _ in parens:
        if address:
            scan.open_address += 1
            scan.address_cost += end - opened
            scan.first_address = opened if scan.first_address < 0 else min(scan.first_address, opened)
    return scan
