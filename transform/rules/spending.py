"""Spending-plan rules: 资金支出计划（%） present, cumulative and complete, and on pace (序时进度)."""

from __future__ import annotations

import polars as pl

from transform.rules.base import ERROR, INFO, WARNING, Check, Context, finding, findings
from transform.rules.template import template_has


def _pct(value: float) -> str:
    return f"{value:g}%"


def _plans(ctx: Context) -> pl.DataFrame:
    """Return one row per project with its plan as lists in document (then month) order."""
    plan = ctx.frame("spending_plan").with_row_index("_order")
    if plan.height and plan["month"].null_count() == 0:
        plan = plan.sort(["submission_id", "project_seq", "month", "_order"])
    else:
        plan = plan.sort(["submission_id", "project_seq", "_order"])
    lists = plan.group_by(["submission_id", "project_seq"], maintain_order=True).agg(
        "checkpoint", "month", "cumulative_pct"
    )
    return ctx.projects.join(lists, on=["submission_id", "project_seq"], how="left")


def spend_plan_missing(ctx: Context) -> pl.DataFrame:
    """Return warnings for projects with no spending plan or a blank one, where the template has one."""
    has_plans = template_has(ctx, "spending_plan", pl.col("cumulative_pct").is_not_null())
    out = []
    for row in _plans(ctx).iter_rows(named=True):
        pcts = row["cumulative_pct"] or []
        if any(p is not None for p in pcts) or row["submission_id"] not in has_plans:
            continue
        msg = f"{row['label']}：未填写资金支出计划（%）。"
        sugg = "请按3月底、6月底、10月底、12月底填写累计支出比例，12月底应为100%。"
        out.append(finding(row, WARNING, msg, sugg, indicator=False))
    return findings("spend_plan_missing", out)


def spend_plan_valid(ctx: Context) -> pl.DataFrame:
    """Return errors for plans that are blank in part, outside 0–100, decreasing or not ending at 100."""
    out = []
    for row in _plans(ctx).iter_rows(named=True):
        pcts: list[float | None] = row["cumulative_pct"] or []
        names: list[str] = row["checkpoint"] or []
        if not any(p is not None for p in pcts):
            continue  # spend_plan_missing says so
        problems = []
        blanks = [n for n, p in zip(names, pcts, strict=True) if p is None]
        if blanks:
            problems.append("、".join(blanks) + "未填")
        filled = [(n, p) for n, p in zip(names, pcts, strict=True) if p is not None]
        outside = [f"{n} {_pct(p)}" for n, p in filled if p < 0 or p > 100]
        if outside:
            problems.append("比例超出0–100%：" + "、".join(outside))
        drops = [
            f"{n2} {_pct(p2)} 低于 {n1} {_pct(p1)}"
            for (n1, p1), (n2, p2) in zip(filled, filled[1:], strict=False)
            if p2 < p1
        ]
        if drops:
            problems.append("累计比例下降：" + "、".join(drops))
        last_name, last = filled[-1]
        if abs(last - 100.0) >= 0.005:
            problems.append(f"最后一期（{last_name}）为 {_pct(last)}，应为100%")
        if not problems:
            continue
        msg = f"{row['label']}：资金支出计划有误，" + "；".join(problems) + "。"
        sugg = "支出计划应填累计比例（如25%、50%、75%、100%），逐期不减、不超过100%，12月底为100%。"
        out.append(finding(row, ERROR, msg, sugg, indicator=False))
    return findings("spend_plan_valid", out)


def spend_plan_below_pace(ctx: Context) -> pl.DataFrame:
    """Return info findings where the plan at a pace checkpoint (6月底, 10月底) is below 序时进度.

    Info, not warning: a plan slower than 序时进度 can be right (a project paid on completion);
    the bureau sees it, the unit is not asked to change it by default.
    """
    pace = dict(ctx.config.pace_checkpoints)
    out = []
    for row in _plans(ctx).iter_rows(named=True):
        months = row["month"] or []
        pcts = row["cumulative_pct"] or []
        names = row["checkpoint"] or []
        lags = [
            f"{n}计划累计支出 {_pct(p)}，低于序时进度 {_pct(pace[m])}"
            for n, m, p in zip(names, months, pcts, strict=True)
            if m in pace and p is not None and p < pace[m]
        ]
        if not lags:
            continue
        msg = f"{row['label']}：" + "；".join(lags) + "。"
        floors = "，".join(f"{m}月底不低于{_pct(v)}" for m, v in sorted(pace.items()))
        sugg = f"请按序时进度安排资金支出计划（{floors}），或说明不能达到的原因。"
        out.append(finding(row, INFO, msg, sugg, indicator=False))
    return findings("spend_plan_below_pace", out)


CHECKS = [
    Check(
        "spend_plan_valid",
        ERROR,
        "资金支出计划应为累计比例：逐期不减、在0–100%之间、12月底为100%",
        spend_plan_valid,
    ),
    Check(
        "spend_plan_below_pace",
        INFO,
        "资金支出计划低于序时进度（6月底<50%或10月底<75%，可配置；提示，默认不发给单位）",
        spend_plan_below_pace,
    ),
    Check("spend_plan_missing", WARNING, "项目未填写资金支出计划", spend_plan_missing),
]
