"""Load one batch of staging frames into the warehouse: one transaction, published atomically."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from transform.division import UNKNOWN_DIVISION, province_of
from transform.keys import UNKNOWN_KEY, new_load_id
from warehouse import arrow, selfeval
from warehouse import findings as findings_mod
from warehouse.batch import Existing, decide, superseded_reason
from warehouse.connect import open_readwrite
from warehouse.publish import building
from warehouse.schema import apply_schema
from warehouse.stages import stage

TS = pl.Datetime("us", "UTC")


@dataclass
class LoadReport:
    """What one load did: files by outcome, rows added, findings by severity, time taken."""

    load_id: str
    files_seen: int = 0
    new: int = 0
    loaded: int = 0
    rejected: int = 0
    duplicate: int = 0
    superseded: int = 0
    projects: int = 0
    indicators: int = 0
    warnings: int = 0  # extraction warnings of the files loaded (fct_extraction_warning)
    findings_by_severity: dict[str, int] = field(default_factory=dict)
    # 自评复核 findings of the current self-evaluations of the years loaded (warehouse/selfeval.py)
    selfeval_findings_by_severity: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def load(
    warehouse_path: Path, frames: dict[str, pl.DataFrame], findings: pl.DataFrame | None = None,
    inbox: Path | None = None,
) -> LoadReport:
    """Return the LoadReport of loading `frames` (and review findings) into the warehouse file.

    `inbox`, when given, is recorded in ingest_inbox: `jixiao verify` checks it by default.
    """
    started = time.perf_counter()
    started_at = datetime.now(UTC)
    load_frame = frames.get("load")
    load_id = (
        load_frame["load_id"][0] if load_frame is not None and load_frame.height else new_load_id()
    )
    with building(Path(warehouse_path), load_id) as build:
        con = open_readwrite(build)
        try:
            # The commit writes the load straight into the copy's file (a checkpoint) rather than
            # first into a write-ahead log that the CHECKPOINT below would copy again (16 MB of
            # log for the 300-unit county, 0.03 s of CPU): the copy is private until published.
            con.execute("SET checkpoint_threshold = '1KB'")
            con.execute("BEGIN TRANSACTION")
            version = apply_schema(con)
            report = _load_batch(con, frames, findings, load_id, started_at, version)
            if inbox is not None:
                con.execute("INSERT INTO ingest_inbox VALUES ($1, $2, $3)",
                            [load_id, str(Path(inbox).resolve()), datetime.now(UTC)])
            con.execute("COMMIT")
            stage("load:committed")
            con.execute("CHECKPOINT")
        except BaseException:
            con.close()
            raise
        con.close()
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def insert_frame(con: duckdb.DuckDBPyConnection, table: str, df: pl.DataFrame) -> int:
    """Insert `df` into `table` by column name via Arrow; return the rows inserted."""
    if df.height == 0:
        return 0
    view = f"_stg_{table}"
    arrow.register(con, view, df)
    # No finally: after a failed statement the transaction is aborted and the build copy is
    # thrown away; unregistering then would only hide the real error.
    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {view}")
    con.unregister(view)
    return df.height


def _rows(
    con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None
) -> list[tuple[Any, ...]]:
    return con.execute(sql, params or []).fetchall()


def _existing(con: duckdb.DuckDBPyConnection) -> Existing:
    pairs = set(_rows(con, "SELECT path, sha256 FROM ingest_ledger"))
    files = dict(
        _rows(
            con,
            "SELECT sha256, arg_min(file_name, first_seen_at) FROM ingest_ledger GROUP BY sha256",
        )
    )
    # A submission is (division_code, unit_code, fiscal_year, kind): warehouse.batch.identity.
    current = {
        (d, u, y, kind): (k, s)
        for d, u, y, kind, k, s in _rows(
            con,
            "SELECT division_code, unit_code, fiscal_year, kind, submission_key, sha256 FROM dim_submission "
            "WHERE is_current AND unit_code IS NOT NULL AND fiscal_year IS NOT NULL "
            "AND submission_key <> $1",
            [UNKNOWN_KEY],
        )
    }
    versions = {
        (d, u, y, kind): v
        for d, u, y, kind, v in _rows(
            con,
            "SELECT division_code, unit_code, fiscal_year, kind, max(version) FROM dim_submission "
            "WHERE unit_code IS NOT NULL AND fiscal_year IS NOT NULL GROUP BY ALL",
        )
    }
    return Existing(pairs, files, current, versions)


def _load_batch(
    con: duckdb.DuckDBPyConnection,
    frames: dict[str, pl.DataFrame],
    findings: pl.DataFrame | None,
    load_id: str,
    started_at: datetime,
    version: int,
) -> LoadReport:
    now = datetime.now(UTC)
    subs = frames["submissions"]
    decision = decide(subs.to_dicts(), _existing(con))
    report = LoadReport(
        load_id,
        files_seen=subs.height,
        new=decision.new_files,
        loaded=len(decision.new_submissions),
        rejected=decision.rejected,
        duplicate=decision.duplicate,
        superseded=decision.superseded,
    )

    _record_ledger(con, decision, load_id, now)
    _supersede_existing(con, decision, load_id, now)

    new_ids = [s["submission_id"] for s in decision.new_submissions]
    keep = pl.col("submission_id").is_in(pl.lit(new_ids, dtype=pl.List(pl.String)))
    insert_frame(con, "dim_submission", _dim_submission(decision.new_submissions, load_id, now))
    projects = frames["projects"].filter(keep)
    indicators = frames["indicators"].filter(keep)
    report.projects = insert_frame(con, "fct_project_budget", _fct_project_budget(projects))
    report.indicators = insert_frame(con, "fct_indicator_target", _fct_indicator_target(indicators))
    insert_frame(con, "fct_spending_plan", _sourced(frames["spending_plan"].filter(keep)))
    insert_frame(
        con, "fct_department_goal", _fct_department_goal(frames["department_goals"].filter(keep))
    )
    if "warnings" in frames:  # frames staged before warnings existed have none
        report.warnings = insert_frame(con, "fct_extraction_warning", _sourced(frames["warnings"].filter(keep)))
    selfeval.insert_facts(con, frames, keep)
    _refresh_categories(con, frames["categories"], load_id)
    _refresh_projects(con, projects, subs, load_id)
    _refresh_units(con, subs.filter(keep)["unit_key"].unique().to_list(), load_id)
    _refresh_counties(con, subs.filter(keep)["division_code"].unique().to_list(), load_id)
    report.findings_by_severity = findings_mod.load_findings(
        con, findings, frames, new_ids, load_id
    )
    findings_mod.refresh_rules(con)
    # Links and 自评复核 findings of every current self-evaluation of the years this load touched.
    touched = subs.filter(keep)["fiscal_year"].unique().to_list()
    report.selfeval_findings_by_severity = selfeval.refresh(con, touched, load_id)

    con.execute(
        "INSERT INTO loads VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        [
            load_id,
            started_at,
            datetime.now(UTC),
            version,
            report.files_seen,
            report.new,
            report.loaded,
            report.rejected,
            report.duplicate,
            report.superseded,
            report.projects,
            report.indicators,
            sum(report.findings_by_severity.values()),
        ],
    )
    return report


def _record_ledger(
    con: duckdb.DuckDBPyConnection, decision: Any, load_id: str, now: datetime
) -> None:
    if decision.resighted:
        seen = pl.DataFrame(
            {
                "path": [r["path"] for r in decision.resighted],
                "sha256": [r["submission_id"] for r in decision.resighted],
            },
            schema={"path": pl.String, "sha256": pl.String},
        ).unique()
        arrow.register(con, "_resighted", seen)
        con.execute(
            "UPDATE ingest_ledger AS l SET times_seen = l.times_seen + 1, last_seen_at = $1, "
            "last_load_id = $2 FROM _resighted AS r WHERE l.path = r.path AND l.sha256 = r.sha256",
            [now, load_id],
        )
        con.unregister("_resighted")
    if decision.ledger_rows:
        rows = pl.DataFrame(decision.ledger_rows, schema=_LEDGER_SCHEMA).with_columns(
            times_seen=pl.lit(1, pl.Int32),
            first_seen_at=pl.lit(now, TS),
            last_seen_at=pl.lit(now, TS),
            status_changed_at=pl.lit(now, TS),
            load_id=pl.lit(load_id),
            last_load_id=pl.lit(load_id),
        )
        insert_frame(con, "ingest_ledger", rows)


_LEDGER_SCHEMA = {
    "path": pl.String,
    "sha256": pl.String,
    "file_name": pl.String,
    "size_bytes": pl.Int64,
    "status": pl.String,
    "rejection_kind": pl.String,
    "reason": pl.String,
    "division_code": pl.String,
    "unit_code": pl.String,
    "fiscal_year": pl.Int32,
    "submission_key": pl.String,
    "superseded_by_sha256": pl.String,
}


def _supersede_existing(
    con: duckdb.DuckDBPyConnection, decision: Any, load_id: str, now: datetime
) -> None:
    for old_key, old_sha, new_key, new_sha, new_file in decision.superseded_existing:
        division_code, unit_code, fiscal_year, kind = _rows(
            con,
            "SELECT division_code, unit_code, fiscal_year, kind FROM dim_submission WHERE submission_key = $1",
            [old_key],
        )[0]
        con.execute(
            "UPDATE dim_submission SET is_current = false, superseded_by_key = $2, superseded_at = $3 "
            "WHERE submission_key = $1",
            [old_key, new_key, now],
        )
        con.execute(
            "UPDATE ingest_ledger SET status = 'superseded', superseded_by_sha256 = $2, reason = $3, "
            "status_changed_at = $4, last_load_id = $5 WHERE sha256 = $1 AND status = 'loaded'",
            [
                old_sha,
                new_sha,
                superseded_reason(division_code, unit_code, fiscal_year, new_file, kind),
                now,
                load_id,
            ],
        )


def _dim_submission(rows: list[dict[str, Any]], load_id: str, now: datetime) -> pl.DataFrame:
    cols = {
        "submission_key": pl.String,
        "submission_id": pl.String,
        "file": pl.String,
        "path": pl.String,
        "size": pl.Int64,
        "division_code": pl.String,
        "division_source": pl.String,
        "county_name": pl.String,
        "unit_key": pl.String,
        "unit_code": pl.String,
        "unit_name": pl.String,
        "kind": pl.String,
        "fiscal_year": pl.Int32,
        "version": pl.Int32,
        "is_current": pl.Boolean,
        "superseded_by_key": pl.String,
        "project_count": pl.Int32,
        "indicator_count": pl.Int32,
        "extract_seconds": pl.Float64,
    }
    df = pl.DataFrame([{k: r.get(k) for k in cols} for r in rows], schema=cols).with_columns(
        pl.col("kind").fill_null("targets")  # frames staged before self-evaluations have none
    )
    return df.rename(
        {"submission_id": "sha256", "file": "file_name", "size": "size_bytes"}
    ).with_columns(
        received_at=pl.lit(now, TS),
        loaded_at=pl.lit(now, TS),
        superseded_at=pl.when(pl.col("is_current")).then(None).otherwise(pl.lit(now, TS)),
        load_id=pl.lit(load_id),
    )


def _sourced(df: pl.DataFrame) -> pl.DataFrame:
    """Return a staging frame with the file's sha256 named as lineage (source_sha256)."""
    return df.rename({"submission_id": "source_sha256"}).drop("unit_code", strict=False)


