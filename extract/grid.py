"""Resolve a w:tbl into a rectangular grid of cells.

Word stores a table as rows of cells where one cell may span grid columns (`w:gridSpan`,
legacy `w:hMerge`), continue the cell above (`w:vMerge`), sit inside a content control
(`w:sdt` around a row or a cell), or be preceded by skipped grid columns (`w:gridBefore`).
`table_grid` flattens all of that: every (row, column) position holds the Cell that covers
it, so a merged cell appears at every position it spans, as a reader sees it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from extract.wordml import (
    CUSTOM_XML,
    GRID_AFTER,
    GRID_BEFORE,
    GRID_SPAN,
    H_MERGE,
    SDT,
    SDT_CONTENT,
    TC,
    TC_PR,
    TR,
    TR_PR,
    V_MERGE,
    VAL,
    P,
    paragraph_text,
)

_ROW_CONTAINERS = (SDT, SDT_CONTENT, CUSTOM_XML)


@dataclass(eq=False)
class Cell:
    """One visible cell: its text lines and the grid position of its top-left corner."""

    lines: list[str]  # one per non-empty paragraph or soft-broken line, each stripped
    row: int
    col: int
    continued: bool = False  # a vMerge continuation with nothing above it (a split table)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


EMPTY = Cell([], -1, -1)


def _children(el: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Yield `tag` children of el, looking through row/cell-level content controls."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in _ROW_CONTAINERS:
            yield from _children(child, tag)


def _int_attr(parent: etree._Element | None, tag: str, default: int) -> int:
    if parent is None:
        return default
    el = parent.find(tag)
    if el is None:
        return default
    try:
        return max(1, int(el.get(VAL, default)))
    except ValueError:
        return default


def cell_lines(tc: etree._Element) -> list[str]:
    """Return the non-empty stripped lines of a cell (paragraphs, split at soft breaks)."""
    lines: list[str] = []
    for p in tc.iter(P):
        for line in paragraph_text(p).split("\n"):
            line = line.strip()
            if line:
                lines.append(line)
    return lines


def table_grid(tbl: etree._Element) -> list[list[Cell]]:
    """Return the table as equal-length rows of Cells, merges resolved."""
    rows: list[list[Cell]] = []
    for r, tr in enumerate(_children(tbl, TR)):
        tr_pr = tr.find(TR_PR)
        row: list[Cell] = [EMPTY] * _int_attr(tr_pr, GRID_BEFORE, 0)
        for tc in _children(tr, TC):
            tc_pr = tc.find(TC_PR)
            span = _int_attr(tc_pr, GRID_SPAN, 1)
            v_merge = tc_pr.find(V_MERGE) if tc_pr is not None else None
            h_merge = tc_pr.find(H_MERGE) if tc_pr is not None else None
            col = len(row)
            if h_merge is not None and h_merge.get(VAL) != "restart" and row:
                cell = row[-1]  # legacy horizontal merge: continue the cell to the left
            elif v_merge is not None and v_merge.get(VAL) != "restart":
                above = rows[-1][col] if rows and col < len(rows[-1]) else None
                cell = above if above is not None and above is not EMPTY else Cell([], r, col, True)
            else:
                cell = Cell(cell_lines(tc), r, col)
            row.extend([cell] * span)
        row.extend([EMPTY] * _int_attr(tr_pr, GRID_AFTER, 0))
        rows.append(row)
    width = max((len(row) for row in rows), default=0)
    for row in rows:
        if len(row) < width:
            row.extend([EMPTY] * (width - len(row)))
    return rows


def distinct(row: list[Cell]) -> list[Cell]:
    """Return the row's cells left to right, each merged cell once, blanks from gridBefore dropped."""
    out: list[Cell] = []
    for cell in row:
        if cell is EMPTY or (out and out[-1] is cell):
            continue
        out.append(cell)
    return out
