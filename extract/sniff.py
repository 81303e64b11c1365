"""What a file really is, from its first bytes: zip, OLE2 compound file, HTML, RTF, empty.

Units send whatever their office suite produced and name it .doc or .docx regardless, so
the extension is never trusted. For OLE2 (Word 97-2003, Excel 97-2003, and the container
an encrypted .docx is wrapped in) a small pure-python reader of the compound file
directory tells the kinds apart. Every offset it reads is bounds-checked: a malformed
or truncated container is 'damaged', never an exception.
"""

from __future__ import annotations

import struct
from typing import Literal

Sniffed = Literal["empty", "zip", "ole2", "html", "rtf", "wordml2003", "unknown"]
Ole2Kind = Literal["encrypted", "word97", "excel", "other", "damaged"]

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_HTML_STARTS = ("<html", "<!doctype html", "<meta", "<head", "<body", "<title")

# Compound File Binary (MS-CFB) special sector numbers.
_ENDOFCHAIN = 0xFFFFFFFE
_FREESECT = 0xFFFFFFFF
_MAX_REGULAR = 0xFFFFFFFA
_DIR_ENTRY = 128
# A Word file's directory has a dozen entries; more than this is not a document.
_MAX_DIR_ENTRIES = 4096
# fEncrypted in the FIB's flag word (WordDocument stream, offset 0x0A): MS-DOC 2.5.2.
_FIB_FLAGS_OFFSET = 0x0A
_FIB_ENCRYPTED = 0x0100
_FIB_MAGIC_WORD97 = 0xA5EC


def sniff(data: bytes, name: str = "") -> Sniffed:
    """Return the container kind of `data` judged by content (`name` is only a hint, unused for zip/OLE2)."""
    if not data or (data[0] in b"\x00 \t\r\n" and not data.strip(b"\x00 \t\r\n")):
        return "empty"
    if data.startswith(_ZIP_MAGICS):
        return "zip"
    if data.startswith(OLE2_MAGIC):
        return "ole2"
    head = _text_head(data)
    stripped = head.lstrip()
    if stripped.startswith("{\\rtf"):
        return "rtf"
    if _looks_like_html(stripped):
        return "html"
    # Word/WPS "Word 2003 XML document": one flat XML file, often saved with a .doc name.
    if stripped.startswith("<?xml") and (
        'progid="word.document"' in head or "<w:worddocument" in head
    ):
        return "wordml2003"
    return "unknown"


def _text_head(data: bytes, size: int = 4096) -> str:
    """Return the first bytes decoded leniently, BOM removed, lower-cased."""
    raw = data[:size]
    if raw.startswith(b"\xff\xfe"):
        return raw[2:].decode("utf-16-le", errors="replace").lstrip("\ufeff").lower()
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be", errors="replace").lstrip("\ufeff").lower()
    for bom in _BOMS:
        if raw.startswith(bom):
            raw = raw[len(bom) :]
            break
    # latin-1 never fails and keeps ASCII markup intact whatever the real charset (GBK, UTF-8).
    return raw.decode("latin-1").lower()


def _looks_like_html(head: str) -> bool:
    """Return True for a web page or a single-file web page (.mht) that Word saved."""
    if head.startswith("mime-version:") or (
        "mime-version:" in head and "multipart/related" in head
    ):
        return True
    if not head.startswith("<"):
        return False
    if head.startswith(_HTML_STARTS):
        return True
    # `<?xml ...?>` or a comment may precede the <html> tag.
    if head.startswith(("<?xml", "<!--")):
        return "<html" in head
    return False


def ole2_kind(data: bytes) -> Ole2Kind:
    """Return what an OLE2 compound file holds: encrypted package, Word 97, Excel, other, or 'damaged'."""
    try:
        cfb = _Cfb(data)
        names = cfb.entry_names()
    except _CfbError:
        return "damaged"
    if "EncryptionInfo" in names or "EncryptedPackage" in names:
        return "encrypted"
    if "WordDocument" in names:
        flags = cfb.fib_flags(names["WordDocument"])
        if flags is not None and flags & _FIB_ENCRYPTED:
            return "encrypted"
        return "word97"
    if "Workbook" in names or "Book" in names:
        return "excel"
    return "other"


class _CfbError(Exception):
    """The compound file is malformed; ole2_kind turns this into 'damaged'."""


