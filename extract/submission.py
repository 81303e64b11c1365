"""Recognise a whole submission in a parsed document: department section, then projects.

One pass over the body in document order. Paragraphs feed the department reader until
the project part starts (a 绩效目标表 title, a unit line or the first table). Each table is
split at its indicator header row: rows above it are a project header block (a new project
when they name 项目名称 / 项目编码), rows below are indicators; a table with neither that
follows an indicator table of the same width continues it (a table broken at a page break).
"""

from __future__ import annotations

import re
from collections import Counter

from lxml import etree

from extract.department import DepartmentReader
from extract.department_form import DepartmentForm, is_department_table, read_department_table
from extract.errors import RejectedFile
from extract.grid import Cell, continue_from, distinct, flatten_nested_tables, table_grid
from extract.header import (
    Header,
    cell_field,
    find_money_unit,
    find_unit,
    list_items,
    merge_unit,
    parse_header,
)
from extract.indicators import (
    IndicatorReader,
    describe_columns,
    find_header_row,
    horizon_of,
    one_level_off,
)
from extract.labels import DEPARTMENT_TITLE, SIGN_OFF, fold, indicator_column, user_boilerplate
from extract.records import Project, Submission, Warning
from extract.trace import TableTrace
from extract.values import strip_numbering
from extract.wordml import P, body_blocks, drop_invisible, is_numbered, paragraph_text, w

_TITLE = re.compile(r"(项目支出)?绩效目标(申报)?表\s*$")
_CODE_YEAR = re.compile(r"^\d{6}(\d{2})P")
_YEAR_TEXT = re.compile(r"(20\d{2})\s*年度")
_YEAR_TITLE = re.compile(r"(20\d{2})\s*年(?![0-9]{1,2}月)")  # in a short title line: 2023年部门预算…, （2023年）
_PROJECT_LABELS = {"code", "name"}
_PROJECT_PART = re.compile(r"^\s*(?:第[二三四]部分|[二三四五]、)\s*(?:部门)?项目(?:支出)?绩效目标[^\t]*$")


class _Project:
    """A project being read: its header, its indicator reader, where its last table was."""

    def __init__(self, seq: int, title: str | None, header: Header, table: int, multiplier: int) -> None:
        self.seq, self.title, self.header, self.table = seq, title, header, table
        self.multiplier = multiplier
        self.reader: IndicatorReader | None = None
        self.last_indicator_table = -1
        self.last_row: list[Cell] = []  # of the last indicator table, for merges across a page break

    def record(self) -> Project:
        h, m = self.header, self.multiplier
        name = h.text("name")
        if name is None and self.title:
            name = _TITLE.sub("", strip_numbering(self.title)).strip() or None
        return {
            "seq": self.seq,
            "code": _code(h.text("code")),
            "name": name,
            "budget_total": h.money("total", m),
            "budget_fiscal": h.money("fiscal", m),
            "budget_other": h.other_money(m),
            "purpose": h.text("purpose"),
            "spending_plan": h.spending_plan,
            "goals": list_items(h.values.get("annual_goals", [])),
            "long_term_goals": list_items(h.values.get("long_goals", [])),
            "indicators": self.reader.rows if self.reader else [],
            "extra": h.extra,
            "source_table": self.table,
        }


def _code(text: str | None) -> str | None:
    return re.sub(r"\s+", "", fold(text)) if text else None


def _header_fields(rows: list[list[Cell]]) -> set[str]:
    """Return the header fields (项目名称, 预算数 ...) that label cells of these rows name."""
    return {f for row in rows for c in distinct(row) if (f := cell_field(c)) is not None}


def _fiscal_year(projects: list[Project], paragraphs: list[str]) -> int | None:
    """Return the budget year: as a title states it, else as most project codes carry it, else as the text says.

    The file's own title comes first: a continuing project keeps the code of the year it began.
    """
    titles = [fold(t) for t in paragraphs  # title lines: short, no sentence punctuation or label colon
              if len(t) < 60 and ("绩效" in t or "预算" in t) and not re.search(r"[:：，,。；;]", t)]
    for text in titles:
        m = _YEAR_TEXT.search(text) or _YEAR_TITLE.search(text)
        if m:
            return int(m.group(1))
    years = Counter(
        2000 + int(m.group(1)) for p in projects if p["code"] and (m := _CODE_YEAR.match(p["code"]))
    )
    if years:
        return years.most_common(1)[0][0]
    for text in paragraphs:
        m = _YEAR_TEXT.search(fold(text))
        if m:
            return int(m.group(1))
    return None


