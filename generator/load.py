"""Read YAML files as people typed them, keeping the line and column of every key and item.

PyYAML's default resolver turns `12:30` into 750, `NO` into False and `0755` into 493, and keeps
the last of two duplicate keys without a word. Here every scalar stays the text that was written
(the typed models convert numbers, dates and booleans where a field asks for them), duplicate keys,
aliases, tags and tabs are errors, and each value remembers where it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.problems import Problem

try:  # libyaml is several times faster; the pure-Python loader is only a fallback.
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as Loader  # type: ignore[assignment]

MAX_BYTES = 5_000_000
MAX_DEPTH = 40
_SCAN_ABOVE = 1000

Path_ = tuple[str | int, ...]
Marks = dict[Path_, tuple[int, int]]

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
_NULL = "tag:yaml.org,2002:null"
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


def read_text(path: Path, file: str, max_bytes: int = MAX_BYTES) -> tuple[str | None, list[Problem]]:
    """The file as text, or the reason it cannot be read as UTF-8 YAML."""

    def fail(message: str, line: int = 1, column: int = 1) -> tuple[None, list[Problem]]:
        return None, [Problem(file, line, column, "", message)]

    try:
        raw = path.read_bytes()
    except OSError as error:
        return fail(f"cannot be read: {error.strerror}")
    if len(raw) > max_bytes:
        return fail(f"file is {len(raw):,} bytes; the limit is {max_bytes:,}; split it into smaller files")
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


def load_yaml(
    text: str, file: str, *, typed: bool = False, line_offset: int = 0
) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML document into plain dicts, lists and strings (None for an empty value).

    With `typed=True`, scalars are resolved by YAML 1.2's core schema instead (numbers, booleans,
    null) - the way an editor reads the file against its JSON Schema.
    """
    problems = _tabs(text, file, line_offset)
    if problems:
        return None, problems
    try:
        if _may_be_too_deep(text):
            problems = _depth(text, file, line_offset)
            if problems:
                return None, problems
        root = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = error.problem or "not valid YAML"
        if error.context:
            reason = f"{reason} ({error.context})"
        return None, [Problem(file, line + line_offset, column, "", f"not valid YAML: {reason}")]
    except yaml.YAMLError as error:
        return None, [Problem(file, 1 + line_offset, 1, "", f"not valid YAML: {error}")]
    if root is None:
        return None, [Problem(file, 1 + line_offset, 1, "", "file is empty; expected a mapping of keys and values")]
    if not isinstance(root, yaml.MappingNode):
        line, column = root.start_mark.line + 1 + line_offset, root.start_mark.column + 1
        found = "a list" if isinstance(root, yaml.SequenceNode) else f"'{root.value}'"
        return None, [
            Problem(file, line, column, "", f"expected a mapping of keys and values at the top level, got {found}")
        ]
    builder = _Builder(file, typed, line_offset)
    data = builder.build(root, (), 0)
    return Document(file, data, builder.marks), builder.problems


def _may_be_too_deep(text: str) -> bool:
    """A cheap upper bound on nesting: flow brackets plus the longest line (block indentation).

    libyaml's composer recurses once per level and crashes the interpreter on a document nested
    tens of thousands deep, so such documents are measured with the parser's events first.
    """
    depth = peak = 0
    for bracket in re.finditer(r"[\[\]{}]", text):
        depth += 1 if bracket.group() in "[{" else -1
        peak = max(peak, depth)
    return peak + max(map(len, text.split("\n"))) > _SCAN_ABOVE


def _depth(text: str, file: str, line_offset: int) -> list[Problem]:
    depth = 0
    for event in yaml.parse(text, Loader=Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                line, column = (event.start_mark.line + 1, event.start_mark.column + 1) if event.start_mark else (1, 1)
                return [Problem(file, line + line_offset, column, "", f"nested more than {MAX_DEPTH} levels deep")]
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return []


def _tabs(text: str, file: str, line_offset: int) -> list[Problem]:
    if "\t" not in text:
        return []
    for number, line in enumerate(text.split("\n"), start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent] and line.strip():
            column = line.index("\t") + 1
            return [Problem(file, number + line_offset, column, "", "tab used for indentation; indent with spaces")]
    return []


class _Builder:
    """Turns composed nodes into plain values; one instance per file."""

    def __init__(self, file: str, typed: bool, line_offset: int) -> None:
        self.file = file
        self.typed = typed
        self.offset = line_offset
        self.marks: Marks = {}
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.alias_reported = False

    def fail(self, node: yaml.Node, path: Path_, message: str) -> None:
        mark = node.start_mark
        self.problems.append(
            Problem(self.file, mark.line + 1 + self.offset, mark.column + 1, format_path(path), message)
        )

    def mark(self, path: Path_, node: yaml.Node) -> None:
        self.marks[path] = (node.start_mark.line + 1 + self.offset, node.start_mark.column + 1)

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        if id(node) in self.seen:  # the composer shares the node an alias points to
            if not self.alias_reported:
                self.alias_reported = True
                where = path[:-1] if path and isinstance(path[-1], int) else path
                line, column = self.marks.get(where, (1, 1))
                message = "anchors and aliases (&name, *name) are not supported; write the value out in full"
                self.problems.append(Problem(self.file, line, column, format_path(path), message))
            return None
        self.seen.add(id(node))
        if node.tag not in _STANDARD_TAGS:
            self.fail(node, path, f"tags like '{node.tag}' are not supported; remove the tag")
            return None
        if depth > MAX_DEPTH:
            self.fail(node, path, f"nested more than {MAX_DEPTH} levels deep")
            return None
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                self.mark((*path, index), item)
                items.append(self.build(item, (*path, index), depth + 1))
            return items
        assert isinstance(node, yaml.MappingNode)
        return self.mapping(node, path, depth)

    def mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == "<<":
                self.fail(key_node, path, "merge keys (<<) are not supported; write the values out in full")
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _STANDARD_TAGS:
                self.fail(key_node, path, "keys must be plain words")
                continue
            key = key_node.value
            if key in first_line:
                self.fail(key_node, (*path, key), f"duplicate key '{key}' (first at line {first_line[key]})")
                continue
            first_line[key] = key_node.start_mark.line + 1 + self.offset
            self.mark((*path, key), key_node)
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result

    def scalar(self, node: yaml.ScalarNode) -> Any:
        plain = node.style is None or node.style == ""
        if node.tag == _NULL and plain:
            return None
        if not (self.typed and plain):
            return node.value
        return _core_schema(node.value)


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
