"""Feedback workbooks from a real warehouse: the seed .docx loaded, its rules run, one .xlsx per unit,
printable, and the list of rejected files."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import openpyxl
import polars as pl
import pytest
from python_calamine import CalamineWorkbook

from extract.batch import extract_batch
from flows.cli import main
from flows.steps import review
from reports.feedback import (
    FINDING_COLUMNS,
    REJECTED_COLUMNS,
    REJECTED_FILE,
    write_feedback,
    write_rejected_list,
)
from tests.paths import SEED_DOCX
from tests.test_rules_frames import frames_of, variant
from transform.frames import build_frames
from transform.rules import run_rules
from warehouse.findings import history_frames
from warehouse.load import load


def _other_unit(sub: dict) -> None:
    sub["projects"][0]["budget_total"] = None  # budget_missing: an error
    sub["projects"][0]["name"] = "另一单位的项目"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("wh")
    path = root / "jixiao.duckdb"
    frames = build_frames(extract_batch([SEED_DOCX]), "load-seed")
    load(path, frames, review(frames, path))
    other = frames_of([variant("306002", "另一测试单位", _other_unit)], "load-other")
    load(path, other, review(other, path))
    # two files that cannot be read: one named after a unit, one not
    (root / "306002另一测试单位2022年绩效目标.docx").write_bytes(b"")
    (root / "不知哪个单位的表.docx").write_bytes(b"PK\x03\x04 not really a zip")
    bad = build_frames(
        extract_batch(
            [root / "306002另一测试单位2022年绩效目标.docx", root / "不知哪个单位的表.docx"]
        ),
        "load-bad",
    )
    load(path, bad, review(bad, path))
    return path


def sent(path: Path, unit: str, severities: tuple[str, ...] = ("error", "warning")) -> list:
    """Return the facts a unit is sent: (严重程度, project code, row, problem, suggestion)."""
    with duckdb.connect(str(path), read_only=True) as con:
        rows = con.execute(
            "SELECT severity_name, project_code, indicator_seq, problem, suggestion "
            "FROM mart_unit_feedback WHERE unit_code = $1 "
            "AND severity IN (SELECT unnest($2::VARCHAR[]))",
            [unit, list(severities)],
        ).fetchall()
    return sorted(rows, key=str)


def said_once_each(sheet_rows: list[tuple], facts: list[tuple]) -> None:
    """Assert the sheet says each distinct problem once and every fact is in its line's places."""
    lines = {(r[0], r[2], r[3]): r[1] for r in sheet_rows}
    assert len(lines) == len(sheet_rows)  # no problem said twice
    assert set(lines) == {(f[0], f[3], f[4]) for f in facts}
    for severity, code, seq, problem, suggestion in facts:
        where = lines[(severity, problem, suggestion)]
        assert code is None or code in where
        if seq is not None:
            assert re.search(rf"第([0-9、]*、)?{seq}(、[0-9、]*)?行", where), (seq, where)


