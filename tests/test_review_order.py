"""Cross-unit findings do not depend on batching: one run or two give the same current findings.

A generated county with content copied between departments is loaded into one warehouse in one
run and into another in two runs (halves, the second half first); the current findings per rule,
the findings themselves and the scorecards must be identical (warehouse.findings recomputes the
cross-unit rules over every current submission of the year at each load).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from extract.batch import extract_batch
from flows.steps import review
from tests.docgen.county import write_county
from transform.frames import build_frames
from warehouse.load import load

PER_RULE = "SELECT rule_id, severity, count(*) FROM current_review_finding GROUP BY ALL ORDER BY ALL"
FINDINGS = (
    "SELECT rule_id, unit_code, project_seq, indicator_seq, message FROM current_review_finding "
    "ORDER BY ALL"
)
SCORECARD = "SELECT * EXCLUDE (unit_key) FROM mart_unit_scorecard ORDER BY unit_code, fiscal_year"


def _load(warehouse: Path, outcomes: list, load_id: str) -> None:
    frames = build_frames(outcomes, load_id)
    load(warehouse, frames, review(frames, warehouse))


def _read(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture(scope="module")
def warehouses(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("order")
    man = write_county(
        root / "inbox", units=12, seed=5, copies=6, hostile=False, resubmissions=0, duplicates=0
    )
    outcomes = extract_batch(sorted((root / "inbox").iterdir()))
    assert len(outcomes) == 12 and len(man.planted) == 6
    one = root / "one.duckdb"
    _load(one, outcomes, "load-all")
    two = root / "two.duckdb"
    _load(two, outcomes[6:], "load-second-half")
    _load(two, outcomes[:6], "load-first-half")
    return one, two


def test_current_findings_per_rule_identical_in_one_run_and_two(
    warehouses: tuple[Path, Path],
) -> None:
    one, two = warehouses
    per_rule = _read(one, PER_RULE)
    assert any(r[0] == "boilerplate_across_units" and r[2] > 0 for r in per_rule)
    assert per_rule == _read(two, PER_RULE)
    assert _read(one, FINDINGS) == _read(two, FINDINGS)


def test_scorecards_identical_in_one_run_and_two(warehouses: tuple[Path, Path]) -> None:
    one, two = warehouses
    cards = _read(one, SCORECARD)
    assert len(cards) == 12
    assert cards == _read(two, SCORECARD)


def test_history_keeps_superseded_findings_out_of_current(warehouses: tuple[Path, Path]) -> None:
    # the second half's cross-unit findings were replaced, not added to, by the second load
    _, two = warehouses
    dupes = _read(
        two,
        "SELECT finding_key, count(*) FROM fct_review_finding GROUP BY ALL HAVING count(*) > 1",
    )
    assert dupes == []
