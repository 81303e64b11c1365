"""Feedback workbooks (审核意见表): one .xlsx per unit with its scorecard and review findings, and
the list of rejected files (退回文件清单.xlsx).

Everything is read from the published warehouse through its named read-only queries
(warehouse.queries; nothing here opens a database): the unit's current submission of a budget year (mart_unit_scorecard), its findings as a clerk sends them
(mart_unit_feedback, errors and warnings by default; info with severity="info") and the files
currently rejected (mart_rejected_files), and, when the unit's year-end self-evaluation of the same
year is loaded, its 自评复核 findings (mart_selfeval_audit) on a sheet of their own. A unit that filed a
self-evaluation but no targets for its year (selfeval_only_units) gets a workbook of its own all the
same, named 绩效自评复核意见, saying no target submission was received, with its 自评复核 findings. Sheets print on
A4 landscape, one page wide, with the header row repeated (reports.workbook); the findings are said
as a person reads them, the same problem once with every place it is in (reports.grouping).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import polars as pl
import xlsxwriter

from reports.grouping import finding_lines
from reports.workbook import formats, print_setup, row_height, write_table
from warehouse.queries import query, read_marts

SEVERITY_ORDER = ("error", "warning", "info")
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
SUMMARY_COLUMNS = [("项目", 22), ("内容", 110)]
FINDING_COLUMNS = [
    ("严重程度", 9),
    ("位置（项目、指标行）", 44),
    ("问题", 66),
    ("建议", 44),
]
REJECTED_COLUMNS = [
    ("文件名", 40),
    ("单位编码", 10),
    ("单位名称", 26),
    ("收到时间", 17),
    ("退回原因", 50),
    ("处理办法", 44),
]
REJECTED_FILE = "退回文件清单.xlsx"
SCORE_NOTE = (
    "质量得分 = 没有错误和警告的指标行、项目和文件整体占全部的百分比（有错误之处按两处计），"
    "没有问题为 100 分。"
    "“错误”须修改后重新报送，“警告”建议完善，“提示”供参考。"
)

WARNING_COLUMNS = [("文件", 36), ("位置", 30), ("提醒", 80)]
SELFEVAL_COLUMNS = [
    ("严重程度", 9),
    ("项目", 26),
    ("行次", 22),
    ("填报值", 13),
    ("应有值", 13),
    ("问题", 46),
    ("建议", 33),
]
SELFEVAL_NOTE = "以下为你单位{year}年度绩效自评（{file}）的复核意见：“填报值”是自评表所填，“应有值”是按表内数字或年初绩效目标应得的值。"
WARNING_NOTE = "以下内容系统未能确定读懂，请核对原文件；如填写无误，可忽略或联系财政局登记新模板。"


@dataclass(frozen=True)
class UnitFeedback:
    """One unit's scorecard row, the findings to send and its extraction warnings, ready to be written."""

    summary: dict[str, Any]
    findings: pl.DataFrame
    warnings: pl.DataFrame = field(default_factory=pl.DataFrame)
    severities: tuple[str, ...] = ("error", "warning")
    # 自评复核: findings of the unit's self-evaluation of the same year (mart_selfeval_audit)
    selfeval: pl.DataFrame = field(default_factory=pl.DataFrame)
    # False for a unit that filed a self-evaluation but no targets for the year (selfeval_only_units):
    # `summary` is then its self-evaluation's, and there is no scorecard and no review finding
    has_targets: bool = True

    @property
    def title(self) -> str:
        """Return what the documents are: 绩效目标审核意见, or 绩效自评复核意见 without targets."""
        return "绩效目标审核意见" if self.has_targets else "绩效自评复核意见"


def severities_up_to(severity: str) -> tuple[str, ...]:
    """Return the severities sent for `severity` (error; error and warning; all three)."""
    if severity not in SEVERITY_ORDER:
        raise ValueError(f"severity must be one of {', '.join(SEVERITY_ORDER)}, not {severity!r}")
    return SEVERITY_ORDER[: SEVERITY_ORDER.index(severity) + 1]


