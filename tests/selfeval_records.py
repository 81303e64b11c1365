"""Self-evaluation records (contract v4, kind self_evaluation) for transform and warehouse tests.

selfevaluation(): unit 307002's 2022 绩效自评 of the two projects tests/warehouse_records.other_unit()
set targets for, consistent in every number (no 自评复核 rule fires on it): 村道维修 written with
its code, 办公经费 (no code in the targets) written 「（二）办 公经费」 so it links by name with
numbering and spacing folded; the 一级 cells carry their points (产出指标（40分）). Tests plant one
problem at a time with the helpers below and recompute every expected figure themselves.
"""

from __future__ import annotations

from typing import Any

from tests.warehouse_records import other_unit


def result(actual_raw: str | None, actual: float | None, weight: float | None, score: float | None,
           deviation: str | None = None, adjusted: str | None = None) -> dict[str, Any]:
    """Return an indicator row's `result` (实际完成值, 分值, 得分, 偏差原因, 调整指标值)."""
    return {"actual_raw": actual_raw, "actual_value": actual, "weight": weight, "score": score,
            "deviation": deviation, "adjusted_target_raw": adjusted}


def row(l1: str, l2: str, name: str, raw: str, op: str | None, value: float | None, unit: str | None,
        res: dict[str, Any]) -> dict[str, Any]:
    """Return one self-evaluation indicator row (its target restated, and its result)."""
    return {"level1": l1, "level2": l2, "name": name, "description": None, "target_raw": raw, "op": op,
            "value": value, "unit": unit, "basis": None, "horizon": "annual", "result": res}


def line(kind: str, label: str, initial: float | None, full_year: float | None, spent: float | None) -> dict[str, Any]:
    """Return one money line of a 项目资金 block."""
    return {"line": kind, "label": label, "initial": initial, "full_year": full_year, "spent": spent}


def evaluation(lines: list[dict[str, Any]], rate: float | None, score: float | None, total: float | None,
               rating: str | None = "优") -> dict[str, Any]:
    """Return a project's `evaluation` (money lines, 执行率 with 分值 10 and its 得分, 总分, 等级)."""
    return {"budget_lines": lines, "execution_rate": rate, "execution_weight": 10.0, "execution_score": score,
            "total_score": total, "rating": rating, "goals_achieved": ["已完成"], "conclusion": "完成年度目标",
            "problems": None, "improvements": None}


def selfevaluation() -> dict[str, Any]:
    """Return 307002's consistent 2022 self-evaluation (two projects, 8 rows, totals 100 and 99.6)."""
    roads = [
        row("产出指标（40分）", "数量指标", "维修道路", "≥5公里", ">=", 5.0, "公里", result("5.2公里", 5.2, 10, 10)),
        row("产出指标（40分）", "质量指标", "验收合格率", "100%", "=", 100.0, "%", result("100%", 100.0, 10, 10)),
        row("成本指标（20分）", "经济成本指标", "维修成本", "≤120万元", "<=", 1200000.0, "元",
            result("115万元", 1150000.0, 20, 20)),
        row("效益指标（20分）", "社会效益指标", "群众出行", "明显改善", None, None, None, result("已改善", None, 10, 10)),
        row("效益指标（20分）", "环境效益指标", "扬尘", "降低扬尘", None, None, None, result("达到", None, 10, 10)),
        row("满意度指标（30分）", "服务对象满意度", "群众满意度", "≥90%", ">=", 90.0, "%", result("93%", 93.0, 30, 30)),
    ]
    office = [
        row("产出指标", "数量指标", "1. 采购 批次", "2次", "=", 2.0, "次", result("2次", 2.0, 45, 45)),
        row("满意度指标", "服务对象满意度指标", "满意度", "≥95%", ">=", 95.0, "%", result("96%", 96.0, 45, 45)),
    ]
    projects = [
        {"seq": 1, "code": "13102622P00000000001A", "name": "村道维修项目", "budget_total": 1000000.0,
         "budget_fiscal": 800000.0, "budget_other": 200000.0, "purpose": None, "spending_plan": [],
         "goals": ["维修村道5公里"], "long_term_goals": [], "indicators": roads, "extra": {"主管部门": "文安县交通局"},
         "evaluation": evaluation([
             line("total", "年度资金总额", 1000000.0, 1000000.0, 1000000.0),
             line("fiscal", "其中：当年财政拨款", 800000.0, 800000.0, 800000.0),
             line("other", "其他资金", 200000.0, 200000.0, 200000.0),
         ], 100.0, 10.0, 100.0)},
        {"seq": 2, "code": None, "name": "（二）办 公经费", "budget_total": 50000.0, "budget_fiscal": 50000.0,
         "budget_other": None, "purpose": None, "spending_plan": [], "goals": ["保障运转"], "long_term_goals": [],
         "indicators": office, "extra": {},
         "evaluation": evaluation([
             line("total", "年度资金总额", 50000.0, 50000.0, 48000.0),
             line("fiscal", "其中：当年财政拨款", 50000.0, 50000.0, 48000.0),
         ], 96.0, 9.6, 99.6)},
    ]
    for project in projects:
        project["source_table"] = 2 * project["seq"] - 2
        for n, indicator in enumerate(project["indicators"], 2):
            indicator["source_table"] = project["source_table"]
            indicator["source_row"] = n + 6
    return {
        "file": "307002_2022_自评.docx", "sha256": None, "kind": "self_evaluation", "fiscal_year": 2022,
        "unit": {"code": "307002", "name": "文安县测试镇本级"}, "department_goals": None,
        "projects": projects, "warnings": [],
    }


def targets() -> dict[str, Any]:
    """Return the targets the self-evaluation restates (tests/warehouse_records.other_unit, kind targets)."""
    record = other_unit()
    record["kind"] = "targets"
    return record
