"""A real MkDocs build of the example site, checked as HTML, plus the build's safety rules."""

from __future__ import annotations

import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.build import exclusive
from generator.render.writer import MANIFEST
from tests.conftest import CORPUS, DATA, ROOT, Run, build_in


def make_project(where: Path, data: Path = DATA) -> Path:
    where.mkdir(parents=True, exist_ok=True)
    shutil.copytree(data, where / "data")
    shutil.copy(ROOT / "mkdocs.yml", where / "mkdocs.yml")
    return where


@pytest.fixture(scope="module")
def built(built_site: Path) -> Path:
    return built_site


class Page(HTMLParser):
    """The parts of a built page the checks look at."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.h1 = 0
        self.links: list[str] = []
        self.external: list[str] = []
        self.skip_link = False
        self.tables = 0
        self.header_cells = 0
        self.svgs = 0
        self.svg_titles = 0
        self.in_svg = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang") or ""
        elif tag == "h1":
            self.h1 += 1
        elif tag == "a":
            href = a.get("href") or ""
            self.links.append(href)
            if "md-skip" in (a.get("class") or ""):
                self.skip_link = True
        elif tag == "table":
            self.tables += 1
        elif tag == "th":
            self.header_cells += 1
        elif tag == "svg" and a.get("role") == "img":
            self.svgs += 1
            self.in_svg = True
        elif tag == "title" and self.in_svg:
            self.svg_titles += 1
        loads = tag in ("script", "img", "iframe", "source") or (
            tag == "link" and (a.get("rel") or "") not in ("canonical", "alternate", "prev", "next")
        )
        for key in ("src", "href"):
            value = a.get(key) or ""
            if loads and re.match(r"^(https?:)?//", value):
                self.external.append(f"<{tag} {key}={value}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self.in_svg = False


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


EXPECTED = [
    "index.html",
    "standards/index.html",
    "standards/corporate/index.html",
    "performance/index.html",
    "performance/calls-answered-in-six-rings/index.html",
    "frameworks/index.html",
    "frameworks/cse/index.html",
    "frameworks/cse/4/index.html",
    "frameworks/audit-scotland-cf/3/index.html",
    "assessments/index.html",
    "assessments/cse-2013-resources/index.html",
    "improvement/index.html",
    "benchmarks/index.html",
    "benchmarks/mori-1998/index.html",
    "updates/index.html",
    "updates/feed.xml",
    "data/index.html",
    "data/all-results.csv",
    "data/datapackage.json",
    "data/measures/calls-answered-in-six-rings.csv",
    "accessibility/index.html",
    "contact/index.html",
    "a-z/index.html",
]


def test_every_page_kind_is_reachable_from_home(engine_site: Path) -> None:
    """Follow links from the home page, as a visitor would, and find every kind of page."""
    built = engine_site
    seen: set[str] = set()
    queue = ["index.html"]
    while queue:
        current = queue.pop()
        if current in seen or not (built / current).is_file():
            continue
        seen.add(current)
        if not current.endswith(".html"):
            continue
        for href in parse(built / current).links:
            if re.match(r"^[a-z]+:|^#|^//", href):
                continue
            target = os.path.normpath(os.path.join(os.path.dirname(current), href.split("#")[0]))
            queue.append(target + "/index.html" if (built / target).is_dir() else target)
    assert [page for page in EXPECTED if page not in seen] == []


def _editor(built: Path, page: Path) -> bool:
    """The browser editor's page at /admin/ is Decap's, not one of the site's."""
    return page.relative_to(built).parts[0] == "admin"


def test_pages_are_structurally_sound(engine_site: Path) -> None:
    built = engine_site
    pages = sorted(p for p in built.rglob("*.html") if p.name != "404.html" and not _editor(built, p))
    assert len(pages) > 40
    for path in pages:
        page = parse(path)
        where = path.relative_to(built)
        assert page.lang == {"cy": "cy", "ur": "ur"}.get(where.parts[0], "en"), where
        assert page.h1 == 1, where
        assert page.skip_link, where
        assert page.external == [], where
        if page.tables:
            assert page.header_cells >= page.tables, where
        assert page.svg_titles == page.svgs, where


def test_measure_page_has_chart_summary_and_table(built: Path) -> None:
    html = (built / "performance" / "calls-answered-in-six-rings" / "index.html").read_text(encoding="utf-8")
    assert 'role="img"' in html
    assert "The result for Q2 2026/27 (July to September 2026) was 91.2%. The target is at least 90%. Met." in html
    assert "<caption" in html and "Every result for Telephone calls answered within six rings" in html


def test_no_third_party_fonts_or_scripts(engine_site: Path) -> None:
    built = engine_site
    for path in built.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text, path


