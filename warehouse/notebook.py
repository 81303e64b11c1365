"""The analysts' notebook helper: query the published warehouse the way every jixiao reader does.

    from warehouse.notebook import query
    budget = query("SELECT * FROM mart_unit_budget WHERE fiscal_year = $year", year=2022)

Each call opens a read-only, locked-down connection (warehouse.connect.READER_CONFIG: nothing
outside the warehouse can be read or written, no extension installed or loaded, no setting changed
back), runs one query, returns a polars DataFrame and closes the connection, so the next call sees
the latest load (a held connection would keep the notebook on the load it opened; docs/bi.md).
Parameters are bound by DuckDB (`$name`), never pasted into the SQL.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import polars as pl

from warehouse.connect import open_readonly
from warehouse.paths import DEFAULT_WAREHOUSE

# A notebook is rarely started in the repository: JIXIAO_WAREHOUSE (the setting ingest uses too)
# says where the published file is.
ENV_WAREHOUSE = "JIXIAO_WAREHOUSE"


def warehouse_path(path: Path | str | None = None) -> Path:
    """Return the warehouse to read: `path`, else $JIXIAO_WAREHOUSE, else var/warehouse/jixiao.duckdb."""
    if path is not None:
        return Path(path)
    return Path(os.environ.get(ENV_WAREHOUSE) or DEFAULT_WAREHOUSE)


def query(sql: str, warehouse: Path | str | None = None, **params: Any) -> pl.DataFrame:
    """Return the result of one read-only query on the published warehouse as a polars DataFrame."""
    con = open_readonly(warehouse_path(warehouse))
    try:
        return con.sql(sql, params=params or None).pl()
    finally:
        con.close()
