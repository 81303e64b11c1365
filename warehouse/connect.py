"""Open the warehouse: read-only for everyone, read-write only for a load building its private copy."""

from __future__ import annotations

from pathlib import Path

import duckdb

# Offline machines: never let DuckDB reach for the network to fetch an extension.
CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}


class WarehouseMissing(FileNotFoundError):
    """The warehouse file does not exist yet."""


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
    return duckdb.connect(target, read_only=False, config=dict(CONFIG))
