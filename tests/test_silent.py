"""Silent wrong answers: inputs that used to give a plausible, wrong result and exit 0.

Each now gives a message naming the file (and line) with what to do, or the right result.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, Run
from tests.test_publishing import git

MEASURE = "data/measures/calls-in-six-rings.yml"


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file under `folder` and a hash of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def repository(publication: Path) -> Path:
    """The test publication committed to a new git repository (the working folder)."""
    project = publication.parent
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "Start")
    return project


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- diff over invalid data --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            MEASURE,
            "polarity:",
            "polarty:",
            f"{MEASURE}:3:1: polarty: unknown key; did you mean 'polarity'?",
        ),
        (
            MEASURE,
            "    value: 92\n",
            "    value: 92\n    value: 93\n",
            f"{MEASURE}:17:5: results[1].value: duplicate key 'value' (first at line 16)",
        ),
        (
            MEASURE,
            "    value: 92",
            "    value: 192",
            f"{MEASURE}:16:5: results[1].value: must be between 0 and 100 for a percentage, got 192",
        ),
        (
            "data/charters/main.yml",
            "unit: council",
            "unit: counsil",
            "data/charters/main.yml:2:1: unit: no unit with the id 'counsil'; did you mean 'council'?",
        ),
        (
            "data/site.yml",
            "name: Example Test Council\n",
            "",
            "data/site.yml:1:1: name: is required but missing",
        ),
    ],
    ids=["unknown-key", "duplicate-key", "out-of-range", "unknown-reference", "missing-field"],
)
def test_diff_refuses_an_invalid_working_tree(
    repository: Path, run: Run, file: str, old: str, new: str, expected: str
) -> None:
    edit(repository / file, old, new)
    code, out, err = run("diff", "HEAD")
    assert code == 1
    assert out == ""
    assert err.splitlines()[0] == expected
    assert err.splitlines()[-1] == (
        "charterkit: 1 problem(s) in data in the working tree; nothing was compared: fix them, then run diff again"
    )
    assert "removed" not in err and "Traceback" not in err


def test_diff_refuses_a_deleted_site_file(repository: Path, run: Run) -> None:
    (repository / "data" / "site.yml").unlink()
    code, out, err = run("diff", "HEAD")
    assert code == 1 and out == ""
    assert "data/site.yml:1:1: file not found; every publication needs a site.yml" in err.splitlines()


def test_diff_refuses_an_invalid_revision_naming_its_files_as_git_does(repository: Path, run: Run) -> None:
    measure = repository / MEASURE
    good = measure.read_text(encoding="utf-8")
    edit(measure, "polarity:", "polarty:")
    git(repository, "commit", "-qam", "Break the measure")
    measure.write_text(good, encoding="utf-8")

    code, out, err = run("diff", "HEAD")
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"HEAD:{MEASURE}:3:1: polarty: unknown key; did you mean 'polarity'?",
        "charterkit: 1 problem(s) in data at HEAD; nothing was compared: fix them, then run diff again",
    ]

    # Between two revisions, the broken one is named whichever side it is on.
    git(repository, "commit", "-qam", "Mend the measure")
    code, _, err = run("diff", "HEAD~1", "HEAD")
    assert code == 1
    assert err.splitlines()[0] == f"HEAD~1:{MEASURE}:3:1: polarty: unknown key; did you mean 'polarity'?"
    code, _, err = run("diff", "HEAD~2", "HEAD~1")
    assert code == 1
    assert err.splitlines() == [
        f"HEAD~1:{MEASURE}:3:1: polarty: unknown key; did you mean 'polarity'?",
        "charterkit: 1 problem(s) in data at HEAD~1; nothing was compared: fix them, then run diff again",
    ]
    assert run("diff", "HEAD~2", "HEAD")[0] == 0


def test_diff_reports_both_sides_when_both_are_invalid(repository: Path, run: Run) -> None:
    edit(repository / "data" / "charters" / "main.yml", "unit: council", "unit: counsil")
    git(repository, "commit", "-qam", "Break the charter")
    edit(repository / MEASURE, "polarity:", "polarty:")
    code, _, err = run("diff", "HEAD")
    assert code == 1
    assert err.splitlines() == [
        "HEAD:data/charters/main.yml:2:1: unit: no unit with the id 'counsil'; did you mean 'council'?",
        "data/charters/main.yml:2:1: unit: no unit with the id 'counsil'; did you mean 'council'?",
        f"{MEASURE}:3:1: polarty: unknown key; did you mean 'polarity'?",
        "charterkit: 3 problem(s) in data at HEAD and in data in the working tree; nothing was compared: "
        "fix them, then run diff again",
    ]


def test_diff_of_valid_data_still_compares(repository: Path, run: Run) -> None:
    edit(repository / MEASURE, "    value: 92", "    value: 93")
    code, out, _ = run("diff", "HEAD")
    assert code == 0
    assert "- Result for 'Calls answered within six rings' in 2026-Q1 changes from 92% to 93%" in out.splitlines()


# -- diff: a revision is never an option to git --------------------------------------------------

REFUSED = "is not a revision: a commit, branch or tag never starts with '-' (give one such as HEAD~1 or main)"


@pytest.mark.parametrize(
    "args",
    [
        ("--", "--output=data/site.yml"),
        ("HEAD", "--", "--output=data/site.yml"),
        ("--", "--output=data/measures/calls-in-six-rings.yml", "HEAD"),
        ("--", "--remote=../elsewhere"),
        ("--", "-o", "HEAD"),
        ("--", "--exec=touch data/owned"),
        ("--", "-"),
    ],
)
def test_diff_refuses_a_revision_that_looks_like_an_option(repository: Path, run: Run, args: tuple[str, ...]) -> None:
    before = fingerprint(repository / "data")
    code, out, err = run("diff", *args)
    revision = next(a for a in args if a.startswith("-") and a != "--")
    assert code == 1 and out == ""
    assert err == f"charterkit: '{revision}' {REFUSED}\n"
    assert fingerprint(repository / "data") == before
    assert not (repository / "data" / "owned").exists()


@pytest.mark.parametrize("revision", ["nosuch", "HEAD:data", "HEAD~9", "HEAD^{tree}", "main..HEAD"])
def test_diff_refuses_what_is_not_a_commit(repository: Path, run: Run, revision: str) -> None:
    before = fingerprint(repository / "data")
    code, _, err = run("diff", revision)
    assert code == 1
    assert (
        err == f"charterkit: '{revision}' is not a commit, branch or tag here; see the names with git log --oneline\n"
    )
    assert fingerprint(repository / "data") == before


def test_diff_outside_a_repository_says_so(publication: Path, run: Run) -> None:
    code, _, err = run("diff", "HEAD")
    assert code == 1
    where = publication.parent
    assert err == f"charterkit: {where}: not a git repository; run diff inside the repository that holds the data\n"


# -- periods: ASCII digits only ------------------------------------------------------------------

PERIOD_EXPECTED = (
    "expected a period like 2024 (year), 2024-25 (financial year), 2024-25 Q1 or H1 (its quarters and halves), "
    "2024-Q1 (calendar quarter), 2024-04 (month) or 2024-10 to 2025-03 (months)"
)


@pytest.mark.parametrize(
    "written",
    ["２０２６-Q1", "2026-Q１", "٢٠٢٦-Q1", "𝟮𝟬𝟮𝟲-Q1", "2026‐Q1", "2026－Q1", "२०२६-Q1"],
    ids=[
        "fullwidth",
        "fullwidth-quarter",
        "arabic-indic",
        "maths-bold",
        "unicode-hyphen",
        "fullwidth-hyphen",
        "devanagari",
    ],
)
def test_a_period_in_other_digits_is_refused_not_a_second_result(publication: Path, run: Run, written: str) -> None:
    """`２０２６-Q1` beside `2026-Q1` would be a second, contradictory result for the same quarter."""
    measure = publication / "measures" / "calls-in-six-rings.yml"
    text = measure.read_text(encoding="utf-8")
    measure.write_text(text + f"  - period: {written}\n    value: 50\n", encoding="utf-8")
    code, out, _ = run("validate", "data")
    assert code == 1
    assert out.splitlines()[0] == f"{MEASURE}:17:5: results[2].period: {PERIOD_EXPECTED}, got '{written}'"


def test_a_target_or_new_period_in_other_digits_is_refused(publication: Path, run: Run) -> None:
    edit(publication / "measures" / "calls-in-six-rings.yml", "from: 2025-26", "from: ２０２５-26")
    code, out, _ = run("validate", "data")
    assert code == 1
    assert out.splitlines()[0] == f"{MEASURE}:8:5: targets[0].from: {PERIOD_EXPECTED}, got '２０２５-26'"
    edit(publication / "measures" / "calls-in-six-rings.yml", "from: ２０２５-26", "from: 2025-26")
    before = fingerprint(publication)
    code, _, err = run("new", "period", "２０２６-Q3")
    assert code == 1
    assert err == f"charterkit: ２０２６-Q3: {PERIOD_EXPECTED}, got '２０２６-Q3'\n"
    assert fingerprint(publication) == before


# -- links out of the data folder ----------------------------------------------------------------

LINKED_FOLDER = "is a link to a folder outside the data folder; copy the folder in instead (nothing in it is read)"


def moved_out(publication: Path, relative: str) -> Path:
    """Move `relative` out of the data folder and link to it from where it was."""
    source = publication / relative
    outside = publication.parent / "elsewhere" / relative
    outside.parent.mkdir(parents=True, exist_ok=True)
    source.rename(outside)
    source.symlink_to(outside)
    return outside


@pytest.mark.parametrize(
    ("relative", "message"),
    [
        ("measures", LINKED_FOLDER),
        ("updates", LINKED_FOLDER),
        ("site.yml", "is a link to a file outside the data folder; copy the file in instead"),
        ("updates/2026-01-15-new-phones.md", "is a link to a file outside the data folder; copy the file in instead"),
        ("frameworks/mini.yml", "is a link to a file outside the data folder; copy the file in instead"),
    ],
)
def test_a_link_out_of_the_data_folder_is_refused_and_not_read(
    publication: Path, run: Run, relative: str, message: str
) -> None:
    moved_out(publication, relative)
    code, out, _ = run("validate", "data")
    assert code == 1
    assert f"data/{relative}:1:1: {message}" in out.splitlines()
    assert "file not found" not in out  # a linked site.yml is not also "missing"


def test_a_linked_translation_folder_is_refused(publication: Path, run: Run) -> None:
    elsewhere = publication.parent / "elsewhere" / "cy"
    elsewhere.mkdir(parents=True)
    (elsewhere / "site.yml").write_text("name: Cyngor\n", encoding="utf-8")
    (publication / "translations").mkdir()
    (publication / "translations" / "cy").symlink_to(elsewhere)
    code, out, _ = run("validate", "data")
    assert code == 1
    assert f"data/translations/cy:1:1: {LINKED_FOLDER}" in out.splitlines()


LINKED_TEMPLATES = "is a link to a template folder outside the data folder; copy the folder in instead"


@pytest.mark.parametrize(
    ("link", "target", "message"),
    [
        ("templates", "folder", f"{LINKED_TEMPLATES} (nothing in it is read)"),
        (
            "templates/measure.md.j2",
            "file",
            "is a link to a template outside the data folder; copy the template in instead",
        ),
        ("templates/partials", "folder", f"{LINKED_TEMPLATES} (nothing in it is read)"),
    ],
)
def test_a_linked_template_is_refused_and_nothing_is_built(
    publication: Path, run: Run, link: str, target: str, message: str
) -> None:
    project = publication.parent
    (project / "mkdocs.yml").write_bytes((ROOT / "mkdocs.yml").read_bytes())
    secret = project / "elsewhere" / "measure.md.j2"
    secret.parent.mkdir()
    secret.write_text("SECRET\n", encoding="utf-8")
    path = publication / link
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(secret if target == "file" else secret.parent, target_is_directory=target == "folder")
    code, _, err = run("build", "data")
    assert code == 1
    assert f"data/{link}:1:1: {message}" in err.splitlines()
    assert not (project / "site").exists() and not (project / "site_src").exists()


def test_a_link_within_the_data_folder_is_read(publication: Path, run: Run) -> None:
    (publication / "updates").rename(publication / "posts")
    (publication / "updates").symlink_to(publication / "posts", target_is_directory=True)
    code, out, _ = run("validate", "data")
    assert code == 0
    assert "1 update)" in out.splitlines()[-1]


# -- files that are not read are named -----------------------------------------------------------

HIDDEN = "warning: not read: a name starting with '.' is a hidden file; rename it without the '.' to read it"
IN_A_FOLDER = "warning: not read: a folder, and files in folders here are not read; move its {} files up here"
TOP_LEVEL = (
    "warning: not read: only site.yml is read from here; move the file into the folder for its kind "
    "(frameworks/, charters/, measures/, assessments/, benchmarks/, improvement/)"
)


@pytest.mark.parametrize(
    ("relative", "expected"),
    [
        ("measures/.calls-copy.yml", HIDDEN),
        ("charters/.main.yaml", HIDDEN),
        ("updates/.2026-02-01-draft.md", HIDDEN),
        ("measures/old.yml/calls.yml", IN_A_FOLDER.format(".yml or .yaml")),
        ("measures/archive/calls.yml", IN_A_FOLDER.format(".yml or .yaml")),
        ("updates/2026/2026-02-01-draft.md", IN_A_FOLDER.format(".md")),
        ("measure.yml", TOP_LEVEL),
        ("charters.yaml", TOP_LEVEL),
    ],
)
def test_a_data_file_that_is_not_read_is_named(publication: Path, run: Run, relative: str, expected: str) -> None:
    path = publication / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("title: Never read\n", encoding="utf-8")
    named = path if path.parent.name in ("measures", "charters", "updates", "data") else path.parent
    code, out, _ = run("validate", "data")
    assert code == 0
    assert f"{named.relative_to(publication.parent)}:1:1: {expected}" in out.splitlines()


@pytest.mark.parametrize(
    "relative", ["measures/.gitkeep", "updates/.DS_Store", "charters/.main.yml.swp", "translations/cy/charters/.keep"]
)
def test_a_hidden_file_no_one_means_as_data_is_passed_over_quietly(publication: Path, run: Run, relative: str) -> None:
    path = publication / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"")
    code, out, _ = run("validate", "data")
    assert code == 0
    assert "not read" not in out


# -- one document a file -------------------------------------------------------------------------

SECOND = "a second document starts here; a data file holds one document — remove the '---' line or split the file"


@pytest.mark.parametrize(
    ("relative", "added", "line"),
    [
        ("site.yml", "---\nname: Another Council\n", None),
        (MEASURE.removeprefix("data/"), "---\n", 17),
        (MEASURE.removeprefix("data/"), "...\n---\nresults: []\n", 18),
        (MEASURE.removeprefix("data/"), "--- # the next year\nresults:\n  - period: 2026-Q2\n", 17),
        ("frameworks/mini.yml", "---\n---\n", None),
        ("benchmarks/peers.yml", "---\n- a list\n", None),
    ],
    ids=["site", "trailing-marker", "after-end-marker", "with-comment", "two-markers", "a-list"],
)
def test_a_second_document_is_an_error_at_its_line(
    publication: Path, run: Run, relative: str, added: str, line: int | None
) -> None:
    path = publication / relative
    text = path.read_text(encoding="utf-8")
    path.write_text(text + added, encoding="utf-8")
    line = line or text.count("\n") + 1
    code, out, _ = run("validate", "data")
    assert code == 1
    assert f"data/{relative}:{line}:1: {SECOND}" in out.splitlines()


def test_a_first_document_marker_is_fine(publication: Path, run: Run) -> None:
    path = publication / "charters" / "main.yml"
    path.write_text("--- # our charter\n" + path.read_text(encoding="utf-8") + "...\n", encoding="utf-8")
    code, out, _ = run("validate", "data")
    assert code == 0, out


def test_a_second_document_in_a_translation_is_an_error(publication: Path, run: Run) -> None:
    site = publication / "site.yml"
    edit(site, "url: https://example.org/\n", "url: https://example.org/\nlanguages: [cy]\n")
    translation = publication / "translations" / "cy" / "site.yml"
    translation.parent.mkdir(parents=True)
    translation.write_text("name: Cyngor Prawf\n---\nname: Cyngor Arall\n", encoding="utf-8")
    code, out, _ = run("validate", "data")
    assert code == 1
    assert f"data/translations/cy/site.yml:2:1: {SECOND}" in out.splitlines()


# -- dates ahead of today ------------------------------------------------------------------------

TODAY = "2026-11-23"  # the day the tests speak from (SOURCE_DATE_EPOCH in conftest)


def test_a_result_for_a_period_not_yet_started_is_a_warning(publication: Path, run: Run) -> None:
    measure = publication / "measures" / "calls-in-six-rings.yml"
    measure.write_text(measure.read_text(encoding="utf-8") + "  - period: 2062-Q1\n    value: 95\n", encoding="utf-8")
    code, out, _ = run("validate", "data")
    assert code == 0
    assert (
        f"{MEASURE}:17:5: warning: results[2].period: 2062-Q1 starts on 2062-01-01, after today ({TODAY}); "
        "a result for a period that has not started would show as the latest: check the year"
    ) in out.splitlines()
    assert run("validate", "data", "--strict")[0] == 1


@pytest.mark.parametrize(
    ("relative", "old", "new", "expected"),
    [
        (
            "measures/calls-in-six-rings.yml",
            "    value: 92\n",
            "    value: 92\n    published: 2062-01-20\n",
            "measures/calls-in-six-rings.yml:17:5: warning: results[1].published: 2062-01-20 is after today "
            f"({TODAY}); the page would say the figures go live then: check the year",
        ),
        (
            "assessments/first.yml",
            "date: 2026-02-01",
            "date: 2062-02-01",
            f"assessments/first.yml:3:1: warning: date: 2062-02-01 is after today ({TODAY}); an assessment not yet "
            "made would show as the latest: check the year",
        ),
        (
            "improvement/plan.yml",
            "    status: in-progress\n",
            "    status: in-progress\n    progress:\n      - date: 2062-03-01\n        note: Half the staff trained.\n",
            "improvement/plan.yml:12:9: warning: actions[0].progress[0].date: 2062-03-01 is after today "
            f"({TODAY}); progress not yet made would show as the latest: check the year",
        ),
        (
            "charters/main.yml",
            "effective: 2026-04-01\n",
            "effective: 2026-04-01\nreviewed: 2062-03-10\n",
            f"charters/main.yml:5:1: warning: reviewed: 2062-03-10 is after today ({TODAY}); the last review cannot "
            "be ahead: check the year (the next review goes in review)",
        ),
        (
            "benchmarks/peers.yml",
            "year: 2025",
            "year: 2062",
            "benchmarks/peers.yml:2:1: warning: year: 2062 is after this year (2026); figures for a year not yet "
            "begun: check the year",
        ),
    ],
    ids=["published", "assessment", "progress", "reviewed", "benchmark"],
)
def test_a_date_ahead_of_today_is_a_warning(
    publication: Path, run: Run, relative: str, old: str, new: str, expected: str
) -> None:
    edit(publication / relative, old, new)
    code, out, _ = run("validate", "data")
    assert code == 0, out
    assert f"data/{expected}" in out.splitlines()


@pytest.mark.parametrize(("day", "warned"), [("2062-01-15", True), ("2026-11-25", True), ("2026-11-24", False)])
def test_an_update_dated_after_today_is_a_warning(publication: Path, run: Run, day: str, warned: bool) -> None:
    """A day's margin: a post dated tomorrow may be today where its writer is."""
    post = publication / "updates" / "2026-01-15-new-phones.md"
    moved = post.with_name(f"{day}-new-phones.md")
    moved.write_text(post.read_text(encoding="utf-8").replace("2026-01-15", day), encoding="utf-8")
    post.unlink()
    code, out, _ = run("validate", "data")
    assert code == 0
    message = (
        f"data/updates/{day}-new-phones.md:3:1: warning: date: {day} is after today ({TODAY}); the update would "
        "show now, as the latest: check the year (or add the post on its day)"
    )
    assert (message in out.splitlines()) == warned
    assert ("is after today" in out) == warned


