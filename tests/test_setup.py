"""Installs are the same on every machine: the lock matches pyproject.toml, the hashed files match the
lock, the package holds what charterkit needs, and the workflows are valid GitHub workflows."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

import generator

ROOT = Path(__file__).resolve().parent.parent
EXPORTS = {
    "requirements/runtime.txt": ["--no-dev"],
    "requirements/test.txt": ["--no-default-groups", "--group", "test"],
    "requirements/bench.txt": ["--no-default-groups", "--group", "bench"],
}


def uv() -> str:
    from uv import find_uv_bin

    return find_uv_bin()


def run(*command: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{' '.join(map(str, command))}\n{done.stdout}\n{done.stderr}"
    return done


def test_lock_agrees_with_pyproject() -> None:
    """`uv lock --check` fails when a dependency was added, removed or changed without relocking."""
    run(uv(), "lock", "--check", "--offline")


@pytest.mark.parametrize("path", sorted(EXPORTS))
def test_exported_requirements_match_the_lock(path: str, tmp_path: Path) -> None:
    fresh = tmp_path / "exported.txt"
    run(uv(), "export", "--frozen", "--no-emit-project", "--quiet", *EXPORTS[path], "--output-file", fresh)
    body = re.compile(r"^#.*\n", re.MULTILINE)  # the header names the output file
    assert body.sub("", (ROOT / path).read_text()) == body.sub("", fresh.read_text()), f"stale: run .ci/lock ({path})"


def test_every_requirement_is_pinned_and_hashed() -> None:
    for path in EXPORTS:
        text = (ROOT / path).read_text()
        entries = re.findall(r"^([A-Za-z0-9_.-]+)(==\S+)? .*?(?=^\S|\Z)", text, re.MULTILINE | re.DOTALL)
        assert entries, path
        for name, pin in entries:
            assert pin, f"{path}: {name} is not pinned"
        assert text.count("--hash=sha256:") >= len(entries), path


def test_new_publications_get_the_locked_runtime() -> None:
    skeleton = ROOT / "generator" / "skeleton" / "requirements.txt"
    assert skeleton.read_text() == (ROOT / "requirements" / "runtime.txt").read_text(), "stale: run .ci/lock"


def test_one_version_and_a_release_section() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert project["project"]["dynamic"] == ["version"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "generator.__version__"}
    releases = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", (ROOT / "CHANGELOG.md").read_text(), re.M)
    assert releases and releases[0][0] == generator.__version__


def test_workflows_are_valid_github_workflows(tmp_path: Path) -> None:
    """The project's own workflows and the ones `charterkit init` writes, against GitHub's schema."""
    from generator.scaffold import SKELETON

    files = sorted((ROOT / ".github" / "workflows").glob("*.yml")) + sorted((SKELETON / "github").rglob("*.yml"))
    assert len(files) >= 4
    run(Path(sys.executable).parent / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", *files)
    text = "\n".join(path.read_text() for path in files)
    assert "actions/deploy-pages@" in text and "actions/upload-pages-artifact@" in text
    assert "pip-audit" in text and "schedule:" in text


def test_package_holds_what_charterkit_needs_and_runs_outside_the_checkout(tmp_path: Path) -> None:
    """sdist and wheel from `python -m build`, `twine check`, then the wheel alone in a fresh
    virtual environment: init, validate and build a new publication there."""
    dist = tmp_path / "dist"
    source = tmp_path / "source"  # a copy, so the build leaves nothing in the checkout
    shutil.copytree(
        ROOT, source, ignore=shutil.ignore_patterns(".venv*", "site", "site_src", ".git", "*cache*", "node_modules")
    )
    run(sys.executable, "-m", "build", "--no-isolation", "--outdir", dist, source)
    wheels, sdists = sorted(dist.glob("*.whl")), sorted(dist.glob("*.tar.gz"))
    assert [w.name for w in wheels] == [f"charterkit-{generator.__version__}-py3-none-any.whl"] and len(sdists) == 1
    run(sys.executable, "-m", "twine", "check", "--strict", *wheels, *sdists)

    names = zipfile.ZipFile(wheels[0]).namelist()
    tracked = run("git", "ls-files", "generator").stdout.split()
    needed = [name for name in tracked if not name.endswith((".py", "babel.cfg"))]
    assert needed and [name for name in needed if name not in names] == []

    env = tmp_path / "env"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    pip = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    run(*pip, "--require-hashes", "-r", ROOT / "requirements" / "runtime.txt", cwd=tmp_path)
    run(*pip, "--no-deps", wheels[0], cwd=tmp_path)
    charterkit = env / "bin" / "charterkit"
    where = run(python, "-c", "import generator; print(generator.__file__)", cwd=tmp_path).stdout
    assert where.startswith(str(env)), where
    run(
        charterkit,
        "init",
        "pub",
        "--name",
        "Test Borough Council",
        "--url",
        "https://standards.example.gov.uk/",
        "--email",
        "help@example.gov.uk",
        cwd=tmp_path,
    )
    publication = tmp_path / "pub"
    assert "valid" in run(charterkit, "validate", "data", "--strict", cwd=publication).stdout
    run(charterkit, "build", "data", "--strict", cwd=publication)
    page = (publication / "site" / "accessibility" / "index.html").read_text(encoding="utf-8")
    assert "help@example.gov.uk" in page and "site.yml" not in page
    assert (publication / "site" / "assets" / "charterkit.css").is_file()
