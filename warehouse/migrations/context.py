"""What a migration may need besides the warehouse: the installation's settings."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Context:
    """Installation settings a migration uses to derive old rows' new values."""

    division: str | None = None  # the `division` setting (a single-county installation)
    county_name: str | None = None  # the `county_name` setting
