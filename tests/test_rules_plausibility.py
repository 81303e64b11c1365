"""The misses a reviewer sends back (issue 21), the copy-check that finds copying, advice that is
right: each with a case that fires and the near case that must not."""

from __future__ import annotations

import copy
from typing import Any

import polars as pl

from tests.test_rules_cases import clean, ind, p, rule_hits, set_, set_plan, set_target, with_
from tests.test_rules_frames import frames_of
from transform.rules import RuleConfig, run_rules


def test_no_cost_indicator_names_the_budget_and_is_not_said_twice_for_2021() -> None:
    no_cost = with_(lambda s: p(s)["indicators"].pop(3))
    hits = rule_hits([no_cost], "cost_indicator_missing")
    assert hits["project_seq"].to_list() == [1] and "10万元" in hits["message"][0]
    # 2021 layout: the missing 成本指标 一级 is required_level1_present's, said once
    frames = frames_of([no_cost])
    frames["indicators"] = frames["indicators"].with_columns(taxonomy_version=pl.lit("2021"))
    found = run_rules(frames)
    assert "cost_indicator_missing" not in found["rule_id"].to_list()
    assert "required_level1_present" in found["rule_id"].to_list()
    # a province's 投入/过程/产出/效果 form has no place for one: info, not sent
    other = with_(lambda s: (p(s)["indicators"].pop(3), set_(p(s)["indicators"][0], level1="投入指标")))
    assert rule_hits([other], "cost_indicator_missing")["severity"].to_list() == ["info"]


def test_long_term_as_a_target_is_open_ended_not_vague() -> None:
    sub = with_(set_target(4, "长期", None, None, None))
    sub["fiscal_year"] = 2024
    found = run_rules(frames_of([sub]))
    hits = found.filter(pl.col("rule_id") == "target_open_ended")
    assert hits["indicator_seq"].to_list() == [5]
    assert "2024年12月31日前" in hits["suggestion"][0]
    assert "vague_target" not in found["rule_id"].to_list()  # one finding per row
    # a value that says how long is a target
    assert rule_hits([with_(set_target(4, "≥10年", ">=", 10.0, "年"))], "target_open_ended").height == 0


def test_vague_suggestion_uses_the_submissions_year() -> None:
    for year in (2023, 2024):
        sub = with_(set_target(4, "明显提升", None, None, None))
        sub["fiscal_year"] = year
        sugg = rule_hits([sub], "vague_target")["suggestion"][0]
        assert f"{year}年12月31日前" in sugg and "2022年" not in sugg


def test_front_loaded_plan_only_for_recurring_spending() -> None:
    def recurring(name: str) -> Any:
        def change(s: dict[str, Any]) -> None:
            set_(p(s), name=name)
            set_plan(100.0, 100.0, 100.0, 100.0)(s)

        return change

    hits = rule_hits([with_(recurring("乡镇卫生院运行经费"))], "spend_plan_front_loaded")
    assert hits.height == 1 and "3月底" in hits["message"][0] and "运行" in hits["message"][0]
    # a one-off purchase paid in March is plausible, unless the header calls it 经常性
    assert rule_hits([with_(recurring("购置消防车一辆"))], "spend_plan_front_loaded").height == 0
    said = with_(recurring("购置消防车一辆"))
    p(said)["extra"] = {"项目属性": "经常性项目"}
    assert rule_hits([said], "spend_plan_front_loaded").height == 1
    # a recurring project on an even plan is fine
    assert rule_hits([with_(lambda s: set_(p(s), name="保洁服务"))], "spend_plan_front_loaded").height == 0


def test_per_person_cost_below_the_floor() -> None:
    def hires(n: float, budget: float) -> Any:
        def change(s: dict[str, Any]) -> None:
            set_(p(s), budget_total=budget, budget_fiscal=budget, budget_other=0.0)
            set_(p(s)["indicators"][0], name="聘用公益性岗位人员", target_raw=f"{n:g}人",
                 op="=", value=n, unit="人")
            set_(p(s)["indicators"][3], target_raw=f"≤{budget / 10000:g}万元", value=budget)

        return change

    hits = rule_hits([with_(hires(16, 107000.0))], "per_person_cost_low")
    assert hits["indicator_seq"].to_list() == [1]
    assert "6688元" in hits["message"][0] and "2.4万元" in hits["message"][0]
    assert rule_hits([with_(hires(4, 107000.0))], "per_person_cost_low").height == 0  # 2.675万 each

    def trained(s: dict[str, Any]) -> None:  # people trained are not paid by the project
        set_(p(s)["indicators"][0], name="培训公益性岗位人员", target_raw="200人", op="=",
             value=200.0, unit="人")

    assert rule_hits([with_(trained)], "per_person_cost_low").height == 0
    lower = RuleConfig(min_cost_per_person_yuan=6000.0)
    assert rule_hits([with_(hires(16, 107000.0))], "per_person_cost_low", config=lower).height == 0


