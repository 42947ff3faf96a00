"""`charterkit serve`: a live preview that shows a data change within two seconds for a council.

Two watchers run. One polls the data and template folders and regenerates the pages; the writer
rewrites only files whose bytes changed. The other is MkDocs' live-reload server, which watches
the docs folder and the configuration, rebuilds the site and reloads the browser. If the data has
errors they are printed and the last good pages stay served.

A rebuild is partial (MkDocs' "dirty" build: only pages whose Markdown is newer than their HTML)
when the docs folder holds the same files as at the last build and the configuration has not
changed. That is safe for this site's shape: the navigation lists only section pages, so a page's
HTML depends on another page only through its own Markdown, which the generator rewrites too. A
whole build also writes the search index (Pagefind's, as `charterkit build` does); a partial build
keeps the last one, so a changed page's new words are found after the next whole build. Any
page added or removed, or a changed configuration, brings a full rebuild. `charterkit build`
always builds whole.
"""

from __future__ import annotations

import logging
import shutil
import socket
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from generator import engines, search
from generator.build import CACHE, generate, safe_folders
from generator.load import ParseCache
from generator.problems import CharterkitError
from generator.render.links import written_for
from generator.settings import check_settings

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

POLL_SECONDS = 0.1


def snapshot(folders: list[Path]) -> dict[str, int]:
    found = {}
    for folder in folders:
        if folder.is_dir():
            for path in folder.rglob("*"):
                try:
                    if path.is_file():
                        found[str(path)] = path.stat().st_mtime_ns
                except OSError:  # removed while the folder was read (an editor's temporary file)
                    continue
    return found


def unexpected(error: Exception, doing: str, debug: bool) -> None:
    """An error that is not a mistake in the data, said in one line (the traceback too with
    `--debug`). The preview goes on: the next change is picked up as usual."""
    if debug:
        traceback.print_exception(error, file=sys.stderr)
    lines = str(error).strip().splitlines()
    detail = f"{type(error).__name__}: {lines[0]}" if lines else type(error).__name__
    hint = "" if debug else " (charterkit serve --debug shows where it happened)"
    print(
        f"charterkit: could not {doing}: {detail}; still serving the last good pages{hint}",
        file=sys.stderr,
        flush=True,
    )


def regenerate(data: Path, docs_dir: Path, debug: bool = False, cache: ParseCache | None = None) -> bool:
    try:
        done = generate(data, docs_dir, keep_keys=True, cache=cache)
    except CharterkitError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"charterkit: {error}; still serving the last good pages", file=sys.stderr, flush=True)
        return False
    except Exception as error:  # anything else would end the watcher and silently freeze the preview
        unexpected(error, "regenerate the pages", debug)
        return False
    print(f"regenerated: {done.written} file(s) changed, {done.removed} removed", file=sys.stderr, flush=True)
    return True


def watch(
    data: Path, docs_dir: Path, folders: list[Path], stop: threading.Event, cache: ParseCache, debug: bool = False
) -> None:
    """Regenerate on every change until stopped; no error ends the loop. The parse cache lives as
    long as the preview, with the models validated at each regeneration."""
    seen = snapshot(folders)
    while not stop.wait(POLL_SECONDS):
        try:
            now = snapshot(folders)
            if now != seen:
                seen = now
                regenerate(data, docs_dir, debug, cache)
        except Exception as error:
            unexpected(error, "watch the data for changes", debug)


class Preview:
    """Builds the preview into a temporary folder: whole the first time, then only what changed."""

    def __init__(self, config_file: Path, docs_dir: Path, exclude: list[str], port: int, debug: bool = False) -> None:
        self.debug = debug
        self.config_file = config_file
        self.docs_dir = docs_dir
        self.exclude = "\n".join(exclude) or None
        self.site_dir = tempfile.mkdtemp(prefix="charterkit-preview-")
        self.port = port
        self.last: tuple[frozenset[str], int] | None = None
        self.mount_path = urlsplit(self.config().site_url or "/").path or "/"
        self.url = f"http://127.0.0.1:{port}{self.mount_path}"

    def config(self) -> MkDocsConfig:
        from mkdocs.config import load_config

        config = load_config(
            str(self.config_file),
            site_dir=self.site_dir,
            strict=False,  # MkDocs warns about every partial build, which strict mode would stop
            exclude_docs=self.exclude,
            dev_addr=f"127.0.0.1:{self.port}",
        )
        search.preview(config)
        return config

    def shape(self) -> tuple[frozenset[str], int]:
        """What a partial rebuild needs unchanged: the set of pages and the configuration."""
        files = frozenset(str(p.relative_to(self.docs_dir)) for p in self.docs_dir.rglob("*") if p.is_file())
        return files, self.config_file.stat().st_mtime_ns

    def build(self) -> None:
        from mkdocs.commands.build import build
        from mkdocs.exceptions import MkDocsException

        started = time.perf_counter()
        shape = self.shape()
        partial = shape == self.last
        config = self.config()
        config.site_url = self.url
        try:
            build(config, serve_url=self.url, dirty=partial)
        except MkDocsException as error:  # includes MkDocs' own Abort, which is a SystemExit
            print(f"charterkit: MkDocs could not build the preview: {error}", file=sys.stderr, flush=True)
            return
        except Exception as error:  # MkDocs' server would print a traceback and look stuck
            unexpected(error, "build the preview", self.debug)
            return
        if not partial:  # a changed page's old words stay findable until the next whole build
            try:
                search.index(Path(self.site_dir), config.use_directory_urls)
            except CharterkitError as error:
                print(f"charterkit: {error}; the preview has no search", file=sys.stderr, flush=True)
        self.last = shape
        took = time.perf_counter() - started
        print(f"built the preview ({'changed pages' if partial else 'whole'}) in {took:.2f} s", flush=True)


