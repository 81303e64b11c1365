"""Repetition rules: the same indicator twice in a project, and content copied from another unit.

boilerplate_across_units looks for copied content, not shared wording: a project goal (绩效目标),
资金用途, department goal or indicator (三级指标 with its 指标值) that a unit has in common with a
unit of a *different* department in the same budget year. Texts every unit is told to write are
the county's template and never flagged: learned from frequency (used by a large share of the
year's units, `template_share`) plus a configured list (`template_phrases`). One finding per
unit and copied text, naming the other units. Texts are compared after folding full-width forms
and dropping whitespace and punctuation.

The rule reads the batch and `Context.history` together: the warehouse runs it over every
current submission of the year at each load, so its findings do not depend on batching.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from transform.rules.base import (
    WARNING,
    Check,
    Context,
    across_projects,
    clip,
    finding,
    findings,
    group_rows,
    norm_text,
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
            name_key=pl.concat_str(
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
    again = ind.filter(pl.col("indicator_seq") != pl.col("first_seq"))

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

    def repeated_names(rows: list[dict[str, Any]]) -> tuple[str, ...]:
        return tuple(sorted({r["name_key"] for r in rows}))

    sugg = "同一指标只应出现一次：请删除重复的行，或合并为一行并确定一个指标值，或改为反映不同内容的指标。"
    groups = group_rows(again.iter_rows(named=True))
    out = across_projects(groups, repeated_names, WARNING, problem, sugg)
    return findings("duplicate_indicator", out)


def group_by_first(rows: list[dict[str, Any]]) -> list[tuple[int, list[dict[str, Any]]]]:
    """Return the repeated rows of a project grouped by the row they repeat."""
    groups: dict[int, list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault(r["first_seq"], []).append(r)
    return sorted(groups.items())


_WHERE = ["submission_id", "project_seq", "indicator_seq"]


def _texts(frames_get: dict[str, pl.DataFrame | None], min_name: int) -> pl.DataFrame:
    """Return one row per comparable text: where it is, which field, the text, its key and template key."""
    none = pl.lit(None, dtype=pl.Int32)
    parts: list[pl.DataFrame] = []
    proj = frames_get.get("projects")
    if proj is not None and proj.height:
        parts.append(
            proj.select(
                "submission_id",
                "project_seq",
                none.alias("indicator_seq"),
                field=pl.lit("资金用途"),
                text="purpose",
            )
        )
        goals = proj.select(
            "submission_id",
            "project_seq",
            none.alias("indicator_seq"),
            field=pl.lit("绩效目标"),
            text="goals",
        )
        parts.append(goals.explode("text"))
    dept = frames_get.get("department_goals")
    if dept is not None and dept.height:
        parts.append(
            dept.select(
                "submission_id",
                project_seq=none,
                indicator_seq=none,
                field=pl.lit("部门绩效目标"),
                text="goal",
            )
        )
    texts = [
        p.cast({"project_seq": pl.Int32, "indicator_seq": pl.Int32, "text": pl.String})
        .with_columns(key=_key(pl.col("text")))
        .with_columns(template_key=pl.col("key"))
        for p in parts
    ]
    ind = frames_get.get("indicators")
    if ind is not None and ind.height:
        name = _key(pl.col("name")).fill_null("")
        combos = ind.filter(name.str.len_chars() >= min_name).select(
            *_WHERE,
            field=pl.lit("三级指标及指标值"),
            text=pl.concat_str(pl.col("name"), pl.lit(" "), pl.col("target_raw").fill_null("")),
            key=pl.concat_str(name, pl.lit("="), _value_key()),
            # The name without its numbers: 完成数量4个 and 完成数量12个 are one template name.
            template_key=name.str.replace_all(r"\d+(\.\d+)?", "#"),
        )
        texts.append(combos.cast({"project_seq": pl.Int32, "indicator_seq": pl.Int32}))
    if not texts:
        return pl.DataFrame()
    return pl.concat(texts, how="vertical_relaxed").filter(
        pl.col("key").is_not_null() & (pl.col("key") != "")
    )


def _who(subs: pl.DataFrame) -> pl.DataFrame:
    """Return per submission its year, scope (county when known), unit id, department and label."""
    scope = pl.col("division_code") if "division_code" in subs.columns else pl.lit("")
    code = pl.coalesce("unit_code", "submission_id")
    return subs.select(
        "submission_id",
        "fiscal_year",
        scope=scope.fill_null(""),
        unit=pl.concat_str(scope.fill_null(""), pl.lit("/"), code),
        # A department is the first three digits of its units' codes (dim_unit.department_code).
        dept=pl.concat_str(
            scope.fill_null(""),
            pl.lit("/"),
            pl.when(pl.col("unit_code").str.contains(r"^\d{6}$"))
            .then(pl.col("unit_code").str.slice(0, 3))
            .otherwise(code),
        ),
        unit_label=pl.concat_str(
            pl.col("unit_code").fill_null(""), pl.lit(" "), pl.col("unit_name").fill_null("")
        ).str.strip_chars(),
    )


def _every_text(ctx: Context) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Return (texts of the batch and history with their unit, units per year) for the rule."""
    names = ("indicators", "projects", "department_goals")
    min_name = ctx.config.boilerplate_min_name_chars
    subs = [ctx.frame("submissions")]
    texts = [_texts({n: ctx.frame(n) for n in names}, min_name)]
    hist_subs = ctx.history_frame("submissions")
    if hist_subs is not None:
        subs.append(hist_subs.filter(pl.col("status") == "loaded"))
        texts.append(_texts({n: ctx.history_frame(n) for n in names}, min_name))
    who = pl.concat([_who(s) for s in subs], how="vertical_relaxed")
    pool = (
        pl.concat([t for t in texts if t.height], how="vertical_relaxed")
        if any(t.height for t in texts)
        else pl.DataFrame()
    )
    if pool.height == 0:
        return pool, who
    return pool.join(who, on="submission_id"), who