def unit_feedback(
    warehouse: Path,
    unit_code: str | None = None,
    fiscal_year: int | None = None,
    severity: str = "warning",
) -> list[UnitFeedback]:
    """Return the feedback of each unit (or of `unit_code`) for `fiscal_year`, else its latest year."""
    wanted = severities_up_to(severity)
    with read_marts(warehouse) as marts:
        cards = marts.frame("unit_scorecards", unit=unit_code, year=fiscal_year)
        # a warehouse from before self-evaluations has no such mart
        audited = marts.has("mart_selfeval_audit", "stated_value", "submission_key")
        alone = marts.frame("selfeval_only_units", unit=unit_code, year=fiscal_year) if audited else pl.DataFrame()
        keys = cards["submission_key"].to_list()
        both = keys + (alone["submission_key"].to_list() if alone.height else [])
        found = marts.frame("unit_findings", keys=keys, severities=list(wanted)) if keys else pl.DataFrame()
        # a warehouse from before extraction warnings were kept has no such mart
        kept = both and marts.has("mart_extraction_warnings", "warning_seq")
        notes = marts.frame("unit_extraction_warnings", keys=both) if kept else pl.DataFrame()
        reviews = (
            marts.frame("unit_selfeval_findings", keys=both, severities=list(wanted))
            if both and audited else pl.DataFrame()
        )
    out = []
    rows = [(card, True) for card in cards.iter_rows(named=True)]
    rows += [(sub, False) for sub in alone.iter_rows(named=True)] if alone.height else []
    for card, has_targets in sorted(rows, key=lambda r: (r[0]["unit_code"] or "", r[0]["fiscal_year"] or 0)):
        key = pl.col("submission_key") == card["submission_key"]
        mine = found.filter(key) if found.height else found  # a self-evaluation has no review findings
        out.append(UnitFeedback(card, mine, notes.filter(key) if notes.height else notes, wanted,
                                reviews.filter(key) if reviews.height else reviews, has_targets))
    return out


def _safe(text: str) -> str:
    """Return `text` usable in a file name on Windows and Linux."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("_") or "未知"


def workbook_name(summary: dict[str, Any], title: str = "绩效目标审核意见") -> str:
    """Return the workbook's file name: 单位编码_单位名称_年度年绩效目标审核意见.xlsx (or another `title`)."""
    code = _safe(summary["unit_code"] or "未知单位")
    name = _safe(summary["unit_name"] or "")
    year = summary["fiscal_year"] or "未知"
    return f"{code}_{name}_{year}年{title}.xlsx"


def no_targets_text(year: Any) -> str:
    """Return the line a unit with a self-evaluation but no targets for the year reads."""
    return f"未收到你单位{year or ''}年度预算绩效目标报送，绩效自评无法与年初绩效目标对照复核，请尽快报送。"


def local_time(value: datetime | None, timezone: str) -> str:
    """Return a UTC timestamp as the clerk's local date and time (YYYY-MM-DD HH:MM)."""
    if value is None:
        return ""
    return value.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d %H:%M")


def wan_yuan(amount: float | None) -> str:
    """Return an amount in 元 as 万元 with two decimals, as budgets are written."""
    return "" if amount is None else f"{amount / 10000:,.2f}"


