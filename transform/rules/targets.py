"""Target rules: each 指标值 is filled, measurable, plausible and dated within the budget year."""

from __future__ import annotations

import re
from typing import Any

import polars as pl

from transform.rules.base import (
    ERROR,
    INFO,
    WARNING,
    Check,
    Context,
    findings,
    norm_text,
    per_row,
    quoted,
)
from transform.targets import states_no_impact

# A target that only says "for a long time" (长期, 持续, 长效): neither vague wording nor a value.
OPEN_ENDED = re.compile(
    r"^(长期|持续|长效|永久|常态化|长期性|持续性)(有效|坚持|保持|稳定|开展|推进|运行|发挥作用|发挥效益)?$"
)

# A year in a date: 2020年…, 2020-12-31, 2020/12/31, 2020.12.31.
YEAR = re.compile(r"((?:19|20)\d{2})(?:年|[-/.]\d{1,2}[-/.]\d{1,2})")


def _quantified() -> pl.Expr:
    return pl.col("is_quantified").fill_null(False) & pl.col("value").is_not_null()


def target_missing(ctx: Context) -> pl.DataFrame:
    """Return one error per project for its indicator rows with a blank 指标值."""
    bad = ctx.indicators.filter(norm_text(pl.col("target_raw")).fill_null("") == "")
    sugg = "请填写可考核的指标值，如“≥95%”“1座”“≤25万元”。"
    out = per_row(bad.iter_rows(named=True), ERROR, lambda _: "未填写指标值。", sugg)
    return findings("target_missing", out)


def placeholder_value(ctx: Context) -> pl.DataFrame:
    """Return one error per project for 指标值 that still hold template placeholders (**, xx, …)."""
    marks = ctx.config.placeholders
    text = norm_text(pl.col("target_raw")).str.to_lowercase()
    folded = [m.lower() for m in marks] + [m.lower().replace("…", "...") for m in marks]
    hit = pl.any_horizontal([text.str.contains(m, literal=True) for m in sorted(set(folded))])
    out = per_row(
        ctx.indicators.filter(hit.fill_null(False)).iter_rows(named=True),
        ERROR,
        lambda rows: f"指标值{quoted(r['target_raw'] for r in rows)}是未替换的占位符。",
        "请把占位符（**、xx、… 等）替换为实际的指标值。",
    )
    return findings("placeholder_value", out)


def vague_target(ctx: Context) -> pl.DataFrame:
    """Return warnings for unquantified 指标值 (明显提升, 按时完成, 稳定向好): per project, or per word.

    「无明显影响」 on a 社会成本 / 生态环境成本 row is a valid statement, not a vague target.
    """
    phrases = ctx.config.vague_phrases
    rows = ctx.indicators.filter(~_quantified()).with_columns(t=norm_text(pl.col("target_raw")))
    vague = []
    for row in rows.iter_rows(named=True):
        text = row["t"] or ""
        if states_no_impact(text, row["l2"]) or OPEN_ENDED.match(text):
            continue  # a valid statement, or target_open_ended's finding
        matched = [p for p in phrases if p in text]
        if matched:
            vague.append({**row, "said": max(matched, key=len)})

    def problem(group: list[dict[str, Any]]) -> str:
        said = "、".join(dict.fromkeys(f"“{r['said']}”" for r in group))
        return f"指标值{quoted(r['target_raw'] for r in group)}为定性表述（{said}），无法考核。"

    def sugg(group: list[dict[str, Any]]) -> str:
        # Every example uses the submission's own budget year, never a fixed one.
        year = group[0].get("fiscal_year")
        when = f"“{year}年12月31日前”" if year else "“12月31日前”"
        return f"请改为可量化的指标值，如提升幅度“≥10%”、完成时限{when}、使用年限“≥30年”。"

    out = per_row(vague, WARNING, problem, sugg)
    return findings("vague_target", out)


def target_open_ended(ctx: Context) -> pl.DataFrame:
    """Return a warning per row whose 指标值 only says 长期 / 持续 (no value, no date, no state)."""
    rows = ctx.indicators.filter(~_quantified()).with_columns(t=norm_text(pl.col("target_raw")))
    hits = [r for r in rows.iter_rows(named=True) if r["t"] and OPEN_ENDED.match(r["t"])]

    def sugg(group: list[dict[str, Any]]) -> str:
        year = group[0].get("fiscal_year")
        when = f"{year}年" if year else "本年度"
        return (
            f"请写明{when}要达到的可考核目标：数值（如使用年限“≥10年”、覆盖率“≥95%”）"
            f"或状态与时限（如“{when}12月31日前建成并投入使用”）。"
        )

    def problem(group: list[dict[str, Any]]) -> str:
        return f"指标值「{group[0]['target_raw']}」只说明时间长久，没有可考核的目标值。"

    return findings("target_open_ended", per_row(hits, WARNING, problem, sugg))


