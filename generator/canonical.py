"""The canonical form of a data file: each value as its shape says, written one way.

See `generator.fmt` for the form in words. The browser editor's script
(`generator/editor/charterkit-editor.js`) writes exactly what `canonical_yaml` writes without
comments; a test compares the two on every data file.
"""

from __future__ import annotations

import decimal
import re
from collections.abc import Iterator
from typing import Any

from generator.load import split_front_matter
from generator.shape import Shape, resolve, shapes
from generator.yamlnodes import N, Plain, parse

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
    if not required and _empty(out.value):
        kept = out.comments()  # with the comments of the keys inside it, kept where it was
        out.value, out.before, out.eol, out.after = DROPPED, kept, None, []
    return out


def _empty(value: Any) -> bool:
    """Nothing in it: no value, an empty text or list, or a mapping whose keys were all left out."""
    if isinstance(value, dict):
        return all(child.value is DROPPED for child in value.values())
    return value is None or (isinstance(value, str) and value == "") or (isinstance(value, list) and not value)


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
