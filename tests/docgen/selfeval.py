"""Published year-end self-evaluation forms (绩效自评表), filled in as units fill them.

Each form is drawn from its published layout (source on each function): labels, merges, line
labels and qualifiers are the form's own; the content is invented and varied by hand between
the filled documents. The expected JSON (contract v4, `kind` self_evaluation) is written from
the same content the drawing uses, never from what the extractor returns. Conventions:

- `unit` is the 实施单位 that reports, split `306001-名称` into code and name where the cell
  writes a code; 主管部门 goes to the project's `extra` (on a 部门整体 form it is the unit).
- Money in yuan. A project's budget_total / budget_fiscal are the 年初 amounts of the total and
  fiscal lines; budget_other the sum of the 年初 amounts of every other line (null when all are
  blank). Every drawn money line is a `budget_lines` entry, blank amounts null.
- The stated 执行率, its 分值/权重 and 得分 come from the total line; a per-line 预算执行率 and a
  filled 原因 go to `extra` (`财政资金（预算执行率）`); the form's prompts (…（100字以内）) are blank.
- Indicators: `target_raw` is the 年度指标值 / 指标值 cell; where 指标性质 and 度量单位 stand
  apart, op/value/unit are parsed from the three together (as on target forms). `result.actual_value`
  is the 实际完成值 in the target's unit (a bare number under a 度量单位 takes that unit).
- `goals` are the 预期目标 items; `evaluation.goals_achieved` the 实际完成情况 items.

`write_self_evaluations(out_dir)` writes <name>.docx + <name>.json for each.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.docgen.templates import Doc, c, cont, ind, registry, top, write_docs

SELF_EVALUATIONS: dict[str, Callable[[], Doc]] = {}
form = registry(SELF_EVALUATIONS)


def result(actual: str | None, value: float | None, weight: float | None, score: float | None,
           deviation: str | None = None, adjusted: str | None = None) -> dict[str, Any]:
    """One indicator row's expected `result`."""
    return {"actual_raw": actual, "actual_value": value, "weight": weight, "score": score,
            "deviation": deviation, "adjusted_target_raw": adjusted}


def line(kind: str, label: str, initial: float | None, full_year: float | None,
         spent: float | None) -> dict[str, Any]:
    return {"line": kind, "label": label, "initial": initial, "full_year": full_year, "spent": spent}


def evaluation(lines: list[dict[str, Any]], rate: float | None, weight: float | None, score: float | None,
               total: float | None, achieved: list[str], *, rating: str | None = None,
               conclusion: str | None = None, problems: str | None = None,
               improvements: str | None = None) -> dict[str, Any]:
    return {"budget_lines": lines, "execution_rate": rate, "execution_weight": weight,
            "execution_score": score, "total_score": total, "rating": rating, "goals_achieved": achieved,
            "conclusion": conclusion, "problems": problems, "improvements": improvements}


def sub_other(lines: list[dict[str, Any]]) -> float | None:
    """budget_other: the 年初 amounts of every line that is neither total nor fiscal."""
    known = [x["initial"] for x in lines if x["line"] not in ("total", "fiscal") and x["initial"] is not None]
    return round(sum(known), 2) if known else None


def project(seq: int, name: str, lines: list[dict[str, Any]], goals: list[str], indicators: list[dict[str, Any]],
            ev: dict[str, Any], extra: dict[str, str], code: str | None = None) -> dict[str, Any]:
    by = {x["line"]: x["initial"] for x in reversed(lines)}
    return {"seq": seq, "code": code, "name": name, "budget_total": by.get("total"),
            "budget_fiscal": by.get("fiscal"), "budget_other": sub_other(lines), "purpose": None,
            "spending_plan": [], "goals": goals, "long_term_goals": [], "indicators": indicators,
            "extra": extra, "evaluation": ev}


