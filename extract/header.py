"""A project's header block (项目编码, 项目名称, 预算数, 资金用途, 资金支出计划, 绩效目标 ...).

Fields are found by their labels: a label cell is followed by its value cell, wherever the
template puts them. Labels nobody told us about are kept, label -> value, in `extra`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from extract.grid import Cell, distinct
from extract.header_money import fiscal_from_sources, money_row_with_unknown, unknown_money
from extract.label_meaning import is_goal_label
from extract.labels import (
    LEVEL2_NAMES,
    MONEY_FIELDS,
    extra_key,
    fold,
    header_field,
    is_year_money,
    label_key,
    label_multiplier,
    on_labels_changed,
)
from extract.records import SpendingCheckpoint
from extract.spending import spending_plan
from extract.trace import LABEL, SKIP, VALUE, WARN
from extract.units import find_money_unit, find_unit, merge_unit
from extract.values import (
    parse_money,
    parse_target,
)


# Full-width ASCII and odd spaces folded one character for one, so that a match's span in the
# folded text is its span in the text as written (names keep their full-width brackets).
@dataclass
class Header:
    """What a project's header block says; money still as written until `money()`."""

    values: dict[str, list[str]] = field(default_factory=dict)
    multipliers: dict[str, int] = field(default_factory=dict)
    other_parts: list[tuple[str, int | None]] = field(default_factory=list)
    fiscal_parts: list[tuple[str, int | None]] = field(default_factory=list)
    # Government money by the level that pays it (中央补助, 地方资金): (label, text, label's multiplier).
    fiscal_sources: list[tuple[str, str, int | None]] = field(default_factory=list)
    # What could not be read, as (kind, where, message): the submission's warnings.
    notes: list[tuple[str, str, str]] = field(default_factory=list)
    fields: list[tuple[str, str]] = field(default_factory=list)  # label -> field it filled, for explain
    extra: dict[str, str] = field(default_factory=dict)
    spending_plan: list[SpendingCheckpoint] = field(default_factory=list)
    unit: tuple[str | None, str | None] | None = None
    money_unit: int | None = None
    # 项目资金（万元） / 预算数（万元）: the first label naming a money unit sets it for the block.
    label_unit: int | None = None
    # Every amount written for 资金总额 / 财政拨款 / 其他资金, in order: `finish` picks the year's.
    money_found: dict[str, list[_Money]] = field(default_factory=dict)
    finished: bool = False

    def update(self, other: Header) -> None:
        """Fill this header's gaps from the rest of it found in a later table."""
        for key, lines in other.values.items():
            if not self.values.get(key):
                self.values[key] = lines
        for key, found in other.money_found.items():
            self.money_found.setdefault(key, []).extend(found)
        for key, mult in other.multipliers.items():
            self.multipliers.setdefault(key, mult)
        self.other_parts.extend(other.other_parts)
        self.fiscal_parts.extend(other.fiscal_parts)
        self.fiscal_sources.extend(other.fiscal_sources)
        self.notes.extend(other.notes)
        self.extra.update({k: v for k, v in other.extra.items() if k not in self.extra})
        self.spending_plan = self.spending_plan or other.spending_plan
        self.unit = merge_unit(self.unit, other.unit)
        self.money_unit = self.money_unit or other.money_unit

    def finish(self) -> None:
        """Decide each amount: the one labelled for the year (当年/本年/年度) when several are written.

        The others (the project's whole-period budget, a repeated line) are kept in `extra`; where
        two differ and none says it is the year's, the first is taken and the choice is a warning.
        """
        if self.finished:
            return
        self.finished = True
        for key, found in self.money_found.items():
            year = [m for m in found if m.year]
            chosen = year[0] if year else next((m for m in found if m.lines), found[0])
            self.values[key] = list(chosen.lines)
            mult = label_multiplier(chosen.label)
            if mult is not None:
                self.multipliers[key] = mult
            for cell in chosen.cells:
                cell.fate = (VALUE, _MONEY_PATH[key]) if cell.fate is None or cell.fate[0] == VALUE else cell.fate
            for m in found:
                if m is chosen or not m.lines:
                    continue
                self.extra.setdefault(extra_key(m.label), "\n".join(m.lines))
                self.fields.append((m.label, "extra"))
                for cell in m.cells:
                    if cell.fate is None or cell.fate == (VALUE, _MONEY_PATH[key]):
                        cell.fate = (VALUE, "project.extra")
                differs = parse_money("\n".join(m.lines), 1) != parse_money("\n".join(chosen.lines), 1)
                if not year and differs:
                    self.notes.append(("guessed", label_key(chosen.label),
                                       f"写有两个{_MONEY_NAMES[key]}（“{label_key(chosen.label)}：{chr(10).join(chosen.lines)}”与"
                                       f"“{label_key(m.label)}：{chr(10).join(m.lines)}”），均未注明是否为当年；按前者读取，"
                                       f"后者保留在 extra，请核对"))

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
        if key == "fiscal" and self.fiscal_sources:  # 中央补助 / 地方资金: the fiscal share, or its breakdown
            amount = fiscal_from_sources(self, amount, default_multiplier)
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
_MONEY_PATH = {"total": "project.budget_total", "fiscal": "project.budget_fiscal", "other": "project.budget_other"}


