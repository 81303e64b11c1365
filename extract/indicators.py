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
from extract.labels import LEVEL2_NAMES, fold, indicator_column, indicator_column_why, label_key
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
            parsed = _parse_target(plain)
        reached = _REACHES.match(fold(first))
        if parsed[0] is None and reached:
            return _parse_target(fold(first)[reached.end():])
    return parsed


# Headers that are the indicator's name where the table has no 三级 column.
NAME_WHEN_ALONE = ("指标内容", "绩效指标内容", "指标名称")
# 到位率达100%: a leading verb phrase ending in 达 / 达到 is not part of the target.
_REACHES = re.compile(r"^[^\d≥≤<>=＞＜]{0,20}?(?:达到|达)(?=\s*[≥≤<>=＞＜]?\s*\d)")

_LONG_TERM = re.compile(r"(中长期|长期|中期)(绩效)?(指标|目标)|^总目标绩效指标")
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


def _row_columns(row: list[Cell]) -> ColumnMap:
    """Return the column map a header row spells, or {} when it is not one."""
    columns: ColumnMap = {}
    group = 1  # a second 二级 | 三级 | 指标值 run in the same row: the other horizon, side by side
    for c, cell in enumerate(row):
        name = indicator_column(cell.text) if cell.lines else None
        if name is None:
            continue
        if name == "ignored" or (name in columns and row[columns[name][-1]] is cell):
            columns.setdefault(name, []).append(c)  # the same cell spanning grid columns; every ignored one
            continue
        if name in ("level2", "name", "description") and name in columns and "target_raw" in columns:
            group = 2
        if group == 2 and name in ("level2", "name", "description", "target_raw", "op_col", "unit_col"):
            key = f"{name}@2"
            if key in columns and row[columns[key][-1]] is not cell:
                continue
            columns.setdefault(key, []).append(c)
            continue
        if name == "target_raw" and "target_raw" in columns:
            # 年度指标值 and 中长期指标值 side by side: the long-term one is its own column
            long_first = "长期" in fold(row[columns["target_raw"][0]].text)
            if long_first or "长期" in fold(cell.text):
                if long_first:
                    columns["target_long"] = columns.pop("target_raw")
                    columns["target_raw"] = [c]
                else:
                    columns.setdefault("target_long", []).append(c)
            continue
        if name in columns:
            continue  # a second column of the same name: keep the first
        columns.setdefault(name, []).append(c)
    if "name" not in columns and "description" in columns:
        head = label_key(row[columns["description"][0]].text)
        if head in NAME_WHEN_ALONE:  # no 三级 column: 指标内容 / 指标名称 IS the name
            columns["name"] = columns.pop("description")
    if len(columns) >= 3 and ({"level1", "level2", "name"} & columns.keys()) and "target_raw" in columns:
        return columns
    return {}


def find_header_row(grid: list[list[Cell]], lo: int = 0, hi: int | None = None) -> tuple[int, ColumnMap] | None:
    """Return the index of the indicator header row among grid[lo:hi] and its column map, or None.

    A header drawn in two rows (指标名称 over 二级指标 | 三级指标) is read from its lower row, where
    the cells merged down from the upper row are seen too.
    """
    end = len(grid) if hi is None else hi
    for r in range(lo, end):
        columns = _row_columns(grid[r])
        if not columns:
            continue
        if r + 1 < end:
            lower = _row_columns(grid[r + 1])
            if lower and len(lower) >= len(columns) and any(
                grid[r + 1][cols[0]] is not grid[r][cols[0]] for cols in lower.values()
            ):
                return r + 1, lower
        return r, columns
    return None


def one_level_off(grid: list[list[Cell]], header_row: int, columns: ColumnMap) -> ColumnMap:
    """Return the column map with roles shifted when the column headed 一级指标 holds 二级 names.

    Decided by the cells: most filled cells of that column are 数量指标, 质量指标 … Then level1 is
    null, that column is level2, and the next column (the one headed 二级指标) is the name.
    """
    if "level1" not in columns or "level2" not in columns:
        return columns
    c1 = columns["level1"][0]
    texts = {grid[r][c1].text for r in range(header_row + 1, len(grid)) if c1 < len(grid[r]) and grid[r][c1].lines}
    if not texts or sum(1 for t in texts if label_key(t) in LEVEL2_NAMES) * 2 <= len(texts):
        return columns
    shifted = {k: v for k, v in columns.items() if k not in ("level1", "level2", "name")}
    shifted["level2"] = columns["level1"]
    if "name" in columns:  # 三级 left blank or used as a description
        shifted.setdefault("description", columns["name"])
    shifted["name"] = columns["level2"]
    return shifted


