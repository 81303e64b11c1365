"""The staging lake: every file's extraction outcome as Parquet, partitioned by county and year.

Layout under the lake root (a local folder or any fsspec URL, e.g. ``s3://bucket/jixiao``
with ``storage_options={"key": ..., "secret": ..., "endpoint_url": ...}`` and s3fs installed)::

    outcomes/division=131026/fiscal_year=2022/part-<sha256 of the bytes>-<path id>.parquet

One part file holds one row: one source file's outcome (its identity, its mtime, its rejection
or its whole in-memory extraction record as JSON, lineage included). So the warehouse can be
built from the lake alone, and staging a file again replaces exactly its own row:

- Same path, same bytes: same part name, written again (idempotent) or skipped by the caller.
- Same path, new bytes: a new part is written first, then the old part is deleted. Until the
  delete lands (or if it never does: a crashed worker, a county code that changed partition)
  the reader keeps only the newest row per path (``staged_at``), so the old row is dead
  either way; ``vacuum`` removes dead parts.

Parts are written atomically: to a hidden temporary name then renamed on a local disk; a
single PUT on an object store (which is atomic per object). Readers only look at
``part-*.parquet``, so a half-written file is never read.

The county (division) of a file is decided by transform.division.resolve_division, the same
function the warehouse's identity uses: the most common first 6 digits of its projects' 项目编码,
else a 6-digit folder name on its path, else the caller's default (the `division` setting), else
``unknown``; rejected files go to ``fiscal_year=unknown``. The warehouse built from the lake takes
each file's division from its partition, so a unit is (division_code, unit_code) on both paths.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq

from extract.outcome import FileOutcome
from transform.division import resolve_division

OUTCOMES = "outcomes"
UNKNOWN = "unknown"
LAKE_FORMAT = 1
_PART = re.compile(r"^part-([0-9a-f]{64})-([0-9a-f]{16})\.parquet$")

SCHEMA = pa.schema([
    ("path", pa.string()),
    ("file", pa.string()),
    ("sha256", pa.string()),
    ("size", pa.int64()),
    ("mtime", pa.float64()),
    ("seconds", pa.float64()),
    ("division", pa.string()),
    ("fiscal_year", pa.int32()),
    ("unit_code", pa.string()),
    ("unit_name", pa.string()),
    ("project_count", pa.int32()),
    ("indicator_count", pa.int32()),
    ("rejection_kind", pa.string()),
    ("rejection_reason", pa.string()),
    # The in-memory record (contract shape plus source_table/source_row lineage), as JSON.
    ("submission_json", pa.string()),
    ("staged_at", pa.timestamp("us", tz="UTC")),
    ("lake_format", pa.int32()),
])


@dataclass(frozen=True)
class LakeRecord:
    """One live row of the lake: the file's outcome plus what the load order and partition need."""

    outcome: FileOutcome
    mtime: float
    division: str
    staged_at: datetime


@dataclass(frozen=True)
class PartRef:
    """Where one path's row lives (from the listing alone, nothing read)."""

    path_id: str
    sha256: str
    url: str
    division: str
    fiscal_year: str


def open_lake(lake: str, storage_options: dict[str, Any] | None = None) -> tuple[Any, str]:
    """Return (fsspec filesystem, root path inside it) for a lake folder or URL."""
    fs, root = fsspec.core.url_to_fs(str(lake), **(storage_options or {}))
    return fs, root.rstrip("/")


def path_id(path: str) -> str:
    """Return the 16-hex id of a source path (part names carry it, so a path's parts are found by name)."""
    return hashlib.sha256(path.encode("utf-8")).hexdigest()[:16]


def division_of(outcome: FileOutcome, default: str | None = None) -> str:
    """Return the county code of a file: from its 项目编码, a 6-digit folder on its path, or `default`."""
    return resolve_division(outcome.submission, outcome.path, default)[0]


def partition_of(outcome: FileOutcome, default_division: str | None = None) -> tuple[str, str]:
    """Return (division, fiscal_year) partition values of an outcome, as folder strings."""
    sub = outcome.submission
    year = sub.get("fiscal_year") if sub else None
    return division_of(outcome, default_division), str(year) if year is not None else UNKNOWN


def part_name(outcome: FileOutcome) -> str:
    """Return the part file name of an outcome: its content hash and its path id."""
    return f"part-{outcome.sha256}-{path_id(outcome.path)}.parquet"


def to_row(outcome: FileOutcome, mtime: float, division: str, staged_at: datetime) -> dict[str, Any]:
    """Return the lake row of one outcome."""
    sub = outcome.submission
    projects = sub["projects"] if sub else []
    return {
        "path": outcome.path,
        "file": outcome.file,
        "sha256": outcome.sha256,
        "size": outcome.size,
        "mtime": mtime,
        "seconds": outcome.seconds,
        "division": division,
        "fiscal_year": sub.get("fiscal_year") if sub else None,
        "unit_code": sub["unit"]["code"] if sub else None,
        "unit_name": sub["unit"]["name"] if sub else None,
        "project_count": len(projects) if sub else None,
        "indicator_count": sum(len(p["indicators"]) for p in projects) if sub else None,
        "rejection_kind": outcome.rejection_kind,
        "rejection_reason": outcome.rejection_reason,
        "submission_json": json.dumps(sub, ensure_ascii=False) if sub is not None else None,
        "staged_at": staged_at,
        "lake_format": LAKE_FORMAT,
    }


