"""`charterkit fmt`: every data file in one canonical form, the form the browser editor saves.

Why: the editor (see `generator/editor.py`) reads a file, lets someone change a figure and writes
the whole file again. If the file in git is already in the form the editor writes, the pull request
shows only the figure that changed. So the form is fixed, and the editor's script
(`generator/editor/charterkit-editor.js`) writes exactly what `canonical` writes here; a test runs
both over every data file and compares them byte for byte.

The form, in short:

- keys in the order the models declare them (unknown keys after them, as they were);
- block style throughout: two spaces of indentation, list items indented under their key;
- text on one line, however long (never folded, so changing a word changes one line), quoted
  with double quotes only where YAML would otherwise read it differently (it starts with a digit
  or a sign, holds `: ` or ` #`, or reads as yes, no, true, false or null); text of several lines
  as a `|` block;
- numbers as JavaScript writes them (92.30 becomes 92.3), true and false, dates as 2026-10-20;
- optional keys with nothing in them (`note:`, `tags: []`) left out;
- leading and trailing spaces of texts removed (the models ignore them);
- no blank lines; an update's body is kept as written, with blank lines at its start and end
  removed.

Comments are kept, beside or above the key they were written with (the browser editor cannot keep
them: see the README). The one exception is the first-line `# yaml-language-server: $schema=...`
comment: editors now find each file's schema through the repository's settings (`.vscode/` and
`charterkit init`), so the line is removed.
"""

from __future__ import annotations

import bisect
import decimal
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from generator.load import Loader, load_yaml, read_text, split_front_matter  # type: ignore[attr-defined]
from generator.problems import CharterkitError, Problem
from generator.shape import Shape, resolve, shapes

# ---------------------------------------------------------------------------------------------
# Parsing: values as typed, with the comments around them


@dataclass(eq=False)
class N:
    """One value of a file, with the comments written above, beside and after its key or item."""

    value: Any
    index: int = 0
    indent: int = 0
    before: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    eol: str | None = None

    def comments(self) -> list[str]:
        return [*self.before, *([self.eol] if self.eol else []), *self.after]


class Plain(str):
    """A scalar written as it is: a number or a date."""


MODELINE = re.compile(r"#\s*yaml-language-server\s*:")
_NULL = re.compile(r"~|null|Null|NULL|")


def parse(text: str) -> tuple[N, list[str]]:
    """The document as nodes, and the comments after its last value. `text` has been checked by
    `load_yaml`: one document, a mapping, no aliases or tags."""
    anchors: list[tuple[int, int, N]] = []  # (index, depth, node) of each key and item
    spans: list[tuple[int, int]] = []  # where scalars are, so a '#' inside one is not a comment
    stack: list[tuple[Any, list[Any]]] = []  # (container, [pending key, key index, key indent])
    root: N | None = None
    depth = 0

    def place(node: N, event: yaml.Event) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        container, pending = stack[-1]
        if isinstance(container, list):
            mark = _start(event)
            node.index, node.indent = mark.index, _dash_column(text, mark)
            container.append(node)
            anchors.append((node.index, depth, node))
        else:
            node.index, node.indent = pending[1], pending[2]
            container[pending[0]] = node
            anchors.append((node.index, depth, node))
            pending[0] = None

    for event in yaml.parse(text, Loader=Loader):
        if isinstance(event, yaml.ScalarEvent):
            mark = _start(event)
            start, end = mark.index, event.end_mark.index if event.end_mark else mark.index
            if event.style in ("|", ">"):
                start = text.find("\n", start)  # a comment may follow the block's header
                start = end if start < 0 else start
            spans.append((start, end))
            if stack and isinstance(stack[-1][0], dict) and stack[-1][1][0] is None:
                stack[-1][1][:] = [event.value, mark.index, mark.column]
                continue
            value = None if not event.style and _NULL.fullmatch(event.value) else event.value
            place(N(value), event)
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            node = N({} if isinstance(event, yaml.MappingStartEvent) else [])
            place(node, event)
            depth += 1
            stack.append((node.value, [None, 0, 0]))
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            stack.pop()
            depth -= 1
    assert root is not None and isinstance(root.value, dict)
    anchors.sort(key=lambda anchor: (anchor[0], anchor[1]))
    spans.sort()
    return root, _attach(text, anchors, spans)


