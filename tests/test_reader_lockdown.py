"""Readers stay inside the warehouse: jixiao sql, the notebook helper, the SQLAlchemy URL jixiao
registers in BI tools and the documented DuckDB CLI settings read the marts and nothing else.

Each refusal is checked for its effect (the file's text is not printed, the file is not written,
the setting is unchanged), not only for an error.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from flows.cli import main
from tests.warehouse_records import outcome, seed
from transform.frames import build_frames
from warehouse.connect import READER_CONFIG, open_readonly, reader_set_statements, reader_url
from warehouse.load import load
from warehouse.notebook import query

SECRET = "SECRET_KEY = 'not-for-readers'"


@pytest.fixture(scope="module")
def wh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("lockdown")
    path = folder / "jixiao.duckdb"
    load(path, build_frames([outcome(seed(), "/inbox/seed.docx")], "L1"))
    # A file beside the warehouse, like Superset's config beside its database: readable by the
    # process, never by a query.
    (folder / "superset_config.py").write_text(SECRET + "\n", encoding="utf-8")
    return path


def _attempts(wh: Path, tmp: Path) -> dict[str, tuple[str, str]]:
    """Return name -> (query, the word the one-line refusal must contain)."""
    secret = wh.parent / "superset_config.py"
    return {
        "read a file outside": (f"SELECT * FROM read_text('{secret}')", "enable_external_access"),
        "read a csv outside": ("SELECT * FROM read_csv('/etc/passwd')", "enable_external_access"),
        "write a file": (f"COPY (SELECT 1 AS x) TO '{tmp / 'out.csv'}'", "enable_external_access"),
        "attach another database": (f"ATTACH '{tmp / 'other.duckdb'}' AS other", "enable_external_access"),
        "set access back on": ("SET enable_external_access = true", "lock_configuration"),
        "unlock": ("SET lock_configuration = false", "lock_configuration"),
        "reset access": ("RESET enable_external_access", "lock_configuration"),
        "turn autoload on": ("SET autoload_known_extensions = true", "lock_configuration"),
        "load an extension": ("LOAD httpfs", "enable_external_access"),
        "install an extension": ("INSTALL httpfs", "enable_external_access"),
    }


@pytest.mark.parametrize(
    "name",
    [
        "read a file outside",
        "read a csv outside",
        "write a file",
        "attach another database",
        "set access back on",
        "unlock",
        "reset access",
        "turn autoload on",
        "load an extension",
        "install an extension",
    ],
)
def test_jixiao_sql_refuses_in_one_line_saying_why(
    wh: Path, tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    sql, why = _attempts(wh, tmp_path)[name]
    assert main(["sql", sql, "--warehouse", str(wh)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "not-for-readers" not in err and "root:" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("jixiao sql: 拒绝执行 refused:") and why in lines[0], lines[0]
    assert not list(tmp_path.iterdir())  # nothing written, nothing attached


def test_jixiao_sql_still_answers_and_its_settings_are_the_readers(
    wh: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sql = (
        "SELECT current_setting('enable_external_access') AS ext, "
        "current_setting('autoinstall_known_extensions') AS inst, "
        "current_setting('autoload_known_extensions') AS autoload, "
        "current_setting('lock_configuration') AS locked, "
        "(SELECT count(*) FROM mart_unit_budget) AS units"
    )
    assert main(["sql", sql, "--warehouse", str(wh)]) == 0
    row = capsys.readouterr().out.splitlines()[2].split()
    assert row == ["False", "False", "False", "True", "1"]


def test_the_installed_command_refuses_reading_etc_passwd(wh: Path) -> None:
    jixiao = Path(sys.executable).with_name("jixiao")
    done = subprocess.run(
        [str(jixiao), "sql", "SELECT * FROM read_text('/etc/passwd')", "--warehouse", str(wh)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1 and done.stdout == "" and "root:" not in done.stderr
    assert done.stderr.count("\n") == 1 and "refused" in done.stderr


def test_the_notebook_helper_reads_marts_and_nothing_else(wh: Path, tmp_path: Path) -> None:
    frame = query(
        "SELECT unit_code, budget_total_yuan FROM mart_unit_budget WHERE fiscal_year = $year",
        wh,
        year=2022,
    )
    assert frame.rows() == [("306001", 923371.0)]
    for name, (sql, _) in _attempts(wh, tmp_path).items():
        with pytest.raises(duckdb.Error) as refused:
            query(sql, wh)
        assert "disabled" in str(refused.value) or "locked" in str(refused.value), name
    assert not list(tmp_path.iterdir())


def test_the_notebook_helper_finds_the_warehouse_from_the_setting(
    wh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JIXIAO_WAREHOUSE", str(wh))
    assert query("SELECT count(*) AS n FROM mart_unit_budget").item() == 1


def test_the_registered_sqlalchemy_url_locks_the_reader(wh: Path, tmp_path: Path) -> None:
    """The URL superset-register gives Superset, through duckdb-engine (here on DuckDB 2.0)."""
    engine = sa.create_engine(reader_url(str(wh)), poolclass=NullPool)
    try:
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM mart_unit_budget")).scalar() == 1
        for name, (sql, _) in _attempts(wh, tmp_path).items():
            with engine.connect() as conn, pytest.raises(sa.exc.DBAPIError) as refused:
                conn.execute(sa.text(sql)).fetchall()
            message = str(refused.value.orig)
            assert "disabled" in message or "locked" in message, (name, message)
            assert "not-for-readers" not in message
    finally:
        engine.dispose()
    assert not list(tmp_path.iterdir())


def test_the_cli_settings_lock_a_plain_read_only_connection(wh: Path, tmp_path: Path) -> None:
    """docs/bi.md's DuckDB CLI line runs these SET statements first (-cmd); they lock as config= does."""
    con = duckdb.connect(str(wh), read_only=True)
    try:
        con.execute(reader_set_statements())
        settings = con.execute(
            "SELECT name, value FROM duckdb_settings() WHERE name = ANY($1)",
            [list(READER_CONFIG)],
        ).fetchall()
        assert {n: v for n, v in settings} == {k: str(v).lower() for k, v in READER_CONFIG.items()}
        for name, (sql, _) in _attempts(wh, tmp_path).items():
            with pytest.raises(duckdb.Error):
                con.execute(sql)
            assert con.execute("SELECT 1").fetchall() == [(1,)], name
    finally:
        con.close()
    assert not list(tmp_path.iterdir())


