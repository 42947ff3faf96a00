"""Every sentence the generator writes, against the cases real publications reach.

The table in docs/sentences.md is the specification: each of its cells is worked out here from a
small measure or set of standards and must match exactly, so the page and the documentation can
never drift apart, and every case has been read by a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from generator.models import Measure
from generator.periods import Period
from generator.render import sentences, tables

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 12, 1)


def measure(**fields: Any) -> Measure:
    base: dict[str, Any] = {
        "title": "Calls answered within six rings",
        "unit": "percentage",
        "polarity": "higher-is-better",
        "frequency": "quarterly",
        "owner": "council",
        "definition": "Calls answered within six rings.",
        "targets": [{"from": "2025-26", "value": 90}],
    }
    base.update(fields)
    return Measure.model_validate({k: v for k, v in base.items() if v is not None}, context={"year_starts": 4})


CASES: dict[str, Measure] = {
    "no results": measure(results=[]),
    "no target, no results": measure(targets=[], results=[]),
    "one result, met": measure(results=[{"period": "2026-27 Q2", "value": 91.2}]),
    "one result, missed": measure(results=[{"period": "2026-27 Q2", "value": 86.4, "explanation": "x"}]),
    "two results, better": measure(
        results=[{"period": "2026-27 Q1", "value": 88}, {"period": "2026-27 Q2", "value": 91.2}]
    ),
    "two results, the same": measure(
        results=[{"period": "2026-27 Q1", "value": 91.2}, {"period": "2026-27 Q2", "value": 91.2}]
    ),
    "year to date only": measure(results=[{"period": "2026-27 Q2", "value": 92, "year_to_date": True}]),
    "quarter beside year to date": measure(
        results=[
            {"period": "2026-27 Q1", "value": 93},
            {"period": "2026-27 Q2", "value": 91.2},
            {"period": "2026-27 Q2", "value": 92.1, "year_to_date": True},
        ]
    ),
    "context figure": measure(
        title="Emails received",
        unit="count",
        polarity=None,
        targets=[],
        results=[{"period": "2025-26 Q4", "value": 3388}, {"period": "2026-27 Q1", "value": 3150}],
    ),
    "duration": measure(
        title="Average wait",
        unit="duration",
        polarity="lower-is-better",
        targets=[{"from": "2025-26", "value": "3:00"}],
        results=[{"period": "2026-27 Q1", "value": "2:59"}, {"period": "2026-27 Q2", "value": "4 min 22 s"}],
    ),
    "target of 100%": measure(targets=[{"from": "2025-26", "value": 100}], results=[]),
    "ended, no results": measure(results=[], ended={"on": "2024-03-31"}),
    "ended": measure(
        targets=[{"from": "2023-24", "value": 95}],
        results=[{"period": "2023-24 Q4", "value": 96.3}],
        ended={"on": "2024-03-31", "reason": "The cash office closed."},
    ),
    "a year before": measure(
        results=[
            {"period": "2025-26 Q2", "value": 88.1},
            {"period": "2026-27 Q1", "value": 93},
            {"period": "2026-27 Q2", "value": 91.2},
        ]
    ),
    "monthly, a year before": measure(
        title="Average days to decide new claims",
        unit="days",
        polarity="lower-is-better",
        frequency="monthly",
        targets=[{"from": "2025-26", "value": 20}],
        results=[
            {"period": "2025-09", "value": 18.3},
            {"period": "2026-08", "value": 21.8},
            {"period": "2026-09", "value": 23.4},
        ],
    ),
    "financial year": measure(
        frequency="financial-year",
        targets=[{"from": "2019-20", "value": 56}],
        baseline={"period": "2018-19", "value": 55},
        results=[{"period": "2018-19", "value": 55}],
    ),
}


@dataclass
class Standing:
    result: Any
    status: str


def standings(*codes: str) -> list[Standing]:
    return [Standing(None if code == "none" else object(), code) for code in codes]


HEADLINE_CASES = {
    "no charter": ([], None, 0),
    "promises, none measured": ([], None, 9),
    "one promise, not measured": ([], None, 1),
    "one standard, no result": (standings("none"), None, 3),
    "three standards, no results": (standings("none", "none", "none"), None, 3),
    "one standard, met": (standings("met"), Period.parse("2026-27 Q2", year_starts=4), 3),
    "one standard, missed": (standings("not-met"), Period.parse("2026-27 Q2", year_starts=4), 3),
    "every standard met": (standings("met", "met"), None, 3),
    "none met": (standings("not-met", "not-met"), None, 3),
    "some met, one waiting": (standings("met", "not-met", "met", "none"), None, 3),
}


def measure_cells(case: Measure) -> list[str]:
    result = sentences.latest(case)
    return [
        sentences.headline(case, result, TODAY),
        sentences.trend(case, result),
        re.sub(
            r"<[^>]+>",
            "",
            tables.target_cell(
                case, sentences.current_target(case, TODAY) if result is None else _target(case, result)
            ),
        ),
        sentences.ended(case) or sentences.baseline(case) or "",
    ]


def figure_cells(case: Measure) -> list[str]:
    """A measure's figure (its card) as text: the tag, the value, the period, the target, the changes."""
    from generator.render import cards

    said = cards.said(cards.of_measure(case, TODAY))
    changes = "; ".join(said.changes) or "(none)"
    return [said.status, said.value or "(none)", said.period, said.target or "(none)", changes]


