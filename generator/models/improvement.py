"""Improvement plans: recommendations made to the body and the actions taken on them."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from generator.models.common import Code, Due, ElementRef, Model, Slug, Source


class Recommendation(Model):
    """A recommendation from a review, audit or assessment."""

    TRANSLATED = ("title", "text")

    id: Code
    """Its code as printed in the source, such as R1 or CO7."""
    title: str
    """A short name."""
    text: str | None = None
    """The full wording."""
    priority: Literal["high", "medium", "low"] | None = None
    """How urgent it is."""
    rank: int | None = Field(None, ge=1)
    """Its place in priority order (1 first)."""
    reference: str | None = None
    """Where it is in the source, such as "page 12"."""
    actions: tuple[Code, ...] = ()
    """Ids of the actions that deliver it."""


class Progress(Model):
    """A dated note on how an action is going."""

    TRANSLATED = ("note",)

    date: date
    """When it was written."""
    note: str
    """What happened."""


class Action(Model):
    """Something the body will do, with who leads it and when it is due."""

    TRANSLATED = ("title", "area", "outcome", "lead", "cost")

    id: Code
    """Stable code, unique across all plans."""
    title: str
    """What will be done."""
    area: str | None = None
    """The plan's grouping, such as "Customer access"."""
    outcome: str | None = None
    """What will be different for residents."""
    lead: str | None = None
    """Who is responsible (a post, not a person's name)."""
    cost: str | None = None
    """What it costs, in words."""
    due: Due | None = None
    """When it is due: a date or a period."""
    status: Literal["not-started", "in-progress", "done", "cancelled"] = "not-started"
    """not-started, in-progress, done or cancelled."""
    progress: tuple[Progress, ...] = ()
    """Dated progress notes, oldest first."""
    elements: tuple[ElementRef, ...] = ()
    """Framework elements the action addresses."""
    measures: tuple[Slug, ...] = ()
    """Ids of measures the action should improve."""
    commitments: tuple[str, ...] = ()
    """Commitments it supports, written charter/commitment."""


class Plan(Model):
    """An improvement plan (`data/improvement/<id>.yml`)."""

    TRANSLATED = ("title", "description")

    id: Slug | None = None
    """Id of the plan; defaults to the file name."""
    title: str
    """The plan's title."""
    description: str | None = None
    """Where the plan comes from."""
    recommendations: tuple[Recommendation, ...] = ()
    """Recommendations, in the order given."""
    actions: tuple[Action, ...] = ()
    """Actions."""
    sources: tuple[Source, ...] = ()
    """Documents the plan comes from."""
