"""The editor's form fields, from the models' JSON Schemas: a widget per type, required keys,
patterns and each key's docstring as its help."""

from __future__ import annotations

import functools
import re
from typing import Any

from generator.models import KINDS

# Texts people write a sentence or more of get a box of several lines; the rest one line.
LONG_TEXT = frozenset(
    {
        "aim",
        "address",
        "compliments",
        "definition",
        "description",
        "evidence",
        "explanation",
        "method",
        "monitoring",
        "note",
        "outcome",
        "reason",
        "source",
        "summary",
        "text",
    }
)

# Labels where the key alone would not say enough.
LABELS = {
    "from": "From period",
    "id": "Id",
    "url": "Web address",
    "unit": "Unit",
    "value": "Figure",
    "year_to_date": "Year to date",
    "your_help": "What we ask of you",
    "breakdown_by": "Breakdown by",
    "publish_within_days": "Publish within (days)",
}

# What a list item is called in the editor's summary of each item, by the model it holds.
SUMMARIES = {
    "Result": "{{fields.period}}: {{fields.value}}",
    "Target": "from {{fields.from}}: {{fields.value}}",
    "Share": "{{fields.unit}}{{fields.part}}: {{fields.value}}",
    "Standard": "{{fields.measure}}: {{fields.target}}",
    "Commitment": "{{fields.id}}",
    "Action": "{{fields.id}}: {{fields.title}}",
    "Recommendation": "{{fields.id}}: {{fields.title}}",
    "Progress": "{{fields.date}}",
    "Unit": "{{fields.name}}",
    "Channel": "{{fields.label}}",
    "Office": "{{fields.name}}",
    "Hours": "{{fields.opens}} to {{fields.closes}}",
    "Audit": "{{fields.date}}",
    "Source": "{{fields.title}}",
    "Entry": "{{fields.source}}",
}

MAX_DEPTH = 3
"""How deep a model that holds itself (units inside units) is offered in the editor."""

AMOUNT_PATTERN = r"^-?[0-9]+(\.[0-9]+)?$|^[0-9]+(:[0-9]{2}){1,2}$|^[0-9hmins .]+$"
DUE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$|^[0-9QqHh][0-9QqHh /to-]*$"


@functools.cache
def _all_schemas() -> dict[str, dict[str, Any]]:
    return {kind: model.model_json_schema(by_alias=True) for kind, model in KINDS.items()}


def schema(kind: str) -> dict[str, Any]:
    return _all_schemas()[kind]


def _definition(name: str) -> dict[str, Any]:
    for schema in _all_schemas().values():
        if name in schema.get("$defs", {}):
            return dict(schema["$defs"][name])
    raise KeyError(name)


def fields(schema: dict[str, Any], exclude: set[str] = frozenset(), depth: int = 0) -> list[dict[str, Any]]:  # type: ignore[assignment]
    required = set(schema.get("required", ()))
    fields = []
    for name, prop in schema.get("properties", {}).items():
        if name in exclude:
            continue
        field = _field(name, prop, name in required, depth)
        if field is not None:
            fields.append(field)
    return fields


def _label(name: str) -> str:
    return LABELS.get(name, name.replace("_", " ").capitalize())


def _first_line(text: str) -> str:
    return " ".join(text.split())


def _field(name: str, prop: dict[str, Any], required: bool, depth: int) -> dict[str, Any] | None:
    schema = _unwrap(prop)
    field: dict[str, Any] = {"name": name, "label": _label(name)}
    hint = _first_line(prop.get("description", ""))
    widget = _widget(name, schema, depth)
    if widget is None:
        return None
    field.update(widget)
    if not required or field.get("widget") == "boolean":
        field["required"] = False
    if not required and field.get("widget") == "object":
        # The editor would ask for an optional part's required keys even when the part is left
        # empty (a measure with no baseline), so they are optional here; validate still asks
        # for them when the part is filled in.
        for child in field["fields"]:
            child["required"] = False
    if hint:
        field["hint"] = hint
    if "default" in prop and prop["default"] not in (None, [], {}, False) and field.get("widget") == "select":
        field["default"] = prop["default"]
    if field.get("widget") == "datetime" and not required:
        field["default"] = ""
    return field


