"""A page is rendered again exactly when something it is made from changed (`generator.render.keys`).

Each test changes one kind of input of the example publication, regenerates its pages with the
last build's keys, and checks three things: the pages are byte for byte those a render from
nothing gives (no stale page); every page whose bytes changed was rendered again; and pages
that cannot show the change were taken from the last build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from generator.build import generate
from generator.render import keys
from generator.render.links import written_for
from tests.conftest import DATA

Change = Callable[[Path], None]
Outcome = tuple[set[str], set[str], int]  # pages rendered again, pages whose bytes changed, pages


def _pages(folder: Path) -> dict[str, bytes]:
    """The pages and the measures' downloads: the files a key decides about."""
    found = {str(p.relative_to(folder)): p for p in sorted(folder.rglob("*")) if p.is_file()}
    return {path: file.read_bytes() for path, file in found.items() if path.endswith(".md") or _download(path)}


def _download(path: str) -> bool:
    return path.startswith(("data/measures/", "cy/data/measures/", "ur/data/measures/"))


def _generated(folder: Path) -> dict[str, bytes]:
    """Every file a build writes into the docs folder."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _regenerate(project: Path, monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """Regenerate the project's pages; returns the pages rendered (not taken from the last build)."""
    taken: set[str] = set()
    reuse = keys.Store.reuse

    def spied(store: keys.Store, path: str, key: str, hashes: keys.Hashes) -> bytes | None:
        kept = reuse(store, path, key, hashes)
        if kept is not None:
            assert store.pages is not None
            taken.add(str((store.pages / path).relative_to(project / "site_src")))
        return kept

    monkeypatch.setattr(keys.Store, "reuse", spied)
    try:
        generate(project / "data", project / "site_src")
    finally:
        monkeypatch.setattr(keys.Store, "reuse", reuse)
    return set(_pages(project / "site_src")) - taken


@pytest.fixture
def changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[Change], Outcome]:
    """Build, change, regenerate, and compare with a build from nothing."""

    def run(change: Change) -> Outcome:
        project = tmp_path / "kept"
        shutil.copytree(DATA, project / "data")
        generate(project / "data", project / "site_src", keep_keys=True)
        before = _pages(project / "site_src")
        assert _regenerate(project, monkeypatch) == set()  # nothing changed: nothing rendered
        change(project / "data")
        rendered = _regenerate(project, monkeypatch)
        after = _pages(project / "site_src")
        fresh = tmp_path / "fresh"
        shutil.copytree(project / "data", fresh / "data")
        generate(fresh / "data", fresh / "site_src")
        assert _generated(project / "site_src") == _generated(fresh / "site_src")  # no file kept stale
        differ = {path for path in after if before.get(path) != after[path]}
        assert differ, "the change shows on no page: the test would prove nothing"
        assert differ <= rendered  # every changed page was rendered, none copied
        return rendered, differ, len(after)

    return run


def _edit(file: str, old: str, new: str) -> Change:
    def change(data: Path) -> None:
        text = (data / file).read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {file}"
        (data / file).write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def test_a_result_renders_its_measure_and_the_pages_that_list_results(changed: Callable[[Change], Outcome]) -> None:
    rendered, differ, pages = changed(_edit("measures/recycling-rate.yml", "    value: 45.2\n", "    value: 45.3\n"))
    assert {"performance/recycling-rate.md", "cy/performance/recycling-rate.md"} <= differ
    assert {"data/measures/recycling-rate.csv", "ur/data/measures/recycling-rate.json"} <= differ
    assert "performance/satisfaction-overall.md" not in rendered
    assert (
        "data/measures/satisfaction-overall.csv" not in rendered
        and "cy/data/measures/cash-office-wait.json" not in rendered
    )
    assert "accessibility.md" not in rendered and "ur/contact.md" not in rendered
    assert len(rendered) < pages / 2


def test_a_charter_renders_the_pages_that_show_charters(changed: Callable[[Change], Outcome]) -> None:
    rendered, differ, pages = changed(
        _edit("charters/corporate.yml", "title: Our customer charter", "title: Our charter")
    )
    assert "standards/corporate.md" in differ
    assert "accessibility.md" not in rendered and "performance/satisfaction-overall.md" not in rendered
    assert len(rendered) < pages


