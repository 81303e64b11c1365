"""Named layout variants: each is the standard content drawn with one or more real-world features.

Every item of domain.md 'What real files look like' is covered by at least one variant; the
docstring of each variant says which. `write_variants(out_dir)` writes <name>.docx + <name>.json.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.docgen import content
from tests.docgen.options import ALT_COLUMNS, RenderOptions
from tests.docgen.render import write
from tests.docgen.spec import SubmissionSpec

VARIANTS: dict[str, Callable[[], SubmissionSpec]] = {}


def variant(fn: Callable[[], SubmissionSpec]) -> Callable[[], SubmissionSpec]:
    """Register `fn` under its name as a variant; return it unchanged."""
    VARIANTS[fn.__name__] = fn
    return fn


def base(name: str, opts: RenderOptions | None = None, *, dept: bool = True) -> SubmissionSpec:
    """Return the standard unit's submission named `name`.docx drawn with `opts`."""
    return SubmissionSpec(
        file=f"{name}.docx",
        fiscal_year=2022,
        unit_code=content.UNIT_CODE,
        unit_name=content.UNIT_NAME,
        department=content.department() if dept else None,
        projects=content.projects(),
        options=opts or RenderOptions(),
    )


@variant
def seed_like() -> SubmissionSpec:
    """Two tables per project, vMerged 一级, a narrow spacer column, 单位：元 (the real sample)."""
    return base("seed_like")


@variant
def combined_table() -> SubmissionSpec:
    """Header block and indicator block in ONE table; the indicator header row in the middle."""
    return base("combined_table", RenderOptions(layout="combined", merge_level2=True))


@variant
def combined_side_label() -> SubmissionSpec:
    """One table with a vMerged '绩效指标' column left of the indicator block; 二级 merged too."""
    return base("combined_side_label", RenderOptions(layout="combined", side_label=True, merge_level2=True))


@variant
def split_table_repeated_header() -> SubmissionSpec:
    """Indicator table broken at a page break inside the 产出 group; part 2 repeats the header row."""
    return base("split_table_repeated_header", RenderOptions(split="repeat_header", split_at=2))


@variant
def split_table_no_header() -> SubmissionSpec:
    """Indicator table broken at a page break; part 2 starts with a vMerge-continue 一级 cell."""
    return base("split_table_no_header", RenderOptions(split="no_header", split_at=2, merge_level2=True))


@variant
def alt_columns() -> SubmissionSpec:
    """指标内容, 年度指标值, 备注; 指标值 before the description; 三级指标 two grid columns wide."""
    spec = base("alt_columns", RenderOptions(columns=ALT_COLUMNS, goal_number_style="1、"))
    for pr in spec.projects:
        for i, ind in enumerate(pr.indicators):
            ind.note = "无" if i % 2 else None
    return spec


@variant
def level_text_repeated() -> SubmissionSpec:
    """一级/二级 written on every row, no merged cells."""
    return base("level_text_repeated", RenderOptions(level_mode="repeat"))


@variant
def level_first_row_only() -> SubmissionSpec:
    """一级/二级 written only on each group's first row, following rows blank, no vMerge."""
    return base("level_first_row_only", RenderOptions(level_mode="first_row_only", goal_number_style="（1）"))


@variant
def money_wan() -> SubmissionSpec:
    """单位：万元 (25.5 -> 255000.0 yuan), NBSP / ideographic spaces / full-width ％ in labels."""
    spec = base("money_wan", RenderOptions(money_unit="万元", noisy_labels=True))
    spec.projects[0].budget_total = 255000.0
    spec.projects[0].budget_fiscal = 255000.0
    return spec


@variant
def money_thousands() -> SubmissionSpec:
    """Amounts with thousands separators: 1,234,567.00."""
    spec = base("money_thousands", RenderOptions(money_style="thousands"))
    pr = spec.projects[1]
    pr.budget_total, pr.budget_fiscal, pr.budget_other = 1234567.0, 1184567.0, 50000.0
    return spec


@variant
def money_fullwidth() -> SubmissionSpec:
    """Amounts in full-width digits (２５９３７１) and full-width punctuation in labels."""
    return base("money_fullwidth", RenderOptions(money_style="fullwidth", noisy_labels=True))


def write_variants(out_dir: Path, names: list[str] | None = None) -> list[Path]:
    """Write every variant (or `names`) into `out_dir`; return the .docx paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    return [write(VARIANTS[n](), out_dir)[0] for n in (names or list(VARIANTS))]
