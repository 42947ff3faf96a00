"""Addresses an organisation's pages take on a site split by organisation.

When a site's measures come from more than one organisation (a top-level unit of site.yml), each
organisation gets pages at `/performance/<id>/`, `/standards/<id>/` and
`/frameworks/<framework>/<id>/` (and `/data/`, `/improvement/`), beside the measures, charters
and framework parts already there. An item with the organisation's id would be published at the
same address; this says so at validation, at the organisation's line in site.yml, before anything
is rendered.
"""

from __future__ import annotations

from generator.problems import Problem
from generator.publication import Publication


def top_of(pub: Publication) -> dict[str, str]:
    """Every unit's id → the id of the top-level unit it sits under (itself, at the top)."""
    found: dict[str, str] = {}
    for top in pub.site.units if pub.site else ():
        stack = [top]
        while stack:
            unit = stack.pop()
            found[unit.id] = top.id
            stack.extend(unit.children)
    return found


def organisations_split(pub: Publication) -> bool:
    """Whether the site's measures come from more than one organisation (the rule the pages use)."""
    tops = top_of(pub)
    return len({tops[m.owner] for m in pub.measures.values() if m.owner in tops}) > 1


def clashes(pub: Publication) -> list[Problem]:
    if pub.site is None or not organisations_split(pub):
        return []
    doc = pub.document("site", "site")
    found = []
    for index, top in enumerate(pub.site.units):
        oid = top.id
        taken = []
        if oid == "index":
            taken.append("each section's own page (/performance/ and the others)")
        if oid in pub.measures:
            taken.append(f"measure '{oid}' (/performance/{oid}/)")
        if oid in pub.charters:
            taken.append(f"charter '{oid}' (/standards/{oid}/)")
        for fid, framework in pub.frameworks.items():
            if any(node.id == oid for node in framework.nodes):
                taken.append(f"part '{oid}' of framework '{fid}' (/frameworks/{fid}/{oid}/)")
        for what in taken:
            message = (
                f"the organisation '{oid}' would have its page at the address of {what}, since this "
                "site's measures come from several organisations; give one of them a different id"
            )
            found.append(doc.problem(("units", index, "id"), message))
    return found
