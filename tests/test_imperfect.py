"""Fixtures drawn with one piece the reader cannot know: each is read with a warning naming that piece.

Each case changes one thing in an otherwise perfect form (a label, a column, a line, a table) and
says which warning kind must name it and a text the warning must quote. The same files pass the
accounting check: every cell has a fate, and every warned cell is in the warnings.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.docgen import ooxml as ox
from tests.docgen.templates import Doc, c, cont, top
from tests.test_accounting import account

HEAD = ("一级指标", "二级指标", "三级指标", "指标值")
ROWS = (("产出指标", "数量指标", "培训人数", "≥100人"), ("满意度指标", "服务对象满意度指标", "学员满意度", "≥90%"))


def form(*, title: str = "2023年项目支出绩效目标表", unit: str = "单位名称：[301001]某县教育局",
         header: list[list[tuple[str, int, str | None]]] | None = None, head: tuple[str, ...] = HEAD,
         rows: tuple[tuple[str, ...], ...] = ROWS, between: tuple[str, ...] = (), after: tuple[str, ...] = ()) -> Doc:
    """A perfect project form (title, unit line, header table, indicator table), with the pieces given replaced."""
    d = Doc("case")
    if title:
        d.para(title, "center")
    if unit:
        d.para(unit)
    d.table(4, header or [[c("项目名称"), c("教师培训", 3)], [c("资金总额（万元）"), c("120"), c("其中：财政拨款"), c("120")],
                          [c("其他资金"), c("0"), c("年度目标"), c("培训教师100人")]])
    for text in between:
        d.para(text)
    d.table(len(head), [[c(h) for h in head], *[[c(x) for x in r] for r in rows]])
    for text in after:
        d.para(text)
    return d


def department_form(head: tuple[str, ...]) -> Doc:
    """A 部门整体支出绩效目标表 whose indicator table is headed `head`."""
    d = Doc("dept")
    d.para("部门整体支出绩效目标表", "center")
    d.para("（2023年度）", "center")
    d.table(4, [[c("部门（单位）名称"), c("某县文化馆"), c("部门预算编码"), c("301002")],
                [c("年度总体目标"), c("开展群众文化活动，提升公共文化服务水平。", 3)],
                [top("年度主要任务"), c("任务名称"), c("主要内容", 2)], [cont(), c("群众文化"), c("举办活动50场", 2)]])
    d.table(len(head), [[c(h) for h in head], [c("产出指标"), c("数量指标"), c("举办活动场次"), c("≥50场")],
                        [c("满意度指标"), c("服务对象满意度指标"), c("群众满意度"), c("≥90%")]])
    return d


# case -> (the document, the warning kind that must name the piece, a text the warning must contain)
CASES: dict[str, tuple[Callable[[], Doc], str, str]] = {
    "an indicator column nobody listed": (
        lambda: form(head=(*HEAD, "责任科室"), rows=tuple((*r, "人事股") for r in ROWS)), "column_unknown", "责任科室"),
    "a target column nobody listed": (
        lambda: form(head=("一级指标", "二级指标", "三级指标", "考核值")), "table_unknown", "表2"),
    "a paragraph between the tables": (
        lambda: form(between=("以上内容经单位党组会议研究通过",)), "text_unplaced", "以上内容经单位党组会议研究通过"),
    "a table nobody knows": (
        lambda: _with_table(form(), [[c("培训班次"), c("第一期")], [c("培训地点"), c("县委党校")]]), "table_unknown", "表3"),
    "the project's name under another label": (
        lambda: form(header=[[c("培训项目全称"), c("教师培训", 3)], [c("资金总额（万元）"), c("120"), c("其中：财政拨款"), c("120")],
                             [c("其他资金"), c("0"), c("年度目标"), c("培训教师100人")]]), "project_no_name", "培训项目全称"),
    "the budget under another label": (
        lambda: form(header=[[c("项目名称"), c("教师培训", 3)], [c("项目经费合计"), c("120万元", 3)],
                             [c("年度目标"), c("培训教师100人", 3)]]), "project_no_budget", "项目经费合计"),
    "a form title as the project's name": (
        lambda: form(header=[[c("项目名称"), c("某县教育局项目支出绩效目标表", 3)],
                             [c("资金总额（万元）"), c("120"), c("其中：财政拨款"), c("120")]]),
        "name_is_title", "某县教育局项目支出绩效目标表"),
    "no year anywhere": (lambda: form(title="项目支出绩效目标表"), "year_missing", "预算年度"),
    "two budgets, neither said to be the year's": (
        lambda: form(header=[[c("项目名称"), c("教师培训", 3)], [c("资金总额（万元）"), c("360"), c("预算数（万元）"), c("120")],
                             [c("其中：财政拨款"), c("120"), c("年度目标"), c("培训教师100人")]]), "guessed", "360"),
    "an indicator row among the header fields": (
        lambda: form(header=[[c("项目名称"), c("教师培训", 3)], [c("资金总额（万元）"), c("120"), c("其中：财政拨款"), c("120")],
                             [c("数量指标"), c("培训人数≥100人", 3)]]), "kept_unmapped", "数量指标"),
    "a department form whose indicator header nobody knows": (
        lambda: department_form(("类别", "分类", "考核内容", "考核要求")), "department_no_indicators", "部门整体"),
    "a department form's overall goal under a label nobody listed": (
        lambda: _unknown_overall(), "department_no_overall", "年度总体目标"),
    "a department form that also names a project's field": (
        lambda: _mixed_form(), "guessed", "项目属性"),
    "a 一级 column holding 二级 names and something else": (
        lambda: form(rows=(("数量指标", "培训人数", "", "≥100人"), ("质量指标", "结业率", "", "≥95%"),
                           ("时效指标", "完成时间", "", "6月底前"), ("社会效益", "教学水平", "", "提升"))),
        "guessed", "社会效益"),
    "a name and a target swapped": (
        lambda: form(rows=(("产出指标", "数量指标", "≥100人", "培训人数"), ("满意度指标", "服务对象满意度指标", "≥90%", "学员满意度"))),
        "guessed", "≥100人"),
    "the fiscal share under a label nobody listed": (
        lambda: form(header=[[c("项目名称"), c("教师培训", 3)], [c("资金总额（万元）"), c("120"), c("其中：行业补助"), c("100")],
                             [c("其他资金"), c("20"), c("年度目标"), c("培训教师100人")]]), "guessed", "行业补助 100"),
    "the money unit only in a label nobody listed": (
        lambda: form(header=[[c("项目名称"), c("教师培训", 3)], [c("资金总额"), c("120"), c("其中：财政拨款"), c("120")],
                             [c("其他资金"), c("0"), c("年度目标"), c("培训教师100人")], [c("计量（万元）"), c("", 3)]]),
        "guessed", "不足2000元"),
    "a label read as the purpose": (
        lambda: form(header=[[c("项目名称"), c("教师培训", 3)], [c("资金总额（万元）"), c("120"), c("其中：财政拨款"), c("120")],
                             [c("其他资金"), c("0"), c("年度目标"), c("培训教师100人")], [c("资金用途"), c("专项安排：", 3)]]),
        "guessed", "专项安排："),
    "a unit line that carries its seal and a word nobody knows": (
        lambda: form(unit="单位名称：某县教育局（盖章）\t\t\t\t\t计量口径万元"), "guessed", "单位名称读为"),
    "the goals under a label nobody listed": (
        lambda: form(header=[[c("项目名称"), c("教师培训", 3)], [c("资金总额（万元）"), c("120"), c("其中：财政拨款"), c("120")],
                             [c("其他资金"), c("0"), c("本年度主要成果"), c("培训教师100人")]]), "project_no_goals", "本年度主要成果"),
    "the purpose under a label nobody listed": (
        lambda: form(header=[[c("项目名称"), c("教师培训", 3)], [c("资金总额（万元）"), c("120"), c("其中：财政拨款"), c("120")],
                             [c("其他资金"), c("0"), c("年度目标"), c("培训教师100人")], [c("项目实施概况"), c("全县教师轮训", 3)]]),
        "project_no_purpose", "项目实施概况"),
    "the year's budget under a label nobody listed": (
        lambda: form(header=[[c("项目名称"), c("教师培训", 3)], [c("资金总额（万元）"), c("360"), c("本期安排资金"), c("120")],
                             [c("其中：财政拨款"), c("120"), c("年度目标"), c("培训教师100人")]]), "guessed", "本期安排资金 120"),
}


def _mixed_form() -> Doc:
    """A department form (年度总体目标, 年度主要任务) whose table also carries 项目属性: read as one, said to be a guess."""
    d = Doc("mixed")
    d.para("（2023年度）", "center")
    d.table(4, [[c("部门（单位）名称"), c("某县文化馆"), c("项目属性"), c("延续项目")],
                [c("年度总体目标"), c("开展群众文化活动。", 3)],
                [top("年度主要任务"), c("任务名称"), c("主要内容", 2)], [cont(), c("群众文化"), c("举办活动50场", 2)]])
    return d


def _unknown_overall() -> Doc:
    """The department form with its 年度总体目标 under a label nobody listed (本年工作方向)."""
    d = department_form(("一级指标", "二级指标", "三级指标", "指标值"))
    d.blocks[2] = d.blocks[2].replace("年度总体目标", "本年工作方向")
    return d


def _with_table(d: Doc, rows: list[list[tuple[str, int, str | None]]]) -> Doc:
    d.table(len(rows[0]), rows)
    return d


def _write(tmp_path: Path, doc: Doc) -> Path:
    path = tmp_path / "case.docx"
    path.write_bytes(ox.package(ox.document_xml("".join(doc.blocks))))
    return path


@pytest.mark.parametrize("case", sorted(CASES))
def test_an_imperfect_fixture_names_what_it_could_not_read(tmp_path: Path, case: str) -> None:
    from extract.api import extract_file, to_contract

    build, kind, named = CASES[case]
    path = _write(tmp_path, build())
    warnings: list[dict[str, Any]] = to_contract(extract_file(path))["warnings"]
    assert any(w["kind"] == kind and named in w["where"] + w["message"] for w in warnings), (case, warnings)
    assert not account(path), account(path)


def test_the_perfect_form_carries_no_warning(tmp_path: Path) -> None:
    from extract.api import extract_file, to_contract

    path = _write(tmp_path, form())
    assert to_contract(extract_file(path))["warnings"] == [] and not account(path)


def test_a_department_form_on_one_label_says_it_guessed(tmp_path: Path) -> None:
    from extract.api import extract_file, to_contract

    d = Doc("weak")
    d.para("（2023年度）", "center")
    d.table(2, [[c("单位名称"), c("某县文化馆")], [c("年度总体目标"), c("开展群众文化活动。")]])
    out = to_contract(extract_file(_write(tmp_path, d)))
    assert out["department_goals"] is not None and out["department_goals"]["overall"] == "开展群众文化活动。"
    assert [w["kind"] for w in out["warnings"]] == ["guessed"] and "年度总体目标" in out["warnings"][0]["message"]