def test_a_failed_build_leaves_the_previous_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run) -> None:
    project = make_project(tmp_path)
    monkeypatch.chdir(project)
    assert run("build", "data")[0] == 0
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}

    # Bad data: nothing is generated or built.
    charter = project / "data" / "charters" / "corporate.yml"
    good = charter.read_text(encoding="utf-8")
    charter.write_text(good.replace("unit: council", "unit: counsil"), encoding="utf-8")
    code, _, err = run("build", "data")
    assert code == 1 and "did you mean 'council'?" in err
    # MkDocs fails (a hand-written page with a broken link, in strict mode): the site stays.
    charter.write_text(good, encoding="utf-8")
    (project / "site_src" / "notes.md").write_text("# Notes\n\n[broken](missing.md)\n", encoding="utf-8")
    code, _, err = run("build", "data")
    assert code == 1 and "MkDocs could not build the site" in err

    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site.")] == [".site.lock"]


def test_generated_pages_follow_the_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run) -> None:
    project = make_project(tmp_path)
    monkeypatch.chdir(project)
    docs = project / "site_src"
    docs.mkdir()
    (docs / "about.md").write_text("# About\n\nWritten by hand.\n", encoding="utf-8")
    assert run("build", "data")[0] == 0
    page = docs / "benchmarks" / "mori-1998.md"
    assert page.is_file()
    stamp = (docs / "index.md").stat().st_mtime_ns

    (project / "data" / "benchmarks" / "mori-1998.yml").unlink()
    assert run("build", "data")[0] == 0
    assert not page.exists()
    assert not (project / "site" / "benchmarks" / "mori-1998").exists()
    assert (docs / "about.md").read_text(encoding="utf-8") == "# About\n\nWritten by hand.\n"
    assert (project / "site" / "about" / "index.html").is_file()
    assert (docs / "index.md").stat().st_mtime_ns == stamp  # unchanged pages are not rewritten
    assert "benchmarks/mori-1998.md" not in (docs / MANIFEST).read_text(encoding="utf-8")


def test_generation_is_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.build import generate

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    generate(DATA, tmp_path / "one")
    generate(DATA, tmp_path / "two")
    one = {p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob("*") if p.is_file()}
    two = {p.relative_to(tmp_path / "two"): p.read_bytes() for p in (tmp_path / "two").rglob("*") if p.is_file()}
    assert len(one) > 50
    assert one == two


def test_hand_written_file_in_the_way_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run) -> None:
    project = make_project(tmp_path)
    monkeypatch.chdir(project)
    (project / "site_src" / "standards").mkdir(parents=True)
    (project / "site_src" / "standards" / "corporate.md").write_text("# Mine\n", encoding="utf-8")
    code, _, err = run("build", "data")
    assert code == 1
    assert "site_src/standards/corporate.md:1:1: a hand-written file is in the way of a generated page" in err
    assert (project / "site_src" / "standards" / "corporate.md").read_text(encoding="utf-8") == "# Mine\n"


def test_two_items_at_one_address_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run) -> None:
    project = make_project(tmp_path)
    monkeypatch.chdir(project)
    framework = project / "data" / "frameworks" / "cse.yml"
    framework.write_text(
        framework.read_text(encoding="utf-8").replace('- id: "5"', '- id: "index"', 1), encoding="utf-8"
    )
    code, _, err = run("build", "data")
    assert code == 1
    assert "cse:index and cse would both be published at frameworks/cse/index.md" in err


def test_a_second_build_at_the_same_time_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run) -> None:
    project = make_project(tmp_path)
    monkeypatch.chdir(project)
    with exclusive(project / ".site.lock"):
        code, _, err = run("build", "data")
    assert code == 1 and "another build is running" in err


def test_a_publication_can_override_one_template(tmp_path: Path) -> None:
    """Also within one process, as under `charterkit serve`: an override added or removed later
    takes effect at the next generation."""
    from generator.build import generate

    project = make_project(tmp_path)
    contact = project / "site_src" / "contact.md"
    generate(project / "data", project / "site_src")
    default = contact.read_text(encoding="utf-8")
    assert not default.startswith("# Talk to us")
    (project / "data" / "templates").mkdir()
    override = project / "data" / "templates" / "contact.md.j2"
    override.write_text("# Talk to us\n\nRing {{ site.contact.channels[0].value | text }}.\n", encoding="utf-8")
    generate(project / "data", project / "site_src")
    assert contact.read_text(encoding="utf-8") == "# Talk to us\n\nRing 0116 496 0000.\n"
    assert (project / "site_src" / "a-z.md").read_text(encoding="utf-8").startswith("# A to Z")
    override.unlink()
    generate(project / "data", project / "site_src")
    assert contact.read_text(encoding="utf-8") == default


