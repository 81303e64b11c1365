"""Plausibility of what was read, so that a file read wrong is never read wrong silently.

A record can be complete and still implausible (a form's title as the project's name, a label as its
purpose, a unit name with its seal and date, an indicator whose name is a target), or miss what every
form of its kind writes (a name, a budget, goals; a department's 年度总体目标 and unit) while `extra`
holds an unknown label that may be it, or hold an amount that would make a budget add up. These checks
say so as warnings, naming the `extra` labels that may hold what is missing. They are general: each
was found by a form or by renaming a label nobody listed (tests/label_mutations.py), not written for one.
"""

from __future__ import annotations

import re

from extract.header import looks_like_indicator
from extract.labels import fold
from extract.records import DepartmentGoals, Indicator, Project
from extract.trace import TableTrace
from extract.values import parse_money, parse_target

_TITLE_NAME = re.compile(r"(?:绩效目标|绩效|目标|申报|自评|评价|预算)[^，。]{0,4}表$|^(?:项目支出|部门整体)")


def plausibility(record: Project, label: str, name_label: str | None, title: str | None) -> list[tuple[str, str, str]]:
    """Return the warnings a project's record deserves on its face: a name that is a form title, no name, no budget,
    a budget that does not add up beside an unread amount, no goals, a purpose left in extra or that is a label,
    and its indicator rows' own (indicator_plausibility)."""
    notes: list[tuple[str, str, str]] = []
    name = record["name"]
    if name and _TITLE_NAME.search(fold(name)):
        notes.append(("name_is_title", label, f"项目名称“{name}”像是表格标题而不是项目名称，请核对"))
    elif name and name_label is None:
        notes.append(("guessed", label, f"没有“项目名称”栏，项目名称按标题“{title}”读取为“{name}”，请核对"))
    if not name and not record["code"] and record["indicators"]:
        notes.append(("project_no_name", label, f"读到{len(record['indicators'])}条指标，但没有读到项目名称或项目编码"
                                                 f"{_kept_as(record, _NAME_LIKE)}；请核对项目名称的标签（如“项目名称”）"))
    if record["budget_total"] is None and record["budget_fiscal"] is None:
        notes.append(("project_no_budget", label, f"{label}没有读到预算金额（资金总额/财政拨款）{_kept_as(record, _MONEY_LIKE)}"))
    else:
        notes += _unread_amounts(record, label)
        amounts = [x for x in (record["budget_total"], record["budget_fiscal"]) if x]
        if amounts and max(amounts) < 2000:  # a project's budget under 2000元: the 万元 of a label not read?
            notes.append(("guessed", label, f"{label}预算读为{max(amounts):,.2f}元，不足2000元：金额单位是否为万元"
                                            "（表中写“万元”的标签未能识别）？请核对"))
    if not record["goals"] and not record["long_term_goals"] and record["indicators"]:
        notes.append(("project_no_goals", label, f"{label}读到{len(record['indicators'])}条指标，但没有读到绩效目标"
                                                  f"{_kept_as(record, GOAL_LIKE)}；请核对绩效目标（年度目标）的标签"))
    if record["purpose"] is None and (kept := _kept_as(record, _PURPOSE_LIKE)):
        notes.append(("project_no_purpose", label, f"{label}没有读到项目概况/资金用途{kept}"))
    elif record["purpose"] and _LABEL_LIKE.fullmatch(record["purpose"].strip()):
        notes.append(("guessed", label, f"{label}资金用途/项目概况读为“{record['purpose'].strip()}”，像是一个标签而不是"
                                        "内容：请核对"))
    return notes + indicator_plausibility(record["indicators"], label)


# Column headings: an indicator "named" 三级指标 (or whose target is 指标值) is a header row read as data.
_HEADINGS = frozenset(fold(x) for x in (
    "一级指标", "二级指标", "三级指标", "指标名称", "指标内容", "指标值", "目标值", "年度指标值", "绩效指标", "指标值（年度）",
    "年度目标值", "实际完成值", "绩效目标值", "指标"))


