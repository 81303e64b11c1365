"""The ingestion pipeline as plain functions (no Prefect): find files, plan, batch, summarise.

The nightly flow wires these together as tasks; `run_direct` runs the same pipeline without
Prefect (for the overhead benchmark and for debugging). Decisions recorded here:

- Every file under the inbox counts, recursively, except hidden files and folders (".*") and
  Word's lock files ("~$*.docx"), which are the editor's own scratch files, not submissions.
- Every other file is handed to extraction whatever its name: the extractor decides by
  content (a .docx renamed .doc, an RTF saved as .doc, an Excel workbook renamed .docx, a
  PDF), so a file that is not Word is recorded in the ledger as rejected with the
  extractor's reason instead of being ignored silently. A file over the size cap is
  rejected ("too_large") before anything reads it.
- A file whose bytes (sha256) are already in the ledger at the same path is skipped before
  anything reads it. The same bytes under a new path (a renamed copy), or twice in one run,
  are not parsed either: they go to the load unread and the warehouse records them as
  duplicates, so every file in the inbox ends up in the ledger.
- Paths are absolute (the inbox is resolved), so the ledger does not depend on the folder
  the command was started from.
"""

from __future__ import annotations

import functools
import hashlib
import os
import time
import unicodedata
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from extract.outcome import FileOutcome

_HASH_CHUNK = 1024 * 1024
T = TypeVar("T")


@dataclass(frozen=True)
class Plan:
    """What one run will do with each file found in the inbox."""

    seen: int
    to_extract: list[Path]
    known: list[Path]  # this path with these bytes is already in the ledger: skipped
    pre_rejected: list[FileOutcome]  # over the size cap: rejected without reading
    # Bytes already seen (in the ledger under another path, or earlier in this run): passed to
    # the load unread (no submission, no rejection) for the warehouse to record as duplicates.
    unread: list[FileOutcome] = field(default_factory=list)
    # Modification time of each file (by path): of two files for the same unit and year read
    # in one run, the later one is the current submission.
    mtimes: dict[str, float] = field(default_factory=dict)


@dataclass
class RunSummary:
    """What a run did, in numbers a reviewer reads first (also the markdown artifact)."""

    load_id: str
    inbox: str
    warehouse: str
    seen: int = 0
    known: int = 0
    new: int = 0
    loaded: int = 0
    rejected: int = 0
    duplicate: int = 0
    superseded: int = 0
    projects: int = 0
    indicators: int = 0
    warnings: int = 0  # extraction warnings in the files read (what the extractor was unsure of)
    findings: dict[str, int] = field(default_factory=dict)
    # 自评复核 findings of the current self-evaluations of the years loaded (mart_selfeval_audit).
    selfeval_findings: dict[str, int] = field(default_factory=dict)
    rejected_files: list[dict[str, str]] = field(default_factory=list)
    # Loaded files whose county (division) nothing told: project codes, folder, nor settings.
    unknown_division_files: list[str] = field(default_factory=list)
    seconds: float = 0.0
    # What the marts show after this run (current submissions only, every load so far).
    current: dict[str, int] = field(default_factory=dict)


def new_load_id() -> str:
    """Return a fresh load id: UTC time then a random suffix, sortable and unique."""
    return f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}"


def is_candidate(relative: Path) -> bool:
    """Return whether a path under the inbox is a possible submission (not hidden, not a lock file)."""
    if any(part.startswith(".") for part in relative.parts):
        return False
    return not relative.name.startswith("~$")


def discover(inbox: Path) -> list[Path]:
    """Return every candidate file under `inbox` (absolute paths), recursively, sorted."""
    inbox = Path(inbox).resolve()
    if not inbox.is_dir():
        raise FileNotFoundError(f"收件夹不存在 inbox folder not found: {inbox}")
    found: list[Path] = []
    # Symlinked folders are not followed: the inbox is what was dropped into it, nothing more.
    for folder, dirs, files in os.walk(inbox):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            path = Path(folder) / name
            if is_candidate(path.relative_to(inbox)) and path.is_file():
                found.append(path)
    return sorted(found)