NON_LATIN = re.compile(r"[\u0370-\u03ff\u0400-\u04ff\u0590-\u08ff\u0900-\u0dff\u3040-\u9fff\uac00-\ud7af]")


class LangCheck(HTMLParser):
    """Finds text in a non-Latin script that is not inside an element declaring another language."""

    VOID = frozenset(
        {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    )

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.unmarked: list[str] = []
        self.marked: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append(dict(attrs).get("lang") or (self.stack[-1] if self.stack else ""))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if NON_LATIN.search(data):
            lang = self.stack[-1] if self.stack else ""
            if lang.startswith("en") or not lang:
                self.unmarked.append(data.strip())
            else:
                self.marked.append((lang, data.strip()))


def test_text_in_other_languages_carries_its_lang(built: Path) -> None:
    marked = []
    for path in built.rglob("*.html"):
        checker = LangCheck()
        checker.feed(path.read_text(encoding="utf-8"))
        assert checker.unmarked == [], path
        marked += checker.marked
    assert ("ur", "اردو") in marked and ("gu", "ગુજરાતી") in marked


def test_breakdowns_of_every_quarter_with_status_per_service(built: Path) -> None:
    """A service that missed the standard in an earlier quarter is shown, judged, and downloadable."""
    html = (built / "performance" / "letters-answered-in-10-days" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    for quarter in ("Q2 2026/27 (July to September 2026)", "Q1 2026/27 (April to June 2026)"):
        assert f"Letters and emails answered within ten working days by service, {quarter}" in text
    assert "Revenues and Benefits 82.3% at least 90% Not met" in text
    csv_text = (built / "data" / "measures" / "letters-answered-in-10-days.csv").read_text(encoding="utf-8")
    assert csv_text.splitlines()[0].startswith("measure,part,period,period_label,")
    assert "letters-answered-in-10-days,revenues-benefits,2026-27 Q1,Q1 2026/27 (April to June 2026)," in csv_text
    assert ",82.3,percentage,90,not-met," in csv_text


def test_chart_draws_each_period_once_leaving_year_to_date_to_the_table(built: Path) -> None:
    html = (built / "performance" / "letters-answered-in-10-days" / "index.html").read_text(encoding="utf-8")
    from generator.validate import validate
    from tests.conftest import DATA

    measure = validate(DATA)[0].measures["letters-answered-in-10-days"]
    own = [r for r in measure.results if not r.year_to_date]
    assert len(own) < len(measure.results)  # the example has a year-to-date figure beside its quarter
    start = html.index('<svg class="ck-chart"')
    chart = html[start : html.index("</svg>", start)]
    assert chart.count('class="ck-point"') == len(own)
    # the table keeps it, on two lines that never wrap
    assert (
        '<span class="ck-line-of">Year to date</span><span class="ck-line-of">to the end of Q2 2026/27</span>' in html
    )


def test_every_page_of_the_sample_says_it_is_a_sample(built: Path) -> None:
    pages = [p for p in built.rglob("index.html") if p.relative_to(built).parts[0] not in ("cy", "ur", "admin")]
    assert len(pages) > 40
    unmarked = [str(p.relative_to(built)) for p in pages if "Example content:" not in p.read_text(encoding="utf-8")]
    assert unmarked == []


def test_the_footer_says_who_publishes_and_when_figures_were_last_published(built: Path, tmp_path: Path) -> None:
    """The date is the newest `published` of any result; with none, the footer claims no date."""
    from generator.validate import validate

    publication, _ = validate(DATA)
    newest = max(r.published for m in publication.measures.values() for r in m.results if r.published)
    for page, words in [
        ("index.html", f"Published by Example City Council. Figures last updated on {newest:%-d %B %Y}."),
        ("performance/index.html", "Published by Example City Council."),
        ("cy/index.html", "Cyhoeddwyd gan Cyngor Dinas Enghraifft."),
    ]:
        footer = re.search(r'<div class="md-copyright__highlight">(.*?)</div>', (built / page).read_text("utf-8"), re.S)
        assert footer and words in " ".join(footer[1].split()), (page, footer and footer[1])
        assert 'href="' in footer[1] and "accessibility/" in footer[1] and "contact/" in footer[1]

    project = make_project(tmp_path, CORPUS / "base")
    site = build_in(project)
    footer = re.search(
        r'<div class="md-copyright__highlight">(.*?)</div>', (site / "index.html").read_text("utf-8"), re.S
    )
    assert footer and "Published by Example Test Council." in footer[1] and "last updated" not in footer[1]
