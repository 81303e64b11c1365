"""Resolve a w:tbl into a rectangular grid of cells.

Word stores a table as rows of cells where one cell may span grid columns (`w:gridSpan`,
legacy `w:hMerge`), continue the cell above (`w:vMerge`), sit inside a content control
(`w:sdt` around a row or a cell), or be preceded by skipped grid columns (`w:gridBefore`).
`table_grid` flattens all of that: every (row, column) position holds the Cell that covers
it, so a merged cell appears at every position it spans, as a reader sees it.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from extract.errors import RejectedFile
from extract.wordml import (
    GRID_AFTER,
    GRID_BEFORE,
    GRID_SPAN,
    H_MERGE,
    TBL,
    TC,
    TEXT_TAGS,
    TR,
    V_MERGE,
    VAL,
    P,
    R,
    T,
    drop_invisible,
    text_of,
)

_OTHER_TEXT = tuple(tag for tag in TEXT_TAGS if tag != T)
# Word tables have at most 63 columns. A span, gridBefore or gridAfter is clamped to that, and
# a row wider than MAX_ROW_WIDTH is refused: every row is padded to the widest, so one row of
# gridSpan="2147483647" would otherwise cost rows x 2^31 cells (found by fuzzing: 52 s and
# 1.8 GB for a span of 10^6 on the seed's cells, the OOM killer for 2^31).
MAX_SPAN = 63
MAX_ROW_WIDTH = 1024
MSG_TOO_WIDE = (
    "文件中有表格的列数异常（一行超过 {n} 列，正常的绩效目标表不超过 20 列），疑似异常文件，已拒绝读取；"
    "请用 Word/WPS 打开检查表格后另存为 .docx 再提交。 (a table row is wider than {n} columns)"
)


class Cell:
    """One visible cell: its text lines and the grid position of its top-left corner."""

    __slots__ = ("lines", "row", "col", "continued", "merged", "text", "fate")

    def __init__(
        self, lines: list[str], row: int, col: int, continued: bool = False, merged: bool = False
    ) -> None:
        self.lines = lines  # one per non-empty paragraph or soft-broken line, each stripped
        self.row, self.col = row, col
        self.continued = continued  # a vMerge continuation with no merged cell above (a split table)
        self.merged = merged  # starts or continues a vertical merge
        self.text = "\n".join(lines)  # the lines joined: read far more often than written
        self.fate: tuple[str, str] | None = None  # what the reader did with it (extract.trace)

    def __repr__(self) -> str:
        return f"Cell({self.lines!r}, {self.row}, {self.col}, continued={self.continued}, merged={self.merged})"

    def set_lines(self, lines: list[str]) -> None:
        self.lines, self.text = lines, "\n".join(lines)


EMPTY = Cell([], -1, -1)


def _flush(parts: list[str], lines: list[str]) -> None:
    """Move one paragraph's text pieces into `lines`, split at soft breaks, blanks dropped."""
    text = "".join(parts)
    parts.clear()
    for line in text.split("\n") if "\n" in text else (text,):
        line = line.strip()
        if line:
            lines.append(line)


class Row(list[Cell]):
    """One grid row: its Cells by grid column; `distinct` keeps its answer here (rows do not change once made)."""

    __slots__ = ("cells",)
    cells: list[Cell]


class _GridBuilder:
    """Places cells into rows as the single pass over a table meets them."""

    def __init__(self) -> None:
        self.rows: list[list[Cell]] = []
        self.row: list[Cell] | None = None
        self.after = 0  # w:gridAfter of the current row
        self.written: list[Cell] = []  # every new cell with text, in reading order (what accounting walks)

    def start_row(self) -> None:
        self.end_row()
        self.row, self.after = Row(), 0

    def end_row(self) -> None:
        if self.row is not None:
            if len(self.row) + self.after > MAX_ROW_WIDTH:
                raise RejectedFile(MSG_TOO_WIDE.format(n=MAX_ROW_WIDTH), kind="bomb")
            self.row.extend([EMPTY] * self.after)
            self.rows.append(self.row)
            self.row = None


