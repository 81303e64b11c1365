"""Typed records of one extracted submission, in the shape of the extraction contract.

The contract lives in docs/contract/extraction.schema.json; these TypedDicts mirror it
so that extract/ and transform/ agree on field names without importing each other.
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict


class Unit(TypedDict):
    code: str | None
    name: str | None


class DepartmentItem(TypedDict):
    seq: int
    title: str
    goal: str | None
    indicator: str | None


class DepartmentGoals(TypedDict):
    overall: str | None
    items: list[DepartmentItem]
    measures: list[str]
    indicators: list[Indicator]
    extra: dict[str, str]
    evaluation: Evaluation | None  # what a department self-evaluation reports; None in a target file


class SpendingCheckpoint(TypedDict):
    checkpoint: str
    month: int | None
    cumulative_pct: float | None


class BudgetLine(TypedDict):
    """One money line of a self-evaluation's 项目资金 / 预算执行情况 block, in yuan."""

    line: Literal["total", "fiscal", "carryover", "other"]
    label: str
    initial: float | None  # 年初预算数 / 年初预算
    full_year: float | None  # 全年预算数 / 调整后预算数
    spent: float | None  # 全年执行数 / 预算执行数


class Evaluation(TypedDict):
    """What a self-evaluation (绩效自评表) reports for a project or the department as a whole."""

    budget_lines: list[BudgetLine]
    execution_rate: float | None  # 执行率 as stated, percent
    execution_weight: float | None  # 分值 / 权重 of budget execution
    execution_score: float | None
    total_score: float | None  # 总分 / 合计 得分 as stated
    rating: str | None  # 自评等级 as written
    goals_achieved: list[str]  # 实际完成情况 items
    conclusion: str | None  # 评价结论
    problems: str | None  # 存在问题
    improvements: str | None  # 改进措施


class IndicatorResult(TypedDict):
    """What a self-evaluation reports for one indicator row: 实际完成值, 分值, 得分, 偏差原因."""

    actual_raw: str | None
    actual_value: float | None  # in the target's normalised unit (money in yuan)
    weight: float | None
    score: float | None
    deviation: str | None
    adjusted_target_raw: NotRequired[str | None]  # 调整指标值, where the form has one


class Indicator(TypedDict):
    level1: str | None
    level2: str | None
    name: str | None
    description: str | None
    target_raw: str | None
    op: Literal["=", ">=", "<=", ">", "<"] | None
    value: float | None
    unit: str | None
    basis: str | None
    horizon: Literal["annual", "long_term"]
    result: IndicatorResult | None  # a self-evaluation's 实际完成值/分值/得分; None in a target file
    # Lineage, in memory only (extract.api.to_contract drops it): table and grid row it came from.
    source_table: NotRequired[int]
    source_row: NotRequired[int]


class Project(TypedDict):
    seq: int
    code: str | None
    name: str | None
    budget_total: float | None
    budget_fiscal: float | None
    budget_other: float | None
    purpose: str | None
    spending_plan: list[SpendingCheckpoint]
    goals: list[str]
    long_term_goals: list[str]
    indicators: list[Indicator]
    extra: dict[str, str]
    evaluation: Evaluation | None  # a self-evaluation's money executed and scores; None in a target file
    source_table: NotRequired[int]  # lineage, in memory only: the table holding its header


class Warning(TypedDict):
    """Something the extractor could not read with confidence: what, where, and what to check."""

    kind: str
    where: str
    message: str


# targets: a 绩效目标 submission; self_evaluation: a year-end 绩效自评表 (contract v4 `kind`).
Kind = Literal["targets", "self_evaluation"]


class Submission(TypedDict):
    file: str
    sha256: str | None
    kind: Kind
    fiscal_year: int | None
    unit: Unit
    department_goals: DepartmentGoals | None
    projects: list[Project]
    warnings: list[Warning]
