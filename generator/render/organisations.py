"""National publications: the pages that would list the whole country, one organisation at a time.

An organisation is a top-level unit of site.yml; a measure or a charter belongs to the
organisation above the unit that owns it, an action to the one `action_owners` finds. A site
whose measures all belong to one organisation (a council, perhaps with a partner body that
publishes nothing) keeps its single pages exactly as they are. With measures from two or more,
the all-measures table, the downloads list, the standards index and the improvement page become
an index of organisations, counted, each with a page of its own; the home page counts instead of
listing; so no page grows with the country.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.addresses import top_of
from generator.models import Measure
from generator.models.improvement import Action
from generator.publication import Publication
from generator.render import links
from generator.render.i18n import gettext as _
from generator.render.i18n import ngettext
from generator.render.words import latest, number, status_of


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


def action_owners(pub: Publication) -> dict[str, str]:
    """Action id → the one organisation it is counted under: its first linked measure's, else
    the first measure's (by id) whose results name it, else the first assessment's (by id) whose
    ratings name it. An action linked to none of these is no organisation's."""
    tops = top_of(pub)
    found: dict[str, str] = {}
    for plan in pub.plans.values():
        for action in plan.actions:
            owners = [tops[m.owner] for mid in action.measures if (m := pub.measures.get(mid)) and m.owner in tops]
            if owners:
                found[action.id] = owners[0]
    for mid in sorted(pub.measures):
        measure = pub.measures[mid]
        for result in measure.results:
            for named in result.actions:
                if measure.owner in tops:
                    found.setdefault(named, tops[measure.owner])
    for aid in sorted(pub.assessments):
        assessment = pub.assessments[aid]
        for rating in assessment.ratings.values():
            for named in rating.actions:
                if assessment.unit in tops:
                    found.setdefault(named, tops[assessment.unit])
    return found


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
        % {"num": number(counts.total)}
    ]
    if counts.met:
        said.append(
            ngettext(
                "At its latest result, %(num)s met its target.",
                "At their latest results, %(num)s met their targets.",
                counts.met,
            )
            % {"num": number(counts.met)}
        )
    if counts.not_met:
        said.append(
            ngettext(
                "At its latest result, %(num)s did not meet its target.",
                "At their latest results, %(num)s did not meet their targets.",
                counts.not_met,
            )
            % {"num": number(counts.not_met)}
        )
    if counts.no_target:
        said.append(
            ngettext("%(num)s is a figure without a target.", "%(num)s are figures without a target.", counts.no_target)
            % {"num": number(counts.no_target)}
        )
    if counts.no_data:
        said.append(
            ngettext("%(num)s has no published result.", "%(num)s have no published result.", counts.no_data)
            % {"num": number(counts.no_data)}
        )
    return " ".join(said)


@dataclass(frozen=True)
class Promised:
    """An organisation's charters (ids, in the publication's order) and how their standards
    stand: met, not met, or without a result yet (none yet, or not yet due)."""

    organisation: Organisation
    charters: tuple[str, ...]
    met: int
    not_met: int
    waiting: int

    @property
    def total(self) -> int:
        return self.met + self.not_met + self.waiting


def promised(pub: Publication, organised: Sequence[Organisation], flat: Mapping[str, Sequence[Any]]) -> list[Promised]:
    """Each organisation's charters and their standards' counts; `flat` is each charter's
    standards as they stand (`pages.StandardNow`). Charters under no organisation are left out."""
    tops = top_of(pub)
    rows = []
    for o in organised:
        cids = tuple(cid for cid, charter in pub.charters.items() if tops.get(charter.unit) == o.id)
        codes = [s.status for cid in cids for s in flat[cid]]
        met, not_met = codes.count("met"), codes.count("not-met")
        rows.append(Promised(o, cids, met, not_met, len(codes) - met - not_met))
    return rows


def unowned_charters(pub: Publication) -> list[str]:
    """Charters whose unit is under no organisation: they stay on the standards index."""
    tops = top_of(pub)
    return [cid for cid, charter in pub.charters.items() if charter.unit not in tops]


Page = tuple[str, str, dict[str, Any]]


def measure_pages(pub: Publication, organised: Sequence[Organisation]) -> Iterator[Page]:
    """A split site's performance and downloads: an index of organisations, then each one's page."""
    others = unowned(pub)
    index = {"organised": organised, "total": counts_of(pub.measures.values())}
    yield "performance/index.md", "performance-organisations.md.j2", index | {"measures": others}
    yield "data/index.md", "data-organisations.md.j2", index | {"measures": sorted(others, key=_by_id)}
    for o in organised:
        if not o.measures:
            continue
        owner = f"organisation {o.id}"
        context = {"measures": o.measures, "organisation": o, "owner": owner}
        yield links.organisation_performance(o.id), "performance.md.j2", context
        context = {"measures": sorted(o.measures, key=_by_id), "organisation": o, "owner": owner}
        yield links.organisation_data(o.id), "data.md.j2", context


