"""Schema 2 -> 3 (issue 20): year-end self-evaluations (绩效自评) beside the targets.

A submission's identity becomes (division_code, unit_code, fiscal_year, kind): dim_submission
gains `kind`, and every submission of an earlier release is a target submission ('targets').
The self-evaluation tables (fct_selfeval_project, fct_selfeval_budget_line, fct_indicator_result,
their links, fct_selfeval_finding, dim_selfeval_rule) are new and start empty: apply_schema
creates them. Nothing else changes; all history stays.
"""

from __future__ import annotations

import duckdb

from warehouse.migrations.context import Context


def migrate(con: duckdb.DuckDBPyConnection, context: Context) -> None:
    """Add dim_submission.kind, 'targets' for every existing submission."""
    del context  # nothing to derive from the settings
    con.execute("ALTER TABLE dim_submission ADD COLUMN IF NOT EXISTS kind VARCHAR")
    con.execute("UPDATE dim_submission SET kind = 'targets' WHERE kind IS NULL")
