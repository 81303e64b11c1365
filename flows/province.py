"""Province-wide ingestion: extraction on a Dask cluster into the Parquet lake, then the warehouse.

Two stages, each restartable on its own:

1. Stage: the files under the inbox (one folder per county, or any layout) are cut into
   batches; each batch is a Prefect task on `prefect_dask.DaskTaskRunner` (a LocalCluster
   on this machine, or an existing scheduler address). A worker reads its files by path
   (a disk every worker sees at the same path) or by URL (an object store), extracts them, writes
   one Parquet part per file into the lake (warehouse/lake.py) and returns only a small
   summary, so neither the workers nor the flow hold more than one batch of records.
   A path whose bytes are already in the lake is hashed and skipped, not extracted again.
2. Build: the warehouse is built from the lake alone (read lake -> build_frames -> review
   rules -> warehouse.load), in the order and with the duplicate handling of the
   single-machine path, so both give the same marts.

Process and Dask runners need a real Prefect server (PREFECT_API_URL); see docs/scaling.md.
"""

# No `from __future__ import annotations`: flow parameter types must be real objects (a served
# run validates parameters in a fresh process).
import contextlib
import dataclasses
import os
import resource
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

import fsspec
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.task_runners import TaskRunner

from extract.batch import extract_one
from extract.guard import shared_pool
from extract.outcome import FileLimits
from flows import steps
from transform.frames import build_frames
from warehouse import lake as lake_mod
from warehouse.ledger import known_hashes, known_pairs
from warehouse.load import load
from warehouse.lock import writer_lock

SUMMARY_KEY = "province-ingest-summary"


@dataclass
class BatchReport:
    """What one staging task did: counts, the worker it ran on and that worker's peak memory."""

    files: int = 0
    staged: int = 0
    unchanged: int = 0
    rejected: int = 0
    seconds: float = 0.0
    worker_pid: int = 0
    worker_peak_rss: int = 0  # bytes, the worker process's high-water mark so far
    # bytes, the high-water mark of the worker's extraction process(es) (extract/guard.py)
    extractor_peak_rss: int = 0
    partitions: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # "path: reason", not staged


@dataclass
class ProvinceSummary:
    """What a province run did: files staged per outcome, time per stage, memory per worker, load."""

    inbox: str
    lake: str
    warehouse: str
    workers: int = 0
    files: int = 0
    staged: int = 0
    unchanged: int = 0
    rejected: int = 0
    partitions: int = 0
    stage_seconds: float = 0.0
    build_seconds: float = 0.0
    built: bool = False
    unreadable: list[str] = field(default_factory=list)
    worker_peak_rss: dict[int, int] = field(default_factory=dict)
    extractor_peak_rss: dict[int, int] = field(default_factory=dict)  # by Dask worker pid
    lake_rows: int = 0
    loaded: int = 0
    load_rejected: int = 0
    duplicate: int = 0
    superseded: int = 0
    projects: int = 0
    indicators: int = 0

    @property
    def files_per_second(self) -> float:
        """Return staging throughput (files per second of the stage)."""
        return self.files / self.stage_seconds if self.stage_seconds else 0.0


def peak_rss() -> int:
    """Return this process's peak resident memory in bytes (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def children_peak_rss() -> int:
    """Return the largest peak resident memory (bytes) of this process's live children (Linux; else 0)."""
    import psutil  # a dependency of distributed

    peak = 0
    for child in psutil.Process().children(recursive=True):
        with contextlib.suppress(OSError, psutil.Error):
            status = Path(f"/proc/{child.pid}/status").read_text()
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]) * 1024)
    return peak


def is_url(name: str) -> bool:
    """Return whether an inbox or file name is a URL (s3://, memory:// ...) rather than a local path."""
    return "://" in name and not name.startswith("file://")


@contextlib.contextmanager
def _local_copy(name: str, storage_options: dict[str, Any] | None) -> Iterator[tuple[Path, float]]:
    """Yield (a local path holding the file's bytes, its modification time).

    A local file is used in place; a URL is copied to a temporary folder under its own base
    name, so extraction and rejections name the file as the unit saved it.
    """
    if not is_url(name):
        path = Path(name.removeprefix("file://"))
        yield path, path.stat().st_mtime
        return
    fs, inner = fsspec.core.url_to_fs(name, **(storage_options or {}))
    mtime = _mtime(fs.info(inner))
    with tempfile.TemporaryDirectory(prefix="jixiao-") as tmp:
        local = Path(tmp) / PurePosixPath(inner).name
        fs.get_file(inner, str(local))
        yield local, mtime


