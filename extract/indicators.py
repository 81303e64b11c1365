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
from extract.header_rows import (
    add_categories,
    is_classification,
    level_guesses,
    name_and_target,
    name_under_span,
    split_target_columns,
    strip_ordinal,
    sub_headings,
    title_level,
)
from extract.labels import (
    LEVEL2_NAMES,
    fold,
    header_field,
    indicator_column,
    indicator_column_why,
    label_key,
)
from extract.records import Indicator
from extract.trace import LABEL, SKIP, VALUE, WARN, TableTrace
from extract.values import Target, parse_target

# Targets repeat across rows and files (≥95百分比, 100%, 1个 …): parse each spelling once.
_parse_target = lru_cache(maxsize=8192)(parse_target)

_CLOSING_FIRST = frozenset("合总小填联审负单财注说备 \u3000")  # first characters of a closing row's first cell
_SUM_ROW = re.compile(r"^\s*(?:合\s*计|总\s*计|小\s*计)")
_SIGNATURE_ROW = re.compile(r"^\s*(?:填表人|填报人|联系人|联系电话|审核人|负责人|单位负责人|财务负责人)")
_NOTE_ROW = re.compile(r"^\s*(?:注|说明|备注|填报说明|填表说明)\s*\d?\s*[:：]")
# A title naming the indicator block (绩效项目指标表, 项目年度绩效目标衡量指标): not data.
_BLOCK_TITLE = re.compile(r"^[^，,。；;：:\d]{0,14}指标表?$")
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
_QUALIFIER = re.compile(r"\(.*?\)$")  # 指标内容（150字内）: after label_key, brackets are half-width
# 到位率达100%: a leading verb phrase ending in 达 / 达到 is not part of the target.
_REACHES = re.compile(r"^[^\d≥≤<>=＞＜]{0,20}?(?:达到|达)(?=\s*[≥≤<>=＞＜]?\s*\d)")

_LONG_TERM = re.compile(r"(中长期|长期|中期)(绩效)?(指标|目标)|^总目标绩效指标")
_ANNUAL = re.compile(r"年度(绩效)?指标")

ColumnMap = dict[str, list[int]]
# Header fields that may head a column of an indicator table holding several projects, one group of rows each.
PROJECT_COLUMN_FIELDS = ("name", "code", "total", "fiscal", "other", "annual_goals", "goals_section", "purpose",
                         "long_goals")


def has_project_columns(columns: ColumnMap) -> bool:
    """Return whether an indicator header names the project of each group of rows (项目名称 or 项目编码 column)."""
    return "project:name" in columns or "project:code" in columns


def split_project_columns(columns: ColumnMap) -> tuple[dict[str, int], ColumnMap]:
    """Return (header field -> grid column) of a table's project columns, and the indicator columns without them."""
    project = {k.split(":", 1)[1]: v[0] for k, v in columns.items() if k.startswith("project:")}
    return project, {k: v for k, v in columns.items() if not k.startswith("project:")}


@lru_cache(maxsize=4096)
def horizon_of(text: str) -> str | None:
    """Return 'long_term' / 'annual' when a title names the indicator table's horizon."""
    flat = fold(text)
    if _LONG_TERM.search(flat):
        return "long_term"
    if _ANNUAL.search(flat):
        return "annual"
    return None


def _row_columns(row: list[Cell], partial: bool = False) -> ColumnMap:
    """Return the column map a header row spells, or {} when it is not one (`partial`: whatever it names)."""
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
        head = _QUALIFIER.sub("", label_key(row[columns["description"][0]].text))
        if head in NAME_WHEN_ALONE:  # no 三级 column: 指标内容 / 指标名称 IS the name
            columns["name"] = columns.pop("description")
    if "score_rule" in columns:  # 评分细则: the basis where no 依据 column says it, else a score column
        columns.setdefault("basis" if "basis" not in columns else "ignored", []).extend(columns.pop("score_rule"))
    return columns if partial else _header_columns(row, columns)


