# ruff: noqa: E501 - expected messages are asserted whole, as a reader sees them
"""Mistakes outside one data file's text: each is refused with exit code 1, the file (and line
where there is one), a plain fix and no traceback, and nothing in `data/` or `site/` is lost.

The bad-input corpus (tests/corpus/cases/) holds the mistakes that fit in one data file; these are
the ones about files that are not files, templates, mkdocs.yml, folders and the command line.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from generator.render.charts import MAX_TICKS
from tests.conftest import ROOT, Run, build_in
from tests.test_data_loss import fingerprint

SUMMARY = "data: failed: 1 error, 0 warnings"


@pytest.fixture(autouse=True)
def _before_any_result_is_due(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1776211200")  # 15 April 2026, as in the corpus


@pytest.fixture
def project(publication: Path) -> Path:
    """The small test publication with the example's mkdocs.yml, built once so `site/` exists."""
    (publication.parent / "mkdocs.yml").write_bytes((ROOT / "mkdocs.yml").read_bytes())
    build_in(publication.parent)
    return publication.parent


def refused(run: Run, project: Path, *args: str) -> tuple[str, str]:
    """Run a command that must be refused; check that nothing in data/ or site/ changed."""
    before = {name: fingerprint(project / name) for name in ("data", "site") if (project / name).is_dir()}
    code, out, err = run(*args)
    assert code == 1, (out, err)
    assert "Traceback" not in out + err
    assert {name: fingerprint(project / name) for name in before} == before
    return out, err


# -- files in data/ that are not regular files: refused without being opened -----------------------


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))  # the socket file stays after the test's process lets go of it


def _loop(path: Path) -> None:
    path.symlink_to(path.name)


def _loop_of_two(path: Path) -> None:
    path.symlink_to("other.yml")
    path.with_name("other.yml").symlink_to(path.name)


@pytest.mark.parametrize(
    ("make", "name", "expected"),
    [
        (_fifo, "measures/pipe.yml", "measures/pipe.yml:1:1: is a named pipe (FIFO), not a file; remove it from the data folder"),
        (_fifo, "updates/2026-02-01-pipe.md", "updates/2026-02-01-pipe.md:1:1: is a named pipe (FIFO), not a file; remove it from the data folder"),
        (_fifo, "templates/post.md.j2", "templates/post.md.j2:1:1: is a named pipe (FIFO), not a file; remove it from the data folder"),
        (_socket, "charters/socket.yml", "charters/socket.yml:1:1: is a socket, not a file; remove it from the data folder"),
        (_loop, "measures/loop.yml", "measures/loop.yml:1:1: is a link that leads back to itself (a loop); remove the link or copy the file in its place"),
    ],
)  # fmt: skip
def test_files_that_are_not_files_are_refused_unopened(
    publication: Path, run: Run, make: object, name: str, expected: str
) -> None:
    (publication / name).parent.mkdir(exist_ok=True)
    make(publication / name)  # type: ignore[operator]
    code, out, err = run("validate", "data")
    assert code == 1 and "Traceback" not in out + err
    assert out.splitlines()[:-1] == [f"data/{expected}"]
    assert out.splitlines()[-1].startswith(SUMMARY)


def test_a_loop_of_two_links_names_both(publication: Path, run: Run) -> None:
    _loop_of_two(publication / "measures" / "one.yml")
    code, out, _ = run("validate", "data")
    loop = "is a link that leads back to itself (a loop); remove the link or copy the file in its place"
    assert code == 1
    assert out.splitlines()[:-1] == [f"data/measures/one.yml:1:1: {loop}", f"data/measures/other.yml:1:1: {loop}"]


