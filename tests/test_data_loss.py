"""A build never destroys what it reads: no site or docs folder over the data or the project, a
manifest that can name only generated files, and a swap that a kill cannot turn into data loss."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, Run


def fingerprint(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def project(publication: Path) -> Path:
    """The small test publication as `data/` with the example's mkdocs.yml beside it."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (publication.parent / "mkdocs.yml").write_text(config, encoding="utf-8")
    return publication.parent


def set_folders(project: Path, **keys: str) -> None:
    config = project / "mkdocs.yml"
    lines = [line for line in config.read_text(encoding="utf-8").splitlines() if not line.startswith(tuple(keys))]
    config.write_text("\n".join([*(f"{k}: {v}" for k, v in keys.items()), *lines]) + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("keys", "clash"),
    [
        ({"site_dir": "data"}, "the data folder (data)"),
        ({"site_dir": "data/built"}, "the data folder (data)"),
        ({"site_dir": "./data/../data"}, "the data folder (data)"),
        ({"docs_dir": "data"}, "the data folder (data)"),
        ({"docs_dir": "data/pages"}, "the data folder (data)"),
        ({"site_dir": "."}, "the data folder (data)"),  # it holds the data folder too, said first
        ({"site_dir": ".."}, "the data folder (data)"),
        ({"site_dir": "linked"}, "the data folder (data)"),
        ({"docs_dir": "site_src", "site_dir": "site_src"}, "the site_dir folder"),
        ({"site_dir": "site_src/out"}, "the docs_dir folder"),
    ],
)
def test_folders_over_what_the_build_reads_are_refused(
    project: Path, run: Run, keys: dict[str, str], clash: str
) -> None:
    (project / "linked").symlink_to(project / "data", target_is_directory=True)
    (project / "keep.txt").write_text("the council's notes\n", encoding="utf-8")
    before = fingerprint(project / "data")
    set_folders(project, **keys)
    code, out, err = run("build", "data")
    assert code == 1 and "Traceback" not in out + err
    assert clash in err and "a build would overwrite it; choose another folder" in err
    assert err.startswith("mkdocs.yml:1:1: ")
    assert fingerprint(project / "data") == before and (project / "keep.txt").is_file()


def test_the_project_folder_itself_is_refused(project: Path, run: Run) -> None:
    """With the data kept elsewhere, a site folder that is or holds the project is still refused."""
    data = Path(tempfile.mkdtemp()) / "data"  # outside the project and its parent
    shutil.move(project / "data", data)
    for folder in (".", ".."):
        set_folders(project, site_dir=folder)
        code, _, err = run("build", str(data))
        assert code == 1 and "the project folder that holds mkdocs.yml" in err
    assert (project / "mkdocs.yml").is_file() and (data / "site.yml").is_file()
    shutil.rmtree(data.parent)


@pytest.mark.parametrize(
    "entry",
    ["{outside}", "../outside.txt", "sub/../../outside.txt", "..\\outside.txt", "C:outside.txt"],
)
def test_manifest_names_only_files_under_the_docs_folder(project: Path, run: Run, entry: str) -> None:
    assert run("build", "data")[0] == 0
    outside = project / "outside.txt"
    outside.write_text("not generated\n", encoding="utf-8")
    manifest = project / "site_src" / ".charterkit-manifest.json"
    entries = json.loads(manifest.read_text(encoding="utf-8"))
    manifest.write_text(json.dumps([*entries, entry.format(outside=outside)]), encoding="utf-8")
    assert run("build", "data")[0] == 0
    assert outside.read_text(encoding="utf-8") == "not generated\n"


def test_a_generated_file_replaced_by_a_link_outside_is_not_followed(project: Path, run: Run) -> None:
    assert run("build", "data")[0] == 0
    outside = project / "outside.txt"
    outside.write_text("not generated\n", encoding="utf-8")
    page = project / "site_src" / "contact.md"
    page.unlink()
    page.symlink_to(outside)
    (project / "data" / "site.yml").write_text(
        (project / "data" / "site.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    run("build", "data")
    assert outside.read_text(encoding="utf-8") == "not generated\n"


def test_a_kill_between_the_renames_is_recovered_even_by_a_failing_build(project: Path, run: Run) -> None:
    assert run("build", "data")[0] == 0
    site = project / "site"
    good = fingerprint(site)
    old = project / f".site.old-{os.getpid() + 1}"
    os.rename(site, old)  # as if killed after the first rename of the swap
    (project / "data" / "charters" / "main.yml").write_text("title: [unclosed\n", encoding="utf-8")
    assert run("build", "data")[0] == 1
    assert site.is_dir() and fingerprint(site) == good and not old.exists()


def test_leftovers_of_killed_builds_go_once_the_site_is_safe(project: Path, run: Run) -> None:
    assert run("build", "data")[0] == 0
    for name in (".site.old-1", ".site.new-abc"):
        (project / name).mkdir()
        (project / name / "index.html").write_text("left over\n", encoding="utf-8")
    assert run("build", "data")[0] == 0
    assert not (project / ".site.old-1").exists() and not (project / ".site.new-abc").exists()
    assert (project / "site" / "index.html").is_file()
