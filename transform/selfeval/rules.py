"""自评复核: the bureau's re-check of a self-evaluation, as data (rule id, severity, description, check).

`run_selfeval_rules(frames, config)` returns one row per finding (FINDING_SCHEMA): the rule, its
severity, the self-evaluation (submission_key) and the project and row it is about (or the target
row, for an indicator dropped), the value the unit stated and the value the form's own numbers or
its targets give, and a Chinese message naming the project and row, with what to do.

`frames` are current rows (warehouse/selfeval.py reads them): `selfeval_projects`,
`indicator_results` (transform/selfeval/frames.py), `project_links` and `indicator_links`
(transform/selfeval/link.py) and `target_indicators` (the linked target rows: submission_key,
project_seq, indicator_seq, indicator_name, target_raw, target_op, target_value, target_unit).
One finding per defect instance: per indicator row, per project, per target row left out.
Severities as for the target rules: error (must be corrected), warning (should be), info.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

import polars as pl

from transform.division import UNKNOWN_DIVISION
from transform.selfeval.scoring import RATE_TOLERANCE_PCT, SCORE_TOLERANCE, more_is_better

ERROR, WARNING, INFO = "error", "warning", "info"

FINDING_SCHEMA: dict[str, Any] = {
    "rule_id": pl.String,
    "severity": pl.String,
    "submission_key": pl.String,
    "project_seq": pl.Int32,
    "indicator_seq": pl.Int32,
    "target_submission_key": pl.String,
    "target_project_seq": pl.Int32,
    "target_indicator_seq": pl.Int32,
    "project_code": pl.String,
    "project_name": pl.String,
    "indicator_name": pl.String,
    "row_label": pl.String,
    "stated_value": pl.String,
    "expected_value": pl.String,
    "message": pl.String,
    "suggestion": pl.String,
}
GRAIN = ["rule_id", "submission_key", "project_seq", "indicator_seq", "target_submission_key",
         "target_project_seq", "target_indicator_seq"]


@dataclass(frozen=True)
class SelfEvalConfig:
    """Thresholds of the 自评复核 rules, with the bureau's defaults."""

    # low_execution_high_score: a project that spent less than this share of its budget …
    low_execution_pct: float = 60.0
    # … yet gave itself at least this 总分 (优 starts at 90).
    high_score: float = 90.0
    # A stated 执行率 this many percentage points from 全年执行数 ÷ 全年预算数 is a mismatch.
    rate_tolerance_pct: float = RATE_TOLERANCE_PCT
    # Scores (得分, 总分) are compared to this much: forms round to two decimals.
    score_tolerance: float = SCORE_TOLERANCE


@dataclass(frozen=True)
class Context:
    """What the rules read: the current self-evaluation frames, their links and the config."""

    frames: Mapping[str, pl.DataFrame]
    config: SelfEvalConfig

    @cached_property
    def projects(self) -> pl.DataFrame:
        """Return the evaluated projects and department parts."""
        return self.frames["selfeval_projects"]

    @cached_property
    def results(self) -> pl.DataFrame:
        """Return the result rows with their project's code and name, link status and start target."""
        proj = self.projects.select("submission_key", "project_seq", "project_code", "project_name")
        links = self.frames["indicator_links"].filter(pl.col("result_key").is_not_null()).select(
            "result_key", "link_status", "target_submission_key", "target_project_seq",
            "target_indicator_seq")
        start = self.frames["target_indicators"].select(
            pl.col("submission_key").alias("target_submission_key"),
            pl.col("project_seq").alias("target_project_seq"),
            pl.col("indicator_seq").alias("target_indicator_seq"),
            pl.col("target_raw").alias("start_raw"), pl.col("target_op").alias("start_op"),
            pl.col("target_value").alias("start_value"), pl.col("target_unit").alias("start_unit"))
        return (
            self.frames["indicator_results"]
            .join(proj, on=["submission_key", "project_seq"], how="left")
            .join(links, on="result_key", how="left")
            .join(start, on=["target_submission_key", "target_project_seq", "target_indicator_seq"], how="left")
        )


class Check(NamedTuple):
    """One registered 自评复核 rule."""

    rule_id: str
    severity: str
    description: str
    fn: Callable[[Context], list[dict[str, Any]]]


def num(value: float | None) -> str:
    """Return a number as a form writes it (no trailing .0); （空） for none."""
    if value is None:
        return "（空）"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def project_label(row: Mapping[str, Any]) -> str:
    """Return how a message names the project (or the department part)."""
    if row.get("project_seq") == 0:
        return "部门整体自评"
    return f"项目「{row.get('project_name') or '（未填名称）'}」（编码 {row.get('project_code') or '未填'}）"


