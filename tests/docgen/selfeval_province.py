"""A provincial system export of the project self-evaluation (四川 部门预算项目支出绩效自评表).

Conventions as in tests/docgen/selfeval.py. The form: its title as a row of the table, 项目名称
written `<项目编码>-<名称>`, 预算执行情况（10分） over 总额 / 其中：财政资金 / 财政专户管理资金 /
单位资金 / 其他资金, indicators with 指标性质 | 指标值 | 度量单位 apart, 评价结论 / 存在问题 /
改进措施 rows and a signature line; the form's prompts (…（200字以内）) count as blank.
"""

from __future__ import annotations

from typing import Any

from tests.docgen.selfeval import evaluation, expect, fmt, form, ind, line, project, result, wan
from tests.docgen.templates import Doc, c, cont, top

PROVINCE_HEAD = ("一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分",
                 "未完成原因分析")
REASON_PROMPT = ("1.预算执行率=预算执行数/调整后预算数，预算执行率未达到90%的需说明原因（100字以内）；"
                 "2.年中发生预算调整的（追加或调减），应单独说明理由；3.其他资金包括：社会投入资金、银行贷款。")
CONCLUSION_PROMPT = "结合自评情况，说明项目自评总分，说明项目实施取得的成效或成果。（200字以内）"
PROBLEM_PROMPT = "结合自评情况，分析存在的问题及原因。（200字以内）"
IMPROVE_PROMPT = "针对项目自评中发现的问题，提出下一步改进完善的意见及有关政策性建议。（200字以内）"


def province_table(d: Doc, p: dict[str, Any]) -> None:
    """Draw one project as the provincial system exports it (title row inside the table)."""
    d.table(11, province_rows(p))


def province_rows(p: dict[str, Any]) -> list[list[tuple[str, int, str | None]]]:
    """Return the rows of one project of the provincial export (an Excel sheet may hold several)."""
    money = p["money"]
    rows: list[list[tuple[str, int, str | None]]] = [
        [c(p.get("title", "部门预算项目支出绩效自评表（2022年度）"), 11)],
        [c("项目名称", 2), c(p["name_cell"], 9)],
        [c("主管部门", 2), c(p["supervisor"], 3), c(p.get("unit_label", "实施单位（盖章）"), 2), c(p["unit"], 4)],
        [top("项目基本情况", 2), top("1.项目年度目标完成情况", 2), c("项目年度目标", 4), c("年度目标完成情况", 3)],
        [cont(2), cont(2), c(p["goal"], 4), c(p["achieved"], 3)],
        [cont(2), c("2.项目实施内容及过程概述", 2), c(p["process"], 7)],
        [top("预算执行情况（10分）", 2), c("年度预算数（万元）", 2), c("年初预算"), c("调整后预算数"), c("预算执行数"),
         c("预算执行率"), c("权重"), c("得分"), c("原因")],
    ]
    for i, (label, a, b, s, rate, w, sc) in enumerate(money):
        reason = (top(p["reason"]) if i == 0 else cont())
        rows.append([cont(2), c(label, 2), c(fmt(a)), c(fmt(b)), c(fmt(s)), c(rate), c(w), c(sc), reason])
    rows.append([top("绩效指标（90分）"), *[c(h) for h in PROVINCE_HEAD]])
    ind_rows = p["rows"]
    for i, r in enumerate(ind_rows):
        if p.get("merge"):
            first = i == 0 or ind_rows[i - 1][0] != r[0]
            last = i + 1 == len(ind_rows) or ind_rows[i + 1][0] != r[0]
            l1 = c(r[0]) if first and last else top(r[0]) if first else cont()
        else:
            l1 = c(r[0])
        rows.append([cont(), l1, *[c(x) for x in r[1:10]]])
    rows += [
        [c("合计", 8), c("100"), c(p["total"]), c("")],
        [c("评价结论", 2), c(p["conclusion"], 9)],
        [c("存在问题", 2), c(p["problems"], 9)],
        [c("改进措施", 2), c(p["improvements"], 9)],
        [c(f"项目负责人{p.get('colon', '：')}{p['leader']}", 5), c(f"财务负责人{p.get('colon', '：')}{p['finance']}", 6)],
    ]
    return rows


