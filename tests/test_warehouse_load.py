"""Loading batches into a real DuckDB file: idempotence, supersession, ledger, checks, atomicity."""

from __future__ import annotations

import hashlib
from pathlib import Path

import polars as pl
import pytest

from tests.warehouse_records import other_unit, outcome, resubmission, seed
from transform.frames import build_frames
from warehouse.checks import run_checks
from warehouse.connect import open_readonly, open_readwrite
from warehouse.ledger import known_hashes, ledger_status
from warehouse.load import load
from warehouse.publish import stale_builds
from warehouse.schema import SCHEMA_VERSION, apply_schema

TABLES = [
    "dim_unit",
    "dim_project",
    "dim_indicator_category",
    "dim_submission",
    "fct_project_budget",
    "fct_indicator_target",
    "fct_spending_plan",
    "fct_department_goal",
    "ingest_ledger",
    "fct_review_finding",
    "dim_review_rule",
]


def counts(path: Path) -> dict[str, int]:
    con = open_readonly(path)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in TABLES}
    finally:
        con.close()


def query(path: Path, sql: str) -> list[tuple]:
    con = open_readonly(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture
def batch() -> list:
    return [
        outcome(seed(), "/inbox/seed_306001_2022.docx"),
        outcome(other_unit(), "/inbox/307002_2022.docx"),
        outcome(None, "/inbox/broken.docx"),
    ]


def test_first_load_counts_and_checks(tmp_path: Path, batch: list) -> None:
    wh = tmp_path / "wh" / "jixiao.duckdb"
    report = load(wh, build_frames(batch, "L1"))
    assert (report.files_seen, report.new, report.loaded, report.rejected, report.duplicate) == (
        3,
        3,
        2,
        1,
        0,
    )
    assert (report.projects, report.indicators, report.superseded) == (5, 43, 0)
    c = counts(wh)
    assert c["fct_project_budget"] == 5
    assert c["fct_indicator_target"] == 43
    assert c["fct_spending_plan"] == 20
    assert c["fct_department_goal"] == 12
    assert c["dim_submission"] == 2 + 1  # plus the unknown member
    assert c["dim_unit"] == 2 + 1
    assert c["dim_project"] == 5 + 1
    assert c["ingest_ledger"] == 3
    assert run_checks(wh) == []
    assert query(
        wh, "SELECT status, rejection_kind FROM ingest_ledger WHERE path = '/inbox/broken.docx'"
    ) == [("rejected", "corrupt")]
    assert query(wh, "SELECT load_id, loaded, rejected FROM loads") == [("L1", 2, 1)]
    assert not stale_builds(wh)


def test_same_batch_again_adds_nothing(tmp_path: Path, batch: list) -> None:
    wh = tmp_path / "jixiao.duckdb"
    load(wh, build_frames(batch, "L1"))
    before = counts(wh)
    report = load(wh, build_frames(batch, "L2"))
    assert (report.new, report.loaded, report.rejected, report.duplicate) == (0, 0, 0, 3)
    assert (report.projects, report.indicators) == (0, 0)
    assert counts(wh) == before
    assert query(wh, "SELECT DISTINCT times_seen, last_load_id FROM ingest_ledger") == [(2, "L2")]
    assert query(wh, "SELECT count(*) FROM loads") == [(2,)]
    assert run_checks(wh) == []


def test_same_bytes_under_another_name_is_a_duplicate(tmp_path: Path) -> None:
    wh = tmp_path / "jixiao.duckdb"
    load(wh, build_frames([outcome(seed(), "/inbox/a.docx")], "L1"))
    before = counts(wh)
    report = load(wh, build_frames([outcome(seed(), "/inbox/a-copy.docx")], "L2"))
    assert (report.duplicate, report.loaded) == (1, 0)
    after = counts(wh)
    assert after["ingest_ledger"] == before["ingest_ledger"] + 1
    assert {k: v for k, v in after.items() if k != "ingest_ledger"} == {
        k: v for k, v in before.items() if k != "ingest_ledger"
    }
    status, reason = query(
        wh, "SELECT status, reason FROM ingest_ledger WHERE path = '/inbox/a-copy.docx'"
    )[0]
    assert status == "duplicate" and "a.docx" in reason
    assert run_checks(wh) == []


def test_resubmission_supersedes_and_keeps_history(tmp_path: Path) -> None:
    wh = tmp_path / "jixiao.duckdb"
    old, new = outcome(seed(), "/inbox/v1.docx"), outcome(resubmission(), "/inbox/v2.docx")
    load(wh, build_frames([old], "L1"))
    report = load(wh, build_frames([new], "L2"))
    assert (report.loaded, report.superseded) == (1, 1)
    rows = query(
        wh,
        "SELECT sha256, version, is_current, superseded_by_key IS NOT NULL FROM dim_submission "
        "WHERE unit_code = '306001' ORDER BY version",
    )
    assert rows == [(old.sha256, 1, False, True), (new.sha256, 2, True, False)]
    # History: both versions' projects stay; current views and marts show the new one only.
    assert query(wh, "SELECT count(*) FROM fct_project_budget") == [(6,)]
    assert query(wh, "SELECT count(*) FROM current_project_budget") == [(3,)]
    assert query(wh, "SELECT count(*) FROM fct_indicator_target") == [(70,)]
    assert query(wh, "SELECT count(*) FROM current_indicator_target") == [(35,)]
    assert query(wh, "SELECT budget_total_yuan FROM mart_unit_budget") == [
        (259371.0 + 1021100.0 + 164000.0,)
    ]
    assert ledger_status(wh) == {"/inbox/v1.docx": "superseded", "/inbox/v2.docx": "loaded"}
    assert query(
        wh, "SELECT superseded_by_sha256 FROM ingest_ledger WHERE path = '/inbox/v1.docx'"
    ) == [(new.sha256,)]
    # dim_project keeps one row per project, attributes of the newest version.
    assert query(
        wh, "SELECT count(*), bool_and(is_current) FROM dim_project WHERE unit_code = '306001'"
    ) == [(3, True)]
    assert run_checks(wh) == []


def test_two_versions_in_one_batch_last_one_wins(tmp_path: Path) -> None:
    wh = tmp_path / "jixiao.duckdb"
    old, new = outcome(seed(), "/inbox/v1.docx"), outcome(resubmission(), "/inbox/v2.docx")
    report = load(wh, build_frames([old, new], "L1"))
    assert (report.loaded, report.superseded) == (2, 1)
    assert query(
        wh, "SELECT sha256 FROM dim_submission WHERE is_current AND unit_code = '306001'"
    ) == [(new.sha256,)]
    assert ledger_status(wh) == {"/inbox/v1.docx": "superseded", "/inbox/v2.docx": "loaded"}
    assert run_checks(wh) == []


def test_known_hashes(tmp_path: Path, batch: list) -> None:
    wh = tmp_path / "jixiao.duckdb"
    assert known_hashes(wh) == set()
    load(wh, build_frames(batch, "L1"))
    assert known_hashes(wh) == {o.sha256 for o in batch}


def test_findings_are_loaded_with_lineage(tmp_path: Path, batch: list) -> None:
    from transform.rules import run_rules

    wh = tmp_path / "jixiao.duckdb"
    frames = build_frames(batch, "L1")
    findings = run_rules(frames)
    report = load(wh, frames, findings)
    assert sum(report.findings_by_severity.values()) == findings.height > 0
    assert query(wh, "SELECT count(*) FROM fct_review_finding") == [(findings.height,)]
    # The bridge project's cost target (row 5 of project 2: grid row 6 of table 4) is found, with lineage.
    rows = query(
        wh,
        "SELECT source_table, source_row FROM fct_review_finding f JOIN dim_submission s "
        "USING (submission_key) WHERE rule_id = 'cost_vs_budget' AND s.unit_code = '306001' "
        "AND f.project_seq = 2",
    )
    assert rows == [(4, 6)]
    assert run_checks(wh) == []
    # Loading the same batch again adds no findings.
    load(wh, build_frames(batch, "L2"), run_rules(build_frames(batch, "L2")))
    assert query(wh, "SELECT count(*) FROM fct_review_finding") == [(findings.height,)]


def test_failed_load_leaves_the_published_file_untouched(tmp_path: Path, batch: list) -> None:
    wh = tmp_path / "jixiao.duckdb"
    load(wh, build_frames(batch[:1], "L1"))
    digest = hashlib.sha256(wh.read_bytes()).hexdigest()
    frames = build_frames(batch[1:], "L2")
    # A malformed frame (a column no table has) makes the insert fail half-way through the batch.
    frames["indicators"] = frames["indicators"].with_columns(pl.lit(1).alias("no_such_column"))
    with pytest.raises(Exception, match="no_such_column"):
        load(wh, frames)
    assert hashlib.sha256(wh.read_bytes()).hexdigest() == digest
    assert not stale_builds(wh)
    assert query(wh, "SELECT count(*) FROM loads") == [(1,)]
    assert run_checks(wh) == []


def test_schema_is_idempotent_and_versioned(tmp_path: Path) -> None:
    con = open_readwrite(tmp_path / "s.duckdb")
    assert apply_schema(con) == SCHEMA_VERSION
    assert apply_schema(con) == SCHEMA_VERSION
    assert con.execute("SELECT count(*), max(version) FROM schema_version").fetchall() == [
        (1, SCHEMA_VERSION)
    ]
    assert con.execute("SELECT count(*) FROM dim_unit").fetchall() == [(1,)]
    con.close()


def test_checks_catch_a_broken_warehouse(tmp_path: Path, batch: list) -> None:
    wh = tmp_path / "jixiao.duckdb"
    load(wh, build_frames(batch, "L1"))
    con = open_readwrite(wh)  # deliberately damage a copy-less file: no reader is open in this test
    con.execute("DELETE FROM dim_unit WHERE unit_code = '307002'")
    con.execute("INSERT INTO fct_project_budget SELECT * FROM fct_project_budget LIMIT 1")
    failures = run_checks(con)
    con.close()
    checks = {f.check for f in failures}
    assert {"check_orphan_keys", "check_duplicate_grain", "check_ledger_vs_facts"} <= checks
    assert any("fct_project_budget.unit_key" in f.subject for f in failures)