def _unwrap(prop: dict[str, Any]) -> dict[str, Any]:
    """A property's schema without its `| None`."""
    options = prop.get("anyOf")
    if options:
        kept = [option for option in options if option.get("type") != "null"]
        return dict(kept[0]) if len(kept) == 1 else {"anyOf": kept}
    return prop


def _messages() -> dict[str, str]:
    from generator.models.common import CODE_PATTERN, ELEMENT_PATTERN, SLUG_PATTERN, TIME_PATTERN
    from generator.models.site import LANGUAGE_PATTERN

    return {
        SLUG_PATTERN: "An id: lower-case letters and digits joined by hyphens, such as customer-services",
        CODE_PATTERN: "A code as printed, such as 3.2.4, R1 or OX-R1",
        ELEMENT_PATTERN: "A framework and element, such as cse:4.3.1",
        TIME_PATTERN: "A time on the 24-hour clock, such as 08:30",
        LANGUAGE_PATTERN: "A language code, such as en, cy or ur",
        r"^(https?://|mailto:|tel:|/)": "A web address starting https://, or mailto:, tel:, or / for a page here",
    }


def _pattern(schema: dict[str, Any], message: str) -> dict[str, Any]:
    pattern = schema.get("pattern")
    return {"pattern": [pattern, _messages().get(pattern, message)]} if pattern else {}


def _widget(name: str, schema: dict[str, Any], depth: int) -> dict[str, Any] | None:
    if "$ref" in schema:
        return _object(schema["$ref"].rsplit("/", 1)[-1], depth)
    options = schema.get("anyOf")
    if options:
        if any(option.get("format") == "date" for option in options):
            return {
                "widget": "string",
                "pattern": [DUE_PATTERN, "A date such as 2027-03-31, or a period such as 2026-27 Q4"],
            }
        if any(option.get("type") == "number" for option in options):
            return {
                "widget": "string",
                "pattern": [AMOUNT_PATTERN, "A number such as 91.5; for a duration 262, 4:22 or 4 min 22 s"],
            }
        text: dict[str, Any] = next((option for option in options if option.get("type") == "string"), {})
        period = "Q" in text.get("pattern", "")
        message = (
            "A period such as 2026-27 Q2, 2026-10, 2026-27 or 2026"
            if period
            else "A date, month or year: 2025-04-01, 2025-04 or 2025"
        )
        return {"widget": "string", **_pattern(text, message)}
    kind = schema.get("type")
    if "enum" in schema:
        return {"widget": "select", "options": list(schema["enum"])}
    if kind == "array":
        return _list(name, schema.get("items") or {}, depth)
    if kind == "object":
        return None  # a mapping of any keys (ratings, descriptors): edited as a file, not a form
    if kind == "string" and schema.get("format") == "date":
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
    if kind in ("number", "integer"):
        widget: dict[str, Any] = {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
        if kind == "number":
            widget["step"] = 0.1
        if "minimum" in schema:
            widget["min"] = schema["minimum"]
        if "maximum" in schema:
            widget["max"] = schema["maximum"]
        return widget
    if kind == "boolean":
        return {"widget": "boolean"}
    message = _first_line(schema.get("description", "")) or "Check the text against its help"
    return {"widget": "text" if name in LONG_TEXT else "string", **_pattern(schema, message)}


def _object(definition: str, depth: int) -> dict[str, Any] | None:
    if depth >= MAX_DEPTH:
        return None
    schema = _definition(definition)
    return {"widget": "object", "collapsed": True, "fields": fields(schema, depth=depth + 1)}


def _list(name: str, items: dict[str, Any], depth: int) -> dict[str, Any] | None:
    if "$ref" in items:
        definition = items["$ref"].rsplit("/", 1)[-1]
        if depth >= MAX_DEPTH:
            return None
        widget: dict[str, Any] = {
            "widget": "list",
            "label_singular": re.sub(r"(?<!^)(?=[A-Z])", " ", definition).lower(),
            "collapsed": True,
            "fields": fields(_definition(definition), depth=depth + 1),
        }
        if definition in SUMMARIES:
            widget["summary"] = SUMMARIES[definition]
        return widget
    single = _widget(name, items, depth)
    if single is None:
        return None
    return {"widget": "list", "field": {"name": name, "label": _label(name), **single}}
