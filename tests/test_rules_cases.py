"""Every review rule: one case that fires and one (the clean submission) that does not."""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Callable
from typing import Any

import polars as pl
import pytest

from tests.test_rules_frames import frames_of
from transform.rules import RULES, RuleConfig, run_rules


def ind(
    l1: str,
    l2: str,
    name: str,
    raw: str,
    op: str | None,
    value: float | None,
    unit: str | None,
    description: str = "说明",
) -> dict[str, Any]:
    return {
        "level1": l1,
        "level2": l2,
        "name": name,
        "description": description,
        "target_raw": raw,
        "op": op,
        "value": value,
        "unit": unit,
        "basis": "依据",
        "horizon": "annual",
    }


def clean(unit_code: str = "306001", purpose: str = "修缮村内道路。") -> dict[str, Any]:
    """Return a submission that breaks no rule (pre-2021 taxonomy)."""
    plan = [
        {"checkpoint": c, "month": m, "cumulative_pct": p}
        for c, m, p in (
            ("3月底", 3, 25.0),
            ("6月底", 6, 50.0),
            ("10月底", 10, 75.0),
            ("12月底", 12, 100.0),
        )
    ]
    indicators = [
        ind("产出指标", "数量指标", "修缮道路长度", "≥2公里", ">=", 2.0, "公里"),
        ind("产出指标", "质量指标", "验收合格率", "100%", "=", 100.0, "%"),
        ind(
            "产出指标",
            "时效指标",
            "完工时间",
            "2022年10月31日前",
            None,
            None,
            None,
            description="10月底前完工",
        ),
        ind("产出指标", "成本指标", "工程成本", "≤10万元", "<=", 100000.0, "元"),
        ind("效益指标", "社会效益指标", "群众出行时间缩短", "≥20%", ">=", 20.0, "%"),
        ind("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", ">=", 90.0, "%"),
    ]
    project = {
        "seq": 1,
        "code": "13102622P00237611444C",
        "name": "村内道路修缮",
        "budget_total": 100000.0,
        "budget_fiscal": 60000.0,
        "budget_other": 40000.0,
        "purpose": purpose,
        "spending_plan": plan,
        "goals": ["修缮道路"],
        "long_term_goals": [],
        "indicators": indicators,
        "extra": {},
    }
    return {
        "file": f"{unit_code}.docx",
        "sha256": hashlib.sha256(unit_code.encode()).hexdigest(),
        "fiscal_year": 2022,
        "unit": {"code": unit_code, "name": f"单位{unit_code}"},
        "department_goals": None,
        "projects": [project],
    }


def with_(change: Callable[[dict[str, Any]], None], unit_code: str = "306001") -> dict[str, Any]:
    sub = clean(unit_code)
    change(sub)
    return sub


def p(sub: dict[str, Any]) -> dict[str, Any]:
    return sub["projects"][0]


def set_(obj: dict[str, Any], **kv: Any) -> None:
    obj.update(kv)


def set_target(
    i: int, raw: str, op: str | None, value: float | None, unit: str | None
) -> Callable[[dict[str, Any]], None]:
    return lambda s: set_(p(s)["indicators"][i], target_raw=raw, op=op, value=value, unit=unit)


def set_plan(*pcts: float | None) -> Callable[[dict[str, Any]], None]:
    def change(s: dict[str, Any]) -> None:
        for cp, pct in zip(p(s)["spending_plan"], pcts, strict=True):
            cp["cumulative_pct"] = pct

    return change


def second_project(s: dict[str, Any]) -> None:
    other = copy.deepcopy(p(s))
    other["seq"] = 2
    other["name"] = "另一项目"
    s["projects"].append(other)


def drop_level1(name: str) -> Callable[[dict[str, Any]], None]:
    return lambda s: set_(p(s), indicators=[i for i in p(s)["indicators"] if i["level1"] != name])


def rule_hits(subs: list[dict[str, Any]], rule_id: str, **kw: Any) -> pl.DataFrame:
    found = run_rules(frames_of(subs), **kw)
    return found.filter(pl.col("rule_id") == rule_id)


def test_clean_submission_raises_nothing() -> None:
    assert run_rules(frames_of([clean()])).height == 0


