"""Decide what each file of a batch becomes: loaded, superseded, rejected or duplicate.

Pure Python over the batch's submissions frame and what the warehouse already holds; the loader
turns the decision into rows. A submission is (division_code, unit_code, fiscal_year, kind): counties
number their units alike, so a unit code alone never supersedes across counties, and a unit's
year-end self-evaluation (kind self_evaluation) never supersedes its targets (kind targets). Rules:
- the same path with the same bytes as an earlier load: seen again, nothing added;
- bytes the ledger has seen at another path, or seen earlier in this batch: duplicate;
- a file extraction rejected: rejected, with its reason;
- otherwise loaded. Among loaded files of one county, unit, budget year and kind, the last in batch order is
  current; earlier ones in the batch and the warehouse's current one become superseded (their
  rows stay as history). Files without a unit code or year never supersede anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Existing:
    """What the warehouse holds before the load."""

    ledger_pairs: set[tuple[str, str]]  # (path, sha256)
    ledger_files: dict[str, str]  # sha256 -> file name first seen with it
    # (division, unit, year, kind) -> (submission_key, sha256)
    current: dict[tuple[str, str, int, str], tuple[str, str]]
    max_version: dict[tuple[str, str, int, str], int]


@dataclass
class Decision:
    """What becomes of the batch."""

    resighted: list[dict[str, Any]] = field(default_factory=list)
    ledger_rows: list[dict[str, Any]] = field(default_factory=list)
    new_submissions: list[dict[str, Any]] = field(default_factory=list)
    # (old submission_key, old sha256, new submission_key, new sha256, new file)
    superseded_existing: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    new_files: int = 0
    rejected: int = 0
    duplicate: int = 0
    superseded: int = 0


def decide(submissions: list[dict[str, Any]], existing: Existing) -> Decision:
    """Return what becomes of each file of the batch (rows in batch order)."""
    d = Decision()
    batch_pairs: set[tuple[str, str]] = set()
    batch_files: dict[str, str] = {}
    loaded: list[dict[str, Any]] = []
    for row in sorted(submissions, key=lambda r: r["batch_seq"]):
        pair = (row["path"], row["submission_id"])
        sha = row["submission_id"]
        if pair in existing.ledger_pairs or pair in batch_pairs:
            d.resighted.append(row)
            d.duplicate += 1
            continue
        batch_pairs.add(pair)
        earlier = existing.ledger_files.get(sha) or batch_files.get(sha)
        if earlier is not None:
            d.ledger_rows.append(
                _ledger(
                    row, "duplicate", None, f"与已收到的文件 {earlier} 内容完全相同，未重复入库。"
                )
            )
            d.duplicate += 1
            continue
        batch_files[sha] = row["file"]
        d.new_files += 1
        if row["status"] != "loaded":
            d.ledger_rows.append(
                _ledger(row, "rejected", row["rejection_kind"], row["rejection_reason"])
            )
            d.rejected += 1
            continue
        loaded.append(row)

    last_in_batch: dict[tuple[str, str, int, str], dict[str, Any]] = {}
    for row in loaded:
        if row["unit_code"] is not None and row["fiscal_year"] is not None:
            last_in_batch[identity(row)] = row
    next_version = dict(existing.max_version)
    for row in loaded:
        unit_year = identity(row)
        newest = last_in_batch.get(unit_year) if None not in unit_year else row
        is_current = newest is row
        version = next_version.get(unit_year, 0) + 1 if None not in unit_year else 1
        if None not in unit_year:
            next_version[unit_year] = version
        by = None if is_current or newest is None else newest
        d.new_submissions.append(
            {
                **row,
                "version": version,
                "is_current": is_current,
                "superseded_by_key": by["submission_key"] if by else None,
            }
        )
        if by is None:
            d.ledger_rows.append(_ledger(row, "loaded", None, None))
        else:
            d.superseded += 1
            d.ledger_rows.append(
                _ledger(
                    row,
                    "superseded",
                    None,
                    _superseded_reason(by),
                    superseded_by=by["submission_id"],
                )
            )
    for unit_year, row in last_in_batch.items():
        old = existing.current.get(unit_year)
        if old is not None:
            d.superseded += 1
            d.superseded_existing.append(
                (old[0], old[1], row["submission_key"], row["submission_id"], row["file"])
            )
    return d


def identity(row: dict[str, Any]) -> tuple[Any, Any, Any, str]:
    """Return a submission's identity: (division_code, unit_code, fiscal_year, kind)."""
    return (row.get("division_code") or "unknown", row["unit_code"], row["fiscal_year"],
            row.get("kind") or "targets")


def _superseded_reason(newer: dict[str, Any]) -> str:
    what = "绩效自评" if newer.get("kind") == "self_evaluation" else "报送"
    return (
        f"已被同一县区（{newer.get('division_code') or 'unknown'}）同一单位（{newer['unit_code']}）"
        f"同一年度（{newer['fiscal_year']}）的新{what} {newer['file']} 替代，保留为历史版本。"
    )


def superseded_reason(
    division_code: str, unit_code: str, fiscal_year: int, file: str, kind: str = "targets"
) -> str:
    """Return the ledger reason for a submission replaced by `file`."""
    return _superseded_reason(
        {"division_code": division_code, "unit_code": unit_code, "fiscal_year": fiscal_year, "file": file,
         "kind": kind}
    )


def _ledger(
    row: dict[str, Any],
    status: str,
    kind: str | None,
    reason: str | None,
    superseded_by: str | None = None,
) -> dict[str, Any]:
    return {
        "path": row["path"],
        "sha256": row["submission_id"],
        "file_name": row["file"],
        "size_bytes": row["size"],
        "status": status,
        "rejection_kind": kind,
        "reason": reason,
        "division_code": row.get("division_code") if status in ("loaded", "superseded") else None,
        "unit_code": row["unit_code"],
        "fiscal_year": row["fiscal_year"],
        "submission_key": row["submission_key"] if status in ("loaded", "superseded") else None,
        "superseded_by_sha256": superseded_by,
    }
