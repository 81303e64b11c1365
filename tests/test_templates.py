"""Published templates of other issuers (tests/docgen/templates.py) extract to their expected JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.docgen.compare import differences, report
from tests.docgen.templates import ISSUERS, TEMPLATES, write_templates
from tests.paths import SCHEMA_PATH

SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def templates_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("templates")
    write_templates(out)
    return out


def _extract(path: Path) -> dict[str, Any]:
    from extract.api import extract_file, to_contract

    return dict(to_contract(extract_file(path)))


def test_six_issuers_each_with_its_source() -> None:
    assert set(ISSUERS) == set(TEMPLATES) and len(set(ISSUERS.values())) >= 6
    for name, fn in TEMPLATES.items():
        assert "Source:" in (fn.__doc__ or ""), f"{name} does not say where its template comes from"


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_template_extracts_to_expected(templates_dir: Path, name: str) -> None:
    expected = json.loads((templates_dir / f"{name}.json").read_text(encoding="utf-8"))
    jsonschema.validate(expected, SCHEMA)
    actual = _extract(templates_dir / f"{name}.docx")
    diffs = differences(expected, actual)
    assert not diffs, report(f"{name}.docx", diffs)
