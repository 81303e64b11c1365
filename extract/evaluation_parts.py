"""One project (or the department) of a self-evaluation being read, and its records in contract v4.

`Part` collects what the rows say (money lines as written, goals, indicator results, fields) and
turns them into the contract's Project / DepartmentGoals with `evaluation` and indicator `result`.
Money is kept as written until `finish`, when the form's money unit is known.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from extract import evaluation_labels as lb
from extract.checks import GOAL_LIKE, indicator_plausibility, kept_in_extra
from extract.grid import Cell
from extract.indicators import _target as target_of  # a target reads exactly as on target forms
from extract.labels import fold
from extract.lists import list_items
from extract.records import (
    BudgetLine,
    DepartmentGoals,
    Evaluation,
    Indicator,
    IndicatorResult,
    Project,
)
from extract.values import Target, parse_money

LineKind = Literal["total", "fiscal", "carryover", "other"]
_NOTHING = ("/", "—", "——", "-", "--", "－")  # a cell struck through: nothing to say
_OPERATORS = {"≥", "≤", "=", ">", "<", ">=", "<=", "＞", "＜", "＝", "﹦", "﹥", "﹤"}
_SMALL_FORMS = str.maketrans({"﹦": "=", "﹥": ">", "﹤": "<"})  # a province's system writes the small forms


@dataclass
class _Line:
    """A money line as written: label, kind and the cells of each column."""

    label: str
    kind: LineKind
    cells: dict[str, str]
    multiplier: int | None


@dataclass
class Part:
    """A project or the department of a self-evaluation, as its rows are read."""

    seq: int
    multiplier: int | None = None  # set by a 项目资金（万元） label, else the document's
    source_table: int = 0  # lineage: the table holding its 项目名称
    name_cell: str = ""
    implementer: str = ""
    block_label: str = ""
    block_points: float | None = None  # the money block's weight when only its label says it (（20分）)
    goals_text: list[str] = field(default_factory=list)
    achieved: list[str] = field(default_factory=list)
    lines: list[_Line] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)
    total_score: float | None = None
    rating: str | None = None
    conclusion: str | None = None
    problems: str | None = None
    improvements: str | None = None
    notes: list[tuple[str, str, str]] = field(default_factory=list)
    level1: str | None = None
    level2: str | None = None
    budget_lines: list[BudgetLine] = field(default_factory=list)

    def is_empty(self) -> bool:
        """Return whether nothing of a self-evaluation was read into this part."""
        return not (self.lines or self.indicators or self.goals_text or self.achieved or self.implementer
                    or self.total_score is not None)

    def label(self) -> str:
        name = lb.split_project(self.name_cell)[1] if self.name_cell else ""
        return f"项目“{name or self.seq}”" if self.seq else "部门整体"

    def add_line(self, label: str, cells: dict[str, Cell], multiplier: int | None) -> None:
        texts = {role: ("" if lb.is_prompt(c.text) or c.text.strip() in _NOTHING else c.text.strip())
                 for role, c in cells.items()}
        kind: LineKind = "total" if not self.lines and label == self.block_label else lb.line_kind(label)  # type: ignore[assignment]
        self.lines.append(_Line(label.strip(), kind, texts, self.multiplier or multiplier))

    def finish(self, default_multiplier: int) -> None:
        """Turn the money lines as written into yuan; a per-line rate or a reason goes to extra."""
        for ln in self.lines:
            mult = ln.multiplier or default_multiplier
            amounts = {k: self._money(ln, k, mult) for k in ("initial", "full_year", "spent")}
            self.budget_lines.append({"line": ln.kind, "label": ln.label, **amounts})  # type: ignore[typeddict-item]
            if ln.kind != "total" and ln.cells.get("rate"):
                self.extra[f"{lb.extra_label(ln.label)}（预算执行率）"] = ln.cells["rate"]
            if ln.cells.get("reason"):
                self.extra.setdefault("原因", ln.cells["reason"])

    def _money(self, ln: _Line, key: str, mult: int) -> float | None:
        text = ln.cells.get(key, "")
        amount = parse_money(text, mult)
        if amount is None and text:
            self.notes.append(("money_unreadable", f"{self.label()} {ln.label}",
                               f"金额“{text}”无法识别为数字，按空值处理"))
        return amount

    def evaluation(self) -> Evaluation:
        total = next((ln for ln in self.lines if ln.kind == "total"), None)
        cells = total.cells if total else {}
        return {
            "budget_lines": self.budget_lines,
            "execution_rate": lb.number(cells.get("rate")),
            "execution_weight": lb.number(cells.get("weight")) if cells.get("weight") else
            self.block_points if total is not None and "weight" not in cells else None,
            "execution_score": lb.number(cells.get("score")),
            "total_score": self.total_score,
            "rating": self.rating,
            "goals_achieved": self.achieved,
            "conclusion": self.conclusion,
            "problems": self.problems,
            "improvements": self.improvements,
        }

    def _initial(self, kind: str) -> float | None:
        return next((b["initial"] for b in self.budget_lines if b["line"] == kind), None)

    def project(self) -> Project:
        code, name = lb.split_project(self.name_cell) if self.name_cell else (None, "")
        others = [b["initial"] for b in self.budget_lines if b["line"] not in ("total", "fiscal")]
        known = [x for x in others if x is not None]
        extra = dict(self.extra)
        if self._initial("total") is None and self._initial("fiscal") is None:
            self.notes.append(("project_no_budget", self.label(), f"{self.label()}没有读到年初预算数（年度资金总额/财政拨款）"))
        self.notes += indicator_plausibility(self.indicators, self.label()) + self._goals_kept()
        return {
            "seq": self.seq, "code": code, "name": name or None,
            "budget_total": self._initial("total"), "budget_fiscal": self._initial("fiscal"),
            "budget_other": round(sum(known), 2) if known else None,
            "purpose": None, "spending_plan": [], "goals": list_items(self.goals_text), "long_term_goals": [],
            "indicators": self.indicators, "extra": extra, "evaluation": self.evaluation(),
            "source_table": self.source_table,
        }

    def _goals_kept(self) -> list[tuple[str, str, str]]:
        """Warn a part whose goals were not read while a goal-like label stayed in extra (a goals block not known)."""
        kept = kept_in_extra(self.extra, GOAL_LIKE) if not self.goals_text and self.indicators else ""
        return [("project_no_goals", self.label(), f"{self.label()}没有读到年度目标{kept}")] if kept else []

    def department(self) -> DepartmentGoals:
        self.notes += indicator_plausibility(self.indicators, self.label()) + self._goals_kept()
        return {
            "overall": "\n".join(self.goals_text) or None, "items": [], "measures": [],
            "indicators": self.indicators, "extra": dict(self.extra), "evaluation": self.evaluation(),
        }


def _text(row: list[Cell], columns: dict[str, int], role: str) -> str | None:
    col = columns.get(role)
    if col is None or col >= len(row) or not row[col].lines or lb.is_prompt(row[col].text):
        return None
    cell = row[col]
    if any(row[c] is cell for c in columns.values() if c < col):
        return None  # a cell spanning two columns belongs to the first
    return cell.text.strip() or None


def _with_columns(raw: str | None, op_text: str | None, unit_text: str | None) -> Target:
    """Return (op, value, unit) of a value, taking 指标性质 and 度量单位 from their own columns when it lacks them."""
    op, value, unit = target_of(raw)
    if raw is None or value is None and not raw[:1].isdigit():
        return op, value, unit
    text = fold(raw)
    if op_text and fold(op_text).strip() in _OPERATORS and text[:1].isdigit():
        text = fold(op_text).strip().translate(_SMALL_FORMS) + text
    if unit_text and unit is None:
        text += unit_text.strip()
    return target_of(text) if text != fold(raw) else (op, value, unit)


def _actual_value(actual: str | None, target: str | None, unit_text: str | None, target_unit: str | None) -> float | None:
    """Return 实际完成值 as a number in the target's unit; a bare number is read in the unit the target is written in."""
    if actual is None:
        return None
    op, value, unit = target_of(actual)
    if value is None:
        return None
    if unit is None:
        written = unit_text or (target or "")
        if "万元" in fold(written) and target_unit == "元":
            return round(value * 10000, 2)
        if unit_text:
            value = _with_columns(actual, None, unit_text)[1]
    return value


