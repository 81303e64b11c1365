"""Word building blocks shared by the county report and the review letters (python-docx).

A4 pages with the margins of GB/T 9704 (党政机关公文格式), Chinese fonts set for East Asian text
(python-docx's `font.name` only sets the Latin font), real heading and table styles, a header row
repeated on every page, and page numbers from a PAGE field so Word counts them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table

BODY_FONT, HEADING_FONT, TITLE_FONT = "仿宋", "黑体", "宋体"
TABLE_STYLE = "Table Grid"
A4 = (Cm(21.0), Cm(29.7))


@dataclass(frozen=True)
class Column:
    """One table column: its header, how a row's value becomes text, its width and alignment."""

    header: str
    cell: Callable[[dict[str, Any]], str]
    width_cm: float
    right: bool = False


def _style_font(style: Any, name: str, size: float, bold: bool = False) -> None:
    style.font.name = name
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = RGBColor(0, 0, 0)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attr), name)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)  # a theme font would win over the names above


def new_document(landscape: bool = False) -> DocumentObject:
    """Return an empty A4 document with the report's fonts, headings and page-number footer."""
    doc = Document()
    section = doc.sections[0]
    set_page(section, landscape)
    styles = doc.styles
    _style_font(styles["Normal"], BODY_FONT, 12)
    normal = styles["Normal"].paragraph_format
    normal.space_after, normal.line_spacing = Pt(4), 1.3
    _style_font(styles["Title"], TITLE_FONT, 20, bold=True)
    title = styles["Title"].paragraph_format
    title.alignment, title.space_after = WD_ALIGN_PARAGRAPH.CENTER, Pt(6)
    # the template's Title has a bottom border; a formal report has none
    ppr = styles["Title"].element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)
    for level, size in ((1, 15), (2, 13)):
        style = styles[f"Heading {level}"]
        _style_font(style, HEADING_FONT, size, bold=level == 1)
        style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(10), Pt(4)
    _style_font(styles["Caption"], BODY_FONT, 10.5)
    styles["Caption"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    page_number_footer(section)
    return doc


def set_page(section: Any, landscape: bool) -> None:
    """Make `section` A4 (portrait or landscape) with GB/T 9704 margins."""
    width, height = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    if landscape:
        section.top_margin = section.bottom_margin = Cm(2.6)
        section.left_margin = section.right_margin = Cm(2.5)
    else:
        section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
        section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    section.footer_distance = Cm(2.0)


def _field(paragraph: Any, instruction: str) -> None:
    """Append a Word field (e.g. PAGE) to `paragraph`, showing 1 until Word updates it."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None), ("text", "1"), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            node = OxmlElement("w:instrText")
            node.set(qn("xml:space"), "preserve")
            node.text = f" {text} "
        elif kind == "text":
            run.text = text or ""
            continue
        else:
            node = OxmlElement("w:fldChar")
            node.set(qn("w:fldCharType"), kind)
        run._r.append(node)


def page_number_footer(section: Any) -> None:
    """Put “— N —” (the PAGE field) centred in the section's footer."""
    footer = section.footer
    footer.is_linked_to_previous = False
    para = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    para.text = ""
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.add_run("— ")
    _field(para, "PAGE")
    para.add_run(" —")


def paragraph(doc: Any, text: str, *, indent: bool = True, bold: bool = False, align: Any = None) -> Any:
    """Add a body paragraph (first line indented two characters, as Chinese documents are)."""
    para = doc.add_paragraph()
    run = para.add_run(text)
    run.bold = bold
    if indent:
        para.paragraph_format.first_line_indent = Pt(24)
    if align is not None:
        para.alignment = align
    return para


def _shade(cell: Any, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tcpr.append(shading)


def _repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    trpr.append(flag)


def _cell_text(cell: Any, text: str, *, size: float, bold: bool = False, right: bool = False) -> None:
    cell.text = ""
    para = cell.paragraphs[0]
    para.paragraph_format.first_line_indent = Pt(0)
    para.paragraph_format.space_after = Pt(0)
    para.paragraph_format.line_spacing = 1.0
    if right:
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = para.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold


def table(doc: Any, columns: Sequence[Column], rows: Sequence[dict[str, Any]], *, size: float = 9) -> Table:
    """Add a table in the document's table style: a shaded header row repeated on every page."""
    out = doc.add_table(rows=1, cols=len(columns))
    out.style = doc.styles[TABLE_STYLE]
    out.alignment = WD_TABLE_ALIGNMENT.CENTER
    out.autofit = False
    head = out.rows[0]
    _repeat_header(head)
    for cell, col in zip(head.cells, columns, strict=True):
        _cell_text(cell, col.header, size=size, bold=True)
        _shade(cell, "D9E1F2")
    for row in rows:
        cells = out.add_row().cells
        for cell, col in zip(cells, columns, strict=True):
            _cell_text(cell, col.cell(row), size=size, right=col.right)
    # Word reads the cell widths, LibreOffice the grid's: set both so the layout is the same.
    for i, col in enumerate(columns):
        out.columns[i].width = Cm(col.width_cm)
        for cell in out.columns[i].cells:
            cell.width = Cm(col.width_cm)
    return out


def keep_rows_whole(grid: Table) -> None:
    """Keep each body row of `grid` on one page (w:cantSplit): a long row moves, never spills."""
    for row in grid.rows[1:]:
        trpr = row._tr.get_or_add_trPr()
        flag = OxmlElement("w:cantSplit")
        flag.set(qn("w:val"), "true")
        trpr.append(flag)


def caption(doc: Any, text: str) -> None:
    """Add a centred caption (图/表 titles) in the Caption style."""
    doc.add_paragraph(text, style="Caption")


def num(value: Any, digits: int = 2) -> str:
    """Return a number with thousands separators and `digits` decimals; — for a blank."""
    if value is None:
        return "—"
    return f"{float(value):,.{digits}f}" if digits else f"{int(value):,}"


def pct(value: Any) -> str:
    """Return a percentage with one decimal (12.3%); — for a blank."""
    return "—" if value is None else f"{float(value):.1f}%"


def chinese_date(day: Any) -> str:
    """Return a date as 2026年12月1日."""
    return f"{day.year}年{day.month}月{day.day}日"
