"""Budget rules: 预算数 present, its parts add up, cost targets (成本指标) within the budget."""

from __future__ import annotations

from typing import Any

import polars as pl

from transform.rules.base import (
    ERROR,
    WARNING,
    Check,
    Context,
    finding,
    findings,
    per_row,
    quoted,
    wan,
    yuan,
)

# Money is compared to the fen (分).
FEN = 0.005


def budget_missing(ctx: Context) -> pl.DataFrame:
    """Return errors for projects whose 预算数 is blank or not positive."""
    bad = ctx.projects.filter(
        pl.col("budget_total_yuan").is_null() | (pl.col("budget_total_yuan") <= 0)
    )
    out = []
    for row in bad.iter_rows(named=True):
        amount = row["budget_total_yuan"]
        what = "未填写预算数" if amount is None else f"预算数为 {yuan(amount)}"
        msg = f"{row['label']}：{what}。"
        sugg = "请填写本项目的年度预算数（元），并列明其中财政资金和其他资金。"
        out.append(finding(row, ERROR, msg, sugg, indicator=False))
    return findings("budget_missing", out)


def budget_components_sum(ctx: Context) -> pl.DataFrame:
    """Return errors where 预算数 differs from 财政资金 + 其他资金 by a fen or more."""
    parts = pl.col("budget_fiscal_yuan").fill_null(0) + pl.col("budget_other_yuan").fill_null(0)
    bad = ctx.projects.filter(
        pl.col("budget_total_yuan").is_not_null()
        & (pl.col("budget_fiscal_yuan").is_not_null() | pl.col("budget_other_yuan").is_not_null())
        & ((pl.col("budget_total_yuan") - parts).abs() >= FEN)
    )
    out = []
    for row in bad.iter_rows(named=True):
        fiscal, other = row["budget_fiscal_yuan"], row["budget_other_yuan"]
        total = (fiscal or 0.0) + (other or 0.0)
        msg = (
            f"{row['label']}：预算数 {yuan(row['budget_total_yuan'])} 不等于财政资金 {yuan(fiscal)}"
            f" 加其他资金 {yuan(other)}（合计 {yuan(total)}）。"
        )
        sugg = "请核对预算数及其资金来源，使预算数等于财政资金与其他资金之和（精确到分）。"
        out.append(finding(row, ERROR, msg, sugg, indicator=False))
    return findings("budget_components_sum", out)


def is_cost() -> pl.Expr:
    """Return a predicate for cost indicators: 一级 成本指标 (2021) or 二级 …成本 (before 2021)."""
    return (pl.col("l1") == "成本指标") | pl.col("l2").str.ends_with("成本指标")


def cost_vs_budget(ctx: Context) -> pl.DataFrame:
    """Return warnings for cost targets above the project's 预算数 (per project) or given in % (per habit)."""
    ind = ctx.indicators.filter(is_cost().fill_null(False))
    over = (pl.col("unit") == "元") & (pl.col("value") > pl.col("budget_total_yuan") + FEN)
    bad = ind.filter((over | (pl.col("unit") == "%")).fill_null(False)).with_columns(
        pct=pl.col("unit") == "%"
    )
    rows = list(bad.iter_rows(named=True))
    def above(g: list[dict[str, Any]]) -> str:
        budget = wan(g[0]["budget_total_yuan"])
        return f"成本指标值{quoted(r['target_raw'] for r in g)}高于本项目预算数 {budget}。"

    def lower(g: list[dict[str, Any]]) -> str:
        return (
            f"成本目标不应超过预算数：请按本年预算数 {wan(g[0]['budget_total_yuan'])} 修改成本指标；"
            "若为跨年度项目的合同总价，请改填本年度成本并在依据中说明。"
        )

    out = per_row([r for r in rows if not r["pct"]], WARNING, above, lower)
    out += per_row(
        [r for r in rows if r["pct"]],
        WARNING,
        lambda g: f"成本指标值{quoted(r['target_raw'] for r in g)}以百分比表示，无法与项目预算数核对。",
        "请以金额（元或万元）填写成本指标，且不超过该项目的预算数。",
    )
    return findings("cost_vs_budget", out)


CHECKS = [
    Check("budget_missing", ERROR, "项目未填写预算数或预算数不为正", budget_missing),
    Check(
        "budget_components_sum",
        ERROR,
        "预算数应等于财政资金与其他资金之和（精确到分）",
        budget_components_sum,
    ),
    Check("cost_vs_budget", WARNING, "成本指标高于预算数，或以百分比表示", cost_vs_budget),
]
