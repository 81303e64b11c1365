"""Schema 1 -> 2 (issue 11): counties kept apart.

Release 1 keyed a unit by its code alone. Version 2 adds division_code to dim_unit, dim_submission,
dim_project, every fact and the ledger, and keys units and projects within their county
(transform/keys.py). Each loaded submission's division is derived the way transform/division.py
derives it for a new file: the first six digits of its projects' 项目编码, else a six-digit folder on
its path, else the `division` setting, else 'unknown'. Submission, indicator, finding and category
keys do not include the county and stay as they are.

History stays: every load, superseded submission, finding and ledger row is kept. Only where
release 1 let one county's unit supersede another county's unit of the same code are versions and
current flags re-decided per (division, unit, year), as the version 2 loader would have decided.
"""

from __future__ import annotations

from typing import Any

import duckdb
import polars as pl

from transform.division import (
    UNKNOWN_DIVISION,
    county_name_in,
    division_from_codes,
    division_from_path,
    is_division,
)
from transform.keys import UNKNOWN_KEY, project_key, surrogate_key, unit_key
from warehouse.batch import superseded_reason
from warehouse.load import _refresh_counties, _refresh_units  # the loader's own rebuilds
from warehouse.migrations.context import Context
from warehouse.schema import sql_objects

FACTS = (
    "fct_project_budget",
    "fct_indicator_target",
    "fct_spending_plan",
    "fct_department_goal",
    "fct_review_finding",
)
# Facts that name a project by (submission_key, project_seq).
PROJECT_FACTS = ("fct_project_budget", "fct_indicator_target", "fct_spending_plan", "fct_review_finding")
NEW_COLUMNS = {
    **{t: ["division_code"] for t in (*FACTS, "dim_unit", "dim_project", "ingest_ledger")},
    "dim_submission": ["division_code", "division_source", "county_name"],
}


class MigrationError(RuntimeError):
    """An old row could not be brought to the new schema (names the file)."""


def migrate(con: duckdb.DuckDBPyConnection, context: Context) -> None:
    """Add division_code everywhere, recompute unit and project keys, fill dim_county."""
    for table, columns in NEW_COLUMNS.items():
        for column in columns:
            con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} VARCHAR")
    subs = submission_divisions(con, context)
    con.register("_m2_subs", subs.to_arrow())
    con.register("_m2_projects", project_keys(con, subs).to_arrow())

    con.execute(
        "UPDATE dim_submission AS s SET division_code = m.division_code, "
        "division_source = m.division_source, county_name = m.county_name, unit_key = m.unit_key "
        "FROM _m2_subs AS m WHERE s.submission_key = m.submission_key"
    )
    for table in FACTS:
        con.execute(
            f"UPDATE {table} AS f SET division_code = m.division_code, unit_key = m.unit_key "
            "FROM _m2_subs AS m WHERE f.submission_key = m.submission_key"
        )
    for table in PROJECT_FACTS:
        con.execute(
            f"UPDATE {table} AS f SET project_key = p.project_key FROM _m2_projects AS p "
            "WHERE f.submission_key = p.submission_key AND f.project_seq = p.project_seq "
            "AND f.project_key = p.old_key"
        )
    con.execute(
        "UPDATE ingest_ledger AS l SET division_code = m.division_code FROM _m2_subs AS m "
        "WHERE l.submission_key = m.submission_key AND l.status IN ('loaded', 'superseded')"
    )
    _redecide_collisions(con)
    _rekey_projects(con)
    _rebuild_units_and_counties(con)
    con.unregister("_m2_subs")
    con.unregister("_m2_projects")


