"""Copy-check (boilerplate_across_units): specific content copied from a unit of another department.

Copied content is *specific* content identical across units where it cannot be a shared
requirement: names of places and things (张庄村, 红旗水库), numbers with a concrete unit (3.5公里,
16人, 120万元) or a whole sentence of substance. Wording common to many units is not copying:
generic management indicators (办公经费使用合规率 100%, 资金拨付及时率 ≥95%), policy goals and
department duties many units share by design. What is common is learned from every year loaded,
not one: a text (numbers masked) written by at least `template_min_units` units, or by
`template_share` of all units, over all years, is the county's shared wording and never flagged;
nor is a text containing a configured `template_phrases` wording.

A text a unit shares with a unit of another department (first three digits of the unit code)
in the same year, and no more widely, is a finding: a `warning` (sent) when it is specific, an
`info` (kept by the bureau, not sent) when it is not. An indicator row another rule already flags
is left to that rule (`Context.flagged`). One finding per place (project goal or 资金用途 of a project; an
indicator row; the department part of a file), naming the other units.

The rule reads the batch and `Context.history` together: the warehouse runs it over every
current submission at each load, so its findings do not depend on batching.
"""

from __future__ import annotations

import re
from typing import Any

import polars as pl

from transform.rules.base import (
    INFO,
    SEAL,
    WARNING,
    Check,
    Context,
    clip,
    finding,
    findings,
    norm_text,
)

_PUNCT = r"[\p{P}\p{S}]+"
_WHERE = ["submission_id", "project_seq", "indicator_seq"]
INDICATOR = "三级指标及指标值"

# A number with a concrete unit (not %, hours, days: those are the generic management targets).
NUMBER_UNIT = re.compile(
    r"\d+(?:\.\d+)?(?:万元|亿元|元|公里|千米|米|平方米|平方公里|立方米|亩|公顷|吨|座|人次|人|户|所|家|台|套"
    r"|条|处|间|辆|册|株|头|只|张|床|宗|口|眼|盏|块|栋|幢|项|批|KM|km|㎡|m2)"
)
# A proper name of a place or thing: two characters before a place word, unless they are generic.
PLACE = re.compile(
    r"([\u4e00-\u9fff]{2})(村|镇|乡|街道|社区|水库|大桥|小学|中学|卫生院|幼儿园|医院|河|湖|山|片区|小区|园区)"
)
GENERIC_BEFORE = (
    "农", "乡", "城", "各", "全", "行政", "自然", "美丽", "所在", "贫困", "重点", "示范", "文明",
    "和谐", "宜居", "特色", "中心", "基层", "社区", "农村", "城乡", "村镇", "乡镇", "县级",
    "市级", "区级", "公立", "民营", "综合", "定点", "江", "黄", "治", "护", "河", "湖", "上", "下",
)
# A sentence this long (characters, after folding) is a sentence of substance when shared alone.
SUBSTANCE_CHARS = 40


def is_specific(text: str | None) -> bool:
    """Return True when `text` names a place or thing, or holds a number with a concrete unit."""
    if not text:
        return False
    folded = re.sub(r"\s+", "", text)
    if NUMBER_UNIT.search(folded):
        return True
    for m in PLACE.finditer(folded):
        before = m.group(1)
        if not any(before.endswith(g) for g in GENERIC_BEFORE):
            return True
    return False


def _key(expr: pl.Expr) -> pl.Expr:
    """Return a comparison key: folded, without whitespace or punctuation."""
    return norm_text(expr).str.replace_all(_PUNCT, "")


def _value_key() -> pl.Expr:
    """Return an indicator's target as compared: op, number and unit if quantified, else text."""
    value = pl.when(pl.col("value").is_not_null() & pl.col("op").is_not_null()).then(
        pl.concat_str(pl.col("op"), pl.col("value").cast(pl.String), pl.col("unit").fill_null(""))
    )
    return pl.coalesce(value, norm_text(pl.col("target_raw")).fill_null(""))


