"""`jixiao sql "SELECT ..." [--warehouse PATH]`: run a read-only query and print an aligned table."""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from warehouse.paths import DEFAULT_WAREHOUSE, WarehouseMissing

if TYPE_CHECKING:
    import duckdb


def register(subparsers: Any) -> None:
    """Add the `sql` sub-command."""
    p = subparsers.add_parser(
        "sql", help="run a read-only SQL query on the warehouse and print a table"
    )
    p.add_argument("query", help='the query, e.g. "SELECT * FROM mart_unit_budget"')
    p.add_argument(
        "--warehouse", type=Path, default=DEFAULT_WAREHOUSE, help="warehouse file (read-only)"
    )
    p.add_argument(
        "--max-rows", type=int, default=1000, help="print at most this many rows (default 1000)"
    )
    p.set_defaults(func=run)


def width(text: str) -> int:
    """Return the terminal width of text (CJK characters take two columns)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _show(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, float):
        return format(value, ".15g")  # 923371.0 -> 923371, 82.86 -> 82.86
    return str(value).replace("\n", " ")


def format_table(columns: list[str], rows: list[tuple[Any, ...]]) -> str:
    """Return rows as an aligned text table with a header and a row count."""
    cells = [[_show(v) for v in row] for row in rows]
    widths = [max([width(c)] + [width(r[i]) for r in cells]) for i, c in enumerate(columns)]

    def line(values: list[str]) -> str:
        return "  ".join(
            v + " " * (w - width(v)) for v, w in zip(values, widths, strict=True)
        ).rstrip()

    out = [line(columns), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    return "\n".join(out)


def refusal(exc: duckdb.Error) -> str | None:
    """Return one line saying why the reader's lock-down refused the query, None for other errors."""
    import duckdb

    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if isinstance(exc, duckdb.PermissionException):
        why = (
            "只读查询不能读写仓库以外的文件、访问网络或安装、加载扩展 "
            "(readers stay inside the warehouse: enable_external_access=false)"
        )
    elif "configuration has been locked" in first:
        why = "只读查询不能修改设置 (reader settings are locked: lock_configuration=true)"
    elif "read-only mode" in first:
        why = "数据仓库以只读方式打开，查询不能修改它 (the warehouse is open read-only)"
    else:
        return None
    return f"jixiao sql: 拒绝执行 refused: {why}; DuckDB: {first}"


def run(args: argparse.Namespace) -> int:
    """Print the query's result; return 0, or 1 with a readable message on error."""
    import duckdb

    from warehouse.connect import open_readonly

    try:
        con = open_readonly(args.warehouse)
    except WarehouseMissing as exc:
        print(f"jixiao sql: {exc}", file=sys.stderr)
        return 1
    try:
        rel = con.sql(args.query)
        if rel is None:
            print(
                "jixiao sql: the statement returned no rows (only queries are allowed)",
                file=sys.stderr,
            )
            return 1
        columns = list(rel.columns)
        rows = rel.limit(args.max_rows + 1).fetchall()
    except duckdb.Error as exc:
        refused = refusal(exc)
        if refused is not None:
            print(refused, file=sys.stderr)
            return 1
        # The whole message: DuckDB's "Did you mean ..." hints and the caret under the error.
        print(f"jixiao sql: {str(exc).rstrip()}", file=sys.stderr)
        return 1
    finally:
        con.close()
    shown = rows[: args.max_rows]
    print(format_table(columns, shown))
    more = " (more not shown; use --max-rows)" if len(rows) > args.max_rows else ""
    print(f"({len(shown)} row{'s' if len(shown) != 1 else ''}){more}")
    return 0
