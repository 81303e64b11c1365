"""A self-evaluation record (contract v4, kind self_evaluation) -> rows of its three facts.

- `selfeval_projects` (fct_selfeval_project): one row per evaluated project, plus one for the
  department part (project_seq 0, subject department) when the file has one: the stated 执行率,
  分值, 得分, 总分, 等级, texts, the money totals, and what the form's own numbers give
  (execution_rate_pct, execution_score_justified, total_score_computed, rating_justified);
- `selfeval_budget_lines` (fct_selfeval_budget_line): one row per money line (总额, 财政拨款,
  上年结转, 其他资金 …) with its recomputed rate;
- `indicator_results` (fct_indicator_result): one row per indicator row with its restated target,
  adjusted target, actual value, 分值, 得分, 偏差原因, `met` and the score the numbers justify.

Every row carries the file, county, unit and year like the target facts (transform/frames.py)
and the texts it is matched by (transform/selfeval/scoring.match_text). A self-evaluation whose
county is unknown belongs to no unit of its own (`selfeval_unit_key`): its rows carry the unknown
unit until the warehouse links it to the one county whose targets have its unit.
"""

from __future__ import annotations

import json
from typing import Any

import polars as pl

from extract.values import parse_target
from transform.categories import canonical_level1, canonical_level2
from transform.division import UNKNOWN_DIVISION
from transform.keys import SUBMISSION_ROW_KEYS, UNKNOWN_KEY, surrogate_key, unit_key
from transform.selfeval import scoring

S, I32, F64, B = pl.String, pl.Int32, pl.Float64, pl.Boolean

_COMMON = {
    **SUBMISSION_ROW_KEYS,
    "project_seq": I32,  # 0: the department part (部门整体支出绩效自评表)
    "evaluation_key": S,
}

SELFEVAL_PROJECTS: dict[str, Any] = {
    **_COMMON,
    "subject": S,  # project | department
    "project_code": S,
    "project_name": S,
    "match_code": S,
    "match_name": S,
    "goals": pl.List(S),
    "goals_achieved": pl.List(S),
    "budget_initial_yuan": F64,
    "budget_full_year_yuan": F64,
    "spent_yuan": F64,
    "execution_rate_stated_pct": F64,
    "execution_rate_pct": F64,
    "execution_weight": F64,
    "execution_score": F64,
    "execution_score_justified": F64,
    "indicator_weight_sum": F64,
    "indicator_score_sum": F64,
    "indicator_score_justified_sum": F64,
    "total_score": F64,
    "total_score_computed": F64,
    "rating": S,
    "rating_justified": S,
    "conclusion": S,
    "problems": S,
    "improvements": S,
    "indicator_count": I32,
    "extra_json": S,
    "source_table": I32,
    "load_id": S,
}

SELFEVAL_BUDGET_LINES: dict[str, Any] = {
    **_COMMON,
    "line_seq": I32,
    "line": S,  # total | fiscal | carryover | other
    "label": S,
    "initial_yuan": F64,
    "full_year_yuan": F64,
    "spent_yuan": F64,
    "execution_rate_pct": F64,
    "source_table": I32,
    "load_id": S,
}

INDICATOR_RESULTS: dict[str, Any] = {
    **_COMMON,
    "indicator_seq": I32,
    "result_key": S,
    "level1": S,
    "level2": S,
    "indicator_name": S,
    "level1_canonical": S,
    "level2_canonical": S,
    "match_level1": S,
    "match_level2": S,
    "match_name": S,
    "target_raw": S,
    "target_op": S,
    "target_value": F64,
    "target_unit": S,
    "adjusted_target_raw": S,
    "adjusted_op": S,
    "adjusted_value": F64,
    "adjusted_unit": S,
    "actual_raw": S,
    "actual_value": F64,
    "weight": F64,
    "score": F64,
    "deviation": S,
    "horizon": S,
    "is_quantified": B,
    "is_cost": B,
    "met": B,
    "justified_score": F64,
    "source_table": I32,
    "source_row": I32,
    "load_id": S,
}

SCHEMAS = {
    "selfeval_projects": SELFEVAL_PROJECTS,
    "selfeval_budget_lines": SELFEVAL_BUDGET_LINES,
    "indicator_results": INDICATOR_RESULTS,
}

Rows = dict[str, list[dict[str, Any]]]


def empty_rows() -> Rows:
    """Return empty row lists for the three self-evaluation frames."""
    return {name: [] for name in SCHEMAS}


def to_frames(rows: Rows) -> dict[str, pl.DataFrame]:
    """Return the three self-evaluation frames from their rows."""
    return {
        name: pl.DataFrame([{k: r.get(k) for k in schema} for r in rows[name]], schema=schema)
        for name, schema in SCHEMAS.items()
    }


def is_self_evaluation(record: Any) -> bool:
    """Return True for a record of kind self_evaluation (absent kind: targets, contract v4)."""
    return bool(record) and record.get("kind") == "self_evaluation"


def selfeval_unit_key(division_code: str | None, unit_code: str | None) -> str:
    """Return the unit key of a self-evaluation: its county's unit, or the unknown unit (county unknown).

    A national 项目支出绩效自评表 has no 项目编码; without a county folder or setting its county is
    unknown. Unit codes repeat in every county, so ('unknown', 307002) would be a unit nobody has: the
    self-evaluation takes the unknown member instead, and the unit of the targets it links to
    (transform/selfeval/link.py, current_selfeval_submission), or a selfeval_county_unknown finding.
    """
    if division_code == UNKNOWN_DIVISION:
        return UNKNOWN_KEY
    return unit_key(division_code, unit_code)


