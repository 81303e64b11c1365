"""Open a .docx without trusting it: the main document part as an lxml element, nothing more.

python-docx's package loader inflates every member with no size limit, so this module
reads the zip itself: the central directory through zipfile (in memory, nothing written
to disk), each member's bytes inflated here in chunks against a cap checked on the
declared size before inflating and on the actual size while inflating. XML is parsed
by a parser that loads no DTD, resolves no entity and touches no network, and any
DOCTYPE is refused outright (billion laughs, external entities).
"""

from __future__ import annotations

import posixpath
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from typing import TypeVar, cast
from urllib.parse import unquote

from lxml import etree

from extract.errors import RejectedFile

MIB = 1024 * 1024
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_OFFICE_DOCUMENT = "/officeDocument"
_WORD_MAIN_TYPES = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        "application/vnd.ms-word.document.macroenabled.main+xml",
        "application/vnd.ms-word.template.macroenabledtemplate.main+xml",
    }
)
# A real submission has a dozen or so members; thousands means a hostile archive.
_MAX_MEMBERS = 5000
_CHUNK = 256 * 1024
# Below this size a high compression ratio is harmless (and normal for repetitive XML).
_RATIO_FLOOR = 4 * MIB
# Small parts (relationships, content types) never need more than this.
_SMALL_PART_CAP = 4 * MIB
_LOCAL_HEADER = struct.Struct("<4s5H3I2H")
# Small parts remembered by their compressed bytes (DocxPackage._read_small): up to this many, this big.
_CACHED_PARTS = 64
_CACHED_PART_BYTES = 16 * 1024
_SMALL_PARTS: dict[tuple[bytes, int, int, int, int], object] = {}
_Derived = TypeVar("_Derived")

MSG_CORRUPT = (
    "文件已损坏或不完整（zip 结构无法读取），请重新导出 .docx 后再提交。 (corrupt or truncated zip)"
)
MSG_CORRUPT_XML = (
    "文件内部的文档内容（XML）格式错误，Word 文件已损坏；请用 Word/WPS 打开后另存为新的 .docx 再提交。"
    " (malformed document XML)"
)
MSG_ENTITIES = (
    "文件内含有 DTD/实体声明（正常的 Word 文件不会有），出于安全原因拒绝读取；"
    "请用 Word/WPS 打开后另存为 .docx 再提交。 (DTD or entity declaration refused)"
)
MSG_BOMB = (
    "文件内容解压后过大（超过安全上限），疑似异常文件，已拒绝读取；"
    "请检查文件，删除无关的大图片或内容后另存为 .docx 再提交。 (member over the size cap: decompression bomb)"
)
MSG_TOO_COMPLEX = (
    "文件内容过多过密（XML 元素数超过安全上限），疑似异常文件，已拒绝读取；"
    "请检查文件，必要时按单位拆分为多个 .docx 再提交。 (too many XML elements)"
)
MSG_ENCRYPTED = (
    "文件设置了打开密码（已加密），请取消密码后另存为 .docx 再提交。 (password-protected)"
)


@dataclass(frozen=True)
class Limits:
    """Caps on inflated sizes: per member, for the whole archive, and compression ratio."""

    max_member_bytes: int = 64 * MIB
    max_total_bytes: int = 256 * MIB
    max_ratio: int = 200
    # lxml spends ~300 bytes per element: a dense 20 MB part would take over 1 GB. A seed-sized
    # project is ~5,000 elements, so a million is two hundred projects' worth.
    max_elements: int = 1_000_000


def _not_word(what: str) -> RejectedFile:
    return RejectedFile(
        f"这不是 Word 文档（{what}），请提交 Word 格式（.docx）的绩效目标文件。 (not a Word document)",
        kind="not_word",
    )


