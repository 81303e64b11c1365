"""What an operator meets on the command line (issue 10): one-line refusals, quiet runs, small helps.

Real parts: a generated county loaded by the real pipeline (flows.steps.run_direct) into a real
DuckDB file, and `jixiao` itself, in this process or as a subprocess from a bare environment.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from flows.cli import main
from flows.commands.demo import jixiao_command, mart_names
from flows.settings import Settings, unknown_variables
from flows.steps import RunSummary, run_direct
from tests.docgen.county import write_county
from tests.flow_fixtures import free_port
from warehouse.paths import SQL_DIR

JIXIAO = str(Path(sys.executable).with_name("jixiao"))


def bare_env(home: Path, **extra: str) -> dict[str, str]:
    """Return an environment like a fresh shell's: no PREFECT_* or JIXIAO_* variables."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "JIXIAO_"))}
    home.mkdir(parents=True, exist_ok=True)
    return {**env, "HOME": str(home), **extra}


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, RunSummary]:
    """Return (inbox, warehouse, summary) of a small county loaded without Prefect."""
    root = tmp_path_factory.mktemp("operator")
    inbox, warehouse = root / "inbox", root / "wh" / "jixiao.duckdb"
    write_county(inbox, units=8, seed=11)
    settings = Settings(inbox=inbox, warehouse=warehouse, concurrency=2)
    summary = run_direct(inbox, warehouse, settings, progress=lambda _: None)
    return inbox, warehouse, summary


