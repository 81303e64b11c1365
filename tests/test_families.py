"""Template families found by search (tests/docgen/families.py): each reads exactly, or what the reader cannot
know yet is named, gap by gap, with the warning that says so.

A gap whose warning is None is read wrong *and silently* today: the test keeps it listed (it fails once the
reader reads that part right, so the entry is removed) and the report counts it. A gap without paths is a
warning on a line the truth has no field for (a title the reader does not know as one).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.docgen.compare import differences
from tests.docgen.families import FAMILIES, ISSUERS, write_families
from tests.paths import SCHEMA_PATH

SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
# extra keeps unmapped header fields as written (its keys are the reader's spelling, not the contract's);
# the warnings are what this test checks gap by gap.
NOT_COMPARED = frozenset({"extra", "sha256", "warnings"})


@dataclass(frozen=True)
class Gap:
    """Part of a family the reader cannot know yet: the differing paths, and the warning naming it (or None)."""

    paths: tuple[str, ...]  # prefixes of `differences` paths this gap explains; () for a warning on a line
    # the truth has no field for (a title the reader does not know as one: warned, which is the safe side)
    warning: tuple[str, str] | None  # (kind, text in its where or message); None: not warned today
    why: str


P0 = "$.projects[0]"
GAPS: dict[str, list[Gap]] = {
    "fam_fiscal_fanben": [
        Gap((), ("table_unknown", "表3"), "a label | value table after the indicators (保证项目实施的制度、措施) is "
            "not known as the project's; warned, which is the safe side (a table nobody knows is warned too)"),
    ],
    "fam_special_fund": [
        Gap((), ("project_no_budget", "没有读到预算金额"), "the form has no money: read exactly, the warning is right"),
    ],
}


@pytest.fixture(scope="module")
def families_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from extract.labels import reset_label_overrides

    reset_label_overrides()  # the built-in tables only: nothing a jixiao.toml of another test registered
    out = tmp_path_factory.mktemp("families")
    write_families(out)
    return out


def _read(folder: Path, name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    from extract.api import extract_file, to_contract

    expected = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    return expected, dict(to_contract(extract_file(folder / f"{name}.docx")))


def test_eight_families_each_with_its_source_and_unseen_figure() -> None:
    from tests.docgen.templates import TEMPLATES

    assert len(FAMILIES) >= 8 and set(ISSUERS) == set(FAMILIES) and not set(FAMILIES) & set(TEMPLATES)
    for name, fn in FAMILIES.items():
        doc = fn.__doc__ or ""
        assert "Source:" in doc and "Unseen (" in doc, f"{name} does not say where it comes from or how it read unseen"


@pytest.mark.parametrize("name", sorted(FAMILIES))
def test_family_reads_exactly_or_names_what_it_cannot_know(families_dir: Path, name: str) -> None:
    check_family(families_dir, name, GAPS.get(name, []))


def check_family(folder: Path, name: str, gaps: list[Gap]) -> None:
    """Assert that a drawn family reads exactly with no warning, or that each difference is a listed gap, each gap
    still differs (else remove it) and the warning it names is given."""
    expected, actual = _read(folder, name)
    jsonschema.validate(expected, SCHEMA)
    jsonschema.validate(actual, SCHEMA)
    from tests.test_accounting import account

    assert not account(folder / f"{name}.docx")  # every cell and line has a fate the warnings agree with
    diffs = differences(expected, actual, ignore=NOT_COMPARED)
    if not gaps:
        assert not diffs and actual["warnings"] == [], (diffs, actual["warnings"])
        return
    said = [f"{w['kind']} {w['where']} {w['message']}" for w in actual["warnings"]]
    unexplained = [d for d in diffs if not any(d.startswith(p) for g in gaps for p in g.paths)]
    assert not unexplained, f"{name}: differences no gap explains: {unexplained}"
    for gap in gaps:
        mine = [d for d in diffs if d.startswith(gap.paths)] if gap.paths else ["(a warning on a line with no field)"]
        assert mine, f"{name}: the reader now reads this right, remove the gap: {gap.why}"
        if gap.warning is not None:
            kind, text = gap.warning
            assert any(s.startswith(kind) and text in s for s in said), (
                f"{name}: {gap.why}, but no [{kind}] warning names “{text}”: {said}")