def _target(case: Measure, result: Any) -> float | None:
    from generator.standing import target_for

    return target_for(case, result.period)


def documented(heading: str) -> dict[str, list[str]]:
    """The rows of the table under `heading` in docs/sentences.md, by their first cell."""
    text = (ROOT / "docs" / "sentences.md").read_text(encoding="utf-8")
    section = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| case")]
    table = {}
    for row in rows:
        cells = [cell.strip().replace("\\|", "|") for cell in row.strip("|").split(" | ")]
        table[cells[0]] = cells[1:]
    return table


@pytest.mark.parametrize("case", sorted(CASES))
def test_measure_sentences_are_as_documented(case: str) -> None:
    expected = documented("Measure pages and the performance table")
    assert case in expected, f"docs/sentences.md has no row for '{case}'"
    assert measure_cells(CASES[case]) == [cell if cell != "(none)" else "" for cell in expected[case]]


@pytest.mark.parametrize("case", sorted(CASES))
def test_figures_are_as_documented(case: str) -> None:
    expected = documented("The figure")
    assert case in expected, f"docs/sentences.md has no row for '{case}'"
    assert figure_cells(CASES[case]) == expected[case]


@pytest.mark.parametrize("case", sorted(HEADLINE_CASES))
def test_headline_sentences_are_as_documented(case: str) -> None:
    expected = documented("The home page and the standards index")
    assert case in expected, f"docs/sentences.md has no row for '{case}'"
    items, period, promises = HEADLINE_CASES[case]
    assert [sentences.count_headline(items, period, promises)] == expected[case]


# The measures counted on a split site's pages, by their names in CASES.
COUNT_CASES = {
    "no measures": [],
    "one measure, met": ["one result, met"],
    "one measure, ended before any result": ["ended, no results"],
    "a context figure": ["context figure"],
    "nothing measured": ["no results", "no target, no results"],
    "every kind": [
        "one result, met",
        "two results, better",
        "one result, missed",
        "context figure",
        "no results",
        "ended, no results",
    ],
}


@pytest.mark.parametrize("case", sorted(COUNT_CASES))
def test_organisation_counts_are_as_documented(case: str) -> None:
    from generator.render import organisations

    expected = documented("Sites with several organisations")
    assert case in expected, f"docs/sentences.md has no row for '{case}'"
    counts = organisations.counts_of([CASES[name] for name in COUNT_CASES[case]])
    assert counts.total == len(COUNT_CASES[case])
    assert [organisations.counts_said(counts)] == expected[case]


def test_a_split_home_page_counts_its_misses() -> None:
    from generator.render import organisations

    text = (ROOT / "docs" / "sentences.md").read_text(encoding="utf-8")
    said = organisations.misses_said(organisations.Counts(not_met=3))
    assert said == "At their latest results, 3 measures did not meet their targets."
    assert f'("{said}")' in " ".join(text.split())


def test_every_documented_case_is_tested() -> None:
    assert set(documented("Sites with several organisations")) == set(COUNT_CASES)
    assert set(documented("Measure pages and the performance table")) == set(CASES)
    assert set(documented("The home page and the standards index")) == set(HEADLINE_CASES)
    assert set(documented("The figure")) == set(CASES)


def test_no_sentence_says_met_when_nothing_was_measured() -> None:
    for case in ("no charter", "promises, none measured", "one standard, no result", "three standards, no results"):
        items, period, promises = HEADLINE_CASES[case]
        assert " met" not in sentences.count_headline(items, period, promises)
    assert sentences.misses_none([CASES["no results"], CASES["context figure"]]) == (
        "No result with a target has been published yet."
    )


def test_a_target_promised_only_by_the_charter_is_the_measures_target(tmp_path: Path) -> None:
    """The charter says a standard was met or missed; the measure's page and the performance table
    must then give the same target and status, not "None set"."""
    import shutil

    from generator.render import render
    from generator.validate import validate

    shutil.copytree(ROOT / "tests" / "corpus" / "base", tmp_path / "data")
    path = tmp_path / "data" / "measures" / "calls-in-six-rings.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"targets:\n(  .*\n)+", "", text), encoding="utf-8")
    publication, problems = validate(tmp_path / "data")
    assert [p for p in problems if p.severity == "error"] == []
    files = render(publication, TODAY).files
    measure_page = files["performance/calls-in-six-rings.md"].decode()
    table = files["performance/index.md"].decode()
    assert "The target is at least 90%. Met." in measure_page
    assert "None set" not in table and "at least 90%" in table

    # Two charter standards that disagree give the measure no single target: it keeps none.
    charter = tmp_path / "data" / "charters" / "main.yml"
    text = charter.read_text(encoding="utf-8")
    charter.write_text(
        text.replace(
            "        comparison: at-least\n",
            "        comparison: at-least\n      - measure: calls-in-six-rings\n        target: 95\n",
            1,
        ),
        encoding="utf-8",
    )
    publication, _ = validate(tmp_path / "data")
    assert publication.measures["calls-in-six-rings"].targets == ()


