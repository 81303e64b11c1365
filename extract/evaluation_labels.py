"""The labels of year-end self-evaluation forms (绩效自评表) and how their cells read.

Like extract/labels.py for target forms: each role has its spellings (compared after `eval_key`),
so a new issuer's form is mostly new rows here. The roles are those of contract v4's `evaluation`
and indicator `result` (docs/contract/extraction.schema.json).
"""

from __future__ import annotations

import re
from functools import lru_cache

from extract.labels import fold, label_key
from extract.values import parse_percent, strip_numbering

# A form's title: 项目支出绩效自评表, 部门整体绩效自评表, 部门预算项目支出绩效自评表（2023年度）.
TITLE = re.compile(r"自评(?:情况)?表")
DEPARTMENT_TITLE = re.compile(r"(?:部门|单位)整体(?:支出)?绩效自评")
YEAR = re.compile(r"(20\d{2})\s*年度?")

# 项目资金 / 预算执行情况 block: column headers -> role.
MONEY_COLUMNS: dict[str, tuple[str, ...]] = {
    "initial": ("年初预算数", "年初预算", "年初预算安排", "年初批复预算"),
    "full_year": ("全年预算数", "调整后预算数", "全年(调整)预算数", "调整预算数", "全年预算", "调整后预算",
                  "预算数"),  # a lone 预算数 (A) beside 执行数 (B): the adjusted budget (黄冈's 备注 says so)
    "spent": ("全年执行数", "预算执行数", "执行数", "实际执行数", "全年实际执行数", "实际支出数"),
    "rate": ("执行率", "预算执行率", "全年执行率"),
    "weight": ("分值", "权重", "执行率权重"),
    "score": ("得分", "执行率得分"),
    "reason": ("原因", "偏差原因", "未执行原因", "原因分析"),
    # Understood, nothing to read: how the score is computed (a printed formula).
    "ignored": ("得分计算方法", "计算方法", "评分方法", "评分标准"),
}
# Money line labels -> contract line kind; any other label is an `other` source.
LINE_KINDS: dict[str, tuple[str, ...]] = {
    "total": ("年度资金总额", "资金总额", "总额", "合计", "总计", "预算总额", "年度财政资金总额", "财政资金总额"),
    "fiscal": ("当年财政拨款", "本年财政拨款", "财政拨款", "财政资金", "财政拨款资金", "一般公共预算拨款"),
    "carryover": ("上年结转资金", "上年结转", "上年结余", "上年结转结余", "上年结余资金"),
}
# 年度总体目标 block: 预期目标 | 实际完成情况.
GOAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "goals": ("预期目标", "项目年度目标", "年初绩效目标", "年度目标", "年度绩效目标", "年初设定目标"),
    "adjusted_goals": ("全年(调整)绩效目标", "调整后绩效目标", "调整绩效目标"),
    "achieved": ("实际完成情况", "年度目标完成情况", "全年目标实际完成情况", "目标完成情况", "年度总体目标完成情况",
                 "年度总体目标完成情况综述", "目标完成情况综述"),
}
# Indicator table of a self-evaluation: header -> role (result roles beside the target form's).
INDICATOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标", "一级"),
    "level2": ("二级指标", "二级"),
    "name": ("三级指标", "指标名称", "三级"),
    "target_raw": ("年度指标值", "指标值", "年初指标值", "目标值", "全年指标值", "年度目标值", "年初目标值"),
    "adjusted": ("调整指标值", "全年(调整)指标值", "调整后指标值"),
    "op_col": ("指标性质", "指标方向"),
    "unit_col": ("度量单位", "计量单位", "指标单位"),
    "actual": ("实际完成值", "完成值", "全年完成值", "全年实际值", "实际值", "实际完成情况"),
    "weight": ("分值", "权重", "指标权重"),
    "score": ("得分", "指标得分"),
    "deviation": ("偏差原因分析及改进措施", "未完成原因分析", "偏差原因", "偏差原因分析", "原因分析",
                  "未完成原因及拟采取的改进措施", "未完成原因及改进措施"),
    "description": ("指标解释", "绩效指标描述", "指标内容", "指标说明"),
    # Understood, nothing to read: the score over the weight, a row number.
    "ignored": ("得分系数", "序号"),
}
# Labelled fields (label | value) -> role; labels not listed go to `extra`.
FIELDS: dict[str, tuple[str, ...]] = {
    "project": ("项目名称",),
    "implementer": ("实施单位", "项目实施单位", "项目单位"),
    "supervisor": ("主管部门", "主管部门及代码"),
    "department": ("部门名称", "部门(单位)名称", "单位(部门)名称", "单位名称", "预算部门"),
    "total_score": ("自评总分", "自评得分", "总分"),
    "rating": ("自评等级", "评价等级", "自评等次", "评价等次", "等级"),
    "conclusion": ("评价结论", "自评结论", "总体评价结论"),
    "problems": ("存在问题", "存在的问题", "主要问题", "偏差大或目标未完成原因分析", "目标未完成原因分析"),
    "improvements": ("改进措施", "下一步改进措施", "下一步改进意见", "改进意见", "整改措施", "改进措施及结果应用方案"),
}
# A money line's label even when its amounts are blank (其他资金 | | |).
MONEY_SOURCE = re.compile(r"资金|拨款|结转|结余|收入|投入|贷款|总额|合计|^其他$")
# Text that reads as a sentence rather than a label.
SENTENCE = re.compile(r"[，,。；;！!？?]")
# Contract fields a cell's value went to, for its fate (jixiao explain).
MONEY_FIELDS = {"rate": "evaluation.execution_rate", "weight": "evaluation.execution_weight",
                 "score": "evaluation.execution_score", "reason": "project.extra"}