def _texts(get: dict[str, pl.DataFrame | None], min_name: int) -> pl.DataFrame:
    """Return one row per comparable text: where it is, which field, the text, its keys."""
    none = pl.lit(None, dtype=pl.Int32)
    parts: list[pl.DataFrame] = []
    proj = get.get("projects")
    if proj is not None and proj.height:
        parts.append(
            proj.select(
                "submission_id", "project_seq", none.alias("indicator_seq"),
                field=pl.lit("资金用途"), text="purpose",
            )
        )
        goals = proj.select(
            "submission_id", "project_seq", none.alias("indicator_seq"),
            field=pl.lit("绩效目标"), text="goals",
        )
        parts.append(goals.explode("text"))
    dept = get.get("department_goals")
    if dept is not None and dept.height:
        parts.append(
            dept.select(
                "submission_id", project_seq=none, indicator_seq=none,
                field=pl.lit("部门绩效目标"), text="goal",
            )
        )
    texts = [
        p.cast({"project_seq": pl.Int32, "indicator_seq": pl.Int32, "text": pl.String})
        .with_columns(key=_key(pl.col("text")), specific_text=pl.col("text"))
        .with_columns(template_key=pl.col("key").str.replace_all(r"\d+(\.\d+)?", "#"))
        for p in parts
    ]
    ind = get.get("indicators")
    if ind is not None and ind.height:
        name = _key(pl.col("name")).fill_null("")
        seal = pl.col("name").str.contains(SEAL).fill_null(False)
        combos = ind.filter((name.str.len_chars() >= min_name) & ~seal).select(
            *_WHERE,
            field=pl.lit(INDICATOR),
            text=pl.concat_str(pl.col("name"), pl.lit(" "), pl.col("target_raw").fill_null("")),
            key=pl.concat_str(name, pl.lit("="), _value_key()),
            # A name of a place or thing, or a count of concrete things (≥12座), makes an
            # indicator specific; ≥95% or ≤2小时 never does.
            specific_text=pl.concat_str(
                pl.col("name"), pl.lit(" "), pl.col("target_raw").fill_null("")
            ),
            # The name without its numbers: 完成数量4个 and 完成数量12个 are one wording.
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
    code = pl.coalesce("unit_code", "unit_name", "submission_id")
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
        file=pl.col("file") if "file" in subs.columns else pl.lit(None, dtype=pl.String),
    ).with_columns(
        # A form naming neither code nor unit is named by its file, never by an empty （）.
        unit_label=pl.when(pl.col("unit_label") != "")
        .then("unit_label")
        .otherwise(pl.concat_str(pl.lit("文件 "), pl.col("file").fill_null("（未知）")))
    ).drop("file")


