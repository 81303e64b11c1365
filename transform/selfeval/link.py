"""Link current self-evaluations to the current targets of the same county, unit and year.

Computed from scratch over whatever is current (warehouse/selfeval.py runs it at every load for
the years the load touches), so the links do not depend on which file arrived first, and a
re-submission of either side is re-linked.

Projects: a self-evaluation's project is the target project of the same county, unit and year
with the same 项目编码, else the same 项目名称 (both compared by scoring.match_text: width,
spacing, numbering and end punctuation folded), one to one in document order. Indicator rows of
linked projects (the annual targets only: a 长期/中长期 target is not a year's to evaluate): by (一级, 二级, 三级) as matched texts (canonical categories where known), then
by 三级 alone for rows whose categories were restated differently, one to one in order.

A self-evaluation whose county is unknown (no 项目编码, no county folder or setting) is linked to the
county of the one current target submission of its unit code and year, and its link rows carry that
county's division_code and unit_key, which the marts then show for it (the file itself carries the
unknown unit: transform/selfeval/frames.selfeval_unit_key). When no county's targets, or more than
one county's, have its unit and year, it stays unplaced: link rows of county 'unknown' and the
unknown unit, and a selfeval_county_unknown finding (transform/selfeval/rules.py).

Nothing is dropped. `project_links` has one row per self-evaluated project (or department part)
and, for units that filed a self-evaluation, one per target project it left out; link_status:
linked | not_evaluated (a target project with no evaluation) | not_in_targets (evaluated, but no
such target project) | no_target_submission (the unit's targets for that year are not loaded) |
department (the department part: targets hold no department indicator rows to link).
`indicator_links` has one row per result row and one per target row of a linked or left-out
project that no result matched; link_status: linked | dropped (set at the start of the year,
absent from the self-evaluation) | added (only in the self-evaluation) | project_not_linked
(its project has no target project) | project_not_evaluated (the whole project was left out).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

import polars as pl

from transform.division import UNKNOWN_DIVISION
from transform.selfeval.scoring import match_text

S, I32 = pl.String, pl.Int32

PROJECT_LINKS: dict[str, Any] = {
    "division_code": S,
    "unit_code": S,
    "unit_key": S,
    "fiscal_year": I32,
    "selfeval_submission_key": S,
    "selfeval_project_seq": I32,
    "evaluation_key": S,
    "target_submission_key": S,
    "target_project_seq": I32,
    "project_key": S,
    "project_code": S,
    "project_name": S,
    "link_status": S,
    "matched_by": S,  # code | name | null
}

INDICATOR_LINKS: dict[str, Any] = {
    "link_key": S,  # the result_key, or the target's indicator_key for a target row left out
    "division_code": S,
    "unit_code": S,
    "unit_key": S,
    "fiscal_year": I32,
    "selfeval_submission_key": S,
    "selfeval_project_seq": I32,
    "indicator_seq": I32,
    "result_key": S,
    "target_submission_key": S,
    "target_project_seq": I32,
    "target_indicator_seq": I32,
    "indicator_key": S,
    "link_status": S,
    "matched_by": S,  # categories_and_name | name | null
}

Row = dict[str, Any]


def _pair(
    left: list[Row], right: list[Row], keys: list[Callable[[Row], Hashable]]
) -> tuple[list[tuple[Row, Row, int]], list[Row], list[Row]]:
    """Return one-to-one pairs (left, right, pass number), then the unpaired of each side, in order."""
    pairs: list[tuple[Row, Row, int]] = []
    free_right = list(right)
    free_left: list[Row] = []
    remaining = list(left)
    for number, key in enumerate(keys):
        free_left = []
        for row in remaining:
            k = key(row)
            hit = None if k is None else next((r for r in free_right if key(r) == k), None)
            if hit is None:
                free_left.append(row)
            else:
                free_right.remove(hit)
                pairs.append((row, hit, number))
        remaining = free_left
    return pairs, remaining, free_right


def _group(rows: list[Row], *by: str) -> dict[tuple[Any, ...], list[Row]]:
    out: dict[tuple[Any, ...], list[Row]] = {}
    for r in rows:
        out.setdefault(tuple(r[b] for b in by), []).append(r)
    return out


def _code_key(r: Row) -> Hashable:
    code: str | None = r["match_code"]
    return code


def _name_key(r: Row) -> Hashable:
    name: str | None = r["match_name"]
    return name


def _row_key(r: Row) -> Hashable:
    return None if r["match_name"] is None else (r["match_level1"], r["match_level2"], r["match_name"])


def _prepared_targets(projects: pl.DataFrame, indicators: pl.DataFrame) -> tuple[list[Row], list[Row]]:
    projs = [
        {**p, "match_code": match_text(p["project_code"]), "match_name": match_text(p["project_name"])}
        for p in projects.iter_rows(named=True)
    ]
    inds = [
        {
            **i,
            "match_level1": i["level1_canonical"] or match_text(i["level1"]),
            "match_level2": i["level2_canonical"] or match_text(i["level2"]),
            "match_name": match_text(i["indicator_name"]),
        }
        for i in indicators.iter_rows(named=True)
    ]
    return projs, inds


def link(
    target_projects: pl.DataFrame,
    target_indicators: pl.DataFrame,
    selfeval_projects: pl.DataFrame,
    indicator_results: pl.DataFrame,
) -> dict[str, pl.DataFrame]:
    """Return `project_links` and `indicator_links` of current self-evaluations and targets.

    Inputs are current rows only: target projects (submission_key, division_code, unit_code,
    unit_key, fiscal_year, project_seq, project_key, project_code, project_name), their indicator
    rows (submission_key, project_seq, indicator_seq, indicator_key, level1, level2,
    level1_canonical, level2_canonical, indicator_name), and the self-evaluation frames of
    transform/selfeval/frames.py with submission_key.
    """
    t_projs, t_inds = _prepared_targets(target_projects, target_indicators)
    t_by_unit = _group(t_projs, "division_code", "unit_code", "fiscal_year")
    t_inds_by_project = _group(t_inds, "submission_key", "project_seq")
    s_projs = list(selfeval_projects.iter_rows(named=True))
    s_by_unit = _group(s_projs, "division_code", "unit_code", "fiscal_year")
    results_by_project = _group(list(indicator_results.iter_rows(named=True)), "submission_key", "project_seq")
    p_out: list[Row] = []
    i_out: list[Row] = []

    for unit, evaluated in s_by_unit.items():
        county = _county_of(unit, t_by_unit)
        targets = t_by_unit.get(county, [])
        where = dict(zip(("division_code", "unit_code", "fiscal_year"), county, strict=True))
        # the unit of the targets it links to: a self-evaluation of unknown county has none of its own
        where["unit_key"] = targets[0]["unit_key"] if targets else evaluated[0]["unit_key"]
        projects = [p for p in evaluated if p["subject"] == "project"]
        pairs, lone_s, lone_t = _pair(projects, targets, [_code_key, _name_key])
        for s, t, number in pairs:
            p_out.append(_project_link(where, s, t, "linked", ("code", "name")[number]))
            _link_rows(where, s, t, results_by_project.get((s["submission_key"], s["project_seq"]), []),
                       t_inds_by_project.get((t["submission_key"], t["project_seq"]), []), i_out)
        for s in [*lone_s, *(p for p in evaluated if p["subject"] == "department")]:
            status = ("department" if s["subject"] == "department"
                      else "not_in_targets" if targets else "no_target_submission")
            p_out.append(_project_link(where, s, None, status, None))
            for r in results_by_project.get((s["submission_key"], s["project_seq"]), []):
                i_out.append(_indicator_link(where, s, r, None, None, "project_not_linked", None))
        # A self-evaluation without a 单位编码 shares "no code" with every code-less target file of its
        # county and year, which says nothing of whose targets they are: a target it did not pair by
        # code or name is no project this unit left out.
        for t in lone_t if _has_code(unit) else []:
            p_out.append(_project_link(where, evaluated[0], t, "not_evaluated", None, evaluated=False))
            for ti in t_inds_by_project.get((t["submission_key"], t["project_seq"]), []):
                i_out.append(_indicator_link(where, evaluated[0], None, t, ti, "project_not_evaluated", None,
                                             evaluated=False))
    return {
        "project_links": pl.DataFrame([{k: r.get(k) for k in PROJECT_LINKS} for r in p_out], schema=PROJECT_LINKS),
        "indicator_links": pl.DataFrame([{k: r.get(k) for k in INDICATOR_LINKS} for r in i_out],
                                        schema=INDICATOR_LINKS),
    }


def _has_code(unit: tuple[Any, ...]) -> bool:
    """Return whether a (county, unit code, year) names its unit by a 单位编码."""
    return bool((unit[1] or "").strip())


def _county_of(unit: tuple[Any, ...], targets: dict[tuple[Any, ...], list[Row]]) -> tuple[Any, ...]:
    """Return the (county, unit, year) whose targets a self-evaluation is linked to.

    A national 项目支出绩效自评表 carries no 项目编码, so without a county folder or setting its county
    is unknown (transform/division.py); it is then the county of the one current target submission
    of the same unit code and year, when exactly one county has such a unit.
    """
    division, code, year = unit
    if division != UNKNOWN_DIVISION or unit in targets:
        return unit
    counties = [k for k in targets if k[1] == code and k[2] == year and k[0] != UNKNOWN_DIVISION]
    return counties[0] if len(counties) == 1 else unit


def _link_rows(where: Row, s: Row, t: Row, results: list[Row], targets: list[Row], out: list[Row]) -> None:
    pairs, lone_r, lone_t = _pair(results, targets, [_row_key, _name_key])
    for r, ti, number in pairs:
        out.append(_indicator_link(where, s, r, t, ti, "linked", ("categories_and_name", "name")[number]))
    for r in lone_r:
        out.append(_indicator_link(where, s, r, t, None, "added", None))
    for ti in lone_t:
        out.append(_indicator_link(where, s, None, t, ti, "dropped", None))


def _project_link(
    where: Row, s: Row, t: Row | None, status: str, matched_by: str | None, *, evaluated: bool = True
) -> Row:
    return {
        **where,
        "selfeval_submission_key": s["submission_key"],
        "selfeval_project_seq": s["project_seq"] if evaluated else None,
        "evaluation_key": s["evaluation_key"] if evaluated else None,
        "target_submission_key": t["submission_key"] if t else None,
        "target_project_seq": t["project_seq"] if t else None,
        "project_key": t["project_key"] if t else None,
        # the target's code and name when linked (the start of the year's), else as evaluated
        "project_code": (t or s)["project_code"],
        "project_name": (t or s)["project_name"],
        "link_status": status,
        "matched_by": matched_by,
    }


def _indicator_link(
    where: Row, s: Row, r: Row | None, t: Row | None, ti: Row | None, status: str, matched_by: str | None,
    *, evaluated: bool = True,
) -> Row:
    return {
        **where,
        "link_key": r["result_key"] if r else ti["indicator_key"] if ti else None,
        "selfeval_submission_key": s["submission_key"],
        "selfeval_project_seq": s["project_seq"] if evaluated else None,
        "indicator_seq": r["indicator_seq"] if r else None,
        "result_key": r["result_key"] if r else None,
        "target_submission_key": t["submission_key"] if t else None,
        "target_project_seq": t["project_seq"] if t else None,
        "target_indicator_seq": ti["indicator_seq"] if ti else None,
        "indicator_key": ti["indicator_key"] if ti else None,
        "link_status": status,
        "matched_by": matched_by,
    }


def staging_inputs(frames: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """Return a batch's staging frames (transform/frames.py) as link() and the rules read current rows.

    For a batch taken as the whole of what is current (tests, a single-county run without a
    warehouse): target projects and indicator rows renamed as the warehouse's current views name
    them, the self-evaluation frames with the unit key, and the links between them.
    """
    loaded = frames["submissions"].filter(pl.col("status") == "loaded")
    targets = loaded.filter(pl.col("kind").fill_null("targets") == "targets").select("submission_id")
    projects = frames["projects"].join(targets, on="submission_id", how="semi").select(
        "submission_key", "division_code", "unit_code", "unit_key", "fiscal_year", "project_seq", "project_key",
        "project_code", "project_name")
    annual = frames["indicators"].filter(pl.col("horizon") == "annual")  # what a year-end form evaluates
    indicators = annual.join(targets, on="submission_id", how="semi").select(
        "submission_key", "project_seq", "indicator_seq", "indicator_key", "level1", "level2",
        "level1_canonical", "level2_canonical", pl.col("name").alias("indicator_name"), "target_raw",
        pl.col("op").alias("target_op"), pl.col("value").alias("target_value"), pl.col("unit").alias("target_unit"))
    out = {
        "target_projects": projects,
        "target_indicators": indicators,
        "selfeval_projects": frames["selfeval_projects"],
        "indicator_results": frames["indicator_results"],
        "selfeval_budget_lines": frames["selfeval_budget_lines"],
    }
    return {**out, **link(projects, indicators, out["selfeval_projects"], out["indicator_results"])}
