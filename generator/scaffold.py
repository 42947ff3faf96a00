"""Scaffolding for the publishing routine: a new update, a new period's empty results, a new publication.

Files are edited as text, so comments and layout people wrote stay as they were; each addition
is placed where a reviewer expects it and says in comments what to fill in. Every value given on
the command line is written by YAML's emitter (`_quoted`), never pasted into the text, so a title
with a colon, a quote, a `#` or a backslash still gives a file that reads back as typed.
"""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path

import yaml

from generator import __version__
from generator.load import parse_file
from generator.models import Measure
from generator.periods import Period
from generator.problems import CharterkitError
from generator.render.words import figure, slug
from generator.standing import target_for
from generator.today import as_of
from generator.validate import RESULT_KIND, validate

FREQUENCY_OF = {kind: frequency for frequency, kind in RESULT_KIND.items() if kind}


def new_update(data: Path, title: str, day: date) -> Path:
    """A dated post skeleton in `updates/`; refuses to overwrite one that exists."""
    words = slug(title)[:60].strip("-") or "update"
    path = data / "updates" / f"{day.isoformat()}-{words}.md"
    if path.exists():
        raise CharterkitError(f"{path}: already exists; choose another title")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "---\n"
        f"title: {_quoted(title)}\n"
        f"date: {day.isoformat()}\n"
        "tags: []  # add you-said-we-did when the post reports a change residents asked for\n"
        "summary: One sentence for the list of updates and the feed.\n"
        "---\n"
        "Write the update here, in plain English. Say what changed, why, and what happens next.\n",
        encoding="utf-8",
    )
    return path


def new_period(data: Path, text: str) -> list[Path]:
    """Add an empty result for `text` to every measure published at that frequency."""
    publication, problems = validate(data)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise CharterkitError("fix these problems first, then add the period", errors)
    try:
        period = Period.parse(text, year_starts=publication.year_starts)
    except ValueError as error:
        raise CharterkitError(f"{text}: {error}") from None
    if period.kind == "span":
        raise CharterkitError(f"{text}: a span has no frequency; add it by hand to the measures it belongs to")
    # `2011-12` is both a financial year and a month: each measure takes the reading of its frequency.
    readings = {FREQUENCY_OF[p.kind]: p for p in (period, Period.parse(text, "month", publication.year_starts))}
    changed = []
    for mid, measure in sorted(publication.measures.items()):
        if measure.frequency not in readings:
            continue
        period = readings[measure.frequency]
        if any(r.period == period or str(r.period) == str(period) for r in measure.results):
            continue
        path = Path(publication.document("measure", mid).file)
        _insert_result(path, measure, period)
        changed.append(path)
    return changed


def _insert_result(path: Path, measure: Measure, period: Period) -> None:
    text = path.read_text(encoding="utf-8")
    document, _ = parse_file(path, str(path))
    assert document is not None  # it validated a moment ago
    lines = text.split("\n")
    target = target_for(measure, period)
    promise = ""
    if target is not None and measure.polarity:
        comparison = "at least" if measure.polarity == "higher-is-better" else "at most"
        promise = f"; the target is {comparison} {figure(target, measure.unit, measure.decimals)}"
    block = [
        f"  - period: {_quoted(str(period))}",
        f"    value:  # fill in: the figure for {period.label}, in {measure.unit}{promise}",
        f"    published: {as_of().isoformat()}  # the day these figures go live on the site",
        "    # numerator:    # for a percentage: how many met the standard",
        "    # denominator:  # ... and how many were counted",
        "    # note: anything a reader needs to understand the figure",
        "    # explanation: required if the target was missed: why, and what we are doing",
        "    # actions: [ids of improvement actions]",
    ]
    if ("results",) not in document.marks:
        lines[len(lines) - 1 if lines[-1] == "" else len(lines) :] = ["results:", *block, ""]
        path.write_text("\n".join(lines), encoding="utf-8")
        return
    results_line = document.marks[("results",)][0]
    if re.fullmatch(r"results:\s*\[\s*\]\s*(#.*)?", lines[results_line - 1]):
        lines[results_line - 1] = "results:"  # an empty list written inline becomes a block list
    following = sorted(
        line for key_path, (line, _) in document.marks.items() if len(key_path) == 1 and line > results_line
    )
    if following:
        insert_at = following[0] - 1
        while insert_at > results_line and (
            not lines[insert_at - 1].strip() or lines[insert_at - 1].lstrip().startswith("#")
        ):
            insert_at -= 1  # comments and blank lines above the next key belong to it
    else:
        insert_at = len(lines) - 1 if lines[-1] == "" else len(lines)
    lines[insert_at:insert_at] = block
    path.write_text("\n".join(lines), encoding="utf-8")


SKELETON = Path(__file__).resolve().parent / "skeleton"
RENAMED = {"github": ".github", "gitignore": ".gitignore", "pre-commit-config.yaml": ".pre-commit-config.yaml"}
PLACEHOLDER_URL = "https://example.org/"
SAMPLE_NAME = "Example Council"


