"""`jixiao serve`: serve the nightly deployment on its cron schedule (blocks until stopped)."""

from __future__ import annotations

import argparse
import sys

from flows.commands.ingest import add_common_options, prefect_api_url, settings_from_args
from flows.preflight import inbox_problem, server_problem, warehouse_folder_problem
from flows.settings import SettingsError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `serve` sub-command."""
    parser = subparsers.add_parser(
        "serve",
        help="serve the nightly ingestion deployment on its schedule (needs a Prefect server)",
        description="Register the `nightly-ingest` deployment with the Prefect server in "
        "PREFECT_API_URL, scheduled by the settings' cron and timezone (default 0 2 * * * "
        "Asia/Shanghai), and run it whenever it is due. Stop with Ctrl-C.",
    )
    parser.add_argument("--inbox", help="folder of submissions (default: setting `inbox`)")
    add_common_options(parser)
    parser.add_argument("--cron", help="cron schedule (default: setting `cron`, '0 2 * * *')")
    parser.add_argument("--timezone", help="IANA timezone of the schedule (default: Asia/Shanghai)")
    parser.add_argument("--name", help="deployment name (default: setting `deployment_name`)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Serve the deployment until interrupted; return 2 when it cannot start."""
    try:
        settings = settings_from_args(
            args, cron=args.cron, timezone=args.timezone, deployment_name=args.name
        )
    except SettingsError as exc:
        print(f"jixiao serve: {exc}", file=sys.stderr)
        return 2
    url = prefect_api_url()
    if not url:
        print(
            "jixiao serve: schedules need a running Prefect server. Start one with\n"
            "  prefect server start --host 127.0.0.1 --port 4200 --no-ui --analytics-off\n"
            "then export PREFECT_API_URL=http://127.0.0.1:4200/api and run jixiao serve again.",
            file=sys.stderr,
        )
        return 2
    # Refused now rather than at 02:00: one line per problem found.
    problems = [p for p in (inbox_problem(settings.inbox), warehouse_folder_problem(settings.warehouse),
                            server_problem(url)) if p]
    for problem in problems:
        print(f"jixiao serve: {problem}", file=sys.stderr)
    if problems:
        return 2
    from flows.nightly import serve_nightly

    print(
        f"jixiao serve: deployment nightly-ingest/{settings.deployment_name}, "
        f"cron '{settings.cron}' in {settings.timezone}, inbox {settings.inbox.resolve()}, "
        f"warehouse {settings.warehouse.resolve()}, runner {settings.runner}",
        flush=True,
    )
    serve_nightly(settings)
    return 0

