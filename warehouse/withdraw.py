"""Withdraw a submission (撤回报送): its unit and year leave the marts; the ledger keeps who, why, when.

A withdrawal is published like a load: a private copy of the warehouse, one transaction, an
atomic rename, a row in `loads` (its load id ends with `-withdraw`). In that copy the current
submission of the unit and year stops being current (dim_submission.is_current), its ledger rows
become `withdrawn` with the reason, and `ingest_withdrawal` records who withdrew it, why and when.
Nothing is deleted: the submission, its facts and its findings stay as history, like a superseded
one. The cross-unit review findings of that year are re-decided without it. Earlier versions stay
superseded: the unit has no current submission for that year until it sends a new file, which the
next ingest loads as usual. The same bytes dropped into the inbox again stay withdrawn (the ledger
knows them); a re-submission is a new file.
Callers hold the writer lock (warehouse.lock), as a load does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from transform.keys import UNKNOWN_KEY, new_load_id
from warehouse import selfeval
from warehouse.connect import WarehouseMissing, open_readwrite
from warehouse.findings import refresh_cross_unit
from warehouse.publish import building
from warehouse.schema import apply_schema


class WithdrawError(ValueError):
    """Nothing (or more than one thing) to withdraw; the message says what to give instead."""


@dataclass(frozen=True)
class Withdrawal:
    """What was withdrawn, by whom and why, and the load id that published it."""

    load_id: str
    division_code: str
    unit_code: str
    unit_name: str
    fiscal_year: int
    sha256: str
    path: str
    withdrawn_by: str
    reason: str

    def line(self) -> str:
        """Return one line saying what was withdrawn."""
        return (
            f"已撤回 withdrawn: {self.unit_code} {self.unit_name} {self.fiscal_year}年 "
            f"(county {self.division_code}, file {self.path}) by {self.withdrawn_by}: {self.reason} "
            f"[{self.load_id}]"
        )


_SUBMISSION = (
    "SELECT s.submission_key, s.sha256, s.division_code, s.unit_code, s.unit_name, s.fiscal_year, "
    "s.path, s.is_current FROM dim_submission AS s WHERE s.submission_key <> $unknown "
)


def _matches(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    return con.execute(_SUBMISSION + sql, {"unknown": UNKNOWN_KEY, **params}).fetchall()


def find_current(
    con: duckdb.DuckDBPyConnection,
    *,
    unit: str | None = None,
    year: int | None = None,
    division: str | None = None,
    file: str | None = None,
) -> tuple[Any, ...]:
    """Return the one current submission named by unit (code or name) and year, or by file."""
    if file is not None:
        # The ledger holds absolute paths (as ingest saw them); a bare file name also does when
        # it names one file. The file itself may be gone from the inbox already.
        paths = sorted({file, str(Path(file).resolve())})
        rows = _matches(
            con,
            "AND s.sha256 IN (SELECT sha256 FROM ingest_ledger WHERE path IN (SELECT unnest($paths)))",
            {"paths": paths},
        ) or _matches(
            con,
            "AND s.sha256 IN (SELECT sha256 FROM ingest_ledger WHERE file_name = $name)",
            {"name": Path(file).name},
        )
        what = f"文件 file {file}"
    else:
        if unit is None or year is None:
            raise WithdrawError("请给出 --unit 和 --year，或 --file (give --unit and --year, or --file)")
        rows = _matches(
            con,
            "AND s.fiscal_year = $year AND (s.unit_code = $unit OR s.unit_name = $unit) "
            "AND ($division IS NULL OR s.division_code = $division) "
            "AND s.kind = 'targets'",  # a unit-year's targets; its 绩效自评 is withdrawn by --file
            {"unit": unit, "year": year, "division": division},
        )
        what = f"单位 unit {unit} {year}年" + (f" (county {division})" if division else "")
    current = [r for r in rows if r[7]]
    if not current:
        if rows:
            raise WithdrawError(
                f"{what}：没有当前报送可撤回，它已被替代或撤回 (not current: already superseded or "
                "withdrawn; nothing to withdraw)"
            )
        raise WithdrawError(f"{what}：数据仓库中没有这份报送 (no such submission in the warehouse)")
    if len(current) > 1:
        counties = ", ".join(sorted({f"{r[2]} {r[3]} {r[4]}" for r in current}))
        raise WithdrawError(
            f"{what}：有 {len(current)} 份当前报送 ({counties})；请用 --division 或 --file 指明 "
            "(more than one current submission; say which with --division or --file)"
        )
    return current[0]


def withdraw(
    warehouse_path: Path,
    *,
    withdrawn_by: str,
    reason: str,
    unit: str | None = None,
    year: int | None = None,
    division: str | None = None,
    file: str | None = None,
) -> Withdrawal:
    """Withdraw one current submission and publish the warehouse; return what was withdrawn."""
    warehouse_path = Path(warehouse_path)
    if not warehouse_path.exists():
        raise WarehouseMissing(f"没有找到数据仓库文件 {warehouse_path}（warehouse not found）")
    if not reason.strip():
        raise WithdrawError("请用 --reason 说明撤回原因 (say why with --reason)")
    load_id = new_load_id() + "-withdraw"  # sorts by time like every load id
    started = datetime.now(UTC)
    with building(warehouse_path, load_id) as build:
        con = open_readwrite(build)
        try:
            con.execute("BEGIN TRANSACTION")
            version = apply_schema(con)
            key, sha, division_code, unit_code, unit_name, fiscal_year, path, _ = find_current(
                con, unit=unit, year=year, division=division, file=file
            )
            _withdraw_in(con, key, sha, load_id, withdrawn_by, reason, started)
            refresh_cross_unit(con, [fiscal_year], load_id)
            selfeval.refresh(con, [fiscal_year], load_id)  # links and 自评复核 follow what is current
            con.execute(
                "INSERT INTO loads VALUES ($1, $2, $3, $4, 0, 0, 0, 0, 0, 0, 0, 0, 0)",
                [load_id, started, datetime.now(UTC), version],
            )
            con.execute("COMMIT")
            con.execute("CHECKPOINT")
        finally:
            con.close()
    return Withdrawal(
        load_id, division_code, unit_code, unit_name or "", fiscal_year, sha, path or "",
        withdrawn_by, reason,
    )


def _withdraw_in(
    con: duckdb.DuckDBPyConnection,
    key: str,
    sha: str,
    load_id: str,
    withdrawn_by: str,
    reason: str,
    now: datetime,
) -> None:
    con.execute("UPDATE dim_submission SET is_current = false WHERE submission_key = $1", [key])
    con.execute(
        "UPDATE ingest_ledger SET status = 'withdrawn', reason = $2, status_changed_at = $3, "
        "last_load_id = $4 WHERE sha256 = $1 AND status = 'loaded'",
        [sha, f"已撤回（{withdrawn_by}）：{reason}", now, load_id],
    )
    con.execute(
        "INSERT INTO ingest_withdrawal SELECT submission_key, sha256, path, division_code, unit_code, "
        "fiscal_year, $2, $3, $4, $5 FROM dim_submission WHERE submission_key = $1",
        [key, withdrawn_by, reason, now, load_id],
    )
    # As warehouse.load does after every load: a project is current while a current submission has it.
    con.execute(
        "UPDATE dim_project SET is_current = project_key IN ("
        " SELECT b.project_key FROM fct_project_budget AS b JOIN dim_submission AS s USING (submission_key)"
        " WHERE s.is_current) WHERE project_key <> $1",
        [UNKNOWN_KEY],
    )
