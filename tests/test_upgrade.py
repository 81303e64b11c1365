"""In-place upgrades (issue 11): a warehouse written by release 1fd9309 upgraded, then loaded into.

tests/data/release_1fd9309/jixiao.duckdb.gz was written by that release's own code
(make_release1_warehouse.py beside it): two loads, 2022 with a re-submission, a duplicate and
rejected files, 2023 with a re-submission. Each test gunzips it to tmp_path; nothing is mocked.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from flows import steps
from flows.cli import main as jixiao
from flows.settings import Settings
from tests.docgen.county import write_county
from transform.keys import surrogate_key
from warehouse.connect import open_readonly, open_readwrite
from warehouse.publish import stale_builds
from warehouse.schema import SCHEMA_VERSION, SchemaError, apply_schema
from warehouse.stages import ENV as STAGES_ENV
from warehouse.upgrade import conform_tables, table_columns, upgrade

RELEASE_1 = Path(__file__).parent / "data" / "release_1fd9309" / "jixiao.duckdb.gz"
ROOT = Path(__file__).resolve().parent.parent
HISTORY_TABLES = (
    "loads",
    "ingest_ledger",
    "dim_submission",
    "dim_project",
    "dim_unit",
    "fct_project_budget",
    "fct_indicator_target",
    "fct_spending_plan",
    "fct_department_goal",
    "fct_review_finding",
)


def _release_1(tmp_path: Path) -> Path:
    wh = tmp_path / "jixiao.duckdb"
    with gzip.open(RELEASE_1, "rb") as src, wh.open("wb") as dst:
        shutil.copyfileobj(src, dst)
    return wh


def _rows(wh: Path, sql: str, params: list[object] | None = None) -> list[tuple[object, ...]]:
    con = open_readonly(wh)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def _counts(wh: Path, load_ids: list[str] | None = None) -> dict[str, int]:
    """Rows per history table; with `load_ids`, the rows those loads added (dimensions that
    later loads rebuild, dim_unit and dim_project, left out)."""
    if load_ids is None:
        return {t: int(str(_rows(wh, f"SELECT count(*) FROM {t}")[0][0])) for t in HISTORY_TABLES}
    return {
        t: int(str(_rows(wh, f"SELECT count(*) FROM {t} WHERE list_contains($1, load_id)", [load_ids])[0][0]))
        for t in HISTORY_TABLES
        if t not in ("dim_unit", "dim_project")
    }


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_release_1_warehouse_is_upgraded_with_its_history(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wh = _release_1(tmp_path)
    assert _rows(wh, "SELECT max(version) FROM schema_version") == [(1,)]
    before = _counts(wh)
    loads = _rows(wh, "SELECT load_id, files_seen, loaded, superseded FROM loads ORDER BY 1")
    superseded = _rows(wh, "SELECT sha256, superseded_by_key FROM dim_submission WHERE NOT is_current "
                       "AND submission_key <> '00000000000000000000000000000000' ORDER BY 1")
    ledger = _rows(wh, "SELECT path, sha256, status, reason FROM ingest_ledger ORDER BY 1, 2")
    findings = _rows(wh, "SELECT finding_key, rule_id, submission_key FROM fct_review_finding ORDER BY 1")
    assert len(loads) == 2 and len(superseded) == 2  # what the fixture holds

    assert jixiao(["upgrade", "--warehouse", str(wh)]) == 0
    assert f"upgraded warehouse from schema 1 to {SCHEMA_VERSION}" in capsys.readouterr().out

    assert _rows(wh, "SELECT max(version) FROM schema_version") == [(SCHEMA_VERSION,)]
    assert _counts(wh) == before
    # Schema 3: every submission of an earlier release is a target submission.
    assert _rows(wh, "SELECT DISTINCT kind FROM dim_submission") == [("targets",)]
    assert _rows(wh, "SELECT load_id, files_seen, loaded, superseded FROM loads ORDER BY 1") == loads
    assert _rows(wh, "SELECT sha256, superseded_by_key FROM dim_submission WHERE NOT is_current "
                 "AND submission_key <> '00000000000000000000000000000000' ORDER BY 1") == superseded
    assert _rows(wh, "SELECT path, sha256, status, reason FROM ingest_ledger ORDER BY 1, 2") == ledger
    assert _rows(wh, "SELECT finding_key, rule_id, submission_key FROM fct_review_finding ORDER BY 1") == findings
    # The county comes from the project codes (131026…), as for a new file.
    assert _rows(wh, "SELECT DISTINCT division_code, division_source FROM dim_submission "
                 "WHERE submission_key <> '00000000000000000000000000000000'") == [("131026", "codes")]
    assert _rows(wh, "SELECT division_code, county_name, units FROM dim_county "
                 "WHERE division_code <> 'unknown'") == [("131026", "文安县", 10)]
    # Keys are the ones the current code gives: unit (division, code), projects by county too.
    for key, division, unit in _rows(wh, "SELECT unit_key, division_code, unit_code FROM dim_unit "
                                     "WHERE unit_key <> '00000000000000000000000000000000'"):
        assert key == surrogate_key("unit", division, unit)
    for key, division, unit, year, code in _rows(
        wh, "SELECT project_key, division_code, unit_code, fiscal_year, project_code FROM dim_project "
        "WHERE project_code IS NOT NULL"
    ):
        assert key == surrogate_key("project", division, unit, year, "code:" + str(code))
    # The same tables, columns, order and views as a warehouse created by this code.
    fresh = duckdb.connect(":memory:")
    apply_schema(fresh)
    con = open_readonly(wh)
    try:
        for (table,) in fresh.execute("SELECT table_name FROM duckdb_tables()").fetchall():
            assert table_columns(con, table) == table_columns(fresh, table), table
        views = "SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1"
        assert con.execute(views).fetchall() == fresh.execute(views).fetchall()
        for (view,) in con.execute(views).fetchall():
            con.execute(f"SELECT count(*) FROM {view}").fetchall()  # every view still binds
    finally:
        con.close()
        fresh.close()
    assert jixiao(["verify", "--no-inbox", "--warehouse", str(wh)]) == 0


def test_upgraded_warehouse_takes_new_loads(tmp_path: Path) -> None:
    wh = _release_1(tmp_path)
    old_loads = [r[0] for r in _rows(wh, "SELECT load_id FROM loads ORDER BY 1")]
    old_counts = _counts(wh, old_loads)
    old_current = _rows(wh, "SELECT sha256, unit_code, fiscal_year FROM dim_submission "
                        "WHERE is_current AND submission_key <> '00000000000000000000000000000000'")
    inbox = tmp_path / "inbox"
    write_county(inbox / "2023", units=4, year=2023, seed=7, hostile=False, resubmissions=1, duplicates=0)
    write_county(inbox / "2024", units=3, year=2024, seed=8, hostile=False, resubmissions=0, duplicates=0)

    lines: list[str] = []
    summary = steps.run_direct(inbox, wh, Settings(concurrency=1), progress=lines.append)
    assert f"upgraded warehouse from schema 1 to {SCHEMA_VERSION}" in lines  # ingest upgrades on its own
    assert summary.loaded > 0 and summary.rejected == 0

    assert jixiao(["verify", "--no-inbox", "--warehouse", str(wh)]) == 0
    assert jixiao(["verify", "--warehouse", str(wh), "--inbox", str(inbox)]) == 0
    new_loads = [r[0] for r in _rows(wh, "SELECT load_id FROM loads ORDER BY 1")]
    assert new_loads[:2] == old_loads and len(new_loads) == 3
    assert _counts(wh, old_loads) == old_counts  # the old loads' rows untouched
    # An old current submission stays current unless the new load re-submitted its unit and year.
    resubmitted = {
        (u, y)
        for u, y in _rows(wh, "SELECT unit_code, fiscal_year FROM dim_submission WHERE load_id = $1",
                          [new_loads[2]])
    }
    current = {r[0] for r in _rows(wh, "SELECT sha256 FROM dim_submission WHERE is_current")}
    kept = [(sha in current) == ((u, y) not in resubmitted) for sha, u, y in old_current]
    assert all(kept)
    # seed 7 re-submits 413001 of 2023: both outcomes are exercised.
    assert any((u, y) in resubmitted for _, u, y in old_current)
    assert any((u, y) not in resubmitted for _, u, y in old_current)
    # New and old facts share one unit member per (county, unit code).
    assert _rows(wh, "SELECT count(*) FROM (SELECT division_code, unit_code FROM dim_unit "
                 "GROUP BY ALL HAVING count(*) > 1)") == [(0,)]
    years = _rows(wh, "SELECT fiscal_year, units FROM mart_county_summary ORDER BY 1")
    assert [y for y, _ in years] == [2022, 2023, 2024]
    # Every mart answers; those that list exceptions (files read imperfectly or rejected, fixes of
    # re-submissions, changed targets) may rightly be empty for these generated files, and so are
    # the self-evaluation marts: the generated inbox holds targets only.
    exceptions = {"mart_extraction_warnings", "mart_rejected_files", "mart_resubmission_fixes",
                  "mart_target_changes", "mart_target_achievement", "mart_budget_execution",
                  "mart_selfeval_audit", "mart_selfeval_unit_summary"}
    for (view,) in _rows(wh, "SELECT view_name FROM duckdb_views() WHERE view_name LIKE 'mart_%'"):
        rows = _rows(wh, f"SELECT count(*) FROM {view}")[0][0]
        assert rows > 0 or view in exceptions, view


def test_upgrading_a_current_warehouse_is_a_no_op(tmp_path: Path) -> None:
    wh = _release_1(tmp_path)
    assert upgrade(wh).upgraded
    published = _sha(wh)
    again = upgrade(wh)
    assert not again.upgraded and again.line() == f"warehouse already at schema {SCHEMA_VERSION}: nothing to upgrade"
    assert _sha(wh) == published  # not even rewritten
    assert _rows(wh, "SELECT count(*) FROM schema_version WHERE version = $1", [SCHEMA_VERSION]) == [(1,)]
    missing = tmp_path / "elsewhere" / "jixiao.duckdb"
    assert jixiao(["upgrade", "--warehouse", str(missing)]) == 2 and not missing.parent.exists()


def test_a_warehouse_newer_than_the_code_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wh = tmp_path / "newer.duckdb"
    con = open_readwrite(wh)
    apply_schema(con)
    con.execute("INSERT INTO schema_version VALUES ($1, 'future', now())", [SCHEMA_VERSION + 1])
    con.close()
    before = _sha(wh)
    with pytest.raises(SchemaError, match=rf"schema {SCHEMA_VERSION + 1} > {SCHEMA_VERSION}"):
        upgrade(wh)
    assert jixiao(["upgrade", "--warehouse", str(wh)]) == 1
    assert "更新版本" in capsys.readouterr().err
    inbox = tmp_path / "inbox"
    write_county(inbox, units=1, year=2024, seed=3, hostile=False, resubmissions=0, duplicates=0)
    with pytest.raises(SchemaError, match="更新版本"):
        steps.run_direct(inbox, wh, Settings(concurrency=1), progress=lambda _: None)
    assert _sha(wh) == before


def test_a_load_into_an_old_warehouse_names_the_upgrade_command(tmp_path: Path) -> None:
    wh = _release_1(tmp_path)
    con = duckdb.connect(str(wh))
    try:
        with pytest.raises(SchemaError, match=rf"jixiao upgrade --warehouse {wh}"):
            apply_schema(con)
    finally:
        con.close()


def test_an_upgrade_killed_midway_leaves_the_old_warehouse(tmp_path: Path) -> None:
    wh = _release_1(tmp_path)
    before = _sha(wh)
    log = tmp_path / "stages"
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIXIAO_")}
    env[STAGES_ENV] = f"{log};pause=upgrade:2:60"  # sleeps after migrating, before the commit
    proc = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "upgrade", "--warehouse", str(wh)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while not (log.exists() and "upgrade:2 " in log.read_text()):
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        assert time.monotonic() < deadline, "the upgrade never reached its migration"
        time.sleep(0.1)
    proc.kill()
    proc.wait()
    assert _sha(wh) == before
    assert _rows(wh, "SELECT max(version) FROM schema_version") == [(1,)]
    assert stale_builds(wh)  # the half-built copy was never published
    assert jixiao(["upgrade", "--warehouse", str(wh)]) == 0  # and the next run cleans up and upgrades
    assert not stale_builds(wh)
    assert _rows(wh, "SELECT max(version) FROM schema_version") == [(SCHEMA_VERSION,)]


def test_conforming_adds_new_nullable_columns_and_refuses_unknown_ones() -> None:
    con = duckdb.connect(":memory:")
    apply_schema(con)
    fresh = table_columns(con, "dim_county")
    con.execute("ALTER TABLE dim_county DROP COLUMN county_name")  # as if sql/ had grown it
    con.execute("INSERT INTO dim_county (division_code, units, load_id) VALUES ('131026', 3, 'x')")
    conform_tables(con)
    assert table_columns(con, "dim_county") == fresh
    assert con.execute("SELECT division_code, county_name, units FROM dim_county ORDER BY 1").fetchall() == [
        ("131026", None, 3), ("unknown", None, 0)  # old rows: null in the new column
    ]
    con.execute("ALTER TABLE loads ADD COLUMN operator VARCHAR")  # data sql/ does not know: kept, refused
    with pytest.raises(SchemaError, match="loads.*缺少一个迁移"):
        conform_tables(con)
    con.close()


def _move_to_another_county(wh: Path, submission_key: str, division: str) -> None:
    """Rewrite one release 1 submission's 项目编码 to another county's, keys as release 1 made them.

    Release 1 keyed units by code alone, so this is the issue's bug as such a warehouse holds it:
    another county's 401001 superseded this county's 401001.
    """
    con = duckdb.connect(str(wh))
    try:
        con.execute(
            "CREATE TEMP TABLE moved AS SELECT b.project_key AS old_key, "
            "  $2 || substr(p.project_code, 7) AS new_code, "
            "  md5(concat_ws(chr(31), 'project', s.unit_code, s.fiscal_year::VARCHAR, "
            "                'code:' || $2 || substr(p.project_code, 7))) AS new_key "
            "FROM fct_project_budget AS b JOIN dim_submission AS s USING (submission_key) "
            "JOIN dim_project AS p USING (project_key) "
            "WHERE b.submission_key = $1 AND p.project_code IS NOT NULL",
            [submission_key, division],
        )
        con.execute(
            "INSERT INTO dim_project SELECT d.* REPLACE (m.new_key AS project_key, m.new_code AS project_code) "
            "FROM dim_project AS d JOIN moved AS m ON d.project_key = m.old_key"
        )
        for table in ("fct_project_budget", "fct_indicator_target", "fct_spending_plan", "fct_review_finding"):
            con.execute(
                f"UPDATE {table} AS t SET project_key = m.new_key FROM moved AS m "
                "WHERE t.submission_key = $1 AND t.project_key = m.old_key",
                [submission_key],
            )
    finally:
        con.close()


def test_release_1_supersession_across_counties_is_undone(tmp_path: Path) -> None:
    wh = _release_1(tmp_path)
    (old, new), = _rows(
        wh, "SELECT submission_key, superseded_by_key FROM dim_submission "
        "WHERE unit_code = '401001' AND fiscal_year = 2022 AND NOT is_current"
    )
    _move_to_another_county(wh, str(new), "131025")  # 大城县's 401001 superseded 文安县's
    assert upgrade(wh).upgraded
    rows = _rows(
        wh, "SELECT s.submission_key, s.division_code, s.version, s.is_current, s.superseded_by_key, l.status "
        "FROM dim_submission AS s JOIN ingest_ledger AS l USING (sha256) "
        "WHERE s.submission_key IN ($1, $2) ORDER BY s.division_code",
        [old, new],
    )
    assert rows == [(new, "131025", 1, True, None, "loaded"), (old, "131026", 1, True, None, "loaded")]
    assert _rows(wh, "SELECT division_code FROM dim_unit WHERE unit_code = '401001' ORDER BY 1") == [
        ("131025",), ("131026",)
    ]
    assert ("131025",) in _rows(wh, "SELECT division_code FROM dim_county")
    assert jixiao(["verify", "--no-inbox", "--warehouse", str(wh)]) == 0
