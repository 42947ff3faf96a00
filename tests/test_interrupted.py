"""A build stopped at any moment leaves the previous site as it was and, by the next build, no
temporary folders; reproducible builds give the same bytes in another folder at another time."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_build import make_project


def tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()
    }


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site.") and p.is_dir())


@pytest.mark.parametrize(("sig", "delays"), [(signal.SIGTERM, [0.3, 0.8, 1.2, 1.6]), (signal.SIGKILL, [0.5, 1.0, 1.5])])
def test_a_stopped_build_keeps_the_previous_site(tmp_path: Path, sig: signal.Signals, delays: list[float]) -> None:
    project = make_project(tmp_path)
    command = [sys.executable, "-m", "generator", "build", "data"]
    subprocess.run(command, cwd=project, check=True, capture_output=True)
    before = tree(project / "site")
    measure = project / "data" / "measures" / "calls-answered-in-six-rings.yml"
    measure.write_text(measure.read_text(encoding="utf-8").replace("value: 91.2", "value: 91.3"), encoding="utf-8")
    stopped = 0
    for delay in delays:
        build = subprocess.Popen(command, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        if build.poll() is None:
            build.send_signal(sig)
        build.wait(timeout=60)
        if build.returncode == 0:
            continue  # it finished first: nothing to check at this delay
        stopped += 1
        assert tree(project / "site") == before, f"site changed after {sig.name} at {delay} s"
        if sig == signal.SIGTERM:
            assert leftovers(project) == [], f"temporary folders after SIGTERM at {delay} s"
    assert stopped >= 2, "the builds finished before they could be stopped; the check saw nothing"
    subprocess.run(command, cwd=project, check=True, capture_output=True)
    assert leftovers(project) == []
    assert "91.3%" in (project / "site" / "performance" / "calls-answered-in-six-rings" / "index.html").read_text()


def test_builds_are_reproducible(tmp_path: Path) -> None:
    sites = []
    for name in ("one", "two"):
        project = make_project(tmp_path / name)
        env = os.environ | {"SOURCE_DATE_EPOCH": "1795392000"}
        subprocess.run(
            [sys.executable, "-m", "generator", "build", "data"], cwd=project, env=env, check=True, capture_output=True
        )
        sites.append(tree(project / "site"))
        time.sleep(1.1)  # a different second on the clock
    assert len(sites[0]) > 100
    assert sites[0] == sites[1]