def boilerplate_across_units(ctx: Context) -> pl.DataFrame:
    """Return one warning per unit and copied text shared with units of other departments."""
    cfg = ctx.config
    pool, who = _every_text(ctx)
    if pool.height == 0:
        return findings("boilerplate_across_units", [])
    year = ["fiscal_year", "scope"]
    units = who.group_by(year).agg(year_units=pl.col("unit").n_unique())
    phrases = [
        k
        for k in pl.DataFrame({"p": list(cfg.template_phrases)}, schema={"p": pl.String})
        .select(_key(pl.col("p")))["p"]
        .to_list()
        if k
    ]
    # Free texts must be long enough to be copied rather than coincide.
    long_enough = (pl.col("field") == "三级指标及指标值") | (
        pl.col("key").str.len_chars() >= cfg.boilerplate_min_chars
    )
    pool = pool.filter(long_enough)
    template_units = (
        pool.group_by([*year, "field", "template_key"])
        .agg(template_units=pl.col("unit").n_unique())
        .join(units, on=year)
        .filter(
            (pl.col("template_units") >= cfg.template_min_units)
            & (pl.col("template_units") >= cfg.template_share * pl.col("year_units"))
        )
        .select(*year, "field", "template_key", is_template=pl.lit(True))
    )
    pool = pool.join(template_units, on=[*year, "field", "template_key"], how="left")
    if phrases:
        told = pl.any_horizontal([pl.col("key").str.contains(p, literal=True) for p in phrases])
        pool = pool.with_columns(is_template=pl.col("is_template").fill_null(False) | told)
    pool = pool.filter(~pl.col("is_template").fill_null(False))
    sharers = pool.select(*year, "key", "unit", "dept", "unit_label").unique()
    batch_ids = ctx.frame("submissions").select("submission_id")
    mine = pool.join(batch_ids, on="submission_id", how="semi")
    pairs = (
        mine.join(sharers, on=[*year, "key"], suffix="_other")
        .filter(pl.col("dept_other") != pl.col("dept"))
        .group_by("submission_id", "key", maintain_order=True)
        .agg(others=pl.col("unit_label_other").unique().sort())
    )
    hits = mine.join(pairs, on=["submission_id", "key"]).sort([*_WHERE, "field"], nulls_last=False)
    copied = (
        hits.group_by("submission_id", "key", maintain_order=True)
        .agg(
            pl.first("project_seq", "indicator_seq", "field", "text", "others"),
            projects=pl.col("project_seq").drop_nulls().unique().sort(),
        )
        .sort([*_WHERE, "field", "key"], nulls_last=False)
    )
    return findings("boilerplate_across_units", _messages(ctx, copied))


def _messages(ctx: Context, copied: pl.DataFrame) -> list[dict[str, Any]]:
    """Return one finding per location (texts copied at the same place are said together)."""
    subs = ctx.frame("submissions").select("submission_id", "unit_code", "unit_name")
    proj = ctx.projects.select("submission_id", "project_seq", "label")
    ind = ctx.indicators.select(*_WHERE, "name")
    rows = (
        copied.join(subs, on="submission_id", how="left")
        .join(proj, on=["submission_id", "project_seq"], how="left")
        .join(ind, on=_WHERE, how="left")
        .sort([*_WHERE, "field", "key"], nulls_last=False)
    )
    out = []
    for group in _by_location(rows.iter_rows(named=True)):
        first = group[0]
        if first["project_seq"] is None:
            where = "部门整体绩效目标"
        elif first["indicator_seq"] is None:
            where = first["label"]
        else:
            where = f"{first['label']}第{first['indicator_seq']}行"
        said = []
        for r in group:
            others = r["others"]
            named = "、".join(others[:3]) + (f"等{len(others)}个单位" if len(others) > 3 else "")
            also = [s for s in r["projects"] if s != r["project_seq"]]
            again = f"（本单位第{'、'.join(str(s) for s in also)}个项目也有）" if also else ""
            said.append(
                f"{r['field']}「{clip(r['text'], 40)}」与其他部门的单位相同：{named}{again}"
            )
        msg = f"{where}：" + "；".join(said) + "。"
        sugg = "请按本单位、本项目的实际情况重新填写，不要照搬其他单位的内容。"
        out.append(finding(first, WARNING, msg, sugg))
    return out


def _by_location(rows: Any) -> list[list[dict[str, Any]]]:
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault(tuple(r[c] for c in _WHERE), []).append(r)
    return list(groups.values())


CHECKS = [
    Check(
        "duplicate_indicator",
        WARNING,
        "同一项目中二级、三级指标相同的指标出现两次（指标值相同或不同）",
        duplicate_indicator,
    ),
    Check(
        "boilerplate_across_units",
        WARNING,
        "项目绩效目标、资金用途、部门绩效目标或指标（三级指标及指标值）与其他部门的单位相同"
        "（照搬；全县多数单位通用的模板表述不算）",
        boilerplate_across_units,
    ),
]
