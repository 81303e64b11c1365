"""`jixiao verify [--warehouse PATH] [--inbox DIR]`: every inbox file accounted for, warehouse sound."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from flows.settings import SettingsError, load_settings


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `verify` sub-command."""
    parser = subparsers.add_parser(
        "verify",
        help="check that every inbox file is in the ledger and the warehouse passes its checks",
        description="Check that every file under the inbox is in the warehouse's ledger as "
        "loaded, superseded, duplicate or rejected (with its reason), and run the integrity "
        "checks (orphan keys, duplicate grain, ledger vs facts). Reads the warehouse read-only. "
        "Exit 0 when all is well, 1 when something is off (listed), 2 when the warehouse or "
        "inbox cannot be found.",
    )
    parser.add_argument("--config", help="TOML settings file (default: $JIXIAO_CONFIG or ./jixiao.toml)")
    parser.add_argument("--warehouse", help="DuckDB warehouse file (default: setting `warehouse`)")
    parser.add_argument(
        "--inbox", help="folder of submissions (default: the inbox the warehouse was last loaded "
        "from, recorded in its ledger; else setting `inbox`)"
    )
    parser.add_argument(
        "--no-inbox", action="store_true", help="only run the warehouse's integrity checks"
    )
    parser.set_defaults(func=run)


def _recorded(warehouse: Path) -> tuple[str, str] | None:
    """Return (inbox, load_id) recorded in the warehouse, None when it has none (or is missing)."""
    from warehouse.ledger import recorded_inbox

    return recorded_inbox(warehouse) if warehouse.exists() else None


def run(args: argparse.Namespace) -> int:
    """Verify; return 0 when all is accounted for, 1 when not, 2 for a missing warehouse or inbox."""
    from flows.steps import discover, sha256_of
    from warehouse.connect import WarehouseMissing
    from warehouse.verify import InboxFile, verify

    try:
        settings = load_settings(args.config, inbox=args.inbox, warehouse=args.warehouse)
    except SettingsError as exc:
        print(f"jixiao verify: {exc}", file=sys.stderr)
        return 2
    files: list[InboxFile] | None = None
    if not args.no_inbox:
        inbox = Path(settings.inbox)
        if args.inbox is None and (recorded := _recorded(Path(settings.warehouse))) is not None:
            inbox = Path(recorded[0])
            print(f"jixiao verify: inbox {inbox} (recorded by load {recorded[1]}; "
                  "--inbox DIR checks another)", flush=True)
        if not inbox.is_dir():
            hint = "" if args.inbox else " (give the inbox with --inbox DIR, or --no-inbox)"
            print(f"jixiao verify: 收件夹不存在 inbox folder not found: {inbox}{hint}", file=sys.stderr)
            return 2
        # The same walk and the same absolute paths as jixiao ingest, so paths match the ledger.
        files = [InboxFile(str(p), *sha256_of(p)) for p in discover(inbox)]
    try:
        report = verify(Path(settings.warehouse), files)
    except WarehouseMissing as exc:
        print(f"jixiao verify: {exc}", file=sys.stderr)
        return 2
    print(report.render(), end="")
    return 0 if report.ok else 1
