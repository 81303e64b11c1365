"""BI readers: DuckDB 1.4 opens the published warehouse, and a reader configured as docs/bi.md says
sees each new load.

The DuckDB 1.4 reader runs in its own virtual environment (var/duckdb14, created on first use with
pip from the package registry and kept for later runs), as a BI tool bundling DuckDB 1.4 would
(with pytz, which DuckDB's Python client needs to return TIMESTAMPTZ values). The venv is made
without pip of its own and filled by this interpreter's pip (`pip --python`): ~10 s less per
fresh checkout, as CI's is.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from tests.paths import ROOT
from tests.warehouse_records import other_unit, outcome, seed
from transform.frames import build_frames
from warehouse.connect import (
    READER_CONFIG,
    STORAGE_VERSION,
    open_readonly,
    reader_url,
    storage_version,
)
from warehouse.load import load
from warehouse.schema import sql_objects

DUCKDB14 = ROOT / "var" / "duckdb14"
MARTS = [o.name for o in sql_objects() if o.name.startswith("mart_")]

READ_EVERY_MART = textwrap.dedent(
    """
    import json, sys, duckdb
    path, config, marts = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3:]
    con = duckdb.connect(path, read_only=True, config=config)  # jixiao's READER_CONFIG
    out = {"version": duckdb.__version__, "rows": {}, "columns": {}, "refused": {}}
    for mart in marts:
        rel = con.sql("SELECT * FROM " + mart)   # names come from sql/, not from a user
        out["rows"][mart] = len(rel.fetchall())
        out["columns"][mart] = rel.columns
    out["comment"] = con.execute(
        "SELECT comment FROM duckdb_columns() WHERE table_name = 'mart_unit_budget' "
        "AND column_name = 'budget_total_yuan'").fetchall()[0][0]
    outside = path + ".outside.csv"
    for sql in ["SELECT * FROM read_text('/etc/passwd')", f"COPY (SELECT 1) TO '{outside}'",
                "SET enable_external_access = true", "LOAD httpfs", "INSTALL httpfs"]:
        try:
            con.execute(sql)
            out["refused"][sql] = None
        except duckdb.Error as exc:
            out["refused"][sql] = str(exc).splitlines()[0]
    print(json.dumps(out, ensure_ascii=False))
    """
)


def duckdb14_python() -> Path:
    """Return the python of a venv holding DuckDB 1.4.x, creating it on first use."""
    python = DUCKDB14 / "bin" / "python"
    probe = [str(python), "-c", "import duckdb, pytz; assert duckdb.__version__.startswith('1.4.')"]
    if python.exists() and subprocess.run(probe, capture_output=True).returncode == 0:
        return python
    subprocess.run([sys.executable, "-m", "venv", "--clear", "--without-pip", str(DUCKDB14)], check=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
         "duckdb>=1.4,<1.5", "pytz"],
        check=True,
        timeout=600,
    )
    subprocess.run(probe, check=True)
    return python


def _unit(n: int) -> dict:
    record = other_unit()
    record["unit"]["code"] = f"4{n:05d}"
    record["unit"]["name"] = f"测试单位{n}"
    return record


def _mart_rows(wh: Path) -> dict[str, int]:
    con = open_readonly(wh)
    try:
        return {m: len(con.sql(f"SELECT * FROM {m}").fetchall()) for m in MARTS}
    finally:
        con.close()


def test_duckdb_14_reads_every_mart(tmp_path: Path) -> None:
    wh = tmp_path / "jixiao.duckdb"
    batch = [
        outcome(seed(), "/inbox/seed.docx"),
        outcome(other_unit(), "/inbox/307002.docx"),
        outcome(None, "/inbox/broken.docx"),
    ]
    load(wh, build_frames(batch, "L1"))
    assert storage_version(wh).startswith(STORAGE_VERSION)
    result = subprocess.run(
        [str(duckdb14_python()), "-c", READ_EVERY_MART, str(wh), json.dumps(READER_CONFIG), *MARTS],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    got = json.loads(result.stdout)
    assert got["version"].startswith("1.4.")
    assert got["rows"] == _mart_rows(wh)
    assert got["rows"]["mart_unit_budget"] == 2 and got["rows"]["mart_data_freshness"] == 1
    assert "fiscal_year_start" in got["columns"]["mart_unit_budget"]
    assert got["comment"].startswith("预算数合计（元） — ")
    # DuckDB 1.4 takes jixiao's reader lock-down as given: every attempt outside is refused.
    assert all(
        why and ("disabled" in why or "locked" in why) for why in got["refused"].values()
    ), got["refused"]
    assert not Path(f"{wh}.outside.csv").exists()


def test_warehouse_in_duckdb_2_format_is_rewritten_by_the_next_load(tmp_path: Path) -> None:
    wh = tmp_path / "jixiao.duckdb"
    load(wh, build_frames([outcome(seed(), "/inbox/seed.docx")], "L1"))
    # What a warehouse published before the format was pinned looks like: DuckDB 2.0's default.
    old = tmp_path / "old.duckdb"
    con = duckdb.connect(":memory:")
    con.execute("ATTACH $1 AS src (READ_ONLY)", [str(wh)])
    con.execute("ATTACH $1 AS dst (STORAGE_VERSION 'v2.0.0')", [str(old)])
    con.execute("COPY FROM DATABASE src TO dst")
    con.close()
    old.replace(wh)
    assert not storage_version(wh).startswith(STORAGE_VERSION)
    load(wh, build_frames([outcome(other_unit(), "/inbox/307002.docx")], "L2"))
    assert storage_version(wh).startswith(STORAGE_VERSION)
    con = open_readonly(wh)
    try:
        assert con.execute("SELECT count(*) FROM mart_unit_budget").fetchall() == [(2,)]
        comment = con.execute(
            "SELECT comment FROM duckdb_tables() WHERE table_name = 'loads'"
        ).fetchall()[0][0]
        assert comment  # comments re-applied after the rewrite
    finally:
        con.close()


def _freshness(engine) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    with engine.connect() as c:
        row = c.execute(
            text("SELECT last_load_id, current_submissions FROM mart_data_freshness")
        ).one()
    return row[0], row[1]


@pytest.fixture()
def published(tmp_path: Path) -> Path:
    wh = tmp_path / "jixiao.duckdb"
    load(wh, build_frames([outcome(seed(), "/inbox/seed.docx")], "L1"))
    return wh


def test_reader_configured_as_documented_sees_the_next_load(published: Path) -> None:
    # docs/bi.md: duckdb-engine, the locked read-only URL, NullPool (one connection per query).
    engine = create_engine(reader_url(str(published)), poolclass=NullPool)
    assert _freshness(engine) == ("L1", 1)
    load(published, build_frames([outcome(_unit(1), "/inbox/u1.docx")], "L2"))
    assert _freshness(engine) == ("L2", 2)
    load(published, build_frames([outcome(_unit(2), "/inbox/u2.docx")], "L3"))
    assert _freshness(engine) == ("L3", 3)
    engine.dispose()


def test_a_held_connection_keeps_its_process_on_the_old_load(published: Path) -> None:
    """Why docs/bi.md forbids pooling: DuckDB shares one instance per path and process."""
    engine = create_engine(reader_url(str(published)), poolclass=NullPool)
    held = engine.connect()  # a pooled engine keeps connections like this one open
    load(published, build_frames([outcome(_unit(1), "/inbox/u1.docx")], "L2"))
    assert _freshness(engine) == ("L1", 1)  # stale while any connection to the path is open
    held.close()
    assert _freshness(engine) == ("L2", 2)
    engine.dispose()
