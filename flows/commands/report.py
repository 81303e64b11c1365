"""`jixiao report --year Y --out FILE.docx`: the county report (绩效目标审核情况报告) in Word."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from flows.settings import SettingsError, load_settings
from warehouse.paths import WarehouseMissing


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `report` sub-command."""
    parser = subparsers.add_parser(
        "report",
        help="write the county's 绩效目标审核情况报告 (.docx) from the warehouse",
        description="Write the year's review report in Chinese as a Word document: 基本情况, "
        "绩效目标质量, 审核发现, 与上年对比 (when the previous year is loaded), 下一步建议, and an "
        "appendix table by unit, with charts. Every figure comes from the warehouse's marts. With "
        "several counties loaded and no --division, the report compares the counties.",
    )
    parser.add_argument("--year", type=int, required=True, help="budget year, e.g. 2022")
    parser.add_argument("--division", help="only this county (six-digit division code, e.g. 131026)")
    parser.add_argument("--out", required=True, help="the .docx file to write")
    parser.add_argument("--warehouse", help="DuckDB warehouse file (default: setting `warehouse`)")
    parser.add_argument(
        "--config", help="TOML settings file (default: $JIXIAO_CONFIG or ./jixiao.toml)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Write the report; return 0, 1 when there is nothing to report, 2 on bad input."""
    if args.division is not None and not (len(args.division) == 6 and args.division.isdigit()):
        print(f"jixiao report: --division 应为6位区划代码（如 131026），不是 {args.division!r}", file=sys.stderr)
        return 2
    if not str(args.out).lower().endswith(".docx"):
        print(f"jixiao report: --out 应为 .docx 文件，不是 {args.out}", file=sys.stderr)
        return 2
    try:
        settings = load_settings(args.config, warehouse=args.warehouse)
    except SettingsError as exc:
        print(f"jixiao report: {exc}", file=sys.stderr)
        return 2
    from reports.report_charts import FontMissing
    from reports.report_data import ReportError, report_data
    from reports.report_docx import write_report

    deadline = date.fromisoformat(settings.submission_deadline) if settings.submission_deadline else None
    try:
        data = report_data(
            Path(settings.warehouse), args.year, args.division, deadline, settings.timezone
        )
        # The report's date is the county's day (settings.timezone), as in workbooks and letters.
        today = datetime.now(ZoneInfo(settings.timezone)).date()
        issuer = settings.bureau_name or (f"{settings.county_name}财政局" if settings.county_name else "")
        path = write_report(data, Path(args.out), issued=today, issuer=issuer)
    except WarehouseMissing as exc:
        print(f"jixiao report: {exc}", file=sys.stderr)
        return 2
    except (ReportError, FontMissing) as exc:
        print(f"jixiao report: {exc}", file=sys.stderr)
        return 1
    print(path)
    missing = "；".join(data.unavailable)
    note = f"（暂缺：{missing}）" if missing else ""
    print(f"已写出 {data.year} 年度绩效目标审核情况报告{note} → {path}", file=sys.stderr)
    return 0
