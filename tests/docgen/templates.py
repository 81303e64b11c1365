"""Published templates of other issuers, drawn as a unit fills them in Word or WPS.

Each template is written from its published blank form (source noted on each function): the
layout, labels, merges and qualifiers are the form's own; the filled-in content is invented.
The expected JSON is written from the same content the drawing uses, following the contract
(docs/contract/extraction.schema.json, v4: kind targets, evaluation and result null), never from what the extractor returns.
`write_templates(out_dir)` writes <name>.docx + <name>.json for each.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.docgen import ooxml as ox

W = 9000  # table width in twips, split evenly over the grid columns


@dataclass
class Doc:
    """A template filled in: body blocks in order and the JSON it must extract to."""

    name: str
    blocks: list[str] = field(default_factory=list)
    expected: dict[str, Any] = field(default_factory=dict)
    wps: bool = False

    def para(self, text: str, jc: str = "left") -> None:
        self.blocks.append(ox.p(ox.r(text, ox.RPR_BODY), ox.jc_ppr(jc)))

    def table(self, ncols: int, rows: list[list[tuple[str, int, str | None]]]) -> None:
        width = W // ncols
        self.blocks.append(ox.tbl([width] * ncols, [
            ox.tr(ox.tc([ox.p(ox.r(text))] if text else [], width * span, span, vm) for text, span, vm in row)
            for row in rows
        ]))

    def page_break(self) -> None:
        self.blocks.append(ox.page_break_p())


def c(text: str = "", span: int = 1) -> tuple[str, int, str | None]:
    """A plain cell."""
    return (text, span, None)


def top(text: str, span: int = 1) -> tuple[str, int, str | None]:
    """The first cell of a vertical merge."""
    return (text, span, "restart")


def cont(span: int = 1) -> tuple[str, int, str | None]:
    """A cell continuing the vertical merge above."""
    return ("", span, "continue")


def ind(level1: str | None, level2: str | None, name: str | None, raw: str | None, op: str | None,
        value: float | None, unit: str | None, horizon: str = "annual", description: str | None = None,
        basis: str | None = None) -> dict[str, Any]:
    """One expected indicator row."""
    return {"level1": level1, "level2": level2, "name": name, "description": description, "target_raw": raw,
            "op": op, "value": value, "unit": unit, "basis": basis, "horizon": horizon,
            "result": None}


def project(name: str | None, total: float | None, fiscal: float | None, other: float | None, *,
            code: str | None = None, purpose: str | None = None, goals: list[str] | None = None,
            long_goals: list[str] | None = None, indicators: list[dict[str, Any]] | None = None,
            extra: dict[str, str] | None = None) -> dict[str, Any]:
    """One expected project (seq 1)."""
    return {"seq": 1, "code": code, "name": name, "budget_total": total, "budget_fiscal": fiscal,
            "budget_other": other, "purpose": purpose, "spending_plan": [], "goals": goals or [],
            "long_term_goals": long_goals or [], "indicators": indicators or [], "extra": extra or {},
            "evaluation": None}


def submission(doc: Doc, year: int, unit: tuple[str | None, str | None], projects: list[dict[str, Any]],
               department: dict[str, Any] | None = None) -> None:
    if department is not None:
        department.setdefault("evaluation", None)
    doc.expected = {"file": f"{doc.name}.docx", "sha256": None, "kind": "targets", "fiscal_year": year,
                    "unit": {"code": unit[0], "name": unit[1]}, "department_goals": department,
                    "projects": projects, "warnings": []}


Drawer = Callable[[], Doc]


def registry(into: dict[str, Drawer]) -> Callable[[Drawer], Drawer]:
    """Return a decorator that registers a drawing function in `into` under its own name."""

    def register(fn: Drawer) -> Drawer:
        into[fn.__name__] = fn
        return fn

    return register


TEMPLATES: dict[str, Drawer] = {}
template = registry(TEMPLATES)


def _indicator_rows(rows: list[dict[str, Any]], cols: list[str]) -> list[list[tuple[str, int, str | None]]]:
    """Draw indicator rows, 一级 (and 二级) merged down over their group as Word does."""
    out = []
    for i, row in enumerate(rows):
        drawn = []
        for col in cols:
            text = row.get(col) or ""
            if col in ("level1", "level2"):
                prev = rows[i - 1] if i else None
                same_group = prev is not None and prev.get(col) == row.get(col) and (
                    col == "level1" or prev.get("level1") == row.get("level1"))
                nxt = rows[i + 1] if i + 1 < len(rows) else None
                starts = nxt is not None and nxt.get(col) == row.get(col) and (
                    col == "level1" or nxt.get("level1") == row.get("level1"))
                drawn.append(cont() if same_group else top(text) if starts else c(text))
            else:
                drawn.append(c(text))
        out.append(drawn)
    return out


# ---------------------------------------------------------------------------------------------
@template
def tpl_ningxiang_county() -> Doc:
    """County 项目绩效目标表: one-cell 资金总额及构成 with parts, 长期目标 | 年度目标 side by side,
    长期 and 年度 indicator tables of 一级 | 二级 | 指标内容 | 指标值 | 备注 (no 三级: 指标内容 is the
    name), 主管部门编码, 填报单位（盖章）.
    Source: 宁乡市坝塘镇 项目绩效目标表（2021年度）, https://renrendoc.com/paper/307484460.html"""
    d = Doc("tpl_ningxiang_county")
    unit_name = "宁乡市坝塘镇人民政府"
    d.para("项目绩效目标表（2021年度）", "center")
    d.para(f"填报单位（盖章）：{unit_name}")
    extra = {"项目属性": "新增项目□ 延续项目√", "主管部门": "坝塘镇", "主管部门编码": "430182",
             "项目单位": "坝塘镇", "项目负责人": "张某某", "联系电话": "0731-87000000",
             "项目起止时间": "2021年1月至2021年12月",
             "项目立项的依据": "县发改局立项批复", "项目申报的可行性": "已完成可行性评估",
             "项目申报的必要性": "改善镇域内基础设施，振兴乡村"}
    money = ("总额：560万元\n一、财政拨款：420万元（其中：上级财政资金：300万元；本级财政：120万元）\n"
             "二、自有资金：0万元\n三、其他：140万元")
    long_goal, annual = "改善镇域内基础设施，振兴乡村经济。", ["完成集镇立面改造2.5公里", "完成机关、学校维修改造3处"]
    d.table(4, [
        [c("项目名称"), c("镇域内基础设施建设", 3)],
        [c("项目属性"), c(extra["项目属性"]), c("主管部门"), c(extra["主管部门"])],
        [c("主管部门编码"), c(extra["主管部门编码"]), c("项目单位"), c(extra["项目单位"])],
        [c("项目负责人"), c(extra["项目负责人"]), c("联系电话"), c(extra["联系电话"])],
        [c("项目起止时间"), c(extra["项目起止时间"], 3)],
        [c("资金总额及构成"), c(money, 3)],
        [c("项目概况"), c("镇域内水利、道路、机关、学校等基础设施建设", 3)],
        [top("项目立项情况"), c("项目立项的依据"), c(extra["项目立项的依据"], 2)],
        [cont(), c("项目申报的可行性"), c(extra["项目申报的可行性"], 2)],
        [cont(), c("项目申报的必要性"), c(extra["项目申报的必要性"], 2)],
        [top("项目绩效目标"), c("长期目标"), c("年度目标", 2)],
        [cont(), c(long_goal), c(f"1.{annual[0]}；\n2.{annual[1]}。", 2)],
    ])
    cols = ["level1", "level2", "name", "raw", "remark"]
    long_rows = [
        {"level1": "产出指标", "level2": "数量指标", "name": "集镇立面改造长度", "raw": "≥8公里"},
        {"level1": "产出指标", "level2": "质量指标", "name": "工程验收合格率", "raw": "100%"},
        {"level1": "效益指标", "level2": "社会效益指标", "name": "群众出行条件", "raw": "明显改善"},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "群众满意度", "raw": "≥90%"},
    ]
    year_rows = [
        {"level1": "产出指标", "level2": "数量指标", "name": "集镇立面改造长度", "raw": "2.5公里"},
        {"level1": "产出指标", "level2": "数量指标", "name": "维修改造机关学校", "raw": "3处"},
        {"level1": "产出指标", "level2": "时效指标", "name": "完工时间", "raw": "2021年12月底前"},
        {"level1": "产出指标", "level2": "成本指标", "name": "立面改造单价", "raw": "≤120万元/公里",
         "remark": "按实结算"},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "群众满意度", "raw": "≥90%"},
    ]
    head = [c("一级指标"), c("二级指标"), c("指标内容"), c("指标值"), c("备注")]
    d.table(5, [[c("长期绩效指标", 5)], head, *_indicator_rows(long_rows, cols)])
    d.table(5, [[c("年度绩效指标", 5)], head, *_indicator_rows(year_rows, cols)])
    parsed = {"≥8公里": (">=", 8.0, "公里"), "100%": ("=", 100.0, "%"), "明显改善": (None, None, None),
              "≥90%": (">=", 90.0, "%"), "2.5公里": ("=", 2.5, "公里"), "3处": ("=", 3.0, "处"),
              "2021年12月底前": (None, None, None), "≤120万元/公里": ("<=", 120.0, "万元/公里")}
    indicators = [ind(r["level1"], r["level2"], r["name"], r["raw"], *parsed[r["raw"]], horizon=h)
                  for h, rows in (("long_term", long_rows), ("annual", year_rows)) for r in rows]
    submission(d, 2021, (None, unit_name), [project(
        "镇域内基础设施建设", 5600000.0, 4200000.0, 1400000.0,
        purpose="镇域内水利、道路、机关、学校等基础设施建设", goals=annual,
        long_goals=["改善镇域内基础设施，振兴乡村经济"], indicators=indicators,
        extra={**extra, "上级财政资金": "300万元", "本级财政": "120万元"})])  # 财政拨款's breakdown, kept
    return d


