"""Whether results meet their targets, and whether an assessment achieves its award.

Both are computed from the data and never typed in, so the site cannot claim more than the
figures show.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from generator.models import Assessment, Framework, Measure
from generator.models.assessment import NOT_ASSESSED
from generator.models.measure import Result
from generator.periods import Period

Status = Literal["met", "not-met", "no-target"]


def target_for(measure: Measure, period: Period) -> float | None:
    """The target in force for `period`: the latest one that started on or before it."""
    current = None
    for target in sorted(measure.targets, key=lambda t: t.from_):
        if target.from_.start <= period.start:
            current = target.value
    return current


def next_due(measure: Measure) -> tuple[Period, date] | None:
    """The next period to publish and the date its result is due by."""
    if not measure.results or measure.ended or measure.frequency == "irregular":
        return None
    following = max(r.period for r in measure.results).next()
    return following, following.end + timedelta(days=measure.publish_within_days)


def status(measure: Measure, result: Result) -> Status:
    target = target_for(measure, result.period)
    if target is None or measure.polarity is None:
        return "no-target"
    met = result.value >= target if measure.polarity == "higher-is-better" else result.value <= target
    return "met" if met else "not-met"


@dataclass(frozen=True)
class ConditionOutcome:
    """One condition of an award rule, the limit it sets on this assessment, and whether it held."""

    level: str
    words: str
    count: int
    limit: int
    held: bool


@dataclass(frozen=True)
class Verdict:
    """Counts per level over the rated elements and the award rule's outcome (None: no rule)."""

    counts: dict[str, int]
    rated: int
    not_assessed: int
    conditions: tuple[ConditionOutcome, ...]
    achieved: bool | None


def verdict(assessment: Assessment, framework: Framework) -> Verdict:
    """Apply the framework's award rule to an assessment's ratings.

    Percentages are of the elements rated (those marked not-assessed are left out): "at least 80%"
    of 57 means at least 46 elements, "at most 20%" means at most 11.
    """
    elements = [node.id for node in framework.elements()]
    ratings = [assessment.ratings[e].rating for e in elements if e in assessment.ratings]
    counts = Counter(r for r in ratings if r != NOT_ASSESSED)
    rated = sum(counts.values())
    outcomes = []
    rule = framework.award_rule
    for condition in rule.conditions if rule else ():
        count = counts.get(condition.level, 0)
        if condition.at_least_percent is not None:
            limit = math.ceil(rated * condition.at_least_percent / 100 - 1e-9)
            outcomes.append(
                ConditionOutcome(
                    condition.level, f"at least {condition.at_least_percent:g}%", count, limit, count >= limit
                )
            )
        elif condition.at_most_percent is not None:
            limit = math.floor(rated * condition.at_most_percent / 100 + 1e-9)
            outcomes.append(
                ConditionOutcome(
                    condition.level, f"at most {condition.at_most_percent:g}%", count, limit, count <= limit
                )
            )
        elif condition.at_least_count is not None:
            limit = condition.at_least_count
            outcomes.append(ConditionOutcome(condition.level, f"at least {limit}", count, limit, count >= limit))
        elif condition.at_most_count is not None:
            limit = condition.at_most_count
            outcomes.append(ConditionOutcome(condition.level, f"at most {limit}", count, limit, count <= limit))
    achieved = all(o.held for o in outcomes) if rule else None
    return Verdict(dict(counts), rated, len(ratings) - rated, tuple(outcomes), achieved)
