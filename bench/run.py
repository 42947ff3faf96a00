"""Benchmark: how long each phase of a build takes for publications of four sizes.

    python -m bench.run                          # S and M, 3 runs each
    python -m bench.run S M L --runs 3           # add the national-scale publication (slow)
    python -m bench.run S M --engine zensical    # built with Zensical instead of MkDocs

Prints, per size, for cold builds (no caches) and warm ones (the caches of the build before):
pages, data points, load+validate, render, MkDocs and total seconds (median of the runs, min-max
in brackets), peak memory of a whole build, the generator's share of the total and milliseconds
per page; then a one-value change (files rewritten, time to regenerate, and for S and M the time until
`charterkit serve` shows it) and the weight of each page kind. This is a measuring script, not a
test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

from bench.synth import SIZES
from bench.synth import generate as synthesise

ROOT = Path(__file__).resolve().parent.parent


def phases(project: Path, cold: bool, engine: str = "mkdocs") -> dict[str, float]:
    """One build in a child process (a fresh interpreter, as `charterkit build` is), timed phase by
    phase. Cold: no pages, site or caches from an earlier build. Warm: the parse cache and compiled
    templates of the build before are there, as when a council builds again after an edit."""
    shutil.rmtree(project / "site_src", ignore_errors=True)
    shutil.rmtree(project / "site", ignore_errors=True)
    if cold:
        shutil.rmtree(project / ".charterkit-cache", ignore_errors=True)
    code = f"""
import json, resource, time, sys
from pathlib import Path
sys.path.insert(0, {str(ROOT)!r})
from generator.load import ParseCache
from generator.validate import validate
from generator.render import render
from generator.render.writer import write
from generator.build import collected_rarely, mkdocs_build, swap
from generator.render.links import written_for
from datetime import date
written_for({engine!r}).__enter__()  # raw HTML links written for the engine that builds
rarely = collected_rarely()  # as `charterkit build` generates
rarely.__enter__()
t0 = time.perf_counter()
cache = ParseCache(Path('.charterkit-cache/parsed'))
pub, problems = validate(Path('data'), cache)
cache.save()
assert not [p for p in problems if p.severity == 'error'], problems[:3]
t1 = time.perf_counter()
out = render(pub, date(2026, 11, 23), Path('.charterkit-cache'))
write(out, Path('site_src'))
rarely.__exit__(None, None, None)
t2 = time.perf_counter()
mkdocs_build(Path('mkdocs.yml'), Path('site.new'), pub, engine={engine!r})
swap(Path('site.new'), Path('site'))
t3 = time.perf_counter()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"load": t1 - t0, "render": t2 - t1, "mkdocs": t3 - t2, "rss": rss, "files": len(out.files)}}))
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, check=True)
    import json

    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def count(project: Path) -> tuple[int, int]:
    pages = sum(1 for _ in (project / "site").rglob("index.html"))
    points = sum(
        len(re.findall(r"^  - period:", p.read_text(), re.M)) for p in (project / "data" / "measures").glob("*.yml")
    )
    return pages, points


def fmt(values: list[float], unit: str = "") -> str:
    return f"{statistics.median(values):.2f}{unit} ({min(values):.2f}-{max(values):.2f})"


def summary(runs: list[dict[str, float]], pages: int) -> str:
    """Phase times (median and range), peak memory, the generator's share and time per page."""
    load = [r["load"] for r in runs]
    render = [r["render"] for r in runs]
    mkdocs = [r["mkdocs"] for r in runs]
    total = [a + b + c for a, b, c in zip(load, render, mkdocs, strict=True)]
    share = statistics.median([(a + b) / t for a, b, t in zip(load, render, total, strict=True)])
    return (
        f"{fmt(load):>18} {fmt(render):>18} {fmt(mkdocs):>20} {fmt(total):>20} "
        f"{max(r['rss'] for r in runs):>8.0f} {share:>8.1%} {1000 * statistics.median(total) / pages:>7.1f}"
    )


def incremental(project: Path, engine: str = "mkdocs") -> str:
    """Change one result value and regenerate: files rewritten, and time taken (warm: the parse
    cache, the pages and their keys of the build before)."""
    from generator.build import generate
    from generator.render.links import written_for

    with written_for(engine):
        generate(project / "data", project / "site_src", keep_keys=True)  # as `serve` does
    measure = sorted((project / "data" / "measures").glob("*.yml"))[0]
    before = {p: p.stat().st_mtime_ns for p in (project / "site_src").rglob("*") if p.is_file()}
    text = measure.read_text()
    match = re.compile(r"    value: ([0-9.]+)\n").search(text, text.index("\nresults:"))  # a result, not a target
    assert match
    changed = f"    value: {float(match[1]) + 0.1:.1f}\n"
    measure.write_text(text[: match.start()] + changed + text[match.end() :])
    started = time.perf_counter()
    with written_for(engine):
        done = generate(project / "data", project / "site_src")
    took = time.perf_counter() - started
    after = {p: p.stat().st_mtime_ns for p in (project / "site_src").rglob("*") if p.is_file()}
    rewritten = sorted(str(p.relative_to(project / "site_src")) for p in after if before.get(p) != after[p])
    return f"{done.written} of {len(after)} files rewritten in {took:.2f} s: {', '.join(rewritten)}"


