"""The loop end to end on the generated county: its self-evaluations read, linked to its targets and
re-checked; every problem planted in them (tests/docgen/county_selfeval.py, known from the
generator, never from the rules) is found where it was planted, and nothing else is."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.batch import extract_batch
from flows.steps import review
from tests.docgen.county import write_county
from transform.frames import build_frames
from warehouse.checks import run_checks
from warehouse.connect import open_readonly
from warehouse.load import load

# The generator's kinds and the rule that must find each.
RULE = {
    "score_above_weight": "selfeval_score_above_weight",
    "full_score_on_missed_target": "selfeval_full_score_on_missed",
    "missed_without_reason": "selfeval_missed_without_reason",
    "execution_rate_mismatch": "selfeval_execution_rate_mismatch",
    "target_lowered": "selfeval_target_lowered",
    "indicator_dropped": "selfeval_indicator_dropped",
    "indicator_added": "selfeval_indicator_added",
    "low_execution_high_score": "selfeval_low_execution_high_score",
    "total_score_mismatch": "selfeval_total_score_mismatch",
}


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    root = tmp_path_factory.mktemp("selfeval_county")
    manifest = write_county(root / "inbox", units=30, seed=3, self_evaluations=True)
    paths = sorted(p for p in (root / "inbox").rglob("*") if p.is_file())
    frames = build_frames(extract_batch(paths), "L1")
    wh = root / "w.duckdb"
    load(wh, frames, review(frames, wh))
    return wh, manifest.planted_selfeval


def _rows(wh: Path, sql: str) -> list[tuple]:
    con = open_readonly(wh)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_every_planted_problem_is_found_and_nothing_else(county: tuple[Path, list[dict]]) -> None:
    wh, planted = county
    assert {p["kind"] for p in planted} == set(RULE)
    found = set(_rows(wh, "SELECT unit_code, project_code, rule_id FROM mart_selfeval_audit"))
    expected = {(p["unit_code"], p["project_code"], RULE[p["kind"]]) for p in planted}
    assert found == expected
    assert run_checks(wh) == []


def test_every_result_row_is_linked_but_the_one_added(county: tuple[Path, list[dict]]) -> None:
    wh, _ = county
    assert _rows(wh, "SELECT DISTINCT link_status FROM fct_selfeval_project_link") == [("linked",)]
    statuses = dict(_rows(wh, "SELECT link_status, count(*) FROM mart_target_achievement GROUP BY 1"))
    assert statuses.get("added") == 1 and set(statuses) == {"linked", "added"}