def test_a_result_for_a_period_under_way_is_not_a_warning(publication: Path, run: Run) -> None:
    measure = publication / "measures" / "calls-in-six-rings.yml"
    text = measure.read_text(encoding="utf-8") + "  - period: 2026-Q4\n    value: 95\n    year_to_date: true\n"
    measure.write_text(text, encoding="utf-8")
    _, out, _ = run("validate", "data")
    assert "after today" not in out


# -- no minus zero -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "shown"),
    [
        (-0.0, "percentage", 0, "0%"),
        (-0.04, "percentage", 0, "0%"),
        (-0.0, "percentage", 1, "0%"),
        (-0.001, "count", 0, "0"),
        (-0.0, "money", 0, "£0"),
        (-0.004, "days", 2, "0 days"),
        (0.3 - 0.1 - 0.2, "score", 0, "0"),  # a difference of floats a hair below zero
        (-0.5, "percentage", 0, "-0.5%"),  # a real negative keeps its sign
        (-0.06, "score", 1, "-0.1"),
    ],
)
def test_a_figure_that_rounds_to_zero_has_no_minus_sign(value: float, unit: str, decimals: int, shown: str) -> None:
    from generator.render.words import figure

    assert figure(value, unit, decimals) == shown


@pytest.mark.parametrize("written", ["-0", "-0.0", "-0.00"])
def test_a_result_of_minus_zero_is_published_as_0(publication: Path, run: Run, written: str) -> None:
    import json
    import math

    project = publication.parent
    (project / "mkdocs.yml").write_bytes((ROOT / "mkdocs.yml").read_bytes())
    edit(publication / "measures" / "calls-in-six-rings.yml", "    value: 92\n", f"    value: {written}\n")
    edit(
        publication / "measures" / "calls-in-six-rings.yml",
        "  - period: 2026-Q1\n",
        "  - period: 2026-Q1\n    explanation: The line was closed.\n",
    )
    code, _, err = run("build", "data")
    assert code == 0, err
    page = (project / "site" / "performance" / "calls-in-six-rings" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", " ", page)
    assert re.search(r"\b0%", text)
    assert not re.search(r"-0(\.0)?%|−0", text)
    files = project / "site_src" / "data"
    data = json.loads((files / "measures" / "calls-in-six-rings.json").read_text(encoding="utf-8"))
    (row,) = [r for r in data["results"] if r["period"] == "2026-Q1"]
    assert math.copysign(1, row["value"]) == 1  # 0, not -0
    assert ",2026-Q1," in (files / "all-results.csv").read_text(encoding="utf-8")
    assert ",-0," not in (files / "all-results.csv").read_text(encoding="utf-8")


# -- serve keeps watching whatever goes wrong ----------------------------------------------------

HOOK = """
def on_page_markdown(markdown, **kwargs):
    if "Broken calls" in markdown:
        raise RuntimeError("the hook refused this page")
    return markdown
"""


def test_serve_survives_any_error_says_it_in_one_line_and_keeps_watching(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys
    import time

    from tests.conftest import CORPUS
    from tests.test_serve import fetch, free_port, wait_for

    project = tmp_path / "project"
    shutil.copytree(CORPUS / "base", project / "data")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config + "hooks:\n  - hook.py\n", encoding="utf-8")
    (project / "hook.py").write_text(HOOK, encoding="utf-8")
    measure = project / "data" / "measures" / "calls-in-six-rings.yml"
    template = project / "data" / "templates" / "measure.md.j2"
    log_path = tmp_path / "serve.log"
    port = free_port()
    url = f"http://127.0.0.1:{port}/performance/calls-in-six-rings/"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "data", "--port", str(port)],
            cwd=project,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=os.environ | {"PYTHONUNBUFFERED": "1"},
        )
        try:

            def logged(text: str) -> bool:
                end = time.monotonic() + 60
                while time.monotonic() < end and server.poll() is None:
                    if text in log_path.read_text():
                        return True
                    time.sleep(0.2)
                return False

            def retitle(title: str) -> None:
                text = measure.read_text(encoding="utf-8")
                measure.write_text(re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M), "utf-8")

            assert wait_for(url, "Calls answered within six rings", server), log_path.read_text()

            # 1. A template that fails in Python: one line, and the next change still shows.
            template.parent.mkdir()
            template.write_text("{{ 1 // 0 }}\n", encoding="utf-8")
            assert logged(
                "charterkit: could not regenerate the pages: ZeroDivisionError: integer division or modulo by zero; "
                "still serving the last good pages (charterkit serve --debug shows where it happened)"
            ), log_path.read_text()
            template.unlink()
            retitle("Phone calls answered within six rings")
            assert wait_for(url, "Phone calls answered within six rings", server), log_path.read_text()

            # 2. Another kind of error, again: the watcher is still alive.
            template.write_text('{{ "%d" % "six" }}\n', encoding="utf-8")
            assert logged(
                "charterkit: could not regenerate the pages: TypeError: %d format: a real number is required, not str"
            ), log_path.read_text()
            template.unlink()
            retitle("Telephone calls answered within six rings")
            assert wait_for(url, "Telephone calls answered within six rings", server), log_path.read_text()

            # 3. MkDocs failing on a page (here a hook of the site's own): one line, preview goes on.
            retitle("Broken calls")
            assert logged(
                "charterkit: could not build the preview: RuntimeError: the hook refused this page; "
                "still serving the last good pages"
            ), log_path.read_text()
            assert "Telephone calls answered within six rings" in fetch(url)
            retitle("Mended calls")
            assert wait_for(url, "Mended calls", server), log_path.read_text()
            assert server.poll() is None
        finally:
            server.terminate()
            server.wait(timeout=20)
    output = log_path.read_text()
    assert "Traceback" not in output
    assert "An error happened during the rebuild" not in output