def province_expected(seq: int, p: dict[str, Any], parsed: list[tuple[Any, ...]], ev_text: dict[str, Any],
                       extra: dict[str, str], code: str | None, name: str) -> dict[str, Any]:
    lines = []
    for label, a, b, s, _rate, _w, _sc in p["money"]:
        kind = ("total" if label == "总额" else "fiscal" if "财政资金" in label else "other")
        lines.append(line(kind, label, wan(a), wan(b), wan(s)))
    total_line = p["money"][0]
    indicators = []
    for r, (op, value, unit, actual_value) in zip(p["rows"], parsed, strict=True):
        row = ind(r[0], r[1], r[2], r[4], op, value, unit)
        row["result"] = result(r[6] or None, actual_value, float(r[7]), float(r[8]), r[9] or None)
        indicators.append(row)
    ev = evaluation(lines, float(total_line[4].rstrip("%")), float(total_line[5]), float(total_line[6]),
                    float(p["total"]) if p["total"] else None, ev_text["achieved"], conclusion=ev_text.get("conclusion"),
                    problems=ev_text.get("problems"), improvements=ev_text.get("improvements"))
    return project(seq, name, lines, ev_text["goals"], indicators, ev, extra, code)


@form
def selfeval_province_water() -> Doc:
    """四川 部门预算项目支出绩效自评表 as the provincial budget system exports it: the title as a row
    of the table, 项目名称 written `<项目编码>-<名称>`, 实施单位（盖章）, 项目基本情况 with 项目年度目标 |
    年度目标完成情况 and 项目实施内容及过程概述, 预算执行情况（10分） with 年初预算 | 调整后预算数 | 预算执行数 |
    预算执行率 | 权重 | 得分 | 原因 over 总额 / 其中：财政资金 / 财政专户管理资金 / 单位资金 / 其他资金 (the form's
    原因 prompt left in), 绩效指标（90分） with 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分 | 未完成原因分析,
    合计, 评价结论 / 存在问题 / 改进措施, and the 项目负责人 / 财务负责人 signature line.
    Source: 青神县发展和改革局 部门预算项目支出绩效自评表（2023年度）,报表编号 510000_0013zp,
    https://www.scqs.gov.cn/info/13206/211004.htm (and 大英县司法局's, https://dyxrmt.cn/article-157795-21.html)"""
    d = Doc("selfeval_province_water")
    d.para("报表编号：510000_0013zp", "right")
    code, name = "13102622P00237611444C", "农村饮水安全工程维护"
    p = {
        "name_cell": f"{code}-{name}", "supervisor": "文安县水务局", "unit": "314001-文安县水务局",
        "goal": "维修供水管网12公里，保障农村饮水水质合格率95%以上。",
        "achieved": "维修供水管网12.5公里，水质检测合格率97%。",
        "process": "年初制定维护计划，分三批次完成管网维修，年底组织验收。",
        "reason": REASON_PROMPT,
        "money": [("总额", 85, 90, 81, "90.00%", "10", "9"),
                  ("其中：财政资金", 85, 90, 81, "90.00%", "/", "/"),
                  ("财政专户管理资金", 0, 0, 0, "0.00%", "/", "/"),
                  ("单位资金", 0, 0, 0, "0.00%", "/", "/"),
                  ("其他资金", None, None, None, "", "/", "/")],
        "rows": [
            ("产出指标", "数量指标", "维修供水管网长度", "≥", "12", "公里", "12.5", "30", "30", ""),
            ("产出指标", "质量指标", "水质检测合格率", "≥", "95", "%", "97", "20", "20", ""),
            ("效益指标", "社会效益指标", "受益人口", "≥", "3.2", "万人", "3.1", "20", "19.4",
             "部分村庄管网改造延期，受益人口略少"),
            ("满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%", "94", "20", "20", ""),
        ],
        "total": "98.4",
        "conclusion": "项目自评得分98.4分，管网维修全部完成，农村饮水保障水平提高。",
        "problems": "个别村庄管网改造进度滞后。", "improvements": "提前开展施工准备，加强进度调度。",
        "leader": "张建国", "finance": "李红",
    }
    province_table(d, p)
    parsed = [(">=", 12.0, "公里", 12.5), (">=", 95.0, "%", 97.0), (">=", 3.2, "万人", 3.1), (">=", 90.0, "%", 94.0)]
    extra = {"主管部门": "文安县水务局", "项目实施内容及过程概述": p["process"],
             "财政资金（预算执行率）": "90.00%", "财政专户管理资金（预算执行率）": "0.00%",
             "单位资金（预算执行率）": "0.00%", "项目负责人": "张建国", "财务负责人": "李红"}
    proj = province_expected(1, p, parsed, {
        "goals": ["维修供水管网12公里，保障农村饮水水质合格率95%以上"],
        "achieved": ["维修供水管网12.5公里，水质检测合格率97%"],
        "conclusion": p["conclusion"], "problems": p["problems"], "improvements": p["improvements"]},
        extra, code, name)
    expect(d, 2022, ("314001", "文安县水务局"), [proj])
    return d


