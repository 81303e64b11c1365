"""`jixiao explain` on the seed and on every template fixture; `jixiao extract` prints warnings on stderr."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.cli import main
from tests.docgen.templates import TEMPLATES, write_templates
from tests.paths import SEED_DOCX
from tests.test_warnings import _doc


@pytest.fixture(scope="module")
def templates_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("explain")
    write_templates(out)
    return out


def test_explain_the_seed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(SEED_DOCX)]) == 0
    out = capsys.readouterr().out
    assert "表1: 项目表头 (project header)" in out and "字段 项目编码 -> code" in out
    assert "列3 三级指标 -> name  [label 三级指标]" in out
    assert "提醒 (warnings): 无 (none)" in out


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_explain_each_template(templates_dir: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(templates_dir / f"{name}.docx")]) == 0
    out = capsys.readouterr().out
    assert "表1:" in out and "未识别 (unknown)" not in out and "提醒 (warnings): 无 (none)" in out


def test_explain_says_what_content_decided(templates_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["explain", str(templates_dir / "tpl_guangshui_department.docx")])
    out = capsys.readouterr().out
    assert "部门整体支出绩效目标表 (department form)" in out
    assert "一级指标 -> level2  [按内容" in out and "二级指标 -> name  [按内容" in out
    main(["explain", str(templates_dir / "tpl_ningxiang_county.docx")])
    assert "指标内容 -> name  [没有三级指标列" in capsys.readouterr().out


def test_explain_shows_an_unknown_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = _doc("unknown_column", head=("一级指标", "二级指标", "三级指标", "指标值", "责任科室"),
               rows=(("产出指标", "数量指标", "培训人数", "≥100人", "人事股"),))
    from tests.docgen import ooxml as ox

    path = tmp_path / "unknown_column.docx"
    path.write_bytes(ox.package(ox.document_xml("".join(doc.blocks))))
    main(["explain", str(path)])
    out = capsys.readouterr().out
    assert "列5 责任科室 -> 未识别 (unknown)" in out and "[column_unknown] 表2第5列" in out


def test_extract_prints_warnings_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.docgen import ooxml as ox

    doc = _doc("bad_money", total="约一百二十万")
    path = tmp_path / "bad_money.docx"
    path.write_bytes(ox.package(ox.document_xml("".join(doc.blocks))))
    assert main(["extract", str(path), "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "[money_unreadable]" in err and "约一百二十万" in err


def test_explain_accounts_for_paragraphs_and_cells(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.paths import REAL_TEMPLATES

    path = REAL_TEMPLATES / "provinces-d" / "docs" / "941001_2022.docx"
    assert main(["explain", str(path)]) == 0
    out = capsys.readouterr().out
    assert "段1: 鄂州市2022年市直部门预算项目支出绩效目标表 -> 跳过 form_title" in out
    assert "段2: 单位名称：鄂州市图书馆（盖章）" in out and "-> 值 unit" in out
    assert "单元格 84 个 (cells): 标签 (label) 21, 值 (value) 61, 跳过 (skipped) 2, 提醒 (warning) 0" in out
    assert "第22行第1列 主管部门审核意见 -> 跳过 signature" in out  # skipped cells are listed by rule
    assert "列5 保障绩效目标实现措施 -> extra" in out
    assert main(["explain", "--cells", str(path)]) == 0
    every = capsys.readouterr().out
    assert "第1行第2列 鄂州市图书馆免费开放运行保障经费 -> 值 project.name" in every
    assert "第13行第4列 ≥2万册 -> 值 indicator.target_raw" in every


def test_explain_lists_what_it_warns_about(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.docgen import ooxml as ox

    doc = _doc("stray", head=("一级指标", "二级指标", "三级指标", "指标值", "责任科室"),
               rows=(("产出指标", "数量指标", "培训人数", "≥100人", "人事股"),))
    doc.para("以上内容经党组会议研究通过")
    path = tmp_path / "stray.docx"
    path.write_bytes(ox.package(ox.document_xml("".join(doc.blocks))))
    main(["explain", str(path)])
    out = capsys.readouterr().out
    assert "第2行第5列 人事股 -> 提醒 [column_unknown]" in out
    assert "段3: 以上内容经党组会议研究通过 -> 提醒 [text_unplaced]" in out
    assert "[text_unplaced] 正文第3段：段落“以上内容经党组会议研究通过”" in out