def from_row(row: dict[str, Any]) -> LakeRecord:
    """Return the LakeRecord of one lake row (the FileOutcome exactly as it was staged)."""
    text = row["submission_json"]
    outcome = FileOutcome(
        path=row["path"], file=row["file"], sha256=row["sha256"], size=row["size"],
        submission=json.loads(text) if text is not None else None,
        rejection_kind=row["rejection_kind"], rejection_reason=row["rejection_reason"],
        seconds=row["seconds"],
    )
    return LakeRecord(outcome, row["mtime"], row["division"], row["staged_at"])


def stage(
    lake: str, outcome: FileOutcome, mtime: float, *, default_division: str | None = None,
    replaces: Iterable[str] = (), storage_options: dict[str, Any] | None = None,
) -> str:
    """Write one outcome's part atomically, delete the parts it `replaces`; return the part's URL."""
    fs, root = open_lake(lake, storage_options)
    division, year = partition_of(outcome, default_division)
    folder = f"{root}/{OUTCOMES}/division={division}/fiscal_year={year}"
    final = f"{folder}/{part_name(outcome)}"
    row = to_row(outcome, mtime, division, datetime.now(UTC))
    table = pa.Table.from_pylist([row], schema=SCHEMA)
    fs.makedirs(folder, exist_ok=True)
    if _is_local(fs):
        tmp = f"{folder}/.tmp-{uuid.uuid4().hex}"
        try:
            with fs.open(tmp, "wb") as handle:
                pq.write_table(table, handle, compression="zstd")
            fs.mv(tmp, final)  # a rename within one folder: readers see all of it or nothing
        finally:
            if fs.exists(tmp):
                fs.rm(tmp)
    else:
        with fs.open(final, "wb") as handle:  # one PUT on close: atomic per object
            pq.write_table(table, handle, compression="zstd")
    for old in replaces:
        old_path = _strip(fs, old)
        if old_path != final and fs.exists(old_path):
            fs.rm(old_path)
    return _url(fs, final)


def list_parts(lake: str, storage_options: dict[str, Any] | None = None) -> list[PartRef]:
    """Return every part file in the lake, from the listing alone (no file is read)."""
    fs, root = open_lake(lake, storage_options)
    base = f"{root}/{OUTCOMES}"
    if not fs.exists(base):
        return []
    refs = []
    for found in sorted(fs.find(base)):
        pure = PurePosixPath(found)
        match = _PART.match(pure.name)
        if not match or len(pure.parts) < 3:
            continue
        division = pure.parent.parent.name.removeprefix("division=")
        year = pure.parent.name.removeprefix("fiscal_year=")
        refs.append(PartRef(match.group(2), match.group(1), _url(fs, found), division, year))
    return refs


def index(lake: str, storage_options: dict[str, Any] | None = None) -> dict[str, list[PartRef]]:
    """Return path id -> the parts holding that path (usually one; more until a replace lands)."""
    out: dict[str, list[PartRef]] = {}
    for ref in list_parts(lake, storage_options):
        out.setdefault(ref.path_id, []).append(ref)
    return out


LIGHT = [name for name in SCHEMA.names if name != "submission_json"]


def _read_part(fs: Any, path: str, columns: list[str] | None = None) -> list[dict[str, Any]]:
    schema = SCHEMA if columns is None else pa.schema([SCHEMA.field(c) for c in columns])
    with fs.open(path, "rb") as handle:
        rows: list[dict[str, Any]] = pq.read_table(handle, columns=columns, schema=schema).to_pylist()
    return rows


def _read_many(fs: Any, urls: Sequence[str], columns: list[str] | None, threads: int) -> list[dict[str, Any]]:
    """Return the rows of many parts, each with its part URL under "part"."""
    def one(url: str) -> list[dict[str, Any]]:
        return [{**row, "part": url} for row in _read_part(fs, _strip(fs, url), columns)]

    # Many small objects: read them concurrently (IO-bound on an object store).
    with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
        return [row for chunk in pool.map(one, urls) for row in chunk]


