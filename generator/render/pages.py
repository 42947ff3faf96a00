"""What each page shows, worked out in Python so templates only lay it out.

Each page kind gets a small typed context; templates never discover bad data or compute
standings themselves.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from generator import addresses
from generator.models import Assessment, Charter, Framework, Measure
from generator.models.charter import Commitment, Standard
from generator.models.framework import Node
from generator.models.improvement import Action, Plan
from generator.models.measure import Result
from generator.periods import Period
from generator.publication import Publication
from generator.render import atoz, links, organisations
from generator.render import evidence as evidence_split
from generator.render.cards import ORDER, Figure, misses_first, of_standing
from generator.render.evidence import evidence_map
from generator.render.i18n import N_
from generator.render.i18n import gettext as _
from generator.render.words import latest, long_date, slug, status_of
from generator.standing import Verdict, target_for, verdict

Page = tuple[str, str, dict[str, Any]]

NOT_ASSESSED = N_("Not assessed")


@dataclass(frozen=True)
class StandardNow:
    """A charter standard with how it stands today."""

    standard: Standard
    measure: Measure
    result: Result | None
    status: str


@dataclass(frozen=True)
class ActionNow:
    """An action with where it sits and whether it is overdue on the day of the build."""

    action: Action
    plan: Plan
    overdue: bool


def standard_now(pub: Publication, standard: Standard, as_of: date) -> StandardNow:
    """The latest result that counts for a standard: within its period, if it names one."""
    measure = pub.measures[standard.measure]
    period = standard.period
    results = [
        r for r in measure.results if period is None or period.start <= r.period.start <= r.period.end <= period.end
    ]
    result = max(results, key=lambda r: r.period, default=None)
    if result is None:
        waiting = period is not None and as_of <= period.end
        return StandardNow(standard, measure, None, "not-due" if waiting else "no-data")
    met = result.value >= standard.target if standard.comparison == "at-least" else result.value <= standard.target
    return StandardNow(standard, measure, result, "met" if met else "not-met")


def charter_dates(charter: Charter, today: date) -> str:
    """When a charter applies, and when it is reviewed; a past date is never called 'next'."""
    said = []
    if charter.effective:
        said.append(_("In force from %(date)s.") % {"date": long_date(charter.effective)})
    if charter.reviewed:
        said.append(_("Last reviewed on %(date)s.") % {"date": long_date(charter.reviewed)})
    if charter.ended:
        said.append(_("This charter ended on %(date)s.") % {"date": long_date(charter.ended)})
    elif charter.review and charter.review >= today:
        said.append(_("Next review by %(date)s.") % {"date": long_date(charter.review)})
    elif charter.review:
        said.append(_("A review was due by %(date)s.") % {"date": long_date(charter.review)})
    return " ".join(said)


def due_date(action: Action) -> date | None:
    if action.due is None:
        return None
    return action.due.end if isinstance(action.due, Period) else action.due


def actions_now(pub: Publication, as_of: date) -> dict[str, ActionNow]:
    found = {}
    for plan in pub.plans.values():
        for action in plan.actions:
            due = due_date(action)
            overdue = due is not None and due < as_of and action.status in ("not-started", "in-progress")
            found[action.id] = ActionNow(action, plan, overdue)
    return found


class ResultRows:
    """A measure's results, newest first, each with its target and status, worked out only when
    its page renders: they follow from the measure alone, so a page's key hashes the measure
    (`render.keys`) and a page taken from the last build never works them out."""

    def __init__(self, measure: Measure) -> None:
        self.measure = measure

    def __reduce__(self) -> tuple[Any, ...]:
        return ResultRows, (self.measure,)

    def __len__(self) -> int:
        return len(self.measure.results)

    def __iter__(self) -> Iterator[tuple[Result, float | None, str]]:
        measure = self.measure
        for r in sorted(measure.results, key=lambda r: r.period, reverse=True):
            yield r, target_for(measure, r.period), status_of(measure, r)


def page_contexts(pub: Publication, as_of: date) -> Iterator[Page]:
    actions = actions_now(pub, as_of)
    standings = {
        cid: [(c, [standard_now(pub, s, as_of) for s in c.standards]) for c in charter.commitments]
        for cid, charter in pub.charters.items()
    }
    every = [s for rows in standings.values() for _, row in rows for s in row]
    measured = [s for s in every if s.result is not None]
    periods = sorted({s.result.period for s in measured if s.result}, key=lambda p: p.sort_key())
    improving = [a for a in actions.values() if a.action.status == "in-progress"]
    misses = [(m, r) for m in pub.measures.values() if (r := latest(m)) and status_of(m, r) == "not-met"]
    flat = {cid: [s for _, row in rows for s in row] for cid, rows in standings.items()}
    organised = organisations.of(pub)
    split = addresses.organisations_split(pub)
    charters_of = organisations.promised(pub, organised, flat) if split else []
    yield (
        "index.md",
        "home.md.j2",
        {
            "standings_all": every,
            "channels": [] if split else home_groups(pub, standings),
            "promises": sum(len(charter.commitments) for charter in pub.charters.values()),
            "period": periods[-1] if len(periods) == 1 else None,
            "misses": misses,
            "improving": improving[:6],
            "posts": pub.posts[:3],
            "organised": charters_of,
            "total": organisations.counts_of(pub.measures.values()),
        },
    )
    if split:
        yield from organisations.standards_pages(pub, charters_of, flat)
    else:
        yield (
            "standards/index.md",
            "standards.md.j2",
            {"charters": pub.charters, "flat": flat, "organisation": None},
        )
    for cid, charter in pub.charters.items():
        context = {"charter": charter, "groups": by_channel(standings[cid]), "owner": cid}
        yield links.charter(cid), "charter.md.j2", context
        yield links.large_print(cid), "charter-large-print.md.j2", context
    if split:
        yield from organisations.measure_pages(pub, organised)
    else:
        everything = sorted(pub.measures.values(), key=lambda m: m.title)
        yield "performance/index.md", "performance.md.j2", {"measures": everything, "organisation": None}
    citing: dict[int, list[tuple[str, Any]]] = {}  # a measure's commitments, in the charters' order
    for cid, rows_ in standings.items():
        for c, ss in rows_:
            for cited in {id(s.measure): None for s in ss}:
                citing.setdefault(cited, []).append((cid, c))
    for mid, measure in pub.measures.items():
        linked = sorted({a for r in measure.results for a in r.actions if a in actions})
        cited_by = citing.get(id(measure), [])
        yield (
            links.measure(mid),
            "measure.md.j2",
            {
                "measure": measure,
                "rows": ResultRows(measure),
                "actions": [actions[a] for a in linked],
                "cited_by": cited_by,
                "owner": mid,
            },
        )
    evidence = evidence_map(pub, actions)
    yield "frameworks/index.md", "frameworks.md.j2", {}
    owned, rest = evidence_split.by_organisation(pub, evidence) if split else ({}, evidence)
    for fid, framework in pub.frameworks.items():
        yield links.framework(fid), "framework.md.j2", {"framework": framework, "owner": fid}
        levels = {level.id: level.label for level in framework.scale} | {"not-assessed": _(NOT_ASSESSED)}
        for node in framework.nodes:
            context = {
                "framework": framework,
                "node": node,
                "evidence": rest,
                "levels": levels,
                "owner": f"{fid}:{node.id}",
                "owned": None,
                "rows": [],
            }
            if split:
                context |= evidence_split.criterion(framework, element_nodes(framework, node), organised, owned, levels)
            yield links.criterion(fid, node.id), "criterion.md.j2", context
        for o in organised if split else ():
            mine = owned.get(o.id, {})
            parts = [
                (
                    node,
                    [
                        (leaf, mine[ref])
                        for leaf in element_nodes(framework, node)
                        if (ref := f"{fid}:{leaf.id}") in mine
                    ],
                )
                for node in framework.nodes
            ]
            parts = [(node, leaves) for node, leaves in parts if leaves]
            if parts:
                context = {
                    "framework": framework,
                    "organisation": o,
                    "parts": parts,
                    "levels": levels,
                    "owner": f"organisation {o.id}",
                }
                yield links.organisation_evidence(fid, o.id), "framework-organisation.md.j2", context
    yield "assessments/index.md", "assessments.md.j2", {"verdicts": all_verdicts(pub)}
    for aid, assessment in pub.assessments.items():
        yield links.assessment(aid), "assessment.md.j2", assessment_context(pub, aid, assessment, actions)
    if split:
        yield from organisations.improvement_pages(pub, organised, actions)
    else:
        yield "improvement/index.md", "improvement.md.j2", {"actions": actions}
    yield "benchmarks/index.md", "benchmarks.md.j2", {}
    for bid, benchmark in pub.benchmarks.items():
        ranked = {
            m.id: sorted(
                [o for o in benchmark.organisations if m.id in o.values],
                key=lambda o, m=m: -o.values[m.id] if m.polarity == "higher-is-better" else o.values[m.id],  # type: ignore[misc]
            )
            for m in benchmark.measures
        }
        yield links.benchmark(bid), "benchmark.md.j2", {"benchmark": benchmark, "ranked": ranked, "owner": bid}
    yield "updates/index.md", "updates.md.j2", {}
    said = [post for post in pub.posts if "you-said-we-did" in post.meta.tags]
    yield "updates/you-said-we-did.md", "you-said-we-did.md.j2", {"said": said}
    for post in pub.posts:
        yield links.post(post.slug), "post.md.j2", {"post": post, "owner": post.slug}
    if not split:
        by_id = [pub.measures[mid] for mid in sorted(pub.measures)]
        yield "data/index.md", "data.md.j2", {"measures": by_id, "organisation": None}
    yield "contact.md", "contact.md.j2", {}
    yield "accessibility.md", "accessibility.md.j2", {}
    yield from atoz.pages(pub, organisations.az_items(organised, charters_of) if split else [])


CHANNELS = {
    "letters-and-email": N_("Letters and email"),
    "telephone": N_("Telephone"),
    "reception": N_("At our offices"),
    "waiting": N_("Waiting times"),
    "visits": N_("Visits to your home"),
    "online": N_("Online"),
    "text-messages": N_("Text messages"),
    "face-to-face": N_("Face to face"),
    "social-media": N_("Social media"),
    "complaints": N_("Complaints"),
    "freedom-of-information": N_("Freedom of Information requests"),
    "councillors": N_("Enquiries from councillors"),
    "disabled-people": N_("Disabled people"),
    "general": N_("In everything we do"),
}

# An action's status: on its own (a table cell), and inside a sentence.
ACTION_STATUS = {
    "not-started": N_("Not started"),
    "in-progress": N_("In progress"),
    "done": N_("Done"),
    "cancelled": N_("Cancelled"),
}
ACTION_STATUS_IN_TEXT = {
    "not-started": N_("not started"),
    "in-progress": N_("in progress"),
    "done": N_("done"),
    "cancelled": N_("cancelled"),
}


def action_status(code: str, in_text: bool = False) -> str:
    """`in-progress` → `In progress`, or `in progress` inside a sentence, in the page's language."""
    return _((ACTION_STATUS_IN_TEXT if in_text else ACTION_STATUS)[code])


