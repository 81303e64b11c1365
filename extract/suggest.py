"""`jixiao explain --suggest`: a commented jixiao.toml [labels] snippet for what a file's reading left unplaced.

Works from the reading itself (the submission, its warnings and the tables' traces) and the file's
tables: every column the reader warned it did not know, every table nobody took, every project without
a name or a budget whose header table holds a likely label, every line read nowhere that looks like
boilerplate. Each gets one line, `key = ["label"]`, with the guess and its evidence in a comment. What no
[labels] line can mend (a header over two levels, a field line no project took, cells read nowhere) is
said in a comment too, never guessed away: a guess is a guess, the
clerk reads it, corrects it if need be, pastes it into jixiao.toml and runs `jixiao explain` again.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from extract.grid import Cell, distinct, prepare_document, table_grid
from extract.labels import LEVEL2_NAMES, fold, header_field, indicator_column, label_key
from extract.records import Project, Submission
from extract.trace import UNPLACED, TableTrace
from extract.values import parse_money, parse_target
from extract.wordml import TBL, body_blocks, w


@dataclass(frozen=True)
class Suggestion:
    """One line of the snippet: `key = [label]` in [labels.<part>], and why."""

    part: str  # header | indicator | boilerplate; note: said in a comment, nothing to register
    key: str  # a HEADER_FIELDS field, an INDICATOR_COLUMNS column, or "lines"
    label: str
    why: str
    value: str = field(default="", compare=False)  # the cell the label would place (not printed)


_LEVEL1_WORDS = re.compile(r"^(投入|产出|效益|效果|满意度|成本|过程|管理)")
_LEVEL2_WORDS = re.compile(r"(数量|质量|时效|成本|效益|满意度|影响)(指标|目标)?$|[^值](指标|目标)$")
_FISCAL_WORDS = re.compile(r"财政|拨款|补助|补贴|中央|省级|市级|县级|地方|本级|上级|一般公共预算|政府性基金")
_OTHER_WORDS = re.compile(r"其他|自筹|自有|社会|单位|事业|经营|银行|贷款")
_TARGET_LIKE = re.compile(r"[≥≤><=＞＜]|\d")
_MONEY_WORDS = re.compile(r"资金|拨款|补助|补贴|经费|收入|预算|金额|投资|总额|总数|合计|结转|结余")
_SUM_LABELS = ("合计", "总计", "小计合计", "金额合计")


def document_tables(path: Path) -> list[list[list[Cell]]]:
    """Return the grids of a file's body tables, in the order the reader numbers them."""
    from extract.dispatch import load_document

    root = load_document(Path(path).read_bytes(), Path(path).name)
    prepare_document(root)
    body = root.find(w("body"))
    if body is None:
        return []
    return [table_grid(b) for b in body_blocks(body) if b.tag == TBL]


def suggest(submission: Submission, traces: list[TableTrace], grids: list[list[list[Cell]]]) -> list[Suggestion]:
    """Return a [labels] suggestion for each thing the reading left unplaced, in document order."""
    out: list[Suggestion] = []
    fields = [s for project in submission["projects"] for s in _project_fields(project, traces, grids)]
    placed = {s.value for s in fields if s.value}  # cells a suggested label would read
    warned = {w["where"] for w in submission["warnings"] if w["kind"] == "column_unknown"}
    for trace in traces:
        grid = grids[trace.index] if trace.index < len(grids) else []
        if not trace.taken_for:
            out += _unknown_table(trace.index, grid)
            continue
        out += _unknown_columns(trace, grid, warned)
        out += _nameless_rows(trace, submission)
        out += _unplaced_cells(trace, grid, placed)
    out += fields
    out += _unplaced_lines(submission)
    out += _notes(submission, traces)
    return list(dict.fromkeys(out))


