"""Feedback workbooks from a real warehouse: the seed .docx loaded, its rules run, one .xlsx per unit."""

from __future__ import annotations

from pathlib import Path

import duckdb
import openpyxl
import polars as pl
import pytest
from python_calamine import CalamineWorkbook

from extract.batch import extract_batch
from flows.cli import main
from tests.paths import SEED_DOCX
from tests.test_rules_frames import frames_of, variant
from transform.frames import build_frames
from transform.rules import run_rules
from warehouse.feedback import FINDING_COLUMNS, SUMMARY_COLUMNS, history_frames, write_feedback
from warehouse.load import load

SEVERITY = {"error": "错误", "warning": "警告"}


def _other_unit(sub: dict) -> None:
    sub["projects"][0]["budget_total"] = None  # budget_missing: an error
    sub["projects"][0]["name"] = "另一单位的项目"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("wh") / "jixiao.duckdb"
    frames = build_frames(extract_batch([SEED_DOCX]), "load-seed")
    load(path, frames, run_rules(frames))
    other = frames_of([variant("306002", "另一测试单位", _other_unit)], "load-other")
    load(path, other, run_rules(other, history=history_frames(path)))
    return path


def warehouse_findings(path: Path, unit: str) -> list[tuple[str, str, str]]:
    with duckdb.connect(str(path), read_only=True) as con:
        rows = con.execute(
            "SELECT f.message, f.suggestion, f.severity FROM fct_review_finding f "
            "JOIN dim_submission s USING (submission_key) WHERE s.is_current AND f.unit_code = $1",
            [unit],
        ).fetchall()
    return sorted((m, s, SEVERITY[v]) for m, s, v in rows)


def test_workbook_for_306001_holds_exactly_its_findings(warehouse: Path, tmp_path: Path) -> None:
    [path] = write_feedback(warehouse, tmp_path, unit_code="306001")
    expected = warehouse_findings(warehouse, "306001")
    assert len(expected) == 15  # the seed's known defects (tests/test_rules_seed.py)

    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["汇总", "审核问题"]
    ws = book["审核问题"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == tuple(t for t, _ in FINDING_COLUMNS)
    assert sorted((r[3], r[4], r[5]) for r in rows[1:]) == expected
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:F{len(rows)}"
    assert ws.column_dimensions["D"].width > 60
    bridge = [
        r
        for r in rows[1:]
        if r[1] == "13102622P00237611441H" and r[2] == "第5行 合同价102.1147万元"
    ]
    assert bridge and bridge[0][0] == "李村支渠小王东桥重建工程" and "≤102.11万元" in bridge[0][3]

    summary = list(book["汇总"].iter_rows(values_only=True))
    assert summary[0] == tuple(t for t, _ in SUMMARY_COLUMNS)
    code, name, year, projects, budget, score, errors, warnings, total, _ = summary[1]
    assert (code, name, year, projects, budget) == (
        "306001",
        "文安县机床市场管理委员会本级",
        2022,
        3,
        923371,
    )
    assert (errors, warnings, total, score) == (0, 15, 15, 90)
    assert book["汇总"].freeze_panes == "A2"

    calamine = CalamineWorkbook.from_path(str(path))
    assert calamine.sheet_names == ["汇总", "审核问题"]
    cal_rows = calamine.get_sheet_by_name("审核问题").to_python()
    assert [tuple(r) for r in cal_rows[0:1]] == [tuple(t for t, _ in FINDING_COLUMNS)]
    assert sorted((r[3], r[4], r[5]) for r in cal_rows[1:]) == expected
    assert calamine.get_sheet_by_name("汇总").to_python()[1][0] == "306001"


def test_one_workbook_per_unit_each_with_its_own_findings(warehouse: Path, tmp_path: Path) -> None:
    paths = write_feedback(warehouse, tmp_path)
    assert sorted(p.name[:6] for p in paths) == ["306001", "306002"]
    other = next(p for p in paths if p.name.startswith("306002"))
    rows = list(openpyxl.load_workbook(other)["审核问题"].iter_rows(values_only=True))[1:]
    assert sorted((r[3], r[4], r[5]) for r in rows) == warehouse_findings(warehouse, "306002")
    assert rows[0][5] == "错误"  # errors come first
    assert all("文安县机床市场管理委员会本级" not in r[3] for r in rows)


def test_marts_count_findings_per_unit_and_rule(warehouse: Path) -> None:
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


def test_cli_writes_the_workbook_and_fails_for_an_unknown_unit(
    warehouse: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            ["feedback", "--out", str(tmp_path), "--warehouse", str(warehouse), "--unit", "306001"]
        )
        == 0
    )
    assert len(list(tmp_path.glob("306001_*.xlsx"))) == 1
    assert (
        main(
            ["feedback", "--out", str(tmp_path), "--warehouse", str(warehouse), "--unit", "999999"]
        )
        == 1
    )
    assert "999999" in capsys.readouterr().err
    missing = tmp_path / "none.duckdb"
    assert main(["feedback", "--out", str(tmp_path), "--warehouse", str(missing)]) == 2


def test_history_from_the_warehouse_lets_rules_see_other_units(warehouse: Path) -> None:
    # 306001 (the seed) and 306002 (a copy of it) are in the warehouse; a third copy now arrives
    third = frames_of([variant("306003", "第三测试单位")], "load-third")
    alone = run_rules(third).filter(pl.col("rule_id") == "boilerplate_across_units")
    with_history = run_rules(third, history=history_frames(warehouse))
    copied = with_history.filter(pl.col("rule_id") == "boilerplate_across_units")
    assert alone.height == 0
    assert copied.height > 0 and set(copied["unit_code"]) == {"306003"}
    assert any("其他2个单位" in m for m in copied["message"])
    assert history_frames(warehouse.with_name("missing.duckdb")) is None