def test_benefit_category_the_kind_cannot_have_is_info_and_configurable() -> None:
    def eco(name: str) -> Any:
        return lambda s: (set_(p(s), name=name), set_(p(s)["indicators"][4], level2="生态效益指标"))

    for name in ("办公楼日常办公经费", "在职人员工资", "机关党建工作经费"):
        hits = rule_hits([with_(eco(name))], "benefit_kind_mismatch")
        assert hits["severity"].to_list() == ["info"], name
    assert rule_hits([with_(eco("河道生态修复工程"))], "benefit_kind_mismatch").height == 0
    sent = RuleConfig(benefit_mismatch_severity="warning")
    hits = rule_hits([with_(eco("在职人员工资"))], "benefit_kind_mismatch", config=sent)
    assert hits["severity"].to_list() == ["warning"]


def _with_department_part(unit_code: str) -> dict[str, Any]:
    sub = clean(unit_code)
    p(sub)["code"] = f"13102622P00237611{unit_code[-3:]}0C"
    sub["department_goals"] = {
        "items": [{"seq": 1, "title": "总体目标", "goal": "保障本单位履职", "indicator": "履职率100%"}]
    }
    return sub


def test_department_part_missing_where_the_county_template_has_one() -> None:
    have = [_with_department_part(f"30{k}001") for k in (1, 2, 3)]
    without = clean("306001")
    hits = rule_hits([without], "department_part_missing", history=frames_of(have))
    assert hits["project_seq"].to_list() == [None] and "4份报送中有3份" in hits["message"][0]
    # a county whose files have no department part: nothing to ask for
    others = [clean(f"30{k}001") for k in (1, 2, 3)]
    for k, o in enumerate(others):
        p(o)["code"] = f"13102622P0023761100{k}C"
    assert rule_hits([without], "department_part_missing", history=frames_of(others)).height == 0


# --- copy-check ---------------------------------------------------------------------------------

SPECIFIC = "在张庄村新建污水处理站1座，铺设管网3.5公里，解决张庄村1200人生活污水直排问题。"
GENERIC = "通过项目实施，加强资金管理，提高资金使用效益，确保项目顺利实施。"


def _unit(code: str, purpose: str, year: int = 2022, tail: str = "0") -> dict[str, Any]:
    sub = clean(code, purpose=purpose)
    sub["fiscal_year"] = year
    sub["sha256"] = f"{code}{year}".ljust(64, "0")
    p(sub)["code"] = f"131026{year % 100}P00237611{code[-3:]}{tail}C"
    for row in p(sub)["indicators"]:
        row["name"] = f"{row['name']}（{code}）"
    return sub


def test_specific_copied_text_is_sent_generic_shared_text_is_info() -> None:
    hits = rule_hits([_unit("306001", SPECIFIC), _unit("301002", SPECIFIC, tail="1")],
                     "boilerplate_across_units")
    assert hits["severity"].to_list() == ["warning", "warning"]
    assert all("疑似照搬" in m for m in hits["message"])
    generic = rule_hits([_unit("306001", GENERIC), _unit("301002", GENERIC, tail="1")],
                        "boilerplate_across_units")
    assert generic["severity"].to_list() == ["info", "info"]


def test_generic_management_indicators_are_never_sent() -> None:
    def management(code: str, tail: str) -> dict[str, Any]:
        sub = _unit(code, f"{code}单位自己的资金用途，与其他单位不同。", tail=tail)
        p(sub)["indicators"][1].update(name="办公经费使用合规率", target_raw="100%")
        p(sub)["indicators"].append(
            ind("产出指标", "时效指标", "故障响应时间", "不高于2小时", "<=", 2.0, "小时")
        )
        return sub

    hits = rule_hits([management("306001", "0"), management("301002", "1")],
                     "boilerplate_across_units")
    assert hits.height and set(hits["severity"]) == {"info"}


def test_common_wording_is_learned_over_all_years_loaded() -> None:
    # four units use the specific sentence, one or two a year: per year it would look copied
    years = [_unit("301001", SPECIFIC, 2021), _unit("302001", SPECIFIC, 2021),
             _unit("303001", SPECIFIC, 2022), _unit("304001", SPECIFIC, 2022)]
    history = frames_of(years[:3])
    assert rule_hits([years[3]], "boilerplate_across_units", history=history).height == 0
    # with the fourth unit alone in another year, the pair is still caught
    pair = frames_of([years[2]])
    assert rule_hits([years[3]], "boilerplate_across_units", history=pair).height == 1


