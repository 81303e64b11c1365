"""WordprocessingML primitives as escaped strings, and the zip package around a document body.

Strings rather than lxml trees because the county generator writes hundreds of files in a few
seconds; every text and attribute goes through `esc`/`attr`, so the output is well-formed XML.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

# Word 2010+/WPS documents declare many more namespaces and mark the newer ones ignorable.
WPS_NAMESPACES = {
    "wpc": "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "o": "urn:schemas-microsoft-com:office:office",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "v": "urn:schemas-microsoft-com:vml",
    "wp14": "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "w10": "urn:schemas-microsoft-com:office:word",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "w15": "http://schemas.microsoft.com/office/word/2012/wordml",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "wpsCustomData": "http://www.wps.cn/officeDocument/2013/wpsCustomData",
}

# Fixed zip timestamp: the same spec must give the same bytes (and sha256) on every run.
ZIP_DATE = (2022, 1, 10, 9, 30, 0)

RPR = '<w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>'
RPR_BOLD = '<w:rPr><w:b/><w:bCs/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>'
RPR_BODY = (
    '<w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:hAnsi="仿宋_GB2312" w:eastAsia="仿宋_GB2312" '
    'w:hint="eastAsia"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr>'
)
RPR_HEAD = (
    '<w:rPr><w:rFonts w:ascii="黑体" w:hAnsi="黑体" w:eastAsia="黑体" w:hint="eastAsia"/>'
    '<w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr>'
)


def esc(text: str) -> str:
    """Return `text` escaped for XML character data."""
    return escape(text)


def attr(value: str) -> str:
    """Return `value` escaped for a double-quoted XML attribute."""
    return escape(value, {'"': "&quot;"})


def t(text: str, tag: str = "w:t") -> str:
    """Return a w:t (or w:delText) element holding `text`, whitespace preserved."""
    return f'<{tag} xml:space="preserve">{esc(text)}</{tag}>'


def r(text: str, rpr: str = RPR) -> str:
    """Return one run for `text`; '\\n' becomes a soft line break (w:br) inside the run."""
    parts = text.split("\n")
    inner = "<w:br/>".join(t(p) for p in parts if True)
    return f"<w:r>{rpr}{inner}</w:r>"


def del_run(text: str, rid: int) -> str:
    """Return a tracked deletion (w:del holding w:delText) of `text`."""
    return (
        f'<w:del w:id="{rid}" w:author="张三" w:date="2022-01-05T10:00:00Z">'
        f"<w:r>{RPR}{t(text, 'w:delText')}</w:r></w:del>"
    )


def ins_run(text: str, rid: int, rpr: str = RPR) -> str:
    """Return a tracked insertion (w:ins) of `text`."""
    return (
        f'<w:ins w:id="{rid}" w:author="张三" w:date="2022-01-05T10:00:00Z">{r(text, rpr)}</w:ins>'
    )


def p(content: str, ppr: str = "", attrs: str = "") -> str:
    """Return a paragraph with properties `ppr` and inner run-level `content`."""
    return f"<w:p{attrs}>{ppr}{content}</w:p>"


def num_ppr(num_id: int, ilvl: int = 0, jc: str = "left") -> str:
    """Return paragraph properties for an automatically numbered (w:numPr) paragraph."""
    return (
        f'<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
        f'<w:jc w:val="{jc}"/></w:pPr>'
    )


def jc_ppr(jc: str) -> str:
    """Return paragraph properties aligning the paragraph (left/center/right)."""
    return f'<w:pPr><w:jc w:val="{jc}"/></w:pPr>'


def page_break_p() -> str:
    """Return a paragraph holding only a page break (how a table gets broken in two)."""
    return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


def tc(
    paragraphs: Iterable[str],
    width: int,
    span: int = 1,
    vmerge: str | None = None,
) -> str:
    """Return a table cell; vmerge is None, 'restart' or 'continue'."""
    pr = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        pr += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        pr += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        pr += "<w:vMerge/>"
    pr += '<w:vAlign w:val="center"/>'
    body = "".join(paragraphs) or p("")
    return f"<w:tc><w:tcPr>{pr}</w:tcPr>{body}</w:tc>"


def tr(cells: Iterable[str], header: bool = False, attrs: str = "") -> str:
    """Return a table row; header rows repeat on every page (w:tblHeader)."""
    trpr = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
    return f"<w:tr{attrs}>{trpr}{''.join(cells)}</w:tr>"


def tbl(widths: list[int], rows: Iterable[str]) -> str:
    """Return a bordered, fixed-layout table over a grid of `widths` (twips)."""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    return (
        f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
        f'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def sdt(content: str, alias: str, sid: int, placeholder: bool = False) -> str:
    """Return a content control (w:sdt) around `content` (body, row, cell or run level)."""
    plc = "<w:showingPlcHdr/>" if placeholder else ""
    return (
        f'<w:sdt><w:sdtPr><w:alias w:val="{attr(alias)}"/><w:tag w:val="{attr(alias)}"/>'
        f'<w:id w:val="{sid}"/>{plc}</w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>'
    )


PLACEHOLDER_TEXT = "单击或点击此处输入文字。"


def placeholder_run(sid: int) -> str:
    """Return a run-level content control still showing its placeholder (not content)."""
    run = f'<w:r><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr>{t(PLACEHOLDER_TEXT)}</w:r>'
    return sdt(run, "输入框", sid, placeholder=True)


SECT_PR = (
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1134" '
    'w:bottom="1440" w:left="1134" w:header="851" w:footer="992" w:gutter="0"/>'
    '<w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="312"/></w:sectPr>'
)


def document_xml(body: str, wps: bool = False) -> str:
    """Return word/document.xml for `body`; `wps` adds the namespaces and mc:Ignorable WPS writes."""
    ns = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'
    if wps:
        ns += "".join(f' xmlns:{k}="{v}"' for k, v in WPS_NAMESPACES.items())
        ns += ' mc:Ignorable="w14 w15 wp14"'
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<w:document {ns}><w:body>{body}{SECT_PR}</w:body></w:document>"
    )


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    "</Types>"
)

ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)

DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>'
    "</Relationships>"
)

STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>'
    '<w:rFonts w:ascii="Times New Roman" w:eastAsia="宋体" w:hAnsi="Times New Roman"/>'
    '<w:sz w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>'
    "<w:pPrDefault/></w:docDefaults>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
    '<w:style w:type="character" w:styleId="PlaceholderText"><w:name w:val="Placeholder Text"/>'
    '<w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:color w:val="808080"/></w:rPr></w:style>'
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    "<w:semiHidden/></w:style>"
    '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
    '<w:basedOn w:val="TableNormal"/></w:style></w:styles>'
)

# numId 1: bullet (measures), 2: '1.' (goals, titles), 3: '（一）' (分项 items), 4: '1、'.
_LEVELS = [("bullet", "•"), ("decimal", "%1."), ("chineseCounting", "（%1）"), ("decimal", "%1、")]
NUM_BULLET, NUM_DECIMAL, NUM_CHINESE, NUM_DECIMAL_COMMA = 1, 2, 3, 4

NUMBERING = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:numbering xmlns:w="{W_NS}">'
    + "".join(
        f'<w:abstractNum w:abstractNumId="{i}"><w:multiLevelType w:val="singleLevel"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{txt}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="420" w:hanging="420"/></w:pPr></w:lvl></w:abstractNum>'
        for i, (fmt, txt) in enumerate(_LEVELS)
    )
    + "".join(f'<w:num w:numId="{i + 1}"><w:abstractNumId w:val="{i}"/></w:num>' for i in range(4))
    + "</w:numbering>"
)

SETTINGS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:settings xmlns:w="{W_NS}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>'
    '<w:characterSpacingControl w:val="compressPunctuation"/></w:settings>'
)


def restart_num(num_id: int, abstract_id: int) -> str:
    """Return a w:num that restarts list `abstract_id` at 1 (one per numbered list)."""
    return (
        f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    )


def package(document: str, numbering: str = NUMBERING) -> bytes:
    """Return the bytes of a minimal valid .docx holding `document`, deterministic for its input."""
    buf = io.BytesIO()
    members = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("word/document.xml", document),
        ("word/_rels/document.xml.rels", DOC_RELS),
        ("word/styles.xml", STYLES),
        ("word/numbering.xml", numbering),
        ("word/settings.xml", SETTINGS),
    ]
    with zipfile.ZipFile(buf, "w") as zf:
        for name, text in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, text.encode("utf-8"), compresslevel=6)
    return buf.getvalue()
