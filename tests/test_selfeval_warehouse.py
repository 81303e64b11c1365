"""Self-evaluations in a real warehouse: identity and supersession, facts at grain, links that do not
depend on arrival order and follow re-submissions, unmatched rows kept, withdrawals and counties
(the upgrade of earlier warehouses, kind 'targets' for all, is in tests/test_upgrade.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.selfeval_records import result, row, selfevaluation, targets
from tests.warehouse_records import outcome
from transform.frames import build_frames
from warehouse.checks import run_checks
from warehouse.connect import open_readonly
from warehouse.load import load

TARGETS_PATH = "/in/131026/307002_2022.docx"
SELFEVAL_PATH = "/in/131026/307002_2022_自评.docx"


def _load(wh: Path, *files: tuple[dict[str, Any], str], load_id: str = "L") -> None:
    load(wh, build_frames([outcome(rec, path) for rec, path in files], load_id))


def _rows(wh: Path, sql: str) -> list[tuple[Any, ...]]:
    con = open_readonly(wh)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _problems() -> dict[str, Any]:
    """Return the self-evaluation with a lowered target (row 6), row 5 dropped and a row added."""
    rec = selfevaluation()
    roads = rec["projects"][0]["indicators"]
    roads[5]["target_raw"], roads[5]["value"] = "≥85%", 85.0
    del roads[4]
    roads.append(row("满意度指标", "服务对象满意度指标", "投诉率", "≤5%", "<=", 5.0, "%", result("2%", 2.0, 10, 10)))
    return rec


def test_a_self_evaluation_is_its_own_submission_and_supersedes_only_self_evaluations(tmp_path: Path) -> None:
    wh = tmp_path / "w.duckdb"
    _load(wh, (targets(), TARGETS_PATH), (selfevaluation(), SELFEVAL_PATH), load_id="L1")
    assert _rows(wh, "SELECT kind, is_current, project_count, indicator_count FROM dim_submission "
                     "WHERE unit_code = '307002' ORDER BY kind") == [
        ("self_evaluation", True, 2, 8), ("targets", True, 2, 8)]
    # The facts at their grain: a row per project, per money line, per indicator result.
    assert _rows(wh, "SELECT count(*) FROM fct_selfeval_project") == [(2,)]
    assert _rows(wh, "SELECT count(*) FROM fct_selfeval_budget_line") == [(5,)]
    assert _rows(wh, "SELECT count(*) FROM fct_indicator_result") == [(8,)]
    assert _rows(wh, "SELECT count(*) FROM fct_project_budget") == [(2,)]  # the targets' only
    corrected = selfevaluation()
    corrected["projects"][0]["evaluation"]["conclusion"] = "已全部完成"
    _load(wh, (corrected, "/in/131026/307002_2022_自评_v2.docx"), load_id="L2")
    assert _rows(wh, "SELECT kind, version, is_current FROM dim_submission WHERE unit_code = '307002' "
                     "ORDER BY kind, version") == [
        ("self_evaluation", 1, False), ("self_evaluation", 2, True), ("targets", 1, True)]
    assert _rows(wh, "SELECT status, count(*) FROM ingest_ledger GROUP BY ALL ORDER BY 1") == [
        ("loaded", 2), ("superseded", 1)]
    assert "绩效自评" in _rows(wh, "SELECT reason FROM ingest_ledger WHERE status = 'superseded'")[0][0]
    assert _rows(wh, "SELECT conclusion FROM current_selfeval_project WHERE project_seq = 1") == [("已全部完成",)]
    assert _rows(wh, "SELECT count(*) FROM fct_selfeval_project") == [(4,)]  # history kept
    assert run_checks(wh) == []


LINKS = ("SELECT l.link_status, l.matched_by, r.indicator_name, t.indicator_name "
         "FROM fct_selfeval_indicator_link AS l LEFT JOIN fct_indicator_result AS r USING (result_key) "
         "LEFT JOIN fct_indicator_target AS t USING (indicator_key) ORDER BY ALL")
PROJECT_LINKS = ("SELECT link_status, matched_by, project_code, project_name, target_project_seq, "
                 "selfeval_project_seq FROM fct_selfeval_project_link ORDER BY ALL")
FINDINGS = ("SELECT finding_key, rule_id, project_seq, indicator_seq, target_indicator_seq, stated_value, "
            "expected_value FROM current_selfeval_finding ORDER BY ALL")


def test_links_do_not_depend_on_which_file_arrived_first(tmp_path: Path) -> None:
    first, second = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    _load(first, (targets(), TARGETS_PATH), load_id="A1")
    _load(first, (_problems(), SELFEVAL_PATH), load_id="A2")
    _load(second, (_problems(), SELFEVAL_PATH), load_id="B1")
    assert _rows(second, PROJECT_LINKS)[0][0] == "no_target_submission"  # nothing to link to yet
    assert {r[0] for r in _rows(second, LINKS)} == {"project_not_linked"}
    _load(second, (targets(), TARGETS_PATH), load_id="B2")
    for query in (LINKS, PROJECT_LINKS, FINDINGS):
        assert _rows(first, query) == _rows(second, query)
    assert _rows(first, PROJECT_LINKS) == [
        ("linked", "code", "13102622P00000000001A", "村道维修", 1, 1),
        ("linked", "name", None, "办公经费", 2, 2),  # 「（二）办 公经费」: numbering and a space folded
    ]
    links = _rows(first, LINKS)
    # Unmatched rows on either side are kept: the target row dropped, the result row added.
    assert ("dropped", None, None, "扬尘") in links and ("added", None, "投诉率", None) in links
    assert ("linked", "categories_and_name", "1. 采购 批次", "采购批次") in links
    assert len(links) == 9 and sum(1 for r in links if r[0] == "linked") == 7
    assert {r[1] for r in _rows(first, FINDINGS)} == {
        "selfeval_target_lowered", "selfeval_indicator_dropped", "selfeval_indicator_added"}
    assert run_checks(first) == [] and run_checks(second) == []


def test_a_resubmission_of_either_side_is_relinked(tmp_path: Path) -> None:
    wh = tmp_path / "w.duckdb"
    _load(wh, (targets(), TARGETS_PATH), (_problems(), SELFEVAL_PATH), load_id="L1")
    assert ("selfeval_target_lowered", 5) in [(r[1], r[3]) for r in _rows(wh, FINDINGS)]
    # The unit re-submits its targets with 85% (approved): the restated target is no longer lower.
    revised = targets()
    revised["projects"][0]["indicators"][5].update(target_raw="≥85%", value=85.0)
    _load(wh, (revised, "/in/131026/307002_2022_v2.docx"), load_id="L2")
    new_targets = _rows(wh, "SELECT submission_key FROM dim_submission WHERE is_current AND kind = 'targets'")
    assert {r[0] for r in _rows(wh, "SELECT DISTINCT target_submission_key FROM fct_selfeval_project_link")} == {
        new_targets[0][0]}
    assert "selfeval_target_lowered" not in [r[1] for r in _rows(wh, FINDINGS)]
    # Then a corrected self-evaluation: every link and current finding follows it; the old findings stay as history.
    _load(wh, (selfevaluation(), "/in/131026/307002_2022_自评_v2.docx"), load_id="L3")
    current = _rows(wh, "SELECT submission_key FROM dim_submission WHERE is_current AND kind = 'self_evaluation'")
    assert {r[0] for r in _rows(wh, "SELECT DISTINCT selfeval_submission_key FROM fct_selfeval_indicator_link")} == {
        current[0][0]}
    assert {r[0] for r in _rows(wh, "SELECT link_status FROM fct_selfeval_indicator_link")} == {"linked"}
    # The clean self-evaluation restates 90% against the revised 85%: raised, never flagged.
    assert _rows(wh, FINDINGS) == []
    assert _rows(wh, "SELECT count(*) FROM fct_selfeval_finding")[0][0] >= 2  # the first version's, as history
    assert run_checks(wh) == []


def test_withdrawing_the_targets_unlinks_the_self_evaluation(tmp_path: Path) -> None:
    from warehouse.withdraw import withdraw

    wh = tmp_path / "w.duckdb"
    _load(wh, (targets(), TARGETS_PATH), (_problems(), SELFEVAL_PATH))
    # By unit and year, withdraw takes the targets (the self-evaluation is withdrawn by --file).
    done = withdraw(wh, withdrawn_by="测试", reason="报错单位", unit="307002", year=2022)
    assert _rows(wh, "SELECT kind, is_current FROM dim_submission WHERE unit_code = '307002' ORDER BY kind") == [
        ("self_evaluation", True), ("targets", False)]
    assert done.unit_code == "307002"
    assert {r[0] for r in _rows(wh, PROJECT_LINKS)} == {"no_target_submission"}
    assert [r[1] for r in _rows(wh, FINDINGS)] == []  # nothing to compare with any more
    assert run_checks(wh) == []


UNITS = "SELECT division_code, unit_code FROM dim_unit ORDER BY ALL"
COUNTY_UNKNOWN = ("SELECT division_code, unit_code, severity, stated_value, expected_value FROM mart_selfeval_audit "
                  "WHERE rule_id = 'selfeval_county_unknown'")
AUDIT_MESSAGES = "SELECT message FROM mart_selfeval_audit WHERE rule_id = 'selfeval_county_unknown'"


def _without_codes() -> dict[str, Any]:
    """Return the self-evaluation as the national form writes it: no 项目编码."""
    rec = selfevaluation()
    for project in rec["projects"]:
        project["code"] = None
    rec["projects"][0]["name"] = "村道 维修"
    return rec


def _in_county(rec: dict[str, Any], division: str) -> dict[str, Any]:
    """Return target records whose 项目编码 name another county."""
    for project in rec["projects"]:
        if project["code"]:
            project["code"] = division + project["code"][6:]
    return rec


def test_a_self_evaluation_two_counties_could_own_is_not_guessed(tmp_path: Path) -> None:
    wh = tmp_path / "w.duckdb"
    _load(wh, (targets(), TARGETS_PATH), (_in_county(targets(), "131025"), "/in/131025/307002_2022.docx"),
          (_without_codes(), "/in/307002_2022_自评.docx"), load_id="L1")
    assert _rows(wh, UNITS) == [("131025", "307002"), ("131026", "307002"), ("unknown", "unknown")]
    assert _rows(wh, COUNTY_UNKNOWN) == [("unknown", "307002", "warning", "单位编码 307002", "所属县区")]
    assert "有2个县区的2022年度绩效目标都有单位编码307002" in _rows(wh, AUDIT_MESSAGES)[0][0]
    assert _rows(wh, "SELECT DISTINCT link_status FROM fct_selfeval_project_link") == [("no_target_submission",)]
    assert run_checks(wh) == []


def test_a_self_evaluation_without_codes_or_county_takes_its_targets_county(tmp_path: Path) -> None:
    # The national form has no 项目编码: from a folder without a county code, its county is unknown.
    rec = _without_codes()
    rec["projects"][0]["evaluation"]["total_score"] = 95.0  # a finding to place: its 总分 is not its sum
    wh = tmp_path / "w.duckdb"
    _load(wh, (rec, "/in/307002_2022_自评.docx"), load_id="L1")
    # Alone, it is a unit of no county: no unit is made up for it, and the clerk is told why.
    assert _rows(wh, UNITS) == [("unknown", "unknown")]
    assert _rows(wh, COUNTY_UNKNOWN) == [("unknown", "307002", "warning", "单位编码 307002", "所属县区")]
    assert "没有任何县区的2022年度绩效目标中有单位编码307002" in _rows(wh, AUDIT_MESSAGES)[0][0]
    assert run_checks(wh) == []
    _load(wh, (targets(), TARGETS_PATH), load_id="L2")
    # Its targets arrive: it is 131026's unit 307002, the one unit in dim_unit, and the warning is gone.
    assert _rows(wh, UNITS) == [("131026", "307002"), ("unknown", "unknown")]
    assert _rows(wh, COUNTY_UNKNOWN) == []
    assert _rows(wh, "SELECT DISTINCT s.unit_key = u.unit_key FROM current_selfeval_submission AS s "
                     "JOIN dim_unit AS u ON u.division_code = '131026' AND u.unit_code = '307002'") == [(True,)]
    assert _rows(wh, "SELECT DISTINCT division_code, unit_key = (SELECT unit_key FROM dim_unit "
                     "WHERE unit_code = '307002') FROM current_selfeval_finding") == [("131026", True)]
    assert _rows(wh, "SELECT rule_id FROM mart_selfeval_audit") == [("selfeval_total_score_mismatch",)]
    assert _rows(wh, "SELECT kind, division_code FROM dim_submission WHERE is_current ORDER BY kind") == [
        ("self_evaluation", "unknown"), ("targets", "131026")]
    assert _rows(wh, "SELECT DISTINCT link_status, matched_by, division_code FROM fct_selfeval_project_link") == [
        ("linked", "name", "131026")]
    for mart in ("mart_target_achievement", "mart_budget_execution", "mart_selfeval_unit_summary"):
        assert _rows(wh, f"SELECT DISTINCT division_code FROM {mart}") == [("131026",)], mart
    # so the run summary no longer lists it among the files of unknown county
    from flows.steps import counties_from_targets, current_counts

    assert counties_from_targets(wh) == {"/in/307002_2022_自评.docx"}
    assert current_counts(wh)["units"] == 1  # one unit, not one per county its files were read in
    assert run_checks(wh) == []


def test_the_run_summary_counts_self_evaluations_apart(tmp_path: Path) -> None:
    from flows.steps import RunSummary, current_counts, format_summary

    wh = tmp_path / "w.duckdb"
    files = [outcome(targets(), TARGETS_PATH), outcome(_problems(), SELFEVAL_PATH)]
    report = load(wh, build_frames(files, "L"))
    # the lowered target (error), the row dropped (warning), the row added (info)
    assert report.selfeval_findings_by_severity == {"error": 1, "info": 1, "warning": 1}
    counts = current_counts(wh)
    assert (counts["submissions"], counts["self_evaluations"], counts["projects"]) == (1, 1, 2)
    text = format_summary(RunSummary("L", "inbox", str(wh), current=counts,
                                     selfeval_findings=report.selfeval_findings_by_severity))
    assert "| 当前 current 绩效自评 self-evaluations (as the marts show) | 1 |" in text
    assert "| 自评复核 self-evaluation findings (error) | 1 |" in text
