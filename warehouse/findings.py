"""Load review findings (transform.rules) into fct_review_finding and the rule list into dim_review_rule.

The tables themselves belong to the rules engineer's sql/ files; this module fills whichever of
the columns listed in warehouse/schema.py's docstring those tables have.

Per-submission rules are run on the batch before the load (flows.steps.review) and their
findings inserted with the batch's submissions. Cross-unit rules (transform.rules.CROSS_UNIT:
copied content, a code used by another unit, what the county's template asks for) depend on
every other unit, so each load runs them again over *all* current submissions of every year
(the copy-check learns common wording from all years), inside its transaction, and replaces
their findings (`refresh_cross_unit`). What they
find then depends only on which submissions are current, never on how files were batched or in
what order they came. Superseded submissions keep the findings they had, as history;
current_review_finding shows the findings of current submissions only.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

from transform.keys import UNKNOWN_KEY, surrogate_key
from warehouse import arrow
from warehouse.connect import open_readonly

FINDING_COLUMNS = (
    "finding_key",
    "rule_id",
    "severity",
    "submission_key",
    "division_code",
    "unit_key",
    "project_key",
    "indicator_key",
    "fiscal_year",
    "unit_code",
    "project_seq",
    "indicator_seq",
    "message",
    "suggestion",
    "load_id",
    "source_sha256",
    "source_table",
    "source_row",
)


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """Return the column names of `table` in this database ([] when it does not exist)."""
    rows = con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = $1 AND NOT internal "
        "ORDER BY column_index",
        [table],
    ).fetchall()
    return [r[0] for r in rows]


def enrich(findings: pl.DataFrame, frames: dict[str, pl.DataFrame], load_id: str) -> pl.DataFrame:
    """Return findings with their keys and lineage (file sha256, table, row) attached."""
    subs = (
        frames["submissions"]
        .select("submission_id", "submission_key", "division_code", "unit_key", "fiscal_year")
        .unique("submission_id", keep="first")
    )
    projects = frames["projects"].select(
        "submission_id", "project_seq", "project_key", "source_table"
    )
    indicators = frames["indicators"].select(
        "submission_id",
        "project_seq",
        "indicator_seq",
        "indicator_key",
        pl.col("source_table").alias("indicator_table"),
        "source_row",
    )
    df = (
        findings.with_columns(
            pl.col("project_seq").cast(pl.Int32), pl.col("indicator_seq").cast(pl.Int32)
        )
        .join(subs, on="submission_id", how="left")
        .join(projects, on=["submission_id", "project_seq"], how="left")
        .join(indicators, on=["submission_id", "project_seq", "indicator_seq"], how="left")
        .with_columns(
            pl.col("project_key").fill_null(UNKNOWN_KEY),
            pl.coalesce("indicator_table", "source_table").alias("source_table"),
            pl.col("submission_id").alias("source_sha256"),
            pl.lit(load_id).alias("load_id"),
        )
    )
    # Over the finding's grain (rule, file, project row, indicator row): one finding per rule there.
    keys = [
        surrogate_key(
            "finding",
            r["rule_id"],
            r["submission_id"],
            r["project_seq"] or "",
            r["indicator_seq"] or "",
        )
        for r in df.select("submission_id", "rule_id", "project_seq", "indicator_seq").to_dicts()
    ]
    return df.with_columns(finding_key=pl.Series(keys, dtype=pl.String)).select(
        [c for c in FINDING_COLUMNS if c in df.columns or c == "finding_key"]
    )


def load_findings(
    con: duckdb.DuckDBPyConnection,
    findings: pl.DataFrame | None,
    frames: dict[str, pl.DataFrame],
    loaded_ids: list[str],
    load_id: str,
) -> dict[str, int]:
    """Insert the per-submission findings of the submissions loaded now, refresh the cross-unit
    findings of their years; return the loaded submissions' current findings by severity."""
    from transform.rules import CROSS_UNIT

    columns = table_columns(con, "fct_review_finding")
    if not columns:
        raise RuntimeError(
            "审核结果无法入库：数据仓库缺少 fct_review_finding 表（sql/fct_review_finding.sql）。"
        )
    if findings is not None and findings.height:
        findings = findings.filter(
            pl.col("submission_id").is_in(pl.lit(loaded_ids, dtype=pl.List(pl.String)))
            & ~pl.col("rule_id").is_in(list(CROSS_UNIT))
        )
        _insert(con, enrich(findings, frames, load_id), columns)
    years = (
        frames["submissions"]
        .filter(pl.col("submission_id").is_in(pl.lit(loaded_ids, dtype=pl.List(pl.String))))
        .get_column("fiscal_year")
        .unique()
        .to_list()
    )
    refresh_cross_unit(con, years, load_id)
    if not loaded_ids:
        return {}
    rows = con.execute(
        "SELECT f.severity, count(*) FROM fct_review_finding AS f "
        "JOIN dim_submission AS s USING (submission_key) "
        "WHERE s.is_current AND s.sha256 IN (SELECT unnest($1::VARCHAR[])) GROUP BY ALL",
        [loaded_ids],
    ).fetchall()
    return {severity: int(n) for severity, n in sorted(rows)}


