"""Updates: dated Markdown posts (`data/updates/YYYY-MM-DD-slug.md`) with YAML front matter."""

from __future__ import annotations

from datetime import date

from generator.models.common import Model, Slug


class Update(Model):
    """The front matter of a post; the Markdown after it is the body."""

    TRANSLATED = ("title", "summary")

    title: str
    """The post's headline."""
    date: date
    """The publication date; must match the file name's date."""
    tags: tuple[Slug, ...] = ()
    """Tags such as you-said-we-did."""
    summary: str | None = None
    """One sentence shown in lists and the feed."""
    author: str | None = None
    """Who wrote it (a team, not a person's name)."""
