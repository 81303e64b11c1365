"""The county report as Word (绩效目标审核情况报告): sections, tables and charts from ReportData.

Nothing here computes a figure: every number comes from reports/report_data.py (SQL over the
marts); this module only words it, lays out the tables and places the charts.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from reports import report_charts as charts
from reports.report_data import ReportData
from reports.report_selfeval import selfeval_chapter
from reports.word_style import (
    Column,
    caption,
    chinese_date,
    new_document,
    num,
    page_number_footer,
    paragraph,
    pct,
    set_page,
    table,
)

# Short Chinese names of the review rules for tables and chart labels (dim_review_rule holds the
# full description of what each checks).
RULE_TITLES = {
    "project_code_format": "项目编码格式不符",
    "project_code_duplicate": "项目编码重复",
    "unit_code_format": "单位编码格式不符",
    "budget_missing": "未填预算数",
    "budget_components_sum": "预算数与资金来源不符",
    "spend_plan_valid": "支出计划不合规",
    "spend_plan_below_pace": "支出计划低于序时进度",
    "spend_plan_missing": "未填支出计划",
    "missing_indicator_table": "缺少绩效指标表",
    "too_few_indicators": "绩效指标过少",
    "required_level1_present": "缺少必备一级指标",
    "level2_in_taxonomy": "二级指标归类错误",
    "vague_target": "指标值表述模糊",
    "percent_out_of_range": "百分比超出范围",
    "cost_vs_budget": "成本指标与预算不符",
    "timeliness_outside_year": "时效指标不在预算年度",
    "duplicate_indicator": "指标重复",
    "repeated_indicator_name": "指标名称重复",
    "boilerplate_across_units": "多个单位文字雷同",
    "placeholder_value": "指标值为占位符",
    "target_missing": "未填指标值",
    "satisfaction_below_floor": "满意度目标偏低",
    "cost_indicator_missing": "缺少成本指标",
    "target_open_ended": "指标值只写“长期”“持续”",
    "spend_plan_front_loaded": "经常性支出一季度用完",
    "per_person_cost_low": "人均经费过低",
    "benefit_kind_mismatch": "效益类别与项目不符",
    "department_part_missing": "缺少部门整体目标",
}
SEVERITY_TITLES = {"error": "错误", "warning": "警告", "info": "提示"}
CHART_ROWS = 15  # bars per chart: the rest are in the tables
SECTION_NUMBERS = ("一", "二", "三", "四", "五", "六")


def rule_title(rule_id: str) -> str:
    """Return a rule's short Chinese name (its id when it has none)."""
    return RULE_TITLES.get(rule_id, rule_id)


def _department(row: dict[str, Any]) -> str:
    return row.get("department_name") or f"部门{row['department_code']}"


def _county(row: dict[str, Any]) -> str:
    return row.get("county_name") or f"区划{row['division_code']}"


def _rows(df: pl.DataFrame | None) -> list[dict[str, Any]]:
    return [] if df is None else df.to_dicts()


def _chart(doc: Any, png: bytes, title: str, counter: list[int]) -> None:
    counter[0] += 1
    doc.add_picture(io.BytesIO(png), width=Cm(16))
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.paragraphs[-1].paragraph_format.keep_with_next = True  # the caption stays under its chart
    caption(doc, f"图{counter[0]}  {title}")


