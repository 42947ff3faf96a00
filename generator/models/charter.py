"""Customer charters: what a unit promises, how it is measured, and what it asks of residents."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from generator.models.common import Amount, ElementRef, Link, Model, PeriodValue, Slug, Source

Channel = Literal[
    "letters-and-email",
    "telephone",
    "text-messages",
    "face-to-face",
    "visits",
    "reception",
    "waiting",
    "online",
    "social-media",
    "complaints",
    "freedom-of-information",
    "councillors",
    "disabled-people",
    "general",
]


class Standard(Model):
    """A measurable promise: a measure, a target and which side of it counts as met."""

    measure: Slug
    """Id of the measure (`data/measures/<id>.yml`) that shows how the promise is kept."""
    target: Amount
    """The promised value, in the measure's unit (a duration as 180, 3:00 or 3 min)."""
    comparison: Literal["at-least", "at-most"] = "at-least"
    """Met when the result is at least (or at most) the target."""
    period: PeriodValue | None = None
    """The period the target is promised for, if it is limited to one."""


class Commitment(Model):
    """One promise in the charter."""

    TRANSLATED = ("heading", "title", "text")

    id: Slug
    """Stable id, unique in the charter."""
    channel: Channel
    """How residents meet the service: letters-and-email, telephone, visits, reception, waiting,
    online, disabled-people or general."""
    heading: str | None = None
    """The charter's own heading for this promise's group, in place of the channel's name (such
    as "When you write to us"); promises with the same heading are listed together."""
    title: str | None = None
    """A short heading, if the text is long."""
    text: str
    """The promise in full, as published; it may end in a list (lines starting `- `) and link to a
    web page or a page of this site (`[the letters standard](measure:letters-answered)`)."""
    standards: tuple[Standard, ...] = ()
    """Measurable standards that show whether the promise is kept."""
    elements: tuple[ElementRef, ...] = ()
    """Framework elements the promise evidences, such as cse:4.2.1."""


class Complaints(Model):
    """How to complain."""

    TRANSLATED = ("text", "how")

    text: str
    """What the council wants to hear and what happens next."""
    how: tuple[str, ...] = ()
    """Ways to complain, one per item."""
    url: Link | None = None
    """The complaints form, if there is one online."""


class Charter(Model):
    """A unit's customer charter (`data/charters/<id>.yml`)."""

    TRANSLATED = ("title", "aim", "your_help", "compliments", "monitoring")

    id: Slug | None = None
    """Id used in page addresses; defaults to the file name."""
    title: str
    """The charter's title."""
    unit: Slug
    """Id of the unit (from site.yml) whose charter this is."""
    aim: str
    """What the unit aims to do for residents."""
    effective: date | None = None
    """When the charter took effect, if it says."""
    reviewed: date | None = None
    """When it was last reviewed."""
    review: date | None = None
    """When it will next be reviewed."""
    ended: date | None = None
    """When the charter stopped applying (a one-year commitment that finished, a charter replaced);
    its page then says so instead of a next review."""
    commitments: tuple[Commitment, ...] = Field(min_length=1)
    """The promises, each with its channel."""
    your_help: tuple[str, ...] = ()
    """What the council asks of residents in return."""
    complaints: Complaints | None = None
    """How to complain."""
    compliments: str | None = None
    """How to pass on compliments."""
    monitoring: str | None = None
    """How the council checks and reports on the charter."""
    sources: tuple[Source, ...] = ()
    """Documents the charter comes from."""
