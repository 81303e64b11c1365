"""`jixiao ingest INBOX`: run the nightly flow once and print its summary."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from flows.commands.states import failure_status
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


def run(args: argparse.Namespace) -> int:
    """Run the flow once; return 0 when it completed, 1 when it failed, 2 for bad settings, 3 when busy."""
    try:
        settings = settings_from_args(args)
    except SettingsError as exc:
        print(f"jixiao ingest: {exc}", file=sys.stderr)
        return 2
    if not settings.inbox.is_dir():
        print(f"jixiao ingest: 收件夹不存在 inbox folder not found: {settings.inbox}", file=sys.stderr)
        return 2
    if problem := needs_server(settings):
        print(f"jixiao ingest: {problem}", file=sys.stderr)
        return 2
    from flows import steps
    from flows.nightly import configured_flow

    state = configured_flow(settings)(settings.inbox, settings.warehouse, settings, return_state=True)
    status = failure_status(state, "ingest")
    if status is not None:
        return status
    print(steps.format_summary(state.result()))
    return 0