def expect(doc: Doc, year: int, unit: tuple[str | None, str | None], projects: list[dict[str, Any]],
           department: dict[str, Any] | None = None, warnings: list[dict[str, str]] | None = None) -> None:
    doc.expected = {"file": f"{doc.name}.docx", "sha256": None, "kind": "self_evaluation", "fiscal_year": year,
                    "unit": {"code": unit[0], "name": unit[1]}, "department_goals": department,
                    "projects": projects, "warnings": warnings or []}


def wan(x: float | None) -> float | None:
    """万元 as written -> yuan."""
    return None if x is None else round(float(x) * 10000, 2)


def fmt(x: float | str | None, places: int = 2) -> str:
    """An amount as drawn: a number with `places` decimals, or text already written."""
    return "" if x is None else x if isinstance(x, str) else f"{x:.{places}f}"


# ---------------------------------------------------------------------------------------------
# (a) The national 项目支出绩效自评表: 9 grid columns.
NATIONAL_HEAD = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")


def national_table(d: Doc, p: dict[str, Any], *, wrapped: bool = False, merge_levels: bool = True,
                   split_at: int | None = None) -> None:
    """Draw one project's national form: p holds name, supervisor, unit, money rows, goals, rows, total
    (and optionally money_label, rating); `split_at` breaks the table before that indicator row,
    at a page break, the header not repeated."""
    head = [h.replace("年度", "年度\n", 1) if wrapped and h.startswith("年度") else h for h in NATIONAL_HEAD]
    money_head = ["年初\n预算数", "全年\n预算数", "全年\n执行数"] if wrapped else ["年初预算数", "全年预算数", "全年执行数"]
    rows: list[list[tuple[str, int, str | None]]] = [
        [c("项目名称"), c(p["name"], 8)],
        [c("主管部门"), c(p["supervisor"], 3), c("实施单位"), c(p["unit"], 4)],
        [top(p.get("money_label", "项目资金\n（万元）")), c("", 2), *[c(h) for h in money_head], c("分值"), c("执行率"),
         c("得分")],
    ]
    for label, a, b, s, tail in p["money"]:
        rows.append([cont(), c(label, 2), c(fmt(a)), c(fmt(b)), c(fmt(s)), *[c(t) for t in tail]])
    rows += [
        [top("年度总体目标"), c("预期目标", 4), c("实际完成情况", 4)],
        [cont(), c(p["goals_text"], 4), c(p["achieved_text"], 4)],
        [top("绩效指标"), *[c(h) for h in head]],
    ]
    ind_rows = p["rows"]
    for i, r in enumerate(ind_rows):
        l1, l2 = r[0], r[1]
        if merge_levels:
            first = i == 0 or ind_rows[i - 1][0] != l1
            last = i + 1 == len(ind_rows) or ind_rows[i + 1][0] != l1
            l1_cell = c(l1) if first and last else top(l1) if first else cont()
            first2 = first or ind_rows[i - 1][1] != l2
            last2 = last or ind_rows[i + 1][1] != l2
            l2_cell = c(l2) if first2 and last2 else top(l2) if first2 else cont()
        else:  # WPS: 一级 written on every row, 二级 only on its group's first row
            l1_cell = c(l1)
            l2_cell = c(l2 if i == 0 or ind_rows[i - 1][1] != l2 or ind_rows[i - 1][0] != l1 else "")
        rows.append([cont(), l1_cell, l2_cell, *[c(x) for x in r[2:8]]])
    rows.append([c("总分", 6), c("100"), c(p["total"]), c("")])
    if p.get("rating"):
        rows.append([c("自评等级", 2), c(p["rating"], 7)])
    if split_at is None:
        d.table(9, rows)
        return
    cut = len(rows) - len(ind_rows) - 1 - (1 if p.get("rating") else 0) + split_at
    d.table(9, rows[:cut])
    d.page_break()
    d.table(9, rows[cut:])