def _place(grid: _GridBuilder, lines: list[str], span: int, v_merge: str | None, h_merge: str | None) -> None:
    """Put one cell into the current row: merged into its neighbour, or new."""
    if grid.row is None:
        grid.start_row()
    row = grid.row
    assert row is not None
    r, col = len(grid.rows), len(row)
    if v_merge is None and h_merge is None:  # the common case, without the merge checks
        cell = Cell(lines, r, col)
        if lines:
            grid.written.append(cell)
    elif h_merge is not None and h_merge != "restart" and row:
        cell = row[-1]  # legacy horizontal merge: continue the cell to the left
    elif v_merge is not None and v_merge != "restart":
        above_row = grid.rows[-1] if grid.rows else None
        above = above_row[col] if above_row is not None and col < len(above_row) else None
        cell = above if above is not None and above.merged else Cell([], r, col, True, True)
    else:
        cell = Cell(lines, r, col, merged=v_merge is not None)
        if lines:
            grid.written.append(cell)
    if col + span > MAX_ROW_WIDTH:
        raise RejectedFile(MSG_TOO_WIDE.format(n=MAX_ROW_WIDTH), kind="bomb")
    row.extend([cell] * span)


def _count(el: etree._Element) -> int:
    try:
        return min(MAX_SPAN, max(0, int(el.get(VAL, 0))))
    except ValueError:
        return 0


class Grid(list[list[Cell]]):
    """A table's rows of Cells, and the cells with text in reading order (`written`: each one once)."""

    written: list[Cell]


def table_grid(tbl: etree._Element) -> list[list[Cell]]:
    """Return the table as equal-length rows of Cells, merges resolved.

    One pass over the table's rows, cells, merge properties and text in document order
    (rows and cells inside content controls included), so no element is visited twice.
    Tables nested in cells must have been flattened first (`flatten_nested_tables`).
    """
    grid = _GridBuilder()
    in_cell = False
    lines: list[str] = []
    parts: list[str] = []
    span, v_merge, h_merge = 1, None, None
    for el in tbl.iter(T, P, TC, TR, GRID_SPAN, V_MERGE, H_MERGE, GRID_BEFORE, GRID_AFTER, *_OTHER_TEXT):
        tag = el.tag
        if tag == T:  # by far the most frequent: first, without a call
            text = el.text  # read once: lxml makes a new string on every access
            if text:
                parts.append(text)
        elif tag == P or tag == TC or tag == TR:
            # A paragraph starts, or a cell or row after a cell: the text gathered so far ends
            # a line of the cell. Inlined (as _flush): this runs once per paragraph.
            if parts and (in_cell or tag == P):
                text = parts[0] if len(parts) == 1 else "".join(parts)
                parts.clear()
                if "\n" in text:
                    lines.extend(line for line in map(str.strip, text.split("\n")) if line)
                elif text := text.strip():
                    lines.append(text)
            if tag == P:
                continue
            if in_cell:
                row = grid.row
                if v_merge is None and h_merge is None and row is not None and len(row) + span <= MAX_ROW_WIDTH:
                    cell = Cell(lines, len(grid.rows), len(row))  # the common case, as _place
                    if lines:
                        grid.written.append(cell)
                    if span == 1:
                        row.append(cell)
                    else:
                        row.extend([cell] * span)
                else:
                    _place(grid, lines, span, v_merge, h_merge)
                in_cell = False
            if tag == TR:  # as grid.start_row(), inlined: once per row
                row = grid.row
                if row is not None:
                    if grid.after:
                        if len(row) + grid.after > MAX_ROW_WIDTH:
                            raise RejectedFile(MSG_TOO_WIDE.format(n=MAX_ROW_WIDTH), kind="bomb")
                        row.extend([EMPTY] * grid.after)
                    grid.rows.append(row)
                grid.row, grid.after = Row(), 0
            else:
                in_cell, lines, span, v_merge, h_merge = True, [], 1, None, None
        elif tag == GRID_SPAN:
            span = max(1, _count(el))
        elif tag == V_MERGE:
            v_merge = el.get(VAL, "")
        elif tag == H_MERGE:
            h_merge = el.get(VAL, "")
        elif tag == GRID_BEFORE:
            if grid.row is not None:
                if len(grid.row) + _count(el) > MAX_ROW_WIDTH:
                    raise RejectedFile(MSG_TOO_WIDE.format(n=MAX_ROW_WIDTH), kind="bomb")
                grid.row.extend([EMPTY] * _count(el))
        elif tag == GRID_AFTER:
            grid.after = _count(el)
        else:
            piece = text_of(el)
            if piece:
                parts.append(piece)
    if in_cell:
        if parts:
            _flush(parts, lines)
        _place(grid, lines, span, v_merge, h_merge)
    grid.end_row()
    rows = grid.rows
    width = max((len(row) for row in rows), default=0)
    for row in rows:
        if len(row) < width:
            row.extend([EMPTY] * (width - len(row)))
    out = Grid(rows)
    out.written = grid.written
    return out


