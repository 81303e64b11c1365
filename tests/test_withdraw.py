"""jixiao withdraw end to end: load a county, withdraw a unit's submission, the marts drop it,
verify accounts for it, the same bytes stay withdrawn, and a re-submission is current again."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from flows.cli import main
from flows.settings import Settings, load_settings
from flows.steps import run_direct
from tests.docgen.county import write_county
from warehouse.connect import open_readonly


def _one(wh: Path, sql: str, params: list[object] | None = None) -> list[tuple[object, ...]]:
    con = open_readonly(wh)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def _ingest(settings: Settings) -> None:
    run_direct(settings.inbox, settings.warehouse, settings, progress=lambda _: None)


def _resubmit(original: Path, new: Path) -> None:
    """Write the same submission as a new file (new bytes: a zip comment), as a unit re-sends it."""
    with zipfile.ZipFile(original) as src, zipfile.ZipFile(new, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.comment = b"re-submitted"


@pytest.fixture()
def county(tmp_path: Path) -> Settings:
    write_county(tmp_path / "inbox", units=3, seed=23, hostile=False, resubmissions=0, duplicates=0)
    settings = load_settings(
        env={}, inbox=tmp_path / "inbox", warehouse=tmp_path / "wh" / "jixiao.duckdb", concurrency=1
    )
    _ingest(settings)
    return settings


def test_withdraw_load_marts_verify_resubmit(
    county: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    wh, inbox = county.warehouse, county.inbox
    units = _one(wh, "SELECT unit_code, unit_name, fiscal_year FROM mart_unit_budget ORDER BY unit_code")
    assert len(units) == 3
    code, name, year = units[0]
    path = _one(wh, "SELECT path FROM dim_submission WHERE is_current AND unit_code = $1", [code])[0][0]
    county_budget = _one(wh, "SELECT sum(budget_total_yuan) FROM mart_unit_budget")[0][0]
    unit_budget = _one(wh, "SELECT budget_total_yuan FROM mart_unit_budget WHERE unit_code = $1", [code])[0][0]
    capsys.readouterr()

    # Withdraw by unit name and year.
    status = main(["withdraw", "--unit", str(name), "--year", str(year), "--reason", "单位申请撤回，重新编制",
                   "--by", "张三", "--warehouse", str(wh)])
    out = capsys.readouterr().out
    assert status == 0 and f"已撤回 withdrawn: {code} {name} {year}年" in out and "张三" in out

    # The marts drop it at once (the command published); nothing else moved.
    assert [u[0] for u in _one(wh, "SELECT unit_code FROM mart_unit_budget ORDER BY unit_code")] == [
        u[0] for u in units[1:]
    ]
    for mart in ("mart_unit_scorecard", "mart_indicator_obt", "mart_unit_feedback", "current_review_finding"):
        assert _one(wh, f"SELECT count(*) FROM {mart} WHERE unit_code = $1", [code]) == [(0,)], mart
    assert _one(wh, "SELECT sum(budget_total_yuan) FROM mart_unit_budget")[0][0] == pytest.approx(
        county_budget - unit_budget
    )
    assert _one(wh, "SELECT current_submissions FROM mart_data_freshness") == [(2,)]
    # History and the ledger keep who, why and when.
    assert _one(wh, "SELECT is_current FROM dim_submission WHERE unit_code = $1", [code]) == [(False,)]
    ledger = _one(wh, "SELECT status, reason FROM ingest_ledger WHERE path = $1", [path])
    assert ledger == [("withdrawn", "已撤回（张三）：单位申请撤回，重新编制")]
    withdrawal = _one(wh, "SELECT unit_code, fiscal_year, withdrawn_by, reason, load_id FROM ingest_withdrawal")
    assert withdrawal[0][:4] == (code, year, "张三", "单位申请撤回，重新编制")
    load_id = withdrawal[0][4]
    assert str(load_id).endswith("-withdraw")
    assert _one(wh, "SELECT last_load_id FROM mart_data_freshness") == [(load_id,)]

    # verify accounts for it, the file still in the inbox and after it is removed.
    assert main(["verify", "--warehouse", str(wh), "--inbox", str(inbox)]) == 0
    out = capsys.readouterr().out
    assert "withdrawn 1)" in out and "1 withdrawn files are still in the inbox" in out
    moved = inbox.parent / Path(path).name
    Path(path).rename(moved)
    assert main(["verify", "--warehouse", str(wh), "--inbox", str(inbox)]) == 0
    assert "no longer in the inbox" in capsys.readouterr().out
    moved.rename(path)

    # The same bytes again stay withdrawn; withdrawing again says there is nothing current.
    _ingest(county)
    assert _one(wh, "SELECT count(*) FROM mart_unit_budget WHERE unit_code = $1", [code]) == [(0,)]
    assert main(["withdraw", "--file", path, "--reason", "again", "--warehouse", str(wh)]) == 1
    assert "not current" in capsys.readouterr().err

    # A re-submission (a new file for the unit and year) is loaded and current again.
    _resubmit(Path(path), inbox / f"{code}_重新报送.docx")
    _ingest(county)
    rows = _one(wh, "SELECT budget_total_yuan FROM mart_unit_budget WHERE unit_code = $1", [code])
    assert rows == [(unit_budget,)]
    assert _one(
        wh, "SELECT version, is_current FROM dim_submission WHERE unit_code = $1 ORDER BY version", [code]
    ) == [(1, False), (2, True)]
    assert main(["verify", "--warehouse", str(wh), "--inbox", str(inbox)]) == 0
    assert "loaded 3" in capsys.readouterr().out


def test_withdraw_by_file_and_what_it_refuses(county: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    wh = county.warehouse
    code, path = _one(wh, "SELECT unit_code, path FROM dim_submission WHERE is_current ORDER BY unit_code DESC LIMIT 1")[0]
    assert main(["withdraw", "--unit", "999999", "--year", "2022", "--reason", "x", "--warehouse", str(wh)]) == 1
    assert "no such submission" in capsys.readouterr().err
    assert main(["withdraw", "--unit", str(code), "--reason", "x", "--warehouse", str(wh)]) == 2
    assert main(["withdraw", "--file", Path(str(path)).name, "--reason", "重复报送", "--warehouse", str(wh)]) == 0
    assert _one(wh, "SELECT count(*) FROM mart_unit_budget WHERE unit_code = $1", [code]) == [(0,)]
    assert main(["verify", "--warehouse", str(wh), "--no-inbox"]) == 0


def test_withdraw_waits_for_a_running_ingestion_then_says_who_holds_it(
    county: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from warehouse.lock import writer_lock

    wh = county.warehouse
    before = _one(wh, "SELECT unit_code FROM mart_unit_budget ORDER BY unit_code")
    monkeypatch.setenv("JIXIAO_LOCK_WAIT_SECONDS", "0.3")
    with writer_lock(wh, 0, command="jixiao ingest (test holder)"):
        status = main(["withdraw", "--unit", str(before[0][0]), "--year", "2022", "--reason", "x",
                       "--warehouse", str(wh)])
    assert status == 3 and "(test holder)" in capsys.readouterr().err
    assert _one(wh, "SELECT unit_code FROM mart_unit_budget ORDER BY unit_code") == before