def _start(event: yaml.Event) -> Any:
    mark = event.start_mark
    assert mark is not None  # libyaml marks every event
    return mark


def _dash_column(text: str, mark: Any) -> int:
    """The column of the `-` that starts a block list item (the item itself may start later)."""
    line_start = text.rfind("\n", 0, mark.index) + 1
    before = text[line_start : mark.index].rstrip(" ")
    if before.endswith("-"):
        return len(before) - 1
    return int(mark.column)


_HASH = re.compile(r"(?:^|(?<=[ \t]))#[^\n]*", re.MULTILINE)


def _attach(text: str, anchors: list[tuple[int, int, N]], spans: list[tuple[int, int]]) -> list[str]:
    """Give each comment to the key or item it belongs with; returns the comments left at the end."""
    starts = [start for start, _ in spans]
    indexes = [index for index, _, _ in anchors]
    trailer: list[str] = []
    for found in _HASH.finditer(text):
        at = found.start()
        inside = bisect.bisect_right(starts, at) - 1
        if inside >= 0 and spans[inside][0] <= at < spans[inside][1]:
            continue
        comment = found.group().rstrip()
        if MODELINE.match(comment):
            continue
        line_start = text.rfind("\n", 0, at) + 1
        column = at - line_start
        position = bisect.bisect_left(indexes, at)
        if text[line_start:at].strip():  # beside a value: the first key or item on its line
            same_line = [a for a in anchors[:position] if a[0] >= line_start]
            if same_line or position > 0:
                node = min(same_line, key=lambda a: a[1])[2] if same_line else anchors[position - 1][2]
                node.eol = f"{node.eol} {comment}" if node.eol else comment
            continue
        following = anchors[position][2] if position < len(anchors) else None
        if following is not None and column <= following.indent:
            following.before.append(comment)
            continue
        # Deeper than what follows: it ends the block above, after the last key at its depth.
        owner = next((anchors[i][2] for i in range(position - 1, -1, -1) if anchors[i][2].indent <= column), None)
        if owner is not None:
            owner.after.append(comment)
        elif following is not None:
            following.before.append(comment)
        else:
            trailer.append(comment)
    return trailer


# ---------------------------------------------------------------------------------------------
# Normalising: each value as its shape says


ASCII_SPACE = " \t\n\r\f\v"
_NUMBER = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
TRUE = frozenset({"true", "yes", "on", "y", "t", "1"})
FALSE = frozenset({"false", "no", "off", "n", "f", "0"})
DROPPED = object()


def normalise(shape: Shape, node: N, required: bool = True) -> N:
    """The node with its value in canonical form; an empty optional value becomes DROPPED."""
    shape = resolve(shape)
    kind = shape["k"]
    value = node.value
    out = N(value, node.index, node.indent, node.before, node.after, node.eol)
    if isinstance(value, dict):
        if kind == "either":
            shape, kind = resolve(shape["o"]), "obj"
        if kind == "obj":
            out.value = _fields(shape, value)
        else:
            inner = shape["v"] if kind == "map" else {"k": "any"}
            out.value = {key: normalise(inner, child) for key, child in value.items()}
    elif isinstance(value, list):
        inner = shape["i"] if kind == "list" else {"k": "any"}
        out.value = [normalise(inner, child) for child in value]
    elif value is not None:
        out.value = scalar(kind, value)
    if not required and out.value in (None, "", [], {}):
        out.value = DROPPED
    return out


def _fields(shape: Shape, value: dict[str, N]) -> dict[str, N]:
    result = {}
    for key, inner, required in shape["f"]:
        if key in value:
            result[key] = normalise(inner, value[key], required)
    for key, child in value.items():
        if key not in result:
            result[key] = normalise({"k": "any"}, child)
    return result


