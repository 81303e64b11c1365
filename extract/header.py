"""A project's header block (项目编码, 项目名称, 预算数, 资金用途, 资金支出计划, 绩效目标 ...).

Fields are found by their labels: a label cell is followed by its value cell, wherever the
template puts them. Labels nobody told us about are kept, label -> value, in `extra`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from extract.grid import Cell, distinct
from extract.labels import fold, header_field, label_key, label_multiplier
from extract.records import SpendingCheckpoint
from extract.values import (
    money_multiplier,
    parse_checkpoint_month,
    parse_money,
    parse_percent,
    strip_numbering,
)

_UNIT_LABEL = r"(?:编制|填报|申报|预算)?单位(?:名称)?"
_UNIT_PATTERNS = (
    re.compile(r"单位名称[:：]\s*(?P<name>[^（(:：]+?)\s*[（(]\s*单位(?:编码|代码)[:：]\s*(?P<code>\d{6})\s*[）)]"),
    re.compile(r"单位(?:编码|代码)[:：]\s*(?P<code>\d{6})\D*?单位名称[:：]\s*(?P<name>\S+)"),
    re.compile(r"单位名称[:：]\s*(?P<name>\S+?)\s*单位(?:编码|代码)[:：]\s*(?P<code>\d{6})"),
    re.compile(rf"^(?:{_UNIT_LABEL}[:：]\s*)?[\[【(（]?(?P<code>\d{{6}})[\]】)）]?\s*[:：\-—]?\s*(?P<name>[\u4e00-\u9fff][^:：]*?)$"),
    re.compile(rf"^{_UNIT_LABEL}[:：]\s*(?P<name>[\u4e00-\u9fff][^:：]*?)$"),
    re.compile(r"^单位(?:编码|代码)[:：]\s*(?P<code>\d{6})$"),
)
_MONEY_UNIT_CELL = re.compile(r"^[(（]?(?:金额|货币|资金)?单位[:：](万元|元)[)）]?$")
_MONEY_UNIT_TAIL = re.compile(r"[(（]?(?:金额|货币|资金)?单位[:：](万元|元)[)）]?$")
_INLINE_NUMBER = re.compile(r"(?:^|(?<=[；;。，,\s]))\s*(?=\d{1,2}[.、．](?!\d))")
_PERCENT_IN_TEXT = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|百分比)")

MONEY_FIELDS = ("total", "fiscal", "other")


@lru_cache(maxsize=8192)
def find_unit(text: str) -> tuple[str | None, str | None] | None:
    """Return (unit code, unit name) written in a cell or paragraph (either may be None), or None."""
    flat = _MONEY_UNIT_TAIL.sub("", re.sub(r"\s+$", "", fold(text))).strip()  # '… 单位：万元' tail
    if not flat or len(flat) > 80:
        return None
    for pattern in _UNIT_PATTERNS:
        m = pattern.search(flat)
        if m:
            groups = m.groupdict()
            name = (groups.get("name") or "").strip().rstrip("（(") or None
            if name and ("单位" in name or name in ("元", "万元")):
                continue
            return groups.get("code"), name
    return None


def merge_unit(
    known: tuple[str | None, str | None] | None, found: tuple[str | None, str | None] | None
) -> tuple[str | None, str | None] | None:
    """Return the unit with the gaps of `known` filled from `found` (the first writing wins)."""
    if found is None:
        return known
    if known is None:
        return found
    return known[0] or found[0], known[1] or found[1]


@lru_cache(maxsize=8192)
def find_money_unit(text: str) -> int | None:
    """Return the multiplier of a 单位：元 / 单位：万元 note (alone or ending a line), or None."""
    flat = re.sub(r"\s+", "", fold(text))
    m = _MONEY_UNIT_CELL.match(flat) or (_MONEY_UNIT_TAIL.search(flat) if len(flat) < 80 else None)
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
    unit: tuple[str | None, str | None] | None = None
    money_unit: int | None = None

    def update(self, other: Header) -> None:
        """Fill this header's gaps from the rest of it found in a later table."""
        for key, lines in other.values.items():
            if not self.values.get(key):
                self.values[key] = lines
        for key, mult in other.multipliers.items():
            self.multipliers.setdefault(key, mult)
        self.other_parts.extend(other.other_parts)
        self.extra.update({k: v for k, v in other.extra.items() if k not in self.extra})
        self.spending_plan = self.spending_plan or other.spending_plan
        self.unit = merge_unit(self.unit, other.unit)
        self.money_unit = self.money_unit or other.money_unit

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


