"""The browser editor's configuration, its vendored files, and its format matching `charterkit fmt`."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.editor import DECAP, JS_YAML, PINNED, VENDOR, render_config
from generator.fmt import canonical_post, canonical_yaml, data_files
from generator.models import KINDS
from generator.shape import shapes
from generator.validate import validate
from tests.conftest import DATA, ROOT
from tests.update_golden import GOLDEN, publications

NODE = shutil.which("node")
DECAP_WIDGETS = {"string", "text", "markdown", "number", "boolean", "datetime", "select", "list", "object"}


def node() -> str:
    """Node runs the editor's own script in these tests; under CI it must be there."""
    if NODE is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but node is missing: install Node.js 20")
        pytest.skip("node is not installed")
    return NODE


def editor_writes(files: list[tuple[str, str]]) -> list[str]:
    """Each (kind, text) as the browser editor's format reads and writes it back."""
    payload = json.dumps({"shapes": shapes(), "files": [{"kind": k, "text": t} for k, t in files]})
    script = ROOT / "tests" / "editor" / "canonical.js"
    done = subprocess.run([node(), str(script)], input=payload, capture_output=True, text=True, check=True)
    return list(json.loads(done.stdout))


def fmt_writes(kind: str, text: str) -> str:
    return canonical_post(text, comments=False) if kind == "update" else canonical_yaml(text, kind, comments=False)


TRICKY = """\
id: tricky
title: "Calls: answered #1"
unit: duration
polarity: lower-is-better
frequency: monthly
owner: council
definition: "Line one\\nline two\\n\\n  indented line three"
method: "yes"
source: "\\u00e9t\\u00e9 \\u2028 \\U0001F600 \\t tab \\\\ back"
decimals: "2"
publish_within_days: 030
sample: "True"
targets:
  - {from: 2011-12, value: "4:22"}
ended:
  reason: ""
results:
  - period: 2011-12
    value: 4 min 22 s
    year_to_date: no
    published: 2026-01-15
  - period: 2012-01
    value: -0
    note: "---"
    explanation: "a\\n---\\nb"
    actions: [A-1, "2", "x,y"]
    breakdown:
      - part: "Telephone"
        value: 1e3
elements: []
"""


def test_the_editor_writes_every_file_as_fmt_does() -> None:
    """Byte for byte: the example, five real publications and a file of awkward values, read and
    written by the editor's script under Node, against `charterkit fmt` without comments."""
    found: list[tuple[Path | str, str, str]] = [
        (path, kind, path.read_text("utf-8")) for path, kind in data_files(DATA)
    ]
    for publication in publications():
        found += [(path, kind, path.read_text("utf-8")) for path, kind in data_files(publication)]
    found.append(("tricky measure", "measure", TRICKY))
    written = editor_writes([(kind, text) for _, kind, text in found])
    differ = [str(name) for (name, kind, text), js in zip(found, written, strict=True) if fmt_writes(kind, text) != js]
    assert not differ, f"the editor and fmt write these differently: {differ}"
    assert len(found) > 80


def test_the_awkward_values_survive() -> None:
    written = fmt_writes("measure", TRICKY)
    assert 'title: "Calls: answered #1"' in written
    assert "definition: |-\n  Line one\n  line two\n\n    indented line three\n" in written
    assert 'explanation: "a\\n---\\nb"' in written  # a line of --- would end an update's front matter
    assert "value: 1000" in written and "value: 0\n" in written and 'value: "4 min 22 s"' in written
    assert 'actions: [A-1, "2", "x,y"]' not in written and '  - "2"' in written
    assert "ended" not in written  # an optional part with nothing in it is left out


def test_the_configuration_is_the_golden_one() -> None:
    """The configuration is made from the models: a change to a model changes it, and this test
    fails until the golden copy is regenerated (python -m tests.update_golden)."""
    publication, _ = validate(DATA)
    assert render_config(publication) == (GOLDEN / "admin" / "config.yml").read_text(encoding="utf-8")
    assert json.loads((GOLDEN / "admin" / "shapes.json").read_text(encoding="utf-8")) == json.loads(
        json.dumps(shapes())
    )


def _config() -> dict[str, Any]:
    import yaml

    publication, _ = validate(DATA)
    return dict(yaml.safe_load(render_config(publication)))


