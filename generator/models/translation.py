"""Translations of a data file's texts (`data/translations/<language>/<the data file's path>`)."""

from __future__ import annotations

from generator.models.common import Model


class Entry(Model):
    """One text and its translation, side by side so a reviewer can read both in a pull request."""

    source: str
    """The text exactly as the data file has it (spaces and line breaks may differ)."""
    text: str
    """The text in this folder's language."""


class Translation(Model):
    """The translated texts of one data file: its titles, promises, explanations and notes."""

    sample: bool = False
    """True if this is a sample translation that a fluent speaker has not reviewed; pages say so."""
    texts: tuple[Entry, ...] = ()
    """Each text of the data file in the other language. A text with no entry here is shown in
    the data's own language, marked as such."""
