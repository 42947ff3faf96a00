"""Assessments of a unit against a framework; the verdict is computed, never typed in."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from generator.models.common import SLUG_PATTERN, Code, Model, Slug, Source

NOT_ASSESSED = "not-assessed"


class Rating(Model):
    """One element's rating, written as the level alone or with evidence notes."""

    TRANSLATED = ("evidence",)

    rating: Slug
    """A level of the framework's scale, or not-assessed."""
    evidence: str | None = None
    """What the assessor saw."""
    actions: tuple[Code, ...] = ()
    """Ids of improvement actions that respond to the rating."""

    @model_validator(mode="before")
    @classmethod
    def _from_level(cls, data: Any) -> Any:
        return {"rating": data} if isinstance(data, str) else data

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return {"anyOf": [{"type": "string", "pattern": SLUG_PATTERN}, handler(core_schema)]}


class Assessment(Model):
    """One assessment of a unit against a framework (`data/assessments/<id>.yml`)."""

    TRANSLATED = ("summary",)

    id: Slug | None = None
    """Id used in page addresses; defaults to the file name."""
    framework: Slug
    """Id of the framework assessed against."""
    unit: Slug
    """Id of the unit assessed."""
    date: dt.date
    """The (first) day of the assessment."""
    end_date: dt.date | None = None
    """The last day, for an assessment over several days."""
    kind: Literal["full", "surveillance", "self-assessment"] = "full"
    """full, surveillance (a yearly check on an award) or self-assessment."""
    assessor: str
    """Who assessed."""
    summary: str | None = None
    """The assessor's overall comments."""
    outcome: Literal["awarded", "recommended", "not-awarded", "pending"] | None = None
    """The outcome the assessor recorded (awarded, recommended for the award, not awarded, or not
    yet known); shown beside the verdict worked out from the ratings."""
    previous: Slug | None = None
    """Id of the earlier assessment of the same unit to compare with."""
    ratings: dict[Code, Rating]
    """Every element's rating: a level, or a mapping with rating, evidence and actions."""
    sources: tuple[Source, ...] = ()
    """Documents the assessment comes from."""
