"""Grain tests (dbt-style): every fact and dimension keeps its declared key unique, every finding is
at its place, over loaded warehouses; and mart_rule_summary counts projects and rows of a fixture
whose defects are known.

The zero-row checks are sql/check_*.sql (warehouse/checks.py runs them; `jixiao verify` too).
Here they run over two real warehouses: the real-template county (real .docx through the real
parser and the nightly steps) and a county built with known defects.
"""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest

from flows.settings import Settings
from flows.steps import run_direct
from tests.paths import DATA, ROOT
from tests.test_rules_cases import clean, p, set_
from tests.test_rules_frames import frames_of
from transform.rules import run_rules
from warehouse.checks import run_checks
from warehouse.load import load

SQL = ROOT / "sql"
REAL = DATA / "real-templates"


@pytest.fixture(scope="module")
def real_county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a warehouse loaded from every real-template .docx through the nightly steps."""
    root = tmp_path_factory.mktemp("real")
    inbox = root / "inbox"
    inbox.mkdir()
    for doc in sorted(REAL.glob("*/docs/*.docx")):
        shutil.copy(doc, inbox / doc.name)
    wh = root / "jixiao.duckdb"
    run_direct(inbox, wh, Settings(concurrency=1), progress=lambda _: None)
    return wh


def _vague(row: dict[str, Any], raw: str) -> None:
    set_(row, target_raw=raw, op=None, value=None, unit=None)


def _known_defects() -> list[dict[str, Any]]:
    """Return two units whose vague targets and ≥100% targets are known by construction.

    Unit 306001: three projects, row 3 of each 按时完成 (the same defect in three projects), and
    row 5 of project 1 明显提升: vague_target in 3 projects, 4 rows. Unit 301002: one project,
    row 3 有效改善 and row 2 ≥100%: vague_target in 1 project, 1 row; percent_out_of_range 1, 1.
    """
    a = clean("306001")
    for k in (2, 3):
        again = copy.deepcopy(p(a))
        again.update(seq=k, code=f"13102622P0023761144{k}C", name=f"项目{k}")
        a["projects"].append(again)
    for project in a["projects"]:
        _vague(project["indicators"][2], "按时完成")
    _vague(p(a)["indicators"][4], "明显提升")
    b = clean("301002")
    p(b)["code"] = "13102622P00237611001C"
    _vague(p(b)["indicators"][2], "有效改善")
    set_(p(b)["indicators"][1], target_raw="≥100%", op=">=", value=100.0, unit="%")
    return [a, b]


@pytest.fixture(scope="module")
def known(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wh = tmp_path_factory.mktemp("known") / "jixiao.duckdb"
    frames = frames_of(_known_defects(), "load-known")
    load(wh, frames, run_rules(frames))
    return wh


def _declared_objects() -> list[str]:
    """Return every fact and dimension sql/ declares (tables and views named dim_* / fct_*)."""
    return sorted(f.stem for f in SQL.glob("*.sql") if re.match(r"(dim|fct)_", f.stem))


def test_every_fact_and_dimension_has_a_grain_test() -> None:
    checked = (SQL / "check_duplicate_grain.sql").read_text(encoding="utf-8")
    missing = [name for name in _declared_objects() if f"FROM {name} GROUP BY" not in checked]
    assert missing == []


@pytest.mark.parametrize("which", ["real_county", "known"])
def test_grain_and_integrity_checks_return_no_rows(which: str, request: pytest.FixtureRequest) -> None:
    wh = request.getfixturevalue(which)
    with duckdb.connect(str(wh), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM current_review_finding").fetchone()[0] > 0
    assert run_checks(wh) == []


def test_the_grain_check_catches_a_repeated_finding(known: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.duckdb"
    shutil.copy(known, broken)
    with duckdb.connect(str(broken)) as con:
        con.execute(
            "INSERT INTO fct_review_finding SELECT * EXCLUDE (rule_key) FROM fct_review_finding "
            "WHERE rule_id = 'vague_target' LIMIT 1"
        )
        # and a merged finding of the old kind: a row without its project
        con.execute(
            "UPDATE fct_review_finding SET project_seq = NULL "
            "WHERE rule_id = 'percent_out_of_range'"
        )
    failures = {(f.check, f.problem) for f in run_checks(broken)}
    assert ("check_duplicate_grain", "duplicate grain") in failures
    assert ("check_finding_place", "finding on a row without its project") in failures


def test_every_finding_in_a_project_names_its_project(real_county: Path) -> None:
    with duckdb.connect(str(real_county), read_only=True) as con:
        rows = con.execute(
            "SELECT rule_id, message FROM current_review_finding WHERE project_seq IS NULL"
        ).fetchall()
    # only findings about the whole submission have no project
    assert {r[0] for r in rows} <= {"unit_code_format", "boilerplate_across_units", "department_part_missing"}
    assert all(not m.startswith("项目「") and "个项目中" not in m for _, m in rows)


def test_rule_summary_counts_projects_and_rows(known: Path) -> None:
    with duckdb.connect(str(known), read_only=True) as con:
        got = {
            r[0]: r[1:]
            for r in con.execute(
                "SELECT rule_id, findings, units_affected, projects_affected, rows_affected "
                "FROM mart_rule_summary WHERE rule_id IN ('vague_target', 'percent_out_of_range')"
            ).fetchall()
        }
    # vague: 306001 rows 3 of projects 1-3 and row 5 of project 1; 301002 row 3 of project 1
    assert got["vague_target"] == (5, 2, 4, 5)
    assert got["percent_out_of_range"] == (1, 1, 1, 1)