GOAL_FIELDS = {"goals": "project.goals", "achieved": "evaluation.goals_achieved"}
FIELD_PATHS = {"project": "project.name", "implementer": "unit", "department": "unit", "supervisor": "project.extra",
                "total_score": "evaluation.total_score", "rating": "evaluation.rating",
                "conclusion": "evaluation.conclusion", "problems": "evaluation.problems",
                "improvements": "evaluation.improvements"}

# A closing 总分 / 合计 row of the indicator table.
TOTAL_ROW = ("总分", "合计", "总计")
# Cells that are form furniture: nothing to read, nothing to warn about.
BOILERPLATE = re.compile(r"^(报表编号|填报日期|填表日期|填表人|审核人|单位负责人|盖章|注[:：]|备注[:：]|说明[:：])")
# Signature lines closing a form (项目负责人：…  财务负责人：…): kept in extra when signed.
SIGNATURE = re.compile(r"(项目|财务|单位)负责人\s*[:：]")
# Template prompts left in a cell count as blank (contract): …（200字以内）, 1.预算执行率=…
PROMPT = re.compile(r"[(（]\s*\d+\s*字(?:以内|内)\s*[)）]|^1[.、]预算执行率\s*=|^对照年度目标|^请填写")


# A printed prompt in a 三级 cell of the blank form (指标1：…) and the rows the unit left as printed (指标2：, ……).
INDICATOR_PROMPT = re.compile(r"^\s*指标\s*\d+\s*[:：]\s*")
ELLIPSIS = re.compile(r"^[.。…·\s]+$")
# A unit written as a reference to itself (本单位): no name, the document's unit line says who it is.
SELF_REFERENCE = re.compile(r"^(?:本单位|本部门|本级|同上|同左|无)$")


@lru_cache(maxsize=4096)  # forms repeat the same labels in every table
def eval_key(text: str) -> str:
    """Return the comparable form of a self-evaluation label: label_key without numbering or a trailing (…)."""
    key = label_key(strip_numbering(fold(text).strip()))
    return re.sub(r"(?:\([^()]*\))+$", "", key) or key


def _index(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {eval_key(label): role for role, labels in table.items() for label in labels}


_MONEY = _index(MONEY_COLUMNS)
_LINES = _index(LINE_KINDS)
_GOALS = _index(GOAL_COLUMNS)
_INDICATORS = _index(INDICATOR_COLUMNS)
_FIELDS = _index(FIELDS)


def money_column(text: str) -> str | None:
    return _MONEY.get(eval_key(text))


def line_kind(text: str) -> str:
    """Return the contract line kind of a money line label (total, fiscal, carryover, other)."""
    return _LINES.get(eval_key(text), "other")


def goal_column(text: str) -> str | None:
    return _GOALS.get(eval_key(text))


def indicator_column(text: str) -> str | None:
    """Return the role of a self-evaluation's indicator column; jixiao.toml [labels.indicator] synonyms
    of the roles both kinds of form share (level1 … target_raw, ignored) count here too."""
    role = _INDICATORS.get(eval_key(text))
    if role is None:
        from extract.labels import _EXTRA_COLUMNS  # the [labels] overrides, filled at start-up

        role = _EXTRA_COLUMNS.get(label_key(text))
        role = role if role in INDICATOR_COLUMNS else None
    return role


def field_role(text: str) -> str | None:
    return _FIELDS.get(eval_key(text))


def is_prompt(text: str) -> bool:
    return bool(PROMPT.search(fold(text)))


def extra_label(text: str) -> str:
    """Return the key a label is kept under in `extra`: as written, without spaces, 其中：, numbering, （盖章）."""
    key = re.sub(r"\s+", "", strip_numbering(text.strip())).strip(":：")
    key = re.sub(r"^其中[:：、]?", "", key)
    return re.sub(r"[(（](?:盖章|万元|元|分)[)）]$", "", key) or key


def points(text: str) -> float | None:
    """Return the points a block label carries (预算执行情况（万元）（20分） -> 20.0), or None."""
    m = re.search(r"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]", fold(text))
    return float(m.group(1)) if m else None


def number(text: str | None) -> float | None:
    """Return a weight, score or rate cell as a number (10, 9.2, 92%, 9.2分); None when blank or not one."""
    if not text:
        return None
    flat = fold(text).strip().rstrip("分")
    return parse_percent(flat)


_UNIT_CODE = re.compile(r"^\s*[\[【(（]?([0-9]{6})[\]】)）]?\s*[-—－_:：]?\s*(\S.*)$", re.S)
_PROJECT_CODE = re.compile(r"^\s*([0-9]{6,}[A-Z][0-9A-Z]{6,})\s*[-—－_]\s*(\S.*)$", re.S)


def split_unit(text: str) -> tuple[str | None, str]:
    """Return (unit code, name) of a 实施单位 cell: 312001-文安县交通运输局 -> ('312001', '文安县交通运输局')."""
    m = _UNIT_CODE.match(text)
    return (m.group(1), m.group(2).strip()) if m else (None, text.strip())


def split_project(text: str) -> tuple[str | None, str]:
    """Return (项目编码, 项目名称) of a 项目名称 cell that may lead with the code: 1310…C-名称."""
    m = _PROJECT_CODE.match(text)
    return (m.group(1), m.group(2).strip()) if m else (None, text.strip())