def row_label(row: Mapping[str, Any]) -> str:
    """Return how a message names a result row: 第N行 三级指标「…」."""
    return f"第{row['indicator_seq']}行 三级指标「{row.get('indicator_name') or '（空）'}」"


def _finding(row: Mapping[str, Any], severity: str, where: str, stated: str, expected: str,
             message: str, suggestion: str, *, indicator: bool = True) -> dict[str, Any]:
    return {
        "severity": severity,
        "submission_key": row["submission_key"],
        "project_seq": row.get("project_seq"),
        "indicator_seq": row.get("indicator_seq") if indicator else None,
        "target_submission_key": row.get("target_submission_key") if indicator else None,
        "target_project_seq": row.get("target_project_seq") if indicator else None,
        "target_indicator_seq": row.get("target_indicator_seq") if indicator else None,
        "project_code": row.get("project_code"),
        "project_name": row.get("project_name"),
        "indicator_name": row.get("indicator_name") if indicator else None,
        "row_label": where,
        "stated_value": stated,
        "expected_value": expected,
        "message": f"{project_label(row)}{where}：{message}",
        "suggestion": suggestion,
    }


def _rows(df: pl.DataFrame, predicate: pl.Expr) -> Iterable[dict[str, Any]]:
    return df.filter(predicate.fill_null(False)).iter_rows(named=True)


def score_above_weight(ctx: Context) -> list[dict[str, Any]]:
    """Return errors where an indicator's 得分 (or budget execution's) exceeds its 分值."""
    out = [
        _finding(r, ERROR, row_label(r), num(r["score"]), f"≤{num(r['weight'])}",
                 f"得分 {num(r['score'])} 高于分值 {num(r['weight'])}。", "得分不能超过该指标的分值，请按评分规则重新打分。")
        for r in _rows(ctx.results, pl.col("score") > pl.col("weight") + ctx.config.score_tolerance)
    ]
    out += [
        _finding(r, ERROR, " 预算执行率", num(r["execution_score"]), f"≤{num(r['execution_weight'])}",
                 f"预算执行得分 {num(r['execution_score'])} 高于分值 {num(r['execution_weight'])}。",
                 "预算执行得分不能超过其分值，请按执行率重新计算。", indicator=False)
        for r in _rows(ctx.projects, pl.col("execution_score") > pl.col("execution_weight") + ctx.config.score_tolerance)
    ]
    return out


def _missed() -> pl.Expr:
    return pl.col("met").not_()


def full_score_on_missed(ctx: Context) -> list[dict[str, Any]]:
    """Return errors for a full score on a row whose actual value misses its target."""
    return [
        _finding(r, ERROR, row_label(r), num(r["score"]), num(r["justified_score"]),
                 f"实际完成值「{r['actual_raw']}」未达到指标值「{r['target_raw']}」，却得满分 {num(r['score'])}"
                 f"（按完成比例应得 {num(r['justified_score'])} 分）。",
                 "未完成的指标不应得满分：请按实际完成值与指标值的比例重新打分。")
        for r in _rows(ctx.results, _missed() & (pl.col("score") >= pl.col("weight") - ctx.config.score_tolerance))
    ]


def score_above_justified(ctx: Context) -> list[dict[str, Any]]:
    """Return warnings for a score above what the actual value justifies (not a full score on a miss, not above 分值)."""
    return [
        _finding(r, WARNING, row_label(r), num(r["score"]), num(r["justified_score"]),
                 f"得分 {num(r['score'])} 高于按实际完成值「{r['actual_raw']}」与指标值「{r['target_raw']}」"
                 f"计算的 {num(r['justified_score'])} 分。",
                 "定量指标按“实际完成值÷指标值×分值”（越小越好的指标按“指标值÷实际完成值×分值”）计分，请重新打分。")
        for r in _rows(ctx.results, (pl.col("score") > pl.col("justified_score") + ctx.config.score_tolerance)
                       & (pl.col("score") <= pl.col("weight") + ctx.config.score_tolerance)  # above 分值: its own rule
                       & ~(_missed() & (pl.col("score") >= pl.col("weight") - ctx.config.score_tolerance)).fill_null(False))
    ]