def test_a_link_to_nothing_says_so(publication: Path, run: Run) -> None:
    (publication / "measures" / "gone.yml").symlink_to("deleted.yml")
    code, out, _ = run("validate", "data")
    assert code == 1
    assert out.splitlines()[0] == (
        "data/measures/gone.yml:1:1: cannot be read: it is a link to a file that does not exist; "
        "remove the link or copy the file in"
    )


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        ("folder", "is a folder, but it must be a file; move the folder away and write the file in its place"),
        ("fifo", "is a named pipe (FIFO), not a file; remove it from the data folder"),
        ("loop", "is a link that leads back to itself (a loop); remove the link or copy the file in its place"),
        ("missing", "file not found; every publication needs a site.yml"),
    ],
)
def test_a_broken_site_yml_is_one_problem_not_a_cascade(publication: Path, run: Run, make: str, expected: str) -> None:
    """Every unit named in the other files would otherwise be reported as unknown too."""
    site = publication / "site.yml"
    site.unlink()
    if make == "folder":
        site.mkdir()
    elif make == "fifo":
        os.mkfifo(site)
    elif make == "loop":
        site.symlink_to("site.yml")
    code, out, _ = run("validate", "data")
    assert code == 1
    assert out.splitlines() == [
        f"data/site.yml:1:1: {expected}",
        SUMMARY + " (1 framework, 2 elements, 1 charter, 1 commitment, 1 measure, 2 results, 1 assessment, "
        "1 benchmark, 1 improvement plan, 1 update)",
    ]


# -- the publication's own templates ----------------------------------------------------------------

_OWN = "or remove the file to use charterkit's own template"


@pytest.mark.parametrize(
    ("name", "source", "expected"),
    [
        ("measure.md.j2", "# Title\n{% if %}\n", f"measure.md.j2:2:1: template syntax error: Expected an expression, got 'end of statement block'; correct the template, {_OWN}"),
        ("post.md.j2", "a\n\n{% for x in y %}\n", f"post.md.j2:3:1: template syntax error: Unexpected end of template. Jinja was looking for the following tags: 'endfor' or 'else'. The innermost block that needs to be closed is 'for'; correct the template, {_OWN}"),
        ("measure.md.j2", b"ok\n\xff\xfe{{ x }}\n", "measure.md.j2:2:1: not UTF-8 text: byte 0xFF cannot be read; save the template as UTF-8"),
        ("home.md.j2", "{{ 1 }\n", f"home.md.j2:1:1: template syntax error: unexpected '}}'; correct the template, {_OWN}"),
    ],
)  # fmt: skip
def test_template_mistakes_are_found_by_validate(
    publication: Path, run: Run, name: str, source: str | bytes, expected: str
) -> None:
    (publication / "templates").mkdir()
    (publication / "templates" / name).write_bytes(source if isinstance(source, bytes) else source.encode())
    code, out, err = run("validate", "data")
    assert code == 1 and "Traceback" not in out + err
    assert out.splitlines()[:-1] == [f"data/templates/{expected}"]


@pytest.mark.parametrize(
    ("name", "source", "expected"),
    [
        ("measure.md.j2", "line\n{{ nosuch.thing }}\n", f"measure.md.j2:2:1: uses a name the page does not have ('nosuch' is undefined); compare it with charterkit's own template of the same name, {_OWN}"),
        ("measure.md.j2", "line\n\n{{ measure.nosuch }}\n", f"measure.md.j2:3:1: uses a name the page does not have (a measure has no 'nosuch'); compare it with charterkit's own template of the same name, {_OWN}"),
        ("measure.md.j2", "a\n{% include 'nope.md.j2' %}\n", f"measure.md.j2:2:1: includes or extends 'nope.md.j2', which is neither in data/templates nor one of charterkit's templates; check the name, {_OWN}"),
        ("measure.md.j2", "a\n{{ 1 | nofilter }}\n", f"measure.md.j2:2:1: template syntax error: No filter named 'nofilter'; correct the template, {_OWN}"),
        ("_macros.md.j2", "{% macro sample_notice(site) %}{{ site.nothing }}{% endmacro %}\n", f"_macros.md.j2:1:1: uses a name the page does not have (a site has no 'nothing'); compare it with charterkit's own template of the same name, {_OWN}"),
    ],
)  # fmt: skip
def test_template_failures_while_rendering_are_messages(
    project: Path, run: Run, name: str, source: str, expected: str
) -> None:
    (project / "data" / "templates").mkdir()
    (project / "data" / "templates" / name).write_text(source, encoding="utf-8")
    _, err = refused(run, project, "build", "data")
    assert err.splitlines() == [
        f"data/templates/{expected}",
        "charterkit: a template in the publication failed; nothing was built",
    ]


