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

from extract.checks import (
    department_plausibility,
    holds_indicators,
    plausibility,
    unit_plausibility,
)
from extract.department import DepartmentReader
from extract.department_form import DepartmentForm, department_evidence, read_department_table
from extract.errors import RejectedFile
from extract.evaluation import is_self_evaluation, read_self_evaluation
from extract.grid import Cell, continue_from, distinct, own_cells, prepare_document, table_grid
from extract.header import (
    FIELD_PATH,
    Header,
    cell_field,
    header_from_columns,
    parse_header,
)
from extract.header_lines import PROJECT_FIELDS, HeaderLines, line_field, restore_fates
from extract.indicators import (
    SIDE_LABELS,
    IndicatorReader,
    describe_columns,
    find_header_row,
    has_project_columns,
    horizon_of,
    one_level_off,
    split_project_columns,
)
from extract.labels import (
    DEPARTMENT_TITLE,
    SIGN_OFF,
    extra_key,
    fold,
    header_field,
    indicator_column,
    label_key,
    user_boilerplate,
    user_boilerplate_registered,
)
from extract.lines import (
    BLOCK_TITLE,
    FORM_TITLE,
    INSTRUCTIONS,
    PART_LINE,
    SIGNATURE_LINE,
    YEAR_LINE,
    is_title,
    name_from_title,
    strip_suffixes,
)
from extract.lists import list_items
from extract.records import DepartmentGoals, Project, Submission, Warning
from extract.trace import LABEL, SKIP, UNPLACED, VALUE, Fate, Placement, Reading, TableTrace
from extract.units import find_money_unit, find_unit, merge_unit
from extract.wordml import P, body_blocks, is_numbered, paragraph_text, w

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
            name = name_from_title(self.title)
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
            "evaluation": None,
            "source_table": self.table,
        }


def _waiting_unnamed(project: _Project | None) -> bool:
    """Return whether a project read so far is a header without name or indicators: a 项目名称 line names it."""
    if project is None or project.reader is not None:
        return False
    return not project.header.text("name") and not project.header.text("code")


def _code(text: str | None) -> str | None:
    return re.sub(r"\s+", "", fold(text)) if text else None