# ---------------------------------------------------------------------------------------------
@template
def tpl_jiaxian_excel() -> Doc:
    """County 财政支出项目绩效目标申报表 made in Excel and pasted into WPS: 万元 only in the merged
    label 项目资金申请（万元）, amounts with thousands separators, money in five source lines
    (财政拨款 fiscal; 自有资金 / 事业收入 / 经营性收入 / 其他 other), 一级 written on every row.
    Source: 佳县财政支出项目绩效目标申报表, https://docx.baby/p/20793843881926.html"""
    d = Doc("tpl_jiaxian_excel", wps=True)
    unit_name = "佳县农业农村局"
    d.para("2023年度佳县财政支出项目绩效目标申报表", "center")
    d.para(f"填报单位（盖章）：{unit_name}")
    extra = {"项目属性": "延续项目", "主管部门": "佳县农业农村局", "项目实施单位": "佳县农业技术推广中心",
             "单位职能概述": "负责全县农业技术推广与培训"}
    d.table(4, [
        [c("项目名称"), c("高标准农田建设", 3)],
        [c("项目属性"), c(extra["项目属性"]), c("主管部门"), c(extra["主管部门"])],
        [c("项目实施单位"), c(extra["项目实施单位"], 3)],
        [top("项目资金申请（万元）"), c("资金总额"), c("1,200.00", 2)],
        [cont(), c("财政拨款"), c("1,000.00", 2)],
        [cont(), c("自有资金"), c("150.00", 2)],
        [cont(), c("事业收入"), c("50.00", 2)],
        [cont(), c("经营性收入"), c("0.00", 2)],
        [cont(), c("其他"), c("", 2)],
        [c("单位职能概述"), c(extra["单位职能概述"], 3)],
        [top("项目绩效目标"), c("长期目标"), c("建成高标准农田5万亩", 2)],
        [cont(), c("年度目标"), c("建成高标准农田1万亩；\n带动农户增收。", 2)],
    ])
    rows = [
        ("产出指标", "数量指标", "新建高标准农田面积", "1万亩", ("=", 1.0, "万亩")),
        ("产出指标", "质量指标", "工程验收合格率", "100%", ("=", 100.0, "%")),
        ("效益指标", "经济效益指标", "亩均增收", "≥200元", (">=", 200.0, "元")),
        ("满意度指标", "服务对象满意度指标", "受益农户满意度", "≥95%", (">=", 95.0, "%")),
    ]
    d.table(5, [[c("年度绩效指标", 5)],
                [c("一级指标"), c("二级指标"), c("指标内容"), c("指标值"), c("备注")],
                *[[c(a), c(b), c(n), c(v), c()] for a, b, n, v, _ in rows]])
    submission(d, 2023, (None, unit_name), [project(
        "高标准农田建设", 12000000.0, 10000000.0, 2000000.0,
        goals=["建成高标准农田1万亩", "带动农户增收"], long_goals=["建成高标准农田5万亩"],
        indicators=[ind(a, b, n, v, *p) for a, b, n, v, p in rows], extra=extra)])
    return d


