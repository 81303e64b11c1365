"""The analyst marts of issue 14 and the Chinese labels, against numbers worked out by hand.

The warehouse holds the seed (306001, 3 projects, 35 indicators, pre-2021 taxonomy: 产出 15,
效益 11, 满意度 9), unit 307002 (other_unit: roads 1000000 = 800000 + 200000 with a 成本 target
≤120万元, office 50000 all fiscal and no cost indicator; 8 indicators: 产出 3, 成本 1, 效益 2,
满意度 2), two units of department 308 without a 308001 office (copies of 307002; 308002's office
lists 40000 of fiscal money against 50000, an unexplained 10000) and one rejected file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.warehouse_records import other_unit, outcome, seed
from transform.frames import build_frames
from warehouse.checks import run_checks
from warehouse.connect import open_readonly
from warehouse.dictionary import described_schema, render
from warehouse.labels import missing_labels, read_labels, split_comment
from warehouse.load import load


def _unit(code: str, name: str) -> dict:
    record = other_unit()
    record["unit"] = {"code": code, "name": name}
    return record


@pytest.fixture(scope="module")
def wh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("analyst") / "jixiao.duckdb"
    school = _unit("308002", "文安县实验小学")
    school["projects"][1]["budget_fiscal"] = 40000.0
    batch = [
        outcome(seed(), "/inbox/seed.docx"),
        outcome(other_unit(), "/inbox/307002.docx"),
        outcome(school, "/inbox/308002.docx"),
        outcome(_unit("308003", "文安县实验中学"), "/inbox/308003.docx"),
        outcome(None, "/inbox/broken.docx"),
    ]
    load(path, build_frames(batch, "L1"))
    assert run_checks(path) == []
    return path


def rows(wh: Path, sql: str) -> list[dict]:
    con = open_readonly(wh)
    try:
        rel = con.sql(sql)
        return [dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()]
    finally:
        con.close()


def test_dim_department_names(wh: Path) -> None:
    assert rows(wh, "SELECT department_code, department_name, name_source, units FROM dim_department "
                   "ORDER BY department_code") == [
        {
            "department_code": "306",
            "department_name": "文安县机床市场管理委员会",
            "name_source": "own_office",
            "units": 1,
        },
        {
            "department_code": "307",
            "department_name": "文安县测试镇",
            "name_source": "common_prefix",
            "units": 1,
        },
        {
            "department_code": "308",
            "department_name": "文安县实验",
            "name_source": "common_prefix",
            "units": 2,
        },
    ]


def test_mart_department_budget(wh: Path) -> None:
    got = rows(
        wh,
        "SELECT department_code, department_name, fiscal_year, units, projects, budget_total_yuan, "
        "budget_fiscal_yuan, budget_other_yuan, fiscal_share_pct, other_share_pct, "
        "unexplained_gap_yuan, projects_with_gap FROM mart_department_budget ORDER BY 1",
    )
    assert got == [
        {
            "department_code": "306",
            "department_name": "文安县机床市场管理委员会",
            "fiscal_year": 2022,
            "units": 1,
            "projects": 3,
            "budget_total_yuan": 923371.0,
            "budget_fiscal_yuan": 923371.0,
            "budget_other_yuan": 0.0,
            "fiscal_share_pct": 100.0,
            "other_share_pct": 0.0,
            "unexplained_gap_yuan": 0.0,
            "projects_with_gap": 0,
        },
        {
            "department_code": "307",
            "department_name": "文安县测试镇",
            "fiscal_year": 2022,
            "units": 1,
            "projects": 2,
            "budget_total_yuan": 1050000.0,
            "budget_fiscal_yuan": 850000.0,
            "budget_other_yuan": 200000.0,
            "fiscal_share_pct": 80.95,
            "other_share_pct": 19.05,
            "unexplained_gap_yuan": 0.0,
            "projects_with_gap": 0,
        },
        # 2 x 1050000; fiscal 850000 + 840000; 1690000 / 2100000 = 80.48%
        {
            "department_code": "308",
            "department_name": "文安县实验",
            "fiscal_year": 2022,
            "units": 2,
            "projects": 4,
            "budget_total_yuan": 2100000.0,
            "budget_fiscal_yuan": 1690000.0,
            "budget_other_yuan": 400000.0,
            "fiscal_share_pct": 80.48,
            "other_share_pct": 19.05,
            "unexplained_gap_yuan": 10000.0,
            "projects_with_gap": 1,
        },
    ]


def test_mart_money_at_risk(wh: Path) -> None:
    got = rows(
        wh,
        "SELECT project_name, budget_total_yuan, vague_indicators, unquantified_indicators, "
        "contradicting_targets, cost_indicators, budget_at_risk_yuan, budget_behind_vague_yuan, "
        "budget_without_cost_yuan, risk_reasons FROM mart_money_at_risk WHERE unit_code = '307002' "
        "ORDER BY budget_total_yuan DESC",
    )
    assert got == [
        # 明显改善 is vague; 明显改善 and 降低扬尘 unquantified; ≤120万元 above the 1000000 budget
        {
            "project_name": "村道维修",
            "budget_total_yuan": 1000000.0,
            "vague_indicators": 1,
            "unquantified_indicators": 2,
            "contradicting_targets": 1,
            "cost_indicators": 1,
            "budget_at_risk_yuan": 1000000.0,
            "budget_behind_vague_yuan": 1000000.0,
            "budget_without_cost_yuan": 0.0,
            "risk_reasons": "表述模糊、未量化、目标自相矛盾",
        },
        {
            "project_name": "办公经费",
            "budget_total_yuan": 50000.0,
            "vague_indicators": 0,
            "unquantified_indicators": 0,
            "contradicting_targets": 0,
            "cost_indicators": 0,
            "budget_at_risk_yuan": 50000.0,
            "budget_behind_vague_yuan": 0.0,
            "budget_without_cost_yuan": 50000.0,
            "risk_reasons": "无成本指标",
        },
    ]
    # The seed's bridge: 合同价 ≤102.11万元 against a 500000 budget.
    bridge = rows(
        wh,
        "SELECT has_contradiction FROM mart_money_at_risk "
        "WHERE project_code = '13102622P00237611441H'",
    )
    assert bridge == [{"has_contradiction": True}]


def test_mart_indicator_mix(wh: Path) -> None:
    got = rows(
        wh,
        "SELECT indicators, unit_indicators, unit_share_pct, county_indicators, county_share_pct, "
        "share_diff_pct FROM mart_indicator_mix WHERE unit_code = '307002' "
        "AND category_level = '一级' AND level1 = '产出指标'",
    )
    # unit: 3 of 8 = 37.5%; county: seed 15 + 3 x 3 = 24 of 35 + 3 x 8 = 59 = 40.68%
    assert got == [
        {
            "indicators": 3,
            "unit_indicators": 8,
            "unit_share_pct": 37.5,
            "county_indicators": 24,
            "county_share_pct": 40.68,
            "share_diff_pct": -3.18,
        }
    ]
    shares = rows(
        wh,
        "SELECT unit_code, category_level, sum(indicators) AS n FROM mart_indicator_mix "
        "GROUP BY ALL ORDER BY ALL",
    )
    assert {(r["unit_code"], r["category_level"]): r["n"] for r in shares}[("306001", "二级")] == 35


def test_mart_data_freshness(wh: Path) -> None:
    got = rows(
        wh,
        "SELECT last_load_id, loads, current_submissions, current_units, "
        "latest_fiscal_year, files_rejected, last_load_loaded, last_load_rejected, "
        "last_load_finished_at IS NOT NULL AS finished FROM mart_data_freshness",
    )
    assert got == [
        {
            "last_load_id": "L1",
            "loads": 1,
            "current_submissions": 4,
            "current_units": 4,
            "latest_fiscal_year": 2022,
            "files_rejected": 1,
            "last_load_loaded": 4,
            "last_load_rejected": 1,
            "finished": True,
        }
    ]


def test_every_mart_column_has_a_chinese_label(wh: Path) -> None:
    assert missing_labels(described_schema()) == []
    con = open_readonly(wh)
    try:
        assert missing_labels(con) == []
        comments = con.execute(
            "SELECT table_name, column_name, comment FROM duckdb_columns() "
            "WHERE table_name LIKE 'mart%'"
        ).fetchall()
    finally:
        con.close()
    for table, column, comment in comments:
        label, english = split_comment(comment)
        assert label and any("\u4e00" <= ch <= "\u9fff" for ch in label), (table, column)
        assert english, (table, column)  # the English description follows the label
    labels = dict(((t, c), split_comment(m)[0]) for t, c, m in comments)
    assert labels[("mart_unit_budget", "budget_total_yuan")] == "预算数合计（元）"
    assert labels[("mart_cost_vs_budget", "budget_total_yuan")] == "预算数（元）"


def test_labels_file_names_no_unknown_column() -> None:
    con = described_schema()
    known = set(con.execute("SELECT table_name, column_name FROM duckdb_columns()").fetchall())
    names = {c for _, c in known}
    for obj, column in read_labels():
        assert (obj, column) in known if obj != "*" else column in names | {"division_code"}, (
            obj,
            column,
        )


def test_dictionary_shows_the_labels() -> None:
    text = render()
    assert "| `budget_total_yuan` | DOUBLE | 预算数合计（元） — Sum of 预算数, yuan. |" in text
