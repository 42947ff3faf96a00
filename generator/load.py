"""Read YAML files as people typed them, keeping the line and column of every key and item.

PyYAML's default resolver turns `12:30` into 750, `NO` into False and `0755` into 493, and keeps
the last of two duplicate keys without a word. Here every scalar stays the text that was written
(the typed models convert numbers, dates and booleans where a field asks for them), duplicate keys,
aliases, tags and tabs are errors, and each value remembers where it came from.
"""

from __future__ import annotations

import errno
import hashlib
import os
import pickle
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.problems import Problem, describe
from generator.syntax import DEEP, MAX_DEPTH, meaning, too_deep

try:  # libyaml is several times faster; the pure-Python loader is only a fallback.
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as Loader  # type: ignore[assignment]

MAX_BYTES = 5_000_000

Path_ = tuple[str | int, ...]
Marks = dict[Path_, tuple[int, int]]

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
_NULL = "tag:yaml.org,2002:null"
_NULL_TEXT = re.compile(r"~|null|Null|NULL|")
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_INT_12 = re.compile(r"[-+]?(0|[1-9][0-9]*)|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT_12 = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


@dataclass
class Document:
    """One file's data, with the position of every key and list item it holds."""

    file: str
    data: dict[str, Any]
    marks: Marks = field(default_factory=dict)
    body: str = ""
    body_line: int = 0
    content: str = ""
    """A hash of the file's bytes, when it was read from one."""

    def position(self, path: Path_) -> tuple[int, int]:
        """Line and column of the deepest part of `path` that exists in the file."""
        for end in range(len(path), -1, -1):
            mark = self.marks.get(tuple(path[:end]))
            if mark:
                return mark
        return (1, 1)

    def problem(self, path: Path_, message: str, severity: str = "error") -> Problem:
        line, column = self.position(path)
        return Problem(self.file, line, column, format_path(path), message, severity)  # type: ignore[arg-type]


def format_path(path: Path_) -> str:
    """`('commitments', 2, 'target')` → `commitments[2].target`, as people see it in messages."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif not _PLAIN_KEY.fullmatch(part):
            text += f'["{part}"]'
        else:
            text += f".{part}" if text else part
    return text


@dataclass
class Limits:
    """Limits on what one file may hold; `charterkit --max-file-size` changes the size."""

    max_bytes: int = MAX_BYTES


LIMITS = Limits()


_NOT_A_FILE = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFDIR: "a folder",
}


def read_bytes(path: Path, file: str, max_bytes: int | None = None) -> tuple[bytes | None, list[Problem]]:
    """A data file's bytes, read only if it is a regular file no larger than the limit.

    The file is opened without blocking and checked on the open handle: opening a named pipe
    would otherwise wait for a writer for ever, and a device could be read without end. No more
    than the limit (and one byte) is ever read.
    """
    max_bytes = LIMITS.max_bytes if max_bytes is None else max_bytes
    try:
        kind = stat.S_IFMT(path.stat().st_mode)
    except OSError as error:
        return None, [Problem(file, 1, 1, "", unreadable(error))]
    if kind != stat.S_IFREG:  # a socket cannot even be opened: say what it is first
        return None, [Problem(file, 1, 1, "", _not_a_file(kind))]
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        return None, [Problem(file, 1, 1, "", unreadable(error))]
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):  # replaced since it was looked at
            return None, [Problem(file, 1, 1, "", _not_a_file(stat.S_IFMT(info.st_mode)))]
        if info.st_size > max_bytes:
            return None, [Problem(file, 1, 1, "", _too_big(info.st_size, max_bytes))]
        os.set_blocking(handle, True)
        chunks = []
        left = max_bytes + 1
        while left > 0 and (chunk := os.read(handle, min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks), []
    except OSError as error:
        return None, [Problem(file, 1, 1, "", unreadable(error))]
    finally:
        os.close(handle)


def _not_a_file(kind: int) -> str:
    if kind == stat.S_IFDIR:
        return "is a folder, but it must be a file; move the folder away and write the file in its place"
    return f"is {_NOT_A_FILE.get(kind, 'not a regular file')}, not a file; remove it from the data folder"


def unreadable(error: OSError) -> str:
    """Why a file cannot be read, with what to do about it."""
    if error.errno == errno.ELOOP:
        return "is a link that leads back to itself (a loop); remove the link or copy the file in its place"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "cannot be read: permission denied; let your account read the file (or copy it afresh)"
    if error.errno == errno.ENOENT:
        return "cannot be read: it is a link to a file that does not exist; remove the link or copy the file in"
    return f"cannot be read: {error.strerror}"


def _too_big(size: int, max_bytes: int) -> str:
    return f"file is {size:,} bytes; the limit is {max_bytes:,}; split it into smaller files"


def read_text(path: Path, file: str, max_bytes: int | None = None) -> tuple[str | None, list[Problem]]:
    """The file as text, or the reason it cannot be read as UTF-8 YAML."""
    raw, problems = read_bytes(path, file, max_bytes)
    if raw is None:
        return None, problems
    return decode(raw, file, max_bytes)


def decode(raw: bytes, file: str, max_bytes: int | None = None) -> tuple[str | None, list[Problem]]:
    """UTF-8 text from a file's bytes (a byte-order mark is dropped, CRLF becomes LF)."""
    max_bytes = LIMITS.max_bytes if max_bytes is None else max_bytes

    def fail(message: str, line: int = 1, column: int = 1) -> tuple[None, list[Problem]]:
        return None, [Problem(file, line, column, "", message)]

    if len(raw) > max_bytes:
        return fail(_too_big(len(raw), max_bytes))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return fail("file is saved as UTF-16; save it as UTF-8")
    if b"\x00" in raw:
        return fail("file is binary, not text; expected UTF-8 YAML")
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        byte = raw[error.start]
        return fail(f"not UTF-8 text: byte 0x{byte:02X} cannot be read; save the file as UTF-8", line, column)
    text = text.replace("\r\n", "\n")
    if control := _CONTROL.search(text):
        line = text.count("\n", 0, control.start()) + 1
        column = control.start() - (text.rfind("\n", 0, control.start()) + 1) + 1
        code = ord(control.group())
        return fail(f"contains a control character (0x{code:02X}) that YAML does not allow; remove it", line, column)
    return text, []


class ParseCache:
    """Parsed files keyed by their bytes and name, kept between builds (a rebuild after a one-value
    change parses one file). Only files that parsed cleanly are kept; a missing or unreadable
    cache is simply rebuilt.

    On disk it is a folder of 256 shards, by the key's first two digits, so a change rewrites one
    shard rather than every file's entry (the whole was 80 MB for a national publication). In
    memory it also keeps each file's validated model for as long as the cache lives: `serve`
    keeps one cache across its regenerations, so an unchanged file is neither read into a model
    nor checked again."""

    VERSION = 2

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.entries: dict[str, tuple[dict[str, Any], Marks]] = {}
        self.models: dict[tuple[str, ...], Any] = {}
        self.used: set[str] = set()
        self.models_used: set[tuple[str, ...]] = set()
        self.changed: set[str] = set()  # shards with an entry added
        self.loaded: dict[str, int] = {}  # shard -> how many entries it held on disk
        if folder is not None and folder.is_dir():
            for shard in folder.glob("*.pickle"):
                try:
                    with shard.open("rb") as handle:
                        version, entries = pickle.load(handle)
                except Exception:
                    continue  # a damaged shard is rebuilt, never trusted
                if version == self.VERSION and isinstance(entries, dict):
                    self.entries.update(entries)
                    self.loaded[shard.stem] = len(entries)

    @staticmethod
    def key(raw: bytes, file: str) -> str:
        return hashlib.blake2b(raw + b"\0" + file.encode(), digest_size=16).hexdigest()

    def get(self, key: str, file: str) -> Document | None:
        entry = self.entries.get(key)
        if entry is None:
            return None
        self.used.add(key)
        return Document(file, entry[0], entry[1])

    def put(self, key: str, document: Document) -> None:
        self.entries[key] = (document.data, document.marks)
        self.used.add(key)
        self.changed.add(key[:2])

    @property
    def added(self) -> bool:
        return bool(self.changed)

    def model(self, key: tuple[str, ...]) -> Any:
        """A model validated from the same bytes, path and settings earlier in this process."""
        found = self.models.get(key)
        if found is not None:
            self.models_used.add(key)
        return found

    def keep_model(self, key: tuple[str, ...], model: Any) -> None:
        self.models[key] = model
        self.models_used.add(key)

    def save(self) -> None:
        """Writes the shards that gained or lost an entry, and forgets what this build did not use
        (the next build starts with only what this one read)."""
        kept: dict[str, dict[str, tuple[dict[str, Any], Marks]]] = {}
        for key in self.used:
            kept.setdefault(key[:2], {})[key] = self.entries[key]
        self.entries = {key: entry for shard in kept.values() for key, entry in shard.items()}
        self.models = {key: model for key, model in self.models.items() if key in self.models_used}
        self.used, self.models_used = set(), set()
        if self.folder is None:
            return
        stale = {shard for shard, count in self.loaded.items() if len(kept.get(shard, ())) != count}
        for shard in sorted(self.changed | stale):
            self.folder.mkdir(parents=True, exist_ok=True)
            target = self.folder / f"{shard}.pickle"
            entries = kept.get(shard)
            if not entries:
                target.unlink(missing_ok=True)
                continue
            temporary = target.with_name(f"{shard}.{os.getpid()}.tmp")  # two builds never share one
            with temporary.open("wb") as handle:
                pickle.dump((self.VERSION, entries), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, target)
        self.loaded = {shard: len(entries) for shard, entries in kept.items()}
        self.changed = set()


def parse_file(path: Path, file: str, cache: ParseCache | None = None) -> tuple[Document | None, list[Problem]]:
    """Read and parse one YAML file, from the cache when its bytes are unchanged."""
    raw, problems = read_bytes(path, file)
    if raw is None:
        return None, problems
    key = ParseCache.key(raw, file) if cache else ""
    if cache and (hit := cache.get(key, file)):
        hit.content = content_hash(raw)
        return hit, []
    text, problems = decode(raw, file)
    if text is None:
        return None, problems
    document, problems = load_yaml(text, file)
    if document is not None:
        document.content = content_hash(raw)
    if cache and document is not None and not problems:
        cache.put(key, document)
    return document, problems


def content_hash(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def load_yaml(
    text: str, file: str, *, typed: bool = False, line_offset: int = 0
) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML document into plain dicts, lists and strings (None for an empty value).

    With `typed=True`, scalars are resolved by YAML 1.2's core schema instead (numbers, booleans,
    null) - the way an editor reads the file against its JSON Schema.
    """
    problems = tab_problems(text, file, line_offset)
    if problems:
        return None, problems
    builder = _Builder(file, typed, line_offset)
    try:
        events = yaml.parse(text, Loader=Loader)
        for event in events:
            if builder.feed(event):
                break
        if not builder.problems:
            builder.problems.extend(_second_document(events, file, line_offset))
    except yaml.YAMLError as error:
        return None, [syntax_problem(error, text, file, line_offset)]
    if builder.problems:
        return None, builder.problems
    if not builder.documents:
        return None, [Problem(file, 1 + line_offset, 1, "", "file is empty; expected a mapping of keys and values")]
    root, (line, column) = builder.documents[0]
    if not isinstance(root, dict):
        found = "a list" if isinstance(root, list) else describe(root)
        message = f"expected a mapping of keys and values at the top level, got {found}"
        return None, [Problem(file, line, column, "", message)]
    return Document(file, root, builder.marks), []


SECOND_DOCUMENT = (
    "a second document starts here; a data file holds one document — remove the '---' line or split the file"
)


def _second_document(events: Iterator[yaml.Event], file: str, line_offset: int) -> list[Problem]:
    """A second document after `---` would be dropped without a word: the loader reads the
    first. Only the event after the first document is read, so whatever follows is never parsed."""
    event = next(events, None)
    if not isinstance(event, yaml.DocumentStartEvent):
        return []
    line, column = (event.start_mark.line + 1, event.start_mark.column + 1) if event.start_mark else (1, 1)
    return [Problem(file, line + line_offset, column, "", SECOND_DOCUMENT)]


def syntax_problem(error: yaml.YAMLError, text: str, file: str, line_offset: int) -> Problem:
    """The problem libyaml found, located and worded by charterkit (see `generator.syntax`)."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    end = mark.index if mark else len(text)
    deep = too_deep(text, end)
    if deep is not None:
        line = text.count("\n", 0, deep) + 1
        column = deep - (text.rfind("\n", 0, deep) + 1) + 1
        return Problem(file, line + line_offset, column, "", DEEP)
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem, context = getattr(error, "problem", None), getattr(error, "context", None)
    if located := _closer_look(text, line, column, problem or ""):
        line, column, message = located
    else:
        message = meaning(problem, context)
    return Problem(file, line + line_offset, column, "", message)


_NO_SPACE = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_-]*):(?=[^\s:])(.*)$")
_KEY_VALUE = re.compile(r"^(\s*(?:-\s+)?[A-Za-z_][A-Za-z0-9_-]*):\s+(.*?)\s*$")


