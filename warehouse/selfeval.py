"""Self-evaluations (绩效自评) in the warehouse: their facts, links to the targets, 自评复核 findings.

A load inserts the facts of the self-evaluations it loads (`insert_facts`), then `refresh` links
every current self-evaluation of the years the load touched to the current targets of the same
county, unit and year (transform/selfeval/link.py) and runs the 自评复核 rules over them
(transform/selfeval/rules.py), replacing the links and the current self-evaluations' findings of
those years. A target file or a self-evaluation loaded in either order, or re-submitted, is
therefore linked and re-checked the same way: what the tables hold depends only on which
submissions are current. Superseded self-evaluations keep the findings they had, as history.
"""

from __future__ import annotations

import duckdb
import polars as pl

from transform.keys import surrogate_key
from transform.selfeval.link import link
from transform.selfeval.rules import RULES, run_selfeval_rules
from warehouse import arrow

_FACTS = {
    "selfeval_projects": "fct_selfeval_project",
    "selfeval_budget_lines": "fct_selfeval_budget_line",
    "indicator_results": "fct_indicator_result",
}


def insert_facts(con: duckdb.DuckDBPyConnection, frames: dict[str, pl.DataFrame], keep: pl.Expr) -> None:
    """Insert the self-evaluation facts of the submissions loaded now (`keep`)."""
    for frame, table in _FACTS.items():
        if frame in frames:  # frames staged before self-evaluations existed have none
            _insert(con, table, frames[frame].filter(keep).rename({"submission_id": "source_sha256"}).drop("unit_code"))


# The (unit code, year) of every current self-evaluation of some budget years. Only the targets of
# those units and years can be linked (transform/selfeval/link.py pairs a self-evaluation with the
# targets of its county, unit and year, or of the one county with that unit code and year), so
# only those are read: a county of targets without self-evaluations costs no linking.
_EVALUATED = """
        SELECT DISTINCT s.unit_code, p.fiscal_year
        FROM current_selfeval_project AS p
        JOIN dim_submission AS s USING (submission_key)
        WHERE p.fiscal_year IN (SELECT unnest($years::INTEGER[]))"""

# The current rows of some budget years, as transform/selfeval reads them.
_CURRENT = {
    "target_projects": f"""
        SELECT b.submission_key, b.division_code, s.unit_code, b.unit_key, b.fiscal_year, b.project_seq,
               b.project_key, p.project_code, p.project_name
        FROM current_project_budget AS b
        JOIN dim_submission AS s USING (submission_key)
        LEFT JOIN dim_project AS p USING (project_key)
        WHERE b.fiscal_year IN (SELECT unnest($years::INTEGER[]))
          AND EXISTS (SELECT 1 FROM ({_EVALUATED}) AS e
                      WHERE e.unit_code IS NOT DISTINCT FROM s.unit_code AND e.fiscal_year = b.fiscal_year)
        ORDER BY b.submission_key, b.project_seq""",
    "target_indicators": f"""
        SELECT t.submission_key, t.project_seq, t.indicator_seq, t.indicator_key, t.level1, t.level2,
               t.level1_canonical, t.level2_canonical, t.indicator_name, t.target_raw, t.target_op,
               t.target_value, t.target_unit
        FROM current_indicator_target AS t
        JOIN dim_submission AS s USING (submission_key)
        WHERE t.fiscal_year IN (SELECT unnest($years::INTEGER[])) AND t.horizon = 'annual'
          AND EXISTS (SELECT 1 FROM ({_EVALUATED}) AS e
                      WHERE e.unit_code IS NOT DISTINCT FROM s.unit_code AND e.fiscal_year = t.fiscal_year)
        ORDER BY t.submission_key, t.project_seq, t.indicator_seq""",
    "selfeval_projects": """
        SELECT p.*, s.unit_code
        FROM current_selfeval_project AS p
        JOIN dim_submission AS s USING (submission_key)
        WHERE p.fiscal_year IN (SELECT unnest($years::INTEGER[]))
        ORDER BY p.submission_key, p.project_seq""",
    "indicator_results": """
        SELECT * FROM current_indicator_result
        WHERE fiscal_year IN (SELECT unnest($years::INTEGER[]))
        ORDER BY submission_key, project_seq, indicator_seq""",
}


