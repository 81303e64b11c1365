"""Every hostile or wrong file is refused with its own kind and a Chinese reason a clerk can act on.

Each test builds its file at test time (in tmp_path when it touches disk) and feeds the bytes
through `extract.dispatch.load_document`, the same entry the extractor uses.
"""

from __future__ import annotations

import io
import os
import random
import re
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import xlsxwriter

from extract.dispatch import load_document
from extract.errors import RejectedFile
from extract.sniff import ole2_kind, sniff
from tests.paths import SEED_DOCX as SEED

REPO = Path(__file__).resolve().parents[1]
HAN = re.compile(r"[\u4e00-\u9fff]")

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def rejection(data: bytes, name: str = "submission.docx") -> RejectedFile:
    """Return the RejectedFile raised for `data`, checking its reason starts in Chinese."""
    with pytest.raises(RejectedFile) as info:
        load_document(data, name)
    exc = info.value
    assert exc.reason.strip(), "a rejection must say why"
    assert HAN.match(exc.reason), f"reason must start with a Chinese sentence: {exc.reason!r}"
    assert "。" in exc.reason or "；" in exc.reason
    return exc


def docx_with(document_xml: bytes | str) -> bytes:
    """Return a minimal .docx whose word/document.xml is `document_xml`."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        zf.writestr("word/document.xml", document_xml)
    return buf.getvalue()


# --- a tiny Compound File Binary (OLE2) writer: 512-byte sectors, no mini stream -------------

FREESECT, ENDOFCHAIN, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def cfb(streams: dict[str, bytes]) -> bytes:
    """Return an OLE2 compound file holding `streams` (each padded to 4096 bytes so no mini stream)."""
    names = list(streams)
    bodies = [streams[n].ljust(4096, b"\x00") for n in names]
    entries = len(names) + 1
    dir_sectors = -(-entries // 4)
    fat = [FATSECT]
    sectors: list[bytes] = []

    def add_chain(blob: bytes) -> int:
        first = 1 + len(sectors)
        count = -(-len(blob) // 512)
        for i in range(count):
            sectors.append(blob[i * 512 : (i + 1) * 512].ljust(512, b"\x00"))
            fat.append(first + i + 1 if i < count - 1 else ENDOFCHAIN)
        return first

    # Directory first (placeholder), then stream bodies; fill the directory in afterwards.
    dir_first = add_chain(b"\x00" * (dir_sectors * 512))
    starts = [add_chain(body) for body in bodies]
    assert len(fat) <= 128, "test CFB writer holds one FAT sector"

    def entry(name: str, obj_type: int, child: int, right: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\x00\x00"
        return (
            raw.ljust(64, b"\x00")
            + struct.pack("<HBB", len(raw), obj_type, 1)
            + struct.pack("<III", NOSTREAM, right, child)
            + b"\x00" * 36
            + struct.pack("<IQ", start, size)
        )

    directory = entry("Root Entry", 5, 1, NOSTREAM, ENDOFCHAIN, 0)
    for i, (start, body) in enumerate(zip(starts, bodies, strict=True)):
        right = i + 2 if i + 1 < len(names) else NOSTREAM
        directory += entry(names[i], 2, NOSTREAM, right, start, len(body))
    directory = directory.ljust(dir_sectors * 512, b"\x00")
    for i in range(dir_sectors):
        sectors[dir_first - 1 + i] = directory[i * 512 : (i + 1) * 512]

    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, 1, dir_first, 0, 4096, ENDOFCHAIN, 0, ENDOFCHAIN, 0)
        + struct.pack("<I", 0)
        + struct.pack("<108I", *([FREESECT] * 108))
    )
    assert len(header) == 512
    fat_sector = struct.pack("<128I", *(fat + [FREESECT] * (128 - len(fat))))
    return header + fat_sector + b"".join(sectors)


def fib(flags: int) -> bytes:
    """Return the start of a Word 97 WordDocument stream: wIdent 0xA5EC, nFib, ..., the flag word."""
    return struct.pack("<HHHHHH", 0xA5EC, 0x00C1, 0, 0x0409, 0, flags)


# --- the rejections ---------------------------------------------------------------------------


def test_empty_file() -> None:
    assert rejection(b"").kind == "empty"
    assert rejection(b"\x00" * 512 + b"\r\n").kind == "empty"


def test_random_bytes() -> None:
    data = random.Random(20221226).randbytes(8192)
    assert sniff(data, "x.docx") == "unknown"
    assert rejection(data).kind == "not_word"


def test_excel_workbook_renamed_docx(tmp_path: Path) -> None:
    path = tmp_path / "绩效目标.docx"
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet("项目").write(0, 0, "项目名称")
    wb.close()
    exc = rejection(path.read_bytes(), path.name)
    assert exc.kind == "not_word"
    assert "Excel" in exc.reason


def test_excel_97_renamed_doc() -> None:
    data = cfb({"Workbook": b"\x09\x08" + b"\x00" * 30})
    assert ole2_kind(data) == "excel"
    exc = rejection(data, "绩效目标.doc")
    assert exc.kind == "not_word" and "Excel" in exc.reason


def test_truncated_zip() -> None:
    data = SEED.read_bytes()
    assert rejection(data[: len(data) // 2]).kind == "corrupt"


def test_corrupt_member() -> None:
    data = bytearray(SEED.read_bytes())
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml")
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_len + extra_len
    for off in range(start + info.compress_size // 3, start + info.compress_size // 3 + 64):
        data[off] ^= 0x5A
    assert rejection(bytes(data)).kind == "corrupt"


def test_malformed_xml() -> None:
    doc = f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>预算</w:body>'
    assert rejection(docx_with(doc)).kind == "corrupt_xml"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_billion_laughs_refused_unexpanded(encoding: str) -> None:
    lol = "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' if i else '<!ENTITY lol0 "lol">'
        for i in range(10)
    )
    doc = (
        f'<?xml version="1.0" encoding="{encoding}"?><!DOCTYPE w:document [{lol}]>'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'
    )
    exc = rejection(docx_with(doc.encode(encoding)))
    assert exc.kind == "entities"


def test_external_entity_refused() -> None:
    doc = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>'
    )
    assert rejection(docx_with(doc)).kind == "entities"


def write_bomb(path: Path, megabytes: int) -> None:
    """Write a .docx whose document.xml inflates to `megabytes` MB of spaces, streamed (no big buffer)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        with zf.open("word/document.xml", "w") as member:
            member.write(f'<w:document xmlns:w="{W_NS}"><w:body>'.encode())
            block = b" " * (1 << 20)
            for _ in range(megabytes):
                member.write(block)
            member.write(b"</w:body></w:document>")


