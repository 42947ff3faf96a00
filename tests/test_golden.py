"""Generated Markdown and data files match the committed golden copy (`python -m tests.update_golden`)."""

from __future__ import annotations

import difflib
from pathlib import Path

from tests.update_golden import COPIED, GOLDEN, render_to


def files(folder: Path) -> dict[str, bytes]:
    found = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    return {name: content for name, content in found.items() if f"/{COPIED}" not in f"/{name}"}


def test_output_matches_golden(tmp_path: Path) -> None:
    render_to(tmp_path)
    made, golden = files(tmp_path), files(GOLDEN)
    assert sorted(made) == sorted(golden), "files differ: run python -m tests.update_golden if intended"
    for name, content in made.items():
        if content != golden[name]:
            diff = difflib.unified_diff(
                golden[name].decode().splitlines(), content.decode().splitlines(), f"golden/{name}", name, lineterm=""
            )
            raise AssertionError("\n".join(diff) + "\n\nIf intended: python -m tests.update_golden")
