"""The county report and the letters, from a real warehouse: two budget years of a generated county
(real .docx files through the real parser), the report written by the CLI and read back with
python-docx, its figures compared with the marts'."""

from __future__ import annotations

import shutil
import warnings
from datetime import date
from pathlib import Path

import duckdb
import pytest
from docx import Document
from docx.shared import Cm

from extract.batch import extract_batch
from flows.cli import main
from reports import report_charts
from reports.letters import LetterSettings, write_letters
from reports.report_data import ReportError, report_data
from reports.report_docx import write_report
from reports.word_style import num
from tests.docgen.county import write_county
from transform.frames import build_frames
from transform.rules import run_rules
from warehouse.connect import open_readonly
from warehouse.findings import history_frames
from warehouse.load import load

YEAR = 2022


def _ingest(inbox: Path, wh: Path, load_id: str) -> None:
    files = sorted((p for p in inbox.iterdir() if p.is_file()), key=lambda p: (p.stat().st_mtime, p.name))
    frames = build_frames(extract_batch(files), load_id)
    load(wh, frames, run_rules(frames, history=history_frames(wh)))


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("report")
    wh = root / "jixiao.duckdb"
    for year, seed in ((YEAR - 1, 11), (YEAR, 12)):  # two rounds: the report compares them
        write_county(root / f"inbox{year}", units=12, year=year, seed=seed)
        _ingest(root / f"inbox{year}", wh, f"load-{year}")
    return wh


