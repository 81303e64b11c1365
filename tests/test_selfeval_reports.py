"""The documents room and self-evaluations: the unit's workbook and letter gain a 自评复核 section, and
`jixiao report` a chapter on last year's results, every figure recomputed here from the records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import openpyxl
import pytest
from docx import Document

from extract.batch import extract_batch
from reports.feedback import write_feedback
from reports.letters import LetterSettings, write_letters
from reports.report_data import report_data
from reports.report_docx import write_report
from tests.docgen.selfeval import write_self_evaluations
from tests.selfeval_records import result, selfevaluation, targets
from tests.test_rules_frames import frames_of, variant
from tests.warehouse_records import outcome
from transform.frames import build_frames
from transform.rules import run_rules
from warehouse.load import load


def _problems() -> dict[str, Any]:
    """307002's 2022 self-evaluation: 满意度 missed with full marks and no reason, 办公经费's 执行率
    stated 90% for 48000/50000 (96%), row 扬尘 dropped."""
    rec = selfevaluation()
    roads = rec["projects"][0]["indicators"]
    roads[5]["result"] = result("85%", 85.0, 30, 30)
    del roads[4]
    rec["projects"][0]["evaluation"]["total_score"] = 90.0
    ev = rec["projects"][1]["evaluation"]
    ev["execution_rate"], ev["execution_score"], ev["total_score"] = 90.0, 9.0, 99.0
    return rec


def _next_year() -> dict[str, Any]:
    rec = targets()
    rec["fiscal_year"] = 2023
    rec["projects"][0]["code"] = "13102623P00000000001A"
    return rec


@pytest.fixture(scope="module")
def wh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("selfeval_reports") / "w.duckdb"
    frames = build_frames([outcome(targets(), "/in/131026/307002_2022.docx"),
                           outcome(_problems(), "/in/131026/307002_2022_自评.docx"),
                           outcome(_next_year(), "/in/131026/307002_2023.docx")], "L1")
    load(path, frames, run_rules(frames))
    return path


# The three 自评复核 findings sent (errors and warnings), by (row, stated, expected).
SENT = {("第5行 三级指标「群众满意度」", "30", "28.33"), ("第5行 三级指标「群众满意度」", "85%", "≥90%"),
        ("预算执行率", "90%", "96%"), ("年初目标第5行 三级指标「扬尘」", "（自评表中没有）", "降低扬尘")}


def test_the_workbook_gains_a_selfeval_sheet(wh: Path, tmp_path: Path) -> None:
    [path] = write_feedback(wh, tmp_path, unit_code="307002", fiscal_year=2022)
    book = openpyxl.load_workbook(path)
    assert "自评复核" in book.sheetnames
    sheet = book["自评复核"]
    assert "307002_2022_自评.docx" in sheet.cell(1, 1).value
    header = [c.value for c in sheet[2]]
    assert header == ["严重程度", "项目", "行次", "填报值", "应有值", "问题", "建议"]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=3)]
    assert {(r[2], r[3], r[4]) for r in rows} == SENT
    assert all(r[1] and r[5] and r[6] for r in rows)
    # the 问题 says what is wrong; the row is in its own column, not repeated
    assert not any(r[5].startswith(("第", "预算执行率", "年初目标", "：")) for r in rows)
    summary = {r[0].value: r[1].value for r in book["汇总"].iter_rows(min_row=2) if r[0].value}
    assert summary["绩效自评复核问题"].startswith("错误2条；警告2条")
    # Next year's workbook has no self-evaluation of its own year: no such sheet.
    [later] = write_feedback(wh, tmp_path / "2023", unit_code="307002", fiscal_year=2023)
    assert "自评复核" not in openpyxl.load_workbook(later).sheetnames


def test_the_letter_gains_a_selfeval_section(wh: Path, tmp_path: Path) -> None:
    [letter] = write_letters(wh, tmp_path, LetterSettings("文安县财政局"), unit_code="307002", fiscal_year=2022)
    doc = Document(str(letter))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "绩效自评复核意见" in text and "发现问题4条（错误2条，警告2条）" in text
    review = doc.tables[-1]
    cells = [[c.text for c in r.cells] for r in review.rows]
    assert cells[0] == ["类别", "项目", "行次", "填报值", "应有值", "问题", "修改建议"]
    assert {(r[2], r[3], r[4]) for r in cells[1:]} == SENT


def _expected_chapter() -> dict[str, Any]:
    rec = _problems()
    rows = [i for p in rec["projects"] for i in p["indicators"]]
    judged = [i for i in rows if i["op"] is not None and i["result"]["actual_value"] is not None]
    met = [i for i in judged if (i["result"]["actual_value"] <= i["value"]) == (i["op"] == "<=")
           or i["result"]["actual_value"] == i["value"]]
    totals = [m for p in rec["projects"] for m in p["evaluation"]["budget_lines"] if m["line"] == "total"]
    return {"indicators": len(rows), "judged": len(judged), "met": len(met),
            "budget": sum(m["full_year"] for m in totals), "spent": sum(m["spent"] for m in totals)}


@pytest.mark.parametrize("year", [2023, 2022])
def test_the_report_has_a_chapter_on_the_self_evaluations(wh: Path, tmp_path: Path, year: int) -> None:
    data = report_data(wh, year)
    assert data.selfeval is not None and data.selfeval["year"] == 2022  # last year's, else its own
    out = write_report(data, tmp_path / f"{year}.docx")
    doc = Document(str(out))
    text = "\n".join(p.text for p in doc.paragraphs)
    want = _expected_chapter()
    assert "五、2022年度绩效自评复核情况" in text and "六、下一步建议" in text
    assert f"绩效指标{want['indicators']}条" in text
    assert f"定量指标{want['judged']}条，达到年初目标的{want['met']}条" in text
    assert f"（{100 * want['met'] / want['judged']:.1f}%）" in text
    assert f"执行率{100 * want['spent'] / want['budget']:.1f}%" in text
    assert "删去的指标1条" in text and "错误2条、警告2条" in text
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    assert "表7  按一级指标的目标完成情况" in captions and any("按一级指标的目标完成情况" in c for c in captions
                                                           if c.startswith("图"))
    rules = {r.cells[0].text for r in doc.tables[-2].rows[1:]}
    assert "实际完成值未达到指标值却得满分" in rules and "执行率与全年执行数÷全年预算数不符" in rules


def test_without_self_evaluations_there_is_no_chapter(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    frames = build_frames([outcome(targets(), "/in/131026/307002_2022.docx")], "L1")
    load(path, frames, run_rules(frames))
    data = report_data(path, 2022)
    assert data.selfeval is None
    text = "\n".join(p.text for p in Document(str(write_report(data, tmp_path / "r.docx"))).paragraphs)
    assert "绩效自评" not in text and "五、下一步建议" in text


@pytest.fixture(scope="module")
def alone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two units that filed a 2022 self-evaluation (real .docx forms read by the real extractor) and no
    targets: 306001's 部门整体 form with four problems, 312001's national form with none; beside them
    306002, whose targets are loaded."""
    root = tmp_path_factory.mktemp("selfeval_alone")
    docs = write_self_evaluations(root / "inbox" / "131026", ["selfeval_department_health", "selfeval_national_roads"])
    path = root / "w.duckdb"
    frames = build_frames(extract_batch(docs), "L1")
    load(path, frames, run_rules(frames))
    other = frames_of([variant("306002")], "L2")
    load(path, other, run_rules(other))
    return path


