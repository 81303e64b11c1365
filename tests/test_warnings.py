"""Damaged files carry a warning naming the problem; files read perfectly carry none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.docgen import ooxml as ox
from tests.docgen.templates import Doc, c


def _extract(tmp_path: Path, doc: Doc) -> dict[str, Any]:
    from extract.api import extract_file, to_contract

    path = tmp_path / f"{doc.name}.docx"
    path.write_bytes(ox.package(ox.document_xml("".join(doc.blocks))))
    return dict(to_contract(extract_file(path)))


def _doc(name: str, total: str = "120", head: tuple[str, ...] = ("一级指标", "二级指标", "三级指标", "指标值"),
         rows: tuple[tuple[str, ...], ...] = (("产出指标", "数量指标", "培训人数", "≥100人"),)) -> Doc:
    d = Doc(name)
    d.para("2023年项目支出绩效目标表", "center")
    d.para("单位名称：[301001]某县教育局")
    d.table(4, [[c("项目名称"), c("教师培训", 3)], [c("资金总额（万元）"), c(total), c("其中：财政拨款"), c("120")],
                [c("其他资金"), c("0"), c("年度目标"), c("培训教师100人")]])
    d.table(len(head), [[c(h) for h in head], *[[c(x) for x in r] for r in rows]])
    return d


def test_a_perfect_file_carries_no_warning(tmp_path: Path) -> None:
    assert _extract(tmp_path, _doc("perfect"))["warnings"] == []


def test_an_unknown_column_is_named(tmp_path: Path) -> None:
    doc = _doc("unknown_column", head=("一级指标", "二级指标", "三级指标", "指标值", "责任科室"),
               rows=(("产出指标", "数量指标", "培训人数", "≥100人", "人事股"),))
    warnings = _extract(tmp_path, doc)["warnings"]
    assert [w["kind"] for w in warnings] == ["column_unknown"]
    assert "责任科室" in warnings[0]["message"] and warnings[0]["where"] == "表2第5列"


def test_an_unreadable_money_cell_is_named(tmp_path: Path) -> None:
    out = _extract(tmp_path, _doc("bad_money", total="约一百二十万"))
    assert out["projects"][0]["budget_total"] is None
    kinds = {w["kind"]: w for w in out["warnings"]}
    assert "money_unreadable" in kinds and "约一百二十万" in kinds["money_unreadable"]["message"]
    assert "资金总额" in kinds["money_unreadable"]["where"]


def test_an_indicator_row_without_a_name_is_named(tmp_path: Path) -> None:
    doc = _doc("no_name", rows=(("产出指标", "数量指标", "培训人数", "≥100人"), ("产出指标", "质量指标", "", "≥95%")))
    warnings = _extract(tmp_path, doc)["warnings"]
    assert [w["kind"] for w in warnings] == ["indicator_no_name"]
    assert "≥95%" in warnings[0]["message"] and "第3行" in warnings[0]["where"]


def test_text_in_no_column_is_named(tmp_path: Path) -> None:
    doc = _doc("stray_text", head=("一级指标", "二级指标", "三级指标", "指标值", ""),
               rows=(("产出指标", "数量指标", "培训人数", "≥100人", "见附件"),))
    warnings = _extract(tmp_path, doc)["warnings"]
    assert [w["kind"] for w in warnings] == ["text_unplaced"] and "见附件" in warnings[0]["message"]


def test_a_project_without_budget_is_named(tmp_path: Path) -> None:
    d = Doc("no_budget")
    d.para("2023年项目支出绩效目标表", "center")
    d.table(2, [[c("项目名称"), c("教师培训")], [c("年度目标"), c("培训教师100人")]])
    d.table(4, [[c(h) for h in ("一级指标", "二级指标", "三级指标", "指标值")],
                [c("产出指标"), c("数量指标"), c("培训人数"), c("≥100人")]])
    assert [w["kind"] for w in _extract(tmp_path, d)["warnings"]] == ["project_no_budget"]
