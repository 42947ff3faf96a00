"""The `charterkit` command: validate, build, serve and the helpers around them.

User mistakes end in a message and exit code 1, never a traceback.
"""

from __future__ import annotations

import argparse
import errno
import json
import math
import os
import signal
import sys
import threading
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from generator import __version__
from generator.engines import ENGINES
from generator.periods import date_problem
from generator.problems import CharterkitError, Problem
from generator.publication import Publication


def _stop(signum: int, frame: object) -> None:
    """SIGTERM ends a build like Ctrl+C does, so its temporary folder is removed on the way out."""
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as done:  # --help and --version end with 0; a usage mistake is 1, like any other
        return 0 if done.code in (0, None) else 1
    from generator.load import LIMITS

    LIMITS.max_bytes = int(args.max_file_size * 1_000_000)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop)
    try:
        return int(args.run(args))
    except CharterkitError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"charterkit: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader stopped reading (`charterkit validate data | head`)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the exit's flush is quiet
        return 1
    except OSError as error:  # a folder that cannot be written, a file where a folder should be
        print(f"charterkit: {os_problem(error)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("charterkit: stopped", file=sys.stderr)
        return 130


_FIXES = {
    errno.EACCES: "permission denied; let your account write there (or choose another folder)",
    errno.EPERM: "not permitted; let your account write there (or choose another folder)",
    errno.EROFS: "the disk is read-only; choose a folder on a disk that can be written",
    errno.ENOSPC: "the disk is full; free some space and run the command again",
    errno.EDQUOT: "your disk quota is used up; free some space and run the command again",
    errno.EEXIST: "a file is in the way where a folder is needed; move it away or choose another place",
    errno.ENOTDIR: "a file is in the way where a folder is needed; move it away or choose another place",
    errno.EISDIR: "a folder is in the way where a file is needed; move it away or choose another place",
    errno.ENOENT: "the folder it goes in does not exist; create it first",
    errno.ELOOP: "a link there leads back to itself (a loop); remove the link",
    errno.ENAMETOOLONG: "the name is too long for this computer; use a shorter one",
}


def os_problem(error: OSError) -> str:
    """What the operating system refused, named by the path and said as what to do."""
    where = error.filename if error.filename is not None else "a file"
    fix = _FIXES.get(error.errno or 0, f"{error.strerror or error}; check the file and the folder it is in")
    return f"{where}: cannot write or read here: {fix}"


def _megabytes(text: str) -> float:
    """--max-file-size: a size in megabytes that is a real, positive number."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 < value <= 1_000):
        raise argparse.ArgumentTypeError(f"expected a size in megabytes from more than 0 to 1000, like 5, got '{text}'")
    return value


def _port(text: str) -> int:
    """--port: a TCP port people can use without special rights on most machines: 1 to 65535."""
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port number from 1 to 65535, like 8000, got '{text}'")
    return int(text)


def _day(text: str) -> date:
    """--date: a real date, said plainly when it is not one."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            date_problem(text) or f"expected a date like 2025-04-01, got '{text}'"
        ) from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="charterkit",
        description="Publish service standards and performance as an accessible website.",
    )
    parser.add_argument("--version", action="version", version=f"charterkit {__version__}")
    parser.add_argument(
        "--max-file-size",
        type=_megabytes,
        default=5.0,
        metavar="MB",
        help="refuse data files larger than this (default: 5)",
    )
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check the data and report every problem")
    validate.add_argument("data", nargs="?", default="data", type=Path, help="the data folder (default: data)")
    validate.add_argument("--format", choices=("text", "json"), default="text", help="how to print problems")
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")
    validate.set_defaults(run=_validate)

    build = commands.add_parser("build", help="validate, generate pages and build the site with MkDocs")
    build.add_argument("data", nargs="?", default="data", type=Path, help="the data folder (default: data)")
    build.add_argument("--config", default="mkdocs.yml", type=Path, help="MkDocs configuration (default: mkdocs.yml)")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument("--engine", choices=ENGINES, default="mkdocs", help="what builds the HTML (default: mkdocs)")
    build.set_defaults(run=_build)

    serve = commands.add_parser("serve", help="build, serve on 127.0.0.1 and rebuild when data or templates change")
    serve.add_argument("data", nargs="?", default="data", type=Path, help="the data folder (default: data)")
    serve.add_argument("--config", default="mkdocs.yml", type=Path, help="MkDocs configuration (default: mkdocs.yml)")
    serve.add_argument("--port", default=8000, type=_port, help="port on 127.0.0.1 (default: 8000)")
    serve.add_argument(
        "--debug", action="store_true", help="print the traceback of an unexpected error while rebuilding"
    )
    serve.add_argument("--engine", choices=ENGINES, default="mkdocs", help="what builds the HTML (default: mkdocs)")
    serve.set_defaults(run=_serve)

    new = commands.add_parser("new", help="start an update or a new reporting period")
    kinds = new.add_subparsers(title="what to add", required=True, metavar="KIND")
    update = kinds.add_parser("update", help="a dated post skeleton in data/updates/")
    update.add_argument("title", help="the post's title")
    update.add_argument("--data", default="data", type=Path, help="the data folder (default: data)")
    update.add_argument("--date", default=None, type=_day, help="publication date (default: today)")
    update.set_defaults(run=_new_update)
    period = kinds.add_parser("period", help="an empty result for PERIOD in every measure due then")
    period.add_argument("period", help="2025-Q1, 2025-04, 2025-26 or 2025")
    period.add_argument("--data", default="data", type=Path, help="the data folder (default: data)")
    period.set_defaults(run=_new_period)
    translation = kinds.add_parser("translation", help="entries to fill in for each untranslated text of a data file")
    translation.add_argument("language", help="a language code from languages in site.yml, such as cy")
    translation.add_argument("file", help="the data file, such as charters/corporate.yml")
    translation.add_argument("--data", default="data", type=Path, help="the data folder (default: data)")
    translation.set_defaults(run=_new_translation)

    init = commands.add_parser("init", help="start a new publication in an empty folder")
    init.add_argument("folder", type=Path, help="the new folder")
    init.add_argument("--name", help="the public body's name (without it, a sample publication)")
    init.add_argument("--url", help="the published site's address, such as https://standards.example.gov.uk/")
    init.add_argument("--email", help="the email address residents write to, also for accessibility problems")
    init.set_defaults(run=_init)

    diff = commands.add_parser("diff", help="what changed in the data between two git revisions, in words")
    diff.add_argument("old", help="the earlier revision (a commit, branch or tag)")
    diff.add_argument("new", nargs="?", default=None, help="the later revision (default: the working tree)")
    diff.add_argument("--data", default="data", help="the data folder inside the repository (default: data)")
    diff.add_argument("--format", choices=("markdown", "json"), default="markdown", help="output format")
    diff.set_defaults(run=_diff)

    fmt = commands.add_parser("fmt", help="write every data file in the canonical form the browser editor saves")
    fmt.add_argument("data", nargs="?", default="data", type=Path, help="the data folder (default: data)")
    fmt.add_argument("--check", action="store_true", help="change nothing; list the files that would change")
    fmt.set_defaults(run=_fmt)

    editor = commands.add_parser("editor-config", help="print the browser editor's configuration, made from the models")
    editor.add_argument("data", nargs="?", default="data", type=Path, help="the data folder (default: data)")
    editor.set_defaults(run=_editor_config)

    schema = commands.add_parser("schema", help="write a JSON Schema per data kind, for editors")
    schema.add_argument("out", type=Path, help="folder to write <kind>.schema.json files into")
    schema.set_defaults(run=_schema)
    return parser


