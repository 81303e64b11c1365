"""Code rules: 项目编码 and 单位编码 well-formed, consistent with the file, not reused.

unit_code_mismatch (the header's 单位编码 against the project code's owner) is not checked: the
project code is division(6) + year(2) + 'P' + 11 digits + a check letter, and the 11 digits are a
budget-system serial, not the unit code (the seed's unit 306001 has codes 13102622P002376114xxC),
so the owning unit cannot be derived from a project code.
"""

from __future__ import annotations

import re

import polars as pl

from transform.division import UNKNOWN_DIVISION
from transform.rules.base import ERROR, Check, Context, finding, findings
from transform.rules.template import template_has

PROJECT_CODE = re.compile(r"^(\d{6})(\d{2})P(\d{11})([A-Z])$")


def county_division(ctx: Context) -> str | None:
    """Return the county division: the configured one, else the commonest among all codes seen."""
    if ctx.config.county_division:
        return ctx.config.county_division
    codes = [ctx.frame("projects").select("project_code")]
    hist = ctx.history_frame("projects")
    if hist is not None:
        codes.append(hist.select("project_code"))
    divisions = (
        pl.concat(codes)
        .select(
            pl.col("project_code").str.strip_chars().str.extract(r"^(\d{6})\d{2}P\d{11}[A-Z]$", 1)
        )
        .drop_nulls()
    )
    if divisions.height == 0:
        return None
    counted = (
        divisions.group_by("project_code")
        .len()
        .sort(["len", "project_code"], descending=[True, False])
    )
    return str(counted["project_code"][0])


def project_code_format(ctx: Context) -> pl.DataFrame:
    """Return errors for project codes that are malformed or disagree with division and year.

    The division a code must carry is its own file's (division_code, transform/division.py),
    so files of several counties in one load are each checked against their county; a file
    whose county is unknown falls back to the configured or commonest division. A code keeps
    the year its project started (a 延续项目 carries it over, and a file rarely says which
    projects continue): an earlier year segment is valid, a later one is flagged.
    """
    fallback = county_division(ctx)
    has_codes = template_has(ctx, "projects", pl.col("project_code").str.strip_chars() != "")
    out = []
    for row in ctx.projects.iter_rows(named=True):
        code = (row["project_code"] or "").strip()
        label = row["label"]
        fix = "请按“县区划代码6位+年度2位+P+11位流水号+校验字母”填写预算系统中的项目编码。"
        m = PROJECT_CODE.match(code)
        if not code and row["submission_id"] not in has_codes:
            continue  # the county's template has no 项目编码 to fill in
        if not code:
            out.append(finding(row, ERROR, f"{label}：未填写项目编码。", fix, indicator=False))
            continue
        if m is None:
            msg = f"{label}：项目编码「{code}」格式不符（应为区划6位+年度2位+P+11位数字+1位字母，共21位）。"
            out.append(finding(row, ERROR, msg, fix, indicator=False))
            continue
        problems = []
        year = row.get("fiscal_year")
        own = row.get("division_code")
        division = (
            ctx.config.county_division
            or (own if own and own != UNKNOWN_DIVISION else None)
            or fallback
        )
        segment = int(m.group(2))
        # A code keeps the year its project started (延续项目 carry theirs over): an earlier year
        # is valid, only a later one cannot be.
        if year is not None and segment > int(year) % 100:
            problems.append(f"年度位为「{m.group(2)}」，晚于本文件预算年度 {year}")
        if division is not None and m.group(1) != division:
            problems.append(f"区划位为「{m.group(1)}」，与本县区划代码 {division} 不符")
        if problems:
            msg = f"{label}：项目编码" + "；".join(problems) + "。"
            sugg = "请核对项目编码：按预算系统中本项目的编码填写（延续项目沿用立项年度的编码，不必改为本年度）。"
            out.append(finding(row, ERROR, msg, sugg, indicator=False))
    return findings("project_code_format", out)


