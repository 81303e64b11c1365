"""The self-evaluation marts against an independent recomputation from the fixture records.

Two self-evaluations: 307002's (its targets loaded; the 满意度 row missed at 85% with a reason and a
fair score, the 办公经费 project 96% executed) and 308001's (no targets loaded; its stated 执行率
90% does not follow from its money). Every expected figure below is worked out here from the
records with the domain's formulas written out again, never read back from transform/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.selfeval_records import result, selfevaluation, targets
from tests.warehouse_records import outcome
from transform.frames import build_frames
from warehouse.connect import open_readonly
from warehouse.load import load


def _missed_row() -> dict[str, Any]:
    rec = selfevaluation()
    rec["projects"][0]["indicators"][5]["result"] = result("85%", 85.0, 30, 28.33, "受天气影响，部分群众未参与调查")
    rec["projects"][0]["evaluation"]["total_score"] = 98.33
    return rec


def _other_unit() -> dict[str, Any]:
    rec = selfevaluation()
    rec["unit"] = {"code": "308001", "name": "文安县另一单位"}
    ev = rec["projects"][0]["evaluation"]
    ev["execution_rate"], ev["execution_score"], ev["total_score"] = 90.0, 9.0, 99.0
    return rec


RECORDS = {"307002": _missed_row(), "308001": _other_unit()}


@pytest.fixture(scope="module")
def wh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("marts") / "w.duckdb"
    files = [outcome(targets(), "/in/131026/307002_2022.docx"),
             outcome(RECORDS["307002"], "/in/131026/307002_2022_自评.docx"),
             outcome(RECORDS["308001"], "/in/131026/308001_2022_自评.docx")]
    load(path, build_frames(files, "L1"))
    return path


def _query(wh: Path, sql: str) -> list[dict[str, Any]]:
    con = open_readonly(wh)
    try:
        cur = con.execute(sql)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    finally:
        con.close()


def _expected_met(op: str | None, target: float | None, actual: float | None, cost: bool) -> bool | None:
    if op is None or target is None or actual is None:
        return None
    up = op in (">=", ">") or (op == "=" and not cost)  # a strict bound is reached at its value
    return actual >= target if up else actual <= target


def _expected_score(ind: dict[str, Any], cost: bool) -> float | None:
    res = ind["result"]
    if _expected_met(ind["op"], ind["value"], res["actual_value"], cost) is None or res["weight"] is None:
        return None
    up = ind["op"] in (">=", ">") or (ind["op"] == "=" and not cost)
    ratio = res["actual_value"] / ind["value"] if up else ind["value"] / res["actual_value"]
    return round(min(res["weight"], res["weight"] * ratio), 2)


def test_target_achievement_equals_the_records(wh: Path) -> None:
    rows = _query(wh, "SELECT * FROM mart_target_achievement")
    got = {(r["unit_code"], r["project_seq"], r["indicator_seq"]): r for r in rows}
    expected_keys = set()
    for unit, rec in RECORDS.items():
        for project in rec["projects"]:
            for n, ind in enumerate(project["indicators"], 1):
                expected_keys.add((unit, project["seq"], n))
                row = got[(unit, project["seq"], n)]
                cost = (ind["level1"] or "").startswith("成本") or (ind["level2"] or "").endswith("成本指标")
                assert row["met"] == _expected_met(ind["op"], ind["value"], ind["result"]["actual_value"], cost)
                assert row["justified_score"] == _expected_score(ind, cost)
                assert (row["target_raw"], row["actual_raw"], row["self_score"]) == (
                    ind["target_raw"], ind["result"]["actual_raw"], ind["result"]["score"])
                assert row["link_status"] == ("linked" if unit == "307002" else "project_not_linked")
                assert row["start_target_raw"] == (ind["target_raw"] if unit == "307002" else None)
    assert set(got) == expected_keys and len(rows) == 16
    assert list(rows[0])[:2] == ["division_code", "unit_code"]
    missed = got[("307002", 1, 6)]
    assert (missed["met"], missed["justified_score"], missed["score_gap"]) == (False, 28.33, 0.0)
    assert got[("307002", 1, 1)]["project_code"] == "13102622P00000000001A"


def test_budget_execution_equals_the_records(wh: Path) -> None:
    rows = _query(wh, "SELECT * FROM mart_budget_execution")
    got = {(r["unit_code"], r["project_seq"], r["line_seq"]): r for r in rows}
    n = 0
    for unit, rec in RECORDS.items():
        for project in rec["projects"]:
            ev = project["evaluation"]
            for seq, money in enumerate(ev["budget_lines"], 1):
                n += 1
                row = got[(unit, project["seq"], seq)]
                assert (row["fund_source"], row["budget_initial_yuan"], row["budget_full_year_yuan"],
                        row["executed_yuan"]) == (money["line"], money["initial"], money["full_year"], money["spent"])
                assert row["execution_rate_pct"] == round(money["spent"] / money["full_year"] * 100, 2)
                stated = ev["execution_rate"] if money["line"] == "total" else None
                assert row["execution_rate_stated_pct"] == stated
    assert len(rows) == n == 10
    assert got[("308001", 1, 1)]["rate_gap_pct"] == -10.0


def test_unit_summary_equals_the_records(wh: Path) -> None:
    rows = {r["unit_code"]: r for r in _query(wh, "SELECT * FROM mart_selfeval_unit_summary")}
    assert set(rows) == set(RECORDS)
    for unit, rec in RECORDS.items():
        inds = [i for p in rec["projects"] for i in p["indicators"]]
        known = [i for i in inds if i["op"] is not None and i["result"]["actual_value"] is not None]
        met = [i for i in known if _expected_met(i["op"], i["value"], i["result"]["actual_value"],
                                                 (i["level1"] or "").startswith("成本"))]
        totals = [next(m for m in p["evaluation"]["budget_lines"] if m["line"] == "total") for p in rec["projects"]]
        budget, spent = sum(t["full_year"] for t in totals), sum(t["spent"] for t in totals)
        row = rows[unit]
        assert (row["indicators"], row["quantified_results"], row["targets_met"], row["targets_missed"]) == (
            len(inds), len(known), len(met), len(known) - len(met))
        assert row["met_pct"] == round(100 * len(met) / len(known), 2)
        assert (row["budget_full_year_yuan"], row["executed_yuan"]) == (budget, spent)
        assert row["execution_rate_pct"] == round(100 * spent / budget, 2)
        assert row["avg_total_score"] == round(sum(p["evaluation"]["total_score"] for p in rec["projects"]) / 2, 2)
    assert (rows["307002"]["targets_missed"], rows["307002"]["errors"], rows["307002"]["warnings"]) == (1, 0, 0)
    assert (rows["308001"]["errors"], rows["308001"]["indicators_dropped"]) == (1, 0)


def test_audit_lists_each_finding_with_both_values(wh: Path) -> None:
    rows = _query(wh, "SELECT * FROM mart_selfeval_audit ORDER BY unit_code")
    assert [(r["unit_code"], r["project_code"], r["rule_id"], r["row_label"], r["stated_value"],
             r["expected_value"], r["severity"]) for r in rows] == [
        ("308001", "13102622P00000000001A", "selfeval_execution_rate_mismatch", "预算执行率", "90%", "100%", "error")]
    assert rows[0]["rule_description"] and rows[0]["is_sent"]
    assert list(rows[0])[:2] == ["division_code", "unit_code"]