def _header_columns(row: list[Cell], columns: ColumnMap) -> ColumnMap:
    """Return the columns a row names if they make an indicator header (with its project columns), else {}."""
    if "target_raw" not in columns or not ({"level1", "level2", "name"} & columns.keys()) or len(columns) < 3:
        return {}
    projects: ColumnMap = {}  # 项目名称 | 资金 | 年度目标 beside the indicators: a project per group of rows
    for c, cell in enumerate(row):
        project = header_field(cell.text) if cell.lines and not indicator_column(cell.text) else None
        if project in PROJECT_COLUMN_FIELDS:
            cols = projects.setdefault(f"project:{project}", [])
            if not cols or row[cols[-1]] is cell:
                cols.append(c)
    if "project:name" in projects or "project:code" in projects:  # money or goals alone: not a project's
        columns.update(projects)
    return columns


def find_header_row(grid: list[list[Cell]], lo: int = 0, hi: int | None = None) -> tuple[int, ColumnMap] | None:
    """Return the index of the indicator header row among grid[lo:hi] and its column map, or None.

    A header drawn in two rows (指标名称 over 二级指标 | 三级指标) is read from its lower row, where
    the cells merged down from the upper row are seen too; so is one whose 指标值 spans sub-headings
    (年度 | 中长期) the label lists do not know (extract.header_rows.split_target_columns).
    """
    end = len(grid) if hi is None else hi
    for r in range(lo, end):
        named = _row_columns(grid[r], partial=True)
        if not named:
            continue
        columns = _header_columns(grid[r], dict(named))
        if columns and not ("level1" in columns and "level2" in columns):
            columns = add_categories(grid, r, end, columns)  # 一级/二级 its words do not name: by structure
        elif not columns:
            columns = _levels_by_content(grid, r, end, named)
        if not columns:
            continue
        if r + 1 < end:
            lower = _row_columns(grid[r + 1])
            if lower and len(lower) >= len(columns) and any(
                grid[r + 1][cols[0]] is not grid[r][cols[0]] for cols in lower.values()
            ):
                return r + 1, lower
            if subs := sub_headings(grid[r], grid[r + 1]):  # 指标值 over 年度 | 中长期: the header's lower row
                split = split_target_columns(columns, subs)
                if split:
                    return r + 1, split
        return r, columns
    return None


# 满意度 has one 二级 category: forms one level off write 满意度指标 where the 二级 name goes.
_EITHER_LEVEL = ("满意度指标", "满意度")


def _levels_by_content(grid: list[list[Cell]], r: int, end: int, named: ColumnMap) -> ColumnMap:
    """Return a header row's columns when it names the name and target columns only (年度绩效目标 | 指标内容 |
    目标值, 类别 | 目标类型 | 指标内容 | 目标值, 指标内容 | 指标值): the category columns are found by structure
    and content (extract.header_rows), and a name | target table without them is read with null levels; else {}."""
    if "target_raw" not in named or r + 1 >= end:
        return {}
    if not ({"name", "description"} & named.keys()):  # 绩效指标 spanning 一级 | 二级 | 三级: split by its cells
        columns = name_under_span(grid, r, end, add_categories(grid, r, end, dict(named)))
        return columns if "name" in columns else {}
    columns = add_categories(grid, r, end, dict(named))
    if not ({"level1", "level2"} & columns.keys()):
        return name_and_target(grid, r, end, named)
    if "name" not in columns:
        columns["name"] = columns.pop("description")
    return columns


