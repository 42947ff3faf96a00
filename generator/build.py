"""validate → render into the docs folder → MkDocs build into a fresh folder → swap it in.

MkDocs empties its site folder before building, so a failed build would leave a broken site.
Here MkDocs builds into a new folder beside `site/`, which replaces it by renaming only when the
build succeeded; a lock file refuses a second build running at the same time.
"""

from __future__ import annotations

import fcntl
import functools
import gc
import html
import logging
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from generator import engines, parallel, search, theme
from generator.brand import served
from generator.languages import direction, endonym
from generator.load import (  # type: ignore[attr-defined]
    Loader,
    ParseCache,
    decode,
    read_bytes,
    syntax_problem,
    tab_problems,
)
from generator.problems import CharterkitError, Problem
from generator.publication import Publication
from generator.render import languages, render
from generator.render.i18n import Text, gettext, speaking
from generator.render.links import written_for
from generator.render.safety import SafeLinks
from generator.render.words import long_date
from generator.render.writer import write
from generator.settings import check_settings
from generator.today import as_of
from generator.translate import translated
from generator.validate import validate


@dataclass(frozen=True)
class Generated:
    publication: Publication
    problems: list[Problem]
    written: int
    unchanged: int
    removed: int
    seconds: float


if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

CACHE = ".charterkit-cache"  # beside the docs folder: parsed data files, compiled templates


def generate(
    data: Path, docs_dir: Path, strict: bool = False, keep_keys: bool = False, cache: ParseCache | None = None
) -> Generated:
    """Validate and render; raises CharterkitError (and writes nothing) when the data has errors.

    Parsed files are cached beside the docs folder, keyed by their bytes, so a rebuild parses
    only what changed; pages are rendered again only when what they show changed, once a build
    has kept their keys (`keep_keys`, or a build before that kept them). A `cache` given (`serve`
    keeps one) also holds the models validated last time.
    """
    started = time.perf_counter()
    cache_dir = docs_dir.resolve().parent / CACHE
    (cache_dir / "parsed.pickle").unlink(missing_ok=True)  # the single file of earlier releases
    with collected_rarely():
        cache = cache or ParseCache(cache_dir / "parsed")
        publication, problems = validate(data, cache)
        cache.save()
        failing = [p for p in problems if p.severity == "error" or strict]
        if failing:
            raise CharterkitError(f"{len(failing)} problem(s) in {data}; nothing was built", problems)
        output = render(publication, as_of(), cache_dir, docs_dir, keep_keys)
        written, unchanged, removed = write(output, docs_dir)
    return Generated(publication, problems, written, unchanged, removed, time.perf_counter() - started)


@contextmanager
def collected_rarely() -> Iterator[None]:
    """Python's collector of reference cycles walks every object still alive each time it runs
    over its oldest generation. Generating holds a whole publication (400,000 results for a
    national body) that lives to the end and makes few cycles, so the collector runs far less
    often meanwhile: it had taken a third of the time of reading a national publication."""
    before = gc.get_threshold()
    gc.set_threshold(100_000, 20, 1_000)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@contextmanager
def exclusive(lock_path: Path) -> Iterator[None]:
    """Hold the build lock, or refuse at once with a clear message."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise CharterkitError(f"another build is running (it holds {lock_path}); wait for it to finish") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def mkdocs_build(
    config_file: Path, site_dir: Path, publication: Publication, strict: bool = True, engine: str = "mkdocs"
) -> None:
    """Run MkDocs into `site_dir`, which must not be the live site: once per language.

    The default language is built from the docs folder into `site_dir`; every other language
    from its subfolder (`cy/`) into `site_dir/cy/`, with the theme's texts in that language (and
    right-to-left for Urdu and Arabic), as the theme's documentation describes for multilingual
    sites. The language selector in the header links the builds together. MkDocs builds the
    languages side by side, one process each (`generator.parallel`), up to the number of
    processors. With `engine` zensical each language's configuration is handed to Zensical
    instead (see `engines`), one language after another.
    """
    from mkdocs.exceptions import MkDocsException

    codes = languages(publication)
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("mkdocs %(levelname)s: %(message)s"))
    handler.setLevel(logging.WARNING)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)  # strict mode counts warnings through MkDocs' own handler
    raw = engines.read_raw(config_file) if engine == "zensical" else None
    project, cache = config_file.resolve().parent, folders(config_file)[0].resolve().parent / CACHE
    try:
        if raw is None:  # side by side, one process a language, as many at once as processors
            jobs = [
                functools.partial(_build_language, config_file, site_dir, publication, codes, code, strict)
                for code in codes
            ]
            directory_urls = parallel.run(jobs, min(len(codes), parallel.cores()))[0]
            for code in codes[1:]:  # built beside the default language's, which empties its folder
                os.replace(site_dir / f".{code}", site_dir / code)
        else:  # one after another: Zensical uses every processor for one language
            for code in codes:
                with speaking(code):
                    config = _language_config(config_file, site_dir, publication, codes, code, strict)
                    directory_urls = config.use_directory_urls
                    engines.zensical_build(engines.zensical_settings(config, raw, cache), project, code)
    except (MkDocsException, parallel.ChildFailed) as error:
        if isinstance(error, parallel.ChildFailed) and not error.mkdocs:
            raise RuntimeError(f"a language's build failed:\n{error}") from None
        raise CharterkitError(f"MkDocs could not build the site: {error}") from None
    finally:
        logger.removeHandler(handler)
    search.index(site_dir, directory_urls)


def _build_language(
    config_file: Path, site_dir: Path, publication: Publication, codes: list[str], code: str, strict: bool
) -> bool:
    """One language's site, by MkDocs; returns whether its addresses are folders (`page/`).

    A language other than the default is built into a hidden folder (`.cy/`), which MkDocs'
    emptying of the default language's folder passes over, and renamed once all have built."""
    from mkdocs.commands.build import build

    with speaking(code):
        config = _language_config(config_file, site_dir, publication, codes, code, strict, hidden=True)
        build(config)
        return bool(config.use_directory_urls)