def missed_without_reason(ctx: Context) -> list[dict[str, Any]]:
    """Return warnings for a missed target without 偏差原因."""
    blank = pl.col("deviation").is_null() | (pl.col("deviation").str.strip_chars() == "")
    return [
        _finding(r, WARNING, row_label(r), r["actual_raw"] or "（空）", r["target_raw"] or "（空）",
                 f"实际完成值「{r['actual_raw']}」未达到指标值「{r['target_raw']}」，未填写偏差原因。",
                 "请在“偏差原因分析及改进措施”栏说明未完成的原因和改进措施。")
        for r in _rows(ctx.results, _missed() & blank)
    ]


def execution_rate_mismatch(ctx: Context) -> list[dict[str, Any]]:
    """Return errors where the stated 执行率 differs from 全年执行数 ÷ 全年预算数."""
    gap = (pl.col("execution_rate_stated_pct") - pl.col("execution_rate_pct")).abs()
    return [
        _finding(r, ERROR, " 预算执行率", f"{num(r['execution_rate_stated_pct'])}%", f"{num(r['execution_rate_pct'])}%",
                 f"填报的执行率 {num(r['execution_rate_stated_pct'])}% 与全年执行数 {num(r['spent_yuan'])}元 ÷ "
                 f"全年预算数 {num(r['budget_full_year_yuan'] or r['budget_initial_yuan'])}元 = "
                 f"{num(r['execution_rate_pct'])}% 不符。",
                 "执行率 = 全年执行数 ÷ 全年预算数，请核对资金数和执行率。", indicator=False)
        for r in _rows(ctx.projects, gap > ctx.config.rate_tolerance_pct)
    ]


def execution_score_mismatch(ctx: Context) -> list[dict[str, Any]]:
    """Return warnings where budget execution's 得分 is not the stated 执行率 × 分值 (at most 分值).

    The stated rate, not the recomputed one: a wrong rate is execution_rate_mismatch's finding, and a
    score that follows it is not a second defect."""
    gap = (pl.col("execution_score") - pl.col("execution_score_justified")).abs()
    return [
        _finding(r, WARNING, " 预算执行得分", num(r["execution_score"]), num(r["execution_score_justified"]),
                 f"预算执行得分 {num(r['execution_score'])} 与执行率 × 分值 = {num(r['execution_score_justified'])} 不符。",
                 "预算执行得分 = 执行率 × 分值（最高为分值），请重新计算。", indicator=False)
        for r in _rows(ctx.projects, gap > ctx.config.score_tolerance)
    ]


def total_score_mismatch(ctx: Context) -> list[dict[str, Any]]:
    """Return errors where 总分 is not the sum of the execution score and the indicator scores."""
    gap = (pl.col("total_score") - pl.col("total_score_computed")).abs()
    return [
        _finding(r, ERROR, " 总分", num(r["total_score"]), num(r["total_score_computed"]),
                 f"总分 {num(r['total_score'])} 不等于预算执行得分与各指标得分之和 {num(r['total_score_computed'])}。",
                 "总分应为预算执行得分与各项指标得分之和，请核对。", indicator=False)
        for r in _rows(ctx.projects, gap > ctx.config.score_tolerance)
    ]


def _easier(op: str | None, value: float | None, unit: str | None, ref_op: str | None,
            ref_value: float | None, ref_unit: str | None, cost: bool) -> bool:
    """Return True when (op, value) asks less than (ref_op, ref_value) in the same unit."""
    if None in (op, value, ref_op, ref_value) or unit != ref_unit:
        return False
    assert value is not None and ref_value is not None
    if more_is_better(ref_op, cost):
        return value < ref_value - 1e-9
    return value > ref_value + 1e-9


def target_restated_lower(ctx: Context) -> list[dict[str, Any]]:
    """Return errors where the self-evaluation restates (or adjusts) a target below the one set at the start."""
    out = []
    for r in ctx.results.iter_rows(named=True):
        cost = bool(r["is_cost"])
        if r["start_op"] is not None and _easier(r["target_op"], r["target_value"], r["target_unit"],
                                                 r["start_op"], r["start_value"], r["start_unit"], cost):
            out.append(_finding(
                r, ERROR, row_label(r), r["target_raw"], r["start_raw"],
                f"自评表中的指标值「{r['target_raw']}」低于年初设定的绩效目标「{r['start_raw']}」。",
                "自评应以年初批复的绩效目标为准；确需调整的，应附调整批复并在偏差原因中说明。"))
            continue
        ref = (r["start_op"], r["start_value"], r["start_unit"], r["start_raw"]) if r["start_op"] else (
            r["target_op"], r["target_value"], r["target_unit"], r["target_raw"])
        if _easier(r["adjusted_op"], r["adjusted_value"], r["adjusted_unit"], ref[0], ref[1], ref[2], cost):
            out.append(_finding(
                r, ERROR, row_label(r), r["adjusted_target_raw"], ref[3],
                f"调整指标值「{r['adjusted_target_raw']}」低于年初设定的绩效目标「{ref[3]}」。",
                "调整绩效目标须经批复：请提供调整依据；未经批复的，按年初目标自评。"))
    return out