def _mtime(info: dict[str, Any]) -> float:
    """Return a file's modification time (seconds) from an fsspec info dict, whatever the store calls it."""
    for key in ("mtime", "LastModified", "last_modified", "updated", "created"):
        value = info.get(key)
        if isinstance(value, datetime):
            return value.timestamp()
        if isinstance(value, (int, float)):
            return float(value)
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
    return 0.0


def discover_files(inbox: str, storage_options: dict[str, Any] | None = None) -> list[str]:
    """Return every candidate file under the inbox: absolute paths, or URLs for an object store."""
    if not is_url(inbox):
        return [str(p) for p in steps.discover(Path(inbox.removeprefix("file://")))]
    fs, root = fsspec.core.url_to_fs(inbox, **(storage_options or {}))
    root = root.rstrip("/")
    if not fs.isdir(root):
        raise FileNotFoundError(f"收件夹不存在 inbox folder not found: {inbox}")
    found = [
        f for f in fs.find(root)
        if steps.is_candidate(Path(PurePosixPath(f).relative_to(PurePosixPath(root))))
    ]
    return sorted(fs.unstrip_protocol(f) for f in found)


def stage_files(
    paths: list[str], lake: str, known: dict[str, list[list[str]]], max_file_bytes: int,
    default_division: str | None = None, storage_options: dict[str, Any] | None = None,
    limits: FileLimits | None = None,
) -> BatchReport:
    """Return the report of staging one batch: each file hashed, extracted unless known, written to the lake.

    `known` maps a path to the [sha256, part url] pairs the lake holds for it: bytes already
    there are skipped; otherwise the new part replaces the old ones. With `limits`, each file
    is read by this process's guard pool under the per-file time and memory limits, as in
    the nightly flow (a hung or huge file is rejected, the worker carries on).
    """
    extract = shared_pool(limits).extract_one if limits is not None else extract_one
    started = time.perf_counter()
    report = BatchReport(files=len(paths))
    partitions: set[str] = set()
    for name in paths:
        held = known.get(name, [])
        try:
            with _local_copy(name, storage_options) as (path, mtime):
                sha, _size = steps.sha256_of(path)
                if any(old_sha == sha for old_sha, _ in held):
                    report.unchanged += 1
                    continue
                planned = steps.plan([path], set(), max_file_bytes)
                outcome = planned.pre_rejected[0] if planned.pre_rejected else extract(path)
        except OSError as exc:
            # Gone or unreadable right now: not staged, so the next run tries it again.
            report.unreadable.append(f"{name}: {exc.strerror or exc}")
            continue
        outcome = dataclasses.replace(outcome, path=name)  # the URL, not the worker's copy
        url = lake_mod.stage(
            lake, outcome, mtime, default_division=default_division,
            replaces=[old_url for _, old_url in held], storage_options=storage_options,
        )
        report.staged += 1
        report.rejected += outcome.submission is None
        partitions.add(url.rsplit("/", 1)[0])
    report.partitions = sorted(partitions)
    report.seconds = time.perf_counter() - started
    report.worker_pid = os.getpid()
    report.worker_peak_rss = peak_rss()
    report.extractor_peak_rss = children_peak_rss()
    return report


def build_from_lake(
    lake: str, warehouse: Path, storage_options: dict[str, Any] | None = None,
    years: list[int] | None = None, chunk_files: int | None = None, lock_wait_seconds: float = 600.0,
) -> tuple[int, Any, Any]:
    """Return (lake rows, frames of the last load, LoadReport or None) of building from the lake alone.

    Only files the warehouse has not seen are parsed back from JSON. `years` builds those
    fiscal years only. `chunk_files` cuts the build into loads of whole (year, county)
    partitions of about that many files, so memory follows the chunk, not the lake (one load,
    one transaction, per chunk); the returned report then adds up the loads. Holds the
    warehouse's writer lock throughout, like every ingestion (raises WarehouseBusy after
    `lock_wait_seconds`).
    """
    rows = lake_mod.read_rows(lake, years=years, storage_options=storage_options, light=True)
    total: Any = None
    frames: Any = None
    with writer_lock(warehouse, lock_wait_seconds, command="jixiao lake build"):
        for chunk in lake_mod.chunks(rows, chunk_files):
            outcomes = lake_mod.load_outcomes(
                lake, chunk, known_hashes(warehouse), known_pairs(warehouse),
                storage_options=storage_options,
            )
            if not outcomes:
                continue
            # The county each file was staged under is its division in the warehouse too.
            divisions = {row["path"]: row["division"] for row in chunk}
            frames = build_frames(outcomes, steps.new_load_id(), divisions=divisions)
            del outcomes
            report = load(warehouse, frames, steps.review(frames, warehouse))
            total = report if total is None else _add_reports(total, report)
    return len(rows), frames, total