def _header_fields(rows: list[list[Cell]]) -> set[str]:
    """Return the header fields (项目名称, 预算数 ...) that label cells of these rows name."""
    return {f for row in rows for c in distinct(row) if c.lines and (f := cell_field(c)) is not None}


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

    def __init__(self, keep_cells: bool = False) -> None:
        self.keep_cells = keep_cells  # keep every table's cells to the end (explain lists them all)
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
        self.dept_title = False  # a 部门整体…绩效目标表 title was read
        self.dept_indicators: IndicatorReader | None = None
        self.reading = Reading()  # every paragraph and cell and what became of it (jixiao explain, warnings)
        self.trace = TableTrace(-1)
        self.notes: list[tuple[str, str, str]] = []  # warnings about the file as a whole
        self.instructions = False  # inside a 填报说明 block: its lines are instructions
        self.lines = HeaderLines()  # 项目名称：… lines outside tables, until a project takes them

    # -- paragraphs -----------------------------------------------------------------------
    def paragraph(self, block: etree._Element) -> None:
        text = paragraph_text(block).strip()
        if not text:
            return
        kind, what = self._paragraph(block, text)
        self.reading.blocks.append(Placement(None, len(self.paragraphs) - 1, 0, text, kind, what))

    def _paragraph(self, block: etree._Element, text: str) -> Fate:
        """Read one paragraph outside tables; return its fate."""
        self.paragraphs.append(text)
        if user_boilerplate(text):
            return (SKIP, "jixiao_toml")  # registered in jixiao.toml [labels.boilerplate]
        found_unit = find_unit(text)
        found_money = find_money_unit(text)
        if found_unit or found_money is not None:  # a unit line: never department content
            self.unit = merge_unit(self.unit, found_unit)
            self.money_unit = found_money if found_money is not None else self.money_unit
            return (VALUE, "unit") if found_unit else (LABEL, "money_unit")
        if INSTRUCTIONS.match(text):
            self.instructions = True  # 填报说明： the lines after it explain the form
            return (SKIP, "instructions")
        if self.instructions:
            return (SKIP, "instructions")
        if is_title(text):
            self._title(text)
            return (SKIP, "form_title")
        if _PROJECT_PART.match(text):
            self.in_projects = True  # 第二部分 项目支出绩效目标: the department section is over
            return (SKIP, "part_title")
        fld = line_field(text) if "：" in text[:24] or ":" in text[:24] else None  # a label's colon comes early
        if fld is not None and (self.in_projects or fld in PROJECT_FIELDS):
            self.in_projects = True  # 项目名称：… written as a line: a project's header (extract/header_lines.py)
            self.lines.add_known(text, len(self.reading.blocks), len(self.paragraphs) - 1)
            return UNPLACED  # until a project takes it: then its cell's fate
        if not self.in_projects and self.department.feed(text, is_numbered(block)):
            return self.department.fate
        flat = fold(text)
        if len(flat) < 80 and SIGNATURE_LINE.search(flat):
            return (SKIP, "signature")
        horizon = horizon_of(text) if len(text) < 30 else self.pending_horizon
        self.pending_horizon = horizon
        if len(text) < 30 and horizon:
            return (LABEL, "indicator.horizon")
        if YEAR_LINE.match(flat):
            return (VALUE, "fiscal_year")
        if PART_LINE.match(flat):
            return (SKIP, "part_title")
        if len(text) < 30 and FORM_TITLE.search(strip_suffixes(flat)):
            return (SKIP, "form_title")
        if len(text) <= 16 and BLOCK_TITLE.match(flat):
            return (LABEL, "indicator.block")
        if self.in_projects:  # 项目类型：… or 一、项目基本信息 beside field lines: read with them, else unplaced
            self.lines.add_other(text, len(self.reading.blocks), len(self.paragraphs) - 1)
        return UNPLACED

    def _title(self, text: str) -> None:
        """Take a form title: a department form's (部门整体支出绩效目标表) or a project's, whose name it may carry."""
        if DEPARTMENT_TITLE.search(text) and len(text) < 40:
            self.dept_form = self.dept_form or DepartmentForm()  # 部门整体支出绩效目标申报表: no project
            self.dept_title = True
        else:
            self.in_projects, self.pending_title = True, text
        if text not in self.paragraphs:
            self.paragraphs.append(text)  # the year is read from titles

    # -- tables ---------------------------------------------------------------------------
    def table(self, block: etree._Element) -> None:
        self._table(block)
        trace = self.trace
        if user_boilerplate_registered():  # cells nobody read that jixiao.toml calls boilerplate: skipped, by that rule
            for c in own_cells(trace.grid):
                if c.fate is None and user_boilerplate(c.text):
                    c.fate = (SKIP, "jixiao_toml")
        # a department form's cells are looked at again at the end (holds_indicators)
        trace.close(self.keep_cells or any("department" in t for t in trace.taken_for))
        self.lines.drop_unknown()  # lines held beside no field line are what they were: unplaced

    def _table(self, block: etree._Element) -> None:
        self.table_index += 1
        grid = table_grid(block)
        self.trace = TableTrace(self.table_index, grid=grid)
        self.reading.blocks.append(self.trace)
        self.instructions = False
        for row in grid[:2]:  # the form's title drawn as the table's first row, spanning it
            cells = [c for c in distinct(row) if c.lines]
            if len(cells) == 1 and len(cells[0].text) < 60 and is_title(cells[0].text):
                self._title(cells[0].text)
                cells[0].fate = (SKIP, "form_title")
        if not self.projects and self._department_form(grid):
            return
        if self.dept_form is not None and not self.projects and self.department_indicators(grid):
            return
        touched = [self.segment(grid, lo, hi, found) for lo, hi, found in _segments(grid)]
        if any(touched):
            self.in_projects = True
        else:  # a cover table: only a unit it names is of use
            cover = parse_header(grid, self.table_index)
            self.unit = merge_unit(self.unit, cover.unit)
            for c in own_cells(grid):  # what a cover table says beyond its unit is read nowhere
                if c.fate is not None and not c.fate[1].startswith(("unit", "money_unit")):
                    c.fate = None
            cells = list(own_cells(grid))
            if cover.unit is not None:
                self.trace.taken_for.append("单位信息 (unit)")
            elif not cells:
                self.trace.taken_for.append("空表 (empty)")
            elif all(SIGN_OFF.search(c.text) for c in cells):
                self.trace.taken_for.append("审核签章栏 (sign-off)")
            elif user_boilerplate(cells[0].text):
                self.trace.taken_for.append("模板说明，跳过 (boilerplate: jixiao.toml [labels.boilerplate])")
                for c in cells:
                    c.fate = (SKIP, "jixiao_toml")
            for c in cells:
                if c.fate is None and (SIGN_OFF.search(c.text) or SIGNATURE_LINE.search(fold(c.text))):
                    c.fate = (SKIP, "signature")
        self.pending_horizon = None

    def _department_form(self, grid: list[list[Cell]]) -> bool:
        """Read a department-level form's table (部门整体支出绩效目标表), decided by the labels' evidence."""
        dept, project = department_evidence(grid)
        if self.dept_title:
            dept = [*dept, "部门整体…绩效目标表（标题）"]
        if self.pending_title:
            project = [*project, f"{self.pending_title}（标题）"]
        strong = any(header_field(k) in ("name", "code") for k in project)
        if not dept or len(dept) <= len(project) or strong:
            if dept and project and not strong and len(dept) == len(project) and self.dept_form is None:
                self.notes.append(("guessed", f"表{self.table_index + 1}",
                                   f"表格既有部门整体目标的标签（{'、'.join(dept[:3])}）也有项目的标签（{'、'.join(project[:3])}），"
                                   f"按项目支出绩效目标表读取，请核对"))
            return False
        if project:
            self.notes.append(("guessed", f"表{self.table_index + 1}",
                               f"表格按部门整体支出绩效目标表读取（{'、'.join(dept[:3])}），但也有项目的标签"
                               f"（{'、'.join(project[:3])}），请核对"))
        elif len(dept) == 1 and not self.dept_title:  # one label, no title: weak evidence
            self.notes.append(("guessed", f"表{self.table_index + 1}",
                               f"表格按部门整体支出绩效目标表读取，依据只有“{dept[0]}”一项（没有部门整体目标表的标题），请核对"))
        self.trace.taken_for.append("部门整体支出绩效目标表 (department form)")
        self.dept_form = self.dept_form or DepartmentForm()
        before = len(self.dept_form.fields)
        start = read_department_table(grid, self.dept_form, self.table_index)
        self.trace.fields += self.dept_form.fields[before:]
        self.unit = merge_unit(self.unit, self.dept_form.unit)
        if start is not None:
            self.department_indicators(grid, start)
        return True

    def department_indicators(self, grid: list[list[Cell]], lo: int = 0) -> bool:
        """Read a department-level form's indicator table (or its continuation); return whether it was one."""
        found = find_header_row(grid, lo)
        if found is None or _header_fields(grid[lo: found[0]]) & _PROJECT_LABELS:
            if self.dept_indicators is None or found is not None:
                return False
            self.dept_indicators.read(grid, lo, self.table_index)  # broken at a page break
            self.trace.taken_for.append("部门整体绩效指标表（续）(department indicators, continued)")
            return True
        header_row, columns = found
        columns = split_project_columns(columns)[1]
        notes = self.dept_indicators.notes if self.dept_indicators else self.notes
        columns = one_level_off(grid, header_row, columns, notes, f"部门整体 表{self.table_index + 1}")
        if self.dept_indicators is None:
            self.dept_indicators = IndicatorReader(columns, len(grid[0]))
        else:
            self.dept_indicators.remap(columns, len(grid[0]))
        self.dept_indicators.side_titles(grid, header_row)
        self.dept_indicators.header(grid, header_row, self.trace)
        self.trace.taken_for.append("部门整体绩效指标表 (department indicators)")
        self.trace.columns += describe_columns(grid[header_row], columns)
        self.dept_indicators.read(grid, header_row + 1, self.table_index)
        if self.dept_form is not None:
            for label, text in self.dept_indicators.column_fields:
                self.dept_form.extra.setdefault(extra_key(label), text)
            self.dept_indicators.column_fields.clear()
        return True

    def segment(self, grid: list[list[Cell]], lo: int, hi: int, found: tuple[int, dict[str, list[int]]] | None) -> bool:
        """Read rows lo..hi of a table (a project's header and/or indicator rows); return whether it was one."""
        index = self.table_index
        if found and has_project_columns(found[1]):
            return self.project_groups(grid, lo, hi, found)
        head_rows = _header_block(grid, lo, found[0]) if found else grid[lo:hi]
        current = self.projects[-1] if self.projects else None
        has_fields = _header_fields(head_rows)
        created = new = False
        if (
            _PROJECT_LABELS & has_fields
            or (found and current is None)
            or (self.pending_title and (has_fields or found))  # a titled table without 项目名称
            or (self.lines.names_project() and (has_fields or found) and not _waiting_unnamed(current))  # 项目名称：…
        ):
            header = parse_header(head_rows, index)
            blocks = self.lines.take()
            for lines, _ in blocks[:-1]:  # projects written only as lines before this one
                self._line_project(lines)
            if blocks:
                self.lines.merge(header, blocks[-1][0])
            new = True
            self.unit = merge_unit(self.unit, header.unit)
            current = _Project(len(self.projects) + 1, self.pending_title, header, index, self.money_unit)
            self.projects.append(current)
            self.pending_title = None
            created = True
            self.trace.taken_for.append(f"项目表头 (project header): 项目{current.seq}“{header.text('name') or ''}”")
            self.trace.fields += header.fields
        elif has_fields and current is not None and current.reader is None and self.in_projects:
            more = parse_header(head_rows, index)
            current.header.update(more)  # a header table broken at a page break
            created = True
            self.trace.taken_for.append(f"项目表头（续）(project header, continued): 项目{current.seq}")
            self.trace.fields += more.fields
        if current is None:
            return False
        continues = current.reader is not None and current.last_indicator_table == index - 1 and lo == 0
        if not new and (found or created or continues):
            for lines, _ in self.lines.take():  # 预算金额：… written between a project's tables
                self.lines.merge(current.header, lines)
        if continues:
            continue_from(grid, current.last_row)
        if found:
            header_row, columns = found
            notes = current.reader.notes if current.reader else current.header.notes
            columns = one_level_off(grid, header_row, columns, notes, f"表{index + 1}")
            if current.reader is None:
                current.reader = IndicatorReader(columns, len(grid[0]))
            elif current.reader.columns != columns:  # same project, another block: keep its rows
                current.reader.remap(columns, len(grid[0]))
            horizon = _table_horizon(grid, lo, header_row, columns) or self.pending_horizon
            if horizon:
                current.reader.switch(horizon)
            current.reader.side_titles(grid, header_row)
            current.reader.header(grid, header_row, self.trace)
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
        for label, text in current.reader.column_fields:  # 保障绩效目标实现措施 | one merged text
            current.header.extra.setdefault(extra_key(label), text)
            current.header.fields.append((label, "extra"))
        current.reader.column_fields.clear()
        current.last_indicator_table = index
        current.last_row = grid[hi - 1]
        return True

    def project_groups(self, grid: list[list[Cell]], lo: int, hi: int, found: tuple[int, dict[str, list[int]]]) -> bool:
        """Read a table holding several projects one under another: a 项目名称 column (merged over its rows,
        or repeated) beside the indicator columns; each group of rows is one project with its own name,
        money and goals from the project columns, and its own indicator rows."""
        header_row, columns = found
        project_cols, indicator_cols = split_project_columns(columns)
        key = project_cols.get("name", project_cols.get("code"))
        assert key is not None  # _row_columns keeps project columns only beside a name or code column
        head_rows = _header_block(grid, lo, header_row)
        if head_rows:  # a title or unit row above the header: only a unit it names is of use
            self.unit = merge_unit(self.unit, parse_header(head_rows, self.table_index).unit)
        labels = {fld: grid[header_row][c] for fld, c in project_cols.items()}
        for fld, cell in labels.items():
            cell.fate = (LABEL, FIELD_PATH.get(fld, fld))
        groups: list[list[int]] = []  # [first row, end row] per project
        for r in range(header_row + 1, hi):
            named = grid[r][key] if key < len(grid[r]) else None
            if named is None or not named.lines:
                if groups:
                    groups[-1][1] = r + 1
                continue
            first = grid[groups[-1][0]][key] if groups else None
            if first is not None and (named is first or named.text == first.text):
                groups[-1][1] = r + 1
            else:
                groups.append([r, r + 1])
        for start, end in groups:
            pairs = [(fld, labels[fld].text, [grid[r][c] for r in range(start, end) if c < len(grid[r])])
                     for fld, c in project_cols.items()]
            header = header_from_columns(pairs)
            project = _Project(len(self.projects) + 1, None, header, self.table_index, self.money_unit)
            self.projects.append(project)
            project.reader = IndicatorReader(indicator_cols, len(grid[0]))
            if start == groups[0][0]:
                project.reader.header(grid, header_row, self.trace)
            self.trace.taken_for.append(f"项目表头与绩效指标 (project columns and indicators): 项目{project.seq}"
                                        f"“{header.text('name') or ''}”")
            project.reader.read(grid, start, self.table_index, end)
            project.last_indicator_table, project.last_row = self.table_index, grid[end - 1]
        self.trace.columns += describe_columns(grid[header_row], columns)
        self.pending_title = None
        return bool(groups)

    def _line_project(self, header: Header) -> None:
        """Add a project written only as lines outside tables (项目名称：… 预算金额：…, no table of its own)."""
        self.projects.append(_Project(len(self.projects) + 1, None, header, -1, self.money_unit))

    def _lines_left(self) -> None:
        """Give the lines after the last table to a project: their own when they name one, else the last."""
        for header, names in self.lines.take():
            if names or not self.projects:
                self._line_project(header)
            else:
                self.lines.merge(self.projects[-1].header, header)
        restore_fates(self.reading.blocks, self.lines.fates())

    # -- the result -------------------------------------------------------------------------
    def result(self, file_name: str) -> Submission:
        self._lines_left()
        for p in self.projects:
            p.header.finish()
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
                "evaluation": None,
            }
        if dept is None and not records:
            raise RejectedFile(
                "文件中没有找到绩效目标内容（既无“部门整体绩效目标”，也无“项目支出绩效目标表”），"
                "请确认提交的是绩效目标申报文件。",
                kind="no_content",
            )
        unit = self.unit
        year = _fiscal_year(records, self.paragraphs)
        warnings = self.warnings(records, dept, year)
        return {
            "file": file_name,
            "sha256": None,
            "kind": "targets",
            "fiscal_year": year,
            "unit": {"code": unit[0] if unit else None, "name": unit[1] if unit else None},
            "department_goals": dept,
            "projects": records,
            "warnings": warnings,
        }

    def warnings(self, records: list[Project], dept: DepartmentGoals | None, year: int | None) -> list[Warning]:
        """Return every note taken while reading, once each: project by project (header, then indicator
        rows, then plausibility), then the department part, then the file, then what the accounting of
        paragraphs and cells left unplaced."""
        notes: list[tuple[str, str, str]] = []
        for project, record in zip(self.projects, records, strict=True):
            label = f"项目“{record['name'] or record['code'] or project.seq}”"
            notes += [(kind, f"{label} {where}", message) for kind, where, message in project.header.notes]
            if project.reader is not None:
                notes += [(kind, f"{label} {where}", message) for kind, where, message in project.reader.notes]
            notes += plausibility(record, label, project.header.text("name"), project.title)
        if self.dept_form is not None:
            notes += [(k, f"部门整体 {w}", m) for k, w, m in self.dept_form.notes]
        if self.dept_indicators is not None:
            notes += [(k, f"部门整体 {w}", m) for k, w, m in self.dept_indicators.notes]
        if self.dept_form is not None and dept is not None and not dept["indicators"]:
            held = [t for t in self.reading.tables if "department" in " ".join(t.taken_for) and holds_indicators(t)]
            if held:
                notes.append(("department_no_indicators", f"表{held[0].index + 1}",
                              "部门整体目标表中有像绩效指标的行（产出指标、数量指标…），但没有读到任何部门整体指标；"
                              "请核对指标表的表头（一级指标、二级指标、三级指标、指标值）"))
        notes += department_plausibility(dept, self.unit) + unit_plausibility(self.unit)
        notes += self.notes
        if year is None:
            notes.append(("year_missing", "全文", "没有读到预算年度（标题或正文中的“20XX年度”、项目编码中的年份），请核对"))
        for p in self.reading.blocks:
            if isinstance(p, Placement) and (p.kind, p.what) == UNPLACED:
                notes.append(("text_unplaced", p.where, f"段落“{p.text[:30]}”未能归入任何字段，未读取"))
        for trace in self.reading.tables:
            notes += trace.warnings()
        return [{"kind": k, "where": w, "message": m} for k, w, m in dict.fromkeys(notes)]


