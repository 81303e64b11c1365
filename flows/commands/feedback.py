"""`jixiao feedback --out DIR`: one review workbook (审核意见表, .xlsx) per unit from the warehouse."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from flows.settings import SettingsError, load_settings
from warehouse.connect import WarehouseMissing
from warehouse.feedback import write_feedback


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `feedback` sub-command."""
    parser = subparsers.add_parser(
        "feedback",
        help="write one review workbook (.xlsx) per unit",
        description="Write, for each unit with a current submission (or only --unit), a Chinese "
        "workbook to send back: a 汇总 sheet (unit, year, projects, budget, quality score, errors "
        "and warnings) and a 审核问题 sheet (项目名称, 项目编码, 指标, 问题, 建议, 严重程度). "
        "Reads the warehouse read-only; by default each unit's latest budget year.",
    )
    parser.add_argument("--out", required=True, help="folder to write the workbooks into")
    parser.add_argument("--unit", help="only this unit: its code (e.g. 306001) or its exact name")
    parser.add_argument("--year", type=int, help="budget year (default: each unit's latest)")
    parser.add_argument("--warehouse", help="DuckDB warehouse file (default: setting `warehouse`)")
    parser.add_argument(
        "--config", help="TOML settings file (default: $JIXIAO_CONFIG or ./jixiao.toml)"
    )
    parser.set_defaults(func=run)


def unit_code_for_name(warehouse: Path, name: str) -> tuple[str | None, str | None]:
    """Return (the unit code named `name`, None), or (None, why it cannot be told) to print."""
    from warehouse.connect import open_readonly

    con = open_readonly(warehouse)
    try:
        rows = con.execute(
            "SELECT DISTINCT unit_code FROM dim_unit WHERE unit_name = $1 ORDER BY unit_code", [name]
        ).fetchall()
    finally:
        con.close()
    codes = [str(code) for (code,) in rows]
    if len(codes) == 1:
        return codes[0], None
    if codes:
        return None, f"单位名称 {name} 对应多个单位编码 {', '.join(codes)}：请用 --unit 单位编码 (unit code)"
    return None, (f"没有名为 {name} 的单位 no unit named {name!r}: 请用 --unit 单位编码, e.g. --unit 306001 "
                  "(jixiao sql \"SELECT unit_code, unit_name FROM dim_unit\" lists them)")


def run(args: argparse.Namespace) -> int:
    """Write the workbooks; return 0, 1 when the unit has no current submission, 2 on bad input."""
    try:
        warehouse = load_settings(args.config, warehouse=args.warehouse).warehouse
        unit = args.unit
        if unit is not None and not unit.strip().isdigit():
            unit, problem = unit_code_for_name(Path(warehouse), unit.strip())
            if problem:
                print(f"jixiao feedback: {problem}", file=sys.stderr)
                return 2
        paths = write_feedback(Path(warehouse), Path(args.out), unit, args.year)
    except (SettingsError, WarehouseMissing) as exc:
        print(f"jixiao feedback: {exc}", file=sys.stderr)
        return 2
    if not paths:
        which = f"单位 {args.unit}" if args.unit else "任何单位"
        year = f"{args.year}年" if args.year else ""
        print(
            f"jixiao feedback: 数据仓库中没有{which}{year}的当前报送（no current submission）。",
            file=sys.stderr,
        )
        return 1
    for path in paths:
        print(path)
    print(f"已写出 {len(paths)} 个审核意见表 → {args.out}", file=sys.stderr)
    return 0
