"""Feedback workbooks (审核意见表): one .xlsx per unit with its scorecard and review findings.

Everything is read from the published warehouse through a read-only connection: the unit's
current submission of a budget year (mart_unit_scorecard) and its rows of fct_review_finding.
Also here: `history_frames`, the current submissions' texts and codes the review rules compare a
new batch against (transform.rules.run_rules(..., history=...)).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import xlsxwriter

from warehouse.connect import open_readonly

SUMMARY_COLUMNS = [
    ("单位编码", 12),
    ("单位名称", 36),
    ("年度", 8),
    ("项目数", 8),
    ("预算总额（元）", 18),
    ("质量得分", 10),
    ("错误", 8),
    ("警告", 8),
    ("问题合计", 10),
    ("定量指标占比（%）", 18),
]
FINDING_COLUMNS = [
    ("项目名称", 30),
    ("项目编码", 24),
    ("指标", 36),
    ("问题", 70),
    ("建议", 50),
    ("严重程度", 10),
]
SEVERITY_NAMES = {"error": "错误", "warning": "警告"}
SCORE_NOTE = "质量得分 = 100 − (10 × 错误数 + 2 × 警告数) ÷ 项目数，最低 0 分；“错误”须修改后重新报送，“警告”建议完善。"

_SCORECARD = """
SELECT unit_code, unit_name, fiscal_year, submission_key, projects, budget_total_yuan,
       quality_score, errors, warnings, findings, quantified_pct
FROM mart_unit_scorecard
WHERE ($unit IS NULL OR unit_code = $unit) AND ($year IS NULL OR fiscal_year = $year)
QUALIFY $year IS NOT NULL
     OR fiscal_year IS NOT DISTINCT FROM max(fiscal_year) OVER (PARTITION BY unit_code)
ORDER BY unit_code, fiscal_year
"""

# One row per finding of the scored submissions; the 指标 column names the row as messages do.
_FINDINGS = """
SELECT f.submission_key,
       coalesce(p.project_name, CASE WHEN f.project_seq IS NULL THEN '（单位整体）' END) AS project_name,
       p.project_code,
       CASE WHEN f.indicator_seq IS NOT NULL
            THEN '第' || f.indicator_seq || '行 ' || coalesce(t.indicator_name, '') END AS indicator,
       f.message, f.suggestion, f.severity, f.rule_id, f.project_seq, f.indicator_seq
FROM fct_review_finding AS f
LEFT JOIN fct_project_budget AS b
       ON b.submission_key = f.submission_key AND b.project_seq = f.project_seq
LEFT JOIN dim_project AS p ON p.project_key = b.project_key
LEFT JOIN fct_indicator_target AS t
       ON t.submission_key = f.submission_key AND t.project_seq = f.project_seq
      AND t.indicator_seq = f.indicator_seq
WHERE f.submission_key IN (SELECT unnest($keys::VARCHAR[]))
ORDER BY f.submission_key, f.severity = 'warning', f.project_seq NULLS FIRST,
         f.indicator_seq NULLS FIRST, f.rule_id
"""


# What the extractor could not read with confidence in the scored submissions (mart_extraction_warnings).
_WARNINGS = """
SELECT submission_key, file_name, location, message, kind
FROM mart_extraction_warnings
WHERE submission_key IN (SELECT unnest($keys::VARCHAR[]))
ORDER BY submission_key, warning_seq
"""
WARNING_COLUMNS = [("文件", 36), ("位置", 30), ("提醒", 80)]
WARNING_NOTE = "以下内容系统未能确定读懂，请核对原文件；如填写无误，可忽略或联系财政局登记新模板。"


@dataclass(frozen=True)
class UnitFeedback:
    """One unit's scorecard row, its findings and its extraction warnings, ready to be written."""

    summary: dict[str, Any]
    findings: pl.DataFrame
    warnings: pl.DataFrame = field(default_factory=pl.DataFrame)


def unit_feedback(
    warehouse: Path, unit_code: str | None = None, fiscal_year: int | None = None
) -> list[UnitFeedback]:
    """Return the feedback of each unit (or of `unit_code`) for `fiscal_year`, else its latest year."""
    with open_readonly(warehouse) as con:
        cards = con.sql(_SCORECARD, params={"unit": unit_code, "year": fiscal_year}).pl()
        keys = cards["submission_key"].to_list()
        found = con.sql(_FINDINGS, params={"keys": keys}).pl() if keys else pl.DataFrame()
        try:
            notes = con.sql(_WARNINGS, params={"keys": keys}).pl() if keys else pl.DataFrame()
        except duckdb.CatalogException:
            notes = pl.DataFrame()  # a warehouse from before extraction warnings were kept
    out = []
    for card in cards.iter_rows(named=True):
        mine = (
            found.filter(pl.col("submission_key") == card["submission_key"])
            if found.height
            else found
        )
        key = pl.col("submission_key") == card["submission_key"]
        out.append(UnitFeedback(card, mine, notes.filter(key) if notes.height else notes))
    return out


def _safe(text: str) -> str:
    """Return `text` usable in a file name on Windows and Linux."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("_") or "未知"


def workbook_name(summary: dict[str, Any]) -> str:
    """Return the workbook's file name: 单位编码_单位名称_年度年绩效目标审核意见.xlsx."""
    code = _safe(summary["unit_code"] or "未知单位")
    name = _safe(summary["unit_name"] or "")
    year = summary["fiscal_year"] or "未知"
    return f"{code}_{name}_{year}年绩效目标审核意见.xlsx"