def indicator_dropped(ctx: Context) -> list[dict[str, Any]]:
    """Return warnings for target rows (or whole projects) left out of the self-evaluation."""
    targets = ctx.frames["target_indicators"].select(
        pl.col("submission_key").alias("target_submission_key"),
        pl.col("project_seq").alias("target_project_seq"),
        pl.col("indicator_seq").alias("target_indicator_seq"), "indicator_name", "target_raw")
    links = ctx.frames["indicator_links"].filter(pl.col("link_status") == "dropped").join(
        targets, on=["target_submission_key", "target_project_seq", "target_indicator_seq"], how="left")
    proj = ctx.projects.select(pl.col("submission_key").alias("selfeval_submission_key"),
                               pl.col("project_seq").alias("selfeval_project_seq"), "project_code", "project_name")
    out = []
    for r in links.join(proj, on=["selfeval_submission_key", "selfeval_project_seq"], how="left").iter_rows(named=True):
        row = {**r, "submission_key": r["selfeval_submission_key"], "project_seq": r["selfeval_project_seq"],
               "indicator_seq": None}
        where = f" 年初目标第{r['target_indicator_seq']}行 三级指标「{r['indicator_name'] or '（空）'}」"
        out.append(_finding(row, WARNING, where, "（自评表中没有）", r["target_raw"] or "（空）",
                            f"年初设定的指标（指标值「{r['target_raw']}」）未出现在自评表中。",
                            "年初设定的每项指标都应自评：请补充该指标的实际完成值、得分和偏差原因。"))
    for r in ctx.frames["project_links"].filter(pl.col("link_status") == "not_evaluated").iter_rows(named=True):
        row = {"submission_key": r["selfeval_submission_key"], "project_seq": None,
               "target_submission_key": r["target_submission_key"], "target_project_seq": r["target_project_seq"],
               "project_code": r["project_code"], "project_name": r["project_name"]}
        out.append({**_finding(row, WARNING, "", "（自评表中没有）", "年初设定的项目",
                               "年初设定了绩效目标，但本次自评未包含该项目。",
                               "请补充该项目的绩效自评表。", indicator=False),
                    "target_submission_key": r["target_submission_key"],
                    "target_project_seq": r["target_project_seq"]})
    return out


def indicator_added(ctx: Context) -> list[dict[str, Any]]:
    """Return advice for result rows that no target of the start of the year had."""
    return [
        _finding(r, INFO, row_label(r), r["target_raw"] or "（空）", "（年初目标中没有）",
                 "该指标不在年初设定的绩效目标中，为事后增加。",
                 "自评应以年初设定的指标为准；新增指标请说明原因。")
        for r in _rows(ctx.results, pl.col("link_status") == "added")
    ]


def low_execution_high_score(ctx: Context) -> list[dict[str, Any]]:
    """Return warnings for a project that spent far below budget yet scored itself high."""
    cfg = ctx.config
    rate = pl.coalesce("execution_rate_pct", "execution_rate_stated_pct")
    df = ctx.projects.with_columns(rate=rate)
    return [
        _finding(r, WARNING, " 总分", num(r["total_score"]), f"执行率 {num(r['rate'])}%",
                 f"预算执行率仅 {num(r['rate'])}%（低于 {num(cfg.low_execution_pct)}%），自评总分却为 "
                 f"{num(r['total_score'])} 分。",
                 "资金执行明显滞后的项目，请核实产出与效益指标的完成情况和得分。", indicator=False)
        for r in _rows(df, (pl.col("rate") < cfg.low_execution_pct) & (pl.col("total_score") >= cfg.high_score))
    ]