def _insert(con: duckdb.DuckDBPyConnection, rows: pl.DataFrame, columns: list[str]) -> None:
    if rows.height == 0:
        return
    rows = rows.select([c for c in rows.columns if c in columns])
    arrow.register(con, "_findings", rows)
    con.execute("INSERT INTO fct_review_finding BY NAME SELECT * FROM _findings")
    con.unregister("_findings")


def refresh_cross_unit(
    con: duckdb.DuckDBPyConnection, years: list[int | None], load_id: str
) -> None:
    """Replace the cross-unit findings of every current submission with a fresh run.

    Every current year is read, not only `years` (those the load touched): the copy-check learns
    what wording is common from all years loaded. It leaves alone the places the per-file rules
    already flag (their current findings).
    """
    from transform.rules import CROSS_UNIT, run_rules

    if not [y for y in years if y is not None]:
        return
    every = [
        y
        for (y,) in con.execute(
            "SELECT DISTINCT fiscal_year FROM dim_submission "
            "WHERE is_current AND fiscal_year IS NOT NULL ORDER BY 1"
        ).fetchall()
    ]
    frames = current_frames(con, every)
    flagged = arrow.frame_of(con.sql(
        "SELECT s.sha256 AS submission_id, f.project_seq, f.indicator_seq "
        "FROM fct_review_finding AS f JOIN dim_submission AS s USING (submission_key) "
        "WHERE s.is_current AND f.rule_id NOT IN (SELECT unnest($rules::VARCHAR[]))",
        params={"rules": list(CROSS_UNIT)},
    ))
    found = run_rules(frames, only=CROSS_UNIT, flagged=flagged)
    con.execute(
        "DELETE FROM fct_review_finding WHERE rule_id IN (SELECT unnest($1::VARCHAR[])) "
        "AND submission_key IN (SELECT submission_key FROM dim_submission WHERE is_current)",
        [list(CROSS_UNIT)],
    )
    _insert(con, enrich(found, frames, load_id), table_columns(con, "fct_review_finding"))


