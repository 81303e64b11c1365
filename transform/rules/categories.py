"""Category rules: an indicator table exists, is long enough, and follows the taxonomy (指标体系).

The taxonomy differs by version: before 2021 成本 is a 二级 under 产出 and 效益 has 可持续影响;
under 财预〔2021〕101号 成本指标 is its own 一级 (经济/社会/生态环境成本) and 可持续影响 is gone.
A project's version is the table layout its indicator rows follow (`taxonomy_version`: whether
成本 is its own 一级, whatever the year); when absent, a project with a 成本指标 一级 is read as
2021, otherwise as pre-2021.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from transform.categories import TAXONOMY, canonical_level1, taxonomy_rows
from transform.rules.base import (
    ERROR,
    IMPLIED_LEVEL1,
    INFO,
    WARNING,
    Check,
    Context,
    finding,
    findings,
    per_row,
)

VERSION_NAMES = {"pre2021": "2021年以前的指标体系", "2021": "财预〔2021〕101号指标体系"}


def _counts(ctx: Context) -> pl.DataFrame:
    """Return projects with their number of indicator rows counted from the indicators frame."""
    counted = ctx.frame("indicators").group_by(["submission_id", "project_seq"]).agg(n=pl.len())
    return ctx.projects.join(counted, on=["submission_id", "project_seq"], how="left").with_columns(
        pl.col("n").fill_null(0)
    )


def project_versions(ctx: Context) -> pl.DataFrame:
    """Return (submission_id, project_seq, version) for every project that has indicators."""
    return (
        ctx.indicators.group_by(["submission_id", "project_seq"])
        .agg(
            declared=pl.col("taxonomy_version").drop_nulls().mode().sort().first(),
            has_cost_l1=(pl.col("l1") == "成本指标").any(),
        )
        .select(
            "submission_id",
            "project_seq",
            version=pl.coalesce(
                "declared", pl.when("has_cost_l1").then(pl.lit("2021")).otherwise(pl.lit("pre2021"))
            ),
        )
    )


def missing_indicator_table(ctx: Context) -> pl.DataFrame:
    """Return errors for projects without a single indicator row."""
    out = []
    for row in _counts(ctx).filter(pl.col("n") == 0).iter_rows(named=True):
        msg = f"{row['label']}：没有绩效指标表（0个指标）。"
        sugg = "请补充项目支出绩效目标表中的绩效指标（产出、效益、满意度等），每项指标填写指标值。"
        out.append(finding(row, ERROR, msg, sugg, indicator=False))
    return findings("missing_indicator_table", out)


def too_few_indicators(ctx: Context) -> pl.DataFrame:
    """Return warnings for projects with some, but fewer than `min_indicators`, indicator rows."""
    least = ctx.config.min_indicators
    out = []
    for row in _counts(ctx).filter((pl.col("n") > 0) & (pl.col("n") < least)).iter_rows(named=True):
        msg = f"{row['label']}：只有{row['n']}个绩效指标，少于{least}个。"
        sugg = f"请细化绩效指标，至少设置{least}个，覆盖产出、效益和满意度。"
        out.append(finding(row, WARNING, msg, sugg, indicator=False))
    return findings("too_few_indicators", out)


def _written(column: str) -> pl.Expr:
    """Return whether a row wrote something in the category column `column`."""
    return pl.col(column).fill_null("").str.strip_chars() != ""


def template_columns(ctx: Context) -> pl.DataFrame:
    """Return per project whether its table has a 一级 and a 二级 column at all (any row fills it).

    A form without a 二级 column (一级 and 三级 only) or without either (指标内容 and 指标值:
    an old hospital or special-fund form) gives the rules nothing to compare in that column.
    """
    return ctx.indicators.group_by(["submission_id", "project_seq"]).agg(
        has_l1_col=_written("level1").any(), has_l2_col=_written("level2").any()
    )


def required_level1_present(ctx: Context) -> pl.DataFrame:
    """Return one finding per project missing 产出/效益 (error) or 满意度/2021 成本 (warning)."""
    present = (
        ctx.indicators.group_by(["submission_id", "project_seq"])
        .agg(l1s=pl.col("l1").drop_nulls().unique())
        .join(project_versions(ctx), on=["submission_id", "project_seq"])
        # A form with no category column says nothing of its 一级: not a missing one.
        .join(template_columns(ctx), on=["submission_id", "project_seq"])
        .filter(pl.col("has_l1_col") | pl.col("has_l2_col"))
    )
    rows = ctx.projects.join(present, on=["submission_id", "project_seq"], how="inner")
    # A 二级 an accepted pair places under another 一级 (满意度 under 效益 before 2021) still
    # names its own 一级: the project has it.
    own_l1 = IMPLIED_LEVEL1
    accepted = (
        ctx.indicators.join(project_versions(ctx), on=["submission_id", "project_seq"])
        .join(_accepted(ctx), on=["version", "l1", "l2"], how="semi")
        .group_by(["submission_id", "project_seq"])
        .agg(l2s=pl.col("l2").unique())
    )
    extra = {
        (r["submission_id"], r["project_seq"]): {own_l1[l2] for l2 in r["l2s"] if l2 in own_l1}
        for r in accepted.iter_rows(named=True)
    }
    out = []
    for row in rows.iter_rows(named=True):
        have = set(row["l1s"]) | extra.get((row["submission_id"], row["project_seq"]), set())
        errors = [name for name in ("产出指标", "效益指标") if name not in have]
        wanted = ["满意度指标"] + (["成本指标"] if row["version"] == "2021" else [])
        warnings = [name for name in wanted if name not in have]
        if not errors and not warnings:
            continue
        missing = "、".join(errors + warnings)
        msg = f"{row['label']}：缺少一级指标 {missing}（按{VERSION_NAMES[row['version']]}）。"
        sugg = f"请补充{missing}，每类至少一个可量化的三级指标。"
        out.append(finding(row, ERROR if errors else WARNING, msg, sugg, indicator=False))
    return findings("required_level1_present", out)


# Every (version, 一级, 二级) of the taxonomy (transform.categories.TAXONOMY).
_TAXONOMY_PAIRS = pl.DataFrame(
    taxonomy_rows(), schema={"version": pl.String, "l1": pl.String, "l2": pl.String}, orient="row"
)


def _accepted(ctx: Context) -> pl.DataFrame:
    """Return the configured (version, 一级, 二级) pairs of an earlier framework (`accepted_pairs`)."""
    return pl.DataFrame(
        list(ctx.config.accepted_pairs),
        schema={"version": pl.String, "l1": pl.String, "l2": pl.String},
        orient="row",
    )


def level2_in_taxonomy(ctx: Context) -> pl.DataFrame:
    """Return warnings for 一级/二级 pairs the project's taxonomy lacks (a pair in several projects: once)."""
    ind = ctx.indicators.join(project_versions(ctx), on=["submission_id", "project_seq"])
    # Only the rows whose (version, 一级, 二级) the taxonomy lacks are looked at one by one.
    ind = ind.join(_TAXONOMY_PAIRS, on=["version", "l1", "l2"], how="anti", maintain_order="left")
    ind = ind.join(_accepted(ctx), on=["version", "l1", "l2"], how="anti", maintain_order="left")
    ind = ind.join(template_columns(ctx), on=["submission_id", "project_seq"], maintain_order="left")
    wrong = []
    for row in ind.iter_rows(named=True):
        allowed = TAXONOMY[row["version"]]
        l1, l2 = row["l1"], row["l2"]
        # A blank in a column the project's form does not have is not the unit's omission.
        if not row["has_l1_col"] and not row["has_l2_col"]:
            continue
        if l1 in allowed and not row["has_l2_col"]:
            continue
        if l1 not in allowed:
            said = f"一级指标「{row['level1'] or '（空）'}」不是体系中的一级指标"
            fix = "一级指标应为：" + "、".join(allowed) + "。"
        elif l2 is None and not row["level1"] and canonical_level1(row["level2"]) == l1:
            # A 二级-only form whose row names the 一级 itself (效益指标 beside 数量指标).
            said = f"二级指标栏填的是一级指标「{row['level2']}」，没有写明二级指标"
            fix = f"{l1}下的二级指标应为：" + "、".join(allowed[l1]) + "。"
        else:
            said = f"二级指标「{row['level2'] or '（空）'}」不属于一级指标「{row['level1'] or l1}」"
            fix = f"{l1}下的二级指标应为：" + "、".join(allowed[l1]) + "。"
            if row["version"] == "2021" and l2 in ("成本指标", "可持续影响指标"):
                fix += "2021年起成本指标单列为一级指标，可持续影响指标已取消。"
        # 投入/过程 are the 一级 of another framework some provinces' templates print: the unit
        # followed its form; the bureau sees it (info), the unit is not asked to redo the table.
        other = l1 not in allowed and _bare(row["level1"]) in ctx.config.other_framework_level1
        wrong.append({**row, "said": said, "fix": fix, "other": other})

    def problem(rows: list[dict[str, Any]]) -> str:
        said = "；".join(dict.fromkeys(r["said"] for r in rows))
        return f"{said}（按{VERSION_NAMES[rows[0]['version']]}）。"

    def fixes(rows: list[dict[str, Any]]) -> str:
        return "".join(dict.fromkeys(r["fix"] for r in rows))

    out = per_row([r for r in wrong if not r["other"]], WARNING, problem, fixes)
    out += per_row([r for r in wrong if r["other"]], INFO, problem, fixes)
    return findings("level2_in_taxonomy", out)


def _bare(text: str | None) -> str:
    """Return a written 一级 without spaces and a trailing 指标 (投入 for “投入 指标”)."""
    bare = "".join((text or "").split())
    return bare[: -len("指标")] if bare.endswith("指标") else bare


CHECKS = [
    Check(
        "missing_indicator_table", ERROR, "项目没有绩效指标表（0个指标）", missing_indicator_table
    ),
    Check(
        "too_few_indicators", WARNING, "绩效指标少于最低个数（默认3个，可配置）", too_few_indicators
    ),
    Check(
        "required_level1_present",
        "error/warning",
        "缺少产出或效益一级指标（错误）；缺少满意度、或按2021年体系缺少成本指标（警告）",
        required_level1_present,
    ),
    Check(
        "level2_in_taxonomy",
        WARNING,
        "二级指标不属于其一级指标（按项目所用的2021年前或2021年指标体系；模板印有的投入、过程等"
        "其他体系的一级指标为提示）",
        level2_in_taxonomy,
    ),
]