class DocxPackage:
    """A zip opened in memory: find parts by name, read them with every size cap enforced."""

    def __init__(self, data: bytes, limits: Limits | None = None) -> None:
        self.data = data
        self.limits = limits or Limits()
        try:
            zf = zipfile.ZipFile(BytesIO(data))
            infos = zf.infolist()
        # NotImplementedError: a damaged central directory claiming a zip version from the
        # future (found by fuzzing; zipfile raises it while listing members).
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError,
                NotImplementedError) as exc:
            raise RejectedFile(MSG_CORRUPT, kind="corrupt") from exc
        if len(infos) > _MAX_MEMBERS:
            raise RejectedFile(MSG_BOMB, kind="bomb")
        if sum(i.file_size for i in infos) > self.limits.max_total_bytes:
            raise RejectedFile(MSG_BOMB, kind="bomb")
        # OPC part names are case-insensitive; some zip tools write backslashes.
        self._members: dict[str, zipfile.ZipInfo | None] = {}
        for info in infos:
            key = info.filename.replace("\\", "/").lstrip("/").lower()
            # Two members with one name: which is "the" document is ambiguous; refuse on read.
            self._members[key] = None if key in self._members else info
        self._inflated = 0
        self._ctypes: dict[str, str] | None = None

    def has(self, part: str) -> bool:
        """Return True when the archive holds a member named `part` (case-insensitive)."""
        return _key(part) in self._members

    def read(self, part: str, cap: int | None = None) -> bytes:
        """Return the inflated bytes of `part`, refusing it (kind 'bomb') past the size caps."""
        key = _key(part)
        if key not in self._members:
            raise RejectedFile(MSG_CORRUPT, kind="corrupt")
        info = self._members[key]
        if info is None:
            raise RejectedFile(MSG_CORRUPT, kind="corrupt")
        cap = min(cap or self.limits.max_member_bytes, self.limits.max_member_bytes)
        cap = min(cap, self.limits.max_total_bytes - self._inflated)
        return self._inflate(info, cap)

    def read_xml(self, part: str, cap: int | None = None) -> etree._Element:
        """Return the root element of XML part `part`, parsed with no DTD and no entities."""
        return parse_xml(self.read(part, cap), max_elements=self.limits.max_elements)

    def _read_small(self, part: str, derive: Callable[[etree._Element], _Derived]) -> _Derived:
        """Return derive(root of small part `part`), remembered by the part's compressed bytes.

        Every file a Word or WPS version writes carries the same _rels/.rels and [Content_Types].xml:
        each spelling is inflated and parsed once per process. Every check before inflating runs as
        `read` runs it (the same refusals), and the bytes inflated count against the archive's cap.
        """
        key = _key(part)
        info = self._members.get(key) if key in self._members else None
        if info is None or info.compress_size > _CACHED_PART_BYTES:
            return derive(self.read_xml(part, _SMALL_PART_CAP))
        cap = min(_SMALL_PART_CAP, self.limits.max_member_bytes, self.limits.max_total_bytes - self._inflated)
        raw = self._checked_raw(info, cap)
        memo_key = (bytes(raw), info.compress_type, info.CRC, info.file_size, self.limits.max_elements)
        if memo_key in _SMALL_PARTS:
            self._inflated += info.file_size  # what inflating it again would have counted
            return cast(_Derived, _SMALL_PARTS[memo_key])
        result = derive(parse_xml(self._inflate_raw(info, raw, cap), max_elements=self.limits.max_elements))
        if len(_SMALL_PARTS) >= _CACHED_PARTS:
            _SMALL_PARTS.clear()
        _SMALL_PARTS[memo_key] = result
        return result

    def _inflate(self, info: zipfile.ZipInfo, cap: int) -> bytes:
        return self._inflate_raw(info, self._checked_raw(info, cap), cap)

    def _checked_raw(self, info: zipfile.ZipInfo, cap: int) -> memoryview:
        """Return a member's compressed bytes after the checks made before inflating any of them."""
        if info.flag_bits & 0x1:
            raise RejectedFile(MSG_ENCRYPTED, kind="encrypted")
        # Refuse on the declared sizes before inflating a single byte.
        if info.file_size > cap:
            raise RejectedFile(MSG_BOMB, kind="bomb")
        ratio_limit = self.limits.max_ratio * max(info.compress_size, 1)
        if info.file_size > _RATIO_FLOOR and info.file_size > ratio_limit:
            raise RejectedFile(MSG_BOMB, kind="bomb")
        return self._raw_member(info)

    def _inflate_raw(self, info: zipfile.ZipInfo, raw: memoryview, cap: int) -> bytes:
        if info.compress_type == zipfile.ZIP_STORED:
            out = bytes(raw)
            if len(out) > cap:
                raise RejectedFile(MSG_BOMB, kind="bomb")
        elif info.compress_type == zipfile.ZIP_DEFLATED:
            out = _bounded_inflate(raw, cap, self.limits.max_ratio)
        else:
            raise RejectedFile(MSG_CORRUPT, kind="corrupt")
        # The declared size lied, or the data is damaged: either way not a file to trust.
        if len(out) != info.file_size or zlib.crc32(out) != info.CRC:
            raise RejectedFile(MSG_CORRUPT, kind="corrupt")
        self._inflated += len(out)
        return out

    def _raw_member(self, info: zipfile.ZipInfo) -> memoryview:
        """Return the member's compressed bytes, located through its local header."""
        view = memoryview(self.data)
        off = info.header_offset
        if off < 0 or off + _LOCAL_HEADER.size > len(view):
            raise RejectedFile(MSG_CORRUPT, kind="corrupt")
        fields = _LOCAL_HEADER.unpack_from(view, off)
        if fields[0] != b"PK\x03\x04":
            raise RejectedFile(MSG_CORRUPT, kind="corrupt")
        name_len, extra_len = fields[-2], fields[-1]
        start = off + _LOCAL_HEADER.size + name_len + extra_len
        end = start + info.compress_size
        if end > len(view):
            raise RejectedFile(MSG_CORRUPT, kind="corrupt")
        return view[start:end]

    def main_part(self) -> str:
        """Return the name of the main document part (word/document.xml in nearly every file)."""
        target = self._office_document_target()
        if target is not None and self.has(target):
            ctype = self._content_types().get(_key(target))
            if ctype is None or ctype in _WORD_MAIN_TYPES:
                return target
            raise _not_word(_describe_other(target))
        for part, ctype in self._content_types().items():
            if ctype in _WORD_MAIN_TYPES and self.has(part):
                return part
        if self.has("word/document.xml"):
            return "word/document.xml"
        raise _not_word(self._describe_zip())

    def _office_document_target(self) -> str | None:
        if not self.has("_rels/.rels"):
            return None  # seen in real files; fall back to content types
        try:
            return self._read_small("_rels/.rels", _office_document)
        except RejectedFile as exc:
            # A damaged .rels is survivable (content types still name the part); a hostile one is not.
            if exc.kind == "corrupt_xml":
                return None
            raise

    def _content_types(self) -> dict[str, str]:
        """Return {part key: content type} from [Content_Types].xml overrides (empty when unreadable)."""
        if self._ctypes is None:
            self._ctypes = {}
            if self.has("[Content_Types].xml"):
                try:
                    self._ctypes = dict(self._read_small("[Content_Types].xml", _overrides))
                except RejectedFile as exc:
                    if exc.kind != "corrupt_xml":
                        raise
        return self._ctypes

    def _describe_zip(self) -> str:
        for part in ("xl/workbook.xml", "ppt/presentation.xml"):
            if self.has(part):
                return _describe_other(part)
        if self.has("mimetype"):
            return "是 OpenDocument（.odt/.ods）文件，请用 Word/WPS 另存为 .docx"
        return "是一个 zip 压缩包，其中没有 Word 正文"


