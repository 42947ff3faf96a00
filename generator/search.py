"""Search that costs nothing until it is used: Pagefind's index, written after the site is built.

The theme's own search puts an index of every page in one file that every first visit downloads
(278 KB compressed for a county's 430 pages, megabytes for a nation's). Pagefind instead splits
the index into small chunks and the pages' texts into fragments, so a query loads a few KB at any
size, and the header's search button (`overrides/partials/search.html`) fetches nothing until it
is pressed.

The index is made by charterkit's own step, not by an MkDocs plugin, so it is the same whichever
engine built the HTML. It runs once over the whole built site: Pagefind reads each page's `lang`
and writes one index per language, and a page searches only its own language's. It is written to
`pagefind/` at the site's root before the fresh site replaces the live one, so a failed index
leaves the last good site in place.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from generator import theme
from generator.problems import CharterkitError
from generator.render.i18n import gettext

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

FOLDER = "pagefind"

# What is not a page's own content: the header, navigation, table of contents and footer.
NOT_CONTENT = (".md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".md-skip", ".headerlink", ".ck-search")


UNUSED = ("pagefind-ui.*", "pagefind-component-ui.*", "pagefind-modular-ui.*", "pagefind-highlight.js")


def texts(default: bool) -> dict[str, str]:
    """The search's texts in the language being built (see `search.html`), and the way from this
    language's site (`cy/` for Welsh) to the whole site's root, where the index is."""
    return {
        "root": "" if default else "../",
        "az": str(gettext("A to Z")),
        "failed": str(gettext("Search could not load. Every page is listed in the A to Z.")),
    }


def executable() -> Path:
    """Pagefind's program, installed with charterkit from the `pagefind[bin]` package."""
    try:
        import pagefind_bin  # type: ignore[import-untyped]

        return Path(pagefind_bin.get_executable())
    except (ImportError, FileNotFoundError) as error:
        raise CharterkitError(
            f"Pagefind, which indexes the site for search, is not installed ({error}); "
            "reinstall charterkit with: pip install charterkit"
        ) from None


def index(site_dir: Path, directory_urls: bool = True) -> int:
    """Index the built site in `site_dir` for search; returns the number of pages indexed.

    With directory URLs every page is an `index.html`, so the not-found page (`404.html`) stays
    out of the results."""
    command = [str(executable()), "--site", str(site_dir), "--output-subdir", FOLDER]
    command += ["--glob", "**/index.html" if directory_urls else "**/*.html"]
    for selector in NOT_CONTENT:
        command += ["--exclude-selectors", selector]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        raise CharterkitError(f"Pagefind could not run to index the site for search: {error}") from None
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        raise CharterkitError(f"Pagefind could not index the site for search: {said[-1] if said else done.returncode}")
    for unused in UNUSED:  # Pagefind's own interfaces; the header's search uses its API alone
        for path in (site_dir / FOLDER).glob(unused):
            path.unlink()
    steady_entry(site_dir / FOLDER / "pagefind-entry.json")
    pages = re.search(r"Indexed (\d+) pages?", done.stdout)
    return int(pages.group(1)) if pages else 0


def steady_entry(entry: Path) -> None:
    """Write Pagefind's list of languages in a fixed order. Pagefind writes it in the order its
    threads finish, so two builds of the same data would otherwise differ in this one file; a
    page finds its language's index by name, so the order means nothing to the search."""
    if not entry.is_file():
        return
    written = json.loads(entry.read_text(encoding="utf-8"))
    written["languages"] = dict(sorted(written.get("languages", {}).items()))
    entry.write_text(json.dumps(written, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def without_theme_search(config: MkDocsConfig) -> None:
    """Turn off the theme's search plugin where a site's `mkdocs.yml` still lists it (as every
    publication made before Pagefind did), so the header has one search and no index of every
    page is written."""
    for name in ("search", "material/search"):
        plugin = config.plugins.get(name)
        if plugin is not None and hasattr(plugin.config, "enabled"):
            plugin.config.enabled = False


def preview(config: MkDocsConfig) -> None:
    """The search in `charterkit serve`'s preview of the default language, as in the build."""
    theme.add_folders(config.theme)
    config.extra.setdefault("alternate", True)  # see `build._language_config`
    config.extra["search"] = texts(True)
    without_theme_search(config)
