"""Recognise the labels a submission uses, whatever the template's spelling.

Labels are compared after `label_key`: full-width folded, all whitespace removed, a
leading 其中 and trailing colons and parenthesised money units dropped. Each field has a
list of synonyms; the first table of the module is all a new template usually needs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from extract.label_meaning import label_meaning

# Header-block fields: canonical field -> label spellings (after label_key).
HEADER_FIELDS: dict[str, tuple[str, ...]] = {
    "code": ("项目编码", "项目代码", "项目编号"),
    "name": ("项目名称", "项目(资金)名称", "专项名称", "专项资金名称", "项目名", "资金项目名称"),
    "total": ("预算数", "资金总额", "总额", "项目总预算", "年度预算数", "预算总额", "项目资金总额",
              "年度资金总额", "预算金额", "资金总额合计", "总预算", "预算", "申请金额", "申请资金", "资金规模",
              "资金总数", "年度预算"),
    "fiscal": ("财政资金", "财政拨款", "财政性资金", "一般公共预算", "一般公共预算拨款", "本级财政资金",
               "财政拨款资金", "一般公共预算财政拨款", "财政拨款收入", "财政补助", "市财政资金", "县财政资金",
               "区财政资金", "省财政资金", "市级财政资金", "县级财政资金", "本级财政拨款",
               "当年财政拨款"),
    "other": ("其他资金", "非财政资金", "其它资金"),
    # Government-budget lines beside 财政拨款: they add up to the fiscal share with it.
    "fiscal_part": ("政府性基金预算拨款", "政府性基金拨款", "国有资本经营预算拨款", "国有资本经营预算"),
    # Government money by the level that pays it (中央补助, 地方资金, 省级配套资金: found by meaning,
    # extract/label_meaning.py): the fiscal share when 财政拨款 is not written, else its breakdown.
    "fiscal_source": (),
    "other_part": ("自有资金", "事业收入", "经营收入", "其他", "其他收入", "单位自有资金",
                   "上级补助", "上级补助收入", "附属单位上缴收入", "政府性基金", "专户资金",
                   "自筹资金", "单位自筹", "单位自筹资金", "社会资金", "其他来源", "经营性收入",
                   "纳入财政专户管理的收入", "未纳入财政专户管理的收入", "财政专户拨款", "上年结余",
                   "上年结余收入", "上年结转", "事业基金弥补差额"),
    # One cell holding the total and its parts: 总额：… 财政拨款：…（其中：…） 其他资金：…
    "money_block": ("资金总额及构成", "资金构成", "资金来源及构成", "项目资金构成"),
    "purpose": ("资金用途", "项目资金用途", "资金主要用途", "用途", "项目概况及资金用途", "项目概况", "项目总体概况"),
    "budget_section": ("预算规模及资金用途", "预算规模及用途", "项目资金", "预算规模", "项目资金申请",
                       "资金来源", "资金情况", "项目预算"),
    "spending": ("资金支出计划", "支出计划", "资金支出进度计划", "预算执行计划", "资金使用计划"),
    "goals_section": ("绩效目标", "项目绩效目标", "总体目标", "项目总体目标"),
    "annual_goals": ("年度目标", "年度绩效目标", "项目年度绩效目标", "项目年度目标", "本年度目标", "预期目标",
                     "当年目标", "年度主要目标和成果", "年度主要目标"),
    "long_goals": ("长期目标", "中长期目标", "长期绩效目标", "中长期绩效目标", "中期目标", "中期绩效目标",
                   "项目中长期目标", "项目中长期绩效目标", "项目长期目标", "总目标", "项目总体绩效目标"),
    "unit_name": ("单位名称", "预算单位", "单位", "部门(单位)名称", "单位(部门)名称"),
    "unit_code": ("单位编码", "单位代码", "预算单位编码"),
}

# Indicator-table columns: canonical column -> header spellings (after label_key).
INDICATOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标", "一级"),
    "level2": ("二级指标", "二级"),
    "name": ("三级指标", "指标名称", "三级指标名称", "三级", "绩效内容"),
    "description": ("绩效指标描述", "指标内容", "指标描述", "指标解释", "绩效指标内容", "指标说明", "绩效标准",
                    "指标内容/计算公式", "计算公式"),
    "target_raw": ("指标值", "年度指标值", "目标值", "指标目标值", "年度目标值", "绩效指标值",
                   "中长期指标值", "长期指标值", "预期指标值", "全年指标值", "中期指标值",
                   "本年度计划水平", "计划水平", "当年预期实现值", "预期实现值", "实现值", "计划值"),
    "basis": ("指标值确定依据", "确定依据", "指标值设定依据", "指标确定依据", "依据", "取值依据",
              "指标值确定依据及说明", "指标值设定依据及数据来源", "指标值确定依据及数据来源", "参考标准"),
    "remark": ("备注", "说明"),
    "op_col": ("指标性质", "指标方向", "运算符", "运算符号", "比较符"),
    "unit_col": ("度量单位", "计量单位", "指标单位"),
    # How a row is scored (评分细则): the basis of its target where the table has no 依据 column, else not read.
    "score_rule": ("评分细则", "评(扣)分标准", "评分标准", "扣分标准", "评价标准", "评(评价)标准", "评分办法"),
    # Understood and deliberately not read: scoring columns, last year's value, a row number.
    "ignored": ("分值", "权重", "上年度实际水平", "上年实际值", "上年度指标值", "上年实际完成值", "历史值", "序号"),
}

# Headers nobody listed, matched by meaning: the first pattern found in the header decides.
# (What a 指标值 column is called varies most: 2022年预期实现值, 当年计划值 …)
INDICATOR_MEANINGS: tuple[tuple[str, str], ...] = (
    (r"上年|历史", "ignored"),
    (r"评分细则|评分标准|扣分标准|评\(扣\)分|评价标准", "score_rule"),
    (r"分值|权重|评分|扣分", "ignored"),
    (r"依据|数据来源", "basis"),
    (r"性质|方向|运算符", "op_col"),
    (r"(度量|计量)单位", "unit_col"),
    (r"三级", "name"),
    (r"二级", "level2"),
    (r"一级", "level1"),
    (r"(指标|目标|实现|计划|预期)(值|水平)$", "target_raw"),
    (r"解释|说明|描述|标准|公式", "description"),
    (r"备注", "remark"),
)

# 二级 categories of the national scheme: a column headed 一级指标 that holds these is one level off.
LEVEL2_NAMES = ("数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标", "生态效益指标",
                "环境效益指标", "可持续影响指标", "服务对象满意度指标", "社会公众或服务对象满意度指标",
                "经济成本指标", "社会成本指标", "生态环境成本指标")

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
        year = _YEAR_QUALIFIER.match(candidate)
        if year and _LABEL_TO_FIELD.get(candidate[year.end():]) in MONEY_FIELDS:
            return _LABEL_TO_FIELD[candidate[year.end():]]  # 当年资金总额, 其中：当年财政拨款, 年度预算数
        prefix, rest = candidate[:2], candidate[2:]
        if prefix in ("中期", "长期") and _LABEL_TO_FIELD.get(rest) in MONEY_FIELDS:
            return "long_money"
    if key in _DEPARTMENT_LABEL:  # 年度总体目标, 年度主要任务: a department form's, not guessed as a project's
        return None
    return label_meaning(key, _LABEL_TO_FIELD.get)


# A money label qualified as the budget year's own (当年资金总额, 本年度财政拨款, 2022年预算数, 年度预算数).
_YEAR_QUALIFIER = re.compile(r"^(?:当年度?|本年度?|年度|全年)")
_YEAR_MONEY = re.compile(r"^(?:20\d{2}年度?|当年|本年|年度|全年)")


@lru_cache(maxsize=4096)
def is_year_money(text: str) -> bool:
    """Return whether a money label names the budget year's amount (当年…, 本年…, 年度…, 2022年…)."""
    key = label_key(text)
    return bool(_YEAR_MONEY.match(key)) and not key.startswith(("上年", "以前年度"))


