"""Any file a unit submits -> the root `w:document` element, or RejectedFile with a reason to act on."""

from __future__ import annotations

from lxml import etree

from extract import legacy
from extract.package import read_document
from extract.sniff import ole2_kind, sniff


def load_document(data: bytes, name: str, *, convert_timeout: float = 60) -> etree._Element:
    """Return the root `w:document` of `data` (a .docx, or a .doc/.rtf converted by LibreOffice)."""
    kind = sniff(data, name)
    if kind == "zip":
        return read_document(data)
    if kind == "empty":
        raise legacy.empty_message()
    if kind == "html":
        raise legacy.html_doc_message()
    if kind == "rtf":
        # RTF saved under a .doc name (WPS does this) converts as well as a real .doc.
        return read_document(legacy.convert_doc_to_docx(data, name, timeout=convert_timeout))
    if kind == "ole2":
        ole = ole2_kind(data)
        if ole == "encrypted":
            raise legacy.encrypted_message()
        if ole == "word97":
            return read_document(legacy.convert_doc_to_docx(data, name, timeout=convert_timeout))
        if ole == "excel":
            raise legacy.not_word_message(
                "是 Excel 97-2003 工作簿（.xls），只是扩展名被改成了 Word 的"
            )
        if ole == "damaged":
            raise legacy.damaged_ole2_message()
        raise legacy.not_word_message("是 Office 复合文档，但不是 Word 文档")
    if kind == "wordml2003":
        raise legacy.not_word_message(
            "是 Word 2003 XML 格式，请用 Word/WPS 打开后另存为 Word 文档 .docx"
        )
    raise legacy.not_word_message()
