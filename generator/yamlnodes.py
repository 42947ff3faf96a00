"""YAML read as people typed it, keeping each comment with the key or list item it belongs to.

`parse` gives a file as nodes (`N`): each value as typed (text, or None for an empty value), with
the comments written above it, beside it and after it. `generator.canonical` writes the nodes back
in canonical form, comments and all.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.load import Loader  # type: ignore[attr-defined]


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
        """Every comment of this node and the nodes inside it, in order (for a node left out)."""
        inner = self.value.values() if isinstance(self.value, dict) else self.value
        nested = (
            [c for child in inner for c in child.comments()]
            if isinstance(inner, list) or isinstance(self.value, dict)
            else []
        )
        return [*self.before, *([self.eol] if self.eol else []), *nested, *self.after]


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
