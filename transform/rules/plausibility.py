"""Plausibility rules a reviewer applies by reading the project as a whole (审核中常被退回的问题).

- cost_indicator_missing: a project with indicators but no 成本指标 (the 二级 under 产出 of the
  pre-2021 layout; a 2021-layout project without its 成本指标 一级 is required_level1_present's):
  nothing ties its targets to its money.
- spend_plan_front_loaded: recurring spending (a year-round service, running costs, wages) planned
  100% spent by the end of March.
- per_person_cost_low: the budget divided by the people a row says the project pays is below what
  anyone could be paid in a year (`min_cost_per_person_yuan`).
- benefit_kind_mismatch: a 效益 二级 the project's kind cannot have (生态效益 on office, personnel or
  党建 projects); `info` by default.
- department_part_missing: a file without a department part (部门整体绩效目标) where at least 3 in 4
  files of its county and year have one (the county's template has one). Cross-unit.
"""

from __future__ import annotations

import json
import re
from typing import Any

import polars as pl

from transform.rules.base import (
    INFO,
    WARNING,
    Check,
    Context,
    finding,
    findings,
    per_row,
    wan,
    yuan,
)
from transform.rules.budget import is_cost
from transform.rules.categories import project_versions


def cost_indicator_missing(ctx: Context) -> pl.DataFrame:
    """Return one warning per project with indicator rows but none of them a 成本指标."""
    ind = ctx.indicators
    if ind.height == 0:
        return findings("cost_indicator_missing", [])
    other = [f"{w}指标" for w in ctx.config.other_framework_level1] + list(
        ctx.config.other_framework_level1
    )
    costed = ind.group_by(["submission_id", "project_seq"]).agg(
        has_cost=is_cost().fill_null(False).any(),
        # a 投入/过程/产出/效果 form has no place for a 成本指标: the bureau sees it (info)
        other_form=pl.col("level1").str.replace_all(r"\s+", "").is_in(other).any(),
    )
    # A 2021-layout project without its 成本指标 一级 is required_level1_present's finding.
    rows = (
        ctx.projects.join(costed, on=["submission_id", "project_seq"])
        .join(project_versions(ctx), on=["submission_id", "project_seq"])
        .filter(~pl.col("has_cost") & (pl.col("version") != "2021"))
    )
    out = []
    for row in rows.iter_rows(named=True):
        money = row["budget_total_yuan"]
        budget = f"（预算数 {wan(money)}）" if money else ""
        msg = f"{row['label']}：没有成本指标{budget}，绩效目标与资金无法对应。"
        sugg = (
            "请补充成本指标：2021年起为一级指标“成本指标”下的经济成本（如单位成本、总成本“≤…万元”），"
            "此前为产出指标下的“成本指标”；成本目标不超过预算数。"
        )
        severity = INFO if row["other_form"] else WARNING
        out.append(finding(row, severity, msg, sugg, indicator=False))
    return findings("cost_indicator_missing", out)


def _plans(ctx: Context) -> pl.DataFrame:
    plan = ctx.frame("spending_plan")
    if plan.height == 0:
        return pl.DataFrame()
    return plan.group_by(["submission_id", "project_seq"], maintain_order=True).agg(
        "checkpoint", "month", "cumulative_pct"
    )


def recurring_kind(extra_json: Any) -> str:
    """Return the header's 项目属性 / 项目类型 / 支出类型 text ('' when absent or unreadable)."""
    try:
        extra = json.loads(str(extra_json or "{}"))
    except ValueError:
        return ""
    if not isinstance(extra, dict):
        return ""
    return " ".join(str(extra.get(k) or "") for k in ("项目属性", "项目类型", "支出类型", "项目性质"))


def spend_plan_front_loaded(ctx: Context) -> pl.DataFrame:
    """Return a warning per recurring project planned fully spent by `front_loaded_month`."""
    cfg = ctx.config
    plans = _plans(ctx)
    if plans.height == 0:
        return findings("spend_plan_front_loaded", [])
    recurring = re.compile("|".join(re.escape(w) for w in cfg.recurring_words))
    rows = ctx.projects.join(plans, on=["submission_id", "project_seq"])
    out = []
    for row in rows.iter_rows(named=True):
        # 项目属性/项目类型 经常性 in the header says so too
        kind = recurring_kind(row.get("extra_json"))
        said = recurring.search(row["project_name"] or "") or (re.search("经常性", kind))
        if said is None:
            continue
        early = [
            (c, m)
            for c, m, pct in zip(row["checkpoint"], row["month"], row["cumulative_pct"], strict=True)
            if m is not None and m <= cfg.front_loaded_month and pct is not None and pct >= 100
        ]
        if not early:
            continue
        when = early[0][0] or f"{early[0][1]}月底"
        msg = (
            f"{row['label']}：项目为经常性支出（名称含“{said.group(0)}”），"
            f"资金支出计划却在{when}累计支出100%，与全年持续发生的支出不符。"
        )
        sugg = "请按服务或支出实际发生的月份安排支出计划（如按季度均衡支出，12月底累计100%）。"
        out.append(finding(row, WARNING, msg, sugg, indicator=False))
    return findings("spend_plan_front_loaded", out)