def test_serve_debug_shows_the_traceback(publication: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.serve import regenerate

    template = publication / "templates" / "measure.md.j2"
    template.parent.mkdir()
    template.write_text("{{ 1 // 0 }}\n", encoding="utf-8")
    docs = publication.parent / "site_src"
    assert regenerate(publication, docs) is False
    quiet = capsys.readouterr().err
    assert "Traceback" not in quiet and len(quiet.splitlines()) == 1
    assert regenerate(publication, docs, debug=True) is False
    loud = capsys.readouterr().err
    assert loud.startswith("Traceback (most recent call last):")
    assert loud.splitlines()[-1] == (
        "charterkit: could not regenerate the pages: ZeroDivisionError: integer division or modulo by zero; "
        "still serving the last good pages"
    )


# -- settings of mkdocs.yml the pages depend on --------------------------------------------------

CONFIG = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
MISSING = {
    "tables": "'tables' is missing: the results and data tables would show as lines of | characters",
    "attr_list": "'attr_list' is missing: every page would show its {: #...} ids and classes as text",
    "md_in_html": "'md_in_html' is missing: text marked with its language would show as raw Markdown",
}


def line_of(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def configured(publication: Path, text: str) -> Path:
    config = publication.parent / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


@pytest.mark.parametrize(
    ("old", "new", "missing"),
    [
        ("  - attr_list\n", "", ["attr_list"]),
        ("  - md_in_html       # an untranslated update is marked with its language\n", "", ["md_in_html"]),
        ("  - tables\n", "", ["tables"]),
        ("  - attr_list\n  - md_in_html", "  - attr_lists\n  - md_in_htm", ["attr_list", "md_in_html"]),
        ("  - attr_list\n", "  # - attr_list\n", ["attr_list"]),
    ],
    ids=["attr_list", "md_in_html", "tables", "misspelt", "commented-out"],
)
def test_build_refuses_a_configuration_without_an_extension_the_pages_need(
    publication: Path, run: Run, old: str, new: str, missing: list[str]
) -> None:
    assert old in CONFIG
    text = CONFIG.replace(old, new)
    configured(publication, text)
    code, _, err = run("build", "data")
    assert code == 1
    line = line_of(text, "markdown_extensions:")
    assert err.splitlines() == [
        *(
            f"mkdocs.yml:{line}:1: markdown_extensions: {MISSING[name]}; add it to markdown_extensions"
            for name in missing
        ),
        "charterkit: mkdocs.yml lacks settings the pages depend on; nothing was built",
    ]
    assert not (publication.parent / "site").exists() and not (publication.parent / "site_src").exists()


def test_build_refuses_a_configuration_with_no_extensions(publication: Path, run: Run) -> None:
    start = CONFIG.index("markdown_extensions:")
    configured(publication, CONFIG[:start] + CONFIG[CONFIG.index("extra_css:") :])
    code, _, err = run("build", "data")
    assert code == 1
    assert err.splitlines()[:3] == [
        f"mkdocs.yml:1:1: markdown_extensions: {MISSING[name]}; add it to markdown_extensions"
        for name in ("attr_list", "md_in_html", "tables")  # in the order of their messages
    ]


@pytest.mark.parametrize("written", ["false", "False", "no", "off"])
def test_build_refuses_use_directory_urls_false(publication: Path, run: Run, written: str) -> None:
    text = CONFIG.replace("use_directory_urls: true", f"use_directory_urls: {written}")
    configured(publication, text)
    code, _, err = run("build", "data")
    assert code == 1
    assert err.splitlines()[0] == (
        f"mkdocs.yml:{line_of(text, 'use_directory_urls')}:1: use_directory_urls: must be true (it is {written}): "
        "the pages link to each other as folders (../performance/); remove the line or set it to true"
    )


def test_settings_inherited_from_another_configuration_count(publication: Path, run: Run) -> None:
    base = publication.parent / "base.yml"
    base.write_text("markdown_extensions:\n  - tables\n  - attr_list\n  - md_in_html\n", encoding="utf-8")
    start = CONFIG.index("markdown_extensions:")
    child = "INHERIT: base.yml\n" + CONFIG[:start] + CONFIG[CONFIG.index("extra_css:") :]
    configured(publication, child)
    from generator.settings import check_settings

    check_settings(publication.parent / "mkdocs.yml")  # no error
    base.write_text(base.read_text(encoding="utf-8") + "use_directory_urls: false\n", encoding="utf-8")
    configured(publication, child.replace("use_directory_urls: true\n", ""))
    code, _, err = run("build", "data")
    assert code == 1
    assert err.splitlines()[0].startswith("mkdocs.yml:1:1: use_directory_urls: must be true (it is false)")


def test_other_ways_of_writing_the_extensions_are_accepted_and_build(publication: Path, run: Run) -> None:
    block = CONFIG[CONFIG.index("markdown_extensions:") : CONFIG.index("extra_css:")]
    written = (
        "markdown_extensions:\n"
        "  toc: {permalink: true}\n"
        "  markdown.extensions.tables: {}\n"
        "  def_list: {}\n"
        "  attr_list:\n"
        "  md_in_html: {}\n\n"
    )
    configured(publication, CONFIG.replace(block, written))
    code, _, err = run("build", "data")
    assert code == 0, err
    page = (publication.parent / "site" / "performance" / "index.html").read_text(encoding="utf-8")
    assert "<table" in page and "{:" not in page


def test_serve_refuses_such_a_configuration_too(publication: Path) -> None:
    import subprocess
    import sys

    from tests.test_serve import free_port

    text = CONFIG.replace("  - attr_list\n", "")
    configured(publication, text)
    done = subprocess.run(
        [sys.executable, "-m", "generator", "serve", "data", "--port", str(free_port())],
        cwd=publication.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"mkdocs.yml:{line_of(text, 'markdown_extensions:')}:1: markdown_extensions: {MISSING['attr_list']}; "
        "add it to markdown_extensions",
        "charterkit: mkdocs.yml lacks settings the pages depend on; nothing was built",
    ]


# -- scaffolding writes YAML with the emitter ------------------------------------------------------

AWKWARD = [
    "Back\\slash and C:\\Temp",
    'Isles: "North" #1',
    "Why calls took longer: a note",
    "#1 for answering calls",
    "Two lines\nof title",
    "- a dash first",
    "null",
    "yes",
    "O'Brien's 'quoted' week",
    "{braces} and [brackets], &anchor *alias !tag %percent @at `tick`",
    "A line\u2028separator and a next\x85line",
    "Tab\tbetween words",
]


@pytest.mark.parametrize("title", AWKWARD)
def test_new_update_writes_any_title_as_typed(publication: Path, run: Run, title: str) -> None:
    from generator.publication import read_publication

    code, _, err = run("new", "update", title, "--data", "data", "--date", "2026-11-20")
    assert code == 0, err
    assert run("validate", "data")[0] == 0
    loaded, problems = read_publication(publication)
    assert [p for p in problems if p.severity == "error"] == []
    (post,) = [p for p in loaded.posts if p.meta.date.isoformat() == "2026-11-20"]
    assert post.meta.title == title


INIT_NAMES = [
    'Isles: "North" #1',
    "Back\\slash Borough",
    "#1 Council",
    "O'Brien's Council",
    "yes",
    "- Dash Council",
    "Council: of the {Isles} [North] & *South*",
    "Cyngor Sir Ynys Môn",
]


@pytest.mark.parametrize("name", INIT_NAMES)
def test_init_writes_any_name_as_typed_and_validates(tmp_path: Path, run: Run, name: str) -> None:
    from generator.publication import read_publication

    project = tmp_path / "standards"
    code, _, err = run("init", str(project), "--name", name, "--email", "help@example.gov.uk")
    assert code == 0, err
    code, out, _ = run("validate", str(project / "data"))
    assert code == 0, out
    loaded, _ = read_publication(project / "data")
    assert loaded.site is not None
    assert loaded.site.name == name and loaded.site.units[0].name == name
    from mkdocs.config import load_config

    (project / "site_src").mkdir()
    assert load_config(str(project / "mkdocs.yml")).site_name == f"{name} service standards"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--name", "A <b>Council</b>"), "--name: must not contain < or >, got 'A <b>Council</b>'"),
        (("--name", "Council >"), "--name: must not contain < or >, got 'Council >'"),
        (
            ("--name", "Council", "--url", "javascript:alert(1)"),
            "--url: expected a link starting https://, http://, mailto:, tel: or / with no spaces, quotes or "
            "brackets (write them as %20, %22, %28...), got 'javascript:alert(1)'",
        ),
        (
            ("--name", "Council", "--url", "https://example.gov.uk/a page"),
            "--url: expected a link starting https://, http://, mailto:, tel: or / with no spaces, quotes or "
            "brackets (write them as %20, %22, %28...), got 'https://example.gov.uk/a page'",
        ),
        (
            ("--name", "<Council>", "--url", "ftp://example.gov.uk/"),
            "--name: must not contain < or >, got '<Council>'; --url: expected a link starting https://, http://, "
            "mailto:, tel: or / with no spaces, quotes or brackets (write them as %20, %22, %28...), "
            "got 'ftp://example.gov.uk/'",
        ),
    ],
)
def test_init_refuses_what_validate_would_and_creates_nothing(
    tmp_path: Path, run: Run, options: tuple[str, ...], message: str
) -> None:
    project = tmp_path / "standards"
    code, out, err = run("init", str(project), *options)
    assert code == 1 and out == ""
    assert err == f"charterkit: {message}; nothing was created\n"
    assert not project.exists()


def test_new_period_writes_the_period_with_the_emitter(publication: Path, run: Run) -> None:
    code, _, err = run("new", "period", "2026-Q2")
    assert code == 0, err
    text = (publication / "measures" / "calls-in-six-rings.yml").read_text(encoding="utf-8")
    assert '  - period: "2026-Q2"\n' in text
