"""Read a year-end self-evaluation (绩效自评表) into contract v4: kind self_evaluation.

A self-evaluation restates a project's (or the department's) targets beside what was achieved:
a money block (年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 over its money lines), the
goals as set and as achieved, an indicator table with 实际完成值 | 分值 | 得分 | 偏差原因, a 总分
row and closing 评价结论 / 存在问题 / 改进措施 rows. The reader walks every table row in document
order and decides what each row is from its labels (extract/evaluation_labels.py), never from
positions: a header row starts a block whose columns it names, the rows below are read by those
columns, and a `label | value` row fills a field. Every cell and paragraph gets its fate (label,
value, skipped boilerplate, warning) as target forms' cells do (extract/trace.py); what none of this
places is reported, through the same Reading that `jixiao explain` prints.
"""

from __future__ import annotations

import re

from lxml import etree

from extract import evaluation_labels as lb
from extract.checks import kept_in_extra
from extract.errors import RejectedFile
from extract.evaluation_parts import Part, read_indicator_row
from extract.grid import Cell, distinct, table_grid
from extract.header import looks_like_indicator
from extract.labels import fold, label_key, label_multiplier
from extract.lists import list_items
from extract.records import Submission, Warning
from extract.trace import (
    LABEL,
    SKIP,
    UNPLACED,
    VALUE,
    WARN,
    Fate,
    Placement,
    Reading,
    TableTrace,
)
from extract.units import find_money_unit, find_unit
from extract.values import parse_money
from extract.wordml import P, body_blocks, paragraph_text

# Column headers that are evidence of a self-evaluation even without its title.
_ACTUAL = {lb.eval_key(x) for x in lb.INDICATOR_COLUMNS["actual"] if x != "实际完成情况"}
_INITIAL = {lb.eval_key(x) for x in lb.MONEY_COLUMNS["initial"]}
_SPENT = {lb.eval_key(x) for x in lb.MONEY_COLUMNS["spent"]}


def is_self_evaluation(body: etree._Element) -> bool:
    """Return whether a document body is a self-evaluation: its title, or its columns, say so."""
    everything = str(body.xpath("string()"))  # a fast first look (deleted text too): most files are targets
    if not lb.TITLE.search(everything) and "完成值" not in everything and "实际值" not in everything and not (
            "年初预算" in everything and "执行数" in everything):
        return False
    keys: set[str] = set()
    for p in body.iter(P):
        text = paragraph_text(p)
        if not text or len(text) > 40:
            continue
        if "自评" in text and lb.TITLE.search(text):
            return True
        if "值" in text or "得分" in text or "预算" in text or "执行" in text:  # cheap: most text is neither
            keys.add(lb.eval_key(text))
    has_score = bool(keys & {"得分", "指标得分"})
    return bool(keys & _ACTUAL and has_score) or bool(keys & _INITIAL and keys & _SPENT)


_UNIT_LIKE = re.compile(r"单位|部门")


