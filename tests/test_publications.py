"""Real public bodies' published standards and results, transcribed as charterkit data with no
code special to any of them (`tests/publications/<body>/`, each crediting its sources inside).

Each validates with no warnings on the day its copy speaks from, renders to its golden copy,
builds with MkDocs, and never says a standard was met when none was measured.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from generator.build import build_site
from generator.scaffold import SKELETON
from generator.validate import validate
from tests.test_golden import files
from tests.update_golden import PUBLICATION_GOLDEN, epoch_of, publications, render_to

BODIES = publications()


def test_at_least_five_real_publications() -> None:
    assert len(BODIES) >= 5, [body.name for body in BODIES]


@pytest.mark.parametrize("body", BODIES, ids=[body.name for body in BODIES])
def test_validates_without_warnings(body: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch_of(body))
    publication, problems = validate(body)
    assert [str(problem) for problem in problems] == []
    assert publication.site is not None and not publication.site.sample
    assert publication.site.sources, "credit the source pages in site.yml"
    for measure in publication.measures.values():
        assert measure.sources or publication.site.sources, measure.id


@pytest.mark.parametrize("body", BODIES, ids=[body.name for body in BODIES])
def test_renders_to_its_golden_copy(body: Path, tmp_path: Path) -> None:
    render_to(tmp_path, body, epoch_of(body))
    made, golden = files(tmp_path), files(PUBLICATION_GOLDEN / body.name)
    assert sorted(made) == sorted(golden), "files differ: run python -m tests.update_golden if intended"
    for name, content in made.items():
        if content != golden[name]:
            diff = difflib.unified_diff(golden[name].decode().splitlines(), content.decode().splitlines(), lineterm="")
            raise AssertionError("\n".join(diff) + "\n\nIf intended: python -m tests.update_golden")


@pytest.mark.parametrize("body", BODIES, ids=[body.name for body in BODIES])
def test_builds_and_tells_only_what_was_measured(body: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch_of(body))
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        (SKELETON / "mkdocs.yml").read_text(encoding="utf-8").replace("@SITE_NAME@", f'"{body.name}"'),
        encoding="utf-8",
    )
    build_site(body, config, strict=True)
    home = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", (tmp_path / "site" / "index.html").read_text(encoding="utf-8")))
    headline = home.split("Are we keeping our promises?", 1)[1].split("See every standard", 1)[0]
    publication, _ = validate(body)
    cited = {s.measure for c in publication.charters.values() for k in c.commitments for s in k.standards}
    if not any(publication.measures[m].results for m in cited):
        assert not re.search(r"\bmet\b", headline), f"a standard is said to be met with nothing measured: {headline}"
    for page in (tmp_path / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "Next update due" not in text or "overdue" not in text, page
