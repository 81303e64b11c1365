"""The county report's figures (绩效目标审核情况报告), one function per section, read from the marts.

Every number the report prints is computed here, in SQL over the published marts; the Word writer
(reports/report_docx.py) and the charts (reports/report_charts.py) only format and draw. All
queries take the year and division as parameters; the only SQL assembled in Python are fixed
fragments chosen by which objects and columns the warehouse has (a warehouse from an earlier
release lacks the county, year-over-year or review marts, and those sections say so instead).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from warehouse.connect import open_readonly


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


class _Scope:
    """The year and division filter, and what the connected warehouse has (objects, columns)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, year: int | None, division: str | None) -> None:
        self.con, self.year, self.division = con, year, division
        rows = con.sql(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'main'"
        ).fetchall()
        self.columns: dict[str, set[str]] = {}
        for table, column in rows:
            self.columns.setdefault(table, set()).add(column)
        if division is not None and "division_code" not in self.columns.get("mart_unit_scorecard", ()):
            raise ReportError(
                "此数据仓库尚未区分县（区）（marts have no division_code）：请去掉 --division，"
                "或升级数据仓库后再按县出报告。"
            )

    def has(self, name: str, *columns: str) -> bool:
        """Return True when object `name` exists with every column in `columns`."""
        return name in self.columns and set(columns) <= self.columns[name]

    def where(self, view: str, alias: str = "", year: str = "$year") -> str:
        """Return a fixed WHERE fragment: the year, and the division when `view` carries one."""
        prefix = f"{alias}." if alias else ""
        clause = f"{prefix}fiscal_year = {year}"
        if self.has(view, "division_code"):
            clause += f" AND ($division IS NULL OR {prefix}division_code = $division)"
        return clause

    def frame(self, sql: str, **extra: Any) -> pl.DataFrame:
        """Return a query's result as a polars frame, with $year and $division bound."""
        params = {"year": self.year, "division": self.division, **extra}
        used = {k: v for k, v in params.items() if f"${k}" in sql}
        return self.con.sql(sql, params=used).pl()

    def row(self, sql: str, **extra: Any) -> dict[str, Any]:
        """Return the first row of a query as a dict (empty dict when none)."""
        df = self.frame(sql, **extra)
        return df.row(0, named=True) if df.height else {}


def report_data(
    warehouse: Path,
    year: int,
    division: str | None = None,
    submission_deadline: date | None = None,
) -> ReportData:
    """Return every section's figures for budget year `year` (and county `division`)."""
    with open_readonly(warehouse) as con:
        s = _Scope(con, year, division)
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
            submissions=submission_counts(s, submission_deadline),
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
        )


def _findings_source(s: _Scope) -> str:
    """Return the current findings: the current_review_finding view, else facts of current files."""
    if s.has("current_review_finding", "severity", "rule_id"):
        return "current_review_finding"
    return (
        "(SELECT f.* FROM fct_review_finding AS f JOIN dim_submission AS d USING (submission_key) "
        "WHERE d.is_current)"
    )


def _findings_view(s: _Scope) -> str:
    """Return the object whose columns the findings source has (for the division filter)."""
    return "current_review_finding" if _findings_source(s) == "current_review_finding" else "fct_review_finding"


def _department_names(s: _Scope) -> str:
    """Return a join giving department_name when dim_department exists, else a null name."""
    if s.has("dim_department", "department_code", "department_name"):
        return "LEFT JOIN (SELECT DISTINCT department_code, department_name FROM dim_department) AS n USING (department_code)"
    return "LEFT JOIN (SELECT NULL::VARCHAR AS department_code, NULL::VARCHAR AS department_name) AS n USING (department_code)"


