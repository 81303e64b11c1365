"""`jixiao ingest INBOX`: run the nightly flow once and print its summary."""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from pathlib import Path
from typing import Any

from flows import interrupts
from flows.commands.states import failure_status
from flows.preflight import inbox_problem, server_problem
from flows.settings import RUNNERS, Settings, SettingsError, load_settings


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `ingest` sub-command."""
    parser = subparsers.add_parser(
        "ingest",
        help="run the ingestion flow once over an inbox folder",
        description="Read every Word file under INBOX that is not yet in the warehouse, load it, "
        "and print the run summary. Exit 0 when the run completed (rejected files are reported, "
        "not errors); non-zero when the warehouse could not be loaded.",
    )
    parser.add_argument("inbox", nargs="?", help="folder of submissions (default: setting `inbox`)")
    add_common_options(parser)
    parser.set_defaults(func=run)


def add_common_options(parser: argparse.ArgumentParser) -> None:
    """Add the options every flow command shares (--config, --warehouse, --runner ...)."""
    parser.add_argument("--config", help="TOML settings file (default: $JIXIAO_CONFIG or ./jixiao.toml)")
    parser.add_argument("--warehouse", help="DuckDB warehouse file (default: setting `warehouse`)")
    parser.add_argument("--runner", choices=RUNNERS, help="task runner for extraction (default: threads)")
    parser.add_argument("--concurrency", type=int, help="parallel extraction tasks")
    parser.add_argument("--batch-size", type=int, help="files per extraction task")
    parser.add_argument("--dask-address", help="Dask scheduler address (runner dask); empty for a local cluster")
    parser.add_argument("--verbose", action="store_true", help="show Prefect's INFO logs in the terminal too")


def settings_from_args(args: argparse.Namespace, **extra: Any) -> Settings:
    """Return the settings with this command's options applied over file and environment."""
    return load_settings(
        args.config,
        **extra,
        inbox=getattr(args, "inbox", None),
        warehouse=args.warehouse,
        runner=args.runner,
        concurrency=args.concurrency,
        batch_size=args.batch_size,
        dask_address=args.dask_address,
    )


def prefect_api_url() -> str | None:
    """Return the Prefect API this process talks to (env or profile), None for a temporary one."""
    from prefect.settings import get_current_settings

    return get_current_settings().api.url


def needs_server(settings: Settings) -> str | None:
    """Return why this run needs a running Prefect server, or None when it does not."""
    if settings.runner != "threads" and not prefect_api_url():
        # Without a shared API every worker process would start its own temporary server.
        return (
            f"runner {settings.runner!r} needs a running Prefect server: start one with\n"
            "  prefect server start --host 127.0.0.1 --port 4200 --no-ui --analytics-off\n"
            "and export PREFECT_API_URL=http://127.0.0.1:4200/api"
        )
    return None


def unreachable_server() -> str | None:
    """Return one line when PREFECT_API_URL names a server that does not answer, else None."""
    url = prefect_api_url()
    return server_problem(url) if url else None


def wait_for_writer(warehouse: Path, wait_seconds: float) -> str | None:
    """Wait while another ingestion holds the warehouse; return the busy message if it still does.

    Waiting here, before Prefect starts, says it once: a run that gave up inside the flow would
    also get Prefect's error log and traceback. The flow still takes the lock itself.
    """
    from warehouse.lock import POLL_SECONDS, busy_message, describe_holder, is_locked, read_holder

    if not is_locked(warehouse):
        return None
    print(f"jixiao ingest: 数据仓库正在被另一个入库进程写入（{describe_holder(read_holder(warehouse))}），"
          f"最多等待 {wait_seconds:.0f} 秒 waiting for the writer lock of {warehouse}",
          file=sys.stderr, flush=True)
    started = time.monotonic()
    while is_locked(warehouse):
        waited = time.monotonic() - started
        if waited >= wait_seconds:
            return busy_message(warehouse, read_holder(warehouse), waited)
        time.sleep(min(POLL_SECONDS, wait_seconds - waited))
    return None


def _to_stderr(line: str) -> None:
    print(f"jixiao ingest: {line}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """Run the flow once; return 0 when it completed, 1 when it failed, 2 for bad settings, 3 when busy."""
    try:
        settings = settings_from_args(args)
    except SettingsError as exc:
        print(f"jixiao ingest: {exc}", file=sys.stderr)
        return 2
    if problem := inbox_problem(settings.inbox):
        print(f"jixiao ingest: {problem}", file=sys.stderr)
        return 2
    if busy := wait_for_writer(settings.warehouse, settings.lock_wait_seconds):
        print(f"jixiao ingest: {busy}", file=sys.stderr)
        return 3
    from flows import steps

    # Nothing new in the inbox: say so without starting Prefect (no flow run, nothing to load).
    from warehouse.lock import WarehouseBusy

    try:
        summary = steps.nothing_new(settings.inbox, settings.warehouse, settings, _to_stderr)
    except WarehouseBusy as exc:
        print(f"jixiao ingest: {exc}", file=sys.stderr)
        return 3
    except Exception:  # noqa: BLE001 - e.g. a warehouse newer than this code: the flow reports it
        summary = None
    if summary is not None:
        print(steps.format_summary_for(summary, sys.stdout))
        return 0
    if problem := needs_server(settings) or unreachable_server():
        print(f"jixiao ingest: {problem}", file=sys.stderr)
        return 2
    from flows import local_api, progress
    from flows.nightly import configured_flow

    api: Any = contextlib.nullcontext()
    if not prefect_api_url():
        # A temporary API, quiet in a session of its own (flows/local_api.py); an interrupt
        # does not wait for Prefect to record the crash there (flows/interrupts.py).
        interrupts.exit_hard_on_interrupt()
        api = local_api.temporary_api()
    with api, progress.showing_run(sys.stderr):  # bars on a terminal only
        state = configured_flow(settings)(settings.inbox, settings.warehouse, settings, return_state=True)
    status = failure_status(state, "ingest")
    if status is not None:
        return status
    print(steps.format_summary_for(state.result(), sys.stdout))
    return 0