@pytest.fixture(scope="module")
def report(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out") / "报告.docx"
    assert main(["report", "--year", str(YEAR), "--out", str(out), "--warehouse", str(warehouse)]) == 0
    return out


def _one(wh: Path, sql: str, *params: object) -> tuple:
    with open_readonly(wh) as con:
        return con.execute(sql, list(params)).fetchall()[0]


def _text(path: Path) -> str:
    doc = Document(str(path))
    return "\n".join(p.text for p in doc.paragraphs)


def test_headline_figures_equal_the_marts(warehouse: Path, report: Path) -> None:
    units, projects, budget = _one(
        warehouse,
        "SELECT count(*), sum(projects), round(sum(budget_total_yuan) / 10000, 2) "
        "FROM mart_unit_budget WHERE fiscal_year = ?",
        YEAR,
    )
    errors, warnings_ = _one(
        warehouse, "SELECT sum(errors), sum(warnings) FROM mart_rule_summary WHERE fiscal_year = ?", YEAR
    )
    assert units == 12 and errors + warnings_ > 0
    data = report_data(warehouse, YEAR)
    assert (data.overview["units"], data.overview["projects"]) == (units, projects)
    assert float(data.overview["budget_total_wan"]) == pytest.approx(float(budget))
    assert (data.severities["error"], data.severities["warning"]) == (errors, warnings_)
    text = _text(report)
    assert f"共有{units}个预算单位" in text and f"涉及项目{projects}个" in text
    assert f"预算总额{num(budget)}万元" in text
    assert f"错误{errors}条" in text and f"警告{warnings_}条" in text


def test_on_time_counts_first_submissions_received_by_the_deadline(warehouse: Path) -> None:
    first = _one(
        warehouse, "SELECT count(*) FROM dim_submission WHERE fiscal_year = ? AND version = 1", YEAR
    )[0]
    assert report_data(warehouse, YEAR, submission_deadline=date(2100, 1, 1)).submissions["on_time"] == first
    assert report_data(warehouse, YEAR, submission_deadline=date(2000, 1, 1)).submissions["on_time"] == 0
    assert report_data(warehouse, YEAR).submissions["on_time"] is None  # no deadline set: not counted
    # the deadline is a day of the county's time zone (setting `timezone`), as in the letters:
    # the last day received in UTC−11 is already the next day in UTC+14
    [last] = _one(
        warehouse,
        "SELECT max(received_at AT TIME ZONE 'Pacific/Pago_Pago')::DATE FROM dim_submission "
        "WHERE fiscal_year = ? AND version = 1",
        YEAR,
    )
    west = report_data(warehouse, YEAR, submission_deadline=last, timezone="Pacific/Pago_Pago")
    east = report_data(warehouse, YEAR, submission_deadline=last, timezone="Pacific/Kiritimati")
    assert west.submissions["on_time"] == first and east.submissions["on_time"] < first


def test_report_is_a_real_word_document(warehouse: Path, report: Path) -> None:
    doc = Document(str(report))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading 1")]
    assert headings[:5] == ["一、基本情况", "二、绩效目标质量", "三、审核发现", "四、与上年对比", "五、下一步建议"]
    assert headings[-1].startswith("附表")
    assert doc.paragraphs[0].style.name == "Title" and "绩效目标审核情况报告" in doc.paragraphs[0].text
    assert len(doc.inline_shapes) >= 4
    assert all(shape.width == Cm(16) for shape in doc.inline_shapes)
    first, appendix = doc.sections[0], doc.sections[-1]
    assert (round(first.page_width.cm, 1), round(first.page_height.cm, 1)) == (21.0, 29.7)
    assert (round(appendix.page_width.cm, 1), round(appendix.page_height.cm, 1)) == (29.7, 21.0)
    for section in doc.sections:
        footer_xml = section.footer._element.xml
        assert "PAGE" in footer_xml and "fldChar" in footer_xml
    assert {t.style.name for t in doc.tables} == {"Table Grid"}
    units = _one(warehouse, "SELECT count(*) FROM mart_unit_scorecard WHERE fiscal_year = ?", YEAR)[0]
    assert len(doc.tables[-1].rows) == units + 1  # the appendix: a row per unit under its header
    assert "w:tblHeader" in doc.tables[-1].rows[0]._tr.xml  # repeated on every page


def test_year_over_year_section_shows_the_change(warehouse: Path, report: Path) -> None:
    prev, cur = _one(
        warehouse,
        "SELECT round(sum(budget_total_yuan) FILTER (WHERE fiscal_year = ?) / 10000, 2), "
        "round(sum(budget_total_yuan) FILTER (WHERE fiscal_year = ?) / 10000, 2) FROM mart_unit_budget",
        YEAR - 1,
        YEAR,
    )
    text = _text(report)
    assert f"预算总额由{num(prev)}万元变为{num(cur)}万元" in text
    data = report_data(warehouse, YEAR)
    assert data.yoy is not None and float(data.yoy["change_wan"]) == pytest.approx(float(cur - prev))


def test_first_year_says_there_is_nothing_to_compare(warehouse: Path, tmp_path: Path) -> None:
    data = report_data(warehouse, YEAR - 1)
    assert data.yoy is None
    out = write_report(data, tmp_path / "r.docx")
    assert f"没有{YEAR - 2}年度的报送，无法与上年对比" in _text(out)
    assert len(Document(str(out)).inline_shapes) >= 4  # still four charts without the comparison


def test_sections_whose_mart_is_missing_say_so_and_fill_in_once_it_exists(
    warehouse: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.duckdb"
    shutil.copy(warehouse, copy)
    with duckdb.connect(str(copy), read_only=True) as con:
        views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views()").fetchall()}
    if "mart_unit_yoy" not in views:
        data = report_data(copy, YEAR)
        assert data.yoy_units is None and any("mart_unit_yoy" in u for u in data.unavailable)
        assert "项目新增、撤销和延续的数据暂不可用" in _text(write_report(data, tmp_path / "a.docx"))
        # a stand-in with the columns the BI issue names: the section then prints its figures
        with duckdb.connect(str(copy)) as con:
            con.execute(
                "CREATE VIEW mart_unit_yoy AS SELECT unit_code, fiscal_year, projects AS projects_added, "
                "1 AS projects_dropped, 2 AS projects_continued FROM mart_unit_budget"
            )
    added, dropped = _one(
        copy,
        "SELECT sum(projects_added), sum(projects_dropped) FROM mart_unit_yoy WHERE fiscal_year = ?",
        YEAR,
    )
    data = report_data(copy, YEAR)
    assert data.yoy_units is not None and data.yoy_units["added"] == added
    text = _text(write_report(data, tmp_path / "b.docx"))
    assert f"新增项目{num(added, 0)}个，不再安排的项目{num(dropped, 0)}个" in text


def test_division_is_checked(warehouse: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    assert main(["report", "--year", str(YEAR), "--division", "13x", "--out", str(out),
                 "--warehouse", str(warehouse)]) == 2
    assert main(["report", "--year", "1999", "--out", str(out), "--warehouse", str(warehouse)]) == 1
    assert not out.exists()
    with open_readonly(warehouse) as con:
        has_division = bool(con.execute(
            "SELECT count(*) FROM information_schema.columns "
            "WHERE table_name = 'mart_unit_scorecard' AND column_name = 'division_code'"
        ).fetchall()[0][0])
    if has_division:
        assert report_data(warehouse, YEAR, "131026").overview["units"] == 12
        with pytest.raises(ReportError, match="没有"):
            report_data(warehouse, YEAR, "131025")
    else:
        with pytest.raises(ReportError, match="尚未区分县"):
            report_data(warehouse, YEAR, "131026")


def test_charts_draw_chinese_with_the_bundled_font(monkeypatch: pytest.MonkeyPatch) -> None:
    path = report_charts.cjk_font_path()
    assert path.is_file() and path.suffix in (".ttc", ".otf", ".ttf")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from font" for boxes
        png = report_charts.findings_bars(["指标值表述模糊", "缺少满意度指标"], [1, 0], [3, 2], "审核发现")
    assert png.startswith(b"\x89PNG")
    monkeypatch.setenv(report_charts.FONT_ENV, str(Path("/nonexistent/font.ttf")))
    with pytest.raises(report_charts.FontMissing, match="字体文件不存在"):
        report_charts.cjk_font_path()


def test_letters_one_per_unit_with_findings_and_one_notice_per_rejected_file(
    warehouse: Path, tmp_path: Path
) -> None:
    paths = write_letters(warehouse, tmp_path, LetterSettings("文安县财政局", "2026-12-15"), fiscal_year=YEAR)
    with_findings = _one(
        warehouse, "SELECT count(*) FROM mart_unit_scorecard WHERE fiscal_year = ? AND findings > 0", YEAR
    )[0]
    letters = [p for p in paths if p.name.endswith("审核意见.docx")]
    notices = [p for p in paths if p.name.startswith("退回通知")]
    assert len(letters) == with_findings > 0
    rejected = report_data(warehouse, YEAR).rejections
    assert len(notices) == rejected.height > 0
    code, findings, file_name = _one(
        warehouse,
        "SELECT c.unit_code, c.findings, s.file_name FROM mart_unit_scorecard c "
        "JOIN dim_submission s USING (submission_key) WHERE c.fiscal_year = ? "
        "ORDER BY c.findings DESC, c.unit_code LIMIT 1",
        YEAR,
    )
    [letter] = [p for p in letters if p.name.startswith(code)]
    doc = Document(str(letter))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert f"《{file_name}》" in text and "请于2026年12月15日前" in text and "文安县财政局" in text
    # the same problem is said once, with every place: no more lines than findings
    assert 1 < len(doc.tables[0].rows) <= findings + 1
    notice = "\n".join(p.text for p in Document(str(notices[0])).paragraphs)
    assert "无法读取" in notice and "处理办法：" in notice and rejected["file_name"][0] in notice


def test_feedback_command_writes_letters_besides_workbooks(warehouse: Path, tmp_path: Path) -> None:
    assert main(["feedback", "--format", "docx", "--year", str(YEAR), "--out", str(tmp_path),
                 "--warehouse", str(warehouse)]) == 0
    assert list(tmp_path.glob("*.xlsx")) and list(tmp_path.glob("*审核意见.docx"))
    assert list(tmp_path.glob("退回通知_*.docx"))


def test_several_counties_and_no_division_compare_the_counties(warehouse: Path, tmp_path: Path) -> None:
    copy = tmp_path / "counties.duckdb"
    shutil.copy(warehouse, copy)
    with open_readonly(copy) as con:
        has_division = bool(con.execute(
            "SELECT count(*) FROM information_schema.columns "
            "WHERE table_name = 'mart_unit_scorecard' AND column_name = 'division_code'"
        ).fetchall()[0][0])
    if has_division:  # the warehouse tells counties apart: load a second one for real
        write_county(tmp_path / "dacheng", units=4, year=YEAR, division="131025", seed=5, hostile=False)
        _ingest(tmp_path / "dacheng", copy, "load-dacheng")
    else:  # a stand-in: the scorecard split in two counties by unit code
        with duckdb.connect(str(copy)) as con:
            con.execute("ALTER VIEW mart_unit_scorecard RENAME TO scorecard_one_county")
            con.execute(
                "CREATE VIEW mart_unit_scorecard AS SELECT *, CASE WHEN unit_code < '305' "
                "THEN '131026' ELSE '131025' END AS division_code FROM scorecard_one_county"
            )
    data = report_data(copy, YEAR)
    assert data.counties is not None and data.counties.height == 2
    budgets = _one(copy, "SELECT round(sum(budget_total_yuan) / 10000, 2) FROM mart_unit_scorecard "
                         "WHERE fiscal_year = ?", YEAR)[0]
    assert float(data.counties["budget_total_wan"].sum()) == pytest.approx(float(budgets), abs=0.02)
    out = write_report(data, tmp_path / "province.docx")
    doc = Document(str(out))
    assert "（一）各县（区）对比" in [p.text for p in doc.paragraphs]
    assert len(doc.inline_shapes) >= 6  # the county charts besides the department ones
    county_table = next(t for t in doc.tables if t.rows[0].cells[0].text == "县（区）")
    assert len(county_table.rows) == 3


def test_every_rule_has_a_short_title_for_the_report() -> None:
    from reports.report_docx import RULE_TITLES
    from transform.rules import RULES

    assert {r.rule_id for r in RULES} <= set(RULE_TITLES)
