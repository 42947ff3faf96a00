"""Scaffolding for the publishing routine: a new update, a new period's empty results, a new publication.

Files are edited as text, so comments and layout people wrote stay as they were; each addition
is placed where a reviewer expects it and says in comments what to fill in.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from generator import __version__
from generator.load import parse_file
from generator.models import Measure
from generator.periods import Period
from generator.problems import CharterkitError
from generator.render.words import figure, slug
from generator.standing import target_for
from generator.today import as_of
from generator.validate import RESULT_KIND, validate

FREQUENCY_OF = {kind: frequency for frequency, kind in RESULT_KIND.items()}


def new_update(data: Path, title: str, day: date) -> Path:
    """A dated post skeleton in `updates/`; refuses to overwrite one that exists."""
    words = slug(title)[:60].strip("-") or "update"
    path = data / "updates" / f"{day.isoformat()}-{words}.md"
    if path.exists():
        raise CharterkitError(f"{path}: already exists; choose another title")
    path.parent.mkdir(parents=True, exist_ok=True)
    quoted = title.replace('"', '\\"')
    path.write_text(
        "---\n"
        f'title: "{quoted}"\n'
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
    try:
        period = Period.parse(text)
    except ValueError as error:
        raise CharterkitError(f"{text}: {error}") from None
    publication, problems = validate(data)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise CharterkitError("fix these problems first, then add the period", errors)
    changed = []
    for mid, measure in sorted(publication.measures.items()):
        if measure.frequency != FREQUENCY_OF[period.kind]:
            continue
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
    if target is not None:
        comparison = "at least" if measure.polarity == "higher-is-better" else "at most"
        promise = f"; the target is {comparison} {figure(target, measure.unit, measure.decimals)}"
    block = [
        f'  - period: "{period}"',
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


TEMPLATE_FILES = {
    "data/site.yml": """# yaml-language-server: $schema=../schemas/site.schema.json
name: {name}
url: https://example.org/
language: en
sample: true
units:
  - id: council
    name: {name}
    kind: council
    children:
      - id: customer-services
        name: Customer Services
        kind: service
contact:
  channels:
    - id: phone
      kind: telephone
      label: Customer Services
      value: "0116 496 0000"
      hours:
        - days: [mon, tue, wed, thu, fri]
          opens: "09:00"
          closes: "17:00"
""",
    "data/charters/customer-charter.yml": """# yaml-language-server: $schema=../../schemas/charter.schema.json
title: Our customer charter
unit: council
aim: We aim to treat everyone fairly, courteously and helpfully.
effective: {year}-04-01
review: {next_year}-04-01
commitments:
  - id: phone
    channel: telephone
    text: We will answer your call within six rings.
    standards:
      - measure: phone-answered
        target: 90
your_help:
  - Have your reference number ready when you call.
complaints:
  text: Tell us if we fall short of these standards and we will put it right.
  how: [Phone Customer Services]
""",
    "data/measures/phone-answered.yml": """# yaml-language-server: $schema=../../schemas/measure.schema.json
title: Calls answered within six rings
unit: percentage
polarity: higher-is-better
frequency: quarterly
owner: customer-services
definition: Calls answered within six rings, as a share of all calls.
source: The telephone system's reports.
targets:
  - from: "{year}"
    value: 90
results: []
""",
    "mkdocs.yml": """site_name: {name} service standards
docs_dir: site_src
site_dir: site
strict: true
theme:
  name: material
  language: en
  font: false
  features: [navigation.indexes, navigation.top]
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle: {{icon: material/brightness-7, name: Switch to dark mode}}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle: {{icon: material/brightness-4, name: Switch to light mode}}
plugins: [search]
markdown_extensions: [toc, tables, def_list, attr_list, md_in_html]
extra_css: [assets/charterkit.css]
extra_javascript: [assets/charterkit.js]
nav:
  - Home: index.md
  - Our standards: standards/index.md
  - Performance: performance/index.md
  - What we are improving: improvement/index.md
  - Updates: updates/index.md
  - Download data: data/index.md
  - A to Z: a-z.md
  - Contact us: contact.md
  - Accessibility: accessibility.md
""",
    ".github/workflows/charterkit.yml": """name: Check and build the site
on:
  pull_request:
  push:
    branches: [main]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - run: python -m pip install -r requirements.txt
      - run: charterkit validate data --strict
      - run: charterkit build data --strict
""",
    ".pre-commit-config.yaml": """repos:
  - repo: local
    hooks:
      - id: charterkit-validate
        name: charterkit validate
        entry: charterkit validate data
        language: system
        pass_filenames: false
        files: ^data/
""",
    ".gitignore": "/site/\n/site_src/\n.charterkit-cache/\n.site.lock\n",
    "requirements.txt": "# Where the checks and builds get charterkit from: a released version, or a git address\n"
    '# of the charterkit source (pip install "charterkit @ git+https://...").\ncharterkit=={version}\n',
}


def init(folder: Path, name: str, today: date) -> list[Path]:
    """A new publication with minimal valid data, MkDocs configuration, CI workflow and pre-commit."""
    if folder.exists() and any(folder.iterdir()):
        raise CharterkitError(f"{folder}: is not empty; give a new folder")
    written = []
    for relative, template in TEMPLATE_FILES.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        values = {"name": name, "year": today.year, "next_year": today.year + 1, "version": __version__}
        path.write_text(template.format(**values), encoding="utf-8")
        written.append(path)
    (folder / "data" / "updates").mkdir(parents=True, exist_ok=True)
    from generator.schema import write_schemas

    written += write_schemas(folder / "schemas")
    return written
