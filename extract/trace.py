"""How a file was read: the one record `jixiao explain` prints and warnings come from.

Every non-empty table cell and every paragraph outside tables ends in exactly one fate:
- `label`: a label that was understood (项目名称, 一级指标, 长期绩效指标 ...), with what it names;
- `value`: the value of a named contract field (project.name, indicator.target_raw, project.extra ...);
- `skip`: boilerplate, skipped by a named rule (`RULES`: form titles, 填报说明, signatures ...);
- `warn`: a warning of a named kind (text_unplaced, column_unknown, table_unknown, kept_unmapped ...).

Readers set a cell's fate (`Cell.fate`) as they use it; whatever no reader placed is `text_unplaced`.
Each decision about a table is kept with its evidence (the label or the content that decided it),
so the explanation an operator reads and the warnings a unit receives never disagree.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from extract.grid import Cell, own_cells

LABEL, VALUE, SKIP, WARN = "label", "value", "skip", "warn"
Fate = tuple[str, str]
UNPLACED: Fate = (WARN, "text_unplaced")

# Boilerplate a reader skips, by rule: what each covers (explain prints it).
RULES = {
    "form_title": "表格标题 (form title)",
    "part_title": "部分标题、目录 (part title, table of contents)",
    "instructions": "填报说明、注 (instructions, notes)",
    "signature": "签字、盖章、日期、审核意见栏 (signature, seal, date, sign-off)",
    "jixiao_toml": "jixiao.toml 登记的模板说明 (boilerplate registered in jixiao.toml [labels.boilerplate])",
    "row_number": "序号 (row number)",
    "score_column": "分值、权重、评分列 (score-only column)",
    "history_column": "上年、历史值列 (last year's values: no place in a target form)",
    "placeholder": "未填写的模板占位 (template placeholder left blank)",
    "sum_row": "合计、小计行 (sum row)",
    "no_contract_field": "提取约定中没有对应字段的已知列 (known column with no place in the contract)",
}

_KIND_NAMES = {LABEL: "标签 (label)", VALUE: "值 (value)", SKIP: "跳过 (skipped)", WARN: "提醒 (warning)"}


class Placement(NamedTuple):
    """One non-empty cell or paragraph and its fate (a tuple: made for every paragraph of every file)."""

    table: int | None  # None for a paragraph outside tables
    row: int  # grid row; for a paragraph, its number among the body's non-empty paragraphs
    col: int
    text: str
    kind: str
    what: str

    @property
    def where(self) -> str:
        if self.table is None:
            return f"正文第{self.row + 1}段"
        return f"表{self.table + 1}第{self.row + 1}行第{self.col + 1}列"


@dataclass
class TableTrace:
    """What one table was taken for and how its parts were read."""

    index: int
    taken_for: list[str] = field(default_factory=list)
    fields: list[tuple[str, str]] = field(default_factory=list)  # header label -> field it filled
    columns: list[tuple[int, str, str | None, str]] = field(default_factory=list)  # col, header, role, why
    grid: list[list[Cell]] = field(default_factory=list, repr=False)
    # After `close`: the cells that may carry a warning (no fate yet, or a warning), the grid dropped
    # unless kept: a file's grids would otherwise stay alive to its end, for the garbage collector to scan.
    pending: list[Cell] | None = field(default=None, repr=False)

    def close(self, keep: bool) -> None:
        """Note the cells still without a fate or warned; keep the whole grid only when `keep` (explain)."""
        cells = getattr(self.grid, "written", None)
        self.pending = [c for c in (own_cells(self.grid) if cells is None else cells)
                        if c.fate is None or c.fate[0] == WARN]
        if not keep:
            self.grid = []

    def placements(self) -> list[Placement]:
        """Return every non-empty cell of the table once, with its fate (unplaced when no reader placed it)."""
        out = []
        default = UNPLACED if self.taken_for else (WARN, "table_unknown")
        for c in own_cells(self.grid):
            kind, what = c.fate or default
            out.append(Placement(self.index, c.row, c.col, c.text, kind, what))
        return out

    def warnings(self, placements: list[Placement] | None = None) -> list[tuple[str, str, str]]:
        """Return the (kind, where, message) of this table's cells read nowhere: the table, a column, or a cell.

        Other warning kinds a cell can carry (kept_unmapped, guessed …) are said by the reader that decided them.
        """
        where = f"表{self.index + 1}"
        out: list[tuple[str, str, str]] = []
        if placements is None:  # only the cells that can carry a warning: most tables have none
            cells = self.pending if self.pending is not None else getattr(self.grid, "written", None)
            placements = [Placement(self.index, c.row, c.col, c.text, *(c.fate or UNPLACED))
                          for c in (own_cells(self.grid) if cells is None else cells)
                          if c.fate is None or c.fate[0] == WARN]
        if not self.taken_for and placements:
            out.append(("table_unknown", where, "此表格未能识别为项目表头、绩效指标表或部门整体目标，内容未读取"))
            return out
        columns: set[int] = set()
        for p in placements:
            if p.kind != WARN:
                continue
            if p.what == "column_unknown" and p.col not in columns:
                columns.add(p.col)
                out.append(("column_unknown", f"{where}第{p.col + 1}列",
                            f"列“{p.text[:20]}”未能识别，该列内容未读取；如是新模板，请在 jixiao.toml [labels] 中登记"))
            elif p.what == "text_unplaced":
                out.append(("text_unplaced", p.where, f"单元格内容“{p.text[:30]}”未能归入任何字段，未读取"))
        return out


@dataclass
class Reading:
    """How a whole file was read: its paragraphs and tables in document order."""

    blocks: list[TableTrace | Placement] = field(default_factory=list)

    @property
    def tables(self) -> list[TableTrace]:
        return [b for b in self.blocks if isinstance(b, TableTrace)]

    def placements(self) -> list[Placement]:
        """Return every non-empty paragraph outside tables and every non-empty cell, in document order."""
        out: list[Placement] = []
        for b in self.blocks:
            out.extend(b.placements() if isinstance(b, TableTrace) else [b])
        return out


def format_reading(reading: Reading, cells: bool = False) -> str:
    """Return the explanation of a file as text: paragraphs, and per table its parts and its cells' fates.

    Cells read as values are counted; labels, skipped and warned cells are listed (`cells=True`: all).
    """
    lines: list[str] = []
    for b in reading.blocks:
        if isinstance(b, Placement):
            lines.append(f"段{b.row + 1}: {_short(b.text, 40)} -> {_fate_text(b.kind, b.what)}")
            continue
        t = b
        lines.append(f"表{t.index + 1}: {'; '.join(t.taken_for) or '未识别 (ignored)'}")
        for label, role in t.fields:
            lines.append(f"  字段 {_short(label, 30)} -> {role}")
        placements = t.placements()
        heads = {(p.col, p.text): p for p in placements}
        for c, head, col_role, why in t.columns:
            fate = heads.get((c, head))
            shown = col_role or ("未识别 (unknown)" if fate is None or fate.what == "column_unknown" else
                                 "extra（整列一项：项目的字段）(one text over all rows: a header field)"
                                 if fate.what.endswith(".extra") else "区块标题 (block label)")
            lines.append(f"  列{c + 1} {_short(head, 20)} -> {shown}{'  [' + why + ']' if why else ''}")
        counts = Counter(p.kind for p in placements)
        lines.append(f"  单元格 {len(placements)} 个 (cells): "
                     + ", ".join(f"{_KIND_NAMES[k]} {counts[k]}" for k in (LABEL, VALUE, SKIP, WARN)))
        for p in placements:
            if cells or p.kind in (SKIP, WARN):
                lines.append(f"    第{p.row + 1}行第{p.col + 1}列 {_short(p.text, 30)} -> {_fate_text(p.kind, p.what)}")
    return "\n".join(lines)


def _short(text: str, n: int) -> str:
    flat = text.replace("\n", " ")
    return flat if len(flat) <= n else flat[: n - 1] + "…"


def _fate_text(kind: str, what: str) -> str:
    if kind == SKIP:
        return f"跳过 {what} ({RULES.get(what, what)})"
    if kind == WARN:
        return f"提醒 [{what}]"
    return f"{_KIND_NAMES[kind].split(' ')[0]} {what}"