def _column_guess(cells: list[Cell], roles: set[str], first: bool) -> tuple[str, str]:
    """Return (column, evidence) guessed from a column's cells (`first`: the leftmost column not understood)."""
    has_name, has_description = "name" in roles, "description" in roles
    texts = [c.text for c in dict.fromkeys(cells) if c.lines]
    if not texts:
        return "ignored", "空列 (no content)"
    short = all(len(t) <= 10 for t in texts)
    grouped = len(texts) < sum(1 for c in cells if c.lines)  # merged down over groups of rows
    keys = [label_key(t) for t in texts]
    if short and sum(1 for k in keys if k in LEVEL2_NAMES or _LEVEL2_WORDS.search(k)) * 2 > len(keys) and not first:
        return "level2", f"内容是二级类别 (holds {texts[0]} …)"
    if short and (sum(1 for t in texts if _LEVEL1_WORDS.match(t)) * 2 > len(texts) or (first and grouped)):
        return "level1", f"内容是一级类别，按组合并 (holds {texts[0]} …, merged over groups)"
    targets = sum(1 for t in texts if parse_target(t)[0] is not None or (len(t) <= 16 and _TARGET_LIKE.search(t)))
    if targets * 2 > len(texts):
        return "target_raw", f"内容像指标值 (holds {texts[0]} …)"
    if all(re.fullmatch(r"\d+(\.\d+)?", t) for t in texts):
        return "ignored", f"只有数字，像分值 (numbers only: {texts[0]} …)"
    if not has_name:
        return "name", f"内容是文字，表中没有指标名称列 (text, no name column yet: {texts[0][:12]} …)"
    if not has_description:
        return "description", f"内容是说明文字 (text: {texts[0][:12]} …)"
    return "ignored", (f"内容是文字，表中已有名称和说明列：不读取；若要保留，合同中没有它的位置 "
                       f"(text, and the table has its name and description: not read: {texts[0][:12]} …)")


def _below(grid: list[list[Cell]], row: int, col: int) -> list[Cell]:
    """Return a column's cells under a header row, one per grid row (a cell merged down over them: none)."""
    head = grid[row][col]
    return [grid[r][col] for r in range(row + 1, len(grid)) if col < len(grid[r]) and grid[r][col] is not head]


def _span_note(grid: list[list[Cell]], row: int, col: int) -> str:
    cell, n = grid[row][col], sum(1 for c in grid[row] if c is grid[row][col])
    if n < 2:
        return ""
    parts = [grid[r][col + i].text for i in range(n) for r in range(row + 1, min(row + 2, len(grid)))]
    return (f"；注意：此表头跨 {n} 列 ({' | '.join(p for p in parts if p)} …)，jixiao 会把这几列读成一个值"
            f" (the header {cell.text!r} spans {n} columns: they are read as one value)")


def _header_row(grid: list[list[Cell]], header: str) -> int | None:
    for r, row in enumerate(grid):
        if any(c.text == header for c in row):
            return r
    return None


def _unknown_columns(trace: TableTrace, grid: list[list[Cell]], warned: set[str]) -> list[Suggestion]:
    """Suggest a role for each column of an understood indicator table whose header nobody knew."""
    out: list[Suggestion] = []
    roles = {role for _, _, role, _ in trace.columns if role}
    for col, header, role, _why in trace.columns:
        if role is not None or not header.strip():
            continue
        row = _header_row(grid, header)
        if row is None or f"表{trace.index + 1}第{col + 1}列" not in warned or indicator_column(header):
            continue  # a block title the reader knew as one (长期绩效指标), or a known header met twice
        if _is_block_label(grid, row, col):  # a side label merged over the rows, unknown to the reader
            out.append(Suggestion("indicator", "ignored", label_key(header),
                                  f"表{trace.index + 1}第{col + 1}列：侧边标题，合并覆盖整列，无可读内容"
                                  f" (a side label merged over the rows)"))
            continue
        guess, evidence = _column_guess(_below(grid, row, col), roles, not out)
        roles.add(guess)
        out.append(Suggestion("indicator", guess, label_key(header),
                              f"表{trace.index + 1}第{col + 1}列：{evidence}{_span_note(grid, row, col)}"))
    return out


def _nameless_rows(trace: TableTrace, submission: Submission) -> list[Suggestion]:
    """Rows warned without a name in a table with a description column but no name column: it is the name."""
    roles = {role: head for _, head, role, _ in trace.columns if role}
    where = f"表{trace.index + 1}第"
    nameless = sum(1 for w in submission["warnings"] if w["kind"] == "indicator_no_name" and where in w["where"])
    if "name" in roles or "description" not in roles or not nameless:
        return []
    head = roles["description"]
    return [Suggestion("indicator", "name", label_key(head),
                       f"表{trace.index + 1}：{nameless} 行没有指标名称，而“{head}”列有内容且表中没有三级指标列：此列即指标名称"
                       f" (no name column: {head} names the indicator)")]


