"""Extraction outcomes -> one staging frame per warehouse table (pure polars, no IO).

build_frames returns, keyed by name, the frames listed in transform/schemas.py: `submissions`
(one row per file of the batch, rejected ones included, with its county: division_code,
division_source and county_name, see transform/division.py), `projects`, `indicators`,
`spending_plan`, `department_goals`, the self-evaluations' `selfeval_projects`,
`selfeval_budget_lines` and `indicator_results` (transform/selfeval/frames.py; a self-evaluation
adds no target rows), plus `categories` (the conformed 一级/二级 members the
batch needs) and `load` (one row: the load id). Every row carries the load id, its county's
division_code and the surrogate keys of its dimensions (transform/keys.py).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl

from extract.outcome import FileOutcome
from transform import schemas
from transform.categories import (
    canonical_level1,
    canonical_level2,
    in_taxonomy,
    taxonomy_rows,
    taxonomy_version,
)
from transform.division import county_name_of, resolve_division
from transform.keys import UNKNOWN_KEY, project_key, surrogate_key, unit_key
from transform.selfeval.frames import (
    add_self_evaluation,
    empty_rows,
    is_self_evaluation,
    selfeval_unit_key,
    to_frames,
)
from transform.targets import department_threshold, is_vague

Columns = dict[str, list[Any]]


def _empty(schema: dict[str, Any]) -> Columns:
    return {name: [] for name in schema}


def _frame(cols: Columns, schema: dict[str, Any]) -> pl.DataFrame:
    return pl.DataFrame(cols, schema=schema)


@functools.lru_cache(maxsize=4096)
def category_key(version: str, level1: str | None, level2: str | None) -> str:
    """Return the key of a conformed category; UNKNOWN_KEY when 一级 is unknown."""
    if level1 is None:
        return UNKNOWN_KEY
    return surrogate_key("category", version, level1, level2 or "")


__all__ = ["build_frames", "category_key", "project_key", "target_frames", "unit_key"]


def build_frames(
    outcomes: Sequence[FileOutcome],
    load_id: str,
    *,
    division: str | None = None,
    county_name: str | None = None,
    divisions: Mapping[str, str] | None = None,
) -> dict[str, pl.DataFrame]:
    """Return the staging frames (submissions, projects, indicators, ...) of one batch.

    `division` and `county_name` are the installation's settings (a single-county inbox);
    `divisions` maps a file path to a division already decided for it (the lake's partition),
    which wins over deriving it again.
    """
    subs, projs, inds = (
        _empty(schemas.SUBMISSIONS),
        _empty(schemas.PROJECTS),
        _empty(schemas.INDICATORS),
    )
    plans, goals = _empty(schemas.SPENDING_PLAN), _empty(schemas.DEPARTMENT_GOALS)
    notes = _empty(schemas.WARNINGS)
    evaluations = empty_rows()
    seen_categories: set[tuple[str, str, str | None]] = set()
    content_seen: set[str] = set()

    for batch_seq, outcome in enumerate(outcomes, 1):
        sub = outcome.submission
        sid = outcome.sha256
        unit_code = sub["unit"]["code"] if sub else None
        fiscal_year = sub["fiscal_year"] if sub else None
        division_code, division_source = resolve_division(sub, outcome.path, division)
        if divisions and divisions.get(outcome.path, division_code) != division_code:
            division_code, division_source = divisions[outcome.path], "lake"
        # a self-evaluation of unknown county is no unit of its own (selfeval_unit_key)
        ukey = (selfeval_unit_key if is_self_evaluation(sub) else unit_key)(division_code, unit_code)
        projects = sub["projects"] if sub else []
        _add_row(
            subs,
            {
                "submission_id": sid,
                "submission_key": surrogate_key("submission", sid),
                "file": outcome.file,
                "path": outcome.path,
                "size": outcome.size,
                "fiscal_year": fiscal_year,
                "division_code": division_code,
                "division_source": division_source,
                "county_name": county_name_of(sub, outcome.file, county_name),
                "unit_code": unit_code,
                "unit_key": ukey,
                "unit_name": sub["unit"]["name"] if sub else None,
                "kind": "self_evaluation" if is_self_evaluation(sub) else "targets",
                "status": "loaded" if sub is not None else "rejected",
                "rejection_kind": None
                if sub is not None
                else (outcome.rejection_kind or "not_extracted"),
                "rejection_reason": None
                if sub is not None
                else (outcome.rejection_reason or "文件未被读取（本批次未提取其内容）"),
                "extract_seconds": outcome.seconds,
                "project_count": len(projects),
                "indicator_count": sum(len(p["indicators"]) for p in projects),
                "batch_seq": batch_seq,
                "load_id": load_id,
            },
        )
        # The same bytes twice in one batch: the loader records the second as a duplicate,
        # so its content must not be staged twice.
        if sub is None or sid in content_seen:
            continue
        content_seen.add(sid)
        common = {
            "submission_id": sid,
            "submission_key": surrogate_key("submission", sid),
            "division_code": division_code,
            "unit_code": unit_code,
            "unit_key": ukey,
            "fiscal_year": fiscal_year,
            "load_id": load_id,
        }
        for seq, warning in enumerate(sub.get("warnings", []), 1):  # absent in JSON from before warnings
            _add_row(notes, {**common, "warning_seq": seq, "kind": warning["kind"],
                             "location": warning["where"], "message": warning["message"]})
        if is_self_evaluation(sub):
            add_self_evaluation(evaluations, common, sub)
            continue
        for project in projects:
            _add_project(projs, inds, plans, seen_categories, common, project)
        department = sub["department_goals"]
        for item in department["items"] if department else []:
            op, value, unit = department_threshold(item["indicator"])
            _add_row(
                goals,
                {
                    **common,
                    "item_seq": item["seq"],
                    "title": item["title"],
                    "goal": item["goal"],
                    "indicator": item["indicator"],
                    "op": op,
                    "value": value,
                    "unit": unit,
                },
            )

    return {
        "load": pl.DataFrame({"load_id": [load_id]}, schema=schemas.LOAD),
        "submissions": _frame(subs, schemas.SUBMISSIONS),
        "projects": _frame(projs, schemas.PROJECTS),
        "indicators": _frame(inds, schemas.INDICATORS),
        "spending_plan": _frame(plans, schemas.SPENDING_PLAN),
        "department_goals": _frame(goals, schemas.DEPARTMENT_GOALS),
        "warnings": _frame(notes, schemas.WARNINGS),
        "categories": _categories(seen_categories),
        **to_frames(evaluations),
    }


def target_frames(frames: Mapping[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """Return the frames with the self-evaluations' submissions left out (what the target rules read)."""
    subs = frames["submissions"]
    if "kind" in subs.columns:
        subs = subs.filter(pl.col("kind").fill_null("targets") == "targets")
    return {**frames, "submissions": subs}


def _add_row(cols: Columns, row: dict[str, Any]) -> None:
    for name, values in cols.items():
        values.append(row.get(name))


def _add_project(
    projs: Columns,
    inds: Columns,
    plans: Columns,
    seen_categories: set[tuple[str, str, str | None]],
    common: dict[str, Any],
    project: Any,
) -> None:
    seq = project["seq"]
    pkey = project_key(
        common["division_code"],
        common["unit_code"],
        common["fiscal_year"],
        project["code"],
        project["name"],
        common["submission_id"],
        seq,
    )
    indicators = project["indicators"]
    l1s = [canonical_level1(i["level1"]) for i in indicators]
    l2s = [canonical_level2(i["level2"]) for i in indicators]
    version = taxonomy_version(l1s, l2s)
    source_table = project.get("source_table")
    total = project["budget_total"]
    _add_row(
        projs,
        {
            **common,
            "project_seq": seq,
            "project_key": pkey,
            "project_code": project["code"],
            "project_name": project["name"],
            "budget_total_yuan": total,
            "budget_fiscal_yuan": project["budget_fiscal"],
            "budget_other_yuan": project["budget_other"],
            "purpose": project["purpose"],
            "goals": list(project["goals"]),
            "long_term_goals": list(project.get("long_term_goals") or []),
            "extra_json": json.dumps(
                project.get("extra") or {}, ensure_ascii=False, sort_keys=True
            ),
            "indicator_count": len(indicators),
            "taxonomy_version": version,
            "source_table": source_table,
        },
    )
    for n, (ind, l1, l2) in enumerate(zip(indicators, l1s, l2s, strict=True), 1):
        quantified = ind["op"] is not None and ind["value"] is not None
        if l1 is not None:
            seen_categories.add((version, l1, l2))
        _add_row(
            inds,
            {
                **common,
                "project_seq": seq,
                "project_key": pkey,
                "indicator_seq": n,
                "indicator_key": surrogate_key("indicator", common["submission_id"], seq, n),
                "level1": ind["level1"],
                "level2": ind["level2"],
                "name": ind["name"],
                "description": ind["description"],
                "target_raw": ind["target_raw"],
                "op": ind["op"],
                "value": ind["value"],
                "unit": ind["unit"],
                "basis": ind["basis"],
                "horizon": ind["horizon"],
                "level1_canonical": l1,
                "level2_canonical": l2,
                "taxonomy_version": version,
                "category_key": category_key(version, l1, l2),
                "in_taxonomy": in_taxonomy(version, l1, l2),
                "is_quantified": quantified,
                "is_vague": is_vague(ind["target_raw"], quantified, l2),
                "source_table": ind.get("source_table", source_table),
                "source_row": ind.get("source_row"),
            },
        )
    for n, cp in enumerate(project["spending_plan"], 1):
        pct = cp["cumulative_pct"]
        _add_row(
            plans,
            {
                **common,
                "project_seq": seq,
                "project_key": pkey,
                "checkpoint_seq": n,
                "checkpoint": cp["checkpoint"],
                "month": cp["month"],
                "cumulative_pct": pct,
                "implied_amount_yuan": None
                if pct is None or total is None
                else round(total * pct / 100, 2),
                "source_table": source_table,
            },
        )


def _categories(seen: set[tuple[str, str, str | None]]) -> pl.DataFrame:
    """Return every taxonomy member plus the off-taxonomy pairs this batch uses."""
    order: dict[tuple[str, str, str | None], int] = {}
    for member in taxonomy_rows():
        order[member] = len(order) + 1
    extra = sorted(seen - order.keys(), key=lambda r: (r[0], r[1], r[2] or ""))
    cols: Columns = _empty(schemas.CATEGORIES)
    for v, l1, l2 in [*order, *extra]:
        _add_row(
            cols,
            {
                "category_key": category_key(v, l1, l2),
                "taxonomy_version": v,
                "level1_canonical": l1,
                "level2_canonical": l2,
                "in_taxonomy": (v, l1, l2) in order,
                "sort_order": order.get((v, l1, l2), 1000),
            },
        )
    return _frame(cols, schemas.CATEGORIES)
