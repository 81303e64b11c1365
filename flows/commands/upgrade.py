"""`jixiao upgrade [--warehouse PATH]`: bring a warehouse of an earlier release up to this schema."""

from __future__ import annotations

import argparse

from flows.commands.writer import as_writer


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `upgrade` sub-command."""
    parser = subparsers.add_parser(
        "upgrade",
        help="upgrade a warehouse written by an earlier jixiao release in place, keeping its history",
        description="Upgrade the warehouse to this release's schema (warehouse/migrations/), keeping "
        "every load, superseded submission, finding and ledger row. Works on a private copy and "
        "publishes it with one atomic rename: an interrupted upgrade leaves the old warehouse as "
        "it was. `jixiao ingest` does the same before loading. Exit 0 when upgraded or already "
        "current, 1 when refused (a warehouse newer than this jixiao), 2 when not found, 3 when "
        "another ingestion holds the warehouse.",
    )
    parser.add_argument("--config", help="TOML settings file (default: $JIXIAO_CONFIG or ./jixiao.toml)")
    parser.add_argument("--warehouse", help="DuckDB warehouse file (default: setting `warehouse`)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Upgrade; return 0 when done or nothing to do, 1 refused, 2 not found, 3 busy."""
    from warehouse.migrations import Context
    from warehouse.schema import SchemaError
    from warehouse.upgrade import upgrade

    status, report = as_writer(
        "jixiao upgrade", args,
        lambda settings: upgrade(settings.warehouse, Context(settings.division, settings.county_name)),
        refused=(SchemaError,),
    )
    if status == 0:
        print(f"{report.line()}: {report.path}")
    return status
