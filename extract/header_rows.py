"""Header rows whose words alone do not say what each column is: structural rules, by meaning.

Forms nobody here has seen head their tables in ways no label list foresees. Three shapes recur,
and each is decided by the structure of the table and the content of its columns, never by one
form's wording:

- **Category columns** (一级 / 二级) of an indicator table. A header cell may span both (评价内容
  over 投入 | 时效目标), or each may be headed by a word that names a classification (类别 | 目标类型),
  or the column may have no header at all (a side label 产出指标 merged down its rows). A column is
  a level by its cells when every cell is a 一级 word (产出, 效益, 投入 …) or every cell is a 二级
  word (数量指标, 时效目标, 社会效益目标 …). A column that its cells do not decide is a level by its
  position only where the structure says it is a category: under the same spanning header as a
  decided level, or headed by a classification word, left of the indicator's name; two such columns
  are 一级 then 二级, left to right. A level taken by position where the cells do not confirm it and
  the headers do not make it certain (two classification headers whose values nest) is a guess, and
  `level_guesses` names it, so the reader records a `guessed` warning instead of guessing silently.
  A header spanning the levels and the name (绩效指标 over 产出指标 | 数量指标 | 培训人数) is split the
  same way: the text column right of the levels under it is the name (`name_under_span`).
- **An indicator table without categories**: 指标内容 | 指标值 only (under a side label such as
  项目绩效指标). Its rows are read with 一级 / 二级 null, as every form without category columns is,
  unless title rows across the table name them (一、产出指标, （一）数量指标: `title_level`).
- **A two-row header**: a parent heading spanning several columns over its sub-headings (预算申请
  over 总额 | 财政拨款 | 其他资金, 指标值 over 年度 | 中长期), the other headings merged down beside it.
  `sub_headings` finds the lower row, so it is read as header, not as a row of data
  (`split_target_columns` says which sub-column of a target heading is which).
"""

from __future__ import annotations

import re
from functools import lru_cache

from extract.grid import Cell
from extract.labels import fold, indicator_column, label_key

ColumnMap = dict[str, list[int]]

# 一级 categories as written, bare (指标 / 目标 / 类 and points taken off): the national scheme's, the
# 2021 成本 one, and the 投入 / 过程 / 决策 of the common evaluation framework.
_LEVEL1_BARE = frozenset(("产出", "效益", "满意度", "成本", "投入", "过程", "决策"))
# 二级 categories by their shape (数量, 生态文明效益, 服务对象满意度, 可持续影响 …).
_LEVEL2_BARE = re.compile(r"^.{0,8}(?:数量|质量|时效|时限|进度|成本|效益|满意度|影响)$")
_BOTH_BARE = frozenset(("成本", "满意度"))  # a 一级 in one scheme, a 二级 in another
_SUFFIX = re.compile(r"(?:指标|目标|类)$")
_POINTS = re.compile(r"\([^()]*分\)$")  # after label_key (NFKC): 产出指标（50分） -> 产出指标(50分)
# A header naming a classification: 类别, 指标类别, 目标类型, 一级分类 …
_CLASSIFICATION = re.compile(r"(?:类别|类型|分类|类目|层级|级别|维度)$")
_QUALIFIER = re.compile(r"\(.*?\)$")
_ORDINAL = re.compile(r"^\s*(?:[(（]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|[一二三四五六七八九十\d]{1,3}\s*[、.．])\s*")
_NATURE = re.compile(r"^(?:定量|定性)(?:指标)?$")
_NUMBER = re.compile(r"^[\d.,，%\s+\-万元亿千百]*$")
_TARGET_SIGN = re.compile(r"[≥≤<>＞＜=%％]|\d\s*(?:个|人|次|项|万|元|台|家|座|天|户)")  # a target, not a heading


@lru_cache(maxsize=4096)
def category_level(text: str) -> int:
    """Return 1 for a 一级 word, 2 for a 二级 word, 3 for one that is either (成本, 满意度), else 0."""
    bare = _POINTS.sub("", label_key(text))
    bare = _SUFFIX.sub("", bare) or bare
    if bare in _BOTH_BARE:
        return 3
    if bare in _LEVEL1_BARE:
        return 1
    return 2 if _LEVEL2_BARE.match(bare) else 0


def content_level(texts: set[str]) -> int:
    """Return the level every text of a column is (1 or 2; 1 when all are either), else 0."""
    levels = {category_level(t) for t in texts}
    if not texts or 0 in levels:
        return 0
    if levels <= {1, 3}:
        return 1
    return 2 if levels <= {2, 3} else 0


def is_classification(text: str) -> bool:
    """Return whether a header names a classification (类别, 目标类型, 指标分类 …)."""
    return bool(_CLASSIFICATION.search(_QUALIFIER.sub("", label_key(text))))