def test_a_breakdown_by_channel_names_its_parts(tmp_path: Path) -> None:
    """Parts that are not units (channels) carry their own names, a heading of their own and
    durations typed as a council writes them, on the page and in the downloads."""
    import shutil

    from generator.render import render
    from generator.validate import validate

    shutil.copytree(ROOT / "tests" / "corpus" / "base", tmp_path / "data")
    path = tmp_path / "data" / "measures" / "calls-in-six-rings.yml"
    path.write_text(
        "title: Average wait for an answer\nunit: duration\npolarity: lower-is-better\nfrequency: quarterly\n"
        "owner: customer-services\ndefinition: The average wait.\nbreakdown_by: channel\n"
        "targets:\n  - from: 2025-26\n    value: '3:00'\nresults:\n  - period: 2026-27 Q1\n    value: '2:40'\n"
        "    breakdown:\n      - part: Telephone\n        value: 3 min 10 s\n"
        "      - part: Web chat\n        value: '1:05'\n",
        encoding="utf-8",
    )
    charter = tmp_path / "data" / "charters" / "main.yml"
    charter.write_text(
        charter.read_text(encoding="utf-8").replace(
            "target: 90\n        comparison: at-least", "target: 180\n        comparison: at-most"
        ),
        encoding="utf-8",
    )
    publication, problems = validate(tmp_path / "data")
    assert [str(p) for p in problems if p.severity == "error"] == []
    files = render(publication, TODAY).files
    page = files["performance/calls-in-six-rings.md"].decode()
    assert "## By channel {: #by-service }" in page
    assert "Average wait for an answer by channel, April to June 2026</caption>" in page
    assert '<th scope="col">Channel</th>' in page
    telephone = re.search(r"<tr><th scope=\"row\">Telephone</th>.*?</tr>", page)
    assert telephone and "3 min 10 s" in telephone[0] and "Not met" in telephone[0]
    chat = re.search(r"<tr><th scope=\"row\">Web chat</th>.*?</tr>", page)
    assert chat and "1 min 5 s" in chat[0] and ">Met<" in chat[0]
    rows = files["data/measures/calls-in-six-rings.csv"].decode().splitlines()
    assert any(",Telephone,2026-27 Q1," in row and ",190," in row and ",not-met," in row for row in rows), rows


def test_a_part_is_a_unit_or_a_name_not_both(tmp_path: Path) -> None:
    share = {"unit": "revenues", "part": "Telephone", "value": 1}
    with pytest.raises(ValueError, match="give either unit"):
        measure(results=[{"period": "2026-27 Q1", "value": 1, "breakdown": [share]}])


def test_chart_titles_give_the_main_message_and_subtitles_what_is_drawn() -> None:
    """The sentences above a chart, as docs/sentences.md quotes them, and a run of results
    counted only while each result has the same status."""
    from generator.render.charts import chart_results

    def title(case: Measure) -> str:
        return sentences.chart_title(case, chart_results(case))

    assert title(CASES["one result, met"]) == "The target was met in Q2 2026/27."
    assert title(CASES["two results, better"]) == "The target was met in Q2 2026/27."  # 88 missed before
    assert title(CASES["two results, the same"]) == (
        "The target has been met in each of the last 2 results, to Q2 2026/27."
    )
    assert title(CASES["duration"]) == "The target was missed in Q2 2026/27."
    assert title(CASES["context figure"]) == "Down from 3,388 in Q4 2025/26 to 3,150 in Q1 2026/27."
    assert title(CASES["financial year"]) == "55% in 2018/19."
    assert title(CASES["quarter beside year to date"]) == (
        "The target has been met in each of the last 2 results, to Q2 2026/27."
    )
    assert sentences.chart_subtitle(CASES["a year before"], chart_results(CASES["a year before"])) == (
        "Calls answered within six rings, per cent, Q2 2025/26 to Q2 2026/27"
    )
    assert sentences.chart_subtitle(CASES["duration"], chart_results(CASES["duration"])) == (
        "Average wait, minutes and seconds, Q1 2026/27 to Q2 2026/27"
    )


def test_counts_of_thousands_are_written_with_separators() -> None:
    """A nation's counts read as people write them: 10,000, not 10000."""
    from generator.render import organisations

    said = organisations.counts_said(organisations.Counts(met=5169, not_met=4831))
    assert said.startswith("10,000 measures are published.")
    assert "5,169 met their targets" in said and "4,831 did not meet" in said
    assert organisations.misses_said(organisations.Counts(not_met=1200)).startswith("At their latest results, 1,200 ")
    national = standings(*(["met"] * 1951 + ["not-met"] * 449 + ["none"] * 1200))
    assert sentences.count_headline(national, None, 0) == (
        "1,951 of 2,400 measured standards were met in the latest results. 1,200 more standards have no result yet."
    )
