"""Polars frames into DuckDB and back through the Arrow C stream interface (PyCapsule), without pyarrow.

`df.to_arrow()` and a relation's `.pl()` both go through pyarrow, which a load would import for
nothing else (with numpy: ~0.1 s of every ingest's CPU). Both libraries speak the Arrow C stream
interface directly: DuckDB scans any object with `__arrow_c_stream__`, and polars builds a frame
from one (a DuckDB relation has it). Same columns, same types.
"""

from __future__ import annotations

from typing import Any

import duckdb
import polars as pl


class Scannable:
    """A polars frame as DuckDB scans it (`con.register(name, Scannable(df))`); scannable again and again."""

    def __init__(self, frame: pl.DataFrame) -> None:
        self.frame = frame

    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        return self.frame.__arrow_c_stream__(requested_schema)


def register(con: duckdb.DuckDBPyConnection, name: str, frame: pl.DataFrame) -> None:
    """Make `frame` queryable as `name` on `con` (unregister it after use)."""
    con.register(name, Scannable(frame))


def frame_of(relation: duckdb.DuckDBPyRelation) -> pl.DataFrame:
    """Return the rows of a DuckDB relation as a polars frame (what `.pl()` gives, without pyarrow)."""
    return pl.DataFrame(relation)
