"""JSON Schemas for editors, generated from the models (the one source of truth)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.models import KINDS
from generator.problems import CharterkitError

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schemas() -> dict[str, dict[str, Any]]:
    """Each data kind's JSON Schema, keyed by kind."""
    result = {}
    for kind, model in KINDS.items():
        schema = model.model_json_schema(by_alias=True)
        result[kind] = {"$schema": SCHEMA_DIALECT, "$id": f"{kind}.schema.json", **schema}
    return result


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_schemas(out: Path) -> list[Path]:
    """Write each schema into `out`, which is made if the folder it goes in exists (a mistyped
    path does not quietly become a tree of new folders)."""
    if out.exists() and not out.is_dir():
        raise CharterkitError(f"{out}: is a file, not a folder; give a folder to write the schemas into")
    if not out.parent.is_dir():
        raise CharterkitError(f"{out}: the folder it goes in ({out.parent}) does not exist; create it first")
    out.mkdir(exist_ok=True)
    written = []
    for kind, schema in schemas().items():
        path = out / f"{kind}.schema.json"
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written


def schema_globs(data: str = "data") -> dict[str, list[str]]:
    """Which files each schema checks, as the repository-level mapping editors read (the
    `yaml.schemas` setting of yaml-language-server), so no file needs a comment naming its schema."""
    from generator.models import FOLDERS

    mapping = {"./schemas/site.schema.json": [f"{data}/site.yml"]}
    for folder, kind in FOLDERS.items():
        mapping[f"./schemas/{kind}.schema.json"] = [f"{data}/{folder}/*.yml", f"{data}/{folder}/*.yaml"]
    mapping["./schemas/translation.schema.json"] = [f"{data}/translations/**/*.yml"]
    return mapping


def editor_settings(data: str = "data") -> str:
    """`.vscode/settings.json`: the schema of every data file, for the YAML extension."""
    settings = {"yaml.schemas": schema_globs(data), "yaml.validate": True, "files.trimTrailingWhitespace": True}
    return json.dumps(settings, indent=2) + "\n"