@dataclass(frozen=True)
class _Money:
    """One amount written for a money field: its label, its text, whether the label says it is the year's."""

    label: str
    lines: tuple[str, ...]
    year: bool
    cells: tuple[Cell, ...]  # the cells holding it (label and value), whose fate follows the choice


# Where a header field's value goes in the contract (a cell's fate names it).
FIELD_PATH = {"code": "project.code", "name": "project.name", **_MONEY_PATH, "fiscal_part": "project.budget_fiscal",
              "fiscal_source": "project.budget_fiscal",
              "other_part": "project.budget_other", "money_block": "project.budget", "purpose": "project.purpose",
              "budget_section": "project.purpose", "spending": "project.spending_plan", "goals_section": "project.goals",
              "annual_goals": "project.goals", "long_goals": "project.long_term_goals", "unit_name": "unit.name",
              "unit_code": "unit.code", "long_money": "project.extra"}


def _label(cell: Cell, fld: str) -> None:
    cell.fate = (LABEL, FIELD_PATH.get(fld, fld))


def _value(cell: Cell, fld: str) -> None:
    cell.fate = (VALUE, FIELD_PATH.get(fld, fld))


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


def _store(head: Header, fld: str, label: str, lines: list[str], cells: tuple[Cell, ...] = ()) -> None:
    """Record one labelled header value; the first non-empty value of a field wins, a later one goes to extra.

    Amounts are collected (`Header.money_found`) and decided by `Header.finish`.
    """
    head.fields.append((label, fld))
    if fld in _MONEY_PATH and len(_MONEY_PART.findall(_breakdown(head, fold("\n".join(lines))))) < 2:
        if any(_SUB_PARTS.search(fold(line)) for line in lines):  # 2455.5万元（其中：上级…；本级…）
            lines = [_breakdown(head, fold("\n".join(lines)), keep=True).strip()]
        head.money_found.setdefault(fld, []).append(_Money(label, tuple(lines), is_year_money(label), cells))
        if head.label_unit is None:
            head.label_unit = label_multiplier(label)
        return
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
    elif fld == "fiscal_source":
        head.fiscal_sources.append((label, "\n".join(lines), label_multiplier(label)))
    elif fld not in head.values or not head.values[fld]:
        head.values[fld] = lines
        mult = label_multiplier(label)
        if mult is not None:
            head.multipliers[fld] = mult
    elif lines and fld != "spending":  # a second value of a field already read: kept, not lost
        head.extra.setdefault(extra_key(label), "\n".join(lines))
        for cell in cells:
            cell.fate = (VALUE, "project.extra")


_VALUE_OF_SECTION = {"budget_section": "purpose", "goals_section": "annual_goals"}


@dataclass(frozen=True)
class _Kind:
    """What one header cell is: a unit line, a unit code, a money-unit note, a field label, or text."""

    kind: str  # unit | unit_code | money_unit | field | text
    field: str | None = None
    label: str = ""
    inline: tuple[str, ...] | None = None  # the value, when written in one cell as 'label：value'
    block: bool = False  # several amounts written in one cell (总额：… 财政拨款：…, 其中：上级…；本级…)


def _classify(cell: Cell) -> _Kind:
    return _classify_text(cell.text)


@lru_cache(maxsize=8192)  # label cells repeat in every table of a file and across files
def _classify_text(text: str) -> _Kind:
    fld = header_field(text)
    if fld is not None:
        return _Kind("field", fld, text)
    if len(_MONEY_PART.findall(fold(text))) >= 2 and len(_MONEY_PART.findall(_SUB_PARTS.sub("", fold(text)))) >= 2:
        return _Kind("text", None, text, block=True)  # 总额：… 财政拨款：… written in one cell: a value, not a label
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


