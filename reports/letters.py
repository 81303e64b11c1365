"""Formal letters in Word: a 审核意见 per unit with findings, a 退回通知 per rejected file.

The findings are the same as in the unit's workbook (reports.feedback.unit_feedback), said as a
person reads them (reports.grouping: the same problem once, with every project and row it is
in); the file reviewed and the date it was received come from dim_submission, the rejected files
from the ledger (reports.report_data.current_rejections). Every letter carries the bureau's
name, its reference number and contact and the reply deadline (settings), every date in the
county's time zone; a table row never breaks across pages and the signature never stands alone.
The 自评复核 findings of the unit's self-evaluation of the same year follow in a section of
their own, with the value stated and the value expected. A unit that filed a self-evaluation but no
targets for the year gets a 绩效自评复核意见 all the same: no target submission was received, then
its 自评复核 findings. Letters are written next to the workbooks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from reports.feedback import (
    UnitFeedback,
    no_targets_text,
    selfeval_rows,
    unit_feedback,
    workbook_name,
)
from reports.grouping import finding_lines
from reports.report_data import current_rejections
from reports.word_style import (
    Column,
    chinese_date,
    keep_rows_whole,
    new_document,
    paragraph,
    table,
)
from warehouse.queries import query

SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
# What a unit should do about each kind of rejection (ingest_ledger.rejection_kind).
REJECTION_ACTIONS = {
    "empty": "请检查文件是否完整，用 Word 重新打开确认有内容后再报送。",
    "not_word": "请用 Word 打开原稿，另存为“Word 文档（*.docx）”后重新报送，不要直接修改文件扩展名。",
    "html_doc": "请用 Word 打开该文件，另存为“Word 文档（*.docx）”后重新报送。",
    "corrupt": "请从原稿重新导出或另存为 .docx，确认能用 Word 正常打开后重新报送。",
    "corrupt_xml": "请用 Word 打开原稿并重新保存为 .docx 后报送。",
    "encrypted": "请取消文件密码保护（文件—信息—保护文档），保存后重新报送。",
    "legacy_doc": "请用 Word 打开该 .doc 文件，另存为“Word 文档（*.docx）”后重新报送。",
    "bomb": "文件异常庞大，请从原稿重新保存为普通 .docx 文件后报送。",
    "entities": "请从原稿重新保存为普通 .docx 文件后报送。",
    "too_large": "请删除文件中的大图片等无关内容，重新保存后报送。",
    "too_slow": "请删除文件中的大图片等无关内容，重新保存后报送。",
    "no_content": "文件中没有找到绩效目标表，请按规定格式填写后重新报送。",
}
DEFAULT_ACTION = "请按规定格式重新整理后，以 Word 文档（.docx）重新报送。"


@dataclass(frozen=True)
class LetterSettings:
    """Who signs, for which county, the reference number, the contact, the reply deadline, the time zone."""

    issuer: str = ""
    deadline: str = ""
    issued: date | None = None
    county: str = ""
    reference: str = ""
    contact: str = ""
    timezone: str = "Asia/Shanghai"

    @property
    def signature(self) -> str:
        """Return the signing body: the bureau's name, else the county's 财政局, else 财政局."""
        return self.issuer or f"{self.county}财政局"

    def deadline_text(self) -> str:
        """Return the deadline as printed: an ISO date becomes 2026年12月15日, words stay as written."""
        try:
            return chinese_date(date.fromisoformat(self.deadline))
        except ValueError:
            return self.deadline

    def today(self) -> date:
        """Return the letter's date: `issued`, else today in the county's time zone."""
        return self.issued or datetime.now(ZoneInfo(self.timezone)).date()

    def local_day(self, moment: Any) -> date:
        """Return the county's calendar day of a timestamp (stored in UTC)."""
        if isinstance(moment, datetime):
            aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
            return aware.astimezone(ZoneInfo(self.timezone)).date()
        return moment  # type: ignore[no-any-return]

    def reference_number(self, seq: int, unit_code: Any) -> str:
        """Return the letter's reference number (文号) from the pattern; '' without one.

        {year} is the year the letter is issued (文号 count by the year of issue), {seq} its
        number in the run.
        """
        if not self.reference:
            return ""
        return self.reference.format(
            county=self.county, year=self.today().year, seq=seq, unit_code=unit_code or ""
        )


