"""The `charterkit` command: validate, build, serve and the helpers around them.

User mistakes end in a message and exit code 1, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from generator import __version__
from generator.problems import CharterkitError, Problem
from generator.publication import Publication


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except CharterkitError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"charterkit: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("charterkit: stopped", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="charterkit",
        description="Publish service standards and performance as an accessible website.",
    )
    parser.add_argument("--version", action="version", version=f"charterkit {__version__}")
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
    build.set_defaults(run=_build)

    serve = commands.add_parser("serve", help="build, serve on 127.0.0.1 and rebuild when data or templates change")
    serve.add_argument("data", nargs="?", default="data", type=Path, help="the data folder (default: data)")
    serve.add_argument("--config", default="mkdocs.yml", type=Path, help="MkDocs configuration (default: mkdocs.yml)")
    serve.add_argument("--port", default=8000, type=int, help="port on 127.0.0.1 (default: 8000)")
    serve.set_defaults(run=_serve)

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
    generated, mkdocs_seconds = build_site(args.data, args.config, args.strict)
    for problem in generated.problems:
        print(problem)
    pages = generated.written + generated.unchanged
    print(
        f"built: {pages} generated files ({generated.written} written, {generated.removed} removed) "
        f"in {generated.seconds:.1f} s, MkDocs {mkdocs_seconds:.1f} s"
    )
    return 0


def _serve(args: argparse.Namespace) -> int:
    from generator.serve import serve

    return serve(args.data, args.config, args.port)


def _schema(args: argparse.Namespace) -> int:
    from generator.schema import write_schemas

    written = write_schemas(args.out)
    print(f"wrote {len(written)} schemas to {args.out}")
    return 0
