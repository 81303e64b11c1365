"""Formal letters in Word: a 审核意见 per unit with findings, a 退回通知 per rejected file.

The findings are the same as in the unit's workbook (reports.feedback.unit_feedback); the
file reviewed and the date it was received come from dim_submission, the rejected files from
the ledger (reports.report_data.current_rejections). Letters are written next to the workbooks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH

from reports.feedback import UnitFeedback, unit_feedback, workbook_name
from reports.report_data import current_rejections
from reports.word_style import Column, chinese_date, new_document, paragraph, table
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
    """Who signs, the reply deadline and the letter date."""

    issuer: str = ""
    deadline: str = ""
    issued: date | None = None

    @property
    def signature(self) -> str:
        """Return the signing body (财政局 when none is set)."""
        return self.issuer or "财政局"

    def deadline_text(self) -> str:
        """Return the deadline as printed: an ISO date becomes 2026年12月15日, words stay as written."""
        try:
            return chinese_date(date.fromisoformat(self.deadline))
        except ValueError:
            return self.deadline


def letter_settings(settings: Any) -> LetterSettings:
    """Return the letters' settings from the run settings (bureau_name, feedback_deadline)."""
    return LetterSettings(issuer=settings.bureau_name, deadline=settings.feedback_deadline or "")


def _safe(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("_") or "未知"


def _received(warehouse: Path, keys: list[str]) -> dict[str, dict[str, Any]]:
    """Return file name and received date per submission_key."""
    if not keys:
        return {}
    df = query(warehouse, "submission_files", keys=keys)
    return {r["submission_key"]: r for r in df.iter_rows(named=True)}


def _signature(doc: Any, settings: LetterSettings) -> None:
    doc.add_paragraph()
    paragraph(doc, settings.signature, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    paragraph(doc, chinese_date(settings.issued or date.today()), indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)


def review_letter(feedback: UnitFeedback, source: dict[str, Any], settings: LetterSettings, out_dir: Path) -> Path:
    """Write one unit's 审核意见 letter (header, findings to fix as a table, reply deadline)."""
    s, findings = feedback.summary, feedback.findings
    errors, warnings = int(s["errors"] or 0), int(s["warnings"] or 0)
    doc = new_document()
    doc.add_paragraph(f"{s['fiscal_year']}年度预算绩效目标审核意见", style="Title")
    paragraph(doc, f"{s['unit_name'] or s['unit_code']}（单位编码 {s['unit_code']}）：", indent=False)
    received = source.get("received_at")
    when = f"（{chinese_date(received)}收到）" if received is not None else ""
    paragraph(doc, (
        f"你单位报送的《{source.get('file_name') or '绩效目标'}》{when}已经审核。该文件共{s['projects']}个项目，"
        f"审核发现问题{errors + warnings}条，其中错误{errors}条，须修改后重新报送；警告{warnings}条，建议一并完善。"
        "具体问题和修改建议见下表。"
    ))
    rows = findings.to_dicts() if findings.height else []
    for i, row in enumerate(rows, start=1):
        row["seq"] = i
    table(doc, [
        Column("序号", lambda r: str(r["seq"]), 0.9),
        Column("类别", lambda r: SEVERITY_NAMES.get(r["severity"], r["severity"]), 1.0),
        Column("项目", lambda r: "\n".join(x for x in (r.get("project_name"), r.get("project_code")) if x), 3.0),
        Column("指标", lambda r: r.get("indicator") or "—", 1.9),
        Column("问题", lambda r: r.get("message") or "", 5.4),
        Column("修改建议", lambda r: r.get("suggestion") or "", 3.4),
    ], rows)
    deadline = settings.deadline_text()
    reply = f"请于{deadline}前" if deadline else "请尽快"
    paragraph(doc, f"{reply}按上述意见修改，并将修改后的绩效目标（Word 文档）重新报送{settings.signature}。"
                   "如对审核意见有异议，请在报送时一并书面说明。")
    _signature(doc, settings)
    path = out_dir / Path(workbook_name(s)).with_suffix(".docx").name
    return _save(doc, path)


def rejection_notice(row: dict[str, Any], settings: LetterSettings, out_dir: Path) -> Path:
    """Write one 退回通知 for a rejected file: which file, why, and what to do."""
    doc = new_document()
    doc.add_paragraph("退回通知", style="Title")
    who = f"{row['unit_code']}单位" if row.get("unit_code") else "报送单位"
    paragraph(doc, f"{who}：", indent=False)
    received = row.get("received_at")
    when = f"于{chinese_date(received)}" if received is not None else ""
    paragraph(doc, f"你单位{when}报送的文件《{row['file_name']}》无法读取，未能进入审核，现予退回。")
    paragraph(doc, f"退回原因：{row.get('reason') or '文件无法读取'}")
    action = REJECTION_ACTIONS.get(row.get("rejection_kind") or "", DEFAULT_ACTION)
    paragraph(doc, f"处理办法：{action}")
    deadline = settings.deadline_text()
    paragraph(doc, f"{'请于' + deadline + '前' if deadline else '请尽快'}重新报送。逾期未报送的，视为未报送绩效目标。")
    _signature(doc, settings)
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
    """Return the letters written: a 审核意见 per unit with findings, a 退回通知 per rejected file."""
    feedback = [f for f in unit_feedback(warehouse, unit_code, fiscal_year) if f.summary["findings"]]
    sources = _received(warehouse, [f.summary["submission_key"] for f in feedback])
    paths = [review_letter(f, sources.get(f.summary["submission_key"], {}), settings, out_dir) for f in feedback]
    if unit_code is None:  # a rejected file's unit is rarely known: only the whole run sends notices
        for row in current_rejections(warehouse, fiscal_year).iter_rows(named=True):
            paths.append(rejection_notice(row, settings, out_dir))
    return paths