def _every_text(ctx: Context) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Return (texts of the batch and history with their unit, the submissions' units)."""
    names = ("indicators", "projects", "department_goals")
    min_name = ctx.config.boilerplate_min_name_chars
    subs = [ctx.frame("submissions")]
    texts = [_texts({n: ctx.frame(n) for n in names}, min_name)]
    hist_subs = ctx.history_frame("submissions")
    if hist_subs is not None:
        subs.append(hist_subs.filter(pl.col("status") == "loaded"))
        texts.append(_texts({n: ctx.history_frame(n) for n in names}, min_name))
    who = pl.concat([_who(s) for s in subs], how="vertical_relaxed")
    kept = [t for t in texts if t.height]
    if not kept:
        return pl.DataFrame(), who
    return pl.concat(kept, how="vertical_relaxed").join(who, on="submission_id"), who


def _phrase_keys(ctx: Context) -> list[str]:
    frame = pl.DataFrame({"p": list(ctx.config.template_phrases)}, schema={"p": pl.String})
    return [k for k in frame.select(_key(pl.col("p")))["p"].to_list() if k]


def boilerplate_across_units(ctx: Context) -> pl.DataFrame:
    """Return one finding per place whose text is shared with units of other departments only."""
    cfg = ctx.config
    pool, who = _every_text(ctx)
    if pool.height == 0:
        return findings("boilerplate_across_units", [])
    # Free texts must be long enough to be copied rather than coincide.
    pool = pool.filter(
        (pl.col("field") == INDICATOR) | (pl.col("key").str.len_chars() >= cfg.boilerplate_min_chars)
    )
    # Common wording, learned over every year loaded (each unit counted once).
    all_units = max(who.select(pl.col("unit").n_unique()).item(), 1)
    floor = max(cfg.template_min_units, cfg.template_share * all_units)
    common = (
        pool.group_by("field", "template_key")
        .agg(users=pl.col("unit").n_unique())
        .filter(pl.col("users") >= floor)
        .select("field", "template_key", is_common=pl.lit(True))
    )
    pool = pool.join(common, on=["field", "template_key"], how="left").with_columns(
        pl.col("is_common").fill_null(False)
    )
    phrases = _phrase_keys(ctx)
    if phrases:
        told = pl.any_horizontal([pl.col("key").str.contains(p, literal=True) for p in phrases])
        pool = pool.with_columns(is_common=pl.col("is_common") | told)
    pool = pool.filter(~pl.col("is_common"))
    year = ["fiscal_year", "scope"]
    sharers = pool.select(*year, "key", "unit", "dept", "unit_label").unique()
    mine = pool.join(ctx.frame("submissions").select("submission_id"), on="submission_id", how="semi")
    if ctx.flagged is not None and ctx.flagged.height:
        # An indicator row another rule flags (vague, missing, out of range) is that rule's.
        rows = ctx.flagged.select(_WHERE).filter(pl.col("indicator_seq").is_not_null())
        mine = mine.join(rows, on=_WHERE, how="anti")
    pairs = (
        mine.join(sharers, on=[*year, "key"], suffix="_other")
        .filter(pl.col("unit_other") != pl.col("unit"))
        .group_by("submission_id", "key", maintain_order=True)
        .agg(
            others=pl.col("unit_label_other").unique().sort(),
            other_depts=pl.col("dept_other").filter(pl.col("dept_other") != pl.col("dept")).n_unique(),
            same_dept=(pl.col("dept_other") == pl.col("dept")).any(),
        )
        # Copied from another department only: shared inside a department is its own wording.
        .filter((pl.col("other_depts") > 0) & ~pl.col("same_dept"))
    )
    hits = (
        mine.join(pairs, on=["submission_id", "key"])
        .unique([*_WHERE, "field", "key"], keep="first", maintain_order=True)
        .sort([*_WHERE, "field", "key"], nulls_last=False)
    )
    return findings("boilerplate_across_units", _messages(ctx, hits))


def _messages(ctx: Context, hits: pl.DataFrame) -> list[dict[str, Any]]:
    """Return one finding per place (texts copied at the same place are said together)."""
    subs = ctx.frame("submissions").select("submission_id", "unit_code")
    proj = ctx.projects.select("submission_id", "project_seq", "label")
    ind = ctx.indicators.select(*_WHERE, "name")
    rows = (
        hits.join(subs, on="submission_id", how="left")
        .join(proj, on=["submission_id", "project_seq"], how="left")
        .join(ind, on=_WHERE, how="left")
        .sort([*_WHERE, "field", "key"], nulls_last=False)
    )
    out = []
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for r in rows.iter_rows(named=True):
        groups.setdefault(tuple(r[c] for c in _WHERE), []).append(r)
    for group in groups.values():
        first = group[0]
        if first["project_seq"] is None:
            where = "部门整体绩效目标"
        elif first["indicator_seq"] is None:
            where = first["label"]
        else:
            where = f"{first['label']}第{first['indicator_seq']}行 三级指标「{clip(first['name'])}」"
        said = []
        for r in group:
            others = r["others"]
            named = "、".join(others[:3]) + (f"等{len(others)}个单位" if len(others) > 3 else "")
            said.append(f"{r['field']}「{clip(r['text'], 40)}」与其他部门的单位相同（{named}）")
        specific = any(is_specific(r["specific_text"]) for r in group) or any(
            r["field"] != INDICATOR and len(r["key"]) >= SUBSTANCE_CHARS for r in group
        )
        if specific:
            msg = f"{where}：" + "；".join(said) + "，内容具体，疑似照搬。"
            sugg = "请按本单位、本项目的实际情况重新填写，不要照搬其他单位的内容。"
        else:
            msg = f"{where}：" + "；".join(said) + "。"
            sugg = "表述通用，供参考：如与本单位实际不符，请按实际情况填写。"
        out.append(finding(first, WARNING if specific else INFO, msg, sugg))
    return out


CHECKS = [
    Check(
        "boilerplate_across_units",
        "warning/info",
        "与其他部门的单位内容相同（项目绩效目标、资金用途、部门绩效目标或指标）：含具体地名、事物名、带单位的数字或"
        "整句实质内容的为警告，其余为提示；多个单位通用的表述（按已入库的全部年度学习）不算，已被其他规则指出的行不重复指出",
        boilerplate_across_units,
    ),
]