@dataclass
class IndicatorReader:
    """Reads indicator rows for one project, carrying 一级/二级 across rows and split tables."""

    columns: ColumnMap
    width: int
    horizon: str = "annual"
    level1: str | None = None
    level2: str | None = None
    level2_b: str | None = None  # 二级 of the second side-by-side group
    rows: list[Indicator] = field(default_factory=list)
    notes: list[tuple[str, str, str]] = field(default_factory=list)  # warnings: (kind, where, message)
    unplaced: list[tuple[int, int, int, str]] = field(default_factory=list)  # (table, row, col, text) read nowhere
    sides: list[str] = field(default_factory=list)  # horizons of side-by-side groups, when there are two

    def __post_init__(self) -> None:
        self.remap(self.columns, self.width)

    def remap(self, columns: ColumnMap, width: int) -> None:
        """Read later rows through another column map (a part of the table drawn differently)."""
        self.columns, self.width = columns, width
        self._ordered = sorted(columns.items(), key=lambda item: item[1][0])
        mapped = {c for cols in columns.values() for c in cols}
        self._side = [c for c in range(width) if c not in mapped]  # where side titles (长期绩效指标) sit
        self.sides = ["long_term", "annual"] if "target_raw@2" in columns else []
        self._mapped = mapped
        self._seen: set[tuple[int, int, int]] = getattr(self, "_seen", set())

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
                elif side is not None and side.lines and side.row == r and not _spans_mapped(row, side, self._mapped):
                    if label_key(side.text) not in SIDE_LABELS and (table_index, side.row, side.col) not in self._seen:
                        self._seen.add((table_index, side.row, side.col))
                        self.unplaced.append((table_index, r, c, side.text))
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
                    self.level2 = self.level2_b = None
                self.level1 = v["level1"]
            if v.get("level2"):
                self.level2 = v["level2"]
            if v.get("level2@2"):
                self.level2_b = v["level2@2"]
            sides = [("", self.sides[0] if self.sides else self.horizon)]
            if self.sides:
                sides.append(("@2", self.sides[1]))
            for suffix, side_horizon in sides:
                name, description = v.get(f"name{suffix}"), v.get(f"description{suffix}")
                target = v.get(f"target_raw{suffix}")
                if not any((name, description, target, None if suffix else v.get("basis"))):
                    continue  # this horizon left blank in a side-by-side row
                targets = [(target, side_horizon)]
                if not suffix and v.get("target_long"):
                    targets.append((v["target_long"], "long_term"))
                op_text, unit_text = v.get(f"op_col{suffix}") or "", v.get(f"unit_col{suffix}") or ""
                for raw, horizon in targets:
                    op, value, unit = _target(raw)
                    if op_text or unit_text:  # 指标性质 | 指标值 | 度量单位 in three columns
                        op, value, unit = _target(f"{op_text}{raw or ''}{unit_text}")
                    where = f"表{table_index + 1}第{r + 1}行"
                    if not name:
                        self.notes.append(("indicator_no_name", where,
                                           f"指标行没有指标名称（指标值“{raw or ''}”），请补填三级指标名称"))
                    elif not raw:
                        self.notes.append(("indicator_no_target", where, f"指标“{name}”没有填写指标值"))
                    self.rows.append({
                        "level1": self.level1, "level2": self.level2_b if suffix else self.level2,
                        "name": name, "description": description,
                        "target_raw": raw, "op": op, "value": value, "unit": unit,
                        "basis": v.get("basis"), "horizon": horizon,  # type: ignore[typeddict-item]
                        "result": None,
                        "source_table": table_index, "source_row": r,
                    })

    def side_titles(self, grid: list[list[Cell]], header_row: int) -> None:
        """Set the horizons of side-by-side groups from the titles above them (中期指标 | 年度指标)."""
        if not self.sides or header_row == 0:
            return
        above = grid[header_row - 1]
        for i, key in enumerate(("target_raw", "target_raw@2")):
            c = self.columns[key][0] if key in self.columns else None
            if c is not None and c < len(above) and above[c].lines and (h := horizon_of(above[c].text)):
                self.sides[i] = h

    def switch(self, horizon: str) -> None:
        """Start a block of another horizon (长期 / 年度): levels no longer carry over."""
        if horizon != self.horizon:
            self.horizon = horizon
            self.level1 = self.level2 = self.level2_b = None


# Labels of a merged side column or a spanning title: they name the block, they are not data.
SIDE_LABELS = ("绩效指标", "项目绩效指标", "指标", "年度绩效指标", "长期绩效指标", "中期绩效指标", "绩效目标",
               "产出指标", "效益指标", "满意度指标", "部门整体支出绩效指标", "整体绩效指标")


def _spans_mapped(row: list[Cell], cell: Cell, mapped: set[int]) -> bool:
    return any(row[c] is cell for c in mapped if c < len(row))


_CONTENT_WHY: dict[tuple[str | None, str | None], str] = {
    ("description", "name"): "没有三级指标列：此列即指标名称 (no 三级 column: 指标内容 is the name)",
    ("level1", "level2"): "按内容：此列填的是二级指标（数量指标、质量指标…）(cells hold 二级 names)",
    ("level2", "name"): "按内容：一级列填了二级指标，此列即指标名称 (one level off)",
    ("name", "description"): "按内容：一级列填了二级指标，三级列作为描述 (one level off)",
    ("target_raw", "target_long"): "表头写明长期/中长期 (the long-term target)",
}


def describe_columns(row: list[Cell], columns: ColumnMap) -> list[tuple[int, str, str | None, str]]:
    """Return (grid column, header text, role, what decided it) for each header cell of an indicator table."""
    final = {c: role for role, cols in columns.items() for c in cols}
    out: list[tuple[int, str, str | None, str]] = []
    seen: set[int] = set()
    for c, cell in enumerate(row):
        if id(cell) in seen or not cell.lines:
            continue
        seen.add(id(cell))
        label_role, why = indicator_column_why(cell.text)
        role = final.get(c)
        base = role.split("@")[0] if role else None
        if base != label_role:
            why = _CONTENT_WHY.get((label_role, base), why or "按位置 (by position)")
        if role and role.endswith("@2"):
            why += "；并列的第二组指标 (second side-by-side group)"
        out.append((c, cell.text, role, why))
    return out
