"""Every mart against numbers worked out by hand from the fixture records (tests/warehouse_records.py).

The warehouse holds: the seed (306001, 3 projects, 35 indicators), unit 307002 (2 projects,
8 indicators) loaded after an older 307002 version it supersedes, and one rejected file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.warehouse_records import other_unit, outcome, seed
from transform.frames import build_frames
from warehouse.checks import run_checks
from warehouse.connect import open_readonly
from warehouse.load import load


@pytest.fixture(scope="module")
def wh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("marts") / "jixiao.duckdb"
    older = other_unit()
    older["projects"][0]["budget_total"] = 1.0  # would show in every total if history leaked
    older["projects"][0]["indicators"].append(dict(older["projects"][0]["indicators"][0]))
    load(path, build_frames([outcome(older, "/inbox/307002_old.docx")], "L1"))
    batch = [
        outcome(seed(), "/inbox/seed_306001_2022.docx"),
        outcome(other_unit(), "/inbox/307002_2022.docx"),
        outcome(None, "/inbox/broken.docx"),
    ]
    load(path, build_frames(batch, "L2"))
    assert run_checks(path) == []
    return path


def rows(wh: Path, sql: str) -> list[dict]:
    con = open_readonly(wh)
    try:
        rel = con.sql(sql)
        return [dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()]
    finally:
        con.close()


def test_mart_unit_budget(wh: Path) -> None:
    got = rows(
        wh,
        "SELECT unit_code, department_code, fiscal_year, projects, budget_total_yuan, "
        "budget_fiscal_yuan, budget_other_yuan, projects_without_budget FROM mart_unit_budget ORDER BY unit_code",
    )
    assert got == [
        # seed: 259371 + 500000 + 164000; all fiscal; 其他资金 blank everywhere
        {
            "unit_code": "306001",
            "department_code": "306",
            "fiscal_year": 2022,
            "projects": 3,
            "budget_total_yuan": 923371.0,
            "budget_fiscal_yuan": 923371.0,
            "budget_other_yuan": 0.0,
            "projects_without_budget": 0,
        },
        # 村道维修 1000000 (800000 + 200000) + 办公经费 50000 (fiscal, other blank)
        {
            "unit_code": "307002",
            "department_code": "307",
            "fiscal_year": 2022,
            "projects": 2,
            "budget_total_yuan": 1050000.0,
            "budget_fiscal_yuan": 850000.0,
            "budget_other_yuan": 200000.0,
            "projects_without_budget": 0,
        },
    ]


def test_mart_unit_quality(wh: Path) -> None:
    got = rows(
        wh,
        "SELECT unit_code, projects, indicators, quantified, vague, duplicates, quantified_pct, "
        "vague_pct, duplicate_pct, indicators_per_project FROM mart_unit_quality ORDER BY unit_code",
    )
    assert got == [
        # seed: 12 + 12 + 11 rows; not quantified: 按时完成, 明显提升 x2, 可持续使用 (bridge),
        # 明显提升改善 x2 (office) -> 29 quantified, 6 vague; the bridge repeats
        # (服务对象满意度指标, 满意度, ≥95百分比) once.
        {
            "unit_code": "306001",
            "projects": 3,
            "indicators": 35,
            "quantified": 29,
            "vague": 6,
            "duplicates": 5,
            "quantified_pct": 82.86,
            "vague_pct": 17.14,
            "duplicate_pct": 14.29,
            "indicators_per_project": 11.67,
        },
        # 307002: 6 + 2 rows; 明显改善 and 降低扬尘 are qualitative, only 明显改善 vague.
        {
            "unit_code": "307002",
            "projects": 2,
            "indicators": 8,
            "quantified": 6,
            "vague": 1,
            "duplicates": 0,
            "quantified_pct": 75.0,
            "vague_pct": 12.5,
            "duplicate_pct": 0.0,
            "indicators_per_project": 4.0,
        },
    ]


def test_mart_project_coverage(wh: Path) -> None:
    got = rows(
        wh,
        "SELECT unit_code, project_seq, taxonomy_version, level1_missing, level2_missing, "
        "level1_missing_count, level2_missing_count, rows_outside_taxonomy, is_complete "
        "FROM mart_project_coverage ORDER BY unit_code, project_seq",
    )
    assert got == [
        {
            "unit_code": "306001",
            "project_seq": 1,
            "taxonomy_version": "pre2021",
            "level1_missing": None,
            "level2_missing": None,
            "level1_missing_count": 0,
            "level2_missing_count": 0,
            "rows_outside_taxonomy": 0,
            "is_complete": True,
        },
        {
            "unit_code": "306001",
            "project_seq": 2,
            "taxonomy_version": "pre2021",
            "level1_missing": None,
            "level2_missing": None,
            "level1_missing_count": 0,
            "level2_missing_count": 0,
            "rows_outside_taxonomy": 0,
            "is_complete": True,
        },
        # 专项办公经费 has no 经济效益指标 row: allowed, not required, so it is complete.
        {
            "unit_code": "306001",
            "project_seq": 3,
            "taxonomy_version": "pre2021",
            "level1_missing": None,
            "level2_missing": "经济效益指标",
            "level1_missing_count": 0,
            "level2_missing_count": 1,
            "rows_outside_taxonomy": 0,
            "is_complete": True,
        },
        # 村道维修 under 2021 rules: 数量 质量 | 经济成本 | 社会效益 生态效益(环境效益) | 满意度.
        {
            "unit_code": "307002",
            "project_seq": 1,
            "taxonomy_version": "2021",
            "level1_missing": None,
            "level2_missing": "时效指标、社会成本指标、生态环境成本指标、经济效益指标",
            "level1_missing_count": 0,
            "level2_missing_count": 4,
            "rows_outside_taxonomy": 0,
            "is_complete": False,
        },
        # 办公经费 (pre-2021): only 数量 and 满意度.
        {
            "unit_code": "307002",
            "project_seq": 2,
            "taxonomy_version": "pre2021",
            "level1_missing": "效益指标",
            "level2_missing": "质量指标、时效指标、成本指标、经济效益指标、社会效益指标、生态效益指标、可持续影响指标",
            "level1_missing_count": 1,
            "level2_missing_count": 7,
            "rows_outside_taxonomy": 0,
            "is_complete": False,
        },
    ]
    present = rows(
        wh,
        "SELECT level1_present FROM mart_project_coverage WHERE unit_code = '307002' "
        "AND project_seq = 1",
    )
    assert present == [{"level1_present": "产出指标、成本指标、效益指标、满意度指标"}]


def test_mart_satisfaction_targets(wh: Path) -> None:
    got = rows(
        wh,
        "SELECT target_op, target_value, target_unit, indicators, projects, units, share_pct "
        "FROM mart_satisfaction_targets ORDER BY target_value",
    )
    # seed: ≥95 x5 (3 projects), ≥96 x2 (projects 1, 3), ≥97 x2 (projects 2, 3);
    # 307002: ≥90 x1, ≥95 x1. 11 rows in all.
    assert got == [
        {
            "target_op": ">=",
            "target_value": 90.0,
            "target_unit": "%",
            "indicators": 1,
            "projects": 1,
            "units": 1,
            "share_pct": 9.09,
        },
        {
            "target_op": ">=",
            "target_value": 95.0,
            "target_unit": "%",
            "indicators": 6,
            "projects": 4,
            "units": 2,
            "share_pct": 54.55,
        },
        {
            "target_op": ">=",
            "target_value": 96.0,
            "target_unit": "%",
            "indicators": 2,
            "projects": 2,
            "units": 1,
            "share_pct": 18.18,
        },
        {
            "target_op": ">=",
            "target_value": 97.0,
            "target_unit": "%",
            "indicators": 2,
            "projects": 2,
            "units": 1,
            "share_pct": 18.18,
        },
    ]


def test_mart_spending_pace(wh: Path) -> None:
    got = rows(
        wh,
        "SELECT checkpoint, planned_pct, pace_pct, gap_pct, is_below_pace, implied_amount_yuan "
        "FROM mart_spending_pace WHERE unit_code = '307002' AND project_seq = 1 ORDER BY checkpoint_seq",
    )
    assert got == [
        {
            "checkpoint": "3月底",
            "planned_pct": 10.0,
            "pace_pct": 25.0,
            "gap_pct": -15.0,
            "is_below_pace": True,
            "implied_amount_yuan": 100000.0,
        },
        {
            "checkpoint": "6月底",
            "planned_pct": 40.0,
            "pace_pct": 50.0,
            "gap_pct": -10.0,
            "is_below_pace": True,
            "implied_amount_yuan": 400000.0,
        },
        {
            "checkpoint": "10月底",
            "planned_pct": 70.0,
            "pace_pct": 75.0,
            "gap_pct": -5.0,
            "is_below_pace": True,
            "implied_amount_yuan": 700000.0,
        },
        {
            "checkpoint": "12月底",
            "planned_pct": 100.0,
            "pace_pct": 100.0,
            "gap_pct": 0.0,
            "is_below_pace": False,
            "implied_amount_yuan": 1000000.0,
        },
    ]
    # Every other current plan (the seed's 3 and 办公经费, 9月底 included) keeps the pace: 16 rows.
    assert rows(
        wh,
        "SELECT count(*) AS n, count(*) FILTER (WHERE is_below_pace) AS below FROM mart_spending_pace",
    ) == [{"n": 20, "below": 3}]


def test_mart_cost_vs_budget(wh: Path) -> None:
    got = rows(
        wh,
        "SELECT unit_code, project_seq, target_raw, cost_yuan, budget_total_yuan, "
        "cost_share_of_budget_pct, is_percent, exceeds_budget FROM mart_cost_vs_budget "
        "ORDER BY unit_code, project_seq",
    )
    assert got == [
        # 25.93万元 against 259371: 259300 / 259371 = 99.97%
        {
            "unit_code": "306001",
            "project_seq": 1,
            "target_raw": "25.93万元",
            "cost_yuan": 259300.0,
            "budget_total_yuan": 259371.0,
            "cost_share_of_budget_pct": 99.97,
            "is_percent": False,
            "exceeds_budget": False,
        },
        # the bridge: ≤102.11万元 against 500000 -> 204.22%, over budget
        {
            "unit_code": "306001",
            "project_seq": 2,
            "target_raw": "≤102.11万元",
            "cost_yuan": 1021100.0,
            "budget_total_yuan": 500000.0,
            "cost_share_of_budget_pct": 204.22,
            "is_percent": False,
            "exceeds_budget": True,
        },
        # a cost given as 100百分比
        {
            "unit_code": "306001",
            "project_seq": 3,
            "target_raw": "100百分比",
            "cost_yuan": None,
            "budget_total_yuan": 164000.0,
            "cost_share_of_budget_pct": None,
            "is_percent": True,
            "exceeds_budget": False,
        },
        # 2021 taxonomy: 成本指标 as 一级; ≤120万元 against 1000000 -> 120%
        {
            "unit_code": "307002",
            "project_seq": 1,
            "target_raw": "≤120万元",
            "cost_yuan": 1200000.0,
            "budget_total_yuan": 1000000.0,
            "cost_share_of_budget_pct": 120.0,
            "is_percent": False,
            "exceeds_budget": True,
        },
    ]


def test_mart_indicator_obt(wh: Path) -> None:
    assert rows(
        wh, "SELECT count(*) AS n, count(DISTINCT indicator_key) AS k FROM mart_indicator_obt"
    ) == [{"n": 43, "k": 43}]
    got = rows(
        wh,
        "SELECT unit_name, project_code, level2, level2_canonical, target_value, target_unit, "
        "budget_total_yuan, file_name, source_table, source_row FROM mart_indicator_obt "
        "WHERE unit_code = '307002' AND project_seq = 1 AND indicator_seq = 5",
    )
    assert got == [
        {
            "unit_name": "文安县测试镇本级",
            "project_code": "13102622P00000000001A",
            "level2": "环境效益指标",
            "level2_canonical": "生态效益指标",
            "target_value": None,
            "target_unit": None,
            "budget_total_yuan": 1000000.0,
            "file_name": "307002_2022.docx",
            "source_table": 1,
            "source_row": 5,
        }
    ]


def test_history_is_still_queryable(wh: Path) -> None:
    assert rows(wh, "SELECT count(*) AS n FROM fct_indicator_target") == [{"n": 43 + 9}]
    assert rows(
        wh,
        "SELECT version, is_current FROM dim_submission WHERE unit_code = '307002' ORDER BY version",
    ) == [{"version": 1, "is_current": False}, {"version": 2, "is_current": True}]
