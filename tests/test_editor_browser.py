"""The quarterly routine in the browser editor, end to end: Chromium opens /admin/ on the built
example site, against a real local git repository through Decap's own local server (decap-server,
installed by `npm ci` in tests/editor/), adds a quarter's result with its explanation and writes
an update through the forms. Each save is a branch, as each is a pull request on GitHub; the files
on it validate, are already in fmt's form, and build into pages that show the new figure.

axe-core's findings on the editor's main screens are printed, not asserted: the editor is
third-party UI (its known limits are in the README).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import _Quiet, audit
from tests.conftest import DATA, ROOT, build_in

SERVER = ROOT / "tests" / "editor" / "node_modules" / "decap-server" / "dist" / "index.js"
SHOTS = os.environ.get("CHARTERKIT_SCREENSHOTS")  # a folder: the README's screenshots are taken there
AXE: dict[str, int] = {}


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A publication's repository on `main`, its site built, served, and decap-server on it."""
    if shutil.which("node") is None or not SERVER.is_file():
        message = "decap-server is not installed: run npm ci --prefix tests/editor (node 20)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    repo = tmp_path_factory.mktemp("publication")
    shutil.copytree(DATA, repo / "data")
    shutil.copy(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    (repo / ".gitignore").write_text("/site/\n/site_src/\n.charterkit-cache/\n.site.lock\n", encoding="utf-8")
    _git(repo, "init", "-q", "-b", "main")
    for key, value in (("user.name", "Comms team"), ("user.email", "comms@example.org"), ("commit.gpgsign", "false")):
        _git(repo, "config", key, value)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "The publication as it is")
    site = build_in(repo)
    port = _free_port()
    config = site / "admin" / "config.yml"
    text = config.read_text(encoding="utf-8")
    assert "local_backend: true\n" in text
    config.write_text(
        text.replace("local_backend: true\n", f"local_backend:\n  url: http://127.0.0.1:{port}/api/v1\n"),
        encoding="utf-8",
    )
    environment = {
        **os.environ,
        "MODE": "git",
        "GIT_REPO_DIRECTORY": str(repo),
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "LOG_LEVEL": "warn",
    }
    server = subprocess.Popen(["node", str(SERVER)], cwd=repo, env=environment, stdout=subprocess.DEVNULL)
    handler = functools.partial(_Quiet, directory=str(site))
    static = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=static.serve_forever, daemon=True).start()
    try:
        _wait_for(f"http://127.0.0.1:{port}/api/v1")
        yield repo, f"http://127.0.0.1:{static.server_address[1]}/admin/"
    finally:
        static.shutdown()
        server.terminate()
        server.wait(timeout=10)


def _wait_for(url: str) -> None:
    body = json.dumps({"action": "info", "params": {}}).encode()
    for _ in range(100):
        try:
            request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"decap-server did not answer at {url}")