def sha256_of(path: Path) -> tuple[str, int]:
    """Return the sha256 (hex) and size in bytes of one file, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_HASH_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _unread(path: Path, sha: str, size: int, kind: str | None = None, reason: str | None = None) -> FileOutcome:
    """Return the outcome of a file not parsed: rejected up front, or bytes already seen."""
    return FileOutcome(
        path=str(path), file=path.name, sha256=sha, size=size, submission=None,
        rejection_kind=kind, rejection_reason=reason, seconds=0.0,
    )


def plan(
    paths: Sequence[Path], known_hashes: set[str], max_file_bytes: int,
    known_paths: set[str] | frozenset[str] = frozenset(),
    known_pairs: set[tuple[str, str]] | None = None,
) -> Plan:
    """Return what to do with each file: extract it, skip it, reject it as too large, or pass it unread.

    With `known_pairs` (the ledger's (path, sha256) rows), a file is skipped only when this
    path with these bytes is in the ledger: two files whose contents were swapped have known
    paths and known bytes, but are not known files.
    """
    to_extract: list[Path] = []
    known: list[Path] = []
    pre_rejected: list[FileOutcome] = []
    unread: list[FileOutcome] = []
    this_run: set[str] = set()
    mtimes: dict[str, float] = {}
    for path in paths:
        sha, size = sha256_of(path)
        mtimes[str(path)] = path.stat().st_mtime
        if (
            (str(path), sha) in known_pairs
            if known_pairs is not None
            else sha in known_hashes and str(path) in known_paths
        ):
            known.append(path)
        elif sha in known_hashes or sha in this_run:
            unread.append(_unread(path, sha, size))
        elif size > max_file_bytes:
            pre_rejected.append(_unread(
                path, sha, size, "too_large",
                f"{path.name}: 文件 {size / 1048576:.1f} MB，超过上限 {max_file_bytes / 1048576:.2f} MB，"
                "未读取；请删除文档中的大图片后重新报送。",
            ))
        else:
            to_extract.append(path)
        this_run.add(sha)
    return Plan(len(paths), to_extract, known, pre_rejected, unread, mtimes)


def batches(items: Sequence[T], size: int, workers: int = 1) -> list[list[T]]:
    """Return `items` cut into consecutive batches of at most `size`, as even as can be.

    As few batches as `size` allows (each is a task run: orchestration costs per batch, not per
    file), but a multiple of `workers` of them when there are enough items, so that every worker
    has as much to read: 303 files, size 100, 2 workers: 76, 76, 76, 75 (not 100, 100, 100, 3).
    """
    if not items:
        return []
    count = -(-len(items) // size)
    count = min(len(items), count + (-count % max(1, workers)))
    share, extra = divmod(len(items), count)
    cut, start = [], 0
    for n in range(count):
        end = start + share + (1 if n < extra else 0)
        cut.append(list(items[start:end]))
        start = end
    return cut


def summarize(
    load_id: str, inbox: Path, warehouse: Path, plan_: Plan, outcomes: Sequence[FileOutcome],
    frames: dict[str, Any] | None, findings: Any, report: Any,
) -> RunSummary:
    """Return the run's summary from the plan, the outcomes, the frames, findings and load report."""
    summary = RunSummary(load_id=load_id, inbox=str(inbox), warehouse=str(warehouse))
    summary.seen = plan_.seen
    summary.known = len(plan_.known)
    summary.new = plan_.seen - len(plan_.known)
    rejected = [o for o in outcomes if o.rejection_kind is not None]
    summary.rejected = len(rejected)
    summary.duplicate = len(plan_.unread)
    summary.loaded = len(outcomes) - len(rejected) - len(plan_.unread)
    summary.rejected_files = [
        {"file": o.path, "kind": o.rejection_kind or "", "reason": o.rejection_reason or ""}
        for o in sorted(rejected, key=lambda o: o.path)
    ]
    if report is not None:  # the warehouse decides duplicates and supersessions
        summary.loaded = report.loaded
        summary.rejected = report.rejected
        summary.duplicate = report.duplicate
        summary.superseded = report.superseded
    if frames is not None:
        summary.unknown_division_files = unknown_division_files(frames)
        summary.projects = _height(frames.get("projects"))
        summary.indicators = _height(frames.get("indicators"))
        summary.warnings = _height(frames.get("warnings"))
    if report is not None:  # the loaded submissions' findings, cross-unit ones included
        summary.findings = dict(sorted(report.findings_by_severity.items()))
        summary.selfeval_findings = dict(sorted(getattr(report, "selfeval_findings_by_severity", {}).items()))
    elif findings is not None and _height(findings):
        summary.findings = dict(sorted(Counter(findings["severity"].to_list()).items()))
    summary.current = current_counts(warehouse)
    # A self-evaluation without 项目编码 takes the county of the targets it links to (README):
    # once it has one, it is no longer a file of unknown county.
    placed = counties_from_targets(warehouse)
    summary.unknown_division_files = [p for p in summary.unknown_division_files if p not in placed]
    return summary


def unknown_division_files(frames: dict[str, Any]) -> list[str]:
    """Return the paths of loaded files whose county (division_code) is unknown."""
    subs = frames.get("submissions")
    if subs is None or "division_code" not in subs.columns:
        return []
    unknown = subs.filter((subs["status"] == "loaded") & (subs["division_code"] == "unknown"))
    return sorted(set(unknown["path"].to_list()))


# The marts' own sources: counted the way the marts count (current submissions only).
_CURRENT_COUNTS = {
    "units": "SELECT count(DISTINCT (division_code, unit_code)) FROM dim_submission WHERE is_current AND kind = 'targets'",
    "submissions": "SELECT count(*) FROM dim_submission WHERE is_current AND kind = 'targets'",
    "self_evaluations": "SELECT count(*) FROM dim_submission WHERE is_current AND kind = 'self_evaluation'",
    "projects": "SELECT count(*) FROM current_project_budget",
    "indicators": "SELECT count(*) FROM current_indicator_target",
}


def counties_from_targets(warehouse: Path) -> set[str]:
    """Return the paths of current self-evaluations of unknown county placed by the targets they link to."""
    from warehouse.connect import open_readonly

    if not Path(warehouse).is_file():
        return set()
    import duckdb

    con = open_readonly(Path(warehouse))
    try:
        rows = con.execute(
            "SELECT s.path FROM current_selfeval_submission AS c JOIN dim_submission AS s USING (submission_key) "
            "WHERE c.file_division_code = 'unknown' AND c.division_code <> 'unknown'"
        ).fetchall()
    except duckdb.CatalogException:  # a warehouse from before self-evaluations (not upgraded: not loaded)
        return set()
    finally:
        con.close()
    return {r[0] for r in rows}


def current_counts(warehouse: Path) -> dict[str, int]:
    """Return the current units, submissions, projects and indicators in the published warehouse."""
    from warehouse.connect import open_readonly

    if not Path(warehouse).is_file():  # nothing published yet
        return {}
    con = open_readonly(Path(warehouse))
    try:
        return {name: int(con.execute(sql).fetchall()[0][0]) for name, sql in _CURRENT_COUNTS.items()}
    finally:
        con.close()


def _height(frame: Any) -> int:
    """Return a frame's row count (0 for None)."""
    return 0 if frame is None else int(frame.height)


def summary_rows(summary: RunSummary) -> list[tuple[str, int]]:
    """Return the summary's figures as (label, number) rows, in the order they are shown."""
    rows: list[tuple[str, int]] = [
        ("收到文件 files seen", summary.seen),
        ("已入库跳过 already in ledger (skipped)", summary.known),
        ("新文件 new", summary.new),
        ("入库 loaded (new submissions)", summary.loaded),
        ("退回 rejected", summary.rejected),
        ("重复 duplicate", summary.duplicate),
        ("被替代 superseded (kept as history)", summary.superseded),
        ("项目 projects read (this run, superseded included)", summary.projects),
        ("绩效指标 indicators read (this run, superseded included)", summary.indicators),
        ("提取提醒 extraction warnings (mart_extraction_warnings)", summary.warnings),
    ]
    rows += [(f"审核问题 findings ({severity})", n) for severity, n in summary.findings.items()]
    rows += [(f"自评复核 self-evaluation findings ({severity})", n)
             for severity, n in summary.selfeval_findings.items()]
    labels = {"units": "单位 units", "submissions": "报送 submissions", "projects": "项目 projects",
              "indicators": "绩效指标 indicators", "self_evaluations": "绩效自评 self-evaluations"}
    rows += [(f"当前 current {labels[name]} (as the marts show)", n)
             for name, n in summary.current.items() if name in labels]
    return rows


def format_summary(summary: RunSummary) -> str:
    """Return the summary as markdown (the Prefect artifact; what a pipe or a log gets)."""
    rows = summary_rows(summary)
    lines = [
        f"## 绩效目标入库 nightly ingest `{summary.load_id}`",
        "",
        f"- inbox: `{summary.inbox}`",
        f"- warehouse: `{summary.warehouse}`",
        f"- took {summary.seconds:.1f} s",
        "",
        "| | |",
        "|---|---:|",
        *(f"| {label} | {n} |" for label, n in rows),
    ]
    if summary.unknown_division_files:
        lines += [
            "", "### 警告：区划未知 warning: county unknown", "",
            f"{len(summary.unknown_division_files)} 个文件无法确定所属县区（项目编码无区划位、路径中无6位区划目录、"
            "也未设置 division）：已入库为 division_code 'unknown'。请把文件放进 inbox/<6位区划代码>/ 目录，"
            "或在 jixiao.toml 中设置 division。",
            "",
        ]
        lines += [f"- `{p}`" for p in summary.unknown_division_files]
    if summary.rejected_files:
        lines += ["", "### 退回文件 rejected files", ""]
        lines += [f"- `{r['file']}` ({r['kind']}): {r['reason']}" for r in summary.rejected_files]
    return "\n".join(lines) + "\n"


def extract_all(
    plan_: Plan, batch_size: int, extract_batch: Callable[[list[Path]], list[FileOutcome]],
    progress: Callable[[str], None] = print, workers: int = 1,
) -> list[FileOutcome]:
    """Return every outcome for the load, extracting batches on `workers` threads (no Prefect)."""
    extracted: list[FileOutcome] = []
    todo = batches(plan_.to_extract, batch_size, workers)
    # The same parallelism as the flow's thread runner, so the two differ only by Prefect.
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for number, outcomes in enumerate(pool.map(extract_batch, todo), 1):
            extracted.extend(outcomes)
            progress(progress_line(number, len(todo), len(extracted), len(plan_.to_extract)))
    return in_load_order(plan_, extracted)


def in_load_order(plan_: Plan, extracted: Iterable[FileOutcome]) -> list[FileOutcome]:
    """Return every outcome for the load: read files oldest first, then the unread ones (duplicates).

    The warehouse takes the last of a unit's files in a load as its current submission, so a
    corrected file dropped after the original supersedes it; ties go by path.
    """
    read = sorted(
        [*plan_.pre_rejected, *extracted],
        key=lambda outcome: (plan_.mtimes.get(outcome.path, 0.0), outcome.path),
    )
    return read + plan_.unread


def progress_line(done_batches: int, total_batches: int, done_files: int, total_files: int) -> str:
    """Return one progress line for the console and the run log."""
    return f"extracted batch {done_batches}/{total_batches} ({done_files}/{total_files} files)"


def run_direct(inbox: Path, warehouse: Path, settings: Any, progress: Callable[[str], None] = print) -> RunSummary:
    """Return the summary of the whole pipeline run without Prefect (same steps as the flow)."""
    from extract.batch import extract_batch
    from transform.frames import build_frames
    from warehouse.ledger import known_hashes, known_pairs
    from warehouse.load import load
    from warehouse.lock import writer_lock
    from warehouse.stages import stage

    started = time.perf_counter()
    load_id = new_load_id()
    # One writer at a time, from the ledger read to the publish (issue 6).
    with writer_lock(warehouse, settings.lock_wait_seconds, command="jixiao ingest (direct)",
                     on_wait=progress):
        upgrade_older(warehouse, settings, progress)
        stage("plan")
        plan_ = plan(discover(inbox), known_hashes(warehouse), settings.max_file_bytes,
                     known_pairs=known_pairs(warehouse))
        stage("extract")
        # Each file read by a worker process under the per-file time and memory limits.
        guarded = functools.partial(extract_batch, limits=file_limits(settings))
        outcomes = extract_all(plan_, settings.batch_size, guarded, progress, settings.concurrency)
        stage("frames")
        frames = (
            build_frames(outcomes, load_id, division=settings.division, county_name=settings.county_name)
            if outcomes else None
        )
        findings = review(frames, warehouse)
        stage("load")
        report = load(warehouse, frames, findings, inbox=inbox) if frames is not None else None
        stage("done")
    summary = summarize(load_id, inbox, warehouse, plan_, outcomes, frames, findings, report)
    summary.seconds = time.perf_counter() - started
    return summary


def nothing_new(
    inbox: Path, warehouse: Path, settings: Any, log: Callable[[str], object] = print
) -> RunSummary | None:
    """Return the run's summary when every file in the inbox is already in the ledger (this path,
    these bytes), so that there is nothing to read, record or load; else None (run the flow).

    `jixiao ingest` asks this before it starts Prefect: a night with nothing new then costs the
    ledger check, not Prefect's start-up and a flow run.
    """
    from warehouse.ledger import known_hashes, known_pairs
    from warehouse.lock import writer_lock

    if not Path(warehouse).is_file():
        return None
    started = time.perf_counter()
    with writer_lock(warehouse, settings.lock_wait_seconds, command="jixiao ingest (ledger check)",
                     on_wait=log):
        upgrade_older(warehouse, settings, log)  # as the flow would, before it reads the ledger
        plan_ = plan(discover(inbox), known_hashes(warehouse), settings.max_file_bytes,
                     known_pairs=known_pairs(warehouse))
    if plan_.to_extract or plan_.pre_rejected or plan_.unread:
        return None
    summary = summarize(new_load_id(), inbox, warehouse, plan_, [], None, None, None)
    summary.seconds = time.perf_counter() - started
    return summary


def upgrade_older(warehouse: Path, settings: Any, log: Callable[[str], object]) -> None:
    """Upgrade a warehouse of an earlier release before loading into it, logging one line.

    The caller holds the writer lock. A warehouse newer than this code raises SchemaError.
    """
    from warehouse.migrations import Context
    from warehouse.upgrade import upgrade

    if not Path(warehouse).exists():
        return
    report = upgrade(warehouse, Context(settings.division, settings.county_name))
    if report.upgraded:
        log(report.line())


def file_limits(settings: Any) -> Any:
    """Return the per-file extraction limits (extract.outcome.FileLimits) the settings ask for."""
    from extract.outcome import FileLimits

    return FileLimits(
        seconds=settings.file_time_limit_seconds,
        memory_mb=settings.file_memory_limit_mb,
        workers=settings.concurrency,
        labels=settings.labels_json,
    )


def ledger_paths(warehouse: Path) -> set[str]:
    """Return the paths the warehouse's ledger has seen (empty before the first load)."""
    from warehouse.ledger import ledger_status

    return set(ledger_status(warehouse)) if Path(warehouse).exists() else set()


def review(frames: dict[str, Any] | None, warehouse: Path) -> Any:
    """Return the review findings for the frames, compared with the warehouse's current units."""
    if frames is None:
        return None
    from transform.frames import target_frames
    from transform.rules import CROSS_UNIT, run_rules

    # The cross-unit rules (copied content, codes used by another unit) run inside the load,
    # over every current submission of the year (warehouse.findings.refresh_cross_unit).
    # The target rules read target files; self-evaluations have their own (transform/selfeval).
    return run_rules(target_frames(frames), None, skip=CROSS_UNIT)


def _width(text: str) -> int:
    """Return the columns `text` takes in a terminal (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def format_summary_table(summary: RunSummary) -> str:
    """Return the summary as an aligned plain-text table, for a person at a terminal."""
    rows = summary_rows(summary)
    label_width = max(_width(label) for label, _ in rows)
    number_width = max(len(str(n)) for _, n in rows)
    lines = [
        f"绩效目标入库 nightly ingest {summary.load_id}",
        f"  inbox      {summary.inbox}",
        f"  warehouse  {summary.warehouse}",
        f"  took       {summary.seconds:.1f} s",
        "",
        *(f"  {label}{' ' * (label_width - _width(label))}  {n:>{number_width}}" for label, n in rows),
    ]
    if summary.unknown_division_files:
        lines += ["", f"警告：区划未知 county unknown ({len(summary.unknown_division_files)} 个文件，"
                      "已入库为 division_code 'unknown'；请放进 inbox/<6位区划代码>/ 或设置 division):"]
        lines += [f"  {p}" for p in summary.unknown_division_files]
    if summary.rejected_files:
        lines += ["", "退回文件 rejected files:"]
        lines += [f"  {r['file']} ({r['kind']}): {r['reason']}" for r in summary.rejected_files]
    return "\n".join(lines) + "\n"


def format_summary_for(summary: RunSummary, stream: Any) -> str:
    """Return the summary for `stream`: an aligned table on a terminal, markdown otherwise."""
    isatty = getattr(stream, "isatty", None)
    return format_summary_table(summary) if isatty is not None and isatty() else format_summary(summary)
