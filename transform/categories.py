"""Conformed indicator categories: text as written -> canonical 一级/二级 and taxonomy version.

Two taxonomies are in use (see the domain notes, docs/contract):
- "pre2021": 成本指标 is a 二级 under 产出指标;
- "2021" (财预〔2021〕101号): 成本指标 is a 一级 with 经济成本/社会成本/生态环境成本.
A project table follows the 2021 rules when any of its rows has 一级 成本指标 or a 二级 that
exists only under it; otherwise the pre-2021 rules.
"""

from __future__ import annotations

import functools
import re
import unicodedata

TAXONOMY: dict[str, dict[str, tuple[str, ...]]] = {
    "pre2021": {
        "产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
        "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
        "满意度指标": ("服务对象满意度指标",),
    },
    "2021": {
        "产出指标": ("数量指标", "质量指标", "时效指标"),
        "成本指标": ("经济成本指标", "社会成本指标", "生态环境成本指标"),
        "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标"),
        "满意度指标": ("服务对象满意度指标",),
    },
}

LEVEL1 = ("产出指标", "成本指标", "效益指标", "满意度指标")
COST_2021_LEVEL2 = frozenset(TAXONOMY["2021"]["成本指标"])

# Written forms (spaces removed, trailing 指标 removed) -> canonical name.
_LEVEL1_SYNONYMS = {
    "产出": "产出指标",
    "成本": "成本指标",
    "效益": "效益指标",
    "满意度": "满意度指标",
}
_LEVEL2_SYNONYMS = {
    "数量": "数量指标",
    "质量": "质量指标",
    "时效": "时效指标",
    "成本": "成本指标",
    "经济成本": "经济成本指标",
    "社会成本": "社会成本指标",
    "生态环境成本": "生态环境成本指标",
    "环境成本": "生态环境成本指标",
    "生态成本": "生态环境成本指标",
    "经济效益": "经济效益指标",
    "社会效益": "社会效益指标",
    "生态效益": "生态效益指标",
    "环境效益": "生态效益指标",
    "生态环境效益": "生态效益指标",
    "可持续影响": "可持续影响指标",
    "可持续发展": "可持续影响指标",
    "服务对象满意度": "服务对象满意度指标",
    # 财预〔2020〕10号 and many county templates name it so.
    "社会公众或服务对象满意度": "服务对象满意度指标",
    "社会公众满意度": "服务对象满意度指标",
    "满意度": "服务对象满意度指标",
    # 基建 (construction) project forms: 质量控制目标, 工期控制目标, 成本控制目标.
    "质量控制": "质量指标",
    "工期控制": "时效指标",
    "进度控制": "时效指标",
    "成本控制": "成本指标",
}
_SPACES = re.compile(r"\s+")
# Points written in the cell, after NFKC: （50分） -> (50分); (40-50)分, (10)分 (an approval form's weights).
_POINTS = re.compile(r"\([^()]*分\)$|\([\d.\-~～—–、,]*\)分$")
# A gloss in brackets: 产出(工作量)指标（数量、质量、成本方面的指标） is 产出指标.
_GLOSS = re.compile(r"\([^()]*\)")


def _bare(text: str | None) -> str | None:
    if text is None:
        return None
    # NFKC folds full-width forms; spaces inside a cell ("产出 指标") carry no meaning.
    s = _SPACES.sub("", unicodedata.normalize("NFKC", text))
    # A self-evaluation writes the points in the cell: 产出指标（50分）, 产出指标(50分).
    s = _POINTS.sub("", s).rstrip("：:")
    if s.endswith("指标"):
        s = s[: -len("指标")]
    return s or None


def _lookup(table: dict[str, str], text: str | None) -> str | None:
    """Return the canonical name of a written category, trying the bare form, then without glosses
    in brackets, then with 目标 read as 指标 (an older 范本's 数量目标, 社会效益目标)."""
    bare = _bare(text)
    if not bare:
        return None
    if bare in table:
        return table[bare]
    plain = _bare(_GLOSS.sub("", bare))
    if plain and plain in table:
        return table[plain]
    for form in (bare, plain):
        if form and form.endswith("目标") and form[: -len("目标")] in table:
            return table[form[: -len("目标")]]
    return None


# Memoised: a county writes the same few category cells over and over (the 300-unit county: 18,278
# indicator rows, 4 distinct 一级 cells and 16 二级 ones).
@functools.lru_cache(maxsize=4096)
def canonical_level1(text: str | None) -> str | None:
    """Return the canonical 一级指标 (产出指标/成本指标/效益指标/满意度指标) or None."""
    return _lookup(_LEVEL1_SYNONYMS, text)


@functools.lru_cache(maxsize=4096)
def canonical_level2(text: str | None) -> str | None:
    """Return the canonical 二级指标 (数量指标, 生态效益指标 for 环境效益, ...) or None."""
    return _lookup(_LEVEL2_SYNONYMS, text)


def taxonomy_version(level1s: list[str | None], level2s: list[str | None]) -> str:
    """Return "2021" if a table's canonical categories use 成本指标 as 一级, else "pre2021"."""
    if any(l1 == "成本指标" for l1 in level1s):
        return "2021"
    if any(l2 in COST_2021_LEVEL2 for l2 in level2s):
        return "2021"
    return "pre2021"


def in_taxonomy(version: str, level1: str | None, level2: str | None) -> bool:
    """Return whether the (一级, 二级) pair belongs to the taxonomy of `version`."""
    if level1 is None or level2 is None:
        return False
    return level2 in TAXONOMY.get(version, {}).get(level1, ())


def taxonomy_rows() -> list[tuple[str, str, str]]:
    """Return every (taxonomy_version, 一级, 二级) the two taxonomies define."""
    return [(v, l1, l2) for v, tree in TAXONOMY.items() for l1, l2s in tree.items() for l2 in l2s]