def _name(text: str | None) -> str | None:
    """Return a 三级 cell's name without the blank form's printed prompt (指标1：…); None when only the prompt."""
    if text is None:
        return None
    name = lb.INDICATOR_PROMPT.sub("", text).strip()
    return None if not name or lb.ELLIPSIS.fullmatch(name) or name in _NOTHING else name


def _left_as_printed(name: str | None, values: list[str | None]) -> bool:
    """Whether an indicator row holds nothing the unit wrote: no name (or a prompt), no target, actual or score.

    The form's own rows for a category the unit did not use (二级 经济效益指标 with nothing beside it),
    its prompt rows (指标2：, ……) and rows struck through with / are no indicators."""
    return name is None and all(v is None or v in _NOTHING for v in values)


def read_indicator_row(part: Part, row: list[Cell], columns: dict[str, int], table: int, r: int
                       ) -> list[tuple[str, Cell]]:
    """Append the indicator a row holds to `part`; return (role, cell) of the cells it read (a blank row: none)."""
    cells = [(role, row[col]) for role, col in columns.items() if col < len(row)]
    if not any(c.lines for _, c in cells):
        return []
    level1, level2 = _text(row, columns, "level1"), _text(row, columns, "level2")
    if level1:
        if level1 != part.level1:
            part.level2 = None
        part.level1 = level1
    if level2:
        part.level2 = level2
    name, raw = _name(_text(row, columns, "name")), _text(row, columns, "target_raw")
    if _left_as_printed(name, [_text(row, columns, role) for role in columns if role not in ("level1", "level2", "name")]):
        return [("placeholder", c) for _, c in cells]  # 指标2：| | |, ……, a row struck through with /
    op_text, unit_text = _text(row, columns, "op_col"), _text(row, columns, "unit_col")
    op, value, unit = _with_columns(raw, op_text, unit_text)
    actual = _text(row, columns, "actual")
    where = f"{part.label()} 表{table + 1}第{r + 1}行"
    if not name:
        part.notes.append(("indicator_no_name", where, f"指标行没有指标名称（指标值“{raw or ''}”），请补填指标名称"))
    elif not raw:
        part.notes.append(("indicator_no_target", where, f"指标“{name}”没有填写年度指标值"))
    result: IndicatorResult = {
        "actual_raw": actual,
        "actual_value": _actual_value(actual, raw, unit_text, unit),
        "weight": lb.number(_text(row, columns, "weight")),
        "score": lb.number(_text(row, columns, "score")),
        "deviation": _text(row, columns, "deviation"),
        "adjusted_target_raw": _text(row, columns, "adjusted"),
    }
    part.indicators.append({
        "level1": part.level1, "level2": part.level2, "name": name,
        "description": _text(row, columns, "description"), "target_raw": raw,
        "op": op, "value": value, "unit": unit, "basis": None, "horizon": "annual",
        "result": result, "source_table": table, "source_row": r,
    })
    return cells
