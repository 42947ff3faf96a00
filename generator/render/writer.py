"""Writes generated files into the MkDocs docs folder, owning only what it wrote.

A manifest lists the files the generator made, so pages of deleted data are removed while
hand-written pages are never touched. Files whose bytes have not changed are left alone (their
modification times too), so MkDocs' watcher and a reviewer's diff see only real changes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath

from generator.problems import CharterkitError, Problem

MANIFEST = ".charterkit-manifest.json"


class Output:
    """Generated files held in memory until every page has rendered."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.owners: dict[str, str] = {}
        self.clashes: list[Problem] = []
        self.kept: set[str] = set()  # read from the docs folder just now, byte for byte

    def add(self, path: str, content: str | bytes, owner: str, unchanged: bool = False) -> None:
        """Queue one file; a second item claiming the same path is an error, never an overwrite.
        `unchanged`: the content was just read from the file it will be written to."""
        clean = PurePosixPath(path)
        if clean.is_absolute() or ".." in clean.parts:
            raise ValueError(f"generated path escapes the docs folder: {path}")
        key = clean.as_posix()
        if key in self.files:
            message = f"{owner} and {self.owners[key]} would both be published at {key}; give one a different id"
            self.clashes.append(Problem(owner, 1, 1, "", message))
            return
        self.files[key] = content.encode("utf-8") if isinstance(content, str) else content
        self.owners[key] = owner
        if unchanged:
            self.kept.add(key)


def write(output: Output, docs_dir: Path) -> tuple[int, int, int]:
    """Bring `docs_dir` in line with `output`; returns files (written, unchanged, removed)."""
    if output.clashes:
        raise CharterkitError("two items would be published at the same address", output.clashes)
    docs_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = docs_dir / MANIFEST
    owned = set(_read_manifest(manifest_path))
    hand_written = [
        Problem(
            str(docs_dir / path), 1, 1, "", "a hand-written file is in the way of a generated page; move or rename it"
        )
        for path in output.files
        if path not in owned and (docs_dir / path).exists()
    ]
    if hand_written:
        raise CharterkitError("generated pages would overwrite hand-written files", hand_written)
    written = unchanged = removed = 0
    for path, content in sorted(output.files.items()):
        target = docs_dir / path
        if path in output.kept or (target.is_file() and target.read_bytes() == content):
            unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")  # a build beside serve has its own
        temporary.write_bytes(content)
        os.replace(temporary, target)
        written += 1
    inside = docs_dir.resolve()
    for path in sorted(owned - set(output.files)):
        target = docs_dir / path
        if target.is_file() and target.resolve().is_relative_to(inside):
            target.unlink()
            removed += 1
        _prune_empty(target.parent, docs_dir)
    manifest = json.dumps(sorted(output.files), indent=0) + "\n"
    if not manifest_path.is_file() or manifest_path.read_text(encoding="utf-8") != manifest:
        manifest_path.write_text(manifest, encoding="utf-8")
    return written, unchanged, removed


def _read_manifest(path: Path) -> list[str]:
    if not path.is_file():
        return []
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError):
        return []
    return [e for e in entries if isinstance(e, str) and _relative(e)]


def _relative(entry: str) -> bool:
    """A manifest may name only files under the docs folder: no absolute paths, no `..`, no
    backslashes or drive letters that another system would read as a path elsewhere."""
    path = PurePosixPath(entry)
    return bool(entry) and not path.is_absolute() and ".." not in path.parts and "\\" not in entry and ":" not in entry


def _prune_empty(folder: Path, root: Path) -> None:
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
