"""`charterkit fmt`: every data file in one canonical form, the form the browser editor saves.

Why: the editor (see `generator/editor.py`) reads a file, lets someone change a figure and writes
the whole file again. If the file in git is already in the form the editor writes, the pull request
shows only the figure that changed. So the form is fixed, and the editor's script
(`generator/editor/charterkit-editor.js`) writes exactly what `canonical` writes here; a test runs
both over every data file and compares them byte for byte.

The form, in short:

- keys in the order the models declare them (unknown keys after them, as they were);
- block style throughout: two spaces of indentation, list items indented under their key;
- text on one line, however long (never folded, so changing a word changes one line), quoted
  with double quotes only where YAML would otherwise read it differently (it starts with a digit
  or a sign, holds `: ` or ` #`, or reads as yes, no, true, false or null); text of several lines
  as a `|` block;
- numbers as JavaScript writes them (92.30 becomes 92.3), true and false, dates as 2026-10-20;
- optional keys with nothing in them (`note:`, `tags: []`) left out;
- leading and trailing spaces of texts removed (the models ignore them);
- no blank lines; an update's body is kept as written, with blank lines at its start and end
  removed.

Comments are kept, beside or above the key they were written with (the browser editor cannot keep
them: see the README). The one exception is the first-line `# yaml-language-server: $schema=...`
comment: editors now find each file's schema through the repository's settings (`.vscode/` and
`charterkit init`), so the line is removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.canonical import canonical_post, canonical_yaml, join_post, js_number
from generator.load import load_yaml, read_text, split_front_matter
from generator.problems import CharterkitError, Problem

__all__ = ["canonical_post", "canonical_yaml", "data_files", "fmt", "js_number"]


def kind_of(path: Path, data: Path) -> str | None:
    """The kind of a data file by where it is, or None for files `fmt` leaves alone."""
    from generator.models import FOLDERS

    parts = path.relative_to(data).parts
    if parts == ("site.yml",):
        return "site"
    if path.suffix not in (".yml", ".yaml", ".md"):
        return None
    if parts[0] == "translations" and len(parts) > 2 and path.suffix in (".yml", ".yaml"):
        return "translation"
    if len(parts) == 2 and parts[0] in FOLDERS and path.suffix != ".md":
        return FOLDERS[parts[0]]
    if len(parts) == 2 and parts[0] == "updates" and path.suffix == ".md":
        return "update"
    return None


def data_files(data: Path) -> list[tuple[Path, str]]:
    """Every file `fmt` formats, with its kind, in a stable order."""
    found = []
    for path in sorted(data.rglob("*")):
        hidden = any(part.startswith(".") for part in path.relative_to(data).parts)
        if path.is_file() and not path.is_symlink() and not hidden:
            kind = kind_of(path, data)
            if kind:
                found.append((path, kind))
    return found


@dataclass
class Outcome:
    changed: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    refused: list[Problem] = field(default_factory=list)


def format_file(path: Path, kind: str, year_starts: int) -> tuple[str | None, str | None, list[Problem]]:
    """The file's text and its canonical text, or the problems that stop it being formatted."""
    file = str(path)
    text, problems = read_text(path, file)
    if text is None:
        return None, None, problems
    if kind == "update":
        front, body, _, problems = split_front_matter(text, file)
        if front is None:
            return None, None, problems
        source, offset = front, 1
    else:
        source, offset, body = text, 0, ""
    document, problems = load_yaml(source, file, line_offset=offset)
    if document is None:
        return None, None, problems
    after = canonical_yaml(source, kind)
    result = join_post(after, body) if kind == "update" else after
    if not _same_meaning(document.data, load_yaml(after, file)[0], kind, year_starts):
        message = "not formatted: it does not validate (run charterkit validate), or fmt would change what it says"
        return None, None, [Problem(file, 1, 1, "", message)]
    return text, result, []


def _same_meaning(before: Any, after: Any, kind: str, year_starts: int) -> bool:
    """Whether the file says the same before and after: the models read from both are equal."""
    from generator.models import KINDS

    if after is None:
        return False
    model = KINDS[kind]
    context = {"year_starts": year_starts}
    try:
        first = model.model_validate(before, context=context)
        second = model.model_validate(after.data, context=context)
    except ValidationError:
        return False
    return bool(_blank(first.model_dump()) == _blank(second.model_dump()))


def _blank(value: Any) -> Any:
    """Empty texts count as no text (the editor leaves a cleared field as an empty text)."""
    if isinstance(value, dict):
        return {key: _blank(child) for key, child in value.items()}
    if isinstance(value, list | tuple):
        return [_blank(child) for child in value]
    return None if value == "" else value


def year_starts_of(data: Path) -> int:
    from generator.models.site import YEAR_STARTS

    text, _ = read_text(data / "site.yml", str(data / "site.yml"))
    document = load_yaml(text, "site.yml")[0] if text is not None else None
    value = document.data.get("year_starts") if document is not None else None
    return int(YEAR_STARTS.get(str(value), 1))


def fmt(data: Path, check: bool = False) -> Outcome:
    """Bring every data file under `data` into canonical form (with `check`, only say which
    would change). Files that do not validate are left as they are and reported."""
    if not data.is_dir():
        raise CharterkitError(f"{data}: folder not found; give the folder that holds site.yml")
    outcome = Outcome()
    year_starts = year_starts_of(data)
    for path, kind in data_files(data):
        text, result, problems = format_file(path, kind, year_starts)
        if text is None or result is None:
            outcome.refused.extend(problems)
        elif result == text:
            outcome.unchanged.append(path)
        else:
            outcome.changed.append(path)
            if not check:
                path.write_text(result, encoding="utf-8")
    return outcome