def indicator_plausibility(indicators: list[Indicator], label: str) -> list[tuple[str, str, str]]:
    """Warn indicator rows that are implausible on their face: a heading read as an indicator, or a name that
    is a target beside a target that is a name (two columns swapped, or read in the wrong order)."""
    notes: list[tuple[str, str, str]] = []
    if indicators and all(row["horizon"] == "long_term" for row in indicators):
        notes.append(("guessed", label, f"{len(indicators)}条指标都读为长期（中期）指标，没有年度指标：长期指标之后的年度"
                                        "部分，其标题是否未能识别？请核对"))
    for i, row in enumerate(indicators, 1):
        name, raw = (row["name"] or "").strip(), (row["target_raw"] or "").strip()
        where = f"{label} 表{row['source_table'] + 1}第{row['source_row'] + 1}行" if "source_row" in row and \
            "source_table" in row else f"{label} 第{i}条指标"
        if fold(name) in _HEADINGS or fold(raw) in _HEADINGS:
            notes.append(("guessed", where, f"指标“{name}”（指标值“{raw}”）像是表头而不是指标，请核对该行是否应读取"))
        elif _target_like(name) and raw and not _target_like(raw) and not any(ch.isdigit() for ch in raw):
            notes.append(("guessed", where, f"指标名称“{name}”像是指标值，指标值“{raw}”像是指标名称："
                                            "两列是否颠倒？请核对"))
    return notes


def _target_like(text: str) -> bool:
    """Whether a short text is a quantified target: ≥90%, 100%, 12台, ≤50万元 (not a name with a number in it)."""
    flat = fold(text).strip()
    if not flat or len(flat) > 12 or not (flat[0].isdigit() or flat[0] in "≥≤><=＞＜＝"):
        return False
    op, value, unit = parse_target(flat)
    return op is not None and value is not None and (unit is None or len(unit) <= 4)


_PURPOSE_LIKE = re.compile(r"概况|资金用途|项目用途|实施内容")
_PERCENT_LIKE = re.compile(r"率|%|％|分值|得分|代码|编码|科目|电话|年限|期限|人数|个数|数量|年度$|年份")


def _unread_amounts(record: Project, label: str) -> list[tuple[str, str, str]]:
    """Warn when the budget read is incomplete or does not add up and an amount left in extra would mend it.

    资金总额 ≠ 财政拨款 + 其他 is no error by itself (a form may leave a part out); but with an amount beside
    it that nothing read and that fits the gap (当年年度预算 65 beside 项目总预算 80; a 资金总额 under a label
    nobody listed, larger than the 财政拨款 read), which amount is which was a guess or was missed. Any label
    counts: one nobody listed is exactly what hides such an amount."""
    total, fiscal, other = record["budget_total"], record["budget_fiscal"], record["budget_other"]
    if total is not None and fiscal is not None and abs(total - fiscal - (other or 0.0)) < 0.005:
        return []

    def fits(x: float) -> bool:
        if total is not None and fiscal is not None:  # the year's total, or a part of what is missing
            missing = total - fiscal - (other or 0.0)
            return abs(x - fiscal - (other or 0.0)) < 0.5 or abs(x - (total - fiscal)) < 0.5 or 0 < x <= missing + 0.5
        if total is not None and other is not None:  # 财政拨款 not read: the total less the other funds
            return abs(x - (total - other)) < 0.5
        # 资金总额 not read: more than the fiscal share (财政拨款 not read beside a total is a form without the
        # split as often as a label missed: cost lines under a 合计 are amounts smaller than the total too)
        return total is None and fiscal is not None and x >= fiscal - 0.005

    amounts = [f"{k} {v}" for k, v in record["extra"].items()
               if not _PERCENT_LIKE.search(k) and _AMOUNT.fullmatch(v.strip())
               and any(x is not None and fits(x) for x in (parse_money(v, 1), parse_money(v, 10000)))]
    if not amounts:
        return []
    read = "、".join(f"{n}{'未读到' if x is None else f'{x:,.2f}元'}" for n, x in (
        ("资金总额", total), ("财政拨款", fiscal), ("其他资金", other)))
    return [("guessed", label, f"{label}预算读为{read}，但表中另有金额“{'”“'.join(amounts[:3])}”未读入预算字段"
                               "（已保留在 extra），请核对哪一个是本年度的预算")]