def submission_divisions(con: duckdb.DuckDBPyConnection, context: Context) -> pl.DataFrame:
    """Return each submission's division, how it was found, county name and new unit_key."""
    rows = con.execute(
        "SELECT s.submission_key, s.path, s.file_name, s.unit_code, s.unit_name, "
        "       list(p.project_code ORDER BY b.project_seq) FILTER (WHERE p.project_code IS NOT NULL) "
        "FROM dim_submission AS s "
        "LEFT JOIN fct_project_budget AS b USING (submission_key) "
        "LEFT JOIN dim_project AS p ON p.project_key = b.project_key "
        "GROUP BY ALL"
    ).fetchall()
    setting = (context.division or "").strip()
    out: list[dict[str, Any]] = []
    for key, path, file_name, unit_code, unit_name, codes in rows:
        if key == UNKNOWN_KEY:  # the dimension's unknown member
            division, source, ukey, county = UNKNOWN_DIVISION, None, UNKNOWN_KEY, None
        else:
            division, source = _division(codes or [], path or "", setting)
            ukey = unit_key(division, unit_code)
            county = county_name_in(unit_name) or county_name_in(file_name) or context.county_name
        out.append(
            {
                "submission_key": key,
                "division_code": division,
                "division_source": source,
                "county_name": county,
                "unit_key": ukey,
            }
        )
    return pl.DataFrame(
        out,
        schema={c: pl.String for c in ("submission_key", "division_code", "division_source",
                                       "county_name", "unit_key")},
    )


def _division(codes: list[str], path: str, setting: str) -> tuple[str, str]:
    # The order of transform.division.resolve_division, over what the warehouse kept of the file.
    from_codes = division_from_codes(codes)
    if from_codes:
        return from_codes, "codes"
    from_path = division_from_path(path)
    if from_path:
        return from_path, "path"
    if is_division(setting):
        return setting, "setting"
    return UNKNOWN_DIVISION, "unknown"


def project_keys(con: duckdb.DuckDBPyConnection, subs: pl.DataFrame) -> pl.DataFrame:
    """Return (submission_key, project_seq, old_key, project_key) for every project row.

    A release 1 key was md5('project', unit, year, 'code:'||code), else 'name:'||name, else the
    file and position; which one a row used is found by recomputing each and comparing, so the
    new key is made from the same natural key plus the county.
    """
    division = dict(zip(subs["submission_key"], subs["division_code"], strict=True))
    rows = con.execute(
        "SELECT b.submission_key, b.project_seq, b.project_key, s.sha256, s.file_name, "
        "       s.unit_code, s.fiscal_year, p.project_code, p.project_name "
        "FROM fct_project_budget AS b JOIN dim_submission AS s USING (submission_key) "
        "LEFT JOIN dim_project AS p USING (project_key)"
    ).fetchall()
    out = []
    for sub_key, seq, old, sha, file_name, unit, year, code, name in rows:
        div = division[sub_key]
        if unit is not None and year is not None and code and old == surrogate_key(
            "project", unit, year, "code:" + code
        ):
            new = project_key(div, unit, year, code, None, sha, seq)
        elif unit is not None and year is not None and name and old == surrogate_key(
            "project", unit, year, "name:" + name
        ):
            new = project_key(div, unit, year, None, name, sha, seq)
        elif old in (surrogate_key("project", "submission:" + sha, seq), UNKNOWN_KEY):
            new = old
        else:
            raise MigrationError(
                f"{file_name}：第 {seq} 个项目的键无法按第1版规则复算（project_key {old}），"
                "仓库可能已被手工修改；升级未做任何改动。"
            )
        out.append({"submission_key": sub_key, "project_seq": seq, "old_key": old, "project_key": new})
    return pl.DataFrame(
        out,
        schema={"submission_key": pl.String, "project_seq": pl.Int32, "old_key": pl.String,
                "project_key": pl.String},
    )


def _rekey_projects(con: duckdb.DuckDBPyConnection) -> None:
    """Replace dim_project rows by their new keys (one old row may become one per county)."""
    con.execute(
        "CREATE TEMP TABLE _m2_old_projects AS SELECT * FROM dim_project "
        "WHERE project_key IN (SELECT old_key FROM _m2_projects)"
    )
    con.execute("DELETE FROM dim_project WHERE project_key IN (SELECT old_key FROM _m2_projects)")
    con.execute(
        "INSERT INTO dim_project BY NAME "
        "SELECT o.* EXCLUDE (project_key, unit_key, division_code), n.project_key, n.unit_key, "
        "       n.division_code "
        "FROM (SELECT DISTINCT p.project_key, p.old_key, s.unit_key, s.division_code "
        "      FROM _m2_projects AS p JOIN _m2_subs AS s USING (submission_key)) AS n "
        "JOIN _m2_old_projects AS o ON o.project_key = n.old_key"
    )
    con.execute("DROP TABLE _m2_old_projects")
    con.execute(
        "UPDATE dim_project SET division_code = $1 WHERE project_key = $2",
        [UNKNOWN_DIVISION, UNKNOWN_KEY],
    )
    # As warehouse.load._refresh_projects: current when listed by a current submission.
    con.execute(
        "UPDATE dim_project SET is_current = project_key IN ("
        " SELECT b.project_key FROM fct_project_budget AS b JOIN dim_submission AS s USING (submission_key)"
        " WHERE s.is_current) WHERE project_key <> $1",
        [UNKNOWN_KEY],
    )


