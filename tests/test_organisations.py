"""A national site, split by organisation: built for real with MkDocs and read as a resident would.

The publication is made here: three organisations (a top-level unit each), one of them with no
measures; the first holds one measure in each state a latest result can be in. There are enough
measures for the A to Z to get a page per letter.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from generator.render.atoz import AZ_LINKS
from tests.browser import _serve as serve
from tests.browser import audit
from tests.conftest import CORPUS, ROOT, Run, build_in
from tests.test_links import broken_links

SITE = """\
name: Example National Body
url: https://national.example.org/
sample: true
units:
  - id: north
    name: North Authority
    kind: council
    children:
      - id: north-services
        name: North Services
        kind: service
  - id: south
    name: South Authority
    kind: council
  - id: east
    name: East Authority
    kind: council
contact:
  channels:
    - id: phone
      kind: telephone
      label: Enquiries
      value: "0116 496 0000"
"""

# The first organisation's measures, one per state, by id: (title, lines after the owner).
STATES = {
    "north-met": (
        "Calls answered quickly",
        "targets: [{from: 2025-26, value: 90}]\nresults: [{period: 2026-Q1, value: 92}]",
    ),
    "north-missed": (
        "Letters answered on time",
        "targets: [{from: 2025-26, value: 90}]\n"
        "results: [{period: 2026-Q1, value: 80, explanation: Staff were away., actions: [N1]}]",
    ),
    "north-context": ("Emails received", "results: [{period: 2026-Q1, value: 3150}]", "count"),
    "north-waiting": ("Visitors seen quickly", "targets: [{from: 2025-26, value: 90}]\nresults: []"),
    "north-ended": (
        "Cash office queue",
        "targets: [{from: 2025-26, value: 90}]\nresults: []\nended: {on: 2025-03-31, reason: The office closed.}",
    ),
}
CHARTERS = {
    "north-charter": (
        "north",
        """  - id: phone
    channel: telephone
    text: We answer quickly.
    standards: [{measure: north-met, target: 90}]
    elements: [mini:1.1]
  - id: letters
    channel: letters-and-email
    text: We answer letters on time.
    standards: [{measure: north-missed, target: 90}, {measure: north-waiting, target: 90}]""",
    ),
    "east-charter": ("east", "  - id: kind\n    channel: general\n    text: We are kind."),
}
# N1 is North's (its missed result names it), S1 South's (it names a South measure), X1 no one's.
PLAN = """\
title: Our improvement plan
actions:
  - {id: N1, title: Answer letters sooner, status: in-progress, due: 2026-06-30}
  - {id: S1, title: Answer more calls, status: done, measures: [south-001]}
  - {id: X1, title: Review every charter, status: not-started}
"""
NORTH_MORE = 240  # measures met, beside the five above
SOUTH = 170  # measures met
WORDS = ["Answered", "Bins", "Claims", "Decisions", "Repairs", "Waiting"]


def measure_yaml(title: str, owner: str, rest: str, unit: str = "percentage") -> str:
    polarity = "" if unit == "count" else "polarity: higher-is-better\n"
    return (
        f"title: {title}\nunit: {unit}\n{polarity}frequency: quarterly\nowner: {owner}\n"
        f"definition: A test figure.\n{rest}\n"
    )


def expected() -> dict[str, list[str]]:
    """Each organisation's measure ids."""
    north = [*STATES, *(f"north-{i:03d}" for i in range(NORTH_MORE))]
    return {"north": north, "south": [f"south-{i:03d}" for i in range(SOUTH)], "east": []}


