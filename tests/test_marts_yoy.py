"""Year over year: the seed (2022) and the same file re-dated 2023 through the real parser.

The 2023 copy is the seed's own XML with the year changed (项目编码 13102622P… -> 13102623P…,
2022年 -> 2023年), the bridge project's 预算数 and 财政资金 raised from 500000 to 600000, and one
target of the first project lowered (是否吸引更多的投资者 ≥95百分比 -> ≥90百分比).
"""

from __future__ import annotations

import copy
import zipfile
from pathlib import Path

import pytest

from extract.batch import extract_one
from tests.paths import SEED_DOCX
from tests.warehouse_records import outcome, seed
from transform.frames import build_frames
from warehouse.checks import run_checks
from warehouse.connect import open_readonly
from warehouse.load import load

FIRST, BRIDGE, OFFICE = "13102622P00237611444C", "13102622P00237611441H", "13102622P00237611443Q"


def redated_2023(src: Path, dst: Path) -> Path:
    """Write the seed re-dated 2023, bridge budget raised, one target of project 1 lowered."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                start, end = xml.index(FIRST), xml.index(BRIDGE)
                at = xml.index("≥95百分比", start)  # project 1's 是否吸引更多的投资者
                assert at < end
                xml = xml[:at] + "≥90百分比" + xml[at + len("≥95百分比") :]
                assert xml.count("500000.00") == 2  # 预算数 and 财政资金 of the bridge
                xml = xml.replace("500000.00", "600000.00")
                xml = xml.replace("13102622P", "13102623P").replace("2022年", "2023年")
                data = xml.encode("utf-8")
            zout.writestr(item, data)
    return dst


def rows(wh: Path, sql: str) -> list[dict]:
    con = open_readonly(wh)
    try:
        rel = con.sql(sql)
        return [dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()]
    finally:
        con.close()


@pytest.fixture(scope="module")
def wh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("yoy")
    path = tmp / "jixiao.duckdb"
    first = extract_one(SEED_DOCX)
    assert first.ok and first.submission["fiscal_year"] == 2022
    load(path, build_frames([first], "L1"))
    second = extract_one(redated_2023(SEED_DOCX, tmp / "seed_306001_2023.docx"))
    assert second.ok and second.submission["fiscal_year"] == 2023
    load(path, build_frames([second], "L2"))
    assert run_checks(path) == []
    return path


def test_unit_yoy(wh: Path) -> None:
    got = rows(
        wh,
        "SELECT unit_code, unit_name, fiscal_year, fiscal_year_start::VARCHAR AS start, has_previous_year, "
        "projects, prev_projects, budget_total_yuan, prev_budget_total_yuan, budget_change_yuan, "
        "budget_change_pct, projects_added, projects_dropped, projects_continued "
        "FROM mart_unit_yoy ORDER BY fiscal_year",
    )
    name = "文安县机床市场管理委员会本级"
    assert got == [
        {
            "unit_code": "306001",
            "unit_name": name,
            "fiscal_year": 2022,
            "start": "2022-01-01",
            "has_previous_year": False,
            "projects": 3,
            "prev_projects": None,
            "budget_total_yuan": 923371.0,
            "prev_budget_total_yuan": None,
            "budget_change_yuan": None,
            "budget_change_pct": None,
            "projects_added": None,
            "projects_dropped": None,
            "projects_continued": None,
        },
        # 259371 + 600000 + 164000 against 259371 + 500000 + 164000; 100000 / 923371 = 10.83%
        {
            "unit_code": "306001",
            "unit_name": name,
            "fiscal_year": 2023,
            "start": "2023-01-01",
            "has_previous_year": True,
            "projects": 3,
            "prev_projects": 3,
            "budget_total_yuan": 1023371.0,
            "prev_budget_total_yuan": 923371.0,
            "budget_change_yuan": 100000.0,
            "budget_change_pct": 10.83,
            "projects_added": 0,
            "projects_dropped": 0,
            "projects_continued": 3,
        },
    ]


def test_project_yoy(wh: Path) -> None:
    got = rows(
        wh,
        "SELECT project_code, prev_project_code, budget_total_yuan, prev_budget_total_yuan, "
        "budget_change_yuan, match_method FROM mart_project_yoy WHERE fiscal_year = 2023 "
        "ORDER BY project_code",
    )
    assert got == [
        {
            "project_code": BRIDGE.replace("22P", "23P"),
            "prev_project_code": BRIDGE,
            "budget_total_yuan": 600000.0,
            "prev_budget_total_yuan": 500000.0,
            "budget_change_yuan": 100000.0,
            "match_method": "code",
        },
        {
            "project_code": OFFICE.replace("22P", "23P"),
            "prev_project_code": OFFICE,
            "budget_total_yuan": 164000.0,
            "prev_budget_total_yuan": 164000.0,
            "budget_change_yuan": 0.0,
            "match_method": "code",
        },
        {
            "project_code": FIRST.replace("22P", "23P"),
            "prev_project_code": FIRST,
            "budget_total_yuan": 259371.0,
            "prev_budget_total_yuan": 259371.0,
            "budget_change_yuan": 0.0,
            "match_method": "code",
        },
    ]
    first_year = rows(
        wh, "SELECT DISTINCT match_method FROM mart_project_yoy WHERE fiscal_year = 2022"
    )
    assert first_year == [{"match_method": "no_previous_year"}]


def test_target_changes(wh: Path) -> None:
    got = rows(
        wh,
        "SELECT unit_code, fiscal_year, project_name, level1, level2, indicator_name, "
        "prev_target_raw, target_raw, direction FROM mart_target_changes",
    )
    assert got == [
        {
            "unit_code": "306001",
            "fiscal_year": 2023,
            "project_name": "机床市场管委会小王东村占地补偿款",
            "level1": "效益指标",
            "level2": "经济效益指标",
            "indicator_name": "是否吸引更多的投资者",
            "prev_target_raw": "≥95百分比",
            "target_raw": "≥90百分比",
            "direction": "lowered",
        },
    ]


def test_name_match_added_and_dropped(tmp_path: Path) -> None:
    """Without a matching code, the same unit and normalised name match; the rest are added/dropped."""
    before = seed()
    after = copy.deepcopy(before)
    after["fiscal_year"] = 2023
    office = after["projects"][2]
    office["code"] = "XM-2023-7"  # another numbering: only the name can match
    office["name"] = "2023年度 专项办公经费"
    bridge = after["projects"][1]
    bridge["code"] = "13102623P99999999999Z"
    bridge["name"] = "新建村道工程"  # neither code nor name: added; last year's bridge dropped
    for p in after["projects"]:
        if p["code"] and p["code"].startswith("13102622P"):
            p["code"] = p["code"].replace("13102622P", "13102623P")
    wh = tmp_path / "jixiao.duckdb"
    load(wh, build_frames([outcome(before, "/inbox/a.docx")], "L1"))
    load(wh, build_frames([outcome(after, "/inbox/b.docx")], "L2"))
    got = rows(
        wh,
        "SELECT project_name, prev_project_name, match_method FROM mart_project_yoy "
        "WHERE fiscal_year = 2023 ORDER BY budget_total_yuan DESC",
    )
    assert [(r["project_name"], r["prev_project_name"], r["match_method"]) for r in got] == [
        ("新建村道工程", None, "new"),
        ("机床市场管委会小王东村占地补偿款", "机床市场管委会小王东村占地补偿款", "code"),
        ("2023年度 专项办公经费", "专项办公经费", "name"),
    ]
    unit = rows(
        wh,
        "SELECT projects_added, projects_dropped, projects_continued FROM mart_unit_yoy "
        "WHERE fiscal_year = 2023",
    )
    assert unit == [{"projects_added": 1, "projects_dropped": 1, "projects_continued": 2}]