def overview_figures(s: _Scope) -> dict[str, Any]:
    """Return units, projects, indicators, budget (元 and 万元) and quantified share of the year."""
    return s.row(f"""
        SELECT count(*)::INTEGER                                         AS units,
               coalesce(sum(projects), 0)::INTEGER                       AS projects,
               coalesce(sum(indicators), 0)::INTEGER                     AS indicators,
               sum(budget_total_yuan)                                    AS budget_total_yuan,
               round(sum(budget_total_yuan) / 10000, 2)                  AS budget_total_wan,
               round(100.0 * sum(quantified) / nullif(sum(indicators), 0), 2) AS quantified_pct,
               coalesce(sum(errors), 0)::INTEGER                         AS errors,
               coalesce(sum(warnings), 0)::INTEGER                       AS warnings
        FROM mart_unit_scorecard WHERE {s.where("mart_unit_scorecard")}""")


def severity_counts(s: _Scope) -> dict[str, int]:
    """Return current findings of the year by severity (error, warning and, where rated, info)."""
    view = _findings_view(s)
    df = s.frame(f"""
        SELECT severity, count(*)::INTEGER AS findings
        FROM {_findings_source(s)} AS f
        WHERE {s.where(view, "f")}
        GROUP BY severity ORDER BY severity""")
    counts = {"error": 0, "warning": 0}
    counts.update(dict(df.iter_rows()))
    return counts


def fund_sources(s: _Scope) -> dict[str, Any]:
    """Return the year's budget by fund source (财政资金, 其他资金), in 万元, with the gap to 预算数."""
    return s.row(f"""
        SELECT round(sum(budget_total_yuan) / 10000, 2)   AS total_wan,
               round(sum(budget_fiscal_yuan) / 10000, 2)  AS fiscal_wan,
               round(sum(budget_other_yuan) / 10000, 2)   AS other_wan,
               round((sum(budget_total_yuan) - coalesce(sum(budget_fiscal_yuan), 0)
                      - sum(budget_other_yuan)) / 10000, 2) AS unexplained_wan,
               sum(projects_without_budget)::INTEGER       AS projects_without_budget
        FROM mart_unit_budget WHERE {s.where("mart_unit_budget")}""")


def submission_counts(s: _Scope, deadline: date | None) -> dict[str, Any]:
    """Return files received for the year, current submissions, re-submissions and on-time count."""
    division = (
        " AND ($division IS NULL OR division_code = $division)"
        if s.has("dim_submission", "division_code")
        else ""
    )
    return s.row(f"""
        SELECT count(*) FILTER (WHERE is_current)::INTEGER            AS current,
               count(*)::INTEGER                                      AS loaded_versions,
               count(*) FILTER (WHERE version > 1 AND is_current)::INTEGER AS resubmitted,
               CASE WHEN $deadline::DATE IS NOT NULL THEN
                    count(*) FILTER (WHERE version = 1
                                     AND (received_at AT TIME ZONE 'Asia/Shanghai')::DATE <= $deadline::DATE)
               END::INTEGER                                           AS on_time,
               $deadline::DATE                                        AS deadline
        FROM dim_submission
        WHERE fiscal_year = $year AND submission_key <> '00000000000000000000000000000000'{division}""",
        deadline=deadline)


def rejected_files(s: _Scope) -> pl.DataFrame:
    """Return the files currently rejected in the year's reporting round, oldest first.

    A rejected file often has no readable year; it counts for the round during which it arrived:
    from the year's first submission until the first submission of a later year.
    """
    if s.has("mart_rejected_files", "file_name", "reason"):
        return s.frame("SELECT * FROM mart_rejected_files")
    return s.frame("""
        WITH round AS (
            SELECT min(received_at) FILTER (WHERE fiscal_year = $year) AS opens,
                   min(received_at) FILTER (WHERE fiscal_year > $year) AS closes
            FROM dim_submission WHERE submission_key <> '00000000000000000000000000000000'
        )
        SELECT l.file_name, l.unit_code, l.fiscal_year, l.rejection_kind, l.reason,
               l.first_seen_at AS received_at, l.sha256, l.path
        FROM ingest_ledger AS l, round AS r
        WHERE l.status = 'rejected'
          AND (l.fiscal_year = $year
               OR (l.fiscal_year IS NULL AND ($year IS NULL
                   OR (l.first_seen_at >= r.opens AND (r.closes IS NULL OR l.first_seen_at < r.closes)))))
        ORDER BY l.first_seen_at, l.file_name""")


