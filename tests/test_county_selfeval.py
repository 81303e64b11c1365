"""The demo county's self-evaluations read exactly, and each planted problem is there, once.

The checks below recompute each problem from the extracted JSON alone (and the targets the
county set), independently of the generator's bookkeeping: what the 自评复核 rules must find.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.docgen.compare import differences, report
from tests.docgen.county import CountyManifest, write_county
from tests.docgen.county_selfeval import PLANT_KINDS


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> tuple[CountyManifest, dict[str, Any], dict[str, Any]]:
    from extract.api import extract_file, to_contract

    out = tmp_path_factory.mktemp("county")
    man = write_county(out, units=14, seed=5, hostile=False, resubmissions=1, duplicates=0, self_evaluations=True)
    read = {e.file: to_contract(extract_file(out / e.file)) for e in man.by_status("self_evaluation")}
    targets = {e.unit_code: e.expected for e in man.by_status("loaded")}
    return man, read, targets


def test_each_unit_has_a_self_evaluation_read_exactly(county: tuple) -> None:
    man, read, targets = county
    evaluations = man.by_status("self_evaluation")
    assert {e.unit_code for e in evaluations} == set(targets)
    problems = [report(e.file, d, limit=5) for e in evaluations if (d := differences(e.expected, read[e.file]))]
    assert not problems, "\n".join(problems)
    coded = 0
    for e in evaluations:  # the same projects as the unit's current targets; provincial exports carry codes
        pairs = list(zip(read[e.file]["projects"], targets[e.unit_code]["projects"], strict=True))
        assert all(p["name"] == t["name"] for p, t in pairs)
        assert all(p["code"] in (None, t["code"]) for p, t in pairs)
        coded += sum(1 for p, _ in pairs if p["code"])
    assert coded > 0


def _rows(read: dict[str, Any], targets: dict[str, Any]) -> list[tuple[str, str, dict[str, Any], dict[str, Any]]]:
    """(unit, project name, self-evaluated project, target project) for every project."""
    out = []
    for sub in read.values():
        target_projects = {p["name"]: p for p in targets[sub["unit"]["code"]]["projects"]}
        out += [(sub["unit"]["code"], p["name"], p, target_projects[p["name"]]) for p in sub["projects"]]
    return out


def _missed(ind: dict[str, Any]) -> bool:
    actual, target = ind["result"]["actual_value"], ind["value"]
    if actual is None or target is None:
        return False
    return actual < target if ind["op"] in (">=", ">", "=") else actual > target


def _keyed(indicators: list[dict[str, Any]]) -> dict[tuple[Any, ...], dict[str, Any]]:
    """Indicators by (一级, 二级, 三级, n-th of that name): names repeat within a project."""
    out: dict[tuple[Any, ...], dict[str, Any]] = {}
    for ind in indicators:
        key = (ind["level1"], ind["level2"], ind["name"])
        out[(*key, sum(1 for k in out if k[:3] == key))] = ind
    return out


def _found(read: dict[str, Any], targets: dict[str, Any]) -> dict[str, set[tuple[str, str, str | None]]]:
    found: dict[str, set[tuple[str, str, str | None]]] = {k: set() for k in PLANT_KINDS}
    for unit, name, p, t in _rows(read, targets):
        ev = p["evaluation"]
        total = next(b for b in ev["budget_lines"] if b["line"] == "total")
        rate = total["spent"] / total["full_year"] * 100
        if abs(rate - ev["execution_rate"]) > 1:
            found["execution_rate_mismatch"].add((unit, name, None))
        scores = ev["execution_score"] + sum(i["result"]["score"] for i in p["indicators"])
        if abs(ev["total_score"] - scores) > 0.01:
            found["total_score_mismatch"].add((unit, name, None))
        if rate < 50 and ev["total_score"] >= 90:
            found["low_execution_high_score"].add((unit, name, None))
        set_at_start = _keyed([i for i in t["indicators"] if i["horizon"] == "annual"])
        restated = _keyed(p["indicators"])
        found["indicator_dropped"] |= {(unit, name, k[2]) for k in set_at_start.keys() - restated.keys()}
        found["indicator_added"] |= {(unit, name, k[2]) for k in restated.keys() - set_at_start.keys()}
        for k, ind in restated.items():
            r, key = ind["result"], (unit, name, ind["name"])
            if r["score"] > r["weight"]:
                found["score_above_weight"].add(key)
            if _missed(ind) and r["score"] >= r["weight"]:
                found["full_score_on_missed_target"].add(key)
            if _missed(ind) and not r["deviation"]:
                found["missed_without_reason"].add(key)
            before = set_at_start.get(k)
            if before and before["value"] is not None and ind["value"] is not None and ind["value"] < before["value"]:
                found["target_lowered"].add(key)
    return found


def test_every_planted_problem_is_found_and_nothing_else(county: tuple) -> None:
    man, read, targets = county
    planted: dict[str, set[tuple[str, str, str | None]]] = {k: set() for k in PLANT_KINDS}
    for p in man.planted_selfeval:
        planted[p["kind"]].add((p["unit_code"], p["project_name"], p.get("indicator")))
    assert all(len(v) == 1 for v in planted.values()), planted  # each kind planted exactly once
    assert _found(read, targets) == planted
