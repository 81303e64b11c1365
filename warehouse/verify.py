"""Every file accounted for: each inbox file has a ledger row with a known fate, and the warehouse is sound.

`verify` reads the published warehouse read-only (it never blocks or waits for a load) and
checks, for every file of the inbox (given as path, sha256 and size):
- the ledger holds this path with these bytes, as loaded, superseded, duplicate or rejected;
- a rejected file carries its reason, a superseded one names what superseded it, and a
  duplicate's content is recorded somewhere under a status other than duplicate;
and then runs the zero-row checks of sql/check_*.sql (orphan keys, duplicate grain, ledger vs
facts). Leftover build copies of an interrupted load and a load running right now are
reported as notes: both are normal after a crash or during the nightly run.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from warehouse.checks import CheckFailure, run_checks
from warehouse.connect import open_readonly
from warehouse.lock import describe_holder, is_locked, read_holder
from warehouse.publish import stale_builds

STATUSES = ("loaded", "superseded", "duplicate", "rejected", "withdrawn")


@dataclass(frozen=True)
class InboxFile:
    """One file found in the inbox: absolute path, sha256 of its bytes, size."""

    path: str
    sha256: str
    size: int


@dataclass
class VerifyReport:
    """What verify found: files by ledger status, problems (each a line to act on), notes, checks."""

    warehouse: str
    files: int = 0
    inbox_checked: bool = False
    by_status: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    check_failures: list[CheckFailure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Return True when every file is accounted for and every check returned zero rows."""
        return not self.problems and not self.check_failures

    def render(self) -> str:
        """Return the report as plain text (Chinese first, then English), problems listed one per line."""
        # withdrawn only when there are any: the line reads as it did before withdrawals existed
        counts = ", ".join(
            f"{s} {self.by_status.get(s, 0)}"
            for s in STATUSES
            if s != "withdrawn" or self.by_status.get(s)
        )
        lines = [f"数据仓库 warehouse: {self.warehouse}"]
        if self.inbox_checked:
            lines.append(f"收件夹文件 inbox files: {self.files} ({counts})")
        if self.problems:
            lines.append(f"未交代去向的文件 files not accounted for: {len(self.problems)}")
            lines += [f"  - {p}" for p in self.problems]
        if self.check_failures:
            lines.append(f"完整性检查未通过 integrity checks failed: {len(self.check_failures)} rows")
            lines += [f"  - {f}" for f in self.check_failures]
        lines += [f"注意 note: {n}" for n in self.notes]
        if not self.ok:
            lines.append("结果 result: FAILED — 见上面的问题 (see the problems above)")
        elif self.inbox_checked:
            lines.append(
                "结果 result: OK — 每个文件都有去向，完整性检查全部通过 (every file accounted for, all checks pass)"
            )
        else:
            lines.append("结果 result: OK — 完整性检查全部通过 (all checks pass; inbox not checked)")
        return "\n".join(lines) + "\n"


def verify(warehouse_path: Path, inbox_files: list[InboxFile] | None = None) -> VerifyReport:
    """Return the report of checking the inbox files against the ledger and the warehouse's integrity."""
    warehouse_path = Path(warehouse_path)
    report = VerifyReport(str(warehouse_path))
    if is_locked(warehouse_path):
        report.notes.append(
            "有入库进程正在运行，本报告针对运行前已发布的仓库 an ingestion is running now "
            f"({describe_holder(read_holder(warehouse_path))}); files it is reading are not in the ledger yet"
        )
    leftovers = stale_builds(warehouse_path)
    if leftovers and not is_locked(warehouse_path):
        report.notes.append(
            f"{len(leftovers)} 个中断入库留下的临时副本 build copies left by an interrupted load "
            "(never published; the next jixiao ingest removes them): "
            + ", ".join(p.name for p in leftovers)
        )
    con = open_readonly(warehouse_path)
    try:
        report.check_failures = run_checks(con)
        if inbox_files is not None:
            _check_inbox(con, inbox_files, report)
    finally:
        con.close()
    return report


def _check_inbox(
    con: duckdb.DuckDBPyConnection, inbox_files: list[InboxFile], report: VerifyReport
) -> None:
    rows = con.execute(
        "SELECT path, sha256, status, reason, superseded_by_sha256 FROM ingest_ledger"
    ).fetchall()
    by_pair = {(p, s): (status, reason, by) for p, s, status, reason, by in rows}
    shas_by_path: dict[str, set[str]] = {}
    original: set[str] = set()
    for path, sha, status, _, _ in rows:
        shas_by_path.setdefault(path, set()).add(sha)
        if status != "duplicate":
            original.add(sha)
    counts: Counter[str] = Counter()
    report.files = len(inbox_files)
    report.inbox_checked = True
    for f in inbox_files:
        name = Path(f.path).name
        entry = by_pair.get((f.path, f.sha256))
        if entry is None:
            if f.path in shas_by_path:
                report.problems.append(
                    f"{f.path}: 文件在上次入库后被修改，新内容尚未入库；请运行 jixiao ingest "
                    "(changed since it was last loaded; not ingested yet)"
                )
            else:
                report.problems.append(
                    f"{f.path}: 台账中没有该文件，尚未入库；请运行 jixiao ingest "
                    "(not in the ledger: never ingested)"
                )
            continue
        status, reason, by = entry
        counts[status] += 1
        if status not in STATUSES:
            report.problems.append(f"{f.path}: 台账状态未知 unknown ledger status {status!r}")
        elif status == "rejected" and not (reason or "").strip():
            report.problems.append(f"{f.path}: 被拒收但没有记录原因 (rejected without a reason)")
        elif status == "superseded" and not by:
            report.problems.append(
                f"{f.path}: 标记为已替代，但没有记录被哪个文件替代 (superseded by nothing recorded)"
            )
        elif status == "duplicate" and f.sha256 not in original:
            report.problems.append(
                f"{name}: 标记为重复，但台账中找不到其原件 (duplicate of a file the ledger does not hold)"
            )
    report.by_status = {s: counts.get(s, 0) for s in STATUSES if counts.get(s)}
    if counts.get("withdrawn"):
        report.notes.append(
            f"{counts['withdrawn']} 个已撤回的文件仍在收件夹中；再次放入同样的文件不会恢复，重新报送请提交新文件"
            f" {counts['withdrawn']} withdrawn files are still in the inbox (jixiao withdraw; the same "
            "bytes stay withdrawn: a re-submission is a new file)"
        )
    inbox_paths = {f.path for f in inbox_files}
    gone = sorted(p for p in shas_by_path if p not in inbox_paths)
    if gone:
        report.notes.append(
            f"台账中有 {len(gone)} 个文件已不在收件夹中（已移走，记录保留）"
            f" {len(gone)} ledger paths are no longer in the inbox (moved away; history kept)"
        )
