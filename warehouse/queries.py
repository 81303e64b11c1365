"""Named read-only queries over the published warehouse: what the documents room (reports/) reads.

The county report, the letters and the feedback workbooks never open DuckDB: they ask for a query
by name and get a polars frame. Each query is one file, `sql/queries/<name>.sql`, a SELECT over the
marts with named parameters (`$year`, `$division`, ...); the values are always bound by DuckDB,
never pasted into the text. A parameter a query uses but the caller does not give is NULL (every
query says in its header what NULL means); a parameter the query does not use is an error, so a
misspelt name cannot silently widen a result.

    with read_marts(path) as marts:
        if marts.has("mart_unit_yoy", "projects_added"):
            row = marts.row("report_yoy_projects", year=2022, division=None)
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import polars as pl

from warehouse.connect import open_readonly
from warehouse.paths import SQL_DIR

QUERY_DIR = SQL_DIR / "queries"
_PARAMETER = re.compile(r"\$([a-z_][a-z0-9_]*)")


class QueryError(LookupError):
    """A named query does not exist, was given a parameter it does not use, or needs an object the
    warehouse lacks (a warehouse from an earlier release: `jixiao upgrade` brings it up to date)."""


def query_names() -> list[str]:
    """Return the names of every named query (the files of sql/queries/)."""
    return sorted(p.stem for p in QUERY_DIR.glob("*.sql"))


@cache
def query_text(name: str) -> str:
    """Return the SQL of the named query `name`."""
    path = QUERY_DIR / f"{name}.sql"
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name) or not path.is_file():
        raise QueryError(f"no named query {name!r} (sql/queries/{name}.sql)")
    return path.read_text(encoding="utf-8")


def query_parameters(name: str) -> set[str]:
    """Return the names of the parameters query `name` takes."""
    return set(_PARAMETER.findall(query_text(name)))


class Marts:
    """A read-only session over the published warehouse: named queries, and which objects it has."""

    def __init__(self, warehouse: Path) -> None:
        self._con = open_readonly(Path(warehouse))
        rows = self._con.sql(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main'"
        ).fetchall()
        self._columns: dict[str, set[str]] = {}
        for table, column in rows:
            self._columns.setdefault(table, set()).add(column)

    def has(self, name: str, *columns: str) -> bool:
        """Return True when table or view `name` exists with every column in `columns`."""
        return name in self._columns and set(columns) <= self._columns[name]

    def frame(self, name: str, **params: Any) -> pl.DataFrame:
        """Return the result of named query `name` with `params` bound, as a polars frame."""
        wanted = query_parameters(name)
        unknown = set(params) - wanted
        if unknown:
            raise QueryError(f"query {name!r} takes no parameter {', '.join(sorted(unknown))}")
        bound = {p: params.get(p) for p in wanted}
        try:
            return self._con.sql(query_text(name), params=bound).pl()
        except duckdb.CatalogException as exc:
            raise QueryError(
                f"数据仓库缺少查询 {name} 所需的对象，请先运行 jixiao upgrade 升级（{exc}）"
            ) from exc

    def row(self, name: str, **params: Any) -> dict[str, Any]:
        """Return the first row of named query `name` as a dict (empty when it has none)."""
        df = self.frame(name, **params)
        return df.row(0, named=True) if df.height else {}

    def close(self) -> None:
        """Close the session's connection."""
        self._con.close()

    def __enter__(self) -> Marts:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def read_marts(warehouse: Path) -> Marts:
    """Return a read-only session over the published warehouse (raises WarehouseMissing)."""
    return Marts(warehouse)


def query(warehouse: Path, name: str, **params: Any) -> pl.DataFrame:
    """Return the result of named query `name` over the published warehouse, in one session."""
    with read_marts(warehouse) as marts:
        return marts.frame(name, **params)
