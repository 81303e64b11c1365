"""How analysts reach the warehouse: SQLAlchemy + duckdb-engine (as BI tools do), jixiao sql,
jixiao export parquet, and the data dictionary kept in step with the schema."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
import sqlalchemy as sa

from flows.cli import main
from flows.commands.sql import width
from tests.selfeval_records import selfevaluation
from tests.warehouse_records import other_unit, outcome, seed
from transform.frames import build_frames
from transform.rules import run_rules
from warehouse.connect import CONFIG
from warehouse.dictionary import described_schema, missing_descriptions, render
from warehouse.load import load
from warehouse.paths import DICTIONARY_PATH


@pytest.fixture(scope="module")
def wh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("access") / "jixiao.duckdb"
    batch = [
        outcome(seed(), "/inbox/seed.docx"),
        outcome(_other_unsure(), "/inbox/307002.docx"),
        outcome(None, "/inbox/broken.docx"),  # mart_rejected_files
    ]
    frames = build_frames(batch, "L1")
    load(path, frames, run_rules(frames))
    _resubmit_fixed_seed(path)
    return path


def _resubmit_fixed_seed(path: Path) -> None:
    """Load a re-submission of the seed with one target fixed (mart_resubmission_fixes)."""
    again = seed()
    again["projects"][0]["indicators"][3].update(target_raw="=100%", op="=")
    frames = build_frames([outcome(again, "/inbox/seed_v2.docx")], "L2")
    load(path, frames, run_rules(frames))


def _other_unsure() -> dict:
    """Another unit with one thing its extraction was unsure of, for mart_extraction_warnings."""
    other = other_unit()
    other["warnings"] = [{"kind": "column_unknown", "where": "表2第5列", "message": "指标表的列“责任科室”未能识别"}]
    return other


def _seed_next_year() -> dict:
    """The seed again for 2023 with one target changed: the year-over-year marts get rows too."""
    record = seed()
    record["fiscal_year"] = 2023
    for project in record["projects"]:
        project["code"] = project["code"].replace("13102622P", "13102623P")
    record["projects"][0]["indicators"][0]["target_raw"] = "2个"
    return record


def _selfevaluation_with_a_finding() -> dict:
    """307002's self-evaluation with a stated 执行率 its money does not give (the self-evaluation marts)."""
    record = selfevaluation()
    record["projects"][0]["evaluation"]["execution_rate"] = 90.0
    return record


def test_every_mart_reads_through_sqlalchemy(tmp_path: Path) -> None:
    wh = tmp_path / "jixiao.duckdb"
    batch = [outcome(seed(), "/inbox/seed.docx"), outcome(_other_unsure(), "/inbox/307002.docx"),
             outcome(_seed_next_year(), "/inbox/seed_2023.docx"), outcome(None, "/inbox/broken.docx"),
             outcome(_selfevaluation_with_a_finding(), "/inbox/307002_自评.docx")]
    frames = build_frames(batch, "L1")
    load(wh, frames, run_rules(frames))
    _resubmit_fixed_seed(wh)
    engine = sa.create_engine(
        f"duckdb:///{wh}", connect_args={"read_only": True, "config": dict(CONFIG)}
    )
    try:
        views = [v for v in sa.inspect(engine).get_view_names() if v.startswith("mart_")]
        assert {
            "mart_unit_budget",
            "mart_project_coverage",
            "mart_unit_quality",
            "mart_satisfaction_targets",
            "mart_spending_pace",
            "mart_cost_vs_budget",
            "mart_indicator_obt",
        } <= set(views)
        with engine.connect() as conn:
            for view in views:
                # Names come from the inspector (the catalog), as a BI tool lists them.
                result = conn.execute(sa.text(f'SELECT * FROM "{view}"'))
                assert len(result.keys()) > 3 and result.fetchall(), view
            total = conn.execute(
                sa.text("SELECT sum(budget_total_yuan) FROM mart_unit_budget WHERE fiscal_year = 2022")
            ).scalar()
            assert total == 923371.0 + 1050000.0
    finally:
        engine.dispose()