def one_level_off(grid: list[list[Cell]], header_row: int, columns: ColumnMap,
                  notes: list[tuple[str, str, str]] | None = None, where: str = "") -> ColumnMap:
    """Return the column map with roles shifted when the column headed 一级指标 holds 二级 names.

    Decided by the cells: most filled cells of that column are 数量指标, 质量指标 … Then level1 is
    null, that column is level2, and the next column (the one headed 二级指标) is the name. When
    some of its cells are not 二级 names, the shift is a guess, and `notes` gets a `guessed` warning.
    So does a 一级/二级 column its header does not name and its cells do not confirm (read by position).
    """
    if notes is not None:
        for c, head, role, held in level_guesses(grid, header_row, columns):
            level = "一级指标" if role == "level1" else "二级指标"
            notes.append(("guessed", where, f"第{c + 1}列“{head}”按位置读作{level}，但其内容（{'、'.join(held)}）"
                                            f"不是常见的{level}名称，请核对"))
    if "level1" not in columns or "level2" not in columns:
        return columns
    c1 = columns["level1"][0]
    texts = {grid[r][c1].text for r in range(header_row + 1, len(grid)) if c1 < len(grid[r]) and grid[r][c1].lines}
    level2 = sum(1 for t in texts if label_key(t) in LEVEL2_NAMES)
    if not texts or level2 * 2 <= len(texts):
        return columns
    texts = {t for t in texts if not any(  # a closing row (主管部门审核意见 | 盖章) is not a level
        _closing_row([c for c in distinct(row) if c.lines]) for row in grid[header_row + 1:]
        if c1 < len(row) and row[c1].text == t)}
    either = sum(1 for t in texts if label_key(t) in _EITHER_LEVEL)
    if level2 + either < len(texts) and notes is not None:
        others = "、".join(sorted(t for t in texts if label_key(t) not in (*LEVEL2_NAMES, *_EITHER_LEVEL))[:3])
        notes.append(("guessed", where, f"标为“一级指标”的列大多填的是二级指标（数量指标、质量指标…），按二级指标读取；"
                                        f"但也有“{others}”，请核对各列是否错位"))
    shifted = {k: v for k, v in columns.items() if k not in ("level1", "level2", "name")}
    shifted["level2"] = columns["level1"]
    if "name" in columns:  # 三级 left blank or used as a description
        shifted.setdefault("description", columns["name"])
    shifted["name"] = columns["level2"]
    return shifted


# Where an indicator column's cells go: a contract field, or a named rule for columns the contract has no place for.
_ROLE_FATE: dict[str, tuple[str, str]] = {
    "level1": (VALUE, "indicator.level1"), "level2": (VALUE, "indicator.level2"), "name": (VALUE, "indicator.name"),
    "description": (VALUE, "indicator.description"), "target_raw": (VALUE, "indicator.target_raw"),
    "target_long": (VALUE, "indicator.target_raw"), "basis": (VALUE, "indicator.basis"),
    "op_col": (VALUE, "indicator.op"), "unit_col": (VALUE, "indicator.unit"),
    "remark": (SKIP, "no_contract_field"),
}
_HEADER_FATE = (LABEL, "indicator.header")
_LEVEL_ROLES = frozenset(("level1", "level2", "level2@2"))
_SIGN_OFF_CELL = re.compile(r"审核意见|审批意见|审核人|填报人|填表人|负责人|签字|签章|盖章|公章|年\s+月\s+日\s*[)）]?\s*$")
_PLACEHOLDER = re.compile(r"^(?:指标\s*\d{1,2}|…+|\.{3,}|……|请填写.*|\d{1,2}|[-—/]+)$")


def ignored_rule(header: str) -> str:
    """Return the boilerplate rule of a column understood and deliberately not read (序号, 分值, 上年实际值)."""
    key = label_key(header)
    if "序号" in key:
        return "row_number"
    if re.search(r"上年|历史|以前", key):
        return "history_column"
    return "score_column"


def _role_fate(role: str, header: str) -> tuple[str, str]:
    base = role.split("@")[0]
    if base == "ignored":
        return (SKIP, ignored_rule(header))
    return _ROLE_FATE.get(base, (VALUE, f"indicator.{base}"))


