"""Where a build's time goes: one build of a synthetic publication under pyinstrument.

    python -m pip install -e ".[bench]"
    python -m bench.profile M            # S, M or L
    python -m bench.profile M --tree     # also pyinstrument's call tree

Prints, for the generator (load, validate, render) and for MkDocs separately, the time spent in
each library's own code (self time, sampled), largest first, and the functions with the most
time of their own. Sampling slows the build down, so read shares, not seconds. Caches are warm (a build runs
first), as for a council building again after an edit. A measuring script, not a test.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from bench.synth import SIZES
from bench.synth import generate as synthesise

ROOT = Path(__file__).resolve().parent.parent
GROUPS = {  # the part of a file's path that names who wrote the code, and what to call it
    "/generator/": "charterkit",
    "/markdown/": "Python-Markdown",
    "/html/parser.py": "html.parser (standard library)",
    "/_markupbase.py": "html.parser (standard library)",
    "/material/plugins/search/": "Material: search index",
    "/material/": "Material: other",
    "/jinja2/": "Jinja2",
    "/mkdocs/": "MkDocs",
    "/yaml/": "PyYAML and libyaml",
    "/pydantic": "pydantic",
    "/babel/": "Babel",
    "/json/": "json (standard library)",
    "/re/": "re (standard library)",
}


def by_library(frame: Any, totals: Counter[str], functions: Counter[str], caller: str = "other") -> None:
    """Adds each frame's own time to the library its file belongs to, and to its function; built-in
    functions (no file) count for the library that called them."""
    path = str(frame.file_path or "")
    group = caller if path.startswith("<") else next((n for part, n in GROUPS.items() if part in path), "other")
    totals[group] += frame.total_self_time  # includes the sampled time of its `[self]` children
    functions[f"{frame.function} ({frame.file_path_short}:{frame.line_no})"] += frame.total_self_time
    for child in frame.children:
        if not child.is_synthetic:
            by_library(child, totals, functions, group)


def report(title: str, profiler: Any, tree: bool) -> None:
    session = profiler.last_session
    totals: Counter[str] = Counter()
    functions: Counter[str] = Counter()
    by_library(session.root_frame(), totals, functions)
    whole = sum(totals.values()) or 1.0
    print(f"{title}: {session.duration:.2f} s sampled; by library:")
    for group, seconds in totals.most_common():
        if seconds / whole >= 0.01:
            print(f"  {group:32} {seconds:6.2f} s {seconds / whole:6.1%}")
    print("  the functions with most time of their own:")
    for function, seconds in functions.most_common(8):
        print(f"    {seconds / whole:6.1%}  {function}")
    if tree:
        print(profiler.output_text(processor_options={"filter_threshold": 0.02}))


def main() -> None:
    from pyinstrument import Profiler

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("size", choices=list(SIZES))
    parser.add_argument("--tree", action="store_true", help="also print the call tree")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from generator.build import mkdocs_build
    from generator.load import ParseCache
    from generator.render import render
    from generator.render.writer import write
    from generator.validate import validate

    work = Path(tempfile.mkdtemp(prefix="charterkit-profile-"))
    try:
        print(f"[{args.size}] generating data...", file=sys.stderr, flush=True)
        synthesise(args.size, work / "data")
        shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
        cache_dir = work / ".charterkit-cache"

        def generator() -> Any:
            cache = ParseCache(cache_dir / "parsed")
            publication, _ = validate(work / "data", cache)
            cache.save()
            write(render(publication, date(2026, 11, 23), cache_dir), work / "site_src")
            return publication

        print(f"[{args.size}] warming the caches...", file=sys.stderr, flush=True)
        generator()
        print(f"[{args.size}] profiling...", file=sys.stderr, flush=True)
        profiler = Profiler(interval=0.001)
        with profiler:
            publication = generator()
        report("generator (load, validate, render)", profiler, args.tree)
        profiler = Profiler(interval=0.001)
        with profiler:
            mkdocs_build(work / "mkdocs.yml", work / "site", publication)
        report("MkDocs", profiler, args.tree)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
