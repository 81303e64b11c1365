"""`jixiao feedback --out DIR`: one review workbook (审核意见表, .xlsx) per unit from the warehouse,
and 退回文件清单.xlsx listing every file currently rejected."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from flows.settings import SettingsError, load_settings
from warehouse.paths import WarehouseMissing

# reports.feedback's SEVERITY_ORDER and REJECTED_FILE, spelled out so that the CLI starts
# without importing the workbook writers (tests/test_startup.py checks they agree).
SEVERITY_ORDER = ("error", "warning", "info")
REJECTED_FILE = "退回文件清单.xlsx"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `feedback` sub-command."""
    parser = subparsers.add_parser(
        "feedback",
        help="write one review workbook (.xlsx) per unit, and the list of rejected files",
        description="Write, for each unit with a current submission (or only --unit), a Chinese "
        "workbook to send back: a 汇总 sheet (unit, file reviewed and when it was received, "
        "projects, budget in 万元, quality score, errors and warnings, reply deadline) and a 审核问题 "
        "sheet (严重程度, 位置, 问题, 建议: one row per problem with every project and row it is in), "
        "printable on A4 landscape. Also writes "
        f"{REJECTED_FILE} when files are rejected (file, unit if known, received, reason and what "
        "to do). Reads the warehouse read-only; by default each unit's latest budget year.",
    )
    parser.add_argument("--out", required=True, help="folder to write the workbooks into")
    parser.add_argument("--unit", help="only this unit: its code (e.g. 306001) or its exact name")
    parser.add_argument("--year", type=int, help="budget year (default: each unit's latest)")
    parser.add_argument(
        "--severity",
        choices=SEVERITY_ORDER,
        default="warning",
        help="least severe findings to send: error, warning (default: errors and warnings) or "
        "info (everything, advice included)",
    )
    parser.add_argument(
        "--format",
        choices=("xlsx", "docx"),
        default="xlsx",
        help="docx: besides the workbooks, a Word 审核意见 letter per unit with findings and a "
        "退回通知 per rejected file (reply deadline: setting `feedback_deadline`)",
    )
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
    """Write the workbooks; return 0, 1 when nothing is to be sent, 2 on bad input."""
    from reports.feedback import write_feedback, write_rejected_list

    try:
        settings = load_settings(args.config, warehouse=args.warehouse)
        deadline = (
            date.fromisoformat(settings.feedback_deadline) if settings.feedback_deadline else None
        )
        unit = args.unit
        if unit is not None and not unit.strip().isdigit():
            unit, problem = unit_code_for_name(Path(settings.warehouse), unit.strip())
            if problem:
                print(f"jixiao feedback: {problem}", file=sys.stderr)
                return 2
        out = Path(args.out)
        paths = write_feedback(
            Path(settings.warehouse),
            out,
            unit,
            args.year,
            args.severity,
            deadline,
            settings.timezone,
            sender=(
                settings.bureau_name
                or (f"{settings.county_name}财政局" if settings.county_name else ""),
                settings.bureau_contact,
            ),
        )
        rejected = (
            None
            if args.unit
            else write_rejected_list(Path(settings.warehouse), out, settings.timezone)
        )
    except (SettingsError, WarehouseMissing) as exc:
        print(f"jixiao feedback: {exc}", file=sys.stderr)
        return 2
    for path in paths:
        print(path)
    if rejected is not None:
        print(rejected)
    if not paths and rejected is None:
        which = f"单位 {args.unit}" if args.unit else "任何单位"
        year = f"{args.year}年" if args.year else ""
        print(
            f"jixiao feedback: 数据仓库中没有{which}{year}的当前报送（no current submission）。",
            file=sys.stderr,
        )
        return 1
    print(f"已写出 {len(paths)} 个审核意见表 → {args.out}", file=sys.stderr)
    if rejected is not None:
        print(f"已写出退回文件清单 → {rejected}", file=sys.stderr)
    return _letters(args, unit) if args.format == "docx" else 0


def _letters(args: argparse.Namespace, unit: str | None) -> int:
    """Write the Word letters (reports/letters.py) next to the workbooks; return 0."""
    from reports.letters import letter_settings, write_letters

    settings = load_settings(args.config, warehouse=args.warehouse)
    letters = write_letters(
        Path(settings.warehouse), Path(args.out), letter_settings(settings), unit, args.year
    )
    for path in letters:
        print(path)
    print(f"已写出 {len(letters)} 份审核意见函和退回通知（.docx）→ {args.out}", file=sys.stderr)
    return 0
