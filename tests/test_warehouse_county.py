"""End to end below the flow: a generated county of 50 units (real .docx files) extracted, reviewed
and loaded; every file accounted for as the generator's manifest says, rows matching the files,
re-running the inbox adds nothing, re-submissions supersede with history kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.batch import extract_batch
from tests.docgen.county import CountyManifest, write_county
from transform.frames import build_frames
from transform.rules import run_rules
from warehouse.checks import run_checks
from warehouse.connect import open_readonly
from warehouse.ledger import known_hashes, ledger_status
from warehouse.load import LoadReport, load

TABLES = [
    "dim_submission",
    "dim_project",
    "dim_unit",
    "fct_project_budget",
    "fct_indicator_target",
    "fct_spending_plan",
    "fct_department_goal",
    "fct_review_finding",
    "ingest_ledger",
]


def _inbox_order(folder: Path) -> list[Path]:
    # The nightly flow's order: oldest file first, so a later re-submission supersedes.
    return sorted(
        (p for p in folder.iterdir() if p.is_file()), key=lambda p: (p.stat().st_mtime, p.name)
    )


def _ingest(folder: Path, wh: Path, load_id: str) -> LoadReport:
    frames = build_frames(extract_batch(_inbox_order(folder)), load_id)
    return load(wh, frames, run_rules(frames))


def _one(wh: Path, sql: str) -> object:
    con = open_readonly(wh)
    try:
        return con.execute(sql).fetchall()[0][0]
    finally:
        con.close()


def _counts(wh: Path) -> dict[str, int]:
    return {t: int(_one(wh, f"SELECT count(*) FROM {t}")) for t in TABLES}


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> tuple[CountyManifest, Path, LoadReport]:
    root = tmp_path_factory.mktemp("county")
    manifest = write_county(root / "inbox", units=50, seed=3)
    wh = root / "jixiao.duckdb"
    report = _ingest(root / "inbox", wh, "L1")
    return manifest, wh, report


def test_every_file_accounted_for_as_the_manifest_says(
    county: tuple[CountyManifest, Path, LoadReport],
) -> None:
    manifest, wh, report = county
    status = ledger_status(wh)
    expected = {str(manifest.out_dir / e.file): e.status for e in manifest.entries}
    assert status == expected
    assert report.files_seen == len(manifest.entries)
    assert report.rejected == len(manifest.by_status("rejected"))
    assert report.duplicate == len(manifest.by_status("duplicate"))
    assert report.superseded == len(manifest.by_status("superseded"))
    assert known_hashes(wh) == {e.sha256 for e in manifest.entries}


def test_rows_match_the_source_files(county: tuple[CountyManifest, Path, LoadReport]) -> None:
    manifest, wh, _ = county
    expected = manifest.counts()
    assert _one(wh, "SELECT count(*) FROM current_project_budget") == expected["projects"]
    assert _one(wh, "SELECT count(*) FROM current_indicator_target") == expected["indicators"]
    assert (
        _one(wh, "SELECT count(*) FROM dim_unit WHERE unit_code <> 'unknown'") == expected["units"]
    )
    in_files = [
        e.expected for e in manifest.entries if e.status in ("loaded", "superseded") and e.expected
    ]
    assert _one(wh, "SELECT count(*) FROM fct_project_budget") == sum(
        len(x["projects"]) for x in in_files
    )
    assert _one(wh, "SELECT count(*) FROM fct_indicator_target") == sum(
        len(p["indicators"]) for x in in_files for p in x["projects"]
    )
    budget = sum(
        p["budget_total"] or 0 for e in manifest.by_status("loaded") for p in e.expected["projects"]
    )
    assert _one(wh, "SELECT sum(budget_total_yuan) FROM mart_unit_budget") == pytest.approx(budget)
    assert run_checks(wh) == []


def test_resubmissions_supersede_and_both_stay(
    county: tuple[CountyManifest, Path, LoadReport],
) -> None:
    manifest, wh, _ = county
    superseded = manifest.by_status("superseded")
    assert superseded
    for entry in superseded:
        newer = next(e for e in manifest.entries if e.file == entry.superseded_by)
        con = open_readonly(wh)
        try:
            rows = con.execute(
                "SELECT sha256, version, is_current FROM dim_submission WHERE unit_code = $1 "
                "ORDER BY version",
                [entry.unit_code],
            ).fetchall()
        finally:
            con.close()
        assert rows == [(entry.sha256, 1, False), (newer.sha256, 2, True)]


def test_rerunning_the_inbox_adds_nothing(county: tuple[CountyManifest, Path, LoadReport]) -> None:
    manifest, wh, _ = county
    before = _counts(wh)
    report = _ingest(manifest.out_dir, wh, "L2")
    assert (report.loaded, report.rejected, report.new) == (0, 0, 0)
    assert report.duplicate == len(manifest.entries)
    assert _counts(wh) == before
    assert run_checks(wh) == []
