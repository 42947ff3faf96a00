"""`charterkit serve` shows a data change without a restart and survives a bad edit."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.test_build import make_project

PAGE = "performance/calls-answered-in-six-rings/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(url: str, text: str, server: subprocess.Popen[bytes], seconds: float = 60) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end and server.poll() is None:
        if text in fetch(url):
            return True
        time.sleep(0.2)
    return False


def indexed_pages(base: str) -> int:
    """How many pages the preview's search index holds (Pagefind's, in English)."""
    text = fetch(f"{base}pagefind/pagefind-entry.json")
    return int(json.loads(text)["languages"]["en"]["page_count"]) if text else 0


def test_serve_regenerates_on_change_and_keeps_last_good_site(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    env = os.environ | {"PYTHONUNBUFFERED": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "data", "--port", str(port)],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}/"
    url = f"{base}{PAGE}"
    measure = project / "data" / "measures" / "calls-answered-in-six-rings.yml"
    try:
        assert wait_for(url, "Telephone calls answered within six rings", server), (tmp_path / "serve.log").read_text()
        indexed = indexed_pages(base)
        assert indexed > 0
        text = measure.read_text(encoding="utf-8")
        measure.write_text(text.replace("title: Telephone calls", "title: Phone calls", 1), encoding="utf-8")
        assert wait_for(url, "Phone calls answered within six rings", server), (tmp_path / "serve.log").read_text()
        # Only the changed pages were rebuilt, and search still finds every page from every page.
        assert "built the preview (changed pages)" in (tmp_path / "serve.log").read_text()
        assert indexed_pages(base) == indexed
        assert 'class="ck-search__input"' in fetch(url)

        # A new page changes the set of files: the site is rebuilt whole and the page is served.
        added = measure.with_name("calls-answered-copy.yml")
        copied = text.replace("title: Telephone calls", "title: Copied calls", 1)
        copied = copied.replace("id: calls-answered-in-six-rings", "id: calls-answered-copy", 1)
        added.write_text(copied, encoding="utf-8")
        copy_url = f"{base}performance/calls-answered-copy/"
        log_text = (tmp_path / "serve.log").read_text
        assert wait_for(copy_url, "Copied calls answered within six rings", server), log_text()
        assert indexed_pages(base) == indexed + 1
        added.unlink()

        measure.write_text(text.replace("polarity:", "polarty:"), encoding="utf-8")
        end = time.monotonic() + 30
        while "polarty: unknown key" not in (tmp_path / "serve.log").read_text() and time.monotonic() < end:
            time.sleep(0.2)
        output = (tmp_path / "serve.log").read_text()
        assert "polarty: unknown key; did you mean 'polarity'?" in output
        assert "still serving the last good pages" in output
        assert "Phone calls answered within six rings" in fetch(url)
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def test_serve_refuses_a_port_in_use_with_a_clear_message(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "generator", "serve", "data", "--port", str(port)],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 1
    assert f"cannot serve on 127.0.0.1:{port} (Address already in use); choose another port with --port" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_serve_with_zensical_shows_a_change_with_search(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "data", "--port", str(port), "--engine", "zensical"],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=os.environ | {"PYTHONUNBUFFERED": "1"},
    )
    base = f"http://127.0.0.1:{port}/"
    url = f"{base}{PAGE}"
    measure = project / "data" / "measures" / "calls-answered-in-six-rings.yml"
    try:
        assert wait_for(url, "Telephone calls answered within six rings", server), (tmp_path / "serve.log").read_text()
        assert 'class="ck-search__input"' in fetch(url) and indexed_pages(base) > 0
        text = measure.read_text(encoding="utf-8")
        measure.write_text(text.replace("title: Telephone calls", "title: Phone calls", 1), encoding="utf-8")
        assert wait_for(url, "Phone calls answered within six rings", server), (tmp_path / "serve.log").read_text()
        assert "built the preview with Zensical" in (tmp_path / "serve.log").read_text()
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
    assert not list(project.glob(".charterkit-preview-*"))  # the preview's folder is removed
