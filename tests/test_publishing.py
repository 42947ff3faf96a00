"""The quarterly routine, end to end, as the README describes it, in a new git repository."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import Run


def git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Comms", "-c", "user.email=comms@example.invalid", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )


def test_quarterly_routine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run) -> None:
    project = tmp_path / "standards"
    code, out, _ = run("init", str(project), "--name", "Example Borough Council")
    assert code == 0 and "created a publication" in out
    for expected in (
        "data/site.yml",
        "mkdocs.yml",
        ".github/workflows/check.yml",
        ".github/workflows/publish.yml",
        ".github/CODEOWNERS",
        ".pre-commit-config.yaml",
        ".gitignore",
        "schemas/measure.schema.json",
        "requirements.txt",
        "charterkit.txt",
    ):
        assert (project / expected).is_file(), expected
    monkeypatch.chdir(project)
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "Start the publication")
    assert run("validate", "data")[0] == 0

    # 1. New period: an empty result in every quarterly measure, with comments on what to fill in.
    code, out, _ = run("new", "period", "2026-27 Q2")
    assert code == 0 and "added 2026-27 Q2 to data/measures/phone-answered.yml" in out
    measure = project / "data" / "measures" / "phone-answered.yml"
    text = measure.read_text(encoding="utf-8")
    assert '  - period: "2026-27 Q2"' in text
    assert "# fill in: the figure for Q2 2026/27 (July to September 2026)" in text

    # 2. Validate says what is missing.
    code, out, _ = run("validate", "data")
    assert code == 1 and "results[0].value: expected a number, got nothing" in out

    # 3. Fill in a value that misses the target: an explanation is required.
    text = text.replace("    value:  # fill in", "    value: 87.5  # fill in")
    measure.write_text(text, encoding="utf-8")
    code, out, _ = run("validate", "data")
    assert code == 1 and "misses the target of 90; add an explanation" in out
    text = text.replace(
        "    # explanation: required",
        "    explanation: Two new advisers were still training.\n    # explanation: required",
    )
    measure.write_text(text, encoding="utf-8")
    assert run("validate", "data")[0] == 0

    # 4. Diff against the last commit, in words, and as JSON.
    code, out, _ = run("diff", "HEAD")
    assert code == 0 and "- 1 new result for 2026-27 Q2; 1 missed target, explained" in out
    code, out, _ = run("diff", "HEAD", "--format", "json")
    assert json.loads(out)["changes"] == [
        {
            "section": "Results",
            "item": "2026-27 Q2",
            "message": "1 new result for 2026-27 Q2; 1 missed target, explained",
        }
    ]

    # 5. A post saying what changed, then the build.
    code, out, _ = run("new", "update", "Why calls took longer this summer", "--date", "2026-11-20")
    post = project / "data" / "updates" / "2026-11-20-why-calls-took-longer-this-summer.md"
    assert code == 0 and post.is_file()
    assert run("validate", "data")[0] == 0
    code, out, _ = run("build", "data")
    assert code == 0
    page = (project / "site" / "performance" / "phone-answered" / "index.html").read_text(encoding="utf-8")
    assert "87.5%" in page and "Two new advisers were still training." in page
    assert "Published 23 November 2026." in page  # new period dates the figures
    assert "Next update due" in page
    assert (project / "site" / "updates" / "2026-11-20-why-calls-took-longer-this-summer" / "index.html").is_file()

    # 6. Commit, change a target, and the diff says so.
    git(project, "add", "-A")
    git(project, "commit", "-qm", "Publish 2026-27 Q2")
    measure.write_text(
        measure.read_text(encoding="utf-8").replace("    value: 90\n", "    value: 95\n", 1), encoding="utf-8"
    )
    charter = project / "data" / "charters" / "customer-charter.yml"
    charter.write_text(
        charter.read_text(encoding="utf-8").replace("within six rings.", "within five rings."), encoding="utf-8"
    )
    code, out, _ = run("diff", "HEAD")
    assert "Target for 'Calls answered within six rings' changes from 90% to 95% from 2026" in out
    assert "Commitment 'We will answer your call within five rings.' in 'Our customer charter' reworded" in out


def test_a_named_publication_is_real_and_says_nothing_to_developers(tmp_path: Path, run: Run) -> None:
    """`init --name`: not a sample, no made-up phone number, an accessibility statement for residents."""
    project = tmp_path / "standards"
    assert run("init", str(project), "--name", 'Example "Borough" Council')[0] == 0
    site = (project / "data" / "site.yml").read_text(encoding="utf-8")
    assert "sample" not in site and "0116" not in site and "\naccessibility:\n" in site
    code, out, _ = run("validate", str(project / "data"))
    assert code == 0
    assert out.splitlines()[0] == (
        f"{project / 'data' / 'site.yml'}:3:1: warning: url: 'https://example.org/' is a placeholder; "
        "give the published site's address"
    )
    assert run("validate", str(project / "data"), "--strict")[0] == 1
    source = (project / "charterkit.txt").read_text(encoding="utf-8")
    assert "charterkit @ git+https://github.com/charterkit/charterkit@v" in source

    with_url = tmp_path / "ready"
    options = ("--url", "https://standards.example.gov.uk/", "--email", "help@example.gov.uk")
    assert run("init", str(with_url), "--name", "Example Borough Council", *options)[0] == 0
    assert run("validate", str(with_url / "data"), "--strict")[0] == 0
    measure = with_url / "data" / "measures" / "phone-answered.yml"
    measure.write_text(measure.read_text(encoding="utf-8") + "sample: true\n", encoding="utf-8")
    assert run("build", str(with_url / "data"), "--config", str(with_url / "mkdocs.yml"), "--strict")[0] == 0
    figures = re.sub(r"<[^>]+>", "", (with_url / "site" / "performance" / "phone-answered" / "index.html").read_text())
    assert "Sample figures: the figures for this measure are made up for illustration" in figures
    assert "No data" in figures and "No results have been published yet." in figures  # its figure
    assert "Target: at least 90%" in figures
    html = (with_url / "site" / "accessibility" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)
    assert "This website is partially compliant with the WCAG 2.2 AA standard because of the problems" in text
    assert "contact help@example.gov.uk." in text
    for developer_words in ("site.yml", "accessibility section", "Add an"):
        assert developer_words not in text
    home = re.sub(r"<[^>]+>", "", (with_url / "site" / "index.html").read_text(encoding="utf-8"))
    assert "Our 1 standard has no published result yet." in home
    assert "No result with a target has been published yet." in home
    assert " met " not in home and "Every standard" not in home and "Example content" not in home


def test_a_publication_without_a_statement_tells_residents_where_to_report(tmp_path: Path, run: Run) -> None:
    project = tmp_path / "standards"
    assert run("init", str(project), "--name", "Example Borough Council", "--url", "https://s.example.gov.uk/")[0] == 0
    site = project / "data" / "site.yml"
    text = site.read_text(encoding="utf-8")
    site.write_text(text[: text.index("# The accessibility statement")], encoding="utf-8")
    code, out, _ = run("validate", str(project / "data"))
    assert code == 0 and "warning: accessibility: missing: the accessibility statement is written from it" in out
    assert run("build", str(project / "data"), "--config", str(project / "mkdocs.yml"))[0] == 0
    html = (project / "site" / "accessibility" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)
    assert "We are preparing this statement. Until it is published, if you find a problem" in text
    assert "site.yml" not in text and 'href="../contact/"' in html


def test_overdue_result_is_a_warning(publication: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")  # 1 January 2027
    code, out, _ = run("validate", "data")
    assert code == 0
    assert (
        "warning: results: the result for 2026-Q2 was due by 2026-08-29; add it with: charterkit new period 2026-Q2"
        in out
    )
    assert run("validate", "data", "--strict")[0] == 1


def test_unexplained_miss_can_be_a_warning(publication: Path, run: Run) -> None:
    site = publication / "site.yml"
    site.write_text(site.read_text(encoding="utf-8") + "settings:\n  unexplained_misses: warning\n", encoding="utf-8")
    measure = publication / "measures" / "calls-in-six-rings.yml"
    measure.write_text(measure.read_text(encoding="utf-8").replace("value: 92", "value: 80"), encoding="utf-8")
    code, out, _ = run("validate", "data")
    assert code == 0 and "warning: results[1]: the latest result (80 in 2026-Q1) misses the target of 90" in out


def test_feed_is_valid_atom(built_site: Path) -> None:
    import feedparser

    feed = feedparser.parse((built_site / "updates" / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.entries[0].title == "How we are doing, every quarter"
    assert all(e.link.startswith("https://standards.example.org/updates/") for e in feed.entries)


def test_charters_show_review_dates(built_site: Path) -> None:
    page = (built_site / "standards" / "corporate" / "index.html").read_text(encoding="utf-8")
    assert "Last reviewed on 10 March 2026. Next review by 1 April 2027." in page


@pytest.mark.parametrize(("outcome", "warned"), [("awarded", False), ("not-awarded", True), ("recommended", False)])
def test_recorded_outcome_is_checked_against_the_award_rule(
    publication: Path, run: Run, outcome: str, warned: bool
) -> None:
    """1 of 2 elements compliant meets the mini framework's 50% rule: 'not awarded' disagrees."""
    assessment = publication / "assessments" / "first.yml"
    assessment.write_text(f"outcome: {outcome}\n" + assessment.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, _ = run("validate", "data")
    message = (
        "warning: outcome: recorded as not-awarded, but the ratings meet the award rule; check the ratings and "
        "the outcome"
    )
    assert code == 0 and (message in out) == warned


def test_a_charter_uses_its_own_headings_and_channels(publication: Path, run: Run) -> None:
    charter = publication / "charters" / "main.yml"
    charter.write_text(
        charter.read_text(encoding="utf-8")
        + "  - id: face\n    channel: face-to-face\n    text: We see you within 15 minutes.\n"
        + "  - id: foi\n    channel: freedom-of-information\n    heading: When you ask for information\n"
        + "    text: We answer requests within 20 working days.\n",
        encoding="utf-8",
    )
    shutil.copy(Path(__file__).resolve().parent.parent / "mkdocs.yml", publication.parent / "mkdocs.yml")
    assert run("validate", "data")[0] == 0
    assert run("build", "data")[0] == 0
    html = (publication.parent / "site" / "standards" / "main" / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="face-to-face">Face to face' in html
    assert '<h2 id="freedom-of-information-requests-foi">When you ask for information' in html
    assert 'href="#freedom-of-information-requests-foi"' in html


@pytest.mark.parametrize(
    ("written", "link"),
    [
        ("See [the team standards](https://example.gov.uk/team).", '<a href="https://example.gov.uk/team">'),
        ("Write to [help](mailto:help@example.gov.uk).", '<a href="mailto:help@example.gov.uk">'),
        ("Call [us](tel:+441164960000).", '<a href="tel:+441164960000">'),
        ("Not [this](javascript:alert(1)).", None),
        ("Not [this](data:text/html,x).", None),
        ('Not [this](https://e.org/"onmouseover=alert(1)).', None),
    ],
)
def test_commitments_and_explanations_may_link_to_web_email_and_phone(
    publication: Path, run: Run, written: str, link: str | None
) -> None:
    charter = publication / "charters" / "main.yml"
    charter.write_text(
        charter.read_text(encoding="utf-8").replace("We answer the phone within six rings.", json.dumps(written)),
        encoding="utf-8",
    )
    shutil.copy(Path(__file__).resolve().parent.parent / "mkdocs.yml", publication.parent / "mkdocs.yml")
    assert run("build", "data")[0] == 0
    html = (publication.parent / "site" / "standards" / "main" / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    if link:
        assert link in article
    else:
        assert "Not [this](" in article  # shown as the text it is
        assert not re.search(r'<a href="(javascript|data):', article) and 'onmouseover="' not in article


def test_a_commitment_may_hold_a_list(publication: Path, run: Run) -> None:
    charter = publication / "charters" / "main.yml"
    written = (
        "text: |-\n      When you visit us we will:\n      - see you within 15 minutes\n"
        "      - <b>explain</b> what happens next"
    )
    charter.write_text(
        charter.read_text(encoding="utf-8").replace("text: We answer the phone within six rings.", written),
        encoding="utf-8",
    )
    shutil.copy(Path(__file__).resolve().parent.parent / "mkdocs.yml", publication.parent / "mkdocs.yml")
    assert run("build", "data")[0] == 0
    html = (publication.parent / "site" / "standards" / "main" / "index.html").read_text(encoding="utf-8")
    assert "<p>When you visit us we will:</p>\n<ul>\n<li>see you within 15 minutes</li>" in html
    assert "<li>&lt;b&gt;explain&lt;" in html and "<b>explain" not in html  # text, never markup


def test_an_untitled_commitment_never_sits_under_another_ones_heading(publication: Path, run: Run) -> None:
    charter = publication / "charters" / "main.yml"
    text = charter.read_text(encoding="utf-8").replace(
        "    channel: telephone\n", "    channel: telephone\n    title: Calls\n"
    )
    charter.write_text(
        text + "  - id: voicemail\n    channel: telephone\n    text: We return voicemail messages the same day.\n",
        encoding="utf-8",
    )
    shutil.copy(Path(__file__).resolve().parent.parent / "mkdocs.yml", publication.parent / "mkdocs.yml")
    assert run("build", "data")[0] == 0
    html = (publication.parent / "site" / "standards" / "main" / "index.html").read_text(encoding="utf-8")
    assert html.index("We return voicemail messages the same day.") < html.index(">Calls</h3>")
    assert html.index('<h2 id="telephone">') < html.index("We return voicemail messages the same day.")


def test_2011_12_is_a_month_to_a_monthly_measure_and_a_year_to_a_yearly_one(publication: Path, run: Run) -> None:
    """`2000-01` to `2011-12` read as months and as financial years alike: each measure reads
    them by its frequency, in its results and in `new period`."""
    measures = publication / "measures"
    base = (measures / "calls-in-six-rings.yml").read_text(encoding="utf-8")
    head = base.split("targets:")[0]
    monthly = head.replace("frequency: quarterly", "frequency: monthly")
    (measures / "calls-in-six-rings.yml").write_text(
        monthly + "results:\n  - period: 2011-11\n    value: 91\n  - period: 2000-01\n    value: 93\n", encoding="utf-8"
    )
    yearly = head.replace("frequency: quarterly", "frequency: financial-year")
    (measures / "calls-by-year.yml").write_text(
        yearly + "results:\n  - period: 2010-11\n    value: 90\n", encoding="utf-8"
    )
    code, out, _ = run("validate", "data")
    assert code == 0, out

    code, out, _ = run("new", "period", "2011-12")
    assert code == 0, out
    assert "added 2011-12 to data/measures/calls-in-six-rings.yml" in out
    assert "added 2011-12 to data/measures/calls-by-year.yml" in out
    for name, label in (
        ("calls-in-six-rings", "December 2011"),
        ("calls-by-year", "2011/12 (April 2011 to March 2012)"),
    ):
        text = (measures / f"{name}.yml").read_text(encoding="utf-8")
        assert f"# fill in: the figure for {label}," in text, text
