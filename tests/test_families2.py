"""Seven more template families found by search (tests/docgen/families2.py): each reads exactly, or what the
reader cannot know yet is named, gap by gap, with the warning that says so (the mechanism of test_families.py).

A gap whose warning is None is read wrong *and silently*: it stays listed (the test fails once the reader
reads that part right, so the entry is removed, or once a warning names it, so the None is replaced) and
`python -m tests.families_unseen` counts it. The rule that matters most is that this list holds no None.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.docgen.families2 import FAMILIES2, ISSUERS2, write_families2
from tests.test_families import Gap, check_family

P0 = "$.projects[0]"
E0 = f"{P0}.evaluation"
GAPS2: dict[str, list[Gap]] = {
    "fam2_fengjie_approval": [
        Gap((), ("text_unplaced", "财政资金预算分类"), "a 财政资金预算分类 label beside the money is not known"),
        Gap((), ("text_unplaced", "社会成本指标"), "the form's blank 二级 rows: warned, and rightly not read"),
    ],
    "fam2_yueyang_link": [
        Gap((), ("text_unplaced", "绩效目标申报表（基础设施建设类）"), "a form title ending in （…类） is not known as one"),
    ],
    "fam2_zhongjiang_selfeval": [
        Gap((), ("project_no_budget", "没有读到年初预算数"), "the form has no 年初 column: read exactly, the warning is right"),
    ],
    "fam2_tianchang_selfeval": [
        Gap((), ("indicator_no_target", "工程质量合格"),
            "the unit wrote no target (it is in the name): read exactly, the warning is right"),
    ],
    "fam2_suiyang_dept_selfeval": [
        Gap((), ("year_missing", "没有读到自评年度"), "the form writes no year (only its 填报日期): the warning is right"),
    ],
    "fam2_huanggang_selfeval": [
        Gap((), ("project_no_budget", "没有读到年初预算数"), "the form has no 年初 amount: read exactly, the warning is right"),
    ],
}


@pytest.fixture(scope="module")
def families2_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from extract.labels import reset_label_overrides

    reset_label_overrides()  # the built-in tables only: nothing a jixiao.toml of another test registered
    out = tmp_path_factory.mktemp("families2")
    write_families2(out)
    return out


def test_seven_new_families_each_with_its_source_and_unseen_figure() -> None:
    from tests.docgen.families import FAMILIES, ISSUERS
    from tests.docgen.selfeval import all_forms
    from tests.docgen.templates import TEMPLATES

    assert len(FAMILIES2) >= 6 and set(ISSUERS2) == set(FAMILIES2)
    assert not set(FAMILIES2) & (set(FAMILIES) | set(TEMPLATES) | set(all_forms()))
    assert not set(ISSUERS2.values()) & set(ISSUERS.values())
    assert set(GAPS2) <= set(FAMILIES2)
    for name, fn in FAMILIES2.items():
        doc = fn.__doc__ or ""
        assert "Source:" in doc and "Unseen (" in doc, f"{name} does not say where it comes from or how it read unseen"


@pytest.mark.parametrize("name", sorted(FAMILIES2))
def test_family2_reads_exactly_or_names_what_it_cannot_know(families2_dir: Path, name: str) -> None:
    check_family(families2_dir, name, GAPS2.get(name, []))
