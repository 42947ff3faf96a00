"""What evidences each framework element, and on a site split by organisation, whose it is.

A criterion page of a national site would list every organisation's promises, measures and
ratings for each of its elements; split, it counts them, with a page per organisation and
framework that lists that organisation's own.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from generator.addresses import top_of
from generator.models import Assessment, Charter, Framework, Measure
from generator.models.charter import Commitment
from generator.models.framework import Node
from generator.publication import Publication
from generator.render.i18n import gettext as _
from generator.render.i18n import ngettext
from generator.render.organisations import Organisation, action_owners
from generator.render.words import and_list, number

if TYPE_CHECKING:
    from generator.render.pages import ActionNow


@dataclass
class Evidence:
    """What evidences one framework element: commitments, measures, actions and ratings."""

    commitments: list[tuple[Charter, Commitment]] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    actions: list[ActionNow] = field(default_factory=list)
    ratings: list[tuple[Assessment, str]] = field(default_factory=list)


def evidence_map(pub: Publication, actions: dict[str, ActionNow]) -> dict[str, Evidence]:
    """Element reference (`cse:4.3.1`) → everything that evidences it."""
    found: dict[str, Evidence] = defaultdict(Evidence)
    for charter in pub.charters.values():
        for commitment in charter.commitments:
            for ref in commitment.elements:
                found[ref].commitments.append((charter, commitment))
    for measure in pub.measures.values():
        for ref in measure.elements:
            found[ref].measures.append(measure)
    for now in actions.values():
        for ref in now.action.elements:
            found[ref].actions.append(now)
    latest_by_unit: dict[tuple[str, str], Assessment] = {}
    for assessment in sorted(pub.assessments.values(), key=lambda a: a.date):
        latest_by_unit[(assessment.framework, assessment.unit)] = assessment
    for (fid, _unit), assessment in sorted(latest_by_unit.items()):
        for element, rating in assessment.ratings.items():
            found[f"{fid}:{element}"].ratings.append((assessment, rating.rating))
    return found


@dataclass(frozen=True)
class Tally:
    """How much evidence of each kind: latest ratings (and how many at each level), promises,
    measures and actions."""

    ratings: int = 0
    commitments: int = 0
    measures: int = 0
    actions: int = 0
    levels: tuple[tuple[str, int], ...] = ()

    @property
    def total(self) -> int:
        return self.ratings + self.commitments + self.measures + self.actions


def tally(evidence: Iterable[Evidence]) -> Tally:
    items = list(evidence)
    levels = Counter(rating for ev in items for _, rating in ev.ratings)
    return Tally(
        ratings=sum(len(ev.ratings) for ev in items),
        commitments=sum(len(ev.commitments) for ev in items),
        measures=sum(len(ev.measures) for ev in items),
        actions=sum(len(ev.actions) for ev in items),
        levels=tuple(sorted(levels.items())),
    )


def by_organisation(
    pub: Publication, evidence: Mapping[str, Evidence]
) -> tuple[dict[str, dict[str, Evidence]], dict[str, Evidence]]:
    """Each organisation's evidence (organisation id → element reference → evidence), and the
    evidence of none. A promise is its charter's unit's, a measure its owner's, a rating its
    assessed unit's; an action is counted as `organisations.action_owners` says."""
    tops = top_of(pub)
    acting = action_owners(pub)
    owned: dict[str, dict[str, Evidence]] = defaultdict(lambda: defaultdict(Evidence))
    rest: dict[str, Evidence] = defaultdict(Evidence)

    def home(unit: str | None, ref: str) -> Evidence:
        return owned[tops[unit]][ref] if unit in tops else rest[ref]

    for ref, ev in evidence.items():
        for charter, commitment in ev.commitments:
            home(charter.unit, ref).commitments.append((charter, commitment))
        for measure in ev.measures:
            home(measure.owner, ref).measures.append(measure)
        for now in ev.actions:
            org = acting.get(now.action.id)
            (owned[org][ref] if org else rest[ref]).actions.append(now)
        for assessment, rating in ev.ratings:
            home(assessment.unit, ref).ratings.append((assessment, rating))
    return owned, rest


def counted(ev: Tally, levels: Mapping[str, str]) -> str:
    """An element's evidence from the organisations, in counts: 'Latest ratings of 3
    assessments: Compliant 2, Partial 1. Evidence from the organisations: 4 promises and 2 measures.'"""
    said = []
    if ev.ratings:
        order = list(levels)
        ranked = sorted(ev.levels, key=lambda item: order.index(item[0]) if item[0] in order else len(order))
        shown = "; ".join(
            _("%(level)s: %(num)s") % {"level": levels.get(level, level), "num": number(num)} for level, num in ranked
        )
        said.append(
            ngettext(
                "Latest rating of %(num)s assessment: %(levels)s.",
                "Latest ratings of %(num)s assessments: %(levels)s.",
                ev.ratings,
            )
            % {"num": number(ev.ratings), "levels": shown}
        )
    kinds = [
        ngettext("%(num)s promise", "%(num)s promises", ev.commitments) % {"num": number(ev.commitments)}
        if ev.commitments
        else None,
        ngettext("%(num)s measure", "%(num)s measures", ev.measures) % {"num": number(ev.measures)}
        if ev.measures
        else None,
        ngettext("%(num)s action", "%(num)s actions", ev.actions) % {"num": number(ev.actions)} if ev.actions else None,
    ]
    present = [k for k in kinds if k]
    if present:
        said.append(_("Evidence from the organisations: %(items)s.") % {"items": and_list(present)})
    return " ".join(said)


def criterion(
    framework: Framework,
    leaves: list[Node],
    organised: Sequence[Organisation],
    owned: dict[str, dict[str, Evidence]],
    levels: dict[str, str],
) -> dict[str, Any]:
    """A split site's criterion page: each element's evidence from the organisations counted
    (`owned`, reference → the counts in words), and a row for each organisation with evidence
    under the criterion (`rows`)."""
    refs = [f"{framework.id}:{leaf.id}" for leaf in leaves]
    tallies = {ref: tally(o[ref] for o in owned.values() if ref in o) for ref in refs}
    said = {ref: counted(t, levels) for ref, t in tallies.items() if t.total}
    rows = [(o, tally(owned.get(o.id, {}).get(ref, Evidence()) for ref in refs)) for o in organised]
    return {"owned": said, "rows": [(o, t) for o, t in rows if t.total]}