def national_expected(seq: int, p: dict[str, Any], results: list[tuple[Any, ...]], rate: float, weight: float,
                       score: float, goals: list[str], achieved: list[str], extra: dict[str, str]) -> dict[str, Any]:
    yuan = wan if "万元" in p.get("money_label", "万元") else (lambda x: None if x is None else float(x))
    lines = [line(kind, label, yuan(a), yuan(b), yuan(s)) for (label, a, b, s, _), kind in
             zip(p["money"], p["kinds"], strict=True)]
    indicators = []
    for r, (op, value, unit, actual_value) in zip(p["rows"], results, strict=True):
        row = ind(r[0], r[1], r[2], r[3], op, value, unit)
        row["result"] = result(r[4], actual_value, float(r[5]), float(r[6]), r[7] or None)
        indicators.append(row)
    ev = evaluation(lines, rate, weight, score, float(p["total"]), achieved, rating=p.get("rating"))
    return project(seq, p["name"], lines, goals, indicators, ev, extra)


@form
def selfeval_national_roads() -> Doc:
    """National 项目支出绩效自评表 as Word draws it: 项目资金（万元） block 年初预算数 | 全年预算数 |
    全年执行数 | 分值 | 执行率 | 得分 over 年度资金总额 / 其中：当年财政拨款 / 上年结转资金 / 其他资金 (分值,
    执行率, 得分 on the total row only); 预期目标 | 实际完成情况; 一级 cells carrying their points
    (产出指标（50分）) merged down, 二级 merged; a bare actual (0.31) under a 万元 target; 总分 row.
    实施单位 written with its code (312001-…).
    Source: 财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）附件1 项目支出绩效自评表; a filled
    2022 copy of 池州市贵池区棠溪镇 (实施单位 219001-…, 产出指标(50分)) found by search at
    http://www.anthempetcare.com/upload_cz/download?id=502364&siteId=2"""
    d = Doc("selfeval_national_roads")
    d.para("项目支出绩效自评表", "center")
    d.para("（2022年度）", "center")
    p = {
        "name": "农村公路日常养护", "supervisor": "文安县交通运输局", "unit": "312001-文安县交通运输局",
        "money": [("年度资金总额", 120, 120, 110.4, ["10", "92%", "9.2"]),
                  ("其中：当年财政拨款", 100, 100, 92.4, ["—", "—", "—"]),
                  ("上年结转资金", 20, 20, 18, ["—", "—", "—"]),
                  ("其他资金", None, None, None, ["—", "—", "—"])],
        "kinds": ["total", "fiscal", "carryover", "other"],
        "goals_text": "1.完成全县农村公路日常养护350公里；\n2.路面优良率达到85%以上。",
        "achieved_text": "1.完成养护352公里；\n2.路面优良率83%，略低于目标。",
        "rows": [
            ("产出指标（50分）", "数量指标", "养护农村公路里程", "≥350公里", "352公里", "20", "20", ""),
            ("产出指标（50分）", "质量指标", "路面优良率", "≥85%", "83%", "15", "14.6",
             "部分路段雨季损毁，明年提前安排预防性养护"),
            ("产出指标（50分）", "时效指标", "养护任务完成时间", "2022年12月底前", "按时完成", "5", "5", ""),
            ("产出指标（50分）", "成本指标", "每公里养护成本", "≤0.35万元", "0.31", "10", "10", ""),
            ("效益指标（30分）", "社会效益指标", "群众出行条件", "明显改善", "达成预期指标", "30", "28", ""),
            ("满意度指标（10分）", "服务对象满意度指标", "沿线群众满意度", "≥90%", "93%", "10", "10", ""),
        ],
        "total": "96.8",
    }
    national_table(d, p)
    results = [(">=", 350.0, "公里", 352.0), (">=", 85.0, "%", 83.0), (None, None, None, None),
               ("<=", 3500.0, "元", 3100.0), (None, None, None, None), (">=", 90.0, "%", 93.0)]
    proj = national_expected(1, p, results, 92.0, 10.0, 9.2,
                              ["完成全县农村公路日常养护350公里", "路面优良率达到85%以上"],
                              ["完成养护352公里", "路面优良率83%，略低于目标"], {"主管部门": "文安县交通运输局"})
    expect(d, 2022, ("312001", "文安县交通运输局"), [proj])
    return d