def write_workbook(feedback: UnitFeedback, out_dir: Path) -> Path:
    """Return the path of the .xlsx written for one unit (summary sheet, findings sheet)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / workbook_name(feedback.summary)
    tmp = path.with_name(path.name + ".part")
    book = xlsxwriter.Workbook(str(tmp), {"in_memory": True})
    try:
        head = book.add_format(
            {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True, "valign": "top"}
        )
        cell = book.add_format({"text_wrap": True, "valign": "top", "border": 1})
        money = book.add_format({"num_format": "#,##0.00", "valign": "top", "border": 1})
        note = book.add_format({"italic": True, "font_color": "#595959"})
        _summary_sheet(book.add_worksheet("汇总"), feedback.summary, head, cell, money, note)
        _findings_sheet(book.add_worksheet("审核问题"), feedback.findings, head, cell)
        if feedback.warnings.height:
            _warnings_sheet(book.add_worksheet("提取提醒"), feedback.warnings, head, cell, note)
    finally:
        book.close()
    tmp.replace(path)  # a half-written workbook never carries the final name
    return path


def _summary_sheet(ws: Any, s: dict[str, Any], head: Any, cell: Any, money: Any, note: Any) -> None:
    values = [
        s["unit_code"],
        s["unit_name"],
        s["fiscal_year"],
        s["projects"],
        s["budget_total_yuan"],
        s["quality_score"],
        s["errors"],
        s["warnings"],
        s["findings"],
        s["quantified_pct"],
    ]
    for col, (title, width) in enumerate(SUMMARY_COLUMNS):
        ws.set_column(col, col, width)
        ws.write_string(0, col, title, head)
        value = values[col]
        if value is None:
            ws.write_blank(1, col, None, cell)
        elif isinstance(value, str):
            ws.write_string(1, col, value, cell)
        else:
            ws.write_number(1, col, float(value), money if col == 4 else cell)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, 1, len(SUMMARY_COLUMNS) - 1)
    ws.write_string(3, 0, SCORE_NOTE, note)


def _findings_sheet(ws: Any, findings: pl.DataFrame, head: Any, cell: Any) -> None:
    for col, (title, width) in enumerate(FINDING_COLUMNS):
        ws.set_column(col, col, width)
        ws.write_string(0, col, title, head)
    fields = ["project_name", "project_code", "indicator", "message", "suggestion", "severity"]
    rows = findings.select(fields).iter_rows() if findings.height else iter(())
    n = 0
    for n, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            text = SEVERITY_NAMES.get(value, value) if col == 5 else value
            if text is None:
                ws.write_blank(n, col, None, cell)
            else:
                ws.write_string(n, col, str(text), cell)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(n, 1), len(FINDING_COLUMNS) - 1)


def write_feedback(
    warehouse: Path, out_dir: Path, unit_code: str | None = None, fiscal_year: int | None = None
) -> list[Path]:
    """Return the workbooks written to `out_dir`, one per unit with a current submission."""
    return [write_workbook(f, out_dir) for f in unit_feedback(warehouse, unit_code, fiscal_year)]


def _warnings_sheet(ws: Any, warnings: pl.DataFrame, head: Any, cell: Any, note: Any) -> None:
    """Write what the extractor was unsure of: one row per warning, file, place and what to check."""
    ws.write_string(0, 0, WARNING_NOTE, note)
    for col, (title, width) in enumerate(WARNING_COLUMNS):
        ws.set_column(col, col, width)
        ws.write_string(1, col, title, head)
    for n, row in enumerate(warnings.select("file_name", "location", "message").iter_rows(), start=2):
        for col, value in enumerate(row):
            ws.write_string(n, col, "" if value is None else str(value), cell)
    ws.freeze_panes(2, 0)


_HISTORY = {
    "submissions": """
        SELECT sha256 AS submission_id, file_name AS file, path, size_bytes AS size, fiscal_year,
               unit_code, unit_name, 'loaded' AS status, load_id
        FROM dim_submission WHERE is_current""",
    "projects": """
        SELECT s.sha256 AS submission_id, s.unit_code, b.fiscal_year, b.project_seq, p.project_code,
               p.project_name, p.purpose, p.goals
        FROM current_project_budget AS b
        JOIN dim_submission AS s USING (submission_key)
        LEFT JOIN dim_project AS p USING (project_key)""",
    "indicators": """
        SELECT s.sha256 AS submission_id, s.unit_code, t.fiscal_year, t.project_seq, t.indicator_seq,
               t.indicator_name AS name, t.indicator_description AS description
        FROM current_indicator_target AS t
        JOIN dim_submission AS s USING (submission_key)""",
    "department_goals": """
        SELECT s.sha256 AS submission_id, s.unit_code, g.fiscal_year, g.item_seq, g.goal,
               g.indicator_text AS indicator
        FROM current_department_goal AS g
        JOIN dim_submission AS s USING (submission_key)""",
}


def history_frames(warehouse: Path) -> dict[str, pl.DataFrame] | None:
    """Return the current submissions' frames the rules compare a batch with; None without a warehouse."""
    if not Path(warehouse).exists():
        return None
    frames: dict[str, pl.DataFrame] = {}
    with open_readonly(warehouse) as con:
        for name, query in _HISTORY.items():
            try:
                frames[name] = con.sql(query).pl()
            except duckdb.CatalogException:
                return None  # a warehouse from before these objects existed
    return frames