# The id of a charter's heading for each channel: the English heading's slug, the same in every language.
CHANNEL_ANCHORS = {channel: slug(label) for channel, label in CHANNELS.items()}


def channel_anchor(channel: str) -> str:
    return CHANNEL_ANCHORS[channel]


def free_ids(candidates: Iterable[str], taken: Iterable[str] = ()) -> set[str]:
    """The ids that data headings can carry: those that occur once among them and no other id on the page has."""
    counts = Counter(candidates)
    reserved = set(taken)
    return {i for i, n in counts.items() if n == 1 and i not in reserved}


def by_channel(rows: list[tuple[Commitment, list[StandardNow]]]) -> list[tuple[str, list[Any]]]:
    """Commitments grouped under the charter's own heading or else their channel's name, in the
    order the charter first uses them."""
    groups: dict[str, list[Any]] = {}
    for commitment, standings in rows:
        label = commitment.heading or _(CHANNELS[commitment.channel])
        groups.setdefault(label, []).append((commitment, standings))
    # A promise without a title, after a titled one, would read as part of it (it would sit under
    # that promise's heading): in each group, untitled promises come first, right under the group's
    # heading, each kind in the charter's order.
    return [(label, sorted(group, key=lambda row: row[0].title is not None)) for label, group in groups.items()]


