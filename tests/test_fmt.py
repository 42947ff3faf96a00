"""`charterkit fmt`: one canonical form for every data file, comments kept, meaning never changed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.fmt import canonical_yaml, js_number
from tests.conftest import DATA, ROOT, Run
from tests.update_golden import publications

MEASURE = """\
# yaml-language-server: $schema=../../schemas/measure.schema.json
title: Calls answered
# The id is the file name.
id: calls
unit: percentage
polarity: higher-is-better
frequency: quarterly
owner: council
definition: >-
  Calls answered by a person
  within six rings.
targets: [{from: 2024-25, value: 90.0}]  # agreed by the cabinet
results:
  - period: "2024-25 Q1"
    value: 91.50
    note:
    actions: []
    # numerator: for a percentage
elements: [cse:5.1.1]
"""


def test_canonical_form_of_a_measure() -> None:
    # Keys in the models' order, text on one line, numbers as the editor writes them, empty
    # optional keys left out, and every comment but the schema line kept with its key.
    assert canonical_yaml(MEASURE, "measure") == (
        "# The id is the file name.\n"
        "id: calls\n"
        "title: Calls answered\n"
        "unit: percentage\n"
        "polarity: higher-is-better\n"
        "frequency: quarterly\n"
        "owner: council\n"
        "definition: Calls answered by a person within six rings.\n"
        "targets:  # agreed by the cabinet\n"
        '  - from: "2024-25"\n'
        "    value: 90\n"
        "results:\n"
        '  - period: "2024-25 Q1"\n'
        "    value: 91.5\n"
        "    # numerator: for a percentage\n"
        "elements: [cse:5.1.1]\n"
    )


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Customer Services", "Customer Services"),
        ("12 Market Square", '"12 Market Square"'),
        ("yes", '"yes"'),
        ("Null", '"Null"'),
        ("Note: closed", '"Note: closed"'),
        ("Room #4", '"Room #4"'),
        ("Room#4", "Room#4"),
        ('She said "no"', 'She said "no"'),
        ("- a list?", '"- a list?"'),
        ("Croeso i'r Cyngor", "Croeso i'r Cyngor"),
        ("ہماری خدمات", "ہماری خدمات"),
        ("tab\there", '"tab\\there"'),
        ("line\u2028break", '"line\\u2028break"'),
    ],
)
def test_text_is_quoted_only_where_yaml_would_read_it_otherwise(text: str, written: str) -> None:
    site = f"name: {json.dumps(text)}\nurl: https://example.org/\nunits: []\n"
    assert canonical_yaml(site, "site").splitlines()[0] == f"name: {written}"


@pytest.mark.parametrize(
    ("number", "written"),
    [(90.0, "90"), (91.5, "91.5"), (0.1 + 0.2, "0.30000000000000004"), (1e-7, "1e-7"), (1e21, "1e+21"), (-0.0, "0")],
)
def test_numbers_are_written_as_javascript_writes_them(number: float, written: str) -> None:
    assert js_number(number) == written


def test_check_lists_the_files_that_would_change_and_changes_nothing(tmp_path: Path, run: Run) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    measure = tmp_path / "data" / "measures" / "calls-answered-in-six-rings.yml"
    measure.write_text(measure.read_text(encoding="utf-8").replace("value: 91.5", "value: 91.50"), encoding="utf-8")
    before = measure.read_bytes()

    code, out, _ = run("fmt", str(tmp_path / "data"), "--check")

    assert code == 1
    assert f"{measure}: would be reformatted" in out
    assert out.splitlines()[-1].endswith(
        "1 of 34 files would be reformatted; run charterkit fmt to write them in canonical form"
    )
    assert measure.read_bytes() == before

    assert run("fmt", str(tmp_path / "data"))[0] == 0
    assert "value: 91.5\n" in measure.read_text(encoding="utf-8")
    assert run("fmt", str(tmp_path / "data"), "--check")[0] == 0


def test_the_example_data_is_canonical(run: Run) -> None:
    code, out, _ = run("fmt", str(DATA), "--check")
    assert code == 0, out


def test_a_file_that_does_not_validate_is_left_alone(tmp_path: Path, run: Run) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    measure = tmp_path / "data" / "measures" / "emails-received.yml"
    broken = measure.read_text(encoding="utf-8").replace("unit: count", "unit: counts")
    measure.write_text(broken, encoding="utf-8")

    code, out, _ = run("fmt", str(tmp_path / "data"))

    assert code == 1
    assert f"{measure}:1:1: not formatted: it does not validate" in out
    assert measure.read_text(encoding="utf-8") == broken


@pytest.mark.parametrize("publication", publications(), ids=lambda path: path.name)
def test_fmt_keeps_what_every_real_publication_says(publication: Path, tmp_path: Path, run: Run) -> None:
    # fmt itself refuses to write a file whose models would differ; here every file of five real
    # publications is formatted, and a second run changes nothing.
    shutil.copytree(publication, tmp_path / "data")
    code, out, _ = run("fmt", str(tmp_path / "data"))
    assert code == 0, out
    code, out, _ = run("fmt", str(tmp_path / "data"), "--check")
    assert code == 0, out


def test_readme_names_fmt_in_the_routine() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "charterkit fmt" in readme
