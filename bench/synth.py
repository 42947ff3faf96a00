"""Synthetic publications for the benchmark: deterministic (seeded), realistic in shape.

    python -m bench.synth S OUT_DIR      # one council
    python -m bench.synth M OUT_DIR      # a county: 20 units, 300 measures, 10 years monthly
    python -m bench.synth L OUT_DIR      # a national body: 400 organisations

Frameworks are copied from the example publication; everything else is generated.
"""

from __future__ import annotations

import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = "# yaml-language-server: $schema=../../schemas/{kind}.schema.json\n"


@dataclass(frozen=True)
class Size:
    organisations: int
    units_per_org: int
    measures_per_org: int
    years: int
    frequency: str
    charters_per_org: int
    assessments: int


SIZES = {
    "S": Size(
        organisations=1,
        units_per_org=3,
        measures_per_org=30,
        years=5,
        frequency="monthly",
        charters_per_org=3,
        assessments=2,
    ),
    "M": Size(
        organisations=1,
        units_per_org=20,
        measures_per_org=300,
        years=10,
        frequency="monthly",
        charters_per_org=40,
        assessments=20,
    ),
    "L": Size(
        organisations=400,
        units_per_org=3,
        measures_per_org=25,
        years=10,
        frequency="quarterly",
        charters_per_org=1,
        assessments=400,
    ),
    # L at half as large again: over 20,000 pages, the "20,000-page variant".
    "XL": Size(
        organisations=610,
        units_per_org=3,
        measures_per_org=25,
        years=10,
        frequency="quarterly",
        charters_per_org=1,
        assessments=610,
    ),
}
TOPICS = [
    "Letters answered within ten working days",
    "Calls answered within six rings",
    "Visitors seen within 15 minutes",
    "Missed bins collected next day",
    "Benefit claims decided within 20 days",
    "Repairs completed on time",
    "Planning applications decided on time",
    "Complaints answered within 10 days",
    "Residents satisfied overall",
]


def periods(size: Size, last_year: int = 2026) -> list[str]:
    first = last_year - size.years + 1
    if size.frequency == "monthly":
        return [f"{y}-{m:02d}" for y in range(first, last_year + 1) for m in range(1, 13)]
    return [f"{y}-Q{q}" for y in range(first, last_year + 1) for q in range(1, 5)]


