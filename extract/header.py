"""A project's header block (项目编码, 项目名称, 预算数, 资金用途, 资金支出计划, 绩效目标 ...).

Fields are found by their labels: a label cell is followed by its value cell, wherever the
template puts them. Labels nobody told us about are kept, label -> value, in `extra`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from extract.grid import Cell, distinct
from extract.labels import (
    MONEY_FIELDS,
    extra_key,
    fold,
    header_field,
    label_key,
    label_multiplier,
    on_labels_changed,
)
from extract.records import SpendingCheckpoint
from extract.values import (
    money_multiplier,
    parse_checkpoint_month,
    parse_money,
    parse_percent,
    strip_numbering,
)

# Full-width ASCII and odd spaces folded one character for one, so that a match's span in the
# folded text is its span in the text as written (names keep their full-width brackets).
_ONE_TO_ONE = str.maketrans({**{chr(0xFF01 + i): chr(0x21 + i) for i in range(94)}, "\u3000": " ", "\xa0": " "})
_UNIT_LABEL = r"(?:(?:编制|填报|申报|预算)?(?:部门)?\(?单位\)?(?:名称)?(?:\(盖章\))?|部门名称)"
_NAME = r"(?P<name>[\u4e00-\u9fff][^:]*?)"
_UNIT_PATTERNS = (
    re.compile(rf"{_UNIT_LABEL}:\s*{_NAME}\s*\(\s*单位(?:编码|代码):\s*(?P<code>\d{{6}})\s*\)"),
    re.compile(r"单位(?:编码|代码):\s*(?P<code>\d{6})\D*?单位名称:\s*(?P<name>\S+)"),
    re.compile(r"单位名称:\s*(?P<name>\S+?)\s*单位(?:编码|代码):\s*(?P<code>\d{6})"),
    re.compile(rf"^(?:{_UNIT_LABEL}:\s*)?[\[【(]?(?P<code>\d{{6}})[\]】)]?\s*[:\-—]?\s*{_NAME}$"),
    re.compile(rf"^(?:{_UNIT_LABEL}:\s*)?{_NAME}\s*[(\[【]\s*(?P<code>\d{{6}})\s*[)\]】]$"),
    re.compile(rf"^{_UNIT_LABEL}:\s*{_NAME}$"),
    re.compile(r"^单位(?:编码|代码):\s*(?P<code>\d{6})$"),
)
_SEGMENT = re.compile(r"\S(?:(?!\s{2,}|\t).)*")  # parts of a line set apart by wide spaces or tabs
_MONEY_UNIT_CELL = re.compile(r"^[(（]?(?:金额|货币|资金)?单位[:：](万元|元)[)）]?$")
_MONEY_UNIT_TAIL = re.compile(r"[(（]?(?:金额|货币|资金)?单位[:：](万元|元)[)）]?$")
_MONEY_UNIT_TAIL_SPACED = re.compile(r"[(]?(?:金额|货币|资金)?单位\s*:\s*(万元|元)\s*[)]?\s*$")
_PERCENT_IN_TEXT = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|百分比)")



@lru_cache(maxsize=8192)
def find_unit(text: str) -> tuple[str | None, str | None] | None:
    """Return (unit code, unit name) written in a cell or paragraph (either may be None), or None."""
    flat = text.translate(_ONE_TO_ONE)
    if not flat.strip() or len(flat) > 120:
        return None
    tail = _MONEY_UNIT_TAIL_SPACED.search(flat)  # '… 单位：万元' ends the line
    if tail:
        flat = flat[: tail.start()]
    spans = [(0, len(flat))] + [(m.start(), m.end()) for m in _SEGMENT.finditer(flat)]
    found: tuple[str | None, str | None] | None = None
    for start, end in spans:
        segment = flat[start:end].strip()
        offset = start + flat[start:end].find(segment[:1]) if segment else start
        for pattern in _UNIT_PATTERNS:
            m = pattern.search(segment)
            if not m:
                continue
            groups = m.groupdict()
            name = None
            if groups.get("name"):
                name = text[offset + m.start("name"): offset + m.end("name")].strip().rstrip("（(")
            if name and ("单位" in name or name in ("元", "万元")):
                continue
            found = merge_unit(found, (groups.get("code"), name or None))
            break
        if found and found[0] and found[1]:
            break
    return found


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


_ITEM_NUMBER = re.compile(
    r"(?:目标\s*(?P<goal>\d{1,2})\s*[:：]|[(（]\s*(?P<paren>\d{1,2})\s*[)）]|(?P<circled>[①-⑳])"
    r"|(?P<plain>\d{1,2})\s*[.、．)）](?!\d))"
)


def _numbered_parts(line: str) -> list[str] | None:
    """Split a line holding a numbered list (1.… 2.…, （1）…（2）…, ①…②…) at its numbers, else None."""
    expected, cuts = 1, []
    for m in _ITEM_NUMBER.finditer(line):
        number = m.group("goal") or m.group("paren") or m.group("plain")
        n = int(number) if number else ord(m.group("circled")) - ord("①") + 1
        if n == expected and (expected > 1 or not line[: m.start()].strip()):
            cuts.append((m.start(), m.end()))
            expected += 1
    if len(cuts) < 2:
        return None
    ends = [start for start, _ in cuts[1:]] + [len(line)]
    return [line[end:stop].strip().rstrip("；;，,。 ") for (_, end), stop in zip(cuts, ends, strict=True)]


def list_items(lines: list[str]) -> list[str]:
    """Return a goal list (绩效目标) from a cell's lines, typed or inline numbering removed."""
    items: list[str] = []
    for line in lines:
        parts = _numbered_parts(line) or [line]
        for part in parts:
            item = _GOAL_NUMBER.sub("", strip_numbering(part.strip()), count=1).strip().rstrip("；;。.，,")
            if item:
                items.append(item)
    return items


