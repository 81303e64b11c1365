"""Plausibility of what was read: a project's name, name or budget left unread, indicator rows left unread.

A record can be complete and still implausible (a form's title as the project's name); these
checks say so as warnings, naming the `extra` labels that may hold what is missing.
"""

from __future__ import annotations

import re

from extract.header import looks_like_indicator
from extract.labels import fold
from extract.records import Project
from extract.trace import TableTrace
from extract.values import parse_money

_TITLE_NAME = re.compile(r"(?:绩效目标|绩效|目标|申报|自评|评价|预算)[^，。]{0,4}表$|^(?:项目支出|部门整体)")


def plausibility(record: Project, label: str, name_label: str | None, title: str | None) -> list[tuple[str, str, str]]:
    """Return the warnings a project's record deserves on its face: a name that is a form title, no name, no budget."""
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
    if not record["goals"] and record["indicators"] and (kept := _kept_as(record, _GOAL_LIKE)):
        notes.append(("project_no_goals", label, f"{label}没有读到绩效目标{kept}"))
    if record["purpose"] is None and (kept := _kept_as(record, _PURPOSE_LIKE)):
        notes.append(("project_no_purpose", label, f"{label}没有读到项目概况/资金用途{kept}"))
    return notes


_GOAL_LIKE = re.compile(r"目标|成果")
_PURPOSE_LIKE = re.compile(r"概况|资金用途|项目用途|实施内容")
_PERCENT_LIKE = re.compile(r"率|%|％|分值|得分|代码|编码|科目")


def _unread_amounts(record: Project, label: str) -> list[tuple[str, str, str]]:
    """Warn when the budget read does not add up and an amount left in extra would make it add up.

    资金总额 ≠ 财政拨款 + 其他 is no error by itself (a form may leave a part out); but with another
    amount beside it that nothing read and that equals 财政拨款 + 其他 (当年年度预算 65 beside 项目总预算 80)
    or the part missing, which amount is the year's was a guess."""
    total, fiscal, other = record["budget_total"], record["budget_fiscal"], record["budget_other"]
    if fiscal is None or total is not None and abs(total - fiscal - (other or 0.0)) < 0.005:
        return []
    wanted = [fiscal + (other or 0.0)] + ([total - fiscal] if total is not None else [])
    amounts = [f"{k} {v}" for k, v in record["extra"].items()
               if _MONEY_LIKE.search(k) and not _PERCENT_LIKE.search(k) and _AMOUNT.fullmatch(v.strip())
               and any(x is not None and abs(x - w) < 0.5 for x in (parse_money(v, 1), parse_money(v, 10000))
                       for w in wanted)]
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
    keys = [k for k in record["extra"] if like.search(k)]
    return f"（表中“{'”“'.join(keys[:3])}”已按其他信息保留在 extra，是否即此项？）" if keys else ""


def holds_indicators(trace: TableTrace) -> bool:
    """Return whether a table's cells hold indicator-like rows: 一级/二级 categories (产出指标, 数量指标 …)."""
    return sum(1 for p in trace.placements() if looks_like_indicator(p.text, "")) >= 2
