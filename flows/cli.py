"""`jixiao` command line: a thin layer over the library.

Each sub-command lives in flows/commands/<name>.py and exposes `register(subparsers)`,
which adds its parser and sets `func` to a callable taking the parsed args and returning
the exit status. Adding a command is adding a module to COMMANDS.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from flows import interrupts
from flows.environment import command_environment
from flows.settings import unknown_variables, unknown_variables_warning

COMMANDS = [
    "extract", "explain", "ingest", "serve", "demo", "sql", "export", "feedback", "report", "verify",
    "lake", "bi", "upgrade", "withdraw",
]


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """Return the parser with every available sub-command registered, or only `only`'s."""
    parser = argparse.ArgumentParser(
        prog="jixiao",
        description="绩效 jixiao: county budget performance-target submissions into a DuckDB warehouse.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in [only] if only in COMMANDS else COMMANDS:
        importlib.import_module(f"flows.commands.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one `jixiao` command and return its exit status."""
    argv = sys.argv[1:] if argv is None else argv
    # A command named first needs only its own module: the thirteen others' imports cost
    # `jixiao extract` a third of its start-up (benchmarks/startup.py). Anything else (--help,
    # a typo) gets the whole parser, which lists every command.
    args = build_parser(argv[0] if argv else None).parse_args(argv)
    if unknown := unknown_variables():
        print(unknown_variables_warning(unknown), file=sys.stderr)
    # Before any command imports Prefect, which reads its settings once.
    with command_environment(verbose=getattr(args, "verbose", False)), interrupts.handled():
        try:
            return int(args.func(args) or 0)
        except BrokenPipeError:  # `jixiao sql … | head`: the reader left; no traceback, no flush error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 141  # 128 + SIGPIPE, as a shell reports a command its pipe's reader closed
        except KeyboardInterrupt:
            status = interrupts.interrupted_status()
            if status is None:  # raised without our handler (another thread's signal mask ...)
                print("jixiao: interrupted", file=sys.stderr)
                return 130
            return status
        except Exception:
            # Our interrupt, raised inside a library that wraps what it catches (pydantic's serializer
            # while `import prefect` reads its settings), comes out as that library's error.
            status = interrupts.interrupted_status()
            if status is None:
                raise
            return status


if __name__ == "__main__":
    sys.exit(main())