_GOAL_NUMBER = re.compile(r"^目标\s*\d{1,2}\s*[:：]\s*")


@dataclass
class Header:
    """What a project's header block says; money still as written until `money()`."""

    values: dict[str, list[str]] = field(default_factory=dict)
    multipliers: dict[str, int] = field(default_factory=dict)
    other_parts: list[tuple[str, int | None]] = field(default_factory=list)
    fiscal_parts: list[tuple[str, int | None]] = field(default_factory=list)
    # What could not be read, as (kind, where, message): the submission's warnings.
    notes: list[tuple[str, str, str]] = field(default_factory=list)
    fields: list[tuple[str, str]] = field(default_factory=list)  # label -> field it filled, for explain
    extra: dict[str, str] = field(default_factory=dict)
    spending_plan: list[SpendingCheckpoint] = field(default_factory=list)
    unit: tuple[str | None, str | None] | None = None
    money_unit: int | None = None
    # 项目资金（万元） / 预算数（万元）: the first label naming a money unit sets it for the block.
    label_unit: int | None = None

    def update(self, other: Header) -> None:
        """Fill this header's gaps from the rest of it found in a later table."""
        for key, lines in other.values.items():
            if not self.values.get(key):
                self.values[key] = lines
        for key, mult in other.multipliers.items():
            self.multipliers.setdefault(key, mult)
        self.other_parts.extend(other.other_parts)
        self.fiscal_parts.extend(other.fiscal_parts)
        self.notes.extend(other.notes)
        self.extra.update({k: v for k, v in other.extra.items() if k not in self.extra})
        self.spending_plan = self.spending_plan or other.spending_plan
        self.unit = merge_unit(self.unit, other.unit)
        self.money_unit = self.money_unit or other.money_unit

    def text(self, key: str) -> str | None:
        lines = self.values.get(key)
        return "\n".join(lines) if lines else None

    def money(self, key: str, default_multiplier: int) -> float | None:
        mult = self.multipliers.get(key) or self.label_unit or self.money_unit or default_multiplier
        amount = parse_money(self.text(key), mult)
        text = self.text(key)
        if amount is None and text and text.strip() not in _BLANK_MONEY:
            self.notes.append(("money_unreadable", _MONEY_NAMES.get(key, key),
                               f"金额“{text}”无法识别为数字，{_MONEY_NAMES.get(key, key)}按空值处理"))
        if key == "fiscal" and self.fiscal_parts:  # 政府性基金预算拨款 … add to 财政拨款
            parts = [parse_money(t, m or self.label_unit or self.money_unit or default_multiplier)
                     for t, m in self.fiscal_parts]
            known = [x for x in parts if x is not None]
            if known:
                amount = round((amount or 0.0) + sum(known), 2)
        return amount

    def other_money(self, default_multiplier: int) -> float | None:
        """Return 其他资金: the written figure, else the sum of the non-fiscal parts, else None.

        Where 其他资金 and other sources are sibling lines (其他资金 | 上年结转 …), the total says so:
        written + parts = total - fiscal, and the share is their sum.
        """
        written = self.money("other", default_multiplier)
        if not self.other_parts:
            return written
        mult = self.label_unit or self.money_unit or default_multiplier
        parts = [parse_money(text, m or mult) for text, m in self.other_parts]
        known = [p for p in parts if p is not None]
        if written is None:
            return round(sum(known), 2) if known else None
        total, fiscal = self.money("total", default_multiplier), self.money("fiscal", default_multiplier)
        if known and total is not None and abs(written + sum(known) - (total - (fiscal or 0.0))) < 0.005:
            return round(written + sum(known), 2)
        return written