# ---------------------------------------------------------------------------------------------
@template
def tpl_guangshui_department() -> Doc:
    """City 部门整体支出绩效目标申报表: no project; 部门（单位）名称, 年度预算安排（万元） lines,
    部门职能概述, 年度主要任务 rows (任务名称 | 主要内容), 年度总体目标, and a department indicator
    table one level off the national scheme (its 一级指标 column holds 数量指标 / 质量指标 …).
    Source: 广水市人民政府办公室 部门整体支出绩效目标申报表（附件2）,
    https://pdf.chddh.cn/archives/m536dx2vr743xlkg7098.html"""
    d = Doc("tpl_guangshui_department")
    unit_name = "广水市人民政府办公室"
    d.para("附件2：")
    d.para("部门整体支出绩效目标申报表", "center")
    d.para("（2021年度）", "center")
    tasks = [("公文运转与督查督办", "保障市政府公文运转，督办重点工作落实"),
             ("政务值班", "全年24小时值班，及时报送紧急信息")]
    overall = "保障市政府机关高效运转，提升政务服务水平。"
    duties = "（一）负责全市人民防空工作。\n（二）负责起草《政府工作报告》。"
    d.table(4, [
        [c("部门（单位）名称"), c(unit_name), c("填报人"), c("王某")],
        [c("联系电话"), c("0722-6000000", 3)],
        [top("年度预算安排（万元）"), c("资金总额"), c("968.19", 2)],
        [cont(), c("其中：财政拨款"), c("900.00", 2)],
        [cont(), c("其他资金"), c("68.19", 2)],
        [c("部门职能概述"), c(duties, 3)],
        [top("年度主要任务"), c("任务名称"), c("主要内容", 2)],
        *[[cont(), c(t), c(g, 2)] for t, g in tasks],
        [c("年度总体目标"), c(overall, 3)],
    ])
    rows = [("数量指标", "办理公文件数", "≥3000件", (">=", 3000.0, "件")),
            ("质量指标", "公文办理差错率", "≤1%", ("<=", 1.0, "%")),
            ("时效指标", "紧急信息报送时限", "30分钟内", ("<=", 30.0, "分钟")),
            ("满意度指标", "服务对象满意度", "≥90%", (">=", 90.0, "%"))]
    d.table(3, [[c("部门整体支出绩效指标", 3)], [c("一级指标"), c("二级指标"), c("指标值")],
                *[[c(a), c(n), c(v)] for a, n, v, _ in rows]])
    department = {
        "overall": overall,
        "items": [{"seq": i, "title": t, "goal": g, "indicator": None} for i, (t, g) in enumerate(tasks, 1)],
        "measures": [],
        "indicators": [ind(None, a, n, v, *p) for a, n, v, p in rows],
        "extra": {"填报人": "王某", "联系电话": "0722-6000000", "资金总额": "968.19", "财政拨款": "900.00",
                  "其他资金": "68.19", "部门职能概述": duties},
    }
    submission(d, 2021, (None, unit_name), [], department)
    return d


