"""`charterkit diff`: what a change to the data means, in words a reviewer can check.

Both revisions are loaded through the same validation as a build, then compared item by item:
targets, results, promises, assessments, actions and updates.
"""

from __future__ import annotations

import io
import json
import subprocess
import tarfile
import tempfile
from collections import defaultdict
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from generator.models import Measure
from generator.problems import CharterkitError, Problem
from generator.publication import Publication
from generator.render.words import figure
from generator.standing import status, verdict
from generator.validate import validate


@dataclass(frozen=True)
class Change:
    """One change, in words."""

    section: str
    item: str
    message: str


def load_revision(repo: Path, data: str, revision: str | None, into: Path) -> tuple[Publication, list[Problem]]:
    """The publication as it was at `revision` (the working tree when None), with its errors.

    Problems name files as git does (`HEAD~1:data/site.yml`), so each can be opened with
    `git show`; a working-tree file is named from the repository (`data/site.yml`).
    """
    if revision is None:
        publication, problems = validate(repo / data)
        return publication, _errors(problems, repo, "")
    commit = resolve(repo, revision)
    done = subprocess.run(
        ["git", "archive", "--format=tar", commit, "--", data], cwd=repo, capture_output=True, check=False
    )
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["unknown revision"]
        raise CharterkitError(f"git could not read '{data}' at {revision}: {message[0]}")
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as archive:
        try:
            archive.extractall(into, filter="data")
        except tarfile.FilterError as error:  # a committed link to somewhere outside the data
            member = error.tarinfo.name
            raise CharterkitError(
                f"{member} at {revision} is a link to '{error.tarinfo.linkname}', outside the data folder; "
                "commit the file itself in place of the link"
            ) from None
    publication, problems = validate(into / data)
    return publication, _errors(problems, into, f"{revision}:")


def resolve(repo: Path, revision: str) -> str:
    """The commit `revision` names. It is refused when it could be read as an option (git would
    act on `--output=data/site.yml` and empty that file) and is checked before anything else
    sees it, so git is only ever given the commit's full hash."""
    if not revision or revision.startswith("-"):
        raise CharterkitError(
            f"'{revision}' is not a revision: a commit, branch or tag never starts with '-' "
            "(give one such as HEAD~1 or main)"
        )
    done = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"],
        cwd=repo,
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        if b"not a git repository" in done.stderr:
            raise CharterkitError(f"{repo}: not a git repository; run diff inside the repository that holds the data")
        raise CharterkitError(f"'{revision}' is not a commit, branch or tag here; see the names with git log --oneline")
    return done.stdout.decode().strip()


def _errors(problems: list[Problem], base: Path, prefix: str) -> list[Problem]:
    """The errors only, each file named from `base` and prefixed (`HEAD:` for a revision)."""
    found = []
    for problem in problems:
        if problem.severity != "error":
            continue
        path = Path(problem.file)
        name = path.relative_to(base).as_posix() if path.is_relative_to(base) else problem.file
        found.append(replace(problem, file=prefix + name))
    return found


def changes(repo: Path, data: str, old: str, new: str | None) -> list[Change]:
    """What changed from `old` to `new`. Invalid data on either side is refused with its errors:
    a file that does not load would otherwise look like its items were removed."""
    with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as two:
        before, before_errors = load_revision(repo, data, old, Path(one))
        after, after_errors = load_revision(repo, data, new, Path(two))
    if before_errors or after_errors:
        after_name = f"at {new}" if new else "in the working tree"
        sides = [
            f"{data} {name}" for name, errors in ((f"at {old}", before_errors), (after_name, after_errors)) if errors
        ]
        count = len(before_errors) + len(after_errors)
        raise CharterkitError(
            f"{count} problem(s) in {' and in '.join(sides)}; nothing was compared: fix them, then run diff again",
            before_errors + after_errors,
        )
    found: list[Change] = []
    found += _measures(before, after)
    found += _charters(before, after)
    found += _assessments(before, after)
    found += _actions(before, after)
    before_posts = {p.slug for p in before.posts}
    found += [
        Change("Updates", p.slug, f"New update: '{p.meta.title}' ({p.meta.date})")
        for p in after.posts
        if p.slug not in before_posts
    ]
    return found


def _show(measure: Measure, value: float) -> str:
    return figure(value, measure.unit, measure.decimals)


