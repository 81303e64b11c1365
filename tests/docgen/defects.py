"""The review defects a generated county is known to hold, from its manifest alone (never from the rules).

Each defect is (unit_code, project_code, rule_id): one per defect, however many rows repeat it,
as the bureau counts them. Derived from what the generator writes (tests/docgen/pools.py):
vague 效益 and 时效 targets, dates two years old, cost targets above the budget or in %,
≥100%, the ** placeholder, a missing indicator table, repeated 满意度 rows, 可持续影响 in a
2021-layout table, a plan under 序时进度, and the copies planted between departments.
"""

from __future__ import annotations

import re
from typing import Any

from tests.docgen import pools
from tests.docgen.county import CountyManifest

Defect = tuple[str, str | None, str]

_YEAR = re.compile(r"((?:19|20)\d{2})年")


def project_defects(unit: str, year: int, project: dict[str, Any]) -> set[Defect]:
    """Return the defects of one project as the generator made them."""
    code = project["code"]
    rows = project["indicators"]
    found: set[Defect] = set()

    def add(rule: str) -> None:
        found.add((unit, code, rule))

    if not rows:
        add("missing_indicator_table")
    layout_2021 = any(r["level1"] == "成本指标" for r in rows)
    seen: set[tuple[str, str, str]] = set()
    for r in rows:
        raw = r["target_raw"] or ""
        if r["op"] is None and (raw in pools.VAGUE or raw == "按时完成"):
            add("vague_target")
        if "时效" in (r["level2"] or "") and any(int(y) != year for y in _YEAR.findall(raw)):
            add("timeliness_outside_year")
        is_cost = r["level2"] in ("成本指标", "经济成本指标")
        if is_cost and (r["unit"] == "%" or (r["value"] or 0) > project["budget_total"] + 0.005):
            add("cost_vs_budget")
        if r["unit"] == "%" and r["op"] == ">=" and r["value"] == 100:
            add("percent_out_of_range")
        if "**" in raw:
            add("placeholder_value")
        if layout_2021 and r["level2"] in ("可持续影响", "可持续影响指标"):
            add("level2_in_taxonomy")
        key = (r.get("horizon") or "", r["level2"] or "", r["name"] or "")  # a 长期 and an 年度 row are two targets
        if key in seen:
            add("duplicate_indicator")
        seen.add(key)
    plan = {cp["month"]: cp["cumulative_pct"] for cp in project["spending_plan"]}
    if (plan.get(6) or 100) < 50 or (plan.get(10) or 100) < 75:
        add("spend_plan_below_pace")
    return found


def known_defects(man: CountyManifest) -> set[Defect]:
    """Return every defect of the county's current submissions, planted copies included."""
    defects: set[Defect] = set()
    current: dict[str, set[str | None]] = {}
    for entry in man.by_status("loaded"):
        sub = entry.expected
        if sub is None:
            continue
        unit = sub["unit"]["code"]
        current[unit] = {p["code"] for p in sub["projects"]} | {None}
        for project in sub["projects"]:
            defects |= project_defects(unit, sub["fiscal_year"], project)
    for copy in man.planted:
        for unit, code in zip(copy["units"], copy["projects"], strict=True):
            if code in current.get(unit, set()):  # a re-submission may have dropped the project
                defects.add((unit, code, "boilerplate_across_units"))
    return defects