def current_rejections(warehouse: Path, year: int | None = None) -> pl.DataFrame:
    """Return the files currently rejected (of `year`'s round, or all), for the 退回通知 letters."""
    with open_readonly(warehouse) as con:
        return rejected_files(_Scope(con, year, None))


def budget_by_department(s: _Scope) -> pl.DataFrame:
    """Return budget per department (主管部门) in 万元 by fund source, largest first."""
    return s.frame(f"""
        WITH d AS (
            SELECT department_code, count(*)::INTEGER AS units, sum(projects)::INTEGER AS projects,
                   round(sum(budget_total_yuan) / 10000, 2)  AS budget_total_wan,
                   round(sum(budget_fiscal_yuan) / 10000, 2) AS budget_fiscal_wan,
                   round(sum(budget_other_yuan) / 10000, 2)  AS budget_other_wan
            FROM mart_unit_budget WHERE {s.where("mart_unit_budget")}
            GROUP BY department_code
        )
        SELECT d.department_code, n.department_name, d.units, d.projects, d.budget_total_wan,
               d.budget_fiscal_wan, d.budget_other_wan,
               round(100.0 * d.budget_total_wan / nullif(sum(d.budget_total_wan) OVER (), 0), 2) AS share_pct
        FROM d {_department_names(s)}
        ORDER BY d.budget_total_wan DESC NULLS LAST, d.department_code""")


def quality_by_department(s: _Scope) -> pl.DataFrame:
    """Return per department: indicators, quantified and vague shares, duplicated rows."""
    return s.frame(f"""
        WITH d AS (
            SELECT department_code, sum(indicators)::INTEGER AS indicators,
                   sum(quantified)::INTEGER AS quantified, sum(vague)::INTEGER AS vague,
                   sum(duplicates)::INTEGER AS duplicates
            FROM mart_unit_quality WHERE {s.where("mart_unit_quality")}
            GROUP BY department_code
        )
        SELECT d.department_code, n.department_name, d.indicators, d.quantified, d.vague, d.duplicates,
               round(100.0 * d.quantified / nullif(d.indicators, 0), 2) AS quantified_pct,
               round(100.0 * d.vague / nullif(d.indicators, 0), 2)      AS vague_pct
        FROM d {_department_names(s)}
        ORDER BY quantified_pct NULLS FIRST, d.department_code""")


def quality_total(s: _Scope) -> dict[str, Any]:
    """Return the county's indicators, quantified and vague shares (the departments' benchmark)."""
    return s.row(f"""
        SELECT sum(indicators)::INTEGER AS indicators, sum(quantified)::INTEGER AS quantified,
               sum(vague)::INTEGER AS vague, sum(duplicates)::INTEGER AS duplicates,
               round(100.0 * sum(quantified) / nullif(sum(indicators), 0), 2) AS quantified_pct,
               round(100.0 * sum(vague) / nullif(sum(indicators), 0), 2)      AS vague_pct
        FROM mart_unit_quality WHERE {s.where("mart_unit_quality")}""")


def missing_level1(s: _Scope) -> pl.DataFrame:
    """Return each required 一级 category and how many projects lack it, most often missing first."""
    return s.frame(f"""
        WITH p AS (
            SELECT unnest(string_split(level1_missing, '、')) AS level1
            FROM mart_project_coverage
            WHERE {s.where("mart_project_coverage")} AND level1_missing IS NOT NULL
        )
        SELECT level1, count(*)::INTEGER AS projects FROM p
        GROUP BY level1 ORDER BY projects DESC, level1""")


def findings_by_rule(s: _Scope) -> pl.DataFrame:
    """Return the rules that found something this year: findings by severity, units affected."""
    return s.frame(f"""
        SELECT rule_id, description, findings, errors, warnings, units_affected, units_affected_pct
        FROM mart_rule_summary
        WHERE {s.where("mart_rule_summary")} AND findings > 0
        ORDER BY findings DESC, rule_id""")


