"""The safe reader opens real Word files: the seed, python-docx output, odd packages, and .doc via LibreOffice."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from extract.dispatch import load_document
from extract.errors import RejectedFile
from extract.legacy import convert_doc_to_docx, find_soffice
from extract.package import read_document, read_part
from extract.sniff import ole2_kind, sniff
from tests.paths import SEED_DOCX as SEED

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def tables(root: object) -> int:
    """Return how many w:tbl elements the document holds at any depth."""
    return len(root.findall(f".//{W}tbl"))  # type: ignore[attr-defined]


def body_text(root: object) -> str:
    """Return all w:t text of the document joined."""
    return "".join(t.text or "" for t in root.iter(f"{W}t"))  # type: ignore[attr-defined]


def repack(
    data: bytes,
    *,
    drop: set[str] = frozenset(),
    rename: dict[str, str] | None = None,
    replace: dict[str, bytes] | None = None,
    stored: bool = False,
) -> bytes:
    """Return a copy of the zip `data` with members dropped, renamed or replaced."""
    rename, replace = rename or {}, replace or {}
    out = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", method) as dst:
        for info in src.infolist():
            if info.filename in drop:
                continue
            body = replace.get(info.filename, src.read(info))
            dst.writestr(rename.get(info.filename, info.filename), body)
    return out.getvalue()


def test_seed_loads() -> None:
    root = read_document(SEED.read_bytes())
    assert root.tag == f"{W}document"
    assert tables(root) == 6
    assert "306001" in body_text(root)


def test_seed_without_root_rels_loads() -> None:
    data = repack(SEED.read_bytes(), drop={"_rels/.rels"})
    assert "_rels/.rels" not in zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert tables(load_document(data, "seed.docx")) == 6


def test_main_part_found_by_content_types_only() -> None:
    seed = SEED.read_bytes()
    ctypes = zipfile.ZipFile(io.BytesIO(seed)).read("[Content_Types].xml")
    data = repack(
        seed,
        drop={"_rels/.rels"},
        rename={"word/document.xml": "word/main.xml"},
        replace={"[Content_Types].xml": ctypes.replace(b"/word/document.xml", b"/word/main.xml")},
    )
    assert tables(read_document(data)) == 6


def test_main_part_found_by_relationship() -> None:
    seed = SEED.read_bytes()
    src = zipfile.ZipFile(io.BytesIO(seed))
    data = repack(
        seed,
        rename={"word/document.xml": "word/body1.xml"},
        replace={
            "_rels/.rels": src.read("_rels/.rels").replace(
                b"word/document.xml", b"/word/body1.xml"
            ),
            "[Content_Types].xml": src.read("[Content_Types].xml").replace(
                b"/word/document.xml", b"/word/body1.xml"
            ),
        },
    )
    assert tables(read_document(data)) == 6


def test_stored_members_load() -> None:
    assert tables(read_document(repack(SEED.read_bytes(), stored=True))) == 6


def test_python_docx_output_loads(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("单位名称：示例单位（单位编码：306001）")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "项目名称"
    table.cell(0, 1).text = "道路维护"
    path = tmp_path / "made.docx"
    document.save(str(path))
    root = load_document(path.read_bytes(), path.name)
    assert tables(root) == 1
    assert "道路维护" in body_text(root)


def test_member_cap_is_enforced() -> None:
    with pytest.raises(RejectedFile) as info:
        read_document(SEED.read_bytes(), max_member_bytes=50_000)
    assert info.value.kind == "bomb"
    with pytest.raises(RejectedFile) as info:
        read_document(SEED.read_bytes(), max_total_bytes=100_000)
    assert info.value.kind == "bomb"
    with pytest.raises(RejectedFile) as info:
        read_document(SEED.read_bytes(), max_elements=4_000)  # the seed has ~4,800
    assert info.value.kind == "bomb"
    assert tables(read_document(SEED.read_bytes(), max_elements=5_000)) == 6


def test_duplicate_main_part_is_refused() -> None:
    seed = SEED.read_bytes()
    out = io.BytesIO(seed)
    with pytest.warns(UserWarning), zipfile.ZipFile(out, "a") as zf:
        zf.writestr("word/document.xml", b"<x/>")
    with pytest.raises(RejectedFile) as info:
        read_document(out.getvalue())
    assert info.value.kind == "corrupt"


def test_read_part_numbering() -> None:
    numbering = read_part(SEED.read_bytes(), "word/numbering.xml")
    assert numbering is not None and numbering.tag == f"{W}numbering"
    assert read_part(SEED.read_bytes(), "word/absent.xml") is None


def test_sniff_kinds() -> None:
    assert sniff(b"", "a.docx") == "empty"
    assert sniff(SEED.read_bytes(), "a.doc") == "zip"
    assert sniff(b"PK\x05\x06" + b"\x00" * 18, "a.docx") == "zip"
    assert sniff(b"{\\rtf1\\ansi hello}", "a.doc") == "rtf"
    assert sniff(b"  <html><body/></html>", "a.doc") == "html"
    assert sniff(b"<?xml version='1.0'?><note/>", "a.doc") == "unknown"
    assert ole2_kind(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") == "damaged"


@pytest.fixture(scope="module")
def seed_as_doc(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """Return the seed saved as a real Word 97-2003 .doc by LibreOffice."""
    soffice = find_soffice()
    assert soffice, "LibreOffice must be installed (apt-get install libreoffice-writer-nogui)"
    work = tmp_path_factory.mktemp("lo")
    src = work / "seed.docx"
    src.write_bytes(SEED.read_bytes())
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(work),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return (work / "seed.doc").read_bytes()


def test_legacy_doc_converts(seed_as_doc: bytes) -> None:
    assert sniff(seed_as_doc, "seed.doc") == "ole2"
    assert ole2_kind(seed_as_doc) == "word97"
    root = load_document(seed_as_doc, "seed.doc", convert_timeout=180)
    assert tables(root) == 6
    assert "306001" in body_text(root)


def test_rtf_converts() -> None:
    rtf = b"{\\rtf1\\ansi\\deff0 {\\fonttbl{\\f0 Arial;}}\\f0 unit 306001\\par}"
    root = load_document(rtf, "submission.doc", convert_timeout=180)
    assert "306001" in body_text(root)


def test_conversion_timeout_is_a_rejection(seed_as_doc: bytes) -> None:
    with pytest.raises(RejectedFile) as info:
        convert_doc_to_docx(seed_as_doc, "seed.doc", timeout=0.01)
    assert info.value.kind == "legacy_doc"
    assert "超时" in info.value.reason


def test_small_parts_are_parsed_once_per_spelling(monkeypatch: pytest.MonkeyPatch) -> None:
    import extract.package as package

    parsed: list[int] = []
    real = package.parse_xml

    def counting(data: bytes, **kwargs: object) -> object:
        parsed.append(len(data))
        return real(data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(package, "parse_xml", counting)
    monkeypatch.setattr(package, "_SMALL_PARTS", {})
    data = SEED.read_bytes()
    first = read_document(data)
    assert len(parsed) == 3  # _rels/.rels, [Content_Types].xml, the document
    second = read_document(data)
    assert len(parsed) == 4 and body_text(second) == body_text(first)  # the document only


def test_a_remembered_small_part_is_still_checked_before_it_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    import extract.package as package

    monkeypatch.setattr(package, "_SMALL_PARTS", {})
    plain = repack(SEED.read_bytes())
    read_document(plain)  # remembers these very bytes of _rels/.rels and [Content_Types].xml
    flagged = bytearray(plain)  # the same bytes, the central directory now saying _rels/.rels is encrypted
    entry = plain.find(b"PK\x01\x02")
    while plain[entry + 46: entry + 46 + len(b"_rels/.rels")] != b"_rels/.rels":
        entry = plain.find(b"PK\x01\x02", entry + 4)
    flagged[entry + 8] |= 0x1
    with pytest.raises(RejectedFile) as caught:
        read_document(bytes(flagged))
    assert caught.value.kind == "encrypted"
    assert tables(read_document(plain)) == 6