def _add_reports(total: Any, report: Any) -> Any:
    """Return `total` with the counts of another chunk's LoadReport added."""
    for name in ("files_seen", "new", "loaded", "rejected", "duplicate", "superseded",
                 "projects", "indicators", "seconds"):
        setattr(total, name, getattr(total, name) + getattr(report, name))
    for severity, n in report.findings_by_severity.items():
        total.findings_by_severity[severity] = total.findings_by_severity.get(severity, 0) + n
    return total


@task(name="stage-batch", cache_policy=NO_CACHE, retries=0)
def stage_batch(
    paths: list[str], lake: str, known: dict[str, list[list[str]]], max_file_bytes: int,
    default_division: str | None, storage_options: dict[str, Any] | None, limits: FileLimits | None,
) -> BatchReport:
    """Return the report of one batch staged into the lake (runs on a Dask worker)."""
    return stage_files(paths, lake, known, max_file_bytes, default_division, storage_options, limits)


@task(name="build-from-lake", cache_policy=NO_CACHE, retries=0)
def build_task(
    lake: str, warehouse: Path, storage_options: dict[str, Any] | None, chunk_files: int | None,
    lock_wait_seconds: float,
) -> Any:
    """Return (lake rows, frames, load report) of the warehouse build from the lake."""
    return build_from_lake(lake, warehouse, storage_options, chunk_files=chunk_files,
                           lock_wait_seconds=lock_wait_seconds)


def known_in_lake(lake: str, paths: list[str], storage_options: dict[str, Any] | None) -> dict[str, list[list[str]]]:
    """Return path -> [[sha256, part url], ...] for the paths the lake already holds (listing only)."""
    by_id = lake_mod.index(lake, storage_options)
    out: dict[str, list[list[str]]] = {}
    for name in paths:
        refs = by_id.get(lake_mod.path_id(name))
        if refs:
            out[name] = [[ref.sha256, ref.url] for ref in refs]
    return out


