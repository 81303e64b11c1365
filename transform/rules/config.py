"""Thresholds of the review rules (审核规则参数), so a finance bureau can tune them without code."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from transform.targets import VAGUE_WORDS

# Phrases that make a target qualitative and uncheckable (定性、无法考核), matched in the 指标值 of
# an indicator without a number. The default is the list behind indicators.is_vague, so the rule
# and the warehouse's share-of-vague measures agree.
DEFAULT_VAGUE_PHRASES: tuple[str, ...] = VAGUE_WORDS

# Text left in a template instead of a real value (占位符).
DEFAULT_PLACEHOLDERS: tuple[str, ...] = ("**", "xx", "××", "…", "...", "？", "?", "待定", "XX")


# Standard wording the bureau hands out (满意度 and 成本 descriptions, 资金 wording): shared by
# design. Compared after folding width and dropping whitespace and punctuation.
DEFAULT_TEMPLATE_PHRASES: tuple[str, ...] = (
    "受益群众对项目实施的满意程度",
    "服务对象对项目实施的满意程度",
    "按照合同价执行，不随市场价随意变动",
    "严格按照预算执行",
    "项目资金使用合规",
    "按照相关规定及时拨付资金",
)


# spend_plan_front_loaded: a project named so is recurring spending (a year-round service, running
# costs, wages), which cannot be fully spent by the end of March. (Not 补贴: a subsidy is often
# paid out at once.)
DEFAULT_RECURRING_WORDS: tuple[str, ...] = (
    "运行", "运维", "维护", "维修养护", "养护", "管护", "保洁", "物业", "日常", "工资", "津贴",
    "经费", "服务", "公益性岗位", "聘用", "聘请", "购买服务", "租赁", "值守", "巡查",
)
# per_person_cost_low: an indicator row counting people paid by the project (its 三级指标 names
# one of these, its target is in 人 or 名).
DEFAULT_HEADCOUNT_WORDS: tuple[str, ...] = (
    "聘用", "聘请", "招聘", "雇用", "用工", "公益性岗位", "临聘", "协管员", "护林员", "护河员",
    "保洁员", "辅警", "网格员", "巡查员", "管护员",
)
# ... unless the row counts people served, trained or helped (培训人数 200人 is not a payroll).
DEFAULT_NOT_PAID_WORDS: tuple[str, ...] = (
    "培训", "参训", "受益", "服务对象", "救助", "资助", "补助", "慰问", "帮扶", "体检", "接待",
    "覆盖", "参与",
)
# benefit_kind_mismatch: a project whose name says it is this kind cannot have these 效益 二级.
DEFAULT_BENEFIT_EXCLUSIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("办公|行政运行|机关运行|一般行政|公用经费", ("生态效益指标",)),
    ("人员|工资|津贴|社保|养老保险|公积金", ("生态效益指标",)),
    ("党建|党员|党组织|党校|党务", ("生态效益指标", "经济效益指标")),
)


@dataclass(frozen=True)
class RuleConfig:
    """Every threshold the review rules use, with the bureau's defaults."""

    # too_few_indicators: a project with fewer indicator rows than this is warned.
    min_indicators: int = 3
    # satisfaction_below_floor: a 满意度 target (in %) below this is warned; 80% is the floor
    # most county guidance uses for 服务对象满意度.
    satisfaction_floor: float = 80.0
    # spend_plan_below_pace: 序时进度, month -> the least cumulative % expected at its end.
    pace_checkpoints: Mapping[int, float] = field(default_factory=lambda: {6: 50.0, 10: 75.0})
    # boilerplate_across_units flags copied content: a project goal, 资金用途, department goal or
    # indicator (三级指标 + 指标值) that a unit shares with a unit of another department.
    # Shorter texts (满意度, 群众满意度, 按时完工) are legitimately shared by everyone.
    boilerplate_min_chars: int = 12
    # An indicator name shorter than this (满意度, 合格率) is too generic to call copied.
    boilerplate_min_name_chars: int = 6
    # Template phrases are learned from frequency: a text (an indicator name with its numbers
    # left out) used by at least this share of the year's units, and by at least
    # `template_min_units`, is the county's template, not copying.
    template_share: float = 0.1
    template_min_units: int = 4
    # And the phrases every unit is told to write; a text containing one is never flagged.
    template_phrases: tuple[str, ...] = DEFAULT_TEMPLATE_PHRASES
    vague_phrases: tuple[str, ...] = DEFAULT_VAGUE_PHRASES
    placeholders: tuple[str, ...] = DEFAULT_PLACEHOLDERS
    # spend_plan_front_loaded: recurring spending planned fully spent by this month is warned.
    front_loaded_month: int = 3
    recurring_words: tuple[str, ...] = DEFAULT_RECURRING_WORDS
    # per_person_cost_low: the least a project can pay one person a year (元); 24,000 is about
    # 12 months at the lowest county minimum wage. Below it nobody could be paid.
    min_cost_per_person_yuan: float = 24000.0
    headcount_words: tuple[str, ...] = DEFAULT_HEADCOUNT_WORDS
    not_paid_words: tuple[str, ...] = DEFAULT_NOT_PAID_WORDS
    # benefit_kind_mismatch: (project-name pattern, 效益 二级 it cannot have), and the severity
    # (info by default: the bureau looks, the unit is not asked).
    benefit_exclusions: tuple[tuple[str, tuple[str, ...]], ...] = DEFAULT_BENEFIT_EXCLUSIONS
    benefit_mismatch_severity: str = "info"
    # department_part_missing: a file without a department part (部门整体绩效目标) is warned when
    # at least this share of its county's files that year have one (the template has one; in
    # many counties only 主管部门 file one, so a low share proves nothing).
    department_part_share: float = 0.75
    # A blank 项目编码, 单位编码 or 资金支出计划 is only flagged where the county's template has the
    # field: at least this share of the county's files that year fill it (transform/rules/template.py).
    template_field_share: float = 0.5
    # level2_in_taxonomy: 一级 of another framework some provinces' templates print (投入-过程-产出-
    # 效果); rows under them are info, not a warning. Written without a trailing 指标.
    other_framework_level1: tuple[str, ...] = ("投入", "过程", "效果", "管理", "投入管理")
    # level2_in_taxonomy, required_level1_present: (version, 一级, 二级) pairs an earlier
    # framework placed so and forms still print: 财预〔2013〕53号's 项目效益 holds 社会公众或服务对象
    # 满意度, so before 2021 a 满意度 二级 under 效益 is valid and counts as the 满意度 一级.
    accepted_pairs: tuple[tuple[str, str, str], ...] = (
        ("pre2021", "效益指标", "服务对象满意度指标"),
    )
    # unit_code_format: the lengths a 单位编码 may have (all digits): 6, or 9 where the province
    # numbers units 主管部门(3) + 3 + 3 (福建's templates).
    unit_code_lengths: tuple[int, ...] = (6, 9)
    # project_code_format: the county's 6-digit division code (e.g. 131026 for 文安县). None means
    # "the most common division among the project codes of the batch and its history".
    county_division: str | None = None
