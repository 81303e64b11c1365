"""Review rules (审核规则) a county finance bureau applies to each submission, as data.

`run_rules(frames, config, history=None)` returns one row per finding: rule_id, severity
("error"/"warning"), submission_id, unit_code, project_seq and indicator_seq (null when the
finding is about the whole submission or project), and a Chinese message naming the project
(名称, 编码) and the indicator row, plus a suggestion of what to fix. A rule emits at most one
finding per (rule_id, submission_id, project_seq, indicator_seq).

`frames` are the staging frames of one batch (transform.frames.build_frames). `history` is
optional: the staging frames of the other current submissions the warehouse holds. Only
boilerplate_across_units (text shared by many units), project_code_duplicate (a code used by
another unit) and the county division guess of project_code_format read it; findings are only
ever reported for the batch's own loaded submissions.

`RULES` lists (rule_id, severity, description) for dim_review_rule; the severity of a rule that
raises both is "error/warning" (each finding carries its own).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

import polars as pl

from transform.rules import budget, categories, codes, duplicates, spending, targets
from transform.rules.base import FINDING_SCHEMA, Check, Context
from transform.rules.config import RuleConfig

__all__ = ["CHECKS", "FINDING_SCHEMA", "RULES", "RuleConfig", "RuleInfo", "run_rules"]

CHECKS: list[Check] = [
    *codes.CHECKS,
    *budget.CHECKS,
    *spending.CHECKS,
    *categories.CHECKS,
    *targets.CHECKS,
    *duplicates.CHECKS,
]


class RuleInfo(NamedTuple):
    """A rule as dim_review_rule stores it."""

    rule_id: str
    severity: str
    description: str


RULES: list[RuleInfo] = [RuleInfo(c.rule_id, c.severity, c.description) for c in CHECKS]

GRAIN = ["rule_id", "submission_id", "project_seq", "indicator_seq"]


def run_rules(
    frames: Mapping[str, pl.DataFrame],
    config: RuleConfig | None = None,
    history: Mapping[str, pl.DataFrame] | None = None,
    only: list[str] | None = None,
) -> pl.DataFrame:
    """Return the findings of every rule (or of the rule ids in `only`) over a batch's frames."""
    ctx = Context(frames=frames, config=config or RuleConfig(), history=history)
    checks = [c for c in CHECKS if only is None or c.rule_id in only]
    parts = [c.fn(ctx).select(list(FINDING_SCHEMA)) for c in checks]
    result = pl.concat(parts) if parts else pl.DataFrame(schema=FINDING_SCHEMA)
    duplicated = result.filter(result.select(GRAIN).is_duplicated())
    if duplicated.height:  # a rule broke its own grain: a bug here, not in the data
        raise AssertionError(f"rule findings repeat their grain: {duplicated.head(3).to_dicts()}")
    return result.sort(
        ["submission_id", "project_seq", "indicator_seq", "rule_id"], nulls_last=False
    )
