"""The editor in the browser at /admin/: Decap CMS, configured from the models.

`config(site, data_folder)` is Decap's configuration: one collection per kind of file people
publish every quarter (measures with their results, updates, charters, improvement plans), the
site's settings as one file, and each language's translations. Every field comes from the
models' JSON Schemas: its widget from its type (dates, periods, numbers with their bounds,
choices, lists, nested objects), whether it is required, its pattern, and its help text from
the field's docstring. `files(site, data_folder)` is everything the built site holds under
`admin/`: the page, the configuration, the shapes the files are written by (`generator.shape`)
and the editor's scripts, copied from `vendor/` (pinned releases from npm, checked against
`vendor/SHA256SUMS`).

Saving opens a branch and a pull request (Decap's editorial workflow); the publication's check
workflow then validates it, says what changed in words, and keeps a preview.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import re
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import yaml

from generator.models import KINDS
from generator.models.site import Editor, Site
from generator.problems import CharterkitError
from generator.shape import shapes

if TYPE_CHECKING:
    from generator.publication import Publication

HERE = Path(__file__).resolve().parent
VENDOR = HERE / "vendor"
PINNED: dict[str, dict[str, str]] = json.loads((VENDOR / "PINNED.json").read_text(encoding="utf-8"))
DECAP = f"decap-cms-{PINNED['decap-cms']['version']}"
JS_YAML = f"js-yaml-{PINNED['js-yaml']['version']}"

# Decap's own interface languages (decap-cms-locales); any other language gets English.
DECAP_LOCALES = frozenset(
    {"bg", "ca", "cs", "da", "de", "en", "es", "fa", "fr", "gr", "he", "hr", "hu", "it", "ja", "ko", "lt"}
    | {"nb_no", "nl", "nn_no", "pl", "pt", "ro", "ru", "sv", "th", "tr", "ua", "uk", "vi", "zh_Hans", "zh_Hant"}
)

# Texts people write a sentence or more of get a box of several lines; the rest one line.
LONG_TEXT = frozenset(
    {
        "aim",
        "address",
        "compliments",
        "definition",
        "description",
        "evidence",
        "explanation",
        "method",
        "monitoring",
        "note",
        "outcome",
        "reason",
        "source",
        "summary",
        "text",
    }
)

# Labels where the key alone would not say enough.
LABELS = {
    "from": "From period",
    "id": "Id",
    "url": "Web address",
    "unit": "Unit",
    "value": "Figure",
    "year_to_date": "Year to date",
    "your_help": "What we ask of you",
    "breakdown_by": "Breakdown by",
    "publish_within_days": "Publish within (days)",
}

# What a list item is called in the editor's summary of each item, by the model it holds.
SUMMARIES = {
    "Result": "{{fields.period}}: {{fields.value}}",
    "Target": "from {{fields.from}}: {{fields.value}}",
    "Share": "{{fields.unit}}{{fields.part}}: {{fields.value}}",
    "Standard": "{{fields.measure}}: {{fields.target}}",
    "Commitment": "{{fields.id}}",
    "Action": "{{fields.id}}: {{fields.title}}",
    "Recommendation": "{{fields.id}}: {{fields.title}}",
    "Progress": "{{fields.date}}",
    "Unit": "{{fields.name}}",
    "Channel": "{{fields.label}}",
    "Office": "{{fields.name}}",
    "Hours": "{{fields.opens}} to {{fields.closes}}",
    "Audit": "{{fields.date}}",
    "Source": "{{fields.title}}",
    "Entry": "{{fields.source}}",
}

MAX_DEPTH = 3
"""How deep a model that holds itself (units inside units) is offered in the editor."""

# The collections, in the order the editor lists them.
COLLECTIONS = (
    ("measures", "measure", "Measures and results", "Measure", "measures"),
    ("updates", "update", "Updates", "Update", "updates"),
    ("charters", "charter", "Charters", "Charter", "charters"),
    ("improvement", "improvement", "Improvement plans", "Improvement plan", "improvement"),
)

AMOUNT_PATTERN = r"^-?[0-9]+(\.[0-9]+)?$|^[0-9]+(:[0-9]{2}){1,2}$|^[0-9hmins .]+$"
DUE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$|^[0-9QqHh][0-9QqHh /to-]*$"


def config(site: Site, data_folder: str, translations: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """Decap CMS's configuration for this publication; `translations` lists each language's
    translation files (paths inside `translations/<language>/`)."""
    editor = site.editor
    if editor is None:
        raise CharterkitError("site.yml has no editor section; add one to publish the editor at /admin/")
    folder = PurePosixPath(data_folder)
    collections = [
        _folder_collection(name, kind, label, singular, str(folder / sub))
        for name, kind, label, singular, sub in COLLECTIONS
    ]
    site_fields = _fields(_schema("site"), exclude={"editor"})
    collections.append(
        {
            "name": "settings",
            "label": "Site settings",
            "editor": {"preview": False},
            "files": [
                {
                    "name": "site",
                    "label": "The publisher, contact details and languages",
                    "file": str(folder / "site.yml"),
                    "fields": site_fields,
                }
            ],
            "format": "charterkit-site",
        }
    )
    for language in site.languages:
        present = (translations or {}).get(language, [])
        if present:
            collections.append(_translations(language, folder, present))
    locale = site.language.replace("-", "_") if site.language in DECAP_LOCALES else "en"
    return {
        "backend": _backend(editor),
        "local_backend": True,
        "publish_mode": "editorial_workflow",
        "media_folder": "media",
        "site_url": site.url,
        "display_url": site.url,
        "locale": locale,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections,
    }


def _backend(editor: Editor) -> dict[str, Any]:
    backend: dict[str, Any] = {"name": editor.backend, "repo": editor.repo, "branch": editor.branch}
    if editor.backend == "github":
        backend["squash_merges"] = True
    if editor.backend == "gitlab" and editor.app_id:
        backend.update(auth_type="pkce", app_id=editor.app_id)
    for key in ("base_url", "auth_endpoint", "api_root"):
        if value := getattr(editor, key):
            backend[key] = value
    backend["commit_messages"] = {
        "create": "Add {{collection}} “{{slug}}”",
        "update": "Update {{collection}} “{{slug}}”",
        "delete": "Delete {{collection}} “{{slug}}”",
    }
    return backend


def _folder_collection(name: str, kind: str, label: str, singular: str, folder: str) -> dict[str, Any]:
    schema = _schema(kind)
    fields = _fields(schema)
    collection: dict[str, Any] = {
        "name": name,
        "label": label,
        "label_singular": singular,
        "description": _first_line(schema.get("description", "")),
        "folder": folder,
        "extension": "md" if kind == "update" else "yml",
        "format": f"charterkit-{kind}",
        "create": True,
        "identifier_field": "title",
        "summary": "{{title}}",
        "editor": {"preview": False},
    }
    if kind == "update":
        collection["slug"] = "{{year}}-{{month}}-{{day}}-{{slug}}"
        collection["sortable_fields"] = ["date", "title"]
        fields.append(
            {
                "name": "body",
                "label": "The update",
                "widget": "markdown",
                "modes": ["raw"],
                "hint": "In plain English: what changed, why, and what happens next. Markdown: a blank line "
                "starts a paragraph, [words](https://...) makes a link.",
            }
        )
    else:
        collection["slug"] = "{{slug}}"
    collection["fields"] = fields
    return collection


def _translations(language: str, folder: PurePosixPath, present: list[str]) -> dict[str, Any]:
    """One language's translation files, each a file of the collection."""
    from generator.languages import endonym

    fields = _fields(_schema("translation"))
    return {
        "name": f"translations-{language}",
        "label": f"Translations: {endonym(language)}",
        "label_singular": "Translation",
        "description": "Each text of a data file beside its translation. To translate another file, run "
        f"charterkit new translation {language} FILE; it is listed here once the site is built again.",
        "format": "charterkit-translation",
        "editor": {"preview": False},
        "files": [
            {
                "name": re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-"),
                "label": path,
                "file": str(folder / "translations" / language / path),
                "fields": fields,
            }
            for path in sorted(present)
        ],
    }