def _redecide_collisions(con: duckdb.DuckDBPyConnection) -> None:
    """Renumber versions and current flags per (division, unit, year) where release 1 mixed counties.

    Release 1 numbered a unit code's submissions across counties in load order; within one county
    that order is kept, so a warehouse of one county is left exactly as it was.
    """
    changed = con.execute(
        "WITH o AS ("
        " SELECT submission_key, division_code, unit_code, fiscal_year, version, is_current,"
        "        superseded_by_key, sha256,"
        "        row_number() OVER w AS new_version, lead(submission_key) OVER w AS next_key,"
        "        lead(sha256) OVER w AS next_sha, lead(file_name) OVER w AS next_file"
        " FROM dim_submission"
        " WHERE submission_key <> $1 AND unit_code IS NOT NULL AND fiscal_year IS NOT NULL"
        " WINDOW w AS (PARTITION BY division_code, unit_code, fiscal_year"
        "              ORDER BY version, loaded_at, submission_key))"
        "SELECT submission_key, sha256, division_code, unit_code, fiscal_year, new_version, next_key,"
        "       next_sha, next_file FROM o "
        "WHERE version <> new_version OR is_current <> (next_key IS NULL)"
        "   OR superseded_by_key IS DISTINCT FROM next_key",
        [UNKNOWN_KEY],
    ).fetchall()
    for key, sha, division, unit, year, version, next_key, next_sha, next_file in changed:
        current = next_key is None
        con.execute(
            "UPDATE dim_submission SET version = $2, is_current = $3, superseded_by_key = $4, "
            "superseded_at = CASE WHEN $3 THEN NULL ELSE superseded_at END WHERE submission_key = $1",
            [key, version, current, next_key],
        )
        con.execute(
            "UPDATE ingest_ledger SET status = $2, superseded_by_sha256 = $3, reason = $4 "
            "WHERE sha256 = $1 AND status IN ('loaded', 'superseded')",
            [
                sha,
                "loaded" if current else "superseded",
                next_sha,
                None if current else superseded_reason(division, unit, year, next_file),
            ],
        )


def _rebuild_units_and_counties(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild dim_unit and dim_county with the loader's own code, as the last load touching each did."""
    county = next(o for o in sql_objects() if o.name == "dim_county")
    con.execute(county.text)  # CREATE TABLE IF NOT EXISTS + its unknown member + comments
    con.execute("DELETE FROM dim_unit WHERE unit_key <> $1", [UNKNOWN_KEY])
    con.execute("UPDATE dim_unit SET division_code = $1", [UNKNOWN_DIVISION])
    by_load = con.execute(
        "SELECT load_id, list(unit_key) FROM (SELECT unit_key, max(load_id) AS load_id "
        " FROM dim_submission WHERE submission_key <> $1 GROUP BY unit_key) GROUP BY load_id",
        [UNKNOWN_KEY],
    ).fetchall()
    for load_id, keys in by_load:
        _refresh_units(con, keys, load_id)
    by_load = con.execute(
        "SELECT load_id, list(division_code) FROM (SELECT division_code, max(load_id) AS load_id "
        " FROM dim_submission WHERE submission_key <> $1 GROUP BY division_code) GROUP BY load_id",
        [UNKNOWN_KEY],
    ).fetchall()
    for load_id, divisions in by_load:
        _refresh_counties(con, divisions, load_id)