def q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generate(size_name: str, out: Path, seed: int = 2026) -> dict[str, int]:
    size = SIZES[size_name]
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    for folder in ("frameworks", "charters", "measures", "assessments", "improvement", "updates"):
        (out / folder).mkdir(parents=True)
    for framework in (ROOT / "data" / "frameworks").glob("*.yml"):
        shutil.copy(framework, out / "frameworks" / framework.name)
    cse_elements = [
        line.split('"')[1]
        for line in (out / "frameworks" / "cse.yml").read_text().splitlines()
        if line.strip().startswith('- id: "') and line.count(".") == 2
    ]
    orgs = [f"org-{i:03d}" if size.organisations > 1 else "council" for i in range(size.organisations)]
    site = [
        "# yaml-language-server: $schema=../schemas/site.schema.json",
        "name: Synthetic Example Body",
        "url: https://bench.example.org/",
        "sample: true",
        "units:",
    ]
    units: dict[str, list[str]] = {}
    for org in orgs:
        site += [f"  - id: {org}", f"    name: Example Authority {org}", "    kind: council", "    children:"]
        units[org] = [f"{org}-unit-{u:02d}" for u in range(size.units_per_org)]
        for unit in units[org]:
            site += [f"      - id: {unit}", f"        name: Service {unit}", "        kind: service"]
    (out / "site.yml").write_text("\n".join(site) + "\n", encoding="utf-8")

    all_periods = periods(size)
    points = 0
    measures: dict[str, list[str]] = {}
    actions = []
    for org in orgs:
        measures[org] = []
        for m in range(size.measures_per_org):
            mid = f"{org}-measure-{m:03d}"
            measures[org].append(mid)
            target = rng.choice([80, 85, 90, 95])
            lines = [
                SCHEMA.format(kind="measure").rstrip(),
                f"title: {q(rng.choice(TOPICS) + f' ({mid})')}",
                "unit: percentage",
                "polarity: higher-is-better",
                f"frequency: {size.frequency}",
                f"owner: {rng.choice(units[org])}",
                "definition: The share of cases dealt with within the standard.",
                "method: Counted from the case management system.",
                "source: Synthetic benchmark data.",
                "sample: true",
                "targets:",
                f"  - from: {q(all_periods[0])}",
                f"    value: {target}",
                "results:",
            ]
            level = target + rng.uniform(-4, 6)
            for index, period in enumerate(all_periods):
                level = min(100.0, max(0.0, level + rng.uniform(-2, 2)))
                value = round(level, 1)
                lines += [
                    f"  - period: {q(period)}",
                    f"    value: {value}",
                    f"    numerator: {int(value * 10)}",
                    "    denominator: 1000",
                ]
                if value < target and index == len(all_periods) - 1:
                    action = f"{org.upper()}-A{m}"
                    actions.append(action)
                    lines += [
                        "    explanation: Staff vacancies slowed us down; new staff start next month.",
                        f"    actions: [{action}]",
                    ]
                points += 1
            lines.append(f"elements: [cse:{rng.choice(cse_elements)}]")
            (out / "measures" / f"{mid}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    plan = [SCHEMA.format(kind="improvement").rstrip(), "title: Improvement actions", "actions:"]
    for action in actions:
        plan += [
            f"  - id: {action}",
            "    title: Fill vacant posts and train new staff",
            "    due: 2027-Q1",
            "    status: in-progress",
            "    lead: Head of Service",
        ]
    (out / "improvement" / "actions.yml").write_text("\n".join(plan) + "\n", encoding="utf-8")

    charters = 0
    for org in orgs:
        for c in range(size.charters_per_org):
            cid = f"{org}-charter-{c:02d}"
            charters += 1
            lines = [
                SCHEMA.format(kind="charter").rstrip(),
                f"title: Customer charter {cid}",
                f"unit: {org}",
                "aim: To treat everyone fairly, courteously and helpfully.",
                "effective: 2026-04-01",
                "review: 2027-04-01",
                "commitments:",
            ]
            for k, mid in enumerate(rng.sample(measures[org], min(6, len(measures[org])))):
                lines += [
                    f"  - id: commitment-{k}",
                    f"    channel: {rng.choice(['telephone', 'letters-and-email', 'reception'])}",
                    "    text: We will deal with your request within our published standard.",
                    "    standards:",
                    f"      - measure: {mid}",
                    "        target: 80",
                    f"    elements: [cse:{rng.choice(cse_elements)}]",
                ]
            lines += [
                "your_help:",
                "  - Tell us if your circumstances change.",
                "complaints:",
                "  text: Tell us if we fall short and we will put it right.",
            ]
            (out / "charters" / f"{cid}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    for a in range(size.assessments):
        org = orgs[a % len(orgs)]
        lines = [
            SCHEMA.format(kind="assessment").rstrip(),
            "framework: cse",
            f"unit: {units[org][a % len(units[org])]}",
            f"date: 20{13 + a % 13:02d}-0{1 + a % 9}-15",
            "assessor: An accredited assessor",
            "ratings:",
        ]
        partial = set(rng.sample(cse_elements, 3))
        lines += [f'  "{e}": {"partial" if e in partial else "compliant"}' for e in cse_elements]
        (out / "assessments" / f"assessment-{a:03d}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    for u in range(6):
        (out / "updates" / f"2026-0{u + 1}-10-update-{u}.md").write_text(
            f"---\ntitle: Update {u}\ndate: 2026-0{u + 1}-10\ntags: [you-said-we-did]\n---\nWe changed things.\n",
            encoding="utf-8",
        )
    return {
        "measures": sum(len(v) for v in measures.values()),
        "charters": charters,
        "assessments": size.assessments,
        "data points": points,
    }


if __name__ == "__main__":
    name, target = sys.argv[1], Path(sys.argv[2])
    print(generate(name, target))
