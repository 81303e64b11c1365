"""Extraction warnings travel to the warehouse: fct_extraction_warning, mart_extraction_warnings,
the run summary and the unit's feedback workbook; a perfect file adds none."""

from __future__ import annotations

from pathlib import Path

import duckdb
import openpyxl

from extract.batch import extract_batch
from flows.steps import format_summary, summarize
from reports.feedback import write_feedback
from tests.docgen import ooxml as ox
from tests.paths import SEED_DOCX
from tests.test_warnings import _doc
from transform.frames import build_frames
from transform.rules import run_rules
from warehouse.load import load


def test_warnings_reach_mart_summary_and_feedback(tmp_path: Path) -> None:
    doc = _doc("damaged", total="约一百二十万", head=("一级指标", "二级指标", "三级指标", "指标值", "责任科室"),
               rows=(("产出指标", "数量指标", "培训人数", "≥100人", "人事股"),))
    damaged = tmp_path / "damaged.docx"
    damaged.write_bytes(ox.package(ox.document_xml("".join(doc.blocks))))
    outcomes = extract_batch([damaged, SEED_DOCX])
    frames = build_frames(outcomes, "load-1")
    warehouse = tmp_path / "jixiao.duckdb"
    report = load(warehouse, frames, run_rules(frames))
    assert report.warnings == 2

    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "SELECT unit_code, file_name, kind, location FROM mart_extraction_warnings ORDER BY warning_seq"
        ).fetchall()
    assert [(u, f, k) for u, f, k, _ in rows] == [
        ("301001", "damaged.docx", "money_unreadable"), ("301001", "damaged.docx", "column_unknown")]
    assert rows[1][3] == "表2第5列"

    class _Plan:
        seen, known, unread = 2, [], []
    summary = summarize("load-1", tmp_path, warehouse, _Plan(), outcomes, frames, None, report)  # type: ignore[arg-type]
    assert summary.warnings == 2 and "提取提醒 extraction warnings (mart_extraction_warnings) | 2 |" in format_summary(summary)

    [book_path] = write_feedback(warehouse, tmp_path / "fb", unit_code="301001")
    book = openpyxl.load_workbook(book_path)
    assert book.sheetnames == ["汇总", "审核问题", "提取提醒"]
    texts = [r for r in book["提取提醒"].iter_rows(min_row=3, values_only=True)]
    assert [r[1] for r in texts] == ["项目“教师培训” 资金总额", "表2第5列"] and "责任科室" in texts[1][2]
    [seed_book] = write_feedback(warehouse, tmp_path / "fb", unit_code="306001")
    assert openpyxl.load_workbook(seed_book).sheetnames == ["汇总", "审核问题"]  # read perfectly: none