def _measures(before: Publication, after: Publication) -> list[Change]:
    found = []
    new_results: dict[str, list[tuple[Measure, bool, bool]]] = defaultdict(list)
    for mid, measure in after.measures.items():
        old = before.measures.get(mid)
        if old is None:
            found.append(Change("Measures", mid, f"New measure '{measure.title}'"))
            continue
        if old.title != measure.title:
            found.append(Change("Measures", mid, f"Measure '{old.title}' renamed to '{measure.title}'"))
        old_targets = {str(t.from_): t.value for t in old.targets}
        for target in measure.targets:
            was = old_targets.get(str(target.from_))
            if was is None:
                latest = max(old.targets, key=lambda t: t.from_, default=None)
                earlier = f" (was {_show(measure, latest.value)})" if latest else ""
                found.append(
                    Change(
                        "Targets",
                        mid,
                        f"Target for '{measure.title}' is {_show(measure, target.value)} from {target.from_}{earlier}",
                    )
                )
            elif was != target.value:
                found.append(
                    Change(
                        "Targets",
                        mid,
                        f"Target for '{measure.title}' changes from {_show(measure, was)} "
                        f"to {_show(measure, target.value)} from {target.from_}",
                    )
                )
        old_results = {str(r.period): r for r in old.results}
        for result in measure.results:
            previous = old_results.get(str(result.period))
            if previous is None:
                new_results[str(result.period)].append(
                    (measure, status(measure, result) == "not-met", bool(result.explanation))
                )
            elif previous.value != result.value:
                found.append(
                    Change(
                        "Results",
                        mid,
                        f"Result for '{measure.title}' in {result.period} changes "
                        f"from {_show(measure, previous.value)} to {_show(measure, result.value)}",
                    )
                )
    for mid, measure in before.measures.items():
        if mid not in after.measures:
            found.append(Change("Measures", mid, f"Measure '{measure.title}' removed"))
    for period, rows in sorted(new_results.items()):
        missed = [row for row in rows if row[1]]
        words = f"{len(rows)} new result{'s' if len(rows) != 1 else ''} for {period}"
        if missed:
            explained = sum(1 for row in missed if row[2])
            words += f"; {len(missed)} missed target{'s' if len(missed) != 1 else ''}, "
            words += "explained" if explained == len(missed) else f"{len(missed) - explained} not explained"
        else:
            words += "; every target met" if rows else ""
        found.append(Change("Results", period, words))
    return found


def _charters(before: Publication, after: Publication) -> list[Change]:
    found = []
    for cid, charter in after.charters.items():
        old = before.charters.get(cid)
        if old is None:
            found.append(Change("Charters", cid, f"New charter '{charter.title}'"))
            continue
        old_commitments = {c.id: c for c in old.commitments}
        for commitment in charter.commitments:
            name = commitment.title or _short(commitment.text)
            was = old_commitments.get(commitment.id)
            if was is None:
                found.append(Change("Charters", cid, f"New commitment in '{charter.title}': '{name}'"))
            elif was.text != commitment.text or was.title != commitment.title:
                found.append(Change("Charters", cid, f"Commitment '{name}' in '{charter.title}' reworded"))
            elif [(s.measure, s.target) for s in was.standards] != [
                (s.measure, s.target) for s in commitment.standards
            ]:
                found.append(Change("Charters", cid, f"Standards for '{name}' in '{charter.title}' changed"))
        for commitment in old.commitments:
            if commitment.id not in {c.id for c in charter.commitments}:
                found.append(
                    Change(
                        "Charters",
                        cid,
                        f"Commitment '{commitment.title or _short(commitment.text)}' removed from '{charter.title}'",
                    )
                )
        if old.review != charter.review and charter.review:
            found.append(Change("Charters", cid, f"'{charter.title}' next review moves to {charter.review}"))
    for cid, charter in before.charters.items():
        if cid not in after.charters:
            found.append(Change("Charters", cid, f"Charter '{charter.title}' removed"))
    return found


def _assessments(before: Publication, after: Publication) -> list[Change]:
    found = []
    for aid, assessment in after.assessments.items():
        if aid in before.assessments or assessment.framework not in after.frameworks:
            continue
        outcome = verdict(assessment, after.frameworks[assessment.framework]).achieved
        words = "" if outcome is None else ("; award standard met" if outcome else "; award standard not met")
        found.append(
            Change("Assessments", aid, f"New assessment '{aid}' of {assessment.unit} ({assessment.date}){words}")
        )
    return found


def _actions(before: Publication, after: Publication) -> list[Change]:
    old = {a.id: a for plan in before.plans.values() for a in plan.actions}
    found = []
    for plan in after.plans.values():
        for action in plan.actions:
            was = old.get(action.id)
            if was is None:
                found.append(Change("Actions", action.id, f"New action {action.id}: '{action.title}'"))
            elif was.status != action.status:
                found.append(
                    Change(
                        "Actions",
                        action.id,
                        f"Action {action.id} '{action.title}' is now {action.status.replace('-', ' ')}",
                    )
                )
            elif len(action.progress) > len(was.progress):
                found.append(Change("Actions", action.id, f"Progress noted on action {action.id} '{action.title}'"))
    return found


def _short(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def render_markdown(found: list[Change], old: str, new: str | None) -> str:
    lines = [f"### What this change publishes ({old} → {new or 'working tree'})", ""]
    if not found:
        return "\n".join([*lines, "No change to the published data."])
    sections: dict[str, list[Change]] = defaultdict(list)
    for change in found:
        sections[change.section].append(change)
    for section, items in sections.items():
        lines += [f"**{section}**", ""] + [f"- {c.message}" for c in items] + [""]
    return "\n".join(lines).rstrip()


def render_json(found: list[Change]) -> str:
    return json.dumps({"changes": [asdict(c) for c in found]}, indent=2, ensure_ascii=False)