def units_with_most_errors(s: _Scope, limit: int = 10) -> pl.DataFrame:
    """Return the units with the most errors (then findings), at most `limit`."""
    return s.frame(f"""
        SELECT unit_code, unit_name, projects, errors, warnings, findings, quality_score
        FROM mart_unit_scorecard
        WHERE {s.where("mart_unit_scorecard")} AND findings > 0
        ORDER BY errors DESC, findings DESC, unit_code LIMIT $limit""", limit=limit)


def suggestions(s: _Scope, limit: int = 8) -> pl.DataFrame:
    """Return one suggestion per rule, the rules with the most findings first (下一步建议)."""
    source, view = _findings_source(s), _findings_view(s)
    return s.frame(f"""
        SELECT f.rule_id, any_value(r.description) AS description, count(*)::INTEGER AS findings,
               count(DISTINCT f.unit_code)::INTEGER AS units, mode(f.suggestion) AS suggestion
        FROM {source} AS f
        LEFT JOIN dim_review_rule AS r USING (rule_id)
        WHERE {s.where(view, "f")}
        GROUP BY f.rule_id
        ORDER BY findings DESC, f.rule_id LIMIT $limit""", limit=limit)


def unit_appendix(s: _Scope) -> pl.DataFrame:
    """Return one row per unit for the appendix: projects, budget (万元), quality, findings, score."""
    return s.frame(f"""
        SELECT c.unit_code, c.unit_name, c.projects, round(c.budget_total_yuan / 10000, 2) AS budget_total_wan,
               c.indicators, c.quantified_pct, q.vague, c.errors, c.warnings, c.quality_score
        FROM mart_unit_scorecard AS c
        LEFT JOIN mart_unit_quality AS q USING (unit_key, fiscal_year)
        WHERE {s.where("mart_unit_scorecard", "c")}
        ORDER BY c.unit_code""")


def yoy_budget(s: _Scope) -> dict[str, Any] | None:
    """Return this year's and last year's units, projects and budget (万元) with the change; None
    when last year is not loaded."""
    row = s.row(f"""
        WITH y AS (
            SELECT count(DISTINCT unit_key) FILTER (WHERE fiscal_year = $year)::INTEGER      AS units,
                   count(DISTINCT unit_key) FILTER (WHERE fiscal_year = $year - 1)::INTEGER  AS prev_units,
                   sum(projects) FILTER (WHERE fiscal_year = $year)::INTEGER                 AS projects,
                   sum(projects) FILTER (WHERE fiscal_year = $year - 1)::INTEGER             AS prev_projects,
                   sum(budget_total_yuan) FILTER (WHERE fiscal_year = $year)                 AS budget,
                   sum(budget_total_yuan) FILTER (WHERE fiscal_year = $year - 1)             AS prev_budget
            FROM mart_unit_budget
            WHERE ({s.where("mart_unit_budget")}) OR ({s.where("mart_unit_budget", year="$year - 1")})
        )
        SELECT units, prev_units, projects, prev_projects,
               round(budget / 10000, 2) AS budget_wan, round(prev_budget / 10000, 2) AS prev_budget_wan,
               round((budget - prev_budget) / 10000, 2) AS change_wan,
               round(100.0 * (budget - prev_budget) / nullif(prev_budget, 0), 2) AS change_pct
        FROM y""")
    return row if row.get("prev_units") else None


def yoy_by_department(s: _Scope) -> pl.DataFrame:
    """Return budget per department this year and last (万元) with the change, biggest change first."""
    return s.frame(f"""
        WITH d AS (
            SELECT department_code,
                   round(sum(budget_total_yuan) FILTER (WHERE fiscal_year = $year) / 10000, 2)     AS budget_wan,
                   round(sum(budget_total_yuan) FILTER (WHERE fiscal_year = $year - 1) / 10000, 2) AS prev_budget_wan
            FROM mart_unit_budget
            WHERE ({s.where("mart_unit_budget")}) OR ({s.where("mart_unit_budget", year="$year - 1")})
            GROUP BY department_code
        )
        SELECT d.department_code, n.department_name, d.prev_budget_wan, d.budget_wan,
               round(coalesce(d.budget_wan, 0) - coalesce(d.prev_budget_wan, 0), 2) AS change_wan,
               round(100.0 * (d.budget_wan - d.prev_budget_wan) / nullif(d.prev_budget_wan, 0), 2) AS change_pct
        FROM d {_department_names(s)}
        ORDER BY abs(change_wan) DESC, d.department_code""")