def write_workbook(
    feedback: UnitFeedback,
    out_dir: Path,
    deadline: date | None = None,
    timezone: str = "Asia/Shanghai",
    *,
    sender: tuple[str, str] = ("", ""),
) -> Path:
    """Return the path of the .xlsx written for one unit (汇总 sheet, 审核问题 sheet).

    `sender` is (the bureau that reviewed, its contact), printed on the 汇总 sheet when set.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / workbook_name(feedback.summary, feedback.title)
    tmp = path.with_name(path.name + ".part")
    book = xlsxwriter.Workbook(str(tmp), {"in_memory": True})
    try:
        fmt = formats(book)
        s = feedback.summary
        footer = f"{s['unit_code'] or ''} {s['unit_name'] or ''} {s['fiscal_year'] or ''}年{feedback.title}"
        summary = book.add_worksheet("汇总")
        _summary_sheet(summary, feedback, fmt, deadline, timezone, sender)
        print_setup(summary, 1, len(SUMMARY_COLUMNS) - 1, footer)
        if feedback.has_targets:
            sheet = book.add_worksheet("审核问题")
            _findings_sheet(sheet, feedback.findings, fmt)
            print_setup(sheet, 0, len(FINDING_COLUMNS) - 1, footer)
        if feedback.selfeval.height or not feedback.has_targets:
            review = book.add_worksheet("自评复核")
            _selfeval_sheet(review, feedback, fmt)
            print_setup(review, 1, len(SELFEVAL_COLUMNS) - 1, footer)
        if feedback.warnings.height:
            notes = book.add_worksheet("提取提醒")
            _warnings_sheet(notes, feedback.warnings, fmt)
            print_setup(notes, 1, len(WARNING_COLUMNS) - 1, footer)
    finally:
        book.close()
    tmp.replace(path)  # a half-written workbook never carries the final name
    return path


def summary_rows(
    feedback: UnitFeedback,
    deadline: date | None,
    timezone: str,
    sender: tuple[str, str] = ("", ""),
) -> list[tuple[str, Any]]:
    """Return the (label, value) rows of the 汇总 sheet."""
    if not feedback.has_targets:
        return _selfeval_only_rows(feedback, deadline, timezone, sender)
    s = feedback.summary
    counts = [("错误（须修改）", s["errors"]), ("警告（建议完善）", s["warnings"])]
    if "info" in feedback.severities:
        counts.append(("提示（供参考）", s["infos"]))
    rows: list[tuple[str, Any]] = [
        ("单位编码", s["unit_code"]),
        ("单位名称", s["unit_name"]),
        ("预算年度", s["fiscal_year"]),
        ("审核的文件", s["file_name"]),
        ("收到时间", local_time(s["received_at"], timezone)),
        ("项目数", s["projects"]),
        ("绩效指标数", s["indicators"]),
        ("预算总额（万元）", wan_yuan(s["budget_total_yuan"])),
        ("定量指标占比（%）", s["quantified_pct"]),
        *counts,
        ("质量得分", s["quality_score"]),
    ]
    if deadline is not None:
        rows.append(
            (
                "请于此日期前修改后重新报送",
                f"{deadline.year}年{deadline.month}月{deadline.day}日",
            )
        )
    bureau, contact = sender
    if bureau:
        rows.append(("审核单位", bureau))
    if contact:
        rows.append(("联系人及电话", contact))
    if feedback.selfeval.height:
        found = feedback.selfeval["severity"].to_list()
        rows.append(("绩效自评复核问题", "；".join(
            f"{SEVERITY_NAMES[x]}{found.count(x)}条" for x in SEVERITY_ORDER if x in found
        ) + "（见“自评复核”表）"))
    rows.append(("说明", SCORE_NOTE))
    return rows


def _selfeval_only_rows(
    feedback: UnitFeedback, deadline: date | None, timezone: str, sender: tuple[str, str]
) -> list[tuple[str, Any]]:
    """Return the 汇总 rows of a unit with a self-evaluation but no targets for the year."""
    s = feedback.summary
    found = feedback.selfeval["severity"].to_list() if feedback.selfeval.height else []
    counts = "；".join(f"{SEVERITY_NAMES[x]}{found.count(x)}条" for x in SEVERITY_ORDER if x in found)
    rows: list[tuple[str, Any]] = [
        ("单位编码", s["unit_code"]),
        ("单位名称", s["unit_name"]),
        ("预算年度", s["fiscal_year"]),
        ("绩效目标", no_targets_text(s["fiscal_year"])),
        ("复核的绩效自评", s["file_name"]),
        ("收到时间", local_time(s["received_at"], timezone)),
        ("自评项目数", s["projects"]),
        ("绩效自评复核问题", f"{counts}（见“自评复核”表）" if counts else "未发现需要更正的问题"),
    ]
    if deadline is not None:
        rows.append(("请于此日期前报送", f"{deadline.year}年{deadline.month}月{deadline.day}日"))
    bureau, contact = sender
    if bureau:
        rows.append(("审核单位", bureau))
    if contact:
        rows.append(("联系人及电话", contact))
    return rows


def _summary_sheet(
    ws: Any,
    feedback: UnitFeedback,
    fmt: dict[str, Any],
    deadline: date | None,
    timezone: str,
    sender: tuple[str, str] = ("", ""),
) -> None:
    s = feedback.summary
    title = "预算绩效目标审核意见" if feedback.has_targets else "绩效自评复核意见"
    ws.write_string(0, 0, f"{s['fiscal_year'] or ''}年度{title}", fmt["title"])
    ws.set_row(0, 22)
    rows = [
        (label, "" if v is None else v) for label, v in summary_rows(feedback, deadline, timezone, sender)
    ]
    write_table(ws, 1, SUMMARY_COLUMNS, rows, fmt, with_filter=False)


def _findings_sheet(ws: Any, findings: pl.DataFrame, fmt: dict[str, Any]) -> None:
    """Write the findings as a person reads them: one row per problem, listing where it is."""
    lines = finding_lines(findings)
    rows = [
        [SEVERITY_NAMES.get(x.severity, x.severity), x.where(), x.problem_text(), x.suggestion]
        for x in lines
    ]
    write_table(ws, 0, FINDING_COLUMNS, rows, fmt)
    for n, line in enumerate(lines, start=1):
        if line.severity == "error":  # 错误 stands out on paper too
            ws.write_string(n, 0, SEVERITY_NAMES["error"], fmt["error"])
    if not rows:
        ws.write_string(1, 0, "无", fmt["cell"])
        ws.merge_range(
            1, 1, 1, len(FINDING_COLUMNS) - 1, "本次审核未发现需要修改的问题。", fmt["cell"]
        )
        ws.set_row(1, row_height(["无"], [9]))


def selfeval_rows(findings: pl.DataFrame) -> list[list[Any]]:
    """Return the 自评复核 table's rows: severity, project (name and code), row, both values, problem, advice."""
    return [
        [
            SEVERITY_NAMES.get(r["severity"], r["severity"]),
            "\n".join(x for x in (r["project_name"] or _whole(r.get("project_seq")), r["project_code"]) if x),
            r["row_label"] or "",
            r["stated_value"] or "",
            r["expected_value"] or "",
            _without_place(r["problem"], r["row_label"]),
            r["suggestion"] or "",
        ]
        for r in findings.iter_rows(named=True)
    ]


