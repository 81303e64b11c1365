"""Conformed indicator categories: canonical names, synonyms, taxonomy versions."""

from __future__ import annotations

import pytest

from transform.categories import (
    canonical_level1,
    canonical_level2,
    in_taxonomy,
    taxonomy_rows,
    taxonomy_version,
)


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("产出指标", "产出指标"),
        ("产出", "产出指标"),
        (" 效益 指标 ", "效益指标"),
        ("满意度指标", "满意度指标"),
        ("成本指标", "成本指标"),
        ("项目指标", None),
        ("", None),
        (None, None),
    ],
)
def test_level1(written: str | None, canonical: str | None) -> None:
    assert canonical_level1(written) == canonical


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("数量指标", "数量指标"),
        ("数量", "数量指标"),
        ("环境效益", "生态效益指标"),
        ("环境效益指标", "生态效益指标"),
        ("生态效益指标", "生态效益指标"),
        ("服务对象满意度", "服务对象满意度指标"),
        ("服务对象满意度指标", "服务对象满意度指标"),
        ("经济成本", "经济成本指标"),
        ("可持续影响指标", "可持续影响指标"),
        ("数量指标：", "数量指标"),
        ("ｓｏｍｅｔｈｉｎｇ", None),
        (None, None),
    ],
)
def test_level2(written: str | None, canonical: str | None) -> None:
    assert canonical_level2(written) == canonical


def test_taxonomy_version_2021_when_cost_is_level1_or_a_2021_cost_level2() -> None:
    assert taxonomy_version(["产出指标", "成本指标"], ["数量指标", None]) == "2021"
    assert taxonomy_version(["产出指标", None], ["数量指标", "社会成本指标"]) == "2021"
    # 成本指标 as a 二级 under 产出 is the pre-2021 form.
    assert taxonomy_version(["产出指标", "效益指标"], ["成本指标", "生态效益指标"]) == "pre2021"
    assert taxonomy_version([], []) == "pre2021"


def test_in_taxonomy_depends_on_version() -> None:
    assert in_taxonomy("pre2021", "产出指标", "成本指标")
    assert not in_taxonomy("2021", "产出指标", "成本指标")
    assert in_taxonomy("2021", "成本指标", "经济成本指标")
    assert not in_taxonomy("2021", "效益指标", "可持续影响指标")
    assert in_taxonomy("pre2021", "效益指标", "可持续影响指标")
    assert not in_taxonomy("pre2021", "效益指标", "数量指标")
    assert not in_taxonomy("pre2021", "效益指标", None)


def test_taxonomy_table_sizes() -> None:
    rows = taxonomy_rows()
    assert sum(1 for v, *_ in rows if v == "pre2021") == 9
    assert sum(1 for v, *_ in rows if v == "2021") == 10
    assert len(set(rows)) == len(rows)
