"""Typed models, one module per kind of data file; `KINDS` maps each kind to its model."""

from __future__ import annotations

from generator.models.assessment import Assessment
from generator.models.benchmark import Benchmark
from generator.models.charter import Charter
from generator.models.common import Model
from generator.models.framework import Framework
from generator.models.improvement import Plan
from generator.models.measure import Measure
from generator.models.site import Site
from generator.models.translation import Translation
from generator.models.update import Update

KINDS: dict[str, type[Model]] = {
    "site": Site,
    "framework": Framework,
    "charter": Charter,
    "measure": Measure,
    "assessment": Assessment,
    "benchmark": Benchmark,
    "improvement": Plan,
    "update": Update,
    "translation": Translation,
}
"""Each kind of file and the model that checks it; the kind names the JSON Schema file."""

FOLDERS: dict[str, str] = {
    "frameworks": "framework",
    "charters": "charter",
    "measures": "measure",
    "assessments": "assessment",
    "benchmarks": "benchmark",
    "improvement": "improvement",
}
"""Folders of `data/` holding one YAML file per item, and the kind of each."""

__all__ = [
    "FOLDERS",
    "KINDS",
    "Assessment",
    "Benchmark",
    "Charter",
    "Framework",
    "Measure",
    "Plan",
    "Site",
    "Translation",
    "Update",
]
