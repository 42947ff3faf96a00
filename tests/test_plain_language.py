"""Sentences the generator writes itself read as plain English (Flesch reading ease of 60 or more)."""

from __future__ import annotations

import re
from datetime import date

from generator.render import sentences, words
from generator.standing import verdict
from generator.validate import validate
from tests.conftest import DATA


def syllables(word: str) -> int:
    """A rough count, as readability formulas use: vowel groups, less a silent final e."""
    word = word.lower()
    if not word.isalpha():
        return 1  # figures such as 86.4% are read as one unit
    groups = len(re.findall(r"[aeiouy]+", word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and groups > 1:
        groups -= 1
    return max(groups, 1)


def reading_ease(text: str) -> float:
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]
    tokens = re.findall(r"[A-Za-z]+|[0-9][0-9.,%£]*", text)
    return 206.835 - 1.015 * len(tokens) / len(sentences) - 84.6 * sum(map(syllables, tokens)) / len(tokens)


def generated_sentences() -> list[str]:
    publication, _ = validate(DATA)
    found = []
    for measure in publication.measures.values():
        for result in measure.results:
            found.append(sentences.headline(measure, result, date(2026, 12, 1)))
            found.append(sentences.trend(measure, result) + ".")
    for framework in publication.frameworks.values():
        if framework.award_rule:
            found.append(words.rule_words(framework))
    for assessment in publication.assessments.values():
        found.append(words.verdict_words(verdict(assessment, publication.frameworks[assessment.framework])))
    return found


def test_the_formula_tells_plain_from_dense() -> None:
    assert reading_ease("We answer the phone within six rings. Most calls are quick.") > 80
    assert reading_ease("Organisational responsiveness necessitates comprehensive multidimensional evaluation.") < 0


def test_generated_sentences_are_plain_english() -> None:
    sentences = generated_sentences()
    assert len(sentences) > 200
    score = reading_ease(" ".join(sentences))
    assert score >= 60, f"reading ease {score:.0f}"
    longest = max(sentences, key=lambda s: len(s.split()))
    assert len(longest.split()) <= 40, longest