# The header fields that hold an amount (其他 and its kin are parts of 其他资金).
MONEY_FIELDS = ("total", "fiscal", "fiscal_part", "fiscal_source", "other", "other_part")


@lru_cache(maxsize=4096)  # templates repeat the same labels in every table
def indicator_column(text: str) -> str | None:
    """Return the canonical indicator column a header cell names, or None."""
    return indicator_column_why(text)[0]


_QUALIFIER = re.compile(r"\(.*?\)|（.*?）")
_HORIZON_PREFIX = re.compile(r"^(?:20\d{2}年度?|当年|本年度|本年|全年|预期)+")


@lru_cache(maxsize=4096)
def indicator_column_why(text: str) -> tuple[str | None, str]:
    """Return (column, how it was recognised): 'label 指标值', 'meaning 当年预期实现值 ~ 实现值', or (None, '')."""
    key = _YEAR_PREFIX.sub("", label_key(text))  # 2022年度指标值
    if not key or len(key) > 24:
        return None, ""
    for candidate in (key, _QUALIFIER.sub("", key), _HORIZON_PREFIX.sub("", _QUALIFIER.sub("", key))):
        column = _HEADER_TO_COLUMN.get(candidate) or _EXTRA_COLUMNS.get(candidate)
        if column:
            return column, f"label {candidate}"
    if "指标" not in key and "值" not in key and "水平" not in key and "单位" not in key and "性质" not in key:
        return None, ""  # a meaning rule only applies to what reads as an indicator header
    for pattern, column in INDICATOR_MEANINGS:
        if re.search(pattern, key):
            return column, f"meaning /{pattern}/"
    return None, ""