def _closer_look(text: str, line: int, column: int, problem: str) -> tuple[int, int, str] | None:
    """Two mistakes libyaml words for programmers, read from the lines themselves: `note:Missing`
    (no space after the colon, reported a line or more later) and a value holding `: `."""
    lines = text.split("\n")
    if "could not find expected ':'" in problem or "simple key" in problem:
        for number in range(min(line, len(lines)), max(line - 3, 0), -1):
            if found := _NO_SPACE.match(lines[number - 1]):
                key, rest = found.group(2), found.group(3)
                shown = rest if len(rest) <= 30 else rest[:27] + "..."
                message = f"put a space after the colon: write '{key}: {shown}', not '{key}:{shown}'"
                return number, len(found.group(1)) + len(key) + 2, message
    if "mapping values are not allowed" in problem and 0 < line <= len(lines):
        found = _KEY_VALUE.match(lines[line - 1])
        if found and column > len(found.group(1)) + 1 and ": " in found.group(2):
            value = found.group(2)
            quote = "'" if '"' in value else '"'
            if quote not in value:
                written = value if len(value) <= 40 else value[:37] + "..."
                key = found.group(1).strip().removeprefix("- ").strip()
                message = (
                    f"the text holds ': ', which YAML reads as a new key; put the text in quotes: "
                    f"{key}: {quote}{written}{quote}"
                )
                return line, len(found.group(1)) + 3, message
    return None


