"""The demo county's year-end self-evaluations: one national 项目支出绩效自评表 file per unit.

For the same units, year and projects as the county's target submissions (their current
versions), each project restates its annual targets beside an achieved value, weights and scores
by the 2020 national rules (execution 10 points, indicators 90; a met target scores its weight).
A few projects carry planted problems a reviewer must find (自评复核), each recorded in
`PLANT_KINDS` order with the unit, project and row, so tests can check the rules find them:

- score_above_weight: an indicator's 得分 above its 分值;
- full_score_on_missed_target: a missed target scored in full;
- missed_without_reason: a missed target with no 偏差原因;
- execution_rate_mismatch: a stated 执行率 that does not follow from 全年执行数 ÷ 全年预算数;
- total_score_mismatch: a 总分 that is not the execution 得分 plus the indicators' 得分;
- target_lowered: a 年度指标值 restated lower than the one set at the start of the year;
- indicator_dropped: a target indicator left out of the self-evaluation;
- indicator_added: an indicator that appears only in the self-evaluation;
- low_execution_high_score: money executed far below budget (40%) with a total score above 90.

The expected JSON is built from the same numbers the drawing uses (contract v4, as
tests/docgen/selfeval.py), never from the extractor.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Any

from tests.docgen import ooxml as ox
from tests.docgen.selfeval import expect, national_expected, national_table
from tests.docgen.selfeval_province import province_expected, province_table
from tests.docgen.spec import IndicatorSpec, ProjectSpec, SubmissionSpec, _num
from tests.docgen.templates import Doc

PLANT_KINDS = ("score_above_weight", "full_score_on_missed_target", "missed_without_reason",
               "execution_rate_mismatch", "total_score_mismatch", "target_lowered", "indicator_dropped",
               "indicator_added", "low_execution_high_score")
_KINDS = ["total", "fiscal", "carryover", "other"]
_ADDED = ("产出指标", "数量指标", "开展业务培训场次", "≥4场", (">=", 4.0, "场"), "5场", 5.0)


@dataclass
class _Row:
    """One drawn indicator row and its expected parse: target, actual, weight, score, reason."""

    level1: str
    level2: str
    name: str
    raw: str
    parsed: tuple[str | None, float | None, str | None]
    actual: str
    actual_value: float | None
    weight: float
    score: float = 0.0
    reason: str = ""


def _written(value: float, raw: str, unit: str | None) -> tuple[str, float]:
    """Return a number as the target writes it (万元 stays 万元) and its value in the target's unit."""
    if unit == "元" and "万元" in raw:
        wan = round(value / 10000, 2)
        return f"{_num(wan)}万元", round(wan * 10000, 2)
    v = round(value, 2)
    return f"{_num(v)}{unit or ''}", v


def _row(ind: IndicatorSpec, weight: float, missed: bool) -> _Row:
    tg = ind.target
    if tg.value is None or tg.op is None:
        return _Row(ind.level1 or "", ind.level2 or "", ind.name or "", tg.raw, (None, None, None),
                    "基本达成" if missed else "达成预期指标", None, weight)
    less_is_better = tg.op in ("<=", "<")
    factor = (1.25 if less_is_better else 0.8) if missed else (0.95 if less_is_better else 1.0)
    value = tg.value * factor
    if tg.unit == "%":
        value = min(value, 100.0)
    actual, actual_value = _written(value, tg.raw, tg.unit)
    return _Row(ind.level1 or "", ind.level2 or "", ind.name or "", tg.raw, (tg.op, tg.value, tg.unit),
                actual, actual_value, weight)


def _weights(n: int) -> list[float]:
    base = 90 // n
    return [float(base + (90 - base * n if i == 0 else 0)) for i in range(n)]