# ---------------------------------------------------------------------------------------------
@template
def tpl_national_midterm() -> Doc:
    """National 项目支出绩效目标申报表: 主管部门及代码 as [code]name, 中期资金总额 | 年度资金总额 side
    by side (the year's money is the budget; 中期 goes to extra), 中期目标（…）| 年度目标, and one
    indicator table with 中期 and 年度 二级 | 三级 | 指标值 side by side in each row.
    Source: 财政部《中央部门预算绩效目标管理办法》（财预〔2015〕88号）附件 项目支出绩效目标申报表;
    its county copies as found by search, e.g. 绩效目标申报表（参考模板）附2-1 (renrendoc)."""
    d = Doc("tpl_national_midterm")
    d.para("项目支出绩效目标申报表", "center")
    d.para("（2023年度）", "center")
    dept = "[021001]武汉市城市管理执法委员会"
    extra = {"主管部门及代码": dept, "实施单位": "武汉市城市管理执法委员会", "项目属性": "延续项目",
             "项目期": "3年", "中期资金总额": "900", "中期财政拨款": "800", "中期其他资金": "100"}
    long_goals, annual = ["建成全市统一的执法信息平台", "执法人员培训全覆盖"], ["完成平台二期建设", "培训执法人员1000人次"]
    d.table(8, [
        [c("项目名称", 2), c("城市管理执法能力提升", 6)],
        [c("主管部门及代码", 2), c(dept, 2), c("实施单位", 2), c(extra["实施单位"], 2)],
        [c("项目属性", 2), c("延续项目", 2), c("项目期", 2), c("3年", 2)],
        [top("项目资金（万元）", 2), c("中期资金总额", 2), c("900"), c("年度资金总额", 2), c("300")],
        [cont(2), c("其中：财政拨款", 2), c("800"), c("其中：财政拨款", 2), c("260")],
        [cont(2), c("其他资金", 2), c("100"), c("其他资金", 2), c("40")],
        [top("总体目标", 2), c("中期目标（2023年—2025年）", 3), c("年度目标", 3)],
        [cont(2), c(f"目标1：{long_goals[0]}；\n目标2：{long_goals[1]}。", 3),
         c(f"目标1：{annual[0]}；\n目标2：{annual[1]}。", 3)],
    ])
    rows = [  # 一级, (中期 二级, 三级, 指标值, parsed), (年度 …) or None
        ("产出指标", ("数量指标", "培训执法人员", "≥3000人次", (">=", 3000.0, "人次")),
         ("数量指标", "培训执法人员", "≥1000人次", (">=", 1000.0, "人次"))),
        ("产出指标", ("质量指标", "案件按期办结率", "≥95%", (">=", 95.0, "%")),
         ("质量指标", "案件按期办结率", "办结率达到95%", ("=", 95.0, "%"))),
        ("效益指标", ("社会效益指标", "市容环境", "持续改善", (None, None, None)), None),
        ("满意度指标", ("服务对象满意度指标", "市民满意度", "≥85%", (">=", 85.0, "%")),
         ("服务对象满意度指标", "市民满意度", "≥85%", (">=", 85.0, "%"))),
    ]
    drawn, expected = [], []
    for i, (l1, mid, year) in enumerate(rows):
        first = i == 0 or rows[i - 1][0] != l1
        last = i + 1 == len(rows) or rows[i + 1][0] != l1
        l1_cell = c(l1) if first and last else top(l1) if first else cont()
        side = [cont()]
        right = [c(year[0]), c(year[1]), c(year[2])] if year else [c(), c(), c()]
        drawn.append([*side, l1_cell, c(mid[0]), c(mid[1]), c(mid[2]), *right])
        expected.append(ind(l1, mid[0], mid[1], mid[2], *mid[3], horizon="long_term"))
        if year:
            expected.append(ind(l1, year[0], year[1], year[2], *year[3]))
    d.table(8, [
        [top("绩效指标"), top("一级指标"), c("中期指标", 3), c("年度指标", 3)],
        [cont(), cont(), c("二级指标"), c("三级指标"), c("指标值"), c("二级指标"), c("三级指标"), c("指标值")],
        *drawn,
    ])
    submission(d, 2023, ("021001", "武汉市城市管理执法委员会"), [project(
        "城市管理执法能力提升", 3000000.0, 2600000.0, 400000.0, goals=annual, long_goals=long_goals,
        indicators=expected, extra=extra)])
    return d