def test_open_readonly_is_the_locked_reader(wh: Path) -> None:
    con = open_readonly(wh)
    try:
        assert con.execute("SELECT current_setting('lock_configuration')").fetchall() == [(True,)]
    finally:
        con.close()


def test_docs_give_the_same_reader_settings_as_the_code() -> None:
    """docs/bi.md's CLI line and SQLAlchemy URL are the ones jixiao uses: they cannot drift."""
    from tests.paths import ROOT
    from warehouse.connect import reader_cli_command

    bi = (ROOT / "docs" / "bi.md").read_text(encoding="utf-8")
    assert reader_cli_command("var/warehouse/jixiao.duckdb") in bi
    assert reader_url("/srv/jixiao/jixiao.duckdb") in bi
    for name, value in READER_CONFIG.items():
        assert f'"{name}": {value}' in bi  # the plain-Python config= line


def test_jixiao_sql_says_the_warehouse_is_read_only(wh: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sql", "CREATE TABLE x AS SELECT 1", "--warehouse", str(wh)]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "the warehouse is open read-only" in lines[0]


def test_a_reader_that_stops_reading_gets_no_traceback(wh: Path) -> None:
    jixiao = Path(sys.executable).with_name("jixiao")
    query = "SELECT range AS n, repeat('绩效', 20) AS t FROM range(20000)"
    done = subprocess.run(  # `| head -1`: far more than a pipe buffer, then the reader leaves
        f"'{jixiao}' sql \"{query}\" --max-rows 20000 --warehouse '{wh}' | head -1",
        shell=True, capture_output=True, text=True, timeout=120,
    )
    assert done.stdout.split() == ["n", "t"]
    assert done.stderr == "", done.stderr