def home_groups(
    pub: Publication, standings: dict[str, list[tuple[Commitment, list[StandardNow]]]]
) -> list[tuple[str, str, list[Figure]]]:
    """Every charter standard as a figure, grouped by channel (label, heading id, figures): in
    each group misses first, and groups with a miss before the others. With several charters,
    each figure names its charter, since two may promise different targets for one measure."""
    several = len(pub.charters) > 1
    groups: dict[str, list[Figure]] = {}
    for cid, rows in standings.items():
        title = pub.charters[cid].title if several else None
        for commitment, row in rows:
            groups.setdefault(commitment.channel, []).extend(of_standing(s, title) for s in row)
    ordered = sorted(
        ((channel, misses_first(figures)) for channel, figures in groups.items() if figures),
        key=lambda group: ORDER.get(group[1][0].status, 5),
    )
    return [(_(CHANNELS[channel]), CHANNEL_ANCHORS[channel], figures) for channel, figures in ordered]


def group_anchor(group: list[Any]) -> str:
    """A group's heading id, the same in every language: its channel's, or for a charter's own
    heading the channel's and its first promise's id."""
    first: Commitment = group[0][0]
    anchor = CHANNEL_ANCHORS[first.channel]
    return f"{anchor}-{first.id}" if first.heading else anchor


