"""Open the warehouse: read-only for everyone, read-write only for a load building its private copy.

Every file jixiao writes uses DuckDB's 1.4 storage format (STORAGE_VERSION): DuckDB 2.0's default
format cannot be opened by DuckDB 1.x, which most BI drivers bundle (the 1.4 LTS line).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.paths import WarehouseMissing

__all__ = ["CONFIG", "STORAGE_VERSION", "WarehouseMissing", "open_readonly", "open_readwrite"]

# Offline machines: never let DuckDB reach for the network to fetch an extension.
CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}

# The storage format jixiao writes: the oldest DuckDB release BI tools are expected to bundle.
STORAGE_VERSION = "v1.4.0"
_WRITE_CONFIG = {**CONFIG, "storage_compatibility_version": STORAGE_VERSION}


def open_readonly(path: Path) -> duckdb.DuckDBPyConnection:
    """Return a read-only connection to the published warehouse (never blocks loads, never blocked)."""
    path = Path(path)
    if not path.exists():
        raise WarehouseMissing(
            f"没有找到数据仓库文件 {path}（warehouse not found）：请先运行 jixiao ingest 加载报送文件。"
        )
    return duckdb.connect(str(path), read_only=True, config=dict(CONFIG))


def open_readwrite(path: Path) -> duckdb.DuckDBPyConnection:
    """Return a read-write connection; only for a load's private build copy or an in-memory db."""
    target = str(path) if str(path) != ":memory:" else ":memory:"
    return duckdb.connect(target, read_only=False, config=dict(_WRITE_CONFIG))


def storage_version(path: Path) -> str:
    """Return the storage format tag of the database file at `path` (e.g. 'v1.4.0+')."""
    con = duckdb.connect(":memory:", config=dict(CONFIG))
    try:
        con.execute("ATTACH $1 AS stored (READ_ONLY)", [str(path)])
        rows = con.execute(
            "SELECT tags['storage_version'] FROM duckdb_databases() WHERE database_name = 'stored'"
        ).fetchall()
        return str(rows[0][0] or "")
    finally:
        con.close()


def rewrite_in_storage_version(source: Path, target: Path) -> None:
    """Copy every object of `source` into a new file `target` written in STORAGE_VERSION.

    For warehouses published before jixiao pinned the format; comments are not copied, the next
    apply_schema re-applies them.
    """
    Path(target).unlink(missing_ok=True)
    con = duckdb.connect(":memory:", config=dict(CONFIG))
    try:
        con.execute("ATTACH $1 AS old (READ_ONLY)", [str(source)])
        con.execute(f"ATTACH $1 AS new (STORAGE_VERSION '{STORAGE_VERSION}')", [str(target)])
        con.execute("COPY FROM DATABASE old TO new")
        con.execute("DETACH new")
    finally:
        con.close()
