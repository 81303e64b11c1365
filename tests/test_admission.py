"""A self-evaluation in the inbox is set aside visibly, never loaded as a target submission."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.batch import extract_batch
from tests.docgen.selfeval import write_self_evaluations
from tests.paths import SEED_DOCX
from transform.admission import SELF_EVALUATION_PENDING
from transform.frames import build_frames
from warehouse.connect import open_readonly
from warehouse.load import load


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> list:
    out = tmp_path_factory.mktemp("inbox")
    forms = write_self_evaluations(out, ["selfeval_national_farming", "selfeval_department_health"])
    return extract_batch([SEED_DOCX, *forms])


def test_self_evaluations_are_not_staged_as_targets(outcomes: list) -> None:
    assert [o.submission["kind"] for o in outcomes] == ["targets", "self_evaluation", "self_evaluation"]
    frames = build_frames(outcomes, "load-test")
    subs = frames["submissions"].sort("file").to_dicts()
    statuses = {s["file"]: (s["status"], s["rejection_kind"]) for s in subs}
    assert statuses == {
        SEED_DOCX.name: ("loaded", None),
        "selfeval_department_health.docx": ("rejected", SELF_EVALUATION_PENDING),
        "selfeval_national_farming.docx": ("rejected", SELF_EVALUATION_PENDING),
    }
    reason = next(s["rejection_reason"] for s in subs if s["file"] == "selfeval_national_farming.docx")
    assert "绩效自评表" in reason and "文安县农业农村局" in reason and "2个项目" in reason
    seed_projects = len(outcomes[0].submission["projects"])
    assert frames["projects"].height == seed_projects  # nothing staged from the self-evaluations


def test_warehouse_lists_them_as_not_loaded(outcomes: list, tmp_path: Path) -> None:
    warehouse = tmp_path / "jixiao.duckdb"
    load(warehouse, build_frames(outcomes, "load-test"))
    con = open_readonly(warehouse)
    try:
        ledger = con.execute(
            "SELECT file_name, status, rejection_kind FROM ingest_ledger ORDER BY file_name").fetchall()
        names = {r[0] for r in con.execute("SELECT project_name FROM dim_project").fetchall()}
        advice = {r[0] for r in con.execute(
            "SELECT what_to_do FROM mart_rejected_files WHERE rejection_kind = ?", [SELF_EVALUATION_PENDING]).fetchall()}
    finally:
        con.close()
    assert [(f, s, k) for f, s, k in ledger if f.startswith("selfeval")] == [
        ("selfeval_department_health.docx", "rejected", SELF_EVALUATION_PENDING),
        ("selfeval_national_farming.docx", "rejected", SELF_EVALUATION_PENDING),
    ]
    assert not names & {"高标准农田建设", "动物防疫补助"}
    assert advice == {"请勿作为绩效目标重新报送，无需处理。"}  # the 退回文件清单 tells the unit nothing is wrong
    from reports.letters import LetterSettings, write_letters

    # No findings were loaded and the only rejections are the two set aside: no 退回通知, nothing goes back.
    assert write_letters(warehouse, tmp_path / "letters", LetterSettings()) == []


def test_run_summary_lists_them_with_their_reason(outcomes: list, tmp_path: Path) -> None:
    from flows.steps import Plan, summarize

    plan = Plan(seen=len(outcomes), known=[], to_extract=[], pre_rejected=[], unread=[], mtimes={})
    summary = summarize("load-test", tmp_path, tmp_path / "none.duckdb", plan, outcomes, None, None, None)
    listed = {Path(r["file"]).name: r["kind"] for r in summary.rejected_files}
    assert listed == {"selfeval_national_farming.docx": SELF_EVALUATION_PENDING,
                      "selfeval_department_health.docx": SELF_EVALUATION_PENDING}
    assert summary.rejected == 2
    from flows.steps import format_summary

    text = format_summary(summary)
    assert "self-evaluations set aside: 2" in text and "退回文件 rejected files" not in text