_AMOUNT = re.compile(r"[0-9][0-9,，.]*\s*(?:万元|元|万)?")


_NAME_LIKE = re.compile(r"名称|全称|简称|项目$|名$")
_MONEY_LIKE = re.compile(r"金额|资金|预算|经费|投资|拨款|万元|合计")


def _kept_as(record: Project, like: re.Pattern[str]) -> str:
    """Return a note naming the extra labels that may hold the field not read, or ''."""
    return kept_in_extra(record["extra"], like)


def kept_in_extra(extra: dict[str, str], like: re.Pattern[str]) -> str:
    """Return a note naming the `extra` labels like `like` (that may hold a field not read), or ''."""
    keys = [k for k in extra if like.search(k)]
    return f"（表中“{'”“'.join(keys[:3])}”已按其他信息保留在 extra，是否即此项？）" if keys else ""


GOAL_LIKE = re.compile(r"目标|成果")


_LABEL_LIKE = re.compile(r"[^，。；,.;]{1,12}[:：]")  # 上年结余收入：: a label, not a purpose


def unit_plausibility(unit: tuple[str | None, str | None] | None) -> list[tuple[str, str, str]]:
    """Warn a unit name that carries more than a name: tabs or runs of spaces, 盖章, a date or amount label."""
    name = unit[1] if unit else None
    if name and (re.search(r"\t|\s{3,}|盖章|填报日期|单位[:：]|万元|[0-9]{4}年[0-9]{1,2}月", name) or len(name) > 40):
        return [("guessed", "单位", f"单位名称读为“{name[:40]}”，其中似乎还有别的内容（盖章、日期、金额单位…）：请核对")]
    return []


def department_plausibility(dept: DepartmentGoals | None, unit: tuple[str | None, str | None] | None
                            ) -> list[tuple[str, str, str]]:
    """Warn a department part that read tasks or indicators but no 年度总体目标, or no unit: every department
    form writes both (部门（单位）名称, 年度总体目标), so their absence is a label not known."""
    if dept is None or not (dept["items"] or dept["indicators"]):
        return []
    notes: list[tuple[str, str, str]] = []
    if not dept["overall"]:
        notes.append(("department_no_overall", "部门整体", f"读到部门整体的任务或指标，但没有读到年度总体目标"
                                                       f"{kept_in_extra(dept['extra'], GOAL_LIKE)}，请核对其标签"))
    items = dept["items"]
    for item in items if sum(1 for i in items if i["goal"]) >= 2 else []:
        if item["title"] and not item["goal"]:  # a sum row or a heading under a label nobody listed
            notes.append(("guessed", f"部门整体 第{item['seq']}项任务", f"任务“{item['title']}”没有目标内容（其余各项都有）："
                                                                    "是否为合计行或表头？请核对"))
    if not (unit and unit[1]):
        notes.append(("unit_missing", "部门整体", f"没有读到部门（单位）名称{kept_in_extra(dept['extra'], _UNIT_LIKE)}，"
                                                "请核对其标签"))
    return notes


_UNIT_LIKE = re.compile(r"单位|部门|名称")


def holds_indicators(trace: TableTrace) -> bool:
    """Return whether a table's cells hold indicator-like rows: 一级/二级 categories (产出指标, 数量指标 …)."""
    return sum(1 for p in trace.placements() if looks_like_indicator(p.text, "")) >= 2