def test_jixiao_sql_prints_an_aligned_table(wh: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(
        [
            "sql",
            "SELECT unit_code, unit_name, projects FROM mart_unit_budget ORDER BY unit_code",
            "--warehouse",
            str(wh),
        ]
    )
    out = capsys.readouterr().out.splitlines()
    assert status == 0
    assert out[0].split() == ["unit_code", "unit_name", "projects"]
    assert out[2].split() == ["306001", "文安县机床市场管理委员会本级", "3"]
    assert out[3].split() == ["307002", "文安县测试镇本级", "2"]
    # Wide characters count double, so the projects column starts at one screen column.
    starts = {width(out[0][: out[0].index("projects")]), width(out[2][:-1]), width(out[3][:-1])}
    assert len(starts) == 1
    assert len(out) == 5 and out[4] == "(2 rows)"


def test_jixiao_sql_is_read_only_and_explains_errors(
    wh: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sql", "DELETE FROM dim_unit", "--warehouse", str(wh)]) == 1
    assert "read-only" in capsys.readouterr().err
    assert main(["sql", "SELECT * FROM no_such_view", "--warehouse", str(wh)]) == 1
    assert "no_such_view" in capsys.readouterr().err
    assert main(["sql", "SELECT 1", "--warehouse", str(wh.parent / "missing.duckdb")]) == 1
    assert "jixiao ingest" in capsys.readouterr().err


def test_export_parquet_one_folder_per_table_and_mart(wh: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    assert main(["export", "parquet", str(out), "--warehouse", str(wh)]) == 0
    folders = {p.name for p in out.iterdir()}
    assert {
        "fct_indicator_target",
        "dim_unit",
        "ingest_ledger",
        "mart_unit_budget",
        "mart_indicator_obt",
    } <= folders
    assert not any(name.startswith("current_") for name in folders)
    assert (out / "fct_indicator_target" / "fiscal_year=2022").is_dir()
    con = duckdb.connect(config=dict(CONFIG))
    n = con.execute(
        "SELECT count(*) FROM read_parquet($1, hive_partitioning = true)",
        [str(out / "fct_indicator_target" / "*" / "*.parquet")],
    ).fetchall()
    assert n == [(78,)]  # 35 + 8 current rows and the seed's first version (35)
    assert con.execute(
        "SELECT count(*) FROM read_parquet($1)", [str(out / "dim_unit" / "*.parquet")]
    ).fetchall() == [(3,)]
    # Exporting again replaces, not appends.
    assert main(["export", "parquet", str(out), "--warehouse", str(wh)]) == 0
    n = con.execute(
        "SELECT count(*) FROM read_parquet($1, hive_partitioning = true)",
        [str(out / "fct_indicator_target" / "*" / "*.parquet")],
    ).fetchall()
    assert n == [(78,)]  # 35 + 8 current rows and the seed's first version (35)


def test_every_object_and_column_is_described() -> None:
    assert missing_descriptions(described_schema()) == []


def test_a_missing_description_is_caught(tmp_path: Path) -> None:
    sql = tmp_path / "sql"
    sql.mkdir()
    for f in Path(__file__).resolve().parents[1].joinpath("sql").glob("*.sql"):
        (sql / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    (sql / "mart_undocumented.sql").write_text(
        "-- mart_undocumented: test\nCREATE OR REPLACE VIEW mart_undocumented AS SELECT 1 AS x;\n"
        "COMMENT ON VIEW mart_undocumented IS 'x';\n",
        encoding="utf-8",
    )
    assert missing_descriptions(described_schema(sql)) == ["mart_undocumented.x"]


def test_data_dictionary_is_up_to_date() -> None:
    assert DICTIONARY_PATH.read_text(encoding="utf-8") == render(), (
        "docs/data-dictionary.md is stale: run `python -m warehouse.dictionary`"
    )