@dataclass
class IndicatorReader:
    """Reads indicator rows for one project, carrying 一级/二级 across rows and split tables.

    Every cell it reads gets its fate: the indicator field it fills, the rule that skips it, or a warning.
    """

    columns: ColumnMap
    width: int
    horizon: str = "annual"
    level1: str | None = None
    level2: str | None = None
    level2_b: str | None = None  # 二级 of the second side-by-side group
    rows: list[Indicator] = field(default_factory=list)
    notes: list[tuple[str, str, str]] = field(default_factory=list)  # warnings: (kind, where, message)
    sides: list[str] = field(default_factory=list)  # horizons of side-by-side groups, when there are two
    # Header fields found in the indicator table (a column whose one merged cell spans all rows): label -> text.
    column_fields: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.unknown: dict[int, Cell] = {}  # grid column -> its header cell, for columns not understood
        self._levels: dict[str, Cell] = {}  # the cells the carried 一级/二级 came from
        self.remap(self.columns, self.width)

    def remap(self, columns: ColumnMap, width: int) -> None:
        """Read later rows through another column map (a part of the table drawn differently)."""
        self.columns, self.width = columns, width
        self._ordered = sorted(columns.items(), key=lambda item: item[1][0])
        mapped = {c for cols in columns.values() for c in cols}
        self._side = [c for c in range(width) if c not in mapped]  # where side titles (长期绩效指标) sit
        self.sides = ["long_term", "annual"] if "target_raw@2" in columns else []
        self._mapped = mapped
        self._target_col = columns["target_raw"][0] if "target_raw" in columns else width
        # Each column's fate, looked up per cell (header() refines what an ignored column is skipped as).
        self._fates: dict[str, tuple[str, str]] = {role: _ROLE_FATE.get(role) or _role_fate(role, "") for role in columns}

    def header(self, grid: list[list[Cell]], header_row: int, trace: TableTrace) -> None:
        """Give the header row's cells (and the titles just above it) their fate; note the columns not understood."""
        row = grid[header_row]
        final = {c: role for role, cols in self.columns.items() for c in cols}
        self.unknown = {}
        seen: set[int] = set()
        for c, cell in enumerate(row):
            if id(cell) in seen or not cell.lines or (cell.fate is not None and c not in final):
                continue  # a cell the caller placed already (a project column's label)
            seen.add(id(cell))
            role = final.get(c)
            if role is not None:
                cell.fate = _role_fate(role, cell.text) if role.startswith("ignored") else _HEADER_FATE
                self._fates[role] = _role_fate(role, cell.text)
            elif _merged_down(grid, header_row, cell) or label_key(cell.text) in SIDE_LABELS or horizon_of(cell.text):
                cell.fate = (LABEL, "indicator.block")  # a side title merged down the rows (项目年度绩效目标衡量指标)
            else:
                self.unknown[c] = cell
        in_row = {id(x) for x in row}
        for r in range(header_row - 1, max(-1, header_row - 4), -1):  # the upper row of a two-row header, titles
            cells = [x for x in distinct(grid[r]) if x.lines]
            if not cells:
                continue
            upper = [x for x in cells if x.fate is None and id(x) not in in_row]
            if not upper:
                if all(x.fate is not None for x in cells if id(x) not in in_row) and any(id(x) not in in_row for x in cells):
                    break  # a row the project header read: the block above is not the indicators'
                continue
            if all(indicator_column(x.text) or label_key(x.text) in SIDE_LABELS or horizon_of(x.text)
                   or _BLOCK_TITLE.search(fold(x.text)) for x in upper):
                for x in upper:
                    x.fate = (LABEL, "indicator.block") if not indicator_column(x.text) else _HEADER_FATE
                continue
            break

    def _values(self, row: list[Cell], levels: dict[str, Cell]) -> dict[str, str | None]:
        """Return the row's text per column role; each cell read gets its column's fate as it is read
        (一级/二级 cells go to `levels`: they are values only once a row they name is produced)."""
        claimed: set[int] = set()  # a cell spanning two fields' columns belongs to the first
        values: dict[str, str | None] = {}
        width = len(row)
        fates = self._fates
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
                    if name in _LEVEL_ROLES:
                        levels[name] = cell
                    else:
                        cell.fate = fates[name]
            values[name] = texts[0] if len(texts) == 1 else "\n".join(texts) if texts else None
        return values

    def read(self, grid: list[list[Cell]], start: int, table_index: int, stop: int | None = None) -> None:
        """Append the indicators of grid rows start..stop."""
        pending: dict[int, list[Cell]] = {}  # cells of columns not understood, by column
        end = len(grid) if stop is None else stop
        for r in range(start, end):
            row = grid[r]
            for c in self._side:  # a merged side column naming the block: 长期绩效指标 / 年度绩效指标
                side = row[c] if c < len(row) else None
                if side is None or not side.lines or side.fate is not None:
                    continue
                if horizon := horizon_of(side.text):
                    self.switch(horizon)
                    side.fate = (LABEL, "indicator.horizon")
                elif label_key(side.text) in SIDE_LABELS:
                    side.fate = (LABEL, "indicator.block")
                elif side.row == r and not _spans_mapped(row, side, self._mapped):
                    pending.setdefault(c, []).append(side)
            cells = [c for c in distinct(row) if c.lines]
            if not cells:
                continue
            if len(cells) == 1 and all(cell is cells[0] or not cell.lines for cell in row):
                horizon = horizon_of(cells[0].text)  # a title row spanning the table
                if horizon:
                    self.switch(horizon)
                    cells[0].fate = (LABEL, "indicator.horizon")
                elif (titled := title_level(cells[0].text)) == 1:  # 产出指标 / 一、产出指标 over its rows: their 一级
                    self.level1, self.level2, self.level2_b = strip_ordinal(cells[0].text), None, None
                    cells[0].fate = _ROLE_FATE["level1"]
                elif titled == 2 and "level2" not in self.columns:  # 数量指标 over its rows: their 二级
                    self.level2 = strip_ordinal(cells[0].text)
                    cells[0].fate = _ROLE_FATE["level2"]
                elif label_key(cells[0].text) in SIDE_LABELS or _BLOCK_TITLE.search(fold(cells[0].text)):
                    cells[0].fate = (LABEL, "indicator.block")
                elif rule := _closing_row(cells):
                    cells[0].fate = (SKIP, rule)  # 填报人：… / 注：… written across the table
                continue
            tcell = row[self._target_col] if self._target_col < len(row) else None
            if (tcell is not None and tcell.lines and indicator_column(tcell.text)  # cheap first: 指标值 in its column
                    and sum(1 for x in cells if indicator_column(x.text)) >= 3):
                for x in cells:
                    x.fate = x.fate or _HEADER_FATE  # the header row repeated after a page break
                continue
            rule = _closing_row(cells)
            if rule:
                for x in cells:
                    if x.fate is None or x.row == r:
                        x.fate = (SKIP, rule)  # 合计 / 填表人 / 注： / 审核意见 rows closing the table
                continue
            row_levels: dict[str, Cell] = {}
            v = self._values(row, row_levels)
            if _placeholder_row(v):
                _refate(row, r, (SKIP, "placeholder"))
                continue
            if v.get("level1"):
                if v["level1"] != self.level1:
                    self.level2 = self.level2_b = None
                    self._levels.pop("level2", None)
                self.level1 = v["level1"]
            if v.get("level2"):
                self.level2 = v["level2"]
            if v.get("level2@2"):
                self.level2_b = v["level2@2"]
            if row_levels:
                self._levels.update(row_levels)
            produced = False
            sides = [("", self.sides[0] if self.sides else self.horizon)]
            if self.sides:
                sides.append(("@2", self.sides[1]))
            for suffix, side_horizon in sides:
                name, description = v.get(f"name{suffix}"), v.get(f"description{suffix}")
                target = v.get(f"target_raw{suffix}")
                if not any((name, description, target, None if suffix else v.get("basis"))):
                    continue  # this horizon left blank in a side-by-side row
                produced = True
                for level in ("level1", f"level2{suffix}"):
                    if level in self._levels:
                        self._levels[level].fate = _ROLE_FATE["level1" if level == "level1" else "level2"]
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
            if not produced:  # nothing read from this row: its cells are values of nothing
                _refate(row, r, None)
        self._settle(pending, grid, start, end)

    def _settle(self, pending: dict[int, list[Cell]], grid: list[list[Cell]], start: int, end: int) -> None:
        """Decide the cells of columns not understood: one merged cell over all rows is a header field
        of the project (保障绩效目标实现措施 | its text), kept in extra; anything else is a warning."""
        for c, cells in pending.items():
            head = self.unknown.get(c)
            if head is None:
                continue  # a column without a header: each cell is text_unplaced (left without a fate)
            unique = list(dict.fromkeys(cells))
            if len(unique) == 1 and unique[0].merged and head.text != unique[0].text and sum(
                    1 for r in range(start, end) if c < len(grid[r]) and grid[r][c] is unique[0]) >= 2:
                self.column_fields.append((head.text, unique[0].text))
                head.fate, unique[0].fate = (LABEL, "project.extra"), (VALUE, "project.extra")
                continue
            head.fate = (WARN, "column_unknown")
            for cell in unique:
                cell.fate = (WARN, "column_unknown")
        for c, head in self.unknown.items():
            if c not in pending and head.fate is None:
                if _merged_down(grid, head.row, head):
                    head.fate = (LABEL, "indicator.block")
                else:
                    head.fate = (WARN, "column_unknown")  # an empty column not understood: said once

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
            self._levels.clear()


