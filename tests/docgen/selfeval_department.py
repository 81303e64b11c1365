"""Department-wide self-evaluation forms (部门整体绩效自评表), filled in by hand-varied content.

Conventions as in tests/docgen/selfeval.py; for a department form the 主管部门 is the unit, the
money row has no line label (its one line is the total, labelled by the block: 部门预算执行情况),
年初绩效目标 is `department_goals.overall`, and the indicator table has no 一级/二级 columns
(level1/level2 null). 指标性质 (定量指标/定性指标) says only whether a target is quantified; 得分系数
is the score over the weight: both understood and not read. 是否核心指标 has no place in the
contract, so a reader reports its column.
"""

from __future__ import annotations

from typing import Any

from tests.docgen.selfeval import evaluation, expect, form, line, result, wan
from tests.docgen.templates import Doc, c, cont, ind, top

HEAD = ("指标名称", "计量单位", "指标性质", "年初指标值", "调整指标值", "全年完成值", "得分系数（%）", "指标权重（分）",
        "指标得分（分）", "是否核心指标")


def _header_table(d: Doc, p: dict[str, Any]) -> None:
    d.table(7, [
        [c("主管部门"), c(p["unit_cell"], 2), c("财政处室"), c(p["office"]), c("自评总分（分）"), c(p["total"])],
        [c("部门联系人"), c(p["contact"], 2), c("联系电话"), c(p["phone"], 3)],
        [top("部门预算执行情况（万元）"), c("年初预算数"), c("全年（调整）预算数"), c("全年执行数"), c("执行率（%）"),
         c("执行率权重（分）"), c("执行率得分（分）")],
        [cont(), *[c(x) for x in p["money"]]],
        [top("当年绩效目标"), c("年初绩效目标", 2), c("全年（调整）绩效目标", 2), c("全年目标实际完成情况", 2)],
        [cont(), c(p["goal"], 2), c(p["adjusted_goal"], 2), c(p["achieved"], 2)],
    ])


def _indicator_rows(rows: list[tuple[str, ...]]) -> list[list[tuple[str, int, str | None]]]:
    return [[cont(), *[c(x) for x in r]] for r in rows]


def _expected(p: dict[str, Any], parsed: list[tuple[Any, ...]], unit: tuple[str | None, str], extra: dict[str, str],
              achieved: list[str]) -> tuple[dict[str, Any], tuple[str | None, str]]:
    a, b, s, rate, w, sc = p["money"]
    lines = [line("total", "部门预算执行情况", wan(float(a)), wan(float(b)), wan(float(s)))]
    indicators = []
    for r, (op, value, u, actual_value) in zip(p["rows"], parsed, strict=True):
        row = ind(None, None, r[0], r[3], op, value, u)
        row["result"] = result(r[5], actual_value, float(r[7]), float(r[8]), None, r[4] or None)
        indicators.append(row)
    dept = {"overall": p["goal"], "items": [], "measures": [], "indicators": indicators, "extra": extra,
            "evaluation": evaluation(lines, float(rate.rstrip("%")), float(w), float(sc), float(p["total"]), achieved)}
    return dept, unit


def _core_column_warning(table: int) -> dict[str, str]:
    return {"kind": "column_unknown", "where": f"表{table}第11列",
            "message": "列“是否核心指标”未能识别，该列内容未读取；如是新模板，请在 jixiao.toml [labels] 中登记"}