def _audit(wh: Path, unit: str) -> set[tuple[str, str, str]]:
    with duckdb.connect(str(wh), read_only=True) as con:
        rows = con.execute("SELECT row_label, stated_value, expected_value FROM mart_selfeval_audit "
                           "WHERE unit_code = $1 AND is_sent", [unit]).fetchall()
    return {(r[0], r[1], r[2]) for r in rows}


NO_TARGETS = "未收到你单位2022年度预算绩效目标报送"


@pytest.mark.parametrize("year", [2022, None])  # the year asked for, or each unit's latest
def test_a_unit_with_only_a_self_evaluation_gets_its_workbook(alone: Path, tmp_path: Path, year: int | None) -> None:
    paths = {p.name: p for p in write_feedback(alone, tmp_path, fiscal_year=year)}
    assert set(paths) == {"306001_文安县卫生健康局_2022年绩效自评复核意见.xlsx",
                          "312001_文安县交通运输局_2022年绩效自评复核意见.xlsx",
                          "306002_测试单位306002_2022年绩效目标审核意见.xlsx"}
    book = openpyxl.load_workbook(paths["306001_文安县卫生健康局_2022年绩效自评复核意见.xlsx"])
    assert book.sheetnames[:2] == ["汇总", "自评复核"] and "审核问题" not in book.sheetnames
    summary = {r[0].value: r[1].value for r in book["汇总"].iter_rows(min_row=2) if r[0].value}
    assert summary["绩效目标"].startswith(NO_TARGETS)
    assert summary["复核的绩效自评"] == "selfeval_department_health.docx"
    sent = _audit(alone, "306001")
    assert len(sent) == 4  # two errors, two warnings: the form's own numbers, no target to compare with
    assert summary["绩效自评复核问题"].startswith("错误2条；警告2条")
    sheet = book["自评复核"]
    assert NO_TARGETS in sheet.cell(1, 1).value
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=3)]
    assert {(r[2] or "", r[3], r[4]) for r in rows} == sent
    assert all(r[1] == "（部门整体）" for r in rows)  # a 部门整体 form: its findings are the department's
    clean = openpyxl.load_workbook(paths["312001_文安县交通运输局_2022年绩效自评复核意见.xlsx"])
    summary = {r[0].value: r[1].value for r in clean["汇总"].iter_rows(min_row=2) if r[0].value}
    assert summary["绩效目标"].startswith(NO_TARGETS) and summary["绩效自评复核问题"] == "未发现需要更正的问题"
    assert [c.value for c in clean["自评复核"][3]][:2] == ["无", "本次复核未发现需要更正的问题。"]


