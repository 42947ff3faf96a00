"""Turn pydantic's validation errors into messages a comms officer can act on.

Each message names what was expected and what was found, and suggests the closest valid key or
value. The error's location is matched against the loaded data, so union branch names that
pydantic adds to a location never reach the reader.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.load import Document, Path_, format_path
from generator.periods import date_problem
from generator.problems import Problem, describe, did_you_mean

_NUMBER = "a number"
_EXPECTED = {
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_parsing": _NUMBER,
    "float_type": _NUMBER,
    "finite_number": "a finite number",
    "bool_parsing": "true or false",
    "bool_type": "true or false",
    "date_parsing": "a date like 2025-04-01",
    "date_from_datetime_parsing": "a date like 2025-04-01",
    "date_from_datetime_inexact": "a date like 2025-04-01",
    "date_type": "a date like 2025-04-01",
    "string_type": "text",
    "list_type": "a list",
    "tuple_type": "a list",
    "dict_type": "a mapping of keys and values",
    "model_type": "a mapping of keys and values",
    "model_attributes_type": "a mapping of keys and values",
}
_LIMITS = {
    "greater_than_equal": ("ge", "at least"),
    "greater_than": ("gt", "more than"),
    "less_than_equal": ("le", "at most"),
    "less_than": ("lt", "less than"),
}


def problems_from(error: ValidationError, document: Document, model: type[BaseModel]) -> list[Problem]:
    """One problem per distinct mistake, located in the document."""
    problems: dict[tuple[Path_, str], Problem] = {}
    items = [item for item in error.errors(include_url=False) if not _counted_after_failures(item)]
    resolved = [(item, *_resolve(document.data, item["loc"], item["type"])) for item in items]
    misspelt = _misspelt(resolved, model)
    for item, path, missing in resolved:
        if missing and path in misspelt:
            continue  # the unknown key next to it is the same mistake, with the better message
        message = _message(item, path, model)
        where = path if not missing else path[:-1]
        line, column = document.position(where)
        problems.setdefault((path, message), Problem(document.file, line, column, format_path(path), message))
    return list(problems.values())


def _misspelt(resolved: list[tuple[Any, Path_, bool]], model: type[BaseModel]) -> set[Path_]:
    """Paths of missing keys that an unknown key beside them was surely meant to be."""
    meant: set[Path_] = set()
    for item, path, _ in resolved:
        if item["type"] == "extra_forbidden" and path:
            close = difflib.get_close_matches(str(path[-1]), _known_keys(model, path[:-1]), n=1, cutoff=0.6)
            meant.update((*path[:-1], key) for key in close)
    return meant


def _counted_after_failures(item: Any) -> bool:
    """pydantic counts a list's length after dropping failed items; the items' errors suffice."""
    found, least = item.get("input"), (item.get("ctx") or {}).get("min_length", 0)
    return item["type"] == "too_short" and isinstance(found, list) and len(found) >= least


def _resolve(data: Any, loc: tuple[int | str, ...], kind: str) -> tuple[Path_, bool]:
    """The part of `loc` that names real keys and items (union branch names are dropped)."""
    path: list[str | int] = []
    current = data
    for part in loc:
        in_mapping = isinstance(current, dict) and isinstance(part, str) and part in current
        in_list = isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        if in_mapping or in_list:
            current = current[part]
            path.append(part)
        elif kind == "missing" and part is loc[-1] and isinstance(current, dict | type(None)):
            path.append(part)
            return tuple(path), True
    return tuple(path), False


def _message(item: Any, path: Path_, model: type[BaseModel]) -> str:
    kind: str = item["type"]
    found = item.get("input")
    ctx = item.get("ctx") or {}
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        known = _known_keys(model, path[:-1])
        key = str(path[-1]) if path else ""
        hint = did_you_mean(key, known)
        listing = f"; expected one of: {', '.join(known)}" if known and not hint else ""
        return f"unknown key{hint}{listing}"
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return f"expected one of {', '.join(choices)}, got {describe(found)}{did_you_mean(str(found), choices)}"
    if kind in _LIMITS:
        key, words = _LIMITS[kind]
        return f"must be {words} {_number(ctx.get(key))}, got {describe(found)}"
    if kind in ("too_short", "too_long"):
        least = ctx.get("min_length")
        if kind == "too_short":
            return f"must have at least {least} item{'s' if least != 1 else ''}, got {ctx.get('actual_length')}"
        return f"must have at most {ctx.get('max_length')} items, got {ctx.get('actual_length')}"
    if kind == "value_error":
        return str(ctx.get("error", item["msg"]))
    if kind.startswith("date") and isinstance(found, str) and (plainly := date_problem(found)):
        return plainly
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, got {describe(found)}"
    if kind == "string_too_short":
        return "must not be empty"
    # pydantic's own wording changes between releases; this sentence does not.
    return f"is not a value this key accepts, got {describe(found)}; docs/data-format.md says what it takes"


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _known_keys(model: type[BaseModel], path: Path_) -> list[str]:
    """The keys the model accepts at `path`, for suggesting the one that was meant."""
    current: Any = model
    for part in path:
        current = _step(current, part)
        if current is None:
            return []
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [info.alias or name for name, info in current.model_fields.items()]
    return []


def _step(annotation: Any, part: str | int) -> Any:
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if isinstance(part, int):
            return None
        for name, info in annotation.model_fields.items():
            if part in (name, info.alias):
                return _unwrap(info.annotation)
        return None
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (tuple, list) and args:
        return _unwrap(args[0])
    if origin is dict and len(args) == 2:
        return _unwrap(args[1])
    return None


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated and Optional so the model or container underneath shows."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            models = [arg for arg in options if isinstance(arg, type) and issubclass(arg, BaseModel)]
            annotation = models[0] if models else options[0]
        else:
            return annotation