# (rule_id, change to the clean submission, expected severity of the finding)
FIRING: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("project_code_format", lambda s: set_(p(s), code="13102623P00237611444C"), "error"),  # year 23
    ("project_code_format", lambda s: set_(p(s), code="131026-22-P-0023"), "error"),
    ("project_code_format", lambda s: (second_project(s), set_(p(s), code=None)), "error"),
    ("unit_code_format", lambda s: set_(s, unit={"code": "30600A", "name": "单位"}), "error"),
    ("project_code_duplicate", second_project, "error"),
    ("budget_missing", lambda s: set_(p(s), budget_total=None), "error"),
    ("budget_components_sum", lambda s: set_(p(s), budget_other=39999.99), "error"),
    ("cost_vs_budget", set_target(3, "≤20万元", "<=", 200000.0, "元"), "warning"),
    ("cost_vs_budget", set_target(3, "100%", "=", 100.0, "%"), "warning"),
    ("spend_plan_valid", set_plan(25.0, 20.0, 75.0, 100.0), "error"),  # decreasing
    ("spend_plan_valid", set_plan(25.0, 50.0, 75.0, 90.0), "error"),  # not ending at 100
    ("spend_plan_valid", set_plan(25.0, None, 75.0, 100.0), "error"),  # partly blank
    ("spend_plan_valid", set_plan(25.0, 50.0, 75.0, 120.0), "error"),  # above 100
    ("spend_plan_below_pace", set_plan(10.0, 40.0, 75.0, 100.0), "info"),
    ("spend_plan_below_pace", set_plan(25.0, 50.0, 70.0, 100.0), "info"),
    ("spend_plan_missing", lambda s: (second_project(s), set_(p(s), spending_plan=[])), "warning"),
    ("missing_indicator_table", lambda s: set_(p(s), indicators=[]), "error"),
    ("too_few_indicators", lambda s: set_(p(s), indicators=p(s)["indicators"][:2]), "warning"),
    ("required_level1_present", drop_level1("效益指标"), "error"),
    ("required_level1_present", drop_level1("满意度指标"), "warning"),
    ("level2_in_taxonomy", lambda s: set_(p(s)["indicators"][0], level2="经济效益指标"), "warning"),
    ("level2_in_taxonomy", lambda s: set_(p(s)["indicators"][0], level1="其他指标"), "warning"),
    ("level2_in_taxonomy", lambda s: set_(p(s)["indicators"][0], level1="投入指标"), "info"),
    ("vague_target", set_target(4, "明显提升", None, None, None), "warning"),
    ("vague_target", set_target(2, "按时完成", None, None, None), "warning"),
    ("percent_out_of_range", set_target(1, "120%", "=", 120.0, "%"), "error"),
    ("percent_out_of_range", set_target(1, "≥100%", ">=", 100.0, "%"), "warning"),
    ("timeliness_outside_year", set_target(2, "2023年6月30日前", None, None, None), "warning"),
    (
        "timeliness_outside_year",
        lambda s: set_(p(s)["indicators"][2], name="2021年12月31日完工验收"),
        "warning",
    ),
    (
        "duplicate_indicator",
        lambda s: p(s)["indicators"].append(copy.deepcopy(p(s)["indicators"][5])),
        "warning",
    ),
    ("placeholder_value", set_target(0, "**个", None, None, None), "error"),
    ("placeholder_value", set_target(0, "xx公里", None, None, None), "error"),
    ("target_missing", set_target(0, "", None, None, None), "error"),
    ("satisfaction_below_floor", set_target(5, "≥60%", ">=", 60.0, "%"), "info"),
    ("vague_target", set_target(4, "总体稳定向好", None, None, None), "warning"),
]


def _repeat_with_other_value(s: dict[str, Any]) -> None:
    again = copy.deepcopy(p(s)["indicators"][5])
    again.update(target_raw="≥95%", value=95.0)
    p(s)["indicators"].append(again)


FIRING.append(("duplicate_indicator", _repeat_with_other_value, "warning"))


def _recurring_spent_by_march(s: dict[str, Any]) -> None:
    set_(p(s), name="村内道路日常养护服务")
    set_plan(100.0, 100.0, 100.0, 100.0)(s)


