"""The example publication in data/ is valid, complete as the seeds require, and reports every mistake at once."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.publication import Publication
from generator.standing import verdict
from generator.validate import validate
from tests.conftest import DATA, ROOT, Run


@pytest.fixture(scope="module")
def example() -> Publication:
    publication, problems = validate(DATA)
    assert [str(p) for p in problems if not untranslated_files(str(p))] == []
    return publication


def untranslated_files(line: str) -> bool:
    """The example translates only the corporate charter and site.yml; validate says so, once a language."""
    return bool(
        re.fullmatch(
            r"\S*data/translations/(cy|ur):1:1: warning: 25 data files have no \w+ \((cy|ur)\) "
            r"translation, so their pages show English: .*",
            line,
        )
    )


def test_validate_command_passes_with_a_summary() -> None:
    """Run as a user would: the installed console script, from the repository root."""
    done = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "data"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    *problems, line = done.stdout.splitlines()
    assert len(problems) == 2 and all(untranslated_files(p) for p in problems), problems
    assert line.startswith("data: valid with warnings: 0 errors, 2 warnings (2 frameworks, 66 elements, 3 charters, ")
    assert "measures" in line and "results" in line and "assessments" in line


def test_frameworks_are_complete(example: Publication) -> None:
    cse = example.frameworks["cse"]
    assert [len(cse.nodes), sum(len(n.children) for n in cse.nodes), len(cse.elements())] == [5, 15, 57]
    scotland = example.frameworks["audit-scotland-cf"]
    assert [len(scotland.nodes), len(scotland.elements())] == [4, 9]
    assert [level.id for level in scotland.scale][-1] == "below-basic"
    for question in scotland.elements():
        assert set(question.descriptors) == {"basic", "better", "advanced"}, question.id


def test_corporate_charter_has_the_leicester_standards(example: Publication) -> None:
    standards = {
        s.measure: (s.target, s.comparison) for c in example.charters["corporate"].commitments for s in c.standards
    }
    for measure in ("letters-answered-in-10-days", "calls-answered-in-six-rings", "reception-wait-under-15-minutes"):
        assert standards[measure] == (90, "at-least")
    assert example.charters["corporate"].your_help
    assert len(example.charters) >= 3


def test_measures_have_at_least_eight_quarters_and_marked_samples(example: Publication) -> None:
    cited = {s.measure for c in example.charters.values() for k in c.commitments for s in k.standards}
    for measure in example.measures.values():
        assert measure.sample, measure.id
        if measure.frequency == "quarterly":
            assert len(measure.results) >= (8 if measure.id in cited else 4), measure.id
    # Leicester's 2001 review: 55% and 30% were measured levels; the targets were 56% and 35%.
    for mid, baseline, target in (("satisfaction-overall", 55, 56), ("satisfaction-complaints-handling", 30, 35)):
        measure = example.measures[mid]
        assert measure.baseline is not None and measure.baseline.value == baseline
        assert [t.value for t in measure.targets] == [target]


def test_example_reports_as_a_uk_council_does(example: Publication) -> None:
    """Financial-year quarters, a year-to-date figure, a wait in minutes and seconds, a breakdown,
    a context count, a baseline and a measure whose reporting ended."""
    assert example.site is not None and example.site.year_starts == "april"
    measures = example.measures.values()
    assert any(r.period.text.endswith(" Q2") for m in measures for r in m.results)
    assert any(r.year_to_date for m in measures for r in m.results)
    assert any(m.unit == "duration" for m in measures)
    assert any(len([r for r in m.results if r.breakdown]) >= 2 for m in measures)
    assert any(m.polarity is None and not m.targets for m in measures)
    assert any(m.baseline for m in measures) and any(m.ended for m in measures)


def test_cse_assessments_achieve_the_award_with_54_of_57(example: Publication) -> None:
    cse = example.frameworks["cse"]
    full = [a for a in example.assessments.values() if a.framework == "cse" and a.kind != "self-assessment"]
    assert len(full) == 4
    for assessment in full:
        result = verdict(assessment, cse)
        assert (result.counts.get("compliant"), result.counts.get("partial"), result.achieved) == (54, 3, True)
    assert any(a.previous for a in full)


def test_improvement_plans_and_benchmark(example: Publication) -> None:
    scrutiny = example.plans["scrutiny-review"]
    assert sorted(r.id for r in scrutiny.recommendations) == sorted(f"OX-R{i}" for i in range(1, 12))
    assert scrutiny.recommendations[0].id == "OX-R5"  # the review puts R5 first in priority
    assert [r.rank for r in scrutiny.recommendations] == list(range(1, 12))
    # The review says "33 improvement actions" but its Appendix 3 lists 30 (items 1.1 to 6.5).
    assert len(example.plans["customer-care-review"].actions) == 30
    mori = example.benchmarks["mori-1998"]
    # The fictional council was not in MORI's survey: no real council is called "us".
    assert not any(o.ours for o in mori.organisations)
    assert len(mori.organisations) >= 15


def test_offices_have_opening_hours(example: Publication) -> None:
    assert example.site is not None
    assert example.site.contact.offices
    assert all(office.hours for office in example.site.contact.offices)


def test_every_file_is_mapped_to_its_schema() -> None:
    """Editors find each file's schema through the repository's settings, not a first-line
    comment (which the browser editor would drop): every data file matches its kind's globs."""
    import fnmatch
    import json

    mapping = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    for path in sorted(DATA.rglob("*.yml")):
        relative = path.relative_to(ROOT).as_posix()
        matched = [schema for schema, globs in mapping.items() if any(fnmatch.fnmatch(relative, g) for g in globs)]
        assert matched == [f"./schemas/{_kind(path)}.schema.json"], relative
        assert not path.read_text(encoding="utf-8").startswith("# yaml-language-server"), relative


def _kind(path: Path) -> str:
    from tests.test_schema import kind_of

    return kind_of(path)


def test_mistakes_in_several_files_are_reported_in_one_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run
) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    charter = tmp_path / "data" / "charters" / "corporate.yml"
    charter.write_text(charter.read_text(encoding="utf-8").replace("target: 90", "target: 120", 1), encoding="utf-8")
    measure = tmp_path / "data" / "measures" / "calls-answered-in-six-rings.yml"
    measure.write_text(measure.read_text(encoding="utf-8").replace("polarity:", "polarty:"), encoding="utf-8")
    site = tmp_path / "data" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("kind: partner", "kind: partnr"), encoding="utf-8")

    code, out, _ = run("validate", "data")

    assert code == 1
    lines = out.splitlines()
    expected = [
        ("data/charters/corporate.yml:", "must be between 0 and 100 for a percentage, got 120"),
        ("data/measures/calls-answered-in-six-rings.yml:", "polarty: unknown key; did you mean 'polarity'?"),
        ("data/site.yml:", "got 'partnr'; did you mean 'partner'?"),
    ]
    for file, message in expected:
        assert any(line.startswith(file) and message in line for line in lines), (file, message)
    assert lines[-1].startswith("data: failed: 3 errors, 0 warnings")


def test_json_report(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    monkeypatch.chdir(ROOT)
    code, out, _ = run("validate", "data", "--format", "json")
    report = json.loads(out)
    assert code == 0 and report["ok"] is True
    assert [p["severity"] for p in report["problems"]] == ["warning", "warning"]
    assert report["counts"]["elements"] == 66