def _fct_project_budget(projects: pl.DataFrame) -> pl.DataFrame:
    return _sourced(projects).select(
        "submission_key",
        "project_seq",
        "project_key",
        "division_code",
        "unit_key",
        "fiscal_year",
        "budget_total_yuan",
        "budget_fiscal_yuan",
        "budget_other_yuan",
        "indicator_count",
        "taxonomy_version",
        "load_id",
        "source_sha256",
        "source_table",
    )


def _fct_indicator_target(indicators: pl.DataFrame) -> pl.DataFrame:
    return _sourced(indicators).rename(
        {
            "name": "indicator_name",
            "description": "indicator_description",
            "op": "target_op",
            "value": "target_value",
            "unit": "target_unit",
        }
    )


def _fct_department_goal(goals: pl.DataFrame) -> pl.DataFrame:
    return _sourced(goals).rename(
        {
            "indicator": "indicator_text",
            "op": "threshold_op",
            "value": "threshold_value",
            "unit": "threshold_unit",
        }
    )


def _refresh_categories(
    con: duckdb.DuckDBPyConnection, categories: pl.DataFrame, load_id: str
) -> None:
    arrow.register(con, "_categories", categories.with_columns(load_id=pl.lit(load_id)))
    con.execute(
        "INSERT INTO dim_indicator_category BY NAME SELECT c.* FROM _categories AS c "
        "ANTI JOIN dim_indicator_category AS d USING (category_key)"
    )
    con.unregister("_categories")


