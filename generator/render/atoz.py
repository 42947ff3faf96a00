"""The A to Z: every charter, measure and framework page by first letter, the route to every
page without JavaScript. A long one gets a page per letter, so it stays light on a national site
and every page is still two links from it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from generator.publication import Publication
from generator.render import links

Page = tuple[str, str, dict[str, Any]]

# An A to Z with more links than this gets a page per letter, so it stays light on a national site.
AZ_LINKS = 400


def letter_key(letter: str) -> str:
    """A letter's page, the same in every language: `a` for A, `other` for figures and signs,
    the code point for a letter outside a to z (`u0627`)."""
    if letter == "#":
        return "other"
    if letter.isascii():
        return letter.lower()
    return f"u{ord(letter):04x}"


def a_to_z(pub: Publication, extra: Iterable[tuple[str, str]] = ()) -> list[tuple[str, list[tuple[str, str]]]]:
    """Charters, measures, frameworks and their criteria (and `extra` pages, as (title, source)),
    by first letter, for finding without search."""
    items = [(c.title, links.charter(cid)) for cid, c in pub.charters.items()]
    items += list(extra)
    items += [(m.title, links.measure(mid)) for mid, m in pub.measures.items()]
    for fid, framework in pub.frameworks.items():
        items.append((framework.title, links.framework(fid)))
        items += [
            (f"{node.name} ({framework.title} {node.id})", links.criterion(fid, node.id)) for node in framework.nodes
        ]
    items += [(b.title, links.benchmark(bid)) for bid, b in pub.benchmarks.items()]
    letters: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for title, target in sorted(items, key=lambda item: item[0].lower()):
        first = title[:1].upper()
        letters[first if first.isalpha() else "#"].append((title, target))
    return sorted(letters.items())


def pages(pub: Publication, extra: Iterable[tuple[str, str]] = ()) -> Iterator[Page]:
    """The A to Z page, and a page per letter when it would hold more than `AZ_LINKS` links."""
    letters = a_to_z(pub, extra)
    if sum(len(items) for _, items in letters) <= AZ_LINKS:
        yield "a-z.md", "a-z.md.j2", {"letters": letters}
        return
    keys = {letter: letter_key(letter) for letter, _ in letters}
    yield "a-z.md", "a-z-letters.md.j2", {"letters": letters, "keys": keys}
    for letter, items in letters:
        yield links.letter(keys[letter]), "a-z-letter.md.j2", {"letter": letter, "items": items}