@form
def selfeval_national_farming() -> Doc:
    """The national form saved by WPS, two projects in one file (a page break between their tables):
    header labels wrapped over two lines (年初／预算数, 年度／指标值), 一级 written on every row and
    二级 only on its group's first row (no merges), 实施单位 without a code, an 其他资金 line with
    amounts, one missed target with its 偏差原因 and one without.
    Source: as selfeval_national_roads (财预〔2020〕10号 附件1)."""
    d = Doc("selfeval_national_farming", wps=True)
    d.para("项目支出绩效自评表", "center")
    d.para("（2022年度）", "center")
    unit = "文安县农业农村局"
    kinds = ["total", "fiscal", "carryover", "other"]
    a = {
        "name": "高标准农田建设", "supervisor": unit, "unit": unit, "kinds": kinds,
        "money": [("年度资金总额", 500, 520, 480, ["10", "92.31%", "9.23"]),
                  ("其中：当年财政拨款", 500, 520, 480, ["—", "—", "—"]),
                  ("上年结转资金", None, None, None, ["—", "—", "—"]),
                  ("其他资金", None, None, None, ["—", "—", "—"])],
        "goals_text": "新建高标准农田1万亩，配套灌溉设施20处。",
        "achieved_text": "新建高标准农田1.05万亩，配套灌溉设施18处。",
        "rows": [
            ("产出指标", "数量指标", "新建高标准农田面积", "≥1万亩", "1.05万亩", "30", "30", ""),
            ("产出指标", "数量指标", "配套灌溉设施", "20处", "18处", "20", "18", "受汛期影响2处延至次年实施"),
            ("效益指标", "经济效益指标", "亩均增收", "≥200元", "230元", "30", "30", ""),
            ("满意度指标", "服务对象满意度指标", "受益农户满意度", "≥95%", "96%", "10", "10", ""),
        ],
        "total": "97.23",
    }
    b = {
        "name": "动物防疫补助", "supervisor": unit, "unit": unit, "kinds": kinds,
        "money": [("年度资金总额", 80, 80, 52.4, ["10", "65.5%", "6.55"]),
                  ("其中：当年财政拨款", 60, 60, 40, ["—", "—", "—"]),
                  ("上年结转资金", None, None, None, ["—", "—", "—"]),
                  ("其他资金", 20, 20, 12.4, ["—", "—", "—"])],
        "goals_text": "完成春秋两季重大动物疫病强制免疫，全年不发生区域性重大动物疫情。",
        "achieved_text": "完成强制免疫48万头只，全年未发生区域性重大动物疫情。",
        "rows": [
            ("产出指标", "数量指标", "强制免疫畜禽数量", "≥50万头只", "48万头只", "40", "38.4", ""),
            ("效益指标", "社会效益指标", "区域性重大动物疫情", "无", "未发生", "30", "30", ""),
            ("满意度指标", "服务对象满意度指标", "养殖户满意度", "≥90%", "92%", "20", "20", ""),
        ],
        "total": "94.95",
    }
    national_table(d, a, wrapped=True, merge_levels=False)
    d.page_break()
    national_table(d, b, wrapped=True, merge_levels=False)
    extra = {"主管部门": unit}
    pa = national_expected(1, a, [(">=", 1.0, "万亩", 1.05), ("=", 20.0, "处", 18.0), (">=", 200.0, "元", 230.0),
                                   (">=", 95.0, "%", 96.0)], 92.31, 10.0, 9.23,
                            ["新建高标准农田1万亩，配套灌溉设施20处"], ["新建高标准农田1.05万亩，配套灌溉设施18处"],
                            extra)
    pb = national_expected(2, b, [(">=", 50.0, "万头只", 48.0), (None, None, None, None), (">=", 90.0, "%", 92.0)],
                            65.5, 10.0, 6.55, ["完成春秋两季重大动物疫病强制免疫，全年不发生区域性重大动物疫情"],
                            ["完成强制免疫48万头只，全年未发生区域性重大动物疫情"], extra)
    expect(d, 2022, (None, unit), [pa, pb])
    return d


