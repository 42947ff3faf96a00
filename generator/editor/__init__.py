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

import hashlib
import html
import json
import re
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import yaml

from generator.editor.fields import fields as form_fields
from generator.editor.fields import schema as kind_schema
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

# The collections, in the order the editor lists them.
COLLECTIONS = (
    ("measures", "measure", "Measures and results", "Measure", "measures"),
    ("updates", "update", "Updates", "Update", "updates"),
    ("charters", "charter", "Charters", "Charter", "charters"),
    ("improvement", "improvement", "Improvement plans", "Improvement plan", "improvement"),
)


# What each collection holds, in the words of the people who edit it.
DESCRIPTIONS = {
    "measure": "Each measure with its results, one per period. Add a result for each new quarter, month or year.",
    "update": "News for residents, newest first: what changed, why, and what happens next.",
    "charter": "Each service's promises to residents, with the standards that measure them.",
    "improvement": "Recommendations made to the council and the actions taken on them, with progress.",
}


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
    site_fields = form_fields(kind_schema("site"), exclude={"editor"})
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
    schema = kind_schema(kind)
    fields = form_fields(schema)
    collection: dict[str, Any] = {
        "name": name,
        "label": label,
        "label_singular": singular,
        "description": DESCRIPTIONS[kind],
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

    fields = form_fields(kind_schema("translation"))
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
