"""Regenerate the golden pages after an intended change: `python -m tests.update_golden`.

The golden copy is what the example data renders to on a fixed day; `tests/test_golden.py`
compares every generated file with it and shows a diff when they differ.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.build import generate

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
AS_OF_EPOCH = "1795000000"  # 18 November 2026, so "overdue" is stable


def render_to(folder: Path) -> None:
    import os

    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = AS_OF_EPOCH
    try:
        generate(ROOT / "data", folder)
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


COPIED = "assets/"  # the theme's CSS and script are copied as they are; generator/assets is their source


if __name__ == "__main__":
    shutil.rmtree(GOLDEN, ignore_errors=True)
    render_to(GOLDEN)
    for copied in GOLDEN.rglob(COPIED.rstrip("/")):  # in every language's folder
        shutil.rmtree(copied)
    print(f"wrote {sum(1 for p in GOLDEN.rglob('*') if p.is_file())} files to {GOLDEN.relative_to(ROOT)}")
