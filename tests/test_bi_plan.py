"""What jixiao gives a BI tool, checked without one: metrics in 万元/亿元 that compute what they say,
the starter dashboard's charts and filters, and the shipped Superset configuration (the real file,
executed as Superset executes it). `make test-bi` runs them in a real Superset and browser."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

from flows.commands.bi_dashboard import CHARTS, FILTERS, RULE_AXIS, layout, metadata
from tests.paths import ROOT
from tests.warehouse_records import other_unit, outcome, seed
from transform.frames import build_frames
from warehouse.bi import datasets
from warehouse.connect import open_readonly
from warehouse.load import load

CONFIG = ROOT / "bi" / "superset" / "superset_config.py"


@pytest.fixture(scope="module")
def wh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("plan") / "jixiao.duckdb"
    load(path, build_frames([outcome(seed(), "/i/a.docx"), outcome(other_unit(), "/i/b.docx")], "L1"))
    return path


def test_money_metrics_in_wan_and_yi_compute_what_they_say(wh: Path) -> None:
    plan = {d.table: d for d in datasets(wh)}
    metrics = {m.name: m for m in plan["mart_unit_budget"].metrics}
    assert metrics["sum_wan__budget_total_yuan"].label == "预算数合计（万元）（合计）"
    assert metrics["sum_yi__budget_total_yuan"].label == "预算数合计（亿元）（合计）"
    assert {metrics[n].d3format for n in metrics if "_yuan" in n} == {",.2f"}
    con = open_readonly(wh)
    try:
        # The expressions are jixiao's own plan, the way Superset wraps them in its query.
        row = con.execute(
            f"SELECT {metrics['sum__budget_total_yuan'].expression}, "
            f"{metrics['sum_wan__budget_total_yuan'].expression}, "
            f"{metrics['sum_yi__budget_total_yuan'].expression} FROM mart_unit_budget"
        ).fetchall()[0]
    finally:
        con.close()
    assert row[0] == 923371.0 + 1050000.0
    assert row[1] == pytest.approx(row[0] / 1e4) and row[2] == pytest.approx(row[0] / 1e8)


def test_every_dashboard_chart_uses_a_metric_the_plan_has(wh: Path) -> None:
    plan = {d.table: d for d in datasets(wh)}
    for chart in CHARTS:
        names = {m.name for m in plan[chart.mart].metrics}
        columns = {c.name for c in plan[chart.mart].columns}
        assert set(chart.query.get("metrics", [])) <= names, chart.name
        named = {c for c in chart.query.get("columns", []) if isinstance(c, str)}
        assert named <= columns, chart.name
    assert any(c.viz == "echarts_timeseries_bar" and c.params["x_axis"] == "department_name" for c in CHARTS)
    assert any(c.viz == "histogram_v2" for c in CHARTS)
    assert any(c.mart == "mart_rule_summary" for c in CHARTS)
    money = [c.name for c in CHARTS if "元" in c.name]
    assert money and all("万元" in n or "亿元" in n for n in money)
    con = open_readonly(wh)
    try:  # the rule chart's short names, as Superset's query computes them
        names = con.execute(
            f"SELECT DISTINCT {RULE_AXIS['sqlExpression']}, description FROM mart_rule_summary"
        ).fetchall()
    finally:
        con.close()
    assert names and all(
        0 < len(short) <= 24 and description.startswith(short.removesuffix("…"))
        for short, description in names
    ), names
    freshness = next(c for c in CHARTS if c.mart == "mart_data_freshness")
    assert freshness.params["table_timestamp_format"] == "%Y-%m-%d"  # a date, not 00:00:00


def test_native_filters_for_year_and_county_cover_every_chart_but_freshness() -> None:
    ids = list(range(101, 101 + len(CHARTS)))
    meta = metadata(ids, filter_dataset_id=7)
    filters = meta["native_filter_configuration"]
    assert [f["targets"][0]["column"]["name"] for f in filters] == ["fiscal_year", "division_code"]
    assert [f["name"] for f in filters] == [name for _, name, _ in FILTERS]
    assert all(f["targets"][0]["datasetId"] == 7 for f in filters)
    assert len(filters[0]["chartsInScope"]) == len(CHARTS) - 1
    placed = [k for k, v in layout(ids).items() if isinstance(v, dict) and v.get("type") == "CHART"]
    assert len(placed) == len(CHARTS)


def test_shipped_superset_config_needs_a_secret_and_offers_its_locale(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("SUPERSET_SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SUPERSET_SECRET_KEY"):
        runpy.run_path(str(CONFIG))
    monkeypatch.setenv("SUPERSET_SECRET_KEY", "k" * 42)
    monkeypatch.setenv("SUPERSET_HOME", str(tmp_path))
    monkeypatch.setenv("JIXIAO_WAREHOUSE", "/srv/jixiao/jixiao.duckdb")
    config = runpy.run_path(str(CONFIG))
    assert config["SECRET_KEY"] == "k" * 42
    # Without its default locale among LANGUAGES Superset's web UI is a blank page.
    assert config["BABEL_DEFAULT_LOCALE"] in config["LANGUAGES"] and "en" in config["LANGUAGES"]
    assert all("flag" in v for v in config["LANGUAGES"].values())
    cache = config["DATA_CACHE_CONFIG"]
    assert cache["CACHE_TYPE"] == "jixiao_cache.LoadKeyedCache"
    assert cache["CACHE_OPTIONS"] == {"warehouse": "/srv/jixiao/jixiao.duckdb"}
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'superset.db'}"
    # Without the warehouse's path nothing could tell a load happened: no cache rather than a stale one.
    monkeypatch.delenv("JIXIAO_WAREHOUSE")
    assert runpy.run_path(str(CONFIG))["DATA_CACHE_CONFIG"] == {"CACHE_TYPE": "NullCache"}