def _check_fields(
    fields: list[dict[str, Any]], model_schema: dict[str, Any], defs: dict[str, Any], where: str, optional: bool = False
) -> int:
    """Every field is a key of the model in the model's order, with a widget Decap has, the
    model's required flag (inside an optional part, such as a baseline, every key is optional:
    the editor would otherwise ask for them with the part left empty), its docstring as help and
    a pattern both Python and JS accept."""
    properties = model_schema["properties"]
    keys = [f["name"] for f in fields]
    assert keys == [k for k in properties if k in keys], f"{where}: fields out of the model's order"
    checked = 0
    for field in fields:
        name = field["name"]
        prop = properties[name]
        assert field["widget"] in DECAP_WIDGETS, f"{where}.{name}"
        if name in model_schema.get("required", ()) and field["widget"] != "boolean" and not optional:
            assert field.get("required", True) is True, f"{where}.{name} is required by the model"
        else:
            assert field.get("required") is False, f"{where}.{name} is optional in the model"
        assert field.get("hint") == " ".join(prop.get("description", "").split()), f"{where}.{name}"
        if "pattern" in field:
            re.compile(field["pattern"][0])
        checked += 1
        inner = prop.get("items", prop)
        inner = next((o for o in inner.get("anyOf", []) if "$ref" in o), inner)
        if "fields" in field and "$ref" in inner:
            definition = defs[inner["$ref"].rsplit("/", 1)[-1]]
            part_optional = field["widget"] == "object" and field.get("required") is False
            checked += _check_fields(field["fields"], definition, defs, f"{where}.{name}", part_optional)
    return checked


def test_every_field_comes_from_the_models() -> None:
    config = _config()
    names = [c["name"] for c in config["collections"]]
    assert names[:5] == ["measures", "updates", "charters", "improvement", "settings"]
    assert config["publish_mode"] == "editorial_workflow"
    checked = 0
    for collection in config["collections"]:
        kind = collection["format"].removeprefix("charterkit-")
        schema = KINDS[kind].model_json_schema(by_alias=True)
        for entry in collection.get("files", [collection]):
            fields = [f for f in entry["fields"] if f["name"] != "body"]
            checked += _check_fields(fields, schema, schema.get("$defs", {}), collection["name"])
    assert checked > 200


def test_results_and_dates_get_the_widgets_the_routine_needs() -> None:
    measures = _config()["collections"][0]
    results = next(f for f in measures["fields"] if f["name"] == "results")
    fields = {f["name"]: f for f in results["fields"]}
    assert fields["period"]["widget"] == "string" and "Q" in fields["period"]["pattern"][0]
    assert fields["value"]["pattern"][1].startswith("A number such as 91.5")
    assert fields["explanation"]["widget"] == "text"
    assert fields["published"]["widget"] == "datetime" and fields["published"]["format"] == "YYYY-MM-DD"
    assert fields["sample_size"] == {**fields["sample_size"], "widget": "number", "value_type": "int", "min": 0}
    updates = _config()["collections"][1]
    assert updates["slug"] == "{{year}}-{{month}}-{{day}}-{{slug}}" and updates["extension"] == "md"
    assert updates["fields"][-1]["modes"] == ["raw"]  # the rich-text mode would rewrite people's Markdown


def test_patterns_are_valid_javascript() -> None:
    patterns = sorted({f["pattern"][0] for f in _walk(_config()["collections"]) if "pattern" in f})
    script = "const p = JSON.parse(require('fs').readFileSync(0, 'utf8')); p.forEach(x => new RegExp(x));"
    subprocess.run([node(), "-e", script], input=json.dumps(patterns), text=True, check=True)
    assert len(patterns) >= 6


