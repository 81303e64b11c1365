"""Header fields written as lines outside tables: 项目名称：… / 预算金额：120万元 / （2）目标：….

A paragraph `label：value` whose label names a header field is read as that field exactly as a table
cell `label：value` is: each line becomes a one-cell row for `header.parse_header`, so money, goals,
sub-labels and `extra` follow the same rules, and the paragraph's fate is that cell's (extract/trace.py).

Lines are gathered until a table takes them: the project that table starts, or the one it continues;
after the last table, the last project (a form written only as lines makes its own project when a line
names it). A second 项目名称 / 项目编码 line starts another project's lines. Beside known fields, lines
with a label nobody knows (项目类型：…, （1）背景：…) are kept in `extra`, and numbered headings between
them (一、项目基本信息) are section labels. Without a known field nearby they are what they were: a lone
unknown `label：value` line, a heading or prose stays unplaced, and is said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.grid import Cell
from extract.header import FIELD_PATH, Header, parse_header
from extract.labels import extra_key, fold, header_field, label_key
from extract.trace import LABEL, UNPLACED, VALUE, Fate, Placement, TableTrace
from extract.values import strip_numbering

_LINE = re.compile(r"^([^:：\d]{1,12}?)\s*[:：]\s*(\S.*)$")  # a label of a few words, its colon, a value
_LABEL_ALONE = re.compile(r"^([^:：\d]{1,12}?)\s*[:：]$")  # 目标： with its items on the lines below
_HEADING = re.compile(r"^[^:：，,。；;]{2,16}$")
_CHAPTER = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])")  # 二、 （三）: a new part
PROJECT_FIELDS = ("name", "code")


# A value that tells how to fill the field in (项目名称：填写项目全称): a form's instructions, not a project's.
_HOW_TO = re.compile(r"^(?:请|应|须|需)?(?:按照|是指|如实|据实)|填写|填报")


_WIDE = re.compile(r"\s{2,}|\t|\u3000+")  # fields set apart on one line: 项目名称：…　　项目编码：…


def segments(text: str) -> list[str]:
    """Return the `label：value` parts of a line holding several set apart by wide spaces, else [the line]."""
    parts = [x for x in _WIDE.split(text.strip()) if x]
    if len(parts) > 1 and all(_LINE.match(strip_numbering(fold(x)).strip()) for x in parts):
        return parts
    return [text]


def line_field(text: str) -> str | None:
    """Return the header field a `label：value` (or `label：` alone) line names (its first part naming one, when
    it holds several), or None (also when the value is how to fill the field in, as instructions say it)."""
    parts = segments(text)
    if len(parts) > 1:
        return next((f for x in parts if (f := line_field(x)) is not None), None)
    flat = strip_numbering(fold(text)).strip()
    m = _LINE.match(flat) or _LABEL_ALONE.match(flat)
    if m is None or (m.lastindex == 2 and _HOW_TO.search(m.group(2))):
        return None
    return header_field(m.group(1))


def _unknown_label(text: str) -> bool:
    return _LINE.match(strip_numbering(fold(text)).strip()) is not None


def _heading(text: str) -> bool:
    """Return whether a line is a numbered heading (一、项目基本信息, （二）项目目标): structure, not content."""
    bare = strip_numbering(text).strip()
    return bare != text.strip() and bool(_HEADING.match(fold(bare)))


@dataclass
class _Line:
    slot: int  # the paragraph's place in Reading.blocks
    cell: Cell  # the line as a one-cell row of parse_header (numbering dropped)
    known: str | None  # the header field its label names; None for an unknown label or a heading
    heading: bool = False
    more: list[int] = field(default_factory=list)  # slots of the lines below a label alone, its value


@dataclass
class LineBlock:
    """The lines of one project gathered so far."""

    lines: list[_Line] = field(default_factory=list)

    def names_project(self) -> bool:
        return any(x.known in PROJECT_FIELDS for x in self.lines)

    def known(self) -> bool:
        return any(x.known for x in self.lines)


class HeaderLines:
    """The `label：value` lines outside tables not yet taken by a project, block by block."""

    def __init__(self) -> None:
        self.blocks: list[LineBlock] = [LineBlock()]
        self.taken: list[_Line] = []  # lines read into a project: their fate is their cell's at the end
        self.open: _Line | None = None  # a field's label alone on its line (目标：): the lines below are its value
        self.lines_of: dict[int, list[_Line]] = {}  # id of a header read from lines -> those lines

    def add_known(self, text: str, slot: int, paragraph: int) -> None:
        """Take a line one of whose labels names a header field (a second 项目名称 starts another block)."""
        for part in segments(text):
            fld = line_field(part)
            block = self.blocks[-1]
            if fld in PROJECT_FIELDS and any(x.known == fld for x in block.lines):
                block = LineBlock()
                self.blocks.append(block)
            line = _Line(slot, Cell([strip_numbering(part).strip()], paragraph, 0), fld)
            block.lines.append(line)
            self.open = line if _LABEL_ALONE.match(line.cell.text) else None

    def add_other(self, text: str, slot: int, paragraph: int) -> bool:
        """Hold an unknown `label：value` line or a numbered heading until its block is taken; False if neither."""
        heading = _heading(text)
        if self.open is not None and not _unknown_label(text) and not (heading and _CHAPTER.match(text)):
            self.open.cell.set_lines([*self.open.cell.lines, text.strip()])  # 1.改造公厕40座 under 目标：
            self.open.more.append(slot)
            return True
        self.open = None
        if not heading and not _unknown_label(text):
            return False
        self.blocks[-1].lines.append(_Line(slot, Cell([strip_numbering(text).strip()], paragraph, 0), None, heading))
        return True

    def names_project(self) -> bool:
        return self._held() and any(b.names_project() for b in self.blocks)

    def _held(self) -> bool:
        return len(self.blocks) > 1 or bool(self.blocks[0].lines)  # most files: no line ever held

    def take(self) -> list[tuple[Header, bool]]:
        """Return, block by block, the header the pending lines say and whether it names a project; they are taken.

        Blocks without a known field are dropped (their lines stay unplaced).
        """
        if not self._held():
            return []
        blocks = [b for b in self.blocks if b.known()]
        self.blocks, self.open = [LineBlock()], None
        return [(self._header(b), b.names_project()) for b in blocks]

    def drop_unknown(self) -> None:
        """Forget held lines of blocks without a known field: a table came between them and any field line."""
        if self._held():
            self.blocks = [b for b in self.blocks if b.known()] or [LineBlock()]
        self.open = None

    def _header(self, block: LineBlock) -> Header:
        for line in block.lines:
            if line.heading:
                line.cell.fate = (LABEL, "section")
        head = parse_header([[x.cell] for x in block.lines if not x.heading])
        self.taken += block.lines
        self.lines_of[id(head)] = block.lines
        return head

    def merge(self, head: Header, lines: Header) -> None:
        """Fill a project's header from its lines; a field both give differently keeps the table's, the line's
        value goes to `extra`, and the doubt is a `guessed` warning."""
        for key, values in lines.values.items():
            mine = head.values.get(key)
            if not mine or not values or mine == values:
                continue
            label = next((lb for lb, f in lines.fields if f == key), key)
            head.extra.setdefault(extra_key(label), "\n".join(values))
            head.notes.append(("guessed", label_key(label),
                               f"“{label_key(label)}”在表格中是“{chr(10).join(mine)[:30]}”，在表格外的段落中是"
                               f"“{chr(10).join(values)[:30]}”；按表格读取，段落的写法保留在 extra，请核对"))
            path = FIELD_PATH.get(key)
            for line in self.lines_of.pop(id(lines), []):
                if line.cell.fate == (VALUE, path):
                    line.cell.fate = (VALUE, "project.extra")
        head.update(lines)
        head.fields += lines.fields

    def fates(self) -> list[tuple[int, Fate]]:
        """Return (slot, fate) of every line taken: its cell's, or unplaced when parse_header placed it nowhere."""
        fates: dict[int, Fate] = {}
        for x in self.taken:
            for slot in (x.slot, *x.more):  # a line holding several fields: the first placed one's
                if fates.get(slot, UNPLACED) == UNPLACED:
                    fates[slot] = x.cell.fate or UNPLACED
        return list(fates.items())


def restore_fates(blocks: list[TableTrace | Placement], fates: list[tuple[int, Fate]]) -> None:
    """Set each taken line's placement (held as unplaced while it waited) to its fate."""
    for slot, (kind, what) in fates:
        placement = blocks[slot]
        assert isinstance(placement, Placement)
        blocks[slot] = placement._replace(kind=kind, what=what)
