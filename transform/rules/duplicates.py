"""Repetition rules: the same indicator twice in a project, and text copied across many units.

boilerplate_across_units compares the batch with `Context.history`: the staging frames of the
other current submissions the warehouse already holds (the flow passes them). Texts are compared
within one fiscal year, after folding full-width forms and dropping whitespace and punctuation;
texts shorter than `boilerplate_min_chars` (满意度, 按时完工 …) are not compared, and a unit is
counted once however many of its files (old and new versions) carry the text.
"""

from __future__ import annotations

import polars as pl

from transform.rules.base import (
    WARNING,
    Check,
    Context,
    clip,
    finding,
    findings,
    indicator_label,
    norm_text,
)

_PUNCT = r"[\p{P}\p{S}]+"


def _key(expr: pl.Expr) -> pl.Expr:
    """Return a comparison key: folded, without whitespace or punctuation."""
    return norm_text(expr).str.replace_all(_PUNCT, "")


def _keyed(ctx: Context) -> pl.DataFrame:
    """Return indicators with (二级, 三级) name key and a value key (number if quantified, else text)."""
    value = pl.when(pl.col("value").is_not_null() & pl.col("op").is_not_null()).then(
        pl.concat_str(pl.col("op"), pl.col("value").cast(pl.String), pl.col("unit").fill_null(""))
    )
    return ctx.indicators.with_columns(
        name_key=pl.concat_str(
            pl.coalesce(pl.col("l2"), norm_text(pl.col("level2"))).fill_null(""),
            pl.lit("|"),
            _key(pl.col("name")).fill_null(""),
        ),
        value_key=pl.coalesce(value, norm_text(pl.col("target_raw")).fill_null("")),
    ).sort(["submission_id", "project_seq", "indicator_seq"])


def duplicate_indicator(ctx: Context) -> pl.DataFrame:
    """Return warnings for rows repeating an earlier row's (二级, 三级, 指标值) in the same project."""
    ind = _keyed(ctx).with_columns(
        first_seq=pl.col("indicator_seq")
        .first()
        .over(["submission_id", "project_seq", "name_key", "value_key"])
    )
    out = []
    for row in ind.filter(pl.col("indicator_seq") != pl.col("first_seq")).iter_rows(named=True):
        where = f"{row['label']}{indicator_label(row['indicator_seq'], row['name'])}"
        msg = (
            f"{where}：与第{row['first_seq']}行重复（二级指标「{row['level2']}」、三级指标和"
            f"指标值「{row['target_raw']}」均相同）。"
        )
        sugg = "请删除重复的指标，或改为反映不同内容的指标。"
        out.append(finding(row, WARNING, msg, sugg))
    return findings("duplicate_indicator", out)


def repeated_indicator_name(ctx: Context) -> pl.DataFrame:
    """Return warnings for rows repeating an earlier row's (二级, 三级) with another 指标值."""
    ind = _keyed(ctx).with_columns(
        first_name_seq=pl.col("indicator_seq")
        .first()
        .over(["submission_id", "project_seq", "name_key"]),
        first_exact_seq=pl.col("indicator_seq")
        .first()
        .over(["submission_id", "project_seq", "name_key", "value_key"]),
        first_target=pl.col("target_raw")
        .first()
        .over(["submission_id", "project_seq", "name_key"]),
    )
    again = ind.filter(
        (pl.col("indicator_seq") != pl.col("first_name_seq"))
        & (pl.col("indicator_seq") == pl.col("first_exact_seq"))
    )
    out = []
    for row in again.iter_rows(named=True):
        where = f"{row['label']}{indicator_label(row['indicator_seq'], row['name'])}"
        msg = (
            f"{where}：与第{row['first_name_seq']}行的二级、三级指标相同，仅指标值不同"
            f"（「{row['first_target']}」与「{row['target_raw']}」）。"
        )
        sugg = (
            "同一指标只应出现一次：请合并为一行并确定一个指标值，或把三级指标改为不同的考核内容。"
        )
        out.append(finding(row, WARNING, msg, sugg))
    return findings("repeated_indicator_name", out)