def scalar(kind: str, text: str) -> Any:
    """A scalar as typed, in the canonical form of its kind."""
    if kind == "any":
        return text
    stripped = text.strip(ASCII_SPACE)
    if kind in ("num", "amount") and _NUMBER.fullmatch(stripped):
        number = float(stripped)
        if number == number and abs(number) != float("inf"):
            return Plain(js_number(number))
    if kind == "bool" and stripped.lower() in TRUE | FALSE:
        return stripped.lower() in TRUE
    if kind == "date" and _DATE.fullmatch(stripped):
        return Plain(stripped)
    return stripped


def js_number(number: float) -> str:
    """A number as JavaScript's `String(number)` writes it, so the editor writes it alike."""
    if number == 0:
        return "0"
    if number < 0:
        return "-" + js_number(-number)
    if number == int(number) and number < 1e21:
        return str(int(number))
    _, digit_tuple, exponent = decimal.Decimal(repr(number)).as_tuple()
    assert isinstance(exponent, int)
    digits = "".join(map(str, digit_tuple))
    while digits.endswith("0"):
        digits, exponent = digits[:-1], exponent + 1
    k = len(digits)
    n = exponent + k
    if k <= n <= 21:
        return digits + "0" * (n - k)
    if 0 < n <= 21:
        return f"{digits[:n]}.{digits[n:]}"
    if -6 < n <= 0:
        return "0." + "0" * -n + digits
    power = n - 1
    mantissa = digits[0] + (f".{digits[1:]}" if k > 1 else "")
    return f"{mantissa}e{'+' if power >= 0 else '-'}{abs(power)}"


# ---------------------------------------------------------------------------------------------
# Writing


def _printable(code: int) -> bool:
    """Characters YAML lets stand as they are inside quotes (and in plain text)."""
    return (
        0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or (0xE000 <= code <= 0xFFFD and code != 0xFEFF)
        or code >= 0x10000
    ) and code not in (0x2028, 0x2029)


_SPECIAL_WORDS = frozenset({"y", "n", "yes", "no", "true", "false", "on", "off", "null"})


def plain_ok(text: str) -> bool:
    """Whether `text` reads back as the same text when written without quotes, by PyYAML and
    by the editor's YAML reader alike (YAML 1.1 and 1.2)."""
    if not text or text[-1] == " " or text.lower() in _SPECIAL_WORDS:
        return False
    first = ord(text[0])
    if not (0x41 <= first <= 0x5A or 0x61 <= first <= 0x7A or first >= 0xA0):
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    return all(_printable(ord(c)) for c in text)


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def quoted(text: str) -> str:
    out = ['"']
    for c in text:
        code = ord(c)
        if c in _ESCAPES:
            out.append(_ESCAPES[c])
        elif _printable(code):
            out.append(c)
        elif code <= 0xFF:
            out.append(f"\\x{code:02X}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04X}")
        else:
            out.append(f"\\U{code:08X}")
    out.append('"')
    return "".join(out)


_MARKER_LINE = re.compile(r"^[ \t]*(---|\.\.\.)[ \t]*$", re.MULTILINE)


def literal_ok(text: str) -> bool:
    """Whether a text of several lines can be written as a `|` block and read back the same (a
    line of `---` alone would end an update's front matter, so such a text is quoted)."""
    if text.endswith("\n\n") or text.startswith(("\n", " ", "\t")) or "\r" in text:
        return False
    if _MARKER_LINE.search(text):
        return False
    return all(_printable(ord(c)) or c == "\n" or c == "\t" for c in text) and "\n\t" not in text


def scalar_lines(value: Any, indent: int) -> list[str]:
    """A scalar's text: its first line (after `key:` or `-`), then any further lines."""
    if value is None:
        return [""]
    if value is True or value is False:
        return ["true" if value else "false"]
    if isinstance(value, Plain):
        return [str(value)]
    text = str(value)
    if "\n" in text and literal_ok(text):
        body = text[:-1] if text.endswith("\n") else text
        header = "|" if text.endswith("\n") else "|-"
        return [header, *((" " * indent + line) if line else "" for line in body.split("\n"))]
    return [text if plain_ok(text) else quoted(text)]


def flow_ok(items: list[N]) -> bool:
    """Whether a list is written on one line, `[mon, tue]`: every item a number, a date, true or
    false, or a text of one word-like run that needs no quotes (no commas, brackets or #), and no
    item with a comment of its own."""
    for child in items:
        value = child.value
        if child.before or child.after or child.eol:
            return False
        if value is True or value is False or isinstance(value, Plain):
            continue
        if not isinstance(value, str) or not plain_ok(value) or any(c in value for c in ",[]{}#"):
            return False
    return True