class _SubmissionReader:
    """Reads the body in one pass; tables and paragraphs update the projects as they come."""

    def __init__(self) -> None:
        self.department = DepartmentReader()
        self.projects: list[_Project] = []
        self.paragraphs: list[str] = []
        self.unit: tuple[str | None, str | None] | None = None
        self.in_projects = False
        self.pending_title: str | None = None
        self.pending_horizon: str | None = None
        self.money_unit = 1
        self.table_index = -1
        self.dept_form: DepartmentForm | None = None  # a department-level form (部门整体支出绩效目标表)
        self.dept_indicators: IndicatorReader | None = None
        self.traces: list[TableTrace] = []  # how each table was read (jixiao explain, warnings)

    def paragraph(self, block: etree._Element) -> None:
        text = paragraph_text(block).strip()
        if not text:
            return
        self.paragraphs.append(text)
        if user_boilerplate(text):
            return  # registered in jixiao.toml [labels.boilerplate]: skipped
        found_unit = find_unit(text)
        found_money = find_money_unit(text)
        if found_unit or found_money is not None:  # a unit line: never department content
            self.unit = merge_unit(self.unit, found_unit)
            self.money_unit = found_money if found_money is not None else self.money_unit
            return
        if DEPARTMENT_TITLE.search(text) and len(text) < 40 and _TITLE.search(text):
            self.dept_form = self.dept_form or DepartmentForm()  # 部门整体支出绩效目标申报表: no project
            return
        if _TITLE.search(text) and not text.startswith("第"):
            self.in_projects, self.pending_title = True, text
            return
        if _PROJECT_PART.match(text):
            self.in_projects = True  # 第二部分 项目支出绩效目标: the department section is over
            return
        if not self.in_projects and self.department.feed(text, is_numbered(block)):
            return
        self.pending_horizon = horizon_of(text) if len(text) < 30 else self.pending_horizon

    def table(self, block: etree._Element) -> None:
        self.table_index += 1
        grid = table_grid(block)
        self.trace = TableTrace(self.table_index)
        self.traces.append(self.trace)
        if not self.projects and is_department_table(grid):
            self.trace.taken_for.append("部门整体支出绩效目标表 (department form)")
            self.dept_form = self.dept_form or DepartmentForm()
            before = len(self.dept_form.fields)
            read_department_table(grid, self.dept_form)
            self.trace.fields += self.dept_form.fields[before:]
            self.unit = merge_unit(self.unit, self.dept_form.unit)
            return
        if self.dept_form is not None and not self.projects and self.department_indicators(grid):
            return
        touched = [self.segment(grid, lo, hi, found) for lo, hi, found in _segments(grid)]
        if any(touched):
            self.in_projects = True
        else:  # a cover or department table: only a unit it names is of use
            cover = parse_header(grid).unit
            self.unit = merge_unit(self.unit, cover)
            if cover is not None:
                self.trace.taken_for.append("单位信息 (unit)")
            elif not any(c.lines for row in grid for c in row):
                self.trace.taken_for.append("空表 (empty)")
            elif all(SIGN_OFF.search(c.text) for row in grid for c in distinct(row) if c.lines):
                self.trace.taken_for.append("审核签章栏 (sign-off)")
            elif user_boilerplate(next(c.text for row in grid for c in row if c.lines)):
                self.trace.taken_for.append("模板说明，跳过 (boilerplate: jixiao.toml [labels.boilerplate])")
        self.pending_horizon = None

    def department_indicators(self, grid: list[list[Cell]]) -> bool:
        """Read a department-level form's indicator table (or its continuation); return whether it was one."""
        found = find_header_row(grid)
        if found is None or _header_fields(grid[: found[0]]) & _PROJECT_LABELS:
            if self.dept_indicators is None or find_header_row(grid) is not None:
                return False
            self.dept_indicators.read(grid, 0, self.table_index)  # broken at a page break
            self.trace.taken_for.append("部门整体绩效指标表（续）(department indicators, continued)")
            return True
        header_row, columns = found
        columns = one_level_off(grid, header_row, columns)
        if self.dept_indicators is None:
            self.dept_indicators = IndicatorReader(columns, len(grid[0]))
        else:
            self.dept_indicators.remap(columns, len(grid[0]))
        self.dept_indicators.side_titles(grid, header_row)
        self.trace.taken_for.append("部门整体绩效指标表 (department indicators)")
        self.trace.columns += describe_columns(grid[header_row], columns)
        self.dept_indicators.read(grid, header_row + 1, self.table_index)
        return True

    def segment(self, grid: list[list[Cell]], lo: int, hi: int, found: tuple[int, dict[str, list[int]]] | None) -> bool:
        """Read rows lo..hi of a table (a project's header and/or indicator rows); return whether it was one."""
        index = self.table_index
        head_rows = _header_block(grid, lo, found[0]) if found else grid[lo:hi]
        current = self.projects[-1] if self.projects else None
        has_fields = _header_fields(head_rows)
        created = False
        if (
            _PROJECT_LABELS & has_fields
            or (found and current is None)
            or (self.pending_title and (has_fields or found))  # a titled table without 项目名称
        ):
            header = parse_header(head_rows)
            self.unit = merge_unit(self.unit, header.unit)
            current = _Project(len(self.projects) + 1, self.pending_title, header, index, self.money_unit)
            self.projects.append(current)
            self.pending_title = None
            created = True
            self.trace.taken_for.append(f"项目表头 (project header): 项目{current.seq}“{header.text('name') or ''}”")
            self.trace.fields += header.fields
        elif has_fields and current is not None and current.reader is None and self.in_projects:
            more = parse_header(head_rows)
            current.header.update(more)  # a header table broken at a page break
            created = True
            self.trace.taken_for.append(f"项目表头（续）(project header, continued): 项目{current.seq}")
            self.trace.fields += more.fields
        if current is None:
            return False
        continues = current.reader is not None and current.last_indicator_table == index - 1 and lo == 0
        if continues:
            continue_from(grid, current.last_row)
        if found:
            header_row, columns = found
            columns = one_level_off(grid, header_row, columns)
            if current.reader is None:
                current.reader = IndicatorReader(columns, len(grid[0]))
            elif current.reader.columns != columns:  # same project, another block: keep its rows
                current.reader.remap(columns, len(grid[0]))
            horizon = _table_horizon(grid, lo, header_row, columns) or self.pending_horizon
            if horizon:
                current.reader.switch(horizon)
            current.reader.side_titles(grid, header_row)
            self.trace.taken_for.append(f"绩效指标表 (indicator table): 项目{current.seq}")
            self.trace.columns += describe_columns(grid[header_row], columns)
            current.reader.read(grid, header_row + 1, index, hi)
        elif continues and grid and current.reader is not None:
            reader = current.reader  # broken at a page break, no header repeated
            if len(grid[0]) != reader.width:
                positional = _positional(reader.columns, len(grid[0]))
                if positional is None:
                    return created
                reader.remap(positional, len(grid[0]))
            reader.read(grid, lo, index, hi)
            self.trace.taken_for.append(f"绩效指标表（续）(indicator table, continued): 项目{current.seq}")
        else:
            return created
        current.last_indicator_table = index
        current.last_row = grid[hi - 1]
        return True

    def result(self, file_name: str) -> Submission:
        records = [p.record() for p in self.projects]
        dept = self.department.result()
        if self.dept_form is not None:
            form, rows = self.dept_form, self.dept_indicators.rows if self.dept_indicators else []
            dept = {
                "overall": form.overall or (dept["overall"] if dept else None),
                "items": form.items or (dept["items"] if dept else []),
                "measures": dept["measures"] if dept else [],
                "indicators": rows,
                "extra": form.extra,
            }
        if dept is None and not records:
            raise RejectedFile(
                "文件中没有找到绩效目标内容（既无“部门整体绩效目标”，也无“项目支出绩效目标表”），"
                "请确认提交的是绩效目标申报文件。",
                kind="no_content",
            )
        unit = self.unit
        warnings = self.warnings(records)
        return {
            "file": file_name,
            "sha256": None,
            "fiscal_year": _fiscal_year(records, self.paragraphs),
            "unit": {"code": unit[0] if unit else None, "name": unit[1] if unit else None},
            "department_goals": dept,
            "projects": records,
            "warnings": warnings,
        }

    def warnings(self, records: list[Project]) -> list[Warning]:
        """Return every note taken while reading, once each: project by project (header, then indicator
        rows), then the department part, then the tables' columns and cells read nowhere."""
        notes: list[tuple[str, str, str]] = []
        for project, record in zip(self.projects, records, strict=True):
            label = f"项目“{record['name'] or record['code'] or project.seq}”"
            notes += [(kind, f"{label} {where}", message) for kind, where, message in project.header.notes]
            if project.reader is not None:
                notes += [(kind, f"{label} {where}", message) for kind, where, message in project.reader.notes]
            if record["budget_total"] is None and record["budget_fiscal"] is None:
                notes.append(("project_no_budget", label, f"{label}没有读到预算金额（资金总额/财政拨款）"))
        if self.dept_indicators is not None:
            notes += [(k, f"部门整体 {w}", m) for k, w, m in self.dept_indicators.notes]
        readers = [p.reader for p in self.projects if p.reader] + ([self.dept_indicators] if self.dept_indicators else [])
        for reader in readers:
            for table, row, col, text in reader.unplaced:
                self.traces[table].unplaced.append((row, col, text))
        for trace in self.traces:
            notes += trace.warnings()
        return [{"kind": k, "where": w, "message": m} for k, w, m in dict.fromkeys(notes)]