def test_workbook_for_306001_holds_exactly_what_is_sent(warehouse: Path, tmp_path: Path) -> None:
    [path] = write_feedback(warehouse, tmp_path, unit_code="306001")
    expected = sent(warehouse, "306001")
    assert len(expected) >= 7  # the seed's known defects, one fact per row (test_rules_seed.py)

    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["汇总", "审核问题"]
    ws = book["审核问题"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == tuple(t for t, _ in FINDING_COLUMNS) and rows[0][0] == "严重程度"
    said_once_each(rows[1:], expected)
    assert len(rows) - 1 < len(expected)  # the repeated 满意度 row is said once
    # 问题 does not repeat the place (project name, code, row): it has its own column
    for _, where, problem, _ in rows[1:]:
        for place in where.split("\n"):
            assert place.startswith("第") or place not in problem
        assert "13102622P" not in problem
    bridge = [r for r in rows[1:] if "≤102.11万元" in r[2]]
    assert bridge and bridge[0][1] == "李村支渠小王东桥重建工程\n13102622P00237611441H\n第5行「合同价102.1147万元」"
    assert all(None not in r for r in rows[1:])  # no empty cell

    summary = dict(list(book["汇总"].iter_rows(min_row=3, values_only=True)))
    assert summary["单位编码"] == "306001" and summary["预算年度"] == 2022
    assert summary["审核的文件"] == SEED_DOCX.name
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", summary["收到时间"])
    assert summary["预算总额（万元）"] == "92.34"  # 923,371 元
    assert (summary["错误（须修改）"], summary["警告（建议完善）"]) == (0, len(expected))
    assert "提示（供参考）" not in summary and "请于此日期前修改后重新报送" not in summary
    # one fact per defect row: the seed's warnings sit on 14 of its 35 rows; with its 3 projects and
    # the file itself that is 25 clean places in 39 (no error weighs double): 64.1, not the old floor 0
    places = summary["绩效指标数"] + summary["项目数"] + 1
    flagged = {(code, seq) for _, code, seq, _, _ in expected}
    assert (places, len(flagged)) == (39, 14)
    assert summary["质量得分"] == round(100 * (places - len(flagged)) / places, 1) == 64.1

    calamine = CalamineWorkbook.from_path(str(path))
    cal_rows = calamine.get_sheet_by_name("审核问题").to_python()
    assert [tuple(r) for r in cal_rows[1:]] == [tuple(r) for r in rows[1:]]


def test_every_sheet_prints_landscape_one_page_wide_header_repeated(
    warehouse: Path, tmp_path: Path
) -> None:
    paths = write_feedback(warehouse, tmp_path)
    paths.append(write_rejected_list(warehouse, tmp_path))
    for path in paths:
        for ws in openpyxl.load_workbook(path).worksheets:
            assert ws.page_setup.orientation == "landscape", (path.name, ws.title)
            assert ws.sheet_properties.pageSetUpPr.fitToPage
            # fitToWidth 1 is the file format's default, which openpyxl reads back as None
            assert (ws.page_setup.fitToWidth or 1, ws.page_setup.fitToHeight) == (1, 0)
            titles = (ws.print_title_rows or "").replace("$", "")
            assert titles in ("1:1", "2:2"), (path.name, ws.title)
            header = int(titles.split(":")[0])
            # rows under the header are tall enough for their wrapped text
            for r in range(header + 1, ws.max_row + 1):
                longest = max(len(str(c.value or "")) for c in ws[r])
                if longest > 60:
                    assert (ws.row_dimensions[r].height or 0) > 30, (path.name, ws.title, r)


def test_severity_and_deadline(warehouse: Path, tmp_path: Path) -> None:
    from datetime import date

    [errors_only] = write_feedback(warehouse, tmp_path / "e", unit_code="306002", severity="error")
    rows = list(openpyxl.load_workbook(errors_only)["审核问题"].iter_rows(values_only=True))[1:]
    assert rows and {r[0] for r in rows} == {"错误"}
    [everything] = write_feedback(
        warehouse, tmp_path / "i", unit_code="306001", severity="info", deadline=date(2022, 3, 5)
    )
    book = openpyxl.load_workbook(everything)
    summary = dict(list(book["汇总"].iter_rows(min_row=3, values_only=True)))
    assert summary["请于此日期前修改后重新报送"] == "2022年3月5日"
    assert "提示（供参考）" in summary
    rows = list(book["审核问题"].iter_rows(values_only=True))[1:]
    said_once_each(rows, sent(warehouse, "306001", ("error", "warning", "info")))


def test_one_workbook_per_unit_each_with_its_own_findings(warehouse: Path, tmp_path: Path) -> None:
    paths = write_feedback(warehouse, tmp_path)
    assert sorted(p.name[:6] for p in paths) == ["306001", "306002"]
    other = next(p for p in paths if p.name.startswith("306002"))
    rows = list(openpyxl.load_workbook(other)["审核问题"].iter_rows(values_only=True))[1:]
    said_once_each(rows, sent(warehouse, "306002"))
    assert rows[0][0] == "错误"  # errors come first
    assert all("文安县机床市场管理委员会本级" not in r[1] + r[2] for r in rows)


def test_rejected_files_list_in_chinese_only(warehouse: Path, tmp_path: Path) -> None:
    path = write_rejected_list(warehouse, tmp_path)
    assert path is not None and path.name == REJECTED_FILE
    rows = list(openpyxl.load_workbook(path)["退回文件"].iter_rows(values_only=True))
    assert rows[0] == tuple(t for t, _ in REJECTED_COLUMNS)
    by_file = {r[0]: r for r in rows[1:]}
    assert set(by_file) == {"306002另一测试单位2022年绩效目标.docx", "不知哪个单位的表.docx"}
    named = by_file["306002另一测试单位2022年绩效目标.docx"]
    assert named[1:3] == ("306002", "另一测试单位")  # the unit, from the file name
    assert by_file["不知哪个单位的表.docx"][1] == "（未能识别）"
    for r in rows[1:]:
        reason, todo = r[4], r[5]
        assert reason and todo.startswith("请")
        assert "(" not in reason + todo and not re.search(r"[a-z]+ [a-z]+", reason + todo)
        assert "/" not in reason and str(warehouse.parent) not in reason + todo
    with duckdb.connect(str(warehouse), read_only=True) as con:
        ledger = con.execute(
            "SELECT ledger_reason FROM mart_rejected_files ORDER BY file_name"
        ).fetchall()
    assert all(re.search(r"\([a-z]", r[0]) for r in ledger)  # the log keeps its English gloss


def test_marts_count_current_findings_per_unit_and_rule(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        scores = con.sql(
            "SELECT unit_code, errors, quality_score FROM mart_unit_scorecard ORDER BY 1"
        ).pl()
        summary = con.sql("SELECT rule_id, findings, units_affected FROM mart_rule_summary").pl()
    assert scores.filter(pl.col("unit_code") == "306002")["errors"].item() >= 1
    budget = summary.filter(pl.col("rule_id") == "budget_missing")
    assert budget["findings"].item() == 1 and budget["units_affected"].item() == 1
    assert summary.filter(pl.col("rule_id") == "vague_target")["units_affected"].item() == 2
    assert summary.filter(pl.col("rule_id") == "placeholder_value")["findings"].item() == 0


def test_cli_writes_workbooks_and_the_rejected_list(
    warehouse: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["feedback", "--out", str(tmp_path), "--warehouse", str(warehouse)]
    assert main([*args, "--unit", "306001"]) == 0
    assert len(list(tmp_path.glob("306001_*.xlsx"))) == 1
    assert main([*args, "--severity", "error"]) == 0
    assert (tmp_path / REJECTED_FILE).exists()
    assert main([*args, "--unit", "999999"]) == 1
    assert "999999" in capsys.readouterr().err
    missing = tmp_path / "none.duckdb"
    assert main(["feedback", "--out", str(tmp_path), "--warehouse", str(missing)]) == 2


def test_history_from_the_warehouse_lets_rules_see_other_units(warehouse: Path) -> None:
    # 306001 (the seed) is in the warehouse; a copy of it arrives from another department (301)
    third = frames_of([variant("301003", "第三测试单位")], "load-third")
    alone = run_rules(third).filter(pl.col("rule_id") == "boilerplate_across_units")
    with_history = run_rules(third, history=history_frames(warehouse, [2022]))
    copied = with_history.filter(pl.col("rule_id") == "boilerplate_across_units")
    assert alone.height == 0
    assert copied.height > 0 and set(copied["unit_code"]) == {"301003"}
    assert any("306001 文安县机床市场管理委员会本级" in m for m in copied["message"])
    assert history_frames(warehouse, [2021])["submissions"].height == 0  # only the year asked
    assert history_frames(warehouse.with_name("missing.duckdb")) is None