def current_frames(con: duckdb.DuckDBPyConnection, years: list[int]) -> dict[str, pl.DataFrame]:
    """Return the current targets and self-evaluations of `years` as transform/selfeval reads them."""
    return {name: arrow.frame_of(con.sql(query, params={"years": years})) for name, query in _CURRENT.items()}


def refresh(con: duckdb.DuckDBPyConnection, years: list[int | None], load_id: str) -> dict[str, int]:
    """Recompute the links and findings of the current self-evaluations of `years`; return findings by severity."""
    _refresh_rules(con)
    wanted = sorted({y for y in years if y is not None})
    if not wanted:
        return {}
    frames = current_frames(con, wanted)
    links = link(frames["target_projects"], frames["target_indicators"], frames["selfeval_projects"],
                 frames["indicator_results"])
    for name, table in (("project_links", "fct_selfeval_project_link"),
                        ("indicator_links", "fct_selfeval_indicator_link")):
        con.execute(f"DELETE FROM {table} WHERE fiscal_year IN (SELECT unnest($1::INTEGER[]))", [wanted])
        _insert(con, table, links[name].with_columns(load_id=pl.lit(load_id)))
    found = run_selfeval_rules({**frames, **links})
    con.execute(
        "DELETE FROM fct_selfeval_finding WHERE submission_key IN (SELECT submission_key FROM dim_submission "
        "WHERE is_current AND kind = 'self_evaluation' AND fiscal_year IN (SELECT unnest($1::INTEGER[])))",
        [wanted],
    )
    _insert(con, "fct_selfeval_finding", _enrich(found, frames["selfeval_projects"], links["project_links"], load_id))
    rows = con.execute(
        "SELECT f.severity, count(*) FROM fct_selfeval_finding AS f JOIN dim_submission AS s USING (submission_key) "
        "WHERE s.is_current AND s.fiscal_year IN (SELECT unnest($1::INTEGER[])) GROUP BY ALL",
        [wanted],
    ).fetchall()
    return {severity: int(n) for severity, n in sorted(rows)}


def _enrich(found: pl.DataFrame, projects: pl.DataFrame, links: pl.DataFrame, load_id: str) -> pl.DataFrame:
    """Return the findings with their key, load, year and unit: the unit of the targets linked to, else the file's."""
    placed = links.select(pl.col("selfeval_submission_key").alias("submission_key"), "unit_key",
                          "division_code").unique("submission_key")
    subs = (projects.select("submission_key", "unit_key", "division_code", "fiscal_year").unique("submission_key")
            .join(placed, on="submission_key", how="left", suffix="_placed")
            .select("submission_key", "fiscal_year",
                    pl.coalesce("unit_key_placed", "unit_key").alias("unit_key"),
                    pl.coalesce("division_code_placed", "division_code").alias("division_code")))
    keys = [
        surrogate_key("selfeval_finding", *("" if v is None else v for v in row))
        for row in found.select("rule_id", "submission_key", "project_seq", "indicator_seq", "target_submission_key",
                                "target_project_seq", "target_indicator_seq").iter_rows()
    ]
    return found.join(subs, on="submission_key", how="left").with_columns(
        finding_key=pl.Series(keys, dtype=pl.String), load_id=pl.lit(load_id))


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: pl.DataFrame) -> None:
    if rows.height == 0:
        return
    arrow.register(con, "_selfeval_rows", rows)
    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _selfeval_rows")
    con.unregister("_selfeval_rows")


def _refresh_rules(con: duckdb.DuckDBPyConnection) -> None:
    rules = pl.DataFrame([tuple(r) for r in RULES], schema={"rule_id": pl.String, "severity": pl.String,
                                                          "description": pl.String}, orient="row")
    con.execute("DELETE FROM dim_selfeval_rule")
    _insert(con, "dim_selfeval_rule", rules)
