"""A department-level form drawn as a table (部门整体支出绩效目标申报表 / 目标表): no project in it.

年度总体目标 is the overall goal; the rows under 年度主要任务 / 年度履职目标 (任务名称 | 主要内容,
部门职能 | 年度目标任务 | 支出项目名称 | 预算金额) are the items, their columns told apart by their
headings; every other labelled field, the 年度预算安排 lines included, is kept as written in `extra`.
Its indicator table, in the same table or its own, is read by the indicator reader as for a project.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.grid import Cell, distinct
from extract.header import looks_like_indicator
from extract.header_rows import sub_headings
from extract.indicators import find_header_row
from extract.labels import department_field, extra_key, header_field, label_key
from extract.records import DepartmentItem
from extract.trace import LABEL, SKIP, VALUE, WARN
from extract.units import find_unit


@dataclass
class DepartmentForm:
    """What a department-level table says."""

    overall: str | None = None
    items: list[DepartmentItem] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)
    unit: tuple[str | None, str | None] | None = None
    fields: list[tuple[str, str]] = field(default_factory=list)  # label -> what it filled, for explain
    notes: list[tuple[str, str, str]] = field(default_factory=list)  # warnings: (kind, where, message)


# Headings of the task rows' columns: the item's title, its goal, and columns the contract has no place for.
_TASK_TITLE = re.compile(r"职能|职责|任务名称|工作任务$|履职内容|^任务$|^项目$|名称$")
_TASK_GOAL = re.compile(r"目标|内容|任务|措施")
_TASK_KNOWN = re.compile(r"金额|资金|预算|支出项目|项目名称|经费")
_SUM_LABEL = re.compile(r"^.{0,4}(?:合计|总计|小计)$")  # 合计, 金额合计, 资金总计


_DUTIES = re.compile(r"职能|职责|履职|基本支出")
_PROJECT_FIELD = re.compile(r"项目(?:属性|类型|类别|性质|负责人|起止|单位|期|实施)")


def department_evidence(grid: list[list[Cell]]) -> tuple[list[str], list[str]]:
    """Return the labels of a table that say department form (年度总体目标, 年度主要任务, 部门预算编码 …)
    and those that say project form (项目名称, 项目编码, 项目概况, 项目属性 …)."""
    dept: list[str] = []
    project: list[str] = []
    for row in grid:
        for c in distinct(row):
            if not c.lines or len(c.text) > 24:
                continue
            key = label_key(c.text)
            dfield, hfield = department_field(c.text), header_field(c.text)
            if dfield in ("overall", "tasks") and hfield is None:
                dept.append(key)
            elif dfield == "unit_code" or (dfield in ("unit_name", "budget") and "部门" in key) or _DUTIES.search(key):
                dept.append(key)
            if hfield in ("name", "code", "purpose") or _PROJECT_FIELD.match(key):
                project.append(key)
    return dept, project


def is_department_table(grid: list[list[Cell]]) -> bool:
    """Return whether a table is a department-level form: more department evidence than project evidence."""
    dept, project = department_evidence(grid)
    return len(dept) > len(project) and not any(header_field(k) in ("name", "code") for k in project)


def read_department_table(grid: list[list[Cell]], form: DepartmentForm, index: int = 0) -> int | None:
    """Add what a department-level table says to `form`; return the row where its indicator table starts, if any."""
    found = find_header_row(grid)
    stop = found[0] if found else len(grid)
    if found:  # the upper row of a two-row header or a title row right above it belongs to the indicators
        while stop > 0 and all(not c.lines or c.text == grid[found[0]][c.col].text for c in grid[stop - 1]):
            stop -= 1
    group: Cell | None = None  # the merged label of the block being read (年度主要任务, 年度预算安排)
    group_kind: str | None = None
    roles: list[tuple[int, str]] = []  # the task rows' columns: (grid column, title | goal | known | unknown)
    headings: dict[int, str] = {}  # grid column -> its heading (支出项目名称), for what is kept in extra
    skip_row = -1  # the lower row of a two-row task heading, read with the upper one
    for r, row in enumerate(grid[:stop]):
        cells = [c for c in distinct(row) if c.lines]
        if not cells or r == skip_row:
            continue
        if group is not None and cells[0] is group:
            rest = cells[1:]
        else:
            group, group_kind = None, None
            kind = department_field(cells[0].text) if len(cells[0].text) <= 24 else None
            if kind in ("tasks", "budget") and (cells[0].merged or len(cells) > 2):
                group, group_kind = cells[0], kind
                cells[0].fate = (LABEL, "department_goals.items" if kind == "tasks" else "department_goals.extra")
                form.fields.append((cells[0].text, "department items" if kind == "tasks" else "department extra"))
                if kind == "tasks":
                    roles = _task_roles(cells[1:])  # its first row holds the column headings (任务名称 | 主要内容)
                    headings = {c.col: c.text for c in cells[1:]}
                    if roles:
                        if r + 1 < stop and (subs := sub_headings(row, grid[r + 1])):
                            skip_row = r + 1  # a heading over two rows: 预算申请 over 总额 | 财政拨款 | 其他资金
                            roles, headings = _sub_roles(roles, headings, subs)
                        continue
                rest = cells[1:]
            elif kind == "overall" and len(cells) > 1:
                form.overall = "\n".join(c.text for c in cells[1:])
                form.fields.append((cells[0].text, "department overall"))
                cells[0].fate = (LABEL, "department_goals.overall")
                for c in cells[1:]:
                    c.fate = (VALUE, "department_goals.overall")
                continue
            elif kind in ("unit_name", "unit_code") and len(cells) > 1:
                _unit_cell(form, kind, cells[0], cells[1])
                rest = cells[2:]
            else:
                rest = cells
        if group_kind == "tasks":
            if all(c.row < r for c in rest):
                continue  # every cell merged down from rows above (a heading over two rows): nothing new
            if _SUM_LABEL.match(label_key(rest[0].text)):
                for c in rest:  # 金额合计 | 500 | 480 | 20: the tasks' sum, no task
                    c.fate = (SKIP, "sum_row")
                continue
            _task_row(form, rest, roles, headings)
            continue
        for label, value in zip(rest[::2], rest[1::2], strict=False):
            kind = department_field(label.text) if len(label.text) <= 24 else None
            if kind in ("unit_name", "unit_code"):
                _unit_cell(form, kind, label, value)
                continue
            if looks_like_indicator(label.text, value.text):
                form.notes.append(("kept_unmapped", f"表{index + 1}第{r + 1}行",
                                   f"“{label.text[:20]}：{value.text[:20]}”像是绩效指标行，但所在表格没有可识别的指标表头，"
                                   f"未能读取为指标；请核对表格"))
                label.fate = value.fate = (WARN, "kept_unmapped")
                continue
            form.extra[extra_key(label.text)] = value.text
            form.fields.append((label.text, "department extra"))
            label.fate, value.fate = (LABEL, "department_goals.extra"), (VALUE, "department_goals.extra")
    return found[0] if found else None


def _unit_cell(form: DepartmentForm, kind: str, label: Cell, value: Cell) -> None:
    label.fate = (LABEL, f"unit.{'name' if kind == 'unit_name' else 'code'}")
    value.fate = (VALUE, label.fate[1])
    form.fields.append((label.text, "unit"))
    if kind == "unit_code":
        code = re.sub(r"\s+", "", value.text)
        form.unit = (code, form.unit[1] if form.unit else None)
        return
    found = find_unit(value.text) or (None, value.text)
    name = found[1] or value.text
    form.unit = (form.unit[0] if form.unit and form.unit[0] else found[0], name)


def _task_roles(heads: list[Cell]) -> list[tuple[int, str]]:
    """Return each task column's role from its heading, or [] when the row holds no headings but a task."""
    roles: list[tuple[int, str]] = []
    for c in heads:
        key = label_key(c.text)
        if len(key) > 12:
            return []
        role = ("known" if _TASK_KNOWN.search(key) and not _TASK_GOAL.search(key) else
                "title" if _TASK_TITLE.search(key) and not any(r == "title" for _, r in roles) else
                "goal" if _TASK_GOAL.search(key) and not any(r == "goal" for _, r in roles) else "unknown")
        roles.append((c.col, role))
        c.fate = (LABEL, "department_goals.items") if role in ("title", "goal") else (
            (LABEL, "department_goals.extra") if role == "known" else (WARN, "column_unknown"))
    if not any(r == "title" for _, r in roles):  # headings that say nothing: first is the title, next the goal
        roles = [(col, "title" if k == 0 else "goal" if k == 1 else r) for k, (col, r) in enumerate(roles)]
        for c in heads[:2]:
            c.fate = (LABEL, "department_goals.items")
    return roles