class _Reader:
    """Walks paragraphs and table rows in order; `part` is the project or department being read."""

    def __init__(self) -> None:
        self.parts: list[Part] = []
        self.department: Part | None = None
        self.is_department = False
        self.year: int | None = None
        self.unit: tuple[str | None, str | None] | None = None
        self.multiplier: int | None = None
        self.table_index = -1
        self.reading = Reading()
        self.paragraphs = 0  # non-empty paragraphs outside tables, for their placements
        self.mode: str | None = None
        self.columns: dict[str, int] = {}
        self.heads: dict[str, str] = {}
        self.ignored_columns: set[int] = set()
        self.closing = False  # past the current part's 总分 row
        self.unit_missing = False
        self.year_missing = False

    # -- paragraphs --------------------------------------------------------------------------
    def paragraph(self, text: str) -> None:
        self.reading.blocks.append(Placement(None, self.paragraphs, 0, text, *self._paragraph(text)))
        self.paragraphs += 1

    def _paragraph(self, text: str) -> Fate:
        """Read one paragraph outside tables; return its fate."""
        if lb.TITLE.search(text) or lb.YEAR.fullmatch(fold(text).strip("（）() ")):
            self.title(text)
            return SKIP, "form_title"
        if lb.BOILERPLATE.search(fold(text)):
            return SKIP, "instructions"
        money = find_money_unit(text)
        if money is not None:
            self.multiplier = money
            return LABEL, "金额单位 (money unit)"
        found = find_unit(text)
        if found is not None:
            self.unit = self.unit or found
            return VALUE, "unit"
        if self.parts and lb.SIGNATURE.search(text):
            self.inline_fields([text])
            return VALUE, "project.extra"
        return UNPLACED

    def title(self, text: str) -> None:
        if lb.DEPARTMENT_TITLE.search(text):
            self.is_department = True
        m = lb.YEAR.search(fold(text))
        if m and self.year is None:
            self.year = int(m.group(1))

    # -- tables ------------------------------------------------------------------------------
    def table(self, grid: list[list[Cell]]) -> None:
        self.table_index += 1
        self.trace = TableTrace(self.table_index, grid=grid)
        self.grid = grid
        self.reading.blocks.append(self.trace)
        self.claimed: set[int] = set()
        self.unknown_columns: set[int] = set()
        for r, row in enumerate(grid):
            self.row(r, row)

    def claim(self, *cells: Cell | None, fate: Fate = (LABEL, "自评表标签 (label)")) -> None:
        """Mark cells as read, with what became of them (a fate set by a closer look is kept)."""
        for cell in cells:
            if cell is not None:
                self.claimed.add(id(cell))
                if cell.fate is None and cell.lines:
                    cell.fate = (SKIP, "placeholder") if lb.is_prompt(cell.text) else fate

    def current(self) -> Part:
        """Return the part rows belong to: the last project, else the department (or what precedes a project)."""
        if self.is_department or not self.parts:
            if self.department is None:
                self.department = Part(0, self.multiplier)
            return self.department
        return self.parts[-1]

    def row(self, r: int, row: list[Cell]) -> None:
        cells = [c for c in distinct(row) if c.lines and id(c) not in self.claimed]
        if not cells:
            return
        if len(cells) == 1 and lb.TITLE.search(cells[0].text):
            self.title(cells[0].text)
            self.trace.taken_for.append("自评表标题 (title)")
            self.claim(cells[0], fate=(SKIP, "form_title"))
            return
        if self.header(r, row, cells):
            return
        if self.mode == "money" and self.money_line(r, row, cells):
            return
        if self.mode == "goals" and self.goals_values(row):
            return
        spans_all = len(distinct(row)) == 1  # one cell across the table: a note, never an indicator
        if self.mode == "indicators" and not spans_all and lb.field_role(cells[0].text) not in (
                "conclusion", "problems", "improvements", "rating"):
            self.indicator_row(r, row, cells)
            return
        if self.unread_indicators(r, cells):
            return
        self.mode = None
        self.fields(cells, row)

    def unread_indicators(self, r: int, cells: list[Cell]) -> bool:
        """Warn an indicator table whose header was not understood, row by row; return whether this row is one.

        Its header row names two indicator columns or more (一级指标, 三级指标 …) without those a block needs
        (a target and an actual or a score); its rows hold a 一级/二级 category (产出指标, 数量指标) or follow
        such a row. None of them is read as `label | value` pairs (which would fill extra with 指标 → 指标值)."""
        key = label_key(cells[0].text)
        header = sum(1 for c in cells if lb.indicator_column(c.text) not in (None, "ignored")) >= 2
        category = any(looks_like_indicator(c.text, "") for c in cells)
        follows = self.mode == "unread" and lb.field_role(cells[0].text) is None and key not in lb.TOTAL_ROW
        if not (header or category or follows):
            return False
        what = "表头" if header else "指标行"
        shown = " | ".join(c.text.replace("\n", "")[:12] for c in cells[:5])
        self.current().notes.append(("kept_unmapped", f"表{self.table_index + 1}第{r + 1}行",
                                     f"“{shown}”像是绩效指标表的{what}，但表头未能识别（指标值、完成值或得分列），"
                                     "该行未读取；如是新模板，请在 jixiao.toml [labels] 中登记"))
        self.claim(*cells, fate=(WARN, "kept_unmapped"))
        self.mode = "unread"
        return True

    def header(self, r: int, row: list[Cell], cells: list[Cell]) -> bool:
        """Start a block when the row names its columns; return whether it did."""
        for mode, role_of, needed in (
            ("money", lb.money_column, ({"initial", "full_year"}, {"spent"})),
            ("goals", lb.goal_column, ({"goals"}, {"achieved"})),
            ("indicators", lb.indicator_column, ({"target_raw"}, {"actual", "score"}, {"name", "level1", "level2"})),
        ):
            columns: dict[str, int] = {}
            ignored: set[int] = set()  # every column understood and not read (得分系数, 序号 …)
            for i, cell in enumerate(cells):
                role = role_of(cell.text)
                if i == 0 and role is not None and any(role_of(c.text) == role for c in cells[1:]):
                    role = None  # the block's side label (年度总体目标完成情况 over 预期目标 | 实际完成情况)
                if role == "ignored":
                    ignored.add(cell.col)
                if role is not None and role not in columns:
                    columns[role] = cell.col
            if not all(columns.keys() & group for group in needed) and mode == "indicators" and "target_raw" in columns:
                columns, ignored, cells = self.two_row_header(r, columns, ignored, cells)
            if not all(columns.keys() & group for group in needed):
                continue
            first = min(columns.values())
            labels = [c for c in cells if c.col < first]
            part = self.current()
            for label in labels:  # 项目资金（万元）, or 年度预算数（万元） beside 预算执行情况（10分）
                mult = label_multiplier(label.text)
                part.multiplier = mult if mult is not None else part.multiplier
            if labels:
                part.block_label = label_key(lb.extra_label(labels[0].text)).split("(")[0]
                if mode == "money":
                    part.block_points = lb.points(labels[0].text)
            self.mode, self.columns, self.ignored_columns = mode, columns, ignored
            self.heads = {role: next(c.text for c in cells if c.col == col) for role, col in columns.items()}
            roles = {col: role for role, col in columns.items()}
            for cell in cells:
                role = "ignored" if cell.col in ignored else roles.get(cell.col)
                if role is None and mode == "indicators" and cell.col > first:
                    self.unknown_columns.add(cell.col)
                    self.claim(cell, fate=(WARN, "column_unknown"))
                elif role == "ignored":
                    self.claim(cell, fate=(SKIP, "score_column"))
                else:
                    self.claim(cell, fate=(LABEL, f"{mode}.{role}" if role else "区块标题 (block label)"))
            self.trace.taken_for.append({"money": "预算执行情况表头 (money block)", "goals": "年度目标 (goals)",
                                         "indicators": "自评指标表 (indicator results)"}[mode])
            if mode == "indicators":
                self.describe(row, cells, columns)
            return True
        return False

    def two_row_header(self, r: int, columns: dict[str, int], ignored: set[int], cells: list[Cell]
                       ) -> tuple[dict[str, int], set[int], list[Cell]]:
        """Complete an indicator header over two rows (绩效指标 | 年度指标值 … above 一级 | 二级 | 三级 | 指标性质 |
        指标值 | 度量单位): the lower row's columns, then the upper row's where nothing lies below them.
        Return the columns, ignored columns and header cells (unchanged when the row below names no level)."""
        if r + 1 >= len(self.grid):
            return columns, ignored, cells
        below = [c for c in distinct(self.grid[r + 1]) if c.lines and id(c) not in self.claimed and c not in cells]
        lower: dict[str, int] = {}
        for cell in below:
            role = lb.indicator_column(cell.text)
            if role == "ignored":
                ignored = ignored | {cell.col}
            if role is not None and role not in lower:
                lower[role] = cell.col
        if not lower.keys() & {"name", "level1", "level2"}:
            return columns, ignored, cells
        merged = dict(lower)
        for role, col in columns.items():
            if role not in merged and col not in merged.values():
                merged[role] = col
        return merged, ignored, [*cells, *below]

    def describe(self, row: list[Cell], cells: list[Cell], columns: dict[str, int]) -> None:
        roles = {col: role for role, col in columns.items()}
        first = min(columns.values())
        for cell in cells:
            if cell.col < first:
                continue  # the block's side label (绩效指标（90分）)
            role = roles.get(cell.col) or lb.indicator_column(cell.text)
            why = f"label {lb.eval_key(cell.text)}" if role else ""
            self.trace.columns.append((cell.col, cell.text, role, why))

    def money_line(self, r: int, row: list[Cell], cells: list[Cell]) -> bool:
        """Read one money line by the block's columns; return False when the row is no money line."""
        first = min(self.columns.values())
        labels = [c for c in cells if c.col < first]
        values = {role: row[col] for role, col in self.columns.items() if col < len(row)}
        if labels and lb.line_kind(labels[-1].text) == "other" and not lb.MONEY_SOURCE.search(labels[-1].text) and not any(
            parse_money(values[k].text, 1) is not None for k in ("initial", "full_year", "spent") if k in values
        ):
            return False
        part = self.current()
        label = labels[-1].text if labels else part.block_label or "资金总额"
        part.add_line(label, values, self.multiplier)
        self.trace.fields.append((label, f"资金行 money line ({part.lines[-1].kind})"))
        self.claim(*labels, fate=(LABEL, f"evaluation.budget_lines.{part.lines[-1].kind}"))
        for role, cell in values.items():
            self.claim(cell, fate=(SKIP, "score_column") if role == "ignored" else
                       (VALUE, lb.MONEY_FIELDS.get(role, f"evaluation.budget_lines.{role}")))
        return True

    def goals_values(self, row: list[Cell]) -> bool:
        part = self.current()
        texts = {role: row[col] for role, col in self.columns.items() if col < len(row)}
        if not any(c.lines for c in texts.values()):
            return False
        for role, cell in texts.items():
            text = "" if lb.is_prompt(cell.text) else cell.text
            if role == "goals":
                part.goals_text = cell.lines if text else []
            elif role == "achieved":
                part.achieved = list_items(cell.lines) if text else []
            elif text:
                part.extra[lb.extra_label(self.heads[role])] = text
        for role, cell in texts.items():
            self.claim(cell, fate=(VALUE, lb.GOAL_FIELDS.get(role, "extra")))
        self.mode = None
        return True

    def indicator_row(self, r: int, row: list[Cell], cells: list[Cell]) -> None:
        part = self.current()
        if not self.trace.taken_for:  # a table broken at a page break, its header not repeated
            self.trace.taken_for.append("自评指标表（续）(indicator results, continued)")
        if label_key(cells[0].text) in lb.TOTAL_ROW:
            score = row[self.columns["score"]] if "score" in self.columns else None
            part.total_score = lb.number(score.text) if score is not None else None
            self.claim(score, fate=(VALUE, "evaluation.total_score"))
            self.claim(*cells, fate=(SKIP, "sum_row"))
            self.mode = None
            self.closing = True  # what follows the 总分 row closes the part: 评价结论, 存在问题, 改进措施 …
            return
        for role, cell in read_indicator_row(part, row, self.columns, self.table_index, r):
            self.claim(cell, fate=(SKIP, "score_column") if role == "ignored" else (SKIP, "placeholder")
                       if role == "placeholder" else (VALUE, f"indicator.{role}"))
        for col in self.unknown_columns:  # said once for the column (TableTrace.warnings)
            if col < len(row) and row[col].lines:
                self.claim(row[col], fate=(WARN, "column_unknown"))
        for col in self.ignored_columns:
            if col < len(row) and row[col].lines:
                self.claim(row[col], fate=(SKIP, "score_column"))

    def fields(self, cells: list[Cell], row: list[Cell]) -> None:
        """Read `label | value` pairs (and `label：value` cells) of a row."""
        j = 0
        while j < len(cells):
            cell = cells[j]
            nxt = cells[j + 1] if j + 1 < len(cells) else None
            money = find_money_unit(cell.text)
            if lb.BOILERPLATE.search(fold(cell.text)) or money is not None:
                self.multiplier = money if money is not None else self.multiplier
                self.claim(cell, fate=(SKIP, "instructions") if money is None else (LABEL, "金额单位 (money unit)"))
                j += 1
                continue
            if ("：" in cell.text or ":" in cell.text) and self.inline_fields(cell.lines):
                blank = lb.SIGNATURE.search(cell.text) and not cell.text.partition("：" if "：" in cell.text else ":")[2].strip()
                self.claim(cell, fate=(SKIP, "signature") if blank else (VALUE, "project.extra"))
                j += 1
                continue
            role = lb.field_role(cell.text)
            if role is not None and nxt is not None and lb.field_role(nxt.text) is not None and nxt.col > cell.col + 1 \
                    and any(not c.lines for c in row[cell.col + 1:nxt.col] if c is not cell):
                self.claim(cell, fate=(LABEL, "未填写的字段 (field left blank)"))  # 主管部门 | (blank) | 实施单位 | …
                j += 1
                continue
            if role is None and nxt is not None and (len(cell.text) > 30 or lb.SENTENCE.search(cell.text)):
                j += 1  # a sentence is no label: left unclaimed, reported (and its neighbour read on its own)
                continue
            blank_after = any(not c.lines for c in row[cell.col:] if c is not cell)
            if role is None and nxt is None and blank_after and len(cell.text) <= 20 and not lb.SENTENCE.search(cell.text):
                self.claim(cell, fate=(LABEL, "未填写的字段 (field left blank)"))  # 2.项目实施内容及过程概述 | (blank)
                j += 1
                continue
            if role is None and (nxt is None or lb.field_role(nxt.text) is not None):
                j += 1  # a lone cell: left unclaimed, reported
                continue
            if role == "total_score" and self.total_numbers(cells[j:]):
                j = len(cells)
                continue
            self.field(role, cell.text, nxt.text if nxt is not None else "")
            if role is None and self.closing and nxt is not None:  # kept in extra, but most likely a closing field
                self.current().notes.append((
                    "kept_unmapped", f"表{self.table_index + 1}第{cell.row + 1}行",
                    f"总分行之后的“{cell.text.strip()[:20]}”未能识别（评价结论、存在问题、改进措施？），"
                    "内容已保留在 extra；如是新模板，请在 jixiao.toml [labels] 中登记"))
                self.claim(cell, nxt, fate=(WARN, "kept_unmapped"))
            self.claim(cell, fate=(LABEL, role or "extra"))
            self.claim(nxt, fate=(VALUE, lb.FIELD_PATHS.get(role or "", "project.extra")))
            j += 2

    def total_numbers(self, cells: list[Cell]) -> bool:
        """Read a 总分 row holding several numbers (总分 | 100 | 97: the full marks, then the score) outside a known
        indicator table: the last is the score, a guess that is said. Return whether the row was such."""
        numbers = [c for c in cells[1:] if lb.number(c.text) is not None]
        if len(numbers) < 2:
            return False
        part = self.current()
        part.total_score = lb.number(numbers[-1].text)
        part.notes.append(("guessed", f"表{self.table_index + 1} {cells[0].text.strip()}",
                           f"总分行有{len(numbers)}个数（{'、'.join(c.text.strip() for c in numbers)}），"
                           f"自评总分按最后一个读为{numbers[-1].text.strip()}，请核对"))
        self.claim(cells[0], fate=(LABEL, "total_score"))
        self.claim(*numbers[:-1], fate=(SKIP, "sum_row"))
        self.claim(numbers[-1], fate=(VALUE, "evaluation.total_score"))
        return True

    def field(self, role: str | None, label: str, value: str) -> None:
        self.trace.fields.append((label, role or "extra"))  # for jixiao explain
        if role == "project" and not self.is_department:
            self.closing = False
            self.parts.append(Part(len(self.parts) + 1, self.multiplier, source_table=self.table_index))
            self.parts[-1].name_cell = value
            self.trace.taken_for.append(f"自评表：项目{len(self.parts)}“{value}”")
            return
        part = self.current()
        value = "" if lb.is_prompt(value) else value.strip()
        if role == "implementer":
            part.implementer = value
        elif role == "department" or (role == "supervisor" and self.is_department):  # a 部门整体 form's unit
            part.implementer = value
            if "部门整体 (department)" not in self.trace.taken_for:
                self.trace.taken_for.append("部门整体 (department)")
        elif role == "total_score":
            part.total_score = lb.number(value)
        elif role in ("rating", "conclusion", "problems", "improvements"):
            setattr(part, role, value or None)
        elif value:
            part.extra[lb.extra_label(label)] = value

    def inline_fields(self, lines: list[str]) -> bool:
        """Read 'label：value' lines (项目负责人：张三); return whether the cell was such."""
        found = False
        for text in lines:
            for piece in text.replace("\t", "  ").split("  "):
                label, sep, value = piece.replace(":", "：").partition("：")
                if not sep or not label.strip() or len(label.strip()) > 12:
                    continue
                found = True
                if value.strip():
                    self.field(lb.field_role(label), label, value)
        return found

    # -- result ------------------------------------------------------------------------------
    def result(self, file_name: str) -> Submission:
        multiplier = self.multiplier or 10000
        for part in [*self.parts, *([self.department] if self.department else [])]:
            part.finish(multiplier)
        if not self.parts and (self.department is None or self.department.is_empty()):
            raise RejectedFile(
                "文件标题或表头是绩效自评表，但没有找到自评表格内容（项目名称、预算执行情况、绩效指标）；"
                "请确认提交的是填写完整的自评表 Word 文件。", kind="no_content")
        projects = [p.project() for p in self.parts]
        is_department = self.is_department or not self.parts
        department = self.department.department() if self.department is not None and is_department else None
        unit = self.unit
        reporter = self.department if department is not None else (self.parts[0] if self.parts else None)
        if reporter is not None and reporter.implementer and not lb.SELF_REFERENCE.fullmatch(reporter.implementer):
            unit = lb.split_unit(reporter.implementer)  # 本单位 names no one: the document's unit line says who
        years = [int(p["code"][6:8]) + 2000 for p in projects if p["code"] and p["code"][6:8].isdigit()]
        self.unit_missing = not (unit and unit[1])
        year = self.year or (years[0] if years else None)
        self.year_missing = year is None
        return {
            "file": file_name, "sha256": None, "kind": "self_evaluation",
            "fiscal_year": year,
            "unit": {"code": unit[0] if unit else None, "name": unit[1] if unit else None},
            "department_goals": department, "projects": projects, "warnings": self.warnings(),
        }

    def warnings(self) -> list[Warning]:
        notes: list[tuple[str, str, str]] = []
        for part in self.parts:
            notes += part.notes
        if self.department is not None:
            notes += self.department.notes
        parts = [*self.parts, *([self.department] if self.department else [])]
        if not self.parts and not self.is_department:
            notes.append(("guessed", "表格", "自评表中没有“项目名称”，标题也未写明“部门整体”，已按部门整体自评表读取，请核对"))
        if self.year_missing:
            notes.append(("year_missing", "全文", "没有读到自评年度（标题或表中的“20XX年度”、项目编码中的年份），请核对"))
        if self.unit_missing:
            reporter = self.department if self.department is not None and not self.parts else (
                self.parts[0] if self.parts else None)
            kept = kept_in_extra(reporter.extra, _UNIT_LIKE) if reporter is not None else ""
            notes.append(("unit_missing", "单位", f"没有读到填报单位（实施单位、主管部门或单位名称）{kept}，请核对"))
        if self.multiplier is None and any(p.lines and p.multiplier is None for p in parts):
            notes.append(("guessed", "金额单位", "表中没有写明金额单位（元或万元），已按自评表通行的“万元”读取，请核对"))
        for b in self.reading.blocks:
            if isinstance(b, Placement) and (b.kind, b.what) == UNPLACED:
                notes.append(("text_unplaced", b.where, f"段落“{b.text[:30]}”未能归入任何字段，未读取"))
        for trace in self.reading.tables:
            notes += trace.warnings()
        return [{"kind": k, "where": w, "message": m} for k, w, m in dict.fromkeys(notes)]


def read_self_evaluation(body: etree._Element, file_name: str) -> tuple[Submission, Reading]:
    """Return the Submission a self-evaluation's body holds and how each paragraph and cell was read."""
    reader = _Reader()
    for block in body_blocks(body):
        if block.tag == P:
            text = paragraph_text(block).strip()
            if text:
                reader.paragraph(text)
        else:
            reader.table(table_grid(block))
    return reader.result(file_name), reader.reading
