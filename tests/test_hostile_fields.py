"""Generated hostile strings in every text and id field of every kind, file names included,
built for real and opened in a real browser: no dialog opens, no element carries an event
handler, and no address is `javascript:` or `data:`; or the data is refused cleanly.

The fields are found from the models, so a field added later is covered without a change here.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import tempfile
import threading
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pydantic
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.load import format_path
from generator.models import FOLDERS, KINDS, Site, Update
from generator.validate import validate
from tests.browser import _Quiet
from tests.conftest import CORPUS, ROOT
from tests.test_hostile import HOSTILE

# Pieces of markup, script and Markdown that hostile strings are made of.
TOKENS = [
    "<", ">", '"', "'", "&", "#", ";", "=", "/", "\\", "`", "(", ")", "[", "]", "{", "}", "!", ":", "*", "_",
    "|", "\n", "\n\n", " ", "\t", "\u200b", "\u202e", "javascript:", "JaVaScRiPt:", "data:text/html,",
    "vbscript:", "alert(1)", "<script>", "</script>", "<img src=x ", "onerror=", "onfocus=", "autofocus",
    "<svg onload=alert(1)>", "{{ 7*7 }}", "{% raw %}", "{: onclick=alert(1) }", "[x](", "]: ", "> ", "- ",
    "1. ", ": ", "&#106;", "&colon;", "%22", "</title>", "--8<--", "x",
]  # fmt: skip

hostile_text = st.one_of(
    st.sampled_from(HOSTILE), st.lists(st.sampled_from(TOKENS), min_size=1, max_size=12).map("".join)
)
hostile_name = st.lists(
    st.sampled_from(['"', "'", "<", ">", "onfocus=", "alert(1)", "x", "-", "\u200b", "\u0441", " ", "A", "con"]),
    min_size=1,
    max_size=8,
).map("".join)

CHECK_PAGE = """() => {
  const bad = [];
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase();
      if (name.startsWith('on')) bad.push(element.tagName + ' ' + name);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'srcdoc'].includes(name)
          && /^(javascript|data|vbscript):/.test(value)) bad.push(element.tagName + ' ' + name + '=' + value);
    }
  }
  return bad;
}"""


def _plain_text(annotation: Any, metadata: list[Any]) -> bool:
    """A field that takes any text: `str` or `str | None`, with no type of its own (an id, a link)."""
    if metadata:
        return False
    if annotation is str:
        return True
    args = typing.get_args(annotation)
    return typing.get_origin(annotation) in (types.UnionType, typing.Union) and set(args) == {str, type(None)}


def _models(annotation: Any) -> Iterator[type[pydantic.BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        yield annotation
        return
    for arg in typing.get_args(annotation):
        yield from _models(arg)


def text_paths(model: type[pydantic.BaseModel], data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in `data` where `model` takes plain text, found from the model's fields."""
    if not isinstance(data, dict):
        return
    for name, field in model.model_fields.items():
        key = field.alias or name
        if key not in data:
            continue
        value = data[key]
        if _plain_text(field.annotation, field.metadata) and isinstance(value, str):
            yield (*path, key)
            continue
        inner = typing.get_args(field.annotation)
        if isinstance(value, list) and inner and _plain_text(inner[0], []) and all(isinstance(v, str) for v in value):
            yield from ((*path, key, i) for i in range(len(value)))
            continue
        for sub in _models(field.annotation):
            items = value if isinstance(value, list) else [value]
            for i, item in enumerate(items):
                yield from text_paths(sub, item, (*path, key, i) if isinstance(value, list) else (*path, key))
            break


