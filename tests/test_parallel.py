"""Languages built side by side give the site a build in one process gives, byte for byte, and
a mistake found in one language's build is reported as it would be in one process."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator import build, parallel
from generator.build import build_site
from generator.problems import CharterkitError
from tests.test_build import make_project


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _build(project: Path, processors: int, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    monkeypatch.setattr(parallel, "cores", lambda: processors)
    build_site(project / "data", project / "mkdocs.yml")
    return _files(project / "site")


def test_languages_side_by_side_build_the_same_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    serial = _build(make_project(tmp_path / "one"), 1, monkeypatch)

    builders = tmp_path / "builders"
    builders.mkdir()
    one_language = build._build_language

    def recorded(*args: object) -> bool:  # which process built which language
        (builders / args[4]).write_text(str(os.getpid()), encoding="utf-8")  # type: ignore[arg-type]
        return one_language(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(build, "_build_language", recorded)
    spread = _build(make_project(tmp_path / "two"), 2, monkeypatch)
    by = {p.name: p.read_text(encoding="utf-8") for p in builders.iterdir()}
    assert set(by) == {"en", "cy", "ur"} and str(os.getpid()) not in by.values()
    assert len(set(by.values())) == 3  # a process for each language
    assert {"cy/index.html", "ur/index.html", "index.html"} <= set(spread)
    assert not [p for p in spread if p.startswith(".")]  # no hidden folder left behind
    assert sorted(spread) == sorted(serial)
    assert [p for p in serial if serial[p] != spread[p]] == []


def test_a_warning_in_one_language_is_reported_once_and_stops_a_strict_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    said = {}
    for processors in (1, 2):
        project = make_project(tmp_path / str(processors))
        (project / "site_src" / "cy").mkdir(parents=True)
        (project / "site_src" / "cy" / "nodiadau.md").write_text(
            "# Nodiadau\n\n[Y rhestr](dim.md).\n", encoding="utf-8"
        )
        monkeypatch.setattr(parallel, "cores", lambda n=processors: n)
        with pytest.raises(CharterkitError, match="strict mode"):
            build_site(project / "data", project / "mkdocs.yml")
        said[processors] = capsys.readouterr().err
        assert said[processors].count("dim.md") == 1
        assert not (project / "site").exists()
        assert not [p.name for p in project.iterdir() if p.name.startswith(".site.new")]  # no half-built site
    assert said[1] == said[2]


def test_a_language_build_that_dies_is_reported_and_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    build_site(project / "data", project / "mkdocs.yml")
    before = _files(project / "site")
    one_language = build._build_language

    def dies(*args: object) -> bool:
        if args[4] == "ur":
            os._exit(9)  # killed, out of memory: the process ends without a word
        return one_language(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(build, "_build_language", dies)
    with pytest.raises(RuntimeError, match="ended early"):
        build_site(project / "data", project / "mkdocs.yml")
    assert _files(project / "site") == before  # the last good site stays
    shutil.rmtree(project / "site")