def _is_block_label(grid: list[list[Cell]], row: int, col: int) -> bool:
    """A side label merged down over the whole table (绩效指标): a title, not a column of data."""
    head = grid[row][col]
    return len(grid) > row + 1 and all(col < len(r) and r[col] is head for r in grid[row:])


def _unknown_table(index: int, grid: list[list[Cell]]) -> list[Suggestion]:
    """Suggest the roles of a table nobody took: its indicator header row, or boilerplate for its first cell."""
    for r in range(len(grid) - 1):
        heads = [c for c in distinct(grid[r]) if c.lines and c.row == r]
        below = [c for row in grid[r + 1:] for c in distinct(row) if c.lines]
        if len(heads) < 2 or any(len(c.text) > 12 for c in heads) or not any(_TARGET_LIKE.search(c.text) for c in below):
            continue
        out: list[Suggestion] = []
        roles = {role for c in heads if (role := indicator_column(c.text)) is not None}
        for cell in heads:
            if indicator_column(cell.text) is not None:
                continue
            col = cell.col
            if all(col < len(row) and row[col] is cell for row in grid[r:]):
                out.append(Suggestion("indicator", "ignored", label_key(cell.text),
                                      f"表{index + 1}第{col + 1}列：侧边标题，合并覆盖整列，无可读内容"
                                      f" (a side label merged over the rows)"))
                continue
            guess, evidence = _column_guess(_below(grid, r, col), roles, not any(
                x.key != "ignored" for x in out))
            roles.add(guess)
            out.append(Suggestion("indicator", guess, label_key(cell.text),
                                  f"表{index + 1}第{col + 1}列：{evidence}{_span_note(grid, r, col)}"))
        return out
    first = next((c for row in grid for c in distinct(row) if c.lines), None)
    if first is None:
        return []
    return [Suggestion("boilerplate", "lines", label_key(first.text)[:40],
                       f"表{index + 1}：未能识别的表格，以此开头；若无需读取，登记为模板说明后整表跳过"
                       f" (a table read nowhere: marked boilerplate, it is skipped whole)")]


def _unplaced_cells(trace: TableTrace, grid: list[list[Cell]], placed: set[str]) -> list[Suggestion]:
    """Cells read nowhere in a table that was understood, beyond an unknown column: said, never guessed away.

    A cell is no line: hiding it as boilerplate could hide a goal or an amount, so the clerk is told where.
    """
    unknown = {col for col, _, role, _ in trace.columns if role is None}
    left = [(row, col, text) for row, col, text in _unplaced(trace)
            if col not in unknown and text not in placed and not _covered_by_unknown_header(trace, grid, col)]
    if not left:
        return []
    shown = "、".join(f"第{r + 1}行第{c + 1}列“{t[:12]}”" for r, c, t in left[:3])
    return [_note(f"表{trace.index + 1}：{len(left)} 个单元格未读取（{shown}{' …' if len(left) > 3 else ''}），"
                  "请看 jixiao explain 的说明 (cells read nowhere: see jixiao explain)")]


def _unplaced(trace: TableTrace) -> list[tuple[int, int, str]]:
    """Return (row, col, text) of the table's cells that no reader placed."""
    return [(p.row, p.col, p.text) for p in trace.placements() if (p.kind, p.what) == UNPLACED]


def _covered_by_unknown_header(trace: TableTrace, grid: list[list[Cell]], col: int) -> bool:
    for ucol, header, role, _ in trace.columns:
        row = _header_row(grid, header) if role is None else None
        if row is not None and col < len(grid[row]) and grid[row][col] is grid[row][ucol]:
            return True
    return False


def _pairs(grid: list[list[Cell]]) -> list[tuple[str, str]]:
    """Return the (label, value) pairs of a header table: a cell no field names, then the cell after it."""
    out = []
    for row in grid:
        cells = [c for c in distinct(row) if c.lines]
        for label, value in zip(cells, cells[1:], strict=False):
            if not label.merged and header_field(label.text) is None and parse_money(label.text, 1) is None:
                out.append((label_key(label.text), value.text))
    return out