def test_verify_alone_checks_the_inbox_the_warehouse_was_loaded_from(
    county: tuple[Path, Path, RunSummary], capsys: pytest.CaptureFixture[str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    inbox, warehouse, summary = county
    monkeypatch.chdir(tmp_path)  # the default inbox var/inbox does not exist here
    assert main(["verify", "--warehouse", str(warehouse)]) == 0
    out = capsys.readouterr().out
    assert f"inbox {inbox.resolve()} (recorded by load {summary.load_id}" in out
    # A file the ledger never saw, dropped into that inbox, is found by the same plain command.
    (inbox / "late.docx").write_bytes(b"not yet loaded")
    try:
        assert main(["verify", "--warehouse", str(warehouse)]) == 1
    finally:
        (inbox / "late.docx").unlink()


def test_summary_current_counts_match_the_marts(county: tuple[Path, Path, RunSummary]) -> None:
    _, warehouse, summary = county
    assert summary.superseded > 0, "the generated county holds superseded versions"
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        mart_projects = con.execute("SELECT sum(projects) FROM mart_unit_budget").fetchall()[0][0]
        mart_units = con.execute("SELECT count(*) FROM mart_unit_budget").fetchall()[0][0]
    finally:
        con.close()
    assert summary.current["projects"] == mart_projects
    assert summary.current["units"] == mart_units
    assert summary.projects > summary.current["projects"]  # read this run, superseded included
    from flows.steps import format_summary

    assert f"| 当前 current 项目 projects (as the marts show) | {mart_projects} |" in format_summary(summary)


def test_sql_prints_duckdbs_whole_message(
    county: tuple[Path, Path, RunSummary], capsys: pytest.CaptureFixture[str]
) -> None:
    _, warehouse, _ = county
    assert main(["sql", "SELECT * FROM mart_unit_budgt", "--warehouse", str(warehouse)]) == 1
    err = capsys.readouterr().err
    assert "Did you mean" in err and "mart_unit_budget" in err
    assert main(["sql", "SELECT unit_code FORM mart_unit_budget", "--warehouse", str(warehouse)]) == 1
    err = capsys.readouterr().err
    assert "LINE 1: SELECT unit_code FORM mart_unit_budget" in err
    assert err.rstrip().endswith("^")  # the caret under the error


def test_feedback_takes_a_unit_name_or_says_to_use_the_code(
    county: tuple[Path, Path, RunSummary], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _, warehouse, _ = county
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        code, name = con.execute(
            "SELECT unit_code, unit_name FROM mart_unit_budget ORDER BY unit_code LIMIT 1"
        ).fetchall()[0]
    finally:
        con.close()
    by_name, by_code = tmp_path / "by_name", tmp_path / "by_code"
    assert main(["feedback", "--out", str(by_name), "--unit", name, "--warehouse", str(warehouse)]) == 0
    assert main(["feedback", "--out", str(by_code), "--unit", code, "--warehouse", str(warehouse)]) == 0
    assert sorted(p.name for p in by_name.iterdir()) == sorted(p.name for p in by_code.iterdir())
    capsys.readouterr()
    assert main(["feedback", "--out", str(tmp_path / "x"), "--unit", "不存在的单位",
                 "--warehouse", str(warehouse)]) == 2
    assert "--unit 单位编码" in capsys.readouterr().err


def test_demo_lists_every_mart_and_a_command_that_runs(county: tuple[Path, Path, RunSummary]) -> None:
    _, warehouse, _ = county
    assert mart_names(warehouse) == sorted(p.stem for p in SQL_DIR.glob("mart_*.sql"))
    assert Path(jixiao_command()).resolve() == Path(JIXIAO).resolve()


def test_ingest_of_a_file_says_it_is_not_a_folder(
    county: tuple[Path, Path, RunSummary], capsys: pytest.CaptureFixture[str]
) -> None:
    inbox, _, _ = county
    some_file = next(inbox.glob("*.docx"))
    assert main(["ingest", str(some_file)]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err


def test_unknown_jixiao_variable_is_a_warning_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JIXIAO_WAREHOUS", "typo.duckdb")
    monkeypatch.setenv("JIXIAO_RUNNER", "threads")
    assert unknown_variables() == ["JIXIAO_WAREHOUS"]
    main(["verify", "--warehouse", str(tmp_path / "none.duckdb"), "--no-inbox"])
    err = capsys.readouterr().err
    assert "warning: unknown environment variable JIXIAO_WAREHOUS" in err
    assert "JIXIAO_RUNNER ignored" not in err


def test_unreachable_prefect_api_is_one_line_naming_it(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/api"  # nothing listens there
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    env = bare_env(tmp_path / "home", PREFECT_API_URL=url)
    for command in (["ingest", str(inbox)], ["serve", "--inbox", str(inbox)]):
        result = subprocess.run(
            [JIXIAO, *command, "--warehouse", str(tmp_path / "w.duckdb")],
            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
        )
        assert result.returncode == 2, result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and url in lines[0], result.stderr
        assert "Traceback" not in result.stderr


def test_serve_refuses_at_start_with_one_line_per_problem(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/api"
    not_a_folder = tmp_path / "plain-file"
    not_a_folder.write_text("x")
    result = subprocess.run(
        [JIXIAO, "serve", "--inbox", str(tmp_path / "missing"),
         "--warehouse", str(not_a_folder / "jixiao.duckdb")],
        cwd=tmp_path, env=bare_env(tmp_path / "home", PREFECT_API_URL=url),
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3, result.stderr
    assert "inbox folder not found" in lines[0] and str(tmp_path / "missing") in lines[0]
    assert "is a file, not a folder" in lines[1]
    assert url in lines[2]


def test_a_plain_ingest_prints_no_traceback_and_its_run_carries_the_load_id(tmp_path: Path) -> None:
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh" / "jixiao.duckdb"
    write_county(inbox, units=3, seed=5)
    result = subprocess.run(
        [JIXIAO, "ingest", str(inbox), "--warehouse", str(warehouse)],
        cwd=tmp_path, env=bare_env(tmp_path / "home"), capture_output=True, text=True, timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "Traceback" not in output
    assert "database is locked" not in output
    assert " | INFO " not in output  # Prefect's INFO lines only with --verbose
    assert "当前 current" in result.stdout
    # jixiao verify --warehouse W alone passes after jixiao ingest INBOX --warehouse W.
    verify = subprocess.run(
        [JIXIAO, "verify", "--warehouse", str(warehouse)],
        cwd=tmp_path, env=bare_env(tmp_path / "home"), capture_output=True, text=True, timeout=120,
    )
    assert verify.returncode == 0, verify.stdout + verify.stderr
    load_id = duckdb.connect(str(warehouse), read_only=True).execute(
        "SELECT load_id FROM loads").fetchall()[0][0]
    assert f"nightly ingest `{load_id}`" in result.stdout
    assert f"recorded by load {load_id}" in verify.stdout


def test_the_cli_sets_prefect_defaults_for_its_command_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.environment import command_environment

    monkeypatch.delenv("PREFECT_SERVER_ANALYTICS_ENABLED", raising=False)
    monkeypatch.setenv("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "DEBUG")  # the user's wins
    with command_environment(verbose=False):
        assert os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] == "false"
        assert os.environ["PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"] == "DEBUG"
    assert "PREFECT_SERVER_ANALYTICS_ENABLED" not in os.environ
    assert os.environ["PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"] == "DEBUG"
