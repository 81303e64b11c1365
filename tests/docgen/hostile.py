"""Files a county inbox really receives that are not readable submissions, built from bytes."""

from __future__ import annotations

import io
import random
import zipfile


def empty() -> bytes:
    """Return an empty file (a unit uploaded before saving)."""
    return b""


def random_bytes(rng: random.Random, size: int = 4096) -> bytes:
    """Return noise that is neither a zip nor an OLE2 container (a damaged download)."""
    data = bytearray(rng.getrandbits(8) for _ in range(size))
    data[:4] = b"\x13\x37\x00\x01"  # never PK\x03\x04 nor the OLE2 magic
    return bytes(data)


def truncated_zip(docx: bytes) -> bytes:
    """Return the first half of a real .docx (an interrupted copy or e-mail attachment)."""
    return docx[: len(docx) // 2]


def html_doc(unit_name: str, project_name: str) -> bytes:
    """Return a Word 'web page' saved with a .doc name, as Word writes it (GB2312 encoded)."""
    html = f"""<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=gb2312">
<meta name=ProgId content=Word.Document><meta name=Generator content="Microsoft Word 15">
<title>{unit_name}项目支出绩效目标表</title></head>
<body lang=ZH-CN style='tab-interval:21.0pt'><div class=WordSection1>
<p class=MsoNormal align=center>1.{project_name}绩效目标表</p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0>
<tr><td colspan=6><p class=MsoNormal>{unit_name}</p></td><td><p class=MsoNormal>单位：元</p></td></tr>
<tr><td><p class=MsoNormal>项目名称</p></td><td colspan=6><p class=MsoNormal>{project_name}</p></td></tr>
</table></div></body></html>
"""
    return html.encode("gb18030")


def no_content_docx(text: str = "请见附件。") -> bytes:
    """Return a valid .docx holding one sentence and no 绩效目标 content."""
    from tests.docgen import ooxml as ox

    return ox.package(ox.document_xml(ox.p(ox.r(text))))


def xlsx_renamed() -> bytes:
    """Return a minimal Excel workbook package (saved from the budget system, renamed .docx)."""
    buf = io.BytesIO()
    ct = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    wb = '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>'
    with zipfile.ZipFile(buf, "w") as zf:
        for name, text in (
            ("[Content_Types].xml", ct),
            ("_rels/.rels", rels),
            ("xl/workbook.xml", wb),
        ):
            zf.writestr(zipfile.ZipInfo(name, date_time=(2022, 1, 10, 9, 30, 0)), text)
    return buf.getvalue()