@form
def selfeval_province_schools() -> Doc:
    """The same provincial export saved by WPS with two projects (one table each, a page break between):
    项目名称 without a code, 一级 merged down, a qualitative 定性 row with no 度量单位, a low execution
    with its 原因 filled, 评价结论 / 存在问题 / 改进措施 left as the form's prompts, blank signatures.
    Source: as selfeval_province_water (四川 510000_0013zp)."""
    d = Doc("selfeval_province_schools", wps=True)
    unit = "文安县教育和体育局"
    common = {"supervisor": unit, "unit": unit, "merge": True, "conclusion": CONCLUSION_PROMPT,
              "problems": PROBLEM_PROMPT, "improvements": IMPROVE_PROMPT, "leader": "", "finance": "",
              "process": ""}
    a = {**common, "name_cell": "校舍维修改造",
         "goal": "维修改造校舍8000平方米，工程验收合格率100%。", "achieved": "维修改造校舍8200平方米，已全部验收。",
         "reason": "部分设备采购合同年底签订，资金延至次年支付。",
         "money": [("总额", 200, 200, 130, "65.00%", "10", "6.5"),
                   ("其中：财政资金", 200, 200, 130, "65.00%", "/", "/"),
                   ("财政专户管理资金", 0, 0, 0, "0.00%", "/", "/"),
                   ("单位资金", None, None, None, "", "/", "/"),
                   ("其他资金", None, None, None, "", "/", "/")],
         "rows": [
             ("产出指标", "数量指标", "维修改造校舍面积", "≥", "8000", "平方米", "8200", "40", "40", ""),
             ("产出指标", "质量指标", "工程验收合格率", "=", "100", "%", "100", "20", "20", ""),
             ("效益指标", "社会效益指标", "办学条件", "定性", "优良", "", "良", "20", "18", "个别项目未完工"),
             ("满意度指标", "服务对象满意度指标", "师生满意度", "≥", "90", "%", "95", "10", "10", ""),
         ], "total": "94.5"}
    b = {**common, "name_cell": "学生资助",
         "goal": "资助家庭经济困难学生1200人次，资金按时足额发放。", "achieved": "资助学生1260人次，资金全部按时发放。",
         "reason": "",
         "money": [("总额", 60, 66, 66, "100.00%", "10", "10"),
                   ("其中：财政资金", 60, 66, 66, "100.00%", "/", "/"),
                   ("财政专户管理资金", 0, 0, 0, "0.00%", "/", "/"),
                   ("单位资金", None, None, None, "", "/", "/"),
                   ("其他资金", None, None, None, "", "/", "/")],
         "rows": [
             ("产出指标", "数量指标", "资助学生人次", "≥", "1200", "人次", "1260", "40", "40", ""),
             ("产出指标", "时效指标", "资金发放及时率", "=", "100", "%", "100", "20", "20", ""),
             ("满意度指标", "服务对象满意度指标", "受助学生满意度", "≥", "95", "%", "97", "30", "30", ""),
         ], "total": "100"}
    province_table(d, a)
    d.page_break()
    province_table(d, b)
    rates = {"财政资金（预算执行率）": "65.00%", "财政专户管理资金（预算执行率）": "0.00%"}
    pa = province_expected(1, a, [(">=", 8000.0, "平方米", 8200.0), ("=", 100.0, "%", 100.0),
                                   (None, None, None, None), (">=", 90.0, "%", 95.0)],
                            {"goals": ["维修改造校舍8000平方米，工程验收合格率100%"],
                             "achieved": ["维修改造校舍8200平方米，已全部验收"]},
                            {"主管部门": unit, **rates, "原因": a["reason"]}, None, "校舍维修改造")
    pb = province_expected(2, b, [(">=", 1200.0, "人次", 1260.0), ("=", 100.0, "%", 100.0),
                                   (">=", 95.0, "%", 97.0)],
                            {"goals": ["资助家庭经济困难学生1200人次，资金按时足额发放"],
                             "achieved": ["资助学生1260人次，资金全部按时发放"]},
                            {"主管部门": unit, "财政资金（预算执行率）": "100.00%",
                             "财政专户管理资金（预算执行率）": "0.00%"}, None, "学生资助")
    expect(d, 2022, (None, unit), [pa, pb])
    return d


