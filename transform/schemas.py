"""Column names and dtypes of the staging frames build_frames returns (polars constructors are strict)."""

from __future__ import annotations

import polars as pl

from transform.keys import SUBMISSION_ROW_KEYS
from transform.selfeval.frames import SCHEMAS as SELFEVAL_SCHEMAS

S, I32, I64, F64, B = pl.String, pl.Int32, pl.Int64, pl.Float64, pl.Boolean

LOAD = {"load_id": S}

SUBMISSIONS = {
    "submission_id": S,  # sha256 of the file's bytes
    "submission_key": S,
    "file": S,
    "path": S,
    "size": I64,
    "fiscal_year": I32,
    "division_code": S,  # the county, transform/division.py; "unknown" when not found
    "division_source": S,  # codes | path | setting | lake | unknown
    "county_name": S,
    "unit_code": S,
    "unit_key": S,
    "unit_name": S,
    "kind": S,  # targets | self_evaluation (contract v4 `kind`; absent means targets)
    "status": S,  # loaded | rejected (the loader adds duplicate / superseded)
    "rejection_kind": S,
    "rejection_reason": S,
    "extract_seconds": F64,
    "project_count": I32,
    "indicator_count": I32,
    "batch_seq": I32,  # position in the batch: later supersedes earlier for one unit and year
    "load_id": S,
}

PROJECTS = {
    **SUBMISSION_ROW_KEYS,
    "project_seq": I32,
    "project_key": S,
    "project_code": S,
    "project_name": S,
    "budget_total_yuan": F64,
    "budget_fiscal_yuan": F64,
    "budget_other_yuan": F64,
    "purpose": S,
    "goals": pl.List(S),
    "long_term_goals": pl.List(S),
    "extra_json": S,
    "indicator_count": I32,
    "taxonomy_version": S,
    "source_table": I32,
    "load_id": S,
}

INDICATORS = {
    **SUBMISSION_ROW_KEYS,
    "project_seq": I32,
    "project_key": S,
    "indicator_seq": I32,
    "indicator_key": S,
    "level1": S,
    "level2": S,
    "name": S,
    "description": S,
    "target_raw": S,
    "op": S,
    "value": F64,
    "unit": S,
    "basis": S,
    "horizon": S,
    "level1_canonical": S,
    "level2_canonical": S,
    "taxonomy_version": S,
    "category_key": S,
    "in_taxonomy": B,
    "is_quantified": B,
    "is_vague": B,
    "source_table": I32,
    "source_row": I32,
    "load_id": S,
}

SPENDING_PLAN = {
    **SUBMISSION_ROW_KEYS,
    "project_seq": I32,
    "project_key": S,
    "checkpoint_seq": I32,
    "checkpoint": S,
    "month": I32,
    "cumulative_pct": F64,
    "implied_amount_yuan": F64,
    "source_table": I32,
    "load_id": S,
}

DEPARTMENT_GOALS = {
    **SUBMISSION_ROW_KEYS,
    "item_seq": I32,
    "title": S,
    "goal": S,
    "indicator": S,
    "op": S,
    "value": F64,
    "unit": S,
    "load_id": S,
}

CATEGORIES = {
    "category_key": S,
    "taxonomy_version": S,
    "level1_canonical": S,
    "level2_canonical": S,
    "in_taxonomy": B,
    "sort_order": I32,  # taxonomy order (产出 数量 … 满意度); off-taxonomy pairs last
}

# The extraction's `warnings` of each loaded file (fct_extraction_warning).
WARNINGS = {
    **SUBMISSION_ROW_KEYS,
    "warning_seq": I32,
    "kind": S,
    "location": S,
    "message": S,
    "load_id": S,
}

ALL = {
    "load": LOAD,
    "submissions": SUBMISSIONS,
    "projects": PROJECTS,
    "indicators": INDICATORS,
    "spending_plan": SPENDING_PLAN,
    "department_goals": DEPARTMENT_GOALS,
    "warnings": WARNINGS,
    "categories": CATEGORIES,
    **SELFEVAL_SCHEMAS,  # selfeval_projects, selfeval_budget_lines, indicator_results
}