# -- mkdocs.yml and the folders it names -------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        (b"site_name: x\n  bad: [\n", "mkdocs.yml:2:6: a colon and a space (': ') cannot go here; put the whole value in quotes if it contains one, or check the indentation"),
        (b"site_name: caf\xe9\n", "mkdocs.yml:1:15: not UTF-8 text: byte 0xE9 cannot be read; save the file as UTF-8"),
        ("site_name: x\n".encode("utf-16"), "mkdocs.yml:1:1: file is saved as UTF-16; save it as UTF-8"),
        (b"- site_name\n", "mkdocs.yml:1:1: expected MkDocs' settings as 'key: value' lines, such as 'site_name: ...'"),
        (b"", "mkdocs.yml:1:1: expected MkDocs' settings as 'key: value' lines, such as 'site_name: ...'"),
        (b"site_name: x\ntheme:\n\tname: material\n", "mkdocs.yml:3:1: tab used for indentation; indent with spaces"),
    ],
)  # fmt: skip
def test_an_unreadable_mkdocs_yml_is_refused(project: Path, run: Run, config: bytes, expected: str) -> None:
    (project / "mkdocs.yml").write_bytes(config)
    _, err = refused(run, project, "build", "data")
    assert err.splitlines()[0] == expected


@pytest.mark.parametrize("key", ["docs_dir", "site_dir"])
def test_a_docs_or_site_folder_that_is_a_file_is_refused(project: Path, run: Run, key: str) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"{key}: notes.txt\n", encoding="utf-8")
    (project / "notes.txt").write_text("the council's notes\n", encoding="utf-8")
    _, err = refused(run, project, "build", "data")
    line = len(config.read_text(encoding="utf-8").splitlines())
    assert err.splitlines() == [
        f"mkdocs.yml:{line}:1: {key}: 'notes.txt' is a file, but {key} must be a folder; move the file away or "
        "name another folder",
        "charterkit: the site and docs folders named in mkdocs.yml cannot be used",
    ]
    assert (project / "notes.txt").read_text(encoding="utf-8") == "the council's notes\n"


# -- folders the commands write into -------------------------------------------------------------------


def test_init_onto_a_file(tmp_path: Path, run: Run) -> None:
    (tmp_path / "notes.txt").write_text("keep\n", encoding="utf-8")
    code, out, err = run("init", str(tmp_path / "notes.txt"))
    assert code == 1 and "Traceback" not in out + err
    assert err == f"charterkit: {tmp_path}/notes.txt: is a file, not a folder; give the name of a new folder\n"
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep\n"


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("notes.txt", "{out}: is a file, not a folder; give a folder to write the schemas into"),
        ("missing/schemas", "{out}: the folder it goes in ({tmp}/missing) does not exist; create it first"),
        ("notes.txt/schemas", "{out}: the folder it goes in ({tmp}/notes.txt) does not exist; create it first"),
    ],
)
def test_schema_into_a_file_or_a_missing_folder(tmp_path: Path, run: Run, target: str, expected: str) -> None:
    (tmp_path / "notes.txt").write_text("keep\n", encoding="utf-8")
    out_dir = tmp_path / target
    code, out, err = run("schema", str(out_dir))
    assert code == 1 and "Traceback" not in out + err
    assert err == "charterkit: " + expected.format(out=out_dir, tmp=tmp_path) + "\n"
    assert not (tmp_path / "missing").exists()


def test_a_folder_that_cannot_be_written(run: Run) -> None:
    """Permissions do not stop root (the test machines run as root), so this writes into /sys,
    where no one may make a folder."""
    code, out, err = run("init", "/sys/charterkit-test")
    assert code == 1 and "Traceback" not in out + err
    assert err.startswith("charterkit: /sys/charterkit-test: cannot write or read here: ")
    assert err.endswith("(or choose another folder)\n") or "read-only" in err


def test_new_update_where_a_file_is_in_the_way(publication: Path, run: Run) -> None:
    shutil.rmtree(publication / "updates")
    (publication / "updates").write_text("not a folder\n", encoding="utf-8")
    code, out, err = run("new", "update", "Our new phones", "--date", "2026-02-01")
    assert code == 1 and "Traceback" not in out + err
    assert err == (
        "charterkit: data/updates: cannot write or read here: a file is in the way "
        "where a folder is needed; move it away or choose another place\n"
    )


