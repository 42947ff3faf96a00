"""Render a validated publication into Markdown, SVG and data files for MkDocs.

Jinja is configured here and only here. Templates come from the publication's own `templates/`
folder first, then from charterkit's, so a council can override one page kind without copying
the rest.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from datetime import date
from io import IOBase
from pathlib import Path, PurePath
from types import ModuleType, SimpleNamespace
from typing import Any

import jinja2
from jinja2 import ChoiceLoader, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from generator import brand
from generator.custom_templates import template_failure
from generator.publication import Publication
from generator.render import cards, i18n, keys, links, organisations, pages, sentences, tables, words
from generator.render.charts import chart_figure, sparkline
from generator.render.datafiles import add_data_files
from generator.render.pages import page_contexts
from generator.render.text import address, attribute, element, linked, markdown, paragraphs, text
from generator.render.writer import Output
from generator.standing import target_for

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
ASSETS = Path(__file__).resolve().parent.parent / "assets"


@functools.lru_cache(maxsize=8)
def environment(
    publication_templates: Path | None = None, cache: Path | None = None, overrides: tuple[str, ...] = ()
) -> Environment:
    """One Jinja environment per templates folder for the life of the process.

    Jinja reloads a template whose file has changed, so `charterkit serve` keeps this one; but it
    would not notice a publication's template added or removed beside charterkit's own, so
    `overrides` (the names in the publication's folder) is part of what picks the environment.
    With a `cache` folder, compiled templates are kept there between runs (Jinja's bytecode cache,
    checked against each template's source), which saves compiling every template on every build.
    """
    # A publication's own templates are code from its data folder: when it has any, every page is
    # rendered in the sandbox, since charterkit's templates may include one of them.
    folders = [str(p) for p in (publication_templates if overrides else None, TEMPLATES) if p is not None]
    kind = Sandbox if overrides else Environment
    env = kind(
        loader=ChoiceLoader([FileSystemLoader(folder) for folder in folders]),
        bytecode_cache=_compiled_templates(cache) if cache else None,
        autoescape=False,  # the output is Markdown; data goes through the `text` filters instead
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        finalize=i18n.finalize,  # a fixed text shown untranslated is marked as English
    )
    env.policies["ext.i18n.trimmed"] = True  # `{% trans %}` blocks keep one line per message
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(
        text=text,
        paragraphs=paragraphs,
        linked=_on_page(linked),
        linked_paragraphs=_on_page(paragraphs),
        h=attribute,
        address=address,
        html=element,
        period=words.period_label,
        and_list=words.and_list,
        language=words.language,
        safe_markdown=markdown,
        figure=words.figure,
        long_date=words.long_date,
        status=words.status_text,
        number=words.number,
        slugify=words.slug,
    )
    env.globals.update(
        tables=functions_of(tables),
        cards=functions_of(cards),
        href=links.href,
        md=links.md,
        links=functions_of(links),
        chart=chart_figure,
        sparkline=sparkline,
        words=functions_of(words),
        sentences=functions_of(sentences),
        pages=functions_of(pages),
        organisations=functions_of(organisations),
        target_for=target_for,
        sample_translation=i18n.sample_translation,
    )
    return env


# What no template may reach, even through the data it is given: files, modules and streams.
_UNREACHABLE = (PurePath, ModuleType, IOBase)


class Sandbox(SandboxedEnvironment):
    """Jinja's sandbox (no private attributes, no unsafe calls, bounded ranges), and nothing that
    reaches a file or a module either: a page's data includes the folder it came from."""

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, _UNREACHABLE) or isinstance(value, _UNREACHABLE):
            return False
        return bool(super().is_safe_attribute(obj, attr, value))

    def is_safe_callable(self, obj: Any) -> bool:
        owner = getattr(obj, "__self__", None)
        return not isinstance(owner, _UNREACHABLE) and bool(super().is_safe_callable(obj))


def functions_of(module: ModuleType) -> SimpleNamespace:
    """A module's public functions, classes and constants as templates see them: never the
    module itself, whose imports (`Path`, `os`) would be reachable as attributes."""
    return SimpleNamespace(
        **{
            name: value
            for name, value in vars(module).items()
            if not name.startswith("_")
            and not isinstance(value, ModuleType)
            and (not callable(value) or getattr(value, "__module__", "").startswith("generator."))
        }
    )


def _on_page(function: Callable[[object, str], str]) -> Callable[..., str]:
    """A filter that needs the page it is used on (to write links relative to it)."""

    @jinja2.pass_context
    def on_page(context: jinja2.runtime.Context, value: object) -> str:
        return function(value, context["source"])

    return on_page


def _compiled_templates(cache: Path) -> FileSystemBytecodeCache:
    """A bytecode cache in a folder named for this Jinja and this configuration of it, since the
    cache checks each template's source but not the environment's options."""
    fingerprint = hashlib.sha256(jinja2.__version__.encode() + Path(__file__).read_bytes()).hexdigest()[:12]
    folder = cache / f"templates-{fingerprint}"
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))