def _refresh_projects(
    con: duckdb.DuckDBPyConnection, projects: pl.DataFrame, subs: pl.DataFrame, load_id: str
) -> None:
    """Upsert the batch's projects into dim_project (latest in batch order wins), then is_current."""
    if projects.height:
        order = subs.select("submission_id", "batch_seq").unique("submission_id", keep="first")
        latest = (
            projects.join(order, on="submission_id", how="left")
            .sort("batch_seq", "project_seq")
            .unique("project_key", keep="last", maintain_order=True)
            .select(
                "project_key",
                "project_code",
                "project_name",
                "division_code",
                "unit_key",
                "unit_code",
                "fiscal_year",
                "purpose",
                "goals",
                "long_term_goals",
                "extra_json",
                "taxonomy_version",
                pl.lit(False).alias("is_current"),
                pl.lit(load_id).alias("load_id"),
                pl.col("submission_id").alias("source_sha256"),
            )
        )
        arrow.register(con, "_projects", latest)
        con.execute(
            "DELETE FROM dim_project WHERE project_key IN (SELECT project_key FROM _projects)"
        )
        con.execute("INSERT INTO dim_project BY NAME SELECT * FROM _projects")
        con.unregister("_projects")
    con.execute(
        "UPDATE dim_project SET is_current = project_key IN ("
        " SELECT b.project_key FROM fct_project_budget AS b JOIN dim_submission AS s USING (submission_key)"
        " WHERE s.is_current) WHERE project_key <> $1",
        [UNKNOWN_KEY],
    )