_CATEGORY = re.compile(r"^(?:产出|效益|满意度|成本|数量|质量|时效|经济效益|社会效益|生态效益|环境效益|可持续影响|"
                       r"服务对象满意度|社会公众或服务对象满意度|投入|过程)指标?$")


def looks_like_indicator(label: str, value: str) -> bool:
    """Return whether a label -> value pair is an indicator row (a 一级/二级 category, or a target), not a header field."""
    key = label_key(label)
    if _CATEGORY.match(key) or key in LEVEL2_NAMES:
        return True
    first = value.split("\n")[0]
    op, _, unit = parse_target(first)
    return len(first) <= 20 and (op in (">=", "<=", ">", "<") or unit == "%") and not any(
        w in key for w in ("资金", "金额", "预算", "计划", "支出", "比例", "进度"))


def cell_field(cell: Cell) -> str | None:
    """Return the header field a cell names, as a label or as 'label：value'."""
    return _classify_text(cell.text).field


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
    if len(labels) < 2 or any(k.inline or k.field == "spending" or k.kind not in ("field", "text") for _, k in labels):
        return 0
    known = sum(k.kind == "field" for _, k in labels)
    if known < len(labels) and (known < 2 or not money_row_with_unknown(labels, below)):
        return 0  # a label nobody knows: only in a row of money labels over their amounts
    values = [below[c.col] for c, _ in labels]
    if any(_classify(v).kind == "field" for v in values) or not any(v.lines for v in values):
        return 0
    for (c, k), value in zip(labels, values, strict=True):
        if k.field is None:  # 资金总额 | 某某配套 | 其他: a source nobody knows, kept and said
            unknown_money(head, c, value)
            continue
        fld = _VALUE_OF_SECTION.get(k.field, k.field)
        _label(c, fld)
        _value(value, fld)
        _store(head, fld, k.label, value.lines, (c, value))
    first = min(c.col for c, _ in labels)
    money = all(k.field in MONEY_FIELDS for _, k in labels if k.field is not None)
    for c in distinct(rows[i]):  # a group label merged down beside the labels (项目绩效目标 | 长期目标 | 年度目标)
        if not c.lines or c.fate is not None or not c.merged:
            continue
        if _classify(c).kind == "field":
            _label(c, _classify(c).field or "")
        elif c.col < first and money and "\n" not in c.text:
            c.fate = (LABEL, "project.budget")  # 项目资金申报计划（万元） beside a row of money labels
        else:
            continue
        if money and c.col < first:  # the group label says the unit of the amounts
            head.label_unit = head.label_unit or label_multiplier(c.text) or find_money_unit(c.text)
    return 2


