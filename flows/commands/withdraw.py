"""`jixiao withdraw --unit CODE|NAME --year Y [--division D] | --file PATH --reason WHY [--by WHO]`.

Withdraws a current submission (撤回报送): the marts drop it as this command publishes, the ledger
and ingest_withdrawal keep who, why and when (warehouse/withdraw.py).
"""

from __future__ import annotations

import argparse
import getpass
import sys

from flows.commands.writer import as_writer


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `withdraw` sub-command."""
    parser = subparsers.add_parser(
        "withdraw",
        help="withdraw a unit's current submission for a year (or a file's): the marts drop it, "
        "the ledger keeps who and why",
        description="Withdraw the current submission of a unit and budget year, or of a file: "
        "it stops being current, so every mart drops it as this command publishes the "
        "warehouse; its ledger rows become `withdrawn` with the reason, ingest_withdrawal records "
        "who, why and when, and its rows stay as history. The unit's earlier versions stay "
        "superseded; a new file from the unit is loaded by the next ingest as usual. Exit 0 when "
        "withdrawn, 1 when there is nothing (or more than one thing) to withdraw, 2 for bad "
        "options or a missing warehouse, 3 when an ingestion holds the warehouse.",
    )
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--unit", help="unit code (预算单位编码) or exact unit name; with --year")
    which.add_argument("--file", help="the submitted file (its path as ingested, or its file name)")
    parser.add_argument("--year", type=int, help="budget year (预算年度); with --unit")
    parser.add_argument("--division", help="county (6-digit 行政区划 code) when several have the unit")
    parser.add_argument("--reason", required=True, help="why (kept in the ledger)")
    parser.add_argument("--by", default=None, help="who withdraws it (default: your user name)")
    parser.add_argument("--config", help="TOML settings file (default: $JIXIAO_CONFIG or ./jixiao.toml)")
    parser.add_argument("--warehouse", help="DuckDB warehouse file (default: setting `warehouse`)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Withdraw; return 0 done, 1 nothing (or too much) to withdraw, 2 bad options, 3 busy."""
    from warehouse.schema import SchemaError
    from warehouse.withdraw import WithdrawError, withdraw

    if args.unit is not None and args.year is None:
        print("jixiao withdraw: --unit 需要 --year (give the budget year with --year)", file=sys.stderr)
        return 2
    by = args.by or getpass.getuser()
    status, done = as_writer(
        "jixiao withdraw", args,
        lambda settings: withdraw(
            settings.warehouse, withdrawn_by=by, reason=args.reason, unit=args.unit,
            year=args.year, division=args.division, file=args.file,
        ),
        refused=(WithdrawError, SchemaError),
    )
    if status == 0:
        print(done.line())
    return status