def parse_submission(root: etree._Element, file_name: str) -> Submission:
    """Return the Submission read from a parsed w:document; raise RejectedFile if it has none."""
    drop_invisible(root)
    flatten_nested_tables(root)
    body = root.find(w("body"))
    if body is None:
        raise RejectedFile("文件中没有正文内容，请确认提交的是绩效目标申报文件。", kind="no_content")
    return read_body(body, file_name)[0]


def read_body(body: etree._Element, file_name: str) -> tuple[Submission, list[TableTrace]]:
    """Return the Submission read from a w:body and how each of its tables was read."""
    reader = _SubmissionReader()
    for block in body_blocks(body):
        if block.tag == P:
            reader.paragraph(block)
        else:
            reader.table(block)
    return reader.result(file_name), reader.traces


def _segments(grid: list[list[Cell]]) -> list[tuple[int, int, tuple[int, dict[str, list[int]]] | None]]:
    """Return (lo, hi, indicator header) per project in a table: a 项目名称 row after indicators starts one."""
    segments = []
    lo = 0
    while True:
        found = find_header_row(grid, lo)
        nxt = None if found is None else next(
            (r for r in range(found[0] + 1, len(grid)) if _starts_project(grid[r])), None)
        segments.append((lo, nxt or len(grid), found))
        if nxt is None:
            return segments
        lo = nxt