_BLANK_MONEY = ("", "-", "—", "——", "/", "无", "0")
_MONEY_NAMES = {"total": "资金总额", "fiscal": "财政拨款", "other": "其他资金"}


def _is_checkpoint(text: str) -> bool:
    return bool(text) and parse_checkpoint_month(text) is not None and not _PERCENT_IN_TEXT.search(text)


_CHECKPOINT_PCT = re.compile(
    r"(\d{1,2}\s*月(?:底|末|份)?|第[一二三四1-4]季度|[一二三四1-4]季度末?|上半年|下半年|全年|年底|年末)"
    r"\s*[:：]?\s*(?:累计)?(?:支出|完成|执行)?\s*(\d+(?:\.\d+)?\s*(?:%|％|百分比)?)"
)


def _checkpoint(label: str, pct: str | None) -> SpendingCheckpoint:
    return {"checkpoint": label.strip(), "month": parse_checkpoint_month(label),
            "cumulative_pct": parse_percent(pct)}


def _spending(label: Cell, rest: list[Cell], rows: list[list[Cell]], i: int) -> tuple[list[SpendingCheckpoint], int]:
    """Return the spending plan (资金支出计划) found from row i on and how many extra rows it used."""
    # 1. Checkpoint and share written together: '3月底：25%' per cell, or '3月底25%，6月底50%…' in one.
    plan = [_checkpoint(m.group(1), m.group(2)) for c in rest for m in _CHECKPOINT_PCT.finditer(fold(c.text))]
    if plan:
        return plan, 0
    # 2. Checkpoint, share, checkpoint, share … across one row.
    pairs = [(c, rest[k + 1]) for k, c in enumerate(rest[:-1])
             if _is_checkpoint(c.text) and parse_percent(rest[k + 1].text) is not None]
    if pairs:
        return [_checkpoint(c.text, pct.text) for c, pct in pairs], 0
    # 3. Checkpoints across the row, shares in the same columns of the next row.
    checkpoints = [c for c in rest if _is_checkpoint(c.text)]
    if checkpoints and i + 1 < len(rows):
        below = rows[i + 1]
        return [_checkpoint(c.text, below[c.col].text if c.col < len(below) else None) for c in checkpoints], 1
    # 4. The label alone on its row: the plan is in the rows below it.
    if not rest and i + 1 < len(rows):
        found, used = _spending(label, [c for c in distinct(rows[i + 1]) if c is not label], rows, i + 1)
        return found, used + 1
    return [], 0


_INLINE = re.compile(r"^([^:：\d]{1,12}?)\s*[:：]\s*(.*)$")