# Synonyms added from jixiao.toml [labels] (extend_labels); consulted after the built-in tables.
_EXTRA_COLUMNS: dict[str, str] = {}
_ADDED_LABELS: list[str] = []  # header labels extend_labels added to _LABEL_TO_FIELD, so they can be taken back


def reset_label_overrides() -> None:
    """Take back every synonym and boilerplate line extend_labels added: the built-in tables alone again."""
    for key in _ADDED_LABELS:
        _LABEL_TO_FIELD.pop(key, None)
    _ADDED_LABELS.clear()
    _EXTRA_COLUMNS.clear()
    _USER_BOILERPLATE.clear()
    _labels_changed()


# Caches elsewhere that hold answers derived from these tables (header.py's label classifier): cleared with ours.
_DEPENDENT_CACHES: list[Callable[[], None]] = []


def on_labels_changed(clear: Callable[[], None]) -> None:
    """Register a cache to clear whenever [labels] overrides change what a label means."""
    _DEPENDENT_CACHES.append(clear)


def _labels_changed() -> None:
    header_field.cache_clear()
    indicator_column.cache_clear()
    indicator_column_why.cache_clear()
    for clear in _DEPENDENT_CACHES:
        clear()


def extend_labels(header_fields: dict[str, list[str]], indicator_columns: dict[str, list[str]],
                  boilerplate: list[str] | None = None) -> None:
    """Add label synonyms and boilerplate lines (jixiao.toml [labels]); unknown fields or columns raise ValueError."""
    for fld, labels in header_fields.items():
        if fld not in HEADER_FIELDS:
            raise ValueError(f"[labels] header.{fld}: unknown field (known: {', '.join(HEADER_FIELDS)})")
        for label in labels:
            if label_key(label) not in _LABEL_TO_FIELD:
                _LABEL_TO_FIELD[label_key(label)] = fld
                _ADDED_LABELS.append(label_key(label))
    for col, heads in indicator_columns.items():
        if col not in INDICATOR_COLUMNS:
            raise ValueError(f"[labels] indicator.{col}: unknown column (known: {', '.join(INDICATOR_COLUMNS)})")
        for head in heads:
            _EXTRA_COLUMNS.setdefault(label_key(head), col)
    for line in boilerplate or []:
        if label_key(line) and label_key(line) not in _USER_BOILERPLATE:
            _USER_BOILERPLATE.append(label_key(line))
    _labels_changed()