def _validate(args: argparse.Namespace) -> int:
    from generator.validate import validate

    publication, problems = validate(args.data)
    failed = [p for p in problems if p.severity == "error" or args.strict]
    if args.format == "json":
        report = {
            "ok": not failed,
            "errors": sum(p.severity == "error" for p in problems),
            "warnings": sum(p.severity == "warning" for p in problems),
            "problems": [p.as_dict() for p in problems],
            "counts": counts(publication),
        }
        print(json.dumps(report, indent=2))
        return 1 if failed else 0
    for problem in problems:
        print(problem)
    print(summary(publication, problems, args.strict))
    return 1 if failed else 0


def counts(publication: Publication) -> dict[str, int]:
    """What the publication holds, for the one-line summary and the JSON report."""
    return {
        "frameworks": len(publication.frameworks),
        "elements": sum(len(f.elements()) for f in publication.frameworks.values()),
        "charters": len(publication.charters),
        "commitments": sum(len(c.commitments) for c in publication.charters.values()),
        "measures": len(publication.measures),
        "results": sum(len(m.results) for m in publication.measures.values()),
        "assessments": len(publication.assessments),
        "benchmarks": len(publication.benchmarks),
        "improvement plans": len(publication.plans),
        "updates": len(publication.posts),
    }


def summary(publication: Publication, problems: list[Problem], strict: bool = False) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    held = ", ".join(f"{n} {name if n != 1 else _SINGULAR.get(name, name)}" for name, n in counts(publication).items())
    if not problems:
        return f"{publication.root}: valid: {held}"
    found = f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
    verdict = "failed" if errors or (strict and warnings) else "valid with warnings"
    return f"{publication.root}: {verdict}: {found} ({held})"


