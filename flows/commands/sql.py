"""`jixiao sql "SELECT ..." [--warehouse PATH]`: run a read-only query and print an aligned table."""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path
from typing import Any

from warehouse.paths import DEFAULT_WAREHOUSE, WarehouseMissing


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
