"""Links written in the data's text to pages of the site, checked before anything is built.

A commitment, a measure's definition or a result's explanation may link to another page of the
site by what it is, not by where it lands: `[the letters standard](measure:letters-answered)`.
The page's address is worked out wherever the text is shown, so the link survives languages and
large print; a link that names nothing is an error here, and one that would show as text, a
warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.load import Document, Path_
from generator.problems import Problem, did_you_mean
from generator.publication import Publication
from generator.render.links import KINDS, LINK

# Anything written like a Markdown link, whether or not it is one charterkit makes.
_ANY_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\(([^()\s]*)\)")
_FORMS = ", ".join(f"{kind}:<id>" for kind in KINDS)


def _fields(pub: Publication) -> Iterator[tuple[Document, Path_, str]]:
    """Every text that may hold links, with where it is."""
    for cid, charter in pub.charters.items():
        doc = pub.document("charter", cid)
        for i, commitment in enumerate(charter.commitments):
            yield doc, ("commitments", i, "text"), commitment.text
    for mid, measure in pub.measures.items():
        doc = pub.document("measure", mid)
        yield doc, ("definition",), measure.definition
        for i, result in enumerate(measure.results):
            if result.explanation:
                yield doc, ("results", i, "explanation"), result.explanation


def _ids(pub: Publication, kind: str) -> set[str]:
    if kind == "update":
        return {post.slug for post in pub.posts}
    return set(getattr(pub, KINDS[kind][0]))


def link_problems(pub: Publication) -> list[Problem]:
    problems = []
    ids = {kind: _ids(pub, kind) for kind in KINDS}
    for doc, path, text in _fields(pub):
        for match in _ANY_LINK.finditer(text):
            written, address = match.group(0), match.group(2)
            if not LINK.fullmatch(written):
                message = (
                    f"{written[:80]!r} is shown as text, not a link: start the address with https://, mailto: "
                    f"or tel:, or link to a page of this site as {_FORMS}"
                )
                problems.append(doc.problem(path, message, "warning"))
                continue
            kind, _, ident = address.partition(":")
            if kind in ids and ident not in ids[kind] and (kind, ident) not in pub.failed:
                hint = did_you_mean(ident, ids[kind])
                problems.append(doc.problem(path, f"links to {address}, but there is no {kind} '{ident}'{hint}"))
    return problems