def parse_header(rows: list[list[Cell]], table: int = -1) -> Header:
    """Return the header fields found in a project's header rows; each cell used gets its fate.

    A label -> value pair no field names goes to `extra`, unless it looks like an indicator row
    (a 一级/二级 category, a target): that is never a header field, and is a `kept_unmapped` warning.
    """
    head = Header()
    long_cols: range = range(0)  # grid columns of a 中期/长期 money block (national template)
    i = 0
    while i < len(rows):
        cells = distinct(rows[i])
        kinds = [_classify_text(c.text) for c in cells]  # as _classify, without a call per cell
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
                nxt_kind.kind in ("text", "unit", "unit_code") and not nxt_kind.block
                or (nxt_kind.field == "other_part" and not nxt_kind.inline
                    and not _money_like(cells[j + 2] if j + 2 < len(cells) else None))
            )
            fld = k.field
            if not cell.lines:
                pass
            elif k.kind == "unit":
                head.unit = merge_unit(head.unit, find_unit(cell.text))
                head.money_unit = find_money_unit(cell.text) or head.money_unit
                _value(cell, "unit")
            elif k.kind == "unit_code":
                name = nxt.text if nxt is not None and nxt_kind is not None and nxt_kind.kind == "text" else None
                head.unit = merge_unit(head.unit, (fold(cell.text).strip(), name))
                _value(cell, "unit_code")
                if name and nxt is not None:
                    _value(nxt, "unit_name")
                j += 1 if name else 0
            elif k.kind == "money_unit":
                head.money_unit = find_money_unit(cell.text)
                cell.fate = (LABEL, "money_unit")
            elif fld == "spending":
                _label(cell, fld)
                plan, used = spending_plan(cell, cells[j + 1:], rows, i)
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
                _label(cell, fld)
                if nxt is not None and label_key(nxt.text) in _SUM_WORDS and j + 2 < len(cells):
                    nxt.fate = (LABEL, "sum")
                    j += 1  # 资金总额 | 合计 | 300000: the amount follows the 合计 cell
                    nxt = cells[j + 1]
                if fld == "budget_section" and not k.inline and nxt is not None and _label_of_amount(cells, j + 1):
                    value_next = False  # 资金情况 | 年度金额： | 8000: the neighbour labels an amount, it is no 资金用途
                if (fld == "goals_section" and not k.inline and value_next and nxt is not None and j + 2 < len(cells)
                        and kinds[j + 2].kind == "text" and is_goal_label(label_key(nxt.text))):
                    # 项目绩效目标 | 阶段性目标 | text: a sub-label naming no horizon, the year's goals by guess
                    nxt.fate = (LABEL, "project.goals")
                    head.notes.append(("guessed", label_key(nxt.text), f"目标“{label_key(nxt.text)}”没有注明是年度目标"
                                                                      "还是中长期目标，按年度目标读取，请核对"))
                    j += 1
                    nxt = cells[j + 1]
                lines = list(k.inline) if k.inline else cells[j + 1].lines if value_next and nxt else None
                if lines is not None:
                    value_cell = cell if k.inline or nxt is None else nxt
                    target = _VALUE_OF_SECTION.get(fld, fld)
                    if fld == "long_money" or (fld in MONEY_FIELDS and cell.col in long_cols):
                        head.extra[_long_key(k.label)] = "\n".join(lines)  # kept, not the year's money
                        head.fields.append((k.label, "extra（中期/长期资金）"))
                        _value(value_cell, "long_money")
                    else:
                        _value(value_cell, target)
                        _store(head, target, k.label, lines, (cell, value_cell) if value_cell is not cell else (cell,))
                    if not k.inline and j + 3 < len(cells) and _is_range_word(cells[j + 2]) and kinds[j + 3].kind == "text":
                        # 项目起止时间 | 20210301 | 到 | 20211130: one value written in two cells
                        _extend_range(head, target, k.label, cells[j + 2], cells[j + 3])
                        j += 2
                    j += 0 if k.inline else 1
                # else: a section label whose fields follow, or a field left blank
            elif fld is None and _INSTRUCTION_CELL.match(cell.text):
                cell.fate = (SKIP, "instructions")  # 注：… / 填表说明：… written in the form
            elif k.block:  # 总额：… 财政拨款：… or 其中：上级…；本级… written alone in a cell
                _money_block(head, cell.text, "")
                cell.fate = (VALUE, "project.budget")
            elif k.inline is not None:
                if _unmapped(head, table, cell, None, k.label, "\n".join(k.inline)):
                    pass
                else:
                    head.extra[extra_key(k.label)] = "\n".join(k.inline)
                    head.fields.append((k.label, "extra"))
                    cell.fate = (VALUE, "project.extra")
            elif j == 0 and len(cells) >= 3 and (cell.merged and value_next or (
                    not value_next and nxt_kind is not None and nxt_kind.kind == "field" and not nxt_kind.inline)):
                cell.fate = (LABEL, "section")  # a group label beside its own label | value rows (项目立项情况)
            elif value_next and nxt is not None and _unmapped(head, table, cell, nxt, cell.text, nxt.text):
                j += 1
            elif value_next and nxt is not None:
                key = extra_key(k.label)
                head.extra[key] = nxt.text
                head.fields.append((k.label, "extra"))
                cell.fate, nxt.fate = (LABEL, "project.extra"), (VALUE, "project.extra")
                if j + 3 < len(cells) and _is_range_word(cells[j + 2]) and kinds[j + 3].kind == "text":
                    head.extra[key] = f"{nxt.text} {cells[j + 2].text} {cells[j + 3].text}"
                    cells[j + 2].fate = cells[j + 3].fate = (VALUE, "project.extra")
                    j += 2
                j += 1
            j += 1
        i += 1
    _supervisor_unit(head)
    name, code = head.text("unit_name"), head.text("unit_code")
    if name or code:  # 单位名称 | … and 单位编码 | … written as fields
        written = find_unit(name) if name and code is None else None
        head.unit = merge_unit(head.unit, written or (code, name))
    return head


