"""The nightly ingestion flow: inbox -> ledger check -> batched extraction -> frames -> rules -> load.

Orchestration only: each task calls one function of extract/, transform/, warehouse/ or
flows/steps.py, which are tested without Prefect. Extraction runs a task per batch of files
(not per file) so orchestration stays a small share of the work. Only IO tasks retry: a
file that cannot be read is a data problem and is recorded, never retried.
"""

# No `from __future__ import annotations` here: the flow's parameter types must be real
# objects, because a served run validates parameters in a fresh process, where string
# annotations of a pickled flow cannot be resolved.
import dataclasses
import time
from pathlib import Path
from typing import Any, TypeVar, cast

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from extract.batch import extract_batch
from extract.outcome import FileLimits, FileOutcome
from flows import interrupts, progress, steps
from flows.settings import Settings
from transform.frames import build_frames
from warehouse.ledger import known_hashes, known_pairs
from warehouse.load import load
from warehouse.lock import writer_lock

T = TypeVar("T")
SUMMARY_KEY = "nightly-ingest-summary"
REJECTED_KEY = "nightly-ingest-rejected"


# A missing folder or a path through a file will not fix itself by waiting.
_PERMANENT_OS_ERRORS = (
    FileNotFoundError, FileExistsError, NotADirectoryError, IsADirectoryError, PermissionError,
)


def _transient(task: Any, task_run: Any, state: Any) -> bool:
    """Return whether a failed IO task should be retried: OS-level errors that can pass (disk, lock)."""
    try:
        state.result()
    except _PERMANENT_OS_ERRORS:
        return False
    except OSError:
        return True
    except Exception as exc:  # duckdb raises its own IOException for a busy or vanished file
        return type(exc).__name__ in ("IOException", "ConnectionException")
    return False


# Results are not cached: every night's inbox is new input, and hashing big inputs for a
# cache key would cost more than the work.
@task(name="plan-files", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[2, 10],
      retry_condition_fn=_transient)
def plan_files(inbox: Path, warehouse: Path, max_file_bytes: int) -> steps.Plan:
    """Return the run's plan: files found, those already in the ledger, those rejected up front."""
    return steps.plan(
        steps.discover(inbox), known_hashes(warehouse), max_file_bytes,
        known_pairs=known_pairs(warehouse),
    )


# Files read between two moves of a terminal's progress bar inside one extraction task.
PROGRESS_FILES = 10


@task(name="extract-batch", cache_policy=NO_CACHE, retries=0)
def extract_files(paths: list[Path], limits: FileLimits | None = None) -> list[FileOutcome]:
    """Return one outcome per file of the batch (extract_batch never raises for a bad file)."""
    outcomes: list[FileOutcome] = []
    # A batch is read a few files at a time so that a terminal's bar moves while it is read (a
    # task on another process or machine has no bar to move; its batch is counted when it ends).
    for start in range(0, len(paths), PROGRESS_FILES):
        outcomes += extract_batch(paths[start : start + PROGRESS_FILES], limits)
        progress.files_read(len(outcomes) - start)
    return outcomes


@task(name="build-frames", cache_policy=NO_CACHE)
def transform(
    outcomes: list[FileOutcome], load_id: str, division: str | None = None,
    county_name: str | None = None,
) -> dict[str, Any]:
    """Return the staging frames built from the outcomes (division: the single-county setting)."""
    return build_frames(outcomes, load_id, division=division, county_name=county_name)


@task(name="review-rules", cache_policy=NO_CACHE)
def review(frames: dict[str, Any] | None, warehouse: Path) -> Any:
    """Return the review findings of the batch, compared with the units already loaded."""
    return steps.review(frames, warehouse)


@task(name="load-and-publish", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[2, 10],
      retry_condition_fn=_transient)
def load_warehouse(warehouse: Path, frames: dict[str, Any], findings: Any, inbox: Path | None = None) -> Any:
    """Return the LoadReport of loading the frames into a fresh copy and publishing it."""
    return load(warehouse, frames, findings, inbox=inbox)


@task(name="publish-artifacts", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[2, 10])
def publish_artifacts(summary: steps.RunSummary) -> None:
    """Create the run's markdown summary and its table of rejected files in the Prefect UI."""
    create_markdown_artifact(
        key=SUMMARY_KEY, markdown=steps.format_summary(summary),
        description=f"jixiao nightly ingest {summary.load_id}",
    )
    rows = summary.rejected_files or [{"file": "", "kind": "", "reason": "本次无退回文件 none rejected"}]
    create_table_artifact(
        key=REJECTED_KEY, table=rows,
        description=f"退回文件及原因 rejected files and reasons, load {summary.load_id}",
    )


def as_is(value: T) -> T:
    """Return `value` marked for Prefect to pass as is, without walking it for futures.

    Walking 500 files' records (every project and indicator dict) costs Prefect seconds per
    task call; these values never contain futures.
    """
    return cast(T, quote(value))


