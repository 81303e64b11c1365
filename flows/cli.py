"""`jixiao` command line: a thin layer over the library.

Each sub-command lives in flows/commands/<name>.py and exposes `register(subparsers)`,
which adds its parser and sets `func` to a callable taking the parsed args and returning
the exit status. Adding a command is adding a module to COMMANDS.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS = [
    "extract", "ingest", "serve", "demo", "sql", "export", "feedback", "verify", "lake", "upgrade",
]


def build_parser() -> argparse.ArgumentParser:
    """Return the parser with every available sub-command registered."""
    parser = argparse.ArgumentParser(
        prog="jixiao",
        description="绩效 jixiao: county budget performance-target submissions into a DuckDB warehouse.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"flows.commands.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one `jixiao` command and return its exit status."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("jixiao: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
