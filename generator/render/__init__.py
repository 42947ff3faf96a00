"""Render a validated publication into Markdown, SVG and data files for MkDocs.

Jinja is configured here and only here. Templates come from the publication's own `templates/`
folder first, then from charterkit's, so a council can override one page kind without copying
the rest.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from generator.publication import Publication
from generator.render import i18n, links, pages, tables, words
from generator.render.charts import line_chart
from generator.render.datafiles import add_data_files
from generator.render.pages import page_contexts
from generator.render.text import attribute, element, markdown, paragraphs, text
from generator.render.writer import Output
from generator.standing import target_for

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
ASSETS = Path(__file__).resolve().parent.parent / "assets"


def environment(publication_templates: Path | None = None) -> Environment:
    folders = [str(p) for p in (publication_templates, TEMPLATES) if p is not None and p.is_dir()]
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(folder) for folder in folders]),
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
        h=attribute,
        html=element,
        period=words.period_label,
        safe_markdown=markdown,
        figure=words.figure,
        long_date=words.long_date,
        status=words.status_text,
        number=words.number,
        slugify=words.slug,
    )
    env.globals.update(
        tables=tables,
        href=links.href,
        md=links.md,
        links=links,
        chart=line_chart,
        words=words,
        pages=pages,
        target_for=target_for,
    )
    return env


def render(publication: Publication, as_of: date) -> Output:
    """Every generated file, in memory; nothing is written until all have rendered."""
    env = environment(publication.root / "templates")
    output = Output()
    units = pages.unit_names(publication)
    for path, template, context in page_contexts(publication, as_of):
        page: dict[str, Any] = {
            "source": path,
            "pub": publication,
            "site": publication.site,
            "as_of": as_of,
            "units": units,
        }
        page.update(context)
        output.add(path, env.get_template(template).render(page), owner=context.get("owner", path))
    add_data_files(publication, output, env, as_of)
    for asset in ("charterkit.css", "charterkit.js"):
        output.add(f"assets/{asset}", (ASSETS / asset).read_bytes(), owner="charterkit")
    return output
