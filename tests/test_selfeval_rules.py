"""自评复核 rules: each fires on the one problem planted in an otherwise consistent self-evaluation.

The clean self-evaluation (tests/selfeval_records.py) raises no finding at all; each test plants
one problem and expects exactly that rule, at that row, with both values. A rule removed from
transform/selfeval/rules.CHECKS fails its test.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.selfeval_records import result, row, selfevaluation, targets
from tests.warehouse_records import outcome
from transform.frames import build_frames
from transform.selfeval.link import staging_inputs
from transform.selfeval.rules import RULES, run_selfeval_rules

Record = dict[str, Any]


def findings(selfeval: Record, target: Record | None = None) -> list[dict[str, Any]]:
    files = [outcome(target or targets(), "/in/131026/307002_2022.docx"),
             outcome(selfeval, "/in/131026/307002_2022_自评.docx")]
    return run_selfeval_rules(staging_inputs(build_frames(files, "L"))).to_dicts()


def test_the_clean_self_evaluation_raises_nothing() -> None:
    assert findings(selfevaluation()) == []


def _roads(rec: Record) -> list[Record]:
    rows: list[Record] = rec["projects"][0]["indicators"]
    return rows


def _satisfaction(rec: Record, actual: float, score: float, deviation: str | None) -> None:
    rows = _roads(rec)
    rows[5]["result"] = result(f"{actual:g}%", actual, 30, score, deviation)
    rec["projects"][0]["evaluation"]["total_score"] = 70 + score


def _score_above_weight(rec: Record) -> None:
    _roads(rec)[0]["result"]["score"] = 12.0
    rec["projects"][0]["evaluation"]["total_score"] = 102.0


def _full_score_on_missed(rec: Record) -> None:
    _satisfaction(rec, 85.0, 30.0, "受天气影响")


def _score_above_justified(rec: Record) -> None:
    _satisfaction(rec, 85.0, 29.5, "受天气影响")


def _missed_without_reason(rec: Record) -> None:
    _satisfaction(rec, 85.0, 28.33, None)


def _rate_mismatch(rec: Record) -> None:
    ev = rec["projects"][0]["evaluation"]  # 90% stated for 100% spent; its 得分 and 总分 follow the 90%
    ev["execution_rate"], ev["execution_score"], ev["total_score"] = 90.0, 9.0, 99.0


def _execution_score_mismatch(rec: Record) -> None:
    ev = rec["projects"][0]["evaluation"]
    ev["execution_score"], ev["total_score"] = 8.0, 98.0


def _total_mismatch(rec: Record) -> None:
    rec["projects"][0]["evaluation"]["total_score"] = 95.0


def _restated_lower(rec: Record) -> None:
    r = _roads(rec)[5]
    r["target_raw"], r["value"] = "≥85%", 85.0


def _adjusted_lower(rec: Record) -> None:
    _roads(rec)[5]["result"]["adjusted_target_raw"] = "≥80%"


def _dropped(rec: Record) -> None:
    del _roads(rec)[4]
    rec["projects"][0]["evaluation"]["total_score"] = 90.0


def _added(rec: Record) -> None:
    _roads(rec).append(row("满意度指标", "服务对象满意度指标", "投诉率", "≤5%", "<=", 5.0, "%",
                           result("2%", 2.0, 0, 0)))


def _low_execution(rec: Record) -> None:
    ev = rec["projects"][0]["evaluation"]
    for money in ev["budget_lines"]:
        money["spent"] = money["full_year"] / 2
    ev["execution_rate"], ev["execution_score"], ev["total_score"] = 50.0, 5.0, 95.0


# rule -> (plant, severity, project_seq, indicator_seq, target row, stated, expected)
CASES: dict[str, tuple[Callable[[Record], None], str, int | None, int | None, int | None, str, str]] = {
    "selfeval_score_above_weight": (_score_above_weight, "error", 1, 1, 1, "12", "≤10"),
    "selfeval_full_score_on_missed": (_full_score_on_missed, "error", 1, 6, 6, "30", "28.33"),
    "selfeval_score_above_justified": (_score_above_justified, "warning", 1, 6, 6, "29.5", "28.33"),
    "selfeval_missed_without_reason": (_missed_without_reason, "warning", 1, 6, 6, "85%", "≥90%"),
    "selfeval_execution_rate_mismatch": (_rate_mismatch, "error", 1, None, None, "90%", "100%"),
    "selfeval_execution_score_mismatch": (_execution_score_mismatch, "warning", 1, None, None, "8", "10"),
    "selfeval_total_score_mismatch": (_total_mismatch, "error", 1, None, None, "95", "100"),
    "selfeval_target_lowered": (_restated_lower, "error", 1, 6, 6, "≥85%", "≥90%"),
    "selfeval_indicator_dropped": (_dropped, "warning", 1, None, 5, "（自评表中没有）", "降低扬尘"),
    "selfeval_indicator_added": (_added, "info", 1, 7, None, "≤5%", "（年初目标中没有）"),
    "selfeval_low_execution_high_score": (_low_execution, "warning", 1, None, None, "95", "执行率 50%"),
}


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_each_rule_finds_its_planted_problem(rule_id: str) -> None:
    plant, severity, project, indicator, target_row, stated, expected = CASES[rule_id]
    rec = selfevaluation()
    plant(rec)
    found = findings(rec)
    assert [f["rule_id"] for f in found] == [rule_id]
    f = found[0]
    assert (f["severity"], f["project_seq"], f["indicator_seq"], f["target_indicator_seq"]) == (
        severity, project, indicator, target_row)
    assert (f["stated_value"], f["expected_value"]) == (stated, expected)
    assert f["project_code"] == "13102622P00000000001A"
    assert "村道维修" in f["message"] and f["suggestion"]


def test_every_registered_rule_has_a_case() -> None:
    # selfeval_county_unknown is about the file, not a row: its cases follow
    assert {r.rule_id for r in RULES} == set(CASES) | {"selfeval_county_unknown"}
    assert {r.severity for r in RULES} <= {"error", "warning", "info"}


def test_an_adjusted_target_below_the_start_is_found() -> None:
    rec = selfevaluation()
    _adjusted_lower(rec)
    found = findings(rec)
    assert [(f["rule_id"], f["indicator_seq"], f["stated_value"], f["expected_value"]) for f in found] == [
        ("selfeval_target_lowered", 6, "≥80%", "≥90%")]
    assert "调整指标值" in found[0]["message"]


def test_a_cost_cap_raised_is_a_target_lowered() -> None:
    rec = selfevaluation()
    cost = _roads(rec)[2]
    cost["target_raw"], cost["value"] = "≤130万元", 1300000.0
    found = findings(rec)
    assert [(f["rule_id"], f["indicator_seq"]) for f in found] == [("selfeval_target_lowered", 3)]


def test_a_project_left_out_is_one_finding_not_one_per_row() -> None:
    rec = selfevaluation()
    del rec["projects"][1]
    found = findings(rec)
    assert [(f["rule_id"], f["project_seq"], f["target_project_seq"], f["project_name"]) for f in found] == [
        ("selfeval_indicator_dropped", None, 2, "办公经费")]


def test_a_score_that_follows_a_wrong_rate_is_one_finding_not_two() -> None:
    rec = selfevaluation()
    rec["projects"][0]["evaluation"]["execution_rate"] = 90.0  # the 得分 10 follows neither: two defects
    assert [f["rule_id"] for f in findings(rec)] == [
        "selfeval_execution_rate_mismatch", "selfeval_execution_score_mismatch"]
    _rate_mismatch(rec)  # the 得分 9 follows the stated rate: the rate is the one defect
    assert [f["rule_id"] for f in findings(rec)] == ["selfeval_execution_rate_mismatch"]


def test_thresholds_are_the_bureau_s_to_tune() -> None:
    from transform.selfeval.rules import SelfEvalConfig

    rec = selfevaluation()
    ev = rec["projects"][0]["evaluation"]
    for money in ev["budget_lines"]:
        money["spent"] = money["full_year"] * 0.7
    ev["execution_rate"], ev["execution_score"], ev["total_score"] = 70.0, 7.0, 97.0
    files = [outcome(targets(), "/in/131026/307002_2022.docx"), outcome(rec, "/in/131026/307002_2022_自评.docx")]
    inputs = staging_inputs(build_frames(files, "L"))
    assert run_selfeval_rules(inputs).height == 0  # 70% is not low by default (60%)
    stricter = run_selfeval_rules(inputs, SelfEvalConfig(low_execution_pct=75.0))
    assert stricter["rule_id"].to_list() == ["selfeval_low_execution_high_score"]
    ev["execution_rate"] = 70.4  # within the default half point of 70%
    assert run_selfeval_rules(staging_inputs(build_frames(
        [files[0], outcome(rec, "/in/131026/307002_2022_自评.docx")], "L")), SelfEvalConfig(rate_tolerance_pct=0.3)
    )["rule_id"].to_list() == ["selfeval_execution_rate_mismatch"]


def _national(rec: Record, unit: str) -> list[Any]:
    """Return a self-evaluation as the national form writes it (no 项目编码), read from a folder of no county."""
    for project in rec["projects"]:
        project["code"] = None
    rec["projects"][0]["name"] = "村道 维修"  # as the targets name it: without its code it links by name
    rec["unit"]["code"] = unit
    return [outcome(targets(), "/in/131026/307002_2022.docx"), outcome(rec, f"/in/{unit}_2022_自评.docx")]


def test_a_self_evaluation_no_county_can_own_is_found_once() -> None:
    found = run_selfeval_rules(staging_inputs(build_frames(_national(selfevaluation(), "307009"), "L"))).to_dicts()
    assert [(f["rule_id"], f["severity"], f["project_seq"], f["indicator_seq"]) for f in found] == [
        ("selfeval_county_unknown", "warning", None, None)]
    assert (found[0]["stated_value"], found[0]["expected_value"]) == ("单位编码 307009", "所属县区")
    assert "没有任何县区的2022年度绩效目标中有单位编码307009" in found[0]["message"]
    assert found[0]["suggestion"].startswith("请在自评表中填写各项目的项目编码")


def test_a_self_evaluation_its_one_county_owns_raises_nothing() -> None:
    # The same form of unit 307002, whose targets only 131026 holds: linked there, nothing to say.
    assert run_selfeval_rules(staging_inputs(build_frames(_national(selfevaluation(), "307002"), "L"))).height == 0


def test_a_self_evaluation_without_a_unit_code_claims_no_code_less_targets() -> None:
    # Code-less targets of other units of the year (no 单位编码, no 项目编码, no county) and a
    # code-less self-evaluation of other projects: nothing says they are the same unit, so no
    # target project is "left out" of it.
    other = targets()
    other["unit"] = {"code": None, "name": "另一单位"}
    for project in other["projects"]:
        project["code"] = None
    rec = selfevaluation()
    rec["unit"] = {"code": None, "name": "本单位"}
    for n, project in enumerate(rec["projects"], 1):
        project["code"], project["name"] = None, f"本单位自评项目{n}"
    files = [outcome(other, "/in/other_2022.docx"), outcome(rec, "/in/self_2022_自评.docx")]
    found = run_selfeval_rules(staging_inputs(build_frames(files, "L")))
    assert "selfeval_indicator_dropped" not in found["rule_id"].to_list()
    assert found.height >= 1  # the county is still unknown, and the clerk is told so
