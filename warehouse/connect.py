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

# What a reader may do: read the warehouse and nothing else. No file or network access outside the
# database (read_text, COPY TO, ATTACH, INSTALL), no extension fetched or loaded on demand, and the
# configuration locked so a query cannot SET any of it back. DuckDB 1.4 and 2.0 take these at
# connect time (Python `config=`, duckdb-engine's URL query); every reader connection jixiao makes
# or registers uses them (docs/bi.md, "Readers stay inside the warehouse").
READER_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    **CONFIG,
    "enable_external_access": False,
    "lock_configuration": True,
}

# The storage format jixiao writes: the oldest DuckDB release BI tools are expected to bundle.
STORAGE_VERSION = "v1.4.0"
_WRITE_CONFIG = {**CONFIG, "storage_compatibility_version": STORAGE_VERSION}


def open_readonly(path: Path | str) -> duckdb.DuckDBPyConnection:
    """Return a read-only, locked-down connection to the published warehouse (READER_CONFIG).

    It never blocks a load and is never blocked; it reads the warehouse and nothing else. Close it
    after the query: a held connection keeps this process on the load it opened (docs/bi.md).
    """
    path = Path(path)
    if not path.exists():
        raise WarehouseMissing(
            f"没有找到数据仓库文件 {path}（warehouse not found）：请先运行 jixiao ingest 加载报送文件。"
        )
    return duckdb.connect(str(path), read_only=True, config=dict(READER_CONFIG))


def reader_url(path: str) -> str:
    """Return the SQLAlchemy (duckdb-engine) URL of a read-only, locked-down reader of `path`.

    duckdb-engine passes the URL's query to duckdb.connect as its configuration, before the first
    query, so the lock covers everything the BI tool runs.
    """
    query = "&".join(
        f"{k}={str(v).lower()}" for k, v in {"access_mode": "read_only", **READER_CONFIG}.items()
    )
    return f"duckdb:///{path}?{query}"


def reader_set_statements() -> str:
    """Return READER_CONFIG as SET statements, for a client that takes no config (the DuckDB CLI's -cmd).

    Order matters: lock_configuration comes last, after everything it locks.
    """
    sets = [
        f"SET {k} = {str(v).lower()}" for k, v in READER_CONFIG.items() if k != "lock_configuration"
    ]
    return "; ".join([*sets, "SET lock_configuration = true"])


def reader_cli_command(path: Path | str) -> str:
    """Return the documented DuckDB CLI line that opens `path` as a locked-down reader."""
    return f'duckdb -readonly -cmd "{reader_set_statements()}" {path}'


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