def read_rows(
    lake: str, *, divisions: Sequence[str] | None = None, years: Sequence[int | str] | None = None,
    storage_options: dict[str, Any] | None = None, threads: int = 8, light: bool = False,
) -> list[dict[str, Any]]:
    """Return the live rows of the lake (newest row per path), sorted by path, with each part's URL.

    `divisions`/`years` keep those partitions only (rejected files, year unknown, always come
    along); `light` leaves out the submission JSON.
    """
    fs, _ = open_lake(lake, storage_options)
    wanted_years = {str(y) for y in years} | {UNKNOWN} if years is not None else None
    parts = [
        ref.url for ref in list_parts(lake, storage_options)
        if (divisions is None or ref.division in divisions)
        and (wanted_years is None or ref.fiscal_year in wanted_years)
    ]
    newest: dict[str, dict[str, Any]] = {}
    for row in _read_many(fs, parts, LIGHT if light else None, threads):
        kept = newest.get(row["path"])
        if kept is None or (row["staged_at"], row["sha256"]) > (kept["staged_at"], kept["sha256"]):
            newest[row["path"]] = row
    return [newest[p] for p in sorted(newest)]


def read_records(lake: str, **kwargs: Any) -> list[LakeRecord]:
    """Return the live LakeRecords of the lake, sorted by path (see read_rows for the filters)."""
    return [from_row(row) for row in read_rows(lake, **kwargs)]


def plan_rows(
    rows: Sequence[dict[str, Any]], known_hashes: set[str] | frozenset[str] = frozenset(),
    known_pairs: set[tuple[str, str]] | frozenset[tuple[str, str]] = frozenset(),
) -> tuple[list[dict[str, Any]], list[FileOutcome]]:
    """Return (rows to read, in load order; outcomes passed unread) as the single-machine plan would.

    Mirrors flows.steps.plan + in_load_order: a file whose (path, sha256) is in the ledger is
    skipped; bytes seen before (in the warehouse under another path, or earlier in path order)
    go unread to the load, which records them as duplicates; the rest in (mtime, path) order.
    """
    read: list[dict[str, Any]] = []
    unread: list[FileOutcome] = []
    seen: set[str] = set()
    for row in sorted(rows, key=lambda r: r["path"]):
        sha = row["sha256"]
        if (row["path"], sha) in known_pairs:
            pass
        elif sha and (sha in known_hashes or sha in seen):
            unread.append(FileOutcome(row["path"], row["file"], sha, row["size"], None, None, None, 0.0))
        else:
            read.append(row)
        if sha:
            seen.add(sha)
    read.sort(key=lambda r: (r["mtime"], r["path"]))
    return read, unread


def load_outcomes(
    lake: str, rows: Sequence[dict[str, Any]], known_hashes: set[str] | frozenset[str] = frozenset(),
    known_pairs: set[tuple[str, str]] | frozenset[tuple[str, str]] = frozenset(), *,
    storage_options: dict[str, Any] | None = None, threads: int = 8,
) -> list[FileOutcome]:
    """Return the outcomes to load, in order, for these (light) rows; only those parts' JSON is read."""
    read, unread = plan_rows(rows, known_hashes, known_pairs)
    fs, _ = open_lake(lake, storage_options)
    full = {row["part"]: row for row in _read_many(fs, [r["part"] for r in read], None, threads)}
    return [from_row(full[r["part"]]).outcome for r in read] + unread


def chunks(rows: Sequence[dict[str, Any]], max_files: int | None) -> list[list[dict[str, Any]]]:
    """Return the rows cut into loads of whole (year, county) partitions, about `max_files` each.

    A unit's files (and so its re-submissions) share a partition, so each load sees all of
    them; files of unknown year (rejected) come first. None keeps everything in one load.
    """
    if max_files is None:
        return [list(rows)] if rows else []
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in rows:
        year = str(row["fiscal_year"]) if row["fiscal_year"] is not None else ""
        groups.setdefault((year, row["division"]), []).append(row)
    out: list[list[dict[str, Any]]] = []
    for key in sorted(groups):
        if not out or len(out[-1]) + len(groups[key]) > max_files:
            out.append([])
        out[-1].extend(groups[key])
    return [c for c in out if c]


def vacuum(lake: str, storage_options: dict[str, Any] | None = None) -> int:
    """Delete dead parts (an older row of a path whose newer row lives elsewhere); return how many."""
    fs, _ = open_lake(lake, storage_options)
    removed = 0
    for refs in index(lake, storage_options).values():
        if len(refs) < 2:
            continue
        rows = [(_read_part(fs, _strip(fs, ref.url))[0], ref) for ref in refs]
        rows.sort(key=lambda t: (t[0]["staged_at"], t[0]["sha256"]))
        for _, ref in rows[:-1]:
            fs.rm(_strip(fs, ref.url))
            removed += 1
    return removed


def _is_local(fs: Any) -> bool:
    protocol = fs.protocol if isinstance(fs.protocol, tuple) else (fs.protocol,)
    return "file" in protocol or "local" in protocol


def _url(fs: Any, path: str) -> str:
    """Return a full URL for a path inside `fs` (plain path for a local disk)."""
    return path if _is_local(fs) else fs.unstrip_protocol(path)


def _strip(fs: Any, url: str) -> str:
    return str(fs._strip_protocol(url))