class _Cfb:
    """Just enough of MS-CFB to list directory entries and peek at a stream's first bytes."""

    def __init__(self, data: bytes) -> None:
        if len(data) < 512 or not data.startswith(OLE2_MAGIC):
            raise _CfbError("short header")
        self.data = data
        shift = self._u16(0x1E)
        if shift not in (9, 12):
            raise _CfbError("sector shift")
        self.sector_size = 1 << shift
        self.mini_cutoff = self._u32(0x38)
        # The most sectors the file could possibly have bounds every chain walk (no cycles).
        # (a short last sector is tolerated: some writers do not pad it).
        self.max_sectors = max(0, -(-(len(data) - self.sector_size) // self.sector_size))
        self.fat = self._read_fat()

    def _u16(self, off: int) -> int:
        if off < 0 or off + 2 > len(self.data):
            raise _CfbError("read past end")
        return int(struct.unpack_from("<H", self.data, off)[0])

    def _u32(self, off: int) -> int:
        if off < 0 or off + 4 > len(self.data):
            raise _CfbError("read past end")
        return int(struct.unpack_from("<I", self.data, off)[0])

    def _sector(self, n: int) -> bytes:
        if n > _MAX_REGULAR or n >= self.max_sectors:
            raise _CfbError("sector out of range")
        start = (n + 1) * self.sector_size
        return self.data[start : start + self.sector_size]

    def _read_fat(self) -> list[int]:
        n_fat = self._u32(0x2C)
        if n_fat > self.max_sectors:
            raise _CfbError("FAT sector count")
        fat_sectors = [self._u32(0x4C + 4 * i) for i in range(min(n_fat, 109))]
        # Further FAT sector numbers live in the DIFAT chain (files over ~7 MB).
        difat = self._u32(0x44)
        seen = 0
        per = self.sector_size // 4 - 1
        while len(fat_sectors) < n_fat and difat <= _MAX_REGULAR:
            seen += 1
            if seen > self.max_sectors:
                raise _CfbError("DIFAT loop")
            sec = self._sector(difat)
            vals = struct.unpack_from(f"<{per + 1}I", sec)
            fat_sectors.extend(vals[:per])
            difat = vals[per]
        fat: list[int] = []
        per_fat = self.sector_size // 4
        for s in fat_sectors[:n_fat]:
            sec = self._sector(s)
            if len(sec) < self.sector_size:
                raise _CfbError("truncated FAT")
            fat.extend(struct.unpack_from(f"<{per_fat}I", sec))
        # A sector in use past the end of the file, or a link to one, means the file was cut short.
        if any(link != _FREESECT for link in fat[self.max_sectors :]) or any(
            self.max_sectors <= link <= _MAX_REGULAR for link in fat
        ):
            raise _CfbError("truncated file")
        return fat

    def _chain(self, start: int, limit_bytes: int) -> bytes:
        """Return the bytes of the regular-sector chain at `start`, at most `limit_bytes`."""
        out = bytearray()
        sec = start
        steps = 0
        while sec <= _MAX_REGULAR and len(out) < limit_bytes:
            steps += 1
            if steps > self.max_sectors or sec >= len(self.fat):
                raise _CfbError("bad chain")
            out += self._sector(sec)
            sec = self.fat[sec]
        if sec != _ENDOFCHAIN and len(out) < limit_bytes:
            raise _CfbError("chain not terminated")
        return bytes(out[:limit_bytes])

    def entry_names(self) -> dict[str, tuple[int, int]]:
        """Return {entry name: (start sector, size)} for every used directory entry."""
        first_dir = self._u32(0x30)
        raw = self._chain(first_dir, _MAX_DIR_ENTRIES * _DIR_ENTRY)
        names: dict[str, tuple[int, int]] = {}
        for off in range(0, len(raw) - _DIR_ENTRY + 1, _DIR_ENTRY):
            entry = raw[off : off + _DIR_ENTRY]
            name_len = struct.unpack_from("<H", entry, 0x40)[0]
            obj_type = entry[0x42]
            if obj_type == 0 or not 2 <= name_len <= 64 or name_len % 2:
                continue
            name = entry[: name_len - 2].decode("utf-16-le", errors="replace")
            start, size = struct.unpack_from("<II", entry, 0x74)
            names.setdefault(name, (start, size))
        if not names:
            raise _CfbError("empty directory")
        return names

    def fib_flags(self, stream: tuple[int, int]) -> int | None:
        """Return the Word FIB flag word of a WordDocument stream, or None when unreadable."""
        start, size = stream
        # Streams under the cutoff live in the mini stream; a real WordDocument never does.
        if size < self.mini_cutoff or size < _FIB_FLAGS_OFFSET + 2:
            return None
        try:
            head = self._chain(start, self.sector_size)
        except _CfbError:
            return None
        if len(head) < _FIB_FLAGS_OFFSET + 2:
            return None
        ident, flags = struct.unpack_from("<H", head, 0)[0], struct.unpack_from("<H", head, 0x0A)[0]
        if ident != _FIB_MAGIC_WORD97:
            return None
        return int(flags)