def make_national(project: Path) -> Path:
    """The national publication, written as `data/` of a project with the example's mkdocs.yml."""
    data = project / "data"
    (data / "measures").mkdir(parents=True)
    (data / "site.yml").write_text(SITE, encoding="utf-8")
    shutil.copytree(CORPUS / "base" / "frameworks", data / "frameworks")
    for mid, (title, rest, *unit) in STATES.items():
        (data / "measures" / f"{mid}.yml").write_text(measure_yaml(title, "north-services", rest, *unit))
    met = "targets: [{from: 2025-26, value: 90}]\nresults: [{period: 2026-Q1, value: 95}]"
    for org, count in (("north", NORTH_MORE), ("south", SOUTH)):
        for i in range(count):
            title = f"{WORDS[i % len(WORDS)]} {org} {i:03d}"
            rest = met + "\nelements: [mini:1.2]" if i == 0 else met
            (data / "measures" / f"{org}-{i:03d}.yml").write_text(measure_yaml(title, org, rest))
    (data / "improvement").mkdir()
    (data / "improvement" / "plan.yml").write_text(PLAN, encoding="utf-8")
    (data / "assessments").mkdir()
    for unit, second in (("north-services", "partial"), ("south", "compliant")):
        ratings = f'ratings:\n  "1.1": compliant\n  "1.2": {second}\n'
        text = f"framework: mini\nunit: {unit}\ndate: 2026-02-01\nassessor: An assessor\n{ratings}"
        (data / "assessments" / f"{unit}-2026.yml").write_text(text, encoding="utf-8")
    (data / "charters").mkdir()
    for cid, (unit, commitments) in CHARTERS.items():
        head = f"title: Charter of {unit}\nunit: {unit}\naim: To help.\neffective: 2026-04-01\n"
        charter = f"{head}commitments:\n{commitments}\n"
        (data / "charters" / f"{cid}.yml").write_text(charter, encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_in(make_national(tmp_path_factory.mktemp("national")))


class Links(HTMLParser):
    """The links of a page's main content, and its tables' rows as text."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.rows: list[list[str]] = []
        self.inside = 0
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "article":
            self.inside += 1
        if self.inside and tag == "a" and a.get("href"):
            self.links.append(a["href"] or "")
        if self.inside and tag == "tr":
            self.rows.append([])
        if self.inside and tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.inside -= 1
        if tag in ("td", "th") and self.cell is not None and self.rows:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def read(site: Path, page: str) -> Links:
    parsed = Links()
    parsed.feed((site / page / "index.html").read_text(encoding="utf-8"))
    return parsed


def targets(site: Path, page: str) -> set[str]:
    """The pages a page's content links to, as folders of the site (`performance/north-met`)."""
    here = site / page
    found = set()
    for link in read(site, page).links:
        if re.match(r"^[a-z]+:|^#|^//", link):
            continue
        path = (here / link.split("#")[0]).resolve()
        if path.is_relative_to(site.resolve()):
            found.add(path.relative_to(site.resolve()).as_posix().removesuffix("/index.html"))
    return found


def test_each_organisation_has_a_page_with_exactly_its_measures(national: Path) -> None:
    for org, ids in expected().items():
        if not ids:
            assert not (national / "performance" / org).exists()
            assert not (national / "data" / org).exists()
            continue
        shown = {t.removeprefix("performance/") for t in targets(national, f"performance/{org}")}
        assert shown & {m for ids_ in expected().values() for m in ids_} == set(ids)
        downloads = {
            link.removeprefix("../measures/")
            for link in read(national, f"data/{org}").links
            if link.startswith("../measures/")
        }
        assert downloads == {f"{m}.{kind}" for m in ids for kind in ("csv", "json")}


def test_the_index_counts_each_organisation_and_they_add_up(national: Path) -> None:
    rows = {row[0]: row[1:] for row in read(national, "performance").rows[1:]}
    more = NORTH_MORE + 1
    assert rows == {
        "North Authority": [str(len(expected()["north"])), str(more), "1", "1", "2"],
        "South Authority": [str(SOUTH), str(SOUTH), "0", "0", "0"],
        "East Authority": ["0", "0", "0", "0", "0"],
        "All organisations": [str(len(expected()["north"]) + SOUTH), str(more + SOUTH), "1", "1", "2"],
    }
    text = (national / "performance" / "index.html").read_text(encoding="utf-8")
    total = len(expected()["north"]) + SOUTH
    assert (
        f"{total} measures are published. At their latest results, {more + SOUTH} met their targets. "
        "At its latest result, 1 did not meet its target. 1 is a figure without a target. "
        "2 have no published result." in text
    )
    assert targets(national, "performance") >= {"performance/north", "performance/south"}
    assert "performance/east" not in targets(national, "performance")
    assert targets(national, "data") >= {"data/north", "data/south"}


def test_an_organisations_page_says_its_own_counts(national: Path) -> None:
    text = (national / "performance" / "south" / "index.html").read_text(encoding="utf-8")
    assert "How South Authority is performing" in text
    assert f"{SOUTH} measures are published. At their latest results, {SOUTH} met their targets." in text
    assert "did not meet" not in text


def test_the_a_to_z_has_a_page_per_letter_that_reaches_every_page(national: Path) -> None:
    letters = targets(national, "a-z")
    assert letters and all(t.startswith("a-z/") for t in letters)
    reached = set().union(*(targets(national, letter) for letter in letters))
    every = {f"performance/{m}" for ids in expected().values() for m in ids}
    assert every <= reached
    assert {"performance/north", "performance/south"} <= reached
    assert all(len(read(national, letter).links) <= AZ_LINKS for letter in letters)


def test_every_page_is_linked_and_every_link_resolves(national: Path) -> None:
    assert broken_links(national) == []
    pages = {p.parent.relative_to(national).as_posix() for p in national.rglob("index.html")}
    linked = set().union(*(targets(national, page) for page in pages - {"."}), targets(national, "."))
    assert {p for p in pages if "/" in p} - linked == set()  # the sections themselves are in the menu


def test_home_and_standards_count_each_organisations_standards(national: Path) -> None:
    expected_rows = {
        "North Authority": ["1", "3", "1", "1", "1"],
        "South Authority": ["0", "0", "0", "0", "0"],
        "East Authority": ["1", "0", "0", "0", "0"],
        "All organisations": ["2", "3", "1", "1", "1"],
    }
    for page in (".", "standards"):
        rows = {row[0]: row[1:] for row in read(national, page).rows if row and row[0] != "Organisation"}
        assert rows == expected_rows
        linked = targets(national, page)
        assert {"standards/north", "standards/east", "performance/south"} <= linked
        assert "standards/south" not in linked
    home = (national / "index.html").read_text(encoding="utf-8")
    assert "1 of 2 measured standards were met in January to March 2026. 1 more standard has no result yet." in home
    assert "At its latest result, 1 measure did not meet its target." in home
    assert "ck-card" not in home  # no card per standard: the home page stays the same size
    assert targets(national, "standards/north") >= {"standards/north-charter", "performance/north"}
    assert "standards/east-charter" not in targets(national, "standards/north")
    assert "standards/east-charter" in targets(national, "standards/east")


def test_a_criterion_page_counts_each_organisations_evidence(national: Path) -> None:
    text = " ".join((national / "frameworks" / "mini" / "1" / "index.html").read_text(encoding="utf-8").split())
    assert "Latest ratings of 2 assessments: Fully compliant: 2. Evidence from the organisations: 1 promise." in text
    assert (
        "Latest ratings of 2 assessments: Fully compliant: 1; Partially compliant: 1. "
        "Evidence from the organisations: 2 measures." in text
    )
    rows = {row[0]: row[1:] for row in read(national, "frameworks/mini/1").rows[1:]}
    assert rows == {"North Authority": ["2", "1", "1", "0"], "South Authority": ["2", "0", "1", "0"]}
    assert targets(national, "frameworks/mini/1") >= {"frameworks/mini/north", "frameworks/mini/south"}
    north = targets(national, "frameworks/mini/north")
    assert {"performance/north-000", "standards/north-charter", "assessments/north-services-2026"} <= north
    assert not {"performance/south-000", "assessments/south-2026"} & north
    assert not (national / "frameworks" / "mini" / "east").exists()


def test_the_improvement_page_counts_each_organisations_actions(national: Path) -> None:
    header = ("Organisation", "Action")
    rows = {row[0]: row[1:] for row in read(national, "improvement").rows if row and row[0] not in header}
    assert rows["North Authority"] == ["1 (1 overdue)", "0", "1", "0", "0"]
    assert rows["South Authority"] == ["1", "0", "0", "1", "0"]
    assert rows["East Authority"] == ["0", "0", "0", "0", "0"]
    assert rows["No single organisation"] == ["1", "1", "0", "0", "0"]
    assert rows["All organisations"] == ["3 (1 overdue)", "1", "1", "1", "0"]
    assert "X1: Review every charter" in rows
    assert "N1: Answer letters sooner" not in rows
    north = {row[0] for row in read(national, "improvement/north").rows}
    assert "N1: Answer letters sooner" in north and "S1: Answer more calls" not in north
    assert {"improvement/north", "improvement/south"} <= targets(national, "improvement")
    assert not (national / "improvement" / "east").exists()


def test_every_link_resolves_when_zensical_builds_it(tmp_path: Path) -> None:
    """Links in raw HTML (the tables' links to each organisation) are written for the engine."""
    site = build_in(make_national(tmp_path), "zensical")
    assert (site / "performance" / "north" / "index.html").is_file()
    assert broken_links(site) == []


SPLIT_PAGES = [
    "",
    "performance/",
    "performance/north/",
    "data/",
    "data/north/",
    "standards/",
    "standards/north/",
    "a-z/",
    "a-z/a/",
    "frameworks/mini/1/",
    "frameworks/mini/north/",
    "improvement/",
    "improvement/north/",
]


@pytest.fixture(scope="module")
def national_url(national: Path) -> Iterator[str]:
    yield from serve(national)


@pytest.mark.browser
@pytest.mark.parametrize("palette", ["light", "dark"])
def test_axe_finds_no_violations_on_the_split_pages(browser: Any, national_url: str, palette: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=palette)
    page = context.new_page()
    found = {}
    for path in SPLIT_PAGES:
        page.goto(national_url + path)
        page.wait_for_load_state("load")
        problems = [f"{v['id']}: {v['help']}" for v in audit(page)]
        if problems:
            found[path or "/"] = problems
    context.close()
    assert found == {}


def test_an_organisation_whose_pages_would_take_a_measures_address_is_refused(publication: Path, run: Run) -> None:
    site = (publication / "site.yml").read_text(encoding="utf-8")
    south = "  - id: south\n    name: South Authority\n    kind: council\n"
    (publication / "site.yml").write_text(site.replace("contact:\n", south + "contact:\n"), encoding="utf-8")
    (publication / "measures" / "south.yml").write_text(measure_yaml("Calls", "south", "results: []"), "utf-8")
    code, out, _ = run("validate", "data")
    line = site[: site.index("contact:")].count("\n") + 1
    assert code == 1
    assert (
        f"data/site.yml:{line}:5: units[1].id: the organisation 'south' would have its page at the address of "
        "measure 'south' (/performance/south/), since this site's measures come from several organisations; "
        "give one of them a different id"
    ) in out
