"""Shared fixtures: the repository's folders, a copy of a publication to break, the CLI in-process."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from tests.browser import browser, engine_url, site_url, zensical_url  # noqa: F401 - fixtures shared by the browser tests

# Tests speak from a fixed day (23 November 2026) so "overdue" never changes under them.
os.environ.setdefault("SOURCE_DATE_EPOCH", "1795392000")

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
CORPUS = ROOT / "tests" / "corpus"
CHROMIUM = Path("/usr/bin/chromium")
ENGINES = ["mkdocs", "zensical"]


def pytest_sessionstart(session: pytest.Session) -> None:
    """Under CI a missing browser fails the run; it must never quietly skip the browser tests."""
    if os.environ.get("CI") and not CHROMIUM.exists():
        raise pytest.UsageError(f"CI is set but {CHROMIUM} is missing: install it with apt-get install -y chromium")


def build_in(project: Path, engine: str = "mkdocs") -> Path:
    """Run `charterkit build data` in `project` as a user would; returns the built site."""
    cwd = os.getcwd()
    os.chdir(project)
    try:
        assert main(["build", "data", "--engine", engine]) == 0
    finally:
        os.chdir(cwd)
    return project / "site"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site, built once for the session by the real command into a fresh project."""
    project = tmp_path_factory.mktemp("example")
    shutil.copytree(DATA, project / "data")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return build_in(project)


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site built with Zensical (`charterkit build --engine zensical`), once."""
    project = tmp_path_factory.mktemp("example-zensical")
    shutil.copytree(DATA, project / "data")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return build_in(project, "zensical")


@pytest.fixture(scope="session", params=ENGINES)
def engine_site(request: pytest.FixtureRequest) -> Path:
    """The example site built by each engine in turn: for the checks both outputs must pass."""
    return Path(request.getfixturevalue("built_site" if request.param == "mkdocs" else "zensical_site"))


@pytest.fixture
def publication(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the small test publication as `data/` in a fresh working folder."""
    shutil.copytree(CORPUS / "base", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "data"


Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """Run `charterkit` in this process; returns exit code, standard output and standard error."""

    def invoke(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return invoke


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say how much the accessibility audit covered, whatever the outcome."""
    from tests.test_accessibility import RESULTS
    from tests.test_hostile import SUMMARY

    if SUMMARY:
        terminalreporter.write_line(
            f"hostile inputs: {SUMMARY.get('inputs', 0)} strings in text fields and a post body, "
            f"{SUMMARY.get('pages', 0)} built pages checked: {SUMMARY.get('live', 0)} live markup, "
            f"{SUMMARY.get('evaluated', 0)} template evaluations, 0 tracebacks (the build exited 0)"
        )

    if RESULTS:
        violations = sum(RESULTS.values())
        terminalreporter.write_line(
            f"axe-core audit: {len(RESULTS)} page x palette x width combinations, {violations} violations"
        )
