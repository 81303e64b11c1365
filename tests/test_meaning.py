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
GOAL = "完成养护12公里。"  # a project with indicators and no goal is warned (project_no_goals)


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
                    [c("年度目标"), c(GOAL, 3)], *INDICATORS])
    return draw


def _budget(sub: dict[str, Any]) -> tuple[float | None, float | None, float | None]:
    p = sub["projects"][0]
    return p["budget_total"], p["budget_fiscal"], p["budget_other"]


def test_sources_by_level_of_government_are_the_fiscal_share(tmp_path: Path) -> None:
    """当年资金 / 中央财政补助资金 / 省级配套资金, half-width colons, in 元: the fiscal share is their sum."""
    sub = read(tmp_path, _money([("当年资金:", "800,000"), ("其中:中央财政补助资金", "500000"),
                                 ("省级配套资金", "300000")], "（元）"))
    assert _budget(sub) == (800000.0, 800000.0, None) and sub["warnings"] == []
    assert sub["projects"][0]["extra"] == {}  # counted in the fiscal share, not kept again


def test_sources_under_a_written_fiscal_share_are_its_breakdown(tmp_path: Path) -> None:
    sub = read(tmp_path, _money([("资金总额", "100"), ("财政拨款", "100"), ("其中：中央资金", "60"), ("市县资金", "40")]))
    assert _budget(sub) == (1000000.0, 1000000.0, None) and sub["warnings"] == []


def test_sources_beside_a_written_fiscal_share_add_to_it(tmp_path: Path) -> None:
    sub = read(tmp_path, _money([("资金总额", "100"), ("市财政资金", "40"), ("中央补助", "50"), ("单位自筹", "10")]))
    assert _budget(sub) == (1000000.0, 900000.0, 100000.0) and sub["warnings"] == []


def test_sources_that_fit_no_reading_of_the_figures_are_a_guess_and_said(tmp_path: Path) -> None:
    sub = read(tmp_path, _money([("资金总额", "100"), ("财政拨款", "50"), ("中央补助", "30")]))
    assert _budget(sub)[1] == 500000.0  # the written 财政拨款, and the doubt said
    assert {w["kind"] for w in sub["warnings"] if "中央补助" in w["message"]} == {"guessed"}
    assert sub["projects"][0]["extra"] == {"中央补助": "30"}  # not counted: kept as written


def test_a_level_alone_or_an_ambiguous_payer_is_not_guessed() -> None:
    from extract.labels import header_field

    assert [header_field(x) for x in ("中央", "省级", "上级补助资金", "地方自筹", "产出目标", "阶段性目标")] == [None] * 6
    assert header_field("上级补助") == "other_part"  # a unit's 上级补助收入: the tables say, not the level


# -- 3. amounts under a row of labels; goals under a goals label, by horizon -----------------------------------
@pytest.mark.parametrize(("labels", "unit", "values", "want"), [
    (["资金总额", "申请市财政资金", "项目用款单位自筹", "其他"], "项目资金申报计划（万元）", ["600", "500", "100", "0"],
     (6000000.0, 5000000.0, 1000000.0)),
    (["总额：", "拟申请县级财政资金：", "单位自筹资金：", "社会资金："], "项目资金（元）", ["600,000", "500000", "100000", ""],
     (600000.0, 500000.0, 100000.0)),
    (["年度资金总额", "其中：财政拨款", "其他资金", "自有资金"], "资金计划(万元)", ["600", "500", "100", "0"],
     (6000000.0, 5000000.0, 1000000.0)),
])
def test_amounts_under_a_row_of_labels(tmp_path: Path, labels: list[str], unit: str, values: list[str],
                                       want: tuple[float, float, float]) -> None:
    def draw(d: Doc) -> None:
        d.para("财政支出项目绩效目标申报表（2024年度）")
        d.table(5, [[c("项目名称"), c("城区公厕改造", 4)], [top(unit), *map(c, labels)], [cont(), *map(c, values)],
                    [c("年度目标"), c(GOAL, 4)], *[[*r, c("")] for r in INDICATORS]])

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