def key_text(key: str) -> str:
    return key if plain_ok(key) else quoted(key)


def _comment_lines(comments: list[str], indent: int) -> Iterator[str]:
    for comment in comments:
        yield " " * indent + comment


def _with_eol(line: str, node: N) -> str:
    return f"{line}  {node.eol}" if node.eol else line


def emit_map(entries: dict[str, N], indent: int, lines: list[str], first: str | None = None) -> None:
    for key, node in entries.items():
        if node.value is DROPPED:
            lines.extend(_comment_lines(node.comments(), indent))
            continue
        lines.extend(_comment_lines(node.before, indent))
        head = first if first is not None else " " * indent
        first = None
        _emit_value(f"{head}{key_text(key)}:", node, indent, lines)
        lines.extend(_comment_lines(node.after, indent))
    if first is not None:  # every key of a list item was left out
        lines.append(first + "{}")


def emit_list(items: list[N], indent: int, lines: list[str], first: str | None = None) -> None:
    for node in items:
        lines.extend(_comment_lines(node.before, indent))
        head = first if first is not None else " " * indent
        first = None
        prefix = f"{head}- "
        value = node.value
        if isinstance(value, dict) and value:
            start = len(lines)
            emit_map(value, indent + 2, lines, first=prefix)
            lines[start] = _with_eol(lines[start], node) if node.eol else lines[start]
        elif isinstance(value, list) and value:
            start = len(lines)
            emit_list(value, indent + 2, lines, first=prefix)
            lines[start] = _with_eol(lines[start], node) if node.eol else lines[start]
        else:
            _emit_value(f"{head}-", node, indent, lines)
        lines.extend(_comment_lines(node.after, indent))


def _emit_value(head: str, node: N, indent: int, lines: list[str]) -> None:
    value = node.value
    if isinstance(value, dict):
        if not any(child.value is not DROPPED for child in value.values()):
            lines.append(_with_eol(head + " {}", node))
            lines.extend(_comment_lines([c for child in value.values() for c in child.comments()], indent + 2))
            return
        lines.append(_with_eol(head, node))
        emit_map(value, indent + 2, lines)
    elif isinstance(value, list):
        if not value or flow_ok(value):
            items = ", ".join(scalar_lines(child.value, 0)[0] for child in value)
            lines.append(_with_eol(f"{head} [{items}]", node))
            return
        lines.append(_with_eol(head, node))
        emit_list(value, indent + 2, lines)
    else:
        first, *rest = scalar_lines(value, indent + 2)
        lines.append(_with_eol(f"{head} {first}" if first else head, node))
        lines.extend(rest)


def emit(root: N, trailer: list[str] = ()) -> str:  # type: ignore[assignment]
    """The canonical text of a normalised document."""
    lines: list[str] = []
    emit_map(root.value, 0, lines)
    lines.extend(trailer)
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Files


def canonical_yaml(text: str, kind: str, comments: bool = True) -> str:
    """`text` (a YAML mapping that `load_yaml` accepts) in canonical form for its kind."""
    root, trailer = parse(text)
    if not comments:
        _forget_comments(root)
        trailer = []
    shape = shapes()["kinds"][kind]
    return emit(normalise(shape, root), trailer)


def _forget_comments(node: N) -> None:
    node.before, node.after, node.eol = [], [], None
    children = node.value.values() if isinstance(node.value, dict) else node.value
    if isinstance(children, list) or isinstance(node.value, dict):
        for child in children:
            _forget_comments(child)


def canonical_body(body: str) -> str:
    """An update's Markdown as written, without blank lines before and after it."""
    body = re.sub(r"\A(?:[ \t]*\n)+", "", body)
    body = body.rstrip(ASCII_SPACE)
    return body + "\n" if body else ""


def canonical_post(text: str, comments: bool = True) -> str:
    front, body, _, problems = split_front_matter(text, "")
    if front is None:
        raise ValueError(problems[0].message)
    return join_post(canonical_yaml(front, "update", comments), body)


