"""Self-evaluations drawn with one piece the reader cannot know: each is read with a warning naming that piece.

As tests/test_imperfect.py does for target forms: an otherwise perfect national 项目支出绩效自评表 with its
indicator header changed so that no block starts. Read silently, its rows would become `label | value`
pairs in extra (产出指标 → 数量指标, 养护里程 → ≥100公里) and the 总分 row's full marks the total score.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.docgen import ooxml as ox
from tests.docgen.templates import Doc, c, cont, top
from tests.test_accounting import account

HEAD = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")
ROWS = (("产出指标", "数量指标", "养护里程", "≥100公里", "102公里", "50", "50", ""),
        ("效益指标", "社会效益指标", "通行条件", "明显改善", "明显改善", "30", "30", ""),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "92%", "10", "8", ""))


def form(head: tuple[str, ...] = HEAD, goals_head: tuple[str, str] = ("预期目标", "实际完成情况"),
         unit_label: str = "实施单位", closing: tuple[str, str] | None = None) -> Doc:
    d = Doc("selfeval_case")
    d.para("项目支出绩效自评表", "center")
    d.para("（2022年度）", "center")
    d.table(9, [
        [c("项目名称"), c("农村公路养护", 8)],
        [c("主管部门"), c("", 3), c(unit_label), c("某县交通运输局", 4)],
        [top("项目资金（万元）"), c("", 2), c("年初预算数"), c("全年预算数"), c("全年执行数"), c("分值"), c("执行率"), c("得分")],
        [cont(), c("年度资金总额", 2), c("100"), c("100"), c("90"), c("10"), c("90%"), c("9")],
        [top("年度总体目标"), c(goals_head[0], 4), c(goals_head[1], 4)],
        [cont(), c("养护农村公路100公里", 4), c("养护102公里", 4)],
        [top("绩效指标"), *[c(h) for h in head]],
        *[[cont(), *[c(x) for x in r]] for r in ROWS],
        [c("总分", 6), c("100"), c("97"), c("")],
        *([[c(closing[0], 2), c(closing[1], 7)]] if closing else []),
    ])
    return d


def _read(tmp_path: Path, doc: Doc) -> tuple[dict[str, Any], Path]:
    from extract.api import extract_file, to_contract

    path = tmp_path / "case.docx"
    path.write_bytes(ox.package(ox.document_xml("".join(doc.blocks))))
    return dict(to_contract(extract_file(path))), path


def test_the_perfect_self_evaluation_reads_without_warning(tmp_path: Path) -> None:
    out, path = _read(tmp_path, form())
    project = out["projects"][0]
    assert out["warnings"] == [] and not account(path)
    assert [i["name"] for i in project["indicators"]] == ["养护里程", "通行条件", "群众满意度"]
    assert project["evaluation"]["total_score"] == 97.0


@pytest.mark.parametrize("head", [
    ("一级指标", "二级指标", "三级指标", "考核目标", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"),
    ("类别", "分类", "考核内容", "年度指标值", "考核结果", "满分", "得分", "偏差原因分析及改进措施"),
], ids=["target column unknown", "level columns unknown"])
def test_an_indicator_table_whose_header_is_unknown_is_warned_row_by_row(tmp_path: Path, head: tuple[str, ...]) -> None:
    out, path = _read(tmp_path, form(head))
    project = out["projects"][0]
    said = [f"{w['kind']} {w['where']} {w['message']}" for w in out["warnings"]]
    assert project["indicators"] == [] and not account(path)
    for name in ("养护里程", "通行条件", "群众满意度"):  # every indicator row is named, none is kept as a field
        assert any(s.startswith("kept_unmapped") and name in s for s in said), (name, said)
    assert not any(k in project["extra"] for k in ("产出指标", "养护里程", "绩效指标")), project["extra"]
    # the 总分 row outside any known table: its full marks are not the total, and the choice is said
    assert project["evaluation"]["total_score"] == 97.0
    assert any(s.startswith("guessed") and "97" in s for s in said), said


def test_goals_under_headings_nobody_listed_are_warned(tmp_path: Path) -> None:
    out, path = _read(tmp_path, form(goals_head=("计划目标", "完成情况说明")))
    project = out["projects"][0]
    said = [f"{w['kind']} {w['where']} {w['message']}" for w in out["warnings"]]
    assert project["goals"] == [] and not account(path)
    assert any(s.startswith("project_no_goals") and "年度总体目标" in s for s in said), said


def test_a_unit_under_a_label_nobody_listed_is_warned(tmp_path: Path) -> None:
    out, path = _read(tmp_path, form(unit_label="承办科室"))
    said = [f"{w['kind']} {w['where']} {w['message']}" for w in out["warnings"]]
    assert out["unit"]["name"] is None and not account(path)
    assert any(s.startswith("unit_missing") for s in said), said


def test_a_closing_field_nobody_listed_is_warned_and_kept(tmp_path: Path) -> None:
    out, path = _read(tmp_path, form(closing=("自评结果说明", "养护任务全部完成，个别路段质量有待提高。")))
    project = out["projects"][0]
    said = [f"{w['kind']} {w['where']} {w['message']}" for w in out["warnings"]]
    assert project["extra"].get("自评结果说明") == "养护任务全部完成，个别路段质量有待提高。" and not account(path)
    assert any(s.startswith("kept_unmapped") and "自评结果说明" in s for s in said), said
