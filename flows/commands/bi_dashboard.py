"""The starter county dashboard of `jixiao superset-register` (县级预算绩效目标概览), as data.

Each chart is its Superset form data (what the browser renders) and the query the REST API runs
for it (the saved query context). Money in 万元, the county total in 亿元, dates as dates; native
filters for the budget year and the county (行政区划代码) apply to every chart but 数据截至.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from warehouse.bi_formats import COUNT_FORMAT, MONEY_FORMAT

DASHBOARD_SLUG = "jixiao-county"
DASHBOARD_TITLE = "县级预算绩效目标概览"


@dataclass(frozen=True)
class Chart:
    """One chart: its name, the mart it reads, viz type, form data, API query and layout width."""

    name: str
    mart: str
    viz: str
    params: dict[str, Any]
    query: dict[str, Any]
    width: int
    row: int
    filtered: bool = True  # in the scope of the year and county filters


# A rule's name: its description up to the first bracket, comma or colon (成本指标高于预算数), at
# most 24 characters (cut with …), so the horizontal bars keep their room; the mart has it whole.
_RULE_NAME = "regexp_extract(description, '^[^（(，,；;：:]+')"
RULE_AXIS: dict[str, Any] = {
    "expressionType": "SQL",
    "sqlExpression": f"CASE WHEN length({_RULE_NAME}) > 24 THEN left({_RULE_NAME}, 23) || '…' "
    f"ELSE {_RULE_NAME} END",
    "label": "审核规则",
}


def _bar(x: str | dict[str, Any], metric: str, fmt: str, axis_title: str, horizontal: bool = False) -> dict[str, Any]:
    return {
        "x_axis": x,
        "metrics": [metric],
        "groupby": [],
        "adhoc_filters": [],
        "row_limit": 100,
        "orientation": "horizontal" if horizontal else "vertical",
        "y_axis_format": fmt,
        "y_axis_title": "" if horizontal else axis_title,  # beside horizontal bars it hides the ticks
        "y_axis_title_position": "Top" if not horizontal else "Left",
        "x_axis_sort": metric,
        "x_axis_sort_asc": horizontal,
        "show_value": True,
        "show_legend": False,
        "truncateXAxis": True,
    }


def _aggregate(columns: list[str], metrics: list[str], order_by: str, ascending: bool) -> dict[str, Any]:
    return {
        "columns": columns,
        "metrics": metrics,
        "orderby": [[order_by, ascending]],
        "row_limit": 100,
    }


CHARTS = [
    Chart(
        "数据截至",
        "mart_data_freshness",
        "table",
        {
            "query_mode": "raw",
            "all_columns": ["data_as_of_date", "last_load_id", "current_submissions", "files_rejected"],
            "table_timestamp_format": "%Y-%m-%d",
        },
        {
            "columns": ["data_as_of_date", "last_load_id", "current_submissions", "files_rejected"],
            "row_limit": 1,
        },
        width=8,
        row=0,
        filtered=False,
    ),
    Chart(
        "全县预算数合计（亿元）",
        "mart_unit_budget",
        "big_number_total",
        {
            "metric": "sum_yi__budget_total_yuan",
            "y_axis_format": MONEY_FORMAT,
            "subheader": "亿元，当前报送",
            "subtitle": "亿元，当前报送",
        },
        {"metrics": ["sum_yi__budget_total_yuan"], "row_limit": 1},
        width=4,
        row=0,
    ),
    Chart(
        "各部门预算数（万元）",
        "mart_department_budget",
        "echarts_timeseries_bar",
        _bar("department_name", "sum_wan__budget_total_yuan", MONEY_FORMAT, "万元"),
        _aggregate(["department_name"], ["sum_wan__budget_total_yuan"], "sum_wan__budget_total_yuan", False),
        width=12,
        row=1,
    ),
    Chart(
        "单位质量得分分布",
        "mart_unit_scorecard",
        "histogram_v2",
        {
            "column": "quality_score",
            "groupby": [],
            "adhoc_filters": [],
            "row_limit": 10000,
            "bins": 10,
            "normalize": False,
            "cumulative": False,
            "x_axis_title": "质量得分（0–100）",
            "y_axis_title": "单位数",
            "show_value": True,
            "show_legend": False,
        },
        {
            "columns": ["quality_score"],
            "row_limit": 10000,
            "post_processing": [
                {
                    "operation": "histogram",
                    "options": {
                        "column": "quality_score",
                        "groupby": [],
                        "bins": 10,
                        "cumulative": False,
                        "normalize": False,
                    },
                }
            ],
        },
        width=6,
        row=2,
    ),
    Chart(
        "审核发现（按规则）",
        "mart_rule_summary",
        "echarts_timeseries_bar",
        {
            **_bar(RULE_AXIS, "sum__findings", COUNT_FORMAT, "审核发现数", horizontal=True),
            # only the rules that found something: 20-odd rules with 0 would crowd the chart
            "adhoc_filters": [
                {
                    "expressionType": "SIMPLE",
                    "subject": "findings",
                    "operator": ">",
                    "comparator": 0,
                    "clause": "WHERE",
                }
            ],
        },
        {
            **_aggregate([RULE_AXIS], ["sum__findings"], "sum__findings", False),
            "filters": [{"col": "findings", "op": ">", "val": 0}],
        },
        width=6,
        row=2,
    ),
    Chart(
        "单位审核得分",
        "mart_unit_scorecard",
        "table",
        {
            "query_mode": "aggregate",
            "groupby": ["unit_name"],
            "metrics": ["avg__quality_score", "sum__errors", "sum__warnings"],
        },
        _aggregate(["unit_name"], ["avg__quality_score", "sum__errors", "sum__warnings"], "avg__quality_score", True),
        width=6,
        row=3,
    ),
    Chart(
        "风险资金（万元）",
        "mart_money_at_risk",
        "table",
        {
            "query_mode": "aggregate",
            "groupby": ["unit_name"],
            "metrics": ["sum_wan__budget_at_risk_yuan", "sum_wan__budget_behind_vague_yuan"],
        },
        _aggregate(
            ["unit_name"],
            ["sum_wan__budget_at_risk_yuan", "sum_wan__budget_behind_vague_yuan"],
            "sum_wan__budget_at_risk_yuan",
            False,
        ),
        width=6,
        row=3,
    ),
]

# Native filters: (id, name, column), read from mart_unit_budget's values.
FILTERS = [
    ("NATIVE_FILTER-jixiao-year", "预算年度", "fiscal_year"),
    ("NATIVE_FILTER-jixiao-county", "县区（行政区划代码）", "division_code"),
]


def layout(chart_ids: list[int]) -> dict[str, Any]:
    """Return the dashboard's position JSON: CHARTS' rows, each chart its width."""
    out: dict[str, Any] = {
        "DASHBOARD_VERSION_KEY": "v2",
        "ROOT_ID": {"type": "ROOT", "id": "ROOT_ID", "children": ["GRID_ID"]},
        "GRID_ID": {"type": "GRID", "id": "GRID_ID", "children": [], "parents": ["ROOT_ID"]},
    }
    for chart, chart_id in zip(CHARTS, chart_ids, strict=True):
        row = f"ROW-{chart.row}"
        if row not in out:
            out["GRID_ID"]["children"].append(row)
            out[row] = {
                "type": "ROW",
                "id": row,
                "children": [],
                "parents": ["ROOT_ID", "GRID_ID"],
                "meta": {"background": "BACKGROUND_TRANSPARENT"},
            }
        key = f"CHART-{chart_id}"
        out[row]["children"].append(key)
        out[key] = {
            "type": "CHART",
            "id": key,
            "children": [],
            "parents": ["ROOT_ID", "GRID_ID", row],
            "meta": {"chartId": chart_id, "width": chart.width, "height": 50, "sliceName": chart.name},
        }
    return out


def metadata(chart_ids: list[int], filter_dataset_id: int) -> dict[str, Any]:
    """Return the dashboard's JSON metadata: the native filters for year and county."""
    unfiltered = [i for c, i in zip(CHARTS, chart_ids, strict=True) if not c.filtered]
    in_scope = [i for c, i in zip(CHARTS, chart_ids, strict=True) if c.filtered]
    filters = [
        {
            "id": filter_id,
            "name": name,
            "filterType": "filter_select",
            "type": "NATIVE_FILTER",
            "description": "",
            "targets": [{"datasetId": filter_dataset_id, "column": {"name": column}}],
            "controlValues": {
                "enableEmptyFilter": False,
                "defaultToFirstItem": False,
                "multiSelect": True,
                "searchAllOptions": False,
                "inverseSelection": False,
            },
            "defaultDataMask": {"extraFormData": {}, "filterState": {}, "ownState": {}},
            "cascadeParentIds": [],
            "scope": {"rootPath": ["ROOT_ID"], "excluded": unfiltered},
            "chartsInScope": in_scope,
            "tabsInScope": [],
        }
        for filter_id, name, column in FILTERS
    ]
    return {
        "native_filter_configuration": filters,
        "chart_configuration": {},
        "cross_filters_enabled": False,
        "color_scheme": "",
        "refresh_frequency": 0,
        "expanded_slices": {},
        "label_colors": {},
        "timed_refresh_immune_slices": [],
        "default_filters": "{}",
    }