# -- 4. header fields written as lines outside tables -----------------------------------------------------------
def test_field_lines_in_another_order_with_half_width_colons_and_yuan(tmp_path: Path) -> None:
    def draw(d: Doc) -> None:
        d.para("项目支出绩效目标表（2024年度）")
        d.para("1. 项目编码: 13102624P00012345678A")
        d.para("2. 资金总额（元）: 500,000")
        d.para("3. 其中：财政资金: 400000")
        d.para("4. 其他资金: 100000")
        d.para("5. 项目名称: 社区养老服务")
        d.para("6. 实施周期: 1年")  # a label nobody knows, among field lines: kept in extra
        d.para("（二）绩效目标：")
        d.para("1.建成社区养老服务站3个；")
        d.para("2.服务老年人2000人次。")
        d.table(4, INDICATORS)

    sub = read(tmp_path, draw)
    p = sub["projects"][0]
    assert (p["name"], p["code"]) == ("社区养老服务", "13102624P00012345678A")
    assert _budget(sub) == (500000.0, 400000.0, 100000.0)
    assert p["goals"] == ["建成社区养老服务站3个", "服务老年人2000人次"]
    assert p["extra"] == {"实施周期": "1年"} and sub["warnings"] == []


def test_a_line_between_the_header_table_and_the_indicators_fills_the_header(tmp_path: Path) -> None:
    def draw(d: Doc) -> None:
        d.para("项目支出绩效目标表（2024年度）")
        d.table(4, [[c("项目名称"), c("城区公厕改造", 3)], [c("主管部门"), c("某市城市管理局"), c("项目属性"), c("延续")]])
        d.para("预算金额：80万元")
        d.para(f"年度目标：{GOAL}")
        d.table(4, INDICATORS)

    sub = read(tmp_path, draw)
    assert sub["projects"][0]["name"] == "城区公厕改造" and _budget(sub)[0] == 800000.0
    assert sub["warnings"] == []


def test_each_project_named_by_a_line_takes_its_own_lines_and_table(tmp_path: Path) -> None:
    def draw(d: Doc) -> None:
        d.para("2024年度项目支出绩效目标表")
        for name, money in (("城区公厕改造", "600"), ("背街小巷整治", "300")):
            d.para(f"项目名称：{name}")
            d.para(f"预算数（万元）：{money}")
            d.para(f"年度目标：{GOAL}")
            d.table(4, INDICATORS)

    sub = read(tmp_path, draw)
    assert [(p["name"], p["budget_total"], len(p["indicators"])) for p in sub["projects"]] == [
        ("城区公厕改造", 6000000.0, 1), ("背街小巷整治", 3000000.0, 1)]
    assert sub["warnings"] == []


def test_a_project_written_only_as_lines_is_a_project(tmp_path: Path) -> None:
    def draw(d: Doc) -> None:
        d.para("项目支出绩效目标表（2024年度）")
        d.para("项目名称：城区公厕改造")
        d.para("预算金额：600万元")
        d.para("年度目标：改造城区公厕40座。")

    sub = read(tmp_path, draw)
    (p,) = sub["projects"]
    assert (p["name"], p["budget_total"], p["goals"]) == ("城区公厕改造", 6000000.0, ["改造城区公厕40座"])


def test_prose_and_a_lone_unknown_line_stay_prose_and_are_said(tmp_path: Path) -> None:
    prose = "本项目旨在改善城区环境卫生，方便群众如厕。"

    def draw(d: Doc) -> None:
        d.para("项目支出绩效目标表（2024年度）")
        d.table(4, [[c("项目名称"), c("城区公厕改造", 3)], [c("预算数（万元）"), c("600"), c("财政拨款（万元）"), c("600")]])
        d.para(prose)
        d.para("一、改造计划")
        d.para("进度安排：上半年完成设计")  # no field line beside it: not guessed into extra
        d.table(4, INDICATORS)

    sub = read(tmp_path, draw)
    unplaced = [w["message"] for w in sub["warnings"] if w["kind"] == "text_unplaced"]
    assert len(unplaced) == 3 and any(prose[:10] in m for m in unplaced)
    assert sub["projects"][0]["extra"] == {}