def init(folder: Path, name: str | None, today: date, url: str | None = None, email: str | None = None) -> list[Path]:
    """A new publication: minimal valid data, MkDocs configuration, workflows that check every pull
    request and publish `main` to GitHub Pages, a pre-commit hook, and charterkit's locked
    dependencies. Without a name it is a sample, marked as one on every page."""
    if folder.exists() and not folder.is_dir():
        raise CharterkitError(f"{folder}: is a file, not a folder; give the name of a new folder")
    if folder.exists() and any(folder.iterdir()):
        raise CharterkitError(f"{folder}: is not empty; give a new folder")
    _refuse_what_validate_would(name, url, email, today)
    site_name = _quoted(f"{name or SAMPLE_NAME} service standards")
    written = []
    for source in sorted(SKELETON.rglob("*")):
        if not source.is_file() or source.suffix == ".pyc":
            continue
        relative = source.relative_to(SKELETON)
        target = folder.joinpath(RENAMED.get(relative.parts[0], relative.parts[0]), *relative.parts[1:])
        written.append(_write(target, _filled(source, today, site_name)))
    written.append(_write(folder / "data" / "site.yml", site_file(name, url, email, today)))
    written.append(_write(folder / "charterkit.txt", _charterkit_source()))
    (folder / "data" / "updates").mkdir(parents=True, exist_ok=True)
    from generator.schema import editor_settings, write_schemas

    written += write_schemas(folder / "schemas")
    written.append(_write(folder / ".vscode" / "settings.json", editor_settings()))
    from generator.fmt import fmt

    fmt(folder / "data")  # in the form the browser editor writes, so the first check passes
    return written


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _quoted(text: str) -> str:
    """`text` as one line of YAML that reads back as exactly `text`: a double-quoted scalar from
    the emitter, which escapes what YAML would otherwise read differently (quotes, backslashes,
    line breaks, U+2028, a leading space, `null`)."""
    return yaml.safe_dump(text, default_style='"', allow_unicode=True, width=float("inf")).rstrip("\n")


_OPTIONS = (("url", "--url"), ("contact", "--email"), ("", "--name"))


def _refuse_what_validate_would(name: str | None, url: str | None, email: str | None, today: date) -> None:
    """Check the values given as `validate` will, before anything is written: a publication that
    fails its first check is no start. Each problem is said against the option that caused it."""
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "data"
        for source in sorted((SKELETON / "data").rglob("*")):
            if source.is_file():
                _write(data / source.relative_to(SKELETON / "data"), _filled(source, today))
        _write(data / "site.yml", site_file(name, url, email, today))
        _, problems = validate(data)
    found = []
    for problem in problems:
        if problem.severity == "error":
            option = next(flag for part, flag in _OPTIONS if part in problem.field)
            found.append(f"{option}: {problem.message}")
    if found:
        raise CharterkitError("; ".join(found) + "; nothing was created")


def _filled(source: Path, today: date, site_name: str = "") -> str:
    """A skeleton file with its placeholders filled in (the site's name already emitted as YAML)."""
    values = {"@SITE_NAME@": site_name, "@YEAR@": str(today.year), "@NEXT_YEAR@": str(today.year + 1)}
    text = source.read_text(encoding="utf-8")
    for token, value in values.items():
        text = text.replace(token, value)
    return text


def site_file(name: str | None, url: str | None, email: str | None, today: date) -> str:
    """`data/site.yml` for a new publication. A sample says so and may carry a number from
    Ofcom's range for drama; a real publisher's file carries only what it was given."""
    lines = [
        f"name: {_quoted(name or SAMPLE_NAME)}",
        "# The published site's address: on GitHub Pages, https://<owner>.github.io/<repository>/",
        f"url: {_quoted(url or PLACEHOLDER_URL)}",
        "language: en",
        "year_starts: april  # results are reported in financial years: 2026-27 Q1 is April to June 2026",
    ]
    if name is None:
        lines.append("sample: true  # example content: every page says so")
    lines += [
        "units:",
        "  - id: council",
        f"    name: {_quoted(name or SAMPLE_NAME)}",
        "    kind: council",
        "    children:",
        "      - id: customer-services",
        "        name: Customer Services",
        "        kind: service",
        "contact:",
        "  channels:",
    ]
    if name is None:
        lines += [
            "    - id: phone",
            "      kind: telephone",
            "      label: Customer Services",
            '      value: "0116 496 0000"  # a number reserved for drama: it reaches no one',
            "      hours:",
            "        - days: [mon, tue, wed, thu, fri]",
            '          opens: "09:00"',
            '          closes: "17:00"',
        ]
    elif email:
        lines += [
            "    - id: email",
            "      kind: email",
            "      label: Customer Services",
            f"      value: {_quoted(email)}",
        ]
    else:
        lines[-1] = "  channels: []  # add how residents reach you: telephone, email, web, post, visit"
    lines += [
        "# The accessibility statement on /accessibility/ is written from this section. Check each fact",
        "# before the site goes live, and add each test of the site under audits.",
        "accessibility:",
        "  status: partially-compliant  # or fully-compliant or not-compliant, once the site is tested",
        f"  prepared: {today.isoformat()}",
    ]
    if email or name is None:
        lines.append(f"  contact: {_quoted(email or '0116 496 0000')}")
    else:
        lines.append("  # contact: the email address or phone number for reporting a problem")
    lines += [
        "  known_issues:",
        "    - This website has not yet been tested by people who use assistive technology.",
        "# To edit in the browser at /admin/, name the repository (see charterkit's README):",
        "# editor:",
        "#   repo: owner/name",
    ]
    return "\n".join(lines) + "\n"


def _charterkit_source() -> str:
    """Where a publication's workflows install charterkit from: this version, from its source."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        urls = metadata("charterkit").get_all("Project-URL") or []
    except PackageNotFoundError:
        urls = []
    source = next((url.split(",", 1)[1].strip() for url in urls if url.startswith("Source,")), None)
    if source is None:
        raise CharterkitError("charterkit is not installed as a package; install it, then run init again")
    return (
        "# Where this publication's checks and builds install charterkit from: one released version.\n"
        "# Installed with --no-deps after requirements.txt, which locks everything charterkit needs.\n"
        f"charterkit @ git+{source}@v{__version__}\n"
    )
