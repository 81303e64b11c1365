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
    return base(
        "combined_side_label", RenderOptions(layout="combined", side_label=True, merge_level2=True)
    )


@variant
def split_table_repeated_header() -> SubmissionSpec:
    """Indicator table broken at a page break inside the 产出 group; part 2 repeats the header row."""
    return base("split_table_repeated_header", RenderOptions(split="repeat_header", split_at=2))


@variant
def split_table_no_header() -> SubmissionSpec:
    """Indicator table broken at a page break; part 2 starts with a vMerge-continue 一级 cell."""
    return base(
        "split_table_no_header", RenderOptions(split="no_header", split_at=2, merge_level2=True)
    )


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
    return base(
        "level_first_row_only",
        RenderOptions(level_mode="first_row_only", goal_number_style="（1）"),
    )


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


@variant
def extra_fields() -> SubmissionSpec:
    """主管部门 / 实施单位 / 项目属性 / 项目期 / 项目负责人 rows; 资金总额 split into 财政拨款 and the rest."""
    spec = base("extra_fields", RenderOptions(header="extended"))
    for pr in spec.projects:
        pr.extra = dict(content.EXTRA)
    pr = spec.projects[1]
    pr.other_parts = [("自有资金", 30000.0), ("事业收入", 0.0), ("其他", 20000.0)]
    pr.budget_other = 50000.0  # 自有资金 + 事业收入 + 其他
    spec.projects[0].other_parts = [("自有资金", 0.0)]
    spec.projects[0].budget_other = 0.0
    spec.projects[2].extra["项目属性"] = "新增"
    return spec


@variant
def content_controls() -> SubmissionSpec:
    """w:sdt at body, row, cell and run level; placeholder controls (showingPlcHdr) read as blank."""
    opts = RenderOptions(
        sdt_levels=frozenset({"body", "row", "cell"}),
        decorate={"desc": "sdt_run", "code": "sdt_run", "goal": "sdt_run"},
        placeholder_fields=frozenset({"other", "basis"}),
    )
    spec = base("content_controls", opts)
    spec.projects[0].indicators[1].basis = None
    spec.projects[2].indicators[4].basis = None
    return spec


@variant
def tracked_changes() -> SubmissionSpec:
    """w:ins counts, w:del (w:delText) does not: in money, project name, goals and indicator cells."""
    deco = {f: "tracked" for f in ("budget", "name", "goal", "ind_name", "desc", "target", "basis")}
    return base("tracked_changes", RenderOptions(decorate=deco))


@variant
def auto_numbering() -> SubmissionSpec:
    """w:numPr instead of typed numbers: 分项 items, project titles and 绩效目标 list items."""
    return base("auto_numbering", RenderOptions(numbering="auto"))


@variant
def soft_breaks() -> SubmissionSpec:
    """w:br inside cells: goals in one soft-broken paragraph; descriptions keep '\n' at the break."""
    spec = base("soft_breaks", RenderOptions(goals_mode="soft_breaks"))
    spec.projects[0].indicators[0].description = "主要进行环境治理\n开展各项公益事业工作"
    spec.projects[1].indicators[0].description = "按照设计图纸\n合同规定进行施工"
    spec.projects[2].indicators[1].basis = "2022年工作计划\n管委会会议纪要"
    return spec


@variant
def unit_in_paragraph() -> SubmissionSpec:
    """Unit above each table as 单位名称：…（单位编码：…）, not in a table row."""
    return base("unit_in_paragraph", RenderOptions(unit_placement="paragraph_labelled"))


@variant
def unit_in_paragraph_plain() -> SubmissionSpec:
    """Unit above each table as '306001 文安县…', 单位：万元 in its own paragraph; no department part."""
    opts = RenderOptions(unit_placement="paragraph_plain", money_unit="万元")
    return base("unit_in_paragraph_plain", opts, dept=False)


@variant
def long_term() -> SubmissionSpec:
    """长期目标 + 年度目标 rows; 长期绩效指标 and 年度绩效指标 tables titled by paragraphs."""
    spec = base("long_term")
    content.add_long_term(spec.projects[0])
    content.add_long_term(spec.projects[2])
    return spec