# ---------------------------------------------------------------------------------------------
@template
def tpl_mof_core_indicators() -> Doc:
    """核心绩效指标表 columns: 指标性质 (≥ ≤ = 定性) and 度量单位 apart from 指标值, 分值, 指标解释,
    指标值设定依据及数据来源, 评（扣）分标准; header labels with qualifiers (年度资金总额（万元）,
    项目概况（150字内））.
    Source: 财政部《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》（财预〔2021〕101号）
    附件2 中央部门本级项目支出核心绩效指标表模板, http://lsrwf.cn/news/708af42006d811ec81694b356a0c000d"""
    d = Doc("tpl_mof_core_indicators")
    d.para("2024年项目支出绩效目标表", "center")
    d.para("单位名称：[145001]国家某某信息中心")
    purpose = "运维国家数据共享交换平台，保障平台全年稳定运行"
    d.table(4, [
        [c("项目名称"), c("数据共享交换平台运维", 3)],
        [c("主管部门"), c("国家某某委员会"), c("实施单位"), c("国家某某信息中心")],
        [c("年度资金总额（万元）"), c("1,250.5"), c("其中：财政拨款"), c("1,250.5")],
        [c("其他资金"), c("0"), c("项目期"), c("1年")],
        [c("项目概况（150字内）"), c(purpose, 3)],
        [c("年度目标"), c("1.平台可用率不低于99.9%；\n2.完成接入部门20个。", 3)],
    ])
    head = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "分值", "指标解释",
            "指标值设定依据及数据来源", "评（扣）分标准"]
    rows = [  # 一级, 二级, 三级, 性质, 值, 单位, 分值, 解释, 依据, expected (op, value, unit)
        ("产出指标", "数量指标", "新接入部门数", "≥", "20", "个", "20", "年内新接入平台的部门数", "年度工作计划",
         (">=", 20.0, "个")),
        ("产出指标", "质量指标", "平台可用率", "≥", "99.9", "%", "20", "全年可用时长/全年时长", "运维合同",
         (">=", 99.9, "%")),
        ("产出指标", "成本指标", "运维成本", "≤", "1250.5", "万元", "10", "全年运维支出", "预算批复",
         ("<=", 12505000.0, "元")),  # money targets in yuan
        ("效益指标", "社会效益指标", "数据共享服务水平", "定性", "明显提升", "", "30", "共享调用情况", "历史数据",
         (None, None, None)),
        ("满意度指标", "服务对象满意度指标", "接入部门满意度", "≥", "90", "%", "20", "问卷调查", "往年调查",
         (">=", 90.0, "%")),
    ]
    score_rule = "完成得满分，未完成按比例扣分"
    d.table(len(head), [[c(h) for h in head],
                        *[[c(x) for x in r[:9]] + [c(score_rule)] for r in rows]])
    indicators = [ind(r[0], r[1], r[2], r[4], *r[9], description=r[7], basis=r[8]) for r in rows]
    submission(d, 2024, ("145001", "国家某某信息中心"), [project(
        "数据共享交换平台运维", 12505000.0, 12505000.0, 0.0, purpose=purpose,
        goals=["平台可用率不低于99.9%", "完成接入部门20个"], indicators=indicators,
        extra={"主管部门": "国家某某委员会", "实施单位": "国家某某信息中心", "项目期": "1年"})])
    return d


