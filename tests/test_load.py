"""The loader keeps values as typed, knows where each came from, and refuses unsafe YAML."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.load import format_path, load_yaml, read_text, split_front_matter
from tests.conftest import DATA


def load(text: str, typed: bool = False):  # type: ignore[no-untyped-def]
    document, problems = load_yaml(text, "f.yml", typed=typed)
    assert document is not None, problems
    assert problems == []
    return document


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("12:30", "12:30"),
        ("08:30", "08:30"),
        ("NO", "NO"),
        ("0755", "0755"),
        ("1.10", "1.10"),
        ("yes", "yes"),
        ("2024-25", "2024-25"),
    ],
)
def test_scalars_stay_as_typed(written: str, kept: str) -> None:
    assert load(f"value: {written}\n").data == {"value": kept}


def test_empty_and_null_values_are_none() -> None:
    assert load("a:\nb: ~\nc: null\nd: 'null'\n").data == {"a": None, "b": None, "c": None, "d": "null"}


def test_typed_mode_reads_yaml_1_2_core_schema() -> None:
    data = load("a: 12:30\nb: NO\nc: 0755\nd: 1.10\ne: true\nf: 0x1F\ng: '7'\nh: ~\n", typed=True).data
    assert data == {"a": "12:30", "b": "NO", "c": 755, "d": 1.1, "e": True, "f": 31, "g": "7", "h": None}


def test_positions_of_keys_and_items() -> None:
    document = load("title: x\nitems:\n  - id: a\n  - id: b\n    text: y\n")
    assert document.marks[("title",)] == (1, 1)
    assert document.marks[("items", 1)] == (4, 5)
    assert document.marks[("items", 1, "text")] == (5, 5)
    assert document.position(("items", 1, "missing")) == (4, 5)


def test_duplicate_key_is_an_error_naming_the_first() -> None:
    _, problems = load_yaml("a: 1\nb: 2\na: 3\n", "f.yml")
    assert [str(p) for p in problems] == ["f.yml:3:1: a: duplicate key 'a' (first at line 1)"]


def test_alias_bomb_is_rejected_without_expanding() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 30):  # 10**30 strings if expanded: finishing at all proves it is not
        prev = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([prev] * 10)}]")
    _, problems = load_yaml("\n".join(lines) + "\n", "bomb.yml")
    assert [p.message for p in problems] == [
        "anchors and aliases (&name, *name) are not supported; write the value out in full"
    ]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: " + "[" * 60 + "]" * 60 + "\n", (1, 43)),
        ("a: " + "[" * 100_000 + "]" * 100_000 + "\n", (1, 43)),  # libyaml 6.0.4 fails first here
        ("a: " + "[" * 2_000 + "\n", (1, 43)),  # never closed either
        ("a: " + "{x: " * 60 + "1" + "}" * 60 + "\n", (1, 160)),
        ("".join(" " * level + f"k{level}:\n" for level in range(1_500)), (41, 41)),
        ("a: '[[[[' # [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\nb: " + "[" * 1_200 + "\n", (2, 43)),
    ],
)
def test_deep_nesting_is_rejected_in_our_words(text: str, where: tuple[int, int]) -> None:
    """Deep nesting would exhaust libyaml; the message and place are charterkit's, whatever libyaml says."""
    _, problems = load_yaml(text, "deep.yml")
    assert [(p.line, p.column, p.message) for p in problems] == [(*where, "nested more than 40 levels deep")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "title: a: b\n",
            "1:8: the text holds ': ', which YAML reads as a new key; put the text in quotes: title: \"a: b\"",
        ),
        (
            "a: - b\n",
            "1:4: a list item ('- ') cannot start here; start the list on its own line, indented under its key",
        ),
        ("a: [1, 2\nb: 3\n", "2:2: a list in [ ] is not closed; check its commas and the closing ]"),
        ("a: {x: 1\nb: 2\n", "2:2: a mapping in { } is not closed; check its commas and the closing }"),
        ('a: "abc\n', "2:1: a quoted value is not closed; add the closing quote mark"),
        ("a: 'it''s\n", "2:1: a quoted value is not closed; add the closing quote mark"),
        ('a: "\\q"\n', '1:5: a backslash in a "double-quoted" value starts an unknown code; use single quotes instead'),
        ("a: @x\n", "1:4: a value cannot start with this character; put the value in quotes"),
        ("a: `x`\n", "1:4: a value cannot start with this character; put the value in quotes"),
        (
            "a:\n  b: 1\n c: 2\n",
            "3:2: the indentation here does not line up with the lines above; indent keys of the same level alike",
        ),
        (
            "%FOO bar\n---\na: 1\n",
            "1:5: not valid YAML here; check the indentation, colons, quotes and brackets "
            "on this line and the one above",
        ),
    ],
)
def test_syntax_errors_are_worded_by_charterkit(text: str, expected: str) -> None:
    """libyaml's wording changes between releases and speaks to programmers; these messages do neither."""
    _, problems = load_yaml(text, "f.yml")
    assert [f"{p.line}:{p.column}: {p.message}" for p in problems] == [expected]


def test_byte_order_mark_and_crlf_are_read(tmp_path: Path) -> None:
    path = tmp_path / "f.yml"
    path.write_bytes(b"\xef\xbb\xbftitle: Caf\xc3\xa9\r\nunit: council\r\n")
    text, problems = read_text(path, "f.yml")
    assert problems == []
    assert text is not None
    assert load(text).data == {"title": "Café", "unit": "council"}


