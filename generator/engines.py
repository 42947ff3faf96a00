"""The engines that turn the docs folder into HTML: MkDocs (the default) and Zensical.

Zensical, Material for MkDocs' successor by the same team, reads `mkdocs.yml` but silently
ignores MkDocs' hooks and third-party plugins, and charterkit changes MkDocs' configuration in
Python before each language's build. So for Zensical charterkit works out the same settings (one
MkDocs configuration per language, from `build._language_config`), writes each as a plain YAML
file of its own and runs `zensical build` on it: every language into its folder, with the
language selector, the footer, charterkit's theme partials (the search among them), its link
allowlist and no theme search. Pagefind's index is then written by charterkit's own step, as
for MkDocs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from generator.problems import CharterkitError
from generator.theme import one_folder

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

ENGINES = ("mkdocs", "zensical")

# Settings that charterkit works out for each language; the rest of `mkdocs.yml` is passed on.
WORKED_OUT = ("docs_dir", "site_dir", "site_name", "site_url", "exclude_docs", "nav", "extra", "strict")


def installed() -> None:
    """Refuse plainly when Zensical, an optional extra, is not installed."""
    try:
        import zensical  # noqa: F401
    except ImportError:
        raise CharterkitError(
            "Zensical is not installed; install it with: pip install 'charterkit[zensical]'"
        ) from None


def zensical_settings(config: MkDocsConfig, raw: dict[str, Any], cache: Path) -> dict[str, Any]:
    """Zensical's settings for one language: `mkdocs.yml` as written, with what charterkit works
    out for the language (`config`, MkDocs' loaded configuration) put in."""
    settings = {key: value for key, value in raw.items() if key not in WORKED_OUT}
    project = Path(config.config_file_path).resolve().parent
    settings.update(  # Zensical wants folders inside the project, named from it
        docs_dir=os.path.relpath(Path(config.docs_dir).resolve(), project),
        site_dir=os.path.relpath(Path(config.site_dir).resolve(), project),
        site_name=config.site_name,
        site_url=config.site_url,
        use_directory_urls=config.use_directory_urls,
        strict=config.strict,
        extra=_plain(dict(config.extra)),
        plugins={"search": {"enabled": False}},  # Pagefind's search replaces the theme's
    )
    if config.exclude_docs is not None:
        settings["exclude_docs"] = "\n".join(
            str(line) for line in getattr(config.exclude_docs, "patterns", [config.exclude_docs])
        )
    if config.nav:
        settings["nav"] = _plain(config.nav)
    theme = dict(raw.get("theme") or {}) if isinstance(raw.get("theme"), dict) else {"name": "material"}
    theme["language"] = config.theme["language"]
    theme.setdefault("variant", "classic")  # Material's look, which charterkit's stylesheet is made for
    if config.theme.get("palette"):
        theme["palette"] = _plain(config.theme["palette"])
    for field in ("logo", "favicon"):  # the publisher's own, from site.yml's brand
        if config.theme.get(field):
            theme[field] = str(config.theme[field])
    theme["custom_dir"] = str(one_folder(theme.get("custom_dir"), cache))
    settings["theme"] = theme
    extensions = list(raw.get("markdown_extensions") or [])
    settings["markdown_extensions"] = [*extensions, "generator.render.safety"]
    return settings


def _plain(value: Any) -> Any:
    """A configuration value as plain YAML data: charterkit's texts are str subclasses."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def read_raw(config_file: Path) -> dict[str, Any]:
    """`mkdocs.yml` as plain data; a tag Zensical could not read is refused with where it is."""
    try:
        raw = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise CharterkitError(
            f"{config_file} cannot be passed to Zensical: {error}; "
            "remove Python tags (!!python/...) or build with --engine mkdocs"
        ) from None
    return raw if isinstance(raw, dict) else {}


def zensical_build(settings: dict[str, Any], project: Path, code: str) -> None:
    """Build one language with Zensical from its settings. Zensical builds only inside the folder
    that holds its configuration, so the settings are written there for the build, hidden, and
    removed after it."""
    settings_file = project / f".zensical-{code}.yml"
    settings_file.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    command = [sys.executable, "-m", "zensical", "build", "--clean", "--config-file", str(settings_file)]
    if settings.get("strict"):
        command.append("--strict")
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=project)
    finally:
        settings_file.unlink(missing_ok=True)
    said = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    if done.returncode != 0 or not Path(project, settings["site_dir"], "index.html").is_file():
        detail = "; ".join(said[-5:]) or f"exit code {done.returncode}"
        raise CharterkitError(f"Zensical could not build the site ({code}): {detail}")
    Path(project, settings["site_dir"], "search.json").unlink(missing_ok=True)  # its search's, left empty