def yoy_projects(s: _Scope) -> dict[str, Any] | None:
    """Return projects added, dropped and continued (mart_unit_yoy); None without that mart."""
    cols = ("projects_added", "projects_dropped", "projects_continued")
    if not s.has("mart_unit_yoy", "fiscal_year", *cols):
        return None
    return s.row(f"""
        SELECT sum(projects_added)::INTEGER AS added, sum(projects_dropped)::INTEGER AS dropped,
               sum(projects_continued)::INTEGER AS continued
        FROM mart_unit_yoy WHERE {s.where("mart_unit_yoy")}""")


def lowered_targets(s: _Scope, limit: int = 15) -> pl.DataFrame | None:
    """Return targets lowered from last year (mart_target_changes); None without that mart."""
    if not s.has("mart_target_changes", "direction", "prev_target_raw", "target_raw"):
        return None
    name = "unit_name" if s.has("mart_target_changes", "unit_name") else "NULL::VARCHAR AS unit_name"
    return s.frame(f"""
        SELECT unit_code, {name}, project_name, indicator_name, prev_target_raw, target_raw,
               count(*) OVER ()::INTEGER AS lowered_total
        FROM mart_target_changes
        WHERE {s.where("mart_target_changes")} AND direction = 'lowered'
        ORDER BY unit_code, project_name, indicator_name LIMIT $limit""", limit=limit)


def county_name(s: _Scope) -> str | None:
    """Return the county's name (dim_county) when the report covers one county; else None."""
    if not s.has("dim_county", "division_code", "county_name") or not s.has("mart_unit_scorecard", "division_code"):
        return None
    names = s.frame(f"""
        SELECT DISTINCT k.county_name
        FROM mart_unit_scorecard AS c JOIN dim_county AS k USING (division_code)
        WHERE {s.where("mart_unit_scorecard", "c")}""")
    return names["county_name"][0] if names.height == 1 else None


def county_comparison(s: _Scope) -> pl.DataFrame | None:
    """Return one row per county (省级汇总) when several are loaded and no division was chosen."""
    if s.division is not None or not s.has("mart_unit_scorecard", "division_code"):
        return None
    if s.has("mart_county_summary", "division_code", "county_name", "units", "budget_total_yuan", "errors"):
        df = s.frame("""
            SELECT division_code, county_name, units, projects,
                   round(budget_total_yuan / 10000, 2) AS budget_total_wan, quantified_pct, errors, warnings
            FROM mart_county_summary WHERE fiscal_year = $year ORDER BY division_code""")
        return df if df.height > 1 else None
    names = (
        "LEFT JOIN (SELECT DISTINCT division_code, county_name FROM dim_county) AS k USING (division_code)"
        if s.has("dim_county", "division_code", "county_name")
        else "LEFT JOIN (SELECT NULL::VARCHAR AS division_code, NULL::VARCHAR AS county_name) AS k USING (division_code)"
    )
    df = s.frame(f"""
        WITH c AS (
            SELECT division_code, count(*)::INTEGER AS units, sum(projects)::INTEGER AS projects,
                   round(sum(budget_total_yuan) / 10000, 2) AS budget_total_wan,
                   round(100.0 * sum(quantified) / nullif(sum(indicators), 0), 2) AS quantified_pct,
                   sum(errors)::INTEGER AS errors, sum(warnings)::INTEGER AS warnings
            FROM mart_unit_scorecard WHERE fiscal_year = $year
            GROUP BY division_code
        )
        SELECT c.division_code, k.county_name, c.units, c.projects, c.budget_total_wan,
               c.quantified_pct, c.errors, c.warnings
        FROM c {names} ORDER BY c.division_code""")
    return df if df.height > 1 else None