def test_a_unit_with_only_a_self_evaluation_gets_its_letter(alone: Path, tmp_path: Path) -> None:
    letters = {p.name: p for p in write_letters(alone, tmp_path, LetterSettings("文安县财政局"), fiscal_year=2022)}
    assert {"306001_文安县卫生健康局_2022年绩效自评复核意见.docx",
            "312001_文安县交通运输局_2022年绩效自评复核意见.docx"} <= set(letters)
    doc = Document(str(letters["306001_文安县卫生健康局_2022年绩效自评复核意见.docx"]))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "2022年度绩效自评复核意见" in text and NO_TARGETS in text
    assert "发现问题4条（错误2条，警告2条）" in text
    cells = [[c.text for c in r.cells] for r in doc.tables[-1].rows]
    assert cells[0] == ["类别", "项目", "行次", "填报值", "应有值", "问题", "修改建议"]
    assert {(r[2], r[3], r[4]) for r in cells[1:]} == _audit(alone, "306001")
    assert "请尽快将2022年度绩效目标（Word 文档）报送文安县财政局，并按上述意见更正绩效自评表。" in text
    clean = "\n".join(p.text for p in Document(str(letters["312001_文安县交通运输局_2022年绩效自评复核意见.docx"])).paragraphs)
    assert NO_TARGETS in clean and "经复核，未发现需要更正的问题" in clean


def test_a_finding_about_no_project_names_the_department_part_or_the_unit() -> None:
    import polars as pl

    from reports.feedback import selfeval_rows

    base = {"severity": "warning", "project_name": None, "project_code": None, "row_label": "", "stated_value": "",
            "expected_value": "", "problem": "问题", "suggestion": "建议"}
    rows = selfeval_rows(pl.DataFrame([{**base, "project_seq": 0}, {**base, "project_seq": None}]))
    # the 部门整体 form's findings are at project 0; selfeval_county_unknown is about the whole file
    assert [r[1] for r in rows] == ["（部门整体）", "（单位整体）"]
