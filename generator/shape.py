"""The shape of each kind of data file, read from the models' JSON Schemas: which keys a mapping
holds and in what order, and what kind of value each key takes.

The shape is what `charterkit fmt` writes files by, and the browser editor writes them by the same
shape (it is published beside the editor as `shapes.json`), so a file saved in the editor is
already in the form `fmt` gives it. A shape is plain JSON:

- `{"k": "obj", "f": [[key, shape, required], ...]}`: a mapping with known keys, in the models' order
- `{"k": "list", "i": shape}`, `{"k": "map", "v": shape}`: a list of items, a mapping of any keys
- `{"k": "ref", "r": name}`: the shape named in `defs` (models that hold themselves, such as units)
- `{"k": "either", "o": shape}`: a text or a mapping (an assessment's rating)
- `{"k": "text" | "date" | "num" | "amount" | "bool" | "any"}`: a value
"""

from __future__ import annotations

import functools
from typing import Any

from generator.models import KINDS

Shape = dict[str, Any]


@functools.cache
def shapes() -> dict[str, Any]:
    """Every kind's shape: `{"kinds": {kind: shape}, "defs": {name: shape}}`."""
    defs: dict[str, Shape] = {}
    kinds: dict[str, Shape] = {}
    for kind, model in KINDS.items():
        schema = model.model_json_schema(by_alias=True)
        for name, definition in schema.get("$defs", {}).items():
            defs.setdefault(name, _object(definition))
        kinds[kind] = _object(schema)
    return {"kinds": kinds, "defs": dict(sorted(defs.items()))}


def resolve(shape: Shape) -> Shape:
    """The shape itself, or the one a reference names."""
    while shape.get("k") == "ref":
        shape = shapes()["defs"][shape["r"]]
    return shape


def _object(schema: dict[str, Any]) -> Shape:
    required = set(schema.get("required", ()))
    fields = [[key, _shape(value), key in required] for key, value in schema.get("properties", {}).items()]
    return {"k": "obj", "f": fields}


def _shape(schema: dict[str, Any]) -> Shape:
    if "$ref" in schema:
        return {"k": "ref", "r": schema["$ref"].rsplit("/", 1)[-1]}
    if "anyOf" in schema:
        options = [option for option in schema["anyOf"] if option.get("type") != "null"]
        if len(options) == 1:
            return _shape(options[0])
        if any("$ref" in option for option in options):
            mapping = next(option for option in options if "$ref" in option)
            return {"k": "either", "o": _shape(mapping)}
        if any(option.get("format") == "date" for option in options):
            return {"k": "date"}  # a date or a period (an action's due)
        types = {option.get("type") for option in options}
        if "number" in types:
            return {"k": "amount"}  # a number, or a duration as 4:22
        return {"k": "text"}  # a period or a partial date, as text or a year
    kind = schema.get("type")
    if kind == "object":
        if "properties" in schema:
            return _object(schema)
        patterns: dict[str, Any] = schema.get("patternProperties", {})
        values: Any = schema.get("additionalProperties") or next(iter(patterns.values()), {})
        return {"k": "map", "v": _shape(values if isinstance(values, dict) else {})}
    if kind == "array":
        return {"k": "list", "i": _shape(schema.get("items") or {})}
    if kind == "string":
        return {"k": "date"} if schema.get("format") == "date" else {"k": "text"}
    if kind in ("number", "integer"):
        return {"k": "num"}
    if kind == "boolean":
        return {"k": "bool"}
    if "enum" in schema or "const" in schema:
        return {"k": "text"}
    return {"k": "any"}
