"""Page weight as a resident's browser loads it: every request a page makes, compressed.

    python -m bench.weight                      # S and M with MkDocs
    python -m bench.weight S M L --engine both  # every size, built with MkDocs and with Zensical

Each size's synthetic publication (`bench.synth`) is built with `charterkit build` and served on
127.0.0.1 by a server that gzip-compresses each response body (level 6, as static hosts do; a
body that compression would not shrink, such as Pagefind's own compressed index files, is sent as
it is) and records the bytes it sent. Chromium, with an empty cache for each page, loads the
heaviest page of each kind (the kind is the page's section and whether it is the section's own
page or one of its items; the heaviest is the one with the most compressed HTML) and waits until
the network is idle; the page's weight is the sum of the bytes sent for every request it made.
Then a search: the search button is pressed and a word typed, and the bytes of every request
that made are the query's cost (the first query loads Pagefind's script and WebAssembly too; a
second word's query loads only its index chunks and the result fragments).
This is a measuring script, not a test: figures depend on the publication and the theme.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from bench.synth import SIZES
from bench.synth import generate as synthesise

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
TARGET_KB = 65
QUERY_TARGET_KB = 150
QUERIES = ("answered", "complaints")


class Counting(http.server.SimpleHTTPRequestHandler):
    """Serves the site with each body gzip-compressed, and counts the bytes of each response."""

    sent: dict[str, int]

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:  # the body, compressed, with its length
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            return super().send_head()
        raw = Path(path).read_bytes()
        packed = gzip.compress(raw, 6)
        body, encoded = (packed, True) if len(packed) < len(raw) else (raw, False)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        if encoded:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.sent[self.path.split("?")[0]] = len(body)
        import io

        return io.BytesIO(body)


@contextmanager
def serving(site: Path) -> Iterator[tuple[str, dict[str, int]]]:
    sent: dict[str, int] = {}
    handler = type("Handler", (Counting,), {"sent": sent})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", sent
    finally:
        server.shutdown()


def kinds(site: Path) -> dict[str, Path]:
    """The heaviest page of each kind in the default language (compressed HTML)."""
    heaviest: dict[str, tuple[int, Path]] = {}
    skip = {"pagefind", "assets", "cy", "ur", "search"}
    for page in site.rglob("index.html"):
        parts = page.relative_to(site).parts[:-1]
        if parts and (parts[0] in skip or len(parts[0]) == 2):  # other languages' folders
            continue
        kind = "home" if not parts else parts[0] + ("" if len(parts) == 1 else " item")
        size = len(gzip.compress(page.read_bytes(), 6))
        if kind not in heaviest or size > heaviest[kind][0]:
            heaviest[kind] = (size, page)
    return {kind: found[1] for kind, found in sorted(heaviest.items())}


def url_of(site: Path, page: Path) -> str:
    folder = page.parent.relative_to(site).as_posix()
    return "/" if folder == "." else f"/{folder}/"


def load(browser: Any, base: str, sent: dict[str, int], path: str, queries: tuple[str, ...] = ()) -> list[int]:
    """Bytes for the page's load, then for each query typed into its search (a fresh cache)."""
    context = browser.new_context()
    page = context.new_page()
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url.removeprefix(base).split("?")[0]))
    external: list[str] = []
    page.on("request", lambda request: external.append(request.url) if not request.url.startswith(base) else None)
    page.goto(base + path, wait_until="networkidle")
    weights = [sum(sent.get(url, 0) for url in seen)]
    assert not external, f"third-party requests from {path}: {external}"
    for n, query in enumerate(queries):
        seen.clear()
        if n == 0:
            page.click(".ck-search__open")
        page.fill("#ck-search-input", query)
        page.wait_for_function("document.getElementById('ck-search-status').textContent.trim() !== ''")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
        weights.append(sum(sent.get(url, 0) for url in seen))
    context.close()
    return weights


def breakdown(browser: Any, base: str, sent: dict[str, int]) -> list[str]:
    """What the home page's load fetches, request by request: where the weight is."""
    context = browser.new_context()
    page = context.new_page()
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url.removeprefix(base).split("?")[0]))
    page.goto(base + "/", wait_until="networkidle")
    context.close()
    return [f"    {sent.get(url, 0) / 1024:6.1f} KB  {url}" for url in seen]


def build(project: Path, engine: str) -> None:
    from generator.cli import main as charterkit

    cwd = os.getcwd()
    os.chdir(project)
    try:
        code = charterkit(["build", "data", "--engine", engine])
    finally:
        os.chdir(cwd)
    if code != 0:
        raise SystemExit(f"the {engine} build of {project} failed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", default=["S", "M"], choices=list(SIZES))
    parser.add_argument("--engine", choices=["mkdocs", "zensical", "both"], default="mkdocs")
    parser.add_argument("--work", type=Path, default=None, help="folder for the synthetic projects")
    parser.add_argument("--keep", action="store_true", help="reuse a project already built in --work")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    engines = ["mkdocs", "zensical"] if args.engine == "both" else [args.engine]
    work = args.work or Path(tempfile.mkdtemp(prefix="charterkit-weight-"))
    print(f"page weight, {date.today()}: gzip level 6 per response, Chromium, empty cache per page")
    rows: list[str] = []
    worst = 0.0
    worst_query = 0.0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for size in args.sizes:
            for engine in engines:
                project = work / f"{size}-{engine}"
                if not (args.keep and (project / "site" / "index.html").is_file()):
                    print(f"[{size} {engine}] generating and building...", file=sys.stderr, flush=True)
                    shutil.rmtree(project, ignore_errors=True)
                    synthesise(size, project / "data")
                    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
                    build(project, engine)
                site = project / "site"
                with serving(site) as (base, sent):
                    for n, (kind, page) in enumerate(kinds(site).items()):
                        queries = QUERIES if n == 0 else ()
                        weights = load(browser, base, sent, url_of(site, page), queries)
                        kb = weights[0] / 1024
                        worst = max(worst, kb)
                        flag = "" if kb <= TARGET_KB else f"  over {TARGET_KB} KB"
                        rows.append(f"{size:4} {engine:9} {kind:22} {kb:7.1f} KB  {url_of(site, page)}{flag}")
                        print(rows[-1], flush=True)
                        if queries:
                            first, second = weights[1] / 1024, weights[2] / 1024
                            worst_query = max(worst_query, first)
                            rows.append(
                                f"{size:4} {engine:9} {'search query':22} {first:7.1f} KB  first query "
                                f"'{QUERIES[0]}' (then {second:.1f} KB for '{QUERIES[1]}')"
                            )
                            print(rows[-1], flush=True)
                    print(f"[{size} {engine}] requests on the home page's load:", flush=True)
                    for line in breakdown(browser, base, sent):
                        print(line, flush=True)
        browser.close()
    print(f"{'size':4} {'engine':9} {'page kind':22} {'weight':>10}  heaviest page of the kind")
    for row in rows:
        print(row)
    print(
        f"done: heaviest page {worst:.1f} KB (target {TARGET_KB}), first query {worst_query:.1f} KB "
        f"(target {QUERY_TARGET_KB}); projects in {work}"
    )


if __name__ == "__main__":
    main()
