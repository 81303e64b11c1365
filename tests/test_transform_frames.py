"""build_frames over the seed record and hand-made variations: shapes, keys, conformed values."""

from __future__ import annotations

import polars as pl

from tests.warehouse_records import other_unit, outcome, resubmission, seed
from transform import schemas
from transform.frames import build_frames, project_key, unit_key
from transform.keys import UNKNOWN_KEY, surrogate_key


def _frames() -> dict[str, pl.DataFrame]:
    return build_frames(
        [
            outcome(seed(), "/in/seed.docx"),
            outcome(other_unit(), "/in/307002.docx"),
            outcome(None, "/in/broken.docx"),
        ],
        "L1",
    )


def test_every_frame_has_its_declared_schema() -> None:
    frames = _frames()
    assert set(frames) == set(schemas.ALL)
    for name, schema in schemas.ALL.items():
        assert dict(frames[name].schema) == schema, name


def test_row_counts_match_the_records() -> None:
    frames = _frames()
    assert frames["submissions"].height == 3
    assert frames["projects"].height == 3 + 2
    assert frames["indicators"].height == 35 + 8
    assert frames["spending_plan"].height == 12 + 8
    assert frames["department_goals"].height == 12
    subs = frames["submissions"].sort("batch_seq")
    assert subs["status"].to_list() == ["loaded", "loaded", "rejected"]
    assert subs["project_count"].to_list() == [3, 2, 0]
    assert subs["indicator_count"].to_list() == [35, 8, 0]
    assert subs["rejection_kind"].to_list() == [None, None, "corrupt"]
    assert set(frames["load"]["load_id"]) == {"L1"}
    for name in ("submissions", "projects", "indicators", "spending_plan", "department_goals"):
        assert frames[name]["load_id"].unique().to_list() == ["L1"], name


def test_keys_are_deterministic_and_natural() -> None:
    a, b = _frames(), _frames()
    assert a["indicators"]["indicator_key"].to_list() == b["indicators"]["indicator_key"].to_list()
    seed_projects = a["projects"].filter(pl.col("unit_code") == "306001")
    # Identity includes the county: the division is the project codes' first six digits.
    assert seed_projects["project_key"].to_list()[0] == surrogate_key(
        "project", "131026", "306001", 2022, "code:13102622P00237611444C"
    )
    assert seed_projects["unit_key"].unique().to_list() == [unit_key("131026", "306001")]
    assert seed_projects["division_code"].unique().to_list() == ["131026"]
    # A project without a code is known by its name within its county, unit and year.
    office = a["projects"].filter(pl.col("project_name") == "办公经费")
    assert office["project_key"].item() == project_key(
        "131026", "307002", 2022, None, "办公经费", "x", 2
    )
    assert a["indicators"]["indicator_key"].n_unique() == a["indicators"].height


def test_unknown_unit_gets_the_unknown_key() -> None:
    record = seed()
    record["unit"]["code"] = None
    frames = build_frames([outcome(record, "/in/nounit.docx")], "L1")
    assert frames["submissions"]["unit_key"].item() == UNKNOWN_KEY
    assert set(frames["indicators"]["unit_key"]) == {UNKNOWN_KEY}
    # Projects still get distinct keys, tied to their file.
    assert frames["projects"]["project_key"].n_unique() == 3
    assert UNKNOWN_KEY not in frames["projects"]["project_key"].to_list()


def test_conformed_categories_and_taxonomy_per_project() -> None:
    ind = _frames()["indicators"]
    roads = ind.filter((pl.col("unit_code") == "307002") & (pl.col("project_seq") == 1))
    assert set(roads["taxonomy_version"]) == {"2021"}
    assert roads["level2_canonical"].to_list()[4] == "生态效益指标"  # written 环境效益指标
    assert roads["level2_canonical"].to_list()[5] == "服务对象满意度指标"  # written without 指标
    assert roads["level2"].to_list()[4] == "环境效益指标"  # the text as written is kept
    assert roads["in_taxonomy"].all()
    seed_rows = ind.filter(pl.col("unit_code") == "306001")
    assert set(seed_rows["taxonomy_version"]) == {"pre2021"}
    assert seed_rows["in_taxonomy"].all()
    assert seed_rows.filter(pl.col("level2_canonical") == "成本指标").height == 3


def test_quantified_and_vague() -> None:
    ind = _frames()["indicators"].filter(pl.col("unit_code") == "306001")
    assert ind["is_quantified"].sum() == 29
    assert ind.filter(pl.col("is_vague"))["target_raw"].to_list() == [
        "按时完成",
        "明显提升",
        "明显提升",
        "可持续使用",
        "明显提升改善",
        "明显提升改善",
    ]


def test_lineage_and_spending_plan_amounts() -> None:
    frames = _frames()
    first = frames["indicators"].filter(pl.col("unit_code") == "306001").row(0, named=True)
    assert (first["source_table"], first["source_row"], first["indicator_seq"]) == (2, 2, 1)
    plan = frames["spending_plan"].filter(
        (pl.col("unit_code") == "307002") & (pl.col("project_seq") == 1)
    )
    assert plan["implied_amount_yuan"].to_list() == [100000.0, 400000.0, 700000.0, 1000000.0]
    assert plan["checkpoint_seq"].to_list() == [1, 2, 3, 4]


def test_department_thresholds_parsed() -> None:
    goals = _frames()["department_goals"].sort("item_seq")
    assert goals.height == 12
    assert goals.row(0, named=True)["op"] == ">="
    assert goals.row(0, named=True)["value"] == 90.0
    assert goals.row(2, named=True)["op"] == "="
    assert goals.row(2, named=True)["unit"] == "%"


def test_same_bytes_twice_in_a_batch_are_staged_once() -> None:
    a = outcome(seed(), "/in/a.docx")
    b = outcome(seed(), "/in/copy-of-a.docx")
    frames = build_frames([a, b, outcome(resubmission(), "/in/v2.docx")], "L1")
    assert frames["submissions"].height == 3
    assert frames["projects"].height == 6
    assert frames["projects"]["submission_id"].n_unique() == 2


def test_empty_batch_gives_empty_frames_with_schemas() -> None:
    frames = build_frames([], "L0")
    assert frames["submissions"].height == 0
    assert dict(frames["indicators"].schema) == schemas.INDICATORS
    assert frames["categories"].height == 9 + 10  # both taxonomies' members