def _refresh_units(con: duckdb.DuckDBPyConnection, unit_keys: list[str], load_id: str) -> None:
    """Rebuild dim_unit rows of the units this batch touched, from their submissions."""
    keys = [k for k in unit_keys if k != UNKNOWN_KEY]
    if not keys:
        return
    arrow.register(con, "_units", pl.DataFrame({"unit_key": keys}, schema={"unit_key": pl.String}))
    con.execute("DELETE FROM dim_unit WHERE unit_key IN (SELECT unit_key FROM _units)")
    con.execute(
        "INSERT INTO dim_unit BY NAME "
        "SELECT s.unit_key, any_value(s.division_code) AS division_code, any_value(s.unit_code) AS unit_code, "
        "       first(s.unit_name ORDER BY s.is_current DESC, s.fiscal_year DESC NULLS LAST, s.version DESC) "
        "         AS unit_name, "
        "       left(any_value(s.unit_code), 3) AS department_code, min(s.fiscal_year) AS first_fiscal_year, "
        "       max(s.fiscal_year) AS last_fiscal_year, count(*)::INTEGER AS submissions, $1 AS load_id "
        "FROM dim_submission AS s SEMI JOIN _units AS u USING (unit_key) GROUP BY s.unit_key",
        [load_id],
    )
    con.unregister("_units")


def _refresh_counties(con: duckdb.DuckDBPyConnection, divisions: list[str], load_id: str) -> None:
    """Rebuild dim_county rows of the counties this batch touched, from their submissions."""
    codes = [d for d in divisions if d and d != UNKNOWN_DIVISION]
    if not codes:
        return
    rows = _rows(
        con,
        "SELECT division_code, mode(county_name) FILTER (WHERE county_name IS NOT NULL), "
        "count(DISTINCT unit_key)::INTEGER, min(fiscal_year), max(fiscal_year) FROM dim_submission "
        "WHERE list_contains($1, division_code) AND submission_key <> $2 GROUP BY division_code",
        [codes, UNKNOWN_KEY],
    )
    counties = pl.DataFrame(
        [
            {
                "division_code": code,
                "county_name": name,
                "prefecture_code": code[:4] + "00",
                "province_code": code[:2] + "0000",
                "province_name": province_of(code),
                "units": units,
                "first_fiscal_year": first,
                "last_fiscal_year": last,
                "load_id": load_id,
            }
            for code, name, units, first, last in rows
        ],
        schema={
            "division_code": pl.String,
            "county_name": pl.String,
            "prefecture_code": pl.String,
            "province_code": pl.String,
            "province_name": pl.String,
            "units": pl.Int32,
            "first_fiscal_year": pl.Int32,
            "last_fiscal_year": pl.Int32,
            "load_id": pl.String,
        },
    )
    arrow.register(con, "_counties", counties)
    con.execute("DELETE FROM dim_county WHERE division_code IN (SELECT division_code FROM _counties)")
    con.execute("INSERT INTO dim_county BY NAME SELECT * FROM _counties")
    con.unregister("_counties")