def _inline_label(lines: list[str]) -> tuple[str, list[str]] | None:
    """Return (label, value lines) of a cell written as 'label：value', else None."""
    if not lines or not lines[0]:
        return None
    m = _INLINE.match(re.sub(r"^\s*其中\s*[:：、,，]?\s*", "", lines[0]))  # 其中：财政资金：…
    if m is None:
        return None
    rest = [m.group(2).strip()] if m.group(2).strip() else []
    if not rest and len(lines) == 1:
        return None  # 'label：' alone: its value is in the next cell
    return m.group(1).strip(), rest + lines[1:]


_GOAL_SUBLABEL = re.compile(r"^\s*((?:中长期|长期|中期|年度)(?:绩效)?目标)\s*[:：]\s*(.*)$")


def _store(head: Header, fld: str, label: str, lines: list[str]) -> None:
    """Record one labelled header value; the first non-empty value of a field wins."""
    head.fields.append((label, fld))
    if fld in ("annual_goals", "long_goals") and any(_GOAL_SUBLABEL.match(x) for x in lines):
        target = fld  # one 绩效目标 cell holding '长期目标：…' and '年度目标：…'
        for line in lines:
            m = _GOAL_SUBLABEL.match(line)
            if m:
                target = header_field(m.group(1)) or target
                line = m.group(2)
            if line:
                head.values.setdefault(target, []).append(line)
        return
    if fld == "money_block" or (
        fld in (*MONEY_FIELDS, "budget_section") and len(_MONEY_PART.findall(fold("\n".join(lines)))) >= 2
    ):
        _money_block(head, "\n".join(lines), label)
    elif fld == "other_part":
        head.other_parts.append(("\n".join(lines), label_multiplier(label)))
    elif fld == "fiscal_part":
        head.fiscal_parts.append(("\n".join(lines), label_multiplier(label)))
    elif fld not in head.values or not head.values[fld]:
        head.values[fld] = lines
        mult = label_multiplier(label)
        if mult is not None:
            head.multipliers[fld] = mult


_VALUE_OF_SECTION = {"budget_section": "purpose", "goals_section": "annual_goals"}


@dataclass(frozen=True)
class _Kind:
    """What one header cell is: a unit line, a unit code, a money-unit note, a field label, or text."""

    kind: str  # unit | unit_code | money_unit | field | text
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
    if len(_MONEY_PART.findall(fold(text))) >= 2:
        return _Kind("text", None, text)  # 总额：… 财政拨款：… written in one cell: a value, not a label
    if re.fullmatch(r"\d{6}", fold(text).strip()):
        return _Kind("unit_code", None, text)
    if find_unit(text) is not None:
        return _Kind("unit")
    if find_money_unit(text) is not None:
        return _Kind("money_unit")
    inline = _inline_label(text.split("\n"))
    if inline is not None:
        label, lines = inline
        return _Kind("field" if header_field(label) else "text", header_field(label), label, tuple(lines))
    return _Kind("text", None, text)


on_labels_changed(_classify_text.cache_clear)  # a label jixiao.toml registers changes its kind


def cell_field(cell: Cell) -> str | None:
    """Return the header field a cell names, as a label or as 'label：value'."""
    return _classify(cell).field


_SUM_WORDS = ("合计", "小计", "总计")


def _money_like(cell: Cell | None) -> bool:
    """Return whether a cell could be an amount (blank counts): tells 其他 the label from 其他 the value."""
    return cell is None or not cell.lines or parse_money(cell.text, 1) is not None


def i_row(rows: list[list[Cell]], i: int) -> int:
    """Return the grid row index of rows[i] (rows may be a slice of the table's grid)."""
    return min((c.row for c in rows[i] if not c.merged), default=rows[i][0].row if rows[i] else -1)


