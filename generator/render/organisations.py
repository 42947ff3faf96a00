"""National publications: the pages that would list the whole country, one organisation at a time.

An organisation is a top-level unit of site.yml; a measure or a charter belongs to the
organisation above the unit that owns it. A site whose measures all belong to one organisation
(a council, perhaps with a partner body that publishes nothing) keeps its single pages exactly
as they are; with measures from two or more, the all-measures table and the downloads list
become an index of organisations, each with its own page, so no page grows with the country.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.models import Measure
from generator.publication import Publication
from generator.render import links
from generator.render.i18n import gettext as _
from generator.render.i18n import ngettext
from generator.render.words import latest, status_of


@dataclass(frozen=True)
class Counts:
    """How many measures stand where at their latest result; every measure is in exactly one."""

    met: int = 0
    not_met: int = 0
    no_target: int = 0
    no_data: int = 0

    @property
    def total(self) -> int:
        return self.met + self.not_met + self.no_target + self.no_data

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.met + other.met,
            self.not_met + other.not_met,
            self.no_target + other.no_target,
            self.no_data + other.no_data,
        )


@dataclass(frozen=True)
class Organisation:
    """A top-level unit with the measures it publishes, by title, and how they stand."""

    id: str
    name: str
    measures: tuple[Measure, ...]
    counts: Counts


def counts_of(measures: Iterable[Measure]) -> Counts:
    codes = [status_of(m, latest(m)) for m in measures]
    return Counts(
        met=codes.count("met"),
        not_met=codes.count("not-met"),
        no_target=codes.count("no-target"),
        no_data=codes.count("no-data"),
    )


def top_of(pub: Publication) -> dict[str, str]:
    """Every unit's id → the id of the top-level unit it sits under (itself, at the top)."""
    found: dict[str, str] = {}
    for top in pub.site.units if pub.site else ():
        stack = [top]
        while stack:
            unit = stack.pop()
            found[unit.id] = top.id
            stack.extend(unit.children)
    return found


def of(pub: Publication) -> list[Organisation]:
    """Every organisation in site.yml's order, each with its measures by title."""
    tops = top_of(pub)
    owned: dict[str, list[Measure]] = {top.id: [] for top in pub.site.units} if pub.site else {}
    for measure in pub.measures.values():
        if measure.owner in tops:
            owned[tops[measure.owner]].append(measure)
    found = []
    for top in pub.site.units if pub.site else ():
        measures = tuple(sorted(owned[top.id], key=lambda m: m.title))
        found.append(Organisation(top.id, top.name, measures, counts_of(measures)))
    return found


def split(organisations: Sequence[Organisation]) -> bool:
    """Whether the site's pages are split: its measures come from more than one organisation."""
    return sum(1 for o in organisations if o.measures) > 1


def unowned(pub: Publication) -> list[Measure]:
    """Measures whose owner is under no organisation, by title: they stay on the index page."""
    tops = top_of(pub)
    return sorted((m for m in pub.measures.values() if m.owner not in tops), key=lambda m: m.title)


def counts_said(counts: Counts) -> str:
    """The counts in words, one short sentence per status present; true for any counts, and they
    add up to the first sentence's number."""
    if not counts.total:
        return _("No measures are published yet.")
    said = [
        ngettext("%(num)s measure is published.", "%(num)s measures are published.", counts.total)
        % {"num": counts.total}
    ]
    if counts.met:
        said.append(
            ngettext(
                "At its latest result, %(num)s met its target.",
                "At their latest results, %(num)s met their targets.",
                counts.met,
            )
            % {"num": counts.met}
        )
    if counts.not_met:
        said.append(
            ngettext(
                "At its latest result, %(num)s did not meet its target.",
                "At their latest results, %(num)s did not meet their targets.",
                counts.not_met,
            )
            % {"num": counts.not_met}
        )
    if counts.no_target:
        said.append(
            ngettext("%(num)s is a figure without a target.", "%(num)s are figures without a target.", counts.no_target)
            % {"num": counts.no_target}
        )
    if counts.no_data:
        said.append(
            ngettext("%(num)s has no published result.", "%(num)s have no published result.", counts.no_data)
            % {"num": counts.no_data}
        )
    return " ".join(said)


def az_items(organisations: Sequence[Organisation]) -> list[tuple[str, str]]:
    """The organisations' own pages, for the A to Z of a split site."""
    return [
        (_("%(organisation)s: performance") % {"organisation": o.name}, links.organisation(o.id))
        for o in organisations
        if o.measures
    ]
