"""The ingest ledger: which file contents the warehouse has already seen."""

from __future__ import annotations

from pathlib import Path

from warehouse.connect import open_readonly


def known_hashes(warehouse_path: Path) -> set[str]:
    """Return the sha256 of every file content in the ledger (any status): re-reading adds nothing."""
    path = Path(warehouse_path)
    if not path.exists():
        return set()
    con = open_readonly(path)
    try:
        has_ledger = con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'ingest_ledger'"
        ).fetchall()[0][0]
        if not has_ledger:
            return set()
        return {
            row[0] for row in con.execute("SELECT DISTINCT sha256 FROM ingest_ledger").fetchall()
        }
    finally:
        con.close()


def ledger_status(warehouse_path: Path) -> dict[str, str]:
    """Return path -> status of the latest content seen at each path (loaded, rejected, ...)."""
    con = open_readonly(Path(warehouse_path))
    try:
        rows = con.execute(
            "SELECT path, arg_max(status, last_seen_at) FROM ingest_ledger GROUP BY path"
        ).fetchall()
        return {path: status for path, status in rows}
    finally:
        con.close()


def known_pairs(warehouse_path: Path) -> set[tuple[str, str]]:
    """Return every (path, sha256) the ledger holds: the files a run can skip (empty before the first load)."""
    path = Path(warehouse_path)
    if not path.exists():
        return set()
    con = open_readonly(path)
    try:
        return {(p, s) for p, s in con.execute("SELECT path, sha256 FROM ingest_ledger").fetchall()}
    finally:
        con.close()


def recorded_inbox(warehouse_path: Path) -> tuple[str, str] | None:
    """Return (inbox, load_id) of the latest load that recorded its inbox, None when none did."""
    con = open_readonly(Path(warehouse_path))
    try:
        has_table = con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'ingest_inbox'"
        ).fetchall()[0][0]
        if not has_table:
            return None
        row = con.execute(
            "SELECT inbox, load_id FROM ingest_inbox ORDER BY recorded_at DESC, load_id DESC LIMIT 1"
        ).fetchone()
        return (str(row[0]), str(row[1])) if row else None
    finally:
        con.close()