def _project_fields(project: Project, traces: list[TableTrace], grids: list[list[list[Cell]]]) -> list[Suggestion]:
    """A project named only by its title, or without a budget: the likely labels of its header table."""
    table = project.get("source_table")
    trace = next((t for t in traces if t.index == table), None)
    if trace is None or table is None or table >= len(grids):
        return []
    fields = {role for _, role in trace.fields}
    pairs = _pairs(grids[table])
    out = []
    where = f"表{trace.index + 1}"
    if "name" not in fields:
        for key, value in pairs:
            if "名称" in key and not re.search(r"单位|部门|科目", key) and parse_money(value, 1) is None:
                out.append(Suggestion("header", "name", key, f"{where}：项目名称未读到（取了标题“{project['name'] or ''}”）；"
                                      f"此标签的值像项目名称 (the project's name: {value[:20]})", value))
                break
        else:
            named = f"的名称“{project['name']}”来自标题" if project["name"] else "没有读到名称"
            out.append(_note(f"项目{project['seq']}{named}，表格中没有像项目名称的标签；若项目名称写在表格之外的"
                             "段落里（项目名称：…），jixiao 尚不能读 (no label in the tables names the project)"))
    goals = set(project["goals"]) | set(project["long_term_goals"])
    subs = [(k, v) for k, v in pairs if "目标" in k and header_field(k) is None and len(v) > len(k)]
    misread = not goals or any(k in goals for k, _ in subs)  # a sub-label read as the goal itself
    for key, value in subs if misread else []:
        guess = "long_goals" if re.search(r"总|长期|中期|三年|中长期", key) else "annual_goals"
        out.append(Suggestion("header", guess, key, f"{where}：目标的小标题被读成了目标内容 (a goal's sub-label read as "
                              f"the goal: {value[:16]} …)", value))
    if project["budget_total"] is None or project["budget_fiscal"] is None:
        have_total = project["budget_total"] is not None
        have_fiscal = project["budget_fiscal"] is not None
        money = [(k, v) for k, v in pairs if parse_money(v, 1) is not None and _MONEY_WORDS.search(k)
                 and not re.search(r"编码|代码|电话|日期|时间|年度?$", k)]
        sums = [(k, v) for k, v in pairs if k in _SUM_LABELS and parse_money(v, 1) is not None]
        if sums and not have_total:  # a cost breakdown (项目 | 金额 rows, then 合计): the sum is the budget
            money, have_total = [], True
            out.append(Suggestion("header", "total", sums[0][0], f"{where}：值 {sums[0][1]} 是各行金额的合计 "
                                  "(the sum of a cost breakdown: the budget)", sums[0][1]))
        for key, value in money:
            if _FISCAL_WORDS.search(key):
                guess = "fiscal" if not have_fiscal else "fiscal_part"
                have_fiscal = True
            elif _OTHER_WORDS.search(key):
                guess = "other_part"
            elif not have_total:
                guess, have_total = "total", True
            else:
                continue
            out.append(Suggestion("header", guess, key, f"{where}：值 {value} 像金额，项目预算未读全 (reads as money)", value))
    return out


def _unplaced_lines(submission: Submission) -> list[Suggestion]:
    """Paragraphs outside tables that were read nowhere (warned 正文第N段): boilerplate."""
    out = []
    for warning in submission["warnings"]:
        m = re.search(r"“(.+?)”", warning["message"])
        if warning["kind"] != "text_unplaced" or not warning["where"].startswith("正文") or not m:
            continue
        text = m.group(1)
        field = re.match(r"\s*(?:[(（]?[一二三四五六七八九十\d]+[)）、.]?\s*)?([^:：]{2,12})[:：]\s*\S", fold(text))
        if field and header_field(field.group(1)) is not None:
            out.append(_note(f"{warning['where']}：字段“{field.group(1)}”写在表格之外的段落里，但没有项目接收它"
                             f"（前后都没有项目的表格）(a field line no project took: no project table near it)"))
        elif _boilerplate_like(text):
            out.append(Suggestion("boilerplate", "lines", label_key(text)[:40],
                                  f"{warning['where']}：未读取的一行 (a line read nowhere)"))
    return out


_DATA_LIKE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|万元|元|个|人|项|次|家|座|台|场|天|年|月|日)")


