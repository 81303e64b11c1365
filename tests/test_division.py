"""A file's county (transform/division.py): codes, then folder, then the setting, else unknown."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows import steps
from flows.settings import SettingsError, load_settings
from tests.warehouse_records import other_unit, outcome, seed
from transform.division import county_name_in, resolve_division
from transform.frames import build_frames
from warehouse.connect import open_readwrite
from warehouse.schema import CHANGES, SCHEMA_VERSION, SchemaError, apply_schema


def _without_codes(record: dict) -> dict:  # type: ignore[type-arg]
    for project in record["projects"]:
        project["code"] = None
    return record


def test_the_commonest_code_division_wins_over_folder_and_setting() -> None:
    record = seed()
    record["projects"][0]["code"] = "13102522P00237611444C"  # one project of another county
    assert resolve_division(record, "/in/131081/a.docx", "131002") == ("131026", "codes")


def test_folder_then_setting_then_unknown() -> None:
    bare = _without_codes(seed())
    assert resolve_division(bare, "/in/131081/sub/a.docx", "131002") == ("131081", "path")
    # a six-digit folder that is not a division (no province 20) is not taken for one
    assert resolve_division(bare, "/in/202201/a.docx", "131002") == ("131002", "setting")
    assert resolve_division(bare, "/in/a.docx") == ("unknown", "unknown")
    assert resolve_division(None, "/in/131025/broken.docx") == ("131025", "path")


@pytest.mark.parametrize(
    ("text", "county"),
    [
        ("文安县机床市场管理委员会本级", "文安县"),
        ("大城县教育局本级", "大城县"),
        ("河北省廊坊市广阳区财政局", "广阳区"),
        ("霸州市卫生健康局", "霸州市"),
        ("301001大城县教育局2022年项目支出绩效目标.docx", "大城县"),
        ("教育局本级", None),
    ],
)
def test_county_name_from_unit_or_file_name(text: str, county: str | None) -> None:
    assert county_name_in(text) == county


def test_frames_carry_the_division_and_warn_when_unknown() -> None:
    frames = build_frames(
        [
            outcome(seed(), "/in/seed.docx"),
            outcome(_without_codes(other_unit()), "/in/loose.docx"),
        ],
        "L1",
        county_name="文安县",
    )
    subs = frames["submissions"].sort("batch_seq")
    assert subs["division_code"].to_list() == ["131026", "unknown"]
    assert subs["division_source"].to_list() == ["codes", "unknown"]
    assert subs["county_name"].to_list() == ["文安县", "文安县"]
    assert set(frames["indicators"]["division_code"]) == {"131026", "unknown"}
    assert steps.unknown_division_files(frames) == ["/in/loose.docx"]
    summary = steps.RunSummary("L1", "/in", "/wh", unknown_division_files=["/in/loose.docx"])
    text = steps.format_summary(summary)
    assert "区划未知" in text and "/in/loose.docx" in text and "division" in text
    # the setting places it
    again = build_frames([outcome(_without_codes(other_unit()), "/in/loose.docx")], "L2",
                         division="131026")
    assert again["submissions"]["division_code"].to_list() == ["131026"]


def test_division_setting_is_validated() -> None:
    assert load_settings(env={"JIXIAO_DIVISION": "131026"}).division == "131026"
    assert load_settings(env={"JIXIAO_DIVISION": ""}).division is None
    with pytest.raises(SettingsError, match="division"):
        load_settings(env={"JIXIAO_DIVISION": "13102"})


def test_a_warehouse_from_before_counties_is_refused_not_half_loaded(tmp_path: Path) -> None:
    con = open_readwrite(tmp_path / "old.duckdb")
    apply_schema(con)
    con.execute("UPDATE schema_version SET version = 1")  # as the first release recorded it
    with pytest.raises(SchemaError, match="division_code") as refused:
        apply_schema(con)
    con.close()
    assert f"schema 1 < {SCHEMA_VERSION}" in str(refused.value) and 2 in CHANGES
    assert "jixiao upgrade --warehouse" in str(refused.value)  # what to run instead
