"""Review rules (审核规则) a county finance bureau applies to each submission, as data.

`run_rules(frames, config, history=None)` returns one row per finding: rule_id, severity
("error" must be fixed, "warning" should be improved, "info" is advice the bureau keeps and does
not send by default), submission_id, unit_code, project_seq and indicator_seq (null when the
finding is about the whole submission or project), and a Chinese message naming the project
(名称, 编码) and the indicator rows, plus a suggestion of what to fix. A rule emits at most one
finding per (rule_id, submission_id, project_seq, indicator_seq): the grain of a defect instance.
A defect repeated over twelve rows is twelve findings, each at its project and row; what people
read (workbooks, letters, the report, reports/) says the same problem once, listing where.

`frames` are the staging frames of one batch (transform.frames.build_frames). `history` is
optional: the staging frames of the other current submissions. Only the CROSS_UNIT rules read
it: boilerplate_across_units (content copied from another department's unit),
project_code_duplicate (a code used by another unit), the county division guess of
project_code_format department_part_missing, unit_code_format and spend_plan_missing (whether the county's
template has that part or field, transform/rules/template.py). Findings are only ever reported for the batch's own loaded submissions.
The warehouse runs the CROSS_UNIT rules again at every load over every current submission of
the year (warehouse.findings.refresh_cross_unit), so what they find does not depend on how
files were batched.

`RULES` lists (rule_id, severity, description) for dim_review_rule; the severity of a rule that
raises both is "error/warning" (each finding carries its own).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

import polars as pl

from transform.rules import (
    budget,
    categories,
    codes,
    copying,
    duplicates,
    plausibility,
    spending,
    targets,
)
from transform.rules.base import FINDING_SCHEMA, SEVERITIES, Check, Context
from transform.rules.config import RuleConfig

__all__ = [
    "CHECKS",
    "CROSS_UNIT",
    "FINDING_SCHEMA",
    "RULES",
    "SEVERITIES",
    "RuleConfig",
    "RuleInfo",
    "run_rules",
]

CHECKS: list[Check] = [
    *codes.CHECKS,
    *budget.CHECKS,
    *spending.CHECKS,
    *categories.CHECKS,
    *targets.CHECKS,
    *duplicates.CHECKS,
    *plausibility.CHECKS,
    *copying.CHECKS,
]


class RuleInfo(NamedTuple):
    """A rule as dim_review_rule stores it."""

    rule_id: str
    severity: str
    description: str


RULES: list[RuleInfo] = [RuleInfo(c.rule_id, c.severity, c.description) for c in CHECKS]

# Rules whose findings depend on other units' submissions (see the module docstring).
CROSS_UNIT = (
    "boilerplate_across_units",
    "project_code_duplicate",
    "project_code_format",
    "department_part_missing",
    "unit_code_format",
    "spend_plan_missing",
)

GRAIN = ["rule_id", "submission_id", "project_seq", "indicator_seq"]

# Rules that run after the others and skip the places those flag (never two findings on one row).
DEFERS = ("boilerplate_across_units",)
FLAGGED = ["submission_id", "project_seq", "indicator_seq"]


def run_rules(
    frames: Mapping[str, pl.DataFrame],
    config: RuleConfig | None = None,
    history: Mapping[str, pl.DataFrame] | None = None,
    only: Sequence[str] | None = None,
    skip: Sequence[str] = (),
    flagged: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Return the findings of every rule (or of those in `only`, less `skip`) over a batch's frames.

    `flagged` lists places (submission_id, project_seq, indicator_seq) already flagged by rules
    not run now (the warehouse's per-file findings); with the places this run's other rules flag,
    the copy-check leaves them alone.
    """
    ctx = Context(frames=frames, config=config or RuleConfig(), history=history)
    checks = [c for c in CHECKS if (only is None or c.rule_id in only) and c.rule_id not in skip]
    later = [c for c in checks if c.rule_id in DEFERS]
    parts = [c.fn(ctx).select(list(FINDING_SCHEMA)) for c in checks if c not in later]
    if later:
        places = [p.select(FLAGGED) for p in parts if p.height]
        if flagged is not None and flagged.height:
            places.append(
                flagged.select(
                    pl.col("submission_id").cast(pl.String),
                    pl.col("project_seq").cast(pl.Int32),
                    pl.col("indicator_seq").cast(pl.Int32),
                )
            )
        seen = pl.concat(places).unique() if places else None
        ctx = Context(frames=frames, config=ctx.config, history=history, flagged=seen)
        parts += [c.fn(ctx).select(list(FINDING_SCHEMA)) for c in later]
    result = pl.concat(parts) if parts else pl.DataFrame(schema=FINDING_SCHEMA)
    duplicated = result.filter(result.select(GRAIN).is_duplicated())
    if duplicated.height:  # a rule broke its own grain: a bug here, not in the data
        raise AssertionError(f"rule findings repeat their grain: {duplicated.head(3).to_dicts()}")
    return result.sort(
        ["submission_id", "project_seq", "indicator_seq", "rule_id"], nulls_last=False
    )
