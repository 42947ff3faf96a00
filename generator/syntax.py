"""YAML syntax errors in charterkit's own words, whatever libyaml's version says.

libyaml's messages change between releases (6.0.4 added its own nesting limit, with its own
wording, which fires before charterkit's) and are written for programmers. A comms officer gets
a message that says what to change; the wording is the project's, so a new PyYAML release can
never change what `validate` prints.
"""

from __future__ import annotations

import re

MAX_DEPTH = 40
DEEP = f"nested more than {MAX_DEPTH} levels deep"

# libyaml's problem (and context) texts, matched loosely, in order; the first match wins.
_MEANINGS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), message)
    for pattern, message in (
        (r"nesting depth|too deep", DEEP),
        (
            r"mapping values are not allowed",
            "a colon and a space (': ') cannot go here; put the whole value in quotes if it contains one,"
            " or check the indentation",
        ),
        (
            r"block sequence entries are not allowed",
            "a list item ('- ') cannot start here; start the list on its own line, indented under its key",
        ),
        (
            r"expected ',' or '\]'|flow sequence",
            "a list in [ ] is not closed; check its commas and the closing ]",
        ),
        (
            r"expected ',' or '}'|flow mapping",
            "a mapping in { } is not closed; check its commas and the closing }",
        ),
        (
            r"end of stream|quoted scalar",
            "a quoted value is not closed; add the closing quote mark",
        ),
        (
            r"unknown escape|escape",
            'a backslash in a "double-quoted" value starts an unknown code; use single quotes instead',
        ),
        (
            r"cannot start any token|found character",
            "a value cannot start with this character; put the value in quotes",
        ),
        (
            r"could not find expected ':'|simple key",
            "expected 'key: value' here; check for a missing colon or an unclosed quote on this line or above",
        ),
        (
            r"did not find expected key|expected <block end>|did not find expected '-'",
            "the indentation here does not line up with the lines above; indent keys of the same level alike",
        ),
        (
            r"document start|document end|<stream end>",
            "more than one value at the top level; check the indentation of this line",
        ),
    )
)
_FALLBACK = "not valid YAML here; check the indentation, colons, quotes and brackets on this line and the one above"


def meaning(problem: str | None, context: str | None) -> str:
    """charterkit's message for a libyaml error, from its problem and context texts."""
    for text in (problem, context):  # the problem names the mistake; the context only where it was
        for pattern, message in _MEANINGS:
            if text and pattern.search(text):
                return message
    return _FALLBACK


def too_deep(text: str, end: int) -> int | None:
    """Where brackets first nest deeper than MAX_DEPTH before offset `end`, or None.

    libyaml reads up to about a thousand characters ahead of the last event it handed over, so
    deep brackets can fail inside libyaml before charterkit's own depth counter sees them. This
    scan, run only when libyaml has already failed, finds that case from the text itself. It skips
    quoted values and comments; block scalars are rare enough in a failing file not to matter.
    """
    depth = 0
    index = 0
    quote = ""
    while index < min(end + 1, len(text)):
        char = text[index]
        if quote:
            if char == "\\" and quote == '"':
                index += 1
            elif char == quote:
                quote = ""
        elif char in "'\"" and (index == 0 or text[index - 1] in " \n[{,:"):
            quote = char
        elif char == "#" and (index == 0 or text[index - 1] in " \n"):
            newline = text.find("\n", index)
            index = len(text) if newline < 0 else newline
            continue
        elif char in "[{":
            depth += 1
            if depth >= MAX_DEPTH:  # the mapping around a flow value is a level too, as in the loader
                return index
        elif char in "]}" and depth:
            depth -= 1
        index += 1
    return None