def _whole(project_seq: int | None) -> str:
    """Return how the 项目 column names a finding about no project: the department part (0) or the unit."""
    return "（部门整体）" if project_seq == 0 else "（单位整体）"


def _without_place(problem: str | None, row_label: str | None) -> str:
    """Return a 自评复核 problem without the row it names first (the 行次 column says it)."""
    text, label = (problem or "").strip(), (row_label or "").strip()
    if label and text.startswith(label):
        text = text[len(label):]
    return text.lstrip("：").strip()


def _selfeval_sheet(ws: Any, feedback: UnitFeedback, fmt: dict[str, Any]) -> None:
    found = feedback.selfeval
    file = found["file_name"][0] if found.height else feedback.summary.get("file_name")
    note = SELFEVAL_NOTE.format(year=feedback.summary["fiscal_year"] or "", file=file or "")
    if not feedback.has_targets:
        note = no_targets_text(feedback.summary["fiscal_year"]) + note
    ws.write_string(0, 0, note, fmt["note"])
    write_table(ws, 1, SELFEVAL_COLUMNS, selfeval_rows(found), fmt)
    if not found.height:
        ws.write_string(2, 0, "无", fmt["cell"])
        ws.merge_range(2, 1, 2, len(SELFEVAL_COLUMNS) - 1, "本次复核未发现需要更正的问题。", fmt["cell"])


def write_feedback(
    warehouse: Path,
    out_dir: Path,
    unit_code: str | None = None,
    fiscal_year: int | None = None,
    severity: str = "warning",
    deadline: date | None = None,
    timezone: str = "Asia/Shanghai",
    *,
    sender: tuple[str, str] = ("", ""),
) -> list[Path]:
    """Return the workbooks written to `out_dir`, one per unit with a current submission (targets, else a
    self-evaluation)."""
    return [
        write_workbook(f, out_dir, deadline, timezone, sender=sender)
        for f in unit_feedback(warehouse, unit_code, fiscal_year, severity)
    ]


def _warnings_sheet(ws: Any, warnings: pl.DataFrame, fmt: dict[str, Any]) -> None:
    """Write what the extractor was unsure of: one row per warning, file, place and what to check."""
    ws.write_string(0, 0, WARNING_NOTE, fmt["note"])
    rows = list(warnings.select("file_name", "location", "message").iter_rows())
    write_table(ws, 1, WARNING_COLUMNS, rows, fmt)


def rejected_files(warehouse: Path) -> pl.DataFrame:
    """Return the files currently rejected (mart_rejected_files), oldest first."""
    return query(warehouse, "rejected_files")


def write_rejected_list(
    warehouse: Path, out_dir: Path, timezone: str = "Asia/Shanghai"
) -> Path | None:
    """Return the 退回文件清单.xlsx written to `out_dir`, or None when no file is rejected."""
    found = rejected_files(warehouse)
    if found.height == 0:
        return None
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / REJECTED_FILE
    tmp = path.with_name(path.name + ".part")
    book = xlsxwriter.Workbook(str(tmp), {"in_memory": True})
    try:
        fmt = formats(book)
        ws = book.add_worksheet("退回文件")
        rows = [
            [
                r["file_name"],
                r["unit_code"] or "（未能识别）",
                r["unit_name"],
                local_time(r["received_at"], timezone),
                r["reason"],
                r["what_to_do"],
            ]
            for r in found.iter_rows(named=True)
        ]
        write_table(ws, 0, REJECTED_COLUMNS, rows, fmt)
        print_setup(ws, 0, len(REJECTED_COLUMNS) - 1, "退回文件清单")
    finally:
        book.close()
    tmp.replace(path)
    return path
