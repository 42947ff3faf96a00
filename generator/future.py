"""Dates ahead of today: a typing slip (2062 for 2026) that would otherwise lead the site.

The newest result, update or assessment is what the home page and every table call "latest", so
one dated decades ahead would replace the real one without a word. Each is a warning (a post may
be written ahead of its day), with a day's margin so that a time zone ahead of the machine's
clock is never one.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from generator.load import Document, Path_
from generator.problems import Problem
from generator.today import as_of

if TYPE_CHECKING:  # the loader asks about an update's date while it reads the publication
    from generator.publication import Publication

MARGIN = timedelta(days=1)


def ahead(day: date) -> bool:
    """Whether `day` is later than today allows (more than a day after it)."""
    return day > as_of() + MARGIN


def future_problems(publication: Publication) -> list[Problem]:
    """A warning for each result, assessment, progress note, benchmark and review dated after today."""
    today = as_of().isoformat()
    limit = as_of() + MARGIN  # read once: a national publication has hundreds of thousands of dates

    def ahead(day: date) -> bool:
        return day > limit

    problems: list[Problem] = []

    def warn(document: Document, path: Path_, message: str) -> None:
        problems.append(document.problem(path, message, "warning"))

    for mid, measure in publication.measures.items():
        document = publication.document("measure", mid)
        for i, result in enumerate(measure.results):
            if ahead(result.period.start):
                warn(
                    document,
                    ("results", i, "period"),
                    f"{result.period} starts on {result.period.start}, after today ({today}); a result for a period "
                    "that has not started would show as the latest: check the year",
                )
            elif result.published and ahead(result.published):
                warn(
                    document,
                    ("results", i, "published"),
                    f"{result.published} is after today ({today}); the page would say the figures go live then: "
                    "check the year",
                )
    for aid, assessment in publication.assessments.items():
        if ahead(assessment.date):
            warn(
                publication.document("assessment", aid),
                ("date",),
                f"{assessment.date} is after today ({today}); an assessment not yet made would show as the latest: "
                "check the year",
            )
    for pid, plan in publication.plans.items():
        for i, action in enumerate(plan.actions):
            for j, note in enumerate(action.progress):
                if ahead(note.date):
                    warn(
                        publication.document("improvement", pid),
                        ("actions", i, "progress", j, "date"),
                        f"{note.date} is after today ({today}); progress not yet made would show as the latest: "
                        "check the year",
                    )
    for bid, benchmark in publication.benchmarks.items():
        if benchmark.year > as_of().year:
            warn(
                publication.document("benchmark", bid),
                ("year",),
                f"{benchmark.year} is after this year ({as_of().year}); figures for a year not yet begun: "
                "check the year",
            )
    for cid, charter in publication.charters.items():
        if charter.reviewed and ahead(charter.reviewed):
            warn(
                publication.document("charter", cid),
                ("reviewed",),
                f"{charter.reviewed} is after today ({today}); the last review cannot be ahead: check the year "
                "(the next review goes in review)",
            )
    return problems


def future_update(day: date, document: Document) -> Problem | None:
    """An update dated after today, which would head the list of updates and the feed from now."""
    if not ahead(day):
        return None
    message = (
        f"{day} is after today ({as_of()}); the update would show now, as the latest: check the year "
        "(or add the post on its day)"
    )
    return document.problem(("date",), message, "warning")