def _boilerplate_like(text: str) -> bool:
    """Return whether a line read nowhere may be boilerplate: short, no label, no value, no sentence, no `label：value`."""
    flat = fold(text).strip()
    if not flat or len(flat) > 40 or indicator_column(flat) or header_field(flat) or re.search(r"[，,。；;]", flat):
        return False  # a known label, or a sentence: content, not boilerplate
    if parse_target(flat)[0] is not None or parse_money(flat, 1) is not None or _DATA_LIKE.search(flat):
        return False
    return not re.search(r"[:：]\s*\S", flat)  # 项目类型：延续项目 is a field, not boilerplate


def _notes(submission: Submission, traces: list[TableTrace]) -> list[Suggestion]:
    """What the reading got wrong in a way no [labels] line can mend: said, so nobody pastes and trusts."""
    out = []
    for warning in submission["warnings"]:
        m = re.search(r"金额“(.+?)”", warning["message"])
        if warning["kind"] == "money_unreadable" and m and not re.search(r"\d", m.group(1)) and len(m.group(1)) <= 12:
            out.append(_note(f"{warning['where']}：金额位置上是另一个标签“{m.group(1)}”：标签在上、金额在下一行的布局，"
                             "但下一行不全是金额 (labels over a row that is not all amounts)"))
        part = re.search(r"“([^“”：]+)：", warning["message"])
        if warning["kind"] == "money_part_unknown" and part:  # 资金总额 | 某某配套 | 其他: the unknown source
            label = part.group(1)
            guess = "fiscal_part" if _FISCAL_WORDS.search(label) else "other_part" if _OTHER_WORDS.search(label) else ""
            if guess:
                out.append(Suggestion("header", guess, label, f"{warning['where']}：资金构成中未知的一项 "
                                      f"(a part of the money no label names)"))
    kept = dict.fromkeys(w["where"].split(" ")[-1].split("第")[0] for w in submission["warnings"]
                         if w["kind"] == "kept_unmapped")
    for table in kept:
        out.append(_note(f"{table}：指标行被当成了表头字段：指标表的表头行未被识别（需要至少三个已知列，其中一个是指标值）"
                         "(indicator rows read as header fields)"))
    for t in traces if not kept else []:
        rows = [label for label, role in t.fields if role == "extra" and label_key(label) in LEVEL2_NAMES]
        if rows:
            out.append(_note(f"表{t.index + 1}：指标行（{'、'.join(rows[:3])} …）被当成了表头字段：指标表的表头行未被识别"
                             "（需要至少三个已知列，其中一个是指标值）(indicator rows read as header fields)"))
    dept = submission["department_goals"]
    for item in dept["items"] if dept else []:
        if item["title"] and label_key(item["title"]) in ("任务名称", "主要内容", "项目名称", "部门职能"):
            out.append(_note(f"年度主要任务：表头行“{item['title']}”被读成了一项任务 (a header row read as a task)"))
    return out


def _note(text: str) -> Suggestion:
    return Suggestion("note", "", "", text)


def format_snippet(file_name: str, suggestions: list[Suggestion]) -> str:
    """Return the suggestions as a commented jixiao.toml snippet (or a line saying there is nothing to add)."""
    if not suggestions:
        return f"# jixiao explain --suggest {file_name}: 没有需要登记的内容 (nothing left unplaced)"
    lines = [f"# jixiao explain --suggest {file_name}",
             "# 每一行是一个猜测：核对后粘贴到 jixiao.toml（已有 [labels] 的，合并到同名小节），再运行 jixiao explain。",
             "# Each line is a guess: check it, paste it into jixiao.toml (merge with sections you have), re-run."]
    for note in (s for s in suggestions if s.part == "note"):
        lines.append(f"# 无法用 [labels] 修正 (no [labels] line can mend this): {note.why}")
    for part in ("header", "indicator", "boilerplate"):
        mine = [s for s in suggestions if s.part == part]
        if not mine:
            continue
        lines.append(f"\n[labels.{part}]")
        keys = list(dict.fromkeys(s.key for s in mine))
        for key in keys:
            for label in dict.fromkeys(s.label for s in mine if s.key == key):
                same = [s for s in mine if s.key == key and s.label == label]
                more = f"（另有 {len(same) - 1} 处 and {len(same) - 1} more）" if len(same) > 1 else ""
                lines.append(f"# {same[0].why}{more}")
            labels = ", ".join(json.dumps(label, ensure_ascii=False)
                               for label in dict.fromkeys(s.label for s in mine if s.key == key))
            lines.append(f"{key} = [{labels}]")
    return "\n".join(lines)