def _sixteen_hires(s: dict[str, Any]) -> None:
    # 16 hires on 10.7万 a year: 6,687.5 元 each
    set_(p(s), budget_total=107000.0, budget_fiscal=107000.0, budget_other=0.0)
    set_(p(s)["indicators"][0], name="聘用护林员人数", target_raw="16人", op="=", value=16.0, unit="人")


def _ecological_benefit_on_party_building(s: dict[str, Any]) -> None:
    set_(p(s), name="机关党建工作经费")
    set_(p(s)["indicators"][4], level2="生态效益指标", name="党员生态意识")


FIRING += [
    ("cost_indicator_missing", lambda s: p(s)["indicators"].pop(3), "warning"),
    ("target_open_ended", set_target(4, "长期", None, None, None), "warning"),
    ("target_open_ended", set_target(4, "持续有效", None, None, None), "warning"),
    ("spend_plan_front_loaded", _recurring_spent_by_march, "warning"),
    ("per_person_cost_low", _sixteen_hires, "warning"),
    ("benefit_kind_mismatch", _ecological_benefit_on_party_building, "info"),
]


@pytest.mark.parametrize(("rule_id", "change", "severity"), FIRING, ids=[f[0] for f in FIRING])
def test_rule_fires(rule_id: str, change: Callable[[dict[str, Any]], None], severity: str) -> None:
    hits = rule_hits([with_(change)], rule_id)
    assert hits.height >= 1
    assert hits["severity"].to_list()[0] == severity
    assert hits["unit_code"].to_list()[0] is not None
    assert all(m and s for m, s in zip(hits["message"], hits["suggestion"], strict=True))


def test_every_rule_has_a_firing_case() -> None:
    assert {r.rule_id for r in RULES} - {f[0] for f in FIRING} == {
        "boilerplate_across_units",
        "department_part_missing",  # needs a county of files: test_rules_plausibility.py
    }


@pytest.mark.parametrize("rule_id", sorted({r.rule_id for r in RULES}))
def test_rule_quiet_on_clean_submission(rule_id: str) -> None:
    assert rule_hits([clean()], rule_id).height == 0


def test_2021_taxonomy_wants_cost_level1_and_drops_sustainability() -> None:
    def to_2021(s: dict[str, Any]) -> None:
        set_(p(s)["indicators"][3], level1="成本指标", level2="经济成本指标")
        p(s)["indicators"].append(
            ind("效益指标", "可持续影响指标", "使用年限", "≥30年", ">=", 30.0, "年")
        )

    hits = rule_hits([with_(to_2021)], "level2_in_taxonomy")
    assert hits["indicator_seq"].to_list() == [7]
    assert "可持续影响指标" in hits["message"][0]
    # The same 可持续影响 row is in the pre-2021 taxonomy.
    before = with_(
        lambda s: p(s)["indicators"].append(
            ind("效益指标", "可持续影响指标", "使用年限", "≥30年", ">=", 30.0, "年")
        )
    )
    assert rule_hits([before], "level2_in_taxonomy").height == 0

    def cost_l1_without_cost_target(s: dict[str, Any]) -> None:
        to_2021(s)
        p(s)["indicators"][3].update(level1="成本指标", level2="社会成本指标")

    assert rule_hits([with_(cost_l1_without_cost_target)], "required_level1_present").height == 0


def test_2021_project_without_cost_indicator_is_warned() -> None:
    frames = frames_of([with_(lambda s: p(s)["indicators"].pop(3))])
    frames["indicators"] = frames["indicators"].with_columns(taxonomy_version=pl.lit("2021"))
    hits = run_rules(frames, only=["required_level1_present"])
    assert hits["severity"].to_list() == ["warning"]
    assert "成本指标" in hits["message"][0]


