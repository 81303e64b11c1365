"""jixiao verify: every inbox file in the ledger with a known fate, and the warehouse's checks pass."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from flows.cli import main
from flows.settings import Settings, load_settings
from flows.steps import run_direct
from tests.docgen.county import CountyManifest, write_county
from tests.docgen.hostile import no_content_docx
from warehouse.connect import CONFIG


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, CountyManifest]:
    root = tmp_path_factory.mktemp("verify")
    manifest = write_county(root / "inbox", units=6, seed=6)
    settings = load_settings(
        env={}, inbox=root / "inbox", warehouse=root / "wh" / "jixiao.duckdb", concurrency=1
    )
    run_direct(settings.inbox, settings.warehouse, settings, progress=lambda _: None)
    return settings, manifest


def _verify(settings: Settings, warehouse: Path | None = None, inbox: Path | None = None) -> int:
    return main(
        ["verify", "--warehouse", str(warehouse or settings.warehouse),
         "--inbox", str(inbox or settings.inbox)]
    )


def test_healthy_warehouse_accounts_for_every_file(
    loaded: tuple[Settings, CountyManifest], capsys: pytest.CaptureFixture[str]
) -> None:
    settings, manifest = loaded
    assert _verify(settings) == 0
    out = capsys.readouterr().out
    c = manifest.counts()
    assert (
        f"inbox files: {c['files']} (loaded {c['loaded']}, superseded {c['superseded']}, "
        f"duplicate {c['duplicate']}, rejected {c['rejected']})"
    ) in out
    assert "result: OK" in out and "every file accounted for" in out
    assert main(["verify", "--warehouse", str(settings.warehouse), "--no-inbox"]) == 0
    assert "inbox not checked" in capsys.readouterr().out


def test_a_file_not_yet_ingested_is_named(
    loaded: tuple[Settings, CountyManifest], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings, _ = loaded
    inbox = tmp_path / "inbox"
    shutil.copytree(settings.inbox, inbox)
    (inbox / "late.docx").write_bytes(no_content_docx())
    # The ledger holds the original inbox's paths: copy it so the paths match.
    warehouse = tmp_path / "w.duckdb"
    s = load_settings(env={}, inbox=inbox, warehouse=warehouse, concurrency=1)
    (inbox / "late.docx").rename(tmp_path / "late.docx")
    run_direct(inbox, warehouse, s, progress=lambda _: None)
    (tmp_path / "late.docx").rename(inbox / "late.docx")
    # A file changed in place after it was loaded is not accounted for either.
    changed = next(p for p in sorted(inbox.iterdir()) if p.name.startswith("3"))
    changed.write_bytes(changed.read_bytes() + b"\0")
    assert _verify(s, warehouse, inbox) == 1
    out = capsys.readouterr().out
    assert f"{inbox.resolve() / 'late.docx'}: 台账中没有该文件" in out
    assert f"{changed.resolve()}: 文件在上次入库后被修改" in out
    assert "files not accounted for: 2" in out and "result: FAILED" in out
    # Ingesting again accounts for both.
    run_direct(inbox, warehouse, s, progress=lambda _: None)
    assert _verify(s, warehouse, inbox) == 0


def test_a_damaged_warehouse_fails_its_checks(
    loaded: tuple[Settings, CountyManifest], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings, _ = loaded
    broken = tmp_path / "broken.duckdb"
    shutil.copyfile(settings.warehouse, broken)
    con = duckdb.connect(str(broken), config=dict(CONFIG))
    try:
        # A unit's dimension row lost, a rejection's reason lost, an indicator row lost.
        con.execute("DELETE FROM dim_unit WHERE unit_key = (SELECT max(unit_key) FROM dim_unit)")
        con.execute(
            "UPDATE ingest_ledger SET reason = NULL WHERE path = "
            "(SELECT min(path) FROM ingest_ledger WHERE status = 'rejected')"
        )
        con.execute(
            "DELETE FROM fct_indicator_target WHERE indicator_key = "
            "(SELECT min(indicator_key) FROM fct_indicator_target)"
        )
    finally:
        con.close()
    assert _verify(settings, broken) == 1
    out = capsys.readouterr().out
    assert "check_orphan_keys: orphan key: fct_project_budget.unit_key" in out
    assert "rejected without a reason" in out
    assert "check_ledger_vs_facts: indicator rows differ" in out
    assert "result: FAILED" in out


def test_missing_warehouse_or_inbox_exit_2(
    loaded: tuple[Settings, CountyManifest], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings, _ = loaded
    assert _verify(settings, tmp_path / "none.duckdb") == 2
    assert "jixiao ingest" in capsys.readouterr().err
    assert _verify(settings, inbox=tmp_path / "nope") == 2
    assert "inbox folder not found" in capsys.readouterr().err


def test_files_whose_contents_were_swapped_are_recorded_again(tmp_path: Path) -> None:
    """Both paths and both contents are known, but not as these pairs: not skipped."""
    inbox = tmp_path / "inbox"
    write_county(inbox, units=3, seed=2, hostile=False, resubmissions=0, duplicates=0)
    settings = load_settings(env={}, inbox=inbox, warehouse=tmp_path / "w.duckdb", concurrency=1)
    run_direct(inbox, settings.warehouse, settings, progress=lambda _: None)
    a, b = sorted(inbox.iterdir())[:2]
    data_a, data_b = a.read_bytes(), b.read_bytes()
    a.write_bytes(data_b)
    b.write_bytes(data_a)
    summary = run_direct(inbox, settings.warehouse, settings, progress=lambda _: None)
    assert (summary.known, summary.duplicate) == (1, 2)
    assert _verify(settings) == 0