# ---------------------------------------------------------------------------------------------
@template
def tpl_daqing_city() -> Doc:
    """City 部门预算项目支出绩效目标申报表: 编制单位（盖章）, money as a grid (资金来源（万元） rows ×
    上年度预算安排 | 上年度实际执行 | 本年度申请金额: the budget is this year's column, 政府性基金拨款
    is fiscal, 上年结转 other), an indicator header in two rows (指标名称 over 二级指标 | 三级指标)
    with 上年度实际水平 beside 本年度计划水平 (the target), 指标内容/计算公式 as the description.
    Source: 大庆市部门预算项目支出绩效目标申报表（附1）, https://m.zixin.com.cn/doc/3995614.html"""
    d = Doc("tpl_daqing_city", wps=True)
    unit_name = "大庆市文化广电和旅游局"
    d.para("大庆市部门预算项目支出绩效目标申报表", "center")
    d.para("（2022年度）", "center")
    d.para(f"编制单位（盖章）：{unit_name}")
    reason = "落实全民健身实施计划，丰富群众文体生活"
    d.table(5, [
        [c("项目名称"), c("全民健身活动", 2), c("项目负责人"), c("李某")],
        [c("项目属性"), c("新增项目☑ 延续项目□", 2), c("联系电话"), c("0459-6000000")],
        [c("项目计划实施时间"), c("2022年1月1日至2022年12月31日", 4)],
        [c("项目申请原因（包括设立依据、可行性及必要性）"), c(reason, 4)],
        [top("资金来源（万元）"), c("项目"), c("上年度预算安排"), c("上年度实际执行"), c("本年度申请金额")],
        [cont(), c("合计"), c("80"), c("78"), c("100")],
        [cont(), c("财政拨款"), c("80"), c("78"), c("85")],
        [cont(), c("政府性基金拨款"), c("——"), c("——"), c("5")],
        [cont(), c("其他资金"), c("——"), c("——"), c("6")],
        [cont(), c("上年结转"), c("——"), c("——"), c("4")],
        [top("绩效目标情况"), c("预期目标"), c("举办全民健身活动25场，参与群众2万人次。", 3)],
    ])
    rows = [("数量指标", "举办全民健身活动场次", "20场", "25场", ("=", 25.0, "场"), "全年举办场次"),
            ("数量指标", "参与群众人次", "1.8万人次", "≥2万人次", (">=", 2.0, "万人次"), "各场次参与人数之和"),
            ("效益指标", "群众健身意识", "—", "逐步提高", (None, None, None), "问卷调查")]
    d.table(6, [
        [top("绩效指标"), c("指标名称", 2), top("上年度实际水平"), top("本年度计划水平"), top("指标内容/计算公式")],
        [cont(), c("二级指标"), c("三级指标"), cont(), cont(), cont()],
        *[[cont(), c(a), c(n), c(prev), c(v), c(desc)] for a, n, prev, v, _, desc in rows],
    ])
    indicators = [ind(None, a, n, v, *p, description=desc) for a, n, _, v, p, desc in rows]
    submission(d, 2022, (None, unit_name), [project(
        "全民健身活动", 1000000.0, 900000.0, 100000.0, goals=["举办全民健身活动25场，参与群众2万人次"],
        indicators=indicators,
        extra={"项目负责人": "李某", "项目属性": "新增项目☑ 延续项目□", "联系电话": "0459-6000000",
               "项目计划实施时间": "2022年1月1日至2022年12月31日", "项目申请原因": reason,
               "合计（上年度预算安排）": "80", "合计（上年度实际执行）": "78",
               "财政拨款（上年度预算安排）": "80", "财政拨款（上年度实际执行）": "78"})])
    return d


