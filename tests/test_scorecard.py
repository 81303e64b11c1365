"""mart_unit_scorecard.quality_score at the defect grain: the share of a file's places (indicator
rows, projects, the file itself) free of errors and warnings, a place with an error weighing double.

Figures are worked out by hand on the seed (35 rows, 3 projects) with findings placed by the test;
monotonicity and bounds are checked over random findings; the generated county's scores spread.
"""

from __future__ import annotations

import shutil
import statistics
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.batch import extract_batch
from flows.steps import review
from tests.docgen.county import write_county
from tests.paths import SEED_DOCX
from transform.frames import build_frames
from transform.rules import run_rules
from warehouse.load import load

SCORE = "SELECT quality_score FROM mart_unit_scorecard"
Place = tuple[int | None, int | None]  # (project_seq, indicator_seq): (p, None) a project, (None, None) the file


@pytest.fixture(scope="module")
def seed_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seed") / "jixiao.duckdb"
    frames = build_frames(extract_batch([SEED_DOCX]), "load-seed")
    load(path, frames, review(frames, path))
    return path


@pytest.fixture()
def con(seed_warehouse: Path, tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A writable copy of the seed warehouse with no findings: the test places its own."""
    copy = tmp_path / "copy.duckdb"
    shutil.copy(seed_warehouse, copy)
    c = duckdb.connect(str(copy))
    c.execute("DELETE FROM fct_review_finding")
    yield c
    c.close()


def _places(con: duckdb.DuckDBPyConnection) -> list[Place]:
    rows = con.execute("SELECT project_seq, indicator_seq FROM current_indicator_target").fetchall()
    projects = con.execute("SELECT project_seq, NULL FROM current_project_budget").fetchall()
    return [(None, None), *projects, *rows]


def _add(con: duckdb.DuckDBPyConnection, n: int, place: Place, severity: str, rule: str = "test_rule") -> None:
    """Insert one finding of `severity` at `place` of the seed's submission."""
    con.execute(
        "INSERT INTO fct_review_finding (finding_key, submission_key, unit_key, division_code, rule_id, severity, "
        "fiscal_year, unit_code, project_seq, indicator_seq, message, suggestion, load_id, source_sha256) "
        "SELECT $1, submission_key, unit_key, division_code, $2, $3, fiscal_year, unit_code, $4, $5, '问题', '建议', "
        "load_id, sha256 FROM dim_submission WHERE is_current AND kind = 'targets'",
        [f"f{n}", rule, severity, place[0], place[1]],
    )


def _score(con: duckdb.DuckDBPyConnection) -> float:
    value = con.execute(SCORE).fetchone()
    assert value is not None
    return float(value[0])


def test_a_known_fixture_scores_what_the_hand_gives(con: duckdb.DuckDBPyConnection) -> None:
    counts = con.execute("SELECT indicators, projects, places, quality_score FROM mart_unit_scorecard").fetchone()
    assert counts == (35, 3, 39, 100.0)  # the seed: 35 rows, 3 projects and the file; nothing found: 100
    _add(con, 1, (1, 4), "warning", "vague_target")
    _add(con, 2, (1, 4), "warning", "duplicate_indicator")  # the same row again: still one place to fix
    _add(con, 3, (2, 3), "warning")
    _add(con, 4, (2, 3), "error")  # that row now has an error: it weighs double
    _add(con, 5, (3, None), "warning")  # a project (its header)
    _add(con, 6, (None, None), "warning")  # the file as a whole (department part, unit code)
    _add(con, 7, (2, 5), "info")  # advice costs nothing
    # by hand: 39 places, 4 flagged (1 with an error) -> 35 clean of 39 + 1 = 87.5
    row = con.execute(
        "SELECT places, places_clean, places_with_error, errors, warnings, infos, quality_score "
        "FROM mart_unit_scorecard").fetchone()
    assert row == (39, 35, 1, 1, 5, 1, 87.5)


def test_every_place_with_an_error_scores_zero(con: duckdb.DuckDBPyConnection) -> None:
    for n, place in enumerate(_places(con)):
        _add(con, n, place, "error")
    assert _score(con) == 0.0


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_one_more_finding_never_raises_the_score(con: duckdb.DuckDBPyConnection, data: st.DataObject) -> None:
    places = _places(con)
    con.execute("BEGIN TRANSACTION")
    try:
        worst: dict[Place, str] = {}
        before = _score(con)
        assert before == 100.0
        steps = data.draw(st.lists(st.tuples(st.sampled_from(places), st.sampled_from(["error", "warning", "info"])),
                                   min_size=1, max_size=12))
        for n, (place, severity) in enumerate(steps):
            _add(con, n, place, severity)
            after = _score(con)
            assert 0.0 <= after <= 100.0
            assert after <= before, (place, severity, before, after)
            was = worst.get(place)
            worse = severity == "error" and was != "error" or severity == "warning" and was is None
            if worse and before > 0:
                assert after < before, (place, severity, was)  # a new defect at a clean place, or a worse one
            if severity == "error" or severity == "warning" and was is None:
                worst[place] = severity
            before = after
    finally:
        con.execute("ROLLBACK")


def test_the_generated_county_scores_spread(tmp_path: Path) -> None:
    """The demo's county (its generator and seed, fewer units): scores rank the units, not 0 for most."""
    inbox = tmp_path / "inbox"
    write_county(inbox, units=16, seed=2022, hostile=False, resubmissions=0, duplicates=0)
    frames = build_frames(extract_batch(sorted(inbox.rglob("*.docx"))), "load-county")
    wh = tmp_path / "jixiao.duckdb"
    load(wh, frames, run_rules(frames))
    with duckdb.connect(str(wh), read_only=True) as c:
        scores = [r[0] for r in c.execute(SCORE).fetchall()]
        dense = c.execute("SELECT median(findings::DOUBLE / greatest(indicators, 1)) FROM mart_unit_scorecard")
        per_row = dense.fetchone()
    assert len(scores) == 16 and per_row is not None
    assert per_row[0] > 0.2  # defect-dense: the old penalty score gave most such units 0
    assert 0 < min(scores) and max(scores) < 100
    assert 0 < statistics.median(scores) < 100
    assert max(scores) - min(scores) >= 10 and len(set(scores)) >= 8