def _labels_over_values(head: Header, rows: list[list[Cell]], i: int, cells: list[Cell], kinds: list[_Kind]) -> int:
    """Store a row of labels whose values stand beneath them, column by column; return rows used."""
    if i + 1 >= len(rows):
        return 0
    below = rows[i + 1]
    here = i_row(rows, i)
    labels = [(c, k) for c, k in zip(cells, kinds, strict=True)
              if c.lines and c.row == here and c.col < len(below) and below[c.col] is not c]
    if len(labels) < 2 or any(k.kind != "field" or k.inline or k.field == "spending" for _, k in labels):
        return 0
    values = [below[c.col] for c, _ in labels]
    if any(_classify(v).kind == "field" for v in values) or not any(v.lines for v in values):
        return 0
    for (_, k), value in zip(labels, values, strict=True):
        assert k.field is not None
        _store(head, _VALUE_OF_SECTION.get(k.field, k.field), k.label, value.lines)
    return 2


def parse_header(rows: list[list[Cell]]) -> Header:
    """Return the header fields found in a project's header rows."""
    head = Header()
    long_cols: range = range(0)  # grid columns of a 中期/长期 money block (national template)
    i = 0
    while i < len(rows):
        cells = distinct(rows[i])
        kinds = [_classify(c) for c in cells]
        used = _labels_over_values(head, rows, i, cells, kinds) or _money_grid(head, rows, i)
        if used:
            i += used
            continue
        j = 0
        while j < len(cells):
            cell, k = cells[j], kinds[j]
            nxt = cells[j + 1] if j + 1 < len(cells) else None
            nxt_kind = kinds[j + 1] if nxt is not None else None
            value_next = nxt is not None and nxt_kind is not None and (
                nxt_kind.kind in ("text", "unit", "unit_code")
                or (nxt_kind.field == "other_part" and not _money_like(cells[j + 2] if j + 2 < len(cells) else None))
            )
            fld = k.field
            if k.kind == "unit":
                head.unit = merge_unit(head.unit, find_unit(cell.text))
                head.money_unit = find_money_unit(cell.text) or head.money_unit
            elif k.kind == "unit_code":
                name = nxt.text if nxt is not None and nxt_kind is not None and nxt_kind.kind == "text" else None
                head.unit = merge_unit(head.unit, (fold(cell.text).strip(), name))
                j += 1 if name else 0
            elif k.kind == "money_unit":
                head.money_unit = find_money_unit(cell.text)
            elif fld == "spending":
                plan, used = _spending(cell, cells[j + 1:], rows, i)
                head.spending_plan.extend(plan)
                i += used
                break
            elif fld == "other_part" and not k.inline and not _money_like(nxt):
                pass  # 其他 written as a value (项目类别 | 其他), taken with its label
            elif fld is not None:
                if head.label_unit is None and fld in (*MONEY_FIELDS, "budget_section", "long_money"):
                    head.label_unit = label_multiplier(k.label)
                if fld == "long_money":
                    ends = [c.col for c, kk in zip(cells[j + 1:], kinds[j + 1:], strict=True) if kk.field in MONEY_FIELDS]
                    long_cols = range(cell.col, ends[0] if ends else 10**6)
                if nxt is not None and label_key(nxt.text) in _SUM_WORDS and j + 2 < len(cells):
                    j += 1  # 资金总额 | 合计 | 300000: the amount follows the 合计 cell
                    nxt = cells[j + 1]
                lines = list(k.inline) if k.inline else cells[j + 1].lines if value_next and nxt else None
                if lines is not None:
                    if fld == "long_money" or (fld in MONEY_FIELDS and cell.col in long_cols):
                        head.extra[_long_key(k.label)] = "\n".join(lines)  # kept, not the year's money
                        head.fields.append((k.label, "extra（中期/长期资金）"))
                    else:
                        _store(head, _VALUE_OF_SECTION.get(fld, fld), k.label, lines)
                    j += 0 if k.inline else 1
                # else: a section label whose fields follow, or a field left blank
            elif k.inline is not None:
                head.extra[extra_key(k.label)] = "\n".join(k.inline)
                head.fields.append((k.label, "extra"))
            elif j == 0 and cell.merged and len(cells) >= 3 and value_next:
                pass  # a group label merged down beside its own label | value rows (项目立项情况)
            elif cell.lines and value_next and nxt is not None:
                head.extra[extra_key(k.label)] = nxt.text
                head.fields.append((k.label, "extra"))
                j += 1
            j += 1
        i += 1
    _supervisor_unit(head)
    name, code = head.text("unit_name"), head.text("unit_code")
    if name or code:  # 单位名称 | … and 单位编码 | … written as fields
        written = find_unit(name) if name and code is None else None
        head.unit = merge_unit(head.unit, written or (code, name))
    return head