_SINGULAR = {
    "frameworks": "framework",
    "elements": "element",
    "charters": "charter",
    "commitments": "commitment",
    "measures": "measure",
    "results": "result",
    "assessments": "assessment",
    "benchmarks": "benchmark",
    "improvement plans": "improvement plan",
    "updates": "update",
}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _progress(message: str) -> None:
    """Steps are shown on a terminal only; logs stay to the one-line summary."""
    if sys.stderr.isatty():
        print(message, file=sys.stderr, flush=True)


def _build(args: argparse.Namespace) -> int:
    from generator.build import build_site

    if not args.config.is_file():
        raise CharterkitError(f"{args.config}: file not found; give the MkDocs configuration with --config")
    _progress(f"Checking {args.data} and building the site...")
    generated, mkdocs_seconds = build_site(args.data, args.config, args.strict, args.engine)
    for problem in generated.problems:
        print(problem)
    pages = generated.written + generated.unchanged
    print(
        f"built: {pages} generated files ({generated.written} written, {generated.removed} removed) "
        f"in {generated.seconds:.1f} s, {'Zensical' if args.engine == 'zensical' else 'MkDocs'} {mkdocs_seconds:.1f} s"
    )
    return 0


def _serve(args: argparse.Namespace) -> int:
    from generator.serve import serve

    return serve(args.data, args.config, args.port, args.debug, args.engine)


def _new_update(args: argparse.Namespace) -> int:
    from generator.scaffold import new_update
    from generator.today import as_of

    path = new_update(args.data, args.title, args.date or as_of())
    print(f"wrote {path}: write the post, then run charterkit validate")
    return 0


def _new_period(args: argparse.Namespace) -> int:
    from generator.scaffold import new_period

    changed = new_period(args.data, args.period)
    for path in changed:
        print(f"added {args.period} to {path}")
    print(f"{len(changed)} measure(s) now have an empty result for {args.period}: fill in each value, then validate")
    return 0


def _new_translation(args: argparse.Namespace) -> int:
    from generator.translate import add_translation

    path, added = add_translation(args.data, args.language, args.file)
    if added:
        print(f"added {added} text(s) to translate to {path}")
    else:
        print(f"every text of {args.file} has an entry in {path}")
    return 0


def _init(args: argparse.Namespace) -> int:
    from generator.scaffold import init
    from generator.today import as_of

    written = init(args.folder, args.name, as_of(), url=args.url, email=args.email)
    print(f"created a publication in {args.folder} ({len(written)} files); next: cd {args.folder} && charterkit build")
    if args.name and not args.url:
        print("before publishing: set url in data/site.yml to the site's address (validate warns until then)")
    return 0


def _diff(args: argparse.Namespace) -> int:
    from generator.diff import changes, render_json, render_markdown

    found = changes(Path.cwd(), args.data, args.old, args.new)
    print(render_json(found) if args.format == "json" else render_markdown(found, args.old, args.new))
    return 0


def _schema(args: argparse.Namespace) -> int:
    from generator.schema import write_schemas

    written = write_schemas(args.out)
    print(f"wrote {len(written)} schemas to {args.out}")
    return 0


def _fmt(args: argparse.Namespace) -> int:
    from generator.fmt import fmt

    outcome = fmt(args.data, check=args.check)
    for problem in outcome.refused:
        print(problem)
    verb = "would be reformatted" if args.check else "reformatted"
    for path in outcome.changed:
        print(f"{path}: {verb}")
    total = len(outcome.changed) + len(outcome.unchanged)
    summary = f"{args.data}: {len(outcome.changed)} of {total} files {verb}"
    if args.check and outcome.changed:
        summary += "; run charterkit fmt to write them in canonical form"
    if outcome.refused:
        summary += f"; {_plural(len(outcome.refused), 'file')} not formatted"
    print(summary)
    return 1 if outcome.refused or (args.check and outcome.changed) else 0


def _editor_config(args: argparse.Namespace) -> int:
    from generator.editor import config_text

    print(config_text(args.data), end="")
    return 0