def test_a_field_a_line_and_a_table_give_differently_keeps_the_table_and_says_so(tmp_path: Path) -> None:
    def draw(d: Doc) -> None:
        d.para("项目支出绩效目标表（2024年度）")
        d.para("项目名称：城区公厕提质改造")
        d.table(4, [[c("项目名称"), c("城区公厕改造", 3)], [c("预算数（万元）"), c("600"), c("财政拨款（万元）"), c("600")],
                    [c("年度目标"), c(GOAL, 3)], *INDICATORS])

    sub = read(tmp_path, draw)
    p = sub["projects"][0]
    assert p["name"] == "城区公厕改造" and p["extra"] == {"项目名称": "城区公厕提质改造"}
    assert [w["kind"] for w in sub["warnings"]] == ["guessed"]


def test_department_lines_stay_the_department_s(tmp_path: Path) -> None:
    """绩效目标：… lines of 分项绩效目标 are the department part's, not a project's header lines."""
    def draw(d: Doc) -> None:
        d.para("2024年度部门预算绩效目标")
        d.para("一、总体绩效目标")
        d.para("保障城区环境卫生。")
        d.para("二、分项绩效目标")
        d.para("（一）公厕管理")
        d.para("绩效目标：公厕保洁到位。")
        d.para("绩效指标：保洁达标率≥95%。")
        d.para("1.城区公厕改造绩效目标表")
        d.table(4, [[c("预算数（万元）"), c("600"), c("财政拨款（万元）"), c("600")], *INDICATORS])

    sub = read(tmp_path, draw)
    item = sub["department_goals"]["items"][0]
    assert (item["goal"], item["indicator"]) == ("公厕保洁到位。", "保洁达标率≥95%。")
    assert sub["projects"][0]["name"] == "城区公厕改造" and sub["projects"][0]["goals"] == []


def test_an_unknown_label_in_a_row_of_money_labels_reads_the_rest_and_says_which(tmp_path: Path) -> None:
    def draw(d: Doc) -> None:
        d.para("财政支出项目绩效目标申报表（2024年度）")
        d.table(5, [[c("项目名称"), c("城区公厕改造", 4)],
                    [top("项目资金（万元）"), c("资金总额："), c("财政拨款："), c("银企合作款："), c("其他：")],
                    [cont(), c("600"), c("500"), c("100"), c("")], [c("年度目标"), c(GOAL, 4)],
                    *[[*r, c("")] for r in INDICATORS]])

    sub = read(tmp_path, draw)
    assert _budget(sub)[:2] == (6000000.0, 5000000.0)
    said = {w["kind"]: w["message"] for w in sub["warnings"]}
    assert set(said) == {"money_part_unknown", "guessed"}  # and the budget check: an amount in extra fits its gap
    assert "银企合作款：100" in said["money_part_unknown"] and "银企合作款 100" in said["guessed"]


def test_sources_alone_that_do_not_make_the_total_are_read_and_said(tmp_path: Path) -> None:
    sub = read(tmp_path, _money([("年度金额：", "8000"), ("其中：中央补助", "6000"), ("地方资金", "1000")]))
    assert _budget(sub)[:2] == (80000000.0, 70000000.0)
    assert [w["kind"] for w in sub["warnings"]] == ["guessed"] and "中央补助、地方资金" in sub["warnings"][0]["message"]


def test_a_goal_sub_label_naming_no_horizon_is_the_year_s_by_a_said_guess(tmp_path: Path) -> None:
    def draw(d: Doc) -> None:
        d.para("财政支出项目绩效目标申报表（2024年度）")
        d.table(4, [[c("项目名称"), c("城区公厕改造", 3)], [c("预算数（万元）"), c("600"), c("财政拨款（万元）"), c("600")],
                    [c("项目绩效目标"), c("阶段性目标"), c("改造城区公厕40座。", 2)], *INDICATORS])

    sub = read(tmp_path, draw)
    assert sub["projects"][0]["goals"] == ["改造城区公厕40座"]  # not the sub-label
    assert [(w["kind"], "阶段性目标" in w["message"]) for w in sub["warnings"]] == [("guessed", True)]


