"""The settings of `mkdocs.yml` that the generated pages depend on, checked before a build.

The pages are written for them: ids and classes as `{: #id}` (attr_list), Markdown inside the
HTML that marks a language (md_in_html), results as tables (tables), and links between pages as
folders (`../performance/`, which needs use_directory_urls). Without one, MkDocs builds without a
complaint and every page is wrong, so `build` and `serve` refuse the configuration instead.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.load import Loader  # type: ignore[attr-defined]
from generator.problems import CharterkitError, Problem

REQUIRED_EXTENSIONS = {
    "tables": "the results and data tables would show as lines of | characters",
    "attr_list": "every page would show its {: #...} ids and classes as text",
    "md_in_html": "text marked with its language would show as raw Markdown",
}
_PREFIX = "markdown.extensions."


def check_settings(config_file: Path) -> None:
    """Refuse a configuration missing what the pages need, naming the line and the fix."""
    problems = []
    extensions, directory_urls, mark = _read(config_file, set())
    for name, harm in REQUIRED_EXTENSIONS.items():
        if name not in extensions:
            line, column = mark.get("markdown_extensions", (1, 1))
            message = f"'{name}' is missing: {harm}; add it to markdown_extensions"
            problems.append(Problem(str(config_file), line, column, "markdown_extensions", message))
    if directory_urls is not None and directory_urls[0].lower() in ("false", "no", "off"):
        line, column = directory_urls[1]
        message = (
            f"must be true (it is {directory_urls[0]}): the pages link to each other as folders "
            "(../performance/); remove the line or set it to true"
        )
        problems.append(Problem(str(config_file), line, column, "use_directory_urls", message))
    if problems:
        raise CharterkitError(f"{config_file} lacks settings the pages depend on; nothing was built", problems)


def _read(
    config_file: Path, seen: set[Path]
) -> tuple[set[str], tuple[str, tuple[int, int]] | None, dict[str, tuple[int, int]]]:
    """The extensions named, use_directory_urls as written with its place, and where the keys
    are; a configuration that INHERITs another takes its extensions and its setting too."""
    seen.add(config_file.resolve())
    root = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=Loader)
    extensions: set[str] = set()
    directory_urls: tuple[str, tuple[int, int]] | None = None
    marks: dict[str, tuple[int, int]] = {}
    if not isinstance(root, yaml.MappingNode):
        return extensions, directory_urls, marks
    for key, value in root.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        where = (key.start_mark.line + 1, key.start_mark.column + 1)
        marks[key.value] = where
        if key.value == "markdown_extensions":
            extensions |= _names(value)
        elif key.value == "use_directory_urls" and isinstance(value, yaml.ScalarNode):
            directory_urls = (value.value, where)
        elif key.value == "INHERIT" and isinstance(value, yaml.ScalarNode):
            parent = config_file.parent / value.value
            if parent.is_file() and parent.resolve() not in seen:
                inherited, parent_urls, _ = _read(parent, seen)
                extensions |= inherited
                directory_urls = directory_urls or (parent_urls and (parent_urls[0], where))
    return extensions, directory_urls, marks


def _names(node: yaml.Node) -> set[str]:
    """Extension names from a list (`- toc`, `- toc: {permalink: true}`) or a mapping."""
    keys: list[yaml.Node] = []
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            keys += [item] if isinstance(item, yaml.ScalarNode) else []
            keys += [k for k, _ in item.value] if isinstance(item, yaml.MappingNode) else []
    elif isinstance(node, yaml.MappingNode):
        keys = [k for k, _ in node.value]
    return {k.value.removeprefix(_PREFIX) for k in keys if isinstance(k, yaml.ScalarNode)}
