"""The county report's figures (绩效目标审核情况报告), one function per section, read from the marts.

Every number the report prints comes from a named read-only query of the warehouse
(warehouse.queries, one SQL file per query in sql/queries/, all taking the year and division as
parameters); the Word writer (reports/report_docx.py) and the charts (reports/report_charts.py)
only format and draw. Nothing here opens a database. A section whose mart the warehouse lacks
(mart_unit_yoy, mart_target_changes, mart_county_summary) says so instead of failing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

from warehouse.queries import Marts, query_parameters, read_marts


class ReportError(ValueError):
    """The report cannot be written for these options; the message says why, in Chinese."""


@dataclass
class ReportData:
    """Everything the report shows; a section is None when the warehouse lacks its data."""

    year: int
    division: str | None
    county_name: str | None
    overview: dict[str, Any]
    severities: dict[str, int]
    fund_sources: dict[str, Any]
    submissions: dict[str, Any]
    rejections: pl.DataFrame
    departments: pl.DataFrame
    quality: pl.DataFrame
    quality_total: dict[str, Any]
    missing_level1: pl.DataFrame
    rules: pl.DataFrame
    worst_units: pl.DataFrame
    suggestions: pl.DataFrame
    appendix: pl.DataFrame
    yoy: dict[str, Any] | None
    yoy_departments: pl.DataFrame | None
    yoy_units: dict[str, Any] | None
    target_changes: pl.DataFrame | None
    counties: pl.DataFrame | None
    unavailable: list[str] = field(default_factory=list)
    # The chapter on last year's results (绩效自评), when self-evaluations are loaded; see selfeval_chapter.
    selfeval: dict[str, Any] | None = None


class _Scope:
    """The year and division filter over one read-only session of the marts."""

    def __init__(self, marts: Marts, year: int | None, division: str | None) -> None:
        self.marts, self.year, self.division = marts, year, division
        if division is not None and not marts.has("mart_unit_scorecard", "division_code"):
            raise ReportError(
                "此数据仓库尚未区分县（区）（marts have no division_code）：请去掉 --division，"
                "或升级数据仓库后再按县出报告。"
            )

    def has(self, name: str, *columns: str) -> bool:
        """Return True when object `name` exists with every column in `columns`."""
        return self.marts.has(name, *columns)

    def frame(self, name: str, **extra: Any) -> pl.DataFrame:
        """Return named query `name` as a polars frame, with the year and division bound."""
        params = {"year": self.year, "division": self.division, **extra}
        used = query_parameters(name)
        return self.marts.frame(name, **{k: v for k, v in params.items() if k in used})

    def row(self, name: str, **extra: Any) -> dict[str, Any]:
        """Return the first row of named query `name` as a dict (empty dict when none)."""
        df = self.frame(name, **extra)
        return df.row(0, named=True) if df.height else {}


def report_data(
    warehouse: Path,
    year: int,
    division: str | None = None,
    submission_deadline: date | None = None,
    timezone: str = "Asia/Shanghai",
) -> ReportData:
    """Return every section's figures for budget year `year` (and county `division`).

    Days (received by the deadline) are the county's days in `timezone`, as in the letters.
    """
    with read_marts(warehouse) as marts:
        s = _Scope(marts, year, division)
        overview = overview_figures(s)
        if not overview.get("units"):
            where = f"{division} " if division else ""
            raise ReportError(f"数据仓库中没有 {where}{year} 年度的当前报送，无法生成报告。")
        yoy = yoy_budget(s)
        unavailable: list[str] = []
        yoy_units = yoy_projects(s) if yoy else None
        changes = lowered_targets(s) if yoy else None
        if yoy and yoy_units is None:
            unavailable.append("项目增减（mart_unit_yoy）")
        if yoy and changes is None:
            unavailable.append("指标值调整（mart_target_changes）")
        return ReportData(
            year=year,
            division=division,
            county_name=county_name(s),
            overview=overview,
            severities=severity_counts(s),
            fund_sources=fund_sources(s),
            submissions=submission_counts(s, submission_deadline, timezone),
            rejections=rejected_files(s),
            departments=budget_by_department(s),
            quality=quality_by_department(s),
            quality_total=quality_total(s),
            missing_level1=missing_level1(s),
            rules=findings_by_rule(s),
            worst_units=units_with_most_errors(s),
            suggestions=suggestions(s),
            appendix=unit_appendix(s),
            yoy=yoy,
            yoy_departments=yoy_by_department(s) if yoy else None,
            yoy_units=yoy_units,
            target_changes=changes,
            counties=county_comparison(s),
            unavailable=unavailable,
            selfeval=selfeval_chapter(s),
        )


def overview_figures(s: _Scope) -> dict[str, Any]:
    """Return units, projects, indicators, budget (元 and 万元) and quantified share of the year."""
    return s.row("report_overview")


def severity_counts(s: _Scope) -> dict[str, int]:
    """Return current findings of the year by severity (error, warning and, where rated, info)."""
    counts = {"error": 0, "warning": 0}
    counts.update(dict(s.frame("report_severities").iter_rows()))
    return counts


def fund_sources(s: _Scope) -> dict[str, Any]:
    """Return the year's budget by fund source (财政资金, 其他资金), in 万元, with the gap to 预算数."""
    return s.row("report_fund_sources")


