"""Cross-reference checks: ids that must exist, be unique, and figures that must make sense.

Runs after every file has loaded into its model, so it sees the whole publication and reports
every problem in one pass. Nothing here raises for bad data.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

from generator import addresses
from generator.brand import file_problem
from generator.custom_templates import template_problems
from generator.future import future_problems
from generator.load import Document, ParseCache, Path_
from generator.models import Assessment, Framework, Measure
from generator.models.assessment import NOT_ASSESSED
from generator.models.site import Unit
from generator.periods import Period
from generator.problems import Problem, did_you_mean
from generator.publication import Publication, adopt_standard_targets, read_publication
from generator.references import link_problems
from generator.standing import next_due, status, target_for, verdict
from generator.today import as_of
from generator.translate import language_problems

RESULT_KIND = {
    "monthly": "month",
    "quarterly": "quarter",
    "half-yearly": "half",
    "annual": "year",
    "financial-year": "financial-year",
    "irregular": "",  # any kind of period
}
FISCAL_EXAMPLE = {"quarter": "2024-25 Q1", "half": "2024-25 H1"}
EXAMPLE = {
    "month": "2024-04",
    "quarter": "2024-Q1",
    "half": "2024-H1",
    "year": "2024",
    "financial-year": "2024-25",
}


def validate(root: Path, cache: ParseCache | None = None) -> tuple[Publication, list[Problem]]:
    """Load the publication and check it completely; problems come back sorted by file and line."""
    publication, problems = read_publication(root, cache)
    adopt_standard_targets(publication)
    problems.extend(Checker(publication).run())
    problems.extend(language_problems(publication))
    problems.extend(link_problems(publication))
    problems.extend(future_problems(publication))
    problems.extend(template_problems(root))
    return publication, sorted(problems, key=lambda p: (p.file, p.line, p.column, p.field, p.message))


class Checker:
    """Holds the indexes the checks share (unit ids, elements, actions) and collects problems."""

    def __init__(self, publication: Publication) -> None:
        self.pub = publication
        self.problems: list[Problem] = []
        self.units = self._unit_ids()
        self.elements = {fid: {node.id for _, node in fw.walk()} for fid, fw in publication.frameworks.items()}
        self.actions = {action.id for plan in publication.plans.values() for action in plan.actions}

    def run(self) -> list[Problem]:
        self.site()
        for fid, framework in self.pub.frameworks.items():
            self.framework(framework, self.pub.document("framework", fid))
        for cid in self.pub.charters:
            self.charter(cid)
        for mid, measure in self.pub.measures.items():
            self.measure(measure, self.pub.document("measure", mid))
        for aid in self.pub.assessments:
            self.assessment(aid)
        for bid in self.pub.benchmarks:
            self.benchmark(bid)
        self.plans()
        self.problems += addresses.clashes(self.pub)
        return self.problems

    # -- helpers ---------------------------------------------------------------------------------

    def add(self, doc: Document, path: Path_, message: str, severity: str = "error") -> None:
        self.problems.append(doc.problem(path, message, severity))

    def known(
        self, doc: Document, path: Path_, value: str, choices: Collection[str], what: str, kind: str = ""
    ) -> bool:
        """Report `value` unless it is one of `choices`; True when it is.

        Nothing is reported for an item of `kind` whose own file failed to load: that file's
        problem is the one to fix.
        """
        if value in choices:
            return True
        if (kind, value.partition("/")[0]) in self.pub.failed or (
            kind == "unit" and ("site", "site") in self.pub.failed
        ):
            return False
        self.add(doc, path, f"no {what} with the id '{value}'{did_you_mean(value, choices)}")
        return False

    def unique(self, doc: Document, items: Iterable[tuple[Path_, str]], what: str) -> None:
        first: dict[str, Path_] = {}
        for path, value in items:
            if value in first:
                line = doc.position(first[value])[0]
                self.add(doc, path, f"duplicate {what} '{value}' (first at line {line})")
            else:
                first[value] = path

    def element_refs(self, doc: Document, path: Path_, refs: Iterable[str]) -> None:
        for index, ref in enumerate(refs):
            framework, _, element = ref.partition(":")
            where = (*path, index)
            known = self.known(doc, where, framework, self.elements, "framework", "framework")
            if known and element not in self.elements[framework]:
                hint = did_you_mean(element, self.elements[framework])
                self.add(doc, where, f"framework '{framework}' has no element '{element}'{hint}")

    def action_refs(self, doc: Document, path: Path_, ids: Collection[str]) -> None:
        if not ids or any(kind == "improvement" for kind, _ in self.pub.failed):
            return  # the action may be in the plan that failed to load
        for index, action in enumerate(ids):
            self.known(doc, (*path, index), action, self.actions, "improvement action")

    def value_range(self, doc: Document, path: Path_, unit: str, value: float) -> None:
        if unit == "percentage" and not 0 <= value <= 100:
            self.add(doc, path, f"must be between 0 and 100 for a percentage, got {value:g}")
        elif unit in ("count", "duration", "days") and value < 0:
            self.add(doc, path, f"must not be negative for a {unit}, got {value:g}")

    def _unit_ids(self) -> set[str]:
        site = self.pub.site
        if site is None:
            return set()
        doc = self.pub.document("site", "site")
        found: list[tuple[Path_, str]] = []

        def walk(units: tuple[Unit, ...], path: Path_) -> None:
            for index, unit in enumerate(units):
                found.append(((*path, index, "id"), unit.id))
                walk(unit.children, (*path, index, "children"))

        walk(site.units, ("units",))
        self.unique(doc, found, "unit id")
        ids = {value for _, value in found}
        self.unique(
            doc, [(("contact", "channels", i, "id"), c.id) for i, c in enumerate(site.contact.channels)], "channel id"
        )
        self.unique(
            doc, [(("contact", "offices", i, "id"), o.id) for i, o in enumerate(site.contact.offices)], "office id"
        )
        for i, office in enumerate(site.contact.offices):
            for j, unit_id in enumerate(office.services):
                self.known(doc, ("contact", "offices", i, "services", j), unit_id, ids, "unit")
        return ids

    # -- kinds -----------------------------------------------------------------------------------

    def site(self) -> None:
        """What a real publisher's site must say before residents read it (a sample may leave it),
        and that its logo and favicon files can be served."""
        site = self.pub.site
        if site is not None:
            for field in ("logo", "favicon"):
                relative = getattr(site.brand, field)
                problem = relative and file_problem(self.pub.root, relative)
                if problem:
                    self.add(self.pub.document("site", "site"), ("brand", field), problem)
        if site is None or site.sample:
            return
        doc = self.pub.document("site", "site")
        if site.url.rstrip("/") in ("https://example.org", "http://example.org"):
            self.add(doc, ("url",), f"'{site.url}' is a placeholder; give the published site's address", "warning")
        if site.accessibility is None:
            message = "missing: the accessibility statement is written from it; docs/data-format.md shows an example"
            self.add(doc, ("accessibility",), message, "warning")

    def framework(self, framework: Framework, doc: Document) -> None:
        levels = [level.id for level in framework.scale]
        self.unique(doc, [(("scale", i, "id"), level) for i, level in enumerate(levels)], "level")
        if framework.award_rule:
            for i, condition in enumerate(framework.award_rule.conditions):
                self.known(doc, ("award_rule", "conditions", i, "level"), condition.level, levels, "scale level")
        walked = list(framework.walk())
        paths = {index: _node_path(index) for index, _ in walked}
        self.unique(doc, [((*paths[index], "id"), node.id) for index, node in walked], "node id")
        for index, node in walked:
            for level in node.descriptors:
                self.known(doc, (*paths[index], "descriptors", level), level, levels, "scale level")

    def charter(self, cid: str) -> None:
        charter, doc = self.pub.charters[cid], self.pub.document("charter", cid)
        self.known(doc, ("unit",), charter.unit, self.units, "unit", "unit")
        self.unique(doc, [(("commitments", i, "id"), c.id) for i, c in enumerate(charter.commitments)], "commitment id")
        if charter.review and charter.effective and charter.review <= charter.effective:
            self.add(doc, ("review",), f"must be after the effective date ({charter.effective}), got {charter.review}")
        for i, commitment in enumerate(charter.commitments):
            self.element_refs(doc, ("commitments", i, "elements"), commitment.elements)
            for j, standard in enumerate(commitment.standards):
                path: Path_ = ("commitments", i, "standards", j)
                if not self.known(doc, (*path, "measure"), standard.measure, self.pub.measures, "measure", "measure"):
                    continue
                measure = self.pub.measures[standard.measure]
                self.value_range(doc, (*path, "target"), measure.unit, standard.target)
                if measure.polarity is None:
                    self.add(
                        doc,
                        (*path, "measure"),
                        f"'{standard.measure}' is a context figure (no polarity), so it cannot show a standard "
                        "is kept; give the measure a polarity",
                    )
                    continue
                expected = "at-least" if measure.polarity == "higher-is-better" else "at-most"
                if standard.comparison != expected:
                    self.add(
                        doc,
                        (*path, "comparison"),
                        f"expected {expected} because the measure is {measure.polarity}, got {standard.comparison}",
                    )

    def measure(self, measure: Measure, doc: Document) -> None:
        self.known(doc, ("owner",), measure.owner, self.units, "unit", "unit")
        self.element_refs(doc, ("elements",), measure.elements)
        self.unique(
            doc, [(("targets", i, "from"), str(t.from_)) for i, t in enumerate(measure.targets)], "target period"
        )
        for i, target in enumerate(measure.targets):
            self.value_range(doc, ("targets", i, "value"), measure.unit, target.value)
        if measure.polarity is None and measure.targets:
            self.add(
                doc,
                ("targets",),
                "a measure with targets needs a polarity (higher-is-better or lower-is-better); "
                "leave targets out for a context figure",
            )
        wanted = RESULT_KIND[measure.frequency]
        first_text: dict[tuple[Any, ...], str] = {}
        keyed = []
        for i, r in enumerate(measure.results):
            text = first_text.setdefault((r.period.start, r.period.end, r.year_to_date), str(r.period))
            keyed.append((("results", i, "period"), text + (" (year to date)" if r.year_to_date else "")))
        self.unique(doc, keyed, "result period")
        for i, result in enumerate(measure.results):
            path: Path_ = ("results", i)
            if wanted and result.period.kind != wanted:
                self.add(
                    doc,
                    (*path, "period"),
                    f"expected a {wanted} like {example(wanted, self.pub.year_starts)} for a {measure.frequency} "
                    f"measure, got '{result.period}', which is {_read_as(result.period)}",
                )
            self._calendar_quarter(doc, (*path, "period"), result.period)
            self.value_range(doc, (*path, "value"), measure.unit, result.value)
            numbers = (result.numerator, result.denominator)
            if measure.unit == "percentage" and None not in numbers and result.numerator > result.denominator:  # type: ignore[operator]
                self.add(
                    doc,
                    (*path, "numerator"),
                    f"must not be more than the denominator ({result.denominator:g}), got {result.numerator:g}",
                )
            for j, share in enumerate(result.breakdown):
                if share.unit is not None:
                    self.known(doc, (*path, "breakdown", j, "unit"), share.unit, self.units, "unit", "unit")
                self.value_range(doc, (*path, "breakdown", j, "value"), measure.unit, share.value)
            self.action_refs(doc, (*path, "actions"), result.actions)
        if measure.results:
            index, latest = max(
                enumerate(measure.results),
                key=lambda pair: (pair[1].period.start, pair[1].period.end, not pair[1].year_to_date),
            )
            promised = target_for(measure, latest.period) or 0.0
            if status(measure, latest) == "not-met" and not latest.explanation:
                setting = self.pub.site.settings.unexplained_misses if self.pub.site else "error"
                self.add(
                    doc,
                    ("results", index),
                    f"the latest result ({latest.value:g} in {latest.period}) misses the target of {promised:g}; "
                    "add an explanation saying why and what is being done",
                    setting,
                )
        due = next_due(measure)
        if due and due[1] < as_of() and measure.ended is None:
            self.add(
                doc,
                ("results",),
                f"the result for {due[0]} was due by {due[1]}; add it with: charterkit new period {due[0]}",
                "warning",
            )

    def _outcome(self, doc: Document, assessment: Assessment, framework: Framework) -> None:
        """The outcome the assessor recorded should agree with the award rule applied to the ratings."""
        if assessment.outcome not in ("awarded", "not-awarded") or framework.award_rule is None:
            return
        achieved = verdict(assessment, framework).achieved
        if achieved != (assessment.outcome == "awarded"):
            worked = "meet" if achieved else "do not meet"
            self.add(
                doc,
                ("outcome",),
                f"recorded as {assessment.outcome}, but the ratings {worked} the award rule; check the ratings "
                "and the outcome",
                "warning",
            )

    def _calendar_quarter(self, doc: Document, path: Path_, period: Period) -> None:
        """A calendar quarter typed in a publication that reports in financial years is most
        likely a slip (a council's "Q3 2019/20" typed as 2019-Q3): say which months it means."""
        if period.kind != "quarter" or period.year_starts == 1 or " " in period.text:
            return
        fiscal = period.fiscal
        written = f"{fiscal[0]}-{(fiscal[0] + 1) % 100:02d} Q{fiscal[1]}" if fiscal else ""
        self.add(
            doc,
            path,
            f"'{period}' is the calendar quarter {period.months}; this publication reports in years starting in "
            f"{period.start.replace(month=period.year_starts).strftime('%B')}, so write {written} for those months",
            "warning",
        )

    def assessment(self, aid: str) -> None:
        assessment, doc = self.pub.assessments[aid], self.pub.document("assessment", aid)
        self.known(doc, ("unit",), assessment.unit, self.units, "unit", "unit")
        if assessment.end_date and assessment.end_date < assessment.date:
            self.add(doc, ("end_date",), f"must not be before the date ({assessment.date}), got {assessment.end_date}")
        if assessment.previous:
            self._previous(assessment.previous, aid, doc)
        if not self.known(doc, ("framework",), assessment.framework, self.pub.frameworks, "framework", "framework"):
            return
        framework = self.pub.frameworks[assessment.framework]
        self._outcome(doc, assessment, framework)
        elements = [node.id for node in framework.elements()]
        levels = [level.id for level in framework.scale] + [NOT_ASSESSED]
        for element, rating in assessment.ratings.items():
            path: Path_ = ("ratings", element)
            if element not in elements:
                hint = did_you_mean(element, elements)
                self.add(doc, path, f"'{framework.id}' has no element '{element}' to rate{hint}")
            if rating.rating not in levels:
                where = (*path, "rating") if (*path, "rating") in doc.marks else path
                self.add(
                    doc,
                    where,
                    f"expected one of {', '.join(levels)}, got '{rating.rating}'{did_you_mean(rating.rating, levels)}",
                )
            self.action_refs(doc, (*path, "actions"), rating.actions)
        unrated = [element for element in elements if element not in assessment.ratings]
        if unrated:
            shown = ", ".join(unrated[:10]) + (f" and {len(unrated) - 10} more" if len(unrated) > 10 else "")
            self.add(
                doc,
                ("ratings",),
                f"{len(unrated)} element(s) not rated: {shown}; rate each one or mark it {NOT_ASSESSED}",
            )

    def _previous(self, previous: str, aid: str, doc: Document) -> None:
        current = self.pub.assessments[aid]
        if previous == aid or not self.known(
            doc, ("previous",), previous, self.pub.assessments, "assessment", "assessment"
        ):
            if previous == aid:
                self.add(doc, ("previous",), "an assessment cannot be its own previous assessment")
            return
        earlier = self.pub.assessments[previous]
        if earlier.date >= current.date:
            self.add(
                doc,
                ("previous",),
                f"'{previous}' ({earlier.date}) must be earlier than this assessment ({current.date})",
            )
        if earlier.unit != current.unit or earlier.framework != current.framework:
            self.add(
                doc,
                ("previous",),
                f"'{previous}' assessed {earlier.unit} against {earlier.framework}; "
                "expected the same unit and framework",
            )

    def benchmark(self, bid: str) -> None:
        benchmark, doc = self.pub.benchmarks[bid], self.pub.document("benchmark", bid)
        units = {m.id: m.unit for m in benchmark.measures}
        self.unique(doc, [(("measures", i, "id"), m.id) for i, m in enumerate(benchmark.measures)], "measure id")
        self.unique(
            doc, [(("organisations", i, "name"), o.name) for i, o in enumerate(benchmark.organisations)], "organisation"
        )
        groups = [g.id for g in benchmark.groups]
        for i, org in enumerate(benchmark.organisations):
            for j, group in enumerate(org.groups):
                self.known(doc, ("organisations", i, "groups", j), group, groups, "group")
            for key, value in org.values.items():
                path: Path_ = ("organisations", i, "values", key)
                if self.known(doc, path, key, units, "benchmark measure"):
                    self.value_range(doc, path, units[key], value)
        if sum(org.ours for org in benchmark.organisations) > 1:
            self.add(doc, ("organisations",), "more than one organisation is marked ours: true; mark only your own")

    def plans(self) -> None:
        seen: dict[str, str] = {}
        commitments = {f"{cid}/{c.id}" for cid, charter in self.pub.charters.items() for c in charter.commitments}
        for pid, plan in self.pub.plans.items():
            doc = self.pub.document("improvement", pid)
            self.unique(
                doc,
                [(("recommendations", i, "id"), r.id) for i, r in enumerate(plan.recommendations)],
                "recommendation id",
            )
            for i, action in enumerate(plan.actions):
                path: Path_ = ("actions", i)
                if action.id in seen:
                    self.add(doc, (*path, "id"), f"duplicate action id '{action.id}' (also in {seen[action.id]})")
                seen.setdefault(action.id, f"improvement/{pid}")
                self.element_refs(doc, (*path, "elements"), action.elements)
                for j, measure in enumerate(action.measures):
                    self.known(doc, (*path, "measures", j), measure, self.pub.measures, "measure", "measure")
                for j, ref in enumerate(action.commitments):
                    self.known(
                        doc,
                        (*path, "commitments", j),
                        ref,
                        commitments,
                        "commitment (written charter/commitment)",
                        "charter",
                    )
            for i, recommendation in enumerate(plan.recommendations):
                self.action_refs(doc, ("recommendations", i, "actions"), recommendation.actions)


def _node_path(index: tuple[int, ...]) -> Path_:
    path: list[str | int] = ["nodes", index[0]]
    for part in index[1:]:
        path += ["children", part]
    return tuple(path)


def _read_as(period: Period) -> str:
    """What a period was read as, in words: 'the financial year April 2011 to March 2012'."""
    kind = {"financial-year": "financial year", "half": "half-year", "span": "span"}.get(period.kind, period.kind)
    return f"the {kind} {period.months}" if period.kind != "year" else f"the calendar year {period.text}"


def example(kind: str, year_starts: int) -> str:
    """A period of `kind` as this publication writes it."""
    return FISCAL_EXAMPLE.get(kind, EXAMPLE[kind]) if year_starts != 1 else EXAMPLE[kind]


def latest_period(measure: Measure) -> Period | None:
    return max((r.period for r in measure.results), default=None)