def letter_settings(settings: Any) -> LetterSettings:
    """Return the letters' settings from the run settings."""
    return LetterSettings(
        issuer=settings.bureau_name,
        deadline=settings.feedback_deadline or "",
        county=settings.county_name or "",
        reference=getattr(settings, "letter_reference", "") or "",
        contact=getattr(settings, "bureau_contact", "") or "",
        timezone=settings.timezone,
    )


def _safe(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("_") or "未知"


def _received(warehouse: Path, keys: list[str]) -> dict[str, dict[str, Any]]:
    """Return file name and received date per submission_key."""
    if not keys:
        return {}
    df = query(warehouse, "submission_files", keys=keys)
    return {r["submission_key"]: r for r in df.iter_rows(named=True)}


def _reference(doc: Any, number: str) -> None:
    """Put the reference number (文号) under the title, right-aligned."""
    if number:
        paragraph(doc, number, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)


def _closing(doc: Any, texts: list[str], settings: LetterSettings) -> None:
    """Add the closing paragraphs, the contact, the signature and the date, kept on one page.

    Every paragraph is kept with the next, so the signature never stands alone on a page: the
    closing words travel with it.
    """
    paras = [paragraph(doc, t) for t in texts]
    paras[0].paragraph_format.space_before = Pt(8)  # clear of the table above
    if settings.contact:
        paras.append(paragraph(doc, f"联系人及电话：{settings.contact}"))
    paras.append(doc.add_paragraph())
    paras.append(paragraph(doc, settings.signature, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT))
    last = paragraph(doc, chinese_date(settings.today()), indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    for para in paras:
        para.paragraph_format.keep_with_next = True
    last.paragraph_format.keep_with_next = False


def review_letter(
    feedback: UnitFeedback,
    source: dict[str, Any],
    settings: LetterSettings,
    out_dir: Path,
    seq: int = 1,
) -> Path:
    """Write one unit's 审核意见 letter (reference, findings said once with their places, reply)."""
    if not feedback.has_targets:
        return selfeval_letter(feedback, source, settings, out_dir, seq)
    s = feedback.summary
    errors, warnings = int(s["errors"] or 0), int(s["warnings"] or 0)
    lines = finding_lines(feedback.findings)
    doc = new_document()
    doc.add_paragraph(f"{s['fiscal_year']}年度预算绩效目标审核意见", style="Title")
    _reference(doc, settings.reference_number(seq, s["unit_code"]))
    code = f"（单位编码 {s['unit_code']}）" if s["unit_code"] else ""
    paragraph(doc, f"{s['unit_name'] or s['unit_code'] or '报送单位'}{code}：", indent=False)
    received = source.get("received_at")
    when = f"（{chinese_date(settings.local_day(received))}收到）" if received is not None else ""
    kinds = [f"错误{errors}处，须修改后重新报送" if errors else "", f"警告{warnings}处，建议一并完善" if warnings else ""]
    found = (
        f"审核发现问题{errors + warnings}处（{'；'.join(k for k in kinds if k)}），"
        f"归为{len(lines)}条意见，相同的问题只列一次并注明所在项目和指标行。具体问题和修改建议见下表。"
        if lines else "审核未发现需要修改的问题。"
    )
    paragraph(doc, (
        f"你单位报送的《{source.get('file_name') or '绩效目标'}》{when}已经审核。该文件共{s['projects']}个项目，{found}"
    ))
    rows = [{"seq": i, "line": line, "advice": line.suggestion} for i, line in enumerate(lines, start=1)]
    for before, row in zip(rows, rows[1:], strict=False):
        if row["line"].suggestion == before["line"].suggestion:
            row["advice"] = "同上"  # the same advice as the row above is not printed again
    if rows:
        _findings_table(doc, rows)
    if feedback.selfeval.height:
        _selfeval_section(doc, feedback)
    deadline = settings.deadline_text()
    reply = f"请于{deadline}前" if deadline else "请尽快"
    _closing(doc, [
        f"{reply}按上述意见修改，并将修改后的绩效目标（Word 文档）重新报送{settings.signature}。"
        "如对审核意见有异议，请在报送时一并书面说明。"
    ], settings)
    path = out_dir / Path(workbook_name(s)).with_suffix(".docx").name
    return _save(doc, path)


def selfeval_letter(
    feedback: UnitFeedback, source: dict[str, Any], settings: LetterSettings, out_dir: Path, seq: int = 1
) -> Path:
    """Write the 绩效自评复核意见 of a unit that filed a self-evaluation but no targets for the year."""
    s = feedback.summary
    doc = new_document()
    doc.add_paragraph(f"{s['fiscal_year']}年度{feedback.title}", style="Title")
    _reference(doc, settings.reference_number(seq, s["unit_code"]))
    code = f"（单位编码 {s['unit_code']}）" if s["unit_code"] else ""
    paragraph(doc, f"{s['unit_name'] or s['unit_code'] or '报送单位'}{code}：", indent=False)
    paragraph(doc, no_targets_text(s["fiscal_year"]))
    if feedback.selfeval.height:
        _selfeval_section(doc, feedback)
    else:
        received = source.get("received_at")
        when = f"（{chinese_date(settings.local_day(received))}收到）" if received is not None else ""
        paragraph(doc, f"你单位报送的{s['fiscal_year']}年度绩效自评《{s['file_name'] or '绩效自评表'}》{when}"
                       "经复核，未发现需要更正的问题。")
    deadline = settings.deadline_text()
    reply = f"请于{deadline}前" if deadline else "请尽快"
    fix = "，并按上述意见更正绩效自评表" if feedback.selfeval.height else ""
    _closing(doc, [f"{reply}将{s['fiscal_year']}年度绩效目标（Word 文档）报送{settings.signature}{fix}。"], settings)
    return _save(doc, out_dir / Path(workbook_name(s, feedback.title)).with_suffix(".docx").name)


def _findings_table(doc: Any, rows: list[dict[str, Any]]) -> None:
    grid = table(doc, [
        # 15.6 cm: the text width of a GB/T 9704 portrait page
        # (a 21-character 项目编码 needs 5.2 cm at 9 pt to stay on one line)
        Column("序号", lambda r: str(r["seq"]), 1.15),
        Column("类别", lambda r: SEVERITY_NAMES.get(r["line"].severity, r["line"].severity), 1.1),
        Column("所在项目及指标行", lambda r: r["line"].where(), 5.2),
        Column("问题", lambda r: r["line"].problem_text(), 4.65),
        Column("修改建议", lambda r: r["advice"], 3.5),
    ], rows)
    keep_rows_whole(grid)


def _selfeval_section(doc: Any, feedback: UnitFeedback) -> None:
    """Write the 自评复核 part: what the re-check of the unit's self-evaluation found, with both values."""
    found = feedback.selfeval
    first = found.row(0, named=True)
    severities = found["severity"].to_list()
    counts = "，".join(f"{SEVERITY_NAMES[x]}{severities.count(x)}条" for x in ("error", "warning", "info")
                      if x in severities)
    doc.add_heading("绩效自评复核意见", level=2)
    paragraph(doc, (
        f"你单位报送的{feedback.summary['fiscal_year']}年度绩效自评《{first['file_name'] or '绩效自评表'}》经复核，"
        f"发现问题{found.height}条（{counts}）。“填报值”为自评表所填，“应有值”为按表内数字或年初绩效目标应得的值，"
        "请核实后更正自评表。"
    ))
    rows = [dict(zip(("severity", "project", "row", "stated", "expected", "problem", "advice"), r, strict=True))
            for r in selfeval_rows(found)]
    grid = table(doc, [  # 15.6 cm, the text width of a portrait page, like the findings above
        Column("类别", lambda r: r["severity"], 1.0),
        Column("项目", lambda r: r["project"], 2.9),
        Column("行次", lambda r: r["row"], 2.3),
        Column("填报值", lambda r: r["stated"], 1.5),
        Column("应有值", lambda r: r["expected"], 1.5),
        Column("问题", lambda r: r["problem"], 3.8),
        Column("修改建议", lambda r: r["advice"], 2.6),
    ], rows)
    keep_rows_whole(grid)


def rejection_notice(row: dict[str, Any], settings: LetterSettings, out_dir: Path, seq: int = 1) -> Path:
    """Write one 退回通知 for a rejected file: which file, why, and what to do."""
    doc = new_document()
    doc.add_paragraph("退回通知", style="Title")
    _reference(doc, settings.reference_number(seq, row.get("unit_code")))
    who = f"{row['unit_code']}单位" if row.get("unit_code") else "报送单位"
    paragraph(doc, f"{who}：", indent=False)
    received = row.get("received_at")
    when = f"于{chinese_date(settings.local_day(received))}" if received is not None else ""
    paragraph(doc, f"你单位{when}报送的文件《{row['file_name']}》无法读取，未能进入审核，现予退回。")
    paragraph(doc, f"退回原因：{row.get('reason') or '文件无法读取'}")
    action = REJECTION_ACTIONS.get(row.get("rejection_kind") or "", DEFAULT_ACTION)
    paragraph(doc, f"处理办法：{action}")
    deadline = settings.deadline_text()
    _closing(doc, [f"{'请于' + deadline + '前' if deadline else '请尽快'}重新报送。逾期未报送的，视为未报送绩效目标。"],
             settings)
    stem = _safe(Path(str(row["file_name"])).stem)
    return _save(doc, out_dir / f"退回通知_{stem}_{str(row.get('sha256') or '')[:8]}.docx")


def _save(doc: Any, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    doc.save(str(tmp))
    tmp.replace(path)
    return path


def write_letters(
    warehouse: Path,
    out_dir: Path,
    settings: LetterSettings,
    unit_code: str | None = None,
    fiscal_year: int | None = None,
) -> list[Path]:
    """Return the letters written: a 审核意见 per unit with findings or without targets, a 退回通知 per
    rejected file."""
    # a unit without targets for the year is always written to: it must send them
    feedback = [f for f in unit_feedback(warehouse, unit_code, fiscal_year)
                if not f.has_targets or f.summary["findings"] or f.selfeval.height]
    sources = _received(warehouse, [f.summary["submission_key"] for f in feedback])
    # No county set: each letter signs for its unit's county as the warehouse knows it (文安县财政局).
    counties = {} if settings.county else dict(query(warehouse, "county_names").iter_rows())

    def signed(division: str | None) -> LetterSettings:
        return settings if settings.county else replace(settings, county=counties.get(division or "") or "")

    paths = [
        review_letter(f, sources.get(f.summary["submission_key"], {}), signed(f.summary.get("division_code")),
                      out_dir, seq)
        for seq, f in enumerate(feedback, start=1)
    ]
    if unit_code is None:  # a rejected file's unit is rarely known: only the whole run sends notices
        for seq, row in enumerate(current_rejections(warehouse, fiscal_year).iter_rows(named=True),
                                  start=len(paths) + 1):
            paths.append(rejection_notice(row, signed(row.get("division_code")), out_dir, seq))
    return paths