def test_project_code_division_from_config_and_from_the_batch() -> None:
    odd = with_(lambda s: set_(p(s), code="13102722P00237611444C"))
    # alone, its own division is the commonest: only the configured county division catches it
    assert rule_hits([odd], "project_code_format").height == 0
    hits = rule_hits([odd], "project_code_format", config=RuleConfig(county_division="131026"))
    assert "131027" in hits["message"][0] and "131026" in hits["message"][0]
    # Each file is checked against its own division (issue 11): a file of county 131027 in a
    # batch of 131026 files is another county's file, not a mistake ...
    others = [clean(str(306002 + k)) for k in range(2)]
    for k, sub in enumerate(others):
        p(sub)["code"] = f"13102622P0023761145{k}C"
    assert rule_hits([odd, *others], "project_code_format").height == 0
    # ... but a code of another county inside a file is: its division is its codes' commonest.
    mixed = with_(second_project)
    mixed["projects"].append({**copy.deepcopy(p(mixed)), "seq": 3, "name": "第三项目"})
    mixed["projects"][2]["code"] = "13102722P00237611449C"
    hits = rule_hits([mixed, *others], "project_code_format")
    assert hits.select("unit_code", "project_seq").rows() == [("306001", 3)]
    assert "131027" in hits["message"][0] and "131026" in hits["message"][0]


def test_a_code_from_an_earlier_year_is_valid_a_later_one_is_not() -> None:
    earlier = "13102620P00237611444C"  # given in 2020, the file is for 2022
    new = with_(lambda s: set_(p(s), code=earlier))
    continuing = with_(lambda s: set_(p(s), code=earlier, extra={"项目属性": "延续"}), "306002")
    by_name = with_(lambda s: set_(p(s), code=earlier, name="村内道路修缮（延续）"), "306003")
    later = with_(lambda s: set_(p(s), code="13102623P00237611444C", extra={"项目属性": "延续"}),
                  "306004")
    hits = rule_hits([new, continuing, by_name, later], "project_code_format")
    # a code keeps the year its project started (carried-over projects, said or not): only a
    # later year is wrong, and the advice never asks for this year's code
    assert hits["unit_code"].to_list() == ["306004"]
    assert "晚于" in hits["message"][0] and "23" in hits["message"][0]
    assert "不必改为本年度" in hits["suggestion"][0]


def test_project_code_used_by_another_unit() -> None:
    other = clean("306002")
    hits = rule_hits([clean(), other], "project_code_duplicate")
    assert sorted(hits["unit_code"].to_list()) == ["306001", "306002"]
    assert "306002" in hits.filter(pl.col("unit_code") == "306001")["message"][0]


def test_thresholds_are_configurable() -> None:
    few = RuleConfig(min_indicators=7)
    assert rule_hits([clean()], "too_few_indicators", config=few).height == 1
    pace = RuleConfig(pace_checkpoints={3: 30.0})
    assert rule_hits([clean()], "spend_plan_below_pace", config=pace).height == 1
    floor = RuleConfig(satisfaction_floor=95.0)
    assert rule_hits([clean()], "satisfaction_below_floor", config=floor).height == 1


LONG = "通过项目实施，改善辖区人居环境，提升群众幸福指数和获得感。"


def _copied(unit_code: str, purpose: str = LONG, code_tail: str = "0") -> dict[str, Any]:
    """Return a clean submission with `purpose`, its own project code and indicator names."""
    sub = clean(unit_code, purpose=purpose)
    p(sub)["code"] = f"13102622P00237611{unit_code[-3:]}{code_tail}C"
    for row in p(sub)["indicators"]:
        row["name"] = f"{row['name']}（{unit_code}）"
    return sub


def test_boilerplate_copied_from_a_unit_of_another_department() -> None:
    history = frames_of([_copied("301002")])
    hits = rule_hits([_copied("306001")], "boilerplate_across_units", history=history)
    assert hits["unit_code"].to_list() == ["306001"]  # only the batch's own submissions
    assert hits["project_seq"].to_list() == [1] and hits["indicator_seq"].to_list() == [None]
    msg = hits["message"][0]
    assert "资金用途" in msg and "301002 单位301002" in msg  # names the other unit


def test_boilerplate_quiet_within_a_department_or_for_short_text_or_same_unit_twice() -> None:
    same_dept = frames_of([_copied("306002")])
    assert rule_hits([_copied("306001")], "boilerplate_across_units", history=same_dept).height == 0
    short = frames_of([_copied("301002", "修缮村内道路。")])
    batch = [_copied("306001", "修缮村内道路。")]
    assert rule_hits(batch, "boilerplate_across_units", history=short).height == 0
    # an older file of the same unit does not count as another unit
    old = _copied("306001")
    old["sha256"] = "0" * 64
    hits = rule_hits([_copied("306001")], "boilerplate_across_units", history=frames_of([old]))
    assert hits.height == 0