def per_person_cost_low(ctx: Context) -> pl.DataFrame:
    """Return a warning per head-count row whose budget per person is below the configured floor."""
    cfg = ctx.config
    words = "|".join(re.escape(w) for w in cfg.headcount_words)
    served = "|".join(re.escape(w) for w in cfg.not_paid_words) or "^$"
    heads = ctx.indicators.filter(
        pl.col("name").str.contains(words).fill_null(False)
        & ~pl.col("name").str.contains(served).fill_null(False)
        & pl.col("unit").is_in(["人", "名"]).fill_null(False)
        & (pl.col("value") > 0).fill_null(False)
        & pl.col("budget_total_yuan").is_not_null()
        & ~is_cost().fill_null(False)
    ).with_columns(per_person=pl.col("budget_total_yuan") / pl.col("value"))
    low = heads.filter(pl.col("per_person") < cfg.min_cost_per_person_yuan)
    floor = wan(cfg.min_cost_per_person_yuan)

    def problem(rows: list[dict[str, Any]]) -> str:
        r = rows[0]
        return (
            f"预算数 {wan(r['budget_total_yuan'])} 按「{r['target_raw']}」计，人均每年仅 "
            f"{yuan(round(r['per_person']))}，低于 {floor}，不足以支付一人一年的费用。"
        )

    sugg = "请核对人数与预算：人数偏多则改为实际人数，或补足经费来源，或说明其余费用由谁承担。"
    return findings("per_person_cost_low", per_row(low.iter_rows(named=True), WARNING, problem, sugg))


def benefit_kind_mismatch(ctx: Context) -> pl.DataFrame:
    """Return findings for 效益 rows of a category the project's kind cannot have (info by default)."""
    cfg = ctx.config
    ind = ctx.indicators.filter(pl.col("l1") == "效益指标")
    hits = []
    for row in ind.iter_rows(named=True):
        name = row["project_name"] or ""
        for pattern, banned in cfg.benefit_exclusions:
            kind = re.search(pattern, name)
            if kind and row["l2"] in banned:
                hits.append({**row, "kind": kind.group(0)})
                break

    def problem(rows: list[dict[str, Any]]) -> str:
        r = rows[0]
        return f"{r['kind']}类项目设置了「{r['level2'] or r['l2']}」，该类项目一般不产生此类效益。"

    sugg = "请按项目实际产生的效益设置二级指标（如社会效益），删除与项目无关的效益类别。"
    out = per_row(hits, cfg.benefit_mismatch_severity, problem, sugg)
    return findings("benefit_kind_mismatch", out)


def department_part_missing(ctx: Context) -> pl.DataFrame:
    """Return a warning per file without a department part where most of its county's files have one."""
    subs = [ctx.frame("submissions")]
    goals = [ctx.frame("department_goals")]
    hist = ctx.history_frame("submissions")
    if hist is not None:
        subs.append(hist.filter(pl.col("status") == "loaded"))
        hist_goals = ctx.history_frame("department_goals")
        if hist_goals is not None:
            goals.append(hist_goals)
    cols = ["submission_id", "fiscal_year", "division_code"]
    every = pl.concat(
        [s.select([c for c in cols if c in s.columns]) for s in subs], how="diagonal_relaxed"
    )
    if "division_code" not in every.columns:
        every = every.with_columns(division_code=pl.lit(""))
    with_part = pl.concat([g.select("submission_id") for g in goals if g.height]).unique() if any(
        g.height for g in goals
    ) else pl.DataFrame(schema={"submission_id": pl.String})
    every = every.with_columns(
        has_part=pl.col("submission_id").is_in(with_part["submission_id"].implode()),
        division_code=pl.col("division_code").fill_null(""),
    )
    shares = every.group_by("fiscal_year", "division_code").agg(
        files=pl.len(), with_part=pl.col("has_part").sum()
    )
    mine = (
        ctx.frame("submissions")
        .join(every.select("submission_id", "has_part", "division_code"), on="submission_id")
        .join(shares, on=["fiscal_year", "division_code"])
        .filter(
            ~pl.col("has_part")
            & (pl.col("with_part") >= 2)
            & (pl.col("with_part") >= ctx.config.department_part_share * pl.col("files"))
        )
    )
    out = []
    for row in mine.iter_rows(named=True):
        msg = (
            f"单位 {row.get('unit_name') or ''}（文件 {row['file']}）没有部门（单位）整体绩效目标，"
            f"而本县{row['fiscal_year']}年的{row['files']}份报送中有{row['with_part']}份有这一部分。"
        )
        sugg = "请按本县模板补充部门整体绩效目标（总体目标、年度目标及其绩效指标）后重新报送。"
        out.append(finding(row, WARNING, msg, sugg, project=False))
    return findings("department_part_missing", out)


CHECKS = [
    Check(
        "cost_indicator_missing",
        "warning/info",
        "项目没有成本指标（2021年起的一级“成本指标”或此前产出指标下的“成本指标”；"
        "投入、过程等其他体系的表格为提示）",
        cost_indicator_missing,
    ),
    Check(
        "spend_plan_front_loaded",
        WARNING,
        "经常性支出（运行、运维、服务、工资等）的资金支出计划在3月底（可配置）前累计支出100%",
        spend_plan_front_loaded,
    ),
    Check(
        "per_person_cost_low",
        WARNING,
        "按指标中的聘用人数计，预算数人均每年低于下限（默认2.4万元，可配置）",
        per_person_cost_low,
    ),
    Check(
        "benefit_kind_mismatch",
        "info",
        "效益二级指标与项目性质不符（如办公、人员、党建类项目设生态效益；可配置，默认提示）",
        benefit_kind_mismatch,
    ),
    Check(
        "department_part_missing",
        WARNING,
        "缺少部门（单位）整体绩效目标，而本县本年绝大多数报送（默认四分之三以上）都有",
        department_part_missing,
    ),
]
