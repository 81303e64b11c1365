"""What the county's template asks for, inferred from the county's files (模板中有的栏目).

A finding that a field is blank (未填写项目编码, 单位编码, 资金支出计划) is only right where the
county's template has that field: a template without a 项目编码 cell cannot be filled in. Which
fields a template has is read from the files of the same county and year (the batch and the
history): a field is the template's when at least `template_field_share` of those files fill it
somewhere. Rules that use this read other units' files, so they are cross-unit rules.
"""

from __future__ import annotations

import polars as pl

from transform.division import UNKNOWN_DIVISION
from transform.rules.base import Context


def _loaded(ctx: Context) -> pl.DataFrame:
    subs = [ctx.frame("submissions")]
    hist = ctx.history_frame("submissions")
    if hist is not None:
        subs.append(hist.filter(pl.col("status") == "loaded"))
    cols = ["submission_id", "fiscal_year", "division_code"]
    every = pl.concat(
        [s.select([c for c in cols if c in s.columns]) for s in subs], how="diagonal_relaxed"
    )
    if "division_code" not in every.columns:
        every = every.with_columns(division_code=pl.lit(None, dtype=pl.String))
    return every.with_columns(pl.col("division_code").fill_null(""))


def _frame(ctx: Context, name: str) -> pl.DataFrame:
    parts = [ctx.frame(name)]
    hist = ctx.history_frame(name)
    if hist is not None:
        parts.append(hist)
    return (
        pl.concat(
            [
                p.select("submission_id", *[c for c in p.columns if c != "submission_id"])
                for p in parts
                if p.height
            ],
            how="diagonal_relaxed",
        )
        if any(p.height for p in parts)
        else pl.DataFrame(schema={"submission_id": pl.String})
    )


def template_has(ctx: Context, name: str, filled: pl.Expr) -> set[str]:
    """Return the batch's submission ids whose county-year template has the field `filled` tests.

    `name` is the frame holding the field ("submissions", "projects", "spending_plan"); a file
    fills the field when one of its rows there passes `filled`.
    """
    every = _loaded(ctx)
    rows = _frame(ctx, name)
    with_field = (
        rows.filter(filled.fill_null(False)).select("submission_id").unique()
        if rows.height
        else pl.DataFrame(schema={"submission_id": pl.String})
    )
    every = every.with_columns(
        has=pl.col("submission_id").is_in(with_field["submission_id"].implode())
    )
    # A file whose county is not known is compared with every file of its year.
    known = ~pl.col("division_code").is_in(["", UNKNOWN_DIVISION])
    by_county = every.group_by("fiscal_year", "division_code").agg(
        files=pl.len(), filling=pl.col("has").sum()
    )
    by_year = every.group_by("fiscal_year").agg(
        year_files=pl.len(), year_filling=pl.col("has").sum()
    )
    joined = (
        every.join(by_county, on=["fiscal_year", "division_code"])
        .join(by_year, on="fiscal_year")
        .with_columns(
            files=pl.when(known).then("files").otherwise("year_files"),
            filling=pl.when(known).then("filling").otherwise("year_filling"),
        )
    )
    ok = joined.filter(pl.col("filling") >= ctx.config.template_field_share * pl.col("files"))
    batch = set(ctx.frame("submissions")["submission_id"].to_list())
    return {s for s in ok["submission_id"].to_list() if s in batch}
