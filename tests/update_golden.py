"""Regenerate the golden pages after an intended change: `python -m tests.update_golden`.

The golden copy is what the example data renders to on a fixed day; `tests/test_golden.py`
compares every generated file with it and shows a diff when they differ. Each real publication
in `tests/publications/<body>/` has its golden copy in `tests/golden-publications/<body>/`,
rendered on the day in its `as_of` file (the day its copy of the figures speaks from).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.build import generate

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
AS_OF_EPOCH = "1795000000"  # 18 November 2026, so "overdue" is stable


PUBLICATIONS = ROOT / "tests" / "publications"
PUBLICATION_GOLDEN = ROOT / "tests" / "golden-publications"


def publications() -> list[Path]:
    return sorted(path.parent for path in PUBLICATIONS.glob("*/site.yml"))


def epoch_of(publication: Path) -> str:
    """The `as_of` day of a real publication as a SOURCE_DATE_EPOCH value."""
    from datetime import UTC, datetime

    day = (publication / "as_of").read_text(encoding="utf-8").strip()
    return str(int(datetime.fromisoformat(day).replace(tzinfo=UTC).timestamp()))


def render_to(folder: Path, data: Path = ROOT / "data", epoch: str = AS_OF_EPOCH) -> None:
    import os

    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        generate(data, folder)
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
    shutil.rmtree(PUBLICATION_GOLDEN, ignore_errors=True)
    for publication in publications():
        target = PUBLICATION_GOLDEN / publication.name
        render_to(target, publication, epoch_of(publication))
        for copied in target.rglob(COPIED.rstrip("/")):
            shutil.rmtree(copied)
        print(f"wrote {sum(1 for p in target.rglob('*') if p.is_file())} files to {target.relative_to(ROOT)}")