def test_a_translation_renders_only_its_language(changed: Callable[[Change], Outcome]) -> None:
    rendered, differ, _ = changed(_edit("translations/cy/charters/corporate.yml", "Ein siarter cwsmeriaid", "Siarter"))
    assert "cy/standards/corporate.md" in differ
    assert all(path.startswith("cy/") for path in rendered)


@pytest.mark.parametrize(
    ("file", "old", "new", "shows"),
    [
        ("assessments/cse-2013-people.yml", "date: 2013-11-04", "date: 2013-11-03", "assessments/cse-2013-people.md"),
        ("frameworks/cse.yml", "label: Partially compliant", "label: Partly compliant", "frameworks/cse/index.md"),
        ("improvement/cse-improvement.yml", "lead: Customer Relations Manager", "lead: Head of Customer Relations",
         "improvement/index.md"),
        ("benchmarks/mori-1998.yml", "title: Staff were helpful", "title: Staff were kind", "benchmarks/mori-1998.md"),
        ("updates/2026-07-08-our-complaints-procedure-has-changed.md", "title: Our complaints procedure has changed",
         "title: Our complaints procedure is new", "updates/index.md"),
    ],
)  # fmt: skip
def test_each_kind_of_file_renders_what_shows_it(
    changed: Callable[[Change], Outcome], file: str, old: str, new: str, shows: str
) -> None:
    rendered, differ, pages = changed(_edit(file, old, new))
    assert shows in differ
    assert "accessibility.md" not in rendered
    assert len(rendered) < pages


def test_a_new_update_renders_the_pages_that_list_updates(changed: Callable[[Change], Outcome]) -> None:
    def add(data: Path) -> None:
        post = "---\ntitle: A new post\ndate: 2026-11-01\n---\nWe opened on Saturdays.\n"
        (data / "updates" / "2026-11-01-a-new-post.md").write_text(post, encoding="utf-8")

    rendered, differ, _ = changed(add)
    assert "updates/index.md" in differ and any("a-new-post" in path for path in differ)
    assert "performance/recycling-rate.md" not in rendered


def test_the_site_settings_render_every_page(changed: Callable[[Change], Outcome]) -> None:
    rendered, _, pages = changed(_edit("site.yml", "name: Example City Council", "name: Example Town Council"))
    assert len(rendered) == pages