# ---------------------------------------------------------------------------------------------
# Fields from the JSON Schema


@functools.cache
def _all_schemas() -> dict[str, dict[str, Any]]:
    return {kind: model.model_json_schema(by_alias=True) for kind, model in KINDS.items()}


def _schema(kind: str) -> dict[str, Any]:
    return _all_schemas()[kind]


def _definition(name: str) -> dict[str, Any]:
    for schema in _all_schemas().values():
        if name in schema.get("$defs", {}):
            return dict(schema["$defs"][name])
    raise KeyError(name)


def _fields(schema: dict[str, Any], exclude: set[str] = frozenset(), depth: int = 0) -> list[dict[str, Any]]:  # type: ignore[assignment]
    required = set(schema.get("required", ()))
    fields = []
    for name, prop in schema.get("properties", {}).items():
        if name in exclude:
            continue
        field = _field(name, prop, name in required, depth)
        if field is not None:
            fields.append(field)
    return fields


def _label(name: str) -> str:
    return LABELS.get(name, name.replace("_", " ").capitalize())


def _first_line(text: str) -> str:
    return " ".join(text.split())


def _field(name: str, prop: dict[str, Any], required: bool, depth: int) -> dict[str, Any] | None:
    schema = _unwrap(prop)
    field: dict[str, Any] = {"name": name, "label": _label(name)}
    hint = _first_line(prop.get("description", ""))
    widget = _widget(name, schema, depth)
    if widget is None:
        return None
    field.update(widget)
    if not required or field.get("widget") == "boolean":
        field["required"] = False
    if not required and field.get("widget") == "object":
        # The editor would ask for an optional part's required keys even when the part is left
        # empty (a measure with no baseline), so they are optional here; validate still asks
        # for them when the part is filled in.
        for child in field["fields"]:
            child["required"] = False
    if hint:
        field["hint"] = hint
    if "default" in prop and prop["default"] not in (None, [], {}, False) and field.get("widget") == "select":
        field["default"] = prop["default"]
    if field.get("widget") == "datetime" and not required:
        field["default"] = ""
    return field