def test_boilerplate_template_phrases_are_not_copying() -> None:
    # Used by every unit of the county: the county's template, learned from frequency.
    units = [_copied(f"{301 + k}001", code_tail=str(k)) for k in range(8)]
    assert rule_hits(units, "boilerplate_across_units").height == 0
    # Or a phrase the bureau hands out (configured), even between two units.
    told = "受益群众对项目实施的满意程度，按照合同价执行，不随市场价随意变动。"
    pair = [_copied("306001", told), _copied("301002", told, "1")]
    assert rule_hits(pair, "boilerplate_across_units").height == 0
    mine = RuleConfig(template_phrases=())
    assert rule_hits(pair, "boilerplate_across_units", config=mine).height == 2


def test_boilerplate_one_finding_per_place_copied() -> None:
    a, b = _copied("306001"), _copied("301002", code_tail="1")
    second = copy.deepcopy(p(a))
    second.update(seq=2, code="13102622P00237611999C", name="另一项目")
    a["projects"].append(second)  # the same copied 资金用途 in two projects of unit a
    hits = rule_hits([a, b], "boilerplate_across_units")
    # each project that holds the copied text is a finding at that project
    assert sorted(hits["unit_code"].to_list()) == ["301002", "306001", "306001"]
    mine = hits.filter(pl.col("unit_code") == "306001")
    assert sorted(mine["project_seq"].to_list()) == [1, 2]
    assert all("301002 单位301002" in m for m in mine["message"])


def test_boilerplate_copied_indicator_name_and_target() -> None:
    def specific(sub: dict[str, Any], raw: str, value: float) -> dict[str, Any]:
        p(sub)["indicators"][0].update(
            name="新建村级污水处理站数量", target_raw=raw, op=">=", value=value, unit="座"
        )
        return sub

    a = specific(_copied("306001", "甲单位的资金用途写法，与别人不同的一段话。"), "≥12座", 12.0)
    b = specific(_copied("301002", "乙单位的资金用途写法，也与别人不同的话。", "1"), "≥12座", 12.0)
    hits = rule_hits([a, b], "boilerplate_across_units")
    assert hits["indicator_seq"].to_list() == [1, 1]
    assert "三级指标及指标值「新建村级污水处理站数量 ≥12座」" in hits["message"][0]
    c = specific(_copied("301002", "乙单位的资金用途写法，也与别人不同的话。", "1"), "≥3座", 3.0)
    assert rule_hits([a, c], "boilerplate_across_units").height == 0  # same name, own target


def test_no_impact_on_social_or_ecological_cost_is_a_valid_statement() -> None:
    def cost_2021(raw: str, l2: str) -> Callable[[dict[str, Any]], None]:
        def change(s: dict[str, Any]) -> None:
            set_(p(s)["indicators"][3], level1="成本指标", level2=l2, name="施工影响")
            set_(p(s)["indicators"][3], target_raw=raw, op=None, value=None, unit=None)

        return change

    assert rule_hits([with_(cost_2021("无明显影响", "社会成本指标"))], "vague_target").height == 0
    assert rule_hits([with_(cost_2021("无明显影响", "生态环境成本指标"))], "vague_target").height == 0
    # elsewhere 明显 is as vague as ever
    assert rule_hits([with_(set_target(4, "明显改善", None, None, None))], "vague_target").height == 1


def test_the_same_vague_row_in_several_projects_is_one_finding() -> None:
    def three_projects(s: dict[str, Any]) -> None:
        set_(p(s)["indicators"][2], target_raw="按时完成", op=None, value=None, unit=None)
        for k in (2, 3):
            again = copy.deepcopy(p(s))
            again.update(seq=k, code=f"13102622P0023761144{k}C", name=f"项目{k}")
            s["projects"].append(again)

    hits = rule_hits([with_(three_projects)], "vague_target")
    # one fact per defect instance: each project at its own row, never merged
    assert sorted(hits["project_seq"].to_list()) == [1, 2, 3]
    assert hits["indicator_seq"].to_list() == [3, 3, 3]
    for seq, msg in zip(hits["project_seq"], hits["message"], strict=True):
        assert f"0023761144{seq}C" in msg or seq == 1
        assert "第3行" in msg and "「按时完成」" in msg