@flow(name="province-ingest", description="全省绩效目标入库: inbox -> Dask extraction -> Parquet lake -> warehouse.")
def province_ingest(
    inbox: str | Path, lake: str, warehouse: Path, batch_size: int = 25, max_file_mb: float = 50.0,
    default_division: str | None = None, storage_options: dict[str, Any] | None = None,
    build: bool = True, chunk_files: int | None = None,
    file_time_limit_seconds: float | None = 120.0, file_memory_limit_mb: int = 2048,
    lock_wait_seconds: float = 600.0, labels: str = "", workers: int = 1,
) -> ProvinceSummary:
    """Return the summary of staging every file under `inbox` into `lake`, then building `warehouse`.

    `labels` is the [labels] overrides as JSON (Settings.labels_json), read by every worker's
    extraction process so a template is read as the single-machine path reads it. `workers`: the
    Dask workers, each given as many batches (flows/steps.batches).
    """
    logger = get_run_logger()
    summary = ProvinceSummary(inbox=str(inbox), lake=str(lake), warehouse=str(warehouse))
    started = time.perf_counter()
    paths = discover_files(str(inbox), storage_options)
    known = known_in_lake(lake, paths, storage_options)
    todo = steps.batches(paths, batch_size, workers)  # at least one batch per Dask worker
    max_bytes = int(max_file_mb * 1024 * 1024)
    # One extraction process per Dask worker (each runs one task at a time); None: no guard
    # (and built-in labels only: overrides reach extraction through the guard's processes).
    limits = (FileLimits(seconds=file_time_limit_seconds, memory_mb=file_memory_limit_mb, workers=1,
                         labels=labels)
              if file_time_limit_seconds is not None else None)
    futures = [
        stage_batch.submit(
            batch, lake, {p: known[p] for p in batch if p in known}, max_bytes,
            default_division, storage_options, limits,
        )
        for batch in todo
    ]
    partitions: set[str] = set()
    for done, future in enumerate(as_completed(futures), 1):
        report: BatchReport = future.result()
        summary.files += report.files
        summary.staged += report.staged
        summary.unchanged += report.unchanged
        summary.rejected += report.rejected
        summary.unreadable += report.unreadable
        for problem in report.unreadable:
            logger.warning("无法读取，未暂存 could not read, not staged (next run retries): %s", problem)
        partitions.update(report.partitions)
        pid = report.worker_pid
        summary.worker_peak_rss[pid] = max(summary.worker_peak_rss.get(pid, 0), report.worker_peak_rss)
        summary.extractor_peak_rss[pid] = max(
            summary.extractor_peak_rss.get(pid, 0), report.extractor_peak_rss)
        logger.info("staged batch %d/%d (%d/%d files)", done, len(todo), summary.files, len(paths))
    summary.partitions = len(partitions)
    summary.workers = len(summary.worker_peak_rss)
    summary.stage_seconds = time.perf_counter() - started
    if build:
        started = time.perf_counter()
        # Called, not submitted: the build runs in the flow's own process, not on a worker.
        built: tuple[int, Any, Any] = build_task(
            lake, warehouse, storage_options, chunk_files, lock_wait_seconds)  # type: ignore[assignment]
        rows, frames, load_report = built
        summary.lake_rows = rows
        if load_report is not None:
            summary.loaded, summary.load_rejected = load_report.loaded, load_report.rejected
            summary.duplicate, summary.superseded = load_report.duplicate, load_report.superseded
            summary.projects, summary.indicators = load_report.projects, load_report.indicators
        del frames
        summary.built = True
        summary.build_seconds = time.perf_counter() - started
    logger.info(format_summary(summary))
    create_markdown_artifact(
        key=SUMMARY_KEY, markdown="```\n" + format_summary(summary) + "\n```\n",
        description=f"jixiao province ingest {summary.inbox}",
    )
    return summary


def dask_runner(workers: int = 2, address: str | None = None) -> TaskRunner[Any]:
    """Return a DaskTaskRunner: on an existing scheduler, or a LocalCluster of `workers` processes."""
    from prefect_dask.task_runners import DaskTaskRunner

    if address:
        return DaskTaskRunner(address=address)
    return DaskTaskRunner(cluster_kwargs={
        "n_workers": workers, "threads_per_worker": 1, "processes": True,
        "dashboard_address": ":0",  # None still binds 8787; any free port instead
    })


def run_province(
    inbox: Path | str, lake: str, warehouse: Path, *, workers: int = 2, address: str | None = None,
    **options: Any,
) -> ProvinceSummary:
    """Return the summary of province_ingest run on a Dask task runner (needs PREFECT_API_URL)."""
    runner = dask_runner(workers, address)
    result: ProvinceSummary = province_ingest.with_options(task_runner=runner)(
        inbox=str(inbox) if is_url(str(inbox)) else str(Path(inbox).resolve()), lake=str(lake), warehouse=Path(warehouse).resolve(), **options
    )
    return result


def format_summary(s: ProvinceSummary) -> str:
    """Return the summary as a few plain lines for the console and the run log."""
    rss = ", ".join(
        f"{rss / 2**20:.0f} MiB" + (f" + extractor {s.extractor_peak_rss[pid] / 2**20:.0f} MiB"
                                    if s.extractor_peak_rss.get(pid) else "")
        for pid, rss in sorted(s.worker_peak_rss.items())
    )
    lines = [
        f"全省入库 province ingest: {s.inbox} -> {s.lake} -> {s.warehouse}",
        f"  files {s.files}: staged {s.staged} ({s.rejected} rejected), unchanged {s.unchanged}, "
        f"unreadable {len(s.unreadable)}, partitions {s.partitions}",
        f"  stage {s.stage_seconds:.1f} s ({s.files_per_second:.1f} files/s) on {s.workers} "
        f"worker(s), peak memory per worker: {rss or '-'}",
    ]
    if not s.built:
        return "\n".join([*lines, "  warehouse not built (stage only)"])
    return "\n".join([
        *lines,
        f"  build {s.build_seconds:.1f} s from {s.lake_rows} lake rows: loaded {s.loaded}, "
        f"rejected {s.load_rejected}, duplicate {s.duplicate}, superseded {s.superseded}, "
        f"projects {s.projects}, indicators {s.indicators}",
    ])