def flatten_nested_tables(root: etree._Element) -> None:
    """Replace each table nested in a cell by one paragraph per row (its cells' text, spaced)."""
    for inner in [t for t in root.iter(TBL) if _in_cell(t)][::-1]:  # innermost first
        parent = inner.getparent()
        if parent is None:
            continue
        index = parent.index(inner)
        for row in reversed(table_grid(inner)):
            text = " ".join(c.text.replace("\n", " ") for c in distinct(row) if c.lines)
            p = etree.Element(P)
            etree.SubElement(etree.SubElement(p, R), T).text = text
            parent.insert(index, p)
        parent.remove(inner)


def prepare_document(root: etree._Element) -> None:
    """Make a parsed document ready to read: drop what a reader does not see, flatten nested tables.

    The tables are found in the same pass as the invisible parts; the tree is walked again only
    when one of them sits in a cell (dropping only removes, so no other table can come to be nested).
    """
    tables: list[etree._Element] = []
    drop_invisible(root, tables)
    if any(_in_cell(t) for t in tables):
        flatten_nested_tables(root)


def _in_cell(tbl: etree._Element) -> bool:
    return next(tbl.iterancestors(TC), None) is not None


def continue_from(grid: list[list[Cell]], last_row: list[Cell]) -> None:
    """Give cells whose vertical merge began in the previous table (split at a page break) its text."""
    for row in grid:
        for col, cell in enumerate(row):
            if cell.continued and not cell.lines and col < len(last_row):
                cell.set_lines(last_row[col].lines)


def distinct(row: list[Cell]) -> list[Cell]:
    """Return the row's cells left to right, each merged cell once, blanks from gridBefore dropped.

    A table_grid row keeps the answer (asked of most rows several times): do not change the list returned.
    """
    known: list[Cell] | None = getattr(row, "cells", None)
    if known is not None:
        return known
    out: list[Cell] = []
    last = EMPTY
    for cell in row:
        if cell is not last and cell is not EMPTY:
            out.append(cell)
            last = cell
    if type(row) is Row:
        row.cells = out
    return out


def own_cells(grid: list[list[Cell]]) -> Iterator[Cell]:
    """Yield each non-empty cell of a table once, at its top-left position, in reading order.

    A cell continuing a vertical merge from the previous table (split at a page break) is not
    yielded: its text was written, and is accounted for, in that table.
    """
    written = getattr(grid, "written", None)
    if written is not None:  # table_grid kept them as it made them
        yield from written
        return
    for r, row in enumerate(grid):
        prev = None
        for cell in row:
            if cell is prev:
                continue
            prev = cell
            if cell.row == r and cell.lines and not cell.continued:
                yield cell