def standards_pages(
    pub: Publication, charters: Sequence[Promised], flat: Mapping[str, Sequence[Any]]
) -> Iterator[Page]:
    """A split site's standards: an index of organisations, then each one's charters."""
    # Charters as a mapping of id to charter, as the single-organisation index is given them.
    others = {cid: pub.charters[cid] for cid in unowned_charters(pub)}
    yield (
        "standards/index.md",
        "standards-organisations.md.j2",
        {"organised": charters, "charters": others, "flat": flat},
    )
    for p in charters:
        if p.charters:
            context = {
                "charters": {cid: pub.charters[cid] for cid in p.charters},
                "flat": {cid: flat[cid] for cid in p.charters},  # its own: a page's key covers what it is given
                "organisation": p.organisation,
                "owner": f"organisation {p.organisation.id}",
            }
            yield links.organisation_standards(p.organisation.id), "standards.md.j2", context


def _by_id(measure: Measure) -> str:
    return measure.id or ""


def misses_said(counts: Counts) -> str:
    """How many latest results missed, on a home page too short to list them all."""
    return ngettext(
        "At its latest result, %(num)s measure did not meet its target.",
        "At their latest results, %(num)s measures did not meet their targets.",
        counts.not_met,
    ) % {"num": number(counts.not_met)}


def az_items(organisations: Sequence[Organisation], charters: Sequence[Promised]) -> list[tuple[str, str]]:
    """The organisations' own pages, for the A to Z of a split site."""
    pages = [
        (_("%(organisation)s: performance") % {"organisation": o.name}, links.organisation_performance(o.id))
        for o in organisations
        if o.measures
    ]
    return pages + [
        (
            _("%(organisation)s: service standards") % {"organisation": p.organisation.name},
            links.organisation_standards(p.organisation.id),
        )
        for p in charters
        if p.charters
    ]


@dataclass(frozen=True)
class Actions:
    """How many actions are at each status; `overdue` counts those of them past their due date."""

    not_started: int = 0
    in_progress: int = 0
    done: int = 0
    cancelled: int = 0
    overdue: int = 0

    @property
    def total(self) -> int:
        return self.not_started + self.in_progress + self.done + self.cancelled


def actions_of(nows: Iterable[Any]) -> Actions:
    """The counts of actions as they stand today (`pages.ActionNow`)."""
    items = list(nows)
    codes = [now.action.status for now in items]
    return Actions(
        not_started=codes.count("not-started"),
        in_progress=codes.count("in-progress"),
        done=codes.count("done"),
        cancelled=codes.count("cancelled"),
        overdue=sum(1 for now in items if now.overdue),
    )


def improvement_pages(
    pub: Publication, organised: Sequence[Organisation], actions: Mapping[str, Any]
) -> Iterator[Page]:
    """A split site's improvement plans: each organisation's actions counted on the index (with
    the plans' recommendations and any action of no single organisation), then each one's page."""
    owners = action_owners(pub)
    plans = [(pid, plan, [a for a in plan.actions if a.id not in owners]) for pid, plan in pub.plans.items()]
    owned: dict[str, list[str]] = {}  # an organisation's actions, in the plans' order
    for a, oid in owners.items():
        owned.setdefault(oid, []).append(a)
    in_plan = {pid: _by_owner(plan.actions, owners) for pid, plan in pub.plans.items()}
    rows = [(o, actions_of(actions[a] for a in owned.get(o.id, ()) if a in actions)) for o in organised]
    total = actions_of(actions.values())
    rest = actions_of(actions[a.id] for _, _, others in plans for a in others if a.id in actions)
    context = {"actions": actions, "rows": rows, "rest": rest, "total": total, "plans": plans}
    yield "improvement/index.md", "improvement-organisations.md.j2", context
    for o, counted in rows:
        if not counted.total:
            continue
        mine = [(pid, plan, in_plan[pid].get(o.id, [])) for pid, plan in pub.plans.items()]
        context = {
            "actions": {a.id: actions[a.id] for _, _, items in mine for a in items if a.id in actions},
            "organisation": o,
            "plans": [p for p in mine if p[2]],
            "owner": f"organisation {o.id}",
        }
        yield links.organisation_improvement(o.id), "improvement-organisation.md.j2", context


def _by_owner(actions: Iterable[Action], owners: Mapping[str, str]) -> dict[str | None, list[Action]]:
    """A plan's actions by the organisation that owns each, in the plan's order."""
    grouped: dict[str | None, list[Action]] = {}
    for action in actions:
        grouped.setdefault(owners.get(action.id), []).append(action)
    return grouped
