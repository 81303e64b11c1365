"""Structure by evidence: several projects in one table, department or project form, the year's budget."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.docgen import ooxml as ox
from tests.docgen.templates import Doc, c, cont, top
from tests.test_accounting import account

INDICATOR_HEAD = ["一级指标", "二级指标", "三级指标", "指标值"]


def _read(tmp_path: Path, doc: Doc) -> tuple[dict[str, Any], Path]:
    from extract.api import extract_file, to_contract

    path = tmp_path / f"{doc.name}.docx"
    path.write_bytes(ox.package(ox.document_xml("".join(doc.blocks))))
    return dict(to_contract(extract_file(path))), path


def _projects_in_one_table(merged: bool) -> Doc:
    """项目名称 | 资金总额（万元） | 年度目标 beside the indicator columns, one group of rows per project."""
    d = Doc("several_projects")
    d.para("某县教育局2023年项目支出绩效目标表", "center")
    d.para("单位名称：[301001]某县教育局")
    groups = [("教师培训", "120", "培训教师100人", [("产出指标", "数量指标", "培训人数", "≥100人"),
                                                 ("满意度指标", "服务对象满意度指标", "学员满意度", "≥90%")]),
              ("校舍维修", "80", "维修校舍3处", [("产出指标", "数量指标", "维修校舍", "3处"),
                                            ("产出指标", "质量指标", "验收合格率", "100%"),
                                            ("满意度指标", "服务对象满意度指标", "师生满意度", "≥90%")])]
    rows = []
    for name, money, goal, indicators in groups:
        for k, row in enumerate(indicators):
            fields = [top(name), top(money), top(goal)] if merged and k == 0 else (
                [cont(), cont(), cont()] if merged else [c(name), c(money), c(goal)])
            rows.append([*fields, *(c(x) for x in row)])
    d.table(7, [[c(h) for h in ["项目名称", "资金总额（万元）", "年度目标", *INDICATOR_HEAD]], *rows])
    return d


def test_several_projects_merged_over_their_rows(tmp_path: Path) -> None:
    out, path = _read(tmp_path, _projects_in_one_table(merged=True))
    got = [(p["name"], p["budget_total"], p["goals"], [i["name"] for i in p["indicators"]]) for p in out["projects"]]
    assert got == [("教师培训", 1200000.0, ["培训教师100人"], ["培训人数", "学员满意度"]),
                   ("校舍维修", 800000.0, ["维修校舍3处"], ["维修校舍", "验收合格率", "师生满意度"])]
    assert out["projects"][1]["indicators"][1]["level1"] == "产出指标"
    assert out["warnings"] == [] and not account(path)


def test_several_projects_written_on_every_row(tmp_path: Path) -> None:
    out, path = _read(tmp_path, _projects_in_one_table(merged=False))
    assert [(p["name"], len(p["indicators"])) for p in out["projects"]] == [("教师培训", 2), ("校舍维修", 3)]
    assert out["warnings"] == [] and not account(path)


def test_the_years_budget_beside_the_whole_periods(tmp_path: Path) -> None:
    d = Doc("year_budget")
    d.para("2023年项目支出绩效目标表", "center")
    d.para("单位名称：[301001]某县教育局")
    d.table(5, [[c("项目名称"), c("教师培训", 4)],
                [top("项目资金"), c("资金总额"), c("3780万元"), c("当年资金总额："), c("1260万元")],
                [cont(), c("其中：财政拨款"), c("3780万元"), c("其中：当年财政拨款"), c("1200万元")],
                [cont(), c("其他资金"), c(""), c("当年其他资金"), c("60万元")],
                [c("年度绩效目标"), c("培训教师100人", 4)]])  # a form without goals is warned (project_no_goals)
    d.table(4, [[c(h) for h in INDICATOR_HEAD], [c("产出指标"), c("数量指标"), c("培训人数"), c("≥100人")]])
    out, path = _read(tmp_path, d)
    project = out["projects"][0]
    assert (project["budget_total"], project["budget_fiscal"], project["budget_other"]) == (12600000.0, 12000000.0, 600000.0)
    assert project["extra"]["资金总额"] == "3780万元" and project["extra"]["财政拨款"] == "3780万元"
    assert out["warnings"] == [] and not account(path)


def test_a_department_form_without_its_title_is_read_as_one(tmp_path: Path) -> None:
    d = Doc("department")
    d.para("（2023年度）", "center")
    d.table(4, [[c("部门（单位）名称"), c("某县文化馆"), c("部门预算编码"), c("301002")],
                [top("年度预算安排（万元）"), c("资金总额"), c("968.19", 2)], [cont(), c("基本支出"), c("900.00", 2)],
                [c("年度总体目标"), c("开展群众文化活动，提升公共文化服务水平。", 3)],
                [c(""), c("", 3)],
                [c("一级指标"), c("二级指标"), c("三级指标"), c("目标值")],
                [c("产出指标"), c("数量指标"), c("举办活动场次"), c("≥50场")]])
    out, path = _read(tmp_path, d)
    dept = out["department_goals"]
    assert out["projects"] == [] and out["unit"] == {"code": "301002", "name": "某县文化馆"}
    assert dept["overall"] == "开展群众文化活动，提升公共文化服务水平。"
    assert [(i["level1"], i["name"], i["target_raw"]) for i in dept["indicators"]] == [("产出指标", "举办活动场次", "≥50场")]
    assert dept["extra"] == {"资金总额": "968.19", "基本支出": "900.00"}
    assert out["warnings"] == [] and not account(path)


def test_a_project_form_with_one_department_label_stays_a_project(tmp_path: Path) -> None:
    d = Doc("project_with_duties")
    d.para("2023年项目支出绩效目标表", "center")
    d.table(4, [[c("项目名称"), c("教师培训", 3)], [c("单位职能概述"), c("负责全县教师培训", 3)],
                [c("资金总额（万元）"), c("120"), c("其中：财政拨款"), c("120")]])
    d.table(4, [[c(h) for h in INDICATOR_HEAD], [c("产出指标"), c("数量指标"), c("培训人数"), c("≥100人")]])
    out, path = _read(tmp_path, d)
    assert [p["name"] for p in out["projects"]] == ["教师培训"] and out["department_goals"] is None
    assert out["projects"][0]["extra"]["单位职能概述"] == "负责全县教师培训"
    assert not account(path)


def test_a_title_row_and_a_note_inside_the_table(tmp_path: Path) -> None:
    d = Doc("title_in_table")
    d.table(4, [[c("2023年度项目支出绩效目标申报表", 4)], [c("单位名称"), c("某县教育局", 3)],
                [c("项目名称"), c("教师培训", 3)], [c("资金总额（万元）"), c("120"), c("其中：财政拨款"), c("120")],
                [c("绩效目标"), c("培训教师100人", 3)], [c("注：金额单位为万元，保留两位小数。", 4)]])
    d.table(4, [[c(h) for h in INDICATOR_HEAD], [c("产出指标"), c("数量指标"), c("培训人数"), c("≥100人")]])
    out, path = _read(tmp_path, d)
    assert out["fiscal_year"] == 2023 and [p["name"] for p in out["projects"]] == ["教师培训"]
    assert out["unit"]["name"] == "某县教育局"
    assert out["warnings"] == [] and not account(path)


def test_extra_holds_header_fields_only(tmp_path: Path) -> None:
    d = Doc("indicator_in_header")
    d.para("2023年项目支出绩效目标表", "center")
    d.table(4, [[c("项目名称"), c("教师培训"), c("项目负责人"), c("张某")],
                [c("资金总额（万元）"), c("120"), c("其中：财政拨款"), c("120")],
                [c("产出指标"), c("培训人数≥100人"), c("满意度指标"), c("≥90%")]])
    d.table(4, [[c(h) for h in INDICATOR_HEAD], [c("产出指标"), c("数量指标"), c("培训人数"), c("≥100人")]])
    out, path = _read(tmp_path, d)
    assert out["projects"][0]["extra"] == {"项目负责人": "张某"}  # the indicator-like pairs are not kept as fields
    unmapped = [w for w in out["warnings"] if w["kind"] == "kept_unmapped"]
    assert len(unmapped) == 2 and "产出指标" in unmapped[0]["message"] and "满意度指标" in unmapped[1]["message"]
    assert not account(path)


def test_level1_written_as_rows_spanning_the_table(tmp_path: Path) -> None:
    d = Doc("level1_rows")
    d.para("2023年项目支出绩效目标表", "center")
    d.table(4, [[c("项目名称"), c("教师培训", 3)], [c("资金总额（万元）"), c("120"), c("其中：财政拨款"), c("120")],
                [c("绩效目标"), c("培训教师100人", 3)]])
    d.table(3, [[c("二级指标"), c("三级指标"), c("指标值")], [c("产出指标", 3)],
                [c("数量指标"), c("培训人数"), c("≥100人")], [c("满意度指标", 3)],
                [c("服务对象满意度指标"), c("学员满意度"), c("≥90%")]])
    out, path = _read(tmp_path, d)
    got = [(i["level1"], i["level2"], i["name"]) for i in out["projects"][0]["indicators"]]
    assert got == [("产出指标", "数量指标", "培训人数"), ("满意度指标", "服务对象满意度指标", "学员满意度")]
    assert out["warnings"] == [] and not account(path)
