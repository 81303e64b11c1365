"""The submitting unit and the money unit written in a line or cell: 单位名称：…, [301001]…, 单位：万元.

Labels, codes and names come in many spellings (编制单位（盖章）：…, 单位编码：301001 单位名称：…,
…（盖章） after a name); `find_unit` returns what a line says, `merge_unit` fills gaps, first writing wins.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extract.labels import fold
from extract.values import money_multiplier

_ONE_TO_ONE = str.maketrans({**{chr(0xFF01 + i): chr(0x21 + i) for i in range(94)}, "\u3000": " ", "\xa0": " "})
_UNIT_LABEL = r"(?:(?:编制|填报|申报|预算)?(?:部门)?\(?单位\)?(?:名称)?(?:\(盖章\))?|部门名称)"
_NAME = r"(?P<name>[\u4e00-\u9fff][^:]*?)"
_UNIT_PATTERNS = (
    re.compile(rf"{_UNIT_LABEL}:\s*{_NAME}\s*\(\s*单位(?:编码|代码):\s*(?P<code>\d{{6}})\s*\)"),
    re.compile(r"单位(?:编码|代码):\s*(?P<code>\d{6})\D*?单位名称:\s*(?P<name>\S+)"),
    re.compile(r"单位名称:\s*(?P<name>\S+?)\s*单位(?:编码|代码):\s*(?P<code>\d{6})"),
    re.compile(rf"^(?:{_UNIT_LABEL}:\s*)?[\[【(]?(?P<code>\d{{6}})[\]】)]?\s*[:\-—]?\s*{_NAME}$"),
    re.compile(rf"^(?:{_UNIT_LABEL}:\s*)?{_NAME}\s*[(\[【]\s*(?P<code>\d{{6}})\s*[)\]】]$"),
    re.compile(rf"^{_UNIT_LABEL}:\s*{_NAME}$"),
    re.compile(r"^单位(?:编码|代码):\s*(?P<code>\d{6})$"),
)
_SEGMENT = re.compile(r"\S(?:(?!\s{2,}|\t).)*")  # parts of a line set apart by wide spaces or tabs
_MONEY_UNIT_CELL = re.compile(r"^[(（]?(?:金额|货币|资金)?单位[:：](万元|元)[)）]?$")
_MONEY_UNIT_TAIL = re.compile(r"[(（]?(?:金额|货币|资金)?单位[:：](万元|元)[)）]?$")
_MONEY_UNIT_TAIL_SPACED = re.compile(r"[(]?(?:金额|货币|资金)?单位\s*:\s*(万元|元)\s*[)]?\s*$")
_SEAL = re.compile(r"[（(]\s*(?:单位)?(?:盖章|公章|签章|印章|章)\s*[)）]$")  # 鄂州市图书馆（盖章）



@lru_cache(maxsize=8192)
def find_unit(text: str) -> tuple[str | None, str | None] | None:
    """Return (unit code, unit name) written in a cell or paragraph (either may be None), or None."""
    flat = text.translate(_ONE_TO_ONE)
    if not flat.strip() or len(flat) > 120:
        return None
    tail = _MONEY_UNIT_TAIL_SPACED.search(flat)  # '… 单位：万元' ends the line
    if tail:
        flat = flat[: tail.start()]
    spans = [(0, len(flat))] + [(m.start(), m.end()) for m in _SEGMENT.finditer(flat)]
    found: tuple[str | None, str | None] | None = None
    for start, end in spans:
        segment = flat[start:end].strip()
        offset = start + flat[start:end].find(segment[:1]) if segment else start
        for pattern in _UNIT_PATTERNS:
            m = pattern.search(segment)
            if not m:
                continue
            groups = m.groupdict()
            name = None
            if groups.get("name"):
                name = text[offset + m.start("name"): offset + m.end("name")].strip().rstrip("（(")
            if name:
                name = _SEAL.sub("", name).strip() or name
            if name and ("单位" in name or name in ("元", "万元")):
                continue
            found = merge_unit(found, (groups.get("code"), name or None))
            break
        if found and found[0] and found[1]:
            break
    return found


def merge_unit(
    known: tuple[str | None, str | None] | None, found: tuple[str | None, str | None] | None
) -> tuple[str | None, str | None] | None:
    """Return the unit with the gaps of `known` filled from `found` (the first writing wins)."""
    if found is None:
        return known
    if known is None:
        return found
    return known[0] or found[0], known[1] or found[1]


@lru_cache(maxsize=8192)
def find_money_unit(text: str) -> int | None:
    """Return the multiplier of a 单位：元 / 单位：万元 note (alone or ending a line), or None."""
    flat = re.sub(r"\s+", "", fold(text))
    m = _MONEY_UNIT_CELL.match(flat) or (_MONEY_UNIT_TAIL.search(flat) if len(flat) < 80 else None)
    if m:
        return 10000 if m.group(1) == "万元" else 1
    return money_multiplier(text) if "单位" in text and len(text) < 20 else None
