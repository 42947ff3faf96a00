"""Project rules no linter checks: YAML is only ever read safely; the theme is new enough."""

from __future__ import annotations

import ast
import re
import tomllib
from importlib.metadata import version
from pathlib import Path

from packaging.specifiers import SpecifierSet

from tests.conftest import ROOT

# PyYAML's constructors that can build arbitrary Python objects, and the calls that use them.
UNSAFE_TEXT = re.compile(
    r"yaml\.load\(|yaml\.load_all\(|unsafe_load|full_load|FullLoader|UnsafeLoader|yaml\.C?Loader\b"
)
UNSAFE_NAMES = {"load", "load_all", "unsafe_load", "unsafe_load_all", "full_load", "full_load_all"}
UNSAFE_NAMES |= {"Loader", "CLoader", "UnsafeLoader", "CUnsafeLoader", "FullLoader", "CFullLoader"}


def sources() -> list[Path]:
    files = sorted((ROOT / "generator").rglob("*.py")) + sorted((ROOT / "bench").rglob("*.py"))
    assert len(files) > 10
    return files


def unsafe_yaml(path: Path) -> list[str]:
    """Unsafe loading, found both as text and as imports such as `from yaml import Loader`."""
    text = path.read_text(encoding="utf-8")
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    found = [f"{where}:{n}: {line.strip()}" for n, line in enumerate(text.splitlines(), 1) if UNSAFE_TEXT.search(line)]
    for node in ast.walk(ast.parse(text, str(path))):
        if isinstance(node, ast.ImportFrom) and node.module == "yaml":
            found += [f"{where}:{node.lineno}: from yaml import {a.name}" for a in node.names if a.name in UNSAFE_NAMES]
    return found


def test_yaml_is_only_read_with_the_safe_loader() -> None:
    assert [problem for path in sources() for problem in unsafe_yaml(path)] == []


def test_the_unsafe_yaml_check_finds_what_it_looks_for(tmp_path: Path) -> None:
    bad = [
        "yaml.load(text)",
        "yaml.unsafe_load(text)",
        "yaml.full_load(text)",
        "yaml.load(text, Loader=yaml.FullLoader)",
        "yaml.compose(text, Loader=yaml.Loader)",
        "from yaml import CLoader as Loader",
    ]
    good = ["yaml.safe_load(text)", "from yaml import CSafeLoader as Loader", "yaml.compose(text, Loader=Loader)"]
    path = tmp_path / "sample.py"
    for line in bad + good:
        path.write_text(line + "\n", encoding="utf-8")
        assert bool(unsafe_yaml(path)) is (line in bad), line


def test_mkdocs_material_is_at_least_9_7_7() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [r for r in project["dependencies"] if re.match(r"mkdocs-material\b", r)]
    assert len(requirements) == 1, requirements
    allowed = SpecifierSet(requirements[0].removeprefix("mkdocs-material"))
    assert "9.7.7" in allowed and "9.8.1" in allowed
    assert not any(old in allowed for old in ("9.7.6", "9.7.0", "9.6.23", "8.5.11"))
    assert version("mkdocs-material") in allowed  # what is installed here honours it
