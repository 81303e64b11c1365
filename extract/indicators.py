"""The indicator block (一级指标 / 二级指标 / 三级指标 / 指标值 ...) of a project.

Columns are found by their header names in any order; spacer and unknown columns are
ignored. 一级 and 二级 come from merged cells, from text repeated per row, or from text
written only on a group's first row: a blank level inherits the one above, across a table
broken in two at a page break.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from extract.grid import Cell, distinct
from extract.labels import fold, indicator_column
from extract.records import Indicator
from extract.values import Target, parse_target

# Targets repeat across rows and files (≥95百分比, 100%, 1个 …): parse each spelling once.
_parse_target = lru_cache(maxsize=8192)(parse_target)

_SUMMARY_ROW = re.compile(r"^\s*(合\s*计|总\s*计|小\s*计|填表人|填报人|联系人|联系电话|审核人|负责人|注\s*[:：])")
_NOTE = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")


def _target(raw: str | None) -> Target:
    """Return (op, value, unit) of a 指标值, reading past a note after it: '≥95%（群众满意度）'."""
    parsed = _parse_target(raw)
    if parsed[0] is None and raw:
        first = raw.split("\n")[0]
        plain = _NOTE.sub("", first)
        if plain and plain != raw:
            return _parse_target(plain)
    return parsed


_LONG_TERM = re.compile(r"(中长期|长期)(绩效)?(指标|目标)")
_ANNUAL = re.compile(r"年度(绩效)?指标")

ColumnMap = dict[str, list[int]]


@lru_cache(maxsize=4096)
def horizon_of(text: str) -> str | None:
    """Return 'long_term' / 'annual' when a title names the indicator table's horizon."""
    flat = fold(text)
    if _LONG_TERM.search(flat):
        return "long_term"
    if _ANNUAL.search(flat):
        return "annual"
    return None


def find_header_row(grid: list[list[Cell]], lo: int = 0, hi: int | None = None) -> tuple[int, ColumnMap] | None:
    """Return the index of the indicator header row among grid[lo:hi] and its column map, or None."""
    for r in range(lo, len(grid) if hi is None else hi):
        row = grid[r]
        columns: ColumnMap = {}
        for c, cell in enumerate(row):
            name = indicator_column(cell.text) if cell.lines else None
            if name is None:
                continue
            if name == "target_raw" and "target_raw" in columns and row[columns["target_raw"][-1]] is not cell:
                # 年度指标值 and 中长期指标值 side by side: the long-term one is its own column
                long_first = "长期" in fold(row[columns["target_raw"][0]].text)
                if long_first or "长期" in fold(cell.text):
                    if long_first:
                        columns["target_long"] = columns.pop("target_raw")
                        columns["target_raw"] = [c]
                    else:
                        columns.setdefault("target_long", []).append(c)
                continue
            if name in columns and row[columns[name][-1]] is not cell:
                continue  # a second column of the same name: keep the first
            columns.setdefault(name, []).append(c)
        if len(columns) >= 3 and ("level1" in columns or "name" in columns) and "target_raw" in columns:
            return r, columns
    return None


@dataclass
class IndicatorReader:
    """Reads indicator rows for one project, carrying 一级/二级 across rows and split tables."""

    columns: ColumnMap
    width: int
    horizon: str = "annual"
    level1: str | None = None
    level2: str | None = None
    rows: list[Indicator] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.remap(self.columns, self.width)

    def remap(self, columns: ColumnMap, width: int) -> None:
        """Read later rows through another column map (a part of the table drawn differently)."""
        self.columns, self.width = columns, width
        self._ordered = sorted(columns.items(), key=lambda item: item[1][0])
        mapped = {c for cols in columns.values() for c in cols}
        self._side = [c for c in range(width) if c not in mapped]  # where side titles (长期绩效指标) sit

    def _values(self, row: list[Cell]) -> dict[str, str | None]:
        claimed: set[int] = set()  # a cell spanning two fields' columns belongs to the first
        values: dict[str, str | None] = {}
        width = len(row)
        for name, cols in self._ordered:
            texts = []
            for c in cols:
                if c >= width:
                    continue
                cell = row[c]
                if id(cell) in claimed:
                    continue
                claimed.add(id(cell))
                if cell.lines:
                    texts.append(cell.text)
            values[name] = texts[0] if len(texts) == 1 else "\n".join(texts) if texts else None
        return values

    def read(self, grid: list[list[Cell]], start: int, table_index: int, stop: int | None = None) -> None:
        """Append the indicators of grid rows start..stop."""
        for r in range(start, len(grid) if stop is None else stop):
            row = grid[r]
            for c in self._side:  # a merged side column naming the block: 长期绩效指标 / 年度绩效指标
                side = row[c] if c < len(row) else None
                if side is not None and side.lines and (horizon := horizon_of(side.text)):
                    self.switch(horizon)
            cells = [c for c in distinct(row) if c.lines]
            if not cells:
                continue
            if len(cells) == 1 and all(cell is cells[0] or not cell.lines for cell in row):
                horizon = horizon_of(cells[0].text)  # a title row spanning the table
                if horizon:
                    self.switch(horizon)
                continue
            if sum(1 for c in cells if indicator_column(c.text)) >= 3:
                continue  # the header row repeated after a page break
            if _SUMMARY_ROW.match(cells[0].text):
                continue  # 合计 / 填表人 / 注： rows closing the table are not indicators
            v = self._values(row)
            if v.get("level1"):
                if v["level1"] != self.level1:
                    self.level2 = None
                self.level1 = v["level1"]
            if v.get("level2"):
                self.level2 = v["level2"]
            if not any(v.get(k) for k in ("name", "description", "target_raw", "basis")):
                continue
            targets = [(v.get("target_raw"), self.horizon)]
            if v.get("target_long"):
                targets.append((v["target_long"], "long_term"))
            for target, horizon in targets:
                op, value, unit = _target(target)
                if v.get("op_col") or v.get("unit_col"):  # 指标性质 | 指标值 | 度量单位 in three columns
                    op, value, unit = _target(f"{v.get('op_col') or ''}{target or ''}{v.get('unit_col') or ''}")
                self.rows.append({
                    "level1": self.level1, "level2": self.level2,
                    "name": v.get("name"), "description": v.get("description"),
                    "target_raw": target, "op": op, "value": value, "unit": unit,
                    "basis": v.get("basis"), "horizon": horizon,  # type: ignore[typeddict-item]
                    "source_table": table_index, "source_row": r,
                })

    def switch(self, horizon: str) -> None:
        """Start a block of another horizon (长期 / 年度): levels no longer carry over."""
        if horizon != self.horizon:
            self.horizon = horizon
            self.level1 = self.level2 = None