def _unwrap(prop: dict[str, Any]) -> dict[str, Any]:
    """A property's schema without its `| None`."""
    options = prop.get("anyOf")
    if options:
        kept = [option for option in options if option.get("type") != "null"]
        return dict(kept[0]) if len(kept) == 1 else {"anyOf": kept}
    return prop


def _messages() -> dict[str, str]:
    from generator.models.common import CODE_PATTERN, ELEMENT_PATTERN, SLUG_PATTERN, TIME_PATTERN
    from generator.models.site import LANGUAGE_PATTERN

    return {
        SLUG_PATTERN: "An id: lower-case letters and digits joined by hyphens, such as customer-services",
        CODE_PATTERN: "A code as printed, such as 3.2.4, R1 or OX-R1",
        ELEMENT_PATTERN: "A framework and element, such as cse:4.3.1",
        TIME_PATTERN: "A time on the 24-hour clock, such as 08:30",
        LANGUAGE_PATTERN: "A language code, such as en, cy or ur",
        r"^(https?://|mailto:|tel:|/)": "A web address starting https://, or mailto:, tel:, or / for a page here",
    }


def _pattern(schema: dict[str, Any], message: str) -> dict[str, Any]:
    pattern = schema.get("pattern")
    return {"pattern": [pattern, _messages().get(pattern, message)]} if pattern else {}