def test_a_row_another_rule_flags_is_left_to_that_rule() -> None:
    def vague_copy(code: str, tail: str) -> dict[str, Any]:
        sub = _unit(code, f"{code}单位自己的资金用途，与其他单位不同。", tail=tail)
        p(sub)["indicators"][4].update(name="张庄村人居环境", target_raw="明显改善", op=None,
                                       value=None, unit=None)
        return sub

    found = run_rules(frames_of([vague_copy("306001", "0"), vague_copy("301002", "1")]))
    at_row = found.filter(pl.col("indicator_seq") == 5)["rule_id"].to_list()
    assert at_row == ["vague_target", "vague_target"]


def test_grain_one_finding_per_place_even_for_merged_text() -> None:
    a, b = _unit("306001", SPECIFIC), _unit("301002", SPECIFIC, tail="1")
    second = copy.deepcopy(p(a))
    second.update(seq=2, code="13102622P00237611999C", name="另一项目")
    a["projects"].append(second)
    hits = rule_hits([a, b], "boilerplate_across_units")
    assert sorted(zip(hits["unit_code"], hits["project_seq"], strict=True)) == [
        ("301002", 1), ("306001", 1), ("306001", 2)]


def test_a_blank_field_is_flagged_only_where_the_county_template_has_it() -> None:
    def blank(code: str) -> dict[str, Any]:
        sub = clean(code)
        set_(p(sub), code=None, spending_plan=[])
        sub["unit"] = {"code": None, "name": f"单位{code}"}
        return sub

    rules = ["project_code_format", "unit_code_format", "spend_plan_missing"]
    # a county whose template has no 项目编码, 单位编码 or 支出计划 cells: nothing to fill in
    alike = frames_of([blank(f"30{k}001") for k in (1, 2, 3)])
    assert run_rules(frames_of([blank("306001")]), only=rules, history=alike).height == 0
    # where the county's other files fill them, the blank ones are sent back
    filled = [clean(f"30{k}001") for k in (1, 2, 3)]
    for k, sub in enumerate(filled):
        p(sub)["code"] = f"13102622P0023761100{k}C"
    found = run_rules(frames_of([blank("306001")]), only=rules, history=frames_of(filled))
    assert sorted(found["rule_id"].to_list()) == sorted(rules)


def test_a_template_without_a_level1_column_implies_it_from_level2() -> None:
    def level2_only(s: dict[str, Any]) -> None:
        for row in p(s)["indicators"]:
            row["level1"] = None
        # and the form's seal line read as a last row
        p(s)["indicators"].append(ind("", "主管部门审核意见", "（单位公章）\n年　月　日", "", None, None, None))

    found = run_rules(frames_of([with_(level2_only)]))
    assert found.height == 0, found["message"].to_list()
    # a blank 二级 too leaves nothing to imply: still said
    blank = with_(lambda s: set_(p(s)["indicators"][0], level1=None, level2=None))
    assert rule_hits([blank], "level2_in_taxonomy")["indicator_seq"].to_list() == [1]


def test_a_copied_count_of_concrete_things_is_sent() -> None:
    def station(code: str, tail: str, target: str) -> dict[str, Any]:
        sub = _unit(code, f"{code}单位自己的资金用途，与其他单位不同。", tail=tail)
        p(sub)["indicators"][0].update(name="新建村级污水处理站数量", target_raw=target)
        return sub

    hits = rule_hits([station("306001", "0", "≥12座"), station("301002", "1", "≥12座")],
                     "boilerplate_across_units")
    assert hits["severity"].to_list() == ["warning", "warning"]


def test_a_department_goal_many_units_write_alike_is_not_copying() -> None:
    duty = "全面完成2022年度全县3.5公里农村公路养护任务，确保道路安全畅通。"
    units = []
    for k in range(1, 6):  # five units of five departments
        sub = _unit(f"30{k}001", f"{k}号单位自己的资金用途，与其他单位不同的一段话。", tail=str(k))
        sub["department_goals"] = {
            "items": [{"seq": 1, "title": "总体目标", "goal": duty, "indicator": "养护里程3.5公里"}]
        }
        units.append(sub)
    assert rule_hits(units, "boilerplate_across_units").height == 0
    # the same specific goal in two units only is sent, about the department part (no project)
    hits = rule_hits(units[:2], "boilerplate_across_units")
    assert hits["severity"].to_list() == ["warning", "warning"]
    assert hits["project_seq"].to_list() == [None, None] and "部门整体绩效目标" in hits["message"][0]


def test_a_nine_digit_unit_code_is_well_formed_a_seven_digit_one_is_not() -> None:
    nine = with_(lambda s: set_(s, unit={"code": "221005001", "name": "霞浦县水利局"}))
    assert rule_hits([nine], "unit_code_format").height == 0
    seven = with_(lambda s: set_(s, unit={"code": "2210050", "name": "单位"}))
    hits = rule_hits([seven], "unit_code_format")
    assert "不是6或9位数字" in hits["message"][0]
    only_six = RuleConfig(unit_code_lengths=(6,))
    assert rule_hits([nine], "unit_code_format", config=only_six).height == 1