class ZensicalPreview(Preview):
    """The preview built with Zensical (`serve --engine zensical`): whole at every change, with
    the same settings `charterkit build --engine zensical` hands it. Zensical builds only inside
    the project's folder, so the preview is built in a hidden folder there, removed at the end."""

    def __init__(self, config_file: Path, docs_dir: Path, exclude: list[str], port: int, debug: bool = False) -> None:
        super().__init__(config_file, docs_dir, exclude, port, debug)
        shutil.rmtree(self.site_dir, ignore_errors=True)
        self.site_dir = tempfile.mkdtemp(prefix=".charterkit-preview-", dir=config_file.resolve().parent)

    def build(self) -> None:
        from generator.build import CACHE

        started = time.perf_counter()
        cache = self.docs_dir.resolve().parent / CACHE
        try:
            config = self.config()
            config.site_url = self.url
            settings = engines.zensical_settings(config, engines.read_raw(self.config_file), cache)
            engines.zensical_build(settings, self.config_file.resolve().parent, "preview")
            search.index(Path(self.site_dir), config.use_directory_urls)
        except CharterkitError as error:
            print(f"charterkit: {error}; still serving the last good pages", file=sys.stderr, flush=True)
            return
        except Exception as error:
            unexpected(error, "build the preview", self.debug)
            return
        print(f"built the preview with Zensical in {time.perf_counter() - started:.2f} s", flush=True)


class _Quiet(logging.Filter):
    """MkDocs warns on every partial build that links may be stale, which the docstring answers."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build")


def _show_mkdocs_warnings() -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("mkdocs %(levelname)s: %(message)s"))
    handler.setLevel(logging.WARNING)
    handler.addFilter(_Quiet())
    logging.getLogger("mkdocs").addHandler(handler)


def _check_port(port: int) -> None:
    """Refuse at once, before building, when another program holds the port."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server itself binds
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as error:
            raise CharterkitError(
                f"cannot serve on 127.0.0.1:{port} ({error.strerror}); choose another port with --port"
            ) from None


def serve(data: Path, config_file: Path, port: int, debug: bool = False, engine: str = "mkdocs") -> int:
    """Build, serve and regenerate on every change, with pages' raw HTML links written for `engine`."""
    with written_for(engine):
        return _serve(data, config_file, port, debug, engine)


def _serve(data: Path, config_file: Path, port: int, debug: bool, engine: str) -> int:
    from mkdocs.livereload import LiveReloadServer

    from generator.render import TEMPLATES, languages

    _check_port(port)
    docs_dir, _ = safe_folders(config_file, data)
    check_settings(config_file)
    if engine == "zensical":
        engines.installed()
    cache = ParseCache(docs_dir.resolve().parent / CACHE / "parsed")
    done = generate(data, docs_dir, keep_keys=True, cache=cache)  # the first time, errors stop here with exit code 1
    _show_mkdocs_warnings()
    codes = languages(done.publication)
    preview = (ZensicalPreview if engine == "zensical" else Preview)(
        config_file, docs_dir, [f"/{code}/" for code in codes[1:]], port, debug
    )
    server = LiveReloadServer(
        builder=preview.build,
        host="127.0.0.1",
        port=port,
        root=preview.site_dir,
        mount_path=preview.mount_path,
        polling_interval=0.2,
    )
    stop = threading.Event()
    watcher = threading.Thread(
        target=watch, args=(data, docs_dir, [data, TEMPLATES], stop, cache, debug), name="charterkit-watch", daemon=True
    )
    config = preview.config()
    plugins = config.plugins  # plugins are kept across rebuilds, as MkDocs' own server does
    plugins.on_startup(command="serve", dirty=False)
    try:
        preview.build()
        server.watch(str(docs_dir))
        server.watch(str(config_file))
        server = plugins.on_serve(server, config=config, builder=preview.build)
        watcher.start()
        print(f"generated {done.written + done.unchanged} files; serving on {preview.url}", flush=True)
        if codes[1:]:  # the default language is served live; `charterkit build` builds the others too
            print(f"serving {codes[0]} only; other languages: charterkit build", flush=True)
        try:
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            print("stopped", flush=True)
        finally:
            server.shutdown()
    finally:
        stop.set()
        plugins.on_shutdown()
        shutil.rmtree(preview.site_dir, ignore_errors=True)
    return 0