def serve_latency(project: Path, engine: str = "mkdocs") -> float:
    """Seconds from saving a changed result until `charterkit serve` returns the changed page."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "data", "--port", str(port), "--engine", engine],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
    )
    measure = sorted((project / "data" / "measures").glob("*.yml"))[0]
    text = measure.read_text()
    url = f"http://127.0.0.1:{port}/performance/{measure.stem}/"

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return str(response.read().decode())
        except OSError:
            return ""

    try:
        deadline = time.monotonic() + 120
        while "<h1" not in page() and time.monotonic() < deadline:
            time.sleep(0.2)
        # The latest result, one case fewer; the sentence under the chart gives it.
        last = list(re.finditer(r"    value: [0-9.]+\n    numerator: (\d+)\n    denominator: (\d+)\n", text))[-1]
        numerator, denominator = int(last[1]) - 1, int(last[2])
        value = round(100 * numerator / denominator, 1)
        changed = f"    value: {value}\n    numerator: {numerator}\n    denominator: {denominator}\n"
        marker = f" was {value:g}%."  # "The result for December 2026 was 99.9%."
        started = time.monotonic()
        measure.write_text(text[: last.start()] + changed + text[last.end() :])
        while marker not in page() and time.monotonic() < deadline:
            time.sleep(0.05)
        return time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
        measure.write_text(text)


def page_weight(project: Path) -> list[str]:
    """Compressed bytes a first visit to each page kind transfers: the HTML and every local asset."""
    site = project / "site"
    kinds: dict[str, str | Path] = {
        "home": "index.html",
        "charter": next(site.glob("standards/*/index.html")),
        "measure": next(site.glob("performance/*/index.html")),
        "performance": "performance/index.html",
        "criterion": next(site.glob("frameworks/cse/*/index.html")),
        "assessment": next(site.glob("assessments/*/index.html")),
    }
    lines = []
    for kind, path in kinds.items():
        page = site / path if isinstance(path, str) else path
        html = page.read_text()
        total = len(gzip.compress(html.encode(), 9))
        external = 0
        for ref in re.findall(r'(?:src|href)="([^"#?]+\.(?:css|js|svg|png|woff2?))', html):
            if ref.startswith(("http:", "https:", "//")):
                external += 1
                continue
            asset = (page.parent / ref).resolve()
            if asset.is_file():
                total += len(gzip.compress(asset.read_bytes(), 9))
        lines.append(
            f"  {kind:12} {total / 1024:7.1f} KB compressed (HTML, CSS, JS, SVG), third-party requests: {external}"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", default=["S", "M"], choices=list(SIZES))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--engine", choices=["mkdocs", "zensical"], default="mkdocs", help="what builds the HTML")
    parser.add_argument("--work", type=Path, default=None, help="folder for the synthetic projects")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="charterkit-bench-"))
    print(
        f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}; {args.engine}; {args.runs} runs per size; "
        f"{date.today()}"
    )
    header = (
        f"{'size':7} {'pages':>6} {'points':>8} {'load+validate s':>18} {'render s':>18} {'mkdocs s':>20} "
        f"{'total s':>20} {'peak MB':>8} {'generator':>9} {'ms/page':>7}"
    )
    rows = []
    for size in args.sizes:
        project = work / size
        print(f"[{size}] generating data...", file=sys.stderr, flush=True)
        synthesise(size, project / "data")
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        runs: dict[str, list[dict[str, float]]] = {"cold": [], "warm": []}
        for run in range(args.runs):
            for kind in runs:
                print(f"[{size}] build {run + 1} of {args.runs} ({kind})...", file=sys.stderr, flush=True)
                runs[kind].append(phases(project, cold=kind == "cold", engine=args.engine))
        pages, points = count(project)
        for kind, done in runs.items():
            rows.append(f"{size + ' ' + kind:7} {pages:>6} {points:>8} {summary(done, pages)}")
        print(f"[{size}] one-value change: {incremental(project, args.engine)}", flush=True)
        if size in ("S", "M"):
            waits = [serve_latency(project, args.engine) for _ in range(args.runs)]
            print(f"[{size}] serve shows a changed result after {fmt(waits, ' s')}", flush=True)
        print(f"[{size}] page weight:", flush=True)
        for line in page_weight(project):
            print(line, flush=True)
    print(header)
    for row in rows:
        print(row)
    print(f"done: {len(rows)} sizes, projects in {work}")


if __name__ == "__main__":
    main()
