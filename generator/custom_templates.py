"""A publication's own templates (`data/templates/`): read and parsed with the data, so a mistake
in one is reported by `validate` with its file and line, and turned into a message (never a
traceback) when it shows only while a page renders: a name the page does not have, a missing
include.
"""

from __future__ import annotations

import os
import re
import traceback
from pathlib import Path

import jinja2
from jinja2.exceptions import SecurityError

from generator.load import read_bytes
from generator.problems import CharterkitError, Problem

_REMOVE = "or remove the file to use charterkit's own template"


def template_problems(root: Path) -> list[Problem]:
    """Files in `root/templates/` that are not UTF-8 text or not valid Jinja."""
    folder = root / "templates"
    if not folder.is_dir():
        return []
    problems = []
    parser = jinja2.Environment(extensions=["jinja2.ext.i18n"])  # syntax only; rendering is elsewhere
    for path in _files(folder):
        file = str(path)
        raw, unreadable = read_bytes(path, file)
        if raw is None:
            problems.extend(unreadable)
            continue
        try:
            source = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            message = f"not UTF-8 text: byte 0x{raw[error.start]:02X} cannot be read; save the template as UTF-8"
            problems.append(Problem(file, line, 1, "", message))
            continue
        try:
            parser.parse(source, name=path.name, filename=file)
        except jinja2.TemplateSyntaxError as error:
            problems.append(Problem(file, error.lineno, 1, "", _syntax(error)))
    return problems


def _files(folder: Path) -> list[Path]:
    """Every entry below `folder` that is not a folder, without following links to folders (a link
    back to a folder above would never end)."""
    found = []
    for here, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        found += [Path(here) / name for name in sorted(files) if not name.startswith(".")]
    return found


def _syntax(error: jinja2.TemplateSyntaxError) -> str:
    return f"template syntax error: {_plain(error.message)}; correct the template, {_REMOVE}"


def _plain(message: str | None) -> str:
    """Jinja's message without Python's names for things: `'generator.models.measure.Measure
    object' has no attribute 'x'` becomes `a measure has no 'x'`."""
    text = (message or "").strip().rstrip(".")
    return re.sub(
        r"'(?:[\w.]+\.)?(\w+) object' has no attribute '([^']*)'", lambda m: f"a {m[1].lower()} has no '{m[2]}'", text
    )


def template_failure(error: Exception, folder: Path) -> CharterkitError:
    """The message for a template of the publication's that failed while a page rendered."""
    file, line = _where(error, folder)
    if isinstance(error, jinja2.TemplateSyntaxError):
        message = _syntax(error)
        file, line = error.filename or file, error.lineno
    elif isinstance(error, jinja2.TemplateNotFound):
        message = (
            f"includes or extends '{error.name}', which is neither in {folder} nor one of charterkit's "
            f"templates; check the name, {_REMOVE}"
        )
    elif isinstance(error, SecurityError) or "unsafe" in str(getattr(error, "message", "") or ""):
        refused = _plain(str(getattr(error, "message", None) or error))
        message = (
            f"{refused}: templates in the data folder run in a sandbox, where they see the "
            "page's data and charterkit's helpers but never files, modules or commands; "
            f"correct the template, {_REMOVE}"
        )
    elif isinstance(error, RecursionError):
        message = f"the template calls itself without end; correct the template, {_REMOVE}"
    elif isinstance(error, OverflowError):
        message = f"the template asks for too large a range or number ({error}); correct the template, {_REMOVE}"
    elif isinstance(error, jinja2.UndefinedError):
        message = (
            f"uses a name the page does not have ({_plain(error.message)}); compare it with charterkit's own template "
            f"of the same name, {_REMOVE}"
        )
    elif isinstance(error, UnicodeDecodeError):
        message = "a template is not UTF-8 text; save it as UTF-8"
    else:
        message = f"template error: {error}; correct the template, {_REMOVE}"
    return CharterkitError(
        "a template in the publication failed; nothing was built", [Problem(file, line, 1, "", message)]
    )


def _where(error: Exception, folder: Path) -> tuple[str, int]:
    """The publication's template and line the error happened in, from the traceback Jinja
    rewrites to point into templates; the folder itself when none is named."""
    inside = os.path.abspath(folder)
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename and os.path.abspath(frame.filename).startswith(inside + os.sep):
            return frame.filename, frame.lineno or 1
    return str(folder), 1
