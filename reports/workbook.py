"""Printable Excel sheets for clerks: landscape, one page wide, header row repeated, rows tall enough.

xlsxwriter writes the page setup into the file; LibreOffice and Excel print it as set. Row
heights are computed here because neither program grows a row for wrapped text it did not
lay out itself (xlsxwriter cannot measure text).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from typing import Any

# Points per printed line of the 11-point default font with CJK glyphs, and the padding of a row.
LINE_POINTS = 15.0
ROW_PADDING = 4.0


def text_width(text: str) -> int:
    """Return the width of `text` in Excel column units: CJK and full-width characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def lines_needed(text: str, width: float) -> int:
    """Return how many lines `text` takes wrapped in a column `width` units wide."""
    usable = max(width - 1.5, 1.0)  # the cell's own margins
    return sum(max(1, math.ceil(text_width(part) / usable)) for part in text.split("\n"))


def row_height(values: Sequence[Any], widths: Sequence[float]) -> float:
    """Return the row height (points) that shows every wrapped value of the row in full."""
    lines = max(
        (lines_needed(str(v), w) for v, w in zip(values, widths, strict=True) if v is not None),
        default=1,
    )
    return lines * LINE_POINTS + ROW_PADDING


def formats(book: Any) -> dict[str, Any]:
    """Return the cell formats every sheet uses."""
    base = {"text_wrap": True, "valign": "top", "border": 1, "font_size": 11}
    return {
        "head": book.add_format({**base, "bold": True, "bg_color": "#D9E1F2"}),
        "cell": book.add_format(base),
        "error": book.add_format({**base, "bold": True, "font_color": "#C00000"}),
        "number": book.add_format({**base, "num_format": "#,##0.00"}),
        "title": book.add_format({"bold": True, "font_size": 14}),
        "note": book.add_format({"text_wrap": True, "valign": "top", "font_color": "#595959"}),
    }


def print_setup(ws: Any, header_row: int, last_col: int, footer: str) -> None:
    """Set `ws` to print on A4 landscape, one page wide, repeating the table's header row."""
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.fit_to_pages(1, 0)  # one page wide, as many pages tall as needed
    ws.repeat_rows(header_row)
    ws.print_area(0, 0, max(ws.dim_rowmax or 0, header_row), last_col)
    ws.set_footer(f"&L{footer}&R第 &P 页，共 &N 页")


def write_table(
    ws: Any,
    top: int,
    columns: Sequence[tuple[str, float]],
    rows: Sequence[Sequence[Any]],
    fmt: dict[str, Any],
    cell_formats: Sequence[Any] | None = None,
    with_filter: bool = True,
) -> int:
    """Write a header row at `top` and `rows` under it; return the last row written."""
    widths = [w for _, w in columns]
    for col, (title, width) in enumerate(columns):
        ws.set_column(col, col, width)
        ws.write_string(top, col, title, fmt["head"])
    ws.set_row(top, row_height([t for t, _ in columns], widths))
    r = top
    for r, values in enumerate(rows, start=top + 1):
        for col, value in enumerate(values):
            style = (cell_formats[col] if cell_formats else None) or fmt["cell"]
            if value is None or value == "":
                ws.write_blank(r, col, None, style)
            elif isinstance(value, int | float) and not isinstance(value, bool):
                ws.write_number(r, col, float(value), style)
            else:
                ws.write_string(r, col, str(value), style)
        ws.set_row(r, row_height([_shown(v) for v in values], widths))
    ws.freeze_panes(top + 1, 0)
    if with_filter:
        ws.autofilter(top, 0, max(r, top + 1), len(columns) - 1)
    return r


def _shown(value: Any) -> Any:
    if isinstance(value, float):
        return f"{value:,.2f}"
    return value