def parse_submission(root: etree._Element, file_name: str) -> Submission:
    """Return the Submission read from a parsed w:document; raise RejectedFile if it has none."""
    prepare_document(root)
    body = root.find(w("body"))
    if body is None:
        raise RejectedFile("文件中没有正文内容，请确认提交的是绩效目标申报文件。", kind="no_content")
    return read_body(body, file_name)[0]


def read_body(body: etree._Element, file_name: str, keep_cells: bool = False) -> tuple[Submission, Reading]:
    """Return the Submission read from a w:body and how each of its paragraphs and cells was read.

    `keep_cells` keeps every table's cells in the record (explain lists them); otherwise only those
    that may carry a warning are kept once a table is read.
    """
    if is_self_evaluation(body):  # a year-end 绩效自评表: its own reader (extract/evaluation.py)
        return read_self_evaluation(body, file_name)
    reader = _SubmissionReader(keep_cells)
    for block in body_blocks(body):
        if block.tag == P:
            reader.paragraph(block)
        else:
            reader.table(block)
    return reader.result(file_name), reader.reading


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
    below = grid[header_row]
    while rows and (any(indicator_column(c.text) for c in distinct(rows[-1]) if c.lines) or all(
            label_key(c.text) in SIDE_LABELS or c in below for c in distinct(rows[-1]) if c.lines)):
        rows = rows[:-1]  # the upper row of a two-row indicator header, or a block title over it (绩效指标)
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