# ---------------------------------------------------------------------------------------------
@template
def tpl_city_annual() -> Doc:
    """City 项目支出绩效目标申报表（ 年度）: 项目预算（万元） with 资金总额 | 其中：市财政资金 | 其他资金,
    总目标 | 本年度目标, two indicator tables titled 总目标绩效指标 / 本年度绩效指标 whose 一级 cells are
    long category texts and 二级 left blank, and the sign-off table (审核意见) closing the form.
    The form's 项目实施进度计划 rows are not drawn.
    Source: 项目支出绩效目标申报表（ 年度）with 市财政局审核意见, a city finance bureau's form listed on
    renrendoc (项目绩效目标申报表模板 合集; the search tool gave its text, not its address)."""
    d = Doc("tpl_city_annual")
    d.para("项目支出绩效目标申报表", "center")
    d.para("（2022年度）", "center")
    d.para("填报单位：某市园林绿化局")
    d.table(4, [
        [c("项目名称"), c("城区绿化养护", 3)],
        [c("项目属性"), c("延续项目"), c("主管部门"), c("某市园林绿化局")],
        [c("项目负责人"), c("赵某"), c("联系电话"), c("0531-8000000")],
        [c("项目起止时间"), c("2022年1月至2024年12月", 3)],
        [top("项目预算（万元）"), c("资金总额"), c("350", 2)],
        [cont(), c("其中：市财政资金"), c("300", 2)],
        [cont(), c("其他资金"), c("50", 2)],
        [top("项目绩效目标描述"), c("总目标"), c("城区绿地养护全覆盖，绿化水平稳步提升。", 2)],
        [cont(), c("本年度目标"), c("养护城区绿地120万平方米；\n补植苗木5000株。", 2)],
    ])
    cat_out, cat_eff, cat_sat = ("产出(工作量)指标（数量、质量、成本方面的指标）", "效益指标（经济效益、社会效益、环境效益、可持续影响等方面指标）",
                                 "满意度指标")
    long_rows = [(cat_out, "养护绿地面积", "≥360万平方米", (">=", 360.0, "万平方米")),
                 (cat_sat, "市民满意度", "≥90%", (">=", 90.0, "%"))]
    year_rows = [(cat_out, "养护绿地面积", "120万平方米", ("=", 120.0, "万平方米")),
                 (cat_out, "补植苗木", "5000株", ("=", 5000.0, "株")),
                 (cat_eff, "苗木成活率", "≥95%", (">=", 95.0, "%")),
                 (cat_sat, "市民满意度", "≥90%", (">=", 90.0, "%"))]
    head = [c("一级指标"), c("二级指标"), c("指标内容"), c("指标值"), c("备注")]
    for title, rows in (("总目标绩效指标", long_rows), ("本年度绩效指标", year_rows)):
        drawn = []
        for i, (cat, name, value, _) in enumerate(rows):
            first = i == 0 or rows[i - 1][0] != cat
            last = i + 1 == len(rows) or rows[i + 1][0] != cat
            drawn.append([c(cat) if first and last else top(cat) if first else cont(), c(), c(name), c(value), c()])
        d.table(5, [[c(title, 5)], head, *drawn])
    d.table(4, [[c("主管部门审核意见"), c("", 3)], [c("审核人："), c(""), c("日期："), c("")],
                [c("市财政局审核意见"), c("", 3)]])
    indicators = [ind(cat, None, n, v, *p, horizon=h) for h, rows in (("long_term", long_rows), ("annual", year_rows))
                  for cat, n, v, p in rows]
    submission(d, 2022, (None, "某市园林绿化局"), [project(
        "城区绿化养护", 3500000.0, 3000000.0, 500000.0, goals=["养护城区绿地120万平方米", "补植苗木5000株"],
        long_goals=["城区绿地养护全覆盖，绿化水平稳步提升"], indicators=indicators,
        extra={"项目属性": "延续项目", "主管部门": "某市园林绿化局", "项目负责人": "赵某", "联系电话": "0531-8000000",
               "项目起止时间": "2022年1月至2024年12月"})])
    return d