def _in_two_projects(i: int, **row: Any) -> Callable[[dict[str, Any]], None]:
    """Return a change giving indicator row `i` the fields `row` in the project and a copy of it."""

    def change(s: dict[str, Any]) -> None:
        set_(p(s)["indicators"][i], **row)
        again = copy.deepcopy(p(s))
        again.update(seq=2, code="13102622P00237611445C", name="项目2", budget_total=200000.0,
                     budget_fiscal=200000.0, budget_other=0.0)
        if "target_raw" in row:  # worded differently in the second project
            again["indicators"][i]["target_raw"] = "不低于" + row["target_raw"]
        s["projects"].append(again)

    return change


@pytest.mark.parametrize(
    "rule_id, row, quoted",
    [
        # Written differently in each project, the same habit: a cost as a percentage, ≥100%,
        # last year's date, a 二级 filed under the wrong 一级.
        ("cost_vs_budget", {"target_raw": "100%", "op": "=", "value": 100.0, "unit": "%"}, "「100%」"),
        ("percent_out_of_range", {"target_raw": "100%以上", "op": ">=", "value": 100.0, "unit": "%"},
         "「100%以上」"),
        ("timeliness_outside_year", {"target_raw": "2021年10月31日前", "description": "2021年完工"},
         "2021年"),
        ("level2_in_taxonomy", {"level1": "效益指标", "level2": "数量指标"}, "「数量指标」"),
    ],
)
def test_the_same_defect_in_two_projects_is_a_finding_in_each(
    rule_id: str, row: dict[str, Any], quoted: str
) -> None:
    i = {"cost_vs_budget": 3, "percent_out_of_range": 1, "timeliness_outside_year": 2}.get(rule_id, 4)
    hits = rule_hits([with_(_in_two_projects(i, **row))], rule_id)
    assert sorted(hits["project_seq"].to_list()) == [1, 2], hits["message"].to_list()
    assert hits["indicator_seq"].to_list() == [i + 1, i + 1]
    first, second = hits.sort("project_seq")["message"].to_list()
    assert quoted in first and "00237611444C）" in first and "00237611445C" not in first
    assert "00237611445C）" in second
    # a cost above the budget stays one finding per project: each budget is its own fact
    over = {"target_raw": "≤30万元", "op": "<=", "value": 300000.0, "unit": "元"}
    if rule_id == "cost_vs_budget":
        per_project = rule_hits([with_(_in_two_projects(3, **over))], rule_id)
        assert sorted(per_project["project_seq"].to_list()) == [1, 2]


# Forms not drawn by our generator (tests/docgen families, templates) write their categories
# in ways the taxonomy check must read as the category they are, or not judge at all.


def _set_levels(pairs: list[tuple[str | None, str | None]]) -> Callable[[dict[str, Any]], None]:
    def change(s: dict[str, Any]) -> None:
        for i, (l1, l2) in zip(p(s)["indicators"], pairs, strict=True):
            i["level1"], i["level2"] = l1, l2

    return change


def _category_findings(sub: dict[str, Any]) -> pl.DataFrame:
    found = run_rules(frames_of([sub]))
    return found.filter(pl.col("rule_id").is_in(["level2_in_taxonomy", "required_level1_present"]))


