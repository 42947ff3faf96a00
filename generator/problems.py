"""Problems found in a publication, and the one exception the command line turns into exit code 1.

Every check reports a :class:`Problem` instead of raising, so that one run shows every mistake.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake, located as precisely as the data allows (lines and columns count from 1)."""

    file: str
    line: int
    column: int
    field: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        what = visible(what)
        tag = "warning: " if self.severity == "warning" else ""
        return f"{where}: {tag}{what}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": visible(self.message),
            "severity": self.severity,
        }


def _invisible(char: str) -> bool:
    """Characters that print as nothing or as a plain space: format marks (zero-width, bidi),
    line separators, spaces other than the ordinary one, controls and unassigned code points."""
    return char != " " and unicodedata.category(char) in ("Cf", "Cc", "Co", "Cn", "Zs", "Zl", "Zp")


def visible(message: str) -> str:
    """`message` with each invisible character written as its code, like <U+200B>, and a word on
    what that is, so a value that looks right on screen shows what is wrong with it."""
    found = sorted({char for char in message if char not in "\n\t" and _invisible(char)})
    if not found:
        return message
    shown = "".join(f"<U+{ord(char):04X}>" if char in found else char for char in message)
    names = ", ".join(f"<U+{ord(c):04X}> ({unicodedata.name(c, 'unnamed').lower()})" for c in found)
    return f"{shown}; {names} {'is' if len(found) == 1 else 'are'} invisible on screen: delete or retype it"


class CharterkitError(Exception):
    """A mistake in the user's input or command; the CLI prints it and exits with code 1."""

    def __init__(self, message: str, problems: Iterable[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = sorted(problems)


def did_you_mean(found: str, choices: Iterable[str]) -> str:
    """A ' did you mean ...?' suffix naming the closest choice, or '' when none is close."""
    close = difflib.get_close_matches(found, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def describe(value: object) -> str:
    """How a found value is named in a message: text in quotes, structures by their kind."""
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return f"'{shown}'"
    return str(value)
