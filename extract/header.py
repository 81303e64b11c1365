"""A project's header block (项目编码, 项目名称, 预算数, 资金用途, 资金支出计划, 绩效目标 ...).

Fields are found by their labels: a label cell is followed by its value cell, wherever the
template puts them. Labels nobody told us about are kept, label -> value, in `extra`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.grid import Cell, distinct
from extract.labels import fold, header_field, label_key, label_multiplier
from extract.records import SpendingCheckpoint
from extract.values import money_multiplier, parse_checkpoint_month, parse_money, parse_percent, strip_numbering

_UNIT_PATTERNS = (
    re.compile(r"单位名称[:：]\s*(?P<name>[^（(:：]+?)\s*[（(]\s*单位(?:编码|代码)[:：]\s*(?P<code>\d{6})\s*[）)]"),
    re.compile(r"单位(?:编码|代码)[:：]\s*(?P<code>\d{6})\D*?单位名称[:：]\s*(?P<name>\S+)"),
    re.compile(r"单位名称[:：]\s*(?P<name>\S+?)\s*单位(?:编码|代码)[:：]\s*(?P<code>\d{6})"),
    re.compile(r"^(?:(?:预算)?单位(?:名称)?[:：]\s*)?[\[【(（]?(?P<code>\d{6})[\]】)）]?\s*[:：\-—]?\s*(?P<name>[^\d\s:：][^:：]*?)$"),
)
_MONEY_UNIT_CELL = re.compile(r"^(?:金额|货币|资金)?单位[:：]\s*(万元|元)$")
_INLINE_NUMBER = re.compile(r"(?:^|(?<=[；;。，,\s]))\s*(?=\d{1,2}[.、．](?!\d))")
_PERCENT_IN_TEXT = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|百分比)")

MONEY_FIELDS = ("total", "fiscal", "other")


def find_unit(text: str) -> tuple[str, str] | None:
    """Return (unit code, unit name) written in a cell or paragraph, or None."""
    flat = fold(text).strip()
    if not flat or len(flat) > 80:
        return None
    for pattern in _UNIT_PATTERNS:
        m = pattern.search(flat)
        if m:
            name = m.group("name").strip().rstrip("（(")
            if "单位" in name and ("元" in name or ":" in name):
                continue
            return m.group("code"), name
    return None


def find_money_unit(text: str) -> int | None:
    """Return the multiplier of a stand-alone 单位：元 / 单位：万元 note, or None."""
    m = _MONEY_UNIT_CELL.match(re.sub(r"\s+", "", fold(text)))
    if m:
        return 10000 if m.group(1) == "万元" else 1
    return money_multiplier(text) if "单位" in text and len(text) < 20 else None


def list_items(lines: list[str]) -> list[str]:
    """Return a goal list (绩效目标) from a cell's lines, typed or inline numbering removed."""
    items: list[str] = []
    for line in lines:
        parts = [line]
        if re.match(r"\s*1\s*[.、．]", fold(line)) and re.search(r"[；;。，,\s]\s*2[.、．]", fold(line)):
            parts = _INLINE_NUMBER.split(fold(line))
        for part in parts:
            item = strip_numbering(part.strip()).strip().rstrip("；;")
            if item:
                items.append(item)
    return items


@dataclass
class Header:
    """What a project's header block says; money still as written until `money()`."""

    values: dict[str, list[str]] = field(default_factory=dict)
    multipliers: dict[str, int] = field(default_factory=dict)
    other_parts: list[tuple[str, int | None]] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)
    spending_plan: list[SpendingCheckpoint] = field(default_factory=list)
    unit: tuple[str, str] | None = None
    unit_code: str | None = None
    unit_name: str | None = None
    money_unit: int | None = None

    def text(self, key: str) -> str | None:
        lines = self.values.get(key)
        return "\n".join(lines) if lines else None

    def money(self, key: str, default_multiplier: int) -> float | None:
        mult = self.multipliers.get(key) or self.money_unit or default_multiplier
        return parse_money(self.text(key), mult)

    def other_money(self, default_multiplier: int) -> float | None:
        """Return 其他资金: the written figure, else the sum of the non-fiscal parts, else None."""
        written = self.money("other", default_multiplier)
        if written is not None or not self.other_parts:
            return written
        mult = self.money_unit or default_multiplier
        parts = [parse_money(text, m or mult) for text, m in self.other_parts]
        known = [p for p in parts if p is not None]
        return round(sum(known), 2) if known else None


