"""Property-based checks: mangled data gives clean problems, never a crash; valid models survive a
write-read round trip through YAML and the loader."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.load import load_yaml
from generator.models import Measure
from generator.problems import Problem
from generator.validate import validate
from tests.conftest import DATA

FILES = sorted(p.relative_to(DATA).as_posix() for p in DATA.rglob("*") if p.suffix in (".yml", ".md"))
WORKSPACE = Path(tempfile.mkdtemp(prefix="charterkit-properties-"))
shutil.copytree(DATA, WORKSPACE / "data")
ORIGINALS = {name: (DATA / name).read_bytes() for name in FILES}


@st.composite
def mangled(draw: st.DrawFn) -> tuple[str, bytes]:
    """One example file with one edit of the kind people make: a line lost, repeated or changed."""
    name = draw(st.sampled_from(FILES))
    lines = ORIGINALS[name].split(b"\n")
    at = draw(st.integers(0, len(lines) - 1))
    edit = draw(st.sampled_from(["delete", "repeat", "replace", "insert", "truncate", "indent"]))
    if edit == "delete":
        del lines[at]
    elif edit == "repeat":
        lines.insert(at, lines[at])
    elif edit == "replace":
        lines[at] = draw(st.text(max_size=40)).encode("utf-8", "surrogatepass")
    elif edit == "insert":
        line = lines[at]
        cut = draw(st.integers(0, len(line)))
        noise = draw(
            st.binary(max_size=6)
            | st.sampled_from([b":", b"- ", b"&a", b"*a", b"!!python/object", b"\t", b"'", b"{", b"["])
        )
        lines[at] = line[:cut] + noise + line[cut:]
    elif edit == "truncate":
        lines = lines[:at]
    else:
        lines[at] = b"   " + lines[at]
    return name, b"\n".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mangled())
def test_mangled_data_gives_problems_not_crashes(change: tuple[str, bytes]) -> None:
    name, content = change
    target = WORKSPACE / "data" / name
    target.write_bytes(content)
    try:
        _, problems = validate(WORKSPACE / "data")
    finally:
        target.write_bytes(ORIGINALS[name])
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.line >= 1 and problem.column >= 1 and problem.message
        assert problem.file.startswith(str(WORKSPACE / "data"))


periods = st.builds(lambda y, q: f"{y}-Q{q}", st.integers(1990, 2090), st.integers(1, 4))
values = st.floats(min_value=0, max_value=100, allow_nan=False, allow_infinity=False).map(lambda v: round(v, 3))
texts = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60).map(str.strip).filter(bool)


@settings(max_examples=100, deadline=None)
@given(
    title=texts,
    definition=texts,
    results=st.dictionaries(periods, values, max_size=12),
    target=values,
    polarity=st.sampled_from(["higher-is-better", "lower-is-better"]),
)
def test_measures_survive_a_round_trip(
    title: str, definition: str, results: dict[str, float], target: float, polarity: str
) -> None:
    measure = Measure.model_validate(
        {
            "id": "m",
            "title": title,
            "unit": "percentage",
            "polarity": polarity,
            "frequency": "quarterly",
            "owner": "council",
            "definition": definition,
            "targets": [{"from": "1990-Q1", "value": target}],
            "results": [{"period": p, "value": v} for p, v in results.items()],
        }
    )
    written = yaml.safe_dump(measure.model_dump(mode="json", by_alias=True), allow_unicode=True, sort_keys=False)
    document, problems = load_yaml(written, "m.yml")
    assert problems == [] and document is not None
    assert Measure.model_validate(document.data) == measure
