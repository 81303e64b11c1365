"""Upgrade a warehouse written by an earlier release in place, keeping all its history.

`schema_version` says which release's schema a warehouse has. The upgrade runs the migrations
from there to SCHEMA_VERSION (warehouse/migrations/: they move the data), then conforms every
table to the shape sql/ gives it (column order, NOT NULL), then applies the schema as a load does
(new tables, views rebuilt, comments, the version recorded). It works like a load: in a private
copy of the file, one transaction, published with one atomic rename (warehouse/publish.py), so a
crash or an error mid-upgrade leaves the old warehouse untouched. Callers hold the writer lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from transform.keys import new_load_id
from warehouse.connect import WarehouseMissing, open_readonly, open_readwrite
from warehouse.migrations import Context, chain
from warehouse.publish import building
from warehouse.schema import (
    SCHEMA_VERSION,
    SchemaError,
    apply_schema,
    recorded_version,
    refuse_newer,
    sql_objects,
)
from warehouse.stages import stage


@dataclass(frozen=True)
class UpgradeReport:
    """Which schema version the warehouse had and has now."""

    path: Path
    from_version: int
    to_version: int

    @property
    def upgraded(self) -> bool:
        """True when the upgrade changed the warehouse."""
        return self.from_version != self.to_version

    def line(self) -> str:
        """Return the one line to log or print."""
        if self.upgraded:
            return f"upgraded warehouse from schema {self.from_version} to {self.to_version}"
        return f"warehouse already at schema {self.to_version}: nothing to upgrade"


def warehouse_version(path: Path) -> int | None:
    """Return the schema version recorded in the warehouse file (None when it records none)."""
    con = open_readonly(path)
    try:
        return recorded_version(con)
    finally:
        con.close()


def upgrade(path: Path, context: Context | None = None) -> UpgradeReport:
    """Bring the warehouse at `path` up to SCHEMA_VERSION; a no-op when it is already there.

    Raises WarehouseMissing when there is no file, SchemaError when the warehouse is newer than
    this code (never downgraded) or a migration is missing.
    """
    path = Path(path)
    if not path.exists():
        raise WarehouseMissing(f"没有找到数据仓库文件 {path}（warehouse not found）：无需升级。")
    recorded = warehouse_version(path)
    if recorded is None or recorded == SCHEMA_VERSION:
        return UpgradeReport(path, recorded or SCHEMA_VERSION, SCHEMA_VERSION)
    refuse_newer(recorded)
    try:
        steps = chain(recorded, SCHEMA_VERSION)
    except LookupError as exc:
        raise SchemaError(f"{path}: 无法从 schema {recorded} 升级：{exc}") from exc
    with building(path, f"upgrade-{new_load_id()}") as build:
        con = open_readwrite(build)
        try:
            con.execute("BEGIN TRANSACTION")
            _drop_views(con)  # rebuilt from sql/ by apply_schema; old ones may name old columns
            for version, migrate in steps:
                migrate(con, context or Context())
                stage(f"upgrade:{version}")
            conform_tables(con)
            apply_schema(con, upgrading=True)
            con.execute("COMMIT")
            stage("upgrade:committed")
            con.execute("CHECKPOINT")
        except BaseException:
            con.close()
            raise
        con.close()
    return UpgradeReport(path, recorded, SCHEMA_VERSION)


def _drop_views(con: duckdb.DuckDBPyConnection) -> None:
    names = [
        r[0]
        for r in con.execute(
            "SELECT view_name FROM duckdb_views() WHERE NOT internal AND schema_name = 'main'"
        ).fetchall()
    ]
    for name in names:  # names from the catalog, quoted
        con.execute(f'DROP VIEW IF EXISTS "{name}" CASCADE')


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str, bool]]:
    """Return (name, type, nullable) of a table's columns in order."""
    rows = con.execute(
        "SELECT column_name, data_type, is_nullable FROM duckdb_columns() "
        "WHERE table_name = $1 AND schema_name = 'main' ORDER BY column_index",
        [table],
    ).fetchall()
    return [(n, t, bool(nullable)) for n, t, nullable in rows]


def conform_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild every table whose columns differ from sql/'s in order, NOT NULL or new nullable columns.

    Tables sql/ has and the warehouse lacks are left to apply_schema to create. A column the
    warehouse has and sql/ has not, or a new NOT NULL column, means a migration is missing:
    refused, not guessed (no data is dropped or made up).
    """
    fresh = duckdb.connect(":memory:")
    try:
        apply_schema(fresh)
        wanted = {o.name: table_columns(fresh, o.name) for o in sql_objects() if o.kind == "table"}
        generated = {
            (t, c)
            for t, c in fresh.execute(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE is_generated = 'ALWAYS'"
            ).fetchall()
        }
    finally:
        fresh.close()
    objects = {o.name: o for o in sql_objects()}
    for name, want in wanted.items():
        have = table_columns(con, name)
        if not have or have == want:
            continue
        have_names = {c[0] for c in have}
        extra = have_names - {c[0] for c in want}
        # A new column that may be null is null in old rows; any other difference needs a migration.
        required = [c[0] for c in want if c[0] not in have_names and not c[2] and (name, c[0]) not in generated]
        if extra or required:
            raise SchemaError(
                f"{name}: 升级后的列 {[c[0] for c in have]} 与 sql/{name}.sql 的列 "
                f"{[c[0] for c in want]} 不一致：缺少一个迁移（warehouse/migrations/）。"
            )
        copied = ", ".join(
            f'"{c[0]}"' for c in want if (name, c[0]) not in generated and c[0] in have_names
        )
        con.execute(f'ALTER TABLE "{name}" RENAME TO "_upgrade_{name}"')
        con.execute(objects[name].text)  # the table as sql/ defines it, with its seed rows
        con.execute(f'DELETE FROM "{name}"')  # the seed rows come back with the old rows
        con.execute(f'INSERT INTO "{name}" ({copied}) SELECT {copied} FROM "_upgrade_{name}"')
        con.execute(f'DROP TABLE "_upgrade_{name}"')