def _is_checkpoint(text: str) -> bool:
    return bool(text) and parse_checkpoint_month(text) is not None and not _PERCENT_IN_TEXT.search(text)


def _spending(label_row: list[Cell], rest: list[Cell], rows: list[list[Cell]], i: int) -> tuple[list[SpendingCheckpoint], int]:
    """Return the spending plan found from row i on and how many extra rows it used."""
    plan: list[SpendingCheckpoint] = []
    if not rest and i + 1 < len(rows):  # label alone on its row: checkpoints on the next
        label_cells = set(map(id, label_row))
        rest = [c for c in distinct(rows[i + 1]) if id(c) not in label_cells]
        if rest and all(_is_checkpoint(c.text) for c in rest):
            found, used = _spending(label_row, rest, rows, i + 1)
            return found, used + 1
        rest = []
    texts = [c.text for c in rest]
    if rest and all(_is_checkpoint(t) for t in texts) and i + 1 < len(rows):
        below = rows[i + 1]
        for cell in rest:
            pct = below[cell.col].text if cell.col < len(below) else ""
            plan.append({"checkpoint": cell.text, "month": parse_checkpoint_month(cell.text),
                         "cumulative_pct": parse_percent(pct)})
        return plan, 1
    k = 0
    while k < len(texts):
        t = texts[k]
        m = re.match(r"^(.*?月底|.*?季度|上半年|下半年|全年|年底)\s*[:：]?\s*(\S*)$", fold(t))
        if m and m.group(2):
            plan.append({"checkpoint": t.split("：")[0].split(":")[0].strip() if (":" in fold(t)) else m.group(1),
                         "month": parse_checkpoint_month(m.group(1)), "cumulative_pct": parse_percent(m.group(2))})
            k += 1
        elif _is_checkpoint(t) and k + 1 < len(texts):
            plan.append({"checkpoint": t, "month": parse_checkpoint_month(t),
                         "cumulative_pct": parse_percent(texts[k + 1])})
            k += 2
        else:
            k += 1
    return plan, 0


def parse_header(rows: list[list[Cell]]) -> Header:
    """Return the header fields found in a project's header rows."""
    head = Header()
    i = 0
    while i < len(rows):
        cells = distinct(rows[i])
        j = 0
        while j < len(cells):
            cell = cells[j]
            text = cell.text
            nxt = cells[j + 1] if j + 1 < len(cells) else None
            nxt_is_label = nxt is not None and (header_field(nxt.text) is not None or find_money_unit(nxt.text) is not None)
            fld = header_field(text)
            if fld is None:
                unit = find_unit(text)
                money_unit = find_money_unit(text)
                if unit and head.unit is None:
                    head.unit = unit
                elif money_unit is not None:
                    head.money_unit = money_unit
                elif text and nxt is not None and not nxt_is_label and label_key(text):
                    head.extra[label_key(text)] = nxt.text
                    j += 2
                    continue
                j += 1
                continue
            if fld == "spending":
                plan, used = _spending(cells[: j + 1], cells[j + 1:], rows, i)
                head.spending_plan.extend(plan)
                i += used
                break
            if nxt is None or nxt_is_label:
                j += 1  # a section label (预算规模及资金用途, 绩效目标 ...) or an empty field
                continue
            if fld == "budget_section":
                fld = "purpose"
            elif fld == "goals_section":
                fld = "annual_goals"
            if fld == "other_part":
                head.other_parts.append((nxt.text, label_multiplier(text)))
            elif fld not in head.values or not head.values[fld]:
                head.values[fld] = nxt.lines
                mult = label_multiplier(text)
                if mult is not None:
                    head.multipliers[fld] = mult
            j += 2
        i += 1
    if "unit_code" in head.values or "unit_name" in head.values:
        head.unit_code = head.text("unit_code")
        head.unit_name = head.text("unit_name")
    return head
