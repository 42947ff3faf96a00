"""Benchmark: the worst inputs charterkit's limits allow, each validated and built in a child process.

    python -m bench.limits              # every case
    python -m bench.limits brackets     # the cases whose names contain a word

Each case is the small test publication (tests/corpus/base) with one file made as large, long,
deep or extreme as the limits let it be (and two cases just past a limit, which must be refused
quickly). `charterkit validate` and `charterkit build` each run in a fresh process; the wall time
and that process's peak memory (`getrusage(RUSAGE_CHILDREN).ru_maxrss` read in a wrapper process
that runs only it) are printed per case, then a one-line summary. A measuring script, not a test:
figures depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from generator.bodies import MAX_BRACKET_DEPTH, MAX_INDENT, MAX_QUOTES, MAX_SCAN
from generator.load import MAX_BYTES
from generator.models.common import MAX_FIGURE
from generator.syntax import MAX_DEPTH

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "corpus" / "base"
TIMEOUT = 900  # seconds a command may take before the case is reported as not finishing
WRAP = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
code = subprocess.run(sys.argv[1:], capture_output=True).returncode
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"code": code, "seconds": seconds, "mb": peak}))
"""
MEASURE = """title: Calls answered
unit: count
polarity: higher-is-better
frequency: {frequency}
owner: customer-services
definition: {definition}
results:
"""
POST = "---\ntitle: New phones\ndate: 2026-01-15\n---\n"
UPDATE = "data/updates/2026-01-15-new-phones.md"


def _fill(head: str, item: Callable[[int], str], limit: int = MAX_BYTES) -> str:
    """`head` and then as many items as fit in `limit` bytes."""
    parts, size, index = [head], len(head.encode()), 0
    while True:
        piece = item(index)
        if size + len(piece.encode()) > limit:
            return "".join(parts)
        parts.append(piece)
        size += len(piece.encode())
        index += 1


def _span(index: int) -> str:
    """The index-th distinct span of months from 1900 on, for results of an irregular measure."""
    first, length = divmod(index, 120)
    year, month = divmod(first, 12)
    end_year, end_month = divmod(first + length + 1, 12)
    return f"{1900 + year}-{month + 1:02d} to {1900 + end_year}-{end_month + 1:02d}"


def most_results() -> dict[str, str]:
    head = MEASURE.format(frequency="irregular", definition="Calls.")
    return {"data/measures/most.yml": _fill(head, lambda i: f"  - period: {_span(i)}\n    value: {i % 997}\n")}


