"""The review rules on the real seed submission (306001, 2022): its known defects are found."""

from __future__ import annotations

import polars as pl
import pytest

from tests.test_rules_frames import frames_of, seed
from transform.rules import FINDING_SCHEMA, RULES, run_rules


@pytest.fixture(scope="module")
def findings() -> pl.DataFrame:
    return run_rules(frames_of([seed()]))


def at(findings: pl.DataFrame, rule_id: str) -> list[tuple[int | None, int | None]]:
    hits = findings.filter(pl.col("rule_id") == rule_id)
    return list(zip(hits["project_seq"].to_list(), hits["indicator_seq"].to_list(), strict=True))


def test_findings_have_the_agreed_columns(findings: pl.DataFrame) -> None:
    assert findings.schema == pl.Schema(FINDING_SCHEMA)
    assert findings["unit_code"].unique().to_list() == ["306001"]
    assert not findings.select("rule_id", "submission_id", "project_seq", "indicator_seq").is_duplicated().any()


def test_bridge_cost_target_above_its_budget(findings: pl.DataFrame) -> None:
    assert (2, 5) in at(findings, "cost_vs_budget")
    msg = findings.filter((pl.col("rule_id") == "cost_vs_budget") & (pl.col("project_seq") == 2))["message"][0]
    for part in ("李村支渠小王东桥重建工程", "13102622P00237611441H", "第5行", "≤102.11万元", "50万元"):
        assert part in msg


def test_project1_cost_within_budget_is_not_flagged(findings: pl.DataFrame) -> None:
    # 25.93万元 against 259371元: within the budget
    assert all(p != 1 for p, _ in at(findings, "cost_vs_budget"))


def test_project3_cost_given_as_percent(findings: pl.DataFrame) -> None:
    assert (3, 5) in at(findings, "cost_vs_budget")


def test_bridge_2020_completion_date_in_2022_budget(findings: pl.DataFrame) -> None:
    assert at(findings, "timeliness_outside_year") == [(2, 3)]
    msg = findings.filter(pl.col("rule_id") == "timeliness_outside_year")["message"][0]
    assert "2020年" in msg and "2022年" in msg and "2020年12月31日完工验收" in msg


def test_at_least_100_percent(findings: pl.DataFrame) -> None:
    hits = findings.filter(pl.col("rule_id") == "percent_out_of_range")
    assert at(findings, "percent_out_of_range") == [(1, 4)]
    assert hits["severity"].to_list() == ["warning"]
    assert "≥100百分比" in hits["message"][0]


def test_repeated_satisfaction_rows(findings: pl.DataFrame) -> None:
    # Every project repeats its 满意度 row: one finding per repeated row, at its project and row
    # (the bridge repeats rows 10 and 12 exactly); never one merged finding without a project.
    got = at(findings, "duplicate_indicator")
    assert (None, None) not in got
    assert {(1, 12), (2, 11), (2, 12), (3, 10), (3, 11)} == set(got)
    msgs = findings.filter(pl.col("rule_id") == "duplicate_indicator")["message"].to_list()
    assert all(m.startswith("项目「") for m in msgs)
    assert any("第12行与第11行" in m and "「满意度」" in m for m in msgs)


def test_vague_targets(findings: pl.DataFrame) -> None:
    # One finding per vague row, each naming its own project, row and value.
    got = at(findings, "vague_target")
    assert (None, None) not in got and {(2, 3), (2, 9)} <= set(got) and len(got) >= 4
    by_place = {
        (r["project_seq"], r["indicator_seq"]): r["message"]
        for r in findings.filter(pl.col("rule_id") == "vague_target").iter_rows(named=True)
    }
    assert "第3行" in by_place[(2, 3)] and "「按时完成」" in by_place[(2, 3)]
    assert "第9行" in by_place[(2, 9)] and "「可持续使用」" in by_place[(2, 9)]
    # the suggestion's example date is the submission's own year
    sugg = findings.filter(pl.col("rule_id") == "vague_target")["suggestion"].to_list()
    assert all("2022年12月31日前" in x for x in sugg)


def test_clean_parts_of_the_seed_raise_nothing(findings: pl.DataFrame) -> None:
    quiet = {
        "project_code_format",
        "unit_code_format",
        "project_code_duplicate",
        "budget_missing",
        "budget_components_sum",
        "spend_plan_valid",
        "spend_plan_below_pace",
        "spend_plan_missing",
        "missing_indicator_table",
        "too_few_indicators",
        "required_level1_present",
        "level2_in_taxonomy",
        "placeholder_value",
        "target_missing",
        "satisfaction_below_floor",
        "boilerplate_across_units",
    }
    assert quiet.isdisjoint(findings["rule_id"].to_list())


def test_every_message_names_project_and_row(findings: pl.DataFrame) -> None:
    for row in findings.filter(pl.col("project_seq").is_not_null()).iter_rows(named=True):
        assert "项目「" in row["message"] and "编码 13102622P" in row["message"]
        if row["indicator_seq"] is not None:
            seq = row["indicator_seq"]
            assert f"第{seq}行" in row["message"] or f"第{seq}、" in row["message"]
        assert row["suggestion"]


def test_registry_matches_the_domain_table() -> None:
    domain = {
        "project_code_format": "error",
        "unit_code_format": "error",
        "budget_components_sum": "error",
        "spend_plan_valid": "error",
        "spend_plan_below_pace": "info",
        "required_level1_present": "error/warning",
        "level2_in_taxonomy": "warning",
        "vague_target": "warning",
        "percent_out_of_range": "error/warning",
        "cost_vs_budget": "warning",
        "timeliness_outside_year": "warning",
        "duplicate_indicator": "warning",
        "boilerplate_across_units": "warning/info",
        "too_few_indicators": "warning",
        "placeholder_value": "error",
    }
    registered = {r.rule_id: r.severity for r in RULES}
    assert len(registered) == len(RULES)
    for rule_id, severity in domain.items():
        assert registered[rule_id] == severity
    assert all(r.description for r in RULES)


def test_rejected_submission_raises_no_findings() -> None:
    frames = frames_of([seed()])
    frames["submissions"] = frames["submissions"].with_columns(status=pl.lit("rejected"))
    assert run_rules(frames).height == 0


def test_a_copy_of_the_same_file_in_the_batch_is_reviewed_once() -> None:
    # build_frames keeps both files in `submissions` but stages the content once
    frames = frames_of([seed(), seed()])
    assert frames["submissions"].height == 2
    once = run_rules(frames_of([seed()]))
    assert run_rules(frames).height == once.height
    assert once["submission_id"].n_unique() == 1
