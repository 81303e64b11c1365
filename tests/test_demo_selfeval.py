"""The demo county end to end: its self-evaluations load beside the targets, and the 自评复核 rules
find every planted problem (tests/docgen/county_selfeval.py), each under its own rule."""

from __future__ import annotations

from pathlib import Path

from extract.batch import extract_batch
from tests.docgen.county import write_county
from transform.frames import build_frames
from transform.rules import run_rules
from warehouse.connect import open_readonly
from warehouse.load import load

# Planted kind -> the rule that must find it (README, 自评复核 rules).
RULE_OF = {
    "score_above_weight": "selfeval_score_above_weight",
    "full_score_on_missed_target": "selfeval_full_score_on_missed",
    "missed_without_reason": "selfeval_missed_without_reason",
    "execution_rate_mismatch": "selfeval_execution_rate_mismatch",
    "total_score_mismatch": "selfeval_total_score_mismatch",
    "target_lowered": "selfeval_target_lowered",
    "indicator_dropped": "selfeval_indicator_dropped",
    "indicator_added": "selfeval_indicator_added",
    "low_execution_high_score": "selfeval_low_execution_high_score",
}


def test_planted_problems_are_found_in_the_warehouse(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    man = write_county(inbox, units=14, seed=5, hostile=False, resubmissions=1, duplicates=0, self_evaluations=True)
    outcomes = extract_batch(sorted(p for p in inbox.rglob("*.docx")))
    frames = build_frames(outcomes, "load-demo")
    warehouse = tmp_path / "jixiao.duckdb"
    load(warehouse, frames, run_rules(frames))
    con = open_readonly(warehouse)
    try:
        kinds = dict(con.execute(
            "SELECT kind, count(*) FROM dim_submission WHERE is_current GROUP BY kind").fetchall())
        unknown = con.execute(
            "SELECT file_name FROM dim_submission WHERE is_current AND division_code = 'unknown'").fetchall()
        found = con.execute(
            "SELECT rule_id, unit_code, project_name, indicator_name FROM mart_selfeval_audit").fetchall()
    finally:
        con.close()
    assert kinds == {"targets": 14, "self_evaluation": 14}
    assert not unknown, f"self-evaluations of unknown county: {unknown}"  # their folder says 131026
    planted = {(RULE_OF[p["kind"]], p["unit_code"], p["project_name"]) for p in man.planted_selfeval}
    assert len(planted) == len(RULE_OF)
    hits = {(rule, unit, project) for rule, unit, project, _ in found}
    assert planted <= hits, f"not found: {planted - hits}"
    assert hits <= planted, f"found beyond the planted problems: {sorted(hits - planted)}"