@variant
def long_term_title_rows() -> SubmissionSpec:
    """中长期目标 in an extended header; the two indicator tables titled by a full-width first row."""
    spec = base("long_term_title_rows", RenderOptions(header="extended", horizon_label="row"))
    for pr in spec.projects:
        pr.extra = dict(content.EXTRA)
        pr.other_parts = [("自有资金", pr.budget_other or 0.0)]
        pr.budget_other = pr.budget_other or 0.0
    content.add_long_term(spec.projects[1])
    return spec


@variant
def no_department_section() -> SubmissionSpec:
    """Project tables only: department_goals null, fiscal year only from the project codes."""
    return base("no_department_section", dept=False)


@variant
def taxonomy_2021() -> SubmissionSpec:
    """2021 rules: 成本指标 as 一级 (经济/社会/生态环境成本), 环境效益, names without trailing 指标."""
    spec = base("taxonomy_2021", RenderOptions(merge_level2=True))
    for pr in spec.projects:
        content.to_taxonomy_2021(pr)
    return spec


@variant
def missing_indicator_table() -> SubmissionSpec:
    """The middle project has no indicator table: it keeps an empty indicator list."""
    spec = base("missing_indicator_table")
    spec.projects[1].has_indicator_table = False
    return spec


@variant
def wps_flavour() -> SubmissionSpec:
    """WPS/Word 2010+ markup: extra namespaces, mc:Ignorable, rsids, proofErr, bookmarks,
    smartTag and hyperlink around runs, a w:fldSimple field in the titles, split runs."""
    deco = {
        "desc": "proof",
        "ind_name": "smarttag",
        "basis": "hyperlink",
        "name": "split",
        "purpose": "split",
    }
    return base("wps_flavour", RenderOptions(wps=True, decorate=deco))


@variant
def trailing_blank_rows() -> SubmissionSpec:
    """An empty row closing every indicator table, and '306001 文安县…' with a space in the unit row."""
    return base("trailing_blank_rows", RenderOptions(blank_rows=True, unit_space=True))


@variant
def more_notations() -> SubmissionSpec:
    """Less common targets: 不少于4次, ≤5%, <3%, 不高于, 以下, 以内, ％, full-width digits, 元."""
    spec = base("more_notations", RenderOptions(level_mode="repeat"))
    content.use_more_notations(spec.projects[2])
    return spec


@variant
def merged_every_direction() -> SubmissionSpec:
    """Two header rows under a '绩效指标' group cell, equal 描述/依据 cells merged vertically,
    descriptions spanning the spacer column on every other row, 二级 merged too."""
    opts = RenderOptions(
        two_row_header=True, merge_equal_cells=True, desc_spans_spacer=True, merge_level2=True
    )
    return base("merged_every_direction", opts)


@variant
def split_merged_two_row_header() -> SubmissionSpec:
    """A split table whose two-row header repeats on the second page, in one combined-looking file
    with merged 描述 cells and text written only on group first rows."""
    opts = RenderOptions(
        split="repeat_header",
        split_at=4,
        two_row_header=True,
        merge_equal_cells=True,
        level_mode="first_row_only",
    )
    return base("split_merged_two_row_header", opts)


@variant
def combined_two_row_header() -> SubmissionSpec:
    """One table (header block + indicators) whose indicator header takes two rows:
    '绩效指标' over 一级/二级/三级, the other headers merged down over both rows."""
    return base("combined_two_row_header", RenderOptions(layout="combined", two_row_header=True))


@variant
def split_merged_cells_across_break() -> SubmissionSpec:
    """A table cut at a page break through merged 一级 and 描述/依据 cells: the second part starts
    with vMerge-continue cells whose text is on the previous page."""
    opts = RenderOptions(split="no_header", split_at=2, merge_equal_cells=True, level_mode="repeat")
    spec = base("split_merged_cells_across_break", opts)
    for ind in spec.projects[0].indicators[1:4]:
        ind.description, ind.basis = "村内环境干净整洁，按期完工验收", "年度工作计划"
    return spec


def write_variants(out_dir: Path, names: list[str] | None = None) -> list[Path]:
    """Write every variant (or `names`) into `out_dir`; return the .docx paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    return [write(VARIANTS[n](), out_dir)[0] for n in (names or list(VARIANTS))]