def _closing_row(cells: list[Cell]) -> str | None:
    """Return the boilerplate rule of a row closing the table (合计, 填表人, 注：, 审核意见 | 盖章), else None."""
    first = cells[0].text
    if first[0] not in _CLOSING_FIRST and not _SIGN_OFF_CELL.search(first):
        return None  # the common case: an indicator row
    if _SUM_ROW.match(first):
        return "sum_row"
    if _SIGNATURE_ROW.match(first) or (_SIGN_OFF_CELL.search(first) and all(_SIGN_OFF_CELL.search(c.text) for c in cells)):
        return "signature"
    if _NOTE_ROW.match(first):
        return "instructions"
    return None


def _refate(row: list[Cell], r: int, fate: tuple[str, str] | None) -> None:
    """Give the cells of row r read as values (and written there, not merged from above) another fate."""
    for cell in distinct(row):
        if cell.row == r and not cell.merged and cell.fate is not None and cell.fate[0] == VALUE:
            cell.fate = fate


def _placeholder_row(v: dict[str, str | None]) -> bool:
    """Return whether a row holds only a template's placeholders (指标1, ……) where name and target go."""
    name, target = v.get("name"), v.get("target_raw")
    if name and name[0] not in "指…." or target and target[0] not in "….请-—/":
        return False  # the common case, decided on the first character
    texts = [t for t in (name, v.get("description"), target) if t]
    return bool(texts) and all(_PLACEHOLDER.match(fold(t).strip()) and not t.strip().isdigit() for t in texts)


