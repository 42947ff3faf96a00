"""A publication in another language: its texts replaced by their translations where there are any.

Translations live in `translations/<language>/`, one file per data file at the same path, as
pairs of the source text and its translation. They are matched by the source text, not by
position, so reordering a charter keeps its translations, and rewording a promise shows at once
as a missing translation (and the old pair as unused) instead of a stale text going out.
Text without a translation stays in the data's own language as `Text`, which the page marks
with its `lang`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from generator.languages import locale, theme_languages
from generator.models.common import Model
from generator.problems import Problem
from generator.publication import Post, Publication
from generator.render.i18n import Text, catalog

M = TypeVar("M", bound=Model)
THEME_LIST = "https://squidfunk.github.io/mkdocs-material/setup/changing-the-language/"
Where = tuple[str | int, ...]


@dataclass
class Coverage:
    """What one language's translations cover, per data file: for warnings and for the pages."""

    missing: dict[str, list[tuple[Where, str]]] = field(default_factory=dict)
    """Data file → (field path, text) of each text with no translation."""
    seen: set[tuple[str, str]] = field(default_factory=set)
    """(data file, text) of every text looked up, translated or not."""
    counted: dict[str, int] = field(default_factory=dict)
    """Data file → how many texts it holds."""


def key(value: str) -> str:
    """Texts match whatever their spacing and line breaks: YAML folding changes them freely."""
    return " ".join(value.split())


def translated(publication: Publication, code: str) -> tuple[Publication, Coverage]:
    """The publication with every text in language `code` where a translation exists."""
    default = publication.site.language if publication.site else "en"
    coverage = Coverage()

    def over(item: M, file: str) -> M:
        entry = publication.translations.get((code, file))
        table = {key(e.source): e.text for e in entry[0].texts} if entry else {}

        def lookup(value: str, where: Where) -> str:
            coverage.counted[file] = coverage.counted.get(file, 0) + 1
            coverage.seen.add((file, key(value)))
            found = table.get(key(value))
            if not found:  # an entry left empty is not translated yet
                coverage.missing.setdefault(file, []).append((where, value))
                return Text(value, default)
            return found

        return _walk(item, lookup, ())

    def path_of(kind: str, item_id: str) -> str:
        return Path(publication.documents[(kind, item_id)].file).relative_to(publication.root).as_posix()

    changes: dict[str, Any] = {}
    if publication.site:
        changes["site"] = over(publication.site, "site.yml")
    for name, kind in (
        ("frameworks", "framework"),
        ("charters", "charter"),
        ("measures", "measure"),
        ("assessments", "assessment"),
        ("benchmarks", "benchmark"),
        ("plans", "improvement"),
    ):
        store: dict[str, Model] = getattr(publication, name)
        changes[name] = {item_id: over(item, path_of(kind, item_id)) for item_id, item in store.items()}
    changes["posts"] = [_post(post, default) for post in publication.posts]
    return dataclasses.replace(publication, **changes), coverage


def _post(post: Post, default: str) -> Post:
    """Updates are not translated yet: they are shown in the data's language, marked as such."""
    meta = _walk(post.meta, lambda value, where: Text(value, default), ())
    return Post(post.slug, meta, Text(post.body, default))


def _walk(item: M, lookup: Callable[[str, Where], str], where: Where) -> M:
    updates: dict[str, Any] = {}
    for name in type(item).model_fields:
        value = getattr(item, name)
        here = (*where, name)
        new = _texts(value, lookup, here) if name in type(item).TRANSLATED else _nested(value, lookup, here)
        if new is not value:
            updates[name] = new
    return item.model_copy(update=updates) if updates else item


def _texts(value: Any, lookup: Callable[[str, Where], str], where: Where) -> Any:
    if isinstance(value, str):
        return lookup(value, where)
    if isinstance(value, tuple):
        return tuple(_texts(v, lookup, (*where, i)) for i, v in enumerate(value))
    if isinstance(value, dict):
        return {k: _texts(v, lookup, (*where, k)) for k, v in value.items()}
    return value


def _nested(value: Any, lookup: Callable[[str, Where], str], where: Where) -> Any:
    if isinstance(value, Model):
        return _walk(value, lookup, where)
    if isinstance(value, tuple) and any(isinstance(v, Model) for v in value):
        return tuple(_nested(v, lookup, (*where, i)) for i, v in enumerate(value))
    if isinstance(value, dict) and any(isinstance(v, Model) for v in value.values()):
        return {k: _nested(v, lookup, (*where, k)) for k, v in value.items()}
    return value


