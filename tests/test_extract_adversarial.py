"""Layouts an independent tester drew from domain.md that once broke the extractor.

Each case is a small document through the real parser (`parse_submission`), checked
against what the contract says it must give.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from xml.sax.saxutils import escape

import pytest
from lxml import etree

from extract.submission import parse_submission
from extract.wordml import W_NS

UNIT = "文安县机床市场管理委员会本级"


def p(text: str) -> str:
    return f"<w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p>"


def numbered(text: str) -> str:
    return f'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>{escape(text)}</w:t></w:r></w:p>'


DEPT = [p("第一部分 部门整体绩效目标"), p("一、总体绩效目标"), p("完善基础设施建设。"), p("二、分项绩效目标")]
MEASURES = [p("三、工作保障措施"), p("加强领导。")]
ONE_ITEM = [{"seq": 1, "title": "提高法规治理", "goal": "提高法规质量。", "indicator": "完成率≥90%"}]


def items(*lines: str) -> Any:
    return sub(*DEPT, p("（一）提高法规治理"), *lines, *MEASURES)["department_goals"]["items"]


def tc(text: str, vm: str | None = None) -> str:
    pr = {"r": '<w:vMerge w:val="restart"/>', "c": "<w:vMerge/>"}.get(vm or "", "")
    body = text if text.startswith("<w:") else "".join(p(x) for x in text.split("\n")) if text else "<w:p/>"
    return f"<w:tc><w:tcPr>{pr}</w:tcPr>{body}</w:tc>"


def tbl(*rows: list[str]) -> str:
    cells = ("".join(c if c.startswith("<w:tc") else tc(c) for c in row) for row in rows)
    return "<w:tbl>" + "".join(f"<w:tr>{r}</w:tr>" for r in cells) + "</w:tbl>"


def sub(*blocks: str) -> dict[str, Any]:
    root = etree.fromstring(f'<w:document xmlns:w="{W_NS}"><w:body>{"".join(blocks)}</w:body></w:document>')
    return dict(parse_submission(root, "x.docx"))


IND = tbl(["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "覆盖村数", "4个"])
HEADER = ["一级指标", "二级指标", "三级指标", "指标值"]


def head(*rows: list[str]) -> str:
    return tbl([f"306001{UNIT}", "单位：元"], ["项目名称", "小王东村占地补偿款"], *rows)


def project(*blocks: str) -> dict[str, Any]:
    return dict(sub(*blocks)["projects"][0])


def money(pr: dict[str, Any]) -> tuple[Any, Any, Any]:
    return pr["budget_total"], pr["budget_fiscal"], pr["budget_other"]


def plan(pr: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    return [(c["checkpoint"], c["month"], c["cumulative_pct"]) for c in pr["spending_plan"]]


PLAN = [("3月底", 3, 25.0), ("6月底", 6, 50.0), ("10月底", 10, 75.0), ("12月底", 12, 100.0)]
SYM_GE = '<w:p><w:r><w:sym w:font="Symbol" w:char="F0B3"/></w:r><w:r><w:t>95%</w:t></w:r></w:p>'
OLD_SPAN = ('<w:tc><w:tcPr><w:tcPrChange w:id="9" w:author="a"><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>'
            "</w:tcPrChange></w:tcPr><w:p><w:r><w:t>覆盖村数</w:t></w:r></w:p></w:tc>")

CASES: dict[str, tuple[Callable[[], Any], Any]] = {
    "budget labels over their values": (
        lambda: money(project(head(["预算数", "财政资金", "其他资金"], ["259371.00", "259371.00", ""]), IND)),
        (259371.0, 259371.0, None)),
    "money sources over their values": (
        lambda: money(project(head(["预算数", "财政拨款", "自有资金", "其他"], ["300000", "259371", "20000", "20629"]), IND)),
        (300000.0, 259371.0, 40629.0)),
    "extra label with a trailing colon": (
        lambda: project(head(["主管部门：", "文安县机床市场管理委员会"]), IND)["extra"],
        {"主管部门": "文安县机床市场管理委员会"}),
    "extra value holding a colon": (
        lambda: project(head(["项目负责人及联系电话", "张三 电话：0316-5221234"]), IND)["extra"],
        {"项目负责人及联系电话": "张三 电话：0316-5221234"}),
    "extra value that looks like a unit line": (
        lambda: project(head(["主管部门及代码", f"306001{UNIT}"]), IND)["extra"],
        {"主管部门及代码": f"306001{UNIT}"}),
    "extra value 其他 beside another label": (
        lambda: project(head(["项目类别", "其他", "项目期", "1年"]), IND)["extra"],
        {"项目类别": "其他", "项目期": "1年"}),
    "其中：财政资金：amount in one cell": (
        lambda: (lambda pr: (pr["budget_fiscal"], pr["extra"]))(project(head(["预算数：259371.00", "其中：财政资金：259371.00"]), IND)),
        (259371.0, {})),
    "spending plan with row labels": (
        lambda: plan(project(head([tc("资金支出计划（%）", vm="r"), "时间", "3月底", "6月底", "10月底", "12月底"],
                                   [tc("", vm="c"), "累计支出比例", "25%", "50%", "75%", "100%"]), IND)),
        PLAN),
    "spending plan as one sentence": (
        lambda: plan(project(head(["资金支出计划（%）", "3月底25%，6月底50%，10月底75%，12月底100%"]), IND)), PLAN),
    "spending plan one paragraph per checkpoint": (
        lambda: plan(project(head(["资金支出计划（%）", "3月底：25%\n6月底：50%\n10月底：75%\n12月底：100%"]), IND)), PLAN),
    "goals numbered （1） on one line": (
        lambda: project(head(["绩效目标", "（1）改善村容村貌；（2）提升幸福指数；（3）群众满意度"]), IND)["goals"],
        ["改善村容村貌", "提升幸福指数", "群众满意度"]),
    "goals numbered ① on one line": (
        lambda: project(head(["绩效目标", "①改善村容村貌；②提升幸福指数；③群众满意度"]), IND)["goals"],
        ["改善村容村貌", "提升幸福指数", "群众满意度"]),
    "goals numbered 1、 without separators": (
        lambda: project(head(["绩效目标", "1、改善村容村貌2、提升幸福指数3、群众满意度"]), IND)["goals"],
        ["改善村容村貌", "提升幸福指数", "群众满意度"]),
    "goals written 目标1：": (
        lambda: project(head(["绩效目标", "目标1：改善村容村貌\n目标2：提升幸福指数"]), IND)["goals"],
        ["改善村容村貌", "提升幸福指数"]),
    "长期目标/年度目标 labels over their goals": (
        lambda: (lambda pr: (pr["long_term_goals"], pr["goals"]))(
            project(head(["长期目标", "年度目标"], ["1.建成美丽乡村", "1.改善村容村貌\n2.提升幸福指数"]), IND)),
        (["建成美丽乡村"], ["改善村容村貌", "提升幸福指数"])),
    "national template 总体目标 over 中期/年度": (
        lambda: (lambda pr: (pr["long_term_goals"], pr["goals"]))(project(head(
            [tc("总体目标", vm="r"), "中期目标（2022年—2024年）", "年度目标"],
            [tc("", vm="c"), "目标1：建成美丽乡村", "目标1：改善村容村貌"]), IND)),
        (["建成美丽乡村"], ["改善村容村貌"])),
    "national template 中期 and 年度 money side by side": (
        lambda: (lambda pr: (*money(pr), pr["purpose"], pr["extra"]["中期资金总额"]))(project(head(
            [tc("项目资金（元）", vm="r"), "中期资金总额：", "900000", "年度资金总额：", "259371.00"],
            [tc("", vm="c"), "其中：财政拨款", "800000", "其中：财政拨款", "259371.00"],
            [tc("", vm="c"), "其他资金", "100000", "其他资金", ""]), IND)),
        (259371.0, 259371.0, None, None, "900000")),
    "unit line 填报单位（盖章）": (
        lambda: sub(p(f"填报单位（盖章）：306001{UNIT}"), tbl(["项目名称", "X"]), IND)["unit"],
        {"code": "306001", "name": UNIT}),
    "unit line 部门（单位）名称": (
        lambda: sub(p(f"部门（单位）名称：{UNIT}"), tbl(["项目名称", "X"]), IND)["unit"],
        {"code": None, "name": UNIT}),
    "unit line with a date and a money unit": (
        lambda: sub(p(f"编制单位：{UNIT}    编制日期：2022年1月10日    单位：元"), tbl(["项目名称", "X"]), IND)["unit"],
        {"code": None, "name": UNIT}),
    "unit line name（code）": (
        lambda: sub(p(f"单位名称：{UNIT}（306001）"), tbl(["项目名称", "X"]), IND)["unit"],
        {"code": "306001", "name": UNIT}),
    "unit code and name in two cells": (
        lambda: (lambda s: (s["unit"], s["projects"][0]["extra"]))(
            sub(tbl(["306001", UNIT, "单位：元"], ["项目名称", "X", ""]), IND)),
        ({"code": "306001", "name": UNIT}, {})),
    "unit name keeps its full-width brackets": (
        lambda: sub(tbl(["306001文安县人民医院（本级）", "单位：元"], ["项目名称", "X"]), IND)["unit"],
        {"code": "306001", "name": "文安县人民医院（本级）"}),
    "continuation drawn without the spacer column": (
        lambda: len(project(head(), tbl(["一级指标", "二级指标", "三级指标", "", "指标值"],
                                          ["产出指标", "数量指标", "覆盖村数", "", "4个"]), p(""),
                            tbl(["产出指标", "质量指标", "合格率", "100%"]))["indicators"]),
        2),
    "长期/年度 side titles in one table": (
        lambda: [i["horizon"] for i in project(head(), tbl(
            [tc("长期绩效指标", vm="r"), *HEADER], [tc("", vm="c"), "产出指标", "数量指标", "户数", "100户"],
            [tc("年度绩效指标", vm="r"), *HEADER], [tc("", vm="c"), "产出指标", "数量指标", "户数", "40户"]))["indicators"]],
        ["long_term", "annual"]),
    "≥ inserted from the Symbol font": (
        lambda: (lambda i: (i["target_raw"], i["op"]))(project(head(), tbl(HEADER, ["产出指标", "质量指标", "合格率", tc(SYM_GE)]))["indicators"][0]),
        ("≥95%", ">=")),
    "总体绩效目标 heading and text on one line": (
        lambda: sub(p("一、总体绩效目标：完善基础设施建设。"), p("二、分项绩效目标"), p("（一）提高法规治理"),
                    p("绩效目标：提高法规质量。"), p("绩效指标：完成率≥90%"))["department_goals"]["overall"],
        "完善基础设施建设。"),
    "fiscal year in a title without 度": (
        lambda: sub(p(f"{UNIT}2023年部门预算绩效目标"), head(), IND)["fiscal_year"], 2023),
    "two projects in one table": (
        lambda: [(pr["name"], len(pr["indicators"])) for pr in sub(tbl(
            ["项目名称", "A项目", "", ""], HEADER, ["产出指标", "数量指标", "户数", "1户"],
            ["项目名称", "B项目", "", ""], HEADER, ["产出指标", "数量指标", "村数", "2个"]))["projects"]],
        [("A项目", 1), ("B项目", 1)]),
    "old gridSpan of a tracked formatting change": (
        lambda: (lambda i: (i["target_raw"], i["basis"]))(project(head(), tbl(
            ["一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据"],
            ["产出指标", "数量指标", OLD_SPAN, "4个", "计划"]))["indicators"][0]),
        ("4个", "计划")),
    # Round 2.
    "第二部分 heading and contents lines are not measures": (
        lambda: sub(p("目录"), p("第一部分 部门整体绩效目标\t1"), p("第二部分 项目支出绩效目标\t4"), *DEPT,
                    p("（一）提高法规治理"), p("绩效目标：提高法规质量。"), p("绩效指标：完成率≥90%"), *MEASURES,
                    p("第二部分 项目支出绩效目标"), p("1.小王东村占地补偿款绩效目标表"), head(), IND
                    )["department_goals"]["measures"],
        ["加强领导。"]),
    "a list under a lone 绩效目标： label": (
        lambda: items(p("绩效目标："), p("（1）提高法规质量；"), p("（2）保障有效实施。"), p("绩效指标："), p("（1）完成率≥90%。")),
        [{"seq": 1, "title": "提高法规治理", "goal": "（1）提高法规质量；\n（2）保障有效实施。", "indicator": "（1）完成率≥90%。"}]),
    "an auto-numbered list under a lone label": (
        lambda: items(p("绩效目标："), numbered("提高法规质量；"), numbered("保障有效实施。"), p("绩效指标：完成率≥90%")),
        [{"seq": 1, "title": "提高法规治理", "goal": "提高法规质量；\n保障有效实施。", "indicator": "完成率≥90%"}]),
    "label lines numbered, bulleted, bracketed, with 为 or 年度, or alone": (
        lambda: [items(*lines) for lines in (
            (p("1.绩效目标：提高法规质量。"), p("2.绩效指标：完成率≥90%")),
            (p("● 绩效目标：提高法规质量。"), p("● 绩效指标：完成率≥90%")),
            (p("【绩效目标】提高法规质量。"), p("【绩效指标】完成率≥90%")),
            (p("绩效目标为：提高法规质量。"), p("绩效指标为：完成率≥90%")),
            (p("年度绩效目标：提高法规质量。"), p("年度绩效指标：完成率≥90%")),
            (p("绩效目标"), p("提高法规质量。"), p("绩效指标"), p("完成率≥90%")))],
        [ONE_ITEM] * 6),
    "a cover table before the department section": (
        lambda: (lambda s: (s["unit"], len(s["department_goals"]["items"]), s["department_goals"]["measures"]))(sub(
            tbl(["单位名称", UNIT], ["单位编码", "306001"]), *DEPT, p("（一）提高法规治理"), p("绩效目标：提高法规质量。"),
            p("绩效指标：完成率≥90%"), *MEASURES, head(), IND)),
        ({"code": "306001", "name": UNIT}, 1, ["加强领导。"])),
    "项目资金（万元） block label beats the table's 单位：元": (
        lambda: money(project(head([tc("项目资金（万元）", vm="r"), "年度资金总额", "25.9371"],
                                   [tc("", vm="c"), "其中：财政拨款", "25.9371"], [tc("", vm="c"), "其他资金", ""]), IND)),
        (259371.0, 259371.0, None)),
    "预算数（万元） sets the unit of the rows below": (
        lambda: money(project(tbl(["项目名称", "X"], ["预算数（万元）", "25.9371"], ["其中：财政资金", "25.9371"], ["其他资金", "0"]), IND)),
        (259371.0, 259371.0, 0.0)),
    "资金总额 | 合计 | amount": (
        lambda: money(project(head([tc("资金总额", vm="r"), "合计", "300000"], [tc("", vm="c"), "财政拨款", "259371"],
                                   [tc("", vm="c"), "其他资金", "40629"]), IND)),
        (300000.0, 259371.0, 40629.0)),
    "自筹 parts and 一般公共预算财政拨款": (
        lambda: money(project(head(["2022年预算数", "259371"], ["其中：一般公共预算财政拨款", "200000"], ["单位自筹", "59371"]), IND)),
        (259371.0, 200000.0, 59371.0)),
    "spending plan as checkpoint, share pairs in one row": (
        lambda: plan(project(head(["资金支出计划（%）", "3月底", "25%", "6月底", "50%", "10月底", "75%", "12月底", "100%"]), IND)),
        PLAN),
    "one 绩效目标 cell with 长期目标： and 年度目标：": (
        lambda: (lambda pr: (pr["long_term_goals"], pr["goals"]))(
            project(head(["绩效目标", "长期目标：建成美丽乡村\n年度目标：1.改善村容村貌；2.提升幸福指数"]), IND)),
        (["建成美丽乡村"], ["改善村容村貌", "提升幸福指数"])),
    "target columns 全年指标值 / 2022年度指标值, basis 依据及说明": (
        lambda: [(i["target_raw"], i["basis"]) for head_text in ("全年指标值", "2022年度指标值")
                 for i in project(head(), tbl([*HEADER[:3], head_text, "指标值确定依据及说明"],
                                              ["产出指标", "数量指标", "户数", "4个", "年度计划"]))["indicators"]],
        [("4个", "年度计划"), ("4个", "年度计划")]),
    "summary and signature rows are not indicators": (
        lambda: len(project(head(), tbl(HEADER, ["产出指标", "数量指标", "覆盖村数", "4个"], ["合计", "", "", "100分"],
                                         ["填表人：张三", "", "联系电话：5221234", ""]))["indicators"]),
        1),
    "a note after the target": (
        lambda: (lambda i: (i["op"], i["value"], i["unit"]))(project(head(), tbl(HEADER, ["满意度指标", "服务对象满意度指标", "群众满意度", "≥95%\n（群众满意度）"]))["indicators"][0]),
        (">=", 95.0, "%")),
    "年度 and 中长期 target columns side by side": (
        lambda: [(i["target_raw"], i["horizon"]) for i in project(head(), tbl(
            [*HEADER[:3], "年度指标值", "中长期指标值"], ["产出指标", "数量指标", "户数", "40户", "100户"]))["indicators"]],
        [("40户", "annual"), ("100户", "long_term")]),
    "指标性质 | 指标值 | 度量单位 columns": (
        lambda: (lambda i: (i["op"], i["value"], i["unit"]))(project(head(), tbl(
            [*HEADER[:3], "指标性质", "指标值", "度量单位"], ["产出指标", "数量指标", "户数", "≥", "40", "户"]))["indicators"][0]),
        (">=", 40.0, "户")),
    "hidden template instructions are not text": (
        lambda: project(head(), tbl(HEADER, ["产出指标", "数量指标", "户数", tc(
            '<w:p><w:r><w:t>4个</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>（填写说明）</w:t></w:r></w:p>')]))["indicators"][0]["target_raw"],
        "4个"),
    "Wingdings check boxes keep which box is ticked": (
        lambda: project(head(["项目属性", tc('<w:p><w:r><w:sym w:font="Wingdings 2" w:char="F052"/></w:r><w:r><w:t xml:space="preserve">新增 </w:t></w:r>'
                                             '<w:r><w:sym w:font="Wingdings 2" w:char="F0A3"/></w:r><w:r><w:t>延续</w:t></w:r></w:p>')]), IND)["extra"],
        {"项目属性": "☑新增 □延续"}),
    "the title's year beats a continuing project's code year": (
        lambda: sub(p(f"{UNIT}2022年度部门预算绩效目标"), tbl(["项目编码", "13102621P00237611444C"], ["项目名称", "X"]), IND)["fiscal_year"],
        2022),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_layout(case: str) -> None:
    build, expected = CASES[case]
    assert build() == expected