def _quantified(rows: list[_Row], raising: bool = False) -> list[int]:
    """Return the rows with a number and a name of their own (with `raising`: where more is better)."""
    names = [r.name for r in rows]
    return [i for i, r in enumerate(rows) if r.parsed[1] is not None and names.count(r.name) == 1
            and (not raising or r.parsed[0] in (">=", ">", "="))]


def _project(pr: ProjectSpec, unit: tuple[str, str], plant: str | None, honest_miss: bool, rng: random.Random,
             planted: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the drawing parameters of one project's self-evaluation, recording a planted problem."""
    source = [i for i in pr.indicators if i.name] if pr.has_indicator_table else []
    if plant == "indicator_dropped" and len(_quantified([_row(i, 1, False) for i in source])) > 0:
        k = _quantified([_row(i, 1, False) for i in source])[-1]
        planted.append({"indicator": source[k].name, "target": source[k].target.raw})
        source = source[:k] + source[k + 1:]
    extra = 1 if plant == "indicator_added" else 0
    weights = _weights(max(len(source) + extra, 1))
    rows = [_row(i, w, False) for i, w in zip(source, weights, strict=False)]
    if extra:
        a = _ADDED
        rows.append(_Row(a[0], a[1], a[2], a[3], a[4], a[5], a[6], weights[-1]))
        planted.append({"indicator": a[2], "target": a[3]})
    quant = _quantified(rows, raising=plant == "target_lowered")
    for r in rows:
        r.score = r.weight
    if honest_miss and quant and not plant:
        r = rows[quant[0]]
        rows[quant[0]] = r = _row(source[quant[0]], r.weight, True)
        r.score, r.reason = round(r.weight * 0.8, 2), "受客观因素影响未完全完成，下年度加强调度"
    if plant in ("score_above_weight", "full_score_on_missed_target", "missed_without_reason", "target_lowered") \
            and quant:
        k = quant[0]
        r = rows[k]
        if plant == "score_above_weight":
            r.score = r.weight + 2
        elif plant in ("full_score_on_missed_target", "missed_without_reason"):
            r = rows[k] = _row(source[k], r.weight, True)
            if plant == "full_score_on_missed_target":  # explained, yet scored in full
                r.score, r.reason = r.weight, "受天气影响部分任务延后"
            else:
                r.score = round(r.weight * 0.8, 2)
        else:  # restated lower: the written number drops by a fifth and the actual meets it
            op, value, tunit = r.parsed
            assert value is not None
            text, lower = _written(value * 0.8, r.raw, tunit)
            number = text[: len(text) - len("万元" if "万元" in text else tunit or "")]
            restated = re.sub(r"\d+(?:\.\d+)?", number, r.raw, count=1)
            planted.append({"indicator": r.name, "target": r.raw, "restated": restated})
            r.raw, r.parsed, r.actual, r.actual_value = restated, (op, lower, tunit), text, lower
            r.score = r.weight
        if plant != "target_lowered":
            planted.append({"indicator": r.name, "target": r.raw, "actual": r.actual, "weight": r.weight,
                            "score": r.score})
    ratio = 0.4 if plant == "low_execution_high_score" else rng.choice([1.0, 0.98, 0.95, 0.92])
    budget = {"total": pr.budget_total, "fiscal": pr.budget_fiscal, "other": pr.budget_other}
    wan = {k: None if v is None else round(v / 10000, 2) for k, v in budget.items()}
    spent = {k: None if v is None else round(v * ratio, 2) for k, v in wan.items()}
    full = wan["total"] or 0.0
    rate = round((spent["total"] or 0.0) / full * 100, 2) if full else 0.0
    stated = rate
    if plant == "execution_rate_mismatch":  # 15 points off what 全年执行数 ÷ 全年预算数 gives
        stated = round(rate + 15, 2) if rate + 15 <= 100 else round(rate - 15, 2)
        planted.append({"stated_rate": stated, "rate": rate, "spent": spent["total"], "full_year": full})
    exec_score = round(min(stated, 100.0) / 10, 2)
    total = round(exec_score + sum(r.score for r in rows), 2)
    if plant == "total_score_mismatch":  # 总分 stated 5 points above what its own scores add up to
        planted.append({"stated_total": round(total + 5, 2), "sum_of_scores": total})
        total = round(total + 5, 2)
    if plant == "low_execution_high_score":
        planted.append({"rate": stated, "total_score": total})
    money = [("年度资金总额", wan["total"], wan["total"], spent["total"], ["10", f"{_num(stated)}%", _num(exec_score)]),
             ("其中：当年财政拨款", wan["fiscal"], wan["fiscal"], spent["fiscal"], ["—"] * 3),
             ("上年结转资金", None, None, None, ["—"] * 3),
             ("其他资金", wan["other"], wan["other"], spent["other"], ["—"] * 3)]
    goals = [g.rstrip("；;。.，,") for g in pr.goals] or [f"完成{pr.name}年度任务"]
    return {
        "name": pr.name, "supervisor": unit[1], "unit": f"{unit[0]}-{unit[1]}", "money": money, "kinds": _KINDS,
        "goals_text": "\n".join(f"{i}.{g}；" for i, g in enumerate(goals, 1)),
        "achieved_text": "\n".join(f"{i}.已{g}；" for i, g in enumerate(goals, 1)),
        "rows": [(r.level1, r.level2, r.name, r.raw, r.actual, _num(r.weight), _num(r.score), r.reason) for r in rows],
        "total": _num(total),
        "_expected": ([(*r.parsed, r.actual_value) for r in rows], stated, exec_score, goals),
        "_rows": rows, "_money": (wan, spent, stated, exec_score),
    }


_SYMBOL = {">=": "≥", "<=": "≤", "=": "=", ">": ">", "<": "<"}


def _province_columns(r: _Row) -> tuple[str, str, str, str]:
    """Return (指标性质, 指标值, 度量单位, 完成值) of a row as the provincial export splits it."""
    op, value, unit = r.parsed
    if value is None or op is None:
        return "定性", r.raw, "", r.actual
    scale = 10000 if unit == "元" and "万元" in r.raw else 1
    actual = "" if r.actual_value is None else _num(round(r.actual_value / scale, 2))
    return _SYMBOL[op], _num(round(value / scale, 4)), "万元" if scale > 1 else unit or "", actual


def _province(seq: int, pr: ProjectSpec, unit: tuple[str, str], p: dict[str, Any], year: int,
              low: bool) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return the provincial-export drawing of a project's self-evaluation and its expected JSON."""
    rows: list[_Row] = p["_rows"]
    wan, spent, stated, exec_score = p["_money"]
    goals = p["_expected"][3]

    def rate(k: str) -> str:
        return f"{spent[k] / wan[k] * 100:.2f}%" if wan[k] else ""

    money = [("总额", wan["total"], wan["total"], spent["total"], f"{stated:.2f}%", "10", _num(exec_score)),
             ("其中：财政资金", wan["fiscal"], wan["fiscal"], spent["fiscal"], rate("fiscal"), "/", "/"),
             ("财政专户管理资金", None, None, None, "", "/", "/"),
             ("单位资金", wan["other"], wan["other"], spent["other"], rate("other"), "/", "/"),
             ("其他资金", None, None, None, "", "/", "/")]
    drawn = [(r.level1, r.level2, r.name, *_province_columns(r), _num(r.weight), _num(r.score), r.reason)
             for r in rows]
    reason = "部分项目资金年底未完成支付，结转下年使用。" if low else ""
    q = {"title": f"部门预算项目支出绩效自评表（{year}年度）", "name_cell": f"{pr.code}-{pr.name}",
         "supervisor": unit[1], "unit": f"{unit[0]}-{unit[1]}", "merge": seq % 2 == 0,
         "goal": p["goals_text"], "achieved": p["achieved_text"], "process": "", "reason": reason,
         "money": money, "rows": drawn, "total": p["total"], "conclusion": f"项目自评得分{p['total']}分。",
         "problems": "部分指标完成进度偏慢。", "improvements": "加强项目调度和资金支付管理。", "leader": "", "finance": ""}
    extra = {"主管部门": unit[1], **{f"{label.removeprefix('其中：')}（预算执行率）": r for label, *_, r, _w, _s in money[1:] if r}}
    if reason:
        extra["原因"] = reason
    parsed = [(*r.parsed, r.actual_value) for r in rows]
    ev = {"goals": goals, "achieved": [f"已{g}" for g in goals], "conclusion": q["conclusion"],
          "problems": q["problems"], "improvements": q["improvements"]}
    return q, province_expected(seq, q, parsed, ev, extra, pr.code, pr.name or "")


def self_evaluation(spec: SubmissionSpec, plants: dict[int, str], rng: random.Random, province: bool = False
                    ) -> tuple[bytes, dict[str, Any], list[dict[str, Any]]]:
    """Return one unit's self-evaluation file (national form, or with `province` the provincial system
    export with 项目编码 in 项目名称), its expected JSON and the problems planted in it."""
    assert spec.unit_code and spec.unit_name and spec.fiscal_year
    unit = (spec.unit_code, spec.unit_name)
    d = Doc(f"{spec.unit_code}{spec.unit_name}{spec.fiscal_year}年度项目支出绩效自评表")
    if province:
        d.para("报表编号：510000_0013zp", "right")
    else:
        d.para("项目支出绩效自评表", "center")
        d.para(f"（{spec.fiscal_year}年度）", "center")
    projects, planted = [], []
    for seq, pr in enumerate(spec.projects, 1):
        if seq > 1:
            d.page_break()
        notes: list[dict[str, Any]] = []
        plant = plants.get(seq - 1)
        p = _project(pr, unit, plant, honest_miss=rng.random() < 0.2, rng=rng, planted=notes)
        if province:
            q, expected_project = _province(seq, pr, unit, p, spec.fiscal_year, plant == "low_execution_high_score")
            province_table(d, q)
            projects.append(expected_project)
        else:
            national_table(d, p)
            parsed, stated, exec_score, goals = p["_expected"]
            projects.append(national_expected(seq, p, parsed, stated, 10.0, exec_score, goals,
                                              [f"已{g}" for g in goals], {"主管部门": unit[1]}))
        if plant:
            for note in notes or [{}]:
                planted.append({"kind": plant, "unit_code": unit[0], "project_code": pr.code,
                                "project_name": pr.name, **note})
    expect(d, spec.fiscal_year, unit, projects)
    data = ox.package(ox.document_xml("".join(d.blocks), wps=province))
    return data, d.expected, planted


def viable(pr: ProjectSpec, kind: str) -> bool:
    """Return whether a problem of `kind` can be planted in this project's self-evaluation."""
    rows = [_row(i, 1.0, False) for i in pr.indicators if i.name] if pr.has_indicator_table else []
    if kind in ("execution_rate_mismatch", "total_score_mismatch", "low_execution_high_score", "indicator_added"):
        return bool(pr.budget_total) and (kind != "low_execution_high_score" or bool(rows))  # 90 points to score
    return bool(_quantified(rows, raising=kind == "target_lowered"))


def choose_plants(specs: list[SubmissionSpec], rng: random.Random) -> dict[tuple[int, int], str]:
    """Return (unit index, project index) -> planted kind: each kind once, in a project of its own."""
    slots = [(u, p) for u, spec in enumerate(specs) for p in range(len(spec.projects))]
    rng.shuffle(slots)
    chosen: dict[tuple[int, int], str] = {}
    for kind in PLANT_KINDS:
        slot = next((s for s in slots if s not in chosen and viable(specs[s[0]].projects[s[1]], kind)), None)
        if slot is not None:
            chosen[slot] = kind
    return chosen