def language_problems(publication: Publication) -> list[Problem]:
    """Languages the site cannot be built in (errors), and texts without a translation (warnings)."""
    site = publication.site
    if site is None or ("site", "site") not in publication.documents:
        return []
    document = publication.documents[("site", "site")]
    problems = []
    theme = theme_languages()
    for index, code in enumerate(site.languages):
        where = ("languages", index)
        if code not in theme:
            problems.append(document.problem(where, f"the theme has no interface texts for '{code}'; see {THEME_LIST}"))
        elif catalog(code) is None:
            problems.append(
                document.problem(
                    where,
                    f"charterkit has no translation of its headings and labels into {english_name(code)}; "
                    "they will show in English",
                    "warning",
                )
            )
    folder = publication.root / "translations"
    for code in sorted({code for code, _ in publication.translations} - set(site.languages)):
        problems.append(
            Problem(str(folder / code), 1, 1, "", f"not used: add {code} to languages in site.yml", "warning")
        )
    for code in site.languages:
        problems.extend(_coverage_problems(publication, code))
    return problems


def _coverage_problems(publication: Publication, code: str) -> list[Problem]:
    _, coverage = translated(publication, code)
    language = english_name(code)
    files = {Path(d.file).relative_to(publication.root).as_posix(): d for d in publication.documents.values()}
    problems = []
    untranslated = []
    for file, missing in sorted(coverage.missing.items()):
        entry = publication.translations.get((code, file))
        if entry is None:
            untranslated.append(file)
            continue
        for where, _ in missing:
            problems.append(
                files[file].problem(where, f"no {language} translation in translations/{code}/{file}", "warning")
            )
    for (lang, file), (translation, document) in sorted(publication.translations.items()):
        if lang != code:
            continue
        if file not in files:
            problems.append(document.problem((), f"translates {file}, which is not in the data folder", "warning"))
            continue
        for index, pair in enumerate(translation.texts):
            if (file, key(pair.source)) not in coverage.seen:
                problems.append(
                    document.problem(
                        ("texts", index, "source"),
                        f"matches no text in {file}; if the text was reworded, translate the new wording",
                        "warning",
                    )
                )
    if untranslated:
        shown = ", ".join(untranslated[:5]) + (f" and {len(untranslated) - 5} more" if len(untranslated) > 5 else "")
        problems.append(
            Problem(
                str(publication.root / "translations" / code),
                1,
                1,
                "",
                f"{len(untranslated)} data files have no {language} translation, so their pages show "
                f"{locale(publication.site.language if publication.site else 'en').get_language_name('en')}: {shown}",
                "warning",
            )
        )
    return problems


def english_name(code: str) -> str:
    """`cy` → `Welsh (cy)`, for messages to the people who edit the data."""
    return f"{locale(code).get_language_name('en')} ({code})"


def add_translation(data: Path, code: str, file: str) -> tuple[Path, int]:
    """Add an entry for each untranslated text of `file` to its translation in `code`.

    Each entry has the source text filled in and an empty translation, so a translator (or a
    translation service) fills in the `text:` lines and a reviewer sees both in the pull request.
    """
    import yaml

    from generator.problems import CharterkitError
    from generator.validate import validate

    publication, problems = validate(data)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise CharterkitError(f"{len(errors)} problem(s) in {data}; fix them first", problems)
    if publication.site is None or code not in publication.site.languages:
        raise CharterkitError(f"{code} is not one of the site's languages: add it to languages in site.yml first")
    relative = Path(file)
    if relative.parts and relative.parts[0] == data.name and not (data / relative).is_file():
        relative = Path(*relative.parts[1:])
    name = relative.as_posix()
    if not (data / relative).is_file():
        raise CharterkitError(f"{data / relative} not found; give a data file such as charters/corporate.yml")
    _, coverage = translated(publication, code)
    entry = publication.translations.get((code, name))
    listed = {key(e.source) for e in entry[0].texts} if entry else set()
    texts = list(dict.fromkeys(value for _, value in coverage.missing.get(name, []) if key(value) not in listed))
    target = data / "translations" / code / relative
    if texts:
        entries = yaml.safe_dump(
            [{"source": value, "text": ""} for value in texts], allow_unicode=True, width=100, sort_keys=False
        )
        existing = target.read_text(encoding="utf-8") if target.is_file() else ""
        found = re.search(r"^( *)- source:", existing, re.MULTILINE)
        indent = found.group(1) if found else "  "  # as the file's own list is indented
        block = "".join(f"{indent}{line}\n" if line else "\n" for line in entries.splitlines())
        if existing:
            target.write_text(existing.rstrip("\n") + "\n" + block, encoding="utf-8")
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            header = (
                f"# {english_name(code)} translation of {name}: fill in each text; leave one empty to show\n"
                f"# the original until it is translated.\nsample: false\ntexts:\n"
            )
            target.write_text(header + block, encoding="utf-8")
    return target, len(texts)