def test_utf16_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "f.yml"
    path.write_bytes("title: x\n".encode("utf-16"))
    _, problems = read_text(path, "f.yml")
    assert [str(p) for p in problems] == ["f.yml:1:1: file is saved as UTF-16; save it as UTF-8"]


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "f.yml"
    path.write_text("a: " + "x" * 200 + "\n")
    _, problems = read_text(path, "f.yml", max_bytes=100)
    assert [p.message for p in problems] == ["file is 204 bytes; the limit is 100; split it into smaller files"]


def test_front_matter_lines_count_from_the_file_start() -> None:
    front, body, body_line, problems = split_front_matter("---\ntitle: x\nbad key\n---\nBody\n", "p.md")
    assert problems == [] and front is not None
    assert (body, body_line) == ("Body\n", 5)
    _, parse_problems = load_yaml(front, "p.md", line_offset=1)
    assert parse_problems[0].line == 4


def test_paths_read_like_the_file() -> None:
    assert format_path(("commitments", 2, "standards", 0, "target")) == "commitments[2].standards[0].target"
    assert format_path(("ratings", "1.2")) == 'ratings["1.2"]'


def test_parse_cache_reuses_unchanged_files_only(tmp_path: Path) -> None:
    from generator.load import ParseCache, parse_file

    source = tmp_path / "f.yml"
    source.write_text("title: One\nopens: '08:30'\n")
    store = tmp_path / "cache" / "parsed"
    cache = ParseCache(store)
    first, _ = parse_file(source, "f.yml", cache)
    cache.save()
    assert [p.name for p in store.iterdir()] == [f"{ParseCache.key(source.read_bytes(), 'f.yml')[:2]}.pickle"]

    warm = ParseCache(store)
    again, _ = parse_file(source, "f.yml", warm)
    assert again is not None and first is not None
    assert (again.data, again.marks) == (first.data, first.marks)
    assert warm.added is False  # served from the cache

    source.write_text("title: Two\n")
    changed, _ = parse_file(source, "f.yml", warm)
    assert changed is not None and changed.data == {"title": "Two"} and warm.added is True

    for shard in store.iterdir():
        shard.write_bytes(b"not a pickle")
    assert ParseCache(store).entries == {}  # a damaged cache is rebuilt, never trusted


def test_a_change_rewrites_one_shard_of_the_parse_cache(tmp_path: Path) -> None:
    from generator.load import ParseCache, parse_file

    files = []
    for n in range(40):
        files.append(tmp_path / f"f{n}.yml")
        files[-1].write_text(f"title: File {n}\n")
    store = tmp_path / "parsed"
    cache = ParseCache(store)
    for path in files:
        parse_file(path, path.name, cache)
    cache.save()
    written = {p.name: p.stat().st_mtime_ns for p in store.iterdir()}
    assert len(written) > 20  # spread over shards

    files[0].write_text("title: Changed\n")
    warm = ParseCache(store)
    for path in files:
        parse_file(path, path.name, warm)
    warm.save()
    now = {p.name: p.stat().st_mtime_ns for p in store.iterdir()}
    old_shard = f"{ParseCache.key(b'title: File 0' + chr(10).encode(), 'f0.yml')[:2]}.pickle"
    new_shard = f"{ParseCache.key(files[0].read_bytes(), 'f0.yml')[:2]}.pickle"
    rewritten = {name for name in now if written.get(name) != now[name]} | (set(written) - set(now))
    assert rewritten == {old_shard, new_shard}  # the stale entry's shard and the new one's
    again = ParseCache(store)
    assert len(again.entries) == 40  # the old entry is gone, the new one kept


def test_a_kept_cache_gives_back_the_model_validated_from_the_same_bytes(tmp_path: Path) -> None:
    from generator.load import ParseCache
    from generator.publication import read_publication

    shutil.copytree(DATA, tmp_path / "data")
    cache = ParseCache(None)
    first, _ = read_publication(tmp_path / "data", cache)
    cache.save()
    measure = tmp_path / "data" / "measures" / "recycling-rate.yml"
    measure.write_text(measure.read_text().replace("    value: 45.2\n", "    value: 45.3\n", 1))
    second, _ = read_publication(tmp_path / "data", cache)
    assert second.charters["corporate"] is first.charters["corporate"]  # not validated again
    assert second.measures["recycling-rate"] is not first.measures["recycling-rate"]
    assert 45.3 in [r.value for r in second.measures["recycling-rate"].results]
    assert second.measures["recycling-rate"] == read_publication(tmp_path / "data")[0].measures["recycling-rate"]


def test_file_size_limit_is_configurable(publication: Path, run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("--max-file-size", "0.0002", "validate", "data")
    assert code == 1
    assert "data/site.yml:1:1: file is " in out and "bytes; the limit is 200; split it into smaller files" in out
    code, _, _ = run("validate", "data")
    assert code == 0  # the default limit is back for the next run


def test_links_out_of_the_data_folder_are_refused(publication: Path, tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    outside = tmp_path / "secret.yml"
    outside.write_text("title: not part of the publication\n")
    (publication / "charters" / "leak.yml").symlink_to(outside)
    code, out, _ = run("validate", "data")
    assert code == 1
    assert "data/charters/leak.yml:1:1: is a link to a file outside the data folder; copy the file in instead" in out