def test_category_cells_with_weights_glosses_or_mubiao_are_their_category() -> None:
    # An approval form's weights (产出指标(40-50)分), a gloss in brackets (产出(工作量)指标（数量、
    # 质量、成本方面的指标）) and an older 范本's 目标 (数量目标) name the taxonomy's categories.
    sub = with_(
        _set_levels(
            [
                ("产出指标(40-50)分", "数量目标"),
                ("产出(工作量)指标（数量、质量、成本方面的指标）", "质量目标"),
                ("产出指标(40-50)分", "时效目标"),
                ("产出指标", "成本控制目标"),
                ("效益指标（经济效益、社会效益、环境效益、可持续影响等方面指标）", "社会效益目标"),
                ("满意度指标(10)分", "服务对象满意度目标"),
            ]
        )
    )
    assert _category_findings(sub).height == 0
    # A category that is none of the taxonomy's is still one.
    sub = with_(set_target(0, "≥2公里", ">=", 2.0, "公里"))
    p(sub)["indicators"][0]["level2"] = "前期工作目标"
    assert _category_findings(sub)["rule_id"].to_list() == ["level2_in_taxonomy"]


def test_a_form_without_a_level2_column_is_not_asked_for_level2() -> None:
    levels = [("产出指标", None)] * 4 + [("效益指标", None), ("满意度指标", None)]
    assert _category_findings(with_(_set_levels(levels))).height == 0
    # A missing 一级 is still missing in such a form.
    sub = with_(_set_levels(levels[:5] + [("产出指标", None)]))
    hits = _category_findings(sub)
    assert hits["rule_id"].to_list() == ["required_level1_present"]
    assert "满意度指标" in hits["message"][0]


def test_a_form_without_category_columns_is_not_judged_on_categories() -> None:
    # 指标内容 and 指标值 only (an old hospital form): no 一级 or 二级 to be wrong or missing.
    assert _category_findings(with_(_set_levels([(None, None)] * 6))).height == 0


def test_a_level1_name_in_the_level2_column_is_that_level1() -> None:
    # No 一级 column; the 效益 row says 效益指标 where the others say 数量指标: 效益 is present.
    levels = [(None, "数量指标"), (None, "质量指标"), (None, "时效指标"), (None, "成本指标")]
    sub = with_(_set_levels(levels + [(None, "效益指标"), (None, "服务对象满意度指标")]))
    hits = _category_findings(sub)
    assert "required_level1_present" not in hits["rule_id"].to_list()
    # The row is still short of its 二级, and the message says so in words a clerk follows.
    [said] = hits.filter(pl.col("rule_id") == "level2_in_taxonomy")["message"].to_list()
    assert "二级指标栏填的是一级指标「效益指标」" in said


def test_satisfaction_under_benefit_is_valid_before_2021_only() -> None:
    # 财预〔2013〕53号's 项目效益 holds 服务对象满意度: an older pre-2021 form places it so.
    sub = with_(lambda s: set_(p(s)["indicators"][5], level1="效益指标"))
    assert _category_findings(sub).height == 0
    # Under the 2021 taxonomy (成本 its own 一级) it is misplaced, and 满意度 is missing.
    sub = with_(lambda s: set_(p(s)["indicators"][5], level1="效益指标"))
    set_(p(sub)["indicators"][3], level1="成本指标", level2="经济成本指标")
    assert sorted(_category_findings(sub)["rule_id"].to_list()) == [
        "level2_in_taxonomy",
        "required_level1_present",
    ]
    # The bureau can withdraw the older placement (rules are data).
    sub = with_(lambda s: set_(p(s)["indicators"][5], level1="效益指标"))
    strict = RuleConfig(accepted_pairs=())
    found = run_rules(frames_of([sub]), config=strict)
    assert {"level2_in_taxonomy", "required_level1_present"} <= set(found["rule_id"].to_list())


def test_boilerplate_names_a_unit_without_code_or_name_by_its_file() -> None:
    other = _copied("301002")
    other["unit"] = {"code": None, "name": None}
    hits = rule_hits([_copied("306001")], "boilerplate_across_units", history=frames_of([other]))
    assert hits.height == 1
    msg = hits["message"][0]
    assert "（）" not in msg and "文件 301002.docx" in msg


def test_a_direction_each_year_without_an_amount_is_vague() -> None:
    # 逐年下降 says which way, not how far (as 较上年减少); with an amount it is a target.
    vague = with_(set_target(4, "逐年下降", None, None, None))
    assert rule_hits([vague], "vague_target")["indicator_seq"].to_list() == [5]
    counted = with_(set_target(4, "逐年下降5%", "<=", 5.0, "%"))
    assert rule_hits([counted], "vague_target").height == 0