@form
def selfeval_department_health() -> Doc:
    """重庆 部门整体绩效自评表 as Word draws it: 主管部门 | 财政处室 | 自评总分（分）, 部门联系人, a
    部门预算执行情况（万元） block of one row 年初预算数 | 全年（调整）预算数 | 全年执行数 | 执行率（%） |
    执行率权重 | 执行率得分, 当年绩效目标 as 年初绩效目标 | 全年（调整）绩效目标 | 全年目标实际完成情况, and a
    separate indicator table 指标名称 | 计量单位 | 指标性质 | 年初指标值 | 调整指标值 | 全年完成值 | 得分系数 |
    指标权重 | 指标得分 | 是否核心指标 with no 一级/二级 columns; one target adjusted (调整指标值).
    Source: 部门整体绩效自评表 (西部（重庆）科学城融媒体中心, 2021), https://m.yzwku.com/doc/98587.html"""
    d = Doc("selfeval_department_health")
    d.para("部门整体绩效自评表", "center")
    d.para("（2022年度）", "center")
    p = {"unit_cell": "306001-文安县卫生健康局", "office": "社会保障股", "total": "99", "contact": "王丽",
         "phone": "0316-5221234", "money": ("2350.00", "2468.50", "2320.39", "94%", "10", "9.4"),
         "goal": "保障机关正常运转，做好基本公共卫生服务和家庭医生签约服务，提升群众就医满意度。",
         "adjusted_goal": "无",
         "achieved": "1.机关运转正常；\n2.家庭医生签约29150人，基本公共卫生服务考核优秀。",
         "rows": [
             ("公用经费控制率", "%", "定量指标", "≤100%", "", "97%", "100%", "5", "5", "否"),
             ("政府采购执行率", "%", "定量指标", "100%", "", "92%", "92%", "5", "4.6", "是"),
             ("家庭医生签约服务人数", "人", "定量指标", "≥30000人", "≥28000人", "29150人", "100%", "30", "30", "是"),
             ("基本公共卫生服务项目考核", "", "定性指标", "良好", "", "优秀", "100%", "20", "20", "否"),
             ("群众就医满意度", "%", "定量指标", "≥90%", "", "92%", "100%", "30", "30", "是"),
         ]}
    _header_table(d, p)
    d.table(11, [[top("绩效指标"), *[c(h) for h in HEAD]], *_indicator_rows(p["rows"])])
    dept, unit = _expected(p, [("<=", 100.0, "%", 97.0), ("=", 100.0, "%", 92.0), (">=", 30000.0, "人", 29150.0),
                               (None, None, None, None), (">=", 90.0, "%", 92.0)],
                           ("306001", "文安县卫生健康局"),
                           {"财政处室": "社会保障股", "部门联系人": "王丽", "联系电话": "0316-5221234",
                            "全年（调整）绩效目标": "无"},
                           ["机关运转正常", "家庭医生签约29150人，基本公共卫生服务考核优秀"])
    expect(d, 2022, unit, [], dept, [_core_column_warning(2)])
    return d


@form
def selfeval_department_civil() -> Doc:
    """The same 部门整体 form saved by WPS: the unit without a code, an adjusted annual goal, and the
    indicator table broken at a page break, its header row repeated on the second page; bare actuals
    under a 计量单位.
    Source: as selfeval_department_health."""
    d = Doc("selfeval_department_civil", wps=True)
    d.para("部门整体绩效自评表（2022年度）", "center")
    p = {"unit_cell": "文安县民政局", "office": "行政政法股", "total": "86.5", "contact": "刘洋", "phone": "0316-5229876",
         "money": ("1260.00", "1180.00", "944.00", "80%", "10", "8"),
         "goal": "保障困难群众基本生活，城乡低保应保尽保。", "adjusted_goal": "年中低保对象减少，调减低保资金80万元。",
         "achieved": "全年保障低保对象5860人，资金按月足额发放。",
         "rows": [
             ("城乡低保保障人数", "人", "定量指标", "≥6000", "≥5800", "5860", "100%", "30", "30", "是"),
             ("低保金按月发放率", "%", "定量指标", "100", "", "100", "100%", "20", "20", "是"),
             ("特困人员集中供养率", "%", "定量指标", "≥60", "", "48", "80%", "20", "16", "否"),
             ("困难群众满意度", "%", "定量指标", "≥90", "", "88", "90%", "20", "12.5", "否"),
         ]}
    _header_table(d, p)
    head = [top("绩效指标"), *[c(h) for h in HEAD]]
    d.table(11, [head, *_indicator_rows(p["rows"][:2])])
    d.page_break()
    d.table(11, [head, *_indicator_rows(p["rows"][2:])])
    dept, unit = _expected(p, [(">=", 6000.0, "人", 5860.0), ("=", 100.0, "%", 100.0), (">=", 60.0, "%", 48.0),
                               (">=", 90.0, "%", 88.0)],
                           (None, "文安县民政局"),
                           {"财政处室": "行政政法股", "部门联系人": "刘洋", "联系电话": "0316-5229876",
                            "全年（调整）绩效目标": p["adjusted_goal"]},
                           ["全年保障低保对象5860人，资金按月足额发放"])
    expect(d, 2022, unit, [], dept, [_core_column_warning(2), _core_column_warning(3)])
    return d
