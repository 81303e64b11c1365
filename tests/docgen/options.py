"""How a submission is drawn: each field of RenderOptions switches one real-world layout feature.

Variants are combinations of these switches, so features compose (a split table with tracked
changes in a WPS file is one RenderOptions, not a new code path).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Column:
    """One indicator-table column: its key, the header text drawn and its grid span."""

    key: str  # l1 l2 name desc spacer target basis note
    label: str
    span: int = 1
    width: int = 1200


SEED_COLUMNS: tuple[Column, ...] = (
    Column("l1", "一级指标", width=1000),
    Column("l2", "二级指标", width=1300),
    Column("name", "三级指标", width=1750),
    Column("desc", "绩效指标描述", width=2250),
    Column("spacer", "", width=60),
    Column("target", "指标值", width=1150),
    Column("basis", "指标值确定依据", width=1890),
)

# Another template: 指标值 before the description, 指标内容 / 年度指标值, a 备注 column, and
# 三级指标 drawn two grid columns wide.
ALT_COLUMNS: tuple[Column, ...] = (
    Column("l1", "一级指标", width=900),
    Column("l2", "二级指标", width=1100),
    Column("name", "三级指标", span=2, width=800),
    Column("target", "年度指标值", width=1100),
    Column("desc", "指标内容", width=2200),
    Column("basis", "指标值确定依据", width=1500),
    Column("note", "备注", width=800),
)


@dataclass(frozen=True)
class RenderOptions:
    """Layout switches; the defaults draw the real sample's layout (seed_306001_2022.docx)."""

    # 'two_tables' (header table + indicator table) or 'combined' (one table, indicator header
    # row in the middle).
    layout: str = "two_tables"
    # None, 'repeat_header' or 'no_header': the indicator table broken in two at a page break.
    split: str | None = None
    split_at: int = 3  # data row index where the second part starts
    columns: tuple[Column, ...] = SEED_COLUMNS
    # 'vmerge' (一级 merged vertically), 'repeat' (written on every row), 'first_row_only'.
    level_mode: str = "vmerge"
    merge_level2: bool = False  # also merge runs of equal 二级 (vmerge mode only)
    money_unit: str = "元"  # or '万元'
    money_style: str = "plain"  # 'thousands' (1,234,567.00) or 'fullwidth' (２５９３７１)
    noisy_labels: bool = False  # NBSP, ideographic spaces, spaced-out labels, full-width ％
    # 'row' (code+name in the header table), 'paragraph_labelled'
    # (单位名称：…（单位编码：…）) or 'paragraph_plain' (301001 文安县…).
    unit_placement: str = "row"
    unit_space: bool = False  # '306001 文安县…' with a space in the unit row
    header: str = "standard"  # or 'extended' (主管部门 …, 资金总额 split by source)
    numbering: str = "typed"  # or 'auto' (w:numPr for goals, 分项 items, titles)
    goal_number_style: str = "1."  # typed numbering of goals: '1.', '1、', '（1）'
    goals_mode: str = "paragraphs"  # or 'soft_breaks' (one paragraph, w:br between goals)
    # field -> run style: 'split', 'tracked', 'sdt_run', 'proof', 'smarttag', 'hyperlink'.
    # Fields: unit code name budget purpose plan goal l1 l2 ind_name desc target basis note.
    decorate: dict[str, str] = field(default_factory=dict)
    # content controls at 'body' (around title + indicator table), 'row' (data rows),
    # 'cell' (the 指标值 cell of every other row).
    sdt_levels: frozenset[str] = frozenset()
    # fields whose None value is drawn as a placeholder content control (not content).
    placeholder_fields: frozenset[str] = frozenset()
    wps: bool = False  # namespaces, mc:Ignorable, rsid, proofErr, bookmarks, fldSimple
    side_label: bool = False  # combined layout: a vMerged '绩效指标' column left of the block
    horizon_label: str = "paragraph"  # long-term tables titled by a 'paragraph' or a 'row'
    blank_rows: bool = False  # an empty row at the end of each indicator table
    two_row_header: bool = (
        False  # '绩效指标' spanning 一级/二级/三级, other headers vMerged over 2 rows
    )
    merge_equal_cells: bool = False  # equal neighbouring 描述 / 依据 cells merged vertically
    desc_spans_spacer: bool = (
        False  # every other data row: the description covers the spacer column
    )


def with_options(base: RenderOptions, **changes: object) -> RenderOptions:
    """Return `base` with some switches changed (variants combine features this way)."""
    return replace(base, **changes)  # type: ignore[arg-type]
