"""Every key the models accept is documented in the data format guide."""

from __future__ import annotations

import re

import pytest

from generator.models import KINDS
from tests.conftest import ROOT
from tests.test_models import _nested

GUIDE = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_key_is_in_the_guide(kind: str) -> None:
    missing = [
        f"{model.__name__}.{info.alias or name}"
        for model in _nested(KINDS[kind])
        for name, info in model.model_fields.items()
        if not re.search(rf"\b{re.escape(info.alias or name)}:", GUIDE)
    ]
    assert missing == []


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("charterkit validate", "charterkit schema", "charterkit build", "charterkit serve"):
        assert command in readme