def _set(data: Any, path: tuple[Any, ...], value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _files(folder: Path) -> list[tuple[Path, type[pydantic.BaseModel]]]:
    files: list[tuple[Path, type[pydantic.BaseModel]]] = [(folder / "site.yml", Site)]
    files += [(path, KINDS[kind]) for sub, kind in FOLDERS.items() for path in sorted((folder / sub).glob("*.yml"))]
    return files


def inject(folder: Path, strings: list[str]) -> int:
    """Put the strings, in turn, into every text field of every file that takes them; returns how
    many fields hold one. A field that refuses a string (a reference, a channel's number) gets its
    own value back, so the rest can be built; the refusal itself is the clean answer there."""
    placed: dict[Path, list[tuple[tuple[Any, ...], Any]]] = {}
    count = 0
    for path, model in _files(folder):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        originals = []
        for where in list(text_paths(model, data)):
            originals.append((where, _get(data, where)))
            _set(data, where, f"{strings[count % len(strings)]} {count}")
            count += 1
        placed[path] = originals
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for post in sorted((folder / "updates").glob("*.md")):
        _, front, _ = post.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(front)
        for where in list(text_paths(Update, meta)):
            _set(meta, where, f"{strings[count % len(strings)]} {count}")
            count += 1
        body = "\n\n".join(strings)
        post.write_text(f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n{body}\n", encoding="utf-8")
    for _ in range(3):
        refused = {(p.file, p.field) for p in validate(folder)[1] if p.severity == "error"}
        if not refused:
            break
        for path, originals in placed.items():
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            for where, value in originals:
                if (str(path), format_path(where)) in refused:
                    _set(data, where, value)
                    count -= 1
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return count


def rename(folder: Path, name: str) -> bool:
    """A measure's file named `name` (its id then comes from the name); False if no file can be."""
    if "/" in name or name.strip(".") == "" or len(name.encode()) > 200:
        return False
    measure = next((folder / "measures").glob("*.yml"))
    text = measure.read_text(encoding="utf-8")
    measure.unlink()
    (folder / "measures" / f"{name}.yml").write_text(re.sub(r"^id: .*\n", "", text, flags=re.M), encoding="utf-8")
    return True


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


@pytest.fixture(scope="module")
def page(browser: Any) -> Iterator[Any]:
    """One tab of the session's Chromium, recording every dialog a page opens."""
    tab = browser.new_page()
    tab.dialogs = []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    yield tab
    tab.close()


SEEN: dict[str, int] = {"built": 0, "refused": 0, "pages": 0, "fields": 0}


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(strings=st.lists(hostile_text, min_size=1, max_size=6), name=st.none() | hostile_name)
def test_hostile_strings_in_every_field_run_no_script(page: Any, strings: list[str], name: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        shutil.copytree(CORPUS / "base", project / "data")
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        SEEN["fields"] = max(SEEN["fields"], inject(project / "data", strings))
        renamed = name is not None and rename(project / "data", name)
        before = {p: p.read_bytes() for p in (project / "data").rglob("*") if p.is_file()}
        code, err = _build(project)
        assert {p: p.read_bytes() for p in (project / "data").rglob("*") if p.is_file()} == before
        if code == 1:  # only an id that cannot be one is refused; every text was placed where it is taken
            SEEN["refused"] += 1
            # a name that cannot be an id, or one that can, which the charter no longer finds
            assert renamed and ("is also the item's id" in err or "no measure with the id" in err), err
            assert not (project / "site").exists()
            return
        assert code == 0
        SEEN["built"] += 1
        handler = functools.partial(_Quiet, directory=str(project / "site"))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            for html in sorted((project / "site").rglob("*.html")):
                address = f"http://127.0.0.1:{server.server_address[1]}/{html.relative_to(project / 'site').as_posix()}"
                page.goto(address, wait_until="load")
                page.keyboard.press("Tab")  # an autofocus or focus handler would fire now
                assert page.evaluate(CHECK_PAGE) == [], address
                assert page.dialogs == [], address
                SEEN["pages"] += 1
        finally:
            server.shutdown()


def test_the_property_run_built_and_opened_pages() -> None:
    """The property above did real work: some examples were built and opened, every field reached."""
    assert SEEN["built"] >= 1 and SEEN["pages"] >= 20, SEEN
    assert SEEN["fields"] >= 25 and SEEN["refused"] >= 1, SEEN
    print(f"hostile fields: {SEEN}")


def _build(project: Path) -> tuple[int, str]:
    import contextlib
    import io
    import os

    here = os.getcwd()
    os.chdir(project)
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["build", "data"])
    finally:
        os.chdir(here)
    assert "Traceback" not in out.getvalue() + err.getvalue()
    return code, err.getvalue()