def test_the_day_renders_every_page_again(
    changed: Callable[[Change], Outcome], monkeypatch: pytest.MonkeyPatch
) -> None:
    rendered, _, pages = changed(lambda data: monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796601600"))
    assert len(rendered) == pages


def test_the_engine_renders_every_page_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Raw HTML links are written for the engine, so pages made for MkDocs are never reused for
    Zensical: the regenerated pages are those a build for Zensical from nothing gives."""
    project = tmp_path / "kept"
    shutil.copytree(DATA, project / "data")
    generate(project / "data", project / "site_src", keep_keys=True)
    with written_for("zensical"):
        rendered = _regenerate(project, monkeypatch)
        fresh = tmp_path / "fresh"
        shutil.copytree(DATA, fresh / "data")
        generate(fresh / "data", fresh / "site_src")
    assert _generated(project / "site_src") == _generated(fresh / "site_src")
    assert rendered == set(_pages(project / "site_src"))


def test_keys_match_between_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build's keys are those of the next `charterkit build`, a new process whose sets and
    dictionaries of text hash in another order: nothing is rendered again when nothing changed."""
    project = tmp_path / "kept"
    shutil.copytree(DATA, project / "data")
    code = "import sys, pathlib, generator.build as b; b.generate(*map(pathlib.Path, sys.argv[1:]), keep_keys=True)"
    environment = os.environ | {"PYTHONHASHSEED": "1"}
    subprocess.run([sys.executable, "-c", code, project / "data", project / "site_src"], check=True, env=environment)
    assert sys.flags.hash_randomization and os.environ.get("PYTHONHASHSEED") != "1"  # this process: another order
    assert _regenerate(project, monkeypatch) == set()


def test_a_page_changed_by_hand_is_rendered_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "kept"
    shutil.copytree(DATA, project / "data")
    generate(project / "data", project / "site_src", keep_keys=True)
    page = project / "site_src" / "performance" / "recycling-rate.md"
    made = page.read_bytes()
    page.write_bytes(made.replace(b"recycl", b"RECYCL"))
    assert _regenerate(project, monkeypatch) == {"performance/recycling-rate.md"}
    assert page.read_bytes() == made


def test_a_damaged_cache_renders_every_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "kept"
    shutil.copytree(DATA, project / "data")
    generate(project / "data", project / "site_src", keep_keys=True)
    made = _pages(project / "site_src")
    stores = sorted((project / ".charterkit-cache").glob("pages-*.pickle"))
    assert [p.name for p in stores] == ["pages-cy.pickle", "pages-en.pickle", "pages-ur.pickle"]
    for store in stores:
        store.write_bytes(b"not a pickle")
    assert _regenerate(project, monkeypatch) == set(made)
    assert _pages(project / "site_src") == made


def test_charterkit_itself_is_in_every_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each kind of file of the package (code, template, catalog, asset, theme override) and
    every installed library's version is in the key every page shares."""
    package = tmp_path / "generator"
    shutil.copytree(keys.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(keys, "PACKAGE", package)
    seen = set()
    for file in ("render/words.py", "templates/measure.md.j2", "locales/cy/LC_MESSAGES/charterkit.po"):
        keys.charterkit_and_libraries.cache_clear()
        seen.add(keys.charterkit_and_libraries())
        path = package / file
        path.write_bytes(path.read_bytes() + b"\n")
    for folder in ("assets", "overrides"):
        keys.charterkit_and_libraries.cache_clear()
        seen.add(keys.charterkit_and_libraries())
        first = next(p for p in sorted((package / folder).rglob("*")) if p.is_file())
        first.write_bytes(first.read_bytes() + b" ")
    keys.charterkit_and_libraries.cache_clear()
    seen.add(keys.charterkit_and_libraries())
    keys.charterkit_and_libraries.cache_clear()
    assert len(seen) == 6
    day = date(2026, 11, 23)
    shared = {keys.build_key(lang, sample, day, engine) for lang in ("en", "cy") for sample in (False, True)
              for engine in ("mkdocs", "zensical")}  # fmt: skip
    assert len(shared) == 8


def test_a_publication_with_its_own_templates_renders_every_page(tmp_path: Path) -> None:
    project = tmp_path / "own"
    shutil.copytree(DATA, project / "data")
    (project / "data" / "templates").mkdir()
    (project / "data" / "templates" / "contact.md.j2").write_text("# Contact\n\nWrite to us.\n", encoding="utf-8")
    generate(project / "data", project / "site_src", keep_keys=True)
    assert not list((project / ".charterkit-cache").glob("pages-*"))


def test_a_key_follows_values_not_which_of_them_are_one_object() -> None:
    """A value read from the parse cache shares its strings differently from one parsed afresh;
    the key must not see it, or pages are rendered again for nothing (as at national scale)."""
    hashes = keys.Hashes(None)
    one = "".join(["Q1 ", "2026/27"])
    other = "".join(["Q1 2026", "/27"])
    assert one == other and one is not other
    assert hashes.value([one, one]) == hashes.value([one, other])
    assert hashes.value([one, one]) != hashes.value([one, "Q2 2026/27"])


def test_a_build_from_nothing_keeps_no_keys_and_the_next_one_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build in a fresh clone (continuous integration) spends nothing on keys; a build asked to
    keep them (`serve`), or any build after one that did, keeps them."""
    project = tmp_path / "kept"
    shutil.copytree(DATA, project / "data")
    generate(project / "data", project / "site_src")
    assert not list((project / ".charterkit-cache").glob("pages-*"))
    assert _regenerate(project, monkeypatch) == set(_pages(project / "site_src"))
    generate(project / "data", project / "site_src", keep_keys=True)
    assert len(list((project / ".charterkit-cache").glob("pages-*"))) == 3
    assert _regenerate(project, monkeypatch) == set()  # kept by a build that was not asked to
    assert _regenerate(project, monkeypatch) == set()