def percent_out_of_range(ctx: Context) -> pl.DataFrame:
    """Return per project one error for percentages above 100 or below 0, one warning for ≥100%."""
    pct = ctx.indicators.filter((pl.col("unit") == "%") & pl.col("value").is_not_null())
    impossible = (
        (pl.col("value") > 100)
        | (pl.col("value") < 0)
        | ((pl.col("op") == ">") & (pl.col("value") >= 100))
    )
    at_least_all = pl.col("op").is_in([">=", ">"]) & (pl.col("value") == 100)
    bad = pct.filter(impossible | at_least_all).with_columns(err=impossible)
    rows = list(bad.iter_rows(named=True))
    out = per_row(
        [r for r in rows if r["err"]],
        ERROR,
        lambda g: f"指标值{quoted(r['target_raw'] for r in g)}超出0–100%的范围。",
        "百分比不能超过100%或为负数，请核对指标值（完成率、合格率最多为100%）。",
    )
    out += per_row(
        [r for r in rows if not r["err"]],
        WARNING,
        lambda g: f"指标值{quoted(r['target_raw'] for r in g)}要求不低于100%，实际不可能超过100%。",
        "请改为“=100%”，或设定一个可实现的下限（如“≥95%”）。",
    )
    return findings("percent_out_of_range", out)


def timeliness_outside_year(ctx: Context) -> pl.DataFrame:
    """Return warnings for 时效 rows dated outside the budget year (per project, or per wrong year)."""
    # The raw 二级 too: a 时效 row written oddly (时效性) still states a date.
    timely = (pl.col("l2") == "时效指标") | pl.col("level2").str.contains("时效")
    rows = ctx.indicators.filter(
        timely.fill_null(False) & (pl.col("horizon") != "long_term").fill_null(True)
    )
    late = []
    for row in rows.iter_rows(named=True):
        year = row["fiscal_year"]
        if year is None:
            continue
        texts = [row["name"], row["description"], row["target_raw"]]
        text = " ".join(t for t in texts if t)
        years = sorted({int(y) for y in YEAR.findall(text)} - {int(year)})
        if years:
            late.append({**row, "years": years})
    def problem(group: list[dict[str, Any]]) -> str:
        shown = "、".join(f"{y}年" for y in sorted({y for r in group for y in r["years"]}))
        return f"时效指标中的日期在{shown}，不在{group[0]['fiscal_year']}年预算年度内。"

    def suggestion(group: list[dict[str, Any]]) -> str:
        year = group[0]["fiscal_year"]
        return f"请把完成时限改为{year}年度内的日期（如“{year}年12月31日前完成”），或说明跨年度安排。"

    out = per_row(late, WARNING, problem, suggestion)
    return findings("timeliness_outside_year", out)


def satisfaction_below_floor(ctx: Context) -> pl.DataFrame:
    """Return one info finding per project for 满意度 targets in % below the configured floor."""
    floor = ctx.config.satisfaction_floor
    bad = ctx.indicators.filter(
        (pl.col("l1") == "满意度指标") & (pl.col("unit") == "%") & (pl.col("value") < floor)
    )
    out = per_row(
        bad.iter_rows(named=True),
        INFO,
        lambda rows: f"满意度目标{quoted(r['target_raw'] for r in rows)}低于{floor:g}%。",
        f"服务对象满意度目标一般不低于{floor:g}%，请提高目标值或说明理由。",
    )
    return findings("satisfaction_below_floor", out)


CHECKS = [
    Check("target_missing", ERROR, "指标值未填写", target_missing),
    Check("placeholder_value", ERROR, "指标值为占位符（**、xx、… 等）", placeholder_value),
    Check(
        "vague_target",
        WARNING,
        "指标值为定性表述（明显提升、有效改善、按时完成、总体稳定向好等；社会成本、生态环境成本写“无明显影响”不算）",
        vague_target,
    ),
    Check(
        "target_open_ended",
        WARNING,
        "指标值只写“长期”“持续”“长效”等，既非定量也无可考核的状态",
        target_open_ended,
    ),
    Check(
        "percent_out_of_range",
        "error/warning",
        "百分比超过100%或为负（错误）；要求“≥100%”（警告）",
        percent_out_of_range,
    ),
    Check(
        "timeliness_outside_year",
        WARNING,
        "时效指标中的日期不在预算年度内",
        timeliness_outside_year,
    ),
    Check(
        "satisfaction_below_floor",
        INFO,
        "满意度指标值低于下限（默认80%，可配置；提示，默认不发给单位）",
        satisfaction_below_floor,
    ),
]
