"""Extraction outcomes for transform and warehouse tests: the real seed and hand-made variations.

seed(): tests/data/seed_306001_2022.json with the lineage an in-memory record carries
(project source_table, indicator source_table/source_row). other_unit(): a second unit, with a
2021-taxonomy project (成本指标 as 一级, 环境效益 synonym), a project without a code and a
spending plan lagging the pace. resubmission(): the seed corrected (bridge budget 1021100 元).
The numbers the mart tests expect are worked out by hand in tests/test_marts.py.
"""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

from extract.batch import FileOutcome
from tests.paths import SEED_JSON


def seed() -> dict[str, Any]:
    """Return the seed submission with lineage: project n's header in table 2n-1, rows from 2."""
    record: dict[str, Any] = json.loads(SEED_JSON.read_text(encoding="utf-8"))
    record["sha256"] = None
    for project in record["projects"]:
        project["source_table"] = 2 * project["seq"] - 1
        for row, indicator in enumerate(project["indicators"], 2):
            indicator["source_table"] = project["source_table"] + 1
            indicator["source_row"] = row
    return record


def _indicator(
    l1: str, l2: str, name: str, raw: str, op: str | None, value: float | None, unit: str | None
) -> dict[str, Any]:
    return {
        "level1": l1,
        "level2": l2,
        "name": name,
        "description": name,
        "target_raw": raw,
        "op": op,
        "value": value,
        "unit": unit,
        "basis": "年度计划",
        "horizon": "annual",
    }


def _plan(*pairs: tuple[str, int, float]) -> list[dict[str, Any]]:
    return [{"checkpoint": c, "month": m, "cumulative_pct": p} for c, m, p in pairs]


def other_unit() -> dict[str, Any]:
    """Return unit 307002's 2022 submission: two projects, 8 indicators, no department section."""
    roads = [
        _indicator("产出指标", "数量指标", "维修道路", "≥5公里", ">=", 5.0, "公里"),
        _indicator("产出指标", "质量指标", "验收合格率", "100%", "=", 100.0, "%"),
        _indicator("成本指标", "经济成本指标", "维修成本", "≤120万元", "<=", 1200000.0, "元"),
        _indicator("效益指标", "社会效益指标", "群众出行", "明显改善", None, None, None),
        _indicator("效益指标", "环境效益指标", "扬尘", "降低扬尘", None, None, None),
        _indicator("满意度指标", "服务对象满意度", "群众满意度", "≥90%", ">=", 90.0, "%"),
    ]
    office = [
        _indicator("产出指标", "数量指标", "采购批次", "2次", "=", 2.0, "次"),
        _indicator("满意度指标", "服务对象满意度指标", "满意度", "≥95%", ">=", 95.0, "%"),
    ]
    projects = [
        {
            "seq": 1,
            "code": "13102622P00000000001A",
            "name": "村道维修",
            "budget_total": 1000000.0,
            "budget_fiscal": 800000.0,
            "budget_other": 200000.0,
            "purpose": "维修村道",
            "spending_plan": _plan(
                ("3月底", 3, 10.0), ("6月底", 6, 40.0), ("10月底", 10, 70.0), ("12月底", 12, 100.0)
            ),
            "goals": ["维修村道5公里"],
            "long_term_goals": [],
            "indicators": roads,
            "extra": {"项目属性": "新增"},
            "source_table": 0,
        },
        {
            "seq": 2,
            "code": None,
            "name": "办公经费",
            "budget_total": 50000.0,
            "budget_fiscal": 50000.0,
            "budget_other": None,
            "purpose": "日常办公",
            "spending_plan": _plan(
                ("3月底", 3, 25.0), ("6月底", 6, 50.0), ("9月底", 9, 75.0), ("12月底", 12, 100.0)
            ),
            "goals": ["保障运转"],
            "long_term_goals": [],
            "indicators": office,
            "extra": {},
            "source_table": 2,
        },
    ]
    for project in projects:
        for row, indicator in enumerate(project["indicators"], 1):
            indicator["source_table"] = project["source_table"] + 1
            indicator["source_row"] = row
    return {
        "file": "307002_2022.docx",
        "sha256": None,
        "fiscal_year": 2022,
        "unit": {"code": "307002", "name": "文安县测试镇本级"},
        "department_goals": None,
        "projects": projects,
    }


def resubmission() -> dict[str, Any]:
    """Return the seed corrected: the bridge project's budget raised to its contract price 1021100 元."""
    record = seed()
    record["file"] = "seed_306001_2022_v2.docx"
    bridge = record["projects"][1]
    bridge["budget_total"] = bridge["budget_fiscal"] = 1021100.0
    return record


def outcome(record: dict[str, Any] | None, path: str, *, rejection: str = "corrupt") -> FileOutcome:
    """Return the FileOutcome of a file at `path` holding `record` (None: a rejected file)."""
    body = json.dumps(record, ensure_ascii=False, sort_keys=True) if record else "rejected:" + path
    sha = hashlib.sha256(body.encode("utf-8")).hexdigest()
    if record is None:
        return FileOutcome(
            path,
            Path(path).name,
            sha,
            len(body),
            None,
            rejection,
            "文件已损坏，无法打开：请重新导出后再报送。",
            0.01,
        )
    record = copy.deepcopy(record)
    record["sha256"] = sha
    record["file"] = Path(path).name
    return FileOutcome(path, Path(path).name, sha, len(body), record, None, None, 0.05)
