"""charterkit's templates for the theme, in two folders by where they sit among a site's own
(`theme.custom_dir` in `mkdocs.yml`):

- `overrides/`, before the site's own: the partials charterkit's pages need (the footer, the
  language selector, the search);
- `page/`, after the site's own: the page template without the theme's script, so that a site
  which has its own `main.html` keeps it (and with it the theme's script, which charterkit's own
  then leaves the colour scheme and back-to-top to).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OVERRIDES = HERE / "overrides"
PAGE = HERE / "page"


def add_folders(theme: Any) -> None:
    """Put charterkit's folders among the MkDocs theme's (`theme.dirs`), once."""
    if str(OVERRIDES) in theme.dirs:
        return
    theme.dirs.insert(1 if theme.custom_dir else 0, str(PAGE))
    theme.dirs.insert(0, str(OVERRIDES))


def one_folder(own: str | None, cache: Path) -> Path:
    """The same for Zensical, which takes one folder of overrides: charterkit's page template,
    then the site's own folder over it, then charterkit's partials over both."""
    merged = cache / "theme"
    shutil.rmtree(merged, ignore_errors=True)
    shutil.copytree(PAGE, merged)
    if own:
        shutil.copytree(own, merged, dirs_exist_ok=True)
    shutil.copytree(OVERRIDES, merged, dirs_exist_ok=True)
    return merged
