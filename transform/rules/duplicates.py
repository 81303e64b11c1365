"""Repetition rules: the same indicator twice in a project (copied content: transform/rules/copying.py).

"""

from __future__ import annotations

from typing import Any

import polars as pl

from transform.rules.base import (
    WARNING,
    Check,
    Context,
    clip,
    findings,
    norm_text,
    per_row,
    rows_label,
)

_PUNCT = r"[\p{P}\p{S}]+"


def _key(expr: pl.Expr) -> pl.Expr:
    """Return a comparison key: folded, without whitespace or punctuation."""
    return norm_text(expr).str.replace_all(_PUNCT, "")


def _value_key() -> pl.Expr:
    """Return an indicator's target as compared: op, number and unit if quantified, else text."""
    value = pl.when(pl.col("value").is_not_null() & pl.col("op").is_not_null()).then(
        pl.concat_str(pl.col("op"), pl.col("value").cast(pl.String), pl.col("unit").fill_null(""))
    )
    return pl.coalesce(value, norm_text(pl.col("target_raw")).fill_null(""))


def duplicate_indicator(ctx: Context) -> pl.DataFrame:
    """Return one warning per project whose rows repeat an earlier row's (二级, 三级), same value or not."""
    ind = (
        ctx.indicators.with_columns(
            # A 长期 row and an 年度 row of the same indicator (side by side in many county
            # templates) are two targets, not a repeat: rows are compared within their horizon.
            name_key=pl.concat_str(
                pl.col("horizon").fill_null(""),
                pl.lit("|"),
                pl.coalesce(pl.col("l2"), norm_text(pl.col("level2"))).fill_null(""),
                pl.lit("|"),
                _key(pl.col("name")).fill_null(""),
            ),
            value_key=_value_key(),
        )
        .sort(["submission_id", "project_seq", "indicator_seq"])
        .with_columns(
            first_seq=pl.col("indicator_seq")
            .first()
            .over(["submission_id", "project_seq", "name_key"]),
            first_target=pl.col("target_raw")
            .first()
            .over(["submission_id", "project_seq", "name_key"]),
            first_value=pl.col("value_key")
            .first()
            .over(["submission_id", "project_seq", "name_key"]),
        )
    )
    # Rows without a name (a template's blank or merged cells) repeat nothing.
    named = _key(pl.col("name")).fill_null("") != ""
    again = ind.filter((pl.col("indicator_seq") != pl.col("first_seq")) & named)

    def problem(rows: list[dict[str, Any]]) -> str:
        parts = []
        for first_seq, same in group_by_first(rows):
            r0 = same[0]
            what = f"与第{first_seq}行的二级、三级指标「{clip(r0['name'], 16)}」相同"
            exact = [r for r in same if r["value_key"] == r["first_value"]]
            other = [r for r in same if r["value_key"] != r["first_value"]]
            if exact:
                seqs = rows_label(r["indicator_seq"] for r in exact)
                parts.append(f"{seqs}{what}，指标值也相同")
            if other:
                seqs = rows_label(r["indicator_seq"] for r in other)
                values = "".join(dict.fromkeys(f"「{r['target_raw']}」" for r in other))
                parts.append(f"{seqs}{what}，仅指标值不同（「{r0['first_target']}」与{values}）")
        return "；".join(parts) + "。"

    sugg = "同一指标只应出现一次：请删除重复的行，或合并为一行并确定一个指标值，或改为反映不同内容的指标。"
    out = per_row(again.iter_rows(named=True), WARNING, problem, sugg)
    return findings("duplicate_indicator", out)


def group_by_first(rows: list[dict[str, Any]]) -> list[tuple[int, list[dict[str, Any]]]]:
    """Return the repeated rows of a project grouped by the row they repeat."""
    groups: dict[int, list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault(r["first_seq"], []).append(r)
    return sorted(groups.items())


CHECKS = [
    Check(
        "duplicate_indicator",
        WARNING,
        "同一项目中二级、三级指标相同的指标出现两次（指标值相同或不同）",
        duplicate_indicator,
    ),
]
