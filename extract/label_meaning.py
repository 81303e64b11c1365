"""Header labels nobody listed, read by what their words say (`labels.header_field`'s last resort).

The synonym tables of `extract.labels` come first; these rules only name a label no table knows,
and each rule is one meaning, not one template's spelling:

- **Who pays.** A level of government (中央, 省级, 市, 县级, 地方, 本级 …) followed by the kind of money
  (财政, 补助, 配套, 专项, 转移支付, 资金, 拨款 …) is a fiscal *source*: 中央补助, 地方资金, 省级配套资金
  are government money, the fiscal share or a part of it (`fiscal_source`; `header.Header.money`
  decides which). 上级补助 stays as the tables say (a unit's 上级补助收入 is not fiscal money).
- **The unit's or society's own money** (…自筹, …自有资金, 社会资金, 银行贷款) is a part of 其他资金.
- **The year's amount.** 年度 / 当年 / 本年 / 全年 before a plain amount word (金额, 资金, 预算) is the
  year's total (年度金额, 当年资金).
- **A verb adds nothing.** 申请 / 拟申请 / 申报 / 拟安排 before a known money label (申请市财政资金)
  is that label.
- **Goals by horizon.** A short label ending in 目标 is the year's goals when it names the year
  (年度, 当年, 本年, 20XX年, 阶段性目标（当年）) and the long-term goals when it names a longer horizon
  (中长期, 长期, 中期, 实施期, 总目标); a bare 目标 / 项目目标 is the project's goals. A label that names
  no horizon (产出目标, 阶段性目标) is no field here; under a 绩效目标 label it is read as the year's goals
  and said to be a guess (`header.parse_header`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

_LEVEL = r"(?:中央|国家|省市县|省市|市县|县区|省|市|州|盟|县|区|旗|乡镇|镇|乡|本级|上级|地方|同级)级?"
_FISCAL_SOURCE = re.compile(
    rf"^{_LEVEL}(?:财政)?(?:专项|转移支付|补助|补贴|配套|奖补|投入|拨款|预算内|预算|安排)?(?:资金|经费|拨款|补助|投入|投资|款)?$")
_OWN_MONEY = re.compile(r"^(?!.*(?:中央|省|市级|县级|地方|财政))[^\d]{0,8}?(?:自筹|自筹资金|自有资金|社会资金|社会投入|"
                        r"银行贷款|贷款资金|贷款|社会融资|企业投入|群众自筹)$")
_YEAR_AMOUNT = re.compile(r"^(?:当年度?|本年度?|年度|全年)(?:金额|资金|预算|预算资金|资金安排|安排资金|资金金额)$")
_VERB = re.compile(r"^(?:拟申请|申请|申报|拟安排|安排|拟投入)(?=.{2})")
# Every rule needs one of these words: most keys (values, names) are turned away by one search.
_CUE = re.compile(r"资|补|配|拨|投|经费|款|预算|筹|社会|贷|融|金额|目标|安排|财政|专项|转移支付|总额|总数|收入")
_MONEY = ("total", "fiscal", "fiscal_part", "fiscal_source", "other", "other_part")

_QUALIFIER = re.compile(r"\(([^()]*)\)$")
_YEAR_WORDS = re.compile(r"年度|当年|本年|20\d{2}年")
_LONG_WORDS = re.compile(r"中长期|长期|中期|实施期|远期|规划期|总目标|\d+年内|[三五]年")
_GOAL = re.compile(r"^(?:项目)?(?:绩效)?目标$")


def label_meaning(key: str, known: Callable[[str], str | None]) -> str | None:
    """Return the header field a label names by meaning (`key` as `labels.label_key` gives it), or None.

    `known` looks a label up in the synonym tables (for the label after a verb).
    """
    if len(key) > 16 or not _CUE.search(key):
        return None
    if _FISCAL_SOURCE.match(key) and not _LEVEL_ONLY.match(key) and not key.startswith("上级补助"):
        return "fiscal_source"
    if _OWN_MONEY.match(key):
        return "other_part"
    if _YEAR_AMOUNT.match(key):
        return "total"
    verb = _VERB.match(key)
    if verb:
        rest = key[verb.end():]
        found = known(rest) or label_meaning(rest, known)
        if found in _MONEY:
            return found
    return _goal_horizon(key)


_LEVEL_ONLY = re.compile(rf"^{_LEVEL}$")  # a level alone (省级, 中央) names no money


def is_goal_label(key: str) -> bool:
    """Return whether a short label names goals (阶段性目标, 产出目标 …), whatever its horizon."""
    qualifier = _QUALIFIER.search(key)
    core = key[: qualifier.start()] if qualifier else key
    return core.endswith("目标") and len(core) <= 10 and not re.search(r"[，,。；;、]", key)


def _goal_horizon(key: str) -> str | None:
    """Return annual_goals / long_goals for a goal label that names its horizon, else None."""
    if not is_goal_label(key):
        return None
    qualifier = _QUALIFIER.search(key)
    core = key[: qualifier.start()] if qualifier else key
    words = f"{core}({qualifier.group(1)})" if qualifier else core
    if _YEAR_WORDS.search(words):
        return "annual_goals"
    if _LONG_WORDS.search(words):
        return "long_goals"
    if _GOAL.match(core):
        return "annual_goals"
    return None
