"""The JSON Schemas come from the models, match the committed copies, and check the example files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from generator.load import load_yaml, split_front_matter
from generator.models import FOLDERS
from generator.schema import render, schemas
from tests.conftest import DATA, ROOT, Run

SCHEMAS = schemas()
FILES = sorted(DATA.rglob("*.yml")) + sorted((DATA / "updates").glob("*.md"))


def kind_of(path: Path) -> str:
    if path.suffix == ".md":
        return "update"
    if path.relative_to(DATA).parts[0] == "translations":
        return "translation"
    return "site" if path.parent == DATA else FOLDERS[path.parent.name]


def typed(path: Path) -> object:
    """The file as an editor's YAML 1.2 reader sees it: numbers, booleans and nulls typed."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        front, _, _, _ = split_front_matter(text, str(path))
        assert front is not None
        text = front
    document, problems = load_yaml(text, str(path), typed=True)
    assert document is not None and problems == []
    return document.data


def test_committed_schemas_match_the_models() -> None:
    for kind, schema in SCHEMAS.items():
        committed = (ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
        assert committed == render(schema), f"schemas/{kind}.schema.json is stale: run charterkit schema schemas"


def test_schema_command_writes_every_kind(tmp_path: Path, run: Run) -> None:
    code, out, _ = run("schema", str(tmp_path))
    assert code == 0 and out.startswith("wrote 9 schemas")
    assert json.loads((tmp_path / "charter.schema.json").read_text())["title"] == "Charter"


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(DATA)) for p in FILES])
def test_example_file_matches_its_schema(path: Path) -> None:
    validator = Draft202012Validator(SCHEMAS[kind_of(path)])
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(typed(path))]
    assert errors == []


def test_schema_rejects_a_broken_file() -> None:
    data = typed(DATA / "charters" / "corporate.yml")
    assert isinstance(data, dict)
    broken = data | {"effectve": "2025-01-01", "commitments": [{"id": "Bad Id", "channel": "telephon", "text": "x"}]}
    messages = sorted(e.message for e in Draft202012Validator(SCHEMAS["charter"]).iter_errors(broken))
    assert len(messages) == 3
    assert any("effectve" in m for m in messages)
    assert any("telephon" in m for m in messages)
    assert any("Bad Id" in m for m in messages)
