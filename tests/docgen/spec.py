"""What a generated submission says (the spec) and the extraction it must give (expected JSON).

The expected JSON is derived from the spec alone, never from jixiao's extractor: every target is
written through a notation of `NOTATIONS`, which knows the (op, value, unit) it stands for, and
money is held in yuan whatever unit the document is rendered in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from tests.docgen.options import RenderOptions


@dataclass(frozen=True)
class Target:
    """One 指标值 as written (`raw`) and what it means by the contract (op, value, unit)."""

    raw: str
    op: str | None
    value: float | None
    unit: str | None


def _num(v: float | int | str) -> str:
    """Return a number written the way units write it: 95, 102.11 (no trailing zeros)."""
    d = Decimal(str(v)).normalize()
    return format(d, "f")


def _wan(v: float | int | str) -> float:
    """Return 万元 `v` in yuan, computed exactly in decimal."""
    return float(Decimal(str(v)) * 10000)


# notation -> (format of the raw text from a number, op, unit, value scale)
# Each entry is one way units write a target (domain.md 'Target values').
_NOTATIONS: dict[str, tuple[Callable[[str], str], str, str | None, Callable[[str], float]]] = {
    "ge_baifenbi": (lambda n: f"≥{n}百分比", ">=", "%", float),
    "ge_space_pct": (lambda n: f"≥ {n} %", ">=", "%", float),
    "ge_ascii_pct": (lambda n: f">={n}%", ">=", "%", float),
    "gt_fullwidth_pct": (lambda n: f"＞{n}%", ">", "%", float),
    "gt_baifenbi": (lambda n: f">{n}百分比", ">", "%", float),
    "budiyu_pct": (lambda n: f"不低于{n}%", ">=", "%", float),
    "yishang_pct": (lambda n: f"{n}%以上", ">=", "%", float),
    "eq_pct": (lambda n: f"{n}%", "=", "%", float),
    "eq_fullwidth_pct": (lambda n: f"{n}％", "=", "%", float),
    "eq_baifenbi": (lambda n: f"{n}百分比", "=", "%", float),
    "eq_sym_pct": (lambda n: f"={n}%", "=", "%", float),
    "le_pct": (lambda n: f"≤{n}%", "<=", "%", float),
    "lt_pct": (lambda n: f"<{n}%", "<", "%", float),
    "yixia_pct": (lambda n: f"{n}%以下", "<=", "%", float),
    "bugaoyu_pct": (lambda n: f"不高于{n}%", "<=", "%", float),
    "le_wan": (lambda n: f"≤{n}万元", "<=", "元", _wan),
    "eq_wan": (lambda n: f"{n}万元", "=", "元", _wan),
    "buchaoguo_wan": (lambda n: f"不超过{n}万元", "<=", "元", _wan),
    "yinei_wan": (lambda n: f"{n}万元以内", "<=", "元", _wan),
    "le_yuan": (lambda n: f"≤{n}元", "<=", "元", float),
    "eq_yuan": (lambda n: f"{n}元", "=", "元", float),
    "years_ge": (lambda n: f"{n}年以上", ">=", "年", float),
}


def target(notation: str, number: float | int | str) -> Target:
    """Return the Target written in `notation` for `number` (see _NOTATIONS)."""
    fmt, op, unit, scale = _NOTATIONS[notation]
    n = _num(number)
    return Target(fmt(n), op, scale(n), unit)


def count(number: int, unit: str, op: str = "=") -> Target:
    """Return a count target such as 1个, 1座, 不少于4次 (op '>=' writes 不少于)."""
    prefix = {"=": "", ">=": "不少于", "<=": "不超过"}[op]
    return Target(f"{prefix}{number}{unit}", op, float(number), unit)


def qual(text: str) -> Target:
    """Return a qualitative target or a date (按时完成, 2022年12月31日前): raw text only."""
    return Target(text, None, None, None)


def fullwidth_digits(text: str) -> str:
    """Return `text` with ASCII digits replaced by full-width ones (２５)."""
    return text.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})


def as_written(tg: Target, raw: str) -> Target:
    """Return `tg` written differently (e.g. full-width digits) but meaning the same."""
    return Target(raw, tg.op, tg.value, tg.unit)


@dataclass
class IndicatorSpec:
    """One indicator row; `note` fills a 备注 column where the template has one."""

    level1: str | None
    level2: str | None
    name: str | None
    description: str | None
    target: Target
    basis: str | None
    note: str | None = None


@dataclass
class ProjectSpec:
    """One 项目支出绩效目标表; money in yuan, `other_parts` splits 其他资金 by source."""

    code: str | None
    name: str | None
    budget_total: float | None
    budget_fiscal: float | None
    budget_other: float | None
    purpose: str | None
    spending_plan: list[tuple[str, int | None, float | None]]
    goals: list[str]
    indicators: list[IndicatorSpec]
    long_term_goals: list[str] = field(default_factory=list)
    long_term_indicators: list[IndicatorSpec] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)
    other_parts: list[tuple[str, float]] | None = None
    has_indicator_table: bool = True


@dataclass
class DeptItem:
    """One 分项绩效目标: a title, its 绩效目标 and its 绩效指标 line."""

    title: str
    goal: str | None
    indicator: str | None


@dataclass
class DeptSpec:
    """第一部分 部门整体绩效目标."""

    overall: str | None
    items: list[DeptItem]
    measures: list[str]


@dataclass
class SubmissionSpec:
    """A whole file: what it says plus how it is drawn (`options`)."""

    file: str
    fiscal_year: int | None
    unit_code: str | None
    unit_name: str | None
    department: DeptSpec | None
    projects: list[ProjectSpec]
    options: RenderOptions = field(default_factory=RenderOptions)


def _indicator_json(ind: IndicatorSpec, horizon: str) -> dict[str, Any]:
    tg = ind.target
    return {
        "level1": ind.level1,
        "level2": ind.level2,
        "name": ind.name,
        "description": ind.description,
        "target_raw": tg.raw,
        "op": tg.op,
        "value": tg.value,
        "unit": tg.unit,
        "basis": ind.basis,
        "horizon": horizon,
        "result": None,
    }


def _project_json(seq: int, pr: ProjectSpec) -> dict[str, Any]:
    indicators: list[dict[str, Any]] = []
    if pr.has_indicator_table:
        # The long-term table is drawn before the annual one, so it comes first in document order.
        indicators += [_indicator_json(i, "long_term") for i in pr.long_term_indicators]
        indicators += [_indicator_json(i, "annual") for i in pr.indicators]
    return {
        "seq": seq,
        "code": pr.code,
        "name": pr.name,
        "budget_total": pr.budget_total,
        "budget_fiscal": pr.budget_fiscal,
        "budget_other": pr.budget_other,
        "purpose": pr.purpose,
        "spending_plan": [
            {"checkpoint": c, "month": m, "cumulative_pct": pct} for c, m, pct in pr.spending_plan
        ],
        "goals": list(pr.goals),
        "indicators": indicators,
        "long_term_goals": list(pr.long_term_goals),
        "extra": dict(pr.extra),
        "evaluation": None,
    }


def expected(spec: SubmissionSpec, sha256: str | None) -> dict[str, Any]:
    """Return the contract JSON (extraction.schema.json) that `spec`'s file must extract to."""
    dept = spec.department
    return {
        "file": spec.file,
        "sha256": sha256,
        "kind": "targets",
        "fiscal_year": spec.fiscal_year,
        "unit": {"code": spec.unit_code, "name": spec.unit_name},
        "department_goals": None
        if dept is None
        else {
            "overall": dept.overall,
            "items": [
                {"seq": i, "title": it.title, "goal": it.goal, "indicator": it.indicator}
                for i, it in enumerate(dept.items, 1)
            ],
            "measures": list(dept.measures),
            "indicators": [],
            "extra": {},
            "evaluation": None,
        },
        "projects": [_project_json(i, pr) for i, pr in enumerate(spec.projects, 1)],
        "warnings": [],  # a file read perfectly carries none
    }
