"""The link allowlist, applied to what Markdown made of a page rather than to its source.

Data text is escaped before it reaches Markdown and update bodies are cleaned, but Markdown can
still make a link out of text that no source-level pattern recognises as one: a link reference
definition inside a block quote, a list item or a definition, for instance. This extension looks
at every element Markdown has built, after inline processing, and keeps only addresses with no
scheme or an allowed one (http, https, mailto, tel), and no event-handler attributes.

It is added to MkDocs' configuration by `charterkit build` itself, so a site's own `mkdocs.yml`
cannot leave it out.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from generator.render.text import safe_address

# Attributes that hold an address a browser may follow, load or submit to.
ADDRESSES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data", "poster", "cite", "background"})


class _Allowlist(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            for name in list(element.attrib):
                lowered = name.lower()
                if lowered.startswith("on") or lowered in ("srcdoc", "srcset"):
                    del element.attrib[name]
                elif lowered in ADDRESSES and not safe_address(element.attrib[name]):
                    element.attrib[name] = "#"


class SafeLinks(Extension):
    """Registered last among tree processors, after inline links and escapes are resolved."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_Allowlist(md), "charterkit-allowlist", -10)


def makeExtension(**kwargs: object) -> SafeLinks:
    return SafeLinks(**kwargs)