def _starts_project(row: list[Cell]) -> bool:
    first = next((c for c in row if c.lines), None)  # the label opens its row
    return first is not None and cell_field(first) in _PROJECT_LABELS


def _positional(columns: dict[str, list[int]], width: int) -> dict[str, list[int]] | None:
    """Map a continuation drawn without the spacer columns: the fields, in order, one per column."""
    ordered = sorted(columns, key=lambda name: columns[name][0])
    if len(ordered) != width:
        return None
    return {name: [i] for i, name in enumerate(ordered)}


def _header_block(grid: list[list[Cell]], lo: int, header_row: int) -> list[list[Cell]]:
    """Return the rows above an indicator header that are project fields, not more header."""
    rows = grid[lo:header_row]
    while rows and any(indicator_column(c.text) for c in distinct(rows[-1]) if c.lines):
        rows = rows[:-1]  # the upper row of a two-row indicator header
    return rows


def _table_horizon(grid: list[list[Cell]], lo: int, header_row: int, columns: dict[str, list[int]]) -> str | None:
    """Return the horizon a table states: a title row above its header, a side title, its target header."""
    for row in grid[lo:header_row]:
        cells = [c for c in distinct(row) if c.lines]
        if len(cells) == 1:
            found = horizon_of(cells[0].text)
            if found:
                return found
    mapped = {c for cols in columns.values() for c in cols}
    for c, cell in enumerate(grid[header_row]):
        if c not in mapped and cell.lines and (found := horizon_of(cell.text)):
            return found
    target_header = grid[header_row][columns["target_raw"][0]].text
    return "long_term" if "长期" in target_header else None