def join_post(front: str, body: str) -> str:
    return "---\n" + front + "---\n" + canonical_body(body)


def kind_of(path: Path, data: Path) -> str | None:
    """The kind of a data file by where it is, or None for files `fmt` leaves alone."""
    from generator.models import FOLDERS

    parts = path.relative_to(data).parts
    if parts == ("site.yml",):
        return "site"
    if path.suffix not in (".yml", ".yaml", ".md"):
        return None
    if parts[0] == "translations" and len(parts) > 2 and path.suffix in (".yml", ".yaml"):
        return "translation"
    if len(parts) == 2 and parts[0] in FOLDERS and path.suffix != ".md":
        return FOLDERS[parts[0]]
    if len(parts) == 2 and parts[0] == "updates" and path.suffix == ".md":
        return "update"
    return None


def data_files(data: Path) -> list[tuple[Path, str]]:
    """Every file `fmt` formats, with its kind, in a stable order."""
    found = []
    for path in sorted(data.rglob("*")):
        hidden = any(part.startswith(".") for part in path.relative_to(data).parts)
        if path.is_file() and not path.is_symlink() and not hidden:
            kind = kind_of(path, data)
            if kind:
                found.append((path, kind))
    return found


@dataclass
class Outcome:
    changed: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    refused: list[Problem] = field(default_factory=list)


def format_file(path: Path, kind: str, year_starts: int) -> tuple[str | None, str | None, list[Problem]]:
    """The file's text and its canonical text, or the problems that stop it being formatted."""
    file = str(path)
    text, problems = read_text(path, file)
    if text is None:
        return None, None, problems
    if kind == "update":
        front, body, _, problems = split_front_matter(text, file)
        if front is None:
            return None, None, problems
        source, offset = front, 1
    else:
        source, offset, body = text, 0, ""
    document, problems = load_yaml(source, file, line_offset=offset)
    if document is None:
        return None, None, problems
    after = canonical_yaml(source, kind)
    result = join_post(after, body) if kind == "update" else after
    if not _same_meaning(document.data, load_yaml(after, file)[0], kind, year_starts):
        message = "not formatted: it does not validate (run charterkit validate), or fmt would change what it says"
        return None, None, [Problem(file, 1, 1, "", message)]
    return text, result, []


def _same_meaning(before: Any, after: Any, kind: str, year_starts: int) -> bool:
    """Whether the file says the same before and after: the models read from both are equal."""
    from generator.models import KINDS

    if after is None:
        return False
    model = KINDS[kind]
    context = {"year_starts": year_starts}
    try:
        first = model.model_validate(before, context=context)
        second = model.model_validate(after.data, context=context)
    except ValidationError:
        return False
    return bool(_blank(first.model_dump()) == _blank(second.model_dump()))


def _blank(value: Any) -> Any:
    """Empty texts count as no text (the editor leaves a cleared field as an empty text)."""
    if isinstance(value, dict):
        return {key: _blank(child) for key, child in value.items()}
    if isinstance(value, list | tuple):
        return [_blank(child) for child in value]
    return None if value == "" else value


def year_starts_of(data: Path) -> int:
    from generator.models.site import YEAR_STARTS

    text, _ = read_text(data / "site.yml", str(data / "site.yml"))
    document = load_yaml(text, "site.yml")[0] if text is not None else None
    value = document.data.get("year_starts") if document is not None else None
    return int(YEAR_STARTS.get(str(value), 1))


def fmt(data: Path, check: bool = False) -> Outcome:
    """Bring every data file under `data` into canonical form (with `check`, only say which
    would change). Files that do not validate are left as they are and reported."""
    if not data.is_dir():
        raise CharterkitError(f"{data}: folder not found; give the folder that holds site.yml")
    outcome = Outcome()
    year_starts = year_starts_of(data)
    for path, kind in data_files(data):
        text, result, problems = format_file(path, kind, year_starts)
        if text is None or result is None:
            outcome.refused.extend(problems)
        elif result == text:
            outcome.unchanged.append(path)
        else:
            outcome.changed.append(path)
            if not check:
                path.write_text(result, encoding="utf-8")
    return outcome
