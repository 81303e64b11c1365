"""What a line of a form is, by its words: a title, a year, a part title, instructions, a signature line.

Used for paragraphs outside tables and for a title drawn as a table's first row; each rule's
name is the boilerplate rule a skipped line is recorded under (extract.trace.RULES).
"""

from __future__ import annotations

import re

from extract.labels import fold
from extract.values import strip_numbering

_TITLE = re.compile(r"(项目支出)?绩效目标(申报)?表\s*$")
# Paragraphs that are boilerplate or structure, not content (after fold):
INSTRUCTIONS = re.compile(r"^\s*(?:填报说明|填表说明|填写说明|编制说明|填报要求|填表要求|说明|注|备注)\s*[:：]?\s*\d?\s*[:：.、]?")
SIGNATURE_LINE = re.compile(r"(?:填报人|填表人|审核人|单位负责人|财务负责人|负责人|联系人|联系电话|填报日期|日期)\s*[:：]"
                             r"|[(]?\s*(?:单位)?(?:盖章|公章|签章|签字)\s*[)]?|^\s*年\s+月\s+日\s*$")
YEAR_SUFFIX = re.compile(r"\s*[(（]\s*20\d{2}\s*年度?\s*[)）]\s*$")  # 项目绩效目标表（2021年度）
# What a published blank form calls itself after its title: 申报表（范本）, 目标表（参考模板）, 申报表样表, 目标表（示例）.
# Not part of any project's name; a title ending in it is still a title.
TEMPLATE_SUFFIX = re.compile(
    r"\s*(?:[(（【\[]\s*(?:参考)?(?:范本|模板|样表|样本|示例|式样|格式|样式|参考格式|填报样式|填写示例|参考)\s*[)）】\]]"
    r"|(?<=表)\s*[-—_]?\s*(?:参考)?(?:范本|模板|样表|样本|示例))\s*$")
YEAR_LINE = re.compile(r"^\s*[(（]?\s*20\d{2}\s*年度?\s*[)）]?\s*$")  # （2021年度）
PART_LINE = re.compile(r"^\s*(?:附件\s*\d*\s*[:：]?|附表\s*\d*\s*[:：]?|第[一二三四五六七八九十]+部分|目\s*录)\s*$"
                        r"|^\s*[-—]?\s*\d{1,3}\s*[-—]?\s*$|^\s*第\s*\d+\s*页")
FORM_TITLE = re.compile(r"(?:绩效目标|申报|自评|评价)[^，。；：:]{0,6}表\s*$")
BLOCK_TITLE = re.compile(r"^[^，,。；;：:\d]{0,14}指标表?$")


_GENERIC_TITLE = re.compile(r"^(?:.{0,8}?[市县区省镇乡])?(?:20\d{2}年度?)?(?:[市县区]直)?(?:部门)?(?:预算)?(?:财政)?(?:支出)?(?:项目)?(?:支出)?$")


_SUFFIX_ENDS = frozenset(")）】]本板表例式")  # the last character of a suffix (or of a bare title)


def strip_suffixes(text: str) -> str:
    """Return a title without what follows the form's name: （2021年度）, （范本）, 样表 … in any order."""
    while True:
        bare = TEMPLATE_SUFFIX.sub("", YEAR_SUFFIX.sub("", text))
        if bare == text:
            return text
        text = bare


def is_title(text: str) -> bool:
    """Return whether a line is a form's title (…绩效目标表, …绩效目标申报表, （2021年度）, （范本） after it)."""
    titled = strip_suffixes(text) if text[-1:] in _SUFFIX_ENDS else text
    return bool(_TITLE.search(titled)) and not text.startswith("第")


def name_from_title(title: str) -> str | None:
    """Return the project name a title carries (1.某某项目绩效目标表 -> 某某项目), or None for a generic form title."""
    name = _TITLE.sub("", strip_suffixes(strip_numbering(title))).strip()
    return None if not name or _GENERIC_TITLE.match(fold(name)) else name
