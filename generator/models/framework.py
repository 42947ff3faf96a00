"""Frameworks a body is assessed against: a tree of nodes, a rating scale, an optional award rule."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field, model_validator

from generator.models.common import Code, Count, Link, Model, Slug, Source


class Level(Model):
    """One level of the rating scale."""

    TRANSLATED = ("label", "description")

    id: Slug
    """Id used in assessments, such as compliant or basic."""
    label: str
    """The level's name as printed, such as "Fully compliant"."""
    description: str | None = None
    """What the level means."""


class Condition(Model):
    """One threshold of an award rule; give exactly one of the four limits."""

    level: Slug
    """The scale level counted."""
    at_least_percent: float | None = Field(None, ge=0, le=100)
    """At least this percentage of rated elements must have the level."""
    at_most_percent: float | None = Field(None, ge=0, le=100)
    """At most this percentage of rated elements may have the level."""
    at_least_count: Count | None = None
    """At least this many elements must have the level."""
    at_most_count: Count | None = None
    """At most this many elements may have the level."""

    @model_validator(mode="after")
    def _one_limit(self) -> Condition:
        given = [
            name
            for name in ("at_least_percent", "at_most_percent", "at_least_count", "at_most_count")
            if getattr(self, name) is not None
        ]
        if len(given) != 1:
            raise ValueError(
                "give exactly one of at_least_percent, at_most_percent, at_least_count, at_most_count"
                + (f", got {', '.join(given)}" if given else "")
            )
        return self


class AwardRule(Model):
    """How an assessment's ratings decide whether the award is achieved."""

    TRANSLATED = ("name",)

    name: str
    """The award's name."""
    conditions: tuple[Condition, ...] = Field(min_length=1)
    """Every condition must hold for the award."""


class Node(Model):
    """A criterion, sub-criterion, element or question; nodes without children are rated."""

    TRANSLATED = ("title", "text", "descriptors")

    id: Code
    """Stable id as printed in the framework, such as 3.2.4."""
    title: str | None = None
    """A short name (criteria, sub-criteria, questions)."""
    text: str | None = None
    """The full wording (elements)."""
    descriptors: dict[Slug, str] = Field(default_factory=dict)
    """What each scale level looks like for this node, where the framework describes it."""
    children: tuple[Node, ...] = ()
    """Nodes inside this one."""

    @model_validator(mode="after")
    def _named(self) -> Node:
        if not self.title and not self.text:
            raise ValueError("give a title or a text")
        return self

    @property
    def name(self) -> str:
        return self.title or self.text or self.id


class Framework(Model):
    """A standard or toolkit, such as Customer Service Excellence (`data/frameworks/<id>.yml`)."""

    TRANSLATED = ("title", "description", "levels")

    id: Slug | None = None
    """Id used in element references (`cse:4.3.1`); defaults to the file name."""
    title: str
    """The framework's name."""
    description: str | None = None
    """What it is and who uses it."""
    url: Link | None = None
    """Where to read it."""
    levels: tuple[str, ...] = ()
    """Names of the tree's depths, such as criterion, sub-criterion, element."""
    scale: tuple[Level, ...] = Field(min_length=1)
    """Rating levels, best first."""
    award_rule: AwardRule | None = None
    """The rule that decides an award, if the framework has one."""
    nodes: tuple[Node, ...] = Field(min_length=1)
    """The top-level nodes."""
    sources: tuple[Source, ...] = ()
    """Documents the framework text comes from."""

    def walk(self) -> Iterator[tuple[tuple[int, ...], Node]]:
        """Every node with its index path, parents before children."""
        stack: list[tuple[tuple[int, ...], Node]] = [((i,), node) for i, node in reversed(list(enumerate(self.nodes)))]
        while stack:
            index, node = stack.pop()
            yield index, node
            stack.extend(((*index, i), child) for i, child in reversed(list(enumerate(node.children))))

    def elements(self) -> list[Node]:
        """The rateable nodes (those without children), in document order."""
        return [node for _, node in self.walk() if not node.children]