def _sub_roles(roles: list[tuple[int, str]], headings: dict[int, str],
               subs: dict[int, tuple[Cell, Cell]]) -> tuple[list[tuple[int, str]], dict[int, str]]:
    """Return the task columns' roles and headings with each sub-heading taking its parent's role; the
    sub-headings get the fate their parent has (known columns: kept in extra as 'parent：sub')."""
    by_col = dict(roles)
    headings = dict(headings)
    for col, (parent, sub) in subs.items():
        role = by_col.get(parent.col, "unknown")
        by_col[col] = role
        headings[col] = f"{parent.text}：{sub.text}"
        sub.fate = parent.fate
    return sorted(by_col.items()), headings


def _task_row(form: DepartmentForm, rest: list[Cell], roles: list[tuple[int, str]], headings: dict[int, str]) -> None:
    """Add one task row (部门职能 | 年度目标任务 | …) as an item, each cell by its column's role; a known column
    the contract has no item field for (支出项目名称, 预算金额) is kept in extra as 'title（heading）'."""
    if not rest:
        return
    if not roles:  # no heading row: title, then the goal
        rest[0].fate = (VALUE, "department_goals.items.title")
        for c in rest[1:]:
            c.fate = (VALUE, "department_goals.items.goal")
        form.items.append({"seq": len(form.items) + 1, "title": rest[0].text,
                           "goal": "\n".join(c.text for c in rest[1:]) or None, "indicator": None})
        return
    by_col = dict(roles)
    title: list[str] = []
    goal: list[str] = []
    known: list[Cell] = []
    for c in rest:
        role = by_col.get(c.col, "unknown")
        if role == "title":
            title.append(c.text)
        elif role == "goal":
            goal.append(c.text)
        elif role == "known":
            known.append(c)
        if c.fate is None or c.fate[0] == VALUE:
            c.fate = {"title": (VALUE, "department_goals.items.title"), "goal": (VALUE, "department_goals.items.goal"),
                      "known": (VALUE, "department_goals.extra")}.get(role, (WARN, "column_unknown"))
    for c in known:  # numbered as the item will be: two tasks may share a (merged) title
        heading = re.sub(r"\s+", "", headings.get(c.col, ""))
        form.extra[f"{len(form.items) + 1}.{''.join(title)}（{heading}）"] = c.text
    if title or goal:  # a title merged over several task rows (部门职能 of two tasks) is read for each

        form.items.append({"seq": len(form.items) + 1, "title": "\n".join(title),
                           "goal": "\n".join(goal) or None, "indicator": None})
