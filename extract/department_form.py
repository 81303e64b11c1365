"""A department-level form drawn as a table (部门整体支出绩效目标申报表 / 目标表): no project in it.

年度总体目标 is the overall goal; the rows under 年度主要任务 / 年度履职目标 (任务名称 | 主要内容,
部门职能 | 年度目标任务) are the items; every other labelled field, the 年度预算安排 lines included,
is kept as written in `extra`. Its indicator table is read by the indicator reader as for a project.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.grid import Cell, distinct
from extract.header import find_unit
from extract.labels import department_field, extra_key, header_field
from extract.records import DepartmentItem


@dataclass
class DepartmentForm:
    """What a department-level table says."""

    overall: str | None = None
    items: list[DepartmentItem] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)
    unit: tuple[str | None, str | None] | None = None
    fields: list[tuple[str, str]] = field(default_factory=list)  # label -> what it filled, for explain


def is_department_table(grid: list[list[Cell]]) -> bool:
    """Return whether a table is a department-level form: it names its overall goal or tasks, no project."""
    fields = {department_field(c.text) for row in grid for c in distinct(row) if c.lines and len(c.text) <= 24}
    projects = {header_field(c.text) for row in grid for c in distinct(row) if c.lines and len(c.text) <= 24}
    return bool(fields & {"overall", "tasks"}) and not projects & {"name", "code"}


def read_department_table(grid: list[list[Cell]], form: DepartmentForm) -> None:
    """Add what a department-level table says to `form`."""
    group: Cell | None = None  # the merged label of the block being read (年度主要任务, 年度预算安排)
    group_kind: str | None = None
    for row in grid:
        cells = [c for c in distinct(row) if c.lines]
        if not cells:
            continue
        if group is not None and cells[0] is group:
            rest = cells[1:]
        else:
            group, group_kind = None, None
            kind = department_field(cells[0].text) if len(cells[0].text) <= 24 else None
            if kind in ("tasks", "budget") and (cells[0].merged or len(cells) > 2):
                group, group_kind = cells[0], kind
                form.fields.append((cells[0].text, "department items" if kind == "tasks" else "department extra"))
                if kind == "tasks":
                    continue  # its first row holds the column headings (任务名称 | 主要内容)
                rest = cells[1:]
            elif kind == "overall" and len(cells) > 1:
                form.overall = "\n".join(c.text for c in cells[1:])
                form.fields.append((cells[0].text, "department overall"))
                continue
            elif kind == "unit_name" and len(cells) > 1:
                found = find_unit(cells[1].text) or (None, cells[1].text)
                form.unit = found if found[1] else (found[0], cells[1].text)
                form.fields.append((cells[0].text, "unit"))
                rest = cells[2:]
            else:
                rest = cells
        if group_kind == "tasks":
            if rest:
                form.items.append({"seq": len(form.items) + 1, "title": rest[0].text,
                                   "goal": "\n".join(c.text for c in rest[1:]) or None, "indicator": None})
            continue
        for label, value in zip(rest[::2], rest[1::2], strict=False):
            form.extra[extra_key(label.text)] = value.text
            form.fields.append((label.text, "department extra"))
