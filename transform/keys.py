"""Deterministic surrogate keys and load ids.

A surrogate key is the md5 hex digest (32 lowercase hex characters, VARCHAR in DuckDB) of
the entity name and its natural-key parts joined by U+001F (unit separator), so the same
natural key gives the same key in every load, on every machine, in Python and in SQL:

    key = md5("unit" + "\x1f" + "131026" + "\x1f" + "306001")

Identity includes the county: a unit is (division_code, unit_code) and a project is keyed within
its unit, because counties number their units alike (transform/division.py). A division that
could not be found is the string "unknown", so such units still get keys of their own.

A dimension's natural key that is unknown (null unit code, ...) gets UNKNOWN_KEY, the key of
the dimension's "unknown" member, so no fact row is orphaned.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

import polars as pl

# The columns every staging row of a submission's content starts with (projects, indicators,
# spending plans, department goals, warnings, self-evaluation rows), in this order.
SUBMISSION_ROW_KEYS: dict[str, pl.DataType | type[pl.DataType]] = {
    "submission_id": pl.String,
    "submission_key": pl.String,
    "division_code": pl.String,
    "unit_code": pl.String,
    "unit_key": pl.String,
    "fiscal_year": pl.Int32,
}

UNKNOWN_KEY = "0" * 32
_SEP = "\x1f"


def surrogate_key(entity: str, *parts: object) -> str:
    """Return the md5 hex key of `entity` and its natural-key parts (UNKNOWN_KEY if any is None)."""
    if any(p is None for p in parts):
        return UNKNOWN_KEY
    text = _SEP.join([entity, *(str(p) for p in parts)])
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def unit_key(division_code: str | None, unit_code: str | None) -> str:
    """Return the surrogate key of a budget unit (预算单位): its county and its code."""
    return surrogate_key("unit", division_code, unit_code)


def project_key(
    division_code: str | None,
    unit_code: str | None,
    fiscal_year: int | None,
    code: str | None,
    name: str | None,
    submission_id: str,
    seq: int,
) -> str:
    """Return a project's key: by county, unit, year and 项目编码, else 项目名称, else file and position."""
    if division_code is not None and unit_code is not None and fiscal_year is not None:
        if code:
            return surrogate_key("project", division_code, unit_code, fiscal_year, "code:" + code)
        if name:
            return surrogate_key("project", division_code, unit_code, fiscal_year, "name:" + name)
    return surrogate_key("project", "submission:" + submission_id, seq)


def key_column(entity: str, rows: Iterable[Sequence[object]]) -> pl.Series:
    """Return a Utf8 series of surrogate keys, one per tuple of natural-key parts."""
    return pl.Series([surrogate_key(entity, *r) for r in rows], dtype=pl.String)


def new_load_id(now: datetime | None = None) -> str:
    """Return a sortable load id: UTC timestamp plus a random suffix (20261127T210316Z-1a2b3c)."""
    now = now or datetime.now(UTC)
    return f"{now.strftime('%Y%m%dT%H%M%SZ')}-{secrets.token_hex(3)}"
