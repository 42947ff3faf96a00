"""Benchmarks: the same measures for many organisations, with comparison groups."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.models.common import Figure, Model, Slug, Source


class BenchmarkMeasure(Model):
    """A column of the comparison."""

    TRANSLATED = ("title",)

    id: Slug
    """Id used in each organisation's values."""
    title: str
    """What was measured."""
    unit: Literal["percentage", "count", "duration", "days", "score", "money"] = "percentage"
    """The unit of the values."""
    polarity: Literal["higher-is-better", "lower-is-better"] = "higher-is-better"
    """Whether higher or lower ranks first."""


class Group(Model):
    """A comparison group, such as similar councils."""

    TRANSLATED = ("title", "description")

    id: Slug
    """Id used by organisations."""
    title: str
    """The group's name."""
    description: str | None = None
    """Who is in it and why."""


class Organisation(Model):
    """A row of the comparison."""

    TRANSLATED = ("name",)

    name: str
    """The organisation's name."""
    ours: bool = False
    """True for the publisher's own row."""
    groups: tuple[Slug, ...] = ()
    """Ids of the groups it belongs to."""
    values: dict[Slug, Figure] = Field(default_factory=dict)
    """Its value for each measure id; leave a measure out where there is no figure."""


class Benchmark(Model):
    """A peer comparison (`data/benchmarks/<id>.yml`)."""

    TRANSLATED = ("title", "description")

    id: Slug | None = None
    """Id used in page addresses; defaults to the file name."""
    title: str
    """The comparison's title."""
    year: int = Field(ge=1900, le=2200)
    """The year of the figures."""
    description: str | None = None
    """Where the figures come from and how to read them."""
    measures: tuple[BenchmarkMeasure, ...] = Field(min_length=1)
    """The measures compared."""
    groups: tuple[Group, ...] = ()
    """Comparison groups."""
    organisations: tuple[Organisation, ...] = Field(min_length=1)
    """The organisations compared."""
    sources: tuple[Source, ...] = ()
    """Documents the figures come from."""