def _office_document(rels: etree._Element) -> str | None:
    """Return the part a package's relationships name as its main document, or None."""
    for rel in rels.iter(f"{{{_REL_NS}}}Relationship"):
        if (rel.get("Type") or "").endswith(_OFFICE_DOCUMENT) and rel.get("TargetMode") != "External":
            return _resolve("", rel.get("Target") or "")
    return None


def _overrides(types: etree._Element) -> dict[str, str]:
    """Return {part key: content type} of [Content_Types].xml's overrides."""
    out: dict[str, str] = {}
    for ov in types.iter(f"{{{_CT_NS}}}Override"):
        name, ctype = ov.get("PartName"), ov.get("ContentType")
        if name and ctype:
            out[_key(unquote(name))] = ctype.strip().lower()
    return out


def _describe_other(part: str) -> str:
    if part.lower().startswith("xl/"):
        return "是 Excel 工作簿，只是扩展名被改成了 Word 的"
    if part.lower().startswith("ppt/"):
        return "是 PowerPoint 演示文稿，只是扩展名被改成了 Word 的"
    return f"主文档部件 {part} 不是 Word 正文"


def _key(part: str) -> str:
    return part.replace("\\", "/").lstrip("/").lower()


def _resolve(base_dir: str, target: str) -> str:
    target = unquote(target.strip())
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(base_dir, target))