# Who published each template: six issuers (the Ministry of Finance twice).
ISSUERS = {
    "tpl_ningxiang_county": "宁乡市坝塘镇人民政府（湖南）",
    "tpl_jiaxian_excel": "佳县财政局（陕西）",
    "tpl_guangshui_department": "广水市（湖北）",
    "tpl_national_midterm": "财政部",
    "tpl_mof_core_indicators": "财政部",
    "tpl_daqing_city": "大庆市（黑龙江）",
    "tpl_city_annual": "某市财政局（发布者未具名）",
}


def write_docs(out_dir: Path, drawers: dict[str, Callable[[], Doc]], names: list[str] | None = None) -> list[Path]:
    """Write each drawn fixture (or `names`) as <name>.docx + <name>.json; return the .docx paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names or list(drawers):
        doc = drawers[name]()
        data = ox.package(ox.document_xml("".join(doc.blocks), wps=doc.wps))
        path = out_dir / f"{name}.docx"
        path.write_bytes(data)
        doc.expected["sha256"] = hashlib.sha256(data).hexdigest()
        (out_dir / f"{name}.json").write_text(json.dumps(doc.expected, ensure_ascii=False, indent=1), encoding="utf-8")
        paths.append(path)
    return paths


def write_templates(out_dir: Path, names: list[str] | None = None) -> list[Path]:
    """Write every template fixture (or `names`) as <name>.docx + <name>.json; return the .docx paths."""
    return write_docs(out_dir, TEMPLATES, names)