def unit_code_format(ctx: Context) -> pl.DataFrame:
    """Return errors for submissions whose 单位编码 is not 6 (or 9) digits (blank: where the template has one)."""
    has_codes = template_has(ctx, "submissions", pl.col("unit_code").str.strip_chars() != "")
    lengths = ctx.config.unit_code_lengths
    shown_lengths = "或".join(str(n) for n in lengths)
    out = []
    for row in ctx.frame("submissions").iter_rows(named=True):
        code = (row["unit_code"] or "").strip()
        well_formed = code.isdigit() and code.isascii() and len(code) in lengths
        if well_formed or (not code and row["submission_id"] not in has_codes):
            continue
        shown = f"「{code}」" if code else "（未填）"
        msg = (
            f"单位 {row.get('unit_name') or ''}（文件 {row['file']}）的单位编码{shown}不是{shown_lengths}位数字。"
        )
        sugg = "请在表头填写预算系统中的6位单位编码，例如 306001。"
        out.append(finding(row, ERROR, msg, sugg, project=False))
    return findings("unit_code_format", out)


def project_code_duplicate(ctx: Context) -> pl.DataFrame:
    """Return errors for a project code used twice in one file or by another unit the same year."""
    cols = ["submission_id", "unit_code", "fiscal_year", "project_seq", "project_code"]
    batch = (
        ctx.projects.select(*cols, "label")
        .with_columns(key=pl.col("project_code").str.strip_chars())
        .filter(pl.col("key") != "")
    )
    every = [batch.select(*cols, "key")]
    hist = ctx.history_frame("projects")
    if hist is not None:
        every.append(
            hist.select(cols)
            .with_columns(key=pl.col("project_code").str.strip_chars())
            .cast({"project_seq": pl.Int32, "fiscal_year": pl.Int32})
        )
    others = pl.concat(every, how="vertical_relaxed").select(
        "key",
        "fiscal_year",
        other_sub="submission_id",
        other_unit="unit_code",
        other_seq="project_seq",
    )
    pairs = batch.join(others, on=["key", "fiscal_year"], how="inner", nulls_equal=True).filter(
        (
            (pl.col("other_sub") == pl.col("submission_id"))
            & (pl.col("other_seq") != pl.col("project_seq"))
        )
        | (pl.col("other_unit") != pl.col("unit_code"))
    )
    out = []
    grouped = pairs.group_by(["submission_id", "project_seq"], maintain_order=True).agg(
        pl.first("unit_code", "label"),
        in_file=pl.col("other_seq")
        .filter(pl.col("other_sub") == pl.col("submission_id"))
        .unique()
        .sort(),
        units=pl.col("other_unit")
        .filter(pl.col("other_unit") != pl.col("unit_code"))
        .unique()
        .sort(),
    )
    for row in grouped.iter_rows(named=True):
        parts = []
        if row["in_file"]:
            parts.append("与本文件" + "、".join(f"第{s}个" for s in row["in_file"]) + "项目重复")
        if row["units"]:
            parts.append("已被其他单位（" + "、".join(str(u) for u in row["units"]) + "）使用")
        msg = f"{row['label']}：项目编码" + "，".join(parts) + "。"
        sugg = "每个项目应有唯一的项目编码，请核对是否复制了其他项目的表格，改为本项目在预算系统中的编码。"
        out.append(finding(row, ERROR, msg, sugg, indicator=False))
    return findings("project_code_duplicate", out)


CHECKS = [
    Check(
        "project_code_format",
        ERROR,
        "项目编码应为区划6位+年度2位+P+11位数字+校验字母，且区划、年度与本文件一致",
        project_code_format,
    ),
    Check(
        "unit_code_format",
        ERROR,
        "单位编码应为6位数字（福建等省的9位编码亦可；可配置）",
        unit_code_format,
    ),
    Check(
        "project_code_duplicate",
        ERROR,
        "同一项目编码在一个文件中出现两次，或同年被其他单位使用",
        project_code_duplicate,
    ),
]