_INLINE = re.compile(r"^([^:：\d]{1,12}?)\s*[:：]\s*(.*)$")


def _inline_label(lines: list[str]) -> tuple[str, list[str]] | None:
    """Return (label, value lines) of a cell written as 'label：value', else None."""
    if not lines or not lines[0]:
        return None
    m = _INLINE.match(lines[0])
    if m is None:
        return None
    rest = [m.group(2).strip()] if m.group(2).strip() else []
    return m.group(1).strip(), rest + lines[1:]


def _store(head: Header, fld: str, label: str, lines: list[str]) -> None:
    """Record one labelled header value; the first non-empty value of a field wins."""
    if fld == "other_part":
        head.other_parts.append(("\n".join(lines), label_multiplier(label)))
    elif fld not in head.values or not head.values[fld]:
        head.values[fld] = lines
        mult = label_multiplier(label)
        if mult is not None:
            head.multipliers[fld] = mult


_VALUE_OF_SECTION = {"budget_section": "purpose", "goals_section": "annual_goals"}


@dataclass(frozen=True)
class _Kind:
    """What one header cell is: a unit line, a money-unit note, a field label, or text."""

    kind: str  # unit | money_unit | field | text
    field: str | None = None
    label: str = ""
    inline: tuple[str, ...] | None = None  # the value, when written in one cell as 'label：value'


def _classify(cell: Cell) -> _Kind:
    return _classify_text(cell.text)


@lru_cache(maxsize=8192)  # label cells repeat in every table of a file and across files
def _classify_text(text: str) -> _Kind:
    fld = header_field(text)
    if fld is not None:
        return _Kind("field", fld, text)
    if find_unit(text) is not None:
        return _Kind("unit")
    if find_money_unit(text) is not None:
        return _Kind("money_unit")
    inline = _inline_label(text.split("\n"))
    if inline is not None:
        label, lines = inline
        return _Kind("field" if header_field(label) else "text", header_field(label), label, tuple(lines))
    return _Kind("text", None, text)


def cell_field(cell: Cell) -> str | None:
    """Return the header field a cell names, as a label or as 'label：value'."""
    return _classify(cell).field


def parse_header(rows: list[list[Cell]]) -> Header:
    """Return the header fields found in a project's header rows."""
    head = Header()
    i = 0
    while i < len(rows):
        cells = distinct(rows[i])
        kinds = [_classify(c) for c in cells]
        j = 0
        while j < len(cells):
            k = kinds[j]
            nxt = kinds[j + 1] if j + 1 < len(cells) else None
            if k.kind == "unit":
                head.unit = merge_unit(head.unit, find_unit(cells[j].text))
                head.money_unit = find_money_unit(cells[j].text) or head.money_unit
            elif k.kind == "money_unit":
                head.money_unit = find_money_unit(cells[j].text)
            elif k.field == "spending":
                plan, used = _spending(cells[: j + 1], cells[j + 1:], rows, i)
                head.spending_plan.extend(plan)
                i += used
                break
            elif k.kind == "field" and k.field is not None:
                fld = _VALUE_OF_SECTION.get(k.field, k.field)
                if k.inline:
                    _store(head, fld, k.label, list(k.inline))
                elif nxt is not None and nxt.kind == "text":
                    _store(head, fld, k.label, cells[j + 1].lines)
                    j += 1
                # else: a section label whose fields follow, or a field left blank
            elif k.inline is not None:
                head.extra[label_key(k.label)] = "\n".join(k.inline)
            elif cells[j].lines and nxt is not None and nxt.kind == "text" and nxt.inline is None:
                head.extra[label_key(k.label)] = cells[j + 1].text
                j += 1
            j += 1
        i += 1
    name, code = head.text("unit_name"), head.text("unit_code")
    if name or code:  # 单位名称 | … and 单位编码 | … written as fields
        written = find_unit(name) if name and code is None else None
        head.unit = merge_unit(head.unit, written or (code, name))
    return head
