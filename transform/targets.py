"""Target-level facts the warehouse stores next to the extracted values: vagueness, thresholds."""

from __future__ import annotations

import re
import unicodedata

from extract.values import find_target

# 定性 wording a reviewer cannot check at year end (domain.md, rule vague_target). Kept here so
# the marts (mart_unit_quality) and fct_indicator_target.is_vague agree on one list.
VAGUE_WORDS = (
    "明显",
    "显著",
    "有效",
    "大幅",
    "逐步",
    "进一步",
    "稳步",
    "持续",
    "不断",
    "较好",
    "良好",
    "按时完成",
    "按期完成",
    "可持续使用",
    "提升",
    "提高",
    "改善",
    "增强",
    "加强",
    # Seen in real submissions and missed before: 总体稳定向好, 基本达到, 力争, 较大幅度.
    "稳定向好",
    "向好",
    "总体稳定",
    "基本达到",
    "基本实现",
    "力争",
    "较大",
    "积极",
    "推动",
    "促进",
    "充分发挥",
    # In the real-template sets' truth as unquantified: 较上年减少, 全面建立, 健全完善.
    "较上年",
    "全面建立",
    "健全",
    # A direction with no amount, as 较上年: 出生缺陷发生率 逐年下降 (a real-template file, unflagged).
    "逐年",
)
_VAGUE_RE = re.compile("|".join(VAGUE_WORDS))

# A 社会成本 or 生态环境成本 target stating that there is no impact is a valid, checkable statement
# (2021 guidance asks units to say so), not a vague one, though 无明显影响 contains 明显.
NO_IMPACT_WORDS = (
    "无明显影响",
    "无明显不良影响",
    "无不良影响",
    "无负面影响",
    "无影响",
    "无明显负面影响",
)
NO_IMPACT_LEVEL2 = frozenset({"社会成本指标", "生态环境成本指标"})


def states_no_impact(target_raw: str | None, level2_canonical: str | None) -> bool:
    """Return True for 无明显影响 and the like written on a 社会成本 / 生态环境成本 row."""
    if target_raw is None or level2_canonical not in NO_IMPACT_LEVEL2:
        return False
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", target_raw))
    return any(w in text for w in NO_IMPACT_WORDS)


def is_vague(
    target_raw: str | None, is_quantified: bool, level2_canonical: str | None = None
) -> bool:
    """Return True for a qualitative target worded vaguely (明显提升, 按时完成 ...)."""
    if is_quantified or target_raw is None or states_no_impact(target_raw, level2_canonical):
        return False
    return _VAGUE_RE.search(unicodedata.normalize("NFKC", target_raw)) is not None


def department_threshold(indicator: str | None) -> tuple[str | None, float | None, str | None]:
    """Return (op, value, unit) of the threshold a 绩效指标 sentence ends with, else Nones."""
    return find_target(indicator)