def add_self_evaluation(rows: Rows, common: dict[str, Any], record: Any) -> None:
    """Append the rows of one self-evaluation record (`common`: file, county, unit, year, load)."""
    for project in record["projects"]:
        _add_subject(rows, common, project["seq"], "project", project, project.get("evaluation"),
                     project["indicators"], project.get("source_table"))
    department = record.get("department_goals")
    if department and (department.get("evaluation") or department.get("indicators")):
        _add_subject(rows, common, 0, "department", department, department.get("evaluation"),
                     department.get("indicators") or [], department.get("source_table"))


def _add_subject(
    rows: Rows, common: dict[str, Any], seq: int, subject: str, part: dict[str, Any],
    evaluation: dict[str, Any] | None, indicators: list[dict[str, Any]], source_table: int | None,
) -> None:
    sid = common["submission_id"]
    ekey = surrogate_key("evaluation", sid, seq)
    base = {**common, "project_seq": seq, "evaluation_key": ekey}
    results = [_result(base, n, ind, source_table) for n, ind in enumerate(indicators, 1)]
    rows["indicator_results"].extend(results)
    evaluation = evaluation or {}
    lines = evaluation.get("budget_lines") or []
    for n, line in enumerate(lines, 1):
        rows["selfeval_budget_lines"].append({
            **base, "line_seq": n, "line": line["line"], "label": line["label"],
            "initial_yuan": line["initial"], "full_year_yuan": line["full_year"],
            "spent_yuan": line["spent"],
            "execution_rate_pct": scoring.execution_rate(line["spent"], line["full_year"], line["initial"]),
            "source_table": source_table,
        })
    total = next((line for line in lines if line["line"] == "total"), None)
    initial = total["initial"] if total else part.get("budget_total")
    full_year = total["full_year"] if total else None
    spent = total["spent"] if total else None
    rate = scoring.execution_rate(spent, full_year, initial)
    weight = evaluation.get("execution_weight")
    exec_score = evaluation.get("execution_score")
    scores = [r["score"] for r in results if r["score"] is not None]
    computed = None
    if scores or exec_score is not None:
        computed = round((exec_score or 0.0) + sum(scores), 2)
    justified = [r["justified_score"] for r in results if r["justified_score"] is not None]
    rows["selfeval_projects"].append({
        **base,
        "subject": subject,
        "project_code": part.get("code"),
        "project_name": part.get("name"),
        "match_code": scoring.match_text(part.get("code")),
        "match_name": scoring.match_text(part.get("name")),
        "goals": list(part.get("goals") or []),
        "goals_achieved": list(evaluation.get("goals_achieved") or []),
        "budget_initial_yuan": initial,
        "budget_full_year_yuan": full_year,
        "spent_yuan": spent,
        "execution_rate_stated_pct": evaluation.get("execution_rate"),
        "execution_rate_pct": rate,
        "execution_weight": weight,
        "execution_score": exec_score,
        # 得分 follows the 执行率 the form states (a wrong rate is its own finding), else the recomputed one
        "execution_score_justified": scoring.execution_score(
            evaluation.get("execution_rate") if evaluation.get("execution_rate") is not None else rate, weight),
        "indicator_weight_sum": _sum(r["weight"] for r in results),
        "indicator_score_sum": _sum(r["score"] for r in results),
        "indicator_score_justified_sum": round(sum(justified), 2) if justified else None,
        "total_score": evaluation.get("total_score"),
        "total_score_computed": computed,
        "rating": evaluation.get("rating"),
        "rating_justified": scoring.rating(evaluation.get("total_score")),
        "conclusion": evaluation.get("conclusion"),
        "problems": evaluation.get("problems"),
        "improvements": evaluation.get("improvements"),
        "indicator_count": len(results),
        "extra_json": json.dumps(part.get("extra") or {}, ensure_ascii=False, sort_keys=True),
        "source_table": source_table,
    })


def _sum(values: Any) -> float | None:
    present = [v for v in values if v is not None]
    return round(sum(present), 2) if present else None


def _result(base: dict[str, Any], n: int, ind: dict[str, Any], source_table: int | None) -> dict[str, Any]:
    result = ind.get("result") or {}
    l1, l2 = canonical_level1(ind["level1"]), canonical_level2(ind["level2"])
    cost = scoring.is_cost(l1, l2)
    adjusted = result.get("adjusted_target_raw")
    a_op, a_value, a_unit = parse_target(adjusted)
    actual = result.get("actual_value")
    return {
        **base,
        "indicator_seq": n,
        "result_key": surrogate_key("result", base["submission_id"], base["project_seq"], n),
        "level1": ind["level1"],
        "level2": ind["level2"],
        "indicator_name": ind["name"],
        "level1_canonical": l1,
        "level2_canonical": l2,
        "match_level1": l1 or scoring.match_text(ind["level1"]),
        "match_level2": l2 or scoring.match_text(ind["level2"]),
        "match_name": scoring.match_text(ind["name"]),
        "target_raw": ind["target_raw"],
        "target_op": ind["op"],
        "target_value": ind["value"],
        "target_unit": ind["unit"],
        "adjusted_target_raw": adjusted,
        "adjusted_op": a_op,
        "adjusted_value": a_value,
        "adjusted_unit": a_unit,
        "actual_raw": result.get("actual_raw"),
        "actual_value": actual,
        "weight": result.get("weight"),
        "score": result.get("score"),
        "deviation": result.get("deviation"),
        "horizon": ind.get("horizon") or "annual",
        "is_quantified": ind["op"] is not None and ind["value"] is not None,
        "is_cost": cost,
        "met": scoring.is_met(ind["op"], ind["value"], actual, cost),
        "justified_score": scoring.justified_score(ind["op"], ind["value"], actual, result.get("weight"), cost),
        "source_table": ind.get("source_table", source_table),
        "source_row": ind.get("source_row"),
    }
