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


class SpendingCheckpoint(TypedDict):
    checkpoint: str
    month: int | None
    cumulative_pct: float | None


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
    source_table: NotRequired[int]  # lineage, in memory only: the table holding its header


class Warning(TypedDict):
    """Something the extractor could not read with confidence: what, where, and what to check."""

    kind: str
    where: str
    message: str


class Submission(TypedDict):
    file: str
    sha256: str | None
    fiscal_year: int | None
    unit: Unit
    department_goals: DepartmentGoals | None
    projects: list[Project]
    warnings: list[Warning]