def submission_counts(s: _Scope, deadline: date | None, timezone: str = "Asia/Shanghai") -> dict[str, Any]:
    """Return files received for the year, current submissions, re-submissions and on-time count."""
    return s.row("report_submissions", deadline=deadline, timezone=timezone)


def rejected_files(s: _Scope) -> pl.DataFrame:
    """Return the files currently rejected (mart_rejected_files), oldest first."""
    return s.frame("rejected_files")


def current_rejections(warehouse: Path, year: int | None = None) -> pl.DataFrame:
    """Return the files currently rejected, for the 退回通知 letters (every year: a rejected file
    rarely has a readable year)."""
    with read_marts(warehouse) as marts:
        return rejected_files(_Scope(marts, year, None))


def budget_by_department(s: _Scope) -> pl.DataFrame:
    """Return budget per department (主管部门) in 万元 by fund source, largest first."""
    return s.frame("report_departments")


def quality_by_department(s: _Scope) -> pl.DataFrame:
    """Return per department: indicators, quantified and vague shares, duplicated rows."""
    return s.frame("report_quality")


def quality_total(s: _Scope) -> dict[str, Any]:
    """Return the county's indicators, quantified and vague shares (the departments' benchmark)."""
    return s.row("report_quality_total")


def missing_level1(s: _Scope) -> pl.DataFrame:
    """Return each required 一级 category and how many projects lack it, most often missing first."""
    return s.frame("report_missing_level1")


def findings_by_rule(s: _Scope) -> pl.DataFrame:
    """Return the rules that found something this year: findings by severity, units affected."""
    return s.frame("report_rules")


def units_with_most_errors(s: _Scope, limit: int = 10) -> pl.DataFrame:
    """Return the units with the most errors (then findings), at most `limit`."""
    return s.frame("report_worst_units", limit=limit)


def suggestions(s: _Scope, limit: int = 8) -> pl.DataFrame:
    """Return one suggestion per rule, the rules with the most findings first (下一步建议)."""
    return s.frame("report_suggestions", limit=limit)


def unit_appendix(s: _Scope) -> pl.DataFrame:
    """Return one row per unit for the appendix: projects, budget (万元), quality, findings, score."""
    return s.frame("report_appendix")


def yoy_budget(s: _Scope) -> dict[str, Any] | None:
    """Return this year's and last year's units, projects and budget (万元) with the change; None
    when last year is not loaded."""
    row = s.row("report_yoy")
    return row if row.get("prev_units") else None


def yoy_by_department(s: _Scope) -> pl.DataFrame:
    """Return budget per department this year and last (万元) with the change, biggest change first."""
    return s.frame("report_yoy_departments")


def yoy_projects(s: _Scope) -> dict[str, Any] | None:
    """Return projects added, dropped and continued (mart_unit_yoy); None without that mart."""
    cols = ("projects_added", "projects_dropped", "projects_continued")
    if not s.has("mart_unit_yoy", "fiscal_year", "division_code", *cols):
        return None
    return s.row("report_yoy_projects")


def lowered_targets(s: _Scope, limit: int = 15) -> pl.DataFrame | None:
    """Return targets lowered from last year (mart_target_changes); None without that mart."""
    cols = ("direction", "prev_target_raw", "target_raw", "unit_name", "division_code")
    if not s.has("mart_target_changes", *cols):
        return None
    return s.frame("report_lowered_targets", limit=limit)


def county_name(s: _Scope) -> str | None:
    """Return the county's name (dim_county) when the report covers one county; else None."""
    names = s.frame("report_county_names")
    return names["county_name"][0] if names.height == 1 else None


def county_comparison(s: _Scope) -> pl.DataFrame | None:
    """Return one row per county (省级汇总) when several are loaded and no division was chosen."""
    if s.division is not None or not s.has("mart_county_summary", "division_code", "county_name"):
        return None
    df = s.frame("report_counties")
    return df if df.height > 1 else None


def selfeval_chapter(s: _Scope) -> dict[str, Any] | None:
    """Return the self-evaluation chapter's figures, or None when no self-evaluation is loaded.

    It covers the year before the report's when that year's self-evaluations are loaded (the
    results of last year's targets, read beside this year's), else the report's own year:
    `year`, `overview` (one row), `categories` (targets met by 一级), `departments` (met and
    execution by department) and `rules` (自评复核 findings by rule).
    """
    if not s.has("mart_selfeval_unit_summary", "met_pct", "division_code"):
        return None
    years = s.row("report_selfeval_year")
    evaluated = years.get("previous_year") or years.get("same_year")
    if evaluated is None:
        return None
    return {
        "year": evaluated,
        "overview": s.row("report_selfeval_overview", evaluated=evaluated),
        "categories": s.frame("report_selfeval_categories", evaluated=evaluated),
        "departments": s.frame("report_selfeval_departments", evaluated=evaluated),
        "rules": s.frame("report_selfeval_rules", evaluated=evaluated),
    }
