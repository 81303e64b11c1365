"""Helpers for the lake and province tests: a small multi-county inbox and warehouse comparison."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from tests.docgen.county import write_county
from warehouse.connect import open_readonly

# Three counties of 廊坊/保定-style division codes, each with its own seed (different layouts).
COUNTIES = (("131026", 11), ("131002", 12), ("131081", 13))

# Columns that name the load or the clock, which two separate runs never share.
RUN_BOUND = ("load_id", "last_load_id", "extract_seconds")


def write_province(inbox: Path, units: int = 4, counties: tuple[tuple[str, int], ...] = COUNTIES) -> None:
    """Write one folder per county (named by its division code) under `inbox`."""
    for division, seed in counties:
        write_county(inbox / division, units=units, division=division, seed=seed)


def warehouse_tables(path: Path) -> dict[str, pl.DataFrame]:
    """Return every table and view of a warehouse, run-bound columns dropped, rows sorted."""
    con = open_readonly(path)
    try:
        names = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()]
        out = {}
        for name in names:
            frame = con.sql(f'SELECT * FROM "{name}"').pl()
            keep = [c for c in frame.columns if c not in RUN_BOUND and not c.endswith("_at")]
            frame = frame.select(keep)
            out[name] = frame.sort(keep, nulls_last=True) if keep else frame
        return out
    finally:
        con.close()


def assert_same_warehouse(left: Path, right: Path, ignore: tuple[str, ...] = ()) -> None:
    """Fail naming the first table that differs between two warehouses (run-bound columns aside)."""
    a, b = warehouse_tables(left), warehouse_tables(right)
    assert sorted(a) == sorted(b)
    assert any(name.startswith("mart_") for name in a)
    # ingest_inbox records where a load read its files (an inbox, or none for a lake): not data.
    for name in (n for n in a if n not in ignore and n != "ingest_inbox"):
        assert a[name].columns == b[name].columns, name
        assert a[name].equals(b[name]), f"{name} differs:\n{a[name]}\n{b[name]}"