def county_unknown(ctx: Context) -> list[dict[str, Any]]:
    """Return a warning for a self-evaluation whose county neither the file nor one county's targets give.

    Its county is unknown (no 项目编码, no county folder or setting: transform/division.py) and no
    current targets of its unit and year are in exactly one county (transform/selfeval/link.py), so
    it belongs to no unit the bureau knows and nothing in it could be compared with a target.
    """
    targets = ctx.frames["target_projects"]
    links = ctx.frames["project_links"]
    out = []
    subs = ctx.projects.filter(pl.col("division_code") == UNKNOWN_DIVISION).unique("submission_key", keep="first")
    for r in subs.sort("submission_key").iter_rows(named=True):
        placed = links.filter(pl.col("selfeval_submission_key") == r["submission_key"])["division_code"]
        county = placed[0] if placed.len() else UNKNOWN_DIVISION
        # a blank 单位编码 names no unit (no target is "its" for want of a code)
        same_unit = pl.lit(False) if r["unit_code"] is None else pl.col("unit_code") == r["unit_code"]
        mine = same_unit & (pl.col("fiscal_year") == r["fiscal_year"])
        if targets.filter(mine & (pl.col("division_code") == county)).height:
            continue  # linked to the targets of its unit, in the one county that has it
        counties = targets.filter(mine & (pl.col("division_code") != UNKNOWN_DIVISION))["division_code"].n_unique()
        year, code = r["fiscal_year"], r["unit_code"] or "（未填）"
        why = (f"有{counties}个县区的{year}年度绩效目标都有单位编码{code}，无法确定是哪一个" if counties
               else f"也没有任何县区的{year}年度绩效目标中有单位编码{code}")
        out.append({
            "severity": WARNING, "submission_key": r["submission_key"], "project_seq": None,
            "indicator_seq": None, "target_submission_key": None, "target_project_seq": None,
            "target_indicator_seq": None, "project_code": None, "project_name": None, "indicator_name": None,
            "row_label": "", "stated_value": f"单位编码 {code}", "expected_value": "所属县区",
            "message": f"未能确定本自评所属县区：自评表中没有可识别县区的项目编码，{why}，自评无法与年初绩效目标对照复核。",
            "suggestion": f"请在自评表中填写各项目的项目编码，并确认已报送本单位{year}年度绩效目标表。",
        })
    return out


CHECKS: list[Check] = [
    Check("selfeval_score_above_weight", ERROR, "得分高于分值", score_above_weight),
    Check("selfeval_full_score_on_missed", ERROR, "实际完成值未达到指标值却得满分", full_score_on_missed),
    Check("selfeval_score_above_justified", WARNING, "得分高于实际完成值与指标值计算的分数", score_above_justified),
    Check("selfeval_missed_without_reason", WARNING, "未完成指标值却未填写偏差原因", missed_without_reason),
    Check("selfeval_execution_rate_mismatch", ERROR, "执行率与全年执行数÷全年预算数不符", execution_rate_mismatch),
    Check("selfeval_execution_score_mismatch", WARNING, "预算执行得分与执行率×分值不符", execution_score_mismatch),
    Check("selfeval_total_score_mismatch", ERROR, "总分不等于各项得分之和", total_score_mismatch),
    Check("selfeval_target_lowered", ERROR, "自评表中的指标值或调整指标值低于年初设定的目标", target_restated_lower),
    Check("selfeval_indicator_dropped", WARNING, "年初设定的指标或项目未出现在自评中", indicator_dropped),
    Check("selfeval_indicator_added", INFO, "自评中的指标在年初目标中没有（事后增加）", indicator_added),
    Check("selfeval_low_execution_high_score", WARNING, "预算执行率低而自评总分高", low_execution_high_score),
    Check("selfeval_county_unknown", WARNING, "自评无法确定所属县区（无项目编码，也没有唯一县区的绩效目标有该单位）",
          county_unknown),
]


class RuleInfo(NamedTuple):
    """A rule as dim_selfeval_rule stores it."""

    rule_id: str
    severity: str
    description: str


RULES: list[RuleInfo] = [RuleInfo(c.rule_id, c.severity, c.description) for c in CHECKS]


def run_selfeval_rules(
    frames: Mapping[str, pl.DataFrame], config: SelfEvalConfig | None = None,
    only: Iterable[str] | None = None,
) -> pl.DataFrame:
    """Return the findings of every 自评复核 rule (or those in `only`) over current self-evaluation frames."""
    ctx = Context(frames=frames, config=config or SelfEvalConfig())
    wanted = set(only) if only is not None else None
    records = [
        {**row, "rule_id": c.rule_id}
        for c in CHECKS if wanted is None or c.rule_id in wanted
        for row in c.fn(ctx)
    ]
    result = pl.DataFrame([{k: r.get(k) for k in FINDING_SCHEMA} for r in records], schema=FINDING_SCHEMA)
    duplicated = result.filter(result.select(GRAIN).is_duplicated())
    if duplicated.height:  # a rule broke its own grain: a bug here, not in the data
        raise AssertionError(f"self-evaluation findings repeat their grain: {duplicated.head(3).to_dicts()}")
    return result.sort(["submission_key", "project_seq", "indicator_seq", "rule_id"], nulls_last=False)