def write_report(data: ReportData, out: Path, *, issued: date | None = None, issuer: str = "") -> Path:
    """Write the report of `data` to `out` (.docx) and return the path."""
    issued = issued or date.today()
    doc = new_document()
    place = data.county_name or ""
    doc.add_paragraph(f"{place}{data.year}年度预算绩效目标审核情况报告", style="Title")
    paragraph(doc, f"{issuer}　{chinese_date(issued)}".strip(), indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    figures = [0]
    _basics(doc, data, figures)
    _quality(doc, data, figures)
    _findings(doc, data, figures)
    _year_over_year(doc, data, figures)
    if data.selfeval is not None:  # a chapter of its own once self-evaluations are loaded
        selfeval_chapter(doc, data.selfeval, figures, _chart)
    _next_steps(doc, data, "六" if data.selfeval is not None else "五")
    _appendix(doc, data)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    doc.save(str(tmp))
    tmp.replace(out)  # a half-written report never carries the final name
    return out


def _basics(doc: Any, d: ReportData, figures: list[int]) -> None:
    o, f, sub = d.overview, d.fund_sources, d.submissions
    doc.add_heading("一、基本情况", level=1)
    text = (
        f"{d.year}年度共有{o['units']}个预算单位报送绩效目标，涉及项目{o['projects']}个、"
        f"绩效指标{o['indicators']}条，预算总额{num(o['budget_total_wan'])}万元，其中财政资金"
        f"{num(f.get('fiscal_wan'))}万元、其他资金{num(f.get('other_wan'))}万元。"
    )
    if f.get("unexplained_wan"):
        text += f"各项目预算数与财政资金、其他资金之和相差{num(f['unexplained_wan'])}万元，需核实。"
    if f.get("projects_without_budget"):
        text += f"有{f['projects_without_budget']}个项目未填写或无法识别预算数。"
    paragraph(doc, text)
    text = f"本年度有效报送{sub.get('current', 0)}份，其中{sub.get('resubmitted', 0)}份为修改后重新报送。"
    if sub.get("deadline") is not None:
        text += f"截至报送截止日{chinese_date(sub['deadline'])}，首次报送按时送达{sub.get('on_time', 0)}份。"
    rejected = _rows(d.rejections)
    if rejected:
        text += f"另有{len(rejected)}个文件无法读取，已退回报送单位（见表1）。"
    else:
        text += "没有因无法读取而退回的文件。"
    paragraph(doc, text)
    if rejected:
        caption(doc, "表1  退回的文件")
        table(doc, [
            Column("文件名", lambda r: str(r.get("file_name") or ""), 5.5),
            Column("单位编码", lambda r: str(r.get("unit_code") or "未识别"), 2.0),
            Column("退回原因", lambda r: str(r.get("reason") or ""), 8.1),
        ], rejected)
    if d.counties is not None:
        _counties(doc, d, figures)
    depts = _rows(d.departments)
    doc.add_heading("（一）按主管部门的预算分布", level=2)
    paragraph(doc, f"按主管部门汇总，预算最多的是{_department(depts[0])}，"
                   f"{num(depts[0]['budget_total_wan'])}万元，占{pct(depts[0]['share_pct'])}。")
    top = depts[:CHART_ROWS]
    _chart(doc, charts.budget_bars(
        [_department(r) for r in top], [r["budget_fiscal_wan"] or 0 for r in top],
        [r["budget_other_wan"] or 0 for r in top],
        "各主管部门预算数（万元）" if len(depts) <= CHART_ROWS else f"预算最多的{CHART_ROWS}个主管部门（万元）",
    ), "各主管部门预算数及资金来源", figures)
    caption(doc, "表2  各主管部门预算数（万元）")
    table(doc, [
        Column("主管部门", _department, 4.4),
        Column("单位数", lambda r: num(r["units"], 0), 1.4, right=True),
        Column("项目数", lambda r: num(r["projects"], 0), 1.4, right=True),
        Column("预算数", lambda r: num(r["budget_total_wan"]), 2.3, right=True),
        Column("财政资金", lambda r: num(r["budget_fiscal_wan"]), 2.3, right=True),
        Column("其他资金", lambda r: num(r["budget_other_wan"]), 2.3, right=True),
        Column("占比", lambda r: pct(r["share_pct"]), 1.5, right=True),
    ], depts)


def _counties(doc: Any, d: ReportData, figures: list[int]) -> None:
    rows = _rows(d.counties)
    doc.add_heading("（一）各县（区）对比", level=2)
    paragraph(doc, f"本次汇总{len(rows)}个县（区）的报送，各县（区）情况见下表和图。")
    table(doc, [
        Column("县（区）", _county, 3.2),
        Column("区划代码", lambda r: str(r["division_code"]), 1.8),
        Column("单位数", lambda r: num(r["units"], 0), 1.4, right=True),
        Column("项目数", lambda r: num(r["projects"], 0), 1.4, right=True),
        Column("预算数（万元）", lambda r: num(r["budget_total_wan"]), 2.6, right=True),
        Column("定量占比", lambda r: pct(r["quantified_pct"]), 1.8, right=True),
        Column("错误", lambda r: num(r["errors"], 0), 1.6, right=True),
        Column("警告", lambda r: num(r["warnings"], 0), 1.8, right=True),
    ], rows)
    _chart(doc, charts.budget_bars(
        [_county(r) for r in rows], [r["budget_total_wan"] or 0 for r in rows], [0] * len(rows),
        "各县（区）预算数（万元）"), "各县（区）预算数", figures)
    _chart(doc, charts.share_bars(
        [_county(r) for r in rows], [r["quantified_pct"] or 0 for r in rows],
        d.quality_total.get("quantified_pct"), "各县（区）定量指标占比", "全省（市）"),
        "各县（区）定量指标占比", figures)


# mart_unit_scorecard.quality_score in one sentence (the letters' workbooks say the same)
SCORE_MEANING = (
    "质量得分是一个单位报送的指标行、项目和文件整体中没有错误和警告的所占百分比"
    "（有错误之处按两处计），没有问题为100分。"
)


def _quality(doc: Any, d: ReportData, figures: list[int]) -> None:
    q = d.quality_total
    doc.add_heading("二、绩效目标质量", level=1)
    paragraph(doc, (
        f"全部{num(q.get('indicators'), 0)}条绩效指标中，定量指标{num(q.get('quantified'), 0)}条，"
        f"占{pct(q.get('quantified_pct'))}；表述模糊的{num(q.get('vague'), 0)}条，"
        f"占{pct(q.get('vague_pct'))}；同一项目内重复的指标{num(q.get('duplicates'), 0)}条。"
    ))
    missing = _rows(d.missing_level1)
    if missing:
        parts = "、".join(f"缺少{r['level1']}的{r['projects']}个" for r in missing)
        paragraph(doc, f"一级指标不全的项目：{parts}。")
    else:
        paragraph(doc, "所有项目的一级指标齐全。")
    depts = _rows(d.quality)
    scope = "全县" if d.counties is None else "全部"
    chart_rows = depts[:CHART_ROWS]
    _chart(doc, charts.share_bars(
        [_department(r) for r in chart_rows], [r["quantified_pct"] or 0 for r in chart_rows],
        q.get("quantified_pct"),
        "各主管部门定量指标占比" if len(depts) <= CHART_ROWS else f"定量指标占比最低的{CHART_ROWS}个主管部门",
        scope), f"各主管部门定量指标占比与{scope}对比", figures)
    caption(doc, "表3  各主管部门绩效指标质量")
    table(doc, [
        Column("主管部门", _department, 4.6),
        Column("指标数", lambda r: num(r["indicators"], 0), 1.8, right=True),
        Column("定量指标", lambda r: num(r["quantified"], 0), 1.9, right=True),
        Column("定量占比", lambda r: pct(r["quantified_pct"]), 2.0, right=True),
        Column("模糊表述", lambda r: num(r["vague"], 0), 1.9, right=True),
        Column("模糊占比", lambda r: pct(r["vague_pct"]), 2.0, right=True),
        Column("重复", lambda r: num(r["duplicates"], 0), 1.4, right=True),
    ], depts)
    scores = [r["quality_score"] for r in _rows(d.appendix) if r["quality_score"] is not None]
    paragraph(doc, SCORE_MEANING)
    _chart(doc, charts.score_histogram(scores, "各单位质量得分分布"), "各单位质量得分分布", figures)


def _findings(doc: Any, d: ReportData, figures: list[int]) -> None:
    sev = d.severities
    total = sum(sev.values())
    doc.add_heading("三、审核发现", level=1)
    parts = [f"错误{sev.get('error', 0)}条（须修改后重新报送）", f"警告{sev.get('warning', 0)}条（建议完善）"]
    parts += [f"{SEVERITY_TITLES.get(k, k)}{v}条" for k, v in sev.items() if k not in ("error", "warning")]
    paragraph(doc, f"按财政局审核规则逐份审核，共发现问题{total}条，其中" + "、".join(parts) + "。")
    rules = _rows(d.rules)
    if rules:
        top = rules[:CHART_ROWS]
        _chart(doc, charts.findings_bars(
            [rule_title(r["rule_id"]) for r in top], [r["errors"] for r in top],
            [r["warnings"] for r in top], "各审核规则发现的问题（条）"), "各审核规则发现的问题", figures)
        caption(doc, "表4  各审核规则的发现")
        table(doc, [
            Column("审核规则", lambda r: rule_title(r["rule_id"]), 4.7),
            Column("发现数", lambda r: num(r["findings"], 0), 1.7, right=True),
            Column("错误", lambda r: num(r["errors"], 0), 1.5, right=True),
            Column("警告", lambda r: num(r["warnings"], 0), 1.5, right=True),
            Column("涉及单位", lambda r: num(r["units_affected"], 0), 1.8, right=True),
            Column("涉及项目", lambda r: num(r["projects_affected"], 0), 1.8, right=True),
            Column("涉及单位占比", lambda r: pct(r["units_affected_pct"]), 2.5, right=True),
        ], rules)
    worst = _rows(d.worst_units)
    if worst:
        doc.add_heading("（一）问题最多的单位", level=2)
        caption(doc, "表5  错误最多的单位")
        table(doc, [
            Column("单位编码", lambda r: str(r["unit_code"]), 1.8),
            Column("单位名称", lambda r: str(r["unit_name"] or ""), 6.4),
            Column("项目数", lambda r: num(r["projects"], 0), 1.4, right=True),
            Column("错误", lambda r: num(r["errors"], 0), 1.4, right=True),
            Column("警告", lambda r: num(r["warnings"], 0), 1.4, right=True),
            Column("合计", lambda r: num(r["findings"], 0), 1.4, right=True),
            Column("质量得分", lambda r: num(r["quality_score"], 1), 1.8, right=True),
        ], worst)


def _year_over_year(doc: Any, d: ReportData, figures: list[int]) -> None:
    doc.add_heading("四、与上年对比", level=1)
    y = d.yoy
    if y is None:
        paragraph(doc, f"数据仓库中没有{d.year - 1}年度的报送，无法与上年对比。")
        return
    change = y["change_wan"] or 0
    direction = "增加" if change >= 0 else "减少"
    paragraph(doc, (
        f"与{d.year - 1}年度相比，预算总额由{num(y['prev_budget_wan'])}万元变为{num(y['budget_wan'])}万元，"
        f"{direction}{num(abs(change))}万元（{pct(y['change_pct'])}）；报送单位由{y['prev_units']}个变为"
        f"{y['units']}个，项目由{y['prev_projects']}个变为{y['projects']}个。"
    ))
    if d.yoy_units is not None:
        u = d.yoy_units
        paragraph(doc, f"新增项目{num(u.get('added'), 0)}个，不再安排的项目{num(u.get('dropped'), 0)}个，"
                       f"延续项目{num(u.get('continued'), 0)}个。")
    else:
        paragraph(doc, "项目新增、撤销和延续的数据暂不可用（数据仓库中尚无逐项目的年度对比）。")
    if d.target_changes is not None:
        lowered = _rows(d.target_changes)
        if lowered:
            paragraph(doc, f"延续项目中有{lowered[0]['lowered_total']}条指标的目标值比上年降低，"
                           f"应请单位说明理由（表6，最多列{len(lowered)}条）。")
            caption(doc, "表6  目标值降低的指标")
            table(doc, [
                Column("单位", lambda r: str(r.get("unit_name") or r["unit_code"]), 3.6),
                Column("项目", lambda r: str(r["project_name"] or ""), 4.0),
                Column("指标", lambda r: str(r["indicator_name"] or ""), 3.4),
                Column("上年", lambda r: str(r["prev_target_raw"] or ""), 2.3),
                Column("本年", lambda r: str(r["target_raw"] or ""), 2.3),
            ], lowered)
        else:
            paragraph(doc, "延续项目中没有目标值比上年降低的指标。")
    else:
        paragraph(doc, "指标目标值的年度变化数据暂不可用（数据仓库中尚无指标值对比）。")
    depts = _rows(d.yoy_departments)[:12]
    if depts:
        _chart(doc, charts.yoy_bars(
            [_department(r) for r in depts], [r["prev_budget_wan"] or 0 for r in depts],
            [r["budget_wan"] or 0 for r in depts], (d.year - 1, d.year),
            "预算变化最大的主管部门（万元）"), "主管部门预算与上年对比", figures)


def _next_steps(doc: Any, d: ReportData, number: str = "五") -> None:
    doc.add_heading(f"{number}、下一步建议", level=1)
    rows = _rows(d.suggestions)
    if not rows:
        paragraph(doc, "本年度审核未发现问题，建议保持现有做法。")
        return
    paragraph(doc, "根据审核发现，按问题出现的多少排列，建议如下：")
    for i, r in enumerate(rows):
        number = SECTION_NUMBERS[i] if i < len(SECTION_NUMBERS) else str(i + 1)
        paragraph(doc, (
            f"（{number}）{rule_title(r['rule_id'])}（{r['findings']}条，涉及{r['units']}个单位）。"
            f"{r['suggestion']}"
        ))


def _appendix(doc: Any, d: ReportData) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    set_page(section, landscape=True)  # ten columns fit a landscape page at a readable size
    page_number_footer(section)
    doc.add_heading("附表  各单位绩效目标审核情况", level=1)
    table(doc, [
        Column("单位编码", lambda r: str(r["unit_code"]), 1.8),
        Column("单位名称", lambda r: str(r["unit_name"] or ""), 7.4),
        Column("项目数", lambda r: num(r["projects"], 0), 1.5, right=True),
        Column("预算数（万元）", lambda r: num(r["budget_total_wan"]), 2.7, right=True),
        Column("指标数", lambda r: num(r["indicators"], 0), 1.5, right=True),
        Column("定量占比", lambda r: pct(r["quantified_pct"]), 1.9, right=True),
        Column("模糊表述", lambda r: num(r["vague"], 0), 1.9, right=True),
        Column("错误", lambda r: num(r["errors"], 0), 1.4, right=True),
        Column("警告", lambda r: num(r["warnings"], 0), 1.4, right=True),
        Column("质量得分", lambda r: num(r["quality_score"], 1), 1.9, right=True),
    ], _rows(d.appendix))