def _bounded_inflate(raw: memoryview, cap: int, max_ratio: int) -> bytes:
    """Return raw deflate data inflated, stopping (kind 'bomb') as soon as output passes `cap`."""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    parts: list[bytes] = []
    total = 0
    try:
        for pos in range(0, len(raw), _CHUNK):
            chunk: bytes = bytes(raw[pos : pos + _CHUNK])
            while chunk:
                # max_length bounds each step's output however well the input compresses.
                piece = inflater.decompress(chunk, _CHUNK)
                total += len(piece)
                if total > cap or (total > _RATIO_FLOOR and total > max_ratio * (pos + _CHUNK)):
                    raise RejectedFile(MSG_BOMB, kind="bomb")
                parts.append(piece)
                chunk = inflater.unconsumed_tail
            if inflater.eof:
                break
        if not inflater.eof:
            raise RejectedFile(MSG_CORRUPT, kind="corrupt")
    except zlib.error as exc:
        raise RejectedFile(MSG_CORRUPT, kind="corrupt") from exc
    return b"".join(parts)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


_DOCTYPE_MARKS = tuple(
    mark.encode(enc)
    for mark in ("<!DOCTYPE", "<!ENTITY")
    for enc in ("ascii", "utf-16-le", "utf-16-be")
)


def _declares_dtd(data: bytes) -> bool:
    """Return True when the bytes hold a DOCTYPE or ENTITY declaration, in any usual encoding."""
    if b"\x00" in data[:4]:  # UTF-16/32: rare in OOXML, check every spelling
        return any(mark in data for mark in _DOCTYPE_MARKS)
    i = data.find(b"<!")  # one scan; comments and CDATA are the only other '<!' in XML
    while i != -1:
        if data.startswith((b"<!DOCTYPE", b"<!ENTITY"), i):
            return True
        i = data.find(b"<!", i + 2)
    return False


def parse_xml(data: bytes, *, max_elements: int = Limits.max_elements) -> etree._Element:
    """Return the root of `data` parsed safely; refuse any DTD/entity ('entities') or bad XML ('corrupt_xml')."""
    # Before parsing: a DOCTYPE is never legitimate in OOXML, so never let libxml2 see one.
    if _declares_dtd(data):
        raise RejectedFile(MSG_ENTITIES, kind="entities")
    # Start tags (an upper bound on elements) are counted at C speed before any tree is built;
    # an element takes at least 4 bytes (<a/>), so a smaller part cannot hold too many.
    if len(data) > 4 * max_elements and data.count(b"<") - data.count(b"</") > max_elements:
        raise RejectedFile(MSG_TOO_COMPLEX, kind="bomb")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        if exc.code == etree.ErrorTypes.ERR_NO_MEMORY:
            # libxml2 ran out of memory (the per-file memory limit, extract/guard.py): the
            # file is too big to read, not malformed.
            raise MemoryError("libxml2: out of memory parsing the document") from exc
        raise RejectedFile(MSG_CORRUPT_XML, kind="corrupt_xml") from exc
    # After parsing: catches encodings the byte scan cannot see (e.g. UTF-32, EBCDIC).
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise RejectedFile(MSG_ENTITIES, kind="entities")
    return root


def read_document(
    data: bytes,
    *,
    max_member_bytes: int = 64 * MIB,
    max_total_bytes: int = 256 * MIB,
    max_ratio: int = 200,
    max_elements: int = Limits.max_elements,
) -> etree._Element:
    """Return the root `w:document` element of a .docx given as bytes; raise RejectedFile otherwise."""
    pkg = DocxPackage(data, Limits(max_member_bytes, max_total_bytes, max_ratio, max_elements))
    root = pkg.read_xml(pkg.main_part())
    if root.tag != f"{{{W_NS}}}document":
        if root.tag == f"{{{_STRICT_W_NS}}}document":
            raise _not_word("是 Strict Open XML 格式，请用 Word/WPS 另存为普通的 Word 文档 .docx")
        raise _not_word("主文档不是 Word 正文")
    return root


def read_part(data: bytes, part: str, *, limits: Limits | None = None) -> etree._Element | None:
    """Return the root of XML part `part` (e.g. 'word/numbering.xml'), or None when absent."""
    pkg = DocxPackage(data, limits)
    if not pkg.has(part):
        return None
    return pkg.read_xml(part)