def _shot(page: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"))


def _report(page: Any, screen: str) -> None:
    violations = audit(page)
    AXE[screen] = len(violations)
    print(f"axe on the editor's {screen}: {len(violations)} violations: {sorted({v['id'] for v in violations})}")


@pytest.fixture
def editor(browser: Any, repository: tuple[Path, str]) -> Iterator[Any]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(repository[1])
    _shot(page, "sign-in")
    page.get_by_role("button", name="Login").click()
    page.get_by_text("Measures and results").first.wait_for()
    yield page
    page.close()


def _branch_files(repo: Path, branch: str, tmp_path: Path) -> Path:
    """The branch's working tree, as a pull request's check sees it."""
    tree = tmp_path / branch.replace("/", "-")
    _git(repo, "worktree", "add", "-q", str(tree), branch)
    shutil.copy(ROOT / "mkdocs.yml", tree / "mkdocs.yml")
    return tree


def _charterkit(tree: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [str(Path(sys.executable).parent / "charterkit"), *args]
    return subprocess.run(command, cwd=tree, capture_output=True, text=True)


@pytest.mark.browser
def test_add_a_quarters_result_with_its_explanation(editor: Any, repository: tuple[Path, str], tmp_path: Path) -> None:
    repo, _ = repository
    _shot(editor, "collections")
    _report(editor, "list of measures")
    editor.goto(repository[1] + "#/collections/measures/entries/calls-answered-in-six-rings")
    editor.get_by_role("button", name="Add result").click()
    editor.get_by_label("Period", exact=True).last.fill("2026-27 Q3")
    editor.get_by_label("Figure", exact=True).last.fill("88.2")
    explanation = editor.get_by_label("Explanation (optional)", exact=True).last
    explanation.fill("Two call handlers left in October. Both posts are filled and the new staff start in January.")
    explanation.scroll_into_view_if_needed()
    _shot(editor, "add-a-result")
    _report(editor, "measure form")
    editor.get_by_role("button", name="Save").click()
    editor.get_by_text("Changes saved").first.wait_for()

    branch = "cms/measures/calls-answered-in-six-rings"
    assert branch in _git(repo, "branch", "--list", "cms/*")
    assert _git(repo, "rev-parse", "main") == _git(repo, "rev-parse", f"{branch}~1"), "one commit on main"
    diff = _git(repo, "diff", "main", branch, "--", "data")
    added = [line for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    removed = [line for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    assert removed == []
    assert added == [
        '+  - period: "2026-27 Q3"',
        "+    value: 88.2",
        "+    explanation: Two call handlers left in October. Both posts are filled and the new staff start in "
        "January.",
    ]

    tree = _branch_files(repo, branch, tmp_path)
    assert _charterkit(tree, "validate", "data").returncode == 0
    assert _charterkit(tree, "fmt", "--check", "data").returncode == 0
    said = _charterkit(tree, "diff", "main").stdout
    assert "2026-27 Q3" in said or "Q3 2026/27" in said
    built = build_in(tree)
    page = (built / "performance" / "calls-answered-in-six-rings" / "index.html").read_text(encoding="utf-8")
    assert "88.2%" in page and "Two call handlers left in October." in page


@pytest.mark.browser
def test_write_an_update(editor: Any, repository: tuple[Path, str], tmp_path: Path) -> None:
    repo, _ = repository
    editor.goto(repository[1] + "#/collections/updates/new")
    editor.get_by_label("Title", exact=True).fill("How we did from October to December")
    editor.get_by_label("Date", exact=True).fill("2026-11-20")
    editor.get_by_label("Summary (optional)", exact=True).fill("Our results for the third quarter.")
    body = editor.locator("[contenteditable=true]").last  # Decap's Markdown box has no label (see the README)
    body.click()
    editor.keyboard.type("We answered 88% of calls within six rings.\n\nTwo new call handlers start in January.")
    _shot(editor, "write-an-update")
    _report(editor, "update form")
    editor.get_by_role("button", name="Save").click()
    editor.get_by_text("Changes saved").first.wait_for()

    branch = "cms/updates/2026-11-20-how-we-did-from-october-to-december"
    assert branch in _git(repo, "branch", "--list", "cms/*")
    written = _git(repo, "show", f"{branch}:data/updates/2026-11-20-how-we-did-from-october-to-december.md")
    assert written == (
        "---\n"
        "title: How we did from October to December\n"
        "date: 2026-11-20\n"
        "summary: Our results for the third quarter.\n"
        "---\n"
        "We answered 88% of calls within six rings.\n\nTwo new call handlers start in January.\n"
    )
    tree = _branch_files(repo, branch, tmp_path)
    assert _charterkit(tree, "validate", "data").returncode == 0
    assert _charterkit(tree, "fmt", "--check", "data").returncode == 0
    # Decap moves to the new entry's own address once it is saved; going to the board before
    # that move is made would be undone by it.
    editor.wait_for_url("**/#/collections/updates/entries/**")
    editor.goto(repository[1] + "#/workflow")
    editor.get_by_text("How we did from October to December").first.wait_for()
    _shot(editor, "workflow")
    _report(editor, "workflow board")