def _merged_down(grid: list[list[Cell]], row: int, cell: Cell) -> bool:
    """Return whether a header cell continues down into the row below (a side title merged over the rows)."""
    return row + 1 < len(grid) and cell.col < len(grid[row + 1]) and grid[row + 1][cell.col] is cell


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
    ("score_rule", "basis"): "没有依据列：评分细则即指标值依据 (no 依据 column: the scoring rule is the basis)",
    (None, "level1"): "按内容：此列各格都是一级指标（产出、效益…）(every cell a 一级 category)",
    (None, "level2"): "按内容：此列各格都是二级指标（数量指标…）(every cell a 二级 category)",
    (None, "name"): "表头跨一级、二级和此列：级别列右侧的文字列即指标名称 (under a header spanning the levels: the name)",
    ("annual_goals", "level1"): "按内容：此列各格都是一级指标（产出、效益…）(every cell a 一级 category)",
    ("score_rule", "ignored"): "已有依据列：评分细则不读取 (a 依据 column exists: scoring rule not read)",
}


def describe_columns(row: list[Cell], columns: ColumnMap) -> list[tuple[int, str, str | None, str]]:
    """Return (grid column, header text, role, what decided it) for each header cell of an indicator table."""
    final = {c: role for role, cols in columns.items() for c in cols}
    out: list[tuple[int, str, str | None, str]] = []
    seen: set[tuple[int, str | None]] = set()
    for c, cell in enumerate(row):
        role = final.get(c)
        if not cell.lines or (id(cell), role) in seen or (role is None and c > 0 and row[c - 1] is cell):
            continue  # a header spanning columns: said once per role it covers (评价内容: 一级, then 二级)
        seen.add((id(cell), role))
        label_role, why = indicator_column_why(cell.text)
        base = role.split("@")[0] if role else None
        if role and role.startswith("project:"):
            why = f"label {label_key(cell.text)}：项目的字段，每组行为一个项目 (a project field: one project per group of rows)"
        elif base in ("level1", "level2") and label_role is None and is_classification(cell.text):
            why = "表头是分类词（类别、类型…）：名称左侧的分类列，自左至右为一级、二级 (a classification header: 一级 then 二级)"
        elif base != label_role:
            why = _CONTENT_WHY.get((label_role, base), why or "按位置 (by position)")
        if role and role.endswith("@2"):
            why += "；并列的第二组指标 (second side-by-side group)"
        out.append((c, cell.text, role, why))
    return out