def _walk(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = []
    for item in items:
        found.append(item)
        for key in ("fields", "files"):
            found += _walk(item.get(key, []))
        if "field" in item:
            found += _walk([item["field"]])
    return found


def test_vendored_files_are_the_pinned_releases() -> None:
    sums = dict(line.split("  ", 1)[::-1] for line in (VENDOR / "SHA256SUMS").read_text("utf-8").splitlines())
    present = {p.relative_to(VENDOR).as_posix() for p in VENDOR.rglob("*") if p.is_file()}
    assert present - set(sums) == {"SHA256SUMS", "PINNED.json"}
    for name, digest in sums.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
    assert {name.split("/")[0] for name in sums} == {DECAP, JS_YAML}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"Decap CMS {PINNED['decap-cms']['version']}" in readme
    assert f"js-yaml {PINNED['js-yaml']['version']}" in readme


def test_built_site_has_the_editor_outside_search_and_the_sitemap(built_site: Path) -> None:
    page = (built_site / "admin" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert (built_site / "admin" / "assets" / DECAP / "decap-cms.js").is_file()
    assert "Disallow: /admin/" in (built_site / "robots.txt").read_text(encoding="utf-8")
    assert "admin" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")
    # Search (Pagefind's index, per language) counts the site's own pages only, not the editor's.
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    english = [
        p for p in built_site.rglob("index.html") if p.relative_to(built_site).parts[0] not in ("cy", "ur", "pagefind")
    ]
    assert any(p.relative_to(built_site).parts[0] == "admin" for p in english)
    assert entry["languages"]["en"]["page_count"] == len(english) - 1
    for language in ("cy", "ur"):
        assert not (built_site / language / "admin").exists()
    assert not any("admin/" in p.read_text(encoding="utf-8") for p in built_site.glob("*.html"))


@pytest.mark.browser
def test_public_pages_make_no_request_to_the_editor(browser: Any, site_url: str) -> None:
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for address in ("", "performance/calls-answered-in-six-rings/", "updates/", "cy/"):
        page.goto(site_url + address, wait_until="networkidle")
    page.close()
    assert len(requests) > 8
    assert not [url for url in requests if "/admin/" in url]
    assert all(url.startswith(site_url) for url in requests)


def test_site_without_an_editor_section_has_no_admin(tmp_path: Path) -> None:
    from generator.render import render
    from generator.today import as_of

    shutil.copytree(DATA, tmp_path / "data")
    site = tmp_path / "data" / "site.yml"
    text = site.read_text(encoding="utf-8")
    site.write_text(text[: text.index("editor:")], encoding="utf-8")
    publication, problems = validate(tmp_path / "data")
    assert not [p for p in problems if p.severity == "error"]
    output = render(publication, as_of())
    assert not [path for path in output.files if path.startswith("admin/") or path == "robots.txt"]


def test_the_check_workflow_says_what_to_fix_in_validates_words(tmp_path: Path) -> None:
    """Rules the editor's forms cannot check (a missed target with no explanation, a month in a
    quarterly measure) reach the pull request as the lines `charterkit validate` prints."""
    import yaml

    from generator.scaffold import SKELETON

    workflow = yaml.safe_load((SKELETON / "github" / "workflows" / "check.yml").read_text(encoding="utf-8"))
    steps = {step.get("name"): step for step in workflow["jobs"]["check"]["steps"]}
    assert "charterkit fmt data --check" in steps["Check every file is in the form the editor writes"]["run"]
    shutil.copytree(DATA, tmp_path / "data")
    measure = tmp_path / "data" / "measures" / "calls-answered-in-six-rings.yml"
    text = measure.read_text(encoding="utf-8")
    addition = '  - period: "2026-10"\n    value: 91\n  - period: "2026-27 Q3"\n    value: 80\n'
    measure.write_text(text.replace("elements:", addition + "elements:"), encoding="utf-8")
    charterkit = str(Path(sys.executable).parent / "charterkit")
    said = subprocess.run([charterkit, "validate", "data", "--strict"], cwd=tmp_path, capture_output=True, text=True)
    assert said.returncode == 1
    (tmp_path / "validate.txt").write_text(said.stdout, encoding="utf-8")
    (tmp_path / "fmt.txt").write_text("", encoding="utf-8")
    summary = tmp_path / "summary.md"
    environment = {**os.environ, "VALIDATE": "failure", "FMT": "success", "GITHUB_STEP_SUMMARY": str(summary)}
    subprocess.run(["bash", "-c", steps["Write the comment"]["run"]], cwd=tmp_path, env=environment, check=True)
    comment = (tmp_path / "comment.md").read_text(encoding="utf-8")
    problems = [line for line in said.stdout.splitlines() if "calls-answered-in-six-rings" in line]
    assert any("explanation" in line for line in problems) and any("2026-10" in line for line in problems)
    assert all(line in comment.splitlines() for line in said.stdout.splitlines())
    assert comment.startswith("### Problems to fix before this can be published")
    assert summary.read_text(encoding="utf-8") == comment


def test_init_starts_in_fmts_form_with_the_schemas_mapped(tmp_path: Path) -> None:
    from generator.cli import main

    assert main(["init", str(tmp_path / "new"), "--name", "Example Borough Council"]) == 0
    assert main(["fmt", str(tmp_path / "new" / "data"), "--check"]) == 0
    settings = json.loads((tmp_path / "new" / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"]["./schemas/measure.schema.json"][0] == "data/measures/*.yml"
    for path in (tmp_path / "new" / "data").rglob("*.yml"):
        assert "yaml-language-server" not in path.read_text(encoding="utf-8"), path
    site = (tmp_path / "new" / "data" / "site.yml").read_text(encoding="utf-8")
    assert "# add how residents reach you" in site  # the comment of a key fmt left out stays