def test_diff_over_a_committed_link_outside_the_data(publication: Path, run: Run) -> None:
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    (publication / "measures" / "passwords.yml").symlink_to("/etc/passwd")
    subprocess.run(["git", "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "a link"], check=True)
    code, out, err = run("diff", "HEAD")
    assert code == 1 and "Traceback" not in out + err
    assert err == (
        "charterkit: data/measures/passwords.yml at HEAD is a link to '/etc/passwd', outside the data folder; "
        "commit the file itself in place of the link\n"
    )


# -- the command line ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--max-file-size", "nan", "validate"], "argument --max-file-size: expected a size in megabytes from more than 0 to 1000, like 5, got 'nan'"),
        (["--max-file-size", "inf", "validate"], "argument --max-file-size: expected a size in megabytes from more than 0 to 1000, like 5, got 'inf'"),
        (["--max-file-size", "-1", "validate"], "argument --max-file-size: expected a size in megabytes from more than 0 to 1000, like 5, got '-1'"),
        (["--max-file-size", "0", "validate"], "argument --max-file-size: expected a size in megabytes from more than 0 to 1000, like 5, got '0'"),
        (["serve", "--port", "99999"], "argument --port: expected a port number from 1 to 65535, like 8000, got '99999'"),
        (["serve", "--port", "0"], "argument --port: expected a port number from 1 to 65535, like 8000, got '0'"),
        (["serve", "--port", "eighty"], "argument --port: expected a port number from 1 to 65535, like 8000, got 'eighty'"),
        (["new", "update", "Hello", "--date", "2026-02-30"], "argument --date: February 2026 has no 30th (it has 28 days); check the date '2026-02-30'"),
        (["frob"], "argument COMMAND: invalid choice: 'frob' (choose from 'validate', 'build', 'serve', 'new', 'init', 'diff', 'fmt', 'editor-config', 'schema')"),
    ],
)  # fmt: skip
def test_usage_mistakes_exit_1_with_the_reason(publication: Path, run: Run, args: list[str], expected: str) -> None:
    code, out, err = run(*args)
    assert code == 1 and "Traceback" not in out + err
    assert err.splitlines()[-1].endswith(f"error: {expected}")


def test_help_still_exits_0(run: Run) -> None:
    code, out, _ = run("--help")
    assert code == 0 and "usage: charterkit" in out


# -- bounded work -------------------------------------------------------------------------------------


def test_chart_ticks_are_bounded_for_any_figures() -> None:
    """Adding a step too small for the float at 10^18 never ended; the ticks are now counted out.
    Run in a child process so a regression fails the test instead of hanging the suite."""
    code = (
        "from generator.render.charts import _range, _ticks\n"
        "for values in ([1e18, 1e18 + 128], [1e15, 1e15 + 0.125], [0.0, 1e-300], [-1e15, 1e15], [5.0, 5.0]):\n"
        "    print(len(_ticks(*_range(values, 'count'))))\n"
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
        )
    except subprocess.TimeoutExpired:
        pytest.fail("the chart's ticks did not finish")
    counts = [int(n) for n in done.stdout.split()]
    assert len(counts) == 5 and all(0 < n <= MAX_TICKS for n in counts)


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    """`charterkit validate data | head`: the reader closes the pipe after a few lines."""
    import shutil
    import subprocess
    import sys

    from tests.conftest import CORPUS

    shutil.copytree(CORPUS / "base", tmp_path / "data")
    measure = tmp_path / "data" / "measures" / "calls-in-six-rings.yml"
    measure.write_text(measure.read_text(encoding="utf-8") + "".join(f"extra{n}: 1\n" for n in range(5000)))
    command = [sys.executable, "-m", "generator", "validate", "data"]
    reader = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.readline()
    reader.stdout.close()  # as `head -1` does
    errors = reader.stderr.read().decode()
    assert reader.wait(timeout=60) == 1
    assert "Traceback" not in errors and "BrokenPipeError" not in errors, errors
    assert "Broken pipe" not in errors, errors  # stopping early is the reader's choice, not a mistake