def header_from_columns(pairs: list[tuple[str, str, list[Cell]]]) -> Header:
    """Return the header of one project of a table holding several: per (field, column label, the column's
    cells over the project's rows), the text written there (merged over the rows, or repeated on each)."""
    head = Header()
    for fld, label, cells in pairs:
        target = _VALUE_OF_SECTION.get(fld, fld)
        lines: list[str] = []
        for cell in dict.fromkeys(c for c in cells if c.lines):  # each merged cell once
            _value(cell, target)
            if "\n".join(cell.lines) not in ("\n".join(lines), *lines):
                lines += cell.lines
        if lines:
            _store(head, target, label, lines, ())
    return head


def _label_of_amount(cells: list[Cell], j: int) -> bool:
    """Return whether cells[j] is a short label whose value, the next cell, is an amount (年度金额： | 8000)."""
    return (j + 1 < len(cells) and len(cells[j].text) <= 12 and "\n" not in cells[j].text
            and parse_money(cells[j + 1].text, 1) is not None)


def _unmapped(head: Header, table: int, label: Cell, value: Cell | None, label_text: str, value_text: str) -> bool:
    """Say so when a label -> value pair looks like an indicator row: it is not kept in extra (header fields only)."""
    if not looks_like_indicator(label_text, value_text):
        return False
    where = f"表{table + 1}第{label.row + 1}行" if table >= 0 else f"正文第{label.row + 1}段"  # a line outside tables
    head.notes.append(("kept_unmapped", where, f"“{label_text[:20]}：{value_text[:20]}”像是绩效指标行，但不在可识别的指标表中，"
                                               f"未能读取为指标；请核对表格（指标表需有一级/二级/三级指标、指标值等表头）"))
    label.fate = (WARN, "kept_unmapped")
    if value is not None:
        value.fate = (WARN, "kept_unmapped")
    return True


_RANGE_WORDS = ("到", "至", "-", "—", "~", "～", "－")
_INSTRUCTION_CELL = re.compile(r"^\s*(?:注|说明|填报说明|填表说明)\s*\d?\s*[:：]")


def _is_range_word(cell: Cell) -> bool:
    return cell.text.strip() in _RANGE_WORDS


def _extend_range(head: Header, fld: str, label: str, word: Cell, end: Cell) -> None:
    """Join the second half of a value written as 'from | 到 | to' to the value just stored."""
    word.fate = end.fate = (VALUE, FIELD_PATH.get(fld, "project.extra"))
    key = extra_key(label)
    if key in head.extra:
        head.extra[key] = f"{head.extra[key]} {word.text} {end.text}"
    elif fld in head.values:
        head.values[fld] = [*head.values[fld], word.text, end.text]


def _long_key(label: str) -> str:
    key = label_key(label)
    return key if key.startswith(("中期", "长期")) else f"中期{key}"


# 总额：560万元 一、财政拨款：420万元（其中：上级…；本级…） 二、自有资金：0万元 三、其他：140万元
_MONEY_PART = re.compile(
    r"(?:[一二三四五六七八九十]+[、.]|\d{1,2}[、.](?!\d))?\s*(?P<label>[^:：，,；;。()（）、\n\d]{2,16}?)\s*[:：]\s*"
    r"(?P<amount>-?[\d,，.]+\s*(?:万元|元)?)"
)
_SUB_PARTS = re.compile(r"[(（]\s*其中[^)）]*[)）]")


def _breakdown(head: Header, flat: str, keep: bool = False) -> str:
    """Return folded money text without its breakdowns (（其中：上级…；本级…）); with `keep`, they go to extra."""
    if keep:
        for sub in _SUB_PARTS.findall(flat):
            for m in _MONEY_PART.finditer(re.sub(r"^[(（]\s*其中\s*[:：]?", "", sub)):
                head.extra.setdefault(m.group("label").strip(), m.group("amount").strip())
    return _SUB_PARTS.sub("", flat)


def _money_block(head: Header, text: str, label: str) -> None:
    """Store the total and its parts written in one cell; a part's own breakdown (其中…) is kept in extra,
    not added again. A cell that is only a breakdown (其中：上级财政资金：…；本级财政：…) is all extra."""
    flat = _breakdown(head, fold(text), keep=True)
    if re.match(r"^\s*其中\s*[:：、,，]?", flat):
        for m in _MONEY_PART.finditer(re.sub(r"^\s*其中\s*[:：、,，]?", "", flat)):
            head.extra.setdefault(m.group("label").strip(), m.group("amount").strip())
        return
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


