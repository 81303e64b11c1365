"""The self-evaluation scoring rules of the domain (2020 national rules), as plain functions.

- A quantitative indicator is met when its actual value reaches the target: at least the
  target when more is better (≥, >, and = outside cost rows), at most when less is better
  (≤, <, and = on a 成本 row); a strict bound counts as reached at its value (＞90% with 90%
  achieved is met). Qualitative rows (no number on either side) have no `met`.
- The score the numbers justify: actual ÷ target × 分值 when more is better, target ÷ actual ×
  分值 when less is better, never above 分值 (nor below 0).
- Budget execution: 执行率 = 全年执行数 ÷ 全年预算数 (年初预算数 when the form has no 全年预算数);
  its 得分 = 执行率 × 分值, at most 分值.
- 总分 90–100 优, 80–90 良, 60–80 中, below 60 差.
"""

from __future__ import annotations

import re
import unicodedata

from extract.values import strip_numbering

# Scores and rates are compared to this much: forms round to two decimals.
SCORE_TOLERANCE = 0.05
RATE_TOLERANCE_PCT = 0.5

_SPACES = re.compile(r"[\s\u3000\u00a0]+")
_PLACEHOLDER_PREFIX = re.compile(r"^指标\d+[:：]")
_POINTS = re.compile(r"[(（][^()（）]*分[)）]$")
_TRAILING = "；;。.，,、:："


def match_text(text: str | None) -> str | None:
    """Return the text two forms are matched by: width folded, no spaces, numbering, points or end punctuation."""
    if text is None:
        return None
    s = _SPACES.sub("", unicodedata.normalize("NFKC", text))
    s = _PLACEHOLDER_PREFIX.sub("", s)
    s = strip_numbering(s)
    s = _POINTS.sub("", s).rstrip(_TRAILING)
    return s or None


def is_cost(level1_canonical: str | None, level2_canonical: str | None) -> bool:
    """Return True for a cost row: 一级 成本指标 (2021) or a 二级 …成本指标 (before 2021)."""
    return level1_canonical == "成本指标" or (level2_canonical or "").endswith("成本指标")


def more_is_better(op: str | None, cost: bool = False) -> bool:
    """Return True when a larger actual value is better (≥, >, and = outside cost rows)."""
    return op in (">=", ">") or (op == "=" and not cost)


def is_met(op: str | None, target: float | None, actual: float | None, cost: bool = False) -> bool | None:
    """Return whether the actual value meets the target; None when either is not a number."""
    if op is None or target is None or actual is None:
        return None
    # A strict bound is read as reached at its value: units write ＞90% and then 90% achieved, and
    # the domain's rule names only at least (≥) and at most (≤).
    eps = 1e-9
    if more_is_better(op, cost):
        return actual >= target - eps
    return actual <= target + eps


def justified_score(
    op: str | None, target: float | None, actual: float | None, weight: float | None,
    cost: bool = False,
) -> float | None:
    """Return the score the numbers justify (0..分值, two decimals); None when qualitative or no 分值."""
    if weight is None or is_met(op, target, actual, cost) is None:
        return None
    assert target is not None and actual is not None
    if more_is_better(op, cost):
        share = 1.0 if target <= 0 else actual / target
    else:
        share = 1.0 if actual <= 0 else target / actual
    return round(max(0.0, min(weight, weight * share)), 2)


def execution_rate(spent: float | None, full_year: float | None, initial: float | None = None) -> float | None:
    """Return 执行率 in percent: 全年执行数 ÷ 全年预算数 (else 年初预算数); None without both numbers."""
    budget = full_year if full_year is not None else initial
    if spent is None or budget is None or budget <= 0:
        return None
    return round(spent / budget * 100, 2)


def execution_score(rate_pct: float | None, weight: float | None) -> float | None:
    """Return the budget-execution 得分 the rate justifies: 执行率 × 分值, at most 分值."""
    if rate_pct is None or weight is None:
        return None
    return round(max(0.0, min(weight, weight * rate_pct / 100)), 2)


def rating(total: float | None) -> str | None:
    """Return the grade a 总分 earns: 优 (≥90), 良 (≥80), 中 (≥60), 差."""
    if total is None:
        return None
    return "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"
