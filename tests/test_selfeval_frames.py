"""Self-evaluation records to frames, the scoring rule and the texts rows are matched by (pure, no IO)."""

from __future__ import annotations

import pytest

from tests.selfeval_records import evaluation, line, result, row, selfevaluation, targets
from tests.warehouse_records import outcome
from transform.categories import canonical_level1
from transform.frames import build_frames
from transform.selfeval.link import staging_inputs
from transform.selfeval.scoring import is_met, justified_score, match_text


@pytest.mark.parametrize(("written", "matched"), [
    ("（二）办 公经费", "办公经费"), ("1. 采购 批次", "采购批次"), ("指标1：满意度", "满意度"),
    ("产出指标（50分）", "产出指标"), ("维修道路；", "维修道路"), ("ＡＢ　Ｃ", "ABC"), (None, None),
])
def test_match_text_folds_numbering_spacing_points_and_width(written: str | None, matched: str | None) -> None:
    assert match_text(written) == matched


def test_points_in_a_level1_cell_do_not_hide_its_category() -> None:
    assert canonical_level1("产出指标（50分）") == canonical_level1("产出指标(50分)") == "产出指标"


@pytest.mark.parametrize(("op", "target", "actual", "cost", "met", "score"), [
    (">=", 90.0, 93.0, False, True, 10.0),      # more is better, capped at 分值
    (">=", 90.0, 85.0, False, False, 9.44),     # 85 / 90 x 10
    ("<=", 120.0, 130.0, False, False, 9.23),   # less is better: 120 / 130 x 10
    ("<=", 120.0, 115.0, False, True, 10.0),
    ("=", 100.0, 98.0, False, False, 9.8),      # = outside cost rows: at least
    ("=", 16.4, 17.0, True, False, 9.65),       # = on a cost row: at most
    (">", 90.0, 90.0, False, True, 10.0),       # a strict bound is reached at its value
    (">", 90.0, 89.0, False, False, 9.89),
    (None, None, 3.0, False, None, None),       # qualitative: neither
    (">=", 90.0, None, False, None, None),
])
def test_met_and_the_score_the_numbers_justify(
    op: str | None, target: float | None, actual: float | None, cost: bool, met: bool | None, score: float | None
) -> None:
    assert is_met(op, target, actual, cost) is met
    assert justified_score(op, target, actual, 10.0, cost) == score


def test_a_self_evaluation_adds_no_target_rows_and_its_department_part_is_kept() -> None:
    rec = selfevaluation()
    rec["department_goals"] = {
        "overall": None, "items": [], "measures": [], "extra": {},
        "indicators": [row("产出指标", "数量指标", "完成重点工作", "≥10项", ">=", 10.0, "项", result("12项", 12.0, 50, 50))],
        "evaluation": evaluation([line("total", "资金总额", 3000000.0, 3200000.0, 3040000.0)], 95.0, 9.5, 95.0),
    }
    frames = build_frames([outcome(targets(), "/in/131026/t.docx"), outcome(rec, "/in/131026/s.docx")], "L")
    assert frames["projects"].height == 2 and frames["indicators"].height == 8  # the targets' only
    assert frames["submissions"]["kind"].to_list() == ["targets", "self_evaluation"]
    projects = frames["selfeval_projects"].sort("project_seq")
    assert projects["subject"].to_list() == ["department", "project", "project"]
    dept = projects.row(0, named=True)
    assert (dept["execution_rate_pct"], dept["execution_score_justified"], dept["total_score_computed"]) == (
        95.0, 9.5, 59.5)
    assert frames["indicator_results"].height == 9 and frames["selfeval_budget_lines"].height == 6
    links = staging_inputs(frames)
    statuses = dict(zip(links["project_links"]["selfeval_project_seq"].to_list(),
                        links["project_links"]["link_status"].to_list(), strict=True))
    assert statuses == {0: "department", 1: "linked", 2: "linked"}
    dept_rows = links["indicator_links"].filter(links["indicator_links"]["selfeval_project_seq"] == 0)
    assert dept_rows["link_status"].to_list() == ["project_not_linked"]


def test_long_term_targets_are_not_expected_in_a_year_end_self_evaluation() -> None:
    target = targets()
    long_term = row("满意度指标", "服务对象满意度指标", "群众满意度", "≥98%", ">=", 98.0, "%", None)
    long_term.pop("result")
    long_term["horizon"] = "long_term"
    target["projects"][0]["indicators"].insert(0, long_term)
    frames = build_frames([outcome(target, "/in/131026/t.docx"), outcome(selfevaluation(), "/in/131026/s.docx")], "L")
    links = staging_inputs(frames)["indicator_links"]
    assert set(links["link_status"].to_list()) == {"linked"} and links.height == 8
