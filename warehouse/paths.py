"""Where things live: the default warehouse file and the sql/ directory (no DuckDB: the CLI imports
this to start fast)."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SQL_DIR = REPO_ROOT / "sql"
# The one default; flows pass their settings' path explicitly.
DEFAULT_WAREHOUSE = Path("var/warehouse/jixiao.duckdb")
DICTIONARY_PATH = REPO_ROOT / "docs" / "data-dictionary.md"


class WarehouseMissing(FileNotFoundError):
    """The warehouse file does not exist yet."""
