"""Which files of a data folder are read, and a word about each one that is not.

A publication is what its data folder holds, so nothing may come in through a link from outside
it: a linked file, folder or template would publish whatever it points to, and change when that
does. What is left unread (a hidden file, a folder where files belong, a data file where no kind
is read from) is said, since a file that quietly does nothing looks like a file that works.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.problems import Problem


def inside(path: Path, root: Path) -> bool:
    """Whether `path`, with every link on the way followed, lies in the data folder. A loop of
    links leads nowhere, so it is taken as inside: reading it says it is a loop."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # RuntimeError for a loop before Python 3.13
        return True


def links_out(root: Path) -> list[Problem]:
    """Every link in the data folder to a file or folder outside it (an error each: nothing
    behind such a link is read). Links are not followed, so a folder behind one is not walked."""
    problems = []
    for folder, folders, files in os.walk(root):
        here = Path(folder)
        for name in sorted(folders + files):
            path = here / name
            if not path.is_symlink() or inside(path, root):
                continue
            if path.is_dir():
                what = "a template folder" if _in_templates(path, root) else "a folder"
                fix = "copy the folder in instead (nothing in it is read)"
            else:
                what = "a template" if _in_templates(path, root) else "a file"
                fix = f"copy the {'template' if _in_templates(path, root) else 'file'} in instead"
            message = f"is a link to {what} outside the data folder; {fix}"
            problems.append(Problem(str(path), 1, 1, "", message))
    return problems


def _in_templates(path: Path, root: Path) -> bool:
    return path.relative_to(root).parts[0] == "templates"


def unread(path: Path, suffixes: tuple[str, ...], nested: bool) -> tuple[bool, Problem | None]:
    """Whether a folder's entry is skipped, with the warning that says so (None for an entry no
    one means as data: `.gitkeep`, `.DS_Store`, an editor's swap file). `nested` folders are read
    by the caller, so their subfolders are not skipped here."""
    expected = " or ".join(suffixes)
    if path.name.startswith("."):
        if path.name.endswith(suffixes):
            message = "not read: a name starting with '.' is a hidden file; rename it without the '.' to read it"
            return True, Problem(str(path), 1, 1, "", message, "warning")
        return True, None
    if path.is_dir():
        if nested:
            return True, None
        message = f"not read: a folder, and files in folders here are not read; move its {expected} files up here"
        return True, Problem(str(path), 1, 1, "", message, "warning")
    if path.suffix not in suffixes:
        return True, Problem(str(path), 1, 1, "", f"not read: expected a {expected} file here", "warning")
    return False, None


def unread_top_level(root: Path, kinds: list[str]) -> list[Problem]:
    """Data files in the data folder itself, where only site.yml is read."""
    problems = []
    for path in sorted(root.iterdir()):
        if path.name == "site.yml" or path.name.startswith(".") or not path.name.endswith((".yml", ".yaml")):
            continue
        if path.is_dir():
            continue  # folders are `_unknown_folders`' to report
        folders = ", ".join(f"{kind}/" for kind in kinds)
        message = f"not read: only site.yml is read from here; move the file into the folder for its kind ({folders})"
        problems.append(Problem(str(path), 1, 1, "", message, "warning"))
    return problems
