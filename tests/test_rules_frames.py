"""Staging frames for the rule tests, made by the real transform.frames.build_frames.

`frames_of(subs)` wraps contract-shaped submission dicts (the seed JSON, or variants of it) in
FileOutcomes and builds the frames the warehouse builds, so the rules meet the real columns.
"""

from __future__ import annotations

import copy
import hashlib
import json
from typing import Any

import polars as pl

from extract.batch import FileOutcome
from tests.paths import SEED_JSON as SEED
from transform.frames import build_frames


def seed() -> dict[str, Any]:
    """Return the seed submission (306001, 2022) as a contract dict with a sha256."""
    sub = json.loads(SEED.read_text(encoding="utf-8"))
    sub["sha256"] = hashlib.sha256(SEED.read_bytes()).hexdigest()
    return sub


def frames_of(subs: list[dict[str, Any]], load_id: str = "test-load") -> dict[str, pl.DataFrame]:
    """Return the staging frames build_frames makes of contract-shaped submission dicts."""
    outcomes = []
    for sub in subs:
        record = copy.deepcopy(sub)
        for t, p in enumerate(record["projects"]):
            p.setdefault("source_table", t + 1)
            for k, i in enumerate(p["indicators"], start=1):
                i.setdefault("source_table", t + 1)
                i.setdefault("source_row", k)
        outcomes.append(
            FileOutcome(
                path="/in/" + sub["file"],
                file=sub["file"],
                sha256=sub["sha256"],
                size=1,
                submission=record,
                rejection_kind=None,
                rejection_reason=None,
                seconds=0.0,
            )
        )
    return build_frames(outcomes, load_id)


def variant(unit_code: str, name: str | None = None, tweak: Any = None) -> dict[str, Any]:
    """Return a copy of the seed as another unit's file (own sha256 and project codes)."""
    sub = copy.deepcopy(seed())
    sub["unit"] = {"code": unit_code, "name": name or f"测试单位{unit_code}"}
    sub["file"] = f"{unit_code}_2022.docx"
    sub["sha256"] = hashlib.sha256(unit_code.encode()).hexdigest()
    for p in sub["projects"]:
        p["code"] = p["code"][:9] + unit_code + p["code"][15:]
    if tweak:
        tweak(sub)
    return sub


def test_seed_frames_have_the_columns_rules_read() -> None:
    frames = frames_of([seed()])
    assert frames["indicators"].height == 35
    assert frames["projects"]["project_seq"].to_list() == [1, 2, 3]
    assert frames["indicators"].schema["indicator_seq"] == pl.Int32
    assert set(frames) >= {
        "submissions",
        "projects",
        "indicators",
        "spending_plan",
        "department_goals",
    }
