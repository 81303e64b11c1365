"""Load review findings (transform.rules) into fct_review_finding and the rule list into dim_review_rule.

The tables themselves belong to the rules engineer's sql/ files; this module fills whichever of
the columns listed in warehouse/schema.py's docstring those tables have.
"""

from __future__ import annotations

import duckdb
import polars as pl

from transform.keys import UNKNOWN_KEY, surrogate_key

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
    """Insert the findings of the submissions loaded now; return their count by severity."""
    if findings is None or findings.height == 0:
        return {}
    findings = findings.filter(
        pl.col("submission_id").is_in(pl.lit(loaded_ids, dtype=pl.List(pl.String)))
    )
    if findings.height == 0:
        return {}
    columns = table_columns(con, "fct_review_finding")
    if not columns:
        raise RuntimeError(
            "审核结果无法入库：数据仓库缺少 fct_review_finding 表（sql/fct_review_finding.sql）。"
        )
    rows = enrich(findings, frames, load_id)
    rows = rows.select([c for c in rows.columns if c in columns])
    con.register("_findings", rows.to_arrow())
    con.execute("INSERT INTO fct_review_finding BY NAME SELECT * FROM _findings")
    con.unregister("_findings")
    counts = findings.group_by("severity").len()
    return {r["severity"]: int(r["len"]) for r in counts.to_dicts()}


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
    con.register("_rules", rules.to_arrow())
    con.execute("INSERT INTO dim_review_rule BY NAME SELECT * FROM _rules")
    con.unregister("_rules")
