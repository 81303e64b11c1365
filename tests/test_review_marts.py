"""Review marts over a real warehouse: a re-submission's fixes, what a clerk sends, rejections that clear."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

from tests.test_rules_frames import frames_of, variant
from transform.rules import run_rules
from warehouse.load import load


def _version(n: int, tweak: object) -> dict:
    sub = variant("306005", "整改测试单位", tweak)
    sub["sha256"] = hashlib.sha256(f"306005-v{n}".encode()).hexdigest()
    sub["file"] = f"306005_v{n}.docx"
    return sub


def _v1(sub: dict) -> None:
    sub["projects"][0]["budget_total"] = None  # budget_missing


def _v2(sub: dict) -> None:
    sub["projects"][1]["indicators"][0]["target_raw"] = "**"  # placeholder_value, new


def _rows(path: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_resubmission_fixes_say_fixed_remaining_new(tmp_path: Path) -> None:
    path = tmp_path / "jixiao.duckdb"
    for n, tweak in ((1, _v1), (2, _v2)):
        frames = frames_of([_version(n, tweak)], f"load-v{n}")
        load(path, frames, run_rules(frames))
    got = _rows(
        path,
        "SELECT rule_id, status, status_name, previous_file_name, file_name "
        "FROM mart_resubmission_fixes ORDER BY rule_id, status",
    )
    by_rule = {r[0]: r for r in got}
    assert by_rule["budget_missing"][1:3] == ("fixed", "已改正")
    assert by_rule["placeholder_value"][1:3] == ("new", "新出现")
    assert by_rule["cost_vs_budget"][1:3] == ("remaining", "仍存在")
    assert {r[3:] for r in got} == {("306005_v1.docx", "306005_v2.docx")}
    # what a clerk sends is the current version's findings only, no project name in 问题
    sent = _rows(
        path,
        "SELECT rule_id, problem, project_name, file_name FROM mart_unit_feedback "
        "WHERE unit_code = '306005' AND is_sent",
    )
    assert {r[0] for r in sent} >= {"placeholder_value", "cost_vs_budget"}
    assert "budget_missing" not in {r[0] for r in sent}
    assert all(r[3] == "306005_v2.docx" for r in sent)
    assert all(r[2] is None or r[2] not in r[1] for r in sent)
    history = _rows(path, "SELECT count(*) FROM fct_review_finding WHERE rule_id = 'budget_missing'")
    assert history == [(1,)]  # kept as history, not current
    assert _rows(
        path, "SELECT count(*) FROM current_review_finding WHERE rule_id = 'budget_missing'"
    ) == [(0,)]


def test_a_rejection_stops_being_current_when_the_unit_sends_a_readable_file(tmp_path: Path) -> None:
    from extract.batch import FileOutcome
    from transform.frames import build_frames

    path = tmp_path / "jixiao.duckdb"
    broken = FileOutcome(
        path="/srv/inbox/306005_v1.docx",
        file="306005_v1.docx",
        sha256="f" * 64,
        size=0,
        submission=None,
        rejection_kind="empty",
        rejection_reason="/srv/inbox/306005_v1.docx: 文件是空的（0 字节），请重新导出后提交。 (empty file)",
        seconds=0.0,
    )
    frames = build_frames([broken], "load-broken")
    load(path, frames, run_rules(frames))
    listed = _rows(path, "SELECT file_name, reason, what_to_do, ledger_reason FROM mart_rejected_files")
    assert listed == [
        (
            "306005_v1.docx",
            "文件是空的（0 字节）",
            "请重新导出后提交。",
            "/srv/inbox/306005_v1.docx: 文件是空的（0 字节），请重新导出后提交。 (empty file)",
        )
    ]
    frames = frames_of([_version(2, _v2)], "load-fixed")  # the unit's readable file arrives
    load(path, frames, run_rules(frames))
    assert _rows(path, "SELECT count(*) FROM mart_rejected_files") == [(0,)]