def lie_about_size(data: bytes, member: str, declared: int) -> bytes:
    """Return `data` with `member`'s uncompressed size set to `declared` in both zip headers."""
    out = bytearray(data)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(member)
    struct.pack_into("<I", out, info.header_offset + 22, declared)
    pos = out.find(b"PK\x01\x02")
    while pos != -1:
        name_len = struct.unpack_from("<H", out, pos + 28)[0]
        if out[pos + 46 : pos + 46 + name_len] == member.encode():
            struct.pack_into("<I", out, pos + 24, declared)
            return bytes(out)
        pos = out.find(b"PK\x01\x02", pos + 4)
    raise AssertionError(f"{member} not in the central directory")


PEAK_PROBE = """
import sys
from extract.dispatch import load_document
from extract.errors import RejectedFile
try:
    load_document(open(sys.argv[1], 'rb').read(), 'bomb.docx')
    print('loaded')
except RejectedFile as exc:
    print(exc.kind)
# VmHWM, not ru_maxrss: Linux keeps ru_maxrss across fork+exec, so a big test runner's own
# peak would be reported as the child's; VmHWM belongs to the new process's memory map.
print(next(int(line.split()[1]) for line in open('/proc/self/status') if line.startswith('VmHWM:')))
"""


def probe(path: Path) -> tuple[str, int]:
    """Return (outcome, peak RSS in MB) of loading `path` in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", PEAK_PROBE, str(path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        timeout=120,
        check=True,
    )
    kind, rss_kb = done.stdout.split()
    return kind, int(rss_kb) // 1024


def test_decompression_bomb_declared(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    write_bomb(path, 300)
    assert path.stat().st_size < 2 * 1024 * 1024, "300 MB of spaces compresses to well under 2 MB"
    assert rejection(path.read_bytes()).kind == "bomb"
    kind, peak_mb = probe(path)
    assert kind == "bomb"
    assert peak_mb < 500, f"peak memory {peak_mb} MB on the bomb"


def test_decompression_bomb_lying_size(tmp_path: Path) -> None:
    path = tmp_path / "liar.docx"
    write_bomb(path, 300)
    path.write_bytes(lie_about_size(path.read_bytes(), "word/document.xml", 2048))
    assert zipfile.ZipFile(path).getinfo("word/document.xml").file_size == 2048
    assert rejection(path.read_bytes()).kind == "bomb"
    kind, peak_mb = probe(path)
    assert kind == "bomb"
    assert peak_mb < 500, f"peak memory {peak_mb} MB on the bomb"


def test_element_flood_refused_before_parsing(tmp_path: Path) -> None:
    # Within the size caps and an ordinary compression ratio, yet 1.1 million elements:
    # lxml would need well over 500 MB for the tree, so it is refused before parsing.
    path = tmp_path / "dense.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        with zf.open("word/document.xml", "w") as member:
            member.write(f'<w:document xmlns:w="{W_NS}"><w:body>'.encode())
            for start in range(0, 1_100_000, 100_000):
                member.write(
                    b"".join(b'<w:p w:rsidR="%08X"/>' % i for i in range(start, start + 100_000))
                )
            member.write(b"</w:body></w:document>")
    info = zipfile.ZipFile(path).getinfo("word/document.xml")
    assert info.file_size < 64 * 1024 * 1024 and info.file_size < 200 * info.compress_size
    exc = rejection(path.read_bytes())
    assert exc.kind == "bomb"
    kind, peak_mb = probe(path)
    assert kind == "bomb"
    assert peak_mb < 500, f"peak memory {peak_mb} MB on the element flood"


def test_encrypted_ooxml_package() -> None:
    data = cfb(
        {
            "EncryptionInfo": struct.pack("<HHI", 4, 4, 0x40) + b"<encryption/>",
            "EncryptedPackage": struct.pack("<Q", 9000) + os.urandom(64),
        }
    )
    assert sniff(data, "x.docx") == "ole2"
    assert ole2_kind(data) == "encrypted"
    exc = rejection(data, "绩效目标.docx")
    assert exc.kind == "encrypted"
    assert "加密" in exc.reason and "损坏" not in exc.reason


def test_encrypted_word97() -> None:
    data = cfb({"WordDocument": fib(0x0100), "1Table": b"\x00" * 16})
    assert ole2_kind(data) == "encrypted"
    assert rejection(data, "绩效目标.doc").kind == "encrypted"
    assert ole2_kind(cfb({"WordDocument": fib(0x0000)})) == "word97"


def test_malformed_ole2_is_corrupt() -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + random.Random(7).randbytes(3000)
    assert ole2_kind(data) == "damaged"
    assert rejection(data, "x.doc").kind == "corrupt"
    # A directory chain pointing at itself must end, not loop.
    looped = bytearray(cfb({"WordDocument": fib(0)}))
    struct.pack_into("<I", looped, 512 + 4, 1)
    assert ole2_kind(bytes(looped)) == "damaged"
    # Truncated: the FAT names sectors past the end of the file.
    assert rejection(cfb({"WordDocument": fib(0)})[:1500], "x.doc").kind == "corrupt"


def test_other_ole2_is_not_word() -> None:
    data = cfb({"PowerPoint Document": b"\x00" * 64})
    assert ole2_kind(data) == "other"
    assert rejection(data, "x.doc").kind == "not_word"


def test_doc_libreoffice_cannot_convert() -> None:
    # A Word 97 header over garbage: LibreOffice is run and fails; the clerk is told to re-save.
    exc = rejection(cfb({"WordDocument": fib(0) + b"\x07" * 3000}), "绩效目标.doc")
    assert exc.kind == "legacy_doc"
    assert "转换" in exc.reason and "失败" in exc.reason


WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=gb2312">
<meta name=ProgId content=Word.Document></head>
<body><table><tr><td>项目名称</td><td>道路维护</td></tr></table></body></html>"""


