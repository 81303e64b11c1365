"""WordprocessingML basics: tag names, what a reader sees of a paragraph, body order.

Text rules (the contract's "what a reader sees"): tracked insertions (`w:ins`) count,
tracked deletions (`w:del`, `w:moveFrom`, deleted rows) do not, content controls (`w:sdt`)
are transparent unless they still show their placeholder, field codes are not text, a soft
break (`w:br`, `w:cr`) is a line break, auto-numbering (`w:numPr`) is never rendered.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def w(tag: str) -> str:
    """Return the Clark name of a w: tag."""
    return f"{{{W_NS}}}{tag}"


P, TBL, TR, TC, T, R = w("p"), w("tbl"), w("tr"), w("tc"), w("t"), w("r")
BR, CR, TAB, NOBREAK_HYPHEN, SYM = w("br"), w("cr"), w("tab"), w("noBreakHyphen"), w("sym")
SDT, SDT_PR, SDT_CONTENT, CUSTOM_XML = w("sdt"), w("sdtPr"), w("sdtContent"), w("customXml")
TC_PR, TR_PR, GRID_SPAN, V_MERGE, H_MERGE = w("tcPr"), w("trPr"), w("gridSpan"), w("vMerge"), w("hMerge")
GRID_BEFORE, GRID_AFTER, NUM_PR, P_PR, VAL, TYPE = (
    w("gridBefore"),
    w("gridAfter"),
    w("numPr"),
    w("pPr"),
    w("val"),
    w("type"),
)
_DELETED = (w("del"), w("moveFrom"))
# Tracked formatting changes keep the *old* properties (an old gridSpan, vMerge, numbering).
_OLD_PROPERTIES = tuple(w(t) for t in ("tcPrChange", "trPrChange", "tblPrChange", "tblGridChange",
                                       "pPrChange", "rPrChange", "sectPrChange", "numberingChange"))
_FALLBACK = f"{{{MC_NS}}}Fallback"
_VANISH = w("vanish")
TEXT_TAGS = (T, BR, CR, TAB, NOBREAK_HYPHEN, SYM)
# Wingdings check boxes (项目属性 ☑新增 □延续): which box is ticked is content.
_WINGDINGS = {
    "wingdings": {0xA8: "□", 0x6F: "□", 0xFE: "☑", 0xFD: "☒", 0x78: "☒", 0xFC: "✓"},
    "wingdings 2": {0x52: "☑", 0xA3: "□", 0x2A: "□", 0x51: "☒", 0x54: "☒", 0x50: "✓"},
}
# Characters of the Symbol font that units insert with Insert > Symbol (w:sym), by code point.
_SYMBOL_FONT = {0x3C: "<", 0x3D: "=", 0x3E: ">", 0x25: "%", 0xA3: "≤", 0xB3: "≥", 0xB1: "±", 0xB4: "×",
                0xB8: "÷", 0xB9: "≠", 0xBB: "≈", 0xB0: "°", 0xAE: "→"}
# Containers that are transparent for document order (their children are body content).
_CONTAINERS = (SDT, SDT_CONTENT, CUSTOM_XML, w("smartTag"))


def drop_invisible(root: etree._Element, tables: list[etree._Element] | None = None) -> None:
    """Remove, in place, everything a reader does not see: deletions, deleted rows, placeholders.

    `tables`, when given, receives every w:tbl of the tree as it was before (the same pass finds them).
    """
    # One pass to find them all, then edit: the tree must not change while being iterated.
    if tables is None:
        found = list(root.iter(_DELETED[0], _DELETED[1], SDT_PR, _FALLBACK, _VANISH, *_OLD_PROPERTIES))
    else:
        found = []
        for el in root.iter(TBL, _DELETED[0], _DELETED[1], SDT_PR, _FALLBACK, _VANISH, *_OLD_PROPERTIES):
            (tables if el.tag == TBL else found).append(el)
    for el in found:
        parent = el.getparent()
        if parent is None:
            continue
        if el.tag in _OLD_PROPERTIES:
            parent.remove(el)
        elif el.tag == _VANISH:  # hidden text (template instructions): a reader does not see it
            run = parent.getparent()
            if (parent.tag == w("rPr") and run is not None and run.tag == R and run.getparent() is not None
                    and el.get(VAL, "true") not in ("0", "false", "off")):
                run.getparent().remove(run)
        elif el.tag == SDT_PR:
            if el.find(w("showingPlcHdr")) is not None:
                content = el.getnext()
                while content is not None and content.tag != SDT_CONTENT:
                    content = content.getnext()
                if content is not None:
                    for run in list(content.iter(R)):
                        run.getparent().remove(run)
        elif parent.tag == TR_PR:  # a deleted table row
            row = parent.getparent()
            if row is not None and row.getparent() is not None:
                row.getparent().remove(row)
        elif parent.tag != w("rPr"):  # w:del in rPr marks a deleted paragraph mark: no text
            parent.remove(el)


def text_of(el: etree._Element) -> str:
    """Return what one of TEXT_TAGS contributes to the text a reader sees."""
    tag = el.tag
    if tag == T:
        return el.text or ""
    if tag == TAB:
        return "\t" if el.getparent().tag == R else ""  # in w:tabs it is a tab stop, not text
    if tag == NOBREAK_HYPHEN:
        return "-"
    if tag == SYM:
        return _symbol(el.get(w("font"), ""), el.get(w("char"), ""))
    return "\n" if el.get(TYPE) in (None, "textWrapping") else ""  # page/column breaks are layout


def _symbol(font: str, char: str) -> str:
    """Return the character a w:sym stands for ('' for pictures such as Wingdings)."""
    try:
        code = int(char, 16)
    except ValueError:
        return ""
    if 0xF000 <= code <= 0xF0FF:  # symbol fonts address their glyphs in the private use area
        code -= 0xF000
    elif font.lower() != "symbol":
        # Only a character XML may hold: chr() raised past Unicode or below zero, a surrogate
        # half is not UTF-8, and U+FFFE/U+FFFF or a control character cannot be put back into
        # the tree (flattening a nested table does) - all found by fuzzing.
        if not (0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF):
            return ""
        return chr(code)
    if font.lower() in _WINGDINGS:
        return _WINGDINGS[font.lower()].get(code, "")
    return _SYMBOL_FONT.get(code, "") if font.lower() == "symbol" else ""


def paragraph_text(p: etree._Element) -> str:
    """Return the visible text of one paragraph (soft breaks as newlines), unstripped."""
    parts = []
    for el in p.iter(*TEXT_TAGS):
        if el.tag == T:  # nearly every piece: without a call, its text read once
            text = el.text
            if text:
                parts.append(text)
        else:
            parts.append(text_of(el))
    return "".join(parts)


def is_numbered(p: etree._Element) -> bool:
    """Return whether a paragraph carries automatic numbering (w:numPr)."""
    ppr = p.find(P_PR)
    return ppr is not None and ppr.find(NUM_PR) is not None


def body_blocks(container: etree._Element) -> Iterator[etree._Element]:
    """Yield the w:p and w:tbl elements of a body in document order, through content controls."""
    for child in container:
        tag = child.tag
        if tag == P or tag == TBL:
            yield child
        elif tag in _CONTAINERS:
            yield from body_blocks(child)
