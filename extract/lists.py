"""A list of goals as written in a cell: numbered lines, one line holding 1.… 2.…, （1）…（2）…, ①…②…."""

from __future__ import annotations

import re

from extract.values import strip_numbering

_ITEM_NUMBER = re.compile(
    r"(?:目标\s*(?P<goal>\d{1,2})\s*[:：]|[(（]\s*(?P<paren>\d{1,2})\s*[)）]|(?P<circled>[①-⑳])"
    r"|(?P<plain>\d{1,2})\s*[.、．)）](?!\d))"
)


def _numbered_parts(line: str) -> list[str] | None:
    """Split a line holding a numbered list (1.… 2.…, （1）…（2）…, ①…②…) at its numbers, else None."""
    expected, cuts = 1, []
    for m in _ITEM_NUMBER.finditer(line):
        number = m.group("goal") or m.group("paren") or m.group("plain")
        n = int(number) if number else ord(m.group("circled")) - ord("①") + 1
        if n == expected and (expected > 1 or not line[: m.start()].strip()):
            cuts.append((m.start(), m.end()))
            expected += 1
    if len(cuts) < 2:
        return None
    ends = [start for start, _ in cuts[1:]] + [len(line)]
    return [line[end:stop].strip().rstrip("；;，,。 ") for (_, end), stop in zip(cuts, ends, strict=True)]


def list_items(lines: list[str]) -> list[str]:
    """Return a goal list (绩效目标) from a cell's lines, typed or inline numbering removed."""
    items: list[str] = []
    for line in lines:
        parts = _numbered_parts(line) or [line]
        for part in parts:
            item = _GOAL_NUMBER.sub("", strip_numbering(part.strip()), count=1).strip().rstrip("；;。.，,")
            if item:
                items.append(item)
    return items


_GOAL_NUMBER = re.compile(r"^目标\s*\d{1,2}\s*[:：]\s*")