def _texts(frames_get: dict[str, pl.DataFrame | None], subs: pl.DataFrame) -> pl.DataFrame:
    """Return one row per comparable text: where it is, which field, the text and its key."""
    base = ["submission_id", "project_seq", "indicator_seq", "field", "text"]
    parts: list[pl.DataFrame] = []
    ind = frames_get.get("indicators")
    if ind is not None and ind.height:
        for col, field in (("name", "三级指标"), ("description", "指标描述")):
            parts.append(
                ind.select(
                    "submission_id", "project_seq", "indicator_seq", field=pl.lit(field), text=col
                )
            )
    proj = frames_get.get("projects")
    if proj is not None and proj.height:
        no_ind = pl.lit(None, dtype=pl.Int32).alias("indicator_seq")
        parts.append(
            proj.select(
                "submission_id", "project_seq", no_ind, field=pl.lit("资金用途"), text="purpose"
            )
        )
        goals = proj.select(
            "submission_id", "project_seq", no_ind, field=pl.lit("绩效目标"), text="goals"
        )
        parts.append(goals.explode("text"))
    dept = frames_get.get("department_goals")
    if dept is not None and dept.height:
        none = pl.lit(None, dtype=pl.Int32)
        for col, field in (("goal", "部门分项绩效目标"), ("indicator", "部门分项绩效指标")):
            parts.append(
                dept.select(
                    "submission_id",
                    project_seq=none,
                    indicator_seq=none,
                    field=pl.lit(field),
                    text=col,
                )
            )
    if not parts:
        return pl.DataFrame()
    texts = pl.concat(
        [
            p.select(base).cast(
                {"project_seq": pl.Int32, "indicator_seq": pl.Int32, "text": pl.String}
            )
            for p in parts
        ]
    )
    who = subs.select(
        "submission_id", "fiscal_year", unit=pl.coalesce("unit_code", "submission_id")
    )
    return (
        texts.join(who, on="submission_id").with_columns(key=_key(pl.col("text"))).drop_nulls("key")
    )


def boilerplate_across_units(ctx: Context) -> pl.DataFrame:
    """Return warnings for goal or indicator text that at least `boilerplate_min_units` units share."""
    cfg = ctx.config
    batch = _texts(
        {n: ctx.frame(n) for n in ("indicators", "projects", "department_goals")},
        ctx.frame("submissions"),
    )
    if batch.height == 0:
        return findings("boilerplate_across_units", [])
    every = [batch]
    hist_subs = ctx.history_frame("submissions")
    if hist_subs is not None:
        hist_subs = hist_subs.filter(pl.col("status") == "loaded")
        hist = {n: ctx.history_frame(n) for n in ("indicators", "projects", "department_goals")}
        every.append(_texts(hist, hist_subs))
    pool = pl.concat([e for e in every if e.height], how="vertical_relaxed")
    shared = (
        pool.filter(pl.col("key").str.len_chars() >= cfg.boilerplate_min_chars)
        .group_by(["fiscal_year", "key"])
        .agg(units=pl.col("unit").n_unique())
        .filter(pl.col("units") >= cfg.boilerplate_min_units)
    )
    hits = batch.join(shared, on=["fiscal_year", "key"], nulls_equal=True, how="inner")
    grain = ["submission_id", "project_seq", "indicator_seq"]
    grouped = (
        hits.sort([*grain, "field"])
        .group_by(grain, maintain_order=True)
        .agg("field", "text", "units")
    )
    subs = ctx.frame("submissions").select("submission_id", "unit_code", "unit_name")
    proj = ctx.projects.select("submission_id", "project_seq", "label")
    ind = ctx.indicators.select("submission_id", "project_seq", "indicator_seq", "name")
    grouped = (
        grouped.join(subs, on="submission_id", how="left")
        .join(proj, on=["submission_id", "project_seq"], how="left", nulls_equal=False)
        .join(ind, on=["submission_id", "project_seq", "indicator_seq"], how="left")
        .sort(grain, nulls_last=False)
    )
    out = []
    for row in grouped.iter_rows(named=True):
        if row["project_seq"] is None:
            where = f"单位 {row['unit_code'] or ''} {row['unit_name'] or ''} 部门整体绩效目标"
        elif row["indicator_seq"] is None:
            where = row["label"]
        else:
            where = f"{row['label']}{indicator_label(row['indicator_seq'], row['name'])}"
        said = "；".join(
            f"{f}「{clip(t)}」与其他{n - 1}个单位相同"
            for f, t, n in zip(row["field"], row["text"], row["units"], strict=True)
        )
        msg = f"{where}：{said}。"
        sugg = "请结合本单位、本项目的实际情况重新填写，不要照搬模板或其他单位的表述。"
        out.append(finding(row, WARNING, msg, sugg))
    return findings("boilerplate_across_units", out)


CHECKS = [
    Check(
        "duplicate_indicator",
        WARNING,
        "同一项目中二级指标、三级指标和指标值完全相同的指标出现两次",
        duplicate_indicator,
    ),
    Check(
        "repeated_indicator_name",
        WARNING,
        "同一项目中二级、三级指标相同而指标值不同的指标重复出现",
        repeated_indicator_name,
    ),
    Check(
        "boilerplate_across_units",
        WARNING,
        "同一段目标或指标文字出现在多个单位（默认3个以上，可配置）",
        boilerplate_across_units,
    ),
]
