"""Year-end self-evaluation forms (tests/docgen/selfeval*.py) read to their exact contract-v4 JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.docgen import ooxml as ox
from tests.docgen.compare import differences, report
from tests.docgen.selfeval import all_forms, write_self_evaluations
from tests.docgen.templates import Doc, c
from tests.paths import SCHEMA_PATH

SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
SELF_EVALUATIONS = all_forms()


@pytest.fixture(scope="module")
def forms_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("selfeval")
    write_self_evaluations(out)
    return out


def _extract(path: Path) -> dict[str, Any]:
    from extract.api import extract_file, to_contract

    return dict(to_contract(extract_file(path)))


def test_three_forms_each_with_its_source() -> None:
    families = {name.split("_")[1] for name in SELF_EVALUATIONS}
    assert families == {"national", "province", "department"}
    for name, fn in SELF_EVALUATIONS.items():
        assert "Source:" in (fn.__doc__ or ""), f"{name} does not say where its form comes from"
    assert all(sum(n.split("_")[1] == f for n in SELF_EVALUATIONS) >= 2 for f in families)


@pytest.mark.parametrize("name", sorted(SELF_EVALUATIONS))
def test_self_evaluation_reads_exactly(forms_dir: Path, name: str) -> None:
    expected = json.loads((forms_dir / f"{name}.json").read_text(encoding="utf-8"))
    jsonschema.validate(expected, SCHEMA)
    actual = _extract(forms_dir / f"{name}.docx")
    jsonschema.validate(actual, SCHEMA)
    diffs = differences(expected, actual)
    assert not diffs, report(f"{name}.docx", diffs)


def _national_without_title(extra_row: list[tuple[str, int, str | None]] | None = None) -> bytes:
    """A national form drawn with no title: only its columns say it is a self-evaluation."""
    d = Doc("untitled")
    rows = [
        [c("项目名称"), c("乡村道路维修", 8)],
        [c("主管部门"), c("某县交通局", 3), c("实施单位"), c("某县交通局", 4)],
        [c("项目资金（万元）"), c("", 2), c("年初预算数"), c("全年预算数"), c("全年执行数"), c("分值"), c("执行率"),
         c("得分")],
        [c(""), c("年度资金总额", 2), c("10"), c("10"), c("9"), c("10"), c("90%"), c("9")],
        [c("绩效指标"), c("一级指标"), c("二级指标"), c("三级指标"), c("年度指标值"), c("实际完成值"), c("分值"),
         c("得分"), c("偏差原因分析及改进措施")],
        [c(""), c("产出指标"), c("数量指标"), c("维修道路"), c("≥5公里"), c("5公里"), c("90"), c("90"), c("")],
    ]
    if extra_row:
        rows.append(extra_row)
    d.table(9, rows)
    return ox.package(ox.document_xml("".join(d.blocks)))


def test_columns_alone_make_a_self_evaluation() -> None:
    from extract.api import extract_bytes

    sub = extract_bytes(_national_without_title(), "untitled.docx")
    assert sub["kind"] == "self_evaluation"
    (project,) = sub["projects"]
    assert project["evaluation"] is not None and project["evaluation"]["execution_rate"] == 90.0
    assert project["indicators"][0]["result"] == {
        "actual_raw": "5公里", "actual_value": 5.0, "weight": 90.0, "score": 90.0, "deviation": None,
        "adjusted_target_raw": None}
    assert [w["kind"] for w in sub["warnings"]] == ["year_missing"]  # no title, so no year: said, nothing else


def test_a_cell_read_nowhere_is_a_warning() -> None:
    from extract.api import extract_bytes

    stray = [c("现场照片另行报送", 9)]
    sub = extract_bytes(_national_without_title(stray), "untitled.docx")
    assert [(w["kind"], w["where"]) for w in sub["warnings"]] == [("year_missing", "全文"), ("text_unplaced", "表1第7行第1列")]
    assert "现场照片另行报送" in sub["warnings"][1]["message"]
    assert len(sub["projects"][0]["indicators"]) == 1  # the note is no indicator


def test_a_titled_form_without_its_tables_is_rejected_with_a_reason() -> None:
    from extract.api import extract_bytes
    from extract.errors import RejectedFile

    d = Doc("empty")
    d.para("项目支出绩效自评表", "center")
    d.para("（2022年度）", "center")
    with pytest.raises(RejectedFile) as caught:
        extract_bytes(ox.package(ox.document_xml("".join(d.blocks))), "empty.docx")
    assert caught.value.kind == "no_content" and "自评表" in caught.value.reason


def test_explain_shows_each_block_and_result_column(forms_dir: Path) -> None:
    from extract.api import explain_file

    submission, reading, text = explain_file(forms_dir / "selfeval_province_water.docx")
    assert submission["kind"] == "self_evaluation"
    traces = reading.tables
    assert "预算执行情况表头 (money block)" in traces[0].taken_for
    placements = reading.placements()  # every paragraph and cell accounted for, none left unplaced
    assert placements and not [p for p in placements if p.kind == "warn"]
    assert ("value", "indicator.actual") in {(p.kind, p.what) for p in placements}
    roles = {head: role for _, head, role, _ in traces[0].columns}
    assert roles["完成值"] == "actual" and roles["未完成原因分析"] == "deviation" and roles["权重"] == "weight"
    assert "列8 完成值 -> actual" in text


def test_a_form_naming_no_project_is_read_as_the_department_and_says_so() -> None:
    from extract.api import extract_bytes

    d = Doc("untitled_department")
    d.table(7, [
        [c("部门名称"), c("某县林业局", 2), c("自评总分"), c("95"), c(""), c("")],
        [c("部门预算执行情况（万元）"), c("年初预算数"), c("全年预算数"), c("全年执行数"), c("执行率"), c("分值"), c("得分")],
        [c(""), c("100"), c("100"), c("95"), c("95%"), c("10"), c("9.5")],
    ])
    sub = extract_bytes(ox.package(ox.document_xml("".join(d.blocks))), "untitled_department.docx")
    assert sub["kind"] == "self_evaluation" and sub["projects"] == []
    assert sub["unit"] == {"code": None, "name": "某县林业局"}
    dept = sub["department_goals"]
    assert dept is not None and dept["evaluation"] is not None
    assert dept["evaluation"]["budget_lines"] == [
        {"line": "total", "label": "部门预算执行情况", "initial": 1000000.0, "full_year": 1000000.0, "spent": 950000.0}]
    assert [(w["kind"], w["where"]) for w in sub["warnings"]] == [("guessed", "表格"), ("year_missing", "全文")]


def test_a_restated_target_reads_as_on_target_forms() -> None:
    """A note after the value (≥95%（群众）) or a verb before it (达到90%以上) parse as the target reader parses them."""
    from extract.api import extract_bytes
    from extract.indicators import _target

    d = Doc("notes")
    head = ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    raws = ["≥95%（群众满意度）", "支出进度达到90%以上"]
    d.table(9, [[c("项目名称"), c("示例项目", 8)], [c(h) for h in head],
                *[[c(""), c("产出指标"), c("质量指标"), c(f"质量要求{i}"), c(raw), c("96%"), c("10"), c("10"), c("")]
                  for i, raw in enumerate(raws, 1)]])
    sub = extract_bytes(ox.package(ox.document_xml("".join(d.blocks))), "notes.docx")
    got = [(i["op"], i["value"], i["unit"]) for i in sub["projects"][0]["indicators"]]
    assert got == [_target(raw) for raw in raws] == [(">=", 95.0, "%"), (">=", 90.0, "%")]


def test_labels_overrides_reach_self_evaluation_columns(forms_dir: Path) -> None:
    """[labels.indicator] ignored = ["是否核心指标"] silences the 部门整体 form's one unknown column."""
    from extract import labels

    before = dict(labels._EXTRA_COLUMNS)
    try:
        labels.extend_labels({}, {"ignored": ["是否核心指标"]})
        actual = _extract(forms_dir / "selfeval_department_health.docx")
    finally:
        labels._EXTRA_COLUMNS.clear()
        labels._EXTRA_COLUMNS.update(before)
        labels.extend_labels({}, {})  # clears the caches
    assert actual["warnings"] == []
    assert len(actual["department_goals"]["indicators"]) == 5
