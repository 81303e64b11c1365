"""Recognise the labels a submission uses, whatever the template's spelling.

Labels are compared after `label_key`: full-width folded, all whitespace removed, a
leading 其中 and trailing colons and parenthesised money units dropped. Each field has a
list of synonyms; the first table of the module is all a new template usually needs.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Header-block fields: canonical field -> label spellings (after label_key).
HEADER_FIELDS: dict[str, tuple[str, ...]] = {
    "code": ("项目编码", "项目代码", "项目编号"),
    "name": ("项目名称",),
    "total": ("预算数", "资金总额", "项目总预算", "年度预算数", "预算总额", "项目资金总额",
              "年度资金总额", "预算金额", "资金总额合计", "总预算"),
    "fiscal": ("财政资金", "财政拨款", "财政性资金", "一般公共预算", "一般公共预算拨款", "本级财政资金",
               "财政拨款资金", "一般公共预算财政拨款", "财政拨款收入", "财政补助"),
    "other": ("其他资金", "非财政资金"),
    "other_part": ("自有资金", "事业收入", "经营收入", "其他", "其他收入", "单位自有资金",
                   "上级补助", "上级补助收入", "附属单位上缴收入", "政府性基金", "专户资金",
                   "自筹资金", "单位自筹", "单位自筹资金", "社会资金", "其他来源"),
    "purpose": ("资金用途", "项目资金用途", "资金主要用途", "用途", "项目概况及资金用途", "项目概况"),
    "budget_section": ("预算规模及资金用途", "预算规模及用途", "项目资金", "预算规模"),
    "spending": ("资金支出计划", "支出计划", "资金支出进度计划", "预算执行计划", "资金使用计划"),
    "goals_section": ("绩效目标", "项目绩效目标", "总体目标", "项目总体目标"),
    "annual_goals": ("年度目标", "年度绩效目标", "项目年度绩效目标", "项目年度目标"),
    "long_goals": ("长期目标", "中长期目标", "长期绩效目标", "中长期绩效目标", "中期目标", "中期绩效目标",
                   "项目中长期目标", "项目中长期绩效目标", "项目长期目标"),
    "unit_name": ("单位名称", "预算单位", "单位"),
    "unit_code": ("单位编码", "单位代码", "预算单位编码"),
}

# Indicator-table columns: canonical column -> header spellings (after label_key).
INDICATOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标", "一级"),
    "level2": ("二级指标", "二级"),
    "name": ("三级指标", "指标名称", "三级指标名称", "三级"),
    "description": ("绩效指标描述", "指标内容", "指标描述", "指标解释", "绩效指标内容", "指标说明"),
    "target_raw": ("指标值", "年度指标值", "目标值", "指标目标值", "年度目标值", "绩效指标值",
                   "中长期指标值", "长期指标值", "预期指标值", "全年指标值", "中期指标值"),
    "basis": ("指标值确定依据", "确定依据", "指标值设定依据", "指标确定依据", "依据", "取值依据",
              "指标值确定依据及说明", "指标值设定依据及数据来源", "指标值确定依据及数据来源"),
    "remark": ("备注", "说明"),
    "op_col": ("指标性质", "指标方向", "运算符", "运算符号", "比较符"),
    "unit_col": ("度量单位", "计量单位", "指标单位"),
}

_LABEL_TO_FIELD = {label: field for field, labels in HEADER_FIELDS.items() for label in labels}
_HEADER_TO_COLUMN = {h: col for col, heads in INDICATOR_COLUMNS.items() for h in heads}

_MONEY_UNIT = re.compile(r"\(\s*(万元|元|%)\s*\)")  # applied after NFKC folding
_SPACES = re.compile(r"\s+")
_YEAR_PREFIX = re.compile(r"^20\d{2}(?=年度)|^20\d{2}年")  # 2022年度… keeps 年度


def fold(text: str) -> str:
    """Return text with full-width ASCII folded to half-width and odd spaces made plain."""
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=4096)  # templates repeat the same labels in every table
def label_key(text: str) -> str:
    """Return the comparable form of a label cell."""
    key = _SPACES.sub("", fold(text))
    key = key.strip(":：*")
    if key.startswith("其中"):
        key = key[2:].lstrip(":：、,，")
    key = _MONEY_UNIT.sub("", key)
    return key.strip(":：")


def label_multiplier(text: str) -> int | None:
    """Return 10000 for a label written with (万元), 1 for (元), else None."""
    m = _MONEY_UNIT.search(fold(text))
    if not m:
        return None
    return 10000 if m.group(1) == "万元" else 1 if m.group(1) == "元" else None


@lru_cache(maxsize=4096)  # templates repeat the same labels in every table
def header_field(text: str) -> str | None:
    """Return the canonical header field a label cell names, or None.

    'long_money' marks a 中期/长期 amount of the national template (kept in `extra`, since the
    contract's budget is the year's); 年度… spellings are the year's own fields.
    """
    key = _YEAR_PREFIX.sub("", label_key(text))  # 2022年预算数
    if not key or len(key) > 20:
        return None
    for candidate in (key, re.sub(r"\(.*?\)$", "", key)):  # 中期目标（2022年—2024年）
        field = _LABEL_TO_FIELD.get(candidate)
        if field is not None:
            return field
        if candidate.startswith("资金支出计划"):
            return "spending"
        prefix, rest = candidate[:2], candidate[2:]
        if prefix == "年度" and _LABEL_TO_FIELD.get(rest) in MONEY_FIELDS:
            return _LABEL_TO_FIELD[rest]
        if prefix in ("中期", "长期") and _LABEL_TO_FIELD.get(rest) in MONEY_FIELDS:
            return "long_money"
    return None


# The header fields that hold an amount (其他 and its kin are parts of 其他资金).
MONEY_FIELDS = ("total", "fiscal", "other", "other_part")


@lru_cache(maxsize=4096)  # templates repeat the same labels in every table
def indicator_column(text: str) -> str | None:
    """Return the canonical indicator column a header cell names, or None."""
    key = _YEAR_PREFIX.sub("", label_key(text))  # 2022年度指标值
    return _HEADER_TO_COLUMN.get(key) or _HEADER_TO_COLUMN.get(re.sub(r"\(.*?\)$", "", key))
