"""Export the warehouse's tables and marts to Parquet folders, partitioned by fiscal year."""

from __future__ import annotations

from pathlib import Path

import pyarrow.dataset as ds
import pyarrow.parquet as pq

from warehouse.connect import open_readonly


def exportable(con_names: list[tuple[str, str]]) -> list[str]:
    """Return the names worth exporting: every table and every mart_ view."""
    return sorted(n for n, kind in con_names if kind == "table" or n.startswith("mart_"))


def export_parquet(warehouse_path: Path, out_dir: Path) -> dict[str, int]:
    """Write one folder per table and mart under out_dir (hive fiscal_year=... when it has the column); return rows per name."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    con = open_readonly(Path(warehouse_path))
    written: dict[str, int] = {}
    try:
        names = con.execute(
            "SELECT table_name, 'table' FROM duckdb_tables() WHERE NOT internal "
            "UNION ALL SELECT view_name, 'view' FROM duckdb_views() WHERE NOT internal AND NOT temporary"
        ).fetchall()
        for name in exportable(names):
            # The name comes from the catalog, not from the user; quoting keeps odd names whole.
            table = con.sql(f'SELECT * FROM "{name}"').to_arrow_table()
            folder = out_dir / name
            folder.mkdir(parents=True, exist_ok=True)
            if "fiscal_year" in table.column_names:
                ds.write_dataset(
                    table,
                    folder,
                    format="parquet",
                    partitioning=["fiscal_year"],
                    partitioning_flavor="hive",
                    existing_data_behavior="delete_matching",
                    basename_template=f"{name}-{{i}}.parquet",
                )
            else:
                pq.write_table(table, folder / f"{name}.parquet")
            written[name] = table.num_rows
    finally:
        con.close()
    return written