def _language_config(
    config_file: Path,
    site_dir: Path,
    publication: Publication,
    codes: list[str],
    code: str,
    strict: bool,
    hidden: bool = False,
) -> MkDocsConfig:
    """MkDocs' configuration for one language's build (called while speaking that language)."""
    from mkdocs.config import load_config

    default = code == codes[0]
    overrides: dict[str, Any] = {"site_dir": str(site_dir), "strict": strict}
    if default and len(codes) > 1:
        overrides["exclude_docs"] = "\n".join(f"/{other}/" for other in codes[1:])
    elif not default:
        docs_dir, _ = folders(config_file)
        overrides.update(docs_dir=str(docs_dir / code), site_dir=str(site_dir / (f".{code}" if hidden else code)))
    site = publication.site if default else translated(publication, code)[0].site
    if site is not None and publication.site is not None:
        overrides["site_name"] = curled(gettext("%(name)s service standards") % {"name": str(site.name)})
        overrides["site_url"] = publication.site.url + ("" if default else f"{code}/")
    config = load_config(str(config_file), **overrides)
    config.markdown_extensions.append(SafeLinks())
    config.theme["language"] = code
    theme.add_folders(config.theme)  # the footer, the language selector, the search, the page
    if site is not None:
        config.extra["charterkit"] = _footer(publication, site.name)
        for field in ("logo", "favicon"):  # the files are copied into every language's site
            if relative := getattr(site.brand, field):
                config.theme[field] = served(relative)
    # The theme's header includes alternate.html, which holds the search too, only when this is
    # set; for one language it is set to no list, so the theme writes no `<link rel="alternate">`
    # (for each of which its script fetches that site's whole sitemap on every page load).
    config.extra["alternate"] = _alternates(codes, code) if len(codes) > 1 else True
    config.extra["search"] = search.texts(default)
    search.without_theme_search(config)
    if not default and config.nav:
        config.nav = [_nav_entry(entry) for entry in config.nav]
    for scheme in config.theme.get("palette") or []:  # the colour scheme toggle's name
        if not default and isinstance(scheme, dict) and isinstance(scheme.get("toggle"), dict):
            toggle = scheme["toggle"]
            toggle["name"] = str(gettext(toggle.get("name", "")))
    return config


def _footer(publication: Publication, name: str) -> dict[str, str]:
    """The footer's texts, escaped for HTML (the theme writes them as they are): who publishes,
    and when a figure was last published, if any result says when it was."""
    published = [r.published for m in publication.measures.values() for r in m.results if r.published]
    updated = gettext("Figures last updated on %(date)s.") % {"date": long_date(max(published))} if published else ""
    return {
        "publisher": html.escape(str(gettext("Published by %(name)s.") % {"name": str(name)})),
        "updated": html.escape(str(updated)),
        "accessibility": html.escape(str(gettext("Accessibility statement"))),
        "contact": html.escape(str(gettext("Contact us"))),
    }


def curled(name: str) -> str:
    """The site's name with its straight double quotes curled: the theme writes the name into an
    attribute without escaping it, where a straight quote would end the attribute."""
    paired = re.sub(r'"([^"]*)"', "\u201c\\1\u201d", name)
    return paired.replace('"', "\u201d")


def _alternates(codes: list[str], current: str) -> list[dict[str, str]]:
    """The theme's language selector: each language's name in that language, and its home."""
    up = "" if current == codes[0] else "../"
    links = {code: up + ("" if code == codes[0] else f"{code}/") for code in codes}
    return [
        {"name": endonym(code), "link": links[code] or "./", "lang": code, "dir": direction(code)} for code in codes
    ]


def _nav_entry(entry: Any) -> Any:
    """A nav title in the page language; one with no translation gives way to the page's own title."""
    if isinstance(entry, dict) and len(entry) == 1:
        ((title, target),) = entry.items()
        shown = gettext(title)
        if isinstance(target, list):
            return {shown: [_nav_entry(e) for e in target]}
        return {shown: target} if not isinstance(shown, Text) else target
    return entry