def _widget(name: str, schema: dict[str, Any], depth: int) -> dict[str, Any] | None:
    if "$ref" in schema:
        return _object(schema["$ref"].rsplit("/", 1)[-1], depth)
    options = schema.get("anyOf")
    if options:
        if any(option.get("format") == "date" for option in options):
            return {
                "widget": "string",
                "pattern": [DUE_PATTERN, "A date such as 2027-03-31, or a period such as 2026-27 Q4"],
            }
        if any(option.get("type") == "number" for option in options):
            return {
                "widget": "string",
                "pattern": [AMOUNT_PATTERN, "A number such as 91.5; for a duration 262, 4:22 or 4 min 22 s"],
            }
        text: dict[str, Any] = next((option for option in options if option.get("type") == "string"), {})
        period = "Q" in text.get("pattern", "")
        message = (
            "A period such as 2026-27 Q2, 2026-10, 2026-27 or 2026"
            if period
            else "A date, month or year: 2025-04-01, 2025-04 or 2025"
        )
        return {"widget": "string", **_pattern(text, message)}
    kind = schema.get("type")
    if "enum" in schema:
        return {"widget": "select", "options": list(schema["enum"])}
    if kind == "array":
        return _list(name, schema.get("items") or {}, depth)
    if kind == "object":
        return None  # a mapping of any keys (ratings, descriptors): edited as a file, not a form
    if kind == "string" and schema.get("format") == "date":
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
    if kind in ("number", "integer"):
        widget: dict[str, Any] = {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
        if kind == "number":
            widget["step"] = 0.1
        if "minimum" in schema:
            widget["min"] = schema["minimum"]
        if "maximum" in schema:
            widget["max"] = schema["maximum"]
        return widget
    if kind == "boolean":
        return {"widget": "boolean"}
    message = _first_line(schema.get("description", "")) or "Check the text against its help"
    return {"widget": "text" if name in LONG_TEXT else "string", **_pattern(schema, message)}


def _object(definition: str, depth: int) -> dict[str, Any] | None:
    if depth >= MAX_DEPTH:
        return None
    schema = _definition(definition)
    return {"widget": "object", "collapsed": True, "fields": _fields(schema, depth=depth + 1)}


def _list(name: str, items: dict[str, Any], depth: int) -> dict[str, Any] | None:
    if "$ref" in items:
        definition = items["$ref"].rsplit("/", 1)[-1]
        if depth >= MAX_DEPTH:
            return None
        widget: dict[str, Any] = {
            "widget": "list",
            "label_singular": re.sub(r"(?<!^)(?=[A-Z])", " ", definition).lower(),
            "collapsed": True,
            "fields": _fields(_definition(definition), depth=depth + 1),
        }
        if definition in SUMMARIES:
            widget["summary"] = SUMMARIES[definition]
        return widget
    single = _widget(name, items, depth)
    if single is None:
        return None
    return {"widget": "list", "field": {"name": name, "label": _label(name), **single}}


# ---------------------------------------------------------------------------------------------
# Files


HEADER = (
    "# The browser editor's configuration (Decap CMS), generated by charterkit from its models and\n"
    "# data/site.yml: do not edit it; change site.yml's editor section instead.\n"
)


def config_text(data: Path) -> str:
    """The configuration for the publication in `data`, as the built site holds it."""
    from generator.validate import validate

    publication, problems = validate(data)
    errors = [p for p in problems if p.severity == "error"]
    if errors or publication.site is None:
        raise CharterkitError(f"fix these problems in {data} first", errors)
    return render_config(publication)


def render_config(publication: Publication) -> str:
    assert publication.site is not None
    translations: dict[str, list[str]] = {}
    for language, path in publication.translations:
        translations.setdefault(language, []).append(path)
    made = config(publication.site, _data_folder(publication.root), translations)
    return HEADER + yaml.safe_dump(made, sort_keys=False, allow_unicode=True, width=100)


def _data_folder(data: Path) -> str:
    """The data folder's path in the repository: as given when it is inside the current folder."""
    folder = data.as_posix().rstrip("/") or "data"
    if data.is_absolute() or ".." in data.parts:
        return data.name
    return folder.removeprefix("./")


def vendored() -> dict[str, bytes]:
    """The editor's third-party files by their path under `admin/assets/`, checked against
    `vendor/SHA256SUMS` (a file that changed or went missing is refused, never published)."""
    sums = {}
    for line in (VENDOR / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        sums[name] = digest
    files = {}
    for name, digest in sums.items():
        content = (VENDOR / name).read_bytes()
        if hashlib.sha256(content).hexdigest() != digest:
            raise CharterkitError(f"{VENDOR / name}: does not match its checksum in SHA256SUMS; reinstall charterkit")
        files[name] = content
    return files


def page(site: Site) -> str:
    """`admin/index.html`: Decap and charterkit's formats, never indexed or linked from the site."""
    title = html.escape(f"Edit {site.name}", quote=True)
    return f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex, nofollow">
  <title>{title}</title>
  <link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
  <noscript>The editor needs JavaScript. Turn it on for this site, or edit the files in git.</noscript>
  <script>window.CMS_MANUAL_INIT = true;</script>
  <script src="assets/{DECAP}/decap-cms.js"></script>
  <script src="assets/{JS_YAML}/js-yaml.min.js"></script>
  <script src="assets/charterkit-editor.js"></script>
</body>
</html>
"""


def robots(site: Site) -> str:
    """`robots.txt`: search engines are asked not to crawl the editor."""
    path = urlsplit(site.url).path or "/"
    if not path.endswith("/"):
        path += "/"
    return f"User-agent: *\nDisallow: {path}admin/\n"


def files(publication: Publication) -> dict[str, bytes]:
    """Every file of the editor, by its path in the built site."""
    site = publication.site
    assert site is not None
    made = {
        "admin/index.html": page(site).encode(),
        "admin/config.yml": render_config(publication).encode(),
        "admin/shapes.json": (json.dumps(shapes(), indent=1) + "\n").encode(),
        "admin/assets/charterkit-editor.js": (HERE / "charterkit-editor.js").read_bytes(),
        "robots.txt": robots(site).encode(),
    }
    for name, content in vendored().items():
        made[f"admin/assets/{name}"] = content
    return made