def tab_problems(text: str, file: str, line_offset: int) -> list[Problem]:
    if "\t" not in text:
        return []
    for number, line in enumerate(text.split("\n"), start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent] and line.strip():
            column = line.index("\t") + 1
            return [Problem(file, number + line_offset, column, "", "tab used for indentation; indent with spaces")]
    return []


_EXPECT_KEY = object()


class _Frame:
    """An open mapping or list while its events arrive."""

    __slots__ = ("container", "first_line", "key", "path")

    def __init__(self, container: dict[str, Any] | list[Any], path: Path_) -> None:
        self.container = container
        self.path = path
        self.key: Any = _EXPECT_KEY
        self.first_line: dict[str, int] = {}


class _Builder:
    """Builds plain values straight from libyaml's parser events, in one pass and no recursion.

    Nothing is resolved by PyYAML (which would turn `12:30` into 750) and no node graph is made,
    so an alias can never be expanded and nesting depth is only a counter.
    """

    def __init__(self, file: str, typed: bool, line_offset: int) -> None:
        self.file = file
        self.typed = typed
        self.offset = line_offset
        self.marks: Marks = {}
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.documents: list[tuple[Any, tuple[int, int]]] = []
        self.root_mark = (1 + line_offset, 1)
        self.alias_reported = False

    def where(self, event: yaml.Event) -> tuple[int, int]:
        mark = event.start_mark
        return (mark.line + 1 + self.offset, mark.column + 1) if mark else (1, 1)

    def fail(self, event: yaml.Event, path: Path_, message: str) -> None:
        line, column = self.where(event)
        self.problems.append(Problem(self.file, line, column, format_path(path), message))

    def feed(self, event: yaml.Event) -> bool:
        """Take one event; True once the first document is complete (or nesting is too deep)."""
        if isinstance(event, yaml.ScalarEvent | yaml.AliasEvent):
            self.node(event)
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            path = self.child_path(event)
            self.check_tag(event, path)
            if len(self.stack) >= MAX_DEPTH:
                self.fail(event, path, DEEP)
                return True
            container: dict[str, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
            self.stack.append(_Frame(container, path))
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            frame = self.stack.pop()
            if self.expects_key():
                self.key(event, frame.container)
            else:
                self.attach(frame.container)
        elif isinstance(event, yaml.DocumentEndEvent):
            return bool(self.documents)
        return False

    def expects_key(self) -> bool:
        return bool(self.stack) and isinstance(self.stack[-1].container, dict) and self.stack[-1].key is _EXPECT_KEY

    def child_path(self, event: yaml.Event) -> Path_:
        """The path of the node starting at `event`, recording the position of list items."""
        if not self.stack:
            self.root_mark = self.where(event)
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            path = (*frame.path, len(frame.container))
            self.marks[path] = self.where(event)
            return path
        if frame.key is _EXPECT_KEY:
            return frame.path
        return (*frame.path, frame.key)

    def node(self, event: yaml.ScalarEvent | yaml.AliasEvent) -> None:
        if self.expects_key():
            self.key(event, event.value if isinstance(event, yaml.ScalarEvent) and event.tag is None else None)
            return
        path = self.child_path(event)
        if isinstance(event, yaml.AliasEvent):
            if not self.alias_reported:
                self.alias_reported = True
                message = "anchors and aliases (&name, *name) are not supported; write the value out in full"
                self.fail(event, path, message)
            self.attach(None)
            return
        self.attach(self.scalar(event, path))

    def key(self, event: yaml.Event, value: Any) -> None:
        frame = self.stack[-1]
        frame.key = None  # until the key is accepted, its value is read and dropped
        if not isinstance(event, yaml.ScalarEvent) or not isinstance(value, str):
            self.fail(event, frame.path, "keys must be plain words")
        elif value == "<<":
            self.fail(event, frame.path, "merge keys (<<) are not supported; write the values out in full")
        elif value in frame.first_line:
            self.fail(event, (*frame.path, value), f"duplicate key '{value}' (first at line {frame.first_line[value]})")
        else:
            line, column = self.where(event)
            frame.first_line[value] = line
            frame.key = value
            self.marks[(*frame.path, value)] = (line, column)

    def attach(self, value: Any) -> None:
        if not self.stack:
            self.documents.append((value, self.root_mark))
            return
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            frame.container.append(value)
        else:
            if frame.key is not None:
                frame.container[frame.key] = value
            frame.key = _EXPECT_KEY

    def check_tag(self, event: yaml.NodeEvent, path: Path_) -> bool:
        tag = getattr(event, "tag", None)
        if tag is None or tag == "!" or tag in _STANDARD_TAGS:
            return True
        self.fail(event, path, f"tags like '{tag}' are not supported; remove the tag")
        return False

    def scalar(self, event: yaml.ScalarEvent, path: Path_) -> Any:
        if not self.check_tag(event, path):
            return None
        plain = not event.style  # libyaml gives "" for plain scalars, PyYAML None
        if plain and (event.tag is None or event.tag == _NULL) and _NULL_TEXT.fullmatch(event.value):
            return None
        if self.typed and plain and event.tag is None:
            return _core_schema(event.value)
        return event.value


def _core_schema(text: str) -> Any:
    """A plain scalar as YAML 1.2's core schema reads it (no sexagesimals, no yes/no booleans)."""
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if _INT_12.fullmatch(text):
        return int(text, 0) if text.startswith(("0o", "0x")) else int(text)
    if _FLOAT_12.fullmatch(text):
        return float(text)
    return text


def split_front_matter(text: str, file: str) -> tuple[str | None, str, int, list[Problem]]:
    """Separate a Markdown post's `---` front matter from its body; returns the body's first line."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return (
            None,
            text,
            1,
            [Problem(file, 1, 1, "", "expected front matter: a first line '---', then title and date, then '---'")],
        )
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2, []
    return None, text, 1, [Problem(file, 1, 1, "", "front matter is not closed; add a line '---' after it")]