def group_anchors(groups: list[tuple[str, list[Any]]]) -> list[str]:
    return [group_anchor(group) for _, group in groups]


def all_verdicts(pub: Publication) -> list[tuple[Assessment, Verdict | None]]:
    rows = []
    for assessment in sorted(pub.assessments.values(), key=lambda a: a.date, reverse=True):
        framework = pub.frameworks.get(assessment.framework)
        rows.append((assessment, verdict(assessment, framework) if framework else None))
    return rows


def assessment_context(
    pub: Publication, aid: str, assessment: Assessment, actions: dict[str, ActionNow]
) -> dict[str, Any]:
    framework = pub.frameworks[assessment.framework]
    nodes = {node.id: node for _, node in framework.walk()}
    best = framework.scale[0].id
    below_best = [
        (nodes[e], r, [actions[a] for a in r.actions if a in actions])
        for e, r in assessment.ratings.items()
        if r.rating not in (best, "not-assessed") and e in nodes
    ]
    changes = []
    earlier = pub.assessments.get(assessment.previous) if assessment.previous else None
    if earlier:
        for element in (n.id for n in framework.elements()):
            before, now = earlier.ratings.get(element), assessment.ratings.get(element)
            if before and now and before.rating != now.rating:
                changes.append((nodes[element], before.rating, now.rating))
    return {
        "assessment": assessment,
        "framework": framework,
        "verdict": verdict(assessment, framework),
        "levels": {level.id: level.label for level in framework.scale} | {"not-assessed": _(NOT_ASSESSED)},
        "below_best": below_best,
        "earlier": earlier,
        "earlier_verdict": verdict(earlier, framework) if earlier else None,
        "changes": changes,
        "unit_name": unit_names(pub).get(assessment.unit, assessment.unit),
        "owner": aid,
    }


def unit_of(pub: Publication, unit_id: str) -> Any:
    """The unit with this id (from site.yml), or None."""
    stack = list(pub.site.units) if pub.site else []
    while stack:
        unit = stack.pop()
        if unit.id == unit_id:
            return unit
        stack.extend(unit.children)
    return None


def unit_names(pub: Publication) -> dict[str, str]:
    names: dict[str, str] = {}
    stack = list(pub.site.units) if pub.site else []
    while stack:
        unit = stack.pop()
        names[unit.id] = unit.name
        stack.extend(unit.children)
    return names


def element_nodes(framework: Framework, node: Node) -> list[Node]:
    """The rateable elements under `node`, in order."""
    if not node.children:
        return [node]
    return [leaf for child in node.children for leaf in element_nodes(framework, child)]


# The titles of mkdocs.yml's nav, which MkDocs shows; marked here so they are in the catalog and
# translated for the other languages' builds.
NAV_LABELS = (
    N_("Home"),
    N_("Our standards"),
    N_("Performance"),
    N_("What we are improving"),
    N_("Assessments"),
    N_("Frameworks"),
    N_("How we compare"),
    N_("Updates"),
    N_("Download data"),
    N_("A to Z"),
    N_("Contact us"),
    N_("Accessibility"),
)

# The colour scheme toggle's names in mkdocs.yml's palette, translated the same way.
PALETTE_LABELS = (N_("Switch to dark mode"), N_("Switch to light mode"))
