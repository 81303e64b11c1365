"""Zero-row integrity checks (sql/check_*.sql): orphan keys, duplicate grain, ledger vs facts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse.connect import open_readonly
from warehouse.paths import SQL_DIR


@dataclass(frozen=True)
class CheckFailure:
    """One offending row of a check: which check, what is wrong, about what, how many rows."""

    check: str
    problem: str
    subject: str
    rows: int

    def __str__(self) -> str:
        return f"{self.check}: {self.problem}: {self.subject} ({self.rows} rows)"


def check_files(sql_dir: Path = SQL_DIR) -> list[Path]:
    """Return the check queries of sql/, by name."""
    return sorted(sql_dir.glob("check_*.sql"))


def run_checks(
    con_or_path: duckdb.DuckDBPyConnection | Path | str, sql_dir: Path = SQL_DIR
) -> list[CheckFailure]:
    """Return every row the zero-row checks return (an empty list means the warehouse is sound)."""
    if isinstance(con_or_path, duckdb.DuckDBPyConnection):
        return _run(con_or_path, sql_dir)
    con = open_readonly(Path(con_or_path))
    try:
        return _run(con, sql_dir)
    finally:
        con.close()


def _run(con: duckdb.DuckDBPyConnection, sql_dir: Path) -> list[CheckFailure]:
    failures: list[CheckFailure] = []
    for path in check_files(sql_dir):
        try:
            rows = con.execute(path.read_text(encoding="utf-8")).fetchall()
        except duckdb.Error as exc:
            failures.append(
                CheckFailure(path.stem, "check could not run", str(exc).splitlines()[0], 1)
            )
            continue
        for row in rows:
            problem, subject, count = (list(row) + [None, None, 1])[:3]
            failures.append(CheckFailure(path.stem, str(problem), str(subject), int(count or 1)))
    return failures
