"""`jixiao export parquet DIR [--warehouse PATH]`: one Parquet folder per table and mart."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from warehouse.paths import DEFAULT_WAREHOUSE, WarehouseMissing


def register(subparsers: Any) -> None:
    """Add the `export` sub-command."""
    p = subparsers.add_parser(
        "export", help="export tables and marts (parquet, partitioned by fiscal_year)"
    )
    p.add_argument("format", choices=["parquet"], help="output format")
    p.add_argument(
        "out_dir", type=Path, metavar="DIR", help="folder to write into (one sub-folder per table)"
    )
    p.add_argument(
        "--warehouse", type=Path, default=DEFAULT_WAREHOUSE, help="warehouse file (read-only)"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Export and print what was written; return 0, or 1 when there is no warehouse."""
    from warehouse.export import export_parquet

    try:
        written = export_parquet(args.warehouse, args.out_dir)
    except WarehouseMissing as exc:
        print(f"jixiao export: {exc}", file=sys.stderr)
        return 1
    for name, rows in written.items():
        print(f"{name:32} {rows:>8} rows -> {args.out_dir / name}")
    return 0
