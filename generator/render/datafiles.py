"""Downloads and feeds: CSV and JSON per measure and in bulk, a Frictionless data package, Atom.

Everything here is deterministic: the same data gives the same bytes, with dates taken from
the data, never from the clock.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

from jinja2 import Environment

from generator.models import Measure
from generator.publication import Publication
from generator.render.keys import Kept
from generator.render.tables import share_status
from generator.render.writer import Output
from generator.standing import status, target_for

COLUMNS = [
    "measure",
    "part",
    "period",
    "period_label",
    "period_start",
    "period_end",
    "value",
    "unit",
    "target",
    "status",
    "numerator",
    "denominator",
    "sample_size",
    "year_to_date",
    "note",
    "explanation",
]


def rows(measure: Measure) -> list[dict[str, Any]]:
    found = []
    for result in sorted(measure.results, key=lambda r: r.period):
        target = target_for(measure, result.period)
        whole = {
            "measure": measure.id,
            "part": None,
            "period": str(result.period),
            "period_label": result.period.label,
            "period_start": result.period.start.isoformat(),
            "period_end": result.period.end.isoformat(),
            "value": result.value,
            "unit": measure.unit,
            "target": target,
            "status": status(measure, result),
            "numerator": result.numerator,
            "denominator": result.denominator,
            "sample_size": result.sample_size,
            "year_to_date": result.year_to_date,
            "note": result.note,
            "explanation": result.explanation,
        }
        found.append(whole)
        for share in result.breakdown:  # each service's part, judged against the same target
            found.append(
                whole
                | {
                    "part": share.unit or share.part,
                    "value": share.value,
                    "status": share_status(measure, target, share.value),
                    "numerator": None,
                    "denominator": None,
                    "sample_size": None,
                    "note": None,
                    "explanation": None,
                }
            )
    return found


def csv_lines(records: list[dict[str, Any]], header: bool = False) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if header:
        writer.writerow(COLUMNS)
    writer.writerows([_cell(record[column]) for column in COLUMNS] for record in records)
    return buffer.getvalue()


def to_csv(records: list[dict[str, Any]]) -> str:
    return csv_lines(records, header=True)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if value.__class__ is float:
        return int(value) if value.is_integer() else value
    if value.__class__ is str and value[:1] in ("=", "+", "-", "@"):
        return "'" + value  # keep spreadsheets from running text as a formula
    return value


def _json(value: Any) -> str:
    # Compact separators keep Python on its C encoder (indenting falls back to pure Python).
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, sort_keys=True) + "\n"


def add_data_files(pub: Publication, output: Output, env: Environment, as_of: date, keep: Kept | None = None) -> None:
    """Every download; a measure's CSV and JSON are taken from the last build (`keep`) when the
    measure is unchanged, since they are made from it alone."""
    header = csv_lines([], header=True)
    bulk = [header]
    resources = []
    for mid, measure in sorted(pub.measures.items()):
        csv_path, json_path = f"data/measures/{mid}.csv", f"data/measures/{mid}.json"
        kept = (keep.take(csv_path, measure), keep.take(json_path, measure)) if keep else (None, None)
        if kept[0] is not None and kept[1] is not None and kept[0].startswith(header.encode()):
            bulk.append(kept[0][len(header.encode()) :].decode("utf-8"))
            output.add(csv_path, kept[0], owner=mid, unchanged=True)
            output.add(json_path, kept[1], owner=mid, unchanged=True)
        else:
            records = rows(measure)
            body = csv_lines(records)
            bulk.append(body)
            made = (header + body).encode("utf-8")
            output.add(csv_path, made, owner=mid)
            document = {
                "measure": measure.model_dump(mode="json", by_alias=True, exclude={"results"}),
                "results": records,
            }
            written = _json(document).encode("utf-8")
            output.add(json_path, written, owner=mid)
            if keep:
                keep.made(csv_path, made)
                keep.made(json_path, written)
        resources.append({"name": mid, "path": f"measures/{mid}.csv", "format": "csv", "title": measure.title})
    output.add("data/all-results.csv", "".join(bulk), owner="data")
    fields = [{"name": name, "type": _field_type(name)} for name in COLUMNS]
    package = {
        "name": "service-standards-results",
        "title": f"{pub.site.name if pub.site else 'Service standards'}: results",
        "licenses": [
            {"name": "OGL-UK-3.0", "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}
        ],
        "resources": [{"name": "all-results", "path": "all-results.csv", "format": "csv", "schema": {"fields": fields}}]
        + [r | {"schema": {"fields": fields}} for r in resources],
    }
    output.add("data/datapackage.json", _json(package), owner="data")
    output.add("updates/feed.xml", env.get_template("feed.xml.j2").render(pub=pub, site=pub.site), owner="updates")


def _field_type(name: str) -> str:
    if name in ("value", "target", "numerator", "denominator"):
        return "number"
    if name == "sample_size":
        return "integer"
    if name == "year_to_date":
        return "boolean"
    if name in ("period_start", "period_end"):
        return "date"
    return "string"