def test_lines_saying_how_to_fill_a_field_in_are_no_project_s(tmp_path: Path) -> None:
    def draw(d: Doc) -> None:
        d.para("1.城区公厕改造绩效目标表（2024年度）")
        d.table(4, [[c("预算数（万元）"), c("600"), c("财政拨款（万元）"), c("600")], [c("年度目标"), c(GOAL, 3)],
                    *INDICATORS])
        d.para("填表要求：")
        d.para("1.项目名称：按预算系统中的项目名称填写。")
        d.para("2.预算数：填写本年度申请的预算金额。")

    sub = read(tmp_path, draw)
    p = sub["projects"][0]
    assert (p["name"], p["budget_total"], p["extra"]) == ("城区公厕改造", 6000000.0, {})
    # 填表要求 opens instructions, skipped by their rule; the one warning is the name taken from the title
    assert [w["kind"] for w in sub["warnings"]] == ["guessed"] and "标题" in sub["warnings"][0]["message"]


def test_a_template_suffix_on_a_title_drawn_as_the_table_s_first_row(tmp_path: Path) -> None:
    def draw(d: Doc) -> None:
        d.table(4, [[c("2022年度项目支出绩效目标表（参考样式）", 4)], [c("项目名称"), c("乡村道路养护", 3)],
                    [c("预算数（万元）"), c("10"), c("财政拨款（万元）"), c("10")], [c("年度目标"), c(GOAL, 3)], *INDICATORS])

    sub = read(tmp_path, draw)
    assert sub["projects"][0]["name"] == "乡村道路养护" and sub["fiscal_year"] == 2022
    assert sub["warnings"] == []


def test_several_fields_on_one_line_set_apart_by_wide_spaces(tmp_path: Path) -> None:
    def draw(d: Doc) -> None:
        d.para("项目支出绩效目标表（2024年度）")
        d.para("项目名称：城区公厕改造　　　项目编码：13102624P00012345678A")
        d.para("预算金额：600万元\t财政资金：600万元")
        d.para(f"年度目标：{GOAL}")
        d.table(4, INDICATORS)

    sub = read(tmp_path, draw)
    p = sub["projects"][0]
    assert (p["name"], p["code"]) == ("城区公厕改造", "13102624P00012345678A")
    assert _budget(sub)[:2] == (6000000.0, 6000000.0) and sub["warnings"] == []


def test_a_name_line_between_an_unnamed_header_table_and_its_indicators_names_that_project(tmp_path: Path) -> None:
    def draw(d: Doc) -> None:
        d.para("项目支出绩效目标表（2024年度）")
        d.table(4, [[c("预算数（万元）"), c("600"), c("财政拨款（万元）"), c("600")], [c("年度目标"), c(GOAL, 3)]])
        d.para("项目名称：城区公厕改造")
        d.table(4, INDICATORS)

    sub = read(tmp_path, draw)
    (p,) = sub["projects"]
    assert (p["name"], p["budget_total"], len(p["indicators"])) == ("城区公厕改造", 6000000.0, 1)
    assert sub["warnings"] == []


def test_a_disagreement_moves_only_that_project_s_line_to_extra(tmp_path: Path) -> None:
    from extract.api import explain_file

    def draw(d: Doc) -> None:
        d.para("项目支出绩效目标表（2024年度）")
        for line, name in (("城区公厕改造", "城区公厕改造"), ("背街小巷整治工程", "背街小巷整治")):
            d.para(f"项目名称：{line}")
            d.table(4, [[c("项目名称"), c(name, 3)], [c("预算数（万元）"), c("1"), c("财政拨款（万元）"), c("1")],
                        [c("年度目标"), c(GOAL, 3)], *INDICATORS])

    sub = read(tmp_path, draw)
    assert [p["name"] for p in sub["projects"]] == ["城区公厕改造", "背街小巷整治"]
    assert [w["kind"] for w in sub["warnings"]] == ["guessed"]
    fates = {p.text: p.what for p in explain_file(tmp_path / "meaning.docx")[1].placements() if p.table is None}
    assert fates["项目名称：城区公厕改造"] == "project.name"
    assert fates["项目名称：背街小巷整治工程"] == "project.extra"