def _column_texts(grid: list[list[Cell]], r: int, end: int, c: int, mapped: frozenset[int] = frozenset()) -> set[str]:
    """Return the texts of column c below header row r: a cell merged down from the header, and a cell
    reaching into a mapped column (a 填报人 or 注 line across the table), are not the column's."""
    head = grid[r][c]
    out = set()
    for row in grid[r + 1: min(end, r + 16)]:
        cell = row[c] if c < len(row) else None
        if cell is None or not cell.lines or cell is head or (mapped and (
                (c > 0 and row[c - 1] is cell) or (c + 1 < len(row) and row[c + 1] is cell))
                and any(row[m] is cell for m in mapped if m < len(row))):
            continue
        out.add(cell.text)
    return out


def _spans(row: list[Cell], c: int, d: int) -> bool:
    """Return whether grid columns c and d are under the same header cell (a spanning header)."""
    return 0 <= d < len(row) and row[c] is row[d] and bool(row[c].lines)


def _nested(grid: list[list[Cell]], r: int, end: int, a: int, b: int) -> bool:
    """Return whether column a groups column b: each b value under one a value, a value as carried down
    (a row whose cell spans both, a 填报人 line, is no pair)."""
    parent: dict[str, str] = {}
    current = ""
    for row in grid[r + 1: end]:
        if max(a, b) >= len(row) or row[a] is row[b]:
            continue
        if row[a].lines and row[a] is not grid[r][a]:
            current = row[a].text
        if row[b].lines and row[b] is not grid[r][b] and parent.setdefault(row[b].text, current) != current:
            return False
    return bool(parent) and len(set(parent.values())) <= len(parent)


def add_categories(grid: list[list[Cell]], r: int, end: int, columns: ColumnMap) -> ColumnMap:
    """Return `columns` with the 一级 / 二级 columns its header row does not name found by structure and
    content (see the module docstring); `columns` itself when none is found."""
    missing = [lv for lv in ("level1", "level2") if lv not in columns]
    if not missing or r + 1 >= end:
        return columns
    row = grid[r]
    mapped = frozenset(c for cols in columns.values() for c in cols)
    named = columns.get("name") or columns.get("description")
    name_col = named[0] if named else len(row)
    decided: dict[int, int] = {}  # grid column -> level its cells say
    open_: list[int] = []  # columns the structure says are a category, their level not said by their cells
    for c in range(len(row)):
        if c in mapped:
            continue
        texts = _column_texts(grid, r, end, c, mapped)
        if not texts:
            continue
        level = content_level(texts)
        if level:
            decided[c] = level
        elif c < name_col and row[c].lines and is_classification(row[c].text) and not all(
                _NATURE.match(label_key(t)) for t in texts):
            open_.append(c)  # (a 指标类型 column of 定量 / 定性 is the indicator's nature, no category)
    for c in range(len(row)):  # a spanning header's other column: a category too
        if c in mapped or c in decided or c in open_ or c >= name_col:
            continue
        if any(_spans(row, c, d) and d in decided for d in (c - 1, c + 1)) and _column_texts(grid, r, end, c, mapped):
            open_.append(c)
    if not decided and not open_:
        return columns
    out = dict(columns)
    for c, level in sorted(decided.items()):
        role = f"level{level}"
        if role in missing and role not in out:
            out[role] = [c]
    for c in sorted(open_):
        free = [lv for lv in missing if lv not in out]
        if not free:
            break
        l1 = out.get("level1", [None])[0] if "level1" in missing else None
        l2 = out.get("level2", [None])[0] if "level2" in missing else None
        if "level2" in free and l1 is not None and c > l1:
            out["level2"] = [c]
        elif "level1" in free and (l2 is None or c < l2):
            out["level1"] = [c]
        elif "level2" in free:
            out["level2"] = [c]
    return out if any(lv in out for lv in missing) else columns


def level_guesses(grid: list[list[Cell]], header_row: int, columns: ColumnMap) -> list[tuple[int, str, str, list[str]]]:
    """Return (grid column, header text, role, its first texts) of each category column read by its position
    alone: its header does not name the level, its cells are not all that level's words, and it is not one
    of two classification columns whose values nest (类别 over 目标类型)."""
    row = grid[header_row]
    end = len(grid)
    mapped = frozenset(c for role, cols in columns.items() if not role.startswith("level") for c in cols)
    cols: dict[str, int] = {lv: columns[lv][0] for lv in ("level1", "level2") if lv in columns and columns[lv][0] < len(row)}

    def said(role: str, c: int) -> bool:  # its header names the level, or its cells are that level's words
        if row[c].lines and indicator_column(row[c].text) in ("level1", "level2"):
            return True
        texts = _column_texts(grid, header_row, end, c, mapped)
        return not texts or {category_level(t) for t in texts} <= {int(role[-1]), 3}  # 成本, 满意度: either

    def classified(c: int) -> bool:
        return bool(row[c].lines) and is_classification(row[c].text)

    out: list[tuple[int, str, str, list[str]]] = []
    for role, c in cols.items():
        if said(role, c):
            continue
        other = "level2" if role == "level1" else "level1"
        d = cols.get(other)
        if d is not None and classified(c) and (classified(d) or said(other, d)) and row[c] is not row[d] and (
                cols["level1"] < cols["level2"] and _nested(grid, header_row, end, cols["level1"], cols["level2"])):
            continue  # 类别 beside 目标类型 (or beside a 二级 column its header names), 一级 grouping 二级
        texts = _column_texts(grid, header_row, end, c, mapped)
        out.append((c, row[c].text if row[c].lines else "", role, sorted(texts)[:3]))
    return out


