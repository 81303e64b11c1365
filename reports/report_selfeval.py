"""The county report's chapter on the year-end self-evaluations (五、…年度绩效自评复核情况).

Its figures come from reports/report_data.selfeval_chapter (named queries over the self-evaluation
marts); this module only words them, lays out the tables and places the chart.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reports import report_charts as charts
from reports.word_style import Column, caption, num, paragraph, pct, table

SEVERITY_TITLES = {"error": "错误", "warning": "警告", "info": "提示"}


def _rows(df: Any) -> list[dict[str, Any]]:
    return [] if df is None else list(df.to_dicts())


def _department(row: dict[str, Any]) -> str:
    return row.get("department_name") or f"部门{row['department_code']}"


# How the report places a chart: (document, PNG, caption, figure counter), numbered with its others.
PlaceChart = Callable[[Any, bytes, str, list[int]], None]


def selfeval_chapter(doc: Any, e: dict[str, Any], figures: list[int], place_chart: PlaceChart) -> None:
    """Write 五、…年度绩效自评复核情况: targets met by category and department, execution, findings, a chart."""
    o = e["overview"]
    doc.add_heading(f"五、{e['year']}年度绩效自评复核情况", level=1)
    paragraph(doc, (
        f"{e['year']}年度共有{num(o.get('units'), 0)}个单位报送了绩效自评，涉及项目{num(o.get('projects'), 0)}个、"
        f"绩效指标{num(o.get('indicators'), 0)}条。其中可按数字判定是否完成的定量指标{num(o.get('judged'), 0)}条，"
        f"达到年初目标的{num(o.get('met'), 0)}条（{pct(o.get('met_pct'))}）。项目全年预算{num(o.get('budget_wan'))}万元，"
        f"执行{num(o.get('executed_wan'))}万元，执行率{pct(o.get('execution_pct'))}；单位自评平均{num(o.get('avg_score'), 1)}分。"
    ))
    paragraph(doc, (
        f"与年初绩效目标相比，自评中删去的指标{num(o.get('dropped'), 0)}条、事后新增的指标{num(o.get('added'), 0)}条，"
        f"未自评的项目{num(o.get('projects_not_evaluated'), 0)}个。复核发现问题：错误{num(o.get('errors'), 0)}条、"
        f"警告{num(o.get('warnings'), 0)}条、提示{num(o.get('infos'), 0)}条。"
    ))
    categories = _rows(e["categories"])
    if categories:
        caption(doc, "表7  按一级指标的目标完成情况")
        table(doc, [
            Column("一级指标", lambda r: str(r["level1"] or "（未识别）"), 3.6),
            Column("指标数", lambda r: num(r["indicators"], 0), 2.0, right=True),
            Column("可判定", lambda r: num(r["judged"], 0), 2.0, right=True),
            Column("达标", lambda r: num(r["met"], 0), 2.0, right=True),
            Column("达标率", lambda r: pct(r["met_pct"]), 2.2, right=True),
        ], categories)
        judged = [r for r in categories if r["judged"]]
        if judged:
            place_chart(doc, charts.met_bars([str(r["level1"] or "（未识别）") for r in judged],
                                        [int(r["judged"]) for r in judged], [int(r["met"]) for r in judged],
                                        f"{e['year']}年度各类指标完成情况"), "按一级指标的目标完成情况", figures)
    departments = _rows(e["departments"])
    if departments:
        caption(doc, "表8  各主管部门的目标完成与预算执行")
        table(doc, [
            Column("主管部门", lambda r: _department(r), 4.2),
            Column("单位数", lambda r: num(r["units"], 0), 1.6, right=True),
            Column("达标率", lambda r: pct(r["met_pct"]), 1.9, right=True),
            Column("全年预算（万元）", lambda r: num(r["budget_wan"]), 2.6, right=True),
            Column("执行（万元）", lambda r: num(r["executed_wan"]), 2.4, right=True),
            Column("执行率", lambda r: pct(r["execution_pct"]), 1.8, right=True),
        ], departments)
    rules = _rows(e["rules"])
    if rules:
        caption(doc, "表9  自评复核发现")
        table(doc, [
            Column("复核要点", lambda r: str(r["description"] or r["rule_id"]), 7.0),
            Column("类别", lambda r: SEVERITY_TITLES.get(r["severity"], r["severity"]), 1.4),
            Column("问题数", lambda r: num(r["findings"], 0), 1.6, right=True),
            Column("涉及单位", lambda r: num(r["units"], 0), 1.8, right=True),
        ], rules)
    else:
        paragraph(doc, "复核未发现自评中的问题。")