@form
def selfeval_national_bridge() -> Doc:
    """A county's copy of the national form: money in 元 (项目资金（元）, thousands separators), a
    自评等级 row after 总分, the indicator table broken at a page break between two rows of one
    一级 group (the second part without the header, its 一级 cell continuing the merge), and a
    项目名称 that leads with the 项目编码.
    Source: as selfeval_national_roads (财预〔2020〕10号 附件1); the 自评等级 row as county copies add it."""
    d = Doc("selfeval_national_bridge")
    d.para("项目支出绩效自评表", "center")
    d.para("（2022年度）", "center")
    code, name = "13102622P00831204417K", "大清河桥梁维修加固"
    p = {
        "name": f"{code}-{name}", "supervisor": "文安县交通运输局", "unit": "312001-文安县交通运输局",
        "money_label": "项目资金（元）", "kinds": ["total", "fiscal", "carryover", "other"],
        "money": [("年度资金总额", 1850000, 1850000, 1757500, ["10", "95%", "9.5"]),
                  ("其中：当年财政拨款", 1850000, 1850000, 1757500, ["—", "—", "—"]),
                  ("上年结转资金", None, None, None, ["—", "—", "—"]),
                  ("其他资金", None, None, None, ["—", "—", "—"])],
        "goals_text": "完成大清河桥梁维修加固1座，消除安全隐患。",
        "achieved_text": "完成桥梁维修加固1座，通过竣工验收。",
        "rows": [
            ("产出指标", "数量指标", "维修加固桥梁", "1座", "1座", "20", "20", ""),
            ("产出指标", "质量指标", "竣工验收合格率", "100%", "100%", "20", "20", ""),
            ("产出指标", "成本指标", "工程造价", "≤185万元", "175.75万元", "10", "10", ""),
            ("产出指标", "时效指标", "完工时间", "2022年10月底前", "2022年11月15日", "10", "8",
             "汛期停工半月，完工推迟"),
            ("效益指标", "社会效益指标", "通行安全保障", "消除安全隐患", "已消除", "20", "20", ""),
            ("满意度指标", "服务对象满意度指标", "过往群众满意度", "≥90%", "95%", "10", "10", ""),
        ],
        "total": "97.5", "rating": "优",
    }
    national_table(d, {**p, "money": [(lb, _thousands(a), _thousands(b), _thousands(s), t)
                                      for lb, a, b, s, t in p["money"]]}, split_at=3)
    results = [("=", 1.0, "座", 1.0), ("=", 100.0, "%", 100.0), ("<=", 1850000.0, "元", 1757500.0),
               (None, None, None, None), (None, None, None, None), (">=", 90.0, "%", 95.0)]
    proj = national_expected(1, p, results, 95.0, 10.0, 9.5, ["完成大清河桥梁维修加固1座，消除安全隐患"],
                             ["完成桥梁维修加固1座，通过竣工验收"], {"主管部门": "文安县交通运输局"})
    proj["code"], proj["name"] = code, name
    expect(d, 2022, ("312001", "文安县交通运输局"), [proj])
    return d


def _thousands(x: float | None) -> str | None:
    """An amount in 元 written with thousands separators (1,850,000.00)."""
    return None if x is None else f"{x:,.2f}"


def all_forms() -> dict[str, Callable[[], Doc]]:
    """Return every self-evaluation fixture by name: the national forms here, the others in their modules."""
    from tests.docgen import selfeval_department, selfeval_province  # noqa: F401 - they register on import

    return SELF_EVALUATIONS


def write_self_evaluations(out_dir: Path, names: list[str] | None = None) -> list[Path]:
    """Write every self-evaluation fixture (or `names`) as <name>.docx + <name>.json; return the .docx paths."""
    return write_docs(out_dir, all_forms(), names)