@pytest.mark.parametrize(
    "data",
    [
        WORD_HTML.encode("gb2312"),
        b"\xef\xbb\xbf\r\n  <!DOCTYPE html><html><body>x</body></html>",
        "<html><body>项目</body></html>".encode("utf-16"),
        b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="----=_NextPart"\r\n',
    ],
    ids=["word-html", "bom-doctype", "utf16", "mht"],
)
def test_html_saved_as_doc(data: bytes) -> None:
    exc = rejection(data, "绩效目标.doc")
    assert exc.kind == "html_doc"
    assert "网页" in exc.reason and "另存为" in exc.reason


def test_legacy_doc_without_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A machine without LibreOffice: nothing called soffice/libreoffice on PATH.
    monkeypatch.setenv("PATH", str(tmp_path))
    exc = rejection(cfb({"WordDocument": fib(0)}), "绩效目标.doc")
    assert exc.kind == "legacy_doc"
    assert "LibreOffice" in exc.reason and "另存为" in exc.reason


def test_word_2003_xml_saved_as_doc() -> None:
    data = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<?mso-application progid="Word.Document"?>\n'
        '<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml">'
        "<w:body><w:p><w:r><w:t>项目名称</w:t></w:r></w:p></w:body></w:wordDocument>"
    ).encode()
    assert sniff(data, "x.doc") == "wordml2003"
    exc = rejection(data, "绩效目标.doc")
    assert exc.kind == "not_word" and "2003 XML" in exc.reason
