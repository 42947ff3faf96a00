"""Performance measures with their targets over time and their results per period."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import Field, ValidationInfo, model_validator

from generator.models.common import (
    Amount,
    Code,
    Count,
    ElementRef,
    Model,
    NonNegative,
    PeriodValue,
    Positive,
    Slug,
    Source,
    period_from_text,
    year_starts,
)
from generator.periods import PeriodKind

Unit = Literal["percentage", "count", "duration", "days", "score", "money"]
Frequency = Literal["monthly", "quarterly", "half-yearly", "annual", "financial-year", "irregular"]


class Target(Model):
    """A target value that applies from one period until the next target starts."""

    from_: PeriodValue = Field(alias="from")
    """The first period the target applies to."""
    value: Amount
    """The target, in the measure's unit."""


class Baseline(Model):
    """A measured starting level to compare results with: not a target, and never met or missed."""

    TRANSLATED = ("note",)

    period: PeriodValue
    """When it was measured."""
    value: Amount
    """The level measured, in the measure's unit."""
    note: str | None = None
    """What it was, such as "the level before the new telephone system"."""


class Ended(Model):
    """The end of a measure's reporting: no result is due after it."""

    TRANSLATED = ("reason",)

    on: date
    """The day reporting ended."""
    reason: str | None = None
    """Why, in a sentence residents read, such as "It was replaced by the satisfaction survey"."""


class Share(Model):
    """One part of a result: a unit's (a department or service in site.yml) or a named part's
    (a channel, an area), in the measure's unit."""

    TRANSLATED = ("part",)

    unit: Slug | None = None
    """Id of the unit (from site.yml) whose figure this is."""
    part: str | None = None
    """The part's name, for a part that is not a unit (such as Telephone or Email)."""
    value: Amount
    """The part's own figure."""

    @model_validator(mode="after")
    def _one_name(self) -> Share:
        if (self.unit is None) == (self.part is None):
            raise ValueError("give either unit (the id of a unit in site.yml) or part (a name), not both or neither")
        return self


class Result(Model):
    """The measure's value for one period."""

    TRANSLATED = ("note", "explanation")

    period: PeriodValue
    """The period the figure covers, matching the measure's frequency."""
    value: Amount
    """The figure, in the measure's unit; a duration in seconds, or as 4:22 or 4 min 22 s."""
    numerator: NonNegative | None = None
    """For a percentage: how many met the standard."""
    denominator: Positive | None = None
    """For a percentage: how many were counted."""
    sample_size: Count | None = None
    """For a survey: how many people answered."""
    year_to_date: bool = False
    """True if the figure is cumulative from the start of the year."""
    breakdown: tuple[Share, ...] = ()
    """The figure per unit, such as per department."""
    published: date | None = None
    """When the figure was first published (a date), if different from the period's end."""
    note: str | None = None
    """Anything a reader needs to understand the figure."""
    explanation: str | None = None
    """Why a target was missed and what is being done; required when the latest result misses.
    It may link to a web page or a page of this site (`[our update](update:2026-10-20-results)`)."""
    actions: tuple[Code, ...] = ()
    """Ids of improvement actions that respond to this result."""


class Measure(Model):
    """A performance measure and its results (`data/measures/<id>.yml`)."""

    TRANSLATED = ("title", "definition", "method", "source", "breakdown_by")

    id: Slug | None = None
    """Id used by charters and page addresses; defaults to the file name."""
    title: str
    """What is measured, in words residents use."""
    unit: Unit
    """percentage, count, duration (seconds), days, score or money (pounds)."""
    polarity: Literal["higher-is-better", "lower-is-better"] | None = None
    """Whether a higher or a lower figure is better. Leave it out for a context figure (such as how
    many emails arrived), which has no target and is never better or worse."""
    frequency: Frequency
    """How often results are published: monthly, quarterly, half-yearly, annual (calendar year),
    financial-year, or irregular (periods of any length, none of them due)."""
    owner: Slug
    """Id of the unit responsible."""
    definition: str
    """What is counted; it may link to a web page or a page of this site."""
    method: str | None = None
    """How it is counted or surveyed."""
    source: str | None = None
    """Where the figures come from."""
    sample: bool = False
    """True if the figures are made-up examples."""
    publish_within_days: int = Field(60, ge=0, le=730)
    """Days after a period ends by which its result is published; after that it is overdue."""
    decimals: int = Field(0, ge=0, le=3)
    """Decimal places to show."""
    targets: tuple[Target, ...] = ()
    """Targets, each applying from its period until the next."""
    baseline: Baseline | None = None
    """A measured starting level, shown beside the results; not a target."""
    ended: Ended | None = None
    """When reporting ended (a discontinued measure or a finished commitment): nothing is overdue after it."""
    breakdown_by: str | None = None
    """What the parts of a breakdown are, as it reads after "by" ("channel", "department");
    without it they are services."""
    results: tuple[Result, ...] = ()
    """Results, one per period."""
    elements: tuple[ElementRef, ...] = ()
    """Framework elements the measure evidences."""
    sources: tuple[Source, ...] = ()
    """Documents the measure comes from."""

    @model_validator(mode="before")
    @classmethod
    def _periods_read_once(cls, data: Any, info: ValidationInfo) -> Any:
        """Each result's period is read here, once per measure, where the publication's year start
        is looked up once (it costs more than the reading, over hundreds of thousands of results).

        In a monthly measure `2011-12` is December 2011, not the financial year 2011-12: the two
        are written alike for the years 2000 to 2011. A period that cannot be read is left as it
        is, for the field's own validation to report."""
        if not isinstance(data, dict) or not isinstance(data.get("results"), list):
            return data
        starts = year_starts(info)
        prefer: PeriodKind | None = "month" if data.get("frequency") == "monthly" else None
        results = []
        for result in data["results"]:
            if isinstance(result, dict) and isinstance(result.get("period"), str):
                try:
                    period = period_from_text(result["period"], starts, prefer)
                except ValueError:
                    period = None  # the field's own validation reports it
                if period is not None:
                    result = {**result, "period": period}
            results.append(result)
        return {**data, "results": results}
