"""Ordered migrations that bring a warehouse written by an earlier release up to SCHEMA_VERSION.

Each migration is a module `vNNN_<what>.py` named for the schema version it produces, with a
function `migrate(con, context)` that changes the DATA of a warehouse one version older: new
columns filled, keys recomputed, new tables filled. The tables' final SHAPE (column order, NOT
NULL, new tables, views, comments) always comes from sql/ afterwards (warehouse.upgrade conforms
every table to it), so sql/ stays the one declarative description of the newest schema.
A migration adds columns with `ADD COLUMN IF NOT EXISTS` and fills new tables `BY NAME`, so it
still works when later versions have grown those tables further.

Adding a version: raise warehouse.schema.SCHEMA_VERSION, list what changed in CHANGES, add
`vNNN_<what>.py` here and its entry in MIGRATIONS.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from warehouse.migrations import v002_counties, v003_selfevaluation
from warehouse.migrations.context import Context

__all__ = ["MIGRATIONS", "Context", "chain"]

Migration = Callable[[duckdb.DuckDBPyConnection, Context], None]

# version produced -> migration from the version before it, in order.
MIGRATIONS: dict[int, Migration] = {
    2: v002_counties.migrate,
    3: v003_selfevaluation.migrate,
}


def chain(recorded: int, target: int) -> list[tuple[int, Migration]]:
    """Return the migrations (version, function) that bring `recorded` up to `target`, in order."""
    missing = [v for v in range(recorded + 1, target + 1) if v not in MIGRATIONS]
    if missing:
        raise LookupError(f"no migration to schema version(s) {missing}")
    return [(v, MIGRATIONS[v]) for v in range(recorded + 1, target + 1)]