def build_site(data: Path, config_file: Path, strict: bool = False, engine: str = "mkdocs") -> tuple[Generated, float]:
    """The whole build. The previous site stays in place unless every step succeeds."""
    docs_dir, site_dir = safe_folders(config_file, data)
    check_settings(config_file)
    if engine == "zensical":
        engines.installed()
    with exclusive(site_dir.parent / f".{site_dir.name}.lock"):
        recover(site_dir)
        with written_for(engine):
            generated = generate(data, docs_dir, strict)
        started = time.perf_counter()
        fresh = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
        try:
            mkdocs_build(config_file, fresh, generated.publication, engine=engine)
            swap(fresh, site_dir)
        except BaseException:
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        return generated, time.perf_counter() - started


def folders(config_file: Path) -> tuple[Path, Path]:
    """`docs_dir` and `site_dir` from the MkDocs configuration, before the docs folder exists."""
    docs_dir, site_dir, _ = _folder_keys(config_file)
    return docs_dir, site_dir


def _folder_keys(config_file: Path) -> tuple[Path, Path, dict[str, tuple[int, int]]]:
    """The two folders and where their keys are written. MkDocs' own loader refuses a
    configuration whose docs folder is missing, and the generator is what creates it, so the
    keys are read from the composed YAML (no tags are constructed)."""
    root = _compose(config_file)
    values: dict[str, str] = {}
    marks: dict[str, tuple[int, int]] = {}
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode):
                values[key.value] = value.value
                marks[key.value] = (key.start_mark.line + 1, key.start_mark.column + 1)
    base = config_file.parent
    return base / values.get("docs_dir", "docs"), base / values.get("site_dir", "site"), marks


def _compose(config_file: Path) -> yaml.Node | None:
    """The MkDocs configuration as YAML nodes, or a message saying where it cannot be read."""
    file = str(config_file)
    raw, problems = read_bytes(config_file, file)
    text = None
    if raw is not None:
        text, problems = decode(raw, file, max_bytes=len(raw))
    if text is not None:
        problems = tab_problems(text, file, 0)
    if text is None or problems:
        raise CharterkitError(f"{file} cannot be read as MkDocs' configuration", problems)
    try:
        root = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError as error:
        raise CharterkitError(f"{file} is not valid YAML", [syntax_problem(error, text, file, 0)]) from None
    if not isinstance(root, yaml.MappingNode):
        where = Problem(file, 1, 1, "", "expected MkDocs' settings as 'key: value' lines, such as 'site_name: ...'")
        raise CharterkitError(f"{file} is not an MkDocs configuration", [where])
    return root


def safe_folders(config_file: Path, data: Path) -> tuple[Path, Path]:
    """The docs and site folders, refused when a build could overwrite or delete what it reads:
    either folder being, holding or lying inside the data folder or the other folder, or being or
    holding the project folder. MkDocs empties its site folder and the generator prunes the docs
    folder, so any overlap would lose files."""
    docs_dir, site_dir, marks = _folder_keys(config_file)
    project = config_file.resolve().parent
    data_dir = data.resolve()
    problems = []
    for key, folder, other_key, other in (
        ("docs_dir", docs_dir, "site_dir", site_dir),
        ("site_dir", site_dir, "docs_dir", docs_dir),
    ):
        here = folder.resolve()
        clash = None
        if folder.exists() and not folder.is_dir():
            line, column = marks.get(key, (1, 1))
            message = f"'{folder}' is a file, but {key} must be a folder; move the file away or name another folder"
            problems.append(Problem(str(config_file), line, column, key, message))
            continue
        if _overlap(here, data_dir):
            clash = f"the data folder ({data})"
        elif here == project or project.is_relative_to(here):
            clash = "the project folder that holds mkdocs.yml"
        elif _overlap(here, other.resolve()):
            clash = f"the {other_key} folder ({other})"
        if clash:
            line, column = marks.get(key, (1, 1))
            message = f"'{folder}' is, holds or lies inside {clash}; a build would overwrite it; choose another folder"
            problems.append(Problem(str(config_file), line, column, key, message))
    if problems:
        raise CharterkitError(f"the site and docs folders named in {config_file} cannot be used", problems)
    return docs_dir, site_dir


def _overlap(a: Path, b: Path) -> bool:
    return a == b or a.is_relative_to(b) or b.is_relative_to(a)


def recover(site_dir: Path) -> None:
    """Undo a build killed part-way. A kill between the swap's two renames leaves the last good
    site as `.site.old-*` and no `site/`: put it back before anything else. Only then are folders
    left by killed builds removed; an old site is never removed while it is the only copy."""
    olds = sorted(site_dir.parent.glob(f".{site_dir.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if not site_dir.exists() and olds:
        os.rename(olds.pop(), site_dir)
    for stale in [*olds, *site_dir.parent.glob(f".{site_dir.name}.new-*")]:
        if stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)


def swap(fresh: Path, site_dir: Path) -> None:
    """Put `fresh` where `site_dir` is with renames, so the site is never half there."""
    fresh.chmod(0o755)
    if not site_dir.exists():
        os.rename(fresh, site_dir)
        return
    old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
    os.rename(site_dir, old)
    os.rename(fresh, site_dir)
    shutil.rmtree(old, ignore_errors=True)