# Lines a clerk registered as boilerplate (jixiao.toml [labels.boilerplate] lines): a paragraph, a cell
# or a table starting with one is skipped, by the rule "jixiao.toml", instead of warned about.
_USER_BOILERPLATE: list[str] = []


def user_boilerplate_registered() -> bool:
    """Return whether jixiao.toml registered any boilerplate line (most installations: none, nothing to check)."""
    return bool(_USER_BOILERPLATE)


def user_boilerplate(text: str) -> bool:
    """Return whether a paragraph, cell or table starting with `text` was registered as boilerplate."""
    if not _USER_BOILERPLATE or not text:
        return False
    key = label_key(text)
    return any(key.startswith(line) for line in _USER_BOILERPLATE)


_TRAILING_QUALIFIER = re.compile(r"\(.*?\)$")


@lru_cache(maxsize=4096)
def extra_key(label: str) -> str:
    """Return the key a label is kept under in `extra`: its comparable form without a trailing qualifier."""
    key = label_key(label)
    bare = _TRAILING_QUALIFIER.sub("", key)
    return bare or key


# A sign-off block closing a form (审核意见, 审核人, 日期): understood, nothing to read.
SIGN_OFF = re.compile(r"审核意见|审核人|审批意见|签字|签章|盖章|填报人|填表人|联系电话|日期")


# A department-level form (部门整体支出绩效目标申报表 / 目标表): its labels, after label_key.
DEPARTMENT_FIELDS: dict[str, tuple[str, ...]] = {
    "overall": ("年度总体目标", "部门年度总体目标", "部门整体绩效目标", "整体绩效目标", "总体绩效目标",
                "部门整体支出年度绩效目标", "年度绩效目标"),
    "tasks": ("年度主要任务", "年度履职目标", "年度工作任务", "主要任务", "部门年度主要任务", "年度重点工作任务"),
    "unit_name": ("部门(单位)名称", "单位(部门)名称", "部门名称", "单位名称", "预算部门", "预算单位"),
    "unit_code": ("部门预算编码", "部门编码", "部门代码", "单位编码", "单位代码", "预算单位编码", "部门(单位)编码",
                  "单位预算编码", "预算编码"),
    "budget": ("年度预算安排", "部门总体资金情况", "总体资金情况", "年度资金情况", "资金情况", "年度预算",
               "部门预算安排", "年度资金总额"),
}
_DEPARTMENT_LABEL = {label: fld for fld, labels in DEPARTMENT_FIELDS.items() for label in labels}
DEPARTMENT_TITLE = re.compile(r"(部门|单位)整体(支出)?绩效目标")


@lru_cache(maxsize=4096)  # labels repeat in every table of a file and across files
def department_field(text: str) -> str | None:
    """Return the department-form field a label cell names (overall, tasks, unit_name, unit_code, budget), or None."""
    key = label_key(text)
    return _DEPARTMENT_LABEL.get(key) or _DEPARTMENT_LABEL.get(_TRAILING_QUALIFIER.sub("", key))


# The environment variable carrying [labels] overrides (JSON) into extraction worker processes.
LABELS_ENV = "JIXIAO_LABELS_JSON"


def apply_label_overrides(text: str) -> None:
    """Apply [labels] overrides given as JSON ({"header": {field: [...]}, "indicator": {column: [...]},
    "boilerplate": {"lines": [...]}}), replacing any applied before."""
    reset_label_overrides()  # the overrides are exactly the settings' own, however often they are applied
    if not text:
        return
    import json

    data = json.loads(text)
    extend_labels(data.get("header", {}), data.get("indicator", {}), data.get("boilerplate", {}).get("lines", []))