_PERIOD = re.compile(r"(上年|本年|当年|年度|中期|以前|20\d{2}年).*(预算|执行|金额|安排|申请|数)|^(上年|本年|当年)")
_YEAR_COLUMN = re.compile(r"本年|当年|^年度")
_AMOUNT_COLUMN = re.compile(r"^(?:金额|预算金额|申请金额|预算数|预算资金|资金金额)$")  # a plain amount: the year's
_PAST_COLUMN = re.compile(r"上年|以前|实际|执行|决算")
_NO_VALUE = ("", "—", "——", "-", "--", "/")


@lru_cache(maxsize=8192)  # asked of every cell of every header row: labels and values repeat
def _period_column(text: str) -> bool | None:
    """Return whether a header cell heads a money grid's period column (True: names a period, False: a plain
    amount column such as 金额), or None when it heads none."""
    if header_field(text) is not None and not is_year_money(text):
        return None
    key = label_key(text)
    return True if _PERIOD.search(key) else False if _AMOUNT_COLUMN.match(key) else None


on_labels_changed(_period_column.cache_clear)


def _money_grid(head: Header, rows: list[list[Cell]], i: int) -> int:
    """Read money drawn as a grid (sources × 上年度预算安排 | 上年度实际执行 | 本年度申请金额, or cost lines ×
    金额 | 测算依据 | 2021年实际执行数); return rows used.

    The budget is the year's column (本年/当年, else a plain 金额 column); every other column, and each
    cost line (项目预算成本构成), is kept in `extra` as 'line（column）'. A 合计 row is the total.
    """
    cells = [c for c in distinct(rows[i]) if c.lines]
    if len(cells) < 2:
        return 0  # two period columns at least
    periods = [c for c in cells if _period_column(c.text) is not None]
    if len(periods) < 2 or not any(_period_column(c.text) for c in periods):
        return 0
    year = (next((c for c in periods if _YEAR_COLUMN.search(label_key(c.text))), None)
            or next((c for c in periods if not _PAST_COLUMN.search(label_key(c.text))), None) or periods[-1])
    first = periods[0].col
    columns = [c for c in cells if c.col >= first]
    for c in cells:
        if c.col < first:
            c.fate = (LABEL, "section")
            if head.label_unit is None:
                head.label_unit = label_multiplier(c.text) or find_money_unit(c.text)
        else:
            c.fate = (LABEL, "project.budget" if c is year else "project.extra")
    used, items, total_seen = 1, [], False
    for row in rows[i + 1:]:
        label = next((c for c in reversed(row[:first]) if c.lines and not c.merged), None)
        if label is None:
            break
        key = label_key(label.text)
        fld = "total" if key in _SUM_WORDS else header_field(label.text)
        year_text = row[year.col].text.strip() if year.col < len(row) else ""
        if fld is None and (_classify(label).kind != "text" or (
                year_text not in _NO_VALUE and parse_money(year_text, 1) is None)):
            break  # not a cost line: the grid is over
        if fld is not None and fld not in MONEY_FIELDS:
            break
        label.fate = (LABEL, FIELD_PATH[fld] if fld else "project.extra")
        for c in columns:
            cell = row[c.col] if c.col < len(row) else None
            if cell is None or cell is label or not cell.lines and c is not year:
                continue
            value = cell.text.strip()
            if c is year and fld is not None:
                total_seen = total_seen or fld == "total"
                cell.fate = (VALUE, FIELD_PATH[fld])
                _store(head, fld, label.text, [value] if value not in _NO_VALUE else [], (cell,))
            elif value not in _NO_VALUE:
                head.extra[f"{extra_key(label.text)}（{extra_key(c.text)}）"] = value
                cell.fate = (VALUE, "project.extra")
                if c is year:
                    items.append(value)
            elif cell.lines:
                cell.fate = (VALUE, "project.extra")
        used += 1
    if items and not total_seen:  # cost lines without a 合计 row: their sum is the budget
        amounts = [parse_money(v, 1) for v in items]
        total = round(sum(a for a in amounts if a is not None), 2)
        _store(head, "total", year.text, [f"{total:.2f}"])
        head.notes.append(("guessed", label_key(year.text),
                           f"预算构成没有合计行，资金总额按各项“{label_key(year.text)}”之和 {total:.2f} 读取，请核对"))
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
