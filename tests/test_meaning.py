"""Titles, money labels and goal labels read by meaning: the families' gaps, worded otherwise.

tests/test_families.py checks each family as drawn; here the same structures are written as another county
might (other spellings, order, full- or half-width punctuation, 元 or 万元), each read exactly with every
cell and line accounted for (tests/test_accounting.py), and where the figures leave a doubt, warned.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.docgen.templates import Doc, c, cont, top, write_docs
from tests.test_accounting import account

INDICATORS = [[c("一级指标"), c("二级指标"), c("三级指标"), c("指标值")],
              [c("产出指标"), c("数量指标"), c("养护里程"), c("12公里")]]


def read(tmp_path: Path, draw: Callable[[Doc], None]) -> dict[str, Any]:
    """Draw a document, read it, check every cell and line has a fate the warnings agree with; return it."""
    from extract.api import extract_file, to_contract
    from extract.labels import reset_label_overrides

    reset_label_overrides()

    def drawer() -> Doc:
        d = Doc("meaning")
        draw(d)
        return d

    path = write_docs(tmp_path, {"meaning": drawer})[0]
    assert not account(path)
    return dict(to_contract(extract_file(path)))


def kinds(sub: dict[str, Any]) -> list[str]:
    return [w["kind"] for w in sub["warnings"]]


# -- 1. a form title with what a published blank calls itself after it --------------------------------------
@pytest.mark.parametrize(("title", "name"), [
    ("项目支出绩效目标申报表（范本）", None),
    ("某县2021年度项目绩效目标表(样表)", None),
    ("绩效目标申报表【参考模板】（2021年度）", None),
    ("项目支出绩效目标表模板", None),
    ("1.乡村道路养护项目绩效目标表（示例）", "乡村道路养护项目"),
    ("乡村道路养护项目绩效目标申报表 - 样表", "乡村道路养护项目"),
])
def test_a_template_suffix_keeps_a_title_a_title_and_out_of_the_name(tmp_path: Path, title: str, name: str | None) -> None:
    def draw(d: Doc) -> None:
        d.para(title)
        d.table(4, [[c("预算数（万元）"), c("10"), c("财政拨款（万元）"), c("10")], *INDICATORS])

    sub = read(tmp_path, draw)
    assert sub["projects"][0]["name"] == name
    assert "text_unplaced" not in kinds(sub)


# -- 2. money by who pays it ---------------------------------------------------------------------------------
def _money(rows: list[tuple[str, str]], unit: str = "（万元）") -> Callable[[Doc], None]:
    def draw(d: Doc) -> None:
        d.para("项目支出绩效目标表（2022年度）")
        d.table(4, [[c("项目名称"), c("乡村道路养护", 3)],
                    *[[top(f"资金情况{unit}") if i == 0 else cont(), c(label), c(value, 2)]
                      for i, (label, value) in enumerate(rows)],
                    *INDICATORS])
    return draw


def _budget(sub: dict[str, Any]) -> tuple[float | None, float | None, float | None]:
    p = sub["projects"][0]
    return p["budget_total"], p["budget_fiscal"], p["budget_other"]


def test_sources_by_level_of_government_are_the_fiscal_share(tmp_path: Path) -> None:
    """当年资金 / 中央财政补助资金 / 省级配套资金, half-width colons, in 元: the fiscal share is their sum."""
    sub = read(tmp_path, _money([("当年资金:", "800,000"), ("其中:中央财政补助资金", "500000"),
                                 ("省级配套资金", "300000")], "（元）"))
    assert _budget(sub) == (800000.0, 800000.0, None) and sub["warnings"] == []
    assert sub["projects"][0]["extra"] == {"中央财政补助资金": "500000", "省级配套资金": "300000"}  # the split kept


def test_sources_under_a_written_fiscal_share_are_its_breakdown(tmp_path: Path) -> None:
    sub = read(tmp_path, _money([("资金总额", "100"), ("财政拨款", "100"), ("其中：中央资金", "60"), ("市县资金", "40")]))
    assert _budget(sub) == (1000000.0, 1000000.0, None) and sub["warnings"] == []


def test_sources_beside_a_written_fiscal_share_add_to_it(tmp_path: Path) -> None:
    sub = read(tmp_path, _money([("资金总额", "100"), ("市财政资金", "40"), ("中央补助", "50"), ("单位自筹", "10")]))
    assert _budget(sub) == (1000000.0, 900000.0, 100000.0) and sub["warnings"] == []


def test_sources_that_fit_no_reading_of_the_figures_are_a_guess_and_said(tmp_path: Path) -> None:
    sub = read(tmp_path, _money([("资金总额", "100"), ("财政拨款", "50"), ("中央补助", "30")]))
    assert _budget(sub)[1] == 500000.0  # the written 财政拨款, and the doubt said
    assert [w["kind"] for w in sub["warnings"] if "中央补助" in w["message"]] == ["guessed"]


def test_a_level_alone_or_an_ambiguous_payer_is_not_guessed() -> None:
    from extract.labels import header_field

    assert [header_field(x) for x in ("中央", "省级", "上级补助资金", "地方自筹", "产出目标", "阶段性目标")] == [None] * 6
    assert header_field("上级补助") == "other_part"  # a unit's 上级补助收入: the tables say, not the level


# -- 3. amounts under a row of labels; goals under a goals label, by horizon -----------------------------------
@pytest.mark.parametrize(("labels", "unit", "want"), [
    (["资金总额", "申请市财政资金", "项目用款单位自筹", "其他"], "项目资金申报计划（万元）", (6000000.0, 5000000.0, 1000000.0)),
    (["总额：", "拟申请县级财政资金：", "单位自筹资金：", "社会资金："], "项目资金（元）", (600.0, 500.0, 100.0)),
    (["年度资金总额", "其中：财政拨款", "其他资金", "自有资金"], "资金计划(万元)", (6000000.0, 5000000.0, 1000000.0)),
])
def test_amounts_under_a_row_of_labels(tmp_path: Path, labels: list[str], unit: str,
                                       want: tuple[float, float, float]) -> None:
    values = ["600", "500", "100", "0"]

    def draw(d: Doc) -> None:
        d.para("财政支出项目绩效目标申报表（2024年度）")
        d.table(5, [[c("项目名称"), c("城区公厕改造", 4)], [top(unit), *map(c, labels)], [cont(), *map(c, values)],
                    *[[*r, c("")] for r in INDICATORS]])

    sub = read(tmp_path, draw)
    assert _budget(sub) == want and sub["warnings"] == []


@pytest.mark.parametrize(("long_label", "year_label"), [
    ("绩效总目标", "阶段性目标（当年）"),
    ("实施期目标", "阶段性目标(当年)"),
    ("中长期绩效目标：", "年度目标（2024年）："),
    ("项目总目标", "本年度绩效目标"),
])
def test_goals_nested_under_a_goals_label_go_by_their_horizon(tmp_path: Path, long_label: str, year_label: str) -> None:
    def draw(d: Doc) -> None:
        d.para("财政支出项目绩效目标申报表（2024年度）")
        d.table(4, [[c("项目名称"), c("城区公厕改造", 3)], [c("预算数（万元）"), c("600"), c("财政拨款（万元）"), c("600")],
                    [top("项目绩效目标"), c(long_label), c("三年内完成城区公厕提质改造全覆盖。", 2)],
                    [cont(), c(year_label), c("1.改造城区公厕40座；\n2.新建公厕5座。", 2)], *INDICATORS])

    sub = read(tmp_path, draw)
    p = sub["projects"][0]
    assert p["long_term_goals"] == ["三年内完成城区公厕提质改造全覆盖"]
    assert p["goals"] == ["改造城区公厕40座", "新建公厕5座"]
    assert sub["warnings"] == []