# The current submissions of some budget years as the rules' staging frames (transform.schemas
# names), with the keys and lineage enrich() attaches. Only the years asked for are read.
_CURRENT = {
    "submissions": """
        SELECT sha256 AS submission_id, submission_key, division_code, unit_key, file_name AS file, path,
               size_bytes AS size, fiscal_year, unit_code, unit_name, 'loaded' AS status, load_id
        FROM dim_submission
        WHERE is_current AND kind = 'targets' AND fiscal_year IN (SELECT unnest($years::INTEGER[]))""",
    "projects": """
        SELECT s.sha256 AS submission_id, b.submission_key, b.division_code, s.unit_code, b.unit_key,
               b.fiscal_year, b.project_seq, b.project_key, p.project_code, p.project_name,
               b.budget_total_yuan, b.budget_fiscal_yuan, b.budget_other_yuan, p.purpose, p.goals,
               p.extra_json,
               b.taxonomy_version, b.source_table
        FROM current_project_budget AS b
        JOIN dim_submission AS s USING (submission_key)
        LEFT JOIN dim_project AS p USING (project_key)
        WHERE b.fiscal_year IN (SELECT unnest($years::INTEGER[]))""",
    "indicators": """
        SELECT s.sha256 AS submission_id, t.submission_key, t.division_code, s.unit_code, t.fiscal_year,
               t.project_seq, t.indicator_seq, t.indicator_key, t.indicator_name AS name,
               t.indicator_description AS description, t.target_raw, t.target_op AS op,
               t.target_value AS value, t.target_unit AS unit, t.horizon, t.is_quantified,
               t.level1, c.level1_canonical, c.level2_canonical, c.level2_canonical AS level2,
               t.taxonomy_version, t.source_table, t.source_row
        FROM current_indicator_target AS t
        JOIN dim_submission AS s USING (submission_key)
        LEFT JOIN dim_indicator_category AS c USING (category_key)
        WHERE t.fiscal_year IN (SELECT unnest($years::INTEGER[]))""",
    "spending_plan": """
        SELECT s.sha256 AS submission_id, sp.submission_key, sp.division_code, s.unit_code,
               sp.fiscal_year, sp.project_seq, sp.project_key, sp.checkpoint_seq, sp.checkpoint,
               sp.month, sp.cumulative_pct
        FROM current_spending_plan AS sp
        JOIN dim_submission AS s USING (submission_key)
        WHERE sp.fiscal_year IN (SELECT unnest($years::INTEGER[]))
        ORDER BY sp.submission_key, sp.project_seq, sp.checkpoint_seq""",
    "department_goals": """
        SELECT s.sha256 AS submission_id, g.submission_key, s.division_code, s.unit_code, g.fiscal_year,
               g.item_seq,
               g.goal, g.indicator_text AS indicator
        FROM current_department_goal AS g
        JOIN dim_submission AS s USING (submission_key)
        WHERE g.fiscal_year IN (SELECT unnest($years::INTEGER[]))""",
}


def current_frames(con: duckdb.DuckDBPyConnection, years: list[int]) -> dict[str, pl.DataFrame]:
    """Return the current submissions of `years` as the frames the review rules read."""
    return {
        name: arrow.frame_of(con.sql(query, params={"years": years})) for name, query in _CURRENT.items()
    }


def refresh_rules(con: duckdb.DuckDBPyConnection) -> None:
    """Replace dim_review_rule's rows with transform.rules.RULES when both exist."""
    columns = table_columns(con, "dim_review_rule")
    if not columns:
        return
    try:
        from transform.rules import RULES
    except ImportError:
        return
    rules = pl.DataFrame(
        [tuple(r)[:3] for r in RULES],
        schema={"rule_id": pl.String, "severity": pl.String, "description": pl.String},
        orient="row",
    )
    rules = rules.select([c for c in rules.columns if c in columns])
    # Rules no longer in the code leave too: their old findings fall to the 'unknown' member.
    con.execute("DELETE FROM dim_review_rule WHERE rule_id <> 'unknown'")
    arrow.register(con, "_rules", rules)
    con.execute("INSERT INTO dim_review_rule BY NAME SELECT * FROM _rules")
    con.unregister("_rules")


def history_frames(
    warehouse: Path, years: list[int] | None = None
) -> dict[str, pl.DataFrame] | None:
    """Return the current submissions of `years` (default: all) as rule frames; None without a warehouse."""
    if not Path(warehouse).exists():
        return None
    with open_readonly(warehouse) as con:
        try:
            if years is None:
                found = con.sql(
                    "SELECT DISTINCT fiscal_year FROM dim_submission WHERE fiscal_year IS NOT NULL"
                ).fetchall()
                years = [y for (y,) in found]
            return current_frames(con, years)
        except duckdb.CatalogException:
            return None  # a warehouse from before these objects existed