def longest_line() -> dict[str, str]:
    head = MEASURE.format(frequency="quarterly", definition="")
    tail = "  - period: 2026-Q1\n    value: 5\n"
    room = MAX_BYTES - len((head + tail).encode()) - 1
    words = ("calls answered " * (room // 15 + 1))[:room]
    return {"data/measures/long.yml": head.replace("definition: \n", f"definition: {words}\n") + tail}


def largest_update() -> dict[str, str]:
    paragraph = "We changed our phones after what you told us, and calls are answered sooner. " * 12 + "\n\n"
    return {UPDATE: _fill(POST, lambda i: paragraph)}


def most_links() -> dict[str, str]:
    return {UPDATE: _fill(POST, lambda i: f"- [Report {i}](https://example.org/reports/{i})\n")}


def deepest_yaml() -> dict[str, str]:
    """A framework nested as deep as the loader allows: each level is a mapping and a list."""
    levels = (MAX_DEPTH - 3) // 2
    lines = ["title: Deep", "scale:", "  - id: compliant", "    label: Compliant", "nodes:"]
    for level in range(levels):
        pad = "  " * (2 * level)
        lines += [f'{pad}  - id: "{level + 1}"', f"{pad}    title: Level {level + 1}", f"{pad}    children:"]
    pad = "  " * (2 * levels)
    lines += [f'{pad}  - id: "leaf"', f"{pad}    text: The deepest element."]
    return {"data/frameworks/deep.yml": "\n".join(lines) + "\n"}


def deepest_markdown() -> dict[str, str]:
    lists = "".join("    " * i + "- step\n" for i in range(MAX_INDENT // 4 + 1))
    quotes = "> " * MAX_QUOTES + "what you said\n"
    links = "[" * MAX_BRACKET_DEPTH + "our page" + "]" * MAX_BRACKET_DEPTH + "(https://example.org/)\n"
    return {UPDATE: POST + "\n\n".join([lists, quotes, links]) * 200}


def brackets_at_budget() -> dict[str, str]:
    """Unclosed `[` in one paragraph, as many as the scan budget allows."""
    count = int((2 * MAX_SCAN) ** 0.5) - 10  # each is scanned to the paragraph's end: n(n+1)/2 steps
    return {UPDATE: POST + "[" * count + "\n"}


def brackets_20000() -> dict[str, str]:
    return {UPDATE: POST + "[" * 20_000 + "\n"}


def extreme_numbers() -> dict[str, str]:
    values = [MAX_FIGURE, MAX_FIGURE - 0.125, -MAX_FIGURE, 0.001, MAX_FIGURE, 1e-300]
    head = MEASURE.format(frequency="quarterly", definition="Money.").replace("unit: count", "unit: money")
    body = "".join(f"  - period: {2020 + i // 4}-Q{i % 4 + 1}\n    value: {v!r}\n" for i, v in enumerate(values))
    sample = f"  - period: 2026-Q1\n    value: 1\n    sample_size: {MAX_FIGURE}\n    numerator: {MAX_FIGURE}\n"
    return {"data/measures/extreme.yml": head + body + sample}


def figures_past_the_limit() -> dict[str, str]:
    head = MEASURE.format(frequency="quarterly", definition="Calls.")
    return {"data/measures/huge.yml": head + "  - period: 2026-Q1\n    value: 1000000000000000000\n"
            "  - period: 2026-Q2\n    value: 1000000000000000128\n"}  # fmt: skip


CASES: dict[str, tuple[str, Callable[[], dict[str, str]], bool]] = {
    "largest-update": ("an update body of 5 MB, the largest file allowed", largest_update, True),
    "most-results": ("one measure file of 5 MB: as many results (spans of months) as fit", most_results, True),
    "longest-line": ("a 5 MB definition on one line", longest_line, True),
    "most-links": ("a 5 MB update of links, one per list item", most_links, True),
    "deepest-yaml": (f"a framework nested {MAX_DEPTH - 1} YAML levels deep", deepest_yaml, True),
    "deepest-markdown": ("lists, quotes and brackets at their depth limits, 200 times", deepest_markdown, True),
    "brackets-at-budget": ("unclosed '[' up to the scan budget", brackets_at_budget, True),
    "extreme-numbers": ("figures of +-10^15, 10^15 - 0.125 and 1e-300", extreme_numbers, True),
    "brackets-20000": ("20,000 '[' in an update (refused)", brackets_20000, False),
    "figures-10^18": ("results of 10^18 and 10^18 + 128 (refused)", figures_past_the_limit, False),
}


def measure(project: Path, *args: str) -> dict[str, object]:
    """One command in a fresh process, through a wrapper whose only child it is."""
    command = [sys.executable, "-m", "generator", *args]
    done = subprocess.run(
        [sys.executable, "-c", WRAP, *command], cwd=project, capture_output=True, text=True, timeout=TIMEOUT
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def run_case(name: str, make: Callable[[], dict[str, str]], work: Path) -> dict[str, dict[str, object]]:
    project = work / name
    shutil.copytree(BASE, project / "data")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for relative, text in make().items():
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        (project / relative).write_text(text, encoding="utf-8")
    results = {}
    for command in ("validate", "build"):
        try:
            results[command] = measure(project, command, "data")
        except subprocess.TimeoutExpired:
            results[command] = {"code": "timeout", "seconds": float(TIMEOUT), "mb": 0.0}
    shutil.rmtree(project, ignore_errors=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("only", nargs="*", help="run only the cases whose names contain one of these")
    chosen = [name for name in CASES if not (only := parser.parse_args().only) or any(w in name for w in only)]
    tty = sys.stderr.isatty()
    print("| case | what | validate s | validate MB | build s | build MB | outcome |")
    print("|---|---|---|---|---|---|---|")
    slowest, heaviest, wrong = 0.0, 0.0, []
    with tempfile.TemporaryDirectory(prefix="charterkit-limits-") as folder:
        for number, name in enumerate(chosen, start=1):
            what, make, accepted = CASES[name]
            if tty:
                print(f"[{number}/{len(chosen)}] {name}...", file=sys.stderr, flush=True)
            result = run_case(name, make, Path(folder))
            check, build = result["validate"], result["build"]
            expected = 0 if accepted else 1
            ok = check["code"] in (0, expected) and build["code"] == expected
            if not ok:
                wrong.append(name)
            outcome = ("built" if accepted else "refused") if ok else f"exit {check['code']} / {build['code']}"
            print(
                f"| {name} | {what} | {check['seconds']:.1f} | {check['mb']:.0f} | {build['seconds']:.1f} | "
                f"{build['mb']:.0f} | {outcome} |",
                flush=True,
            )
            slowest = max(slowest, float(check["seconds"]), float(build["seconds"]))  # type: ignore[arg-type]
            heaviest = max(heaviest, float(check["mb"]), float(build["mb"]))  # type: ignore[arg-type]
    verdict = "all as expected" if not wrong else f"unexpected: {', '.join(wrong)}"
    print(f"{len(chosen)} cases: slowest command {slowest:.1f} s, largest peak {heaviest:.0f} MB; {verdict}")


if __name__ == "__main__":
    main()
