"""第一部分 部门整体绩效目标: overall text, numbered items, safeguard measures.

The section is a run of paragraphs; its parts are found by their headings
(总体绩效目标, 分项绩效目标, 工作保障措施), and each item by its ordinal （一） or by
automatic numbering, followed by lines labelled 绩效目标： and 绩效指标：.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.labels import fold
from extract.records import DepartmentGoals, DepartmentItem

_ORDINAL = re.compile(r"^\s*(?:[(（]\s*[一二三四五六七八九十百零〇\d]+\s*[)）]|[一二三四五六七八九十]+、|\d{1,2}\s*[.、．](?!\d))\s*[、,，.．]?\s*")
# A 绩效目标 / 绩效指标 label opening a line: maybe numbered or bulleted, bracketed, '为', or alone.
_LABEL_LEAD = r"^\s*(?:[●•·▪◆\-]|\d{1,2}\s*[.、．](?!\d)|[(（]\d{1,2}[)）])?\s*[【\[]?\s*"
_LABEL_END = r"(?:\s*[】\]]\s*[:：]?\s*|\s*(?:为)?\s*(?:[:：]\s*|$))"
_GOAL = re.compile(_LABEL_LEAD + r"(?:年度)?(?:绩效)?目标" + _LABEL_END)
_INDICATOR_LINE = re.compile(_LABEL_LEAD + r"(?:年度)?(?:绩效)?指标" + _LABEL_END)
_INLINE_GOAL = re.compile(r"(?<=[。；;，,\s])\s*(?:绩效)?(?:目标|指标)\s*[:：]")
_INDICATOR = re.compile(r"(?:^|(?<=[。；;，,\s]))\s*(?:绩效)?指标\s*[:：]\s*")
_CHINESE_ORDINAL = re.compile(r"^\s*(?:[(（]\s*[一二三四五六七八九十]+\s*[)）]|[一二三四五六七八九十]+、)")
_PART_TITLE = re.compile(r"^\s*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、\s*项目(?:支出)?绩效目标|附件)")

_INLINE_HEADING = re.compile(r"^(\s*(?:[一二三四五六七八九十]+、|\d{1,2}[.、])?\s*[^:：。，,]{2,14}?)[:：]")

HEADINGS = {
    "overall": ("总体绩效目标", "总体目标", "部门整体绩效目标概述", "部门总体绩效目标", "整体绩效目标"),
    "items": ("分项绩效目标", "分项目标", "具体绩效目标"),
    "measures": ("工作保障措施", "保障措施"),
}


def heading_of(text: str) -> str | None:
    """Return the department part a short heading paragraph opens, or None."""
    flat = re.sub(r"\s+", "", fold(text)).rstrip(":：。")
    if len(flat) > 24:
        return None
    body = _ORDINAL.sub("", flat)
    for part, names in HEADINGS.items():
        if body in names:
            return part
        # （一）… usually opens an item; only an exact part name makes it a heading. Otherwise
        # a short unpunctuated line naming the part (部门总体绩效目标, 四、保障措施) is one.
        if not re.match(r"[(（]", flat) and not re.search(r"[，,。；;]", body) and any(
            n in body and len(body) <= len(n) + 4 for n in names
        ):
            return part
    return None


@dataclass
class DepartmentReader:
    """Accumulates the department section paragraph by paragraph."""

    part: str | None = None
    overall: list[str] = field(default_factory=list)
    items: list[DepartmentItem] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    seen: bool = False
    collecting: str | None = None  # 'goal' / 'indicator' after a label standing alone on its line
    fate: tuple[str, str] = ("", "")  # what the last paragraph fed was (extract.trace): a heading, content, a title

    def feed(self, text: str, numbered: bool) -> bool:
        """Take one paragraph; return False when it is not department content."""
        part = heading_of(text)
        if part:
            self.part, self.seen = part, True
            self.fate = ("label", f"department_goals.{part}")
            return True
        inline = _INLINE_HEADING.match(fold(text))  # '一、总体绩效目标：完善…' heading and text on one line
        if inline and (part := heading_of(inline.group(1))):
            self.part, self.seen = part, True
            return self.feed(text[inline.end():].strip(), numbered)
        if self.part is None:
            return False
        if not text or _PART_TITLE.match(text) or re.search(r"\t\s*\d+$", text):
            self.fate = ("skip", "part_title")
            return True  # part titles and table-of-contents lines are not content
        self.fate = ("value", f"department_goals.{self.part}")
        if self.part == "overall":
            self.overall.append(text)
        elif self.part == "measures":
            self.measures.append(text)
        else:
            self._item_line(text, numbered)
        return True

    def _item_line(self, text: str, numbered: bool) -> None:
        current = self.items[-1] if self.items else None
        goal = _GOAL.match(text)
        if goal and current is not None and current["goal"] is None:
            rest = text[goal.end():]
            parts = _INDICATOR.split(rest, maxsplit=1)
            current["goal"] = parts[0].strip().rstrip("；;，,") or None
            if len(parts) > 1:
                current["indicator"] = parts[1].strip() or None
            self.collecting = None if current["goal"] else "goal"  # a label alone: a list follows
            return
        indicator = _INDICATOR_LINE.match(text)
        if indicator and current is not None and current["indicator"] is None:
            current["indicator"] = text[indicator.end():].strip() or None
            self.collecting = None if current["indicator"] else "indicator"
            return
        ordinal = _ORDINAL.match(text)
        if current is not None and self.collecting and not _CHINESE_ORDINAL.match(text):
            key = self.collecting  # the lines of a list under a label standing alone
            current[key] = text if current[key] is None else f"{current[key]}\n{text}"  # type: ignore[literal-required]
            return
        self.collecting = None
        if current is None or ordinal or numbered or (current["goal"] and current["indicator"]):
            title = (text[ordinal.end():] if ordinal else text).strip()
            inline = _INLINE_GOAL.search(title)  # '（一）标题。绩效目标：…' on one line
            self.items.append({"seq": len(self.items) + 1, "title": title[: inline.start()].rstrip("。；;，, \n")
                               if inline else title, "goal": None, "indicator": None})
            if inline:
                self._item_line(title[inline.start():], False)
        elif current["indicator"] is not None:
            current["indicator"] += "\n" + text
        elif current["goal"] is not None:
            current["goal"] += "\n" + text
        else:
            current["title"] += "\n" + text

    def result(self) -> DepartmentGoals | None:
        """Return the section, or None when the file has none."""
        if not self.seen:
            return None
        return {
            "overall": "\n".join(self.overall) or None,
            "items": self.items,
            "measures": self.measures,
            "indicators": [],
            "extra": {},
            "evaluation": None,
        }
