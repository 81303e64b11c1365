"""资金支出计划: cumulative share of the budget spent by each checkpoint, however the template draws it."""

from __future__ import annotations

import re

from extract.grid import Cell, distinct
from extract.labels import fold
from extract.records import SpendingCheckpoint
from extract.trace import VALUE
from extract.values import parse_checkpoint_month, parse_percent

_PERCENT_IN_TEXT = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|百分比)")
_FATE = (VALUE, "project.spending_plan")


def _value(cell: Cell, _field: str) -> None:
    cell.fate = _FATE


def _is_checkpoint(text: str) -> bool:
    return bool(text) and parse_checkpoint_month(text) is not None and not _PERCENT_IN_TEXT.search(text)


_CHECKPOINT_PCT = re.compile(
    r"(\d{1,2}\s*月(?:底|末|份)?|第[一二三四1-4]季度|[一二三四1-4]季度末?|上半年|下半年|全年|年底|年末)"
    r"\s*[:：]?\s*(?:累计)?(?:支出|完成|执行)?\s*(\d+(?:\.\d+)?\s*(?:%|％|百分比)?)"
)


def _checkpoint(label: str, pct: str | None) -> SpendingCheckpoint:
    return {"checkpoint": label.strip(), "month": parse_checkpoint_month(label),
            "cumulative_pct": parse_percent(pct)}


def spending_plan(label: Cell, rest: list[Cell], rows: list[list[Cell]], i: int) -> tuple[list[SpendingCheckpoint], int]:
    """Return the spending plan (资金支出计划) found from row i on and how many extra rows it used."""
    # 1. Checkpoint and share written together: '3月底：25%' per cell, or '3月底25%，6月底50%…' in one.
    plan = []
    for c in rest:
        found = [_checkpoint(m.group(1), m.group(2)) for m in _CHECKPOINT_PCT.finditer(fold(c.text))]
        if found:
            plan += found
            _value(c, "spending")
    if plan:
        return plan, 0
    # 2. Checkpoint, share, checkpoint, share … across one row.
    pairs = [(c, rest[k + 1]) for k, c in enumerate(rest[:-1])
             if _is_checkpoint(c.text) and parse_percent(rest[k + 1].text) is not None]
    if pairs:
        for c, pct in pairs:
            _value(c, "spending")
            _value(pct, "spending")
        return [_checkpoint(c.text, pct.text) for c, pct in pairs], 0
    # 3. Checkpoints across the row, shares in the same columns of the next row.
    checkpoints = [c for c in rest if _is_checkpoint(c.text)]
    if checkpoints and i + 1 < len(rows):
        below = rows[i + 1]
        for c in checkpoints:
            _value(c, "spending")
            if c.col < len(below) and below[c.col] is not label:
                _value(below[c.col], "spending")
        return [_checkpoint(c.text, below[c.col].text if c.col < len(below) else None) for c in checkpoints], 1
    # 4. The label alone on its row: the plan is in the rows below it.
    if not rest and i + 1 < len(rows):
        found, used = spending_plan(label, [c for c in distinct(rows[i + 1]) if c is not label], rows, i + 1)
        return found, used + 1
    return [], 0