def extract_in_batches(
    plan: steps.Plan, batch_size: int, limits: FileLimits | None = None
) -> list[FileOutcome]:
    """Return every file's outcome: batches submitted to the task runner, logged as they finish."""
    logger = get_run_logger()
    todo = steps.batches(plan.to_extract, batch_size, limits.workers if limits else 1)
    if todo:
        progress.extracted(0, len(plan.to_extract))
    futures = [extract_files.submit(batch, limits) for batch in todo]
    extracted: list[FileOutcome] = []
    for done, future in enumerate(as_completed(futures), 1):
        extracted.extend(future.result())
        logger.info(steps.progress_line(done, len(todo), len(extracted), len(plan.to_extract)))
        progress.extracted(len(extracted), len(plan.to_extract))  # a terminal's bar: at least this many
    # as_completed yields in finishing order; the load gets a stable order run to run.
    return steps.in_load_order(plan, extracted)


RUN_NAME_PREFIX = "load-"


def run_name() -> str:
    """Return a new flow run's name: its load id, so the UI and the warehouse name a run alike."""
    return RUN_NAME_PREFIX + steps.new_load_id()


def current_load_id() -> str:
    """Return the load id carried by this flow run's name (a fresh one if it was renamed)."""
    from prefect.runtime import flow_run

    name = str(flow_run.name or "")
    return name.removeprefix(RUN_NAME_PREFIX) if name.startswith(RUN_NAME_PREFIX) else steps.new_load_id()


@flow(name="nightly-ingest", flow_run_name=run_name,
      description="绩效目标入库: inbox Word files into the DuckDB warehouse.")
def nightly_ingest(inbox: Path, warehouse: Path, settings: Settings | None = None) -> steps.RunSummary:
    """Return the summary of one ingestion run of `inbox` into `warehouse`."""
    interrupts.reclaim()  # run by `jixiao ingest`: its SIGTERM handling, not the engine's
    settings = settings or Settings()
    started = time.perf_counter()
    load_id = current_load_id()

    # One writer at a time, from the ledger read to the publish (issue 6); raises WarehouseBusy.
    with writer_lock(warehouse, settings.lock_wait_seconds, command="jixiao nightly-ingest flow",
                     on_wait=get_run_logger().info):
        steps.upgrade_older(warehouse, settings, get_run_logger().info)
        plan = plan_files(inbox, warehouse, settings.max_file_bytes)
        outcomes = extract_in_batches(plan, settings.batch_size, steps.file_limits(settings))
        progress.loading("frames")
        frames = (
            transform(as_is(outcomes), load_id, settings.division, settings.county_name)
            if outcomes else None
        )
        progress.loading("rules")
        findings = review(as_is(frames), warehouse)
        progress.loading("load and publish")
        report = load_warehouse(warehouse, as_is(frames), as_is(findings), inbox) if frames else None
        progress.loading("done")

    summary = steps.summarize(load_id, inbox, warehouse, plan, outcomes, frames, findings, report)
    summary.seconds = time.perf_counter() - started
    publish_artifacts(summary)
    get_run_logger().info(
        "load %s: %d files seen, %d new, %d loaded, %d rejected, %d duplicate, %d superseded",
        load_id, summary.seen, summary.new, summary.loaded, summary.rejected, summary.duplicate,
        summary.superseded,
    )
    return summary


def task_runner_for(settings: Settings) -> TaskRunner[Any]:
    """Return the task runner the settings ask for (threads, processes, or Dask)."""
    if settings.runner == "processes":
        return ProcessPoolTaskRunner(max_workers=settings.concurrency)
    if settings.runner == "dask":
        from prefect_dask import DaskTaskRunner

        if settings.dask_address:
            return DaskTaskRunner(address=settings.dask_address)
        return DaskTaskRunner(cluster_kwargs={
            "n_workers": settings.concurrency, "threads_per_worker": 1, "dashboard_address": None,
        })
    return ThreadPoolTaskRunner(max_workers=settings.concurrency)


def configured_flow(settings: Settings) -> Any:
    """Return nightly_ingest bound to the task runner the settings choose."""
    return nightly_ingest.with_options(task_runner=task_runner_for(settings))


def flow_parameters(settings: Settings) -> dict[str, Any]:
    """Return the flow's parameters for a deployment: absolute paths, settings as plain JSON."""
    inbox, warehouse = settings.inbox.resolve(), settings.warehouse.resolve()
    plain = dataclasses.asdict(dataclasses.replace(settings, inbox=inbox, warehouse=warehouse))
    plain = {k: str(v) if isinstance(v, Path) else v for k, v in plain.items()}
    return {"inbox": str(inbox), "warehouse": str(warehouse), "settings": plain}


def serve_nightly(settings: Settings) -> None:
    """Serve the nightly deployment on the settings' cron and timezone (blocks until stopped)."""
    from prefect.schedules import Cron

    configured_flow(settings).serve(
        name=settings.deployment_name,
        # Cron() carries the timezone: a bare cron= string would be scheduled in UTC.
        schedules=[Cron(settings.cron, timezone=settings.timezone)],
        parameters=flow_parameters(settings),
        description=f"每晚入库 {settings.inbox.resolve()} -> {settings.warehouse.resolve()}",
        tags=["jixiao"],
    )
