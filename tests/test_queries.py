"""The warehouse's named read-only queries (warehouse.queries), the only door reports/ reads through."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from warehouse.connect import WarehouseMissing, open_readwrite
from warehouse.queries import (
    QueryError,
    query,
    query_names,
    query_parameters,
    query_text,
    read_marts,
)
from warehouse.schema import apply_schema

ROOT = Path(__file__).resolve().parents[1]
# Sample values for every parameter a named query takes.
SAMPLES = {
    "year": 2022,
    "division": "131026",
    "deadline": None,
    "limit": 5,
    "evaluated": 2021,
    "unit": None,
    "keys": ["0" * 32],
    "severities": ["error", "warning"],
    "timezone": "Asia/Shanghai",
}


@pytest.fixture(scope="module")
def empty_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("queries") / "jixiao.duckdb"
    con = open_readwrite(path)
    try:
        apply_schema(con)
    finally:
        con.close()
    return path


def test_every_named_query_runs_on_the_current_schema(empty_warehouse: Path) -> None:
    names = query_names()
    assert "report_overview" in names and "unit_findings" in names
    with read_marts(empty_warehouse) as marts:
        for name in names:
            params = {p: SAMPLES[p] for p in query_parameters(name)}
            frame = marts.frame(name, **params)
            assert frame.width > 0, name
        assert marts.row("report_overview", year=2022, division=None)["units"] == 0


def test_parameters_are_bound_never_pasted(empty_warehouse: Path) -> None:
    hostile = "131026' OR '1'='1"
    assert query(empty_warehouse, "report_appendix", year=2022, division=hostile).height == 0
    with pytest.raises(QueryError, match="no parameter divison"):
        query(empty_warehouse, "report_appendix", year=2022, divison="131026")
    with pytest.raises(QueryError, match="no named query"):
        query(empty_warehouse, "../mart_unit_budget")


def test_a_warehouse_lacking_an_object_names_the_upgrade(tmp_path: Path) -> None:
    old = tmp_path / "old.duckdb"
    open_readwrite(old).close()  # a database without the marts
    with read_marts(old) as marts:
        assert not marts.has("mart_unit_scorecard")
        with pytest.raises(QueryError, match="jixiao upgrade"):
            marts.frame("report_overview", year=2022)
    with pytest.raises(WarehouseMissing):
        read_marts(tmp_path / "missing.duckdb")


def test_reports_open_no_database() -> None:
    """reports/ reads the warehouse only through warehouse.queries: no DuckDB, no connections."""
    for path in sorted((ROOT / "reports").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            else:
                continue
            for module in modules:
                assert not module.startswith("duckdb"), f"{path.name} imports {module}"
                if module.startswith("warehouse"):
                    assert module == "warehouse.queries", f"{path.name} imports {module}"


def test_every_named_query_says_what_it_returns_and_its_parameters() -> None:
    for name in query_names():
        text = query_text(name)
        assert text.startswith(f"-- {name}: "), f"sql/queries/{name}.sql must start with '-- {name}: ...'"
        header = "".join(line for line in text.splitlines() if line.startswith("--"))
        for parameter in query_parameters(name):
            assert f"${parameter}" in header, f"{name}: the header does not explain ${parameter}"