def name_under_span(grid: list[list[Cell]], r: int, end: int, columns: ColumnMap) -> ColumnMap:
    """Return `columns` with the name found under a header spanning the levels and the name (绩效指标 over
    产出指标 | 数量指标 | 培训人数): the first column right of the levels under the same header cell whose
    cells hold text; `columns` itself when the header has a name column or no such span."""
    if "name" in columns or "description" in columns:
        return columns
    row = grid[r]
    levels = sorted(c for lv in ("level1", "level2") for c in columns.get(lv, ()))
    mapped = frozenset(c for cols in columns.values() for c in cols)
    if not levels:
        return columns
    last = levels[-1]
    for c in range(last + 1, len(row)):
        if not _spans(row, last, c):
            break
        if c not in mapped and _column_texts(grid, r, end, c, mapped):
            return {**columns, "name": [c]}
    return columns


def strip_ordinal(text: str) -> str:
    """Return a title without its ordinal (一、产出指标 -> 产出指标, （二）效益指标 -> 效益指标)."""
    return _ORDINAL.sub("", text)


def title_level(text: str) -> int:
    """Return the level a title row across an indicator table names (一、产出指标, （二）效益指标, 数量指标):
    1 for a 一级 (成本 and 满意度 too, as titles), 2 for a 二级, else 0."""
    level = category_level(_ORDINAL.sub("", text))
    return 1 if level == 3 else level


def name_and_target(grid: list[list[Cell]], r: int, end: int, named: ColumnMap) -> ColumnMap:
    """Return the columns of a header naming only the indicator's name and its target (指标内容 | 指标值,
    beside side labels or columns not read) when a row below fills both; else {}."""
    if "target_raw" not in named or "name" not in named or r + 1 >= end:
        return {}
    if any(k not in ("name", "target_raw", "ignored", "remark", "basis") for k in named):
        return {}
    n, t = named["name"][0], named["target_raw"][0]
    row = grid[r]
    if row[n] is row[t]:
        return {}
    for below in grid[r + 1: min(end, r + 16)]:
        if max(n, t) < len(below) and below[n].lines and below[t].lines and below[n] is not below[t] and (
                below[n] is not row[n] and below[t] is not row[t]):
            return dict(named)
    return {}


def sub_headings(upper: list[Cell], lower: list[Cell]) -> dict[int, tuple[Cell, Cell]]:
    """Return {grid column: (parent heading, sub-heading)} when `lower` is the second row of a two-row header
    under `upper`: each of its columns continues upper's cell (merged down), is empty, or sits under a
    heading spanning several columns and holds a short label (no amount); and some spanning heading has
    two or more sub-headings. Else {}."""
    found: dict[int, tuple[Cell, Cell]] = {}
    split = False
    for c, cell in enumerate(lower):
        if c >= len(upper):
            return {}
        parent = upper[c]
        if cell is parent or not cell.lines:
            continue
        spanning = (c > 0 and upper[c - 1] is parent) or (c + 1 < len(upper) and upper[c + 1] is parent)
        text = fold(cell.text)
        if not spanning or not parent.lines or len(text) > 16 or "\n" in text or _NUMBER.match(text) or \
                _TARGET_SIGN.search(text):
            return {}
        if c > 0 and lower[c - 1] is cell:
            continue
        if any(p is parent and s is not cell for p, s in found.values()):
            split = True
        found[c] = (parent, cell)
    return found if split else {}


def split_target_columns(columns: ColumnMap, subs: dict[int, tuple[Cell, Cell]]) -> ColumnMap:
    """Return the columns of a header whose target heading spans sub-headings (指标值 over 年度 | 中长期, over
    2023年 | 2025年): a sub-heading naming a column is that column (计量单位), one naming the long term is the
    long-term target, the first other one is the year's target; any further one is left a column not
    understood (warned, never joined into the target). {} when a sub-heading is under any other heading."""
    target = set(columns.get("target_raw", ()))
    if not target or any(col not in target for col in subs):
        return {}
    out = {k: [c for c in v if c not in subs] for k, v in columns.items()}
    for col, (_, sub) in sorted(subs.items()):
        named = indicator_column(sub.text)
        if named and named != "target_raw" and not out.get(named):
            out[named] = [col]
        elif "长期" in sub.text or "中期" in sub.text:
            out.setdefault("target_long", []).append(col)
        elif not out["target_raw"]:
            out["target_raw"] = [col]
    return {k: v for k, v in out.items() if v} if out["target_raw"] else {}