class Prefixed:
    """Adds files under a language's folder (`cy/...`), so each language is a whole site."""

    def __init__(self, output: Output, prefix: str) -> None:
        self.output = output
        self.prefix = prefix

    def add(self, path: str, content: str | bytes, owner: str, unchanged: bool = False) -> None:
        self.output.add(self.prefix + path, content, owner=owner, unchanged=unchanged)


def languages(publication: Publication) -> list[str]:
    """The site's languages, default first; the others are built under `/<code>/`."""
    site = publication.site
    return [site.language, *site.languages] if site else [i18n.SOURCE]


def render(
    publication: Publication, as_of: date, cache: Path | None = None, docs: Path | None = None, keep: bool = False
) -> Output:
    """Every generated file, in memory; nothing is written until all have rendered.

    `cache` is a folder where compiled templates may be kept between runs, and each page's key
    (`keys`); with `docs` too, the docs folder of the last build, a page whose key has not
    changed is taken from there instead of being rendered again. Keys are worked out when the
    last build kept them, or when asked to `keep` them (`serve`, which builds again on every
    change): a build from nothing, as in continuous integration, would gain nothing by them."""
    from generator.translate import translated

    folder = publication.root / "templates"
    overrides = tuple(sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()))
    env = environment(folder, cache, overrides)
    output = Output()
    codes = languages(publication)
    for code in codes:
        shown = publication if code == codes[0] else translated(publication, code)[0]
        target = output if code == codes[0] else Prefixed(output, f"{code}/")
        sample = any(t.sample for (lang, _), (t, _) in publication.translations.items() if lang == code)
        kept = cache / f"pages-{code}.pickle" if cache is not None else None
        # a publication's own templates are code keys do not trace; keys are kept when asked or kept before
        traced = kept is not None and docs is not None and not overrides and (keep or kept.is_file())
        store = keys.Store(
            kept if traced else None,
            (docs if code == codes[0] else docs / code) if docs is not None and traced else None,
        )
        build = keys.build_key(code, sample, as_of, links.engine()) if traced else None
        with i18n.speaking(code, sample and code != codes[0]):
            try:
                _render_pages(shown, env, target, as_of, store, build)  # type: ignore[arg-type]
            except (jinja2.TemplateError, UnicodeDecodeError, RecursionError, OverflowError) as error:
                if not overrides:
                    raise  # charterkit's own templates: a bug to see in full
                raise template_failure(error, folder) from None
    if publication.site is not None and publication.site.editor is not None:
        from generator.editor import files as editor_files

        for path, content in editor_files(publication).items():  # the default language's site only
            output.add(path, content, owner="charterkit")
    return output


def _render_pages(
    publication: Publication, env: Environment, output: Output, as_of: date, store: keys.Store, build: str | None
) -> None:
    """Every page and data file of one language; a page whose key and readings are unchanged
    since the last build is taken from it (`keys`)."""
    units = pages.unit_names(publication)
    hashes = keys.Hashes(publication)
    keep = keys.Kept(store, hashes, hashes.value((build, publication.site, units, as_of)) if build else None)
    for path, template, context in page_contexts(publication, as_of):
        owner = context.get("owner", path)
        if (reused := keep.take(path, (template, context))) is not None:
            output.add(path, reused, owner=owner, unchanged=True)
            continue
        reading = keys.Reading(publication)
        page: dict[str, Any] = {"source": path, "pub": reading, "site": publication.site, "as_of": as_of}
        page["units"] = units
        page.update(context)
        made = env.get_template(template).render(page).encode("utf-8")
        output.add(path, made, owner=owner)
        keep.made(path, made, reading.names())
    add_data_files(publication, output, env, as_of, keep)
    keep.save()
    site = publication.site
    colour = site.brand.colour if site else None
    style = (ASSETS / "charterkit.css").read_bytes() + (brand.css(colour).encode() if colour else b"")
    output.add("assets/charterkit.css", style, owner="charterkit")
    for asset in ("charterkit.js", "search.css"):
        output.add(f"assets/{asset}", (ASSETS / asset).read_bytes(), owner="charterkit")
    for relative in sorted({f for f in (site.brand.logo, site.brand.favicon) if f}) if site else ():
        if relative:
            output.add(brand.served(relative), (publication.root / relative).read_bytes(), owner="site")
