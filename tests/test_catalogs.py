"""The fixed texts' catalogs: complete for every language shipped, placeholders intact, up to date."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from generator.render.i18n import LOCALES

SHIPPED = sorted(p.parent.parent.name for p in LOCALES.glob("*/LC_MESSAGES/charterkit.po"))
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}


def ids(path: Path) -> set[str]:
    with path.open("rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


def test_welsh_and_urdu_are_shipped() -> None:
    assert SHIPPED == ["cy", "ur"]


def test_template_lists_every_fixed_text_in_the_code() -> None:
    """Run the extraction again: a text marked in a template but missing from the .pot fails here."""
    mapping = LOCALES / "babel.cfg"
    with mapping.open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = {
        message if isinstance(message, str) else message[0]
        for _, _, message, _, _ in extract_from_dir(
            str(LOCALES.parent.parent), method_map, options_map, keywords=KEYWORDS
        )
    }
    assert found == ids(LOCALES / "charterkit.pot"), "run the extraction command in docs/translating.md"


@pytest.mark.parametrize("code", SHIPPED)
def test_every_fixed_text_is_translated_with_its_placeholders(code: str) -> None:
    with (LOCALES / code / "LC_MESSAGES" / "charterkit.po").open("rb") as handle:
        catalog = read_po(handle, locale=code)
    assert {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id} == ids(LOCALES / "charterkit.pot")
    untranslated = [m.id for m in catalog if m.id and (not m.string or not all(m.string) or m.fuzzy)]
    assert untranslated == []
    problems = [(message.id, [str(e) for e in errors]) for message, errors in catalog.check()]
    assert problems == []