def _long_key(label: str) -> str:
    key = label_key(label)
    return key if key.startswith(("中期", "长期")) else f"中期{key}"


# 总额：560万元 一、财政拨款：420万元（其中：上级…；本级…） 二、自有资金：0万元 三、其他：140万元
_MONEY_PART = re.compile(
    r"(?:[一二三四五六七八九十]+[、.]|\d{1,2}[、.](?!\d))?\s*(?P<label>[^:：，,；;。()（）、\n\d]{2,16}?)\s*[:：]\s*"
    r"(?P<amount>-?[\d,，.]+\s*(?:万元|元)?)"
)
_SUB_PARTS = re.compile(r"[(（]\s*其中[^)）]*[)）]")


def _money_block(head: Header, text: str, label: str) -> None:
    """Store the total and its parts written in one cell; a part's own breakdown (其中…) is not added again."""
    flat = _SUB_PARTS.sub("", fold(text))
    for m in _MONEY_PART.finditer(flat):
        part = m.group("label").strip()
        fld = header_field(part)
        if fld in MONEY_FIELDS:
            _store(head, fld, part, [m.group("amount").strip()])
        else:
            head.notes.append(("money_part_unknown", label_key(label),
                               f"资金构成中的“{part}：{m.group('amount')}”无法归入财政拨款或其他资金，未计入"))
    if head.label_unit is None:
        head.label_unit = label_multiplier(label)


_PERIOD = re.compile(r"(上年|本年|当年|年度|中期|以前).*(预算|执行|金额|安排|申请|数)|^(上年|本年|当年)")
_YEAR_COLUMN = re.compile(r"本年|当年|^年度")
_NO_VALUE = ("", "—", "——", "-", "--", "/")


def _money_grid(head: Header, rows: list[list[Cell]], i: int) -> int:
    """Read money drawn as a grid (sources × 上年度预算安排 | 上年度实际执行 | 本年度申请金额); return rows used.

    The budget is the year's column; the other columns are kept in `extra` as 'source（column）'.
    """
    cells = [c for c in distinct(rows[i]) if c.lines]
    periods = [c for c in cells if _PERIOD.search(label_key(c.text)) and header_field(c.text) is None]
    if len(periods) < 2:
        return 0
    year = next((c for c in periods if _YEAR_COLUMN.search(label_key(c.text))), periods[-1])
    for c in cells:
        if c.col < periods[0].col and head.label_unit is None:
            head.label_unit = label_multiplier(c.text) or find_money_unit(c.text)
    used = 1
    for row in rows[i + 1:]:
        label = next((c for c in reversed(row[: periods[0].col]) if c.lines and not c.merged), None)
        if label is None:
            break
        key = label_key(label.text)
        fld = "total" if key in _SUM_WORDS else header_field(label.text)
        if fld not in MONEY_FIELDS:
            break
        for c in periods:
            value = row[c.col].text.strip() if c.col < len(row) else ""
            if c is year:
                _store(head, fld, label.text, [value] if value not in _NO_VALUE else [])
            elif value not in _NO_VALUE:
                head.extra[f"{extra_key(label.text)}（{extra_key(c.text)}）"] = value
        used += 1
    return used


def _supervisor_unit(head: Header) -> None:
    """A 主管部门（及代码） written [021001]名称 is the unit's code only when the unit is that department."""
    for key, value in head.extra.items():
        if not key.startswith("主管部门"):
            continue
        found = find_unit(value)
        if not found or not found[0] or not found[1]:
            continue
        implementer = head.extra.get("实施单位") or head.extra.get("项目单位")
        named = head.unit[1] if head.unit else None
        if found[1] in (implementer, named):
            head.unit = merge_unit((found[0], found[1]), head.unit)
