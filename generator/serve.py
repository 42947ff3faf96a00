"""`charterkit serve`: MkDocs' live-reloading server, fed by a watcher that regenerates pages.

When a data file or template changes, the pages are generated again; the writer rewrites only
files whose bytes changed, MkDocs notices those and the browser reloads. If the data has errors
they are printed and the last good pages stay served.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from generator.build import generate
from generator.problems import CharterkitError

POLL_SECONDS = 0.1


def snapshot(folders: list[Path]) -> dict[str, int]:
    found = {}
    for folder in folders:
        if folder.is_dir():
            for path in folder.rglob("*"):
                if path.is_file():
                    found[str(path)] = path.stat().st_mtime_ns
    return found


def regenerate(data: Path, docs_dir: Path) -> bool:
    try:
        done = generate(data, docs_dir)
    except CharterkitError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"charterkit: {error}; still serving the last good pages", file=sys.stderr, flush=True)
        return False
    print(f"regenerated: {done.written} file(s) changed, {done.removed} removed", file=sys.stderr, flush=True)
    return True


def watch(data: Path, docs_dir: Path, folders: list[Path], stop: threading.Event) -> None:
    seen = snapshot(folders)
    while not stop.wait(POLL_SECONDS):
        now = snapshot(folders)
        if now != seen:
            seen = now
            regenerate(data, docs_dir)


def serve(data: Path, config_file: Path, port: int) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve

    from generator.build import folders
    from generator.render import TEMPLATES, languages

    docs_dir, _ = folders(config_file)
    done = generate(data, docs_dir)  # the first time, errors stop here with exit code 1
    print(f"generated {done.written + done.unchanged} files; serving on http://127.0.0.1:{port}/", flush=True)
    stop = threading.Event()
    watcher = threading.Thread(
        target=watch, args=(data, docs_dir, [data, TEMPLATES], stop), name="charterkit-watch", daemon=True
    )
    watcher.start()
    others = languages(done.publication)[1:]
    if others:  # the default language is served live; `charterkit build` builds the others too
        print(f"serving {languages(done.publication)[0]} only; other languages: charterkit build", flush=True)
    try:
        mkdocs_serve(
            str(config_file),
            livereload=True,
            dev_addr=f"127.0.0.1:{port}",
            exclude_docs="\n".join(f"/{code}/" for code in others) or None,
        )
    finally:
        stop.set()
    return 0