@form
def selfeval_province_sheet() -> Doc:
    """The provincial export as an Excel sheet pasted into Word: two projects in ONE table, each
    opening with the form's title row; 实施单位 without （盖章）; 完成 written as the 完成值 of a
    quantitative target; the 合计 得分 left blank; signatures with ASCII colons (项目负责人:…).
    Source: as selfeval_province_water; consecutive projects in one sheet as 大英县司法局's
    2023 export shows them, https://dyxrmt.cn/article-157795-21.html"""
    d = Doc("selfeval_province_sheet")
    unit = "文安县司法局"
    common = {"supervisor": f"{unit}部门", "unit": f"316001-{unit}", "unit_label": "实施单位", "colon": ":",
              "title": "部门预算项目支出绩效自评表（2022年度）", "process": "", "reason": REASON_PROMPT,
              "problems": "无", "improvements": "无"}
    a = {**common, "name_cell": "13102622P00412007316B-公共法律服务体系建设",
         "goal": "建成村（社区）公共法律服务室，全年提供法律咨询2000人次。", "achieved": "完成",
         "money": [("总额", 12, 12, 12, "100.00%", "10", "10"),
                   ("其中：财政资金", 12, 12, 12, "100.00%", "/", "/"),
                   ("财政专户管理资金", 0, 0, 0, "0.00%", "/", "/"),
                   ("单位资金", 0, 0, 0, "0.00%", "/", "/"),
                   ("其他资金", None, None, None, "", "/", "/")],
         "rows": [("产出指标", "数量指标", "提供法律咨询", "≥", "2000", "人次", "2150", "50", "50", ""),
                  ("产出指标", "经济成本指标", "成本控制数", "≤", "12", "万元", "完成", "40", "40", "")],
         "total": "", "conclusion": "按要求完成公共法律服务室建设，资金全部支付。", "leader": "周敏", "finance": "吴刚"}
    b = {**common, "name_cell": "13102622P00412007420C-人民调解员以案定补",
         "goal": "按调解案件数量和质量发放人民调解员补贴。", "achieved": "全年调解案件860件，补贴按季度发放。",
         "money": [("总额", 8, 8, 7.2, "90.00%", "10", "9"),
                   ("其中：财政资金", 8, 8, 7.2, "90.00%", "/", "/"),
                   ("财政专户管理资金", 0, 0, 0, "0.00%", "/", "/"),
                   ("单位资金", 0, 0, 0, "0.00%", "/", "/"),
                   ("其他资金", None, None, None, "", "/", "/")],
         "rows": [("产出指标", "数量指标", "调解案件数", "≥", "800", "件", "860", "40", "40", ""),
                  ("效益指标", "社会效益指标", "调解成功率", "≥", "95", "%", "96", "30", "30", ""),
                  ("满意度指标", "服务对象满意度指标", "当事人满意度", "≥", "90", "%", "93", "20", "20", "")],
         "total": "99", "conclusion": "补贴按季度足额发放。", "leader": "周敏", "finance": "吴刚"}
    d.para("报表编号：510000_0013zp", "right")
    d.table(11, province_rows(a) + province_rows(b))
    rates = {"财政资金（预算执行率）": "100.00%", "财政专户管理资金（预算执行率）": "0.00%",
             "单位资金（预算执行率）": "0.00%"}
    signed = {"项目负责人": "周敏", "财务负责人": "吴刚"}
    pa = province_expected(1, a, [(">=", 2000.0, "人次", 2150.0), ("<=", 120000.0, "元", None)],
                           {"goals": ["建成村（社区）公共法律服务室，全年提供法律咨询2000人次"], "achieved": ["完成"],
                            "conclusion": a["conclusion"], "problems": "无", "improvements": "无"},
                           {"主管部门": f"{unit}部门", **rates, **signed}, "13102622P00412007316B", "公共法律服务体系建设")
    pb = province_expected(2, b, [(">=", 800.0, "件", 860.0), (">=", 95.0, "%", 96.0), (">=", 90.0, "%", 93.0)],
                           {"goals": ["按调解案件数量和质量发放人民调解员补贴"],
                            "achieved": ["全年调解案件860件，补贴按季度发放"],
                            "conclusion": b["conclusion"], "problems": "无", "improvements": "无"},
                           {"主管部门": f"{unit}部门", **rates, "财政资金（预算执行率）": "90.00%", **signed},
                           "13102622P00412007420C", "人民调解员以案定补")
    expect(d, 2022, ("316001", unit), [pa, pb])
    return d
