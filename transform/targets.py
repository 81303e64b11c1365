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
)
_VAGUE_RE = re.compile("|".join(VAGUE_WORDS))


def is_vague(target_raw: str | None, is_quantified: bool) -> bool:
    """Return True for a qualitative target worded vaguely (明显提升, 按时完成 ...)."""
    if is_quantified or target_raw is None:
        return False
    return _VAGUE_RE.search(unicodedata.normalize("NFKC", target_raw)) is not None


def department_threshold(indicator: str | None) -> tuple[str | None, float | None, str | None]:
    """Return (op, value, unit) of the threshold a 绩效指标 sentence ends with, else Nones."""
    return find_target(indicator)
